"""One exception hierarchy for every failure, with gazu's exception names as the public classes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

__all__ = [
    "STATUS_CLASSES",
    "AuthFailedException",
    "ConnectionFailedException",
    "DownloadFileException",
    "FileDoesntExistException",
    "GazuException",
    "HostException",
    "InvalidParameterValueException",
    "KitsuError",
    "MethodNotAllowedException",
    "NotAllowedException",
    "NotAuthenticatedException",
    "OperationNotInSpecException",
    "ParameterException",
    "PreviewFileProcessingException",
    "ProjectDoesntExistException",
    "PublishFailedException",
    "ResponseTooLargeException",
    "RouteNotFoundException",
    "ServerErrorException",
    "ServiceUnavailableException",
    "TaskMustBeADictException",
    "TaskStatusNotFoundException",
    "TimeoutException",
    "TooBigFileException",
    "TooManyRequestsException",
    "UnexpectedResponseException",
    "UploadFailedException",
    "ValidationException",
    "WriteOutcomeUnknownException",
    "error_for_status",
    "exception_class_for",
]

_HTML_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


class GazuException(Exception):
    """Base of every kitsu_helpers error; carries status, method, URL and the server's message."""

    def __init__(
        self,
        message: str = "",
        *args: Any,
        status: int | None = None,
        method: str | None = None,
        url: str | None = None,
        server_message: str | None = None,
    ) -> None:
        super().__init__(message, *args)
        self.status = status
        self.method = method
        self.url = url
        self.server_message = server_message

    @property
    def status_code(self) -> int | None:
        """The HTTP status (alias of status, as requests-style code expects)."""
        return self.status

    def __str__(self) -> str:
        parts = [str(a) for a in self.args if a not in (None, "")]
        return ": ".join(parts) if parts else self.__class__.__name__


KitsuError = GazuException


class HostException(GazuException):
    """The host cannot be reached or is not a Kitsu API."""


class ConnectionFailedException(HostException):
    """The connection failed before the request was sent (safe to retry)."""


class TimeoutException(HostException):
    """The server did not answer in time."""


class WriteOutcomeUnknownException(HostException):
    """A non-idempotent request was sent but its answer was lost: it may or may not have been applied."""


class AuthFailedException(GazuException):
    """Login was refused."""


class NotAuthenticatedException(GazuException):
    """401: no valid token (and no way to refresh it)."""


class NotAllowedException(GazuException):
    """403: the user may not do this."""


class MethodNotAllowedException(GazuException):
    """405: the route does not accept this method."""


class RouteNotFoundException(GazuException):
    """404: no such route or object."""


class OperationNotInSpecException(RouteNotFoundException, AttributeError):
    """A typed call (kitsu_api.calls) the generated package lacks: kitsu_api was regenerated from a Zou release
    without that operation. Also an AttributeError, so hasattr() answers False. Nothing was sent."""


class ServerErrorException(GazuException):
    """5xx: the server failed."""


class ServiceUnavailableException(ServerErrorException):
    """502, 503 or 504: a gateway or the server is unavailable (retried for idempotent requests)."""


class TooManyRequestsException(GazuException):
    """429: rate limited (retried for idempotent requests, honouring Retry-After)."""


class ParameterException(GazuException):
    """400 (and other 4xx without a class of their own): the request was refused as invalid."""


class InvalidParameterValueException(ParameterException, ValueError, TypeError):
    """A value refused before any request was sent (a hostile or malformed id, a wrong type): nothing was sent.

    Also a ValueError and a TypeError, so code written for the plain Python errors keeps catching it."""


class ResponseTooLargeException(GazuException):
    """The answer is larger than the client accepts (`max_response_bytes`): it was not read whole."""


class ValidationException(GazuException):
    """422: the payload failed validation."""


class UploadFailedException(GazuException):
    """The upload was refused or did not complete."""


class TooBigFileException(GazuException):
    """413: the file is larger than the server or proxy accepts."""


class TaskStatusNotFoundException(GazuException):
    """No task status matches."""


class DownloadFileException(GazuException):
    """The download failed; nothing was written at the target path."""


class TaskMustBeADictException(GazuException):
    """A task dict was expected."""


class FileDoesntExistException(GazuException, FileNotFoundError):
    """The local file does not exist (also a FileNotFoundError): the one type every helper raises for it."""


class ProjectDoesntExistException(GazuException):
    """No project matches."""


class PreviewFileProcessingException(GazuException):
    """The preview file is still being processed after the allowed wait."""


class UnexpectedResponseException(GazuException):
    """A 2xx answer that is not what the route promises (for example an HTML page instead of JSON)."""


