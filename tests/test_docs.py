"""The reference site (`make docs`): it builds with warnings as errors, every public helper is in its API reference
with a docstring that says what it returns (scripts/docstring_check.py states the rule), the operations index
covers every operation with the helpers that call it, and the error table every exception class."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import docs_hooks  # noqa: E402
import docstring_check  # noqa: E402
import spec_diff  # noqa: E402


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `make docs` builds it (mkdocs build --strict), into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=240,
        check=False,
    )
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stderr[-6000:]}"
    return site


def test_every_public_helper_is_on_its_module_page_of_the_built_reference(built_site: Path) -> None:
    from mkdocstrings import Inventory

    with (built_site / "objects.inv").open("rb") as file:
        inventory = Inventory.parse_sphinx(file)
    helpers = docstring_check.public_helpers()
    assert len(helpers) > 500  # the reference list was read, not an empty file
    missing, misplaced = [], []
    for path in helpers:
        item = inventory.get(path)
        if item is None:
            missing.append(path)
            continue
        module = path.rsplit(".", 1)[0]
        page, _, anchor = item.uri.partition("#")
        html = (built_site / page / "index.html").read_text()
        if page != f"reference/{module}/" or f'id="{anchor}"' not in html:
            misplaced.append(f"{path} -> {item.uri}")
    assert not missing, f"{len(missing)} public helpers are not in the API reference: {missing}"
    assert not misplaced, f"not on their module's page: {misplaced}"


def test_the_site_has_every_readme_section_docs_page_and_exception_class(built_site: Path) -> None:
    for name in [*docs_hooks.readme_pages(), *(p.name for p in docs_hooks.DOCS.glob("*.md"))]:
        page = "index.html" if name == "index.md" else f"{name.removesuffix('.md')}/index.html"
        assert (built_site / page).exists(), f"{name} was not built"
    errors_html = (built_site / "errors" / "index.html").read_text()
    from kitsu_helpers import errors

    for name in errors.__all__:
        value = getattr(errors, name)
        if isinstance(value, type) and issubclass(value, BaseException):  # a link to the class's reference entry
            assert f'href="../reference/kitsu_helpers.errors/#kitsu_helpers.errors.{value.__name__}"' in errors_html


def test_every_public_helper_has_a_docstring_that_says_what_it_returns() -> None:
    bad = docstring_check.offenders()
    listing = "\n".join(f"  {path}: {'; '.join(found)}" for path, found in bad.items())
    assert not bad, (
        f"{len(bad)} of {len(docstring_check.public_helpers())} public helpers break the docstring rule "
        f"(scripts/docstring_check.py):\n{listing}"
    )


# --- the rule itself, on a small package made here ---------------------------------------------------------

SAMPLE = '''
from collections.abc import Iterator

from ._impl import reexported as reexported


def good(x: int, client: object = None) -> dict:
    """Return the thing with this id.

    Args:
        x: The id.
        client: The client.

    Returns:
        The thing, a dict.
    """


def does_something(x: int) -> None:
    """Delete the thing with this id."""


def numbers() -> Iterator[int]:
    """Yield numbers.

    Yields:
        A number.
    """


def summary_only(x: int) -> dict:
    """Return the thing with this id."""


def empty_returns() -> str:
    """Return a name.

    Returns:
    """


def undocumented() -> None:
    pass


def unannotated():
    """Return something.

    Returns:
        Something.
    """


def wrong_argument(x: int) -> int:
    """Return x.

    Args:
        y: Not a parameter of this function.

    Returns:
        x.
    """


assigned = good
'''

IMPL = '''
def reexported(client: object = None) -> list:
    """Return every thing.

    Returns:
        The things.
    """
'''


def test_docstring_rule_flags_exactly_the_functions_that_do_not_say_what_they_return(tmp_path: Path) -> None:
    package = tmp_path / "kitsu_helpers"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "sample.py").write_text(SAMPLE)
    (package / "_impl.py").write_text(IMPL)
    names = [*re.findall(r"^def (\w+)", SAMPLE, flags=re.M), "reexported", "assigned", "not_there"]
    reference = tmp_path / "functions.txt"
    reference.write_text("# comment\n" + "".join(f"gazu.sample.{name}(client=default)\n" for name in names))

    bad = {
        path.removeprefix("kitsu_helpers.sample."): found
        for path, found in docstring_check.offenders(tmp_path, reference).items()
    }

    assert set(bad) == {
        "summary_only", "empty_returns", "undocumented", "unannotated", "wrong_argument", "assigned", "not_there",
    }  # fmt: skip
    assert bad["summary_only"] == ["returns dict but has no described Returns: section"]
    assert bad["empty_returns"] == ["returns str but has no described Returns: section"]
    assert bad["undocumented"] == ["has no docstring"]
    assert "has no return annotation" in bad["unannotated"]
    assert any("'y' does not appear in the function signature" in p for p in bad["wrong_argument"])
    assert "not a function" in bad["assigned"][0]
    assert "not found" in bad["not_there"][0]


# --- the operations index (docs/operations.md, written by scripts/regen.py) --------------------------------

ROW = re.compile(r"^\| `(?P<op>\w+)` \| (?P<method>[A-Z]+) \| `(?P<path>[^`]+)` \| (?P<helpers>.*) \|$")


def test_operations_page_lists_every_operation_with_the_helpers_that_call_it_now() -> None:
    from kitsu_api.operations import OPERATIONS

    rows = {m["op"]: m for m in map(ROW.match, (REPO / "docs" / "operations.md").read_text().splitlines()) if m}
    assert set(rows) == set(OPERATIONS)
    assert {op: (rows[op]["method"], rows[op]["path"]) for op in rows} == {op: e[:2] for op, e in OPERATIONS.items()}
    usage = spec_diff.helper_usage(REPO / "kitsu_helpers")
    stale = [
        op
        for op, row in rows.items()
        if set(re.findall(r"`([^`]+)`", row["helpers"]))
        != {name.removeprefix("kitsu_helpers.") for name in usage.get(op, ())}
    ]
    assert not stale, f"docs/operations.md is stale for {stale[:10]}...: run make regen"
    assert "shot.remove_shot" in rows["delete_data_shots_shot_id"]["helpers"]


# --- the error table and the README pages (scripts/docs_hooks.py) -------------------------------------------


def test_error_table_has_every_exception_class_its_gazu_name_status_and_attributes() -> None:
    from kitsu_helpers import errors

    table = docs_hooks.error_table()
    rows = {re.match(r"^\| \[`(\w+)`\]", line)[1]: line for line in table.splitlines() if line.startswith("| [`")}
    classes = {v.__name__ for v in vars(errors).values() if isinstance(v, type) and issubclass(v, errors.GazuException)}
    assert classes | {"EventStreamConnectionError"} == set(rows)
    gazu = docs_hooks.gazu_exceptions()
    assert len(gazu) == 18
    assert gazu <= classes
    for name in gazu:
        assert f"| `{name}` |" in rows[name]
    assert "| none (caught as `HostException`) |" in rows["ConnectionFailedException"]
    assert "| 404 |" in rows["RouteNotFoundException"]
    assert "| 400, other 4xx |" in rows["ParameterException"]
    assert "| 502, 503, 504 |" in rows["ServiceUnavailableException"]
    for attribute in ("`step`", "`reason`", "`comment`", "`preview_file`", "`resume()`", "`clean_up()`"):
        assert attribute in rows["PublishFailedException"]


def test_readme_is_split_into_pages_without_losing_a_line() -> None:
    pages = docs_hooks.readme_pages()
    page_lines = {line for _, content in pages.values() for line in content.splitlines()}
    lost = [
        line
        for line in docs_hooks.site_links((REPO / "README.md").read_text()).splitlines()
        if line.strip() and re.sub(r"^## ", "# ", line) not in page_lines  # a section's heading is its page's title
    ]
    assert not lost, lost
    nav = str(docs_hooks.docs_nav(pages))
    for name in [*pages, *(f"reference/{m}.md" for m in docs_hooks.reference_modules())]:
        assert f"'{name}'" in nav, f"{name} is not in the navigation"
    assert len(docs_hooks.reference_modules()) > 25
