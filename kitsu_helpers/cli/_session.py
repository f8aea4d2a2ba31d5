"""Where `kitsu login` keeps the session: one JSON file, readable by its owner only (0600), replaced atomically.

The folder is `$KITSU_CONFIG_DIR`, else `$XDG_CONFIG_HOME/kitsu`, else `~/.config/kitsu`; the file is
`session.json`: `{"host", "event_host", "email", "tokens": {"access_token", "refresh_token"}, "saved_at"}`.
The file is created with mode 0600 from the first byte (os.open, never open-then-chmod) under a temporary name
in the same folder, then renamed over the old one, so a reader never sees a partial file and the tokens are
never readable by anyone else, even for an instant. A folder this module creates is made 0700.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

SESSION_FILE = "session.json"


def config_dir() -> Path:
    """Return the folder of the session file (KITSU_CONFIG_DIR, else $XDG_CONFIG_HOME/kitsu, else ~/.config/kitsu)."""
    explicit = os.environ.get("KITSU_CONFIG_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CONFIG_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".config"
    return base / "kitsu"


def session_path() -> Path:
    """Return the path of the session file."""
    return config_dir() / SESSION_FILE


def load_session() -> dict[str, Any] | None:
    """Return the stored session, or None when there is none (or it is not a session file)."""
    try:
        text = session_path().read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or not data.get("host") or not isinstance(data.get("tokens"), dict):
        return None
    return data


def save_session(data: dict[str, Any]) -> Path:
    """Write the session file (0600, atomically); return its path."""
    folder = config_dir()
    if not folder.is_dir():
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
    target = folder / SESSION_FILE
    body = dict(data, saved_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    tmp = folder / f".{SESSION_FILE}.{os.urandom(6).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(tmp, flags, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(body, out, indent=2)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def clear_session() -> bool:
    """Remove the session file; return True when there was one."""
    try:
        session_path().unlink()
    except FileNotFoundError:
        return False
    return True
