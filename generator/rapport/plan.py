"""Plan against outcome for the report: the plan page's own rows, read as of the period's end.

Nothing is judged here: `domain.planutfall` decides each post's outcome and its matching
follow-ups, exactly as it does for the plan page and the `planposter` table. This module
only adds what a report reader asks next: which report the post belonged in, and why no
follow-up matched.
"""

from __future__ import annotations

from generator.domain.catalog import Catalog
from generator.domain.planutfall import (
    PostUtfall,
    antal_per_utfall,
    av_samma_slag,
    kandidater,
    utfall_for_plan,
)
from generator.domain.rapportval import Urval
from generator.pages import format as fmt
from generator.rapport.model import Plan, Planrad, Traff
from generator.rapport.period import Rapportperiod


def _omrade(catalog: Catalog, row: PostUtfall) -> str:
    return row.post.verksamhetsomrade or catalog.avtal[row.post.avtal or ""].verksamhetsomrade


def varfor_ingen(catalog: Catalog, row: PostUtfall, ar: int, av_samma_slag: bool = False) -> str:
    """Why no follow-up answered a post, in plain words; empty when one did. `av_samma_slag`:
    follow-ups of the post's kind and year exist, and each answered a post nearer in time."""
    if row.uppfoljningar:
        return ""
    where = "för avtalet" if row.post.avtal else "inom området"
    if av_samma_slag:
        reason = (f"Det finns uppföljningar av det här slaget {where} för {ar}, men var och en hör till en "
                  "annan planerad uppföljning, som låg närmare i tid.")
    else:
        reason = (f"Ingen offentlig uppföljning av det här slaget {where} har perioden {ar} "
                  f"eller gjordes under {ar}.")
    if row.post.avtal and catalog.is_ended(row.post.avtal):
        reason += f" Avtalet upphörde {fmt.datum(catalog.avtal[row.post.avtal].slutdatum)}."
    if row.utfall == "forsenad":
        reason += " Den planerade månaden har passerat."
    elif row.utfall == "ej_paborjad":
        reason += " Den planerade månaden har inte kommit än."
    if catalog.dolda.get((_omrade(catalog, row), str(ar)), 0):
        reason += " Området har uppföljningar som inte är offentliga; en av dem kan vara den planerade."
    return reason


def _traff(catalog: Catalog, uppfoljning_id: str) -> Traff:
    u = catalog.uppfoljningar[uppfoljning_id]
    namn = catalog.utforare[catalog.utforare_for_uppfoljning(uppfoljning_id)].namn
    return Traff(uppfoljning_id, u.typ, u.period, namn, u.status)


def planer(catalog: Catalog, scope: Urval, period: Rapportperiod) -> tuple[Plan, ...]:
    out = []
    for plan_id in scope.planer:
        plan = catalog.planer[plan_id]
        rows = utfall_for_plan(catalog, plan)
        found = kandidater(catalog, plan)
        rader = tuple(Planrad(
            avtal=row.post.avtal, omrade=_omrade(catalog, row), typ=row.post.typ, planerad=row.post.planerad,
            redovisas_i=row.post.redovisas_i, i_denna_rapport=row.post.redovisas_i == period.redovisas_i,
            utfall=row.utfall, traffar=tuple(_traff(catalog, uppfoljning_id) for uppfoljning_id in row.uppfoljningar),
            varfor_ingen=varfor_ingen(catalog, row, plan.ar, bool(av_samma_slag(found, row.post))),
        ) for row in rows)
        out.append(Plan(plan_id, plan.beslutad.datum if plan.beslutad else None,
                        plan.beslutad.paragraf if plan.beslutad else None,
                        rader, tuple(antal_per_utfall(rows).items())))
    return tuple(out)
