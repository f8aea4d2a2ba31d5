"""`kitsu_helpers.enable_logging(level)` and `KITSU_LOG=debug`: the SDK's loggers configured in one call.

The SDK logs under `kitsu_helpers` (and its children: `kitsu_helpers.http`, one DEBUG line per request with
method, route, status and duration; `kitsu_helpers.events`, one short line per failed reconnection;
`kitsu_helpers.sync`, the pushes' progress). Nothing is printed until a level is chosen: by a call to
`enable_logging`, or by the KITSU_LOG environment variable (debug, info, warning, error), read once when the
first client is built. Tokens and passwords are never logged (query values named token/password are redacted).
"""

from __future__ import annotations

import functools
import logging
import os
import sys

LOGGER_NAME = "kitsu_helpers"
ENV_VARIABLE = "KITSU_LOG"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}
_installed: list[logging.Handler] = []  # the handler enable_logging added (a second call replaces it)

__all__ = ["enable_logging", "logging_from_environment"]


def level_of(level: int | str) -> int:
    """Return a logging level from a number or a name (debug, info, warning, error; any case)."""
    if isinstance(level, int) and not isinstance(level, bool):
        return level
    if isinstance(level, str) and level.strip().lower() in LEVELS:
        return LEVELS[level.strip().lower()]
    from .errors import InvalidParameterValueException

    raise InvalidParameterValueException(f"unknown log level {level!r}: use one of {', '.join(LEVELS)}")


def enable_logging(
    level: int | str = "info", *, stream: object | None = None, handler: logging.Handler | None = None
) -> logging.Logger:
    """Return the SDK's logger (`kitsu_helpers`) after setting its level and giving it one handler.

    level: a logging level or its name ("debug" logs every request: method, route, status, duration).
    stream: where the default handler writes (stderr); handler: your own handler instead. Calling it again
    replaces the handler it installed, so a script may call it more than once."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level_of(level))
    while _installed:
        logger.removeHandler(_installed.pop())
    if handler is None:
        handler = logging.StreamHandler(stream if stream is not None else sys.stderr)  # type: ignore[arg-type]
        handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    _installed.append(handler)
    return logger


@functools.cache
def logging_from_environment() -> None:
    """Apply KITSU_LOG (a level name) once per process (functools.cache: later calls return at once): called
    when a client is built."""
    value = os.environ.get(ENV_VARIABLE, "").strip()
    if not value:
        return
    try:
        enable_logging(value)
    except ValueError:
        logging.getLogger(LOGGER_NAME).warning("%s=%r is not a log level: ignored", ENV_VARIABLE, value)
