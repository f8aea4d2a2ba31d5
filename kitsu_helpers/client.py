"""The one client object (KitsuClient) and gazu's raw-call functions (`gazu.client`) built on it."""

from __future__ import annotations

import functools
import logging
import os
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypedDict, cast
from urllib.parse import urlencode

import httpx
from kitsu_api.calls import authentication as authentication_ops, index as index_ops

from . import _transfer, errors
from .__version__ import __version__
from ._default import DEFAULT
from ._http import (
    DEFAULT_MAX_RESPONSE_BYTES,
    BearerAuth,
    HttpClient,
    RequestBounds,
    RetryPolicy,
    RetryTransport,
    TokenAccessors,
    Tokens,
    with_deadlines,
)
from ._logging import logging_from_environment
from ._session import Session
from ._tls import LazyCAContext as LazyCAContext, tls_verify
from ._transfer import (  # re-exported: the transfers' names as they were here
    CHUNK_SIZE as CHUNK_SIZE,
    DEFAULT_PROCESSING_TIMEOUT as DEFAULT_PROCESSING_TIMEOUT,
    PartFile as PartFile,
    current_umask as current_umask,
    form_values as form_values,
    open_upload_files as open_upload_files,
    refuse_html_page as refuse_html_page,
    upload_result as upload_result,
    write_atomically as write_atomically,
)
from ._wire import decode_json as decode_json, encode_params as encode_params
from .errors import (
    InsecureConnectionWarning as InsecureConnectionWarning,  # its home is errors.py; kept importable from here
    InvalidParameterValueException,
    NotAuthenticatedException,
    ParameterException,
)
from .path_params import fill_path, segment
from .progress import Progress

if TYPE_CHECKING:
    from kitsu_api.client import AuthenticatedClient
    from typing_extensions import Unpack

logger = logging.getLogger("kitsu_helpers")
logger.addHandler(logging.NullHandler())

DEFAULT_HOST = "http://gazu.change.serverhost/api"
DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=60.0, write=60.0, pool=30.0)
TRANSFER_TIMEOUT = httpx.Timeout(connect=10.0, read=600.0, write=600.0, pool=30.0)
DEFAULT_DEADLINE = 300.0  # seconds for a whole API call, retries included (Zou's slowest answer well within)
TRANSFER_DEADLINE = 6 * 3600.0  # seconds for a whole upload or download (many GiB on a slow link)


