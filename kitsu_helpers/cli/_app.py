"""The `kitsu` command group: the session it works in, its error handling, and gazu-cli's commands.

Every failure goes through `_errors.explain` (one message, one documented exit code, no traceback, no token).
Helper modules are imported inside the commands, so `kitsu --help` and `kitsu operations` stay quick.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click
from kitsu_api.calls import crud as crud_ops, index as index_ops

from .._shared import M
from ._errors import AUTH, INTERRUPTED, CliError, NotFound, explain, scrub
from ._output import Columns, emit
from ._session import load_session, save_session, session_path

if TYPE_CHECKING:
    from kitsu_api.entities import Project

if TYPE_CHECKING:
    from ..client import KitsuClient

F = TypeVar("F", bound=Callable[..., Any])
PROJECT_ENV = ["KITSU_PROJECT", "GAZU_PROJECT"]


def same_host(a: str, b: str) -> bool:
    """Return True when two host URLs name the same API (with or without the trailing /api)."""
    a, b = a.rstrip("/"), b.rstrip("/")
    return a == b or a + "/api" == b or a == b + "/api"


def is_uuid(value: str) -> bool:
    """Return True when value is a UUID (an id rather than a name)."""
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


class State:
    """What one `kitsu` invocation works with: options, the session and the client built from it."""

    def __init__(self, host: str | None = None, as_json: bool = False) -> None:
        self.host_option = host
        self.as_json = as_json
        self._client: KitsuClient | None = None
        self._loaded_tokens: dict[str, Any] = {}
        self._session: dict[str, Any] | None = None

    @property
    def host(self) -> str | None:
        """The host this invocation talks to (for messages)."""
        if self._client is not None:
            return self._client.host
        return self.host_option or (self._session or {}).get("host")

    def secrets(self) -> tuple[str | None, ...]:
        """The tokens that must never be printed."""
        tokens = dict(self._loaded_tokens)
        if self._client is not None:
            tokens.update(self._client.tokens)
        return (tokens.get("access_token"), tokens.get("refresh_token"))

    def client(self, check_host: bool = True) -> KitsuClient:
        """Return the client of the stored session (built once); CliError when not logged in (to that host)."""
        if self._client is not None:
            return self._client
        session = self._session = load_session()
        if session is None:
            raise CliError("not logged in: run `kitsu login --host <URL>`", AUTH)
        if check_host and self.host_option and not same_host(self.host_option, session["host"]):
            raise CliError(
                f"not logged in to {self.host_option} (the session is for {session['host']}): "
                f"run `kitsu login --host {self.host_option}`",
                AUTH,
            )
        from ..client import KitsuClient

        event_host = os.environ.get("KITSU_EVENT_HOST") or session.get("event_host")
        self._loaded_tokens = {key: session["tokens"].get(key) for key in SESSION_TOKEN_KEYS}
        self._client = KitsuClient(session["host"], event_host=event_host, tokens=session["tokens"])
        return self._client

    def adopt(self, client: KitsuClient) -> None:
        """Use a client built by the command itself (login): its host goes into messages, it is closed at exit."""
        self._client = client

    def close(self) -> None:
        """Store a refreshed access token back into the session, then close the connections."""
        client = self._client
        if client is None:
            return
        tokens = session_tokens(client)
        if self._session is not None and tokens.get("access_token") and tokens != self._loaded_tokens:
            with contextlib.suppress(OSError):
                save_session(dict(self._session, tokens=tokens))
        client.close()

    def emit(self, data: Any, columns: Columns, truncate: bool = True) -> None:
        """Print a result as a table (or details) or as JSON (--json)."""
        emit(data, columns, self.as_json, self.secrets(), truncate=truncate)

    def project(self, name_or_id: str | None) -> Project:
        """Return the project named by --project (or $KITSU_PROJECT / $GAZU_PROJECT); usage error when absent."""
        if not name_or_id:
            raise click.UsageError("a project is needed: use --project NAME (or set KITSU_PROJECT)")
        return find_project(self.client(), name_or_id)


pass_state = click.make_pass_decorator(State)


class KitsuGroup(click.Group):
    """A command group that turns every failure into one clear message and a documented exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("kitsu: interrupted", err=True)
            raise click.exceptions.Exit(INTERRUPTED) from None
        except BrokenPipeError:
            with contextlib.suppress(OSError):  # the reader went away (`kitsu operations | head`): stop quietly
                os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            raise click.exceptions.Exit(1) from None
        except Exception as exc:
            if os.environ.get("KITSU_DEBUG"):
                raise
            state = ctx.find_object(State)
            message, code = explain(exc, state.host if state else None)
            click.echo("kitsu: " + scrub(message, state.secrets() if state else ()), err=True)
            raise click.exceptions.Exit(code) from None


