"""A small hostile HTTP(S) server on 127.0.0.1 for the download tests (https too): it answers from a function of the path.

Bounded: it serves on 127.0.0.1 only and stops itself after `lifetime` seconds even if a test forgets to.
`with HostileServer(answer) as server:`; `server.url` is its root, `server.paths` the paths it was asked for.
"""

from __future__ import annotations

import contextlib
import json
import ssl
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Answer = tuple[int, dict[str, str], bytes]


def json_answer(data: Any, status: int = 200) -> Answer:
    return status, {"Content-Type": "application/json"}, json.dumps(data).encode()


def file_answer(body: bytes, content_type: str = "application/octet-stream", **headers: str) -> Answer:
    return 200, {"Content-Type": content_type, **headers}, body


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up (a refused download) is expected


class HostileServer:
    """Serve `answer(path) -> (status, headers, body)` on 127.0.0.1 (https when given an SSL context)."""

    def __init__(
        self,
        answer: Callable[[str], Answer],
        ssl_context: ssl.SSLContext | None = None,
        lifetime: float = 60.0,
    ) -> None:
        self.answer = answer
        self.paths: list[str] = []
        self.server = _Server(("127.0.0.1", 0), self._handler())
        if ssl_context is not None:
            self.server.socket = ssl_context.wrap_socket(self.server.socket, server_side=True)
        self.scheme = "https" if ssl_context is not None else "http"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.timer = threading.Timer(lifetime, self.server.shutdown)
        self.timer.daemon = True

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> HostileServer:
        self.thread.start()
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                owner.paths.append(self.path)
                status, headers, body = owner.answer(self.path)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(OSError):  # a client that hung up (a refused download)
                    self.wfile.write(body)

        return Handler
