"""The database key sealed with Windows DPAPI (``CryptProtectData``), through ``ctypes``, no dependency.

A DPAPI blob can be unsealed only by the same Windows account (on the same computer, for a local
account; a domain account's master key may roam with its profile).  The key id is passed as the
blob's extra entropy, so a blob copied under another id's name does not unseal.  Used on Windows
only (``keystore`` checks ``sys.platform``); ``tests/models/test_keystore.py`` runs the real calls
there and a stand-in elsewhere.
"""

from __future__ import annotations

import ctypes
import sys
from ctypes import wintypes
from typing import Any

CRYPTPROTECT_UI_FORBIDDEN = 0x01
DESCRIPTION = "zhanchi data folder key"


class _Blob(ctypes.Structure):
    """DATA_BLOB."""

    _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]


def _blob(data: bytes) -> tuple[_Blob, Any]:
    buffer = ctypes.create_string_buffer(data, len(data))
    return _Blob(len(data), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char))), buffer


def _api() -> tuple[Any, Any]:
    if sys.platform != "win32":
        raise OSError("DPAPI exists only on Windows")
    crypt32 = ctypes.WinDLL("crypt32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    blob_p = ctypes.POINTER(_Blob)
    crypt32.CryptProtectData.argtypes = [blob_p, wintypes.LPCWSTR, blob_p, ctypes.c_void_p, ctypes.c_void_p,
                                         wintypes.DWORD, blob_p]
    crypt32.CryptProtectData.restype = wintypes.BOOL
    crypt32.CryptUnprotectData.argtypes = [blob_p, ctypes.c_void_p, blob_p, ctypes.c_void_p, ctypes.c_void_p,
                                           wintypes.DWORD, blob_p]
    crypt32.CryptUnprotectData.restype = wintypes.BOOL
    kernel32.LocalFree.argtypes = [ctypes.c_void_p]
    kernel32.LocalFree.restype = ctypes.c_void_p
    return crypt32, kernel32


def _call(protecting: bool, data: bytes, key_id: str) -> bytes:
    crypt32, kernel32 = _api()
    source, _keep1 = _blob(data)
    entropy, _keep2 = _blob(key_id.encode("ascii"))
    out = _Blob()
    if protecting:
        ok = crypt32.CryptProtectData(ctypes.byref(source), DESCRIPTION, ctypes.byref(entropy), None, None,
                                      CRYPTPROTECT_UI_FORBIDDEN, ctypes.byref(out))
    else:
        ok = crypt32.CryptUnprotectData(ctypes.byref(source), None, ctypes.byref(entropy), None, None,
                                        CRYPTPROTECT_UI_FORBIDDEN, ctypes.byref(out))
    if not ok:
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]
    try:
        return ctypes.string_at(out.pbData, out.cbData)
    finally:
        kernel32.LocalFree(ctypes.cast(out.pbData, ctypes.c_void_p))


def protect(key: bytes, key_id: str) -> bytes:
    """``key`` sealed for the current Windows account."""
    return _call(True, key, key_id)


def unprotect(blob: bytes, key_id: str) -> bytes:
    """The key in ``blob``; ``OSError`` when this account cannot unseal it."""
    return _call(False, blob, key_id)
