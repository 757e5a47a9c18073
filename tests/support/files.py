"""Fingerprints of folders, to prove that a build left someone's files byte-identical."""

from __future__ import annotations

import hashlib
from pathlib import Path


def snapshot(folder: Path) -> dict[str, str]:
    """Every file, folder and link under `folder`, with the SHA-256 of each file's bytes."""
    result = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            result[rel] = f"-> {path.readlink()}"
        elif path.is_dir():
            result[rel] = "<mapp>"
        else:
            result[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result
