"""Several Pagefind bundles made into one, as if Pagefind had indexed all their pages at once.

Pagefind holds the index of every page in memory until it writes (about 2 GB for a national
site of 11,500 pages) and cannot update an index. Indexed in parts (site.search.shards),
each part needs a fraction of that, and a rebuild indexes again only the parts whose pages
changed. The browser still loads one index: a phone downloads the same few files for its
first query as from one Pagefind run (merging in the browser with `mergeIndex` would load
Pagefind's WebAssembly once per part).

What each page contributes (its words and their positions, its filters, its fragment) is
the same in every part it could be in, so the merge only renumbers pages and joins the
lists. Pages are numbered part by part, in the parts' order and each part's own: a word's
merged page list is then the parts' lists one after the other, already encoded with each
part (site.search.runs), and the merge joins their bytes. The merged bundle depends only on
the pages and how the plan splits them (shards.plan, from the pages alone), so a rebuild
gives the bytes of a full build. The words are cut into chunks exactly as Pagefind cuts them
(`chunk_index` and `chunk_meta` in its `index/mod.rs`).
"""

from __future__ import annotations

import heapq
import io
import itertools
import json
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cbor2

from generator.memo import Memo, Output, link
from generator.problems import BuildError
from generator.site import parallel
from generator.site.search import bundle, runs

CHUNK_SIZE = 20_000  # Pagefind's default index chunk size, in locations
_HINT = "Bygg igen. Om felet finns kvar, rapportera det till dem som sköter Insyn."
_PAGE = runs.array(3)  # a page in a word's list: [number, word positions, meta field positions]
_SPELLING = runs.array(2)  # a spelling of a word: [spelling, pages]


@dataclass
class _Part:
    """One bundle: its metadata and where its pages and meta fields go in the merged index."""

    folder: Path
    entry: dict[str, Any]
    language: str
    meta: list[Any]
    first: int = 0  # the merged number of its first page; the others follow in its own order
    fields: list[int] = field(default_factory=list)  # the merged number of each of its meta fields; empty where the same

    def words(self) -> Iterator[tuple[str, runs.Run | None, list[tuple[str, runs.Run | None]]]]:
        """The bundle's words in order, with the runs of their pages and spellings, numbered as merged."""
        for word, run, variants in runs.read(self.folder, self.meta, self.fields):
            yield word, self._moved(run), [(form, self._moved(more)) for form, more in variants]

    def _moved(self, run: runs.Run | None) -> runs.Run | None:
        return None if run is None else [run[runs.FIRST] + self.first, run[runs.LAST] + self.first, *run[runs.COUNT:]]


def _load(folder: Path) -> _Part | None:
    """A bundle's entry and metadata; None for a bundle without any page."""
    found = bundle.metadata(folder)
    if found is None:
        return None
    entry, language, meta = found
    if meta[bundle.SORTS]:
        raise BuildError("search-index-missing", "En sida sorterar sökträffarna med data-pagefind-sort, som Insyns "
                         "sökindex inte kan ta med.", "Ta bort data-pagefind-sort från de handskrivna sidorna i content/.")
    return _Part(folder, entry, language, meta)


def _fragments(parts: Sequence[_Part], out: Path) -> tuple[list[tuple[str, int]], list[tuple[str, str]]]:
    """Every page's fragment file for `out/fragment`: the pages as (name, word count), in the
    merged order (part by part), and the links to make, (fragment file, its merged name). Two
    different pages whose names collide (Pagefind names a fragment by the start of its hash,
    and each part named its own) get longer names, as Pagefind does."""
    folder = out / "fragment"
    folder.mkdir(parents=True, exist_ok=True)
    into = str(folder)
    taken: dict[str, str] = {}  # name → the fragment file it names
    pages: list[tuple[str, int]] = []
    links: list[tuple[str, str]] = []
    for part in parts:
        part.first = len(pages)
        fragments = os.path.join(part.folder, "fragment")  # paths as text: 11,500 pages a national rebuild
        for name, word_count in part.meta[bundle.PAGES]:
            source = os.path.join(fragments, f"{name}.pf_fragment")
            final = name
            if name in taken and not _same(taken[name], source):
                whole = f"{part.language}_{bundle.pagefind_hash(bundle.fragment_payload(source))}"
                for end in range(len(name) + 1, len(whole) + 1):
                    final = whole[:end]
                    if final not in taken or _same(taken[final], source):
                        break
                else:
                    raise BuildError("search-index-missing", "Två sidor fick samma namn i sökindexet.", _HINT)
            if final not in taken:
                taken[final] = source
                links.append((source, os.path.join(into, f"{final}.pf_fragment")))
            pages.append((final, word_count))
    return pages, links


