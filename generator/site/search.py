"""The site's search index, a stage of its own so that the search engine can change alone.

Today MkDocs' search plugin writes `search/search_index.json` during the engine run (Swedish
stemming, see config.py); this stage checks that the index is there and readable, since a
site whose search box finds nothing looks fine until a reader tries it.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.problems import BuildError

INDEX = Path("search") / "search_index.json"


def index(site: Path) -> None:
    """Make sure the built site under `site` has a search index with at least one document."""
    try:
        docs = json.loads((site / INDEX).read_text(encoding="utf-8")).get("docs")
    except (OSError, ValueError, AttributeError):
        docs = None
    if not docs:
        raise BuildError("search-index-missing", f"Sökindexet {INDEX.as_posix()} saknas eller är tomt.",
                         "Det är ett fel i Insyn, inte i datan. Den förra webbplatsen ligger kvar.")
