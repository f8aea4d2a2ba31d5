"""Coercions the helper modules share: gazu's loose date arguments to the forms Zou stores and parses, and
optional fields left out when they are None.
Pure functions; they raise InvalidParameterValueException before any request is sent."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TypeVar

from ._types import DateLike
from .errors import InvalidParameterValueException

K = TypeVar("K")
V = TypeVar("V")


def drop_none(mapping: Mapping[K, V | None]) -> dict[K, V]:
    """Return a copy of mapping without its None values (gazu sends only the optional fields that are set).

    Args:
        mapping: The fields, some of them None.

    Returns:
        A new dict holding the keys whose value is not None, in their order.
    """
    return {key: value for key, value in mapping.items() if value is not None}


def to_date_string(value: DateLike | None, with_time: bool = False) -> str | None:
    """Return a date (date, datetime or any ISO-like string, parsed with dateutil) as Zou's date string.

    Args:
        value: A date, a datetime, a date string in any format dateutil reads, or None.
        with_time: Keep the time of a datetime (``YYYY-mm-ddTHH:MM:SS``) instead of the day only.

    Returns:
        The date as ``YYYY-mm-dd`` (or ``YYYY-mm-ddTHH:MM:SS`` with with_time), or None for None.

    Raises:
        InvalidParameterValueException: When value is of another type.
    """
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_date(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S") if with_time else value.strftime("%Y-%m-%d")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    raise InvalidParameterValueException(f"expected a date, datetime or ISO string, not {type(value).__name__}")


def parse_date(text: str) -> datetime.datetime:
    """Parse an ISO or free-form date string with dateutil (imported on first use: it costs ~8 ms).

    Args:
        text: The date string; ISO 8601 when it holds a ``T`` or is 10 characters long, free-form otherwise.

    Returns:
        The parsed datetime (naive unless the string gives an offset).

    Raises:
        InvalidParameterValueException: When dateutil cannot read the string (also a ValueError); nothing is sent.
    """
    from dateutil import parser as date_parser

    try:
        return date_parser.isoparse(text) if "T" in text or len(text) == 10 else date_parser.parse(text)
    except (ValueError, OverflowError) as exc:
        raise InvalidParameterValueException(
            f"{text[:60]!r} is not a date (ISO 8601 or a date dateutil reads)"
        ) from exc


def utc_moment(value: DateLike) -> datetime.datetime:
    """Convert a moment to a naive UTC datetime, the form Zou stores.

    A date becomes midnight of that day; an aware datetime is converted to UTC and its time zone dropped; a
    string is parsed with dateutil first.

    Args:
        value: A ``datetime.date``, a ``datetime.datetime`` or an ISO-like date string.

    Returns:
        A naive ``datetime.datetime`` in UTC.

    Raises:
        InvalidParameterValueException: value is not a date, a datetime or a string.
    """
    if isinstance(value, str):
        value = parse_date(value)
    if not isinstance(value, datetime.date):
        raise InvalidParameterValueException(f"expected a date, datetime or ISO string, not {type(value).__name__}")
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time())
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def comment_datetime(value: DateLike | None) -> str | None:
    """Format a comment's creation date the way Zou parses it.

    Args:
        value: A date, a datetime, an ISO-like string, or None.

    Returns:
        The moment as ``"YYYY-MM-DD HH:MM:SS"`` in UTC, or None when value is None.

    Raises:
        InvalidParameterValueException: value is neither None nor a date, datetime or string.
    """
    return None if value is None else utc_moment(value).strftime("%Y-%m-%d %H:%M:%S")


def day_string(value: DateLike) -> str:
    """Format a day as Zou's ``"YYYY-MM-DD"`` string.

    Args:
        value: A date, a datetime (its time is dropped) or an ISO-like date string.

    Returns:
        The day as ``"YYYY-MM-DD"``.

    Raises:
        InvalidParameterValueException: value is None or not a date, datetime or string.
    """
    if value is None:
        raise InvalidParameterValueException("a date is required (date, datetime or 'YYYY-MM-DD')")
    text = to_date_string(value)
    assert text is not None
    return text
