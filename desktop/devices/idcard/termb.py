"""The ``termb`` reader library (termb.dll on Windows, libtermb.so on Linux) through ``ctypes``.

Most certified readers' SDKs (神思, 华视, 新中新 … and their OEMs) ship this interface:

    int InitComm(int port)     open the reader: 1001–1016 USB, 1–16 serial; 1 = done
    int Authenticate(void)     find and select the card on it; 1 = a card is there
    int Read_Content(int how)  read it (1: text and photo); 1 = done; writes wz.txt and zp.bmp
    int CloseComm(void)        close the reader

(``__stdcall`` on Windows).  The library writes the card to files, ``wz.txt`` (text, UCS-2, see
``wz``) and ``zp.bmp`` (the decoded photo), in its own folder or the process's current folder
depending on the vendor: both are looked at, the files written by this read are taken, read and
deleted at once (personal data, and the photo is never kept).  One read at a time (a lock): the
library is not re-entrant.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import os
import threading
from pathlib import Path
from typing import Any

from desktop.devices.idcard.card import IdCard, NoCard, ReaderError
from desktop.devices.idcard.wz import parse_wz

USB_PORTS = tuple(range(1001, 1017))
SERIAL_PORTS = tuple(range(1, 17))
TEXT_FILE, PHOTO_FILE = "wz.txt", "zp.bmp"
LIBRARY_NAMES = ("termb.dll",) if os.name == "nt" else ("libtermb.so", "termb.so")


def find_library() -> Path | None:
    """Where the system would load ``termb`` from, when it is installed (None: not found)."""
    found = ctypes.util.find_library("termb")
    return Path(found) if found else None


class TermbReader:
    label = "身份证阅读器（termb）"

    def __init__(self, library: Path | None = None, *, port: int | None = None,
                 output_dirs: tuple[Path, ...] | None = None) -> None:
        self.library = library
        self.port = port  # None: found by trying the USB ports, then the serial ones
        self._output_dirs = output_dirs
        self._lib: Any = None
        self._open_port: int | None = None
        self._lock = threading.Lock()

    # --- the library --------------------------------------------------------------------------

    def _load(self) -> Any:
        if self._lib is not None:
            return self._lib
        target = str(self.library) if self.library is not None else (str(find_library() or LIBRARY_NAMES[0]))
        loader = getattr(ctypes, "WinDLL", ctypes.CDLL) if os.name == "nt" else ctypes.CDLL
        try:
            lib = loader(target)
        except OSError as exc:
            raise ReaderError.of("reader.no_library", library=target, error=exc) from None
        try:
            for name, args in (("InitComm", [ctypes.c_int]), ("Authenticate", []),
                               ("Read_Content", [ctypes.c_int]), ("CloseComm", [])):
                function = getattr(lib, name)
                function.argtypes = args
                function.restype = ctypes.c_int
        except AttributeError as exc:
            raise ReaderError.of("reader.not_termb", library=target, error=exc) from None
        self._lib = lib
        return lib

    def _folders(self) -> tuple[Path, ...]:
        if self._output_dirs is not None:
            return self._output_dirs
        here = Path.cwd()
        if self.library is not None:
            return (self.library.resolve().parent, here)
        return (here,)

    # --- reading ----------------------------------------------------------------------------------

    def _connect(self) -> None:
        if self._open_port is not None:
            return
        lib = self._load()
        for port in ((self.port,) if self.port is not None else USB_PORTS + SERIAL_PORTS):
            if lib.InitComm(port) == 1:
                self._open_port = port
                return
        if self.port is not None:
            raise ReaderError.of("reader.not_connected_port", port=self.port)
        raise ReaderError.of("reader.not_connected")

    def read(self) -> IdCard:
        with self._lock:
            self._connect()
            lib = self._lib
            if lib.Authenticate() != 1:
                raise NoCard.of("reader.no_card")
            self._remove_old()  # so what is there after the read is this read's (no clock is asked)
            if lib.Read_Content(1) != 1:
                self._remove_old()
                raise ReaderError.of("reader.read_failed")
            text, photo = self._take_files()
        return dataclasses.replace(parse_wz(text), photo=photo)

    def _remove_old(self) -> None:
        """Files left by an earlier read (a crash between its writing and our reading) go first."""
        for folder in self._folders():
            for name in (TEXT_FILE, PHOTO_FILE):
                (folder / name).unlink(missing_ok=True)

    def _take_files(self) -> tuple[bytes, bytes]:
        """This read's files: the earlier ones were removed before it (a file's time is not compared with
        the clock's: the two disagree under a test clock, and a PC's clock may be wrong)."""
        for folder in self._folders():
            text_path, photo_path = folder / TEXT_FILE, folder / PHOTO_FILE
            try:
                text = text_path.read_bytes()
            except OSError:
                continue
            try:
                photo = photo_path.read_bytes()
            except OSError:
                photo = b""
            finally:
                text_path.unlink(missing_ok=True)
                photo_path.unlink(missing_ok=True)
            if photo and not photo.startswith(b"BM"):
                photo = b""  # not a decoded picture (a library without its photo decoder): none shown
            return text, photo
        raise ReaderError.of("reader.no_wz_txt")

    def close(self) -> None:
        with self._lock:
            if self._lib is not None and self._open_port is not None:
                self._lib.CloseComm()
            self._open_port = None
