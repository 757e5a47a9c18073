"""Publishing a finished site folder: one build at a time, swapped in whole or not at all.

A reader of the output folder must never see half a site, and a failed or interrupted
build must leave the previous site byte-identical. So every build works in a temporary
folder beside the output (same file system, so a rename is atomic), holds a lock while it
does, and exchanges the two folders in one system call where Linux offers it.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from generator.problems import BuildError, oserror, show_value
from generator.site import libc, parallel, stopping

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


# In every scratch folder from the moment it is made: what a killed build left is known by it.
_SCRATCH_MARK = ".insyn-bygge"


def _scratch_prefix(out: Path) -> str:
    return f".{out.name}.bygge-"


def _lock_path(out: Path) -> Path:
    return out.parent / f".{out.name}.las"


@contextmanager
def locked(out: Path, on_wait: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Hold an exclusive lock beside `out`; a second build waits here until the first is done."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with _lock_file(_lock_path(out)) as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _lock_file(path: Path) -> BinaryIO:
    """The lock file, opened without following a link: one put there (even to nothing) would
    have made Insyn create a file where it points."""
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        raise BuildError("out-refused", f"Låsfilen {show_value(path, limit=200)} är en symbolisk länk. Insyn skapar "
                         "och skriver aldrig något genom en länk.", "Ta bort länken och bygg igen.") from None
    return os.fdopen(handle, "a+b")


@contextmanager
def scratch_folder(out: Path, set_aside: Callable[[Path], bool] = lambda _: False) -> Iterator[Path]:
    """A temporary folder beside `out`, always gone afterwards, whatever happened: removed, or,
    after a block that succeeded, moved away by `set_aside` when it says so (site.aside).

    Call it while holding the lock: leftovers of a build that was killed outright
    (SIGKILL, power cut) are removed first, since no other build can be using them; only
    folders with the mark a scratch folder gets when it is made (`_SCRATCH_MARK`), never
    someone's own folder that merely has such a name (a data folder `.site.bygge-data`).
    """
    prefix, stale = _scratch_prefix(out), []
    with suppress(OSError), os.scandir(out.parent) as entries:
        stale = [Path(entry.path) for entry in entries if entry.name.startswith(prefix)
                 and entry.is_dir(follow_symlinks=False) and os.path.isfile(os.path.join(entry.path, _SCRATCH_MARK))]
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)
    scratch = Path(tempfile.mkdtemp(prefix=prefix, dir=out.parent))
    (scratch / _SCRATCH_MARK).write_bytes(b"")
    try:
        yield scratch
    except BaseException:
        remove(scratch)
        raise
    moved = False
    try:
        moved = set_aside(scratch)
    finally:  # set_aside failing in a way of its own leaves nothing behind either
        if not moved:
            remove(scratch)


# From about this many files on, a folder is removed by two processes (the example's scratch
# folder holds about 2,000: there the second process would cost more than it saves).
MIN_FILES_BESIDE = 10_000


def _estimate(entry: Path) -> int:
    """About how many files and folders `entry` holds: its own entries and those of its folders
    (a site's page is a folder with its index.html)."""
    try:
        with os.scandir(entry) as items:
            listed = list(items)
    except OSError:
        return 1
    count = 1 + len(listed)
    for folder in (item.path for item in listed if item.is_dir(follow_symlinks=False)):
        try:
            count += len(os.listdir(folder))
        except OSError:
            count += 1
    return count


def remove(folder: Path) -> None:
    """Remove `folder` whole. After a build it holds the previous site, the engine's input and
    the search index's work, about 50,000 files at national size; the file system removes two
    folders' files at once faster than one after the other (40,000 files: 3.9 s -> 2.8 s), so a
    large one is removed by two processes (site.parallel), each taking about half of its folders."""
    sized = [(_estimate(entry), entry) for entry in _entries(folder)]
    mine, theirs = halves(sized)
    large = len(sized) >= 2 and sum(size for size, _ in sized) >= MIN_FILES_BESIDE
    with parallel.beside_if(large, _remove_all, theirs) as removed:
        _remove_all(mine)
        removed()
    shutil.rmtree(folder, ignore_errors=True)  # what is left: the folder and its first level


def _entries(folder: Path) -> list[Path]:
    """What is in `folder` and in each of its folders: the previous site alone is half of the
    files (a folder and a page for each of its 11,500 pages, and the search index's fragments),
    so its folders are shared out one by one."""
    try:
        top = sorted(folder.iterdir())
    except OSError:
        return []
    entries = []
    for entry in top:
        try:
            inside = sorted(entry.iterdir()) if entry.is_dir() and not entry.is_symlink() else []
        except OSError:
            inside = []
        entries += inside or [entry]
    return entries


def halves(sized: list[tuple[int, Path]]) -> tuple[list[Path], list[Path]]:
    """Entries with their sizes in two halves of about the same size: the largest first, each
    to the half with fewer files so far."""
    parts: tuple[list[Path], list[Path]] = ([], [])
    totals = [0, 0]
    for size, entry in sorted(sized, reverse=True):
        half = 0 if totals[0] <= totals[1] else 1
        parts[half].append(entry)
        totals[half] += size
    return parts


def _remove_all(entries: list[Path]) -> None:
    for entry in entries:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


@contextmanager
def workspace(out: Path, on_wait: Callable[[], None] = lambda: None,
              set_aside: Callable[[Path], bool] = lambda _: False) -> Iterator[Path]:
    """The one place a build may write before publishing: a scratch folder beside `out`, held
    under the lock, gone afterwards (scratch_folder), with SIGTERM and SIGHUP treated like Ctrl+C."""
    with stopping.stop_cleanly(), locked(out, on_wait=on_wait), scratch_folder(out, set_aside) as scratch:
        yield scratch


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    renameat2 = libc.function("renameat2")
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a))


def swap_in(new: Path, out: Path) -> None:
    """Put the finished folder `new` at `out`; the previous site ends up at `new` (to delete).

    Where the exchange is not offered, two renames are used: the old site moves aside and is
    moved back if the second rename fails, so `out` is only briefly missing, never mixed.
    """
    try:
        if out.exists() or out.is_symlink():
            if _exchange(new, out):
                return
            aside = new.with_name(new.name + "-gammal")
            out.rename(aside)
            try:
                new.rename(out)
            except BaseException:
                aside.rename(out)
                raise
            aside.rename(new)
        else:
            new.rename(out)
    except OSError as error:
        raise BuildError("publish-failed", f"Den nya webbplatsen kunde inte flyttas till {out}: {oserror.reason(error)}.",
                         "Kontrollera att mappen går att skriva i och att disken inte är full.") from None
