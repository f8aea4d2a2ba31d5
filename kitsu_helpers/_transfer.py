"""Transfers: every upload and download of kitsu_helpers streams through this module.

A download goes through `fetch`: it asks, waits out Zou's 202 "still processing" answers (up to the client's
``processing_timeout``), refuses an HTML page where a file is expected, and writes the body atomically to a local
path contained by `_local_paths.local_target` (or reads it, for a body kept in memory). An upload is multipart,
streamed from disk with progress. Both name their operation the way ``client.call`` does
(``download(client, "<operationId>", file_path, **path_params)``); the path-based variants serve gazu's raw
``client.download``/``client.upload``. The pure pieces (`PartFile`, `form_values`, `upload_result`,
`refuse_html_page`, the progress reader, the Retry-After delay) serve the async client (`aio`) too.

This module sits below ``client.py``: what it needs of a client is the `TransferClient` protocol.
"""

from __future__ import annotations

import contextlib
import functools
import mimetypes
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast
from urllib.parse import urlparse

import httpx

from . import errors
from ._http import HttpClient, parse_retry_after, redact_url
from ._local_paths import StrPath, local_file_name, local_target, place_file
from ._types import Progress, ProgressCallback
from ._wire import decode_json, encode_params
from .errors import (
    DownloadFileException,
    FileDoesntExistException,
    PreviewFileProcessingException,
    UnexpectedResponseException,
    UploadFailedException,
)
from .progress import chain, progress_bar

CHUNK_SIZE = 1024 * 1024
DEFAULT_PROCESSING_TIMEOUT = 60
"""Seconds a download keeps waiting while Zou answers 202 (a preview still being processed), by default."""
ACCEPT_A_FILE = {"Accept": "application/json, */*;q=0.1"}  # a JSON error reads as one; any file type is welcome

T = TypeVar("T")


class TransferClient(Protocol):
    """What a transfer needs of a client (``KitsuClient`` has it all)."""

    transfer_timeout: httpx.Timeout | float | None
    processing_timeout: float
    _sleep: Callable[[float], None]

    @property
    def http(self) -> HttpClient:
        """The pooled HTTP client of the Kitsu host."""
        ...

    def path_of(self, operation: str, **path_params: Any) -> str:
        """Return an operation's path below the host, its path parameters filled and checked."""
        ...

    def request(
        self, method: str, path: str, *, params: Any = None, data: Any = None, files: Any = None, timeout: Any = None
    ) -> httpx.Response:
        """Send one request to a path below the host; raise a typed error unless the answer is 2xx."""
        ...

    def foreign_http(self, url: str) -> HttpClient:
        """Return a pool for url, of another origin: the client's TLS, retries and timeouts, never its token."""
        ...


# --- downloads ------------------------------------------------------------------------------------


def download(
    client: TransferClient,
    operation: str,
    file_path: StrPath | None,
    *,
    params: dict[str, Any] | None = None,
    progress: Progress = None,
    progress_callback: ProgressCallback | None = None,
    processing_timeout: float | None = None,
    root: StrPath | None = None,
    overwrite: bool = True,
    **path_params: Any,
) -> httpx.Response:
    """Download a generated GET operation's body to file_path atomically; return the (closed) response.

    Args:
        client: The client that sends the request.
        operation: The operationId (``kitsu_api.operations.OPERATIONS`` lists them).
        file_path: Where to write the body; None to read it into the response instead.
        params: Query parameters.
        progress: True to draw a tqdm bar (kitsu_helpers.progress), a ``callback(done, total)``, or None.
        progress_callback: Called as ``progress_callback(received_bytes, total_bytes)`` (total 0 when unknown).
        processing_timeout: Seconds to wait while Zou answers 202; the client's ``processing_timeout`` when None.
        root: A folder file_path must resolve below (for paths made from server data).
        overwrite: Replace an existing file; when False an existing file is kept and an error raised.
        **path_params: The operation's path parameters, by name.

    Returns:
        The (closed) response; its body is at file_path (or in ``response.content`` when file_path is None).

    Raises:
        InvalidParameterValueException: When the operation is unknown or a path parameter is invalid.
        PreviewFileProcessingException: When the file is still processing after processing_timeout.
        UnsafeLocalPathException: When file_path is not below root.
        LocalFileExistsException: When file_path exists and overwrite is False.
        DownloadFileException: When the download is cut or truncated (nothing is written).
        UnexpectedResponseException: When an HTML page (a proxy or login page) comes instead of the file.
    """
    target = DownloadTarget(file_path, params, progress_callback, processing_timeout, root, overwrite)
    return download_path(client, client.path_of(operation, **path_params), target, progress)


