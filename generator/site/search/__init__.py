"""The site's search: a Pagefind index built from the finished pages, and the search page.

Pagefind splits the index into small chunks, so a phone downloads only what its query
needs (some 160 kilobytes compressed for a first search of the example, 255 at national
size: bench/RESULTS.md) instead of the whole index that Material's lunr search loads
before the first result. Only the part of each page marked `data-pagefind-body`
(the page content, see theme/overrides/main.html) is indexed, never the navigation; the
index is built from the same HTML that is published, so nothing that a page leaves out
(withheld fields, non-public follow-ups) can reach it. Words are stemmed as Swedish, so
"hälsocentralen" finds "Hälsocentral".

The site is indexed in parts that are merged into one index (site.search.shards,
site.search.merge): no Pagefind run holds a whole national site in memory, and a rebuild
indexes again only the parts whose pages changed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from generator.memo import Memo
from generator.problems import BuildError
from generator.site import incremental, parallel
from generator.site.postprocess import Finished
from generator.site.search import merge, shards

FOLDER = "pagefind"
PAGE = "sok.md"
_PARTS, _WORK = "sokindex", "sokindex-sidor"  # in the scratch folder: the parts' bundles, their pages
_MERGED = "sokindex-i-forvag"  # in the scratch folder: the index merged ahead (merge_ahead)
_MERGED_FROM = "delar"  # in that folder, written last: the keys of the parts it was merged from
# The search page: the form works without the script as far as it can (it is hidden
# until assets/insyn-sok.js runs and fills in the filter choices from the index).
_PAGE_TEXT = """\
# Sök

<form class="insyn-sokform" role="search" aria-label="Sök med filter" data-insyn-sok hidden markdown="0">
  <p>
    <label for="insyn-sok-ord">Sökord</label>
    <input type="search" id="insyn-sok-ord" name="q" autocomplete="off" spellcheck="false">
  </p>
  <p>
    <label for="insyn-sok-kommun">Kommun</label>
    <select id="insyn-sok-kommun" name="kommun" data-insyn-filter="kommun"><option value="">Alla kommuner</option></select>
  </p>
  <p>
    <label for="insyn-sok-omrade">Verksamhet</label>
    <select id="insyn-sok-omrade" name="verksamhetsomrade" data-insyn-filter="verksamhetsomrade"><option value="">All verksamhet</option></select>
  </p>
  <p>
    <label for="insyn-sok-drift">Vem driver enheten</label>
    <select id="insyn-sok-drift" name="driftsform" data-insyn-filter="driftsform"><option value="">Alla</option></select>
  </p>
  <p><button type="submit" class="md-button md-button--primary">Sök</button></p>
</form>

<p class="insyn-sokstatus" data-insyn-sok-status role="status">Sökningen behöver JavaScript. Du hittar alla utförare, avtal och uppföljningar också genom menyn.</p>

<ol class="insyn-soktraffar" data-insyn-sok-traffar></ol>

<p data-insyn-sok-fler hidden><button type="button" class="md-button">Visa fler träffar</button></p>
"""


def page(content: Collection[str]) -> tuple[str, str]:
    """The search page (docs-relative path, text) among the pages MkDocs builds, given the files
    of content/. A folder content/pagefind/ would be mixed with the search index, its files
    replaced by the index's own: that stops the build."""
    if PAGE in content:
        raise BuildError("page-name-clash", f"Den handskrivna sidan content/{PAGE} har samma namn som söksidan.",
                         f"Byt namn på content/{PAGE}.")
    if FOLDER in content or any(rel.startswith(FOLDER + "/") for rel in content):
        raise BuildError("page-name-clash", f"Mappen content/{FOLDER}/ har samma namn som sökindexets mapp.",
                         f"Byt namn på content/{FOLDER}/ och på länkarna dit.")
    return PAGE, _PAGE_TEXT


def index(built: Path, scratch: Path, previous: Path | None, finished: Mapping[str, Finished] | None = None,
          files: Collection[str] | None = None, memo: Memo | None = None, apart: Collection[str] = ()) -> Path:
    """Index the pages under `built` into `built/pagefind`, in Swedish, part by part; the parts'
    bundles are kept in a folder of `scratch` (returned) for the next build, which takes from
    `previous` (the last build's) every part whose pages are as before. `finished`: what
    post-processing learnt of each page, so that they are not read again to plan the parts;
    `files`: the files under `built` (tree.files), where the caller has listed them; `memo`:
    the build's memo of files, where word chunks packed as before are found (merge.merge);
    `apart`: the pages in parts of their own (shards.plan), as `ahead` was given them.

    A part from the last build that cannot be read (a damaged disk, a file changed by hand)
    only makes this build slower: every part is indexed anew."""
    try:
        return _index(built, scratch, previous, finished, files, memo, apart)
    except Exception:  # noqa: BLE001 - whatever a damaged part raises; a second failure is raised as it is
        if previous is None:
            raise
    for folder in (built / FOLDER, scratch / _PARTS, scratch / _WORK, scratch / _MERGED):
        shutil.rmtree(folder, ignore_errors=True)
    return _index(built, scratch, None, finished, files, apart=apart)  # anew, nothing taken from the last build


def _index(built: Path, scratch: Path, previous: Path | None, finished: Mapping[str, Finished] | None,
           files: Collection[str] | None, memo: Memo | None = None, apart: Collection[str] = ()) -> Path:
    parts = shards.plan(built, FOLDER, known=finished, files=files, apart=apart)
    folders = shards.index(built, parts, previous, scratch / _PARTS, scratch / _WORK)
    shards.keep_only(parts, scratch / _PARTS)
    if not _merged_ahead(scratch, parts, built / FOLDER):
        merge.merge(folders, built / FOLDER, memo)
    return scratch / _PARTS


