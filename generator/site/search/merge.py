"""Several Pagefind bundles made into one, as if Pagefind had indexed all their pages at once.

Pagefind holds the index of every page in memory until it writes (about 2 GB for a national
site of 11,500 pages) and cannot update an index. Indexed in parts (site.search.shards),
each part needs a fraction of that, and a rebuild indexes again only the parts whose pages
changed. The browser still loads one index: a phone downloads the same few files for its
first query as from one Pagefind run (merging in the browser with `mergeIndex` would load
Pagefind's WebAssembly once per part).

What each page contributes (its words and their positions, its filters, its fragment) is
the same in every part it could be in, so the merge only renumbers pages and joins the
lists. Pages are numbered in the order of their fragments' names, so the merged bundle
depends only on the pages, never on how they were split; the words are cut into chunks
exactly as Pagefind cuts them (`chunk_index` and `chunk_meta` in its `index/mod.rs`). A
large index is merged in two halves at once, the words below and above a middle word, the
upper half in a forked process (site.parallel).
"""

from __future__ import annotations

import gc
import heapq
import io
import itertools
import json
import os
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cbor2

from generator.problems import BuildError
from generator.site import parallel
from generator.site.search import bundle

CHUNK_SIZE = 20_000  # Pagefind's default index chunk size, in locations
MIN_CHUNKS_SPLIT = 40  # below this many word chunks in all the parts, one process merges them
_HINT = "Bygg igen. Om felet finns kvar, rapportera det till dem som sköter Insyn."

_Pages = list[list[Any]]  # [page number, word positions, meta field positions] for each page
_Word = tuple[str, _Pages, list[tuple[str, _Pages]]]  # a word, its pages, its spellings' pages


@dataclass
class _Part:
    """One bundle: its metadata and how its page and meta field numbers map to the merged ones."""

    folder: Path
    entry: dict[str, Any]
    language: str
    meta: list[Any]
    numbers: list[int]  # the merged page number of each of its pages
    fields: list[int]  # the merged number of each of its meta fields; empty where they are the same

    def pages(self, packed: list[Any]) -> _Pages:
        """A word's page list with delta-coded local numbers, as merged page numbers."""
        numbers, fields, local = self.numbers, self.fields, 0
        pages = []
        for page in packed:
            local += page[0]
            meta_locs = page[2] if len(page) > 2 else []
            if meta_locs and fields:
                # Negative numbers switch meta field (-(field + 1)); those are renumbered.
                meta_locs = [-(fields[-loc - 1] + 1) if loc < 0 else loc for loc in meta_locs]
            pages.append([numbers[local], page[1], meta_locs])
        return pages

    def words(self, low: str | None, high: str | None) -> Iterator[_Word]:
        """The bundle's words from `low` up to (not with) `high`, in order, with merged page
        numbers, one chunk in memory at a time. A chunk's `from` is at most its first word, and
        the next chunk's `from` is above its last word (`to` is only a prefix, not a bound)."""
        chunks = self.meta[bundle.CHUNKS]
        for index, (first, _, name) in enumerate(chunks):
            if high is not None and first >= high:
                return
            after = chunks[index + 1][0] if index + 1 < len(chunks) else None
            if low is not None and after is not None and after <= low:
                continue
            for word, packed, variants in bundle.read(self.folder / "index" / f"{name}.pf_index")[0]:
                if (low is None or word >= low) and (high is None or word < high):
                    yield word, self.pages(packed), [(form, self.pages(pages)) for form, pages in variants]


def _load(folder: Path) -> _Part | None:
    """A bundle's entry and metadata; None for a bundle without any page."""
    entry = json.loads((folder / bundle.ENTRY).read_text(encoding="utf-8"))
    languages = entry.get("languages") or {}
    if not languages:
        return None
    if len(languages) != 1:
        raise BuildError("search-index-missing", "Sökindexet fick sidor på flera språk.", _HINT)
    language, about = next(iter(languages.items()))
    meta = bundle.read(folder / f"pagefind.{about['hash']}.pf_meta")
    if meta[bundle.SORTS]:
        raise BuildError("search-index-missing", "En sida sorterar sökträffarna med data-pagefind-sort, som Insyns "
                         "sökindex inte kan ta med.", "Ta bort data-pagefind-sort från de handskrivna sidorna i content/.")
    return _Part(folder, entry, language, meta, [], [])


def _fragments(parts: Sequence[_Part], out: Path) -> list[tuple[str, int]]:
    """Every page's fragment file into `out/fragment`; the pages as (name, word count), in the
    merged order. Two different pages whose names collide (Pagefind names a fragment by the
    start of its hash, and each part named its own) get longer names, as Pagefind does."""
    folder = out / "fragment"
    folder.mkdir(parents=True, exist_ok=True)
    taken: dict[str, Path] = {}  # name → the fragment file it names
    pages: list[tuple[str, int, int, int]] = []  # name, part, page in the part, word count
    for index, part in enumerate(parts):
        for local, (name, word_count) in enumerate(part.meta[bundle.PAGES]):
            source = part.folder / "fragment" / f"{name}.pf_fragment"
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
                bundle.link(source, folder / f"{final}.pf_fragment")
            pages.append((final, index, local, word_count))
    pages.sort()
    for part in parts:
        part.numbers = [0] * len(part.meta[bundle.PAGES])
    for number, (_, index, local, _) in enumerate(pages):
        parts[index].numbers[local] = number
    return [(name, word_count) for name, _, _, word_count in pages]


def _same(a: Path, b: Path) -> bool:
    return a.read_bytes() == b.read_bytes()