@dataclass(frozen=True)
class DownloadTarget:
    """Where and how a download lands: the local file (None: read into the response), the query parameters,
    the progress callback, the 202 wait (None: the client's processing_timeout) and the containment rules."""

    file_path: StrPath | None
    params: dict[str, Any] | None = None
    progress_callback: ProgressCallback | None = None
    processing_timeout: float | None = None
    root: StrPath | None = None
    overwrite: bool = True


def download_path(
    client: TransferClient, path: str, target: DownloadTarget, progress: Progress = None
) -> httpx.Response:
    """Download a path below the host (or a full URL of an allowed origin) to target; return the response.

    target's root and overwrite are checked before the request is sent, and again when the file is placed.

    Args:
        client: The client that sends the request.
        path: The route below the host, or a full URL.
        target: The local file and the download's options.
        progress: True to draw a tqdm bar, a ``callback(done, total)``, or None.

    Returns:
        The (closed) response; its body is at target.file_path (or in ``response.content`` when it is None).
    """
    file_path = target.file_path
    if progress is not None and progress is not False:
        label = os.path.basename(os.fspath(file_path or "")) or path.rstrip("/").rsplit("/", 1)[-1]
        with progress_bar(progress, label) as bar:
            chained = replace(target, progress_callback=chain(target.progress_callback, bar))
            return download_path(client, path, chained)
    keep: Callable[[httpx.Response], httpx.Response] = read_body
    if file_path is not None:
        local_target(file_path, target.root, target.overwrite)  # a refused path sends no request
        keep = functools.partial(write_body, Path(file_path), target.progress_callback, target.root, target.overwrite)
    waited = client.processing_timeout if target.processing_timeout is None else target.processing_timeout
    return fetch(client, client.http, path.lstrip("/"), keep, params=target.params, processing_timeout=waited)


def download_url(
    client: TransferClient, url: str, file_path: str | None = None, headers: dict[str, str] | None = None
) -> str:
    """Return the path url was written to: the body of gazu's ``helpers.download_file`` (its docstring tells the
    policy), through ``client.foreign_http(url)``, so never with the client's token.

    Args:
        client: The client whose transport settings apply.
        url: The full URL.
        file_path: A file path, an existing folder (the name then comes from url), or None (a temporary folder).
        headers: Extra headers.

    Returns:
        The written file's path.

    Raises:
        DownloadFileException: For an error status.
    """
    with client.foreign_http(url) as http:
        try:
            keep = functools.partial(_write_named, url, file_path)
            return fetch(client, http, url, keep, headers=headers or {}, processing_timeout=client.processing_timeout)
        except errors.GazuException as exc:
            if exc.status is None or exc.status < 400:
                raise
            raise DownloadFileException(
                f"File ({url}) can't be downloaded ({exc.status} {exc.server_message}).",
                status=exc.status,
                method="GET",
                url=exc.url,
            ) from None


def fetch(
    client: TransferClient,
    http: HttpClient,
    url: str,
    keep: Callable[[httpx.Response], T],
    *,
    params: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    processing_timeout: float = DEFAULT_PROCESSING_TIMEOUT,
) -> T:
    """Send a streamed GET (following redirects), wait out 202 answers, and return what keep makes of the answer.

    Args:
        client: The client whose transfer timeout and sleep function apply.
        http: The pool to send with (the client's, or ``client.foreign_http(url)``).
        url: The path below the pool's host, or a full URL.
        keep: Called with the streamed 2xx (not 202) response: writes or reads its body.
        params: Query parameters.
        headers: The headers to send; ``Accept`` for a file when None.
        processing_timeout: Seconds to keep asking while the server answers 202.

    Returns:
        What keep returns.

    Raises:
        PreviewFileProcessingException: When the server still answers 202 after processing_timeout.
    """
    deadline = time.monotonic() + processing_timeout
    while True:
        with http.stream(
            "GET",
            url,
            params=encode_params(params),
            headers=ACCEPT_A_FILE if headers is None else headers,
            timeout=client.transfer_timeout,
            follow_redirects=True,  # file routes may redirect to the storage
        ) as response:
            if response.status_code != 202:
                return keep(response)
            if time.monotonic() >= deadline:
                raise PreviewFileProcessingException(
                    f"{url}: still processing after {processing_timeout:.0f} s", status=202, url=str(response.url)
                )
            wait = retry_after_seconds(response.headers.get("Retry-After"), deadline)
        client._sleep(wait)


