"""What one report covers: the public catalog as it stood at the period's end, and the
nämnd's share of it.

A report per 30 April written in November must not count a follow-up finished in June, nor
a measure finished in May, nor the measures of an action plan decided in May. `per_dag`
gives the catalog as of that day, built only by leaving things out of (or marking not yet
done in) the already public catalog, so the secrecy boundary stays where it is. When the day is today or later, the catalog itself is
used: the report's figures are then the very figures of the site and the data package.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType

from generator.domain.catalog import Catalog
from generator.domain.period import Period
from generator.domain.planutfall import in_year
from generator.models import Atgard, Uppfoljning


def _measures_as_of(u: Uppfoljning, day: dt.date) -> Uppfoljning:
    plan = u.handlingsplan
    if plan is not None and plan.beslutad is not None and plan.beslutad > day:
        return u.model_copy(update={"handlingsplan": None})  # decided later: no plan, no measures, yet
    if plan is None or not any(a.klar and a.klar > day for a in plan.atgarder):
        return u
    atgarder = tuple(a.model_copy(update={"status": "pagaende", "klar": None}) if a.klar and a.klar > day else a
                     for a in plan.atgarder)
    return u.model_copy(update={"handlingsplan": plan.model_copy(update={"atgarder": atgarder})})


def per_dag(catalog: Catalog, day: dt.date) -> Catalog:
    """The catalog as it stood on `day`: later follow-ups left out, action plans decided later
    left out, later measures not yet done."""
    if day >= catalog.idag:
        return catalog
    kept = {uppfoljning_id: _measures_as_of(u, day) for uppfoljning_id, u in catalog.uppfoljningar.items()
            if not (u.genomford and u.genomford > day)}
    return catalog.replaced(uppfoljningar=MappingProxyType(kept), idag=day)


@dataclass(frozen=True)
class Urval:
    """The nämnd's contracts, areas and follow-ups of the year, in a fixed order."""

    namnd: str
    ar: int
    avtal: tuple[str, ...]
    omraden: tuple[str, ...]  # in region.yaml's order
    uppfoljningar: tuple[str, ...]  # newest first
    planer: tuple[str, ...]
    # The nämnd's follow-ups of earlier years with a measure not done when the year began, newest
    # first: the year's report follows those measures up too (`tidiga_atgarder`).
    tidigare: tuple[str, ...] = ()

    def tidiga_atgarder(self, atgarder: Sequence[Atgard]) -> list[Atgard]:
        """Of an earlier follow-up's measures, those still to follow up in the year: not done
        when it began (a measure done in the year counts as done in it)."""
        return [a for a in atgarder if a.status != "klar" or (a.klar is not None and a.klar.year >= self.ar)]


def urval(catalog: Catalog, namnd: str, ar: int) -> Urval:
    avtal = tuple(sorted(avtal_id for avtal_id, a in catalog.avtal.items() if a.namnd == namnd))
    areas = {catalog.avtal[avtal_id].verksamhetsomrade for avtal_id in avtal}
    areas |= {omrade_id for omrade_id, o in catalog.omraden.items() if o.namnd == namnd}
    planer = tuple(sorted(plan_id for plan_id, p in catalog.planer.items() if p.namnd == namnd and p.ar == ar))
    for plan_id in planer:
        for post in catalog.planer[plan_id].poster:
            areas.add(post.verksamhetsomrade or catalog.avtal[post.avtal or ""].verksamhetsomrade)
    mine = set(avtal)
    uppfoljning_ids = [uppfoljning_id for uppfoljning_id, u in catalog.uppfoljningar.items()
                       if u.avtal in mine and in_year(u, ar)]
    scope = Urval(
        namnd=namnd, ar=ar, avtal=avtal,
        omraden=tuple(omrade_id for omrade_id in catalog.omraden if omrade_id in areas),
        uppfoljningar=tuple(sorted(uppfoljning_ids, key=catalog.sort_key, reverse=True)),
        planer=planer,
    )
    earlier = [uppfoljning_id for uppfoljning_id, u in catalog.uppfoljningar.items()
               if u.avtal in mine and _fore(u, ar) and u.handlingsplan and scope.tidiga_atgarder(u.handlingsplan.atgarder)]
    return dataclasses.replace(scope, tidigare=tuple(sorted(earlier, key=catalog.sort_key, reverse=True)))


def _fore(u: Uppfoljning, ar: int) -> bool:
    """The follow-up belongs to an earlier year than `ar`: it was done, or followed up a period, before it, and neither in it."""
    if in_year(u, ar):
        return False
    return bool(u.period and Period.parse(u.period).year < ar) or bool(u.genomford and u.genomford.year < ar)




def har_uppgifter(scope: Urval) -> bool:
    """Whether there is anything to report: a year with no plan and no follow-up would give a
    report of zeros (the nämnd's contracts alone say nothing of the year)."""
    return bool(scope.planer or scope.uppfoljningar)


def ar_med_uppgifter(catalog: Catalog, namnd: str) -> list[int]:
    """The years the nämnd has anything to report on, for the one who asked for another."""
    avtal = {avtal_id for avtal_id, a in catalog.avtal.items() if a.namnd == namnd}
    years = {p.ar for p in catalog.planer.values() if p.namnd == namnd}
    for u in catalog.uppfoljningar.values():
        if u.avtal in avtal:
            years |= {Period.parse(u.period).year} if u.period else set()
            years |= {u.genomford.year} if u.genomford else set()
    return sorted(ar for ar in years if har_uppgifter(urval(catalog, namnd, ar)))


def webbplatsens_rapporter(catalog: Catalog) -> list[tuple[str, int]]:
    """(nämnd, år) of the reports the site carries: this year and last year, where there is
    anything to report. Older years stay reachable with `insyn rapport`; making every PDF of
    every year in every build would make the build grow with the archive."""
    return [(namnd_id, ar) for namnd_id in catalog.namnder for ar in (catalog.idag.year - 1, catalog.idag.year)
            if har_uppgifter(urval(catalog, namnd_id, ar))]


def sokvag(namnd: str, ar: int) -> str:
    """The report's folder on the site, as the issue fixes it: rapporter/<namnd>-<ar>/."""
    return f"rapporter/{namnd}-{ar}/"
