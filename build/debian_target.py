"""Build the bundle inside an old Debian root, so that it runs on the systems offices use.

A Linux bundle needs a glibc at least as new as the build machine's: built on Debian 12 it needs 2.36,
and Kylin V10 has 2.31, UOS 20 2.28.  ``python build/build.py --target debian11`` therefore:

1. makes a Debian 11 (bullseye, glibc 2.31) root with ``debootstrap`` (``minbase``), once;
2. copies it to a builder root, installs the compiler and the libraries Qt's plugins link to, and builds
   Python 3.11 there from bookworm's ``python3.11`` source package (bullseye has only 3.9), once;
3. makes a virtual environment there from the target's constraints file (``build/constraints/``:
   PySide6 6.9.3 on x86-64, the newest with ``manylinux_2_28`` wheels; 6.8.0.2 on ARM64), again only
   when that file changes;
4. copies the checkout into the builder and runs ``build/build.py`` there (the host build, unchanged),
   then copies ``dist/zhanchi/`` out.

Everything lives under ``build/cache/<target>/`` (git-ignored; about 2.5 GB).  Commands run in the roots
through ``unshare --mount`` + ``chroot``: /proc and the other mounts exist only in that mount
namespace and vanish with it, so no mount of the host's is ever left under a folder this removes.
Needs root (as CI and the build machines have), ``debootstrap`` and, for ARM64 on x86-64,
``qemu-user-static`` (Linux 6.7 or later: the emulator is registered in a user namespace of the build's
own, never on the host).
"""

from __future__ import annotations

import hashlib
import os
import platform
import shlex
import shutil
import subprocess
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "build" / "cache"
CONSTRAINTS = ROOT / "build" / "constraints"
MIRROR = "http://deb.debian.org/debian"
SECURITY_MIRROR = "http://deb.debian.org/debian-security"
PYTHON_PREFIX = "/opt/zhanchi-python"
VENV = "/opt/zhanchi-venv"
SOURCE = "/src"  # the checkout's copy inside the builder
HOST_CA = "/etc/ssl/certs/ca-certificates.crt"
ROOT_CA = "/etc/ssl/host-ca-certificates.crt"  # the host's CA bundle, for pip in the root

# What builds Python (the libraries of its C modules) and what PyInstaller copies into the bundle
# beside Qt: the X11/xcb, fontconfig, D-Bus, GLib and CUPS libraries its plugins link to.
BUILD_PACKAGES = (
    "build-essential", "pkg-config", "dpkg-dev", "ca-certificates", "binutils", "xz-utils",
    "libssl-dev", "libffi-dev", "zlib1g-dev", "libbz2-dev", "liblzma-dev", "libsqlite3-dev", "libexpat1-dev",
    "libmpdec-dev", "libncursesw5-dev", "libreadline-dev", "uuid-dev", "libgdbm-dev",
)
QT_RUNTIME_PACKAGES = (
    "libegl1", "libgl1", "libxkbcommon0", "libfontconfig1", "libfreetype6", "libdbus-1-3", "libglib2.0-0",
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-randr0",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1", "libxkbcommon-x11-0", "libxcb-xinerama0",
    "libxcb-xinput0", "libcups2", "libwayland-client0", "libwayland-cursor0", "libwayland-egl1",
    # Qt 6.8's xcb plugin (the ARM64 line) links the X session management libraries.
    "libsm6", "libice6",
)
# A bare office PC as the bundle's check sees it: minbase and the OpenGL/EGL every desktop has.
BARE_PACKAGES = ("libegl1", "libgl1", "fontconfig-config")


@dataclass(frozen=True)
class Target:
    name: str  # as given to --target
    suite: str  # Debian release name
    arch: str  # Debian architecture
    glibc: str  # the highest glibc version the bundle may need (the root's)
    # Whether the root takes bullseye-security's updates: the mirror reached here serves them for
    # amd64 only (arm64 gets 404), so the ARM64 root stays at the last point release, 11.11.
    security: bool = True

    @property
    def cache(self) -> Path:
        return CACHE / f"{self.name}-{self.arch}"

    @property
    def constraints(self) -> Path:
        return CONSTRAINTS / f"{self.name}-{self.arch}.txt"

    @property
    def foreign(self) -> bool:
        """Whether the root's programs need an emulator here (ARM64 on an x86-64 machine)."""
        return self.arch != host_arch()

    @property
    def qemu(self) -> str:
        return {"arm64": "qemu-aarch64-static", "amd64": "qemu-x86_64-static"}[self.arch]