def read_body(response: httpx.Response) -> httpx.Response:
    """Read a file's body into the response (an HTML page refused); return the response.

    Args:
        response: The streamed response.

    Returns:
        The same response, read.
    """
    refuse_html_page(response)
    response.read()
    return response


def write_body(
    target: Path,
    progress_callback: ProgressCallback | None,
    root: StrPath | None,
    overwrite: bool,
    response: httpx.Response,
) -> httpx.Response:
    """Write a streamed body to target atomically (`write_atomically`); return the response.

    Args:
        target: The file to write.
        progress_callback: Called as ``progress_callback(written_bytes, total_bytes)``.
        root: A folder target must resolve below, or None.
        overwrite: Replace an existing file.
        response: The streamed response.

    Returns:
        The same response.
    """
    write_atomically(response, target, progress_callback, root=root, overwrite=overwrite)
    return response


def _write_named(url: str, file_path: str | None, response: httpx.Response) -> str:
    """Write a download_file answer where gazu would (a name from the URL and type inside a folder); return it."""
    if file_path is None:
        file_path = tempfile.mkdtemp(prefix="kitsu_") + os.sep
    if os.path.isdir(file_path):
        file_path = file_path.rstrip(os.sep) + os.sep
    folder, filename = os.path.split(file_path)
    filename = filename or urlparse(url).path.split("/")[-1]
    name, ext = os.path.splitext(filename)
    if not ext:
        ext = mimetypes.guess_extension(response.headers.get("content-type", "").split(";")[0]) or ""
    folder = folder or os.getcwd()
    target = Path(folder, local_file_name((name or "file") + ext, "file"))
    write_atomically(response, target, root=folder)
    return str(target)


def retry_after_seconds(value: str | None, deadline: float) -> float:
    """Return how long to wait before asking again after a 202: the server's Retry-After, within the deadline.

    Args:
        value: The Retry-After header, or None (5 seconds then).
        deadline: The ``time.monotonic()`` instant the wait ends.

    Returns:
        Seconds, at least 0 and no later than the deadline.
    """
    delay = parse_retry_after(value)
    return max(0.0, min(5.0 if delay is None else delay, deadline - time.monotonic()))


def refuse_html_page(response: httpx.Response) -> None:
    """Raise UnexpectedResponseException for an HTML page where a file is expected (a proxy or SSO login page).

    Zou serves files with their own type; an HTML file that really is the content (an attachment) comes with
    ``Content-Disposition: attachment``, which a login page does not have.

    Args:
        response: The streamed response (closed when refused).

    Raises:
        UnexpectedResponseException: When the answer is an HTML page that is not an attachment.
    """
    ctype = response.headers.get("content-type", "")
    media_type = ctype.split(";", 1)[0].strip().lower()
    if media_type not in ("text/html", "application/xhtml+xml"):
        return
    if response.headers.get("content-disposition", "").strip().lower().startswith("attachment"):
        return
    try:
        head = response.content[:65536]
    except httpx.ResponseNotRead:
        head = next(response.iter_bytes(65536), b"")
    response.close()
    url = redact_url(response.request.url)
    snippet = errors.message_from_body(head, ctype)
    raise UnexpectedResponseException(
        f"{response.status_code} {response.request.method} {url}: expected a file, got an HTML page "
        f"(a proxy or login page?): {snippet}; nothing written",
        status=response.status_code,
        method=response.request.method,
        url=url,
        server_message=snippet,
    )


