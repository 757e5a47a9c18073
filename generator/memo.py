"""Files made before, found again by what they were made from: a rebuild lays out only what changed.

The slow outputs (a report's PDF, a provider's workbook) are pure functions of their inputs.
A `Memo` keeps each one under the hash of those inputs and of Insyn's own code, so the
same inputs give the same bytes without doing the work again. A build reads the memo the
last successful build left beside the site (site.incremental) and collects what it uses in
its own scratch folder; only once it has published does that folder replace the old memo,
so a failed build changes nothing and entries nobody uses any more disappear.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import secrets
import shutil
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO

# The libraries whose versions change what a build writes, besides Insyn's own code.
_WRITERS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "markupsafe", "selectolax", "typst",
            "xlsxwriter", "python-docx", "python-pptx", "frictionless", "pagefind-bin")


@functools.cache
def code_version() -> str:
    """A hash of every file of the generator package, the versions of the libraries that write
    output, and the mode new files get here (`umask`): a file kept by a build made under another
    umask keeps that build's mode where it is linked into the site, so such a build's files are
    not taken (a rebuild under umask 077 left pages that a web server may not read)."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for version in library_versions(_WRITERS):
        digest.update(f"{version}\0".encode())
    digest.update(f"umask={umask():o}\0".encode())
    return digest.hexdigest()


@functools.cache
def umask() -> int:
    """The process's umask, which every file it makes is given its mode by. Read from the
    system where it says (Linux); else set and put back at once, as Python offers no other way."""
    with suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def library_versions(names: Iterable[str]) -> list[str]:
    """`name=version` for each installed library, `name=-` for one that is missing."""
    versions = []
    for name in names:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return versions


def digest(*parts: str | bytes) -> str:
    """sha256 of `parts`, each ended by a zero byte so that ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def values_key(values: object, reducers: Mapping[type, Any] | None = None) -> bytes:
    """Values (strings, numbers, None, dates; in lists, tuples and dicts) as a part of a key:
    pickled without sharing, so that equal values give equal bytes whichever objects hold them.
    `reducers` says how to pickle the classes that need it (pickle's dispatch table, looked up
    in C; pages.render: the pydantic models of a page's view). For open data's rows four times
    as quick as their repr (national: the 1,512 providers' tables 0.23 s -> 0.06 s)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    if reducers is not None:
        pickler.dispatch_table = reducers
    pickler.fast = True  # no memo: a value seen twice is written twice, as its equal would be
    pickler.dump(values)
    return buffer.getvalue()


# What an output is made from, as the key's parts (a name: within Memo, `bytes` is its method).
Input = str | bytes


@dataclass(frozen=True)
class Kept:
    """A file found in the memo, given as itself: linked where it is wanted instead of read and
    written again (a national rebuild's 3,000 per-provider files: 0.85 s of CPU). The memo
    never writes into a file it holds, so the link stays as it was made."""

    path: Path

    def content(self) -> bytes:
        """The file's bytes, read once (a caller may check them, then hash them, then link the file)."""
        return self._read

    @functools.cached_property
    def _read(self) -> bytes:
        return self.path.read_bytes()


# An output as the memo gives it: its bytes, or the file it keeps them in (a name: within
# Memo, `bytes` is its method).
Output = bytes | Kept


def content(data: Output) -> bytes:
    """The bytes of an output, read from the memo where it was found there."""
    return data.content() if isinstance(data, Kept) else data


def put(data: Output, target: Path) -> None:
    """`data` into `target`, a file not there yet: a kept file linked (`link`), new bytes written."""
    if isinstance(data, Kept):
        link(data.path, target)
    else:
        target.write_bytes(data)


def link(source: str | Path, target: str | Path) -> None:
    """A hard link to a file that nothing writes into again (the memo's, the search index's, a
    published page, open data's and the reports' files), else a copy (folders that cannot share
    a file): the memo, the search index's parts and the published site may then share the
    bytes. A copy never writes into a file already at `target` (it may be a link to one of
    those): that one is replaced."""
    try:
        os.link(source, target)
    except OSError:
        Path(target).unlink(missing_ok=True)
        shutil.copyfile(source, target)


class Memo:
    """Bytes by the hash of their inputs: found in `previous` (the last build's memo) or made, and
    kept in `new` either way, so that `new` holds exactly what this build used. Without a
    `new` folder everything is made anew. Nothing in `previous` is ever changed."""

    def __init__(self, previous: Path | None, new: Path | None):
        self.previous = previous
        self.new = new

    def file(self, kind: str, inputs: Iterable[Input], make: Callable[[], bytes],
             whole: Callable[[bytes], bool] | None = None) -> Output:
        """The output `make()` gives for `inputs`: the file kept for them when they were made
        before (and `whole` finds its bytes so, where it is given: else they are made and
        kept again), for a caller that puts it somewhere (`put`); else the bytes made."""
        inputs = list(inputs)  # hashed twice below
        found = self.find(kind, inputs)
        if found is not None:
            kept = Kept(found)
            if whole is None or whole(kept.content()):
                return kept
        data = make()
        self.keep(kind, inputs, lambda out: out.write(data))
        return data

    def bytes(self, kind: str, inputs: Iterable[Input], make: Callable[[], bytes],
              whole: Callable[[bytes], bool] | None = None) -> bytes:
        """As `file`, for a caller that needs the bytes themselves."""
        return content(self.file(kind, inputs, make, whole))

    def find(self, kind: str, inputs: Iterable[Input]) -> Path | None:
        """The file kept for `inputs` (now also in this build's memo), or None if there is none:
        for an output too large to hold in memory while it is copied (a workbook's sheet)."""
        if self.new is None:
            return None
        name = self._name(kind, inputs)
        kept = self.new / name
        if self.previous is None:
            return kept if kept.is_file() else None
        before = self.previous / name
        # The usual case first, in one call: the last build's file linked into this build's memo
        # (national rebuild: 3,300 entries, each asked about in four calls to the system before).
        with suppress(OSError):
            os.link(before, kept)
            return kept
        if kept.is_file():  # found before in this build, or made in it
            return kept
        if not before.is_file():
            return None
        try:
            self.new.mkdir(parents=True, exist_ok=True)
            os.link(before, kept)
        except FileExistsError:
            pass
        except OSError:  # no hard links here: a copy, whole or not at all
            def copy(out: BinaryIO) -> None:
                with open(before, "rb") as source:
                    shutil.copyfileobj(source, out, 1 << 20)
            _put(self.new, name, copy)
        return kept if kept.is_file() else before

    def keep(self, kind: str, inputs: Iterable[Input], write: Callable[[BinaryIO], object]) -> None:
        """Keep what `write` writes to the file it is given as the output for `inputs`; it
        appears whole or not at all."""
        if self.new is not None:
            _put(self.new, self._name(kind, inputs), write)

    @staticmethod
    def _name(kind: str, inputs: Iterable[Input]) -> str:
        return f"{digest(code_version(), kind, *inputs)}.{kind}"


def _put(folder: Path, name: str, write: Callable[[BinaryIO], object]) -> None:
    """`folder/name` as `write` writes it, whole or not at all (a temporary file, then a rename).
    The file gets the mode any new file gets here (not a temporary file's 0600): a kept file may
    be linked into the site (`put`), where a web server reads it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".ny-{secrets.token_hex(8)}"
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(handle, "wb") as out:
                write(out)
            os.replace(temporary, folder / name)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass  # a memo that cannot be written only makes the next build slower
