"""Page sources made before, found again by their view: a rebuild renders only the pages that changed.

The thousands of small texts of a build (one source per page, 11,500 at national size)
are kept in one SQLite file rather than one file each: a national rebuild then looks them
up in a fraction of a second, and a full build writes them in one transaction instead of
creating 11,500 files. Like `memo.Memo`, a build reads the file the last successful build
left beside the site, only ever reading it, and keeps what it uses in a new file in its
scratch folder (begun as a copy of the old one, what it did not use removed at the end);
once it has published, that file replaces the old one. A file that cannot be read or
written only makes the build slower.

A build's memo is `lazy`: what it finds it gives as a Found, the text's key and hash, and
the text itself is read only where it is needed (site.stage: where the engine's input
folder does not hold it already).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any, BinaryIO

from generator.memo import code_version, digest

_TABLE = "CREATE TABLE IF NOT EXISTS texter (nyckel TEXT PRIMARY KEY, text TEXT NOT NULL, sha256 TEXT NOT NULL)"
_FIND_TEXT = "SELECT text FROM texter WHERE nyckel = ?"
_FIND_HASH = "SELECT sha256 FROM texter WHERE nyckel = ?"
# The version of Insyn that wrote the file (memo.code_version), which begins every key in it.
_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS skrivet_av (kod TEXT NOT NULL)"


def sha256(text: str) -> str:
    """The hash a text is known by: of its UTF-8 bytes, as its file holds it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Found(str):
    """A text found in the last build's file, carried by its key and hash instead of itself (a
    memo made with `lazy`): a national rebuild finds 11,500 page sources there, 158 MB, and
    fetching, decoding and encoding them took about half a second, while staging them needs
    only their hashes where the file it wrote last time still holds them. A str only so that
    the pages can hold it as they hold a text: its value is empty, and whoever needs the text
    asks `text` (or `texts_of` for many)."""

    key: str
    sha256: str
    source: Path

    def __new__(cls, key: str, hashed: str, source: Path) -> Found:
        found = super().__new__(cls, "")
        found.key, found.sha256, found.source = key, hashed, source
        return found

    def __reduce__(self) -> tuple[Any, ...]:
        return (Found, (self.key, self.sha256, self.source))

    def __eq__(self, other: object) -> bool:  # by its key, never equal to the empty text it holds
        return isinstance(other, Found) and other.key == self.key

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self.key)

    def text(self) -> str:
        return next(texts_of([self]))[1]


def texts_of(found: Iterable[Found]) -> Iterator[tuple[Found, str]]:
    """Each of `found` with its text, read from the last build's file it was found in (which no
    build replaces while another holds the lock); a text no longer there is an OSError."""
    connections: dict[Path, sqlite3.Connection | None] = {}
    try:
        for item in found:
            if item.source not in connections:
                connections[item.source] = _open_readonly(item.source)
            connection = connections[item.source]
            try:
                row = connection.execute(_FIND_TEXT, (item.key,)).fetchone() if connection else None
            except sqlite3.Error:
                row = None
            if row is None or not isinstance(row[0], str) or sha256(row[0]) != item.sha256:
                raise OSError(errno.EIO, "sidans källtext från förra bygget går inte att läsa", str(item.source))
            yield item, row[0]
    finally:
        for connection in connections.values():
            if connection is not None:
                connection.close()


