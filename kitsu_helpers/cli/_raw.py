"""Raw access for TDs: `kitsu call <operationId>`, `kitsu get|post|put|delete <path>`, `kitsu operations`.

Arguments are `key=value` (a string) or `key:=<json>` (a number, boolean, list, object...). For `call`, the
operation's path parameters are taken from them, the rest become query parameters (GET, DELETE) or fields of
the JSON body (POST, PUT); `--query key=value` forces a query parameter, `--data` gives the whole body
(JSON, `@file.json`, or `-` for stdin). Answers are printed as JSON, token fields redacted.
"""

from __future__ import annotations

import fnmatch
import json
import sys
from pathlib import Path
from typing import Any

import click

from ._app import State, cli, json_option, pass_state
from ._errors import CliError, scrub
from ._output import to_json

QUERY_METHODS = ("GET", "DELETE", "HEAD", "OPTIONS")


def parse_pairs(pairs: tuple[str, ...] | list[str], what: str = "argument") -> dict[str, Any]:
    """Return {key: value} from key=value (string) and key:=json (decoded) arguments."""
    values: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.rstrip(":"):
            raise click.BadParameter(f"{pair!r}: expected key=value or key:=<json>", param_hint=what)
        if key.endswith(":"):
            key = key[:-1]
            try:
                values[key] = json.loads(raw)
            except ValueError:
                raise click.BadParameter(f"{pair!r}: {raw!r} is not JSON", param_hint=what) from None
        else:
            values[key] = raw
    return values


def read_body(data: str | None) -> Any:
    """Return the JSON body given by --data: inline JSON, @file, or - (stdin); None when not given."""
    if data is None:
        return None
    if data == "-":
        text = sys.stdin.read()
    elif data.startswith("@"):
        try:
            text = Path(data[1:]).read_text(encoding="utf-8")
        except OSError as exc:
            raise click.BadParameter(f"{data[1:]}: {exc.strerror}", param_hint="--data") from None
    else:
        text = data
    try:
        return json.loads(text)
    except ValueError as exc:
        raise click.BadParameter(f"not JSON ({exc})", param_hint="--data") from None


def merge_body(body: Any, fields: dict[str, Any]) -> Any:
    """Return the body with key=value fields added (the body must then be a JSON object)."""
    if not fields:
        return body
    if body is None:
        return fields
    if not isinstance(body, dict):
        raise click.UsageError("key=value fields can only be added to a JSON object body")
    return {**body, **fields}


def print_answer(state: State, response: Any, output: str | None) -> None:
    """Print an answer: JSON pretty-printed (tokens redacted), text as is, binary only into --output."""
    content: bytes = response.content
    if output:
        Path(output).write_bytes(content)
        click.echo(f"Saved {len(content)} bytes to {output}", err=True)
        return
    if not content:
        return
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        ctype = response.headers.get("content-type", "unknown")
        raise CliError(f"the answer is binary ({ctype}, {len(content)} bytes): save it with --output FILE") from None
    try:
        click.echo(to_json(json.loads(text), state.secrets()))
    except ValueError:
        click.echo(scrub(text, state.secrets()))


def check_path(path: str) -> str:
    """Return a path below the host; a usage error for a URL (the token is only ever sent to its own host)."""
    if "://" in path or path.startswith("//"):
        raise click.BadParameter(
            "give a path below the host (data/projects), not a URL: the session's token is only sent to its host",
            param_hint="PATH",
        )
    return path.lstrip("/")


output_option = click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the raw answer to a file.")
data_option = click.option("--data", "-d", help="JSON body, @file.json or - (stdin); key=value pairs are added.")
query_option = click.option("--query", "-q", multiple=True, help="key=value sent as a query parameter (repeatable).")


