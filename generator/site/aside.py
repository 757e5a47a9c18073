"""A published build's scratch folder, set aside in the cache and removed by the next build.

After publishing, the scratch folder holds the search index's work and the cache folders
this build replaced (and the previous site, where site.kept could not keep it). Removing it
was the last thing a build did: 2.6 s of a national rebuild's 25 s, with the site already
published, when the previous site was in it (a folder and a page for each of its 11,500 pages). It
is renamed into Insyn's cache instead, which takes no time, and the next build removes it in
a process of its own while it reads and checks the data, when the second core has nothing
else to do. That process keeps the build's priority: after a full build over an existing
site the next build has that site to remove too (national: about 30,000 files, 2 s of CPU),
which a niced process got through only once the build waited for it at its end (2.9 s of a
12-13 s rebuild; 0.2 s at the same priority, the rebuild about 1.1 s quicker). A usual
rebuild's removal (0.1-0.3 s) is done while the data is read either way. A failed build
removes its scratch folder at once, as before, so that it leaves the cache as it was.

Only folders with this module's prefix, in a cache folder carrying Insyn's marker, are
ever removed here; beside a cache folder that is someone else's the scratch folder is
removed at once.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from generator.site import incremental, parallel

PREFIX = "att-ta-bort-"


def put(out: Path, scratch: Path) -> bool:
    """Move `scratch` into the cache of `out`, to be removed by the next build; False (nothing
    moved) where the cache is missing or not Insyn's own, or the rename fails."""
    folder = incremental.cache_dir(out)
    if not incremental.ours(folder):
        return False
    try:
        os.rename(scratch, folder / (PREFIX + scratch.name))
    except OSError:
        return False
    return True


def left(out: Path) -> list[Path]:
    """The folders earlier builds set aside in the cache of `out` (never a link)."""
    folder = incremental.cache_dir(out)
    if not incremental.ours(folder):
        return []
    try:
        return sorted(entry for entry in folder.iterdir()
                      if entry.name.startswith(PREFIX) and entry.is_dir() and not entry.is_symlink())
    except OSError:
        return []


def _remove(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)  # never follows a link inside


@contextmanager
def removed_beside(out: Path) -> Iterator[None]:
    """Remove what earlier builds set aside, in a second process while the block runs; waited
    for when the block ends. A block that raises stops the removal: what is left is removed
    by the next build, and the error is reported at once."""
    folders = left(out)
    if not folders:
        yield
        return
    with parallel.beside(_remove, folders) as removing:
        yield
        with suppress(Exception):  # only the next build's disk space depends on it
            removing()
