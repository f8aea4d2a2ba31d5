"""The errors of kitsu_helpers.testing: a request a cassette does not hold, a cassette the server no longer matches."""

from __future__ import annotations

from ..errors import GazuException


class UnrecordedRequestError(GazuException):
    """A request made while replaying a cassette that the cassette does not hold (or whose recording was played
    already). `route`, `query` and `closest` (the nearest recorded requests, each with how it differs) say which."""

    def __init__(
        self,
        message: str,
        *,
        method: str,
        route: str,
        query: str = "",
        cassette: str = "",
        closest: tuple[str, ...] = (),
        url: str | None = None,
    ) -> None:
        super().__init__(message, method=method, url=url)
        self.route = route
        self.query = query
        self.cassette = cassette
        self.closest = closest


class CassetteDriftError(GazuException):
    """A cassette re-recorded against the real server differs from the committed one (ids and dates normalised);
    `diff` is the unified diff, committed first."""

    def __init__(self, message: str, *, cassette: str, diff: str) -> None:
        super().__init__(message)
        self.cassette = cassette
        self.diff = diff


class MissingCassetteError(GazuException):
    """A replay or a freshness check found no cassette file at the path given."""