class KitsuClient(TokenAccessors):
    """One connection to one Kitsu host: tokens, pooled HTTP, timeouts, retries, TLS, user agent."""

    _tokens: Tokens

    def __init__(
        self,
        host: str,
        ssl_verify: bool | str = True,
        cert: str | tuple[str, str] | None = None,
        use_refresh_token: bool = True,
        callback_not_authenticated: Callable[..., bool] | None = None,
        tokens: dict[str, Any] | None = None,
        access_token: str | None = None,
        refresh_token: str | None = None,
        *,
        event_host: str | None = None,
        timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
        transfer_timeout: httpx.Timeout | float | None = TRANSFER_TIMEOUT,
        retries: int = 4,
        retry_post: bool = False,
        user_agent: str | None = None,
        deadline: float | None = DEFAULT_DEADLINE,
        transfer_deadline: float | None = TRANSFER_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        allowed_origins: Iterable[str] = (),
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        processing_timeout: float = DEFAULT_PROCESSING_TIMEOUT,
    ) -> None:
        """Configure a client for one Kitsu host; nothing is sent until the first request.

        Reading ``KITSU_LOG`` (e.g. ``KITSU_LOG=debug``) happens when the first client is built.

        Args:
            host: The API URL, e.g. ``"https://kitsu.example.com/api"`` (a trailing slash is dropped).
            ssl_verify: TLS verification: True, False (warns for https), or the path of a CA file or folder.
            cert: A client certificate: a file path, or a (cert file, key file) pair.
            use_refresh_token: Refresh an expired access token with the refresh token, then replay the
                request.
            callback_not_authenticated: Called as ``callback(client, path)`` when a token expired and cannot
                be refreshed; return True to replay the request (after logging in again, say).
            tokens: gazu's tokens dict (``access_token``, ``refresh_token``) to start with.
            access_token: An access token to start with (a bot's token, say).
            refresh_token: A refresh token to start with.
            event_host: The URL of the event stream when it is not the API host.
            timeout: The timeout of API calls: an ``httpx.Timeout`` or seconds (connect 10 s, read and write
                60 s by default).
            transfer_timeout: The timeout of uploads and downloads (read and write 600 s by default).
            retries: How many times an idempotent request is retried on connection errors, 429, 502, 503 and
                504 (0: never).
            retry_post: Retry POST requests too (they may then run twice on the server).
            user_agent: The User-Agent header; ``kitsu-client/<version> (gazu-compatible)`` when None.
            deadline: The most seconds one API call may take, retries included (300 by default; None: no
                limit).
            transfer_deadline: The most seconds one upload or download may take (6 hours by default; None:
                no limit).
            max_response_bytes: The largest answer read, decoded (256 MiB by default); a larger one raises
                ResponseTooLargeException.
            allowed_origins: Other origins (``scheme://host[:port]``) a request or redirect may go to, such
                as a file storage; they never get the token.
            transport: An httpx transport to use instead of the network (``httpx.MockTransport`` in tests).
            sleep: The function waiting between retries (``time.sleep``; tests pass a fake).
            processing_timeout: Seconds a download keeps waiting while Zou answers 202 (a preview still being
                processed) before raising PreviewFileProcessingException (60 by default).
        """
        logging_from_environment()  # KITSU_LOG=debug: read once, when the first client is built
        self._host = normalise_host(host)
        self.event_host = event_host
        self.use_refresh_token = use_refresh_token
        self.callback_not_authenticated = callback_not_authenticated
        self._tokens = Tokens()
        if tokens is not None:
            self.tokens = tokens
        if access_token:
            self._tokens.access = access_token
        if refresh_token:
            self._tokens.refresh = refresh_token
        self.ssl_verify = ssl_verify
        self.cert = cert
        self.timeout = timeout
        self.transfer_timeout = transfer_timeout
        self.retry_policy = RetryPolicy(retries=retries, retry_post=retry_post)
        self.deadline = deadline
        self.transfer_deadline = transfer_deadline
        self.max_response_bytes = max_response_bytes
        self.allowed_origins = tuple(normalise_host(origin) for origin in allowed_origins)
        self.user_agent = user_agent or f"kitsu-client/{__version__} (gazu-compatible)"
        self._transport = transport
        self._sleep = sleep
        self.processing_timeout = processing_timeout
        self._http: HttpClient | None = None
        self._http_lock = threading.Lock()
        self._api_client: AuthenticatedClient | None = None
        self._session: Session | None = None
        self._auth = BearerAuth(self._tokens, self)
        self._generation = 0
        self._generation_lock = threading.Lock()

    # -- identity, tokens -------------------------------------------------------------------------
    def __repr__(self) -> str:
        return f"KitsuClient(host={self.host!r}, authenticated={bool(self._tokens.access)})"

    @property
    def host(self) -> str:
        """The API URL the client talks to, without a trailing slash.

        Setting it points the client at another host (the connection pool is rebuilt when the scheme changes).
        """
        return self._host

    @host.setter
    def host(self, value: str) -> None:
        scheme_changed = self._host.split(":", 1)[0] != normalise_host(value).split(":", 1)[0]
        self._host = normalise_host(value)
        if self._http is not None and scheme_changed:
            self.close()  # the TLS settings depend on the scheme: a new pool is built on next use
        elif self._http is not None:
            self._http.base_url = httpx.URL(self._host + "/")
        self._api_client = None

    @property
    def tokens(self) -> dict[str, Any]:
        """The dict the client reads its tokens from (gazu's: edits apply to the next request).

        It holds ``access_token`` and ``refresh_token``; assigning None empties it.
        """
        return self._tokens.data

    @tokens.setter
    def tokens(self, value: dict[str, Any] | None) -> None:
        self._tokens.data = value if value is not None else {}

    @property
    def session(self) -> Session:
        """gazu's ``client.session`` settings: verify, cert, proxies, headers (kitsu_helpers._session)."""
        if self._session is None:
            self._session = Session(self)
        return self._session

    @property
    def generation(self) -> int:
        """How many writes (POST, PUT, DELETE...) this client sent, by any of its pools (sync or async).

        It only grows (closing the pools keeps it): what was read before a write is stale after it, and the
        cache (kitsu_helpers.cache) keys its entries with it.
        """
        return self._generation

    def _count_write(self) -> None:
        """Bump the generation: the write hook of this client's HTTP pools, called before each write is sent."""
        with self._generation_lock:
            self._generation += 1

    def make_auth_header(self) -> dict[str, str]:
        """Return the headers that authenticate a request (for code that talks to Kitsu by itself).

        Returns:
            A dict with ``User-Agent`` and, when the client has a token, ``Authorization: Bearer <token>``.
        """
        headers = {"User-Agent": self.user_agent}
        if self._tokens.access:
            headers["Authorization"] = f"Bearer {self._tokens.access}"
        return headers

    def refresh_access_token(self) -> dict[str, str]:
        """Refresh the access token with the refresh token; return the new tokens.

        Returns:
            A dict with the new ``access_token`` (also stored on the client).

        Raises:
            NotAuthenticatedException: When there is no refresh token or the server refuses it.
        """
        send = functools.partial(self.http.send, auth=None, stream=True)  # the refresh carries its own bearer
        return {"access_token": self._auth.refresh_now(send)}

    def url_of(self, operation: str, **path_params: Any) -> str:
        """Return the full URL of a generated operation on this client's host.

        Args:
            operation: The operationId of a generated operation (``kitsu_api.operations.OPERATIONS`` lists
                them).
            **path_params: The operation's path parameters, by name (e.g. ``project_id=...``).

        Returns:
            The URL, the host followed by the operation's route with the path parameters filled and encoded.

        Raises:
            InvalidParameterValueException: When the operation is unknown or a path parameter is missing,
                unexpected or invalid (nothing is sent).
        """
        return self._host + build_operation_path(operation_info(operation), path_params)

    def path_of(self, operation: str, **path_params: Any) -> str:
        """Return a generated operation's path below the host, without a leading slash (gazu's URL shape).

        Args:
            operation: The operationId of a generated operation (``kitsu_api.operations.OPERATIONS`` lists
                them).
            **path_params: The operation's path parameters, by name (e.g. ``project_id=...``).

        Returns:
            The route with its path parameters filled, e.g. ``"data/projects/<id>"``.

        Raises:
            InvalidParameterValueException: When the operation is unknown or a path parameter is missing,
                unexpected or invalid (nothing is sent).
        """
        return build_operation_path(operation_info(operation), path_params).lstrip("/")

    # -- HTTP -------------------------------------------------------------------------------------
    @property
    def http(self) -> HttpClient:
        """The pooled httpx client (built on first use; thread-safe)."""
        if self._http is None:
            with self._http_lock:
                if self._http is None:
                    self._http = self._build_http()
        return self._http

    def _build_http(self) -> HttpClient:
        session = self._session  # gazu's client.session settings, when a script set some
        defaults = {"User-Agent": self.user_agent}
        inner = self._transport or with_deadlines(
            httpx.HTTPTransport(
                verify=self._tls_verify(),
                cert=self.cert,
                limits=httpx.Limits(max_connections=32),
                proxy=session.proxies.for_url(self._host) if session else None,
            )
        )
        return HttpClient(
            bounds=RequestBounds.of(
                self.deadline, self.transfer_deadline, self.max_response_bytes, self.allowed_origins
            ),
            base_url=self._host + "/",
            on_write=self._count_write,
            auth=self._auth,
            transport=RetryTransport(inner, self.retry_policy, self._sleep),
            timeout=self.timeout,
            headers=session.base_headers(defaults) if session else defaults,
            follow_redirects=False,  # a redirect could take a request to another route: only downloads follow
        )

    def foreign_http(self, url: str) -> HttpClient:
        """Return a new pool for a URL of another origin (a file storage, say); the caller closes it.

        It has this client's TLS verification, certificate, proxy, retries, transfer timeout and deadline, and
        follows redirects; it never sends this client's token or session headers.

        Args:
            url: The full URL the pool may reach (its origin is the one allowed).

        Returns:
            An ``HttpClient`` without authentication.
        """
        session = self._session
        inner = self._transport or with_deadlines(
            httpx.HTTPTransport(
                verify=tls_verify(url, self.ssl_verify),
                cert=self.cert,
                proxy=session.proxies.for_url(url) if session else None,
            )
        )
        return HttpClient(
            bounds=RequestBounds.of(None, self.transfer_deadline, self.max_response_bytes, (url,)),
            transport=RetryTransport(inner, self.retry_policy, self._sleep),
            timeout=self.transfer_timeout,
            headers={"User-Agent": self.user_agent},
            follow_redirects=True,
        )

    def _tls_verify(self) -> bool | ssl.SSLContext:
        return tls_verify(self._host, self.ssl_verify)

    @property
    def api(self) -> AuthenticatedClient:
        """The generated ``kitsu_api.AuthenticatedClient``, for ``<op>.sync(client=...)`` and ``<op>.asyncio(...)``.

        It shares this client's tokens (one refresh at a time), retries, timeouts, deadline and typed errors.
        """
        if self._api_client is None:
            from ._async_api import build_async_api

            transport = self._transport if isinstance(self._transport, httpx.AsyncBaseTransport) else None
            api = build_async_api(self, transport)  # a transport given to the client (a fake Zou) serves both
            api.set_httpx_client(self.http)
            self._api_client = api
        return self._api_client

    @property
    def async_api(self) -> AuthenticatedClient:
        """The same generated client as ``api``, named for ``await <op>.asyncio(client=client.async_api)``."""
        return self.api

    def request(self, method: str, path: str, **options: Unpack[RequestOptions]) -> httpx.Response:
        """Send one request to a path below the host; raise a typed error unless the answer is 2xx.

        Args:
            method: The HTTP method, e.g. ``"GET"``.
            path: The route below the host (e.g. ``"data/projects"``), or an absolute URL of an allowed
                origin.
            **options: ``params``, ``json``, ``data``, ``files``, ``headers`` and ``timeout``, all optional
                (``RequestOptions`` says what each one is).

        Returns:
            The ``httpx.Response`` (2xx).

        Raises:
            GazuException: The typed subclass for a non-2xx answer (e.g. RouteNotFoundException for 404, see
                the README's error table).
        """
        url, kwargs = request_target(path, options)
        return self.http.request(method, url, **kwargs)

    def request_json(self, method: str, path: str, **options: Unpack[RequestOptions]) -> Any:
        """Send a request and return its decoded JSON body (None for an empty answer).

        Args:
            method: The HTTP method.
            path: The route below the host (e.g. ``"data/projects"``), or an absolute URL of an allowed
                origin.
            **options: The keywords of ``request`` (``RequestOptions``).

        Returns:
            The decoded JSON (a dict, a list...), or None for an empty answer.

        Raises:
            GazuException: The typed subclass for a non-2xx answer (e.g. RouteNotFoundException for 404, see
                the README's error table).
            UnexpectedResponseException: When the body is not JSON.
        """
        return decode_json(self.request(method, path, **options))

    def call(
        self,
        operation: str,
        /,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        data: Any = None,
        files: Any = None,
        raw: bool = False,
        timeout: Any = None,
        **path_params: Any,
    ) -> Any:
        """Call a generated operation by its operationId; return the decoded JSON (or the response if raw).

        Args:
            operation: The operationId of a generated operation (``kitsu_api.operations.OPERATIONS`` lists
                them).
            params: Query parameters.
            json: A body to send as JSON.
            data: Form fields to send.
            files: Multipart files to send.
            raw: Return the ``httpx.Response`` instead of its decoded JSON.
            timeout: A timeout for this request; the client's when None.
            **path_params: The operation's path parameters, by name (e.g. ``project_id=...``).

        Returns:
            The decoded JSON answer (None when empty), or the ``httpx.Response`` when raw.

        Raises:
            InvalidParameterValueException: When the operation is unknown or a path parameter is missing,
                unexpected or invalid (nothing is sent).
            GazuException: The typed subclass for a non-2xx answer (e.g. RouteNotFoundException for 404, see
                the README's error table).
        """
        op = operation_info(operation)
        path = build_operation_path(op, path_params)
        response = self.request(op.method, path, params=params, json=json, data=data, files=files, timeout=timeout)
        return response if raw else decode_json(response)

    def close(self) -> None:
        """Close the pooled connections.

        The client stays usable: a new pool is built on the next request.
        """
        if self._http is not None:
            self._http.close()
            self._http = None
            self._api_client = None

    def __enter__(self) -> KitsuClient:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._tokens.access:
                authentication_ops.get_auth_logout(self)
        except errors.GazuException:
            pass
        self.tokens = {"access_token": None, "refresh_token": None}
        self.close()


