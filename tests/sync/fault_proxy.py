"""An HTTP proxy in front of the real central server that misbehaves on request.

Modes (each for ``count`` matching requests after letting ``skip`` of them through, then
back to ``pass``):

- ``unavailable``: answer 503 without asking the server (a server failing for a while);
- ``drop_push``: forward a push, let the server apply it, then cut the connection
  without an answer (a connection lost mid-push);
- ``hold_push``: forward a push, let the server apply it, then signal ``held`` and keep the
  client waiting until ``release`` (to kill the client between sending and recording).
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"}


class FaultProxy:
    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.mode = "pass"
        self.count = 0
        self.skip = 0
        self.seen: list[str] = []  # "METHOD path -> outcome"
        self.held = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._http = httpx.Client(timeout=120, trust_env=False)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                proxy._handle(self)

            def do_POST(self) -> None:  # noqa: N802
                proxy._handle(self)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def set(self, mode: str, count: int = 1, *, skip: int = 0) -> None:
        with self._lock:
            self.mode, self.count, self.skip = mode, count, skip
            self.held.clear()
            self.release.clear()

    def _fault(self, path: str) -> str:
        with self._lock:
            if self.count <= 0 or self.mode == "pass":
                return "pass"
            if self.mode in ("drop_push", "hold_push") and not path.endswith("/push"):
                return "pass"
            if self.skip > 0:
                self.skip -= 1
                return "pass"
            self.count -= 1
            return self.mode

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        fault = self._fault(handler.path)
        self.seen.append(f"{handler.command} {handler.path} -> {fault}")
        if fault == "unavailable":
            payload = b'{"detail":"service unavailable (test)"}'
            handler.send_response(503)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
            return
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in _HOP_BY_HOP | {"host"}}
        response = self._http.request(handler.command, self.upstream + handler.path, content=body, headers=headers)
        if fault == "drop_push":
            handler.close_connection = True  # the server applied it; the client never hears
            return
        if fault == "hold_push":
            self.held.set()
            self.release.wait(60)
            handler.close_connection = True
            return
        handler.send_response(response.status_code)
        for key, value in response.headers.items():
            if key.lower() not in _HOP_BY_HOP:
                handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(response.content)))
        handler.end_headers()
        handler.wfile.write(response.content)

    def close(self) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._http.close()
