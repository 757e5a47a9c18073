"""Plan pages: a nämnd's annual follow-up plan set against what actually happened."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.domain.catalog import Catalog
from generator.domain.planutfall import UTFALL, antal_per_utfall, utfall_for_plan
from generator.domain.rapportval import sokvag, webbplatsens_rapporter
from generator.models import Namnd, PlanPost, Uppfoljningsplan
from generator.pages.rader import Filter, Filterfalt, Lank, Uppfoljningsrad, uppfoljningsrader
from generator.pages.render import page, path_avtal
from generator.pages.uppf_common import avtal_namn
from generator.sv import vocabulary as voc


@dataclass(frozen=True)
class Planrad:
    """One planned follow-up: what it covers (a contract, or every provider of an area) and what happened."""

    post: PlanPost
    avtal: Lank | None  # the contract planned for, or None for a whole area
    omrade: str  # the area's name, said when the post covers a whole area
    upphorde: dt.date | None  # the day the contract planned for ended, when it has
    utfall: str
    uppfoljningar: tuple[Uppfoljningsrad, ...]  # the public follow-ups that meet the post, newest first


@dataclass(frozen=True)
class Plansida:
    """Everything the plan page shows, gathered from the Catalog before rendering."""

    plan: Uppfoljningsplan
    namnd: Namnd
    rader: tuple[Planrad, ...]
    antal: dict[str, int]  # posts per outcome
    utfall: tuple[str, ...]  # the outcomes in their order, as the summary and the sort show them
    filter: Filter
    har_dolda: bool  # non-public follow-ups exist that the outcomes cannot show
    rapport: str | None  # the site path of the nämnd's report for the year, if the site has one
    idag: dt.date


def _har_dolda(catalog: Catalog, omraden: set[str], ar: int) -> bool:
    """Whether non-public follow-ups exist that the plan's outcomes cannot show."""
    return any(n and area in omraden and year == str(ar) for (area, year), n in catalog.dolda.items())


def _filter() -> Filter:
    return Filter("planerade uppföljningar", (
        Filterfalt("utfall", "Visa", (("", "Alla"), *((code, voc.label(voc.PLANUTFALL, code)) for code in UTFALL))),))


def plansida(catalog: Catalog, plan_id: str, rapporter: set[tuple[str, int]]) -> Plansida:
    plan = catalog.planer[plan_id]
    rows = utfall_for_plan(catalog, plan)
    omraden = {p.verksamhetsomrade or catalog.avtal[p.avtal or ""].verksamhetsomrade for p in plan.poster}
    rader = tuple(Planrad(
        post=row.post, avtal=Lank(path_avtal(row.post.avtal), avtal_namn(catalog, row.post.avtal)) if row.post.avtal else None,
        omrade=catalog.omraden[row.post.verksamhetsomrade].namn if row.post.verksamhetsomrade else "",
        upphorde=catalog.avtal[row.post.avtal].slutdatum if row.post.avtal and catalog.is_ended(row.post.avtal) else None,
        utfall=row.utfall, uppfoljningar=uppfoljningsrader(catalog, row.uppfoljningar)) for row in rows)
    return Plansida(
        plan=plan, namnd=catalog.namnder[plan.namnd], rader=rader, antal=antal_per_utfall(rows), utfall=UTFALL,
        filter=_filter(), har_dolda=_har_dolda(catalog, omraden, plan.ar),
        rapport=sokvag(plan.namnd, plan.ar) if (plan.namnd, plan.ar) in rapporter else None, idag=catalog.idag,
    )


def render(catalog: Catalog) -> dict[str, str]:
    pages: dict[str, str] = {}
    rapporter = set(webbplatsens_rapporter(catalog))
    for plan_id in catalog.planer:
        s = plansida(catalog, plan_id, rapporter)
        doc = f"uppfoljningsplaner/{plan_id}.md"
        pages[doc] = page(doc, f"Uppföljningsplan {s.plan.ar}: {s.namnd.namn}", "plan.html", s=s)
    return pages
