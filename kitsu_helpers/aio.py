"""gazu.aio for kitsu_helpers: an asyncio client and the raw calls, on httpx.AsyncClient.

Usage (as with gazu.aio, there is no default client: always pass ``client``)::

    import kitsu_helpers.aio as aio

    async with await aio.create_session(host, email, password) as client:
        projects = await aio.fetch_all("projects", client=client)

A thin I/O shell: errors, retries, token refresh decisions, timeouts, path encoding, upload fields and atomic
downloads are the sync client's own pieces (kitsu_helpers.client, _http, _auth), awaited instead of blocking.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import time
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import httpx

from . import errors
from .__version__ import __version__
from ._auth import check_login_answer, login_payload, login_refused
from ._http import DEFAULT_MAX_RESPONSE_BYTES, RequestBounds, RetryPolicy, TokenAccessors
from ._http_async import AsyncBearerAuth, AsyncHttpClient, AsyncRetryTransport
from ._tls import tls_verify
from ._transfer import (
    ACCEPT_A_FILE,
    CHUNK_SIZE,
    DEFAULT_PROCESSING_TIMEOUT,
    PartFile,
    form_values,
    open_upload_files,
    retry_after_seconds,
    upload_result,
    with_progress,
)
from ._wire import decode_json, encode_params
from .client import (
    DEFAULT_DEADLINE,
    DEFAULT_TIMEOUT,
    TRANSFER_DEADLINE,
    TRANSFER_TIMEOUT,
    RequestOptions,
    build_operation_path,
    build_path_with_params,
    get_message_from_data,
    model_path,
    normalise_host,
    operation_info,
    read_page,
    request_target,
    url_path_join,
    with_fields,
)
from .errors import (
    AuthFailedException,
    InvalidParameterValueException,
    MethodNotAllowedException,
    NotAllowedException,
    NotAuthenticatedException,
    ParameterException,
    RouteNotFoundException,
    ServerErrorException,
    TooBigFileException,
    UploadFailedException,
    ValidationException,
)
from .progress import Progress, chain, progress_bar

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = [
    "AsyncKitsuClient",
    "AuthFailedException",
    "MethodNotAllowedException",
    "NotAllowedException",
    "NotAuthenticatedException",
    "ParameterException",
    "RouteNotFoundException",
    "ServerErrorException",
    "TooBigFileException",
    "UploadFailedException",
    "ValidationException",
    "build_path_with_params",
    "check_server_status",
    "check_status",
    "create",
    "create_session",
    "delete",
    "download",
    "fetch_all",
    "fetch_first",
    "fetch_one",
    "get",
    "get_full_url",
    "get_message_from_data",
    "log_in",
    "log_out",
    "post",
    "put",
    "update",
    "upload",
    "url_path_join",
]

logger = logging.getLogger("kitsu_helpers.aio")


class _DictTokens:
    """The token store the shared auth flow reads (access, refresh, refreshes), over the client's gazu-style
    `tokens` dict, so `client.tokens = answer` and `client.tokens["access_token"] = ...` work as in gazu."""

    def __init__(self, owner: AsyncKitsuClient) -> None:
        self._owner = owner
        self.refreshes = 0

    @property
    def access(self) -> str | None:
        return (self._owner.tokens or {}).get("access_token")

    @access.setter
    def access(self, value: str | None) -> None:
        self._store()["access_token"] = value

    @property
    def refresh(self) -> str | None:
        return (self._owner.tokens or {}).get("refresh_token")

    @refresh.setter
    def refresh(self, value: str | None) -> None:
        self._store()["refresh_token"] = value

    def _store(self) -> dict[str, Any]:
        if self._owner.tokens is None:  # gazu code may set client.tokens = None
            self._owner.tokens = {}
        return self._owner.tokens


class AsyncKitsuClient(TokenAccessors):
    """One async connection to one Kitsu host, usable by many tasks at once; an async context manager that logs
    out and closes its connections on exit.

    Same constructor as gazu.aio's, plus the sync KitsuClient's keyword-only transport settings."""

    def __init__(
        self,
        host: str,
        ssl_verify: bool | str = True,
        use_refresh_token: bool = True,
        callback_not_authenticated: Callable[..., bool | Awaitable[bool]] | None = None,
        tokens: dict[str, Any] | None = None,
        access_token: str | None = None,
        refresh_token: str | None = None,
        *,
        cert: str | tuple[str, str] | None = None,
        timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
        transfer_timeout: httpx.Timeout | float | None = TRANSFER_TIMEOUT,
        retries: int = 4,
        retry_post: bool = False,
        max_connections: int = 32,
        user_agent: str | None = None,
        deadline: float | None = DEFAULT_DEADLINE,
        transfer_deadline: float | None = TRANSFER_DEADLINE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        allowed_origins: Iterable[str] = (),
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        """Configure an async client for one Kitsu host; nothing is sent until the first request.

        Args:
            host: The API URL, e.g. ``"https://kitsu.example.com/api"``.
            ssl_verify: TLS verification: True, False, or the path of a CA file or folder.
            use_refresh_token: Refresh an expired access token with the refresh token, then replay the
                request.
            callback_not_authenticated: Called as ``callback(client, path)`` (it may be a coroutine
                function) when the token expired and cannot be refreshed; True replays the request.
            tokens: gazu's tokens dict (``access_token``, ``refresh_token``) to start with.
            access_token: An access token to start with.
            refresh_token: A refresh token to start with.
            cert: A client certificate: a file path, or a (cert file, key file) pair.
            timeout: The timeout of API calls: an ``httpx.Timeout`` or seconds.
            transfer_timeout: The timeout of uploads and downloads.
            retries: How many times an idempotent request is retried on connection errors, 429, 502, 503 and
                504 (0: never).
            retry_post: Retry POST requests too.
            max_connections: The most connections the pool opens at once.
            user_agent: The User-Agent header; ``kitsu-client/<version> (gazu-compatible)`` when None.
            deadline: The most seconds one API call may take, retries included (None: no limit).
            transfer_deadline: The most seconds one upload or download may take (None: no limit).
            max_response_bytes: The largest answer read, decoded; a larger one raises
                ResponseTooLargeException.
            allowed_origins: Other origins a request or redirect may go to (a file storage); they never get
                the token.
            transport: An httpx async transport to use instead of the network (tests).
            sleep: The coroutine function waiting between retries (``asyncio.sleep``).
        """
        self.tokens: dict[str, Any] = tokens if tokens is not None else {"access_token": None, "refresh_token": None}
        if access_token:
            self.tokens["access_token"] = access_token
        if refresh_token:
            self.tokens["refresh_token"] = refresh_token
        self.use_refresh_token = use_refresh_token
        self.callback_not_authenticated = callback_not_authenticated
        self._host = normalise_host(host)
        self.event_host = self._host
        self._ssl_verify = ssl_verify
        self.cert = cert
        self.timeout = timeout
        self.transfer_timeout = transfer_timeout
        self.retry_policy = RetryPolicy(retries=retries, retry_post=retry_post)
        self.max_connections = max_connections
        self.deadline = deadline
        self.transfer_deadline = transfer_deadline
        self.max_response_bytes = max_response_bytes
        self.allowed_origins = tuple(normalise_host(origin) for origin in allowed_origins)
        self.user_agent = user_agent or f"kitsu-client/{__version__} (gazu-compatible)"
        self._transport = transport
        self._sleep = sleep
        self._tokens = _DictTokens(self)
        self._auth = AsyncBearerAuth(self._tokens, self)
        self._session: AsyncHttpClient | None = None

    def __repr__(self) -> str:
        return f"AsyncKitsuClient(host={self.host!r}, authenticated={bool(self.access_token)})"

    # -- host, TLS, tokens ------------------------------------------------------------------------
    @property
    def host(self) -> str:
        """The API URL the client talks to, without a trailing slash."""
        return self._host

    @host.setter
    def host(self, value: str) -> None:
        self._host = normalise_host(value)
        if self._session is not None:
            self._session.base_url = httpx.URL(self._host + "/")

    @property
    def ssl_verify(self) -> bool | str:
        """The TLS verification setting (True, False or a CA bundle path), fixed when the session is built."""
        return self._ssl_verify

    def make_auth_header(self) -> dict[str, str]:
        """Return the headers that authenticate a request (for code that talks to Kitsu by itself).

        Returns:
            A dict with ``User-Agent`` and, when the client has a token, ``Authorization: Bearer <token>``.
        """
        headers = {"User-Agent": self.user_agent}
        if self.access_token:
            headers["Authorization"] = f"Bearer {self.access_token}"
        return headers

    async def refresh_access_token(self) -> dict[str, Any]:
        """Refresh the access token with the refresh token (one refresh at a time); return the server's answer.

        Returns:
            The refresh answer, a dict with the new ``access_token`` (also stored on the client).

        Raises:
            NotAuthenticatedException: When there is no refresh token or the server refuses it.
        """
        answer = await self._auth.refresh_now(functools.partial(self.session.send, auth=None))
        return cast("dict[str, Any]", decode_json(answer))

    def url_of(self, operation: str, **path_params: Any) -> str:
        """Return the full URL of a generated operation on this client's host.

        Args:
            operation: The operationId of a generated operation (``kitsu_api.operations.OPERATIONS`` lists
                them).
            **path_params: The operation's path parameters, by name.

        Returns:
            The URL, the host followed by the operation's route with the path parameters filled and encoded.

        Raises:
            InvalidParameterValueException: When the operation is unknown or a path parameter is missing or
                invalid.
        """
        return self._host + build_operation_path(operation_info(operation), path_params)

    # -- HTTP -------------------------------------------------------------------------------------
    @property
    def session(self) -> AsyncHttpClient:
        """The pooled httpx.AsyncClient (built on first use, and again after it was closed)."""
        if self._session is None or self._session.is_closed:
            inner = self._transport or httpx.AsyncHTTPTransport(
                verify=tls_verify(self._host, self._ssl_verify),
                cert=self.cert,
                limits=httpx.Limits(max_connections=self.max_connections),
            )
            self._session = AsyncHttpClient(
                bounds=RequestBounds.of(
                    self.deadline, self.transfer_deadline, self.max_response_bytes, self.allowed_origins
                ),
                base_url=self._host + "/",
                auth=self._auth,
                transport=AsyncRetryTransport(inner, self.retry_policy, self._sleep),
                timeout=self.timeout,
                headers={"User-Agent": self.user_agent},
                follow_redirects=False,  # as the sync client: a redirect could lead to another route
            )
        return self._session

    async def request(self, method: str, path: str, **options: Unpack[RequestOptions]) -> httpx.Response:
        """Send one request and return its 2xx answer: the awaitable ``KitsuClient.request`` (same keywords,
        ``RequestOptions``; same typed errors for any other answer).

        Args:
            method: The HTTP method, e.g. ``"GET"``.
            path: The route below the host, or an absolute URL of an allowed origin.
            **options: ``params``, ``json``, ``data``, ``files``, ``headers``, ``timeout``.

        Returns:
            The ``httpx.Response``.
        """
        url, kwargs = request_target(path, options)
        return await self.session.request(method, url, **kwargs)

    async def request_json(self, method: str, path: str, **options: Unpack[RequestOptions]) -> Any:
        """Send a request and return its decoded JSON (None when empty): the awaitable
        ``KitsuClient.request_json``.

        Args:
            method: The HTTP method.
            path: The route below the host, or an absolute URL of an allowed origin.
            **options: The keywords of ``request``.

        Returns:
            The decoded JSON, or None for an empty answer.
        """
        return decode_json(await self.request(method, path, **options))

    async def call(
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
        """Call a generated operation by its operationId: the awaitable ``KitsuClient.call``, whose arguments,
        answer (the decoded JSON, or the response when raw) and typed errors it shares.

        Returns:
            The decoded JSON answer (None when empty), or the ``httpx.Response`` when raw.
        """
        op = operation_info(operation)
        path = build_operation_path(op, path_params)
        response = await self.request(
            op.method, path, params=params, json=json, data=data, files=files, timeout=timeout
        )
        return response if raw else decode_json(response)

    async def aclose(self) -> None:
        """Close the pooled connections.

        The client stays usable: a new pool is built on the next request.
        """
        if self._session is not None:
            await self._session.aclose()
            self._session = None

    async def __aenter__(self) -> AsyncKitsuClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        try:
            if self.access_token:
                with contextlib.suppress(errors.GazuException):
                    await self.call("get_auth_logout")
            self.tokens = {"access_token": None, "refresh_token": None}
        finally:
            await self.aclose()


def _client(client: AsyncKitsuClient | None) -> AsyncKitsuClient:
    if client is None:
        raise InvalidParameterValueException(
            "kitsu_helpers.aio has no default client: pass client= (see create_session)"
        )
    return client


def get_full_url(path: str, client: AsyncKitsuClient) -> str:
    """Return the host joined with path.

    Args:
        path: The route below the host.
        client: The AsyncKitsuClient to use (aio has no default client: it must be given).

    Returns:
        The full URL.

    Raises:
        InvalidParameterValueException: When client is None.
    """
    return url_path_join(_client(client).host, path)


async def check_status(response: httpx.Response, path: str, client: AsyncKitsuClient | None = None) -> tuple[int, bool]:
    """Raise the typed error of a non-2xx response; return (status, False) otherwise (gazu's contract).

    Args:
        response: The response to check.
        path: The route, for the error message.
        client: Unused; kept for gazu's signature.

    Returns:
        A tuple (status code, False): the client's own requests refresh and retry by themselves, so
        there is never a retry to ask for.

    Raises:
        GazuException: The typed subclass for the status (ParameterException for 400,
            NotAuthenticatedException for 401, ...).
    """
    if response.status_code >= 400:
        await response.aread()
        raise errors.error_for_status(
            response.status_code,
            response.request.method if response._request is not None else "GET",
            path,
            response.content,
            response.headers.get("content-type", ""),
        )
    return response.status_code, False


async def get(
    path: str, json_response: bool = True, params: dict[str, Any] | None = None, client: AsyncKitsuClient | None = None
) -> Any:
    """GET path below the host; return JSON (or text when json_response is False).

    Args:
        path: The route below the host, e.g. ``"data/projects"``.
        json_response: Decode the answer as JSON; when False return its text.
        params: Query parameters.
        client: The AsyncKitsuClient to use (aio has no default client: it must be given).

    Returns:
        The decoded JSON (None when empty), or the answer's text.

    Raises:
        InvalidParameterValueException: When client is None.
        GazuException: The typed subclass for a non-2xx answer (e.g. RouteNotFoundException for 404, see
            the README's error table).
    """
    response = await _client(client).request("GET", path, params=params)
    return decode_json(response) if json_response else response.text


async def post(path: str, data: Any, client: AsyncKitsuClient | None = None) -> Any:
    """POST JSON data to path; return the JSON answer.

    Args:
        path: The route below the host.
        data: The body, sent as JSON.
        client: The AsyncKitsuClient to use (aio has no default client: it must be given).

    Returns:
        The decoded JSON answer (None when empty).

    Raises:
        InvalidParameterValueException: When client is None.
        GazuException: The typed subclass for a non-2xx answer (e.g. RouteNotFoundException for 404, see
            the README's error table).
    """
    return await _client(client).request_json("POST", path, json=data)


async def put(path: str, data: Any, client: AsyncKitsuClient | None = None) -> Any:
    """PUT JSON data to path; return the JSON answer.

    Args:
        path: The route below the host.
        data: The body, sent as JSON.
        client: The AsyncKitsuClient to use (aio has no default client: it must be given).

    Returns:
        The decoded JSON answer (None when empty).

    Raises:
        InvalidParameterValueException: When client is None.
        GazuException: The typed subclass for a non-2xx answer (e.g. RouteNotFoundException for 404, see
            the README's error table).
    """
    return await _client(client).request_json("PUT", path, json=data)


async def delete(path: str, params: dict[str, Any] | None = None, client: AsyncKitsuClient | None = None) -> str:
    """DELETE path; return the answer's text (as gazu does).

    Args:
        path: The route below the host.
        params: Query parameters.
        client: The AsyncKitsuClient to use (aio has no default client: it must be given).

    Returns:
        The answer's text (usually empty).

    Raises:
        InvalidParameterValueException: When client is None.
        GazuException: The typed subclass for a non-2xx answer (e.g. RouteNotFoundException for 404, see
            the README's error table).
    """
    return (await _client(client).request("DELETE", path, params=params)).text


async def fetch_all(
    path: str,
    params: dict[str, Any] | None = None,
    client: AsyncKitsuClient | None = None,
    paginated: bool = False,
    limit: int | None = None,
    fields: list[str] | str | None = None,
) -> list[dict[str, Any]]:
    """Return every entry of a model (``await fetch_all("tasks", {"project_id": ...})``), page by page if asked.

    Args:
        path: The model's route below ``data/``, e.g. ``"tasks"``.
        params: Filters, as query parameters.
        client: The AsyncKitsuClient to use (aio has no default client: it must be given).
        paginated: Read the list page by page.
        limit: Entries per page when paginated.
        fields: Only these fields of each entry (a list or a comma-separated string); id and type always
            come.

    Returns:
        A list of entry dicts.

    Raises:
        InvalidParameterValueException: When client is None.
    """
    client = _client(client)
    params = with_fields(params, fields)
    route = url_path_join("data", path)
    if not paginated:
        return cast("list[dict[str, Any]]", await client.request_json("GET", route, params=params))
    if limit is not None:
        params["limit"] = limit
    results: list[dict[str, Any]] = []
    page = 1
    while True:
        params["page"] = page
        entries, more = read_page(await client.request_json("GET", route, params=params), page)
        results.extend(entries)
        if not more:
            return results
        page += 1


async def fetch_first(path: str, params: dict[str, Any] | None = None, client: AsyncKitsuClient | None = None) -> Any:
    """Return the first entry of a model list, or None.

    Args:
        path: The model's route below ``data/``.
        params: Filters, as query parameters.
        client: The AsyncKitsuClient to use (aio has no default client: it must be given).

    Returns:
        The first entry dict, or None when the list is empty.

    Raises:
        InvalidParameterValueException: When client is None.
    """
    entries = await _client(client).request_json("GET", url_path_join("data", path), params=params)
    return entries[0] if entries else None


async def fetch_one(
    model_name: str, id: str, params: dict[str, Any] | None = None, client: AsyncKitsuClient | None = None
) -> Any:
    """Return one model instance by id (the id is one path segment, encoded as the sync client does).

    Args:
        model_name: The model's route name, e.g. ``"projects"``.
        id: The instance's id.
        params: Query parameters.
        client: The AsyncKitsuClient to use (aio has no default client: it must be given).

    Returns:
        The instance dict.

    Raises:
        InvalidParameterValueException: When client is None.
        RouteNotFoundException: When no instance has that id.
    """
    path = model_path(model_name, id)
    return await _client(client).request_json("GET", path, params=params)


async def create(model_name: str, data: dict[str, Any], client: AsyncKitsuClient | None = None) -> Any:
    """Create an entry of a model; return it.

    Args:
        model_name: The model's route name.
        data: The new entry's fields.
        client: The AsyncKitsuClient to use (aio has no default client: it must be given).

    Returns:
        The created entry dict.

    Raises:
        InvalidParameterValueException: When client is None.
    """
    return await _client(client).request_json("POST", url_path_join("data", model_name), json=data)


async def update(model_name: str, model_id: str, data: dict[str, Any], client: AsyncKitsuClient | None = None) -> Any:
    """Update an entry of a model; return it.

    Args:
        model_name: The model's route name.
        model_id: The entry's id.
        data: The fields to change.
        client: The AsyncKitsuClient to use (aio has no default client: it must be given).

    Returns:
        The updated entry dict.

    Raises:
        InvalidParameterValueException: When client is None.
    """
    path = model_path(model_name, model_id)
    return await _client(client).request_json("PUT", path, json=data)


async def upload(
    path: str,
    file_path: str | None = None,
    data: dict[str, Any] | None = None,
    extra_files: list[str] | None = None,
    client: AsyncKitsuClient | None = None,
    progress_callback: Callable[[int, int], Any] | None = None,
    *,
    progress: Progress = None,
) -> Any:
    """Upload files (streamed from disk, constant memory) to path as multipart; return the JSON answer.

    Args:
        path: The route below the host (e.g. ``"pictures/thumbnails/projects/<id>"``), or a full URL.
        file_path: The file to send (field ``file``).
        data: Form fields sent beside the file.
        extra_files: More files to send (fields ``file-1``, ``file-2``...).
        client: The AsyncKitsuClient to use (aio has no default client: it must be given).
        progress_callback: Called as ``progress_callback(sent_bytes, total_bytes)`` while sending.
        progress: True to draw a tqdm bar (as in the sync client), a ``callback(done, total)``, or None.

    Returns:
        The decoded JSON answer.

    Raises:
        InvalidParameterValueException: When client is None.
        FileDoesntExistException: When a file to send does not exist (nothing is sent).
        UploadFailedException: When Zou reports an error inside a 2xx answer.
        GazuException: The typed subclass for a non-2xx answer (e.g. RouteNotFoundException for 404, see
            the README's error table).
    """
    if progress is not None and progress is not False:
        with progress_bar(progress, os.path.basename(file_path or "")) as bar:
            return await upload(path, file_path, data, extra_files, client, chain(progress_callback, bar))
    client = _client(client)
    opened: list[Any] = []
    try:
        files = open_upload_files(file_path, extra_files, opened)
        if progress_callback is not None:
            files = with_progress(files, progress_callback)
        form = form_values(data) or None
        response = await client.request("POST", path, data=form, files=files, timeout=client.transfer_timeout)
    finally:
        for handle in opened:
            handle.close()
    return upload_result(response)


async def download(
    path: str,
    file_path: str | None,
    params: dict[str, Any] | None = None,
    client: AsyncKitsuClient | None = None,
    progress_callback: Callable[[int, int], Any] | None = None,
    processing_timeout: float = DEFAULT_PROCESSING_TIMEOUT,
    *,
    progress: Progress = None,
) -> httpx.Response:
    """Download path to file_path atomically (streamed to a temporary file, renamed only when complete).

    Args:
        path: The route below the host (e.g. ``"movies/originals/preview-files/<id>.mp4"``), or a full
            URL.
        file_path: Where to write the file; None to return the read response instead.
        params: Query parameters.
        client: The AsyncKitsuClient to use (aio has no default client: it must be given).
        progress_callback: Called as ``progress_callback(received_bytes, total_bytes)`` (total 0 when
            unknown).
        processing_timeout: Seconds to keep waiting while the server answers 202 (a preview still being
            processed).
        progress: True to draw a tqdm bar (as in the sync client), a ``callback(done, total)``, or None.

    Returns:
        The (closed) ``httpx.Response``; its body was written to file_path (or read into it when
        file_path is None).

    Raises:
        InvalidParameterValueException: When client is None.
        PreviewFileProcessingException: When the file is still processing after processing_timeout.
        DownloadFileException: When the download is cut or truncated (nothing is written).
        GazuException: The typed subclass for a non-2xx answer (e.g. RouteNotFoundException for 404, see
            the README's error table).
    """
    if progress is not None and progress is not False:
        label = os.path.basename(str(file_path or "")) or path.rstrip("/").rsplit("/", 1)[-1]
        with progress_bar(progress, label) as bar:
            callback = chain(progress_callback, bar)
            return await download(path, file_path, params, client, callback, processing_timeout)
    client = _client(client)
    url = path.lstrip("/")
    deadline = time.monotonic() + processing_timeout
    while True:
        async with client.session.stream(
            "GET",
            url,
            params=encode_params(params),
            headers=ACCEPT_A_FILE,
            timeout=client.transfer_timeout,
            follow_redirects=True,  # file routes may redirect to the storage
        ) as response:
            if response.status_code == 202:
                if time.monotonic() >= deadline:
                    raise errors.PreviewFileProcessingException(
                        f"{path}: still processing after {processing_timeout:.0f} s", status=202, url=str(response.url)
                    )
                wait = retry_after_seconds(response.headers.get("Retry-After"), deadline)
            else:
                if file_path is None:
                    await response.aread()
                    return response
                await _write_atomically(response, Path(file_path), progress_callback)
                return response
        await client._sleep(wait)


async def _write_atomically(
    response: httpx.Response, target: Path, progress_callback: Callable[[int, int], Any] | None
) -> int:
    with PartFile(response, target, progress_callback) as part:
        async for chunk in response.aiter_bytes(CHUNK_SIZE):
            part.write(chunk)
        return part.commit()


async def log_in(
    email: str,
    password: str,
    totp: str | None = None,
    email_otp: str | None = None,
    fido_authentication_response: Any = None,
    recovery_code: str | None = None,
    client: AsyncKitsuClient | None = None,
) -> dict[str, Any]:
    """Log in (with a second factor when the account has one); store the answer as the client's tokens and return it.

    Args:
        email: The account's email.
        password: Its password.
        totp: A code of an authenticator app, for two-factor accounts.
        email_otp: A code received by email, for two-factor accounts.
        fido_authentication_response: A FIDO (security key) authentication response, for two-factor
            accounts.
        recovery_code: A two-factor recovery code.
        client: The AsyncKitsuClient to use (aio has no default client: it must be given).

    Returns:
        The login answer: a dict with ``user``, ``access_token``, ``refresh_token``, ...

    Raises:
        InvalidParameterValueException: When client is None.
        AuthFailedException: When the server refuses the login.
    """
    client = _client(client)
    payload = login_payload(email, password, totp, email_otp, fido_authentication_response, recovery_code)
    try:
        answer = await client.call("post_auth_login", json=payload)
    except (NotAuthenticatedException, ParameterException) as exc:
        raise login_refused(email, exc) from None
    answer = check_login_answer(answer, email, client.url_of("post_auth_login"))
    client.tokens = answer
    return answer


async def log_out(client: AsyncKitsuClient) -> dict[str, Any]:
    """Log out on the server (when possible) and forget the tokens; return the now-empty tokens.

    Args:
        client: The AsyncKitsuClient to use (aio has no default client: it must be given).

    Returns:
        The tokens dict, ``{"access_token": None, "refresh_token": None}``.

    Raises:
        InvalidParameterValueException: When client is None.
    """
    client = _client(client)
    with contextlib.suppress(errors.GazuException):  # an expired session still logs out locally
        await client.call("get_auth_logout")
    client.tokens = {"access_token": None, "refresh_token": None}
    return client.tokens


async def check_server_status(client: AsyncKitsuClient) -> bool:
    """Return True when the host answers HEAD with 200 (False for any other answer or no answer).

    Args:
        client: The AsyncKitsuClient to use (aio has no default client: it must be given).

    Returns:
        True when the host answers 200, else False.

    Raises:
        InvalidParameterValueException: When client is None.
    """
    client = _client(client)
    try:
        response = await client.session.head(client.host, auth=None)  # type: ignore[arg-type]  # None: no auth
    except errors.GazuException:
        return False
    return response.status_code == 200


async def create_session(
    host: str,
    email: str,
    password: str,
    totp: str | None = None,
    email_otp: str | None = None,
    fido_authentication_response: Any = None,
    recovery_code: str | None = None,
    ssl_verify: bool = True,
    use_refresh_token: bool = False,
    callback_not_authenticated: Callable[..., bool | Awaitable[bool]] | None = None,
) -> AsyncKitsuClient:
    """Return a logged-in AsyncKitsuClient: ``async with await create_session(...) as client:``.

    The client is closed when the login fails.

    Args:
        host: The API URL, e.g. ``"https://kitsu.example.com/api"``.
        email: The account's email.
        password: Its password.
        totp: A code of an authenticator app, for two-factor accounts.
        email_otp: A code received by email.
        fido_authentication_response: A FIDO (security key) authentication response.
        recovery_code: A two-factor recovery code.
        ssl_verify: TLS verification: True, False, or the path of a CA file or folder.
        use_refresh_token: Refresh an expired access token automatically.
        callback_not_authenticated: Called as ``callback(client, path)`` (maybe a coroutine function)
            when the token expired and cannot be refreshed; True replays the request.

    Returns:
        The logged-in AsyncKitsuClient; leaving its ``async with`` block logs out and closes it.

    Raises:
        AuthFailedException: When the server refuses the login.
    """
    client = AsyncKitsuClient(
        host,
        ssl_verify=ssl_verify,
        use_refresh_token=use_refresh_token,
        callback_not_authenticated=callback_not_authenticated,
    )
    try:
        await log_in(
            email,
            password,
            totp=totp,
            email_otp=email_otp,
            fido_authentication_response=fido_authentication_response,
            recovery_code=recovery_code,
            client=client,
        )
    except BaseException:
        await client.aclose()
        raise
    return client
