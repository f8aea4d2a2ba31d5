#!/usr/bin/env python3
"""The upgrade journey on every Zou release a studio may still run: `make upgrade-matrix`.

For each version (MATRIX_VERSIONS, default 0.19.70 0.20.80 1.0.0 1.0.40 1.0.70 and the committed one): start
that Zou as its own instance (`matrix`, ports 5690/5691/16430, its own database), regenerate into a scratch tree
(`.matrix/<version>`, a copy of openapi/ and generated/) with zero manual edits and write its change report,
run the helper smoke journey (tests/test_smoke_journey.py) against that server with the regenerated package,
then regenerate the scratch tree back from the committed version's server (the main instance) and compare it
byte for byte with the committed tree. The summary table goes to docs/upgrade-matrix.md (MATRIX_DOC).

Takes 4-8 minutes per version on a 2-core machine (most of it installing that Zou the first time).
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
import zou_server  # noqa: E402

PY = sys.executable
DEFAULT = ["0.19.70", "0.20.80", "1.0.0", "1.0.40", "1.0.70", zou_server.DEFAULT_VERSION]
RENAME_CHECKED = {"1.0.40"}  # spells project-template and descriptor path parameters otherwise: scripts/rename_check.py
PORTS = {"ZOU_API_PORT": "5690", "ZOU_EVENTS_PORT": "5691", "ZOU_REDIS_PORT": "16430"}


def log(msg: str) -> None:
    print(f"[upgrade-matrix] {msg}", file=sys.stderr, flush=True)


def run(cmd: list[str], env: dict[str, str] | None = None, timeout: float = 1800) -> tuple[int, str, float]:
    """Run a command; return its exit code, its combined output and how long it took."""
    t0 = time.time()
    try:
        done = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout, check=False)
        return done.returncode, done.stdout + done.stderr, time.time() - t0
    except subprocess.TimeoutExpired as exc:
        return 124, f"timed out after {timeout:.0f} s: {exc}", time.time() - t0


def same_tree(a: Path, b: Path) -> bool:
    """True when two directory trees hold the same files with the same bytes (caches ignored)."""
    cmp = filecmp.dircmp(a, b, ignore=["__pycache__"])
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    return not mismatch and not errors and all(same_tree(a / d, b / d) for d in cmp.common_dirs)


def compare(report: Path) -> dict[str, Any]:
    """The figures of a regen change report (scripts/spec_diff.py render_report): counts, breaking changes,
    and the public helpers that cannot work on that server (those reaching an operation it lacks)."""
    text = report.read_text()
    counts: dict[str, Any] = {}
    summary = re.search(r"^(\d+) operations; (.*)$", text, re.M)
    if summary:
        counts["operations"] = int(summary.group(1))
        for number, label in re.findall(
            r"(\d+) (added|removed|changed|renamed|served but not in the spec|breaking)", summary.group(2)
        ):
            counts[label.split()[0]] = int(number)
    affected = re.search(
        r"^(\d+) public helper\(s\) affected by breaking changes, (\d+) more by operations the spec omits, (\d+) more by other changes",
        text,
        re.M,
    )
    if affected:
        counts["helpers_breaking"], counts["helpers_omitted"], counts["helpers_other"] = map(int, affected.groups())
    breaking = text.split("### Breaking", 1)[1].split("\n### ", 1)[0] if "### Breaking" in text else ""
    missing: set[str] = set()
    for line in breaking.splitlines():
        if "(removed," in line and "): " in line:
            names = line.split("): ", 1)[1]
            missing |= {
                re.sub(r" \(through .*\)$", "", n.strip()).removeprefix("kitsu_helpers.") for n in names.split(", ")
            }
    counts["helpers_missing"] = sorted(missing)
    return counts


def one_version(version: str, main_url: str) -> dict[str, Any]:
    env = {**os.environ, **PORTS, "ZOU_VERSION": version}
    row: dict[str, Any] = {"version": version}
    code, out, took = run([PY, "scripts/zou_server.py", "start", "--instance", "matrix"], env=env)
    row["start_s"] = round(took)
    if code:
        row["error"] = "Zou did not start: " + out.strip().splitlines()[-1]
        return row
    url = f"http://127.0.0.1:{PORTS['ZOU_API_PORT']}"
    scratch = REPO / ".matrix" / version
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    for part in ("openapi", "generated"):
        shutil.copytree(REPO / part, scratch / part, ignore=shutil.ignore_patterns("__pycache__"))
    report = scratch / "report.md"
    code, out, took = run([PY, "scripts/regen.py", "--url", url, "--out", str(scratch), "--report", str(report)])
    row["regen_s"] = round(took, 1)
    row["zero_edit"] = code == 0
    if code:
        row["error"] = "regen failed: " + out.strip().splitlines()[-1]
    else:
        row.update(compare(report))
        smoke_env = {
            **env,
            "PYTHONPATH": str(scratch / "generated"),
            "KITSU_TEST_HOST": url,
            "KITSU_TEST_EVENT_HOST": f"http://127.0.0.1:{PORTS['ZOU_EVENTS_PORT']}",
        }
        code, out, took = run(
            [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_smoke_journey.py"], env=smoke_env
        )
        row["smoke"] = "passed" if code == 0 else "failed: " + _first_failure(out)
        row["smoke_s"] = round(took)
        if version in RENAME_CHECKED:
            code, out, _ = run([PY, "scripts/rename_check.py", url], env=smoke_env)
            row["rename_check"] = "passed" if code == 0 else "failed: " + _first_failure(out)
            log(out.strip())
    code, out, _ = run([PY, "scripts/regen.py", "--url", main_url, "--out", str(scratch)])
    row["back_identical"] = (
        code == 0
        and same_tree(scratch / "generated", REPO / "generated")
        and filecmp.cmp(scratch / "openapi" / "source.json", REPO / "openapi" / "source.json", shallow=False)
    )
    run([PY, "scripts/zou_server.py", "stop", "--instance", "matrix"], env=env)
    return row


def _first_failure(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith(("E ", "FAILED", "ERROR"))]
    return (lines[0] if lines else output.strip().splitlines()[-1])[:200].replace("|", "\\|")


def render(rows: list[dict[str, Any]], seconds: float) -> str:
    out = [
        "# The upgrade journey on older Zou releases",
        "",
        f"Produced by `make upgrade-matrix` ({seconds / 60:.0f} min on this run). For each release: its own Zou "
        "started locally, `scripts/regen.py --url` into a scratch tree with zero manual edits, the helper smoke "
        "journey (`tests/test_smoke_journey.py`) against that server with the regenerated package, and a "
        "regeneration back to the committed version compared byte for byte. Counts compare that release's spec "
        "with the committed one (what helpers meet on that server).",
        "",
        "| Zou | zero-edit regen | regen time | operations | added | removed | renamed | changed | served, not in spec "
        "| breaking | public helpers hit (breaking / omitted routes / other) | helpers that cannot work there (route gone) "
        "| smoke journey | back to committed, byte-identical |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if "zero_edit" not in r:
            out.append(f"| {r['version']} | {r.get('error', '')} |" + " |" * 12)
            continue
        missing = r.get("helpers_missing", [])
        shown = ", ".join(f"`{h}`" for h in missing[:6]) + (f" and {len(missing) - 6} more" if len(missing) > 6 else "")
        out.append(
            f"| {r['version']} | {'yes' if r.get('zero_edit') else 'no: ' + r.get('error', '')} | {r.get('regen_s', '')} s "
            f"| {r.get('operations', '')} | {r.get('added', '')} | {r.get('removed', '')} | {r.get('renamed', '')} "
            f"| {r.get('changed', '')} | {r.get('served', 0)} | {r.get('breaking', '')} "
            f"| {r.get('helpers_breaking', '')} / {r.get('helpers_omitted', '')} / {r.get('helpers_other', '')} "
            f"| {len(missing)}{': ' + shown if missing else ''} | {r.get('smoke', 'not run')} "
            f"| {'yes' if r.get('back_identical') else 'no'} |"
        )
    checked = [r for r in rows if "rename_check" in r]
    for r in checked:
        out.append(
            f"\nZou {r['version']} renames path parameters: `scripts/rename_check.py` (helpers on the regenerated "
            f"package, against that server): {r['rename_check']}."
        )
    out += ["", "Each release's full change report is written to `.matrix/<version>/report.md` by the run.", ""]
    return "\n".join(out)


def main() -> int:
    versions = os.environ.get("MATRIX_VERSIONS", " ".join(DEFAULT)).split()
    main_url = os.environ.get("MATRIX_MAIN_URL", "http://127.0.0.1:5600")
    t0 = time.time()
    rows = []
    for version in versions:
        log(f"Zou {version}")
        rows.append(one_version(version, main_url))
        log(json.dumps(rows[-1]))
    doc = Path(os.environ.get("MATRIX_DOC", REPO / "docs" / "upgrade-matrix.md"))
    doc.write_text(render(rows, time.time() - t0))
    log(f"wrote {doc} in {(time.time() - t0) / 60:.1f} min")
    ok = all(
        r.get("zero_edit")
        and r.get("back_identical")
        and r.get("smoke") == "passed"
        and r.get("rename_check", "passed") == "passed"
        for r in rows
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
