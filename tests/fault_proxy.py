"""A seeded HTTP fault-injection proxy on loopback, for the reliability tests.

It sits between a client and Zou and, per request, by a seeded random draw: resets the connection before
forwarding, forwards then resets (the server applied it, the client never hears), answers 503 or 502 itself,
stalls before forwarding, cuts a response body half-way, or forwards normally. It counts what it did.
"""

from __future__ import annotations

import http.client
import random
import socket
import struct
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a reset connection is the point, not an error to print


class FaultProxy:
    """Start with `with FaultProxy(upstream_port, rates, seed) as proxy:`; `proxy.url` is its address."""

    def __init__(self, upstream_port: int, rates: dict[str, float] | None = None, seed: int = 7, stall: float = 2.0):
        self.upstream_port = upstream_port
        self.rates = dict(rates or {})
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.stall = stall
        self.counts: Counter[str] = Counter()
        self.forwarded: Counter[str] = Counter()
        self.server = _QuietServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FaultProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def draw(self, method: str) -> str:
        """Pick what happens to the next request (seeded, thread-safe)."""
        with self.lock:
            roll = self.random.random()
        edge = 0.0
        for fault, rate in self.rates.items():
            edge += rate
            if roll < edge and (not fault.startswith("post_") or method == "POST"):
                return fault
        return "ok"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        """The request handler class of this proxy."""
        return type("Handler", (FaultHandler,), {"proxy": self})


class FaultHandler(BaseHTTPRequestHandler):
    """Draws a fault for each request and applies it; `proxy` (set on the subclass a FaultProxy makes) holds the
    rates, the counters and Zou's port."""

    proxy: ClassVar[FaultProxy]
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def do_any(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        fault = self.proxy.draw(self.command)
        with self.proxy.lock:
            self.proxy.counts[fault] += 1
        if self.refused_before_forwarding(fault):
            return None
        status, headers, payload = self.forward(body)
        with self.proxy.lock:
            self.proxy.forwarded[f"{self.command} {self.path.split('?')[0]}"] += 1
        if fault == "reset_after":
            return self.reset()
        self.relay(status, headers, payload, cut=fault == "cut")
        return None

    def refused_before_forwarding(self, fault: str) -> bool:
        """Apply the faults that strike before Zou sees the request; True when the request ends there."""
        if fault in ("reset", "post_reset"):
            self.reset()
            return True
        if fault in ("503", "502"):
            self.answer(int(fault), b"<html><title>Bad gateway or busy</title></html>")
            return True
        if fault == "stall":
            time.sleep(self.proxy.stall)
        return False

    def relay(self, status: int, headers: list[tuple[str, str]], payload: bytes, cut: bool) -> None:
        """Relay Zou's answer; when cut, only its first half, then reset the connection."""
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload[: len(payload) // 2] if cut else payload)
        if cut:
            self.wfile.flush()
            self.reset()

    def forward(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.proxy.upstream_port, timeout=120)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        conn.request(self.command, self.path, body=body or None, headers=headers)
        response = conn.getresponse()
        payload = response.read()
        kept = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP | {"content-length"}]
        conn.close()
        return response.status, kept, payload

    def answer(self, status: int, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def reset(self) -> None:
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_any