def _fields(parts: Sequence[_Part]) -> list[str]:
    """The meta fields of every part, in Pagefind's order (sorted); each part's numbers mapped."""
    fields = sorted({field for part in parts for field in part.meta[bundle.META_FIELDS]})
    for part in parts:
        mapped = [fields.index(field) for field in part.meta[bundle.META_FIELDS]]
        part.fields = [] if mapped == list(range(len(mapped))) else mapped
    return fields


def _merged_words(parts: Sequence[_Part], low: str | None,
                  high: str | None) -> Iterator[tuple[str, list[list[Any]], list[list[Any]]]]:
    """Each word from `low` up to `high` once, in order, with the pages of every part (and its
    spelling variants)."""
    streams = [part.words(low, high) for part in parts]
    for word, group in itertools.groupby(heapq.merge(*streams, key=lambda item: item[0]), key=lambda item: item[0]):
        pages: list[list[Any]] = []
        variants: dict[str, list[list[Any]]] = {}
        for _, more, forms in group:
            pages += more
            for form, form_pages in forms:
                variants.setdefault(form, []).extend(form_pages)
        pages.sort(key=lambda page: page[0])
        for form_pages in variants.values():
            form_pages.sort(key=lambda page: page[0])
        # Pagefind lists a word's variants in the order of the first page that has each.
        ordered = sorted(variants.items(), key=lambda item: (item[1][0][0], item[0]))
        yield word, pages, [[form, form_pages] for form, form_pages in ordered]


def _deltas(pages: list[list[Any]]) -> list[list[Any]]:
    last = 0
    packed = []
    for number, locs, meta_locs in pages:
        packed.append([number - last, locs, meta_locs])
        last = number
    return packed


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


def _encoded(parts: Sequence[_Part], low: str | None, high: str | None) -> list[_Encoded]:
    """The merged words from `low` up to `high`, each encoded with delta-coded page numbers."""
    encoded = []
    for word, pages, variants in _merged_words(parts, low, high):
        size = sum(len(page[1]) + len(page[2]) + 1 for page in pages)
        entry = [word, _deltas(pages), [[form, _deltas(form_pages)] for form, form_pages in variants]]
        encoded.append((word, size, cbor2.dumps(entry)))
    return encoded


def _middle(parts: Sequence[_Part]) -> str | None:
    """A word that halves the index by the size of its chunk files, or None for a small index."""
    sized = sorted((chunk[0], (part.folder / "index" / f"{chunk[2]}.pf_index").stat().st_size)
                   for part in parts for chunk in part.meta[bundle.CHUNKS])
    total = sum(size for _, size in sized)
    if len(sized) < MIN_CHUNKS_SPLIT:
        return None
    running = 0
    for first, size in sized:
        running += size
        if running * 2 >= total:
            return str(first)
    return None


def _all_encoded(parts: Sequence[_Part]) -> list[_Encoded]:
    """Every merged word encoded; a large index in two halves at once, one in a second process."""
    middle = _middle(parts)
    if middle is None or (os.cpu_count() or 1) < 2:
        return _encoded(parts, None, None)
    with parallel.beside(_encoded, parts, middle, None) as upper:
        lower = _encoded(parts, None, middle)
        higher: list[_Encoded] = upper()
        return lower + higher


def _chunks(words: Sequence[_Encoded], folder: Path, language: str) -> list[list[str]]:
    """Write the words in chunks cut where Pagefind cuts them; the metadata's [from, to, name] of each."""
    chunks: list[list[str]] = []
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
            name = bundle.write_encoded(folder, language, ".pf_index", 7, data.getvalue())
            chunks.append([piece[0][0], piece[-1][0], name])
            start, size = end, 0
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
                into.setdefault(value, []).extend(part.numbers[page] for page in pages)
    written = []
    for key in sorted(merged):
        values = [[value, sorted(pages)] for value, pages in sorted(merged[key].items())]
        written.append([key, bundle.write(folder, language, ".pf_filter", 7, [key, values])])
    return written


def merge(folders: Sequence[Path], out: Path) -> None:
    """Merge the bundles in `folders` into one bundle in `out` (created, or added to if empty).

    The lists of a national index are millions of small objects, none of them in a cycle:
    Python's cycle collector would scan them again and again, half of the merge's time."""
    gc.disable()
    try:
        _merge(folders, out)
    finally:
        gc.enable()


def _merge(folders: Sequence[Path], out: Path) -> None:
    parts = [part for part in map(_load, folders) if part is not None]
    if not parts:
        raise BuildError("search-index-missing", "Sökindexet blev tomt: ingen sida gick att söka i.", _HINT)
    first = parts[0]
    if any(part.language != first.language or part.meta[bundle.VERSION] != first.meta[bundle.VERSION]
           for part in parts):
        raise BuildError("search-index-missing", "Delarna av sökindexet kommer från olika versioner av Pagefind.", _HINT)
    out.mkdir(parents=True, exist_ok=True)
    pages = _fragments(parts, out)
    fields = _fields(parts)
    chunks = _chunks(_all_encoded(parts), out / "index", first.language)
    filters = _filters(parts, out / "filter", first.language)
    meta = [first.meta[bundle.VERSION], [list(page) for page in pages], chunks, filters, [], fields]
    name = bundle.write(out, f"pagefind.{first.language}", ".pf_meta", 10, meta).removeprefix("pagefind.")
    about = dict(first.entry["languages"][first.language], hash=name, page_count=len(pages))
    entry = {**first.entry, "languages": {first.language: about}}
    (out / bundle.ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for program in (*bundle.PROGRAM, f"wasm.{about['wasm']}.pagefind"):
        shutil.copyfile(first.folder / program, out / program)