# --- pure helpers -------------------------------------------------------------------------------


def normalise_host(host: str) -> str:
    """Return the API root without a trailing slash.

    Args:
        host: The API URL; gazu's placeholder host when empty.

    Returns:
        The URL without trailing slashes.
    """
    return (host or DEFAULT_HOST).rstrip("/")


def url_path_join(*items: str) -> str:
    """Join path pieces with single slashes.

    Args:
        *items: The pieces (leading and trailing slashes are dropped).

    Returns:
        The joined path, e.g. ``"data/projects/<id>"``.
    """
    return "/".join(str(item).strip("/") for item in items)


class RequestOptions(TypedDict, total=False):
    """The keywords of a raw request (``KitsuClient.request``, ``AsyncKitsuClient.request``), all optional."""

    params: dict[str, Any] | None  # query parameters (booleans sent as true/false, None left out)
    json: Any  # a body to send as JSON
    data: Any  # form fields to send
    files: Any  # multipart files to send
    headers: dict[str, str] | None  # extra headers
    timeout: Any  # a timeout for this request; the client's when None


REQUEST_OPTIONS = frozenset(RequestOptions.__annotations__)


def request_target(path: str, options: RequestOptions) -> tuple[str, dict[str, Any]]:
    """Return the URL (a path below the host, or an absolute URL) and the httpx keywords of a raw request.

    The one piece the sync and async ``request`` share.

    Args:
        path: The route below the host, or an absolute URL.
        options: The request's keywords (``RequestOptions``).

    Returns:
        A tuple (url, keywords for ``httpx.Client.request``).

    Raises:
        TypeError: For a keyword that is not one of ``RequestOptions`` (as a misspelled argument would).
    """
    unknown = options.keys() - REQUEST_OPTIONS
    if unknown:
        raise TypeError(f"request() got unexpected keyword arguments: {', '.join(sorted(unknown))}")
    url = path if path.startswith(("http://", "https://")) else path.lstrip("/")
    kwargs: dict[str, Any] = {name: options.get(name) for name in ("json", "data", "files", "headers")}
    params, timeout = options.get("params"), options.get("timeout")
    if params:
        kwargs["params"] = encode_params(params)
    if timeout is not None:
        kwargs["timeout"] = timeout
    return url, kwargs


