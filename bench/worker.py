"""One measurement in a fresh process, for kitsu_helpers (`--lib ours`) or gazu 1.3.1 (`--lib gazu`).

Run by bench/run.py with each library's own interpreter; prints one JSON object. Uses only the standard
library besides the library under test (and httpx or requests for the floors).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import threading
import time
from typing import Any


def rss_mib() -> float:
    """Current resident set size of this process, in MiB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load(lib: str) -> Any:
    if lib == "ours":
        import kitsu_helpers as gazu
    else:
        import gazu  # type: ignore[no-redef]
    return gazu


def connect(lib: str, args: argparse.Namespace) -> Any:
    gazu = load(lib)
    gazu.set_host(args.host)
    gazu.log_in(args.email, args.password)
    return gazu


def m_import(lib: str, args: argparse.Namespace) -> dict[str, Any]:
    start = time.perf_counter()
    load(lib)
    return {"seconds": time.perf_counter() - start}


def m_first_call(lib: str, args: argparse.Namespace) -> dict[str, Any]:
    start = time.perf_counter()
    gazu = connect(lib, args)
    gazu.project.all_projects()
    return {"seconds": time.perf_counter() - start}


def m_get_project(lib: str, args: argparse.Namespace) -> dict[str, Any]:
    gazu = connect(lib, args)
    project_id = args.project_id
    gazu.project.get_project(project_id)
    wall, cpu0 = time.perf_counter(), cpu()
    for _ in range(args.n):
        gazu.project.get_project(project_id)
    return {"seconds": time.perf_counter() - wall, "cpu": cpu() - cpu0}


def m_aio_get_project(lib: str, args: argparse.Namespace) -> dict[str, Any]:
    """`n` get_project calls (`aio.fetch_one("projects", id)`) through the async module, `in_flight` at a time."""
    import asyncio

    if lib == "ours":
        from kitsu_helpers import aio
    else:
        from gazu import aio  # type: ignore[no-redef]
    return asyncio.run(aio_get_project(aio, args))


async def aio_get_project(aio: Any, args: argparse.Namespace) -> dict[str, Any]:
    import asyncio

    client = await aio.create_session(args.host, args.email, args.password)
    async with client:
        await aio.fetch_one("projects", args.project_id, client=client)
        left = [args.n]

        async def one_in_flight() -> None:
            while left[0] > 0:
                left[0] -= 1
                project = await aio.fetch_one("projects", args.project_id, client=client)
                assert project["id"] == args.project_id

        wall, cpu0 = time.perf_counter(), cpu()
        await asyncio.gather(*(one_in_flight() for _ in range(args.in_flight)))
        seconds, used = time.perf_counter() - wall, cpu() - cpu0
    return {"seconds": seconds, "cpu": used, "per_second": args.n / seconds}


def m_floor_httpx(lib: str, args: argparse.Namespace) -> dict[str, Any]:
    import httpx

    token = login_token(args)
    url = f"{args.host}/data/projects/{args.project_id}"
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}) as client:
        json.loads(client.get(url).content)
        wall, cpu0 = time.perf_counter(), cpu()
        for _ in range(args.n):
            json.loads(client.get(url).content)
    return {"seconds": time.perf_counter() - wall, "cpu": cpu() - cpu0}


def m_floor_httpx_async(lib: str, args: argparse.Namespace) -> dict[str, Any]:
    """The floor of the aio row: bare httpx.AsyncClient, `in_flight` GETs at a time."""
    import asyncio

    import httpx

    token = login_token(args)
    url = f"{args.host}/data/projects/{args.project_id}"

    async def measure() -> dict[str, Any]:
        async with httpx.AsyncClient(headers={"Authorization": f"Bearer {token}"}) as client:
            json.loads((await client.get(url)).content)
            left = [args.n]

            async def one_in_flight() -> None:
                while left[0] > 0:
                    left[0] -= 1
                    json.loads((await client.get(url)).content)

            wall, cpu0 = time.perf_counter(), cpu()
            await asyncio.gather(*(one_in_flight() for _ in range(args.in_flight)))
            seconds = time.perf_counter() - wall
            return {"seconds": seconds, "cpu": cpu() - cpu0, "per_second": args.n / seconds}

    return asyncio.run(measure())


