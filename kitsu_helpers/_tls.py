"""TLS verification of the client's connections: verified by default; for a plain-http host (or a CA path) a
context that loads its CA certificates on its first TLS connection (loading them costs ~40 ms at start-up)."""

from __future__ import annotations

import os
import ssl
import threading
import warnings
from typing import Any

from .errors import InsecureConnectionWarning

__all__ = ["LazyCAContext", "tls_verify"]


class LazyCAContext(ssl.SSLContext):
    """A verifying TLS client context that loads its CA certificates on its first TLS connection.

    cafile is a CA file or folder; without it, the CAs httpx uses: $SSL_CERT_FILE, $SSL_CERT_DIR, else certifi."""

    _cafile: str | None
    _ca_loaded: bool
    _ca_lock: threading.Lock

    def __new__(cls, cafile: str | None = None) -> LazyCAContext:
        context = super().__new__(cls, ssl.PROTOCOL_TLS_CLIENT)
        context._cafile = cafile
        context._ca_loaded = False
        context._ca_lock = threading.Lock()
        return context

    def load_ca(self) -> LazyCAContext:
        """Load the CA certificates (once); return the context.

        Returns:
            The same context, now holding its CA certificates.
        """
        if self._ca_loaded:
            return self
        with self._ca_lock:
            if not self._ca_loaded:
                location = self._cafile or os.environ.get("SSL_CERT_FILE") or os.environ.get("SSL_CERT_DIR")
                if location is None:
                    import certifi

                    location = certifi.where()
                if os.path.isdir(location):
                    self.load_verify_locations(capath=location)
                else:
                    self.load_verify_locations(cafile=location)
                self._ca_loaded = True
        return self

    def wrap_socket(self, *args: Any, **kwargs: Any) -> ssl.SSLSocket:
        """Load the CAs if not done yet, then wrap the socket like ``ssl.SSLContext.wrap_socket``.

        Args:
            *args: The arguments of ``ssl.SSLContext.wrap_socket``.
            **kwargs: Its keyword arguments.

        Returns:
            The ``ssl.SSLSocket``.
        """
        self.load_ca()
        return super().wrap_socket(*args, **kwargs)

    def wrap_bio(self, *args: Any, **kwargs: Any) -> ssl.SSLObject:
        """Load the CAs if not done yet, then wrap the BIOs like ``ssl.SSLContext.wrap_bio``.

        Args:
            *args: The arguments of ``ssl.SSLContext.wrap_bio``.
            **kwargs: Its keyword arguments.

        Returns:
            The ``ssl.SSLObject``.
        """
        self.load_ca()
        return super().wrap_bio(*args, **kwargs)


def tls_verify(host: str, ssl_verify: bool | str) -> bool | ssl.SSLContext:
    """The TLS verification setting: for a plain-http host, a verifying context that loads its CAs lazily.

    Loading the CA bundle costs ~40 ms at start-up and a plain-http host rarely needs it: the context loads the
    same CAs httpx would (SSL_CERT_FILE, SSL_CERT_DIR, else certifi's bundle), or the CA file or folder given as
    ssl_verify, on the first https connection (a download redirected to https storage). ssl_verify=False on an
    https host warns (InsecureConnectionWarning).

    Args:
        host: The API URL.
        ssl_verify: True, False, or the path of a CA file or folder.

    Returns:
        False, True, or a ``LazyCAContext`` (for a plain-http host, or for a CA path).
    """
    if ssl_verify is False:
        if host.startswith("https://"):
            warnings.warn(
                f"TLS certificate verification is off for {host} (ssl_verify=False): anyone on the network path "
                "can read and change the traffic, tokens included",
                InsecureConnectionWarning,
                stacklevel=3,
            )
        return False
    cafile = ssl_verify if isinstance(ssl_verify, str) else None
    if host.startswith("http://"):
        return LazyCAContext(cafile)
    if cafile is not None:  # httpx deprecates verify=<path>: build the context it would build
        return LazyCAContext(cafile).load_ca()
    return True