def _set_json(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(State).as_json = True


def json_option(func: F) -> F:
    """Add --json to a command (the same as `kitsu --json <command>`)."""
    return click.option(
        "--json", "as_json", is_flag=True, expose_value=False, callback=_set_json, help="Output as JSON."
    )(func)


def project_option(
    help_text: str = "Project name or id (default: $KITSU_PROJECT or $GAZU_PROJECT).",
) -> Callable[[F], F]:
    return click.option("--project", "-p", "project_opt", envvar=PROJECT_ENV, help=help_text)


@click.group(cls=KitsuGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--json", "as_json", is_flag=True, help="Output as JSON (any command).")
@click.option("--host", envvar="KITSU_HOST", help="Kitsu API URL; must match the session's (default: $KITSU_HOST).")
@click.version_option(package_name="kitsu-client", prog_name="kitsu")
@click.pass_context
def cli(ctx: click.Context, as_json: bool, host: str | None) -> None:
    """kitsu: the Kitsu (Zou) command line, gazu-cli's commands and more.

    Log in once (`kitsu login`); the session is kept in ~/.config/kitsu/session.json (0600).
    Exit codes: 0 ok, 1 refused or failed, 2 bad arguments, 3 not logged in or login refused,
    4 cannot connect, 5 not found, 130 interrupted.
    """
    state = ctx.ensure_object(State)
    state.host_option, state.as_json = host, as_json
    ctx.call_on_close(state.close)


# --- lookups: a name or an id on the command line -> an entity, or a clear "no ... named" ---------


def find_project(client: KitsuClient, name_or_id: str) -> Project:
    """Return the project with that id or name; NotFound otherwise."""
    from .. import project as projects
    from ..errors import RouteNotFoundException

    if is_uuid(name_or_id):
        try:
            return projects.get_project(name_or_id, client=client)
        except RouteNotFoundException:
            raise NotFound(f"no project with id {name_or_id}") from None
    found = projects.get_project_by_name(name_or_id, client=client)
    if found is None:
        raise NotFound(f"no project named {name_or_id!r}")
    return found


def by_id(kind: str, fetch: Callable[..., Any], entity_id: str, client: KitsuClient) -> Any:
    """Return fetch(entity_id); NotFound when it is not an id or the server has no such entity."""
    from ..errors import ParameterException, RouteNotFoundException

    if not is_uuid(entity_id):
        raise NotFound(f"no {kind} with id {entity_id!r} (not an id)")
    try:
        return fetch(entity_id, client=client)
    except (RouteNotFoundException, ParameterException):
        raise NotFound(f"no {kind} with id {entity_id}") from None


def found(value: Any, message: str) -> Any:
    """Return value; NotFound(message) when it is None."""
    if value is None:
        raise NotFound(message)
    return value


def names_by_id(entries: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    return {entry["id"]: entry.get("name") for entry in entries}


def fill(rows: Sequence[M], field: str, source: str, names: dict[str, Any]) -> Sequence[M]:
    """Add field (a name looked up by the id in source) to the rows that lack it; return the rows."""
    for row in rows:
        if not row.get(field):
            row[field] = names.get(row.get(source) or "")  # type: ignore[index]  # the rows are the dicts Zou sent
    return rows


def person_name(person: Mapping[str, Any]) -> str:
    return person.get("full_name") or f"{person.get('first_name', '')} {person.get('last_name', '')}".strip()


# --- session -------------------------------------------------------------------------------------


def find_api_root(client: KitsuClient) -> str:
    """Return the API root of the client's host: the URL as given when Zou answers there, else URL + /api."""
    from ..errors import RouteNotFoundException, UnexpectedResponseException

    if not client.host.endswith("/api"):
        try:
            root = index_ops.get_root(client)
        except (RouteNotFoundException, UnexpectedResponseException):
            root = None
        if isinstance(root, dict) and "api" in root:
            return client.host
        client.host = client.host + "/api"
    index_ops.get_root(client)  # not a Kitsu API there either: the error says what answered
    return client.host


@cli.command()
@click.option("--host", help="Kitsu URL, e.g. https://kitsu.example.com/api (default: $KITSU_HOST, else asked).")
@click.option("--email", envvar="KITSU_EMAIL", help="User email (default: $KITSU_EMAIL, else asked).")
@click.option("--password", envvar="KITSU_PASSWORD", help="Password (default: $KITSU_PASSWORD, else asked, hidden).")
@click.option("--event-host", envvar="KITSU_EVENT_HOST", help="Event stream URL when it is not the API host.")
@click.option("--totp", help="Two-factor code from an authenticator app.")
@click.option("--email-otp", help="Two-factor code received by email.")
@click.option("--recovery-code", help="Two-factor recovery code.")
@json_option
@pass_state
def login(
    state: State,
    host: str | None,
    email: str | None,
    password: str | None,
    event_host: str | None,
    totp: str | None,
    email_otp: str | None,
    recovery_code: str | None,
) -> None:
    """Log in to a Kitsu instance and store the session (0600)."""
    from .._auth import log_in
    from ..client import KitsuClient

    host = host or state.host_option or click.prompt("Host")
    email = email or click.prompt("Email")
    password = password or click.prompt("Password", hide_input=True)
    client = KitsuClient(host, event_host=event_host)
    state.adopt(client)
    find_api_root(client)
    answer = log_in(email, password, totp, email_otp, None, recovery_code, client=client)
    tokens = session_tokens(client)
    path = save_session({"host": client.host, "event_host": event_host, "email": email, "tokens": tokens})
    user = answer.get("user") or {}
    if state.as_json:
        state.emit({"host": client.host, "user": user, "session_file": str(path)}, [])
    else:
        click.echo(f"Logged in to {client.host} as {person_name(user) or email} ({user.get('email', email)})")


@cli.command()
@pass_state
def logout(state: State) -> None:
    """Log out and remove the stored session."""
    from .._auth import log_out
    from ._session import clear_session

    if load_session() is None:
        click.echo("Not logged in.")
        return
    with contextlib.suppress(Exception):  # an expired session or an unreachable host still logs out locally
        log_out(client=state.client(check_host=False))
    clear_session()
    click.echo("Logged out.")


@cli.command()
@json_option
@pass_state
def status(state: State) -> None:
    """Show the host, its Zou version and the logged-in user."""
    from .. import client as raw

    client = state.client()
    user = raw.get_current_user(client=client)
    version = raw.get_api_version(client=client)
    if state.as_json:
        info = {"host": client.host, "event_host": raw.get_event_host(client=client), "api_version": version}
        state.emit({**info, "user": user, "session_file": str(session_path())}, [])
        return
    click.echo(f"Host:    {client.host}")
    click.echo(f"API:     {version}")
    click.echo(f"User:    {person_name(user)} ({user.get('email')})")
    click.echo(f"Events:  {raw.get_event_host(client=client)}")
    click.echo(f"Session: {session_path()}")


# --- projects ------------------------------------------------------------------------------------

PROJECT_COLUMNS = [("NAME", "name"), ("TYPE", "production_type"), ("STYLE", "production_style"), ("ID", "id")]


@cli.command()
@click.option("--all", "show_all", is_flag=True, help="Include closed projects.")
@json_option
@pass_state
def projects(state: State, show_all: bool) -> None:
    """List the open projects (all of them with --all)."""
    from .. import project as projects_module

    client = state.client()
    listing = projects_module.all_projects if show_all else projects_module.all_open_projects
    state.emit(listing(client=client), PROJECT_COLUMNS)


@cli.command()
@click.argument("name_or_id")
@json_option
@pass_state
def project(state: State, name_or_id: str) -> None:
    """Show one project (by name or id)."""
    from .. import project as projects_module

    client = state.client()
    data = find_project(client, name_or_id)
    if "project_status_name" not in data:  # the list route behind a name lookup lacks it
        data = projects_module.get_project(data["id"], client=client)
    columns = [*PROJECT_COLUMNS[:3], ("STATUS", "project_status_name"), ("ID", "id")]
    state.emit(data, columns)


# --- assets --------------------------------------------------------------------------------------


@cli.command()
@project_option()
@click.option("--type", "-t", "asset_type", help="Only assets of this asset type (name).")
@json_option
@pass_state
def assets(state: State, project_opt: str | None, asset_type: str | None) -> None:
    """List the assets of a project."""
    from .. import asset as assets_module

    client = state.client()
    proj = state.project(project_opt)
    if asset_type:
        kind = found(
            assets_module.get_asset_type_by_name(asset_type, client=client), f"no asset type named {asset_type!r}"
        )
        data = assets_module.all_assets_for_project_and_type(proj, kind, client=client)
    else:
        data = assets_module.all_assets_for_project(proj, client=client)
    fill(data, "asset_type_name", "entity_type_id", names_by_id(assets_module.all_asset_types(client=client)))
    state.emit(data, [("NAME", "name"), ("TYPE", "asset_type_name"), ("DESCRIPTION", "description"), ("ID", "id")])


@cli.command()
@click.argument("name_or_id")
@project_option("Project name or id, to find the asset by name (default: $KITSU_PROJECT or $GAZU_PROJECT).")
@json_option
@pass_state
def asset(state: State, name_or_id: str, project_opt: str | None) -> None:
    """Show one asset (by id, or by name in --project)."""
    from .. import asset as assets_module

    client = state.client()
    if is_uuid(name_or_id):
        data = by_id("asset", assets_module.get_asset, name_or_id, client)
    else:
        proj = state.project(project_opt)
        match = assets_module.get_asset_by_name(proj, name_or_id, client=client)
        match = found(match, f"no asset named {name_or_id!r} in project {proj['name']!r}")
        data = assets_module.get_asset(match["id"], client=client)
    columns = [("NAME", "name"), ("TYPE", "asset_type_name"), ("DESCRIPTION", "description")]
    state.emit(data, [*columns, ("PROJECT", "project_name"), ("ID", "id")])


# --- shots, sequences, episodes ------------------------------------------------------------------


def find_episode(client: KitsuClient, proj: Mapping[str, Any], name: str) -> dict[str, Any]:
    from .. import shot as shots_module

    episode = shots_module.get_episode_by_name(proj, name, client=client)
    return cast("dict[str, Any]", found(episode, f"no episode named {name!r} in project {proj['name']!r}"))


@cli.command()
@project_option()
@click.option("--sequence", "-s", help="Only the shots of this sequence (name).")
@click.option("--episode", "-e", help="Only the shots of this episode (name).")
@json_option
@pass_state
def shots(state: State, project_opt: str | None, sequence: str | None, episode: str | None) -> None:
    """List the shots of a project."""
    from .. import shot as shots_module

    client = state.client()
    proj = state.project(project_opt)
    if sequence:
        seq = shots_module.get_sequence_by_name(proj, sequence, client=client)
        seq = found(seq, f"no sequence named {sequence!r} in project {proj['name']!r}")
        data = shots_module.all_shots_for_sequence(seq, client=client)
    elif episode:
        data = shots_module.all_shots_for_episode(find_episode(client, proj, episode), client=client)
    else:
        data = shots_module.all_shots_for_project(proj, client=client)
    if any(not row.get("sequence_name") for row in data):
        fill(
            data, "sequence_name", "parent_id", names_by_id(shots_module.all_sequences_for_project(proj, client=client))
        )
    columns = [("SEQUENCE", "sequence_name"), ("NAME", "name"), ("FRAMES", "nb_frames")]
    state.emit(data, [*columns, ("DESCRIPTION", "description"), ("ID", "id")])


@cli.command()
@project_option()
@click.option("--episode", "-e", help="Only the sequences of this episode (name).")
@json_option
@pass_state
def sequences(state: State, project_opt: str | None, episode: str | None) -> None:
    """List the sequences of a project."""
    from .. import shot as shots_module

    client = state.client()
    proj = state.project(project_opt)
    if episode:
        data = shots_module.all_sequences_for_episode(find_episode(client, proj, episode), client=client)
    else:
        data = shots_module.all_sequences_for_project(proj, client=client)
    if any(not row.get("episode_name") and row.get("parent_id") for row in data):
        fill(data, "episode_name", "parent_id", names_by_id(shots_module.all_episodes_for_project(proj, client=client)))
    state.emit(data, [("NAME", "name"), ("EPISODE", "episode_name"), ("ID", "id")])


@cli.command()
@project_option()
@json_option
@pass_state
def episodes(state: State, project_opt: str | None) -> None:
    """List the episodes of a project."""
    from .. import shot as shots_module

    client = state.client()
    data = shots_module.all_episodes_for_project(state.project(project_opt), client=client)
    state.emit(data, [("NAME", "name"), ("ID", "id")])


# --- tasks ---------------------------------------------------------------------------------------

TASK_COLUMNS = [
    ("ENTITY", "entity_name"),
    ("TYPE", "task_type_name"),
    ("STATUS", "task_status_name"),
    ("ASSIGNEES", "assignee_names"),
]


def find_task_type(client: KitsuClient, name: str) -> dict[str, Any]:
    from .. import task as tasks_module

    return cast(
        "dict[str, Any]", found(tasks_module.get_task_type_by_name(name, client=client), f"no task type named {name!r}")
    )


def find_task_status(client: KitsuClient, short_name: str) -> dict[str, Any]:
    from .. import task as tasks_module

    status_ = tasks_module.get_task_status_by_short_name(short_name, client=client)
    return cast("dict[str, Any]", found(status_, f"no task status with short name {short_name!r}"))


def describe_tasks(client: KitsuClient, proj: Mapping[str, Any], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add entity, task type, status and assignee names to tasks (Zou's project task lists give ids only)."""
    from .. import person as persons_module, task as tasks_module

    if not rows:
        return rows
    entities = crud_ops.get_data_entities(client, params={"project_id": proj["id"]})
    fill(rows, "entity_name", "entity_id", names_by_id(entities))
    fill(rows, "task_type_name", "task_type_id", names_by_id(tasks_module.all_task_types(client=client)))
    fill(rows, "task_status_name", "task_status_id", names_by_id(tasks_module.all_task_statuses(client=client)))
    people = {p["id"]: person_name(p) for p in persons_module.all_persons(client=client)}
    for row in rows:
        row.setdefault("assignee_names", [people.get(pid, pid) for pid in row.get("assignees") or []])
    return rows


@cli.command()
@project_option()
@click.option("--type", "-t", "task_type", help="Only tasks of this task type (name).")
@click.option("--status", "-s", "task_status", help="Only tasks with this status (short name: wip, done...).")
@json_option
@pass_state
def tasks(state: State, project_opt: str | None, task_type: str | None, task_status: str | None) -> None:
    """List the tasks of a project."""
    from .. import task as tasks_module

    client = state.client()
    proj = state.project(project_opt)
    kind = find_task_type(client, task_type) if task_type else None
    wanted = find_task_status(client, task_status) if task_status else None
    if kind is not None and wanted is not None:
        data = tasks_module.all_tasks_for_task_status(proj, kind, wanted, client=client)
    elif kind is not None:
        data = tasks_module.all_tasks_for_task_type(proj, kind, client=client)
    else:
        data = tasks_module.all_tasks_for_project(proj, client=client)
        if wanted is not None:
            data = [row for row in data if row.get("task_status_id") == wanted["id"]]
    state.emit(describe_tasks(client, proj, data), [*TASK_COLUMNS, ("ID", "id")])


@cli.command()
@click.argument("task_id")
@json_option
@pass_state
def task(state: State, task_id: str) -> None:
    """Show one task (by id)."""
    from .. import task as tasks_module

    data = by_id("task", tasks_module.get_task, task_id, state.client())
    for field, nested in (("entity_name", "entity"), ("task_type_name", "task_type"), ("project_name", "project")):
        data.setdefault(field, (data.get(nested) or {}).get("name"))
    data.setdefault("task_status_name", (data.get("task_status") or {}).get("name"))
    people = {p.get("id"): person_name(p) for p in data.get("persons") or [] if isinstance(p, dict)}
    data.setdefault("assignee_names", [people.get(pid, pid) for pid in data.get("assignees") or []])
    columns = [*TASK_COLUMNS, ("PROJECT", "project_name"), ("DESCRIPTION", "description"), ("ID", "id")]
    state.emit(data, columns)


@cli.command()
@click.option("--task", "-t", "task_id", required=True, help="Task id.")
@click.option("--status", "-s", "status_short", required=True, help="Task status short name (wip, done, todo...).")
@click.option("--message", "-m", default="", help="Comment text.")
@json_option
@pass_state
def comment(state: State, task_id: str, status_short: str, message: str) -> None:
    """Comment a task, setting its status."""
    from .. import task as tasks_module

    client = state.client()
    wanted = find_task_status(client, status_short)
    target = by_id("task", tasks_module.get_task, task_id, client)
    result = tasks_module.add_comment(target, wanted, comment=message, client=client)
    if state.as_json:
        state.emit(result, [])
    else:
        click.echo(f"Comment posted (ID: {result.get('id')})")


# --- people --------------------------------------------------------------------------------------


@cli.command()
@json_option
@pass_state
def persons(state: State) -> None:
    """List the people of the studio."""
    from .. import person as persons_module

    data = persons_module.all_persons(client=state.client())
    columns = [("FIRST NAME", "first_name"), ("LAST NAME", "last_name"), ("EMAIL", "email"), ("ROLE", "role")]
    state.emit(data, [*columns, ("ID", "id")])


@cli.command("my-tasks")
@click.option("--done", is_flag=True, help="Show the done tasks instead.")
@json_option
@pass_state
def my_tasks(state: State, done: bool) -> None:
    """List the tasks assigned to the logged-in user."""
    from .. import user as user_module

    client = state.client()
    data = user_module.all_done_tasks(client=client) if done else user_module.all_tasks_to_do(client=client)
    columns = [("PROJECT", "project_name"), ("ENTITY", "entity_name"), ("TYPE", "task_type_name")]
    state.emit(data, [*columns, ("STATUS", "task_status_name"), ("ID", "id")])


# --- search, casting -----------------------------------------------------------------------------


@cli.command()
@click.argument("query")
@project_option("Only in this project (name or id).")
@json_option
@pass_state
def search(state: State, query: str, project_opt: str | None) -> None:
    """Search people, assets and shots."""
    from .. import search as search_module

    client = state.client()
    proj = find_project(client, project_opt) if project_opt else None
    data = search_module.search_entities(query, project=proj, client=client)
    if state.as_json:
        state.emit(data, [])
        return
    shown = False
    for kind, entities in cast("dict[str, list[dict[str, Any]]]", data or {}).items():
        if entities:
            shown = True
            click.echo(f"\n{kind.upper()} ({len(entities)})")
            click.echo("-" * 40)
            for entity in entities:
                click.echo(f"  {entity.get('name') or entity.get('full_name', '')}  ({entity.get('id', '')})")
    if not shown:
        click.echo("No results.")


@cli.command("shot-casting")
@click.argument("shot_id")
@json_option
@pass_state
def shot_casting(state: State, shot_id: str) -> None:
    """Show the casting of a shot (the assets in it)."""
    from .. import casting as casting_module, shot as shots_module

    client = state.client()
    shot = by_id("shot", shots_module.get_shot, shot_id, client)
    data = casting_module.get_shot_casting(shot, client=client)
    if state.as_json:
        state.emit(data, [])
    elif not data:
        click.echo("No casting for this shot.")
    else:
        for entry in data:
            click.echo(f"  {entry.get('asset_name') or entry.get('name')} (x{entry.get('nb_occurences', 1)})")


# --- asset types, task types, task statuses ------------------------------------------------------


def emit_listing(
    state: State,
    project_opt: str | None,
    of_project: Callable[..., Sequence[Mapping[str, Any]]],
    every: Callable[..., Sequence[Mapping[str, Any]]],
    columns: list[tuple[str, str]],
) -> None:
    """Print a listing: the project's entries when a project is given (name or id), else all of them.

    Args:
        state: The command's state (client and output format).
        project_opt: The --project value, or None.
        of_project: The helper listing a project's entries (``project, client=``).
        every: The helper listing all entries (``client=``).
        columns: The table's (header, key) columns.
    """
    client = state.client()
    data = of_project(find_project(client, project_opt), client=client) if project_opt else every(client=client)
    state.emit(data, columns)


@cli.command("asset-types")
@project_option("Only the asset types of this project (name or id).")
@json_option
@pass_state
def asset_types(state: State, project_opt: str | None) -> None:
    """List the asset types."""
    from .. import asset

    columns = [("NAME", "name"), ("ID", "id")]
    emit_listing(state, project_opt, asset.all_asset_types_for_project, asset.all_asset_types, columns)


@cli.command("task-types")
@project_option("Only the task types of this project (name or id).")
@json_option
@pass_state
def task_types(state: State, project_opt: str | None) -> None:
    """List the task types."""
    from .. import task

    columns = [("NAME", "name"), ("FOR", "for_entity"), ("ID", "id")]
    emit_listing(state, project_opt, task.all_task_types_for_project, task.all_task_types, columns)


@cli.command("task-statuses")
@project_option("Only the task statuses of this project (name or id).")
@json_option
@pass_state
def task_statuses(state: State, project_opt: str | None) -> None:
    """List the task statuses."""
    from .. import task

    columns = [("NAME", "name"), ("SHORT", "short_name"), ("ID", "id")]
    emit_listing(state, project_opt, task.all_task_statuses_for_project, task.all_task_statuses, columns)


SESSION_TOKEN_KEYS = ("access_token", "refresh_token")


def session_tokens(client: KitsuClient) -> dict[str, Any]:
    """The two tokens a session stores (client.tokens is gazu's dict: it may hold the whole login answer)."""
    return {key: client.tokens.get(key) for key in SESSION_TOKEN_KEYS}
