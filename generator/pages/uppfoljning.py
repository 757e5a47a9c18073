"""Follow-up pages: what was checked, what was found, and what is being done about it."""

from __future__ import annotations

from generator.andringar.record import Andringsregister
from generator.domain.catalog import Catalog
from generator.pages.andringar import andringsvy
from generator.pages.ankare import ankare
from generator.pages.render import page
from generator.pages.uppf_common import helpers, uppfoljning_namn


def render(catalog: Catalog, register: Andringsregister | None = None) -> dict[str, str]:
    """One page per public follow-up; the catalog holds no other kind."""
    pages: dict[str, str] = {}
    for uid, u in catalog.uppfoljningar.items():
        a = catalog.avtal[u.avtal]
        utforare = catalog.utforare[a.utforare]
        doc = f"uppfoljningar/{uid}.md"
        pages[doc] = page(
            doc, f"{uppfoljning_namn(catalog, uid)}: {utforare.namn}", "uppfoljning.html",
            uid=uid, u=u, a=a, utforare=utforare, omrade=catalog.omraden[a.verksamhetsomrade],
            krav={k.id: k for k in a.krav}, ankare=ankare(k.id for k in a.krav),
            andring=andringsvy(register, "uppfoljning", uid), **helpers(catalog),
        )
    return pages
