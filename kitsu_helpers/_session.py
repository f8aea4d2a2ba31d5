"""`client.session`: what gazu scripts set on gazu's `requests.Session`, applied to a KitsuClient.

gazu exposes its `requests.Session` as `client.session`, and scripts set `session.verify`, `session.cert`,
`session.proxies` and `session.headers` on it. Here those four are properties of a small object: setting one
changes the client's setting and drops its connection pool, which is rebuilt with the new setting on the next
request. `session.headers` is a live, case-insensitive mapping: an edit applies to the next request. The
request methods (`get`, `post`, ...) go through the client's authenticated httpx pool and return
`httpx.Response` objects (non-2xx answers raise the typed errors, as everywhere in kitsu_helpers).
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any, Protocol

import httpx


class SessionOwner(Protocol):
    """What a Session reads and changes on its client (a KitsuClient): the TLS settings, the pool, close()."""

    ssl_verify: bool | str
    cert: str | tuple[str, str] | None

    @property
    def _http(self) -> httpx.Client | None:
        """The connection pool, or None before the first request."""

    @property
    def http(self) -> httpx.Client:
        """The connection pool, built on first use."""

    def close(self) -> None:
        """Drop the connection pool (the next request builds a new one with the current settings)."""


class SessionHeaders(MutableMapping[str, str]):
    """Extra headers sent with every request of one client (case-insensitive, like requests' headers)."""

    def __init__(self, client: SessionOwner) -> None:
        self._client = client
        self._headers = httpx.Headers()

    def __getitem__(self, key: str) -> str:
        return self._headers[key]

    def __setitem__(self, key: str, value: str) -> None:
        self._headers[key] = value
        live = self._client._http
        if live is not None:
            live.headers[key] = value

    def __delitem__(self, key: str) -> None:
        del self._headers[key]
        live = self._client._http
        if live is not None and key in live.headers:
            del live.headers[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._headers)

    def __len__(self) -> int:
        return len(self._headers)

    def __repr__(self) -> str:
        return f"SessionHeaders({sorted(self._headers)})"  # names only: a header may carry a secret


class SessionProxies(dict[str, str]):
    """requests-style proxies ({"http": url, "https": url, "all": url}); any change rebuilds the client's pool."""

    def __init__(self, client: SessionOwner, value: dict[str, str] | None = None) -> None:
        super().__init__(value or {})
        self._client = client

    def _changed(self) -> None:
        self._client.close()

    def __setitem__(self, key: str, value: str) -> None:
        super().__setitem__(key, value)
        self._changed()

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self._changed()

    def update(self, *args: Any, **kwargs: Any) -> None:
        super().update(*args, **kwargs)
        self._changed()

    def clear(self) -> None:
        super().clear()
        self._changed()

    def pop(self, key: str, *default: Any) -> Any:
        value = super().pop(key, *default)
        self._changed()
        return value

    def setdefault(self, key: str, default: Any = None) -> Any:
        value = super().setdefault(key, default)
        self._changed()
        return value

    def for_url(self, url: str) -> str | None:
        """Return the proxy requests would pick for url (scheme://host, scheme, all://host, all), or None."""
        parsed = httpx.URL(url)
        for key in (f"{parsed.scheme}://{parsed.host}", parsed.scheme, f"all://{parsed.host}", "all"):
            if self.get(key):
                return self[key]
        return None


class Session:
    """gazu's `client.session` settings (verify, cert, proxies, headers) and request methods, for one client."""

    def __init__(self, client: SessionOwner) -> None:
        self._client = client
        self._headers = SessionHeaders(client)
        self._proxies = SessionProxies(client)

    def __repr__(self) -> str:
        return f"Session(verify={self.verify!r}, proxies={sorted(self._proxies)}, headers={sorted(self._headers)})"

    @property
    def verify(self) -> Any:
        return self._client.ssl_verify

    @verify.setter
    def verify(self, value: bool | str) -> None:
        self._client.ssl_verify = value
        self._client.close()

    @property
    def cert(self) -> Any:
        return self._client.cert

    @cert.setter
    def cert(self, value: str | tuple[str, str] | None) -> None:
        self._client.cert = value
        self._client.close()

    @property
    def proxies(self) -> SessionProxies:
        return self._proxies

    @proxies.setter
    def proxies(self, value: dict[str, str] | None) -> None:
        self._proxies = SessionProxies(self._client, value)
        self._client.close()

    @property
    def headers(self) -> SessionHeaders:
        return self._headers

    @headers.setter
    def headers(self, value: dict[str, str]) -> None:
        for key in list(self._headers):
            del self._headers[key]
        self._headers.update(value)

    def base_headers(self, defaults: dict[str, str]) -> httpx.Headers:
        """Return defaults overridden by the session headers (case-insensitively)."""
        headers = httpx.Headers(defaults)
        headers.update(self._headers._headers)
        return headers

    # requests.Session's request methods, through the client's pool (auth, retries, typed errors)
    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self._client.http.request(method, url, **kwargs)

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def head(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("HEAD", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", url, **kwargs)

    def close(self) -> None:
        self._client.close()