class PublishFailedException(UploadFailedException):
    """publish_preview failed part-way; `comment` and `preview_file` say what already exists on the server,
    `step` which step failed ("preview creation", "upload", "processing", "thumbnail") and `reason` why
    (the server's message, or what was found in the file). `resume(path)` finishes it, `clean_up()` undoes it:
    the publish that raises it hands over the two functions they call (`resume_with`, `clean_up_with`)."""

    def __init__(
        self,
        message: str = "",
        *args: Any,
        comment: Any = None,
        preview_file: Any = None,
        step: str | None = None,
        reason: str | None = None,
        resume_with: Callable[..., Any] | None = None,
        clean_up_with: Callable[..., Any] | None = None,
        **kw: Any,
    ):
        super().__init__(message, *args, **kw)
        self.comment = comment
        self.preview_file = preview_file
        self.step = step
        self.reason = reason
        self._resume_with = resume_with
        self._clean_up_with = clean_up_with

    def resume(self, preview_file_path: str, client: Any = None, **options: Any) -> Any:
        """Return (comment, preview_file) after finishing this publish with a (fixed) file: task.resume_publish."""
        if self._resume_with is None:
            raise InvalidParameterValueException("this PublishFailedException was not raised by a publish: no resume")
        return self._resume_with(self.comment, self.preview_file, preview_file_path, client=client, **options)

    def clean_up(self, client: Any = None) -> Any:
        """Return what was removed after deleting this publish's comment and preview: task.remove_failed_publish."""
        if self._clean_up_with is None:
            raise InvalidParameterValueException("this PublishFailedException was not raised by a publish: no clean-up")
        return self._clean_up_with(self, client=client)


STATUS_CLASSES: dict[int, type[GazuException]] = {
    400: ParameterException,
    401: NotAuthenticatedException,
    403: NotAllowedException,
    404: RouteNotFoundException,
    405: MethodNotAllowedException,
    413: TooBigFileException,
    422: ValidationException,
    429: TooManyRequestsException,
    500: ServerErrorException,
    502: ServiceUnavailableException,
    503: ServiceUnavailableException,
    504: ServiceUnavailableException,
}


def exception_class_for(status: int) -> type[GazuException]:
    """Return the exception class raised for an HTTP status."""
    if status in STATUS_CLASSES:
        return STATUS_CLASSES[status]
    if status >= 500:
        return ServerErrorException
    if status >= 400:
        return ParameterException
    return UnexpectedResponseException


def message_from_data(data: Any, default: str = "No additional information") -> str:
    """Return Zou's message from a parsed JSON error body, with field-level validation details."""
    message = default
    if isinstance(data, dict):
        for key in ("message", "error", "msg", "description"):
            value = data.get(key)
            if isinstance(value, str) and value:
                message = value
                break
        nested = data.get("data")
        errors = nested.get("errors") if isinstance(nested, dict) else None
        if isinstance(errors, list) and errors:
            details = ", ".join(f"{e.get('field')}: {e.get('message')}" for e in errors if isinstance(e, dict))
            if details:
                message = f"{message} ({details})"
    return message


def message_from_body(body: bytes, content_type: str, default: str = "No additional information") -> str:
    """Return a short, readable message from any error body (JSON, HTML page or text)."""
    if not body:
        return default
    text = body[:65536].decode("utf-8", "replace")
    if "json" in content_type or text.lstrip().startswith(("{", "[")):
        try:
            return message_from_data(json.loads(text), default)
        except (ValueError, RecursionError):
            pass
    if "html" in content_type or text.lstrip().lower().startswith(("<!doctype", "<html")):
        title = re.search(r"<title>(.*?)</title>", text, re.I | re.S)
        text = title.group(1) if title else _HTML_TAG.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return (text[:300] + "...") if len(text) > 300 else (text or default)


def error_for_status(status: int, method: str, url: str, body: bytes, content_type: str) -> GazuException:
    """Build the typed exception for a non-2xx answer."""
    server_message = message_from_body(body, content_type)
    cls = exception_class_for(status)
    text = f"{status} {method} {url}: {server_message}"
    return cls(text, status=status, method=method, url=url, server_message=server_message)


class UnsafeLocalPathException(DownloadFileException):
    """A local path taken from server data falls outside its root (or no root was given); nothing was written."""


class LocalFileExistsException(DownloadFileException):
    """A download would replace an existing file and overwrite=True was not given; nothing was written."""


__all__ += ["LocalFileExistsException", "UnsafeLocalPathException"]


class InsecureConnectionWarning(UserWarning):
    """A client was built with TLS certificate verification turned off (a warning, not raised)."""


class ShotsCreationError(GazuException):
    """Some shots of a bulk creation failed: `failed` maps their names to errors, `created` lists the others."""

    def __init__(self, failed: dict[str, BaseException], created: Sequence[Mapping[str, Any]]) -> None:
        names = ", ".join(sorted(failed))
        super().__init__(f"{len(failed)} shot(s) could not be created: {names}")
        self.failed = failed
        self.created = created


if TYPE_CHECKING:

    class EventStreamConnectionError(ConnectionFailedException):
        """The event server could not be reached or refused the socket (also socket.io's ConnectionError)."""


def _event_stream_connection_error() -> type[ConnectionFailedException]:
    """Build EventStreamConnectionError, a ConnectionFailedException that is also socket.io's ConnectionError.

    It is built on first use (``errors.EventStreamConnectionError``, or importing kitsu_helpers.events), so that
    importing errors does not import socketio.

    Returns:
        The exception class.
    """
    import socketio

    class EventStreamConnectionError(ConnectionFailedException, socketio.exceptions.ConnectionError):  # type: ignore[misc]  # socketio ships no types
        """The event server could not be reached or refused the socket (also socket.io's ConnectionError)."""

    EventStreamConnectionError.__qualname__ = EventStreamConnectionError.__name__
    return EventStreamConnectionError


def __getattr__(name: str) -> Any:
    """Return `errors.EventStreamConnectionError`, built once on first use (the one lazily built class)."""
    if name == "EventStreamConnectionError":
        return globals().setdefault(name, _event_stream_connection_error())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