@cli.command("call")
@click.argument("operation_id")
@click.argument("pairs", nargs=-1, metavar="[KEY=VALUE | KEY:=JSON]...")
@data_option
@query_option
@output_option
@pass_state
def call(
    state: State,
    operation_id: str,
    pairs: tuple[str, ...],
    data: str | None,
    query: tuple[str, ...],
    output: str | None,
) -> None:
    """Call any of Zou's operations by its operationId (see `kitsu operations`); print the JSON answer.

    Example: kitsu call get_data_projects_project_id_task_types project_id=<id>
    """
    from ..client import operation_info

    try:
        op = operation_info(operation_id)
    except ValueError:
        raise click.BadParameter(
            f"unknown operation {operation_id!r} (`kitsu operations PATTERN` lists them)", param_hint="OPERATION_ID"
        ) from None
    values = parse_pairs(pairs)
    path_params = {name: str(values.pop(name)) for name in op.path_params if name in values}
    missing = [name for name in op.path_params if name not in path_params]
    if missing:
        needed = " ".join(f"{name}=..." for name in missing)
        raise click.UsageError(f"{op.method} {op.path} needs its path parameter(s): {needed}")
    params = parse_pairs(query, "--query")
    body = read_body(data)
    if op.method in QUERY_METHODS:
        params.update(values)
    else:
        body = merge_body(body, values)
    response = state.client().call(operation_id, params=params or None, json=body, raw=True, **path_params)
    print_answer(state, response, output)


def raw_command(method: str) -> None:
    """Register `kitsu <method> PATH [KEY=VALUE]...`."""

    @click.argument("path")
    @click.argument("pairs", nargs=-1, metavar="[KEY=VALUE | KEY:=JSON]...")
    @output_option
    @pass_state  # type: ignore[arg-type]  # click's Concatenate-typed pass decorator rejects the **options tail
    def command(state: State, path: str, pairs: tuple[str, ...], output: str | None, **options: Any) -> None:
        values = parse_pairs(pairs)
        if method in QUERY_METHODS:
            params, body = values, None
        else:
            params = parse_pairs(options.get("query") or (), "--query")
            body = merge_body(read_body(options.get("data")), values)
        response = state.client().request(method, check_path(path), params=params or None, json=body)
        print_answer(state, response, output)

    where = "query parameters" if method in QUERY_METHODS else "fields of the JSON body"
    command.__doc__ = f"""Send {method} to a path below the host (gazu's raw {method.lower()}); print the answer.

    KEY=VALUE pairs are {where}. Example: kitsu {method.lower()} data/projects{" name=Agent" if method == "GET" else ""}
    """
    if method not in QUERY_METHODS:
        command = query_option(data_option(command))
    cli.command(method.lower())(command)


for _method in ("GET", "POST", "PUT", "DELETE"):
    raw_command(_method)


def operation_matches(pattern: str, operation_id: str, method: str, path: str) -> bool:
    """Return True when pattern (a substring, or a glob with * ? [) names the operation or its route."""
    pattern = pattern.lower()
    candidates = (operation_id.lower(), path.lower(), f"{method} {path}".lower())
    if any(ch in pattern for ch in "*?["):
        return any(fnmatch.fnmatchcase(text, pattern) for text in candidates)
    return any(pattern in text for text in candidates)


@cli.command()
@click.argument("pattern", required=False)
@click.option("--method", "-m", help="Only operations of this HTTP method.")
@json_option
@pass_state
def operations(state: State, pattern: str | None, method: str | None) -> None:
    """Search Zou's operations (operationId, method, route); PATTERN is a substring or a glob.

    Example: kitsu operations "task-types"   kitsu operations -m DELETE "*/shots/*"
    """
    from kitsu_api.operations import OPERATIONS

    rows = [
        {
            "operation_id": op_id,
            "method": op_method,
            "path": op_path,
            "path_params": list(path_params),
            "query_params": list(query_params),
            "body": body,
        }
        for op_id, (op_method, op_path, path_params, query_params, body, _module) in sorted(
            OPERATIONS.items(), key=lambda item: (item[1][1], item[1][0])
        )
        if (not method or op_method == method.upper())
        and (not pattern or operation_matches(pattern, op_id, op_method, op_path))
    ]
    state.emit(rows, [("METHOD", "method"), ("PATH", "path"), ("OPERATION", "operation_id")], truncate=False)
    if not state.as_json and rows and sys.stdout.isatty():
        click.echo(f"{len(rows)} of {len(OPERATIONS)} operations", err=True)