def _merged_ahead(scratch: Path, parts: Sequence[shards.Part], out: Path) -> bool:
    """Whether the index merged ahead (merge_ahead) was merged from exactly `parts`, and is now
    at `out`. A part is named by its pages' bytes, so the same parts merge into the same index."""
    folder = scratch / _MERGED
    try:
        if (folder / _MERGED_FROM).read_text(encoding="utf-8") != _keys(parts):
            return False
        os.rename(folder / FOLDER, out)  # `out` is not there yet, or an empty folder
    except OSError:
        return False
    return True


def _keys(parts: Sequence[shards.Part]) -> str:
    return "\n".join(part.key for part in parts)


def index_ahead(built: Path, scratch: Path, previous: Path | None, final: Mapping[str, Finished],
                pending: Collection[str], wide: Callable[[], bool], files: Collection[str] | None = None) -> int:
    """Index now, while the build waits for other work, every part whose pages are all `final`
    (finished: their bytes are the ones published); `index` later takes those parts as made.
    The pages still `pending` (to be built again) are taken to be searchable as the theme
    makes every page but this search page (theme/overrides/main.html): should one differ,
    the plan here differs from the one `index` makes, and these parts only go unused (and
    are removed then). `wide`: whether two Pagefind runs may run at once (shards.index);
    `files`: the files under `built`, where the caller has listed them. The pages `pending`
    have parts of their own (shards.plan), so every other part is indexed here. The number of
    parts indexed or taken from `previous`."""
    assumed = {rel: Finished("", (), (), (), searchable=rel != incremental.html_path(PAGE))
               for rel in pending if rel not in final}
    parts = [part for part in shards.plan(built, FOLDER, known={**assumed, **final}, files=files, apart=pending)
             if all(rel in final for rel in part.pages)]
    shards.index(built, parts, previous, scratch / _PARTS, scratch / _WORK, wide)
    return len(parts)


def merge_ahead(built: Path, scratch: Path, previous: Path | None, final: Mapping[str, Finished],
                likely: Mapping[str, Finished], files: Collection[str], memo: Memo | None = None,
                apart: Collection[str] = ()) -> bool:
    """Merge the whole index now, while the build waits for its writers, on the guess that the
    pages still to be built (the hand-written ones and the search page) come out as the last
    build finished them (`likely`, from its record): in a rebuild they nearly always do, and
    the merge took about 0.8 s of a national rebuild's last second. Their parts are taken from
    the last build's (`previous`); `index` takes the merged index only where it plans exactly
    the parts it was merged from, else merges as before. `files`: the files under `built`
    (tree.files) once its generated pages were finished; `apart`: the pages in parts of their
    own, as `index` will be given them. Whether it was merged: whatever goes wrong here only
    leaves the merge to `index`, which says what is wrong."""
    folder = scratch / _MERGED
    try:
        parts = shards.plan(built, FOLDER, known={**final, **likely}, files={*files, *likely}, apart=apart)
        into = scratch / _PARTS
        if not all(shards.take(part.key, previous, into) for part in parts):  # a part to index first
            return False
        merge.merge([into / part.key for part in parts], folder / FOLDER, memo)
        (folder / _MERGED_FROM).write_text(_keys(parts), encoding="utf-8")
    except Exception:  # noqa: BLE001 - a damaged part, a page written meanwhile: `index` merges
        shutil.rmtree(folder, ignore_errors=True)
        return False
    return True


def _ahead(built: Path, scratch: Path, previous: Path | None, final: Mapping[str, Finished],
           pending: Collection[str], wide: Callable[[], bool], likely: Mapping[str, Finished] | None,
           memo: Memo | None, files: Collection[str]) -> int:
    made = index_ahead(built, scratch, previous, final, pending, wide, files=files)
    if likely is not None:
        merge_ahead(built, scratch, previous, final, likely, files, memo, apart=pending)
    return made


@contextmanager
def ahead(built: Path, scratch: Path, previous: Path | None, final: Mapping[str, Finished],
          pending: Collection[str], writers_over: Callable[[], bool], files: Collection[str],
          likely: Mapping[str, Finished] | None = None, memo: Memo | None = None) -> Iterator[Callable[[], int]]:
    """`index_ahead`, then `merge_ahead` where `likely` is given (a rebuild), in a second
    process while the build goes on (site.parallel). Not in a thread: the build's own work
    holds Python's lock, and a thread that links and removes hundreds of files, one short
    system call at a time, waited for it after each (1.75 s to remove one part's folder of
    links). `files`: the files under `built` (tree.files) as the build listed them once its
    generated pages were finished; the second process has them from the build's memory
    (listing them again there took 0.1-0.2 s of a national rebuild's last two seconds).

    The yielded function waits for it and returns what `index_ahead` returned, or raises
    what it raised; leaving the block early waits for it too, so that nothing removes the
    folders it works in while it does."""
    # One Pagefind run at a time until the build has seen its writers end (`writers_over`, asked
    # from this second process): a second run (about 170 MB at national size) beside a large
    # report's layout made the build's peak memory. Then two, as the build's own index does.
    with parallel.beside(_ahead, built, scratch, previous, final, pending, writers_over, likely, memo,
                         files) as made:
        try:
            yield made
        finally:
            if not made.finished:
                with suppress(Exception):  # the build's own failure is the one to report
                    made()
