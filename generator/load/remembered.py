"""Files the last successful build read and judged, found again by their name and bytes.

Reading and judging every file is the first fifth of a rebuild at national size (11,500
YAML files and 150,000 CSV rows: parsed, validated and scanned, about 6 s), though an edit
changes a file or two. The last successful build keeps, beside the site, each file's
documents with the records the check made of them, under a hash of the file's folder, name
and bytes; the next build takes a file from there when all three are the same and reads
and judges only the others. The rules across files still run on everything, so the
Catalog is the one a build from nothing gives (tests/test_load_remembered.py).

Only a build that passed leaves this behind, so every file in it passed the check alone.
It is kept per folder of the contract: a folder none of whose files changed is linked, not
written again. Insyn's code or the versions of the libraries that read and judge make a
new start. The files are pickles, read with an unpickler that builds only the classes such
a record is made of (no function, no other class), so a file planted in the cache folder
cannot run anything.

A file's documents are kept pickled on their own and unpickled only when a check reports on
one (Recalled): a rebuild needs the records, and the documents only for a problem's line. At
national size the 150,000 key-figure rows' documents took 0.3 s to unpickle and as long to
let go of, on the rebuild's one-core start.
"""

from __future__ import annotations

import errno
import io
import os
import pickle
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from generator.load.document import Document, Link, Loc
from generator.memo import code_version, digest, library_versions
from generator.models.base import Record

Entry = tuple[tuple[Document, ...], tuple[Any, ...]]  # a file's documents and their records, in order
# A file's name, id, records, pickled documents and links (by row: Document.links).
_Kept = tuple[str, str, tuple[Any, ...], bytes, tuple[tuple[int, Link], ...]]

_FORMAT = 2
_SUFFIX = ".pickle"
_JUDGES = ("pydantic", "pydantic-core", "pyyaml")  # libraries whose versions change what is read or judged


@cache
def _version() -> str:
    return "\0".join([str(_FORMAT), sys.version, code_version(), *library_versions(_JUDGES)])


def key(folder: str, file: str, raw: bytes) -> str:
    """What a file is found again by: its folder, its name in the data folder and its bytes
    (a name the file system gave undecodable keeps its bytes)."""
    return digest(folder, file.encode("utf-8", "surrogateescape"), raw)


_ALLOWED = {
    "builtins": {"set", "frozenset", "tuple", "list", "dict", "object"},
    "datetime": {"date", "datetime", "time", "timedelta"},
    "decimal": {"Decimal"},
    "copyreg": {"_reconstructor"},
}


class _Unpickler(pickle.Unpickler):
    """Only documents, the contract's records and plain values: never a function, nor any
    other of Insyn's classes, which a planted file could call with arguments of its own (a
    function that removes a folder, say)."""

    def find_class(self, module: str, name: str) -> Any:
        if name in _ALLOWED.get(module, ()):
            return super().find_class(module, name)
        if module.startswith("generator."):
            found = super().find_class(module, name)
            if isinstance(found, type) and (found is Document or issubclass(found, Record)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name}")


class _Packed:
    """One file's `count` documents as the last build pickled them, with the name of the file
    they were kept in, unpickled the first time one of them is asked for."""

    __slots__ = ("_raw", "_shard", "_count", "_docs")

    def __init__(self, raw: bytes, shard: Path, count: int):
        self._raw = raw
        self._shard = shard
        self._count = count
        self._docs: tuple[Document, ...] | None = None

    def docs(self) -> tuple[Document, ...]:
        if self._docs is None:
            try:
                docs = _Unpickler(io.BytesIO(self._raw)).load()
                if not (isinstance(docs, tuple) and len(docs) == self._count
                        and all(type(doc) is Document for doc in docs)):
                    raise pickle.UnpicklingError(type(docs).__name__)
            except Exception:  # noqa: BLE001 - damaged or planted after the file was read whole
                raise OSError(errno.EIO, "det som förra bygget mindes om en datafil går inte att läsa",
                              str(self._shard)) from None
            self._docs = docs
        return self._docs


class Recalled(Document):
    """A remembered file's document: its file, id and links at hand (every check asks for them),
    the rest unpickled from `packed` when a check reports on it. Pickled, it is a Document."""

    def __init__(self, file: str, stem: str, packed: _Packed, index: int, links: tuple[Link, ...]):
        fields = self.__dict__  # frozen, as its Document: filled in directly, as dataclasses do
        fields["file"], fields["_stem"], fields["_packed"], fields["_index"] = file, stem, packed, index
        fields["_links"] = links

    def links(self) -> tuple[Link, ...]:
        links: tuple[Link, ...] = self.__dict__["_links"]
        return links

    def _found(self) -> Document:
        found: Document = self.__dict__["_packed"].docs()[self.__dict__["_index"]]
        return found

    @property
    def data(self) -> Any:
        return self._found().data

    @property
    def lines(self) -> dict[Loc, int]:
        return self._found().lines

    @property
    def stem(self) -> str:
        stem: str = self.__dict__["_stem"]
        return stem

    def __reduce__(self) -> tuple[type[Document], tuple[str, Any, dict[Loc, int], str]]:
        return (Document, (self.file, self.data, self.lines, self.stem))