def m_floor_requests(lib: str, args: argparse.Namespace) -> dict[str, Any]:
    import requests

    token = login_token(args)
    url = f"{args.host}/data/projects/{args.project_id}"
    with requests.Session() as session:
        session.headers["Authorization"] = f"Bearer {token}"
        session.get(url).json()
        wall, cpu0 = time.perf_counter(), cpu()
        for _ in range(args.n):
            session.get(url).json()
    return {"seconds": time.perf_counter() - wall, "cpu": cpu() - cpu0}


def login_token(args: argparse.Namespace) -> str:
    import urllib.request

    body = json.dumps({"email": args.email, "password": args.password}).encode()
    request = urllib.request.Request(f"{args.host}/auth/login", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)["access_token"]


def m_all_tasks(lib: str, args: argparse.Namespace) -> dict[str, Any]:
    gazu = connect(lib, args)
    before = peak_rss_mib()
    start = time.perf_counter()
    tasks = gazu.task.all_tasks_for_project(args.project_id)
    return {"seconds": time.perf_counter() - start, "peak_rss_growth_mib": peak_rss_mib() - before, "count": len(tasks)}


def m_upload(lib: str, args: argparse.Namespace) -> dict[str, Any]:
    gazu = connect(lib, args)
    working_file = gazu.files.get_working_file(args.working_file_id)
    before = peak_rss_mib()
    start = time.perf_counter()
    gazu.files.upload_working_file(working_file, args.file)
    return {"seconds": time.perf_counter() - start, "peak_rss_growth_mib": peak_rss_mib() - before}


def m_cache_hit(lib: str, args: argparse.Namespace) -> dict[str, Any]:
    gazu = connect(lib, args)
    gazu.cache.enable()
    gazu.project.get_project(args.project_id)
    start = time.perf_counter()
    for _ in range(args.n):
        value = gazu.project.get_project(args.project_id)
    per_hit = (time.perf_counter() - start) / args.n
    value["name"] = "corrupted by the caller"
    corrupted = gazu.project.get_project(args.project_id)["name"] == "corrupted by the caller"
    return {"seconds_per_hit": per_hit, "caller_can_corrupt": corrupted}


def m_cache_threads(lib: str, args: argparse.Namespace) -> dict[str, Any]:
    gazu = load(lib)
    gazu.cache.enable()
    errors: list[str] = []

    def lookup(key: str, client: Any = None) -> dict[str, str]:
        return {"id": key}

    cached = gazu.cache.cache(lookup, maxsize=100, expire=0)

    def work(seed: int) -> None:
        for i in range(args.n):
            key = f"k{(i * 31 + seed * 7) % 1000}"
            try:
                if cached(key)["id"] != key:
                    errors.append("wrong value")
            except Exception as exc:
                errors.append(type(exc).__name__)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"seconds": time.perf_counter() - start, "errors": len(errors), "error_kinds": sorted(set(errors))[:5]}


def m_new_shots(lib: str, args: argparse.Namespace) -> dict[str, Any]:
    gazu = connect(lib, args)
    project = gazu.project.get_project(args.project_id)
    sequence = gazu.shot.new_sequence(project, f"SQ-{lib}-{int(time.time() * 1000)}")
    names = [f"SH{i:04d}" for i in range(args.n)]
    start = time.perf_counter()
    if lib == "ours":
        created = gazu.shot.new_shots(project, sequence, names)
    else:
        created = [gazu.shot.new_shot(project, sequence, name) for name in names]
    return {"seconds": time.perf_counter() - start, "count": len(created)}


MEASURES = {name[2:]: fn for name, fn in globals().items() if name.startswith("m_")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("measure", choices=sorted(MEASURES))
    parser.add_argument("--lib", choices=["ours", "gazu"], required=True)
    parser.add_argument("--host", default="http://127.0.0.1:5600")
    parser.add_argument("--email", default="admin@example.com")
    parser.add_argument("--password", default="mysecretpassword")
    parser.add_argument("--project-id")
    parser.add_argument("--working-file-id")
    parser.add_argument("--file")
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--in-flight", type=int, default=16)
    args = parser.parse_args()
    result = MEASURES[args.measure](args.lib, args)
    result["rss_mib"] = rss_mib()
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
