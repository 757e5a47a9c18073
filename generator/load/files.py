"""The data folder as files: found without following links, read without trusting sizes.

Only regular files are read. A symbolic link (to a file or a folder) is reported and never
followed, so nothing outside the data folder is published and no follow-up silently goes
missing. A FIFO would block a plain open() forever and a device file has no end, so every
file is checked with lstat before it is opened, opened so that neither can block
(O_NONBLOCK) nor be swapped for a link (O_NOFOLLOW), checked again on the open descriptor,
and read only up to the size limit, so a 3 GiB (or growing) file costs a few MiB at most.
Names are escaped wherever they are shown: a newline in a file name cannot forge a line of
the report.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.load.limits import MAX_FILE_BYTES
from generator.load.text import escape
from generator.problems import Problem
from generator.problems.oserror import reason

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_HIDDEN = (".", "~$")  # hidden files and Office's lock files


def relative(path: Path, root: Path) -> str:
    """The path relative to the data folder, with forward slashes. Cut from the path's text
    where it begins with the folder's: a national read asks 36,000 times, and pathlib's
    `relative_to` took 0.2 s of it."""
    text, prefix = str(path), str(root) + "/"
    if os.sep == "/" and text.startswith(prefix):
        return text[len(prefix):]
    return path.relative_to(root).as_posix()


def shown(path: Path, root: Path) -> str:
    """The path relative to the data folder (`relative`), escaped for reports."""
    return escape(relative(path, root))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "en mapp"
    if stat.S_ISFIFO(mode):
        return "en namngiven pipe, FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhetsfil"
    if stat.S_ISSOCK(mode):
        return "en socket"
    return "något annat än en fil"


def _symlink(file: str, is_dir: bool) -> Problem:
    return Problem.of("file-symlink", file, None, variant="mapp" if is_dir else "")


def _not_regular(file: str, mode: int) -> Problem:
    return Problem.of("file-unreadable", file, None, orsak=f"den är {_kind(mode)}, inte en vanlig fil")


def _unreadable(file: str, error: OSError, folder: bool = False) -> Problem:
    return Problem.of("file-unreadable", file, None, variant="mapp" if folder else "", orsak=reason(error))


def too_large(file: str, size: int) -> Problem:
    return Problem.of("file-too-large", file, None, kib=size // 1024, max_kib=MAX_FILE_BYTES // 1024)


def folder_problem(base: Path, root: Path) -> Problem | None:
    """Why a folder of the contract cannot be walked (a link, a file), or None."""
    try:
        mode = base.lstat().st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        return _unreadable(shown(base, root), error, folder=True)
    if stat.S_ISLNK(mode):
        return _symlink(shown(base, root), base.is_dir())
    return None


def walk(base: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """Every regular file under `base`, sorted by path; links and special files are problems.

    Iterative, so no depth of folders can exhaust the stack; hidden entries are skipped."""
    found: list[Path] = []
    pending = [base]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            problems.append(_unreadable(shown(folder, root), error, folder=True))
            continue
        for entry in entries:
            if entry.name.startswith(_HIDDEN):
                continue
            path = Path(entry.path)
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as error:
                problems.append(_unreadable(shown(path, root), error))
                continue
            if stat.S_ISLNK(mode):
                problems.append(_symlink(shown(path, root), path.is_dir()))
            elif stat.S_ISDIR(mode):
                pending.append(path)
            elif stat.S_ISREG(mode):
                found.append(path)
            else:
                problems.append(_not_regular(shown(path, root), mode))
    return sorted(found)


def read_bounded(path: Path, root: Path, problems: list[Problem], limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The bytes of one regular file of at most `limit` bytes, or None and a problem."""
    file = shown(path, root)
    try:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            problems.append(_symlink(file, path.is_dir()))
            return None
        if not stat.S_ISREG(mode):
            problems.append(_not_regular(file, mode))
            return None
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        problems.append(_unreadable(file, error))
        return None
    with os.fdopen(fd, "rb") as handle:
        try:
            status = os.fstat(fd)  # the file opened, which may not be the one looked at
            if not stat.S_ISREG(status.st_mode):
                problems.append(_not_regular(file, status.st_mode))
                return None
            if status.st_size > limit:
                problems.append(too_large(file, status.st_size))
                return None
            raw = handle.read(limit + 1)  # one byte more tells a file that grew since fstat
        except OSError as error:
            problems.append(_unreadable(file, error))
            return None
    if len(raw) > limit:
        problems.append(too_large(file, max(status.st_size, len(raw))))
        return None
    return raw
