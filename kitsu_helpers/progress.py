"""Progress reporting: `progress=True` on a transfer or a bulk helper draws a tqdm bar (when tqdm is installed).

One home for the `progress=` keyword of the helpers (uploads, downloads, `publish_preview`, `shot.new_shots`,
`sync.progress`) and the CLI's bars:
- `progress=True` draws a tqdm bar on stderr if tqdm is importable (`pip install 'kitsu-client[progress]'`), and
  silently does nothing when it is not: a script never fails for want of a bar;
- `progress=<callable>` is called as `callable(done, total)` (bytes for transfers, items for bulk helpers),
  the same contract as the transfers' `progress_callback`;
- `progress=None`/`False` (the default): nothing.

The bars are fed by the callbacks the transfers already take: `client.upload` and `client.download` (the one
transfer path every helper goes through) turn their `progress=` into a callback here and chain it with their
`progress_callback`; helpers only pass `progress` down. `step_progress` does the same for sync's named steps.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

from ._types import Progress, ProgressCallback

__all__ = ["Progress", "ProgressCallback", "chain", "progress_bar", "step_progress", "tqdm_available"]


def tqdm_available() -> bool:
    """Return True when tqdm can be imported (progress=True draws a bar only then)."""
    try:
        import tqdm  # noqa: F401
    except ImportError:
        return False
    return True


def chain(*callbacks: ProgressCallback | None) -> ProgressCallback | None:
    """Return one callback calling each given one in turn (None when none is given)."""
    present = [callback for callback in callbacks if callback is not None]
    if not present:
        return None
    if len(present) == 1:
        return present[0]

    def both(done: int, total: int) -> None:
        for callback in present:
            callback(done, total)

    return both


def _new_bar(label: str, unit: str, file: IO[str] | None) -> Any:
    """Return a tqdm bar, or None when tqdm is not installed."""
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    in_bytes = unit == "B"
    return tqdm(
        desc=label or None,
        unit=unit,
        unit_scale=in_bytes,
        unit_divisor=1024 if in_bytes else 1000,
        file=file if file is not None else sys.stderr,
        dynamic_ncols=True,
        leave=True,
    )


def _feeding(bar: Any) -> ProgressCallback:
    """Return a callback(done, total) moving bar to done (out of total, when known)."""

    def update(done: int, total: int) -> None:
        if total and bar.total != total:
            bar.total = total
            bar.refresh()
        if done > bar.n:
            bar.update(done - bar.n)

    return update


@contextlib.contextmanager
def progress_bar(
    progress: Progress, label: str = "", *, unit: str = "B", file: IO[str] | None = None
) -> Iterator[ProgressCallback | None]:
    """Yield the callback(done, total) a `progress=` value stands for; a bar is closed when the block ends.

    True: a tqdm bar labelled `label` in `unit` ("B" for bytes, or "shot", "item"...) on `file` (stderr), or None
    when tqdm is not installed; a callable: itself; None/False: None."""
    if progress is None or progress is False:
        yield None
        return
    if progress is not True:
        if not callable(progress):
            from .errors import InvalidParameterValueException

            raise InvalidParameterValueException(f"progress must be True, False, None or a callable, not {progress!r}")
        yield progress
        return
    bar = _new_bar(label, unit, file)
    if bar is None:
        yield None
        return
    try:
        yield _feeding(bar)
    finally:
        bar.close()


@contextlib.contextmanager
def step_progress(
    progress: Progress, *, unit: str = "item", file: IO[str] | None = None
) -> Iterator[Callable[[str, int, int], Any] | None]:
    """Yield a callback(step, done, total) for work done in named steps (sync): one bar per step with True,
    `progress(done, total)` for a callable, None for None/False."""
    if progress is None or progress is False:
        yield None
        return
    if progress is not True:
        with progress_bar(progress) as plain:
            assert plain is not None
            yield lambda step, done, total: plain(done, total)
        return
    if not tqdm_available():
        yield None
        return
    bars: dict[str, Any] = {}

    def update(step: str, done: int, total: int) -> None:
        if step not in bars:
            for other in bars.values():
                other.close()
            bars[step] = _new_bar(step, unit, file)
        _feeding(bars[step])(done, total)

    try:
        yield update
    finally:
        for bar in bars.values():
            bar.close()
