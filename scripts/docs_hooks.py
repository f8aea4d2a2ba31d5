"""MkDocs hooks of the reference site (mkdocs.yml, `make docs`): the pages made at build time from the code.

Nothing here is copied by hand, so nothing drifts:
- the README is split at its `## ` headings: the text before the first one is the home page, each section a
  page (a section added to the README becomes a page of the Guide without touching this file);
- the error table lists every exception class of kitsu_helpers.errors (and events' EventStreamConnectionError)
  with its gazu 1.3.1 equivalent (tests/data/gazu-1.3.1-exceptions.txt), the HTTP statuses that raise it
  (errors.STATUS_CLASSES), its docstring and its attributes, read off the classes themselves;
- the API reference has one mkdocstrings page per public module, from kitsu_helpers.SUBMODULES (the lazy
  import table every module must be in to be reachable as `gazu.<module>`), so a new module is not forgotten;
- pages of docs/ join the navigation when they exist (docs/testing.md and docs/record-replay.md are optional;
  any other page found in docs/ is listed under "More"). docs/operations.md is written by scripts/regen.py.
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
DOCS = REPO / "docs"
GAZU_EXCEPTIONS = REPO / "tests" / "data" / "gazu-1.3.1-exceptions.txt"
if str(REPO) not in sys.path:  # the hooks read kitsu_helpers from this checkout, installed or not
    sys.path.insert(0, str(REPO))

# README sections with a page name of their own; every other section is a page of the Guide, named after its title
SECTION_PAGES = {"The three journeys": "journeys.md", "Switching from gazu": "switching.md", "Errors": "errors.md"}
# pages of docs/ the navigation places (when present), in this order; any other docs/ page goes under "More"
PLACED_DOCS = (
    "gazu-differences.md",
    "publishing.md",
    "upgrade-example.md",
    "testing.md",
    "record-replay.md",
    "operations.md",
    "architecture.md",
)
# short navigation titles of docs/ pages (the others are listed under their first heading)
NAV_TITLES = {
    "gazu-differences.md": "Differences from gazu",
    "publishing.md": "Publishing",
    "upgrade-example.md": "Upgrade example (1.0.70 -> 1.0.97)",
    "operations.md": "Operations",
    "architecture.md": "Where things live",
}
# modules whose page shows only the module's docstring: the same objects are documented on another page
DOCSTRING_ONLY = {"kitsu_helpers.exception": "kitsu_helpers.errors"}


def readme_sections(text: str | None = None) -> tuple[str, list[tuple[str, str]]]:
    """Return the README's text before its first `## ` heading and its (title, body) sections, in order."""
    text = README.read_text() if text is None else text
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    intro, rest = parts[0], parts[1:]
    return intro, [(rest[i].strip(), rest[i + 1].strip("\n")) for i in range(0, len(rest), 2)]


def slug(title: str) -> str:
    """Return the page name of a README section title ("A local Zou" -> "a-local-zou.md")."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") + ".md"


def site_links(markdown: str) -> str:
    """Rewrite the README's links for the site: `docs/x.md` pages sit at the root of the site."""
    return re.sub(r"\]\(docs/", "](", markdown)


def readme_pages() -> dict[str, tuple[str, str]]:
    """Return page name -> (title, Markdown) for the home page and every README section."""
    intro, sections = readme_sections()
    pages = {"index.md": ("Home", site_links(intro))}
    for title, body in sections:
        name = SECTION_PAGES.get(title, slug(title))
        content = f"# {title}\n\n{site_links(body)}\n"
        if name == "errors.md":
            content += "\n## Exception classes\n\n" + error_table()
        pages[name] = (title, content)
    return pages


def reference_modules() -> list[str]:
    """Return the public modules of kitsu_helpers: the package, then every entry of its SUBMODULES table."""
    import kitsu_helpers

    return ["kitsu_helpers", *sorted(f"kitsu_helpers.{name}" for name in kitsu_helpers.SUBMODULES)]


