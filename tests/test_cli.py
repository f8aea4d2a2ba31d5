"""The `kitsu` command line against the real local Zou: click's runner in-process for every command (table and
--json), and one real subprocess of the installed script (login -> projects --json -> logout).

Every invocation is checked by `run`: the session's tokens never appear in stdout or stderr, and no
traceback is printed.
"""

from __future__ import annotations

import _thread
import json
import os
import stat
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result
from fixtures_files import FILE_TREE
from fixtures_previews import png_bytes
from kitsu_api.operations import OPERATIONS

import kitsu_helpers as gazu
from kitsu_helpers.cli import cli
from kitsu_helpers.cli._session import load_session, save_session
from kitsu_helpers.client import KitsuClient
from tests.conftest import remove_project, start_instance

pytestmark = pytest.mark.server

CLEAN_ENV = {
    name: None
    for name in (
        "KITSU_HOST", "KITSU_EVENT_HOST", "KITSU_PROJECT", "GAZU_PROJECT", "KITSU_EMAIL", "KITSU_PASSWORD",
        "KITSU_DEBUG", "XDG_CONFIG_HOME",
    )
}  # fmt: skip


def tokens_in(config_dir: Path) -> list[str]:
    session = load_session_in(config_dir)
    return [t for t in (session or {}).get("tokens", {}).values() if t]


def load_session_in(config_dir: Path) -> dict[str, Any] | None:
    path = config_dir / "session.json"
    return json.loads(path.read_text()) if path.exists() else None


class Kitsu:
    """Runs `kitsu` in-process with one config folder; checks each run prints no token and no traceback."""

    def __init__(self, config_dir: Path) -> None:
        self.config_dir = config_dir
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, **env: str | None) -> Result:
        before = tokens_in(self.config_dir)
        full_env = {**CLEAN_ENV, "KITSU_CONFIG_DIR": str(self.config_dir), **env}
        result = self.runner.invoke(cli, list(args), input=input, env=full_env, catch_exceptions=False)
        printed = result.stdout + result.stderr
        for token in {*before, *tokens_in(self.config_dir)}:
            assert token not in printed, f"kitsu {' '.join(args)} printed a token"
        assert "Traceback" not in printed
        return result

    def json(self, *args: str, **env: str | None) -> Any:
        result = self(*args, "--json", **env)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


