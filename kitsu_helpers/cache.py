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
from typing import Any, Generic, ParamSpec, Protocol, TypeVar, cast

from ._default import DEFAULT

P = ParamSpec("P")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

cache_settings = {"enabled": False}
cached_functions: list[Cached[..., Any]] = []
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
    """Return what scopes an entry to one client: host, user token fingerprint and the client's generation.

    Every write the client sends bumps its generation (``KitsuClient.generation``), so entries read before a
    write are not served after it.

    Args:
        client: The client, or None for the default client.

    Returns:
        A tuple ``(host, token fingerprint or None, generation)``.
    """
    if client is None:
        client = DEFAULT.get()
    return (getattr(client, "host", None), token_fingerprint(client), getattr(client, "generation", 0))


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

    A gazu-compatibility shim: ``@cache`` keys its entries with ``CallKeys`` (by parameter name, a model dict
    as its id), not with this.

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

    A gazu-compatibility shim for code that reads a store by itself; ``FunctionCache.lookup`` is what runs.

    Args:
        cache_store: The function's store of entries.
        key: The key of the entry.

    Returns:
        A copy of the cached value (changing it does not change the cache).
    """
    return thaw(cache_store[key]["value"])


def insert_value(function: Callable[..., Any], cache_store: dict[str, Any], args: Any, kwargs: Any) -> Any:
    """Call function, store its result under the key of (args, kwargs) and return it.

    A gazu-compatibility shim (keyed by ``get_cache_key``); ``FunctionCache.call`` is what runs.

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


class Cached(Protocol[P, R_co]):
    """What ``@cache`` returns: the function itself (same signature), with gazu's cache controls as attributes."""

    cache_store: OrderedDict[Any, dict[str, Any]]

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R_co:
        """Return the function's result, from the cache when it holds a fresh one."""

    def clear_cache(self) -> None:
        """Drop every entry of this function."""

    def get_cache_infos(self) -> dict[str, Any]:
        """Return the settings, statistics and size of this function's cache."""

    def set_expire(self, new_expire: int) -> None:
        """Set how long an entry stays valid, in seconds (0 for ever)."""

    def set_cache_expire(self, new_expire: int) -> None:
        """gazu's name of set_expire."""

    def set_max_size(self, new_maxsize: int) -> None:
        """Set the most entries kept (0 for no limit)."""

    def set_cache_max_size(self, new_maxsize: int) -> None:
        """gazu's name of set_max_size."""

    def enable_cache(self) -> None:
        """Turn this function's cache on (it also needs the global ``enable()``)."""

    def disable_cache(self) -> None:
        """Turn this function's cache off (its entries are kept)."""


