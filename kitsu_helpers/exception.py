"""gazu's `gazu.exception` module name: the same classes as kitsu_helpers.errors."""

from .errors import *  # noqa: F403
from .errors import __all__ as __all__
