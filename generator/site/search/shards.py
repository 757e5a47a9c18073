"""The site indexed in parts: each part by a Pagefind run of its own, kept for the next build.

A page goes to the part its path hashes to, so a page stays in its part from build to build
and one edit touches a few parts. A part is named by Pagefind's version and the bytes of
its pages: a rebuild takes every part whose pages are all as before from the last build's
record beside the site (site.incremental) and runs Pagefind only for the others, two at a
time, each holding only its own pages in memory.
"""

from __future__ import annotations

import hashlib
import math
import os
import shutil
import subprocess
import threading
import zlib
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from pagefind_bin import get_executable  # type: ignore[import-untyped]  # the wheel has no type marker
from selectolax.lexbor import LexborHTMLParser

from generator.memo import digest, link, umask
from generator.problems import BuildError
from generator.site import tree
from generator.site.postprocess import Finished, searchable
from generator.site.search import runs

PAGES_PER_PART = 500  # at most: about 100 MB for one Pagefind run, and a second to index
MIN_PAGES_PER_PART = 40
# About this many parts: an edit indexes one or two again. Smaller parts take more files to
# merge, but a national rebuild's part of 240 pages takes Pagefind 0.3 s, one of 480 0.6 s.
PARTS = 48
RUNS_AT_ONCE = 2  # each run uses every core; two keep both busy while one reads its pages
_TIMEOUT_S = 600
_FLAGS = ("--force-language", "sv", "--quiet")  # Swedish stemming for every page
_DONE = "klar"  # written last into a part's folder: a part without it was interrupted
# Bundle files the site does not use (Pagefind's ready-made interfaces).
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "wasm.unknown.pagefind")


@dataclass(frozen=True)
class Part:
    """Some of the site's pages (site-relative HTML paths) and the name of their index."""

    key: str
    pages: tuple[str, ...]



def part_size(pages: int) -> int:
    """Pages per part: about PARTS of them, none under MIN_PAGES_PER_PART pages (a small site's
    edit then re-indexes a few small parts) nor over PAGES_PER_PART (a national one's memory)."""
    return min(PAGES_PER_PART, max(MIN_PAGES_PER_PART, math.ceil(pages / PARTS)))


def plan(built: Path, skip: str, per_part: int | None = None,
         known: Mapping[str, Finished] | None = None, files: Collection[str] | None = None,
         apart: Collection[str] = ()) -> list[Part]:
    """The parts of the site in `built` (its folder `skip` left out), in a stable order, each
    of about `per_part` pages (part_size). What post-processing learnt of a page (`known`:
    its hash, whether it is searchable) spares reading it again, and `files` (tree.files of
    `built`, where the caller has listed it) listing the folder again.

    Pagefind indexes only the pages with a searchable element where any page has one: a page
    without, such as 404.html, is left out of every part, so that a part of only such pages
    is not indexed whole.

    Each top folder with that many pages has parts of its own (the follow-ups, the
    providers, the contracts), the smaller folders and the top pages share theirs: an edit
    touches a page or two of each entity kind and a few lists, so it re-indexes about one
    part of each. The pages `apart` (the hand-written ones, which a build renders again once
    its writers are done) have parts of their own: the lists, goals and reports they would
    share a part with (national: 10 MB of HTML, 1 s of Pagefind) are then indexed while the
    build waits for its writers, not after them."""
    found: list[tuple[str, str, bool]] = []
    listed = tree.files(built) if files is None else files
    pages = (rel for rel in listed if rel.endswith(".html") and not rel.startswith(skip + "/"))
    for rel in sorted(pages, key=lambda rel: rel.split("/")):  # in the order of their paths' parts
        done = (known or {}).get(rel)
        if done is None:
            data = (built / rel).read_bytes()
            found.append((rel, hashlib.sha256(data).hexdigest(), searchable(LexborHTMLParser(data.decode("utf-8", "replace")))))
        else:
            found.append((rel, done.sha256, done.searchable))
    indexed = [(rel, sha) for rel, sha, body in found if body] or [(rel, sha) for rel, sha, _ in found]
    size = per_part or part_size(len(indexed))
    folders: dict[str, list[tuple[str, str]]] = {}
    own = [(rel, sha) for rel, sha in indexed if rel in apart]
    for rel, sha in indexed:
        if rel not in apart:
            folders.setdefault(rel.split("/", 1)[0] if "/" in rel else "", []).append((rel, sha))
    rest = [page for pages in folders.values() if len(pages) < size for page in pages]
    sections = [pages for pages in folders.values() if len(pages) >= size] + [section for section in (rest, own)
                                                                              if section]
    version = metadata.version("pagefind-bin")
    parts = []
    for section in sections:
        count = math.ceil(len(section) / size)
        groups: list[list[tuple[str, str]]] = [[] for _ in range(count)]
        for rel, sha in section:
            groups[zlib.crc32(rel.encode("utf-8")) % count].append((rel, sha))
        # The umask too: a part's files are linked into the site with the mode they were made with (memo.code_version).
        parts += [Part(digest(version, *_FLAGS, runs.FORMAT, f"{umask():o}", *(x for page in group for x in page)),
                       tuple(rel for rel, _ in group)) for group in groups if group]
    return sorted(parts, key=lambda part: part.pages[0])


