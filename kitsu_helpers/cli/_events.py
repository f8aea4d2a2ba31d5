"""`kitsu events tail`: print Kitsu's live events (kitsu_helpers.events) until Ctrl-C, a count or a timeout."""

from __future__ import annotations

import datetime
import json
import threading
import time
from typing import Any

import click

from ._app import State, cli, find_project, json_option, pass_state
from ._errors import FAILED, INTERRUPTED, UNREACHABLE, CliError, redact


@cli.group("events")
def events_group() -> None:
    """Kitsu's live event stream."""


def event_line(name: str, data: Any, as_json: bool, secrets: tuple[str | None, ...]) -> str:
    """Return one event as a line: "time  name  data" or a JSON object (--json)."""
    now = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    data = redact(data, secrets)
    if as_json:
        return json.dumps({"event": name, "data": data, "received_at": now}, default=str, ensure_ascii=False)
    return f"{now}  {name}  {json.dumps(data, default=str, ensure_ascii=False)}"


@events_group.command("tail")
@click.option(
    "--type", "-t", "types", multiple=True, help="Only events of this name (task:new, asset:update...); repeatable."
)
@click.option("--count", "-n", type=click.IntRange(min=1), help="Exit after this many events.")
@click.option(
    "--timeout", type=click.FloatRange(min=0), help="Exit after this many seconds (exit 1 if --count is not reached)."
)
@click.option("--project", "-p", "project_opt", help="Only events of this project (name or id).")
@json_option
@pass_state
def tail(
    state: State, types: tuple[str, ...], count: int | None, timeout: float | None, project_opt: str | None
) -> None:
    """Print live events as they happen, one per line, until Ctrl-C (exit 130)."""
    from .. import events

    client = state.client()
    project_id = find_project(client, project_opt)["id"] if project_opt else None
    printer = EventPrinter(state, project_id, count)
    deadline = None if timeout is None else time.monotonic() + timeout
    event_client = None
    try:
        event_client = _connect(client)
        for name in types:
            events.add_listener(event_client, name, printer.listener(name))
        if not types:
            events.add_listener(event_client, "*", lambda name, data=None, *rest: printer.show(name, data))
        what = ", ".join(types) or "all events"
        click.echo(f"Listening to {events.get_event_host(client)} ({what}); Ctrl-C to stop.", err=True)
        printer.wait(deadline)
    except KeyboardInterrupt:
        raise click.exceptions.Exit(INTERRUPTED) from None
    finally:
        if event_client is not None:
            event_client.disconnect()
    if count is not None and printer.received < count:
        raise CliError(f"timed out after {timeout:g} s with {printer.received} of {count} event(s)", FAILED)


def _connect(client: Any) -> Any:
    """Return an event client connected to the client's event stream; CliError (exit 4) when it cannot connect."""
    import socketio

    from .. import events

    try:
        return events.init(client=client)
    except socketio.exceptions.ConnectionError as exc:
        raise CliError(
            f"cannot connect to the event stream at {events.get_event_host(client)}: {exc}", UNREACHABLE
        ) from None


class EventPrinter:
    """Prints the events of one project (or of all) as they arrive on the listener threads, up to a count."""

    def __init__(self, state: State, project_id: str | None, count: int | None) -> None:
        self.state, self.project_id, self.count = state, project_id, count
        self.received = 0
        self.lock, self.done = threading.Lock(), threading.Event()

    def show(self, name: str, data: Any) -> None:
        """Print one event, unless it is of another project or the count is reached."""
        if self.project_id is not None and (not isinstance(data, dict) or data.get("project_id") != self.project_id):
            return
        with self.lock:
            if self.done.is_set():
                return
            click.echo(event_line(name, data, self.state.as_json, self.state.secrets()))
            self.received += 1
            if self.count is not None and self.received >= self.count:
                self.done.set()

    def listener(self, name: str) -> Any:
        """Return a listener of the events named name (whatever else the stream passes it)."""
        return lambda data=None, *rest: self.show(name, data)

    def wait(self, deadline: float | None) -> None:
        """Return once the count is reached or, when deadline (time.monotonic()) is given, it has passed."""
        while not self.done.wait(0.2):
            if deadline is not None and time.monotonic() >= deadline:
                break
