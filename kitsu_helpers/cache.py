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

import contextlib
import datetime
import functools
import hashlib
import inspect
import json
import marshal
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar, cast

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
    """Return what scopes an entry to one client: host, user token fingerprint and the client's write count."""
    if client is None:
        client = _default_client()
    return (getattr(client, "host", None), token_fingerprint(client), getattr(client, "write_count", 0))


def _default_client() -> Any:
    """Return the default client (kitsu_helpers.client is imported on first use, not with this module)."""
    global _default_client
    from .client import get_default_client

    _default_client = get_default_client  # later calls skip the import
    return get_default_client()


def token_fingerprint(client: Any) -> str | None:
    """Return a short hash of the client's access token (memoised per token: a hit does not rehash it)."""
    token = getattr(client, "access_token", None)
    if not token:
        return None
    memo = getattr(client, "_token_fingerprint", None)
    if memo is not None and memo[0] is token:
        return cast("str | None", memo[1])
    digest = hashlib.sha256(token.encode()).hexdigest()[:16]
    with contextlib.suppress(AttributeError):  # a client object with __slots__ just is not memoised
        client._token_fingerprint = (token, digest)
    return digest


def normalise_argument(value: Any) -> Any:
    """Return a hashable key part for an argument: a model dict counts as its id."""
    if type(value) is str or value is None:
        return value
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


def freeze(value: Any) -> bytes:
    """Serialise a value for storage: marshal for plain JSON-like data (fast to rebuild), pickle otherwise."""
    try:
        return b"m" + marshal.dumps(value)
    except ValueError:
        return b"p" + pickle.dumps(value, 5)


def thaw(payload: bytes) -> Any:
    """Rebuild a fresh copy of a stored value."""
    return marshal.loads(payload[1:]) if payload[:1] == b"m" else pickle.loads(payload[1:])


def get_cache_key(args: Any, kwargs: Any) -> str:
    """Return gazu's key for raw (args, kwargs): their JSON ("" when both are empty), a client standing for its
    host and token fingerprint (two users of one host never share a key)."""
    kwargs = dict(kwargs)
    if "client" in kwargs:
        kwargs["client"] = list(client_identity(kwargs["client"])[:2])
    if not args and not kwargs:
        return ""
    if not kwargs:
        return json.dumps(list(args), default=repr)
    if not args:
        return json.dumps(kwargs, default=repr)
    return json.dumps([list(args), kwargs], default=repr)


def is_cache_enabled(state: dict[str, Any]) -> bool:
    """Return True when caching is on globally and for this function."""
    return bool(cache_settings["enabled"] and state["enabled"])


def is_cache_expired(memo: dict[str, Any], state: dict[str, Any], key: Any) -> bool:
    """Return True when the entry under key is older than the function's expiry."""
    expire, accessed = state["expire"], memo[key]["date_accessed"]
    if isinstance(accessed, datetime.datetime):  # gazu's entries are dated with datetime.now()
        return bool(expire > 0 and accessed + datetime.timedelta(seconds=expire) < datetime.datetime.now())
    return bool(expire > 0 and accessed + expire < clock())


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
    return thaw(cache_store[key]["value"])


def insert_value(function: Callable[..., Any], cache_store: dict[str, Any], args: Any, kwargs: Any) -> Any:
    """Call function, store its result under the key of (args, kwargs) and return a copy."""
    value = function(*args, **kwargs)
    cache_store[get_cache_key(args, kwargs)] = {"date_accessed": clock(), "value": freeze(value)}
    return value


def cache(function: F, maxsize: int = 300, expire: int = 120) -> F:
    """Wrap a read helper with a per-client, thread-safe LRU cache (off until `enable()`)."""
    signature = inspect.signature(function)
    store: OrderedDict[Any, dict[str, Any]] = OrderedDict()
    state: dict[str, Any] = {"enabled": True, "expire": expire, "maxsize": maxsize}
    stats = {"hits": 0, "misses": 0, "expired_hits": 0}
    lock = threading.Lock()

    names = tuple(signature.parameters)
    defaults = {n: p.default for n, p in signature.parameters.items() if p.default is not inspect.Parameter.empty}
    name_set = frozenset(names)
    keyed = tuple(n for n in names if n != "client")
    positional_only = any(p.kind is not p.POSITIONAL_OR_KEYWORD for p in signature.parameters.values())

    def make_key(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        if positional_only or len(args) > len(names) or not kwargs.keys() <= name_set:
            bound = signature.bind(*args, **kwargs)  # unusual call: let inspect sort it out (or raise TypeError)
            bound.apply_defaults()
            values = dict(bound.arguments)
        else:
            values = {**defaults, **dict(zip(names, args, strict=False)), **kwargs}
        try:
            parts = tuple(normalise_argument(values[n]) for n in keyed)
        except KeyError:
            signature.bind(*args, **kwargs)  # a required argument is missing: raise inspect's TypeError
            raise
        return (client_identity(values.get("client")), parts)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not (cache_settings["enabled"] and state["enabled"]):
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
                    return thaw(payload)
            stats["misses"] += 1
        value = function(*args, **kwargs)
        payload = freeze(value)
        with lock:
            store[key] = {"date_accessed": clock(), "value": payload}
            store.move_to_end(key)
            while state["maxsize"] > 0 and len(store) > state["maxsize"]:
                store.popitem(last=False)
        return thaw(payload)

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
    wrapper.set_cache_expire = set_expire  # type: ignore[attr-defined]  # gazu's names for the two setters
    wrapper.set_cache_max_size = set_max_size  # type: ignore[attr-defined]
    wrapper.cache_store = store  # type: ignore[attr-defined]
    cached_functions.append(wrapper)
    return wrapper  # type: ignore[return-value]