def write_atomically(
    response: httpx.Response,
    target: Path,
    progress_callback: ProgressCallback | None = None,
    *,
    root: StrPath | None = None,
    overwrite: bool = True,
) -> int:
    """Stream a response body into target via a temporary file in the same folder; return bytes written.

    target is contained by ``_local_paths.local_target`` (below root when given; never replacing an existing
    file unless overwrite), and an HTML page where a file was expected is refused: nothing is written then.

    Args:
        response: The streamed response.
        target: The file to write.
        progress_callback: Called as ``progress_callback(written_bytes, total_bytes)``.
        root: A folder target must resolve below, or None.
        overwrite: Replace an existing file.

    Returns:
        The number of bytes written.

    Raises:
        UnsafeLocalPathException: When target is not below root.
        LocalFileExistsException: When target exists and overwrite is False.
        DownloadFileException: When the transfer is cut or truncated.
        UnexpectedResponseException: When an HTML page comes instead of the file.
    """
    target = local_target(target, root, overwrite)
    refuse_html_page(response)
    with PartFile(response, target, progress_callback, overwrite=overwrite) as part:
        for chunk in response.iter_bytes(CHUNK_SIZE):
            part.write(chunk)
        return part.commit()


class PartFile:
    """The temporary file beside `target` that a download streams into: commit() checks it is complete and
    renames it onto target; discard() removes it. No I/O on the network: shared by the sync and async downloads."""

    def __init__(
        self,
        response: httpx.Response,
        target: Path,
        progress_callback: ProgressCallback | None = None,
        overwrite: bool = True,
    ) -> None:
        """Open the temporary ``.part`` file beside target (its folder is created if needed).

        Args:
            response: The streamed response whose body is written.
            target: The final file.
            progress_callback: Called as ``progress_callback(written_bytes, total_bytes)`` after each chunk.
            overwrite: Replace an existing target on commit.
        """
        target.parent.mkdir(parents=True, exist_ok=True)
        self.response, self.target, self.progress_callback = response, target, progress_callback
        self.overwrite = overwrite
        self.total = int(response.headers.get("content-length") or 0)
        fd, self.tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        self.out = os.fdopen(fd, "wb")
        self.written = 0

    def write(self, chunk: bytes) -> None:
        """Append a chunk to the temporary file and report progress.

        Args:
            chunk: The bytes to write.
        """
        self.out.write(chunk)
        self.written += len(chunk)
        if self.progress_callback is not None:
            self.progress_callback(self.written, self.total)

    def commit(self) -> int:
        """Make the file the target (complete, flushed to disk, usual permissions); return bytes written.

        Returns:
            The number of bytes written.

        Raises:
            DownloadFileException: When fewer bytes came than the Content-Length announced.
            LocalFileExistsException: When target exists and overwrite is False.
        """
        response = self.response
        self.out.flush()
        os.fsync(self.out.fileno())
        self.out.close()
        if self.total and self.written != self.total and "content-encoding" not in response.headers:
            raise DownloadFileException(
                f"{response.request.method} {redact_url(response.request.url)}: truncated "
                f"({self.written} of {self.total} bytes)",
                status=response.status_code,
                url=redact_url(response.request.url),
            )
        os.chmod(self.tmp, 0o666 & ~current_umask())  # mkstemp makes 0600; a download gets the usual permissions
        place_file(self.tmp, self.target, self.overwrite)
        return self.written

    def __enter__(self) -> PartFile:
        """Return the part file; leaving the block with an error discards it (see __exit__)."""
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: Any) -> None:
        """Discard the temporary file when the block failed, raising what discard says stands for the error.

        Args:
            exc_type: The error's type, or None when the block ended normally.
            exc: The error, or None.
            tb: Its traceback.

        Raises:
            DownloadFileException: For a transport error (the original error chained); other errors propagate.
        """
        if exc is None:
            return
        failure = self.discard(exc)
        if failure is not exc:
            raise failure from exc

    def discard(self, exc: BaseException) -> BaseException:
        """Remove the temporary file; return the error to raise for ``exc`` (a lost connection says so).

        Args:
            exc: The error that stopped the download.

        Returns:
            A DownloadFileException for a transport error, else exc itself.
        """
        self.out.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.tmp)
        if isinstance(exc, (httpx.TransportError, errors.HostException)):
            url = redact_url(self.response.request.url)
            return DownloadFileException(
                f"GET {url}: download interrupted ({type(exc).__name__}); nothing written to {self.target}", url=url
            )
        return exc


