"""docs/record-replay.md's example (docs/examples/record_replay): its committed cassette replays with no server,
and, in the server run, still matches what the real Zou answers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "record_replay"


def run_example(*options: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {key: value for key, value in os.environ.items() if not key.startswith("KITSU_")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *options],
        cwd=EXAMPLE,
        env={**full_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_docs_example_replays_with_no_server() -> None:
    replay = run_example(KITSU_HOST="http://127.0.0.1:1")
    assert replay.returncode == 0, replay.stdout + replay.stderr
    assert "1 passed" in replay.stdout, replay.stdout + replay.stderr


def test_the_docs_example_cassette_holds_no_secret() -> None:
    text = "".join(path.read_text() for path in EXAMPLE.glob("cassettes/*/*.yaml"))
    assert "route: /auth/login" in text
    assert "password: <scrubbed>" in text
    assert "mysecretpassword" not in text
    assert "eyJ" not in text
    assert "Bearer" not in text


@pytest.mark.server
def test_the_docs_example_cassette_matches_the_real_zou(direct_zou: dict[str, Any]) -> None:
    check = run_example(
        "--kitsu-record=check",
        KITSU_HOST=direct_zou["url"],
        KITSU_EMAIL=direct_zou["email"],
        KITSU_PASSWORD=direct_zou["password"],
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "1 passed" in check.stdout, check.stdout + check.stderr
