"""Testing studio scripts without a Zou.

- `cassette(path, mode)`: record every exchange of the kitsu clients in a block with a real Zou into a readable
  cassette (tokens, passwords and cookies scrubbed), replay it offline (kitsu_helpers.testing.cassette; needs the
  `testing` extra: `pip install 'kitsu-client[testing]'`).
- a pytest plugin (kitsu_helpers.testing.pytest_plugin, loaded by the `pytest11` entry point): the
  `kitsu_cassette` fixture, the `kitsu_cassette` marker and `--kitsu-record=none|once|new_episodes|all|check`.

- `fake.fake_zou()`: an in-memory fake Zou for the common CRUD (kitsu_helpers.testing.fake), its pytest fixture
  in kitsu_helpers.testing.pytest_fake (`pytest -p kitsu_helpers.testing.pytest_fake`).

Names load on first use: importing this package imports neither vcrpy nor the HTTP stack.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_NAMES = {
    "cassette": ".cassette",
    "Cassette": ".cassette",
    "MODES": ".cassette",
    "SCRUBBED": ".cassette",
    "scrub_value": ".cassette",
    "UnrecordedRequestError": ".errors",
    "CassetteDriftError": ".errors",
    "MissingCassetteError": ".errors",
    "compare": ".freshness",
    "fake_zou": ".fake",
    "FakeZou": ".fake",
    "FakeRouteNotImplemented": ".fake",
    "normalise": ".freshness",
}

__all__ = [
    "MODES",
    "SCRUBBED",
    "Cassette",
    "CassetteDriftError",
    "FakeRouteNotImplemented",
    "FakeZou",
    "MissingCassetteError",
    "UnrecordedRequestError",
    "cassette",
    "compare",
    "fake_zou",
    "normalise",
    "scrub_value",
]

if TYPE_CHECKING:
    from .cassette import MODES, SCRUBBED, Cassette, cassette, scrub_value
    from .errors import CassetteDriftError, MissingCassetteError, UnrecordedRequestError
    from .fake import FakeRouteNotImplemented, FakeZou, fake_zou
    from .freshness import compare, normalise


def __getattr__(name: str) -> Any:
    if name not in _NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_NAMES[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
