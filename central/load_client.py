"""A lean HTTP/1.1 JSON client for the load generator (``central.loadtest``, issue 19.6).

One simulated counter holds one keep-alive connection, as a real counter's sync client does.  httpx
(what the counter itself uses) cost the generator 1.6 ms of CPU a request — as much as half of what
the server spent — and the generator shares the machine's cores with the server it measures; this
client costs a fraction of that and speaks the same protocol on the wire: requests with a JSON body
and a bearer credential, answers read by their ``Content-Length`` (or chunks).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import ssl
from typing import Any
from urllib.parse import urlsplit


class ConnectionLost(OSError):
    """The server closed the connection before answering."""


class JsonConnection:
    """One keep-alive connection to ``url`` (``http://`` or ``https://``); requests are sent one at a time."""

    def __init__(self, url: str, timeout: float) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.tls = parts.scheme == "https"
        self.port = parts.port or (443 if self.tls else 80)
        self.timeout = timeout
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: Any, headers: dict[str, str] | None = None) -> tuple[int, Any]:
        """(status, the answer's JSON or None).  A kept connection the server closed while idle (its
        keep-alive ran out) is opened again once: nothing of the request reached it."""
        payload = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
        request = (f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Type: application/json\r\n"
                   f"Content-Length: {len(payload)}\r\n{extra}\r\n").encode() + payload
        async with asyncio.timeout(self.timeout):
            reused = self._writer is not None
            try:
                return await self._exchange(request)
            except ConnectionLost:
                if not reused:
                    raise
                return await self._exchange(request)

    async def _exchange(self, request: bytes) -> tuple[int, Any]:
        if self._writer is None or self._reader is None or self._reader.at_eof():
            await self.close()
            context = ssl.create_default_context() if self.tls else None
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port, ssl=context)
        reader, writer = self._reader, self._writer
        try:
            writer.write(request)
            await writer.drain()
            status_line = await reader.readline()
        except (ConnectionResetError, BrokenPipeError) as exc:
            await self.close()
            raise ConnectionLost(str(exc)) from None
        if not status_line:
            await self.close()
            raise ConnectionLost("closed before answering")
        try:
            status, length, chunked, keep = await self._head(reader, status_line)
            data = await (self._chunks(reader) if chunked else reader.readexactly(length))
        except BaseException:
            await self.close()  # a half-read answer leaves the connection unusable
            raise
        if not keep:
            await self.close()
        return status, (json.loads(data) if data else None)

    @staticmethod
    async def _head(reader: asyncio.StreamReader, status_line: bytes) -> tuple[int, int, bool, bool]:
        status = int(status_line.split(b" ", 2)[1])
        length, chunked, keep = 0, False, True
        while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _, value = line.partition(b":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = value == b"chunked"
            elif name == b"connection":
                keep = value != b"close"
        return status, length, chunked, keep

    @staticmethod
    async def _chunks(reader: asyncio.StreamReader) -> bytes:
        parts = []
        while size := int((await reader.readline()).split(b";")[0], 16):
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
        await reader.readline()  # the empty trailer
        return b"".join(parts)

    async def close(self) -> None:
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


__all__ = ["ConnectionLost", "JsonConnection"]
