"""Pagefind's index files, read and written: gzip around a magic word and CBOR.

The layout is Pagefind 1.5's (`pagefind/src/index/` in its repository): the metadata file
lists the pages, the word chunks and the filters; each word chunk and filter file is an
inverted index over page numbers. Insyn pins pagefind-bin, and `read` refuses a file that
does not start as this version's do.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cbor2

from generator.memo import Memo, Output, content, put
from generator.problems import BuildError

MAGIC = b"pagefind_dcd"  # what every index file starts with, before its CBOR, inside the gzip
ENTRY = "pagefind-entry.json"
# What the browser loads besides the index files; the same in every bundle of one version.
PROGRAM = ("pagefind.js", "pagefind-worker.js")

# Pagefind compresses at level 9; 6 makes the national site's word chunks 2.6 % larger
# and writes them seven times faster (7 s less per build).
_LEVEL = 6

# The metadata file: [version, pages, word chunks, filters, sorts, meta fields].
VERSION, PAGES, CHUNKS, FILTERS, SORTS, META_FIELDS = range(6)


def read(path: Path) -> Any:
    """The CBOR value of one index file."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MAGIC):
        raise BuildError("search-index-missing", f"Sökindexets fil {path.name} har ett okänt format.",
                         "Kontrollera att pagefind-bin har den version som Insyn anger.")
    return cbor2.loads(data[len(MAGIC):])


def metadata(folder: Path) -> tuple[dict[str, Any], str, list[Any]] | None:
    """A bundle's entry, its language and its metadata file's value; None for a bundle without
    any page. Insyn indexes in Swedish only: a bundle in several languages stops the build."""
    entry = json.loads((folder / ENTRY).read_text(encoding="utf-8"))
    languages = entry.get("languages") or {}
    if not languages:
        return None
    if len(languages) != 1:
        raise BuildError("search-index-missing", "Sökindexet fick sidor på flera språk.",
                         "Bygg igen. Om felet finns kvar, rapportera det till dem som sköter Insyn.")
    language, about = next(iter(languages.items()))
    return entry, language, read(folder / f"pagefind.{about['hash']}.pf_meta")


def write(folder: Path, prefix: str, suffix: str, length: int, value: Any) -> str:
    """Write `value` as an index file named by its own content; the name without `suffix`."""
    return write_encoded(folder, prefix, suffix, length, cbor2.dumps(value))


def write_encoded(folder: Path, prefix: str, suffix: str, length: int, encoded: bytes) -> str:
    """Write CBOR bytes as an index file named by its own content; the name without `suffix`."""
    return write_packed(folder, prefix, suffix, length, pack(encoded))


def pack(encoded: bytes) -> bytes:
    """CBOR bytes as an index file holds them (zlib lets go of Python's lock meanwhile, so
    several may be packed at once in threads)."""
    return gzip.compress(MAGIC + encoded, compresslevel=_LEVEL, mtime=0)


def packed_with(memo: Memo) -> Callable[[bytes], Output]:
    """`pack`, taking from `memo` what the last build packed for the same CBOR: after one edit
    three in four of a national index's 210 word chunks are as before, and packing them took
    0.6 s of CPU at the very end of a rebuild. A kept file is used only if it unpacks to the
    CBOR it stands for (a damaged one is packed again), and is linked into the index
    (`write_packed`)."""
    def packed(encoded: bytes) -> Output:
        return memo.file(_KEPT, [hashlib.sha256(encoded).hexdigest(), str(_LEVEL), zlib.ZLIB_RUNTIME_VERSION],
                          lambda: pack(encoded), whole=lambda data: _unpacks_to(data, encoded))

    return packed


_KEPT = "sokindex-packat"  # the memo's kind for packed index files


def _unpacks_to(data: bytes, encoded: bytes) -> bool:
    try:
        return gzip.decompress(data) == MAGIC + encoded
    except (OSError, EOFError, zlib.error):  # not whole
        return False


def write_packed(folder: Path, prefix: str, suffix: str, length: int, data: Output) -> str:
    """Write packed bytes (`pack`, or the memo's file of them) as an index file named by its own
    content; the name without `suffix`. The name is lengthened while another file of the folder
    has it (two contents whose hashes start alike), as Pagefind does with its own names."""
    whole = hashlib.sha256(content(data)).hexdigest()
    folder.mkdir(parents=True, exist_ok=True)
    for end in range(length, len(whole) + 1):
        name = f"{prefix}_{whole[:end]}"
        target = folder / f"{name}{suffix}"
        if not target.exists():
            put(data, target)
            return name
        if target.read_bytes() == content(data):
            return name
    raise BuildError("search-index-missing", "Sökindexet fick två filer med samma namn.",
                     "Bygg igen. Om felet finns kvar, rapportera det till dem som sköter Insyn.")


def pagefind_hash(payload: bytes) -> str:
    """Pagefind's own full hash of a fragment's content: SHA-1 with each byte in hex, unpadded."""
    return "".join(format(byte, "x") for byte in hashlib.sha1(payload).digest())  # noqa: S324 - Pagefind's name, not security


def fragment_payload(path: str | Path) -> bytes:
    """A fragment file's JSON, as Pagefind hashed it for its name."""
    with open(path, "rb") as file:
        data = gzip.decompress(file.read())
    return data[len(MAGIC):] if data.startswith(MAGIC) else data