def build_path_with_params(path: str, params: dict[str, Any] | None) -> str:
    """Return path with its query string (list values repeated, as Zou expects).

    Args:
        path: The route (it may already hold a query string).
        params: The query parameters to add, or None.

    Returns:
        The path followed by ``?`` (or ``&``) and the encoded parameters; path itself when there are
        none.
    """
    encoded = encode_params(params)
    if not encoded:
        return path
    return path + ("&" if "?" in path else "?") + urlencode(encoded, doseq=True)


_OPERATIONS: dict[str, Any] = {}


def operation_info(operation: str) -> Any:
    """Return the generated index entry (method, path, parameters) of an operationId.

    Args:
        operation: The operationId of a generated operation (``kitsu_api.operations.OPERATIONS`` lists
            them).

    Returns:
        The operation's index entry, with ``method``, ``path``, ``path_params`` and ``module``.

    Raises:
        InvalidParameterValueException: When no generated operation has that id.
    """
    info = _OPERATIONS.get(operation) if isinstance(operation, str) else None
    if info is None:
        from kitsu_api.operations import operation as lookup  # an operationId, or the alias of a renamed route

        try:
            info = _OPERATIONS[operation] = lookup(operation)
        except (KeyError, TypeError):
            raise InvalidParameterValueException(
                f"unknown operation {_shown(operation)}: not in the generated kitsu_api "
                "(kitsu_api.operations.OPERATIONS lists them all)"
            ) from None
    return info


def build_operation_path(op: Any, path_params: dict[str, Any]) -> str:
    """Fill an operation's route with checked, encoded path parameters (``path_params.fill_path``).

    Args:
        op: The operation's index entry (from ``operation_info``).
        path_params: The path parameters, by name.

    Returns:
        The route with its parameters filled, starting with ``/``.

    Raises:
        InvalidParameterValueException: When a parameter is missing, unexpected or not a valid segment
            (nothing is sent).
    """
    missing = [name for name in op.path_params if name not in path_params]
    extra = sorted(set(path_params) - set(op.path_params))
    if missing or extra:
        raise InvalidParameterValueException(
            f"{op.method} {op.path}: "
            + (f"missing path parameter(s) {', '.join(missing)}" if missing else "")
            + ("; " if missing and extra else "")
            + (f"unexpected parameter(s) {', '.join(extra)}" if extra else "")
            + "; nothing was sent",
            method=op.method,
            url=op.path,
        )
    return fill_path(op.method, op.path, path_params)


