"""The start page: three ways in (choose a provider, follow-up and contracts, open data).

It also says when the data was last updated, and gives a few counts so a reader sees at
once how much the site covers.
"""

from __future__ import annotations

from generator.domain.catalog import Catalog
from generator.pages import format as fmt
from generator.pages.render import page
from generator.pages.uppf_common import helpers
from generator.sv.alfabetisk import svensk_nyckel


def render(catalog: Catalog) -> dict[str, str]:
    oppna = [uid for uid in catalog.utforare if not catalog.is_closed(uid)]
    val = [(o, len([uid for uid in catalog.utforare_i(oid) if not catalog.is_closed(uid)]))
           for oid, o in catalog.omraden.items() if o.valfrihet]
    context = {
        **helpers(catalog),
        "region": catalog.region, "uppdaterad": catalog.uppdaterad, "val": val,
        "antal_utforare": len(oppna),
        "antal_egen_regi": sum(1 for uid in oppna if catalog.utforare[uid].driftsform == "egen_regi"),
        "antal_avtal": len(catalog.avtal), "antal_uppfoljningar": len(catalog.uppfoljningar),
        "mal_ids": list(catalog.mal),
        "plan_ids": sorted(catalog.planer, key=lambda pid: (-catalog.planer[pid].ar, svensk_nyckel(catalog.namnder[catalog.planer[pid].namnd].namn))),
        "antal": fmt.antal,
    }
    return {"index.md": page("index.md", "Insyn i vård och tandvård", "start.html", **context)}
