"""kitsu_helpers.cache: gazu's API, plus thread safety, stable keys, per-client scope, safe values, invalidation."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from kitsu_helpers import cache
from kitsu_helpers.client import KitsuClient


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeClock]:
    fake = FakeClock()
    monkeypatch.setattr(cache, "clock", fake)
    cache.enable()
    yield fake
    cache.disable()


def fake_client(token: str) -> KitsuClient:
    return KitsuClient(
        "http://kitsu.test/api",
        transport=httpx.MockTransport(lambda r: httpx.Response(200, json={})),
        access_token=token,
    )


def make_counted() -> tuple[Callable[..., Any], list[Any]]:
    calls: list[Any] = []

    def get_thing(thing: Any, detail: bool = False, client: KitsuClient | None = None) -> dict[str, Any]:
        calls.append(thing)
        ident = thing["id"] if isinstance(thing, dict) else thing
        return {"id": ident, "detail": detail, "tags": ["a"]}

    return cache.cache(get_thing), calls


def test_cache_is_off_until_enabled() -> None:
    cached, calls = make_counted()
    cache.disable()
    cached("x")
    cached("x")
    assert len(calls) == 2


def test_hits_return_equal_values_that_callers_cannot_corrupt(clock: FakeClock) -> None:
    cached, calls = make_counted()
    first = cached("x")
    first["tags"].append("mutated")
    first["id"] = "changed"
    second = cached("x")
    assert second == {"id": "x", "detail": False, "tags": ["a"]}
    assert len(calls) == 1
    assert cached.get_cache_infos()["hits"] == 1


def test_keys_ignore_argument_style_and_dict_vs_id(clock: FakeClock) -> None:
    cached, calls = make_counted()
    client = fake_client("t1")
    cached("x", False, client)
    cached(thing="x", client=client)
    cached({"id": "x", "name": "whatever"}, detail=False, client=client)
    assert len(calls) == 1
    cached("x", detail=True, client=client)
    assert len(calls) == 2


def test_entries_are_scoped_per_client_user(clock: FakeClock) -> None:
    cached, calls = make_counted()
    cached("x", client=fake_client("user-a"))
    cached("x", client=fake_client("user-b"))
    cached("x", client=fake_client("user-a"))
    assert len(calls) == 2


def test_entries_expire(clock: FakeClock) -> None:
    cached, calls = make_counted()
    cached.set_expire(10)
    cached("x")
    clock.now += 9
    cached("x")
    clock.now += 2
    cached("x")
    assert len(calls) == 2
    assert cached.get_cache_infos()["expired_hits"] == 1


def test_lru_eviction_respects_maxsize(clock: FakeClock) -> None:
    cached, calls = make_counted()
    cached.set_max_size(2)
    cached("a")
    cached("b")
    cached("a")  # a is now the most recent
    cached("c")  # evicts b
    cached("a")
    cached("b")
    assert calls == ["a", "b", "c", "b"]
    assert cached.get_cache_infos()["current_size"] == 2


def test_clear_and_disable_per_function_and_globally(clock: FakeClock) -> None:
    cached, calls = make_counted()
    cached("x")
    cached.clear_cache()
    cached("x")
    cached.disable_cache()
    cached("x")
    cached.enable_cache()
    cached("x")
    cache.clear_all()
    cached("x")
    assert len(calls) == 4


def test_a_write_through_the_client_makes_its_cached_reads_stale(clock: FakeClock) -> None:
    cached, calls = make_counted()
    client = fake_client("t")
    cached("x", client=client)
    cached("x", client=client)
    client.call("put_data_projects_instance_id", instance_id="5f4b6a1e-0000-4000-8000-000000000001", json={"name": "n"})
    cached("x", client=client)
    assert len(calls) == 2


def test_eight_threads_hammering_with_evictions_raise_nothing(clock: FakeClock) -> None:
    cached, _ = make_counted()
    cached.set_max_size(50)
    failures: list[BaseException] = []

    def work(seed: int) -> None:
        try:
            for i in range(5000):
                value = cached(f"k{(i * 7 + seed) % 200}")
                assert value["id"] == f"k{(i * 7 + seed) % 200}"
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    infos = cached.get_cache_infos()
    assert infos["hits"] + infos["misses"] == 40000
    assert infos["current_size"] <= 50


@pytest.mark.server
def test_cached_read_sees_a_write_made_through_the_same_client(
    admin_client: KitsuClient, new_project: Callable[..., dict]
) -> None:
    @cache.cache
    def project_names(client: KitsuClient | None = None) -> list[str]:
        return sorted(p["name"] for p in admin_client.call("get_data_projects"))

    cache.enable()
    try:
        before = project_names(client=admin_client)
        assert project_names(client=admin_client) == before
        project = new_project()
        assert project["name"] in project_names(client=admin_client)
        assert project_names.get_cache_infos()["hits"] == 1
    finally:
        cache.disable()


def test_wrong_calls_still_raise_type_errors(clock: FakeClock) -> None:
    cached, calls = make_counted()
    with pytest.raises(TypeError):
        cached()
    with pytest.raises(TypeError):
        cached("x", unknown=1)
    with pytest.raises(TypeError):
        cached("x", False, None, "extra")
    assert calls == []


def test_values_that_marshal_cannot_store_are_pickled(clock: FakeClock) -> None:
    import datetime

    @cache.cache
    def when(day: int, client: KitsuClient | None = None) -> dict[str, Any]:
        return {"at": datetime.date(2024, 1, day)}

    first = when(3, client=fake_client("t"))
    assert when(3, client=fake_client("t")) == first == {"at": datetime.date(2024, 1, 3)}
    assert when.get_cache_infos()["hits"] == 1


def test_gazu_setter_names_set_expiry_and_size(clock: FakeClock) -> None:
    cached, calls = make_counted()
    cached.set_cache_expire(10)
    cached.set_cache_max_size(1)
    cached("a")
    cached("b")  # evicts a (max size 1)
    cached("a")
    clock.now += 11
    cached("a")  # expired
    assert calls == ["a", "b", "a", "a"]
    assert cached.get_cache_infos()["expire"] == 10
    assert cached.get_cache_infos()["maxsize"] == 1


def test_gazu_pure_helpers_key_and_expiry() -> None:
    import datetime

    assert cache.get_cache_key((), {}) == ""
    assert cache.get_cache_key(("arg1", "arg2"), {}) == '["arg1", "arg2"]'
    assert cache.get_cache_key((), {"a": 1}) == '{"a": 1}'
    assert cache.get_cache_key(("x",), {"a": 1}) == '[["x"], {"a": 1}]'
    key_a = cache.get_cache_key((), {"client": fake_client("token-a")})
    assert key_a != cache.get_cache_key((), {"client": fake_client("token-b")})  # one host, two users
    assert key_a == cache.get_cache_key((), {"client": fake_client("token-a")})
    assert "token-a" not in key_a
    memo = {"k": {"date_accessed": datetime.datetime.now(), "value": 1}}
    assert cache.is_cache_expired(memo, {"expire": 3600}, "k") is False
    memo["k"]["date_accessed"] = datetime.datetime.now() - datetime.timedelta(seconds=7200)
    assert cache.is_cache_expired(memo, {"expire": 3600}, "k") is True


@pytest.fixture
def cached_project_name(admin_client: KitsuClient) -> Iterator[Callable[..., str]]:
    """A cached read of a project's name (through the real server), the cache on while the test runs."""

    @cache.cache
    def project_name(project_id: str, client: KitsuClient | None = None) -> str:
        return str((client or admin_client).call("get_data_projects_instance_id", instance_id=project_id)["name"])

    cache.enable()
    yield project_name
    cache.disable()


