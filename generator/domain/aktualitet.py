"""How fresh the facts about a unit are: when it was last followed up, and whether that is too long ago.

A reader choosing a unit needs to know if the picture is from last month or from three
years ago. Each area has a cycle (region.yaml `uppfoljningscykel`, default 12 months,
the plan's yearly rhythm); a unit open longer than that without a completed follow-up
within it is flagged on its page, in comparisons and in the open data.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from generator.domain.catalog import Catalog


def manader_mellan(fran: dt.date, till: dt.date) -> int:
    """Whole months from one day to a later one: 15 Jan → 14 Mar is 1, → 15 Mar is 2."""
    months = (till.year - fran.year) * 12 + till.month - fran.month
    return max(0, months - (1 if till.day < fran.day else 0))


def lagg_till_manader(day: dt.date, months: int) -> dt.date:
    """The same day some months later, or the month's last day if it has fewer days."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Aktualitet:
    """The newest completed follow-up of a unit (within some areas) and what that means today."""

    uppfoljning_id: str | None
    senast: dt.date | None  # the day it was completed
    manader: int | None  # whole months since then
    cykel: int  # months within which a follow-up is expected
    forsenad: bool  # open longer than the cycle without a completed follow-up within it

    @property
    def sedan(self) -> str:
        return sedan(self.manader)


def sedan(manader: int | None) -> str:
    """'för 14 månader sedan' – an age in words, or '' without one."""
    if manader is None:
        return ""
    if manader == 0:
        return "för mindre än en månad sedan"
    return f"för {manader} {'månad' if manader == 1 else 'månader'} sedan"


def aktualitet(catalog: Catalog, utforare_id: str, omraden: tuple[str, ...] | None = None) -> Aktualitet:
    """Freshness of a unit in the given areas (default: all of its areas); the shortest cycle counts."""
    u = catalog.utforare[utforare_id]
    areas = omraden if omraden is not None else u.verksamhetsomraden
    cykel = min((catalog.omraden[omrade_id].uppfoljningscykel for omrade_id in areas if omrade_id in catalog.omraden), default=12)
    done = [(f.genomford, uppfoljning_id) for uppfoljning_id in catalog.uppfoljningar_for(utforare_id)
            if (f := catalog.uppfoljningar[uppfoljning_id]).status == "genomford" and f.genomford is not None
            and catalog.omrade_for_uppfoljning(uppfoljning_id) in areas]
    newest = max(done, default=None)
    senast, uppfoljning_id = (newest[0], newest[1]) if newest else (None, None)
    manader = manader_mellan(senast, catalog.idag) if senast else None
    starts = [catalog.avtal[avtal_id].startdatum for avtal_id in catalog.avtal_for(utforare_id)
              if catalog.avtal[avtal_id].verksamhetsomrade in areas]
    start = u.startdatum or min(starts, default=None)
    long_open = start is None or lagg_till_manader(start, cykel) <= catalog.idag
    too_old = senast is None or lagg_till_manader(senast, cykel) <= catalog.idag
    # Not late where the unit no longer works: closed, or its contracts in the areas all ended.
    forsenad = any(catalog.verksam_i(utforare_id, omrade_id) for omrade_id in areas) and long_open and too_old
    return Aktualitet(uppfoljning_id, senast, manader, cykel, forsenad)
