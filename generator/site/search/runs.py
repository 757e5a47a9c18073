"""A part's words, encoded once, when the part is indexed, for every merge that takes the part.

The merged index numbers its pages part by part (site.search.merge): each part's pages keep
their order and get consecutive numbers. A word's page list in the merged index is then its
page list in each part, one after the other, and since the lists are delta-coded, only the
first page of each part's list gets a new number. Everything else is the part's own CBOR,
encoded here in the process that indexed the part, beside the rest of the build, and kept
with the part: a rebuild encodes only the parts it indexed again, and the merge only joins
bytes.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import cbor2

from generator.site.search import bundle

FILE = "insyn-ord.cbor"  # in a part's folder, beside Pagefind's own files; never published
FORMAT = "ord-1"  # part of each part's name (site.search.shards): a part made before this format is indexed again

# A word's pages in one part: [first page, last page, pages, size, first page's CBOR, the others' CBOR].
# The numbers are the part's own; the first page's CBOR is its word and meta positions (the
# page number is encoded by the merge), the others' is their delta-coded entries.
Run = list[Any]
FIRST, LAST, COUNT, SIZE, HEAD, REST = range(6)


def array(length: int) -> bytes:
    """The CBOR head of an array of `length` items."""
    data = io.BytesIO()
    cbor2.CBOREncoder(data).encode_length(4, length)
    return data.getvalue()


def write(folder: Path) -> None:
    """Encode the words of the Pagefind bundle in `folder` into its FILE (nothing for a bundle
    without pages)."""
    found = bundle.metadata(folder)
    if found is not None:
        (folder / FILE).write_bytes(cbor2.dumps(_words(folder, found[2], [])))


def read(folder: Path, meta: list[Any], fields: list[int]) -> list[Any]:
    """The part's words as [word, run, [[spelling, run], …]], in order. From its FILE when the
    merged index numbers its meta fields as the part does (`fields` empty), else encoded now."""
    if not fields and (folder / FILE).is_file():
        found: list[Any] = cbor2.loads((folder / FILE).read_bytes())
        return found
    return _words(folder, meta, fields)


def _words(folder: Path, meta: list[Any], fields: list[int]) -> list[Any]:
    """Every word of the part's chunks with its run and its spellings' runs; meta field
    numbers mapped by `fields` (the merged number of each of the part's fields) unless empty."""
    found = []
    for _, _, name in meta[bundle.CHUNKS]:
        for word, packed, variants in bundle.read(folder / "index" / f"{name}.pf_index")[0]:
            found.append([word, _run(packed, fields), [[form, _run(pages, fields)] for form, pages in variants]])
    return found


def _run(packed: list[list[Any]], fields: list[int]) -> Run | None:
    """A page list as Pagefind wrote it (delta-coded numbers) as a run; None for an empty one
    (a word Pagefind keeps only for its spellings, such as "allman" for "allmänheten")."""
    if not packed:
        return None
    pages = packed
    if fields or any(len(page) < 3 for page in packed):
        pages = []
        for page in packed:
            meta_locs = page[2] if len(page) > 2 else []
            if meta_locs and fields:
                # Negative numbers switch meta field (-(field + 1)); those are renumbered.
                meta_locs = [-(fields[-loc - 1] + 1) if loc < 0 else loc for loc in meta_locs]
            pages.append([page[0], page[1], meta_locs])
    size = sum(len(locs) + len(meta_locs) + 1 for _, locs, meta_locs in pages)
    first, rest = pages[0], pages[1:]
    return [first[0], sum(page[0] for page in pages), len(pages), size,
            cbor2.dumps(first[1]) + cbor2.dumps(first[2]), cbor2.dumps(rest)[len(array(len(rest))):]]