@functools.lru_cache(maxsize=1)
def current_umask() -> int:
    """Return the process umask, read once (reading it means setting it for an instant).

    Returns:
        The umask, e.g. ``0o022``.
    """
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# --- uploads --------------------------------------------------------------------------------------


def upload(
    client: TransferClient,
    operation: str,
    *,
    file_path: str | None = None,
    extra_files: list[str] | None = None,
    files: dict[str, Any] | None = None,
    parts: Sequence[tuple[str, str]] | None = None,
    data: dict[str, Any] | None = None,
    params: dict[str, Any] | None = None,
    progress: Progress = None,
    progress_callback: ProgressCallback | None = None,
    **path_params: Any,
) -> Any:
    """Upload files to a generated POST operation as multipart (streamed from disk); return the JSON answer.

    Args:
        client: The client that sends the request.
        operation: The operationId (``kitsu_api.operations.OPERATIONS`` lists them).
        file_path: The file to send (field ``file``).
        extra_files: More files to send (fields ``file-1``, ``file-2``...).
        files: Ready multipart fields to send instead of the files named.
        parts: ``(form field, local path)`` pairs to send instead of file_path and extra_files.
        data: Form fields sent beside the files (None values left out).
        params: Query parameters.
        progress: True to draw a tqdm bar, a ``callback(done, total)``, or None.
        progress_callback: Called as ``progress_callback(sent_bytes, total_bytes)`` while sending.
        **path_params: The operation's path parameters, by name.

    Returns:
        The decoded JSON answer.

    Raises:
        InvalidParameterValueException: When the operation is unknown or a path parameter is invalid.
        FileDoesntExistException: When a file to send does not exist (nothing is sent).
        UploadFailedException: When Zou reports an error inside a 2xx answer.
    """
    body = UploadBody(file_path, extra_files, files, parts, data, params)
    return send_upload(client, client.path_of(operation, **path_params), body, progress, progress_callback)


@dataclass(frozen=True)
class UploadBody:
    """What an upload sends: the files (named, as (field, path) parts, or ready multipart fields), the form
    fields beside them and the query parameters."""

    file_path: str | None = None
    extra_files: list[str] | None = None
    files: dict[str, Any] | None = None
    parts: Sequence[tuple[str, str]] | None = None
    data: dict[str, Any] | None = None
    params: dict[str, Any] | None = None


def send_upload(
    client: TransferClient,
    path: str,
    body: UploadBody,
    progress: Progress = None,
    progress_callback: ProgressCallback | None = None,
) -> Any:
    """Upload body to a path below the host (or a full URL of an allowed origin), streamed from disk.

    Args:
        client: The client that sends the request.
        path: The route below the host, or a full URL.
        body: The files, form fields and query parameters to send.
        progress: True to draw a tqdm bar, a ``callback(done, total)``, or None.
        progress_callback: Called as ``progress_callback(sent_bytes, total_bytes)`` while sending.

    Returns:
        The decoded JSON answer.
    """
    if progress is not None and progress is not False:
        with progress_bar(progress, os.path.basename(body.file_path or "")) as bar:
            return send_upload(client, path, body, None, chain(progress_callback, bar))
    opened: list[Any] = []
    try:
        files = body.files
        if not files:
            parts = upload_parts(body.file_path, body.extra_files) if body.parts is None else body.parts
            files = open_parts(parts, opened)
        if progress_callback is not None:
            files = with_progress(files, progress_callback)
        form = form_values(body.data) or None
        response = client.request(
            "POST", path, params=body.params, data=form, files=files, timeout=client.transfer_timeout
        )
    finally:
        for handle in opened:
            handle.close()
    return upload_result(response)


def upload_parts(file_path: str | None, extra_files: list[str] | None) -> list[tuple[str, str]]:
    """Return the (form field, path) pairs of an upload's files: ``file``, then ``file-1``, ``file-2``...

    Args:
        file_path: The main file, or None.
        extra_files: More files, or None.

    Returns:
        A list of (field, path) pairs.
    """
    paths = ([file_path] if file_path else []) + list(extra_files or [])
    return [("file" if index == 0 else f"file-{index}", p) for index, p in enumerate(paths)]


