"""Fingerprints of folders, to prove that a build left someone's files byte-identical."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path


def snapshot(folder: Path) -> dict[str, str]:
    """Every file, folder and link under `folder`, with each file's permissions (a web server
    reads a published file only where others may) and the SHA-256 of its bytes."""
    result = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            result[rel] = f"-> {path.readlink()}"
        elif path.is_dir():
            result[rel] = "<mapp>"
        else:
            result[rel] = f"{stat.S_IMODE(path.stat().st_mode):o} {hashlib.sha256(path.read_bytes()).hexdigest()}"
    return result
