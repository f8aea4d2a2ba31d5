#!/usr/bin/env python3
"""Benchmarks of kitsu_helpers against gazu 1.3.1, in the same run, on the same local Zou (`make bench`).

Each measurement runs in a fresh process (bench/worker.py) with each library's own interpreter, alternating
ours and gazu, several times; the table gives medians and the ratio ours/gazu, with the bare-httpx and
bare-requests floors beside the get_project figures. Results go to bench/results.json and into the README
between the bench markers. Not part of the test suite: speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import kitsu_helpers as gazu  # noqa: E402
from kitsu_helpers.client import KitsuClient  # noqa: E402

OURS_VENV = REPO / "bench" / ".ours-venv"
OURS = str(OURS_VENV / "bin" / "python")
GAZU_VENV = REPO / "bench" / ".gazu-venv"
GAZU = str(GAZU_VENV / "bin" / "python")
WORKER = str(REPO / "bench" / "worker.py")
# The command-line row has venvs of its own: click in a venv makes `import httpx` import it too (httpx's own
# optional CLI), which would slow the library rows down.
OURS_CLI_VENV = REPO / "bench" / ".ours-cli-venv"
GAZU_CLI_VENV = REPO / "bench" / ".gazu-cli-venv"
HOST = os.environ.get("KITSU_BENCH_HOST", "http://127.0.0.1:5600")
EMAIL, PASSWORD = "admin@example.com", "mysecretpassword"
BENCH_PROJECT = os.environ.get("KITSU_BENCH_PROJECT", "kitsu-client bench 10k")
UPLOAD_MIB = int(os.environ.get("KITSU_BENCH_UPLOAD_MIB", "512"))


def ensure_venvs() -> None:
    """Two clean virtualenvs under bench/, installed the way users install: gazu 1.3.1 from PyPI, and this
    project built as a wheel (byte-compiled by pip, runtime dependencies only: the dev tools, rich among them,
    would slow `import httpx` down). The project is reinstalled on every run, so the bench measures the tree."""
    pip = ["-m", "pip", "install", "-q", "--disable-pip-version-check"]
    gazu_spec = "gazu[async]==1.3.1"  # the async extra brings aiohttp, which gazu.aio needs
    ready = GAZU_VENV / ".ready"
    if not ready.exists() or ready.read_text() != gazu_spec:
        subprocess.run([sys.executable, "-m", "venv", str(GAZU_VENV)], check=True)
        subprocess.run([GAZU, *pip, gazu_spec], check=True)
        ready.write_text(gazu_spec)
    if not (OURS_VENV / ".ready").exists():
        subprocess.run([sys.executable, "-m", "venv", str(OURS_VENV)], check=True)
        subprocess.run([OURS, *pip, str(REPO)], check=True)
        (OURS_VENV / ".ready").write_text("kitsu-client")
    subprocess.run([OURS, *pip, str(REPO)], check=True)  # adds any runtime dependency the tree gained
    subprocess.run([OURS, *pip, "--force-reinstall", "--no-deps", str(REPO)], check=True)


def ensure_cli_venvs() -> None:
    """The venvs of the command-line row: gazu[cli]==1.3.1 (gazu-cli) and this project with its `cli` extra."""
    pip = ["-m", "pip", "install", "-q", "--disable-pip-version-check"]
    for venv, spec in ((GAZU_CLI_VENV, "gazu[cli]==1.3.1"), (OURS_CLI_VENV, f"{REPO}[cli]")):
        python = str(venv / "bin" / "python")
        if not (venv / ".ready").exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run([python, *pip, spec], check=True)
            (venv / ".ready").write_text(spec)
    ours = str(OURS_CLI_VENV / "bin" / "python")
    subprocess.run([ours, *pip, "--force-reinstall", "--no-deps", str(REPO)], check=True)


def cli_projects(reps: int) -> dict[str, Any]:
    """Process wall time of a cold `kitsu projects` and `gazu-cli projects` (both logged in), alternating.

    Both sessions are stored beforehand: ours by `kitsu login`; gazu-cli's config file (~/.gazu/config.json
    under a scratch HOME) is written directly, because `gazu-cli login` always appends /api to the host and
    the local Zou serves its API at the root."""
    ensure_cli_venvs()
    with tempfile.TemporaryDirectory() as tmp:
        base = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        for name in ("KITSU_HOST", "KITSU_PROJECT", "GAZU_PROJECT"):
            base.pop(name, None)
        envs = {
            "ours": {**base, "KITSU_CONFIG_DIR": f"{tmp}/ours", "KITSU_PASSWORD": PASSWORD},
            "gazu": {**base, "HOME": f"{tmp}/gazu-home"},
        }
        scripts = {"ours": str(OURS_CLI_VENV / "bin" / "kitsu"), "gazu": str(GAZU_CLI_VENV / "bin" / "gazu-cli")}
        login = [scripts["ours"], "login", "--host", HOST, "--email", EMAIL]
        subprocess.run(login, env=envs["ours"], check=True, capture_output=True)
        client = KitsuClient(HOST)
        tokens = gazu.log_in(EMAIL, PASSWORD, client=client)
        gazu_config = Path(tmp) / "gazu-home" / ".gazu" / "config.json"
        gazu_config.parent.mkdir(parents=True)
        gazu_config.write_text(
            json.dumps({"host": HOST, "tokens": {k: tokens[k] for k in ("access_token", "refresh_token")}})
        )
        gazu_config.chmod(0o600)
        walls: dict[str, list[float]] = {"ours": [], "gazu": []}
        listed: dict[str, int] = {}
        for rep in range(reps):
            for lib in ("ours", "gazu") if rep % 2 == 0 else ("gazu", "ours"):
                start = time.perf_counter()
                out = subprocess.run(
                    [scripts[lib], "projects"], env=envs[lib], check=True, capture_output=True, text=True
                )
                walls[lib].append(time.perf_counter() - start)
                lines = out.stdout.splitlines()
                if not lines or not (lines[0].startswith("NAME") or lines[0] == "No results."):
                    raise RuntimeError(f"{scripts[lib]} projects printed no project table: {out.stdout[:200]!r}")
                listed[lib] = max(0, len(lines) - 2)  # other sessions may create projects meanwhile: not compared
    return {**{lib: statistics.median(w) for lib, w in walls.items()}, "reps": reps, "projects": listed}


def worker(lib: str, measure: str, **options: Any) -> dict[str, Any]:
    args = [OURS if lib == "ours" else GAZU, WORKER, measure, "--lib", lib, "--host", HOST]
    for key, value in options.items():
        args += [f"--{key.replace('_', '-')}" if len(key) > 1 else f"-{key}", str(value)]
    out = subprocess.run(
        args, check=True, capture_output=True, text=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    )
    return json.loads(out.stdout)


def floor(kind: str, **options: Any) -> dict[str, Any]:
    python = OURS if kind.startswith("httpx") else GAZU
    args = [python, WORKER, f"floor_{kind}", "--lib", "ours", "--host", HOST]
    for key, value in options.items():
        args += [f"--{key.replace('_', '-')}" if len(key) > 1 else f"-{key}", str(value)]
    return json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


def process_seconds(python: str, code: str) -> float:
    """Wall time of one fresh `python -c code` process."""
    start = time.perf_counter()
    subprocess.run([python, "-c", code], check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    return time.perf_counter() - start


def fresh_import(reps: int) -> dict[str, float]:
    """Import as a user meets it: `python -c "import <lib>"` minus `python -c pass`, medians of alternating runs,
    each library in its own venv (typing and friends not loaded beforehand, unlike an in-process measure)."""
    runs: dict[str, dict[str, list[float]]] = {lib: {"import": [], "pass": []} for lib in ("ours", "gazu")}
    for rep in range(reps):
        for lib in ("ours", "gazu") if rep % 2 == 0 else ("gazu", "ours"):
            python = OURS if lib == "ours" else GAZU
            runs[lib]["pass"].append(process_seconds(python, "pass"))
            runs[lib]["import"].append(
                process_seconds(python, "import " + ("kitsu_helpers" if lib == "ours" else "gazu"))
            )
    return {lib: statistics.median(r["import"]) - statistics.median(r["pass"]) for lib, r in runs.items()}


def alternate(measure: str, reps: int, **options: Any) -> dict[str, list[dict[str, Any]]]:
    runs: dict[str, list[dict[str, Any]]] = {"ours": [], "gazu": []}
    for rep in range(reps):
        order = ("ours", "gazu") if rep % 2 == 0 else ("gazu", "ours")
        for lib in order:
            runs[lib].append(worker(lib, measure, **options))
    return runs


def median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


SEED_SHOTS = [f"SH{i:04d}" for i in range(1000)]
SEED_TASK_TYPES = [f"bench-type-{i}" for i in range(10)]
SEED_IN_FLIGHT = 4  # create-tasks requests at once: the local Zou has 2 workers on 2 shared cores
SEED_CHUNK = 50  # shots per create-tasks request: short requests, each one cheap to lose


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def seed(client: KitsuClient) -> dict[str, Any]:
    """The bench project: 1,000 shots x 10 task types = 10,000 tasks, and a working file, made once per server.

    A project already complete on this server (its sequence SQ-SEED holds the 1,000 shots, each with its 10
    tasks) is reused as it is; otherwise only what is missing is created, SEED_IN_FLIGHT requests at a time
    (Zou's create-tasks skips the tasks that exist, so an interrupted seed resumes). The task types are the
    bench's own, by name, so that task types other sessions create never change the project's task count."""
    started = time.perf_counter()
    project = gazu.project.get_project_by_name(BENCH_PROJECT, client=client)
    if project is None:
        project = gazu.project.new_project(BENCH_PROJECT, "tvshow", client=client)
    tree = {"working": {"mountpoint": "/w", "root": "r", "folder_path": {"shot": "<Project>/<Shot>", "style": "lowercase"},
                        "file_name": {"shot": "<Shot>_<TaskType>", "style": "lowercase"}}}  # fmt: skip
    if project.get("file_tree") != tree:
        client.call("put_data_projects_instance_id", instance_id=project["id"], json={"file_tree": tree})
    sequence = gazu.shot.new_sequence(project, "SQ-SEED", client=client)
    shots = gazu.shot.all_shots_for_sequence(sequence, client=client)
    missing = sorted(set(SEED_SHOTS) - {s["name"] for s in shots})
    if missing:
        clock = time.perf_counter()
        gazu.shot.new_shots(project, sequence, missing, max_workers=SEED_IN_FLIGHT, client=client)
        log(f"seed: {len(missing)} shots created in {time.perf_counter() - clock:.1f} s")
        shots = gazu.shot.all_shots_for_sequence(sequence, client=client)
    shot_ids = sorted(s["id"] for s in shots if s["name"] in SEED_SHOTS)
    task_types = [gazu.task.new_task_type(name, for_entity="Shot", client=client) for name in SEED_TASK_TYPES]
    todo = seed_tasks_missing(project, shot_ids, task_types, client)
    if todo:
        clock = time.perf_counter()
        total = sum(len(chunk) for _, chunk in todo)

        def create(job: tuple[str, list[str]]) -> int:
            task_type_id, chunk = job
            created = client.call(
                "post_actions_projects_project_id_task_types_task_type_id_shots_create_tasks",
                project_id=project["id"], task_type_id=task_type_id, json=chunk,
            )  # fmt: skip
            return len(created)

        with ThreadPoolExecutor(max_workers=SEED_IN_FLIGHT) as pool:
            created = sum(pool.map(create, todo))
        log(f"seed: {created} of {total} missing tasks created in {time.perf_counter() - clock:.1f} s")
        left = seed_tasks_missing(project, shot_ids, task_types, client)
        if left:
            raise RuntimeError(f"the bench project still misses {sum(len(c) for _, c in left)} tasks after seeding")
    first = next(
        t for t in gazu.task.all_tasks_for_shot(shot_ids[0], client=client) if t["task_type_id"] == task_types[0]["id"]
    )
    working_files = [w for w in gazu.files.get_working_files_for_task(first, client=client) if w["name"] == "bench"]
    if working_files:  # the upload row writes over this file: one file on the server, not one a run
        working_file = min(working_files, key=lambda w: w["revision"])
    else:
        working_file = client.call(
            "post_data_tasks_task_id_working_files_new", task_id=first["id"], json={"name": "bench"}
        )
    seconds = time.perf_counter() - started
    counts = f"{len(shot_ids)} shots, {len(shot_ids) * len(task_types)} tasks"
    log(f"seed: project {BENCH_PROJECT!r} ready ({counts}) in {seconds:.1f} s")
    return {"project_id": project["id"], "working_file_id": working_file["id"], "seconds": seconds}


def seed_tasks_missing(
    project: dict[str, Any], shot_ids: list[str], task_types: list[dict[str, Any]], client: KitsuClient
) -> list[tuple[str, list[str]]]:
    """The create-tasks requests still to make: (task type id, up to SEED_CHUNK shot ids without that task)."""
    have = {(t["entity_id"], t["task_type_id"]) for t in gazu.task.all_tasks_for_project(project, client=client)}
    todo = []
    for task_type in task_types:
        without = [shot_id for shot_id in shot_ids if (shot_id, task_type["id"]) not in have]
        todo += [(task_type["id"], without[i : i + SEED_CHUNK]) for i in range(0, len(without), SEED_CHUNK)]
    return todo


def big_file(folder: Path) -> Path:
    path = folder / "upload.bin"
    block = os.urandom(1024 * 1024)
    with path.open("wb") as out:
        for _ in range(UPLOAD_MIB):
            out.write(block)
    return path


def row_import(ids: dict[str, Any]) -> Any:
    return fresh_import(21)


def row_first_call(ids: dict[str, Any]) -> Any:
    runs = alternate("first_call", 7)
    return {lib: median(r, "seconds") for lib, r in runs.items()}


def row_cli_projects(ids: dict[str, Any]) -> Any:
    return cli_projects(9)


def row_get_project(ids: dict[str, Any]) -> Any:
    runs = alternate("get_project", 5, project_id=ids["project_id"], n=1000)
    result = {
        **{f"{lib}_cpu": median(r, "cpu") for lib, r in runs.items()},
        **{f"{lib}_wall": median(r, "seconds") for lib, r in runs.items()},
    }
    for kind in ("httpx", "requests"):
        floors = [floor(kind, project_id=ids["project_id"], n=1000) for _ in range(5)]
        result[f"{kind}_cpu"] = median(floors, "cpu")
        result[f"{kind}_wall"] = median(floors, "seconds")
    return result


def row_aio_get_project(ids: dict[str, Any]) -> Any:
    runs = alternate("aio_get_project", 5, project_id=ids["project_id"], n=1000, in_flight=16)
    result = {
        **{f"{lib}_per_second": median(r, "per_second") for lib, r in runs.items()},
        **{f"{lib}_cpu": median(r, "cpu") for lib, r in runs.items()},
    }
    floors = [floor("httpx_async", project_id=ids["project_id"], n=1000, in_flight=16) for _ in range(5)]
    result["httpx_per_second"] = median(floors, "per_second")
    result["httpx_cpu"] = median(floors, "cpu")
    return result


def row_all_tasks(ids: dict[str, Any]) -> Any:
    runs = alternate("all_tasks", 5, project_id=ids["project_id"])
    return {
        **{f"{lib}_wall": median(r, "seconds") for lib, r in runs.items()},
        **{f"{lib}_rss": median(r, "peak_rss_growth_mib") for lib, r in runs.items()},
        "count": runs["ours"][0]["count"],
    }


def row_upload(ids: dict[str, Any]) -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        path = big_file(Path(tmp))
        runs = alternate("upload", 1, working_file_id=ids["working_file_id"], file=path)
    result: dict[str, Any] = {f"{lib}_rss": r[0]["peak_rss_growth_mib"] for lib, r in runs.items()}
    result.update({f"{lib}_wall": r[0]["seconds"] for lib, r in runs.items()}, mib=UPLOAD_MIB)
    return result


def row_cache_hit(ids: dict[str, Any]) -> Any:
    runs = alternate("cache_hit", 3, project_id=ids["project_id"], n=100000)
    result: dict[str, Any] = {lib: median(r, "seconds_per_hit") for lib, r in runs.items()}
    result.update({f"{lib}_corruptible": r[0]["caller_can_corrupt"] for lib, r in runs.items()})
    return result


def row_cache_threads(ids: dict[str, Any]) -> Any:
    runs = alternate("cache_threads", 1, n=50000)
    return {lib: r[0] for lib, r in runs.items()}


def row_new_shots(ids: dict[str, Any]) -> Any:
    runs = alternate("new_shots", 1, project_id=ids["project_id"], n=1000)
    return {lib: r[0]["seconds"] for lib, r in runs.items()}


ROWS = {name[4:]: fn for name, fn in globals().items() if name.startswith("row_")}


def main(only: str | None = None) -> int:
    """The whole bench (results.json and the README table), or with `only` one row, printed, nothing written."""
    started = time.perf_counter()
    ensure_venvs()
    client = KitsuClient(HOST)
    gazu.log_in(EMAIL, PASSWORD, client=client)
    ids = seed(client)
    if only is not None:
        print(json.dumps(ROWS[only](ids), indent=1))
        return 0
    results: dict[str, Any] = {"zou": gazu.client.get_api_version(client=client), "host": HOST}
    results["seed_seconds"] = ids["seconds"]
    for name, row in ROWS.items():
        clock = time.perf_counter()
        results[name] = row(ids)
        log(f"{name}: {time.perf_counter() - clock:.0f} s")
    results["total_seconds"] = time.perf_counter() - started

    (REPO / "bench" / "results.json").write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    table = render(results)
    print(table)
    write_readme(table)
    return 0


def ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}x" if theirs else "n/a"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def render(r: dict[str, Any]) -> str:
    g = r["get_project"]
    a = r["aio_get_project"]
    t = r["all_tasks"]
    u = r["upload"]
    c = r["cache_hit"]
    ct = r["cache_threads"]
    rows = [
        ("`import` (`python -c \"import ...\"` minus `python -c pass`)", f"{r['import']['ours'] * 1000:.1f} ms", f"{r['import']['gazu'] * 1000:.0f} ms",
         ratio(r["import"]["ours"], r["import"]["gazu"]), "<= 0.6x", verdict(r["import"]["ours"] <= 0.6 * r["import"]["gazu"])),
        ("import + log in + `all_projects`", f"{r['first_call']['ours'] * 1000:.0f} ms", f"{r['first_call']['gazu'] * 1000:.0f} ms",
         ratio(r["first_call"]["ours"], r["first_call"]["gazu"]), "<= 0.85x", verdict(r["first_call"]["ours"] <= 0.85 * r["first_call"]["gazu"])),
        *cli_rows(r),
        ("1,000 `get_project`: client CPU", f"{g['ours_cpu']:.2f} s", f"{g['gazu_cpu']:.2f} s", ratio(g["ours_cpu"], g["gazu_cpu"]),
         f"<= 0.85x (floors: httpx {g['httpx_cpu']:.2f} s, requests {g['requests_cpu']:.2f} s)", verdict(g["ours_cpu"] <= 0.85 * g["gazu_cpu"])),
        ("1,000 `get_project`: wall", f"{g['ours_wall']:.2f} s", f"{g['gazu_wall']:.2f} s", ratio(g["ours_wall"], g["gazu_wall"]),
         f"<= 1.0x (floors: httpx {g['httpx_wall']:.2f} s, requests {g['requests_wall']:.2f} s)", verdict(g["ours_wall"] <= g["gazu_wall"])),
        ("1,000 `get_project` through `aio`, 16 in flight: throughput", f"{a['ours_per_second']:.0f} req/s",
         f"{a['gazu_per_second']:.0f} req/s", ratio(a["ours_per_second"], a["gazu_per_second"]),
         f">= 1.0x (floor: httpx.AsyncClient {a['httpx_per_second']:.0f} req/s)",
         verdict(a["ours_per_second"] >= a["gazu_per_second"])),
        ("1,000 `get_project` through `aio`, 16 in flight: client CPU", f"{a['ours_cpu']:.2f} s", f"{a['gazu_cpu']:.2f} s",
         ratio(a["ours_cpu"], a["gazu_cpu"]), f"<= 1.0x (floor: httpx.AsyncClient {a['httpx_cpu']:.2f} s)",
         verdict(a["ours_cpu"] <= a["gazu_cpu"])),
        (f"`all_tasks_for_project` ({t['count']:,} tasks): wall", f"{t['ours_wall']:.2f} s", f"{t['gazu_wall']:.2f} s",
         ratio(t["ours_wall"], t["gazu_wall"]), "<= 1.0x", verdict(t["ours_wall"] <= t["gazu_wall"])),
        (f"`all_tasks_for_project` ({t['count']:,} tasks): peak RSS growth", f"{t['ours_rss']:.0f} MiB", f"{t['gazu_rss']:.0f} MiB",
         ratio(t["ours_rss"], t["gazu_rss"]), "<= 1.0x", verdict(t["ours_rss"] <= t["gazu_rss"])),
        (f"{u['mib']} MiB working-file upload: peak RSS growth", f"{u['ours_rss']:.0f} MiB", f"{u['gazu_rss']:.0f} MiB",
         ratio(u["ours_rss"], u["gazu_rss"]), "<= 64 MiB", verdict(u["ours_rss"] <= 64)),
        ("cache hit", f"{c['ours'] * 1e6:.1f} us", f"{c['gazu'] * 1e6:.1f} us", ratio(c["ours"], c["gazu"]),
         f"<= 10 us, values safe (ours corruptible: {c['ours_corruptible']}, gazu: {c['gazu_corruptible']})",
         verdict(c["ours"] <= 10e-6 and not c["ours_corruptible"])),
        ("8 threads x 50,000 cached calls: errors", str(ct["ours"]["errors"]), f"{ct['gazu']['errors']} {ct['gazu']['error_kinds']}",
         "", "0", verdict(ct["ours"]["errors"] == 0)),
        ("1,000 shots (ours: `shot.new_shots`, gazu: `new_shot` loop)", f"{r['new_shots']['ours']:.1f} s", f"{r['new_shots']['gazu']:.1f} s",
         ratio(r["new_shots"]["ours"], r["new_shots"]["gazu"]), ">= 2x faster", verdict(r["new_shots"]["ours"] * 2 <= r["new_shots"]["gazu"])),
    ]  # fmt: skip
    lines = [
        f"Measured by `make bench` against a local Zou {r['zou']} on this project's CI machine kind (2 cores), "
        f"medians of alternating runs; whole run {r['total_seconds'] / 60:.1f} min.",
        "",
        "| measure | kitsu_helpers | gazu 1.3.1 | ours/gazu | goal | |",
        "|---|---|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def cli_rows(r: dict[str, Any]) -> list[tuple[str, ...]]:
    """The command-line row (absent from results made before it existed)."""
    if "cli_projects" not in r:
        return []
    c = r["cli_projects"]
    return [
        ("cold `kitsu projects` vs `gazu-cli projects`: process wall", f"{c['ours'] * 1000:.0f} ms",
         f"{c['gazu'] * 1000:.0f} ms", ratio(c["ours"], c["gazu"]), "<= 0.85x", verdict(c["ours"] <= 0.85 * c["gazu"])),
    ]  # fmt: skip


def write_readme(table: str) -> None:
    readme = REPO / "README.md"
    text = readme.read_text()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        readme.write_text(f"{head}{start}\n{table}\n{end}{tail}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", choices=["seed", *ROWS], help="seed the project, or run one row: printed, nothing written"
    )
    args = parser.parse_args()
    if args.only == "seed":
        client = KitsuClient(HOST)
        gazu.log_in(EMAIL, PASSWORD, client=client)
        print(json.dumps(seed(client), indent=1))
        sys.exit(0)
    sys.exit(main(args.only))