def model_path(model_name: str, instance_id: Any) -> str:
    """Return ``data/<model>/<id>`` for gazu's generic CRUD functions, both values checked as path segments.

    Args:
        model_name: The model's route name, e.g. ``"projects"``.
        instance_id: The instance's id.

    Returns:
        The route, e.g. ``"data/projects/<id>"``.

    Raises:
        InvalidParameterValueException: When a value is not a valid path segment.
    """
    return url_path_join("data", segment("model_name", model_name), quote_segment(instance_id))


def quote_segment(value: Any, name: str = "id") -> str:
    """Return one checked, percent-encoded path segment (an id unless name says otherwise).

    Args:
        value: The value to put in the path.
        name: The parameter's name; ``"id"`` values must be UUIDs.

    Returns:
        The encoded segment.

    Raises:
        InvalidParameterValueException: When the value is not a valid segment.
    """
    return segment(name, value)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def load_operation_module(operation: str) -> ModuleType:
    """Import and return the generated module of an operationId (for its sync/asyncio functions).

    Args:
        operation: The operationId of a generated operation (``kitsu_api.operations.OPERATIONS`` lists
            them).

    Returns:
        The ``kitsu_api.api.<tag>.<operation>`` module.

    Raises:
        InvalidParameterValueException: When the operation is unknown.
    """
    return import_module(operation_info(operation).module)


# --- the default client -------------------------------------------------------------------------

DEFAULT.build_with(lambda: KitsuClient(os.environ.get("KITSU_HOST", DEFAULT_HOST)))


def get_default_client() -> KitsuClient:
    """Return the module-level client, built on first use (host from KITSU_HOST when set).

    Returns:
        The default KitsuClient.
    """
    client: KitsuClient = DEFAULT.get()
    return client


def set_default_client(client: KitsuClient) -> KitsuClient:
    """Make ``client`` the one module functions use when called without client=.

    Args:
        client: The client to use by default.

    Returns:
        The same client.
    """
    DEFAULT.set(client)
    return client


CLIENT_METHODS = ("call", "request")  # what helpers call on a client: enough to pass a mock or a wrapper


def resolve(client: KitsuClient | None) -> KitsuClient:
    """Return client, or the default client when None; a client-like object (a mock, a wrapper) is accepted.

    Args:
        client: A KitsuClient, an object with the client's methods, or None.

    Returns:
        The client to use.

    Raises:
        InvalidParameterValueException: When client is neither a client nor client-like.
    """
    if client is None:
        return get_default_client()
    if isinstance(client, KitsuClient):
        return client
    if all(callable(getattr(client, name, None)) for name in CLIENT_METHODS):
        return client
    raise InvalidParameterValueException(
        f"client must be a KitsuClient (or an object with {' and '.join(CLIENT_METHODS)} methods), "
        f"not {type(client).__name__}"
    )


def __getattr__(name: str) -> Any:
    if name == "default_client":
        return get_default_client()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def create_client(
    host: str,
    ssl_verify: bool = True,
    cert: str | None = None,
    use_refresh_token: bool = False,
    callback_not_authenticated: Callable[..., bool] | None = None,
    **kwargs: Any,
) -> KitsuClient:
    """Return a new KitsuClient for host (independent tokens, cache and connections).

    Args:
        host: The API URL, e.g. ``"https://kitsu.example.com/api"``.
        ssl_verify: TLS verification: True, False, or the path of a CA file or folder.
        cert: A client certificate file, or None.
        use_refresh_token: Refresh an expired access token automatically.
        callback_not_authenticated: Called as ``callback(client, path)`` when the token expired and
            cannot be refreshed; True replays the request.
        **kwargs: More KitsuClient options (timeout, retries, deadline, transport...).

    Returns:
        The new KitsuClient (not logged in).
    """
    return KitsuClient(
        host,
        ssl_verify,
        cert=cert,
        use_refresh_token=use_refresh_token,
        callback_not_authenticated=callback_not_authenticated,
        **kwargs,
    )


# --- gazu.client functions ----------------------------------------------------------------------


def host_is_up(client: KitsuClient | None = None) -> bool:
    """Return True when a HEAD of the host itself answers 200 (gazu's check).

    Args:
        client: The client to use; the default client when None.

    Returns:
        True when the host answers 200.
    """
    client = resolve(client)
    try:
        response = client.http.head(client.host, auth=None)  # type: ignore[arg-type]  # None: no auth
    except errors.GazuException:
        return False
    return response.status_code == 200


def host_is_valid(client: KitsuClient | None = None) -> bool:
    """Return True when the host is a Kitsu API (a fake login is refused the Kitsu way).

    Args:
        client: The client to use; the default client when None.

    Returns:
        True when the host is up and answers a fake login as Kitsu does, else False.
    """
    client = resolve(client)
    if not host_is_up(client):
        return False
    try:
        authentication_ops.post_auth_login(client, json={"email": ""})
        return True
    except (NotAuthenticatedException, ParameterException):
        return True
    except errors.GazuException:
        return False


