"""Every built page finished in one pass: tidied, its links and scripts read from one parse,
its security policy put in; then the links of the whole site checked and `_headers` written.

Pages are independent of each other until the link check, so they are handled in a pool
of processes, one per core; only the ids and links of each page come back to be checked.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from generator.site import csp, linkcheck, tidy

_CHUNK = 64


def _finish(root: Path, rels: list[str]) -> list[tuple[str, linkcheck.PageLinks, list[str]]]:
    """Tidy, read and put a policy into each page of `rels`; its links and script hashes."""
    done = []
    for rel in rels:
        path = root / rel
        html = tidy.clean(path.read_text(encoding="utf-8"))
        tree = LexborHTMLParser(html)
        links = linkcheck.page_links(tree)
        new, hashes = csp.with_policy(html, csp.scripts_of(tree), rel)
        path.write_text(new, encoding="utf-8")
        done.append((rel, links, hashes))
    return done


def workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def apply(root: Path, site_url: str | None) -> None:
    """Finish every page under `root`; raise a BuildError naming any broken link."""
    files = linkcheck.site_files(root)
    pages = sorted(rel for rel in files if rel.endswith(".html"))
    chunks = [pages[i:i + _CHUNK] for i in range(0, len(pages), _CHUNK)]
    if workers() == 1 or len(chunks) < 2:
        results = [_finish(root, chunk) for chunk in chunks]
    else:
        with ProcessPoolExecutor(max_workers=workers()) as pool:
            results = list(pool.map(_finish, [root] * len(chunks), chunks))
    links: dict[str, linkcheck.PageLinks] = {}
    hashes: list[str] = []
    for chunk in results:
        for rel, page_links, page_hashes in chunk:
            links[rel] = page_links
            hashes.extend(page_hashes)
    linkcheck.raise_if_broken(linkcheck.broken_links(links, files, site_url))
    csp.write_headers(root, hashes)
