"""Zip entries added as an earlier build compressed them: a rebuild compresses only what changed.

XlsxWriter packs every sheet of insyn.xlsx into its zip anew, and after one edit at national
size compressing the sheets that had not changed took about 0.45 s of the file's 0.7 s, in
the writer a rebuild waits for; the package's zip likewise compressed every CSV file again
(0.19 s). zipfile cannot add an entry that is compressed already, so `Zip` adds one through
zipfile's own writer with its compressor swapped for one that passes the bytes through: the
headers, the offsets and the directory are what zipfile writes for the file itself (tests:
the same bytes either way). What it swaps is zipfile's own, not public: `Zip.add` refuses a
zipfile that no longer has it rather than write a wrong file. A memo keeps the entries
(`keep`, `recalled`).
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from generator.memo import Input, Memo

_HEAD = struct.Struct("<IQ32s")  # CRC-32, size unpacked, sha256 of the compressed bytes
_DATA_DESCRIPTOR = 0x08  # the flag of an entry whose CRC and sizes follow its bytes (APPNOTE 4.4.4)


@dataclass(frozen=True)
class Entry:
    """One file as a zip holds it, compressed (raw deflate)."""

    data: bytes
    crc: int
    size: int  # unpacked

    def packed(self) -> bytes:
        """As a memo keeps it: a header, then the compressed bytes."""
        return _HEAD.pack(self.crc, self.size, hashlib.sha256(self.data).digest()) + self.data

    def _write_to(self, out: BinaryIO) -> None:
        out.write(self.packed())

    @classmethod
    def unpacked(cls, kept: bytes) -> Entry | None:
        """The entry `packed` gave, or None when it is not whole (cut off, or changed)."""
        if len(kept) < _HEAD.size:
            return None
        crc, size, sha = _HEAD.unpack_from(kept)
        data = kept[_HEAD.size:]
        return cls(data, crc, size) if hashlib.sha256(data).digest() == sha else None


def recalled(memo: Memo, kind: str, inputs: list[Input]) -> Entry | None:
    """The entry `memo` kept for `inputs`, or None when there is none or it is not whole."""
    found = memo.find(kind, _with_zlib(inputs))
    if found is None:
        return None
    try:
        return Entry.unpacked(found.read_bytes())
    except OSError:
        return None


def keep(memo: Memo, kind: str, inputs: list[Input], entry: Entry) -> None:
    """`entry` kept in `memo` for `inputs`, for `recalled` in the next build."""
    memo.keep(kind, _with_zlib(inputs), entry._write_to)


def _with_zlib(inputs: list[Input]) -> list[Input]:
    """Compressed by another zlib, the same bytes may be other bytes."""
    return [*inputs, zlib.ZLIB_RUNTIME_VERSION]


@dataclass
class Entries:
    """What a `Zip` does with some files it is asked to add, by their paths on disk."""

    given: dict[str, Entry] = field(default_factory=dict)  # added as these bytes, whatever the file holds
    wanted: dict[str, Callable[[Entry], None]] = field(default_factory=dict)  # compressed as usual, then handed over

    def give(self, path: str, entry: Entry) -> None:
        self.given[os.fspath(path)] = entry

    def want(self, path: str, take: Callable[[Entry], None]) -> None:
        self.wanted[os.fspath(path)] = take


class _PassThrough:
    """A compressor for bytes that are compressed already."""

    def compress(self, data: bytes) -> bytes:
        return data

    def flush(self) -> bytes:
        return b""


class Zip(zipfile.ZipFile):
    """A zipfile.ZipFile for writing that can `add` an entry compressed already and give the
    entry it `wrote` last. Its `write` adds the `entries` given as they are and hands each
    one wanted over once compressed."""

    def __init__(self, *args: Any, entries: Entries | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entries = entries or Entries()

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None, compresslevel: Any = None) -> None:
        path = os.fspath(filename)
        given = self.entries.given.pop(path, None)
        if given is not None:
            # With the name, time and mode zipfile's `write` would take from the file.
            self.add(zipfile.ZipInfo.from_file(path, arcname, strict_timestamps=getattr(self, "_strict_timestamps", True)),
                     given)
            return
        super().write(filename, arcname, compress_type, compresslevel)
        take = self.entries.wanted.pop(path, None)
        if take is not None and self.filelist[-1].compress_type == zipfile.ZIP_DEFLATED:
            take(self.wrote())

    def add(self, info: zipfile.ZipInfo, entry: Entry) -> None:
        """`entry` added as it is, under `info`'s name, time and mode."""
        if not _swappable():
            raise RuntimeError("zipfile has changed: read opendata/zipkept.py again before upgrading")
        info.compress_type = zipfile.ZIP_DEFLATED
        info.file_size = entry.size  # zipfile decides on ZIP64 by the size
        with self.open(info, "w") as out:
            out._compressor = _PassThrough()  # type: ignore[attr-defined]
            out.write(entry.data)
            out._crc, out._file_size = entry.crc, entry.size  # type: ignore[attr-defined]

    def wrote(self) -> Entry:
        """The entry just written, compressed: its bytes end where the directory will start (in
        a file zipfile can seek in; else a descriptor follows them, and this refuses)."""
        info = self.filelist[-1]
        if info.flag_bits & _DATA_DESCRIPTOR or self.fp is None:
            raise RuntimeError("a kept zip entry is read back only from a file zipfile can seek in")
        here = self.fp.tell()
        self.fp.seek(self.start_dir - info.compress_size)
        data = self.fp.read(info.compress_size)
        self.fp.seek(here)
        return Entry(data, info.CRC, info.file_size)


@contextmanager
def writing(module: Any, entries: Entries) -> Iterator[None]:
    """Within this block `module` (XlsxWriter's workbook module) makes its ZipFile a `Zip`
    with `entries`. Every entry given must have been added by the end: one that was not
    would mean its file went into the zip some other way, as the empty file it stands for."""
    if module.ZipFile is not zipfile.ZipFile:
        raise RuntimeError("XlsxWriter has changed: read opendata/zipkept.py again before upgrading")
    module.ZipFile = functools.partial(Zip, entries=entries)
    try:
        yield
    finally:
        module.ZipFile = zipfile.ZipFile
    if entries.given:
        raise RuntimeError(f"{len(entries.given)} kept entries were not added to the zip")


@functools.cache
def _swappable() -> bool:
    """Whether zipfile's writer still keeps its compressor, CRC and size where `Zip` sets them."""
    with zipfile.ZipFile(io.BytesIO(), "w", zipfile.ZIP_DEFLATED) as probe, probe.open("x", "w") as out:
        return all(hasattr(out, name) for name in ("_compressor", "_crc", "_file_size"))

