#!/usr/bin/env python3
"""Start, stop and inspect a real nginx on 127.0.0.1 in front of a local Zou, configured as Zou's deployment
guide does (`location /api { proxy_pass http://<zou>/; }` and `location /socket.io { ... }`), idempotently.

Usage: python3 scripts/nginx_front.py {start,stop,status,conf,acquire,release} [--instance NAME]

Studios deploy Zou behind that nginx: it decodes %2F / %2E and resolves dot segments before it forwards a
request, so the client's path building is only proven safe when requests go through it. The tests start this
front (tests/conftest.py) and read its access log, one JSON object per request, with:
  uri          $uri, the decoded and normalised path nginx routes on (what Zou receives, see upstream_path())
  request_uri  $request_uri, the request target exactly as the client sent it
  upstream     $upstream_addr ("" when nginx answered itself and nothing reached Zou)
  status, method, ua ($http_user_agent: a test session marks its own requests with it)

Everything lives under <instance folder>/nginx (see scripts/zou_server.py; KITSU_NGINX_DIR overrides): conf,
pid, logs, temp folders. The port is KITSU_NGINX_PORT (default: the instance's API port + 80, 5680 for main);
KITSU_NGINX_UPSTREAM / KITSU_NGINX_EVENTS_UPSTREAM (host:port) put it in front of another Zou.
nginx comes from Debian's `nginx` package: as root with apt-get it is installed when missing (without starting
the system service); without root the package is fetched with `apt-get download` and unpacked under
$KITSU_ZOU_HOME; when neither works, `start` fails loudly (it never degrades to "no proxy").

Only the standard library is used, so it runs with any python3 >= 3.9.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import zou_server

LOCATION_PREFIX = "/api"  # Zou's guide: location /api { proxy_pass http://zou/; }


def log(msg: str) -> None:
    print(f"[nginx-front] {msg}", file=sys.stderr, flush=True)


# --- the nginx binary ------------------------------------------------------------------------------


def local_package_dir() -> Path:
    return zou_server.home() / "nginx-deb"


def nginx_binary() -> str | None:
    """Return the nginx executable to use: KITSU_NGINX_BIN, the system one, or one unpacked by install()."""
    explicit = os.environ.get("KITSU_NGINX_BIN")
    if explicit:
        return explicit
    found = shutil.which("nginx") or (os.path.exists("/usr/sbin/nginx") and "/usr/sbin/nginx") or None
    if found:
        return found
    unpacked = local_package_dir() / "usr" / "sbin" / "nginx"
    return str(unpacked) if unpacked.exists() else None


def install() -> str:
    """Make sure Debian's nginx is available and return its path; raise SystemExit (loudly) when it cannot be."""
    binary = nginx_binary()
    if binary:
        return binary
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if not shutil.which("apt-get"):
        raise SystemExit(
            "nginx is not installed and apt-get is missing: install nginx (Debian package `nginx`) or set "
            "KITSU_NGINX_BIN to an nginx executable. The nginx-front tests need a real nginx."
        )
    if os.geteuid() == 0:
        log("installing the Debian package nginx (missing)")
        _install_as_root(env)
    else:
        log(f"nginx missing and not root: unpacking Debian's nginx package into {local_package_dir()}")
        _unpack_without_root(env)
    binary = nginx_binary()
    if not binary:
        raise SystemExit("installing nginx did not provide an nginx executable")
    return binary


def _install_as_root(env: dict[str, str]) -> None:
    """apt-get install nginx, without letting the package start the system service (it would listen on :80 on
    every interface): a temporary policy-rc.d answers 101 ("action forbidden") when none exists."""
    policy = Path("/usr/sbin/policy-rc.d")
    ours = not policy.exists()
    if ours:
        policy.write_text(
            "#!/bin/sh\n# written by kitsu-client scripts/nginx_front.py during apt-get install\nexit 101\n"
        )
        policy.chmod(0o755)
    try:
        cmd = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "nginx"]
        if subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=False).returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
    finally:
        if ours:
            policy.unlink(missing_ok=True)


def _unpack_without_root(env: dict[str, str]) -> None:
    """Fetch the nginx .deb with `apt-get download` (no root needed) and unpack it (no maintainer scripts run).
    Its libraries (libssl, libpcre2, zlib) are part of a base Debian system."""
    work = zou_server.home() / "nginx-deb-download"
    work.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["apt-get", "download", "-qq", "nginx"], cwd=work, env=env, check=False)
    debs = sorted(work.glob("nginx_*.deb"))
    if result.returncode != 0 or not debs:
        raise SystemExit(
            "nginx is not installed, this user is not root and `apt-get download nginx` failed: install the Debian "
            "package nginx (or set KITSU_NGINX_BIN). The nginx-front tests need a real nginx; they do not skip."
        )
    subprocess.run(["dpkg-deb", "-x", str(debs[-1]), str(local_package_dir())], check=True)