@pytest.mark.server
def test_a_write_through_the_sync_client_bumps_its_generation_and_refreshes_cached_reads(
    admin_client: KitsuClient, new_project: Callable[..., dict], cached_project_name: Callable[..., str]
) -> None:
    project = new_project()
    before = admin_client.generation
    assert cached_project_name(project["id"], client=admin_client) == project["name"]
    assert admin_client.generation == before  # reads do not count
    admin_client.call("put_data_projects_instance_id", instance_id=project["id"], json={"name": project["name"] + "-2"})
    assert admin_client.generation == before + 1
    assert cached_project_name(project["id"], client=admin_client) == project["name"] + "-2"


@pytest.mark.server
def test_a_write_through_the_async_generated_api_refreshes_the_sync_cached_reads(
    admin_client: KitsuClient, new_project: Callable[..., dict], cached_project_name: Callable[..., str]
) -> None:
    from kitsu_api.api.crud import put_data_projects_instance_id
    from kitsu_api.models import PutDataProjectsInstanceIdBody

    project = new_project()
    assert cached_project_name(project["id"], client=admin_client) == project["name"]
    body = PutDataProjectsInstanceIdBody(name=project["name"] + "-async")
    asyncio.run(put_data_projects_instance_id.asyncio(project["id"], client=admin_client.async_api, body=body))
    assert cached_project_name(project["id"], client=admin_client) == project["name"] + "-async"


@pytest.mark.server
def test_closing_the_client_does_not_bring_back_reads_cached_before_a_write(
    admin_client: KitsuClient, new_project: Callable[..., dict], cached_project_name: Callable[..., str]
) -> None:
    project = new_project()
    own = KitsuClient(admin_client.host, tokens=dict(admin_client.tokens))
    try:
        assert cached_project_name(project["id"], client=own) == project["name"]
        own.call("put_data_projects_instance_id", instance_id=project["id"], json={"name": project["name"] + "-3"})
        own.close()  # a new pool: the count of writes must not start again from zero
        assert cached_project_name(project["id"], client=own) == project["name"] + "-3"
    finally:
        own.close()