def reference_page(module: str) -> str:
    """Return the mkdocstrings page of one module."""
    if module in DOCSTRING_ONLY:
        other = DOCSTRING_ONLY[module]
        return (
            f"# `{module}`\n\n::: {module}\n    options:\n      members: false\n\n"
            f"Its classes are documented on [`{other}`]({other}.md).\n"
        )
    if module == "kitsu_helpers":  # the package: its own functions and classes, not its submodules again
        import kitsu_helpers

        members = [n for n in kitsu_helpers.__all__ if n not in kitsu_helpers.SUBMODULES and n != "raw"]
        listed = "".join(f"\n        - {name}" for name in members)
        return f"# `{module}`\n\n::: {module}\n    options:\n      members:{listed}\n"
    return f"# `{module}`\n\n::: {module}\n"


def gazu_exceptions() -> set[str]:
    """Return the names of gazu 1.3.1's exception classes."""
    names = re.findall(r"^gazu\.exception\.(\w+)\(", GAZU_EXCEPTIONS.read_text(), flags=re.M)
    return set(names)


def exception_classes() -> list[type[BaseException]]:
    """Return every exception class defined in kitsu_helpers.errors (its warnings, never raised, left out), then
    events.EventStreamConnectionError."""
    from kitsu_helpers import errors, events

    # in the order they are defined; KitsuError is GazuException under another name
    classes = [
        c
        for c in vars(errors).values()
        if inspect.isclass(c)
        and issubclass(c, BaseException)
        and not issubclass(c, Warning)
        and c.__module__ == errors.__name__
    ]
    return list(dict.fromkeys([*classes, events.EventStreamConnectionError]))


def _statuses(cls: type[BaseException]) -> str:
    """Return the HTTP statuses that raise cls ("404", "400, other 4xx"), as errors.exception_class_for maps them."""
    from kitsu_helpers import errors

    codes = [str(code) for code, target in sorted(errors.STATUS_CLASSES.items()) if target is cls]
    codes += [f"other {first}xx" for first, probe in ((4, 418), (5, 599)) if errors.exception_class_for(probe) is cls]
    return ", ".join(codes)


def _attributes(cls: type[BaseException]) -> list[str]:
    """Return the public attributes an instance of cls carries (the `self.<name> =` of its and its bases'
    __init__, read from their source), then its public properties and methods (not those of Python's bases)."""
    own: list[str] = []
    for klass in reversed(cls.__mro__):
        init = vars(klass).get("__init__")
        if klass.__module__.startswith("kitsu_helpers") and inspect.isfunction(init):
            own += [n for n in re.findall(r"self\.(\w+)\s*=", inspect.getsource(init)) if not n.startswith("_")]
    own = list(dict.fromkeys(own))
    extra = []
    foreign = {name for base in cls.__mro__ if not base.__module__.startswith("kitsu_helpers") for name in dir(base)}
    for name in sorted(set(dir(cls)) - foreign - set(own)):  # not OSError's errno, filename... (FileNotFoundError)
        if not name.startswith("_"):
            extra.append(f"{name}()" if inspect.isfunction(inspect.getattr_static(cls, name)) else name)
    return own + extra