def _linked(links: Sequence[tuple[str, str]]) -> None:
    for source, target in links:
        link(source, target)


# From this many fragments on, they are linked by a process of its own while the words are
# merged (a national index: 11,500, about 0.3 s of waiting on the file system).
LINKED_BESIDE = 1000


def _same(a: str, b: str) -> bool:
    with open(a, "rb") as first, open(b, "rb") as second:
        return first.read() == second.read()


def _fields(parts: Sequence[_Part]) -> list[str]:
    """The meta fields of every part, in Pagefind's order (sorted); each part's numbers mapped."""
    fields = sorted({field for part in parts for field in part.meta[bundle.META_FIELDS]})
    for part in parts:
        mapped = [fields.index(field) for field in part.meta[bundle.META_FIELDS]]
        part.fields = [] if mapped == list(range(len(mapped))) else mapped
    return fields


def _merged_words(parts: Sequence[_Part]) -> Iterator[tuple[str, list[runs.Run], list[tuple[str, list[runs.Run]]]]]:
    """Each word once, in order, with the runs of its pages in every part, and of its spellings'.
    The runs come in the parts' order, so their page numbers rise."""
    streams = [part.words() for part in parts]
    for word, group in itertools.groupby(heapq.merge(*streams, key=lambda item: item[0]), key=lambda item: item[0]):
        pages: list[runs.Run] = []
        variants: dict[str, list[runs.Run]] = {}
        for _, run, forms in group:
            pages += [run] if run is not None else []
            for form, more in forms:
                variants.setdefault(form, []).extend([more] if more is not None else [])
        # Pagefind lists a word's variants in the order of the first page that has each.
        yield word, pages, sorted(variants.items(), key=lambda item: (item[1][0][runs.FIRST], item[0]))


def _pages(joined: list[runs.Run]) -> bytes:
    """A page list from its runs: each run's first page numbered from the last page before it."""
    out, last = [runs.array(sum(run[runs.COUNT] for run in joined))], 0
    for run in joined:
        out += (_PAGE, cbor2.dumps(run[runs.FIRST] - last), run[runs.HEAD], run[runs.REST])
        last = run[runs.LAST]
    return b"".join(out)


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """Pagefind's get_prefixes: the shortest starts of two neighbouring chunks' edge words that differ."""
    common = 0
    for x, y in zip(b, a, strict=False):
        if x != y:
            break
        common += 1
    return a[:common + 1], b[:common + 1]


# A word, its size as Pagefind counts it when it cuts chunks, and its CBOR.
_Encoded = tuple[str, int, bytes]


def _encoded(parts: Sequence[_Part]) -> list[_Encoded]:
    """Every merged word, encoded: [word, pages, [[spelling, pages], …]]."""
    encoded = []
    for word, pages, variants in _merged_words(parts):
        entry = [_PAGE, cbor2.dumps(word), _pages(pages), runs.array(len(variants))]
        for form, more in variants:
            entry += (_SPELLING, cbor2.dumps(form), _pages(more))
        encoded.append((word, sum(run[runs.SIZE] for run in pages), b"".join(entry)))
    return encoded


