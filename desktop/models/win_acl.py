"""Owner-only files and folders on Windows, through the Windows API (``ctypes``, no dependency).

``chmod`` does nothing useful on Windows: who may read a file is its ACL, by default inherited
from the folder above (a data folder under ``C:\\ZhanchiData`` would inherit "Users: read").  Here a
path gets a *protected* DACL (inheritance from above cut) with one entry: full control for the
account the program runs as.  A folder's entry is inherited by what is created inside it (object
and container inherit), so files written there later are owner-only without further calls.

Used on Windows only (``desktop.models.files`` checks ``sys.platform``); the SDDL helpers are
plain text functions and tested everywhere.
"""

from __future__ import annotations

import ctypes
import re
import sys
from ctypes import wintypes
from pathlib import Path
from typing import Any

SE_FILE_OBJECT = 1
DACL_SECURITY_INFORMATION = 0x00000004
PROTECTED_DACL_SECURITY_INFORMATION = 0x80000000
SDDL_REVISION_1 = 1
TOKEN_QUERY = 0x0008
TOKEN_USER_CLASS = 1  # TOKEN_INFORMATION_CLASS.TokenUser
PROGRESS_INVOKE_NEVER = 1  # PROG_INVOKE_SETTING.ProgressInvokeNever
ERROR_SUCCESS = 0

_ACE = re.compile(r"\(([^()]*)\)")


class _SidAndAttributes(ctypes.Structure):
    """TOKEN_USER: one SID_AND_ATTRIBUTES."""

    _fields_ = [("Sid", ctypes.c_void_p), ("Attributes", wintypes.DWORD)]


def owner_only_sddl(sid: str, *, directory: bool) -> str:
    """The DACL wanted, in SDDL: protected (P), one allow entry of full access (FA) for ``sid``,
    inherited by files (OI) and folders (CI) created inside a folder."""
    return f"D:P(A;{'OICI' if directory else ''};FA;;;{sid})"


def is_owner_only(sddl: str, sid: str) -> bool:
    """Whether a DACL in SDDL (as Windows writes it back, e.g. ``D:PAI(A;OICI;FA;;;S-…)``) is
    protected and allows ``sid`` alone."""
    if not sddl.startswith("D:"):
        return False
    flags = sddl[2:].split("(", 1)[0]
    aces = [ace.split(";") for ace in _ACE.findall(sddl)]
    return "P" in flags and bool(aces) and all(ace[0] == "A" and ace[-1] == sid for ace in aces)


def _api() -> tuple[Any, Any]:
    """advapi32 and kernel32 with the signatures used here (64-bit handles and pointers intact)."""
    if sys.platform != "win32":
        raise OSError("Windows ACLs exist only on Windows")
    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    pointer, dword, bool_, handle = ctypes.c_void_p, wintypes.DWORD, wintypes.BOOL, wintypes.HANDLE
    signatures: list[tuple[Any, str, list[Any], Any]] = [
        (kernel32, "GetCurrentProcess", [], handle),
        (kernel32, "CloseHandle", [handle], bool_),
        (kernel32, "LocalFree", [pointer], pointer),
        (advapi32, "OpenProcessToken", [handle, dword, ctypes.POINTER(handle)], bool_),
        (advapi32, "GetTokenInformation", [handle, ctypes.c_int, pointer, dword, ctypes.POINTER(dword)], bool_),
        (advapi32, "ConvertSidToStringSidW", [pointer, ctypes.POINTER(wintypes.LPWSTR)], bool_),
        (advapi32, "GetNamedSecurityInfoW",
         [wintypes.LPCWSTR, ctypes.c_int, dword, pointer, pointer, pointer, pointer, ctypes.POINTER(pointer)], dword),
        (advapi32, "ConvertSecurityDescriptorToStringSecurityDescriptorW",
         [pointer, dword, dword, ctypes.POINTER(wintypes.LPWSTR), pointer], bool_),
        (advapi32, "ConvertStringSecurityDescriptorToSecurityDescriptorW",
         [wintypes.LPCWSTR, dword, ctypes.POINTER(pointer), pointer], bool_),
        (advapi32, "GetSecurityDescriptorDacl",
         [pointer, ctypes.POINTER(bool_), ctypes.POINTER(pointer), ctypes.POINTER(bool_)], bool_),
        (advapi32, "SetNamedSecurityInfoW",
         [wintypes.LPWSTR, ctypes.c_int, dword, pointer, pointer, pointer, pointer], dword),
        (advapi32, "TreeResetNamedSecurityInfoW",
         [wintypes.LPWSTR, ctypes.c_int, dword, pointer, pointer, pointer, pointer, bool_, pointer, ctypes.c_int,
          pointer], dword),
    ]
    for dll, name, argtypes, restype in signatures:
        function = getattr(dll, name)
        function.argtypes, function.restype = argtypes, restype
    return advapi32, kernel32


