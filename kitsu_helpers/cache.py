"""gazu's read cache, made thread-safe: `enable()`, `disable()`, `clear_all()` and the `@cache` decorator.

Differences from gazu, on purpose:
- one lock per cached function: 8 threads hammering it raise nothing;
- keys bind arguments to the function's signature, so positional vs keyword order and a dict vs its id give
  the same entry;
- entries are scoped per client: host and a hash of the user's token (two users never share an entry);
- values are stored serialised and rebuilt on every hit, so a caller mutating a result cannot corrupt the cache;
- any write (POST, PUT, DELETE) sent by a client makes every entry cached for that client stale: a helper
  that changes data never lets a cached read return the old state through the same client.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

cache_settings = {"enabled": False}
cached_functions: list[Any] = []
clock: Callable[[], float] = time.monotonic


def enable() -> bool:
    """Turn caching on for every cached function; return True."""
    cache_settings["enabled"] = True
    return True


def disable() -> bool:
    """Turn caching off for every cached function; return False."""
    cache_settings["enabled"] = False
    return False


def clear_all() -> None:
    """Empty the cache of every cached function."""
    for function in cached_functions:
        function.clear_cache()


def client_identity(client: Any) -> tuple[Any, ...]:
    """Return what scopes an entry to one client: host, user token hash and the client's write count."""
    if client is None:
        from .client import get_default_client

        client = get_default_client()
    token = getattr(client, "access_token", None)
    token_hash = hashlib.sha256(token.encode()).hexdigest()[:16] if token else None
    return (getattr(client, "host", None), token_hash, getattr(client, "write_count", 0))


def normalise_argument(value: Any) -> Any:
    """Return a hashable key part for an argument: a model dict counts as its id."""
    if isinstance(value, dict):
        if "id" in value:
            return normalise_argument(value["id"])
        return ("dict", tuple(sorted((k, normalise_argument(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple)):
        return tuple(normalise_argument(v) for v in value)
    if isinstance(value, set):
        return tuple(sorted(normalise_argument(v) for v in value))
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def get_cache_key(args: Any, kwargs: Any) -> str:
    """Return a key for raw (args, kwargs), as gazu's helper does (kept for compatibility)."""
    return repr((normalise_argument(tuple(args)), normalise_argument(dict(kwargs))))


def is_cache_enabled(state: dict[str, Any]) -> bool:
    """Return True when caching is on globally and for this function."""
    return bool(cache_settings["enabled"] and state["enabled"])


def is_cache_expired(memo: dict[str, Any], state: dict[str, Any], key: Any) -> bool:
    """Return True when the entry under key is older than the function's expiry."""
    expire = state["expire"]
    return bool(expire > 0 and memo[key]["date_accessed"] + expire < clock())


def remove_oldest_entry(memo: dict[str, Any], maxsize: int) -> Any:
    """Drop the oldest entry when memo holds more than maxsize; return its key (or None)."""
    if maxsize > 0 and len(memo) > maxsize:
        oldest = (
            next(iter(memo)) if isinstance(memo, OrderedDict) else min(memo, key=lambda k: memo[k]["date_accessed"])
        )
        memo.pop(oldest)
        return oldest
    return None


def get_value(cache_store: dict[str, Any], key: Any) -> Any:
    """Return a fresh copy of the value stored under key."""
    return pickle.loads(cache_store[key]["value"])


def insert_value(function: Callable[..., Any], cache_store: dict[str, Any], args: Any, kwargs: Any) -> Any:
    """Call function, store its result under the key of (args, kwargs) and return a copy."""
    value = function(*args, **kwargs)
    cache_store[get_cache_key(args, kwargs)] = {"date_accessed": clock(), "value": pickle.dumps(value, 5)}
    return value


def cache(function: F, maxsize: int = 300, expire: int = 120) -> F:
    """Wrap a read helper with a per-client, thread-safe LRU cache (off until `enable()`)."""
    signature = inspect.signature(function)
    store: OrderedDict[Any, dict[str, Any]] = OrderedDict()
    state: dict[str, Any] = {"enabled": True, "expire": expire, "maxsize": maxsize}
    stats = {"hits": 0, "misses": 0, "expired_hits": 0}
    lock = threading.Lock()

    def make_key(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        arguments = dict(bound.arguments)
        client = arguments.pop("client", None)
        return (client_identity(client), normalise_argument(tuple(sorted(arguments.items()))))

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not is_cache_enabled(state):
            return function(*args, **kwargs)
        key = make_key(args, kwargs)
        with lock:
            entry = store.get(key)
            if entry is not None:
                if state["expire"] > 0 and entry["date_accessed"] + state["expire"] < clock():
                    stats["expired_hits"] += 1
                    del store[key]
                else:
                    stats["hits"] += 1
                    store.move_to_end(key)
                    payload = entry["value"]
                    return pickle.loads(payload)
            stats["misses"] += 1
        value = function(*args, **kwargs)
        payload = pickle.dumps(value, 5)
        with lock:
            store[key] = {"date_accessed": clock(), "value": payload}
            store.move_to_end(key)
            while state["maxsize"] > 0 and len(store) > state["maxsize"]:
                store.popitem(last=False)
        return pickle.loads(payload)

    def clear_cache() -> None:
        with lock:
            store.clear()

    def get_cache_infos() -> dict[str, Any]:
        with lock:
            return {**state, **stats, "current_size": len(store)}

    def set_expire(new_expire: int) -> None:
        state["expire"] = new_expire

    def set_max_size(new_maxsize: int) -> None:
        state["maxsize"] = new_maxsize

    def enable_cache() -> None:
        state["enabled"] = True

    def disable_cache() -> None:
        state["enabled"] = False

    for helper in (clear_cache, get_cache_infos, set_expire, set_max_size, enable_cache, disable_cache):
        setattr(wrapper, helper.__name__, helper)
    wrapper.cache_store = store  # type: ignore[attr-defined]
    cached_functions.append(wrapper)
    return wrapper  # type: ignore[return-value]
