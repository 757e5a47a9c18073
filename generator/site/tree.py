"""The files of a folder as site-relative paths: the build lists its folders several times.

os.walk rather than Path.rglob: a national site has 26,000 files, and a Path object for each
took most of a second (0.86 s against 0.40 s for the built site).
"""

from __future__ import annotations

import os
from pathlib import Path


def files(root: Path) -> set[str]:
    """Every file under `root` (a link to a file too, but nothing in a linked folder), relative
    to it with forward slashes."""
    found: set[str] = set()
    for folder, _, names in os.walk(root):  # not into linked folders, as Path.rglob did not
        rel = os.path.relpath(folder, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        found.update(prefix + name for name in names if os.path.isfile(os.path.join(folder, name)))
    return found
