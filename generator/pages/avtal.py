"""Contract pages: what was agreed, the essential requirements, and how follow-ups judged them."""

from __future__ import annotations

from collections import defaultdict

from generator.andringar.record import Andringsregister
from generator.domain.catalog import Catalog
from generator.models import Brist
from generator.pages.andringar import andringsvy
from generator.pages.ankare import ankare
from generator.pages.render import page
from generator.pages.uppf_common import avtal_namn, helpers, saknar_insynsklausul


def brister_per_krav(catalog: Catalog, avtal_id: str) -> dict[str, list[tuple[str, Brist]]]:
    """Each requirement's deficiencies found by the contract's public follow-ups, newest first."""
    found: dict[str, list[tuple[str, Brist]]] = defaultdict(list)
    for uid in catalog.uppfoljningar_for_avtal(avtal_id):
        for brist in catalog.uppfoljningar[uid].brister:
            found[brist.krav].append((uid, brist))
    return dict(found)


def render(catalog: Catalog, register: Andringsregister | None = None) -> dict[str, str]:
    pages: dict[str, str] = {}
    for aid, a in catalog.avtal.items():
        doc = f"avtal/{aid}.md"
        pages[doc] = page(
            doc, avtal_namn(catalog, aid), "avtal.html",
            aid=aid, a=a, utforare=catalog.utforare[a.utforare], omrade=catalog.omraden[a.verksamhetsomrade],
            namnd=catalog.namnder[a.namnd], uppfoljningar=catalog.uppfoljningar_for_avtal(aid),
            brister=brister_per_krav(catalog, aid), ankare=ankare(k.id for k in a.krav),
            saknar_klausul=saknar_insynsklausul(catalog, a),
            upphort=catalog.is_ended(aid),
            andring=andringsvy(register, "avtal", aid),
            **helpers(catalog),
        )
    return pages