def _failed(what: str, code: int | None = None) -> OSError:
    if sys.platform != "win32":
        return OSError(what)
    return ctypes.WinError(ctypes.get_last_error() if code is None else code, what)


def current_user_sid() -> str:
    """The SID of the account this process runs as, in its string form (S-1-5-21-…)."""
    advapi32, kernel32 = _api()
    token = wintypes.HANDLE()
    if not advapi32.OpenProcessToken(kernel32.GetCurrentProcess(), TOKEN_QUERY, ctypes.byref(token)):
        raise _failed("OpenProcessToken")
    try:
        needed = wintypes.DWORD()
        advapi32.GetTokenInformation(token, TOKEN_USER_CLASS, None, 0, ctypes.byref(needed))
        buffer = ctypes.create_string_buffer(needed.value)
        if not advapi32.GetTokenInformation(token, TOKEN_USER_CLASS, ctypes.cast(buffer, ctypes.c_void_p),
                                            needed, ctypes.byref(needed)):
            raise _failed("GetTokenInformation")
        user = _SidAndAttributes.from_buffer(buffer)
        text = wintypes.LPWSTR()
        if not advapi32.ConvertSidToStringSidW(user.Sid, ctypes.byref(text)):
            raise _failed("ConvertSidToStringSidW")
        try:
            return str(text.value)
        finally:
            kernel32.LocalFree(ctypes.cast(text, ctypes.c_void_p))
    finally:
        kernel32.CloseHandle(token)


def read_dacl(path: Path) -> str:
    """The DACL of ``path`` in SDDL."""
    advapi32, kernel32 = _api()
    descriptor = ctypes.c_void_p()
    status = advapi32.GetNamedSecurityInfoW(str(path), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, None, None,
                                            None, None, ctypes.byref(descriptor))
    if status != ERROR_SUCCESS:
        raise _failed(f"GetNamedSecurityInfoW {path}", status)
    try:
        text = wintypes.LPWSTR()
        if not advapi32.ConvertSecurityDescriptorToStringSecurityDescriptorW(
                descriptor, SDDL_REVISION_1, DACL_SECURITY_INFORMATION, ctypes.byref(text), None):
            raise _failed("ConvertSecurityDescriptorToStringSecurityDescriptorW")
        try:
            return str(text.value)
        finally:
            kernel32.LocalFree(ctypes.cast(text, ctypes.c_void_p))
    finally:
        kernel32.LocalFree(descriptor)


def restrict(path: Path, *, directory: bool, whole_tree: bool = False) -> bool:
    """Give ``path`` the owner-only DACL; True when it did not have it before.  ``whole_tree`` (a
    folder) also resets everything inside to inherit it, explicit entries removed
    (``TreeResetNamedSecurityInfoW``); otherwise Windows passes the folder's new inheritable entry
    on to what inherits from it (``SetNamedSecurityInfoW``)."""
    advapi32, kernel32 = _api()
    sid = current_user_sid()
    had = is_owner_only(read_dacl(path), sid)
    if had and not whole_tree:
        return False
    descriptor = ctypes.c_void_p()
    if not advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW(
            owner_only_sddl(sid, directory=directory), SDDL_REVISION_1, ctypes.byref(descriptor), None):
        raise _failed("ConvertStringSecurityDescriptorToSecurityDescriptorW")
    try:
        present, defaulted, dacl = wintypes.BOOL(), wintypes.BOOL(), ctypes.c_void_p()
        if not advapi32.GetSecurityDescriptorDacl(descriptor, ctypes.byref(present), ctypes.byref(dacl),
                                                  ctypes.byref(defaulted)):
            raise _failed("GetSecurityDescriptorDacl")
        info = DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION
        if whole_tree:
            status = advapi32.TreeResetNamedSecurityInfoW(str(path), SE_FILE_OBJECT, info, None, None, dacl, None,
                                                          False, None, PROGRESS_INVOKE_NEVER, None)
        else:
            status = advapi32.SetNamedSecurityInfoW(str(path), SE_FILE_OBJECT, info, None, None, dacl, None)
        if status != ERROR_SUCCESS:
            raise _failed(f"SetNamedSecurityInfoW {path}", status)
    finally:
        kernel32.LocalFree(descriptor)
    return not had
