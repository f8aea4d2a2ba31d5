"""The runnable example of docs/testing.md: a publish script and its tests on the fake Zou, run as a studio
would run them (pytest with the kitsu_helpers.testing.pytest_fake plugin), in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_TESTS = REPO / "docs" / "examples" / "test_publish_script.py"


def test_the_publish_script_example_passes_on_the_fake() -> None:
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "kitsu_helpers.testing.pytest_fake",
    ]
    done = subprocess.run(
        [*command, str(EXAMPLE_TESTS)], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout, done.stdout


def test_the_testing_page_shows_the_example_it_runs() -> None:
    page = (REPO / "docs" / "testing.md").read_text()
    assert "docs/examples/publish_script.py" in page
    assert "docs/examples/test_publish_script.py" in page
    assert "record-replay.md" in page
