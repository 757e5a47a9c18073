"""The engine on both cores: two disjoint sets of pages rendered at once, then merged.

Entity pages are not in the navigation, so a page's HTML depends on its own source, the
navigation and the configuration, not on the other entity pages. A second process (forked,
site.parallel) renders every other page into its own folder while this one renders the
rest; both write the same sitemap and assets, and the second one's share of the pages is
moved into the first one's folder.

The hand-written pages are Markdown, whose links to open data and reports the engine
resolves, so they are rendered once more (`rebuild`) when those files are in place.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from generator.site import heap, parallel
from generator.site.engine import Engine
from generator.site.incremental import html_path, pages_of

# Below this many pages a second engine costs more to start than it saves.
MIN_PAGES = 400


def build(engine: Engine, docs: Path, out: Path, config: Mapping[str, Any], only: Collection[str] | None,
          html: Collection[str] = (), others: bool = True) -> None:
    """`engine.build` over both cores when there are enough pages; the same folder either way.
    `html` and `others`: as for Engine.build."""
    wanted = sorted(set(only) if only is not None else pages_of(docs))
    if (os.cpu_count() or 1) < 2 or len(wanted) < MIN_PAGES:
        engine.build(docs, out, config, only, html, others)
        return
    mine, theirs = wanted[0::2], wanted[1::2]
    second = out.with_name(out.name + "-andra")
    finished = set(html)
    with parallel.beside(engine.build, docs, second, config, theirs, sorted(finished.intersection(theirs)), others,
                         fresh=True) as second_done:
        engine.build(docs, out, config, mine, sorted(finished.intersection(mine)), others)
        # The engine's pages, files and navigation refer to each other: left to the collector,
        # they stayed while the reports were laid out (national: 210 MB of Pss, 113,000 objects).
        gc.collect()
        heap.give_back()
        second_done()
    for md in theirs:
        html = html_path(md)
        target = out / html
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(second / html, target)


def rebuild(engine: Engine, docs: Path, out: Path, config: Mapping[str, Any], pages: Collection[str]) -> None:
    """Render `pages` again and put them in `out`."""
    if not pages:
        return
    again = out.with_name(out.name + "-igen")
    engine.build(docs, again, config, pages)
    for md in pages:
        html = html_path(md)
        target = out / html
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(again / html, target)
