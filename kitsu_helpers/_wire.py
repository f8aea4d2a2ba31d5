"""How values travel to and from Zou: query parameters as Zou reads them, JSON answers decoded with a typed error.

Pure functions shared by the client's calls, the transfers (`_transfer`) and the async client (`aio`).
"""

from __future__ import annotations

import json as jsonlib
from typing import Any

import httpx

from . import errors
from ._http import redact_url


def encode_params(params: dict[str, Any] | None) -> dict[str, Any] | None:
    """Return query parameters as Zou reads them: booleans as true/false, None left out, lists repeated.

    Args:
        params: The query parameters, or None.

    Returns:
        The encoded parameters, or None when there are none.
    """
    if not params:
        return None
    return {key: _query_value(value) for key, value in params.items() if value is not None}


def _query_value(value: Any) -> Any:
    """Return one query value as Zou reads it: a boolean as true/false (also inside a list)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return [("true" if v else "false") if isinstance(v, bool) else v for v in value]
    return value


def decode_json(response: httpx.Response) -> Any:
    """Return a response's JSON, None when empty; a clear typed error when the body is not JSON.

    Args:
        response: The httpx response.

    Returns:
        The decoded JSON, or None for a 204 or an empty body.

    Raises:
        UnexpectedResponseException: When the body is not JSON (an HTML page, say).
    """
    if response.status_code == 204 or not response.content:
        return None
    try:
        return jsonlib.loads(response.content)
    except (ValueError, RecursionError):
        ctype = response.headers.get("content-type", "unknown")
        snippet = errors.message_from_body(response.content, ctype)
        url = redact_url(response.request.url)
        raise errors.UnexpectedResponseException(
            f"{response.status_code} {response.request.method} {url}: expected JSON, got {ctype}: {snippet}",
            status=response.status_code,
            method=response.request.method,
            url=url,
            server_message=snippet,
        ) from None
