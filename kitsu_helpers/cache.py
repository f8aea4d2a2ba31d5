"""gazu's read cache, made thread-safe: `enable()`, `disable()`, `clear_all()` and the `@cache` decorator.

Entries are scoped per client (host and user), keyed by the bound arguments, stored serialised, and made stale
by any write the same client sends. Where and why it differs from gazu: docs/gazu-differences.md, "Everywhere"
and "client, tokens, session".
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
    """Turn caching on for every cached function; return True.

    Caching is off until this is called. Each cached function can still be switched off on its own
    (``func.disable_cache()``).

    Returns:
        True.
    """
    cache_settings["enabled"] = True
    return True


def disable() -> bool:
    """Turn caching off for every cached function; return False.

    Stored entries are kept (``clear_all()`` empties them) and are used again after ``enable()`` unless expired.

    Returns:
        False.
    """
    cache_settings["enabled"] = False
    return False


def clear_all() -> None:
    """Empty the cache of every cached function."""
    for function in cached_functions:
        function.clear_cache()


def client_identity(client: Any) -> tuple[Any, ...]:
    """Return what scopes an entry to one client: host, user token fingerprint and the client's write count.

    A write through the client bumps its write count, so entries read before it are not served after it.

    Args:
        client: The client, or None for the default client.

    Returns:
        A tuple ``(host, token fingerprint or None, write count)``.
    """
    if client is None:
        client = _default_client()
    return (getattr(client, "host", None), token_fingerprint(client), getattr(client, "generation", 0))


def _default_client() -> Any:
    """Return the default client (kitsu_helpers.client is imported on first use, not with this module)."""
    global _default_client
    from .client import get_default_client

    _default_client = get_default_client  # later calls skip the import
    return get_default_client()


def token_fingerprint(client: Any) -> str | None:
    """Return a short hash of the client's access token (memoised per token: a hit does not rehash it).

    Args:
        client: The client whose ``access_token`` is hashed.

    Returns:
        The first 16 hex digits of the token's SHA-256, or None when the client has no token.
    """
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
    """Return a hashable key part for an argument: a model dict counts as its id.

    Args:
        value: One argument of a cached call.

    Returns:
        The value itself when hashable, the id of a dict holding ``id``, a tuple for lists, tuples, sets and
        other dicts, or the value's repr when it cannot be hashed.
    """
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
    """Serialise a value for storage: marshal for plain JSON-like data (fast to rebuild), pickle otherwise.

    Args:
        value: The value to store.

    Returns:
        The serialised bytes, prefixed with ``b"m"`` (marshal) or ``b"p"`` (pickle).
    """
    try:
        return b"m" + marshal.dumps(value)
    except ValueError:
        return b"p" + pickle.dumps(value, 5)


def thaw(payload: bytes) -> Any:
    """Rebuild a fresh copy of a stored value.

    Args:
        payload: Bytes made by ``freeze``.

    Returns:
        A new copy of the stored value (changing it does not change the cache).
    """
    return marshal.loads(payload[1:]) if payload[:1] == b"m" else pickle.loads(payload[1:])


def get_cache_key(args: Any, kwargs: Any) -> str:
    """Return gazu's key for raw (args, kwargs): their JSON ("" when both are empty).

    A client in the keyword arguments stands for its host and token fingerprint (two users of one host never
    share a key).

    Args:
        args: The positional arguments of the call.
        kwargs: The keyword arguments of the call.

    Returns:
        The key, a JSON string (or ``""`` when there are no arguments).
    """
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
    """Return True when caching is on globally and for this function.

    Args:
        state: The function's cache state (its ``enabled`` flag is read).

    Returns:
        True when both the global switch and the function's own switch are on.
    """
    return bool(cache_settings["enabled"] and state["enabled"])


def is_cache_expired(memo: dict[str, Any], state: dict[str, Any], key: Any) -> bool:
    """Return True when the entry under key is older than the function's expiry.

    Args:
        memo: The function's store of entries.
        state: The function's cache state (its ``expire``, in seconds, is read; 0 never expires).
        key: The key of the entry to check.

    Returns:
        True when the entry has expired.
    """
    expire, accessed = state["expire"], memo[key]["date_accessed"]
    if isinstance(accessed, datetime.datetime):  # gazu's entries are dated with datetime.now()
        return bool(expire > 0 and accessed + datetime.timedelta(seconds=expire) < datetime.datetime.now())
    return bool(expire > 0 and accessed + expire < clock())


def remove_oldest_entry(memo: dict[str, Any], maxsize: int) -> Any:
    """Drop the oldest entry when memo holds more than maxsize; return its key (or None).

    Args:
        memo: The function's store of entries.
        maxsize: The most entries allowed (0 or less for no limit).

    Returns:
        The key of the removed entry, or None when nothing was removed.
    """
    if maxsize > 0 and len(memo) > maxsize:
        oldest = (
            next(iter(memo)) if isinstance(memo, OrderedDict) else min(memo, key=lambda k: memo[k]["date_accessed"])
        )
        memo.pop(oldest)
        return oldest
    return None


def get_value(cache_store: dict[str, Any], key: Any) -> Any:
    """Return a fresh copy of the value stored under key.

    Args:
        cache_store: The function's store of entries.
        key: The key of the entry.

    Returns:
        A copy of the cached value (changing it does not change the cache).
    """
    return thaw(cache_store[key]["value"])


def insert_value(function: Callable[..., Any], cache_store: dict[str, Any], args: Any, kwargs: Any) -> Any:
    """Call function, store its result under the key of (args, kwargs) and return it.

    Args:
        function: The function to call.
        cache_store: The store to write the result to.
        args: The positional arguments to call it with.
        kwargs: The keyword arguments to call it with.

    Returns:
        The function's result.
    """
    value = function(*args, **kwargs)
    cache_store[get_cache_key(args, kwargs)] = {"date_accessed": clock(), "value": freeze(value)}
    return value


def cache(function: F, maxsize: int = 300, expire: int = 120) -> F:
    """Wrap a read helper with a per-client, thread-safe LRU cache (off until `enable()`).

    Entries are keyed by the client (host, token and write count) and the arguments (a model dict counts as
    its id); each hit returns a fresh copy. The wrapper gains ``clear_cache()``, ``get_cache_infos()``,
    ``set_expire()`` / ``set_cache_expire()``, ``set_max_size()`` / ``set_cache_max_size()``,
    ``enable_cache()`` and ``disable_cache()``.

    Args:
        function: The function to cache.
        maxsize: The most entries kept; the least recently used goes first (0 for no limit).
        expire: How long an entry stays valid, in seconds (0 for ever).

    Returns:
        The caching wrapper, with the signature and docstring of function.
    """
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