def index(built: Path, parts: Sequence[Part], previous: Path | None, into: Path, work: Path,
          wide: Callable[[], bool] = lambda: True) -> list[Path]:
    """Each part's bundle in `into`: from `previous` (the last build's) where it is there,
    else made by Pagefind from the pages in `built`, RUNS_AT_ONCE runs at a time (one while
    `wide()` says not: the build's writers are at work). The bundles'
    folders, in the parts' order."""
    into.mkdir(parents=True, exist_ok=True)
    todo = [part for part in parts if not take(part.key, previous, into)]
    if todo:
        # The pages are linked and their links removed here, not in the runs' threads: while one
        # thread encodes its part's words (Python), the other waited for the lock after each of
        # its hundreds of short system calls.
        for part in todo:
            _link(built, part, work)
        runs_now = _Runs(wide)
        with ThreadPoolExecutor(max_workers=min(RUNS_AT_ONCE, len(todo))) as pool:
            list(pool.map(lambda part: runs_now.run(part, into, work), todo))  # a run's failure is raised here
        for part in todo:
            shutil.rmtree(work / part.key, ignore_errors=True)
    return [into / part.key for part in parts]


class _Runs:
    """Pagefind runs, one at a time until `wide()` (asked again every 50 ms while a run waits:
    another process may say so), then RUNS_AT_ONCE at a time."""

    def __init__(self, wide: Callable[[], bool]):
        self._wide = wide
        self._running = 0
        self._changed = threading.Condition()

    def run(self, part: Part, into: Path, work: Path) -> None:
        with self._changed:
            while self._running >= (RUNS_AT_ONCE if self._wide() else 1):
                self._changed.wait(0.05)
            self._running += 1
        try:
            _run(part, into, work)
        finally:
            with self._changed:
                self._running -= 1
                self._changed.notify_all()


def keep_only(parts: Sequence[Part], into: Path) -> None:
    """Remove from `into` the bundles of parts not among `parts` (made ahead on a plan that
    did not hold, see search.index_ahead): `into` is kept for the next build as it is."""
    keys = {part.key for part in parts}
    for folder in into.iterdir():
        if folder.name not in keys:
            shutil.rmtree(folder)


def take(key: str, previous: Path | None, into: Path) -> bool:
    """Whether the part is in `into` now, put there from `previous` (hard links) if need be."""
    if (into / key / _DONE).is_file():
        return True
    if previous is None or not (previous / key / _DONE).is_file():
        return False
    try:
        shutil.copytree(previous / key, into / key, copy_function=link)
    except OSError:
        shutil.rmtree(into / key, ignore_errors=True)
        return False
    return True


def _link(built: Path, part: Part, work: Path) -> None:
    """A folder of links to the part's pages, which keeps their paths and so their URLs."""
    for rel in part.pages:
        target = work / part.key / "sidor" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        link(built / rel, target)


def _run(part: Part, into: Path, work: Path) -> None:
    """Pagefind over the part's folder of links; its bundle, with its words encoded for the
    merge (site.search.runs), into `into`."""
    site, output = work / part.key / "sidor", work / part.key / "index"
    try:
        result = subprocess.run(  # noqa: S603 - the binary from the pagefind-bin wheel, fixed arguments
            [str(get_executable()), "--site", str(site), "--output-path", str(output), *_FLAGS],
            capture_output=True, text=True, timeout=_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BuildError("search-index-missing", f"Sökindexet kunde inte byggas: {error}.",
                         "Installera om Insyn (paketet pagefind-bin) och bygg igen.") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["okänt fel"]
        raise BuildError("search-index-missing", f"Sökindexet kunde inte byggas: {detail[0]}",
                         "Bygg igen. Om felet finns kvar, rapportera det till dem som sköter Insyn.")
    for name in _UNUSED:
        (output / name).unlink(missing_ok=True)
    runs.write(output)  # in the run's thread, while the other thread's Pagefind works
    (output / _DONE).write_text(part.key, encoding="utf-8")
    os.replace(output, into / part.key)