class Texts:
    """Texts by the hash of their inputs and of Insyn's own code: found in `previous` (the last
    build's file) or made, and kept in `new` either way. Without `new` everything is made anew."""

    def __init__(self, previous: Path | None, new: Path | None, lazy: bool = False):
        self.new = new
        self.lazy = lazy  # a text found is given as Found, not fetched
        self._ours = new is not None and not new.exists()  # only a file it made is ever removed
        self.previous = previous if new is not None else None  # read only for a file to write to
        self._old = _open_of_this_version(previous) if previous is not None and new is not None else None
        self._out: sqlite3.Connection | None = None
        self._used: list[str] = []  # the keys of every text found or made: `close` removes the others
        if new is not None and self._ours:  # never writes into a file someone else put there, even a database
            self._out = _begun(new, previous if self._old is not None else None)

    @property
    def keeps(self) -> bool:
        """Whether this build's texts are kept (there is a file to write them to): without, a
        caller need not even work out the inputs."""
        return self._out is not None

    def text(self, kind: str, inputs: Iterable[str | bytes], make: Callable[[], str]) -> str:
        """The text `make()` gives for `inputs`, from the last build when it was made there (as
        a Found when the memo is `lazy`)."""
        if not self.keeps:
            return make()
        key = digest(code_version(), kind, *inputs)
        made = self._found(key)
        if made is None:
            made = make()
            self._keep(key, made)
        else:
            self._keep_found(key)
        return made

    def _keep_found(self, key: str) -> None:
        """A text of the last build's file, kept by its key alone: the new file began as a copy
        of that one (`_begun`), and `close` removes only what this build did not use."""
        self._used.append(key)

    def _keep(self, key: str, made: str) -> None:
        if self._out is None:
            return
        self._used.append(key)
        try:
            self._out.execute("INSERT OR REPLACE INTO texter (nyckel, text, sha256) VALUES (?, ?, ?)",
                              (key, made, sha256(made)))
        except sqlite3.Error:
            self._drop_new()

    @property
    def finds(self) -> bool:
        """Whether there are texts of the last build to find (a rebuild, most of them found)."""
        return self._old is not None

    def beside(self) -> Given:
        """This memo as a forked process uses it (`Given`); `adopt` keeps what it gave."""
        return Given(self.previous if self._old is not None else None, self.keeps, self.lazy)

    def adopt(self, given: Iterable[tuple[str, str | None]]) -> None:
        """Keep the texts a process of `beside` gave (`Given.given`), as if made or found here."""
        for key, made in given:
            if made is None:
                self._keep_found(key)
            else:
                self._keep(key, made)

    def _found(self, key: str) -> str | None:
        if self._old is None or self.previous is None:
            return None
        try:
            row = self._old.execute(_FIND_HASH if self.lazy else _FIND_TEXT, (key,)).fetchone()
        except sqlite3.Error:  # damaged or from another version: made anew
            self._old.close()
            self._old = None
            return None
        if not row or not isinstance(row[0], str):
            return None
        return Found(key, row[0], self.previous) if self.lazy else row[0]

    def __enter__(self) -> Texts:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Write the new file out (after the last `text`; `with` calls it)."""
        if self._old is not None:
            self._old.close()
            self._old = None
        if self._out is not None:
            try:
                self._out.execute(_VERSION_TABLE)
                self._out.execute("DELETE FROM skrivet_av")
                self._out.execute("INSERT INTO skrivet_av (kod) VALUES (?)", (code_version(),))
                self._out.commit()
                self._keep_only_used()
                self._out.close()
            except sqlite3.Error:
                self._drop_new()
            self._out = None

    def _keep_only_used(self) -> None:
        """Remove from the new file the texts of the last build that this one did not use, so
        that it holds what this build used and nothing else; when that leaves a quarter of it empty
        (a build whose code changed makes every text anew), it is written again without the gaps."""
        if self._out is None:
            return
        self._out.execute("CREATE TEMP TABLE brukade (nyckel TEXT PRIMARY KEY)")
        self._out.executemany("INSERT OR IGNORE INTO brukade VALUES (?)", ((key,) for key in self._used))
        self._out.execute("DELETE FROM main.texter WHERE nyckel NOT IN (SELECT nyckel FROM temp.brukade)")
        self._out.commit()
        free = self._out.execute("PRAGMA freelist_count").fetchone()[0]
        if free * 4 > self._out.execute("PRAGMA page_count").fetchone()[0]:
            self._out.execute("VACUUM")

    def _drop_new(self) -> None:
        if self._out is not None:
            try:
                self._out.close()
            except sqlite3.Error:
                pass
        self._out = None
        if self.new is not None and self._ours:
            try:
                self.new.unlink(missing_ok=True)
            except OSError:
                pass  # the build keeps it only if it exists and was written whole (close)


class Given(Texts):
    """The memo in a forked process: it reads the last build's file through a connection of its
    own (one of SQLite's may not cross a fork) and, instead of writing what it used, hands it
    back (`given`) with its result, for the build's own memo to keep (`Texts.adopt`)."""

    def __init__(self, previous: Path | None, keeps: bool, lazy: bool = False):
        super().__init__(None, None, lazy)  # nothing opened here: the file is opened at the first lookup,
        self.previous = previous  # in the process that looks up
        self._to_open = previous if keeps else None
        self._keeps = keeps
        self.given: list[tuple[str, str | None]] = []  # (key, text), the text None when found

    @property
    def keeps(self) -> bool:
        return self._keeps

    def _found(self, key: str) -> str | None:
        if self._to_open is not None:
            self._old, self._to_open = _open_of_this_version(self._to_open), None
        return super()._found(key)

    def _keep(self, key: str, made: str) -> None:
        self.given.append((key, made))

    def _keep_found(self, key: str) -> None:
        self.given.append((key, None))


def _begun(new: Path, previous: Path | None) -> sqlite3.Connection | None:
    """The new file, begun as a copy of the last build's (`previous`) when there is one: a
    file copy, where SQLite copying the texts found took 0.5 s of a national rebuild. A copy
    SQLite cannot read is begun empty; None when not even that can be written. The file is
    created here (never opened as it is), so only a file this made is written to or removed."""
    try:
        target = open(new, "xb")  # x: never over another's file
    except OSError:
        return None
    try:
        with target:
            copied = previous is not None and _copied(previous, target)
    except OSError:  # closing it failed (a full disk): what it holds is not a copy
        copied = False
    if copied:
        with suppress(sqlite3.Error):
            return _writable(new, check=True)
    try:
        os.truncate(new, 0)  # nothing, or a copy SQLite cannot read: begun empty
        return _writable(new)
    except (OSError, sqlite3.Error):
        with suppress(OSError):
            new.unlink()
        return None


def _copied(previous: Path, target: BinaryIO) -> bool:
    """Whether the last build's file was copied whole into `target`."""
    try:
        with open(previous, "rb") as source:
            shutil.copyfileobj(source, target, 1 << 20)
    except OSError:
        return False
    return True


def _writable(path: Path, check: bool = False) -> sqlite3.Connection:
    """`path` opened to write texts into; with `check`, the texts it holds read once (a copy)."""
    connection = sqlite3.connect(path, isolation_level="DEFERRED")
    try:
        connection.execute("PRAGMA journal_mode=OFF")  # a scratch file: a failed build throws it away
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute(_TABLE)
        if check:
            connection.execute("SELECT nyckel, text, sha256 FROM texter LIMIT 1").fetchall()
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def _readonly_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?immutable=1"


def written_by_this_version(path: Path) -> bool:
    """Whether the file at `path` was written by this version of Insyn (memo.code_version)."""
    connection = _open_of_this_version(path)
    if connection is None:
        return False
    connection.close()
    return True


def _open_of_this_version(path: Path) -> sqlite3.Connection | None:
    """The last build's file, opened to be read (`_open_readonly`), where this version of Insyn
    wrote it: from another, none of its texts would be found, as every key begins with the
    version, so it is neither looked in nor copied as the new file's beginning (after an
    upgrade, 170 MB at national size, all of it then removed). A file written before the
    version was noted in it counts as another's."""
    connection = _open_readonly(path)
    if connection is None:
        return None
    try:
        row = connection.execute("SELECT kod FROM skrivet_av").fetchone()
    except sqlite3.Error:
        row = None
    if row is not None and row[0] == code_version():
        return connection
    connection.close()
    return None


def _open_readonly(path: Path) -> sqlite3.Connection | None:
    """The last build's file, opened so that SQLite writes nothing beside it (no lock, no journal)."""
    if not path.is_file():
        return None
    try:
        return sqlite3.connect(_readonly_uri(path), uri=True)
    except sqlite3.Error:
        return None
