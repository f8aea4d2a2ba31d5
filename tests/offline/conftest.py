"""The offline lane's scenarios: each test runs one module's helpers inside its cassette (tests/cassettes/<module>/).

`make test-unit` replays them (mode none, the default) with every client pointed at a closed port: no server, no
network. The server run (`make test`) runs them with `--kitsu-record=check`: recorded anew against the real local
Zou (directly, never through nginx, so the routes are Zou's own), and failed with a diff when a committed cassette
no longer matches (ids, dates and the recorded unique names normalised). `make cassettes` rewrites them (all).

The client logs in outside the cassette (a recording holds no login; the scrubbing of logins has its own tests).
The entities a scenario creates are named with `kitsu_cassette.unique(...)` and removed inside the cassette.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

import kitsu_helpers as gazu
from kitsu_helpers._default import DEFAULT
from kitsu_helpers.client import KitsuClient, set_default_client

REPLAY_HOST = "http://127.0.0.1:1"  # nothing listens there: a request a cassette does not answer cannot go out


@pytest.fixture(scope="session")
def recording_tokens(direct_zou: dict[str, Any]) -> dict[str, str]:
    """Tokens of the admin on the real Zou itself (asked only when a scenario records)."""
    admin = KitsuClient(direct_zou["url"])
    gazu.log_in(direct_zou["email"], direct_zou["password"], client=admin)
    return {
        "host": direct_zou["url"],
        "access_token": admin.access_token or "",
        "refresh_token": admin.refresh_token or "",
    }


@pytest.fixture
def kitsu(request: pytest.FixtureRequest, kitsu_recording: bool) -> Iterator[KitsuClient]:
    """The scenario's client, also the default client: the real Zou when recording, a closed port when replaying."""
    if kitsu_recording:
        tokens = request.getfixturevalue("recording_tokens")
        session = KitsuClient(
            tokens["host"], access_token=tokens["access_token"], refresh_token=tokens["refresh_token"]
        )
    else:
        session = KitsuClient(REPLAY_HOST, access_token="offline", retries=0)
    previous = DEFAULT.current
    set_default_client(session)
    yield session
    DEFAULT.set(previous)
    session.close()


@pytest.fixture
def kitsu_cassette(kitsu: KitsuClient, kitsu_cassette: Any) -> Any:
    """The plugin's cassette, entered once the client is made (so nothing of its set-up is recorded)."""
    return kitsu_cassette


@pytest.fixture
def project(kitsu: KitsuClient, kitsu_cassette: Any) -> Iterator[dict[str, Any]]:
    """A throwaway project (a short), created and removed inside the cassette."""
    made = gazu.project.new_project(kitsu_cassette.unique("offline"), "short", client=kitsu)
    yield made
    gazu.project.close_project(made, client=kitsu)
    gazu.project.remove_project(made, force=True, client=kitsu)


@pytest.fixture
def named(kitsu_cassette: Any) -> Callable[[str], str]:
    """A name unique to the recording (kept in the cassette, so the replay sends the same)."""
    return kitsu_cassette.unique