class Remembered:
    """The entries of the last build (`folder`, None for none), taken as asked for, and this
    build's entries, given by the check once everything passed, to be written with `write`."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self._previous: dict[str, dict[str, _Kept]] = {}
        self._files: dict[str, Path] = {}  # each folder's file, named when a document cannot be unpickled
        self._new: dict[str, dict[str, Entry]] = {}

    def has(self, folder: str) -> bool:
        """Whether the last build left anything of `folder`."""
        return bool(self._shard(folder))

    def get(self, folder: str, file_key: str) -> Entry | None:
        """A file's documents (Recalled: unpickled when asked for) and records, or None."""
        kept = self._shard(folder).get(file_key)
        if kept is None:
            return None
        file, stem, records, raw, links = kept
        packed = _Packed(raw, self._files[folder], len(records))
        grouped: dict[int, list[Link]] = {}
        for row, link in links:  # none in a value file's rows, a few in an entity's one document
            grouped.setdefault(row, []).append(link)
        by_row = {row: tuple(found) for row, found in grouped.items()}
        return tuple(Recalled(file, stem, packed, row, by_row.get(row, ()))
                     for row in range(len(records))), records

    def _shard(self, folder: str) -> dict[str, _Kept]:
        if folder not in self._previous:
            self._previous[folder] = self._read(folder)
            self._files[folder] = (self.folder or Path()) / (folder + _SUFFIX)
        return self._previous[folder]

    def _read(self, folder: str) -> dict[str, _Kept]:
        """One folder's entries, or none when the file is missing, another version's or damaged."""
        if self.folder is None:
            return {}
        try:
            with open(self.folder / (folder + _SUFFIX), "rb") as handle:
                version, kept = _Unpickler(handle).load()
            if version != _version():
                return {}
            for file, stem, records, raw, links in kept.values():
                if not (isinstance(file, str) and isinstance(stem, str) and isinstance(records, tuple)
                        and isinstance(raw, bytes) and isinstance(links, tuple)):
                    return {}
            return dict(kept)
        except Exception:  # noqa: BLE001 - missing, cut short, not ours: read everything instead
            return {}

    def remember(self, folder: str, entries: Mapping[str, Entry]) -> None:
        """Every file of `folder` in this build, each judged on its own without a problem."""
        self._new[folder] = dict(entries)

    def write(self, target: Path) -> None:
        """This build's entries into `target` (a folder in the build's scratch folder). A folder
        whose files are all as before is linked to the last build's file. Raises what writing
        raises: the build then leaves the memo out (pipeline), which only makes the next build slower."""
        target.mkdir(parents=True, exist_ok=True)
        for folder, entries in self._new.items():
            path = target / (folder + _SUFFIX)
            previous = self._previous.get(folder, {})
            if self.folder is not None and previous.keys() == entries.keys() and entries:
                try:
                    os.link(self.folder / (folder + _SUFFIX), path)
                    continue
                except OSError:
                    pass
            # A file found again (the same key: the same name and bytes) keeps what the last
            # build kept of it; only the others are pickled.
            kept = {file_key: previous[file_key] if file_key in previous else _kept(docs, made)
                    for file_key, (docs, made) in entries.items()}
            buffer = io.BytesIO()
            pickle.dump((_version(), kept), buffer, protocol=pickle.HIGHEST_PROTOCOL)
            path.write_bytes(buffer.getbuffer())

    def forget(self) -> tuple[object, ...]:
        """Let go of every document and record (once `write` has them, in a child of its own):
        given to the caller, which may hold them until it lets go of them where it waits anyway
        (site.heap.Held)."""
        entries = (self._previous, self._new)
        self._previous, self._new = {}, {}
        return entries


def _kept(docs: tuple[Document, ...], records: tuple[Any, ...]) -> _Kept:
    links = tuple((row, link) for row, doc in enumerate(docs) for link in doc.links())
    return docs[0].file, docs[0].stem, records, pickle.dumps(docs, protocol=pickle.HIGHEST_PROTOCOL), links


def entity_entries(parsed: Mapping[str, tuple[Any, Document]], keys: Mapping[str, str]) -> dict[str, Entry]:
    """One folder's entries from its records by id, each with the document it came from."""
    return {keys[doc.file]: ((doc,), (item,)) for item, doc in parsed.values() if doc.file in keys}


def value_entries(varden: Iterable[tuple[Any, Document]], keys: Mapping[str, str]) -> dict[str, Entry]:
    """The value files' entries: each file's rows in order."""
    by_file: dict[str, tuple[list[Document], list[Any]]] = {}
    for value, doc in varden:
        docs, items = by_file.setdefault(doc.file, ([], []))
        docs.append(doc)
        items.append(value)
    return {keys[file]: (tuple(docs), tuple(items)) for file, (docs, items) in by_file.items() if file in keys}