def open_parts(parts: Sequence[tuple[str, str]], opened: list[Any]) -> dict[str, Any]:
    """Return multipart fields for (form field, path) pairs, the files opened to be streamed from disk.

    Every file is checked before any is opened.

    Args:
        parts: The (field, path) pairs.
        opened: A list the open handles are appended to (the caller closes them).

    Returns:
        A dict of multipart fields, each ``(file name, open file)``.

    Raises:
        FileDoesntExistException: When a file does not exist.
    """
    for _, p in parts:
        if not os.path.isfile(p):
            raise FileDoesntExistException(f"{p}: no such file")
    files = {}
    for field, p in parts:
        handle = open(p, "rb")  # noqa: SIM115 - the caller closes it
        opened.append(handle)
        files[field] = (os.path.basename(p), handle)
    return files


def open_upload_files(file_path: str | None, extra_files: list[str] | None, opened: list[Any]) -> dict[str, Any]:
    """Return the multipart fields ("file", "file-1"...) of the files, opened to be streamed from disk.

    Args:
        file_path: The main file, or None.
        extra_files: More files, or None.
        opened: A list the open handles are appended to (the caller closes them).

    Returns:
        A dict of multipart fields, each ``(file name, open file)``.

    Raises:
        FileDoesntExistException: When a file does not exist.
    """
    return open_parts(upload_parts(file_path, extra_files), opened)


def upload_result(response: httpx.Response) -> Any:
    """Return an upload's decoded answer; raise UploadFailedException when Zou reports an error inside a 2xx.

    Args:
        response: The upload's httpx response.

    Returns:
        The decoded JSON answer.

    Raises:
        UploadFailedException: When the answer holds an ``error`` with a message.
    """
    result = decode_json(response)
    message = errors.message_from_data(result, "") if isinstance(result, dict) else ""
    if isinstance(result, dict) and result.get("error") and message:
        raise UploadFailedException(message, status=response.status_code, method="POST", url=str(response.url))
    return result


def form_values(data: dict[str, Any] | None) -> dict[str, Any]:
    """Return upload form fields encoded as gazu (requests) sends them: str(value), None left out, lists repeated.

    Args:
        data: The form fields, or None.

    Returns:
        A dict of str (or bytes) values and lists of them.
    """
    out: dict[str, Any] = {}
    for key, value in (data or {}).items():
        if isinstance(value, (list, tuple)):
            out[key] = [v if isinstance(v, (str, bytes)) else str(v) for v in value if v is not None]
        elif value is not None:
            out[key] = value if isinstance(value, (str, bytes)) else str(value)
    return out


class ProgressReader:
    """A file wrapper that reports (bytes_sent, total) as the HTTP layer reads it."""

    def __init__(self, file: Any, callback: ProgressCallback, progress: list[int], total: int) -> None:
        """Wrap an open file.

        Args:
            file: The open file.
            callback: Called as ``callback(sent_bytes, total_bytes)`` after each read.
            progress: A one-item list holding the bytes sent so far by every file of the upload.
            total: The bytes of every file of the upload.
        """
        self._file = file
        self._callback = callback
        self._progress = progress
        self._total = total

    def read(self, size: int = -1) -> bytes:
        """Read from the file and report progress.

        Args:
            size: The most bytes to read (-1: all).

        Returns:
            The bytes read.
        """
        chunk = self._file.read(size)
        if chunk:
            self._progress[0] += len(chunk)
            self._callback(self._progress[0], self._total)
        return cast("bytes", chunk)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


def with_progress(files: dict[str, Any], callback: ProgressCallback) -> dict[str, Any]:
    """Return multipart fields whose open files report progress, summed over every file, as they are read.

    Args:
        files: The multipart fields (``(name, file, ...)`` tuples or files).
        callback: Called as ``callback(sent_bytes, total_bytes)``.

    Returns:
        The fields, the files wrapped in a `ProgressReader`.
    """
    handles = {key: (value[1] if isinstance(value, tuple) else value) for key, value in files.items()}
    sizes = {key: os.fstat(h.fileno()).st_size for key, h in handles.items() if hasattr(h, "fileno")}
    total, progress = sum(sizes.values()), [0]
    wrapped = {}
    for key, value in files.items():
        if key not in sizes:
            wrapped[key] = value
            continue
        reader = ProgressReader(handles[key], callback, progress, total)
        wrapped[key] = (value[0], reader, *value[2:]) if isinstance(value, tuple) else reader
    return wrapped