TARGETS = {
    "debian11": Target("debian11", "bullseye", "amd64", "2.31"),
    "debian11-arm64": Target("debian11", "bullseye", "arm64", "2.31", security=False),
}


def host_arch() -> str:
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def log(message: str) -> None:
    print(f"[debian] {message}", flush=True)


# --- running commands in a root -----------------------------------------------------------


def _mounts_under(folder: Path) -> list[str]:
    prefix = str(folder.resolve()) + "/"
    with open("/proc/self/mounts", encoding="utf-8") as mounts:
        points = [line.split()[1] for line in mounts]
    return [point for point in points if (point + "/").startswith(prefix)]


def remove_root(folder: Path) -> None:
    """Remove a root folder, refusing if anything is mounted under it (a bound /dev or /tmp would be
    emptied with it)."""
    if not folder.exists():
        return
    mounted = _mounts_under(folder)
    if mounted:
        raise RuntimeError(f"refusing to remove {folder}: still mounted there: {', '.join(mounted)}")
    shutil.rmtree(folder)


def chroot_command(root: Path, command: Sequence[str], *, binds: Iterable[tuple[Path, str]] = ()) -> list[str]:
    """The host command that runs ``command`` inside ``root``: a private mount namespace gets /proc,
    /dev/shm and the given bind mounts (host folder, path inside), which vanish when it ends."""
    lines = ['set -e', 'r=$1', 'shift', 'mount -t proc proc "$r/proc"', 'mount -t tmpfs tmpfs "$r/dev/shm"',
             'mount -t tmpfs tmpfs "$r/tmp"']
    for host, inside in binds:
        lines.append(f'mkdir -p "$r"{shlex.quote(inside)}')
        lines.append(f'mount --bind {shlex.quote(str(host))} "$r"{shlex.quote(inside)}')
    lines.append('exec chroot "$r" "$@"')
    return ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", "\n".join(lines), "sh",
            str(root), *command]


def root_env(**extra: str) -> dict[str, str]:
    """A clean environment for the root's programs (nothing of the host's venv or locale)."""
    env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root",
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "DEBIAN_FRONTEND": "noninteractive", "TERM": "dumb"}
    env.update(extra)
    return env


def pip_env() -> dict[str, str]:
    return root_env(PIP_CERT=ROOT_CA, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_DEFAULT_TIMEOUT="180")