@pytest.fixture(scope="module")
def kitsu(zou: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Kitsu:
    """A logged-in `kitsu` (its session in a folder the login creates)."""
    runner = Kitsu(tmp_path_factory.mktemp("kitsu") / "config")
    result = runner(
        "login", "--host", zou["url"], "--event-host", zou["events_url"], "--email", zou["email"],
        "--password", zou["password"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"Logged in to {zou['url']}" in result.stdout
    return runner


@pytest.fixture
def fresh(tmp_path: Path) -> Kitsu:
    """A `kitsu` with an empty config folder (not logged in)."""
    return Kitsu(tmp_path / "config")


@pytest.fixture(scope="module")
def prod(admin_client: KitsuClient, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A tvshow project: E01 / SQ01 / SH010 (24 frames), the asset Hero cast twice in SH010, an Animation task
    assigned to the admin, and a working file with content."""
    c = admin_client
    name = f"cli-{uuid.uuid4().hex[:8]}"
    project = gazu.project.new_project(name, "tvshow", client=c)
    try:
        c.call("put_data_projects_instance_id", json={"file_tree": FILE_TREE}, instance_id=project["id"])
        episode = gazu.shot.get_episode_by_name(project, "E01", client=c) or gazu.shot.new_episode(
            project, "E01", client=c
        )
        sequence = gazu.shot.new_sequence(project, "SQ01", episode=episode, client=c)
        shot = gazu.shot.new_shot(project, sequence, "SH010", nb_frames=24, client=c)
        empty_shot = gazu.shot.new_shot(project, sequence, "SH020", nb_frames=12, client=c)
        character = gazu.asset.get_asset_type_by_name("Character", client=c)
        hero = gazu.asset.new_asset(project, character, "Hero", description="the hero", client=c)
        gazu.casting.update_shot_casting(project, shot, [{"asset_id": hero["id"], "nb_occurences": 2}], client=c)
        animation = gazu.task.get_task_type_by_name("Animation", for_entity="Shot", client=c)
        task = gazu.task.new_task(shot, animation, client=c)
        admin = gazu.client.get_current_user(client=c)
        gazu.task.assign_task(task, admin, client=c)
        working_file = gazu.files.new_working_file(task, name="main", client=c)
        content = os.urandom(3000)
        source = tmp_path_factory.mktemp("wf") / "scene.ma"
        source.write_bytes(content)
        gazu.files.upload_working_file(working_file, str(source), client=c)
        yield {
            "project": project, "episode": episode, "sequence": sequence, "shot": shot, "empty_shot": empty_shot,
            "hero": hero, "task": task, "animation": animation, "working_file": working_file, "content": content,
        }  # fmt: skip
    finally:
        remove_project(c, project["id"])


# --- gazu-cli parity ----------------------------------------------------------------------------


def describe_commands(group: click.Group, prefix: str = "") -> dict[str, set[str]]:
    """Return {command: {"argument name", "option --flag/-f [flag] [required]"}} for a click group."""
    found: dict[str, set[str]] = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(describe_commands(command, f"{prefix}{name} "))
            continue
        params = set()
        for p in command.params:
            if isinstance(p, click.Argument):
                params.add(f"argument {p.name}" + ("" if p.required else "?"))
            elif "--help" not in p.opts:
                flags = "/".join(sorted(p.opts + p.secondary_opts))
                params.add(f"option {flags}" + (" flag" if p.is_flag else "") + (" required" if p.required else ""))
        found[prefix + name] = params
    return found


def test_every_gazu_cli_command_and_option_exists() -> None:
    reference = Path(__file__).parent / "data" / "gazu-cli-1.3.1.txt"
    ours = describe_commands(cli)
    group_options = {f"option {'/'.join(sorted(p.opts))}" for p in cli.params}
    checked = 0
    for line in reference.read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, params = line.partition(": ")
        wanted = {p for p in params.split("; ") if p}
        have = group_options if name == "<group>" else ours.get(name)
        assert have is not None, f"gazu-cli's `{name}` is missing"
        assert wanted <= have, f"`{name}` lacks {sorted(wanted - have)}"
        checked += 1
    assert checked == 21  # the group and its 20 commands


# --- session: login, status, logout, errors -----------------------------------------------------


def test_login_writes_a_0600_session_in_a_0700_folder(kitsu: Kitsu, zou: dict[str, Any]) -> None:
    path = kitsu.config_dir / "session.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(kitsu.config_dir.stat().st_mode) == 0o700
    session = load_session_in(kitsu.config_dir)
    assert session is not None
    assert session["host"] == zou["url"]
    assert session["event_host"] == zou["events_url"]
    assert session["tokens"]["access_token"]
    assert session["email"] == zou["email"]
    assert [p.name for p in kitsu.config_dir.iterdir()] == ["session.json"]  # no temporary file left


def test_status_table_and_json_show_no_token(kitsu: Kitsu, zou: dict[str, Any]) -> None:
    result = kitsu("status")
    assert result.exit_code == 0, result.output
    assert f"Host:    {zou['url']}" in result.stdout
    assert "API:     1.0" in result.stdout
    assert f"({zou['email']})" in result.stdout
    assert f"Events:  {zou['events_url']}" in result.stdout
    info = kitsu.json("status")
    assert info["host"] == zou["url"]
    assert info["user"]["email"] == zou["email"]
    assert info["api_version"].count(".") == 2
    assert "token" not in json.dumps(info).replace("chat_token", "")


def test_bad_credentials_exit_3_with_login_refused(fresh: Kitsu, zou: dict[str, Any]) -> None:
    result = fresh("login", "--host", zou["url"], "--email", zou["email"], "--password", "wrong password")
    assert result.exit_code == 3
    assert "login refused" in result.stderr
    assert "wrong password" not in result.output
    assert not (fresh.config_dir / "session.json").exists()


def test_unreachable_host_exit_4_with_cannot_connect(fresh: Kitsu) -> None:
    result = fresh("login", "--email", "a@b.c", "--password", "x", KITSU_HOST="http://127.0.0.1:1")
    assert result.exit_code == 4
    assert "cannot connect to http://127.0.0.1:1" in result.stderr


def test_prompts_for_what_is_missing(fresh: Kitsu, zou: dict[str, Any]) -> None:
    result = fresh("login", input=f"{zou['url']}\n{zou['email']}\n{zou['password']}\n")
    assert result.exit_code == 0, result.output
    assert zou["password"] not in result.output  # the password prompt hides the input
    assert load_session_in(fresh.config_dir) is not None


def test_not_logged_in_exit_3(fresh: Kitsu) -> None:
    result = fresh("projects")
    assert result.exit_code == 3
    assert "not logged in" in result.stderr
    assert "kitsu login" in result.stderr


def test_a_revoked_session_exit_3(fresh: Kitsu, zou: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    login = fresh("login", "--host", zou["url"], "--email", zou["email"], "--password", zou["password"])
    assert login.exit_code == 0, login.output
    monkeypatch.setenv("KITSU_CONFIG_DIR", str(fresh.config_dir))
    session = load_session()
    assert session is not None
    gazu.log_out(client=KitsuClient(zou["url"], tokens=session["tokens"]))  # the server revokes the token
    save_session(dict(session, tokens={"access_token": session["tokens"]["access_token"]}))  # and no refresh
    result = fresh("projects")
    assert result.exit_code == 3
    assert "session has expired" in result.stderr
    assert "kitsu login" in result.stderr


def test_a_refreshed_token_is_stored_back(fresh: Kitsu) -> None:
    short = start_instance("short", ZOU_ACCESS_TOKEN_SECONDS="3", ZOU_API_WORKERS="1")  # tokens live 3 s
    login = fresh("login", "--host", short["url"], "--email", short["email"], "--password", short["password"])
    assert login.exit_code == 0, login.output
    before = load_session_in(fresh.config_dir)["tokens"]  # type: ignore[index]
    time.sleep(3.5)
    result = fresh("status")
    assert result.exit_code == 0, result.output
    after = load_session_in(fresh.config_dir)["tokens"]  # type: ignore[index]
    assert after["access_token"] != before["access_token"]
    assert after["refresh_token"] == before["refresh_token"]
    assert stat.S_IMODE((fresh.config_dir / "session.json").stat().st_mode) == 0o600


def test_another_host_than_the_session_is_refused(kitsu: Kitsu) -> None:
    result = kitsu("--host", "http://127.0.0.1:5699", "projects")
    assert result.exit_code == 3
    assert "not logged in to http://127.0.0.1:5699" in result.stderr


def test_logout_removes_the_session(fresh: Kitsu, zou: dict[str, Any]) -> None:
    login = fresh("--json", "login", "--host", zou["url"], KITSU_EMAIL=zou["email"], KITSU_PASSWORD=zou["password"])
    assert login.exit_code == 0, login.output
    answer = json.loads(login.stdout)
    assert answer["host"] == zou["url"]
    assert answer["user"]["email"] == zou["email"]
    assert "access_token" not in login.stdout
    token = tokens_in(fresh.config_dir)[0]
    result = fresh("logout")
    assert result.exit_code == 0
    assert "Logged out." in result.stdout
    assert not (fresh.config_dir / "session.json").exists()
    probe = KitsuClient(zou["url"], access_token=token, retries=0)  # the server forgot the token too
    with pytest.raises(gazu.errors.NotAuthenticatedException):
        probe.call("get_auth_authenticated")
    assert fresh("logout").stdout.strip() == "Not logged in."


def test_session_file_is_0600_even_with_a_permissive_umask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITSU_CONFIG_DIR", str(tmp_path / "cfg"))
    old = os.umask(0)
    try:
        path = save_session({"host": "http://h", "tokens": {"access_token": "a"}})
        save_session({"host": "http://h", "tokens": {"access_token": "b"}})
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert load_session() == {**json.loads(path.read_text())}
    assert json.loads(path.read_text())["tokens"] == {"access_token": "b"}
    path.write_text("not json")
    assert load_session() is None


# --- gazu-cli's commands -------------------------------------------------------------------------


def test_projects_table_and_json(kitsu: Kitsu, prod: dict[str, Any]) -> None:
    name = prod["project"]["name"]
    result = kitsu("projects")
    assert result.exit_code == 0, result.output
    header, dashes, *rows = result.stdout.splitlines()
    assert header.split() == ["NAME", "TYPE", "STYLE", "ID"]
    assert set(dashes) <= {"-", " "}
    assert any(row.split()[0] == name and row.split()[-1] == prod["project"]["id"] for row in rows)
    assert prod["project"]["id"] in [p["id"] for p in kitsu.json("projects")]
    group_level = kitsu("--json", "projects", "--all")  # gazu-cli's place for --json
    assert prod["project"]["id"] in [p["id"] for p in json.loads(group_level.stdout)]


def test_project_by_name_by_id_and_missing(kitsu: Kitsu, prod: dict[str, Any]) -> None:
    project = prod["project"]
    shown = kitsu("project", project["name"])
    assert shown.exit_code == 0, shown.output
    assert f"NAME: {project['name']}" in shown.stdout
    assert "TYPE: tvshow" in shown.stdout
    assert f"ID: {project['id']}" in shown.stdout
    assert "STATUS: Open" in shown.stdout
    assert kitsu.json("project", project["id"])["name"] == project["name"]
    missing = kitsu("project", "no such project")
    assert missing.exit_code == 5
    assert "no project named 'no such project'" in missing.stderr
    unknown_id = kitsu("project", str(uuid.uuid4()))
    assert unknown_id.exit_code == 5
    assert "no project with id" in unknown_id.stderr


def test_assets_and_asset(kitsu: Kitsu, prod: dict[str, Any]) -> None:
    pname = prod["project"]["name"]
    listing = kitsu("assets", "-p", pname)
    assert listing.exit_code == 0, listing.output
    assert listing.stdout.splitlines()[0].split() == ["NAME", "TYPE", "DESCRIPTION", "ID"]
    assert any(line.split()[:4] == ["Hero", "Character", "the", "hero"] for line in listing.stdout.splitlines())
    assert [a["name"] for a in kitsu.json("assets", "--type", "Character", KITSU_PROJECT=pname)] == ["Hero"]
    assert kitsu("assets", "-p", pname, "-t", "Prop").stdout.strip() == "No results."
    assert kitsu("assets", "-p", pname, "-t", "Nope").exit_code == 5
    no_project = kitsu("assets")
    assert no_project.exit_code == 2
    assert "--project" in no_project.stderr
    detail = kitsu("asset", "Hero", GAZU_PROJECT=pname)
    assert detail.exit_code == 0, detail.output
    assert f"PROJECT: {pname}" in detail.stdout
    assert "TYPE: Character" in detail.stdout
    assert kitsu.json("asset", prod["hero"]["id"])["name"] == "Hero"
    missing = kitsu("asset", "Villain", "-p", pname)
    assert missing.exit_code == 5
    assert f"no asset named 'Villain' in project '{pname}'" in missing.stderr


def test_shots_sequences_episodes(kitsu: Kitsu, prod: dict[str, Any]) -> None:
    pname = prod["project"]["name"]
    listing = kitsu("shots", "-p", pname)
    assert listing.exit_code == 0, listing.output
    rows = [line.split() for line in listing.stdout.splitlines()[2:]]
    assert [r[:3] for r in rows] == [["SQ01", "SH010", "24"], ["SQ01", "SH020", "12"]]
    assert [s["name"] for s in kitsu.json("shots", "-p", pname, "-s", "SQ01")] == ["SH010", "SH020"]
    assert [s["name"] for s in kitsu.json("shots", "-p", pname, "-e", "E01")] == ["SH010", "SH020"]
    missing = kitsu("shots", "-p", pname, "-s", "SQ99")
    assert missing.exit_code == 5
    assert "no sequence named 'SQ99'" in missing.stderr
    sequences = kitsu("sequences", "-p", pname)
    assert sequences.stdout.splitlines()[2].split()[:2] == ["SQ01", "E01"]
    assert [s["name"] for s in kitsu.json("sequences", "-p", pname, "--episode", "E01")] == ["SQ01"]
    assert kitsu("sequences", "-p", pname, "-e", "E99").exit_code == 5
    episodes = kitsu("episodes", "-p", pname)
    assert episodes.stdout.splitlines()[2].split() == ["E01", prod["episode"]["id"]]
    assert [e["id"] for e in kitsu.json("episodes", "-p", pname)] == [prod["episode"]["id"]]


def test_tasks_filters_and_task(kitsu: Kitsu, prod: dict[str, Any]) -> None:
    pname, task_id = prod["project"]["name"], prod["task"]["id"]
    listing = kitsu("tasks", "-p", pname)
    assert listing.exit_code == 0, listing.output
    assert listing.stdout.splitlines()[0].split() == ["ENTITY", "TYPE", "STATUS", "ASSIGNEES", "ID"]
    row = listing.stdout.splitlines()[2]
    assert row.split()[:3] == ["SH010", "Animation", "Todo"]
    assert "Super Admin" in row
    assert task_id in row
    for extra in (["-t", "Animation"], ["-s", "todo"], ["-t", "Animation", "-s", "todo"]):
        assert [t["id"] for t in kitsu.json("tasks", "-p", pname, *extra)] == [task_id], extra
    assert kitsu.json("tasks", "-p", pname, "-s", "done") == []
    assert kitsu("tasks", "-p", pname, "-s", "nope").exit_code == 5
    assert kitsu("tasks", "-p", pname, "-t", "Nope").exit_code == 5
    detail = kitsu("task", task_id)
    assert detail.exit_code == 0, detail.output
    for line in ("ENTITY: SH010", "TYPE: Animation", f"PROJECT: {pname}", "ASSIGNEES: Super Admin"):
        assert line in detail.stdout
    assert kitsu.json("task", task_id)["task_type_id"] == prod["animation"]["id"]
    missing = kitsu("task", str(uuid.uuid4()))
    assert missing.exit_code == 5
    assert "no task with id" in missing.stderr


def test_comment_sets_the_status(kitsu: Kitsu, prod: dict[str, Any], admin_client: KitsuClient) -> None:
    task_id = prod["task"]["id"]
    posted = kitsu("comment", "-t", task_id, "-s", "wip", "-m", "started from the CLI")
    assert posted.exit_code == 0, posted.output
    comment_id = posted.stdout.strip().removeprefix("Comment posted (ID: ").removesuffix(")")
    last = gazu.task.get_last_comment_for_task(task_id, client=admin_client)
    assert last["id"] == comment_id
    assert last["text"] == "started from the CLI"
    assert gazu.task.get_task(task_id, client=admin_client)["task_status"]["short_name"] == "wip"
    as_json = kitsu.json("comment", "--task", task_id, "--status", "todo", "--message", "back")
    assert as_json["text"] == "back"
    assert as_json["object_id"] == task_id
    assert kitsu("comment", "-t", task_id, "-s", "nope").exit_code == 5
    assert kitsu("comment", "-s", "wip").exit_code == 2  # --task is required


def test_persons_and_my_tasks(kitsu: Kitsu, prod: dict[str, Any], zou: dict[str, Any]) -> None:
    people = kitsu("persons")
    assert people.stdout.splitlines()[0].split() == ["FIRST", "NAME", "LAST", "NAME", "EMAIL", "ROLE", "ID"]
    assert any(zou["email"] in line and "admin" in line for line in people.stdout.splitlines())
    assert zou["email"] in [p["email"] for p in kitsu.json("persons")]
    mine = kitsu("my-tasks")
    assert mine.exit_code == 0, mine.output
    line = next(line for line in mine.stdout.splitlines() if prod["task"]["id"] in line)
    assert line.split()[:3] == [prod["project"]["name"], "SH010", "Animation"]
    assert prod["task"]["id"] in [t["id"] for t in kitsu.json("my-tasks")]
    assert prod["task"]["id"] not in [t["id"] for t in kitsu.json("my-tasks", "--done")]


def test_search(kitsu: Kitsu, prod: dict[str, Any]) -> None:
    # Zou answers queries shorter than 3 characters without asking its indexer (absent here): nothing found.
    result = kitsu("search", "He", "-p", prod["project"]["name"])
    assert result.exit_code == 0
    assert result.stdout.strip() == "No results."
    assert kitsu.json("search", "He") == {}
    assert kitsu("search", "He", "-p", "no such project").exit_code == 5


def test_shot_casting(kitsu: Kitsu, prod: dict[str, Any]) -> None:
    result = kitsu("shot-casting", prod["shot"]["id"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Hero (x2)"
    casting = kitsu.json("shot-casting", prod["shot"]["id"])
    assert [(c["asset_id"], c["nb_occurences"]) for c in casting] == [(prod["hero"]["id"], 2)]
    assert kitsu("shot-casting", prod["empty_shot"]["id"]).stdout.strip() == "No casting for this shot."
    assert kitsu("shot-casting", "SH010").exit_code == 5


def test_asset_types_task_types_task_statuses(kitsu: Kitsu, prod: dict[str, Any]) -> None:
    pname = prod["project"]["name"]
    types = kitsu("asset-types")
    assert types.stdout.splitlines()[0].split() == ["NAME", "ID"]
    assert any(line.split()[0] == "Character" for line in types.stdout.splitlines())
    assert "Character" in [t["name"] for t in kitsu.json("asset-types", "-p", pname)]
    task_types = kitsu("task-types")
    assert any(line.split()[:2] == ["Animation", "Shot"] for line in task_types.stdout.splitlines())
    assert isinstance(kitsu.json("task-types", "-p", pname), list)
    statuses = kitsu("task-statuses")
    assert any(line.split()[-2:-1] == ["wip"] for line in statuses.stdout.splitlines())
    assert "wip" in [s["short_name"] for s in kitsu.json("task-statuses")]
    assert isinstance(kitsu.json("task-statuses", "--project", prod["project"]["id"]), list)
    assert kitsu("task-types", "-p", "no such project").exit_code == 5


# --- raw calls and the operation index -----------------------------------------------------------


def test_call_an_operation(kitsu: Kitsu, prod: dict[str, Any], admin_client: KitsuClient) -> None:
    pid = prod["project"]["id"]
    result = kitsu("call", "get_data_projects_instance_id", f"instance_id={pid}")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["name"] == prod["project"]["name"]
    updated = kitsu("call", "put_data_projects_instance_id", f"instance_id={pid}", 'data:={"cli": [1, true]}')
    assert json.loads(updated.stdout)["data"] == {"cli": [1, True]}
    assert gazu.project.get_project(pid, client=admin_client)["data"] == {"cli": [1, True]}
    listed = kitsu("call", "get_data_projects", f"name={prod['project']['name']}")  # a query parameter
    assert [p["id"] for p in json.loads(listed.stdout)] == [pid]
    missing = kitsu("call", "get_data_projects_instance_id")
    assert missing.exit_code == 2
    assert "instance_id=..." in missing.stderr
    assert kitsu("call", "get_no_such_operation").exit_code == 2
    assert kitsu("call", "get_data_projects", "not-a-pair").exit_code == 2
    gone = kitsu("call", "get_data_projects_instance_id", f"instance_id={uuid.uuid4()}")
    assert gone.exit_code == 5
    assert "not found" in gone.stderr


def test_get_post_put_delete(kitsu: Kitsu, prod: dict[str, Any], admin_client: KitsuClient) -> None:
    pid = prod["project"]["id"]
    found = kitsu("get", "data/projects", f"name={prod['project']['name']}")
    assert [p["id"] for p in json.loads(found.stdout)] == [pid]
    created = kitsu("post", f"data/projects/{pid}/sequences", "name=SQ-RAW")
    assert created.exit_code == 0, created.output
    sequence = json.loads(created.stdout)
    assert sequence["name"] == "SQ-RAW"
    assert sequence["project_id"] == pid
    changed = kitsu("put", f"/data/entities/{sequence['id']}", "--data", '{"description": "from put"}')
    assert json.loads(changed.stdout)["description"] == "from put"
    deleted = kitsu("delete", f"data/sequences/{sequence['id']}")
    assert deleted.exit_code == 0, deleted.output
    assert sequence["id"] not in [s["id"] for s in gazu.shot.all_sequences_for_project(pid, client=admin_client)]
    refused = kitsu("post", "data/projects", "--data", "{}")  # no name: Zou refuses it
    assert refused.exit_code == 1
    assert "refused" in refused.stderr
    assert kitsu("get", "http://example.com/data/projects").exit_code == 2  # never sends the token elsewhere
    assert kitsu("get", "data/projects/" + str(uuid.uuid4())).exit_code == 5


def test_raw_answers_never_show_tokens(kitsu: Kitsu, zou: dict[str, Any]) -> None:
    result = kitsu("post", "auth/login", f"email={zou['email']}", f"password={zou['password']}")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["access_token"] == answer["refresh_token"] == "<redacted>"
    assert "eyJ" not in result.stdout


def test_operations_search(kitsu: Kitsu) -> None:
    result = kitsu("operations", "task-types")
    assert result.exit_code == 0, result.output
    assert any(
        line.split() == ["GET", "/data/projects/{project_id}/task-types", "get_data_projects_project_id_task_types"]
        for line in result.stdout.splitlines()
    )
    every = kitsu.json("operations")
    assert len(every) == len(OPERATIONS) == 805
    assert {op["operation_id"] for op in every} == set(OPERATIONS)
    deletes = kitsu.json("operations", "-m", "delete", "*/shots/*")
    assert deletes
    assert all(op["method"] == "DELETE" and "/shots/" in op["path"] for op in deletes)
    assert "delete_data_shots_shot_id" in [op["operation_id"] for op in deletes]
    assert kitsu("operations", "no-such-route-anywhere").stdout.strip() == "No results."


# --- events --------------------------------------------------------------------------------------


def keep_touching(client: KitsuClient, project_ids: list[str], stop: threading.Event) -> threading.Thread:
    """Update each project's description every 0.3 s (each a project:update event) until stop."""

    def work() -> None:
        n = 0
        while not stop.wait(0.3):
            n += 1
            for project_id in project_ids:
                client.call("put_data_projects_instance_id", json={"description": f"tick {n}"}, instance_id=project_id)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def test_events_tail_prints_live_events(
    kitsu: Kitsu, prod: dict[str, Any], admin_client: KitsuClient, new_project: Callable[..., dict[str, Any]]
) -> None:
    stop = threading.Event()
    other = new_project()  # its updates alternate with ours: --project must leave them out
    thread = keep_touching(admin_client, [prod["project"]["id"], other["id"]], stop)
    try:
        pname = prod["project"]["name"]
        as_json = kitsu(
            "events", "tail", "--type", "project:update", "-p", pname, "-n", "2", "--timeout", "30", "--json"
        )
        as_lines = kitsu(
            "events", "tail", "-t", "project:update", "-t", "asset:new", "-p", pname, "-n", "1", "--timeout", "30"
        )
    finally:
        stop.set()
        thread.join()
    assert as_json.exit_code == 0, as_json.output
    lines = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert len(lines) == 2
    assert all(e["event"] == "project:update" and e["data"]["project_id"] == prod["project"]["id"] for e in lines)
    assert "Listening to" in as_json.stderr
    assert "project:update" in as_json.stderr
    assert as_lines.exit_code == 0, as_lines.output
    moment, name, data = as_lines.stdout.strip().split("  ", 2)
    assert name == "project:update"
    assert json.loads(data)["project_id"] == prod["project"]["id"]
    assert moment[:2] == "20"
    assert "T" in moment


def test_events_tail_ctrl_c_exits_130_cleanly(kitsu: Kitsu) -> None:
    timer = threading.Timer(2.5, _thread.interrupt_main)
    timer.start()
    try:
        started = time.monotonic()
        result = kitsu("events", "tail", "--timeout", "30")
    finally:
        timer.cancel()
    assert result.exit_code == 130, result.output
    assert time.monotonic() - started < 10


def test_events_tail_timeout_before_count_exit_1(kitsu: Kitsu) -> None:
    result = kitsu("events", "tail", "-t", "no-such:event", "-n", "1", "--timeout", "0.5")
    assert result.exit_code == 1
    assert "timed out after 0.5 s with 0 of 1 event(s)" in result.stderr


def test_events_tail_unreachable_event_host_exit_4(kitsu: Kitsu) -> None:
    result = kitsu("events", "tail", "--timeout", "5", KITSU_EVENT_HOST="http://127.0.0.1:1")
    assert result.exit_code == 4
    assert "cannot connect to the event stream at http://127.0.0.1:1" in result.stderr


# --- publish and download ------------------------------------------------------------------------


def test_publish_with_a_progress_bar(
    kitsu: Kitsu, prod: dict[str, Any], admin_client: KitsuClient, tmp_path: Path
) -> None:
    picture = tmp_path / "render.png"
    picture.write_bytes(png_bytes(64, 48))
    task_id = prod["task"]["id"]
    result = kitsu("publish", task_id, str(picture), "--status", "wfa", "--comment", "first render", "--progress")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Published render.png as revision 1 (comment ")
    assert "100%" in result.stderr
    assert "render.png" in result.stderr
    last = gazu.task.get_last_comment_for_task(task_id, client=admin_client)
    assert last["text"] == "first render"
    assert last["previews"]
    assert gazu.task.get_task(task_id, client=admin_client)["task_status"]["short_name"] == "wfa"
    no_wait = kitsu("publish", task_id, str(picture), "-m", "second", "--no-wait", "--progress", "--json")
    assert no_wait.exit_code == 0, no_wait.output
    assert "100%" in no_wait.stderr  # publish_preview's progress= keyword, as with --wait
    second = json.loads(no_wait.stdout)
    assert second["preview_file"]["revision"] == 2
    assert second["comment"]["text"] == "second"
    assert second["comment"]["task_status_id"] == last["task_status_id"]  # no --status: the status is kept
    assert kitsu("publish", task_id, str(tmp_path / "missing.png")).exit_code == 2
    assert kitsu("publish", task_id, str(picture), "-s", "nope").exit_code == 5
    prod["preview_file"] = second["preview_file"]
    prod["picture"] = picture.read_bytes()


def test_download_preview_and_working_file(kitsu: Kitsu, prod: dict[str, Any], tmp_path: Path) -> None:
    if "preview_file" not in prod:
        pytest.fail("test_publish_with_a_progress_bar must run first (it publishes the preview)")
    preview = prod["preview_file"]
    target = tmp_path / "out.png"
    result = kitsu("download", "preview", preview["id"], str(target), "--no-progress")
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert result.stdout.strip() == f"Saved {target} ({target.stat().st_size} bytes)"
    folder = tmp_path / "folder"
    folder.mkdir()
    saved = kitsu.json("download", "working-file", prod["working_file"]["id"], str(folder), "--progress")
    assert Path(saved["path"]).parent == folder
    assert Path(saved["path"]).name.endswith("_sh010_animation_main_v001")
    assert Path(saved["path"]).read_bytes() == prod["content"]
    assert saved["bytes"] == len(prod["content"])
    again = tmp_path / "again.ma"
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, "tqdm", None)  # tqdm not installed: the download works, without a bar
        plain = kitsu("download", "working-file", prod["working_file"]["id"], str(again), "--progress")
    assert plain.exit_code == 0
    assert again.read_bytes() == prod["content"]
    assert "tqdm is not installed" in plain.stderr
    missing = kitsu("download", "working-file", str(uuid.uuid4()), str(folder))
    assert missing.exit_code == 5
    assert "no working file with id" in missing.stderr
    assert kitsu("download", "thumbnail", preview["id"], str(folder)).exit_code == 2


# --- packaging: the lazy package import, the installed script --------------------------------------


def test_import_kitsu_helpers_does_not_load_the_cli() -> None:
    # (httpx itself imports click when click is installed, for its own optional CLI: only our package is checked
    # once a helper module is loaded)
    code = (
        "import sys, kitsu_helpers; print('click' in sys.modules, 'kitsu_helpers.cli' in sys.modules);"
        "kitsu_helpers.project; kitsu_helpers.task; print('kitsu_helpers.cli' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False", "False"]


def test_installed_script_login_projects_logout(zou: dict[str, Any], prod: dict[str, Any], tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("kitsu")
    assert script.exists(), "the `kitsu` console script is not installed (pip install -e '.[cli]')"
    config = tmp_path / "config"
    env = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
    env.update(KITSU_CONFIG_DIR=str(config), KITSU_HOST=zou["url"], KITSU_PASSWORD=zou["password"])

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(script), *args], env=env, capture_output=True, text=True, timeout=60, check=False)

    login = run("login", "--email", zou["email"])
    assert login.returncode == 0, login.stderr
    session_file = config / "session.json"
    assert stat.S_IMODE(session_file.stat().st_mode) == 0o600
    tokens = [t for t in json.loads(session_file.read_text())["tokens"].values() if t]
    listed = run("projects", "--json")
    assert listed.returncode == 0, listed.stderr
    assert prod["project"]["id"] in [p["id"] for p in json.loads(listed.stdout)]
    logout = run("logout")
    assert logout.returncode == 0
    assert logout.stdout.strip() == "Logged out."
    assert not session_file.exists()
    for proc in (login, listed, logout):
        assert "Traceback" not in proc.stderr
        assert not any(token in proc.stdout + proc.stderr for token in tokens)
