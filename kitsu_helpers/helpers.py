"""gazu's argument helpers (`gazu.helpers`): model-or-id normalisation, dates, file names, downloads."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from ._coerce import parse_date as parse_date, to_date_string as to_date_string  # their home is _coerce
from ._local_paths import sanitize_filename as sanitize_filename  # its home is _local_paths
from ._types import ModelOrId as ModelOrId  # gazu code annotates with helpers.ModelOrId
from .errors import InvalidParameterValueException
from .path_params import is_uuid


def normalize_model_parameter(model_parameter: ModelOrId | uuid.UUID | None) -> dict[str, Any] | None:
    """Return a model dict for an id or a dict (None stays None).

    Args:
        model_parameter: An id (str or UUID), a dict holding ``id``, or None.

    Returns:
        The dict itself when given a dict, ``{"id": <id>}`` when given an id, None when given None.

    Raises:
        InvalidParameterValueException: When the value is an empty string, a dict without ``id`` or of
            another type (raised before any request).
    """
    if model_parameter is None:
        return None
    if isinstance(model_parameter, uuid.UUID):
        return {"id": str(model_parameter)}
    if isinstance(model_parameter, dict):
        if "id" not in model_parameter:
            raise InvalidParameterValueException("a model dict must have an 'id' key; nothing was sent")
        return model_parameter
    if isinstance(model_parameter, str):
        if not model_parameter:
            raise InvalidParameterValueException("an empty string is not an id; nothing was sent")
        return {"id": model_parameter}
    raise InvalidParameterValueException(
        f"expected an id (str) or a model dict, not {type(model_parameter).__name__}; nothing was sent"
    )


def model_id(model_parameter: ModelOrId | uuid.UUID) -> str:
    """Return the id of a model given as a dict or an id.

    Args:
        model_parameter: An id (str or UUID) or a dict holding ``id``.

    Returns:
        The id, a UUID string.

    Raises:
        InvalidParameterValueException: When the value is None, not a dict or an id, or its id is not a
            UUID (raised before any request).
    """
    normalized = normalize_model_parameter(model_parameter)
    if normalized is None:
        raise InvalidParameterValueException("expected an id (str) or a model dict, not None; nothing was sent")
    value = normalized["id"]
    if isinstance(value, uuid.UUID):
        return str(value)
    if not isinstance(value, str) or not is_uuid(value):
        shown = repr(value)[:60] if isinstance(value, str) else f"a {type(value).__name__}"
        raise InvalidParameterValueException(f"an id must be a UUID, not {shown}; nothing was sent")
    return value


def require_dict(value: Any, what: str, *keys: str) -> dict[str, Any]:
    """Return value if it is a dict holding keys (for helpers that need the whole entity, not an id).

    Args:
        value: The value to check.
        what: How to name the value in the error message (e.g. ``"task"``).
        *keys: Keys the dict must hold with a non-empty value.

    Returns:
        The same value, unchanged.

    Raises:
        InvalidParameterValueException: When value is not a dict or lacks one of the keys (raised before
            any request).
    """
    if not isinstance(value, dict):
        raise InvalidParameterValueException(
            f"{what} must be a dict{' with ' + ', '.join(keys) if keys else ''}, not {type(value).__name__}; "
            "nothing was sent"
        )
    missing = [key for key in keys if value.get(key) in (None, "")]
    if missing:
        raise InvalidParameterValueException(f"{what} dict lacks {', '.join(missing)}; nothing was sent")
    return value


def require_str(value: Any, what: str) -> str:
    """Return value if it is a str (a text such as a comment, where any text is valid).

    Args:
        value: The value to check.
        what: How to name the value in the error message.

    Returns:
        The same string, unchanged.

    Raises:
        InvalidParameterValueException: When value is not a str (raised before any request).
    """
    if not isinstance(value, str):
        raise InvalidParameterValueException(f"{what} must be a str, not {type(value).__name__}; nothing was sent")
    return value


def optional_id(model_parameter: ModelOrId | uuid.UUID | None) -> str | None:
    """Return the id of a model given as a dict or an id, or None.

    Args:
        model_parameter: An id (str or UUID), a dict holding ``id``, or None.

    Returns:
        The id as a UUID string, or None when given None.

    Raises:
        InvalidParameterValueException: When the value is not None, a dict with a UUID id or a UUID.
    """
    return None if model_parameter is None else model_id(model_parameter)


def normalize_list_of_models_for_links(models: list[ModelOrId] | ModelOrId | None = None) -> list[str]:
    """Return the ids of a list of models (dicts or ids); a single model counts as a list of one.

    Args:
        models: A list of models (dicts or ids), one model, or None.

    Returns:
        A list of id strings (empty for None).

    Raises:
        InvalidParameterValueException: When one of the models is not a dict with a UUID id or a UUID.
    """
    if models is None:
        return []
    if not isinstance(models, list):
        models = [models]
    return [model_id(model) for model in models]


def validate_date_format(date_text: str) -> str:
    """Return date_text if it is YYYY-mm-dd or YYYY-mm-ddTHH:MM:SS.

    Args:
        date_text: The date string to check.

    Returns:
        The same string, unchanged.

    Raises:
        InvalidParameterValueException: When the string has neither format (it is also a ValueError).
    """
    for fmt in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            datetime.datetime.strptime(date_text, fmt)
            return date_text
        except (TypeError, ValueError):
            continue
    raise InvalidParameterValueException(
        f"Incorrect date format for {date_text}, should be YYYY-mm-dd or YYYY-mm-ddTHH:MM:SS"
    )


def download_file(url: str, file_path: str | None = None, headers: dict[str, str] | None = None) -> str:
    """Download url (any host, never with the Kitsu token) to file_path atomically; return where it was written.

    The request has the default client's TLS verification, timeouts, deadline, retries and redirect policy
    (``KitsuClient.foreign_http``). The file name, when file_path names only a folder, comes from the URL and the
    answer's type: it is made one safe path component and written only inside that folder.

    Args:
        url: The full URL of the file.
        file_path: Where to write it: a file path, an existing folder, or None for a new temporary folder.
        headers: Extra HTTP headers to send.

    Returns:
        The path of the written file.

    Raises:
        DownloadFileException: When the server answers with an error status.
    """
    from ._transfer import download_url
    from .client import get_default_client  # lazy: importing gazu's helpers stays cheap

    return download_url(get_default_client(), url, file_path, headers)
