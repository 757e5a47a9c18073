"""Plan against outcome: which follow-ups answer each planned post, and what became of it.

Pure functions of the public Catalog, so they can be tested with small constructed data.
A post matches follow-ups of the same type, of its contract (or of any contract in its
area), whose period or day of completion falls in the plan year. When several posts could
take a follow-up, it goes to the one planned nearest in time, so one follow-up never
answers two posts: two posts for the same thing in one plan (say, two oral follow-ups of
one contract), a post for one contract beside a post for its whole area, and the nämnd's
plans for two years (a report on 2025 done in 2026 matches both the 2025 and the 2026
plan by year, and answers the post nearer its day). On a tie the post for the contract
itself comes before its area's, and the plan for the period's year before the other.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from generator.domain.catalog import Catalog
from generator.domain.period import Period
from generator.models import PlanPost, Uppfoljning, Uppfoljningsplan

# The outcomes, in the order a reader meets them; codes are the vocabulary's PLANUTFALL keys.
UTFALL = ("genomford", "pagaende", "installd", "forsenad", "ej_paborjad")


@dataclass(frozen=True)
class PostUtfall:
    post: PlanPost
    utfall: str
    uppfoljningar: tuple[str, ...]  # matching public follow-ups, newest first


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _when(u: Uppfoljning) -> int | None:
    """A follow-up's point in time in months: when it was done, else when its period starts."""
    if u.genomford:
        return _month_index(u.genomford.year, u.genomford.month)
    if not u.period:
        return None
    start = Period.parse(u.period).start
    return _month_index(start.year, start.month)


def _planned(planerad: str) -> int:
    start = Period.parse(planerad).start
    return _month_index(start.year, start.month)


def in_year(u: Uppfoljning, ar: int) -> bool:
    """Either the period followed up or the day it was done falls in the year: a report on
    2025 is typically done in 2026, and a plan for 2026 counts on it."""
    return bool(u.period and Period.parse(u.period).year == ar) or bool(u.genomford and u.genomford.year == ar)


def _key(post: PlanPost) -> tuple[str, str, str]:
    return ("avtal", post.avtal or "", post.typ) if post.avtal else ("omrade", post.verksamhetsomrade or "", post.typ)


def kandidater(catalog: Catalog, plan: Uppfoljningsplan) -> dict[tuple[str, str, str], list[str]]:
    """Every public follow-up of the plan's year that could answer a post, under each key a post
    may have (`_key`): its contract's and its area's, with its type, in the catalog's order.
    Gathered once a plan: each post's own pass over every follow-up took most of a national
    report's plan outcomes."""
    found: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for uppfoljning_id, u in catalog.uppfoljningar.items():
        if in_year(u, plan.ar):
            found[("avtal", u.avtal, u.typ)].append(uppfoljning_id)
            found[("omrade", catalog.avtal[u.avtal].verksamhetsomrade, u.typ)].append(uppfoljning_id)
    return found


def av_samma_slag(found: dict[tuple[str, str, str], list[str]], post: PlanPost) -> list[str]:
    """The follow-ups of `found` (`kandidater`) that are of the post's kind: its type, of its
    contract or its area, in its plan's year; each answers this post or one nearer in time."""
    return found.get(_key(post), [])


def klassa(statuses: Sequence[str], planerad: str, idag: dt.date) -> str:
    """The outcome of one post from the statuses of its matching follow-ups."""
    for status in ("genomford", "pagaende", "installd"):
        if status in statuses:
            return status
    return "forsenad" if _month_index(idag.year, idag.month) > _planned(planerad) else "ej_paborjad"


def _grupper(plan: Uppfoljningsplan) -> dict[tuple[str, str, str], list[int]]:
    """The plan's posts by key (`_key`), each key's in the plan's order."""
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, post in enumerate(plan.poster):
        groups[_key(post)].append(i)
    return groups


def _narmast(catalog: Catalog, uppfoljning_id: str, plan: Uppfoljningsplan, grupper: dict[tuple[str, str, str], list[int]],
             andra: Sequence[tuple[Uppfoljningsplan, dict[tuple[str, str, str], list[int]]]]) -> int | None:
    """The index of the post of `plan` the follow-up answers, or None when a post of one of the
    nämnd's `andra` plans is nearer in time (the module's docstring gives the order)."""
    u = catalog.uppfoljningar[uppfoljning_id]
    when = _when(u)
    keys = (("avtal", u.avtal, u.typ), ("omrade", catalog.avtal[u.avtal].verksamhetsomrade, u.typ))
    period_year = Period.parse(u.period).year if u.period else None
    best: tuple[tuple[int, int, int, int, int], int | None] | None = None
    for other, (p, groups) in enumerate([(plan, grupper), *andra]):
        if other and not in_year(u, p.ar):
            continue
        for specific, key in enumerate(keys):
            for i in groups.get(key, ()):
                distance = abs(when - _planned(p.poster[i].planerad)) if when is not None else 0
                rank = (distance, specific, int(p.ar != period_year), p.ar, i)
                if best is None or rank < best[0]:
                    best = (rank, None if other else i)
    return best[1] if best else None


def utfall_for_plan(catalog: Catalog, plan: Uppfoljningsplan) -> list[PostUtfall]:
    """Every post of the plan with its outcome and matching follow-ups, in the plan's order."""
    grupper = _grupper(plan)
    # The nämnd's plans of the years before and after: a follow-up can fall in two years at most.
    andra = [(p, _grupper(p)) for p in catalog.planer.values() if p.namnd == plan.namnd and abs(p.ar - plan.ar) == 1]
    assigned: dict[int, list[str]] = {i: [] for i in range(len(plan.poster))}
    found = kandidater(catalog, plan)
    ids = dict.fromkeys(uppfoljning_id for key in grupper if key[1]  # a post with neither has none
                        for uppfoljning_id in found.get(key, ()))
    for uppfoljning_id in ids:
        nearest = _narmast(catalog, uppfoljning_id, plan, grupper, andra)
        if nearest is not None:
            assigned[nearest].append(uppfoljning_id)
    result = []
    for i, post in enumerate(plan.poster):
        uppfoljning_ids = sorted(assigned[i], key=catalog.sort_key, reverse=True)
        statuses = [catalog.uppfoljningar[uppfoljning_id].status for uppfoljning_id in uppfoljning_ids]
        result.append(PostUtfall(post, klassa(statuses, post.planerad, catalog.idag), tuple(uppfoljning_ids)))
    return result


def antal_per_utfall(rows: list[PostUtfall]) -> dict[str, int]:
    """How many posts ended in each outcome, every outcome present (zero included)."""
    counts = Counter(row.utfall for row in rows)
    return {code: counts.get(code, 0) for code in UTFALL}