def error_table() -> str:
    """Return the Markdown table of the exception classes: name, bases, gazu equivalent, when raised, attributes."""
    from kitsu_helpers.errors import GazuException

    gazu = gazu_exceptions()
    classes = exception_classes()
    ours = {c.__name__ for c in classes}
    own = [c for c in classes if c.__name__ not in gazu]
    caught = all(any(b.__name__ in gazu for b in c.__mro__[1:]) for c in own)
    common = _attributes(GazuException)
    lines = [
        "Every exception class, read off the code (`kitsu_helpers/errors.py`; `kitsu_helpers.exception` is the same "
        f"module under gazu's name). {len(gazu & ours)} of gazu 1.3.1's {len(gazu)} exception classes are here under "
        f"their names; the {len(own)} others are kitsu_helpers' own"
        + (
            ", each a subclass of one of gazu's, so an `except` clause written for gazu catches them too."
            if caught
            else "."
        )
        + " Every one carries "
        + ", ".join(f"`{name}`" for name in common)
        + " (`None` when they do not apply); the last column lists what a class adds.",
        "",
        "| exception | subclass of | gazu 1.3.1 | HTTP status | when raised | adds |",
        "|---|---|---|---|---|---|",
    ]
    for cls in classes:
        path = f"{cls.__module__}.{cls.__qualname__}"
        bases = ", ".join(
            f"[`{b.__name__}`][{b.__module__}.{b.__qualname__}]"
            if b.__module__.startswith("kitsu_helpers")
            else f"`{b.__module__}.{b.__qualname__}`".replace("`builtins.", "`")
            for b in cls.__bases__
        )
        if cls.__name__ in gazu:
            equivalent = f"`{cls.__name__}`"
        else:
            ancestor = next((b.__name__ for b in cls.__mro__[1:] if b.__name__ in gazu), None)
            equivalent = f"none (caught as `{ancestor}`)" if ancestor else "none"
        doc = " ".join((inspect.getdoc(cls) or "").split()).replace("|", "\\|")
        attributes = ", ".join(f"`{name}`" for name in _attributes(cls) if name not in common)
        lines.append(
            f"| [`{cls.__name__}`][{path}] | {bases} | {equivalent} | {_statuses(cls)} | {doc} | {attributes} |"
        )
    return "\n".join(lines) + "\n"


def docs_nav(pages: dict[str, tuple[str, str]]) -> list[Any]:
    """Return the site's navigation: the README's pages, then docs/ pages that exist, then the API reference."""

    def present(*names: str) -> list[Any]:
        return [{NAV_TITLES[n]: n} if n in NAV_TITLES else n for n in names if (DOCS / n).exists()]

    guide = [{title: name} for name, (title, _) in pages.items() if name not in ("index.md", *SECTION_PAGES.values())]
    nav: list[Any] = [{"Home": "index.md"}]
    nav.append({"The three journeys": [{"Journeys": "journeys.md"}, *present("upgrade-example.md")]})
    nav.append({"From gazu": [{"Switching from gazu": "switching.md"}, *present("gazu-differences.md")]})
    nav += [{"Errors": "errors.md"}, *present("publishing.md")]
    testing = present("testing.md", "record-replay.md")
    if testing:
        nav.append({"Testing": testing})
    nav.append({"Guide": guide})
    others = sorted(p.name for p in DOCS.glob("*.md") if p.name not in PLACED_DOCS and p.name not in pages)
    if others:
        nav.append({"More": others})
    nav += present("operations.md", "architecture.md")
    nav.append({"API reference": [{m: f"reference/{m}.md"} for m in reference_modules()]})
    return nav


def generated_pages() -> dict[str, str]:
    """Return page path -> Markdown for every page made at build time."""
    pages = {name: content for name, (_, content) in readme_pages().items()}
    pages.update({f"reference/{m}.md": reference_page(m) for m in reference_modules()})
    return pages


# --- MkDocs events ----------------------------------------------------------------------------------------


def on_config(config: Any) -> Any:
    """Set the navigation (mkdocs.yml has none: it is built from the pages that exist)."""
    config["nav"] = docs_nav(readme_pages())
    return config


def on_files(files: Any, config: Any) -> Any:
    """Add the generated pages to the site."""
    from mkdocs.structure.files import File

    for path, content in generated_pages().items():
        if files.get_file_from_path(path) is not None:
            raise SystemExit(f"docs/{path} exists but the site generates {path}: remove one of them")
        files.append(File.generated(config, path, content=content))
    return files
