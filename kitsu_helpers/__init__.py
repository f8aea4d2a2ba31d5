"""kitsu_helpers: a gazu-compatible, typed client for Kitsu (Zou), built on the generated `kitsu_api`.

`import kitsu_helpers as gazu` works for gazu scripts. Submodules (`gazu.project`, `gazu.task`, ...) and the
HTTP stack load on first use, so importing the package costs almost nothing.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .__version__ import __version__  # a 3-line module: the package stays lazy

SUBMODULES = (
    "aio", "asset", "cache", "casting", "client", "concept", "context", "edit", "encoder", "entity", "errors", "events",
    "exception", "files", "helpers", "person", "playlist", "project", "project_template", "scene", "search",
    "shot", "sorting", "studio", "sync", "task", "user", "progress",
)  # fmt: skip
_FROM_AUTH = (
    "create_session", "get_event_host", "get_host", "log_in", "log_out", "refresh_access_token", "refresh_token",
    "send_email_otp", "set_event_host", "set_host", "set_token", "create_client", "KitsuClient",
    "enable_logging",
)  # fmt: skip
_FROM_ERRORS = ("AuthFailedException", "ParameterException", "NotAuthenticatedException", "GazuException")

__all__ = [*SUBMODULES, *_FROM_AUTH, *_FROM_ERRORS, "raw"]

# What type checkers see (`X as X`: re-exported, also under --strict); __getattr__ below imports at run time.
if TYPE_CHECKING:
    from . import (
        aio as aio,
        asset as asset,
        cache as cache,
        casting as casting,
        client as client,
        client as raw,
        concept as concept,
        context as context,
        edit as edit,
        encoder as encoder,
        entity as entity,
        errors as errors,
        events as events,
        exception as exception,
        files as files,
        helpers as helpers,
        person as person,
        playlist as playlist,
        progress as progress,
        project as project,
        project_template as project_template,
        scene as scene,
        search as search,
        shot as shot,
        sorting as sorting,
        studio as studio,
        sync as sync,
        task as task,
        user as user,
    )
    from ._auth import (
        KitsuClient as KitsuClient,
        create_client as create_client,
        create_session as create_session,
        enable_logging as enable_logging,
        get_event_host as get_event_host,
        get_host as get_host,
        log_in as log_in,
        log_out as log_out,
        refresh_access_token as refresh_access_token,
        refresh_token as refresh_token,
        send_email_otp as send_email_otp,
        set_event_host as set_event_host,
        set_host as set_host,
        set_token as set_token,
    )
    from .errors import (
        AuthFailedException as AuthFailedException,
        GazuException as GazuException,
        NotAuthenticatedException as NotAuthenticatedException,
        ParameterException as ParameterException,
    )


def __getattr__(name: str) -> Any:
    """Load submodules and top-level functions on first access (PEP 562)."""
    if name in SUBMODULES:
        value: Any = import_module(f".{name}", __name__)
    elif name == "raw":
        value = import_module(".client", __name__)
    elif name in _FROM_AUTH:
        value = getattr(import_module("._auth", __name__), name)
    elif name in _FROM_ERRORS:
        value = getattr(import_module(".errors", __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
