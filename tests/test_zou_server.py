"""scripts/zou_server.py: an instance is identified by its home, never adopts or touches another home's Zou.

The first tests run the script as a user would, beside the suite's live instance (started from the suite's own
home), with a second, empty home; the others check its pure parts on their inputs.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "zou_server.py"
sys.path.insert(0, str(REPO / "scripts"))
import zou_server  # noqa: E402


def run_script(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "KITSU_ZOU_HOME": str(home), **env}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], env=full, capture_output=True, text=True, timeout=120, check=False
    )


def test_another_home_does_not_adopt_the_live_instance_on_its_port(direct_zou: dict[str, Any], tmp_path: Path) -> None:
    port = direct_zou["url"].rsplit(":", 1)[1]
    other = run_script(tmp_path / "other-home", "status", "--instance", "main", ZOU_API_PORT=port)
    assert other.returncode == 1, other.stdout + other.stderr
    assert json.loads(other.stdout)["healthy"] is False


def test_start_refuses_a_port_held_by_another_process_before_installing_anything(tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        home = tmp_path / "home"
        result = run_script(home, "start", "--instance", "iso", ZOU_API_PORT=str(port))
    assert result.returncode != 0
    assert f"API port {port}" in result.stderr, result.stderr
    assert "another" in result.stderr, result.stderr
    assert not list(home.glob("venv-*")), "nothing is installed for an instance that cannot start"


def test_database_names_differ_between_homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = []
    for sub in ("a", "b"):
        monkeypatch.setenv("KITSU_ZOU_HOME", str(tmp_path / sub))
        names.append(zou_server.Instance("main").db)
    assert names[0] != names[1]
    assert all(n.startswith("zou_main_") for n in names)


def test_the_registry_keeps_postgres_for_a_live_instance_of_another_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KITSU_ZOU_REGISTRY", str(tmp_path / "registry"))
    backend = zou_server.DebianBackend()
    users = backend.owner_dir()
    users.mkdir(parents=True)
    live_pid = tmp_path / "live-api.pid"
    live_pid.write_text(str(os.getpid()))
    dead_pid = tmp_path / "dead-api.pid"
    dead_pid.write_text("999999999")
    (users / "otherhome-main").write_text(str(live_pid))
    (users / "gonehome-main").write_text(str(dead_pid))
    assert [p.name for p in backend.users()] == ["otherhome-main"]
    assert not (users / "gonehome-main").exists(), "an entry whose instance died is dropped"


def fake_gunicorn(venv: Path, help_text: str) -> None:
    exe = venv / "bin" / "gunicorn"
    exe.parent.mkdir(parents=True)
    exe.write_text(f"#!/bin/sh\ncat <<'EOF'\n{help_text}\nEOF\n")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)


@pytest.mark.parametrize(("help_text", "flags"), [("--no-control-socket  Disable", ["--no-control-socket"]), ("", [])])
def test_control_socket_flag_only_where_gunicorn_knows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, help_text: str, flags: list[str]
) -> None:
    monkeypatch.setenv("KITSU_ZOU_HOME", str(tmp_path))
    inst = zou_server.Instance("iso")
    fake_gunicorn(inst.venv, f"usage: gunicorn [OPTIONS]\n  --daemon\n  {help_text}")
    assert inst.gunicorn_flags() == flags


@pytest.mark.parametrize(
    ("spec", "version", "ok"),
    [
        ("<3.14,>=3.9", "3.11", True),
        ("<3.14,>=3.10", "3.9", False),
        (">=3.9, <3.13", "3.13", False),
        ("", "3.11", True),
        ("!=3.12.*", "3.12", False),
        ("==3.11.*", "3.11", True),
    ],
)
def test_requires_python_specifiers(spec: str, version: str, ok: bool) -> None:
    assert zou_server.accepts(spec, version) is ok


def test_zou_python_is_chosen_and_recorded_not_whatever_runs_the_script(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZOU_PYTHON", "/opt/some/python3.11")
    assert zou_server.zou_python("1.0.97") == "/opt/some/python3.11"
    monkeypatch.delenv("ZOU_PYTHON")
    monkeypatch.setattr(zou_server, "requires_python", lambda version: "<3.14,>=3.12")
    monkeypatch.setattr(zou_server, "interpreters", lambda: {"3.11": "/x/python3.11", "3.12": "/x/python3.12"})
    assert zou_server.zou_python("0.0.1") == "/x/python3.12"
    monkeypatch.setattr(zou_server, "interpreters", lambda: {"3.11": "/x/python3.11"})
    with pytest.raises(SystemExit, match="no Python found"):
        zou_server.zou_python("0.0.1")


def test_an_instance_running_another_zou_release_is_not_taken_for_the_one_asked(direct_zou: dict[str, Any]) -> None:
    home = os.environ.get("KITSU_ZOU_HOME", str(REPO / ".zou"))
    port = direct_zou["url"].rsplit(":", 1)[1]
    asked = run_script(Path(home), "status", "--instance", "main", ZOU_API_PORT=port, ZOU_VERSION="1.0.40")
    assert asked.returncode == 1
    assert json.loads(asked.stdout)["healthy"] is False
    same = run_script(Path(home), "status", "--instance", "main", ZOU_API_PORT=port)
    assert same.returncode == 0, same.stdout + same.stderr


def test_the_database_is_recreated_when_the_instance_changes_zou_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KITSU_ZOU_HOME", str(tmp_path))
    monkeypatch.setenv("ZOU_VERSION", "0.20.80")
    inst = zou_server.Instance("matrix")
    run_dir = inst.path("run")
    run_dir.mkdir(parents=True)
    (run_dir / "db-ready").write_text(f"{inst.db} 0.19.70")  # the schema of the release it ran before
    assert not inst.db_ready()
    (run_dir / "db-ready").write_text(f"{inst.db} 0.20.80")
    assert inst.db_ready()
    (run_dir / "db-ready").unlink()
    (run_dir / "db-ready-0.20.80").write_text(inst.db)  # a home made by the earlier marker scheme
    assert inst.db_ready()
    (run_dir / "db-ready-0.19.70").write_text(inst.db)  # two releases in turn: which one holds it is unknown
    assert not inst.db_ready()


def test_default_redis_and_embedded_postgres_ports_stay_out_of_the_kernels_ephemeral_range(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An outgoing connection (gunicorn to PostgreSQL) may take any port of the ephemeral range; a Redis port
    there fails to bind now and then ("Redis not ready after 15 s")."""
    monkeypatch.delenv("ZOU_REDIS_PORT", raising=False)
    low, high = (int(n) for n in Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    ports = {name: zou_server.Instance(name).redis_port for name in [*zou_server.SLOTS, "any", "other-name"]}
    ports["embedded PostgreSQL"] = zou_server.EMBEDDED_PG_PORT
    assert [name for name, port in ports.items() if low <= port <= high] == []
    assert len({zou_server.Instance(name).redis_port for name in zou_server.SLOTS}) == len(zou_server.SLOTS)
