/* A stand-in for a vendor's termb library (tests/devices/test_termb_reader.py builds it with gcc).
 *
 * It behaves as the real one does towards its caller, with its "hardware" in files beside it:
 *   port.txt   the port the reader is on (default 1001); InitComm on any other port fails;
 *   card.wz    a card lying on the reader: its text, as wz.txt is written (absent: no card);
 *   card.bmp   that card's photo;
 *   fail.txt   present: Read_Content fails (a card moved away while it was read).
 * Read_Content writes wz.txt and zp.bmp into the folder of the library, as some vendors' do.
 * Every call is appended to calls.log ("InitComm 1001", "Authenticate", ...).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int opened = 0;

static void here(char *out, size_t size, const char *name) {
    Dl_info info;
    char path[4096];
    dladdr((void *)here, &info);
    strncpy(path, info.dli_fname, sizeof(path) - 1);
    path[sizeof(path) - 1] = 0;
    snprintf(out, size, "%s/%s", dirname(path), name);
}

static int exists(const char *name) {
    char path[4096];
    here(path, sizeof(path), name);
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    fclose(f);
    return 1;
}

static void logcall(const char *what, int arg, int with_arg) {
    char path[4096];
    here(path, sizeof(path), "calls.log");
    FILE *f = fopen(path, "a");
    if (!f) return;
    if (with_arg) fprintf(f, "%s %d\n", what, arg); else fprintf(f, "%s\n", what);
    fclose(f);
}

static int copy(const char *from, const char *to) {
    char src[4096], dst[4096], buf[4096];
    size_t n;
    here(src, sizeof(src), from);
    here(dst, sizeof(dst), to);
    FILE *in = fopen(src, "rb");
    if (!in) return 0;
    FILE *out = fopen(dst, "wb");
    if (!out) { fclose(in); return 0; }
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0) fwrite(buf, 1, n, out);
    fclose(in);
    fclose(out);
    return 1;
}

int InitComm(int port) {
    char path[4096];
    int expected = 1001;
    logcall("InitComm", port, 1);
    here(path, sizeof(path), "port.txt");
    FILE *f = fopen(path, "r");
    if (f) { if (fscanf(f, "%d", &expected) != 1) expected = 1001; fclose(f); }
    opened = (port == expected);
    return opened ? 1 : 0;
}

int Authenticate(void) {
    logcall("Authenticate", 0, 0);
    return opened && exists("card.wz") ? 1 : 0;
}

int Read_Content(int active) {
    logcall("Read_Content", active, 1);
    if (!opened || !exists("card.wz") || exists("fail.txt")) return 0;
    if (!copy("card.wz", "wz.txt")) return 0;
    copy("card.bmp", "zp.bmp");
    return 1;
}

int CloseComm(void) {
    logcall("CloseComm", 0, 0);
    opened = 0;
    return 1;
}