def get_host(client: KitsuClient | None = None) -> str:
    """Return the API URL the client talks to.

    Args:
        client: The client to use; the default client when None.

    Returns:
        The API URL, e.g. ``"https://kitsu.example.com/api"``.
    """
    return resolve(client).host


def get_api_url_from_host(client: KitsuClient | None = None) -> str:
    """Return the Kitsu web URL (the host without /api).

    Args:
        client: The client to use; the default client when None.

    Returns:
        The web URL, e.g. ``"https://kitsu.example.com"``, to build links to pages of Kitsu.
    """
    host = resolve(client).host
    return host[:-4] if host.endswith("/api") else host


def set_host(new_host: str, client: KitsuClient | None = None) -> str:
    """Set the API URL; return it.

    Args:
        new_host: The new API URL.
        client: The client to use; the default client when None.

    Returns:
        The API URL now used (without a trailing slash).
    """
    client = resolve(client)
    client.host = new_host
    return client.host


def get_event_host(client: KitsuClient | None = None) -> str:
    """Return the host the event stream listens on (the API host unless set).

    Args:
        client: The client to use; the default client when None.

    Returns:
        The event stream's URL.
    """
    client = resolve(client)
    return client.event_host or client.host


def set_event_host(new_host: str, client: KitsuClient | None = None) -> str:
    """Set the event-stream host; return it.

    Args:
        new_host: The event stream's URL.
        client: The client to use; the default client when None.

    Returns:
        The same URL.
    """
    client = resolve(client)
    client.event_host = new_host
    return new_host


