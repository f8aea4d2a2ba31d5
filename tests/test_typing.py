"""Users' scripts type-check: `import kitsu_helpers as gazu` gives mypy and pyright the real module types.

tests/typing_samples/bad.py holds three known mistakes (a misspelled helper, a wrong argument type, a wrong
keyword); each checker must report exactly those, and nothing in good.py (a script written as the README shows).
calls_bad.py / calls_good.py do the same for helper-style code on the typed operation surface (kitsu_api.calls)."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import kitsu_helpers

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "tests" / "typing_samples"
# (file, line, what is wrong) for mypy's error codes and pyright's rules
MYPY_EXPECTED = {("bad.py", 6, "attr-defined"), ("bad.py", 7, "arg-type"), ("bad.py", 8, "call-arg")}
PYRIGHT_EXPECTED = {
    ("bad.py", 6, "reportAttributeAccessIssue"),
    ("bad.py", 7, "reportArgumentType"),
    ("bad.py", 8, "reportCallIssue"),
}


def test_mypy_reports_exactly_the_known_mistakes(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path), "--no-error-summary", "--hide-error-context",
         str(SAMPLES / "bad.py"), str(SAMPLES / "good.py")],
        capture_output=True, text=True, cwd=REPO, check=False,
    )  # fmt: skip
    found = set()
    for line in proc.stdout.splitlines():
        match = re.match(r"(?:.*/)?([\w.]+):(\d+): error: .*\[([\w-]+)\]$", line)
        if match:
            found.add((match.group(1), int(match.group(2)), match.group(3)))
        else:
            assert ": note: " in line, line  # only the errors above and their notes
    assert found == MYPY_EXPECTED, proc.stdout + proc.stderr


def test_pyright_basic_reports_exactly_the_known_mistakes() -> None:
    pyright = shutil.which("pyright", path=str(Path(sys.executable).parent))
    assert pyright, "pyright is a dev dependency (pyproject.toml)"
    proc = subprocess.run(
        [pyright, "--outputjson", str(SAMPLES / "bad.py"), str(SAMPLES / "good.py")],
        capture_output=True, text=True, cwd=REPO, timeout=120, check=False,
    )  # fmt: skip
    report = json.loads(proc.stdout)
    found = {
        (Path(d["file"]).name, d["range"]["start"]["line"] + 1, d.get("rule"))
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    }
    assert found == PYRIGHT_EXPECTED, proc.stdout
    assert report["summary"]["warningCount"] == 0, proc.stdout


def test_type_checkers_see_every_lazy_name() -> None:
    """Every name `__getattr__` serves lazily is also imported under TYPE_CHECKING (else checkers see Any)."""
    tree = ast.parse((REPO / "kitsu_helpers" / "__init__.py").read_text())
    guarded = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING")
    seen = {alias.asname or alias.name for node in ast.walk(guarded) if isinstance(node, ast.ImportFrom)
            for alias in node.names}  # fmt: skip
    assert seen == set(kitsu_helpers.__all__)


# a misspelled operation, a missing and a misnamed path parameter, a wrong query type, a list body, a wrong body field
CALLS_MYPY_EXPECTED = {
    ("calls_bad.py", 9, "attr-defined"),
    ("calls_bad.py", 10, "call-overload"),
    ("calls_bad.py", 11, "call-overload"),
    ("calls_bad.py", 12, "call-overload"),
    ("calls_bad.py", 13, "call-overload"),
    ("calls_bad.py", 14, "typeddict-item"),
}
CALLS_PYRIGHT_EXPECTED = {
    ("calls_bad.py", 9, "reportAttributeAccessIssue"),
    ("calls_bad.py", 10, "reportCallIssue"),
    ("calls_bad.py", 11, "reportCallIssue"),
    ("calls_bad.py", 12, "reportArgumentType"),
    ("calls_bad.py", 13, "reportArgumentType"),
    ("calls_bad.py", 14, "reportAssignmentType"),
}


def mypy_strict_errors(tmp_path: Path, *samples: str, other_lines: tuple[str, ...] = ()) -> set[tuple[str, int, str]]:
    """Run mypy --strict on typing samples; return its errors as (file, line, code). Any other output line must
    be a note (or contain one of other_lines)."""
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), "--no-error-summary",
         "--hide-error-context", *(str(SAMPLES / sample) for sample in samples)],
        capture_output=True, text=True, cwd=REPO, check=False,
    )  # fmt: skip
    found = set()
    for line in proc.stdout.splitlines():
        match = re.match(r"(?:.*/)?([\w.]+):(\d+): error: .*\[([\w-]+)\]$", line)
        if match:
            found.add((match.group(1), int(match.group(2)), match.group(3)))
        else:
            assert ": note: " in line or any(text in line for text in other_lines), proc.stdout + proc.stderr
    return found


def test_mypy_strict_reports_exactly_the_mistakes_in_typed_calls(tmp_path: Path) -> None:
    found = mypy_strict_errors(tmp_path, "calls_bad.py", "calls_good.py", other_lines=(": error: Unexpected keyword",))
    assert found == CALLS_MYPY_EXPECTED


def test_pyright_basic_reports_exactly_the_mistakes_in_typed_calls() -> None:
    pyright = shutil.which("pyright", path=str(Path(sys.executable).parent))
    assert pyright, "pyright is a dev dependency (pyproject.toml)"
    proc = subprocess.run(
        [pyright, "--outputjson", str(SAMPLES / "calls_bad.py"), str(SAMPLES / "calls_good.py")],
        capture_output=True, text=True, cwd=REPO, timeout=120, check=False,
    )  # fmt: skip
    report = json.loads(proc.stdout)
    found = {
        (Path(d["file"]).name, d["range"]["start"]["line"] + 1, d.get("rule"))
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    }
    assert found == CALLS_PYRIGHT_EXPECTED, proc.stdout


# the cache controls of a cached helper are typed (kitsu_helpers.cache.Cached) and the helper keeps its signature
CACHE_MYPY_EXPECTED = {
    ("cache_bad.py", 3, "arg-type"),
    ("cache_bad.py", 4, "attr-defined"),
    ("cache_bad.py", 5, "arg-type"),
}


def test_mypy_strict_types_the_cache_controls_of_cached_helpers(tmp_path: Path) -> None:
    assert mypy_strict_errors(tmp_path, "cache_bad.py", "cache_good.py") == CACHE_MYPY_EXPECTED
