"""pytest plugin of kitsu_helpers.testing (registered by the `pytest11` entry point; without the package
installed, `pytest -p kitsu_helpers.testing.pytest_plugin`).

- `kitsu_cassette` fixture: every kitsu client of the test (the default one, those it builds, sync and async)
  records into or replays from `<test dir>/cassettes/<module>/<test>.yaml` (the `test_` prefixes dropped; the ini
  option `kitsu_cassette_dir` moves the folder; `@pytest.mark.kitsu_cassette("path.yaml")` names the file);
- `--kitsu-record=MODE` (or `KITSU_RECORD`, or the ini option `kitsu_record`; default none, replay only):
  none, once, new_episodes, all (re-record), check (re-record into a scratch file and fail with a diff when the
  committed cassette differs, ids and dates normalised);
- `kitsu_record_mode`, `kitsu_cassette_path` and `kitsu_recording` fixtures for a test's own set-up (for example
  a client of the real server when recording, of nowhere when replaying).

Loading it costs an option and a marker: vcrpy is imported only by a test that uses the fixture.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

MODES = ("none", "once", "new_episodes", "all", "check")  # kitsu_helpers.testing.cassette.MODES, not imported here


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kitsu", "kitsu-client cassettes (kitsu_helpers.testing)")
    group.addoption(
        "--kitsu-record",
        choices=MODES,
        default=None,
        help="how kitsu_cassette fixtures use their cassette: none (replay only, the default), once, new_episodes, "
        "all (record anew), check (record anew and fail when the committed cassette differs)",
    )
    parser.addini("kitsu_record", "the default --kitsu-record mode", default="none")
    parser.addini("kitsu_cassette_dir", "folder of the kitsu cassettes (default: <test dir>/cassettes)", default="")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "kitsu_cassette(path=None, *, mode=None, allow_playback_repeats=False): the cassette of the "
        "kitsu_cassette fixture (a path relative to the test file, a mode overriding --kitsu-record)",
    )


@pytest.hookimpl(hookwrapper=True)  # the old-style wrapper: the plugin loads in every pytest >= 7 it meets
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome: Any = yield
    report = outcome.get_result()
    if report.when in ("setup", "call") and report.failed:  # a fixture or the test itself failed
        item.stash[_CALL_FAILED] = True


_CALL_FAILED = pytest.StashKey[bool]()


def _marker(request: pytest.FixtureRequest) -> pytest.Mark | None:
    marker: pytest.Mark | None = request.node.get_closest_marker("kitsu_cassette")
    return marker


@pytest.fixture
def kitsu_record_mode(request: pytest.FixtureRequest) -> str:
    """The mode of this test's cassette: the marker's, else --kitsu-record, KITSU_RECORD, the ini option, none."""
    marker = _marker(request)
    mode = (marker.kwargs.get("mode") if marker else None) or request.config.getoption("--kitsu-record")
    mode = mode or os.environ.get("KITSU_RECORD") or request.config.getini("kitsu_record") or "none"
    if mode not in MODES:
        raise pytest.UsageError(f"kitsu record mode must be one of {', '.join(MODES)}, not {mode!r}")
    return str(mode)


def _name(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text.removeprefix("test_")).strip("_") or "cassette"


@pytest.fixture
def kitsu_cassette_path(request: pytest.FixtureRequest) -> Path:
    """The file of this test's cassette."""
    test_file = Path(str(request.node.path))
    marker = _marker(request)
    if marker and (marker.args or marker.kwargs.get("path")):
        path: Path = test_file.parent / (marker.args[0] if marker.args else marker.kwargs["path"])
        return path
    folder = request.config.getini("kitsu_cassette_dir")
    base = Path(str(request.config.rootpath)) / folder if folder else test_file.parent / "cassettes"
    return base / _name(test_file.stem) / (_name(request.node.name) + ".yaml")


@pytest.fixture
def kitsu_recording(kitsu_record_mode: str, kitsu_cassette_path: Path) -> bool:
    """Whether this test's requests go to a real server (recording) rather than being replayed."""
    return kitsu_record_mode in ("all", "check", "new_episodes") or (
        kitsu_record_mode == "once" and not kitsu_cassette_path.exists()
    )


@pytest.fixture
def kitsu_cassette(request: pytest.FixtureRequest, kitsu_record_mode: str, kitsu_cassette_path: Path) -> Iterator[Any]:
    """Record or replay every kitsu exchange of the test (kitsu_helpers.testing.cassette); yields the Cassette.
    A test that failed (or whose set-up failed) records nothing and checks nothing."""
    from .cassette import cassette

    marker = _marker(request)
    repeats = bool(marker.kwargs.get("allow_playback_repeats")) if marker else False
    manager = cassette(kitsu_cassette_path, kitsu_record_mode, allow_playback_repeats=repeats)
    used = manager.__enter__()
    try:
        yield used
    except BaseException as exc:  # pragma: no cover - pytest does not throw into fixtures today
        manager.__exit__(type(exc), exc, exc.__traceback__)
        raise
    if request.node.stash.get(_CALL_FAILED, False):
        failed = RuntimeError("the test failed: its cassette is left as it was")
        with contextlib.suppress(RuntimeError):
            manager.__exit__(RuntimeError, failed, None)
        return
    from .errors import CassetteDriftError

    try:
        manager.__exit__(None, None, None)
    except CassetteDriftError as drift:
        pytest.fail(str(drift), pytrace=False)  # the diff is the message: no traceback of this fixture