def in_root(root: Path, command: Sequence[str], *, env: dict[str, str] | None = None,
            binds: Iterable[tuple[Path, str]] = (), capture: bool = False, check: bool = True,
            timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``command`` in a root of the host's processor."""
    if not capture:
        log("# " + " ".join(command))
    return subprocess.run(chroot_command(root, command, binds=binds), env=env or root_env(),
                          capture_output=capture, text=True, check=check, timeout=timeout)


def host(command: Sequence[str | Path], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    log("+ " + " ".join(map(str, command)))
    return subprocess.run(list(map(str, command)), check=True, text=True, **kwargs)


def copy_root(source: Path, dest: Path) -> None:
    """A copy of a root (hard links would share dpkg's files between roots: a real copy)."""
    remove_root(dest)
    host(["cp", "-a", "--reflink=auto", source, dest])


# --- the roots ----------------------------------------------------------------------------


def _stamp(folder: Path, name: str) -> Path:
    return folder / f".zhanchi-{name}"


def _sources(target: Target, *, with_bookworm_source: bool = False) -> str:
    lines = [f"deb {MIRROR} {target.suite} main"]
    if target.security:
        lines.append(f"deb {SECURITY_MIRROR} {target.suite}-security main")
    if with_bookworm_source:
        # Python 3.11 from the next release's source package (with its security fixes).
        # (bookworm-security's sources are not on the mirror: its fixes reach main at point releases.)
        lines += [f"deb-src {MIRROR} bookworm main"]
    return "\n".join(lines) + "\n"


def _write_sources(root: Path, target: Target, *, with_bookworm_source: bool = False) -> None:
    (root / "etc/apt/sources.list").write_text(_sources(target, with_bookworm_source=with_bookworm_source))
    # Name resolution for apt and pip inside the root, and pip trusts what the host trusts (a site's
    # TLS-inspecting proxy has its own CA there).
    shutil.copyfile("/etc/resolv.conf", root / "etc/resolv.conf")
    if Path(HOST_CA).is_file():
        (root / ROOT_CA.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(HOST_CA, root / ROOT_CA.lstrip("/"))


def minbase(target: Target) -> Path:
    """The untouched ``debootstrap --variant=minbase`` root (made once, ~30 s)."""
    folder = target.cache / "minbase"
    if _stamp(target.cache, "minbase").is_file():
        return folder
    if shutil.which("debootstrap") is None:
        raise RuntimeError("debootstrap is missing: apt-get install debootstrap")
    target.cache.mkdir(parents=True, exist_ok=True)
    partial = target.cache / "minbase.tmp"
    remove_root(partial)
    started = time.monotonic()
    if target.foreign:
        _foreign_debootstrap(target, partial)
    else:
        host(["debootstrap", "--variant=minbase", f"--arch={target.arch}", target.suite, partial, MIRROR],
             stdout=subprocess.DEVNULL)
    remove_root(folder)
    partial.rename(folder)
    _write_sources(folder, target)
    _stamp(target.cache, "minbase").write_text(f"{time.monotonic() - started:.0f} s\n")
    log(f"minbase root made in {time.monotonic() - started:.0f} s")
    return folder


def _foreign_debootstrap(target: Target, folder: Path) -> None:
    """First stage on the host, second stage under the emulator (ARM64 on x86-64)."""
    host(["debootstrap", "--foreign", "--variant=minbase", f"--arch={target.arch}", target.suite, folder, MIRROR],
         stdout=subprocess.DEVNULL)
    shutil.copy2(f"/usr/bin/{target.qemu}", folder / "usr/bin" / target.qemu)
    # container=lxc: debootstrap then needs no mknod (refused in a user namespace); the device nodes of
    # the first stage are there already.
    emulated_shell(folder, target, "container=lxc /debootstrap/debootstrap --second-stage")


def emulated_shell(root: Path, target: Target, script: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a foreign root: the emulator is registered for the root's programs (binfmt_misc)
    in a user namespace of its own (Linux 6.7+), so every program the script starts runs emulated and
    nothing is registered on the host."""
    return foreign_run(root, target, ["/bin/sh", "-ec", script], **kwargs)


BINFMT = {  # qemu's own registration strings (magic and mask of an ELF of that machine)
    "arm64": (r"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00",
              r"\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff"),
}


def foreign_run(root: Path, target: Target, command: Sequence[str], *, env: dict[str, str] | None = None,
                binds: Iterable[tuple[Path, str]] = (), capture: bool = False, check: bool = True,
                timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    magic, mask = BINFMT[target.arch]
    emulator = f"/usr/bin/{target.qemu}"
    if not Path(emulator).is_file():
        raise RuntimeError(f"{emulator} is missing: apt-get install qemu-user-static")
    # F: the emulator is opened now, so it need not exist inside the root at run time.
    rule = f":zhanchi-{target.arch}:M::{magic}:{mask}:{emulator}:F"
    lines = ['set -e', 'r=$1', 'shift', 'mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc',
             f"printf '%s' {shlex.quote(rule)} > /proc/sys/fs/binfmt_misc/register",
             'mount -t proc proc "$r/proc"', 'mount -t tmpfs tmpfs "$r/dev/shm"', 'mount -t tmpfs tmpfs "$r/tmp"']
    for host_path, inside in binds:
        lines.append(f'mkdir -p "$r"{shlex.quote(inside)}')
        lines.append(f'mount --bind {shlex.quote(str(host_path))} "$r"{shlex.quote(inside)}')
    lines.append('exec chroot "$r" "$@" </dev/null')
    inner = ["unshare", "--mount", "--pid", "--fork", "--propagation", "private", "--mount-proc", "--",
             "sh", "-c", "\n".join(lines), "sh", str(root), *command]
    # A user namespace of our own (binfmt_misc has one per user namespace), its users mapped one to one
    # so that dpkg can give files to _apt, shadow and the others: the first shell waits until we have
    # written the map (root may write any), then runs the rest with root's full rights in it.
    argv = ["unshare", "--user", "--", "sh", "-c", 'read go && exec "$@"', "sh", *inner]
    if not capture:
        log("# (emulated) " + " ".join(command))
    process = subprocess.Popen(argv, env=env or root_env(), stdin=subprocess.PIPE, text=True,
                               stdout=subprocess.PIPE if capture else None,
                               stderr=subprocess.PIPE if capture else None)
    own = os.readlink("/proc/self/ns/user")
    deadline = time.monotonic() + 10
    while os.readlink(f"/proc/{process.pid}/ns/user") == own:
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            raise RuntimeError("unshare --user did not start")
        time.sleep(0.01)
    for name in ("uid_map", "gid_map"):
        Path(f"/proc/{process.pid}/{name}").write_text("0 0 65536\n")
    try:
        stdout, stderr = process.communicate(input="go\n", timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    result = subprocess.CompletedProcess(argv, process.returncode, stdout, stderr)
    if check:
        result.check_returncode()
    return result


def run_in(root: Path, target: Target, command: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run in a root of the host's processor natively, in a foreign one emulated."""
    if target.foreign:
        return foreign_run(root, target, command, **kwargs)
    return in_root(root, command, **kwargs)


def sh_in(root: Path, target: Target, script: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return run_in(root, target, ["/bin/sh", "-ec", script], **kwargs)


def apt_install(root: Path, target: Target, packages: Iterable[str]) -> None:
    names = " ".join(packages)
    sh_in(root, target, f"apt-get update -qq && apt-get install -y -qq --no-install-recommends {names} >/dev/null"
                        " && apt-get clean")


def bare(target: Target) -> Path:
    """Minbase plus ``BARE_PACKAGES``: the root the package check installs into (a copy of it)."""
    folder = target.cache / "bare"
    if _stamp(target.cache, "bare").is_file():
        return folder
    partial = target.cache / "bare.tmp"
    copy_root(minbase(target), partial)
    apt_install(partial, target, BARE_PACKAGES)
    remove_root(folder)
    partial.rename(folder)
    _stamp(target.cache, "bare").write_text(" ".join(BARE_PACKAGES) + "\n")
    return folder


def builder(target: Target) -> Path:
    """Minbase plus the compiler, Qt's libraries and Python 3.11 in ``PYTHON_PREFIX`` (made once)."""
    folder = target.cache / "builder"
    if _stamp(target.cache, "builder").is_file():
        return folder
    partial = target.cache / "builder.tmp"
    started = time.monotonic()
    copy_root(minbase(target), partial)
    _write_sources(partial, target, with_bookworm_source=True)
    apt_install(partial, target, BUILD_PACKAGES + QT_RUNTIME_PACKAGES)
    log(f"build packages installed in {time.monotonic() - started:.0f} s")
    build_python(partial, target)
    remove_root(folder)
    partial.rename(folder)
    _stamp(target.cache, "builder").write_text(f"{time.monotonic() - started:.0f} s\n")
    return folder


# The Debian patches of bookworm's python3.11 assume Debian's own build (debian/rules); two need help
# in a plain ./configure build:
# - the 2026 expat security patch makes pyexpat use the core's internal headers, so pyexpat (and with it
#   xml.*, plistlib, openpyxl) silently fails to build without -DPy_BUILD_CORE_MODULE;
# - ensurepip is patched to take pip from /usr/share/python-wheels, which is empty here, so
#   ``make install`` must not run it (ENSUREPIP=no; ``python -m venv`` still installs pip).
PYTHON_BUILD = f"""
cd /usr/src
rm -rf python3.11-*
apt-get source -qq python3.11 >/dev/null 2>&1
cd python3.11-*/
t0=$(date +%s)
./configure -q --prefix={PYTHON_PREFIX} --enable-shared --with-system-expat --with-system-libmpdec \
  --with-ensurepip=no LDFLAGS="-Wl,-rpath,{PYTHON_PREFIX}/lib" \
  LIBEXPAT_CFLAGS="-DPy_BUILD_CORE_MODULE" >/dev/null
t1=$(date +%s)
make -s -j$(nproc) >/dev/null 2>make.err || (tail -50 make.err; exit 1)
t2=$(date +%s)
make -s install ENSUREPIP=no >/dev/null 2>install.err || (tail -50 install.err; exit 1)
t3=$(date +%s)
echo "python build: configure $((t1-t0)) s, make $((t2-t1)) s, install $((t3-t2)) s"
{PYTHON_PREFIX}/bin/python3.11 -c "import pyexpat, ssl, sqlite3, ctypes, lzma, bz2, zlib, decimal, uuid, \
readline, curses, xml.etree.ElementTree, _hashlib; print('python ok', ssl.OPENSSL_VERSION, sqlite3.sqlite_version)"
cd /usr/src && rm -rf python3.11-* python3.11_*
"""


def build_python(root: Path, target: Target) -> None:
    started = time.monotonic()
    sh_in(root, target, PYTHON_BUILD)
    log(f"Python 3.11 built in {time.monotonic() - started:.0f} s")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def venv(root: Path, target: Target) -> None:
    """The build's virtual environment, exactly the target's constraints file (remade when it changes)."""
    digest = _digest(target.constraints)
    stamp = _stamp(root, "venv")
    if stamp.is_file() and stamp.read_text().strip() == digest:
        return
    started = time.monotonic()
    inside = f"/mnt/constraints/{target.constraints.name}"
    sh_in(root, target, f"rm -rf {VENV} && {PYTHON_PREFIX}/bin/python3.11 -m venv {VENV} && "
                        f"{VENV}/bin/python -m pip install -q --upgrade pip && "
                        f"{VENV}/bin/python -m pip install -q --no-deps --prefer-binary -r {inside} && "
                        f"{VENV}/bin/python -m pip check",
          binds=[(CONSTRAINTS, "/mnt/constraints")], env=pip_env())
    stamp.write_text(digest + "\n")
    log(f"virtual environment from {target.constraints.relative_to(ROOT)} in {time.monotonic() - started:.0f} s")


# What the build inside the root needs of the checkout.
CHECKOUT_PARTS = ("desktop", "wire", "resources", "scripts", "build/build.py", "build/zhanchi.spec",
                  "build/zhanchi_entry.py", "pyproject.toml")
CHECKOUT_SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache")


def copy_checkout(root: Path) -> None:
    dest = root / SOURCE.lstrip("/")
    shutil.rmtree(dest, ignore_errors=True)  # a real folder of the root, never a mount point
    for part in CHECKOUT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=CHECKOUT_SKIP, symlinks=True)
        else:
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / part)


def build_bundle(target: Target, dist: Path) -> Path:
    """The bundle built in the target's root, copied to ``dist/zhanchi``; returns that folder."""
    root = builder(target)
    venv(root, target)
    copy_checkout(root)
    started = time.monotonic()
    sh_in(root, target, f"cd {SOURCE} && {VENV}/bin/python build/build.py --clean",
          env=root_env(QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1"))
    log(f"bundle built in the {target.suite} root in {time.monotonic() - started:.0f} s")
    bundle = dist / "zhanchi"
    shutil.rmtree(bundle, ignore_errors=True)
    dist.mkdir(parents=True, exist_ok=True)
    shutil.copytree(root / SOURCE.lstrip("/") / "dist" / "zhanchi", bundle, symlinks=True)
    return bundle


def glibc_needs(folder: Path) -> list[tuple[tuple[int, ...], str]]:
    """(highest GLIBC_x.y version needed, file) for every ELF file under ``folder`` that needs one,
    read from its version references (``readelf -V`` reads any processor's ELF files)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with open(path, "rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
        output = subprocess.run(["readelf", "-V", "-W", str(path)], capture_output=True, text=True,
                                check=True).stdout
        needs = output.split("Version needs section", 1)[-1] if "Version needs section" in output else ""
        versions = [tuple(int(part) for part in name.split("_", 1)[1].split("."))
                    for name in _glibc_names(needs)]
        if versions:
            found.append((max(versions), str(path.relative_to(folder))))
    return found


def _glibc_names(text: str) -> list[str]:
    names = []
    for word in text.split():
        if word.startswith("GLIBC_") and word[6:7].isdigit():
            names.append(word)
    return names


def version_text(version: tuple[int, ...]) -> str:
    return ".".join(map(str, version))
