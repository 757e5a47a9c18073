"""Every built page finished in one pass: tidied, its links and scripts read from one parse,
its security policy put in; then the links of the whole site checked and `_headers` written.

Pages are independent of each other until the link check, so they are handled in a pool
of processes, one per core; only the ids and links of each page come back to be checked.
A page reused from the last build (site.incremental) is not parsed again: what was learnt
from it then comes back with it.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import multiprocessing.context
import os
import tempfile
from collections.abc import Collection, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from generator.site import csp, linkcheck, parallel, tidy, tree

_CHUNK = 64


@dataclass(frozen=True)
class Finished:
    """What post-processing learnt from one finished page."""

    sha256: str
    ids: tuple[str, ...]
    links: tuple[str, ...]
    hashes: tuple[str, ...]
    searchable: bool  # it has an element marked SEARCHABLE (site.search indexes only such pages)


# Pagefind indexes only the element so marked, where any page has one (theme/overrides/main.html).
SEARCHABLE = "[data-pagefind-body]"


def searchable(tree: LexborHTMLParser) -> bool:
    return tree.css_first(SEARCHABLE) is not None


def _finish(root: Path, rels: list[str]) -> list[tuple[str, Finished]]:
    """Tidy, read and put a policy into each page of `rels`; what was learnt from each."""
    done = []
    for rel in rels:
        path = root / rel
        html = tidy.clean(path.read_text(encoding="utf-8"))
        tree = LexborHTMLParser(html)
        links = linkcheck.page_links(tree)
        new, hashes = csp.with_policy(html, csp.scripts_of(tree), rel)
        data = new.encode("utf-8")
        path.write_bytes(data)
        done.append((rel, Finished(hashlib.sha256(data).hexdigest(), tuple(sorted(links.ids)), links.links,
                                   tuple(hashes), searchable(tree))))
    return done


# From this many pages on, the workers come from a forkserver (see _context).
FRESH_WORKERS_FROM = 2_000


@functools.cache
def _fresh() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def _context(pages: int) -> multiprocessing.context.BaseContext:
    """Where the workers come from. Forked from the build, they share its memory until either
    side touches it, and then copy it: for a large site (its catalog and page hashes) that is
    about 300 MB more (national size); there they are forked from a small server process that
    holds only this module instead. For a small site that server's workers (about 100 MB each)
    cost more than what forked workers copy."""
    if pages >= FRESH_WORKERS_FROM and forkserver_fits(tempfile.gettempdir()):
        return _fresh()
    return multiprocessing.get_context("fork")


# The forkserver listens on a socket that multiprocessing makes in the temporary folder, as
# <folder>/pymp-XXXXXXXX/listener-XXXXXXXX, and a socket's path holds at most 107 bytes.
_SOCKET_PATH_MAX = 107
_SOCKET_NAMES = len("/pymp-XXXXXXXX/listener-XXXXXXXX")


def forkserver_fits(temporary: str) -> bool:
    """Whether the forkserver's socket fits under `temporary` (TMPDIR). Under a deeper folder
    binding it fails ("AF_UNIX path too long", an OSError with no code: the build stopped with
    an unknown error in the file system), so the workers are forked from the build instead,
    with the memory that costs."""
    return len(os.fsencode(temporary)) + _SOCKET_NAMES <= _SOCKET_PATH_MAX


def workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def finish(root: Path, skip: Collection[str], in_pool: bool = True,
           files: Collection[str] | None = None) -> dict[str, Finished]:
    """Finish every HTML page under `root` except those in `skip` (finished already, or to be
    finished later); without `in_pool` in this process, when other processes keep the cores busy
    and a pool would only add its memory. `files`: the files under `root` (tree.files), when
    the caller has listed them already; finishing a page writes no file of another name."""
    files = tree.files(root) if files is None else files
    pages = sorted(rel for rel in files if rel.endswith(".html") and rel not in skip)
    chunks = [pages[i:i + _CHUNK] for i in range(0, len(pages), _CHUNK)]
    if not in_pool or workers() == 1 or len(chunks) < 2:
        results = [_finish(root, chunk) for chunk in chunks]
    else:
        with parallel.frozen(), ProcessPoolExecutor(max_workers=workers(), mp_context=_context(len(pages))) as pool:
            results = list(pool.map(_finish, [root] * len(chunks), chunks))
    return {rel: done for chunk in results for rel, done in chunk}


def check(root: Path, finished: Mapping[str, Finished], site_url: str | None, files: Collection[str],
          settled: Collection[str]) -> None:
    """Raise a BuildError naming any broken link among `finished`; write `_headers` for their scripts.
    `files`: the files under `root` (tree.files); `settled`: see linkcheck.broken_links."""
    links = {rel: linkcheck.PageLinks(frozenset(done.ids), done.links) for rel, done in finished.items()}
    linkcheck.raise_if_broken(linkcheck.broken_links(links, files, site_url, settled))
    csp.write_headers(root, [h for rel in sorted(finished) for h in finished[rel].hashes])

