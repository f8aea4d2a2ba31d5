"""The suite's layers: a test that needs a real Zou is marked `server` by conftest.py, whatever its file says,
so `-m "not server"` is exactly the offline selection."""

from __future__ import annotations

import pytest


def test_every_test_standing_on_a_real_zou_is_marked_server(request: pytest.FixtureRequest) -> None:
    items = request.session.items
    server = {item.nodeid for item in items if item.get_closest_marker("server")}
    needing = {item.nodeid for item in items if {"direct_zou", "zou_b", "zou_frozen"} & set(item.fixturenames)}
    assert needing <= server
    smoke = [i.nodeid for i in items if i.nodeid.startswith("tests/test_smoke_journey.py")]
    assert all(nodeid in server for nodeid in smoke)
    assert request.node.nodeid not in server  # this test needs no server
