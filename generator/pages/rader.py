"""Rows and links that several page kinds show, gathered from the Catalog before rendering.

A template gets these instead of the Catalog: a follow-up row already carries its name, its
provider, its area and its counts, so no template looks anything up. The follow-up table
(`partials/uppfoljning_macros.html`) and the filter form (`partials/tabell_macros.html`)
render them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from generator.domain.catalog import Catalog
from generator.models import Atgard, Uppfoljning
from generator.pages.render import RESULTAT_RANK, hemlig, path_mal, path_plan, shared_row
from generator.pages.uppf_common import ar_for, uppfoljning_namn


@dataclass(frozen=True)
class Lank:
    """A link to another page of the site: its site path and its text."""

    sokvag: str
    text: str


# What a follow-up's row does not hold: texts only its own page shows (the feed reads them from
# the catalog), and its deficiencies, action plan and documents, which a row shows only as
# counts (Uppfoljningsrad) and the pages that list them take from the catalog.
UTANFOR_RADER = frozenset({"sammanfattning", "kommentar_utforare", "granskare", "redovisad", "brister",
                           "handlingsplan", "dokument"})


class Uppfoljningsutdrag(BaseModel):
    """A follow-up as the rows show it: every field but UTANFOR_RADER. A corrected summary, the
    edit staff make most, then changes no list, goal, contract or comparison page, and a
    rebuild takes them from the last build instead of rendering them again (national: each
    goal page lists about a thousand follow-ups). Without the texts of its deficiencies and
    measures a row is quick to pickle (once a build, render.shared_row). A template that
    asked a row for a field left out would stop the build (StrictUndefined), never leave a
    page as it was."""

    model_config = ConfigDict(frozen=True)

    avtal: str
    typ: str
    period: str
    status: str
    genomford: dt.date | None
    resultat: str | None
    mal: tuple[str, ...]
    sekretess: tuple[str, ...]
    publik: bool

    @classmethod
    def av(cls, u: Uppfoljning) -> Uppfoljningsutdrag:
        return cls.model_construct(**{name: getattr(u, name) for name in cls.model_fields})


@shared_row
@dataclass(frozen=True)
class Uppfoljningsrad:
    """One public follow-up as a table row or a link: its name, provider, area and counts."""

    id: str
    namn: str
    u: Uppfoljningsutdrag
    utforare_id: str
    utforare_namn: str
    omrade_id: str
    omrade_namn: str
    ar: str | None  # the year it belongs to (`ar_for`)
    brister: int
    handlingsplan: bool  # it has one, if with no measures yet
    atgarder: int
    klara: int
    forsenade: int

    @property
    def rank(self) -> int:
        """Its result's place, best first: what a column sorted by result sorts by."""
        return RESULTAT_RANK.get(self.u.resultat or "", 9)

    def filtervarde(self, falt: str) -> str:
        """The row's value for a filter of the follow-up list: data-omrade, data-ar, data-resultat."""
        if falt == "omrade":
            return self.omrade_id
        if falt == "ar":
            return self.ar or ""
        if falt == "resultat":
            return "sekretess" if hemlig(self.u, "resultat") else (self.u.resultat or "ej-klar")
        raise KeyError(falt)


@dataclass(frozen=True)
class Atgardsrad:
    """A measure of an action plan, whether it is late, and (in a list of many plans) its follow-up."""

    atgard: Atgard
    forsenad: bool
    uppfoljning: Uppfoljningsrad | None = None


@dataclass(frozen=True)
class Filterfalt:
    """One choice of a table's filter form: the rows carry `data-<namn>` to match `val`."""

    namn: str
    etikett: str
    val: tuple[tuple[str, str], ...]  # (value, words); the first, value "", shows every row


@dataclass(frozen=True)
class Filter:
    """The filter form above a table (`tabell_macros.filtrerad`): what its rows are called, and its choices."""

    substantiv: str  # 'ändringar': the status line says '12 av 40 ändringar'
    falt: tuple[Filterfalt, ...]


# Within `shared`: its catalog, and the rows made of its follow-ups so far.
_SHARED: ContextVar[tuple[Catalog, dict[str, Uppfoljningsrad]] | None] = ContextVar("_SHARED", default=None)


@contextmanager
def shared(catalog: Catalog) -> Iterator[None]:
    """Within the block, each follow-up of `catalog` is made into a row once and the pages share
    it: a follow-up is a row on its contract's, provider's, goals' and plans' pages and in the
    lists (a national build made 50,441 rows of 7,964 follow-ups, about 0.25 s)."""
    token = _SHARED.set((catalog, {}))
    try:
        yield
    finally:
        _SHARED.reset(token)


def uppfoljningsrad(catalog: Catalog, uppfoljning_id: str) -> Uppfoljningsrad:
    held = _SHARED.get()
    if held is None or held[0] is not catalog:
        return _rad(catalog, uppfoljning_id)
    made = held[1].get(uppfoljning_id)
    if made is None:
        made = held[1][uppfoljning_id] = _rad(catalog, uppfoljning_id)
    return made


def _rad(catalog: Catalog, uppfoljning_id: str) -> Uppfoljningsrad:
    u = catalog.uppfoljningar[uppfoljning_id]
    utforare_id = catalog.utforare_for_uppfoljning(uppfoljning_id)
    omrade_id = catalog.omrade_for_uppfoljning(uppfoljning_id)
    atgarder = u.handlingsplan.atgarder if u.handlingsplan else ()
    return Uppfoljningsrad(
        id=uppfoljning_id, namn=uppfoljning_namn(catalog, uppfoljning_id), u=Uppfoljningsutdrag.av(u),
        utforare_id=utforare_id, utforare_namn=catalog.utforare[utforare_id].namn,
        omrade_id=omrade_id, omrade_namn=catalog.omraden[omrade_id].namn, ar=ar_for(u),
        brister=len(u.brister), handlingsplan=u.handlingsplan is not None, atgarder=len(atgarder),
        klara=sum(1 for a in atgarder if a.status == "klar"), forsenade=sum(1 for a in atgarder if catalog.is_late(a)),
    )


def uppfoljningsrader(catalog: Catalog, ids: tuple[str, ...] | list[str]) -> tuple[Uppfoljningsrad, ...]:
    return tuple(uppfoljningsrad(catalog, uppfoljning_id) for uppfoljning_id in ids)


def mal_lankar(catalog: Catalog, mal_ids: tuple[str, ...] | list[str]) -> tuple[Lank, ...]:
    """Links to the goal pages of `mal_ids`, in their order."""
    return tuple(Lank(path_mal(mal_id), catalog.mal[mal_id].namn) for mal_id in mal_ids)


def planlank(catalog: Catalog, plan_id: str, mellan: str = ": ") -> Lank:
    """A link to a nämnd's follow-up plan: 'Uppföljningsplan 2026: Regionstyrelsen' (`mellan`: ': ' or ' – ')."""
    plan = catalog.planer[plan_id]
    return Lank(path_plan(plan_id), f"Uppföljningsplan {plan.ar}{mellan}{catalog.namnder[plan.namnd].namn}")
