"""Goal pages: one per övergripande mål, with its key figures and the follow-ups tied to it."""

from __future__ import annotations

from dataclasses import dataclass

from generator.domain.catalog import Catalog
from generator.models import Mal, Nyckeltal, NyckeltalsVarde, Verksamhetsomrade
from generator.pages.rader import Uppfoljningsrad, uppfoljningsrader
from generator.pages.render import page
from generator.sv import vocabulary as voc


@dataclass(frozen=True)
class Malnyckeltal:
    """A key figure of the goal with the latest value of the whole region and of the country."""

    n: Nyckeltal
    region: NyckeltalsVarde | None
    riket: NyckeltalsVarde | None


@dataclass(frozen=True)
class Malsida:
    """Everything the goal page shows, gathered from the Catalog before rendering."""

    mal: Mal
    omraden: tuple[Verksamhetsomrade, ...]
    nyckeltal: tuple[Malnyckeltal, ...]
    uppfoljningar: tuple[Uppfoljningsrad, ...]
    org: str


def uppfoljningar_for_mal(catalog: Catalog, mal_id: str) -> list[str]:
    """Public follow-ups tied to a goal directly (u.mal) or through their contract's goals, newest first."""
    ids = [uppfoljning_id for uppfoljning_id, u in catalog.uppfoljningar.items()
           if mal_id in u.mal or mal_id in catalog.avtal[u.avtal].mal]
    return sorted(ids, key=catalog.sort_key, reverse=True)


def malsida(catalog: Catalog, mal_id: str) -> Malsida:
    return Malsida(
        mal=catalog.mal[mal_id],
        omraden=tuple(o for o in catalog.omraden.values() if mal_id in o.mal),
        nyckeltal=tuple(Malnyckeltal(n, catalog.senaste_varde("region", nyckeltal_id), catalog.senaste_varde("riket", nyckeltal_id))
                        for nyckeltal_id, n in catalog.nyckeltal.items() if n.mal == mal_id),
        uppfoljningar=uppfoljningsrader(catalog, uppfoljningar_for_mal(catalog, mal_id)),
        org=voc.organisation(catalog.region.typ),
    )


def render(catalog: Catalog) -> dict[str, str]:
    pages: dict[str, str] = {}
    for mal_id, goal in catalog.mal.items():
        doc = f"mal/{mal_id}.md"
        pages[doc] = page(doc, goal.namn, "mal.html", s=malsida(catalog, mal_id))
    return pages
