#!/usr/bin/env python3
"""Check that every public helper (gazu 1.3.1's functions) has a docstring that says what it returns.

    python scripts/docstring_check.py                  # the repository's kitsu_helpers; exit 1 and list offenders
    python scripts/docstring_check.py --root /tmp/copy # a copy of kitsu_helpers under /tmp/copy

The rule, read with griffe's Google-style parser (the one the reference site renders with, mkdocs.yml):
1. the function has a docstring whose first paragraph (the summary) is not empty;
2. it parses as a Google-style docstring without a warning (an `Args:` entry naming no parameter of the
   signature, a section griffe cannot read...);
3. it has a return annotation;
4. unless that annotation is `None`, the docstring has a `Returns:` section (`Yields:` for an Iterator, Generator
   or AsyncIterator) whose description is not empty. A function annotated `-> None` needs no `Returns:`: its
   summary says what it does.
The public helpers are the entries of tests/data/gazu-1.3.1-functions.txt (the same list
tests/test_parity_coverage.py enumerates), found where `import kitsu_helpers as gazu` finds them (aliases
followed to the function they name).
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO / "tests" / "data" / "gazu-1.3.1-functions.txt"
LINE = re.compile(r"^gazu\.(?:(?P<module>[a-z_]+)\.)?(?P<name>\w+)\(")
WHERE = re.compile(r"^[^:]*:\d+: ")  # griffe's "file.py:12: " prefix
ITERATORS = ("Iterator", "Generator", "AsyncIterator", "AsyncGenerator", "Iterable")


def public_helpers(reference: Path = REFERENCE) -> list[str]:
    """Return the dotted paths (`kitsu_helpers.asset.get_asset`) of the public helpers, in reference order."""
    paths = []
    for line in reference.read_text().splitlines():
        match = LINE.match(line.strip())
        if match:
            module = f".{match['module']}" if match["module"] else ""
            paths.append(f"kitsu_helpers{module}.{match['name']}")
    return paths


def load_package(root: Path = REPO) -> Any:
    """Return griffe's view of the kitsu_helpers package found under root, as the reference site loads it."""
    import griffe

    extensions = griffe.load_extensions("griffe_public_redundant_aliases")
    return griffe.load(
        "kitsu_helpers",
        search_paths=[str(root)],
        try_relative_path=False,  # not ./kitsu_helpers of the working directory: the one under root
        extensions=extensions,
        docstring_parser=griffe.Parser.google,
    )


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def problems(obj: Any) -> list[str]:
    """Return what the function's docstring lacks under the rule (empty when it complies)."""
    import griffe

    if not obj.is_function:
        return [f"is a {obj.kind.value}, not a function griffe can read (an assignment?)"]
    docstring = obj.docstring
    if docstring is None or not docstring.value.strip():
        return ["has no docstring"]
    collect = _Collect()
    logger = logging.getLogger("griffe")
    logger.addHandler(collect)
    try:
        sections = griffe.parse_google(docstring)
    finally:
        logger.removeHandler(collect)
    found = ["docstring warning: " + WHERE.sub("", message) for message in collect.messages]
    if not sections or sections[0].kind is not griffe.DocstringSectionKind.text or not sections[0].value.strip():
        found.append("has no summary line")
    if obj.returns is None:
        found.append("has no return annotation")
        return found
    annotation = str(obj.returns)
    if annotation == "None":
        return found
    wanted = griffe.DocstringSectionKind.returns
    if annotation.split("[", maxsplit=1)[0].rsplit(".", 1)[-1] in ITERATORS:
        wanted_kinds = {wanted, griffe.DocstringSectionKind.yields}
    else:
        wanted_kinds = {wanted}
    described = [
        item
        for section in sections
        if section.kind in wanted_kinds
        for item in section.value
        if (item.description or "").strip()
    ]
    if not described:
        found.append(f"returns {annotation} but has no described Returns: section")
    return found


def offenders(root: Path = REPO, reference: Path = REFERENCE) -> dict[str, list[str]]:
    """Return helper path -> its problems, for every public helper that breaks the rule."""
    package = load_package(root)
    result = {}
    for path in public_helpers(reference):
        try:
            obj = package[path.removeprefix("kitsu_helpers.")] if path.count(".") else package
            obj = obj.final_target if obj.is_alias else obj
        except Exception as exc:  # KeyError or an alias griffe cannot resolve
            result[path] = [f"not found by griffe ({type(exc).__name__}: {exc})"]
            continue
        found = problems(obj)
        if found:
            result[path] = found
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=REPO, help="the folder that holds kitsu_helpers/")
    args = parser.parse_args(argv)
    bad = offenders(args.root.resolve())
    for path, found in bad.items():
        print(f"{path}: {'; '.join(found)}")
    total = len(public_helpers())
    print(f"{len(bad)} of {total} public helpers break the docstring rule (scripts/docstring_check.py)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
