"""The holder of the module functions' default client: kitsu_helpers.client says how to build it and reads it;
the cache reads it too, without importing the client module (this module imports nothing of the package)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class DefaultClient(Generic[T]):
    """A client built on first use by the builder its owner registers, or the one set explicitly; thread-safe."""

    def __init__(self) -> None:
        """Start empty: no client and no builder yet."""
        self.current: T | None = None
        self._build: Callable[[], T] | None = None
        self._lock = threading.Lock()

    def build_with(self, build: Callable[[], T]) -> None:
        """Register how to build the client on first use.

        Args:
            build: Called once, without arguments, when the client is first asked for.
        """
        self._build = build

    def get(self) -> T:
        """Return the client, building it on first use.

        Returns:
            The current client.

        Raises:
            RuntimeError: When no client was set and no builder registered (kitsu_helpers.client registers one
                when it is imported).
        """
        client = self.current
        if client is None:
            with self._lock:
                if self.current is None:
                    if self._build is None:
                        raise RuntimeError("no default client: import kitsu_helpers.client first")
                    self.current = self._build()
                client = self.current
        return client

    def set(self, client: T | None) -> None:
        """Make client the default (None: build a new one on next use).

        Args:
            client: The client, or None.
        """
        self.current = client


DEFAULT: DefaultClient[Any] = DefaultClient()