# --- one front per Zou instance ---------------------------------------------------------------------


class Front:
    """The nginx in front of one Zou instance: its folder, port, configuration and process."""

    def __init__(
        self,
        instance: str = "main",
        *,
        folder: Path | None = None,
        port: int | None = None,
        api_upstream: str | None = None,
        events_upstream: str | None = None,
    ) -> None:
        """The front of a Zou instance; the keywords override its folder, port and upstreams (tests use them to
        put the same configuration in front of a recording server)."""
        self.instance = zou_server.Instance(instance)
        self.dir = Path(folder or os.environ.get("KITSU_NGINX_DIR") or self.instance.path("nginx")).resolve()
        self.port = port or int(os.environ.get("KITSU_NGINX_PORT", self.instance.api_port + 80))
        self.api_upstream = (
            api_upstream or os.environ.get("KITSU_NGINX_UPSTREAM") or f"127.0.0.1:{self.instance.api_port}"
        )
        self.events_upstream = (
            events_upstream or os.environ.get("KITSU_NGINX_EVENTS_UPSTREAM") or f"127.0.0.1:{self.instance.events_port}"
        )

    # -- paths
    @property
    def conf_path(self) -> Path:
        return self.dir / "nginx.conf"

    @property
    def pid_path(self) -> Path:
        return self.dir / "nginx.pid"

    @property
    def access_log(self) -> Path:
        return self.dir / "logs" / "access.log"

    @property
    def error_log(self) -> Path:
        return self.dir / "logs" / "error.log"

    @property
    def url(self) -> str:
        """The API root through the front, as a studio's users see it."""
        return f"http://127.0.0.1:{self.port}{LOCATION_PREFIX}"

    @property
    def events_url(self) -> str:
        """The event-stream host through the front (socket.io is served at /socket.io)."""
        return f"http://127.0.0.1:{self.port}"

    # -- configuration
    def conf(self) -> str:
        d = self.dir
        return f"""# Written by scripts/nginx_front.py: Zou's deployment-guide nginx site, bound to 127.0.0.1 only.
daemon on;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/logs/error.log warn;

events {{
    worker_connections 512;
}}

http {{
    client_body_temp_path {d}/tmp/client_body;
    proxy_temp_path {d}/tmp/proxy;
    fastcgi_temp_path {d}/tmp/fastcgi;
    uwsgi_temp_path {d}/tmp/uwsgi;
    scgi_temp_path {d}/tmp/scgi;
    types {{ application/json json; }}
    default_type application/octet-stream;

    # One JSON object per request. uri is the decoded, normalised path nginx routes on (and forwards, with
    # the /api prefix replaced by /); request_uri is the request target as the client sent it.
    log_format kitsu_route escape=json '{{"time":"$time_iso8601","method":"$request_method",'
        '"uri":"$uri","request_uri":"$request_uri","status":"$status",'
        '"upstream":"$upstream_addr","ua":"$http_user_agent"}}';
    access_log {d}/logs/access.log kitsu_route;

    server {{
        listen 127.0.0.1:{self.port};
        server_name 127.0.0.1 localhost;
        root {d}/html;

        # --- as in Zou's deployment guide (upstreams: this Zou instance's API and event stream) ---
        location /api {{
            proxy_pass http://{self.api_upstream}/;
            client_max_body_size 500M;
            proxy_connect_timeout 600s;
            proxy_send_timeout 600s;
            proxy_read_timeout 600s;
            send_timeout 600s;
        }}

        location /socket.io {{
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "Upgrade";
            proxy_pass http://{self.events_upstream};
        }}
    }}
}}
"""

    def write_conf(self) -> None:
        for sub in ("logs", "tmp", "html", "users"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        text = self.conf()
        if not self.conf_path.exists() or self.conf_path.read_text() != text:
            self.conf_path.write_text(text)

    def nginx(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [install(), "-p", str(self.dir), "-e", str(self.error_log), "-c", str(self.conf_path), *args]
        return subprocess.run(cmd, check=check, capture_output=True, text=True)

    # -- lifecycle
    def pid(self) -> int | None:
        return zou_server.pid_alive(self.pid_path)

    def healthy(self) -> bool:
        """True when GET <front>/api/ answers Zou's root document through this front."""
        try:
            with urllib.request.urlopen(self.url + "/", timeout=5) as resp:
                return json.load(resp).get("api") == "Zou"
        except (OSError, ValueError, urllib.error.URLError):
            return False

    def listening(self) -> bool:
        return self.pid() is not None and not zou_server.port_free(self.port)

    def start(self, check: Callable[[], bool] | None = None) -> None:
        """Start the front (idempotent); reload it when its configuration changed. check (default: Zou answers
        through the front) decides when it is ready."""
        check = check or self.healthy
        self.write_conf()
        loaded = self.dir / ".conf-loaded"
        pid = self.pid()
        if pid:
            if loaded.exists() and loaded.stat().st_mtime >= self.conf_path.stat().st_mtime and check():
                log(f"already running at {self.url} (pid {pid})")
                return
            self.nginx("-t")
            self.nginx("-s", "reload")
        else:
            if not zou_server.port_free(self.port):
                raise SystemExit(
                    f"port {self.port} is taken by another process (not the nginx front of {self.dir}): "
                    "set KITSU_NGINX_PORT to a free port"
                )
            self.nginx("-t")
            self.nginx()
        loaded.write_text(str(time.time()))
        zou_server.wait_for(check, 30, f"nginx front at {self.url}")
        log(f"running at {self.url} -> Zou {self.instance.url} (pid {self.pid()}, log {self.access_log})")

    def stop(self) -> None:
        pid = self.pid()
        if pid:
            os.kill(pid, signal.SIGQUIT)  # graceful shutdown
            deadline = time.time() + 15
            while time.time() < deadline and zou_server.pid_alive(self.pid_path):
                time.sleep(0.1)
            if zou_server.pid_alive(self.pid_path):
                os.kill(pid, signal.SIGTERM)
        self.pid_path.unlink(missing_ok=True)
        log(f"stopped ({self.dir})")

    # -- sharing between test sessions: the last session that leaves stops the front it did not find running
    def acquire(self, owner: int) -> bool:
        """Register a user (a process id); start the front; return True when this call started it."""
        self.write_conf()
        started = self.pid() is None
        if started:
            (self.dir / ".started-by-session").write_text(str(owner))
        self.start()
        (self.dir / "users" / str(owner)).write_text("1")
        return started

    def release(self, owner: int) -> None:
        """Forget a user; stop the front when a session started it and no live user remains."""
        users = self.dir / "users"
        (users / str(owner)).unlink(missing_ok=True)
        alive = [p for p in users.iterdir() if p.name.isdigit() and _process_alive(int(p.name))]
        marker = self.dir / ".started-by-session"
        if marker.exists() and not alive:
            self.stop()
            marker.unlink(missing_ok=True)

    def status(self) -> dict:
        return {
            "instance": self.instance.name,
            "url": self.url,
            "events_url": self.events_url,
            "port": self.port,
            "pid": self.pid(),
            "healthy": self.healthy(),
            "dir": str(self.dir),
            "conf": str(self.conf_path),
            "access_log": str(self.access_log),
            "api_upstream": self.api_upstream,
            "events_upstream": self.events_upstream,
        }


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


def upstream_path(uri: str) -> str:
    """Return the path nginx sends to Zou for a logged $uri, following nginx's documented proxy_pass rule: with a
    URI in proxy_pass ("/"), the part of the normalised path that matched the location prefix ("/api") is
    replaced by that URI, and the result is escaped again (space, %, ?, #, controls and non-ASCII)."""
    if not uri.startswith(LOCATION_PREFIX):
        return ""
    rest = uri[len(LOCATION_PREFIX) :]
    return "/" + quote(rest, safe="/:@!$&'()*+,;=-._~")


def read_access_log(path: Path, offset: int = 0) -> tuple[list[dict], int]:
    """Return the access-log entries written after byte offset, and the new offset."""
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            data = f.read()
    except FileNotFoundError:
        return [], offset
    end = data.rfind(b"\n") + 1
    entries = [json.loads(line) for line in data[:end].splitlines() if line.strip()]
    return entries, offset + end


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("command", choices=["start", "stop", "status", "conf", "acquire", "release", "install"])
    parser.add_argument("--instance", default=os.environ.get("ZOU_INSTANCE", "main"))
    parser.add_argument("--owner", type=int, default=os.getppid(), help="acquire/release: the user's process id")
    args = parser.parse_args(argv)
    if args.command == "install":
        print(install())
        return 0
    front = Front(args.instance)
    if args.command == "start":
        front.start()
    elif args.command == "stop":
        front.stop()
    elif args.command == "acquire":
        print(json.dumps({**front.status(), "started": front.acquire(args.owner)}, indent=2))
    elif args.command == "release":
        front.release(args.owner)
    elif args.command == "conf":
        print(front.conf(), end="")
    elif args.command == "status":
        print(json.dumps(front.status(), indent=2))
        return 0 if front.healthy() else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
