"""Goal pages: one per övergripande mål, with its key figures and the follow-ups tied to it."""

from __future__ import annotations

from generator.domain.catalog import Catalog
from generator.pages.render import page
from generator.pages.uppf_common import helpers


def uppfoljningar_for_mal(catalog: Catalog, mal_id: str) -> list[str]:
    """Public follow-ups tied to a goal directly (u.mal) or through their contract's goals, newest first."""
    ids = [uid for uid, u in catalog.uppfoljningar.items()
           if mal_id in u.mal or mal_id in catalog.avtal[u.avtal].mal]
    return sorted(ids, key=catalog.sort_key, reverse=True)


def render(catalog: Catalog) -> dict[str, str]:
    pages: dict[str, str] = {}
    for mid, goal in catalog.mal.items():
        doc = f"mal/{mid}.md"
        nyckeltal = [nid for nid, n in catalog.nyckeltal.items() if n.mal == mid]
        omraden = [oid for oid, o in catalog.omraden.items() if mid in o.mal]
        pages[doc] = page(
            doc, goal.namn, "mal.html", mal=goal, nyckeltal=nyckeltal, omraden=omraden,
            uppfoljningar=uppfoljningar_for_mal(catalog, mid), **helpers(catalog),
        )
    return pages
