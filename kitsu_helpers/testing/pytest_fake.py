"""A pytest plugin with the `fake_zou` fixture: a logged-in KitsuClient on a fresh in-memory fake Zou, also the
default client for the test (kitsu_helpers.testing.fake). Enable it with `pytest -p kitsu_helpers.testing.pytest_fake`
or `pytest_plugins = ["kitsu_helpers.testing.pytest_fake"]` in a conftest.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..client import KitsuClient
from . import fake


@pytest.fixture(name="fake_zou")
def fake_zou_fixture() -> Iterator[KitsuClient]:
    """A KitsuClient answered by a fresh FakeZou (`fake_zou.fake`), the default client while the test runs."""
    with fake.fake_zou() as client:
        yield client