def _chunks(words: Sequence[_Encoded], folder: Path, language: str,
            pack: Callable[[bytes], Output]) -> list[list[str]]:
    """Write the words in chunks cut where Pagefind cuts them, each packed by `pack`; the
    metadata's [from, to, name] of each."""
    pieces: list[tuple[str, str, bytes]] = []  # first word, last word, the chunk's CBOR
    start, size = 0, 0
    for end, (_, word_size, _) in enumerate(words, start=1):
        size += word_size
        if size >= CHUNK_SIZE or end == len(words):
            piece = words[start:end]
            data = io.BytesIO()
            encoder = cbor2.CBOREncoder(data)
            encoder.encode_length(4, 1)  # the chunk: an array of one array of words
            encoder.encode_length(4, len(piece))
            data.write(b"".join(entry for _, _, entry in piece))
            pieces.append((piece[0][0], piece[-1][0], data.getvalue()))
            start, size = end, 0
    # Packed on both cores (a national index: 210 chunks, 0.75 s on one), written in order.
    with ThreadPoolExecutor(max_workers=2) as packing:
        packed = list(packing.map(pack, [encoded for _, _, encoded in pieces]))
    chunks = [[first, last, bundle.write_packed(folder, language, ".pf_index", 7, data)]
              for (first, last, _), data in zip(pieces, packed, strict=True)]
    for first, second in itertools.pairwise(chunks):
        before, after = _prefixes(first[1], second[0])
        if before >= first[0]:
            first[1] = before
        second[0] = after
    return chunks


def _filters(parts: Sequence[_Part], folder: Path, language: str) -> list[list[str]]:
    """Every filter's values with the pages of every part; the metadata's [filter, name] of each."""
    merged: dict[str, dict[str, list[int]]] = {}
    for part in parts:
        for _, name in part.meta[bundle.FILTERS]:
            key, values = bundle.read(part.folder / "filter" / f"{name}.pf_filter")
            into = merged.setdefault(key, {})
            for value, pages in values:
                into.setdefault(value, []).extend(part.first + page for page in pages)
    written = []
    for key in sorted(merged):
        values = [[value, sorted(pages)] for value, pages in sorted(merged[key].items())]
        written.append([key, bundle.write(folder, language, ".pf_filter", 7, [key, values])])
    return written


def merge(folders: Sequence[Path], out: Path, memo: Memo | None = None) -> None:
    """Merge the bundles in `folders` into one bundle in `out` (created, or added to if empty);
    word chunks packed as before are taken from `memo` (bundle.packed_with)."""
    parts = [part for part in map(_load, folders) if part is not None]
    if not parts:
        raise BuildError("search-index-missing", "Sökindexet blev tomt: ingen sida gick att söka i.", _HINT)
    first = parts[0]
    if any(part.language != first.language or part.meta[bundle.VERSION] != first.meta[bundle.VERSION]
           for part in parts):
        raise BuildError("search-index-missing", "Delarna av sökindexet kommer från olika versioner av Pagefind.", _HINT)
    out.mkdir(parents=True, exist_ok=True)
    pages, links = _fragments(parts, out)
    with parallel.beside_if(len(links) >= LINKED_BESIDE, _linked, links) as linked:
        fields = _fields(parts)
        chunks = _chunks(_encoded(parts), out / "index", first.language,
                         bundle.pack if memo is None else bundle.packed_with(memo))
        filters = _filters(parts, out / "filter", first.language)
        linked()
    meta = [first.meta[bundle.VERSION], [list(page) for page in pages], chunks, filters, [], fields]
    name = bundle.write(out, f"pagefind.{first.language}", ".pf_meta", 10, meta).removeprefix("pagefind.")
    about = dict(first.entry["languages"][first.language], hash=name, page_count=len(pages))
    entry = {**first.entry, "languages": {first.language: about}}
    (out / bundle.ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for program in (*bundle.PROGRAM, f"wasm.{about['wasm']}.pagefind"):
        shutil.copyfile(first.folder / program, out / program)