def set_tokens(new_tokens: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Store the tokens used by every request; return them.

    Args:
        new_tokens: A dict with ``access_token`` (and ``refresh_token``), as ``log_in`` returns it.
        client: The client to use; the default client when None.

    Returns:
        The stored tokens dict.
    """
    client = resolve(client)
    client.tokens = new_tokens
    return client.tokens


def make_auth_header(client: KitsuClient | None = None) -> dict[str, str]:
    """Return the headers that authenticate a request.

    Args:
        client: The client to use; the default client when None.

    Returns:
        A dict with ``User-Agent`` and, when logged in, ``Authorization: Bearer <token>``.
    """
    return resolve(client).make_auth_header()


def get_full_url(path: str, client: KitsuClient | None = None) -> str:
    """Return the host joined with path.

    Args:
        path: The route below the host.
        client: The client to use; the default client when None.

    Returns:
        The full URL.
    """
    return url_path_join(get_host(client), path)


def get(
    path: str, json_response: bool = True, params: dict[str, Any] | None = None, client: KitsuClient | None = None
) -> Any:
    """GET path below the host; return JSON (or text when json_response is False).

    Args:
        path: The route below the host, e.g. ``"data/projects"``.
        json_response: Decode the answer as JSON; when False return its text.
        params: Query parameters.
        client: The client to use; the default client when None.

    Returns:
        The decoded JSON (None when empty), or the answer's text.

    Raises:
        GazuException: The typed subclass for a non-2xx answer (e.g. RouteNotFoundException for 404, see
            the README's error table).
    """
    response = resolve(client).request("GET", path, params=params)
    return decode_json(response) if json_response else response.text


def post(path: str, data: Any, client: KitsuClient | None = None) -> Any:
    """POST JSON data to path; return the JSON answer.

    Args:
        path: The route below the host.
        data: The body, sent as JSON.
        client: The client to use; the default client when None.

    Returns:
        The decoded JSON answer (None when empty).

    Raises:
        GazuException: The typed subclass for a non-2xx answer (e.g. RouteNotFoundException for 404, see
            the README's error table).
    """
    return resolve(client).request_json("POST", path, json=data)


def put(path: str, data: Any, client: KitsuClient | None = None) -> Any:
    """PUT JSON data to path; return the JSON answer.

    Args:
        path: The route below the host.
        data: The body, sent as JSON.
        client: The client to use; the default client when None.

    Returns:
        The decoded JSON answer (None when empty).

    Raises:
        GazuException: The typed subclass for a non-2xx answer (e.g. RouteNotFoundException for 404, see
            the README's error table).
    """
    return resolve(client).request_json("PUT", path, json=data)


def delete(path: str, params: dict[str, Any] | None = None, client: KitsuClient | None = None) -> Any:
    """DELETE path; return the answer's text (as gazu does).

    Args:
        path: The route below the host.
        params: Query parameters.
        client: The client to use; the default client when None.

    Returns:
        The answer's text (usually empty).

    Raises:
        GazuException: The typed subclass for a non-2xx answer (e.g. RouteNotFoundException for 404, see
            the README's error table).
    """
    return resolve(client).request("DELETE", path, params=params).text


def fetch_all(
    path: str,
    params: dict[str, Any] | None = None,
    client: KitsuClient | None = None,
    paginated: bool = False,
    limit: int | None = None,
    fields: list[str] | str | None = None,
) -> list[dict[str, Any]]:
    """Return every entry of a model (``fetch_all("tasks", {"project_id": ...})``), page by page if asked.

    Args:
        path: The model's route below ``data/``, e.g. ``"tasks"``.
        params: Filters, as query parameters.
        client: The client to use; the default client when None.
        paginated: Read the list page by page (for long lists).
        limit: Entries per page when paginated.
        fields: Only these fields of each entry (a list or a comma-separated string); id and type always
            come.

    Returns:
        A list of entry dicts.
    """
    params = with_fields(params, fields)
    if paginated:
        return list(iter_pages(path, params, limit=limit, client=client))
    return cast("list[dict[str, Any]]", resolve(client).request_json("GET", url_path_join("data", path), params=params))


def iter_pages(
    path: str, params: dict[str, Any] | None = None, limit: int | None = None, client: KitsuClient | None = None
) -> Iterator[dict[str, Any]]:
    """Yield every entry of a paginated model list, holding one page in memory at a time.

    Args:
        path: The model's route below ``data/``.
        params: Filters, as query parameters.
        limit: Entries per page.
        client: The client to use; the default client when None.

    Returns:
        The entry dicts, one at a time.
    """
    client = resolve(client)
    params = dict(params or {})
    if limit is not None:
        params["limit"] = limit
    page = 1
    while True:
        params["page"] = page
        entries, more = read_page(client.request_json("GET", url_path_join("data", path), params=params), page)
        yield from entries
        if not more:
            return
        page += 1


def with_fields(params: dict[str, Any] | None, fields: list[str] | str | None) -> dict[str, Any]:
    """Return a copy of params asking only for ``fields`` (a list or a comma-separated string) when given.

    Args:
        params: The query parameters, or None.
        fields: The fields to ask for, or None for all.

    Returns:
        A new params dict (with ``fields`` as a comma-separated string when given).
    """
    params = dict(params or {})
    if fields is not None:
        params["fields"] = fields if isinstance(fields, str) else ",".join(fields)
    return params


def read_page(answer: Any, page: int) -> tuple[list[dict[str, Any]], bool]:
    """Return the entries of page number ``page`` of a model list and whether another page follows.

    Args:
        answer: The decoded answer: a paginated dict (``data``, ``nb_pages``) or a plain list.
        page: The page's number, from 1.

    Returns:
        A tuple (entries, more): a route that is not paginated answers a plain list, which is one last
        page.
    """
    if isinstance(answer, list):
        return answer, False
    entries = answer.get("data", [])
    return entries, bool(entries) and page < int(answer.get("nb_pages") or 1)


def fetch_first(path: str, params: dict[str, Any] | None = None, client: KitsuClient | None = None) -> Any:
    """Return the first entry of a model list, or None.

    Args:
        path: The model's route below ``data/``.
        params: Filters, as query parameters.
        client: The client to use; the default client when None.

    Returns:
        The first entry dict, or None when the list is empty.
    """
    entries = resolve(client).request_json("GET", url_path_join("data", path), params=params)
    return entries[0] if entries else None


def fetch_one(model_name: str, id: str, params: dict[str, Any] | None = None, client: KitsuClient | None = None) -> Any:
    """Return one model instance by id (the id is percent-encoded).

    Args:
        model_name: The model's route name, e.g. ``"projects"``.
        id: The instance's id.
        params: Query parameters.
        client: The client to use; the default client when None.

    Returns:
        The instance dict.

    Raises:
        RouteNotFoundException: When no instance has that id.
    """
    path = model_path(model_name, id)
    return resolve(client).request_json("GET", path, params=params)


def create(model_name: str, data: dict[str, Any], client: KitsuClient | None = None) -> Any:
    """Create an entry of a model; return it.

    Args:
        model_name: The model's route name, e.g. ``"projects"``.
        data: The new entry's fields.
        client: The client to use; the default client when None.

    Returns:
        The created entry dict.
    """
    return resolve(client).request_json("POST", url_path_join("data", model_name), json=data)


def update(model_name: str, model_id: str, data: dict[str, Any], client: KitsuClient | None = None) -> Any:
    """Update an entry of a model; return it.

    Args:
        model_name: The model's route name.
        model_id: The entry's id.
        data: The fields to change.
        client: The client to use; the default client when None.

    Returns:
        The updated entry dict.
    """
    path = model_path(model_name, model_id)
    return resolve(client).request_json("PUT", path, json=data)


def upload(
    path: str,
    file_path: str | None = None,
    data: dict[str, Any] | None = None,
    extra_files: list[str] | None = None,
    files: dict[str, Any] | None = None,
    client: KitsuClient | None = None,
    progress_callback: Callable[[int, int], Any] | None = None,
    *,
    progress: Progress = None,
) -> Any:
    """Upload a file (streamed from disk, constant memory) to path as multipart; return the JSON answer.

    Args:
        path: The route below the host, or a full URL of an allowed origin.
        file_path: The file to send (field ``file``).
        data: Form fields sent beside the file (None values left out).
        extra_files: More files to send (fields ``file-1``, ``file-2``...).
        files: Ready multipart fields to send instead of file_path and extra_files.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(sent_bytes, total_bytes)`` while sending.
        progress: True to draw a tqdm bar (kitsu_helpers.progress), a ``callback(done, total)``, or
            None.

    Returns:
        The decoded JSON answer.

    Raises:
        FileDoesntExistException: When a file to send does not exist (nothing is sent).
        UploadFailedException: When Zou reports an error inside a 2xx answer.
        GazuException: The typed subclass for a non-2xx answer (e.g. RouteNotFoundException for 404, see
            the README's error table).
    """
    body = _transfer.UploadBody(file_path, extra_files, files, data=data)
    return _transfer.send_upload(resolve(client), path, body, progress, progress_callback)


def download(
    path: str,
    file_path: str,
    params: dict[str, Any] | None = None,
    client: KitsuClient | None = None,
    progress_callback: Callable[[int, int], Any] | None = None,
    processing_timeout: float = DEFAULT_PROCESSING_TIMEOUT,
    *,
    root: str | os.PathLike[str] | None = None,
    overwrite: bool = True,
    progress: Progress = None,
) -> httpx.Response:
    """Download path to file_path atomically: streamed to a temporary file, renamed only when complete.

    root and overwrite are checked before the request is sent, and again when the file is placed. A 202 answer
    is retried after the delay the server asks for.

    Args:
        path: The route below the host, or a full URL of an allowed origin.
        file_path: Where to write the file; None to return the read response instead.
        params: Query parameters.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(received_bytes, total_bytes)`` (total 0 when
            unknown).
        processing_timeout: Seconds to keep waiting while the server answers 202 (a preview still being
            processed); 60 as in gazu (the helpers use the client's ``processing_timeout``).
        root: A folder file_path must resolve below (for paths made from server data).
        overwrite: Replace an existing file; when False an existing file is kept and an error raised.
        progress: True to draw a tqdm bar (kitsu_helpers.progress), a ``callback(done, total)``, or
            None.

    Returns:
        The (closed) ``httpx.Response``; its body was written to file_path (or read into it when
        file_path is None).

    Raises:
        PreviewFileProcessingException: When the file is still processing after processing_timeout.
        UnsafeLocalPathException: When file_path is not below root.
        LocalFileExistsException: When file_path exists and overwrite is False.
        DownloadFileException: When the download is cut or truncated (nothing is written).
        UnexpectedResponseException: When an HTML page (a proxy or login page) comes instead of the
            file.
        GazuException: The typed subclass for a non-2xx answer (e.g. RouteNotFoundException for 404, see
            the README's error table).
    """
    target = _transfer.DownloadTarget(file_path, params, progress_callback, processing_timeout, root, overwrite)
    return _transfer.download_path(resolve(client), path, target, progress)


def get_file_data_from_url(url: str, full: bool = False, client: KitsuClient | None = None) -> bytes:
    """Return the bytes found at url (a path below the host unless full).

    Args:
        url: The route below the host, or a full URL when full is True.
        full: url is a full URL.
        client: The client to use; the default client when None.

    Returns:
        The body, as bytes.
    """
    target = _transfer.DownloadTarget(None)
    return _transfer.download_path(resolve(client), url if full else url.lstrip("/"), target).content


def import_data(model_name: str, data: Any, client: KitsuClient | None = None) -> Any:
    """Import Kitsu-format data for a model; return the imported entries.

    Args:
        model_name: The model's route name, e.g. ``"projects"`` or ``"task-types"``.
        data: The entries to import (a list of dicts).
        client: The client to use; the default client when None.

    Returns:
        The imported entries, as the server answers them.

    Raises:
        InvalidParameterValueException: When there is no import operation for that model.
    """
    operation = "post_import_kitsu_" + str(model_name).replace("-", "_")
    return resolve(client).call(operation, json=data)


def get_api_version(client: KitsuClient | None = None) -> str:
    """Return the Zou version of the host.

    Args:
        client: The client to use; the default client when None.

    Returns:
        The version string, e.g. ``"1.0.97"``.
    """
    return cast("str", index_ops.get_root(resolve(client))["version"])


def get_current_user(client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the logged-in user.

    Args:
        client: The client to use; the default client when None.

    Returns:
        The person dict of the user the token belongs to.

    Raises:
        NotAuthenticatedException: When the client is not logged in.
    """
    return cast("dict[str, Any]", authentication_ops.get_auth_authenticated(resolve(client))["user"])


def check_status(request: httpx.Response, path: str, client: KitsuClient | None = None) -> tuple[int, bool]:
    """Raise the typed error of a non-2xx response; return (status, False) otherwise (gazu's contract).

    Args:
        request: The response to check (gazu's name).
        path: The route, for the error message.
        client: The client to use; the default client when None.

    Returns:
        A tuple (status code, False): False says no retry is needed.

    Raises:
        ParameterException: For a 400.
        NotAuthenticatedException: For a 401.
        NotAllowedException: For a 403.
        RouteNotFoundException: For a 404.
        MethodNotAllowedException: For a 405.
        TooBigFileException: For a 413.
        ValidationException: For a 422.
        ServerErrorException: For a 500 (ServiceUnavailableException for 502-504).
    """
    if request.status_code >= 400:
        raise errors.error_for_status(
            request.status_code,
            request.request.method if request._request is not None else "GET",
            path,
            request.content,
            request.headers.get("content-type", ""),
        )
    return request.status_code, False


def get_message_from_data(message_json: Any, default_message: str = "No additional information") -> str:
    """Return Zou's message from a parsed JSON body.

    Args:
        message_json: The decoded body (any type).
        default_message: What to return when no message is found.

    Returns:
        The message text (with the field details of a validation error when present).
    """
    return errors.message_from_data(message_json, default_message)


def get_message_from_response(response: httpx.Response, default_message: str = "No additional information") -> str:
    """Return Zou's message from a response (JSON, HTML or text).

    Args:
        response: The httpx response.
        default_message: What to return when no message is found.

    Returns:
        The message text.
    """
    return errors.message_from_body(response.content, response.headers.get("content-type", ""), default_message)
