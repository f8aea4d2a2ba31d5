"""A TLS-terminating TCP relay on 127.0.0.1 with a throwaway self-signed certificate (made by the openssl CLI).

`with TlsRelay(upstream_port, tmp_path) as relay:` listens on `relay.port` with a certificate for 127.0.0.1 whose
PEM (its own CA) is `relay.ca_file`, and pipes each connection's bytes to 127.0.0.1:upstream_port. It stops
itself after `lifetime` seconds at the latest.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """Write a self-signed certificate for IP 127.0.0.1 and its key; return (cert, key)."""
    cert, key = folder / "relay-cert.pem", folder / "relay-key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


class TlsRelay:
    def __init__(self, upstream_port: int, folder: Path, lifetime: float = 60.0) -> None:
        self.upstream_port = upstream_port
        self.ca_file, key = make_certificate(folder)
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(self.ca_file, key)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.5)
        self.port = self.listener.getsockname()[1]
        self.deadline = time.monotonic() + lifetime
        self.stopped = threading.Event()
        self.handshakes = 0
        self.refused = 0
        self.sockets: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> TlsRelay:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join(5)
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.close()

    def _serve(self) -> None:
        with self.listener:
            while not self.stopped.is_set() and time.monotonic() < self.deadline:
                try:
                    raw, _ = self.listener.accept()
                except TimeoutError:
                    continue
                threading.Thread(target=self._relay, args=(raw,), daemon=True).start()

    def _relay(self, raw: socket.socket) -> None:
        raw.settimeout(10)
        try:
            downstream = self.context.wrap_socket(raw, server_side=True)
        except (OSError, ssl.SSLError):
            self.refused += 1  # the client did not trust the certificate
            raw.close()
            return
        self.handshakes += 1
        downstream.settimeout(None)
        upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10)
        upstream.settimeout(None)
        self.sockets += [downstream, upstream]
        threading.Thread(target=self._pump, args=(upstream, downstream), daemon=True).start()
        self._pump(downstream, upstream)

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
