"""Coercions the helper modules share: gazu's loose date arguments to the forms Zou stores and parses.
Pure functions; they raise InvalidParameterValueException before any request is sent."""

from __future__ import annotations

import datetime

from ._types import DateLike
from .errors import InvalidParameterValueException
from .helpers import parse_date, to_date_string


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
