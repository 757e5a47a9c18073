"""The start page: three ways in (choose a provider, follow-up and contracts, open data).

It also says when the data was last updated, and gives a few counts so a reader sees at
once how much the site covers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.domain.catalog import Catalog
from generator.models.region import RegionInfo, Verksamhetsomrade
from generator.pages import format as fmt
from generator.pages.rader import Lank, mal_lankar, planlank
from generator.pages.render import page
from generator.sv import vocabulary as voc
from generator.sv.alfabetisk import svensk_nyckel

# What the start page calls the work it covers: a region's care and dental care; a kommun's
# services are named by its own areas (hemtjänst, skola …), so its page says verksamhet.
TITEL = {"region": "Insyn i vård och tandvård", "kommun": "Insyn i kommunens verksamhet"}
VERKSAMHET = {"region": "vård och tandvård", "kommun": "verksamhet"}
VALJ = {"region": "Välj vård eller tandvård", "kommun": "Välj utförare"}


@dataclass(frozen=True)
class Startsida:
    """Everything the start page shows, gathered from the Catalog before rendering."""

    region: RegionInfo
    uppdaterad: dt.date
    idag: dt.date
    org: str
    verksamhet: str  # "vård och tandvård" (VERKSAMHET)
    valj: str  # the heading over the comparisons (VALJ)
    val: tuple[tuple[Verksamhetsomrade, str], ...]  # choice areas and how many open units each has, in words
    antal_utforare: int  # open units
    antal_egen_regi: int
    antal_stangda: int  # closed units: the open data has them too, so the counts add up
    antal_avtal: int
    antal_upphorda: int  # of antal_avtal, those that have ended
    antal_uppfoljningar: int
    planer: tuple[Lank, ...]  # newest year first, then by nämnd
    mal: tuple[Lank, ...]


def startsida(catalog: Catalog) -> Startsida:
    oppna = [uid for uid in catalog.utforare if not catalog.is_closed(uid)]
    val = tuple((o, fmt.antal(len([uid for uid in catalog.utforare_i(omrade_id) if catalog.verksam_i(uid, omrade_id)]), "enhet", "enheter"))
                for omrade_id, o in catalog.omraden.items() if o.valfrihet)
    plan_ids = sorted(catalog.planer, key=lambda plan_id: (-catalog.planer[plan_id].ar,
                                                           svensk_nyckel(catalog.namnder[catalog.planer[plan_id].namnd].namn)))
    return Startsida(
        region=catalog.region, uppdaterad=catalog.uppdaterad, idag=catalog.idag,
        org=voc.organisation(catalog.region.typ), verksamhet=VERKSAMHET[catalog.region.typ],
        valj=VALJ[catalog.region.typ], val=val, antal_utforare=len(oppna),
        antal_egen_regi=sum(1 for uid in oppna if catalog.utforare[uid].driftsform == "egen_regi"),
        antal_stangda=len(catalog.utforare) - len(oppna),
        antal_avtal=len(catalog.avtal), antal_upphorda=sum(1 for avtal_id in catalog.avtal if catalog.is_ended(avtal_id)),
        antal_uppfoljningar=len(catalog.uppfoljningar),
        planer=tuple(planlank(catalog, plan_id, " – ") for plan_id in plan_ids), mal=mal_lankar(catalog, list(catalog.mal)),
    )


def render(catalog: Catalog) -> dict[str, str]:
    return {"index.md": page("index.md", TITEL[catalog.region.typ], "start.html", s=startsida(catalog))}