class CallKeys:
    """Turns the arguments of one call into its cache key: the client's identity and the normalised values of
    the other parameters, by name, defaults filled in (so ``f("x")``, ``f(thing="x")`` and ``f({"id": "x"})``
    share a key)."""

    def __init__(self, signature: inspect.Signature) -> None:
        """Read what the key needs of the function's signature once.

        Args:
            signature: The signature of the cached function.
        """
        self.signature = signature
        self.names = tuple(signature.parameters)
        self.name_set = frozenset(self.names)
        self.defaults = {
            n: p.default for n, p in signature.parameters.items() if p.default is not inspect.Parameter.empty
        }
        self.keyed = tuple(n for n in self.names if n != "client")
        self.unusual = any(p.kind is not p.POSITIONAL_OR_KEYWORD for p in signature.parameters.values())

    def key(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """Return the key of a call.

        Args:
            args: Its positional arguments.
            kwargs: Its keyword arguments.

        Returns:
            A hashable ``(client identity, argument values)`` pair.

        Raises:
            TypeError: When the arguments do not fit the signature (as calling the function would).
        """
        values = self.bound(args, kwargs)
        try:
            parts = tuple(normalise_argument(values[n]) for n in self.keyed)
        except KeyError:
            self.signature.bind(*args, **kwargs)  # a required argument is missing: raise inspect's TypeError
            raise
        return (client_identity(values.get("client")), parts)

    def bound(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        """Return every parameter's value for a call, by name (defaults filled in).

        Args:
            args: The positional arguments.
            kwargs: The keyword arguments.

        Returns:
            The values by parameter name (a required one may be missing: ``key`` checks).
        """
        if self.unusual or len(args) > len(self.names) or not kwargs.keys() <= self.name_set:
            bound = self.signature.bind(*args, **kwargs)  # unusual call: let inspect sort it out (or raise)
            bound.apply_defaults()
            return dict(bound.arguments)
        return {**self.defaults, **dict(zip(self.names, args, strict=False)), **kwargs}


class FunctionCache(Generic[P, R]):
    """The cache of one function: its LRU store of serialised results, expiry, size limit, on/off switch and
    statistics, behind one lock (the function itself runs outside it)."""

    def __init__(self, function: Callable[P, R], maxsize: int, expire: int) -> None:
        """Start an empty, enabled cache for function.

        Args:
            function: The function whose results are kept.
            maxsize: The most entries kept (0 for no limit).
            expire: How long an entry stays valid, in seconds (0 for ever).
        """
        self.function = function
        self.keys = CallKeys(inspect.signature(function))
        self.store: OrderedDict[Any, dict[str, Any]] = OrderedDict()
        self.state: dict[str, Any] = {"enabled": True, "expire": expire, "maxsize": maxsize}
        self.stats = {"hits": 0, "misses": 0, "expired_hits": 0}
        self.lock = threading.Lock()

    def call(self, *args: P.args, **kwargs: P.kwargs) -> R:
        """Return function(*args, **kwargs): a copy of the stored result when fresh, else a new one, stored.

        Args:
            *args: The positional arguments of the call.
            **kwargs: Its keyword arguments.

        Returns:
            The result (a fresh copy of it, when cached: changing it does not change the cache).
        """
        if not is_cache_enabled(self.state):
            return self.function(*args, **kwargs)
        key = self.keys.key(args, kwargs)
        payload = self.lookup(key)
        if payload is None:
            payload = freeze(self.function(*args, **kwargs))
            self.insert(key, payload)
        return cast("R", thaw(payload))

    def lookup(self, key: Any) -> bytes | None:
        """Return the stored payload under key, or None (counted as a miss; an expired entry is dropped).

        Args:
            key: The call's key.

        Returns:
            The serialised result, or None.
        """
        with self.lock:
            if key in self.store:
                if not is_cache_expired(self.store, self.state, key):
                    self.stats["hits"] += 1
                    self.store.move_to_end(key)
                    return cast("bytes", self.store[key]["value"])
                self.stats["expired_hits"] += 1
                del self.store[key]
            self.stats["misses"] += 1
        return None

    def insert(self, key: Any, payload: bytes) -> None:
        """Store payload under key as the most recent entry; drop the oldest ones past maxsize.

        Args:
            key: The call's key.
            payload: The serialised result.
        """
        with self.lock:
            self.store[key] = {"date_accessed": clock(), "value": payload}
            self.store.move_to_end(key)
            while remove_oldest_entry(self.store, self.state["maxsize"]) is not None:
                pass

    def clear_cache(self) -> None:
        """Drop every entry."""
        with self.lock:
            self.store.clear()

    def get_cache_infos(self) -> dict[str, Any]:
        """Return gazu's cache infos.

        Returns:
            ``enabled``, ``expire``, ``maxsize``, ``hits``, ``misses``, ``expired_hits`` and ``current_size``.
        """
        with self.lock:
            return {**self.state, **self.stats, "current_size": len(self.store)}

    def set_expire(self, new_expire: int) -> None:
        """Set how long an entry stays valid.

        Args:
            new_expire: Seconds (0 for ever).
        """
        self.state["expire"] = new_expire

    def set_max_size(self, new_maxsize: int) -> None:
        """Set the most entries kept.

        Args:
            new_maxsize: The number of entries (0 for no limit).
        """
        self.state["maxsize"] = new_maxsize

    def enable_cache(self) -> None:
        """Turn this function's cache on."""
        self.state["enabled"] = True

    def disable_cache(self) -> None:
        """Turn this function's cache off."""
        self.state["enabled"] = False

    def controls(self) -> dict[str, Any]:
        """Return what the wrapper carries as attributes, by name (gazu's, and its two setter aliases).

        Returns:
            The bound control methods and the store.
        """
        return {
            "clear_cache": self.clear_cache,
            "get_cache_infos": self.get_cache_infos,
            "set_expire": self.set_expire,
            "set_cache_expire": self.set_expire,
            "set_max_size": self.set_max_size,
            "set_cache_max_size": self.set_max_size,
            "enable_cache": self.enable_cache,
            "disable_cache": self.disable_cache,
            "cache_store": self.store,
        }


def cache(function: Callable[P, R], maxsize: int = 300, expire: int = 120) -> Cached[P, R]:
    """Wrap a read helper with a per-client, thread-safe LRU cache (off until `enable()`).

    Entries are keyed by the client (host, token and generation) and the arguments (a model dict counts as
    its id); each hit returns a fresh copy. The wrapper is a plain function (same signature and docstring)
    that gains gazu's ``clear_cache()``, ``get_cache_infos()``, ``set_expire()`` / ``set_cache_expire()``,
    ``set_max_size()`` / ``set_cache_max_size()``, ``enable_cache()`` and ``disable_cache()``, typed by
    ``Cached``.

    Args:
        function: The function to cache.
        maxsize: The most entries kept; the least recently used goes first (0 for no limit).
        expire: How long an entry stays valid, in seconds (0 for ever).

    Returns:
        The caching wrapper, with the signature and docstring of function.
    """
    state = FunctionCache(function, maxsize, expire)

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        return state.call(*args, **kwargs)

    vars(wrapper).update(state.controls())
    cached = cast("Cached[P, R]", wrapper)  # a function given the controls above: what Cached describes
    cached_functions.append(cached)
    return cached
