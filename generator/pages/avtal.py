"""Contract pages: what was agreed, the essential requirements, and how follow-ups judged them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.andringar.record import Andringsregister
from generator.domain.catalog import Catalog
from generator.models import Avtal, Brist, Krav, Namnd, Utforare, Verksamhetsomrade
from generator.pages.andringar import Andringsvy, andringsvy
from generator.pages.ankare import ankare
from generator.pages.rader import Lank, Uppfoljningsrad, mal_lankar, uppfoljningsrader
from generator.pages.render import page
from generator.pages.uppf_common import avtal_namn, saknar_insynsklausul
from generator.sv import vocabulary as voc


@dataclass(frozen=True)
class Kravvy:
    """One essential requirement, its anchor, and the deficiencies public follow-ups found against it."""

    k: Krav
    ankare: str
    brister: tuple[tuple[Uppfoljningsrad, Brist], ...]  # newest follow-up first


@dataclass(frozen=True)
class Avtalssida:
    """Everything the contract page shows, gathered from the Catalog before rendering."""

    a: Avtal
    utforare: Utforare
    omrade: Verksamhetsomrade
    namnd: Namnd
    upphort: bool
    saknar_klausul: bool
    mal: tuple[Lank, ...]
    krav: tuple[Kravvy, ...]
    uppfoljningar: tuple[Uppfoljningsrad, ...]
    org: str
    andring: Andringsvy | None


def _krav(catalog: Catalog, a: Avtal, uppfoljningar: tuple[Uppfoljningsrad, ...]) -> tuple[Kravvy, ...]:
    anchors = ankare(k.id for k in a.krav)
    return tuple(Kravvy(k, anchors[k.id], tuple((r, b) for r in uppfoljningar
                                                      for b in catalog.uppfoljningar[r.id].brister if b.krav == k.id))
                 for k in a.krav)


def avtalssida(catalog: Catalog, avtal_id: str, register: Andringsregister | None = None) -> Avtalssida:
    a = catalog.avtal[avtal_id]
    uppfoljningar = uppfoljningsrader(catalog, catalog.uppfoljningar_for_avtal(avtal_id))
    return Avtalssida(
        a=a, utforare=catalog.utforare[a.utforare], omrade=catalog.omraden[a.verksamhetsomrade],
        namnd=catalog.namnder[a.namnd], upphort=catalog.is_ended(avtal_id),
        saknar_klausul=saknar_insynsklausul(catalog, a), mal=mal_lankar(catalog, a.mal),
        krav=_krav(catalog, a, uppfoljningar), uppfoljningar=uppfoljningar,
        org=voc.organisation(catalog.region.typ), andring=andringsvy(register, "avtal", avtal_id),
    )


def render_each(catalog: Catalog, register: Andringsregister | None = None) -> Iterator[tuple[str, str]]:
    """(path, text) of each contract page, one at a time (pages.render_all_kept keeps each as it comes)."""
    for avtal_id in catalog.avtal:
        doc = f"avtal/{avtal_id}.md"
        s = avtalssida(catalog, avtal_id, register)
        yield doc, page(doc, avtal_namn(catalog, avtal_id), "avtal.html", s=s, andring=s.andring)

