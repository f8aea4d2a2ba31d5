"""A hostile HTTP server on loopback for the hardening tests: each test says, per request, what raw bytes to send.

`with HostileServer(handler) as server:` starts it; `handler(method, path, headers)` returns an `Answer` (status,
headers, body, and optionally a per-byte drip delay). Every connection is bounded in time and the server stops
when the block ends, so no test can leave it running.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    drip: float = 0.0  # seconds between body bytes (0: send at once)
    content_length: bool = True


Handler = Callable[[str, str, dict[str, str]], Answer]


class HostileServer:
    """Answers each request with what its handler returns; records (method, path, headers) of every request."""

    def __init__(self, handler: Handler, max_seconds: float = 30.0) -> None:
        self.handler = handler
        self.max_seconds = max_seconds
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._sock.getsockname()[1]}"

    def __enter__(self) -> HostileServer:
        self._started = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        self._sock.close()

    def _expired(self) -> bool:
        return self._stop.is_set() or time.monotonic() - self._started > self.max_seconds

    def _serve(self) -> None:
        while not self._expired():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._connection, args=(conn,), daemon=True).start()

    def _connection(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        buffer = b""
        try:
            while not self._expired():
                while b"\r\n\r\n" not in buffer:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    buffer += chunk
                head, buffer = buffer.split(b"\r\n\r\n", 1)
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
                length = int(headers.get("content-length", "0"))
                while len(buffer) < length:
                    buffer += conn.recv(65536)
                buffer = buffer[length:]
                self.requests.append((method, path, headers))
                self._answer(conn, self.handler(method, path, headers))
        except OSError:
            pass
        finally:
            conn.close()

    def _answer(self, conn: socket.socket, answer: Answer) -> None:
        headers = dict(answer.headers)
        if answer.content_length:
            headers.setdefault("Content-Length", str(len(answer.body)))
        head = f"HTTP/1.1 {answer.status} X\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        conn.sendall(head.encode("latin-1"))
        if not answer.drip:
            conn.sendall(answer.body)
            return
        for byte in answer.body:
            if self._expired():
                return
            conn.sendall(bytes([byte]))
            time.sleep(answer.drip)


def json_answer(text: str, status: int = 200, **headers: str) -> Answer:
    return Answer(status, {"Content-Type": "application/json", **headers}, text.encode())
