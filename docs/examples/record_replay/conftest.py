"""The client of the studio's tests: the real Kitsu when recording, nowhere when replaying.

Record (a Kitsu with a throwaway project allowed):
    KITSU_HOST=https://kitsu.mystudio.com/api KITSU_EMAIL=me@mystudio.com KITSU_PASSWORD=... \
        pytest --kitsu-record=all
Replay (CI, no server): pytest
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

import kitsu_helpers as gazu

REPLAY_HOST = os.environ.get("KITSU_REPLAY_HOST", "http://127.0.0.1:1")  # same path as the recorded host's


@pytest.fixture
def kitsu(kitsu_cassette: Any, kitsu_recording: bool) -> Iterator[Any]:
    """The default client, logged in inside the cassette (the password never reaches the cassette)."""
    email = os.environ.get("KITSU_EMAIL", "admin@example.com")
    if kitsu_recording:
        gazu.set_host(os.environ["KITSU_HOST"])
        gazu.log_in(email, os.environ["KITSU_PASSWORD"])
    else:
        gazu.set_host(REPLAY_HOST)
        gazu.log_in(email, "any password: the recorded one is scrubbed")
    yield kitsu_cassette
    gazu.log_out()
