"""Where a download may be written: the one containment check for local paths, and the final no-clobber placement.

Every file kitsu_helpers writes goes through `local_target` (called by `client.write_atomically`, and early by
`client.download` so a refused path sends no request). A path the caller names is used as given; a path that
comes from server data (a working file's stored `path`, a file name a server or URL chose) is written only below
a root the caller chose: resolved with `os.path.realpath` (so `..`, absolute paths and symbolic links are
followed first) and refused with `UnsafeLocalPathException` unless it still lies strictly inside the root.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import LocalFileExistsException, UnsafeLocalPathException

DOWNLOAD_ROOT_ENV = "KITSU_DOWNLOAD_ROOT"
"""The environment variable naming the folder below which server-chosen paths may be written
(used by `files.download_working_file` when neither `file_path` nor `root=` is given)."""

StrPath = str | os.PathLike[str]


def download_root(root: StrPath | None) -> StrPath:
    """Return root, else the folder named by KITSU_DOWNLOAD_ROOT; refuse when neither is set."""
    if root is None:
        root = os.environ.get(DOWNLOAD_ROOT_ENV) or None
    if root is None or not os.fspath(root):
        raise UnsafeLocalPathException(
            "this download would write where the server's data says: name a file_path, or a root folder "
            f"(root= or the {DOWNLOAD_ROOT_ENV} environment variable) below which it may be written"
        )
    return root


def local_target(path: StrPath, root: StrPath | None = None, overwrite: bool = True) -> Path:
    """Return the real path a download may be written to; refuse it if outside root or (unless overwrite) taken.

    Without root, path is the caller's own choice and is only resolved. With root, a relative path is taken
    below root, an absolute one must already point inside it, and the resolved result must lie strictly below
    the resolved root."""
    text = os.fspath(path)
    if not text or any(ord(char) < 32 or char == "\x7f" for char in text):
        raise UnsafeLocalPathException(f"refused local path {text!r}: empty or holds a control character")
    if root is None:
        resolved = os.path.realpath(text)
    else:
        base = os.path.realpath(os.fspath(root))
        resolved = os.path.realpath(os.path.join(base, text))  # an absolute text replaces base: checked below
        if not is_strictly_inside(resolved, base):
            raise UnsafeLocalPathException(
                f"refused local path {text!r}: it resolves to {resolved}, outside the download root {base}; "
                "nothing was written"
            )
    if not overwrite and os.path.lexists(resolved):
        raise LocalFileExistsException(f"{resolved} already exists (pass overwrite=True to replace it)")
    return Path(resolved)


def is_strictly_inside(path: str, folder: str) -> bool:
    """Return True when the (resolved) path lies below the (resolved) folder, not at it."""
    try:
        return path != folder and os.path.commonpath([path, folder]) == folder
    except ValueError:  # different drives (Windows), or mixing absolute and relative
        return False


def place_file(tmp: str, target: Path, overwrite: bool) -> None:
    """Move a complete temporary file to target; without overwrite, never replace what appeared meanwhile."""
    if overwrite:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)  # atomic and fails if target exists
    except FileExistsError:
        raise LocalFileExistsException(f"{target} already exists (pass overwrite=True to replace it)") from None
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(target):
            raise LocalFileExistsException(f"{target} already exists (pass overwrite=True to replace it)") from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)


def local_file_name(name: object, fallback: str) -> str:
    """Return a server-given file name made safe as one path component (fallback when nothing usable is left)."""
    cleaned = sanitize_filename(str(name or "")).strip(". ")
    return cleaned or fallback


def sanitize_filename(filename: str) -> str:
    """Return filename without the characters that are unsafe in paths.

    ``..`` becomes ``_``; slashes, backslashes, brackets, wildcards, ``@|():%,;``, backquotes and newlines
    are dropped; surrounding spaces are stripped.

    Args:
        filename: The file name to clean.

    Returns:
        The cleaned file name.
    """
    forbidden = set("@|():%/,\\[]<>*?;`\n")
    return "".join(c for c in filename.replace("..", "_") if c not in forbidden).strip()
