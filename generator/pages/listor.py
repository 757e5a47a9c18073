"""The lists: every public follow-up, their documents, contracts lacking an insight clause,
and the action-plan measures that are not done yet.

Non-public follow-ups are not in the catalog; the follow-up list says only how many there
are per area and year (from `catalog.dolda`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from generator.domain.catalog import Catalog
from generator.models import Avtal
from generator.models.uppfoljning import UppfoljningsDokument
from generator.pages.rader import (
    Atgardsrad,
    Filter,
    Filterfalt,
    Lank,
    Uppfoljningsrad,
    mal_lankar,
    planlank,
    uppfoljningsrad,
)
from generator.pages.render import page
from generator.pages.uppf_common import avtal_namn, saknar_insynsklausul
from generator.sv import vocabulary as voc
from generator.sv.alfabetisk import svensk_nyckel


@dataclass(frozen=True)
class Dold:
    omrade: str
    ar: str
    antal: int


@dataclass(frozen=True)
class Uppfoljningslista:
    """The list of every public follow-up, with the plans, the goals and the non-public counts."""

    rader: tuple[Uppfoljningsrad, ...]  # newest first
    filter: Filter
    dolda: tuple[Dold, ...]
    planer: tuple[Lank, ...]  # newest year first, then by id
    mal: tuple[Lank, ...]
    flode: bool  # the site has an Atom feed of new follow-ups to point to
    org: str


@dataclass(frozen=True)
class Dokumentlista:
    """Follow-up documents by year (newest first), then area (by name): [(år, [(område, [(uppföljning, dok)])])]."""

    grupper: tuple[tuple[str, tuple[tuple[str, tuple[tuple[Uppfoljningsrad, UppfoljningsDokument], ...]], ...]], ...]
    org: str


@dataclass(frozen=True)
class Insynsrad:
    """A private provider's contract without the insight clause."""

    id: str
    a: Avtal
    namn: str
    utforare_namn: str
    omrade_namn: str
    upphort: bool


@dataclass(frozen=True)
class Insynslista:
    rader: tuple[Insynsrad, ...]
    org: str


@dataclass(frozen=True)
class Atgardslista:
    """Every measure not done, and the day "late" is judged against."""

    rader: tuple[Atgardsrad, ...]  # late first, then by deadline
    antal_sena: int
    filter: Filter
    idag: dt.date


def dolda_rader(catalog: Catalog) -> tuple[Dold, ...]:
    """Counts of non-public follow-ups per area (by name) and year (newest first); nothing else."""
    rows = [Dold(catalog.omraden[area].namn, year, n) for (area, year), n in catalog.dolda.items() if n]
    return tuple(sorted(sorted(rows, key=lambda d: svensk_nyckel(d.omrade)), key=lambda d: d.ar, reverse=True))


def dokument_per_ar(catalog: Catalog) -> Dokumentlista:
    grouped: dict[str, dict[str, list[tuple[Uppfoljningsrad, UppfoljningsDokument]]]] = defaultdict(lambda: defaultdict(list))
    for uppfoljning_id in sorted(catalog.uppfoljningar, key=catalog.sort_key, reverse=True):
        rad = uppfoljningsrad(catalog, uppfoljning_id)
        for dok in catalog.uppfoljningar[uppfoljning_id].dokument:
            grouped[rad.ar or "Okänt år"][rad.omrade_namn].append((rad, dok))
    return Dokumentlista(
        tuple((year, tuple((area, tuple(docs)) for area, docs in sorted(areas.items(), key=lambda kv: svensk_nyckel(kv[0]))))
              for year, areas in sorted(grouped.items(), reverse=True)),
        voc.organisation(catalog.region.typ))


def avtal_utan_klausul(catalog: Catalog) -> Insynslista:
    """Private providers' contracts without the insight clause: current ones first, then by area and provider."""
    rows = [Insynsrad(avtal_id, a, avtal_namn(catalog, avtal_id), catalog.utforare[a.utforare].namn,
                      catalog.omraden[a.verksamhetsomrade].namn, catalog.is_ended(avtal_id))
            for avtal_id, a in catalog.avtal.items() if saknar_insynsklausul(catalog, a)]
    rows.sort(key=lambda r: (r.upphort, svensk_nyckel(r.omrade_namn), svensk_nyckel(r.utforare_namn), r.id))
    return Insynslista(tuple(rows), voc.organisation(catalog.region.typ))


def oppna_atgarder(catalog: Catalog) -> Atgardslista:
    """Every measure not done, late ones first; within each, the earliest deadline first."""
    rows: list[tuple[Atgardsrad, str]] = []
    for uppfoljning_id in catalog.uppfoljningar:
        rad = uppfoljningsrad(catalog, uppfoljning_id)
        rows += [(Atgardsrad(a, catalog.is_late(a), rad), uppfoljning_id) for a in catalog.oppna_atgarder(uppfoljning_id)]
    rows.sort(key=lambda r: (not r[0].forsenad, r[0].atgard.senast, r[1]))
    lage = Filterfalt("lage", "Visa", (("", "Alla åtgärder som inte är klara"), ("forsenad", "Bara försenade"),
                                       ("i-tid", "Bara de som inte är försenade")))
    return Atgardslista(tuple(r for r, _ in rows), sum(1 for r, _ in rows if r.forsenad), Filter("åtgärder", (lage,)),
                        catalog.idag)


def uppfoljningslista(catalog: Catalog, flode: bool) -> Uppfoljningslista:
    rader = tuple(uppfoljningsrad(catalog, uppfoljning_id)
                  for uppfoljning_id in sorted(catalog.uppfoljningar, key=catalog.sort_key, reverse=True))
    omraden = sorted({(r.omrade_id, r.omrade_namn) for r in rader}, key=lambda o: svensk_nyckel(o[1]))
    years = sorted({r.ar for r in rader if r.ar}, reverse=True)
    filter_ = Filter("uppföljningar", (
        Filterfalt("omrade", "Område", (("", "Alla områden"), *omraden)),
        Filterfalt("ar", "År", (("", "Alla år"), *((y, y) for y in years))),
        Filterfalt("resultat", "Resultat", (("", "Alla resultat"), *voc.RESULTAT.items(),
                                            ("ej-klar", "Inte klar eller inställd"), ("sekretess", "Omfattas av sekretess"))),
    ))
    planer = sorted(catalog.planer, key=lambda plan_id: (-catalog.planer[plan_id].ar, plan_id))
    return Uppfoljningslista(rader, filter_, dolda_rader(catalog), tuple(planlank(catalog, plan_id) for plan_id in planer),
                             mal_lankar(catalog, list(catalog.mal)), flode, voc.organisation(catalog.region.typ))


def render(catalog: Catalog, flode: bool = False) -> dict[str, str]:
    """The lists; `flode`: the site has an Atom feed of new follow-ups to point to."""
    atgarder = oppna_atgarder(catalog)
    return {
        "listor/uppfoljningar.md": page("listor/uppfoljningar.md", "Alla uppföljningar", "listor_uppfoljningar.html",
                                        s=uppfoljningslista(catalog, flode)),
        "listor/dokument.md": page("listor/dokument.md", "Uppföljningsdokument", "listor_dokument.html",
                                   s=dokument_per_ar(catalog)),
        "listor/avtal-utan-insynsklausul.md": page(
            "listor/avtal-utan-insynsklausul.md", "Avtal som saknar klausul om insyn", "listor_insyn.html",
            s=avtal_utan_klausul(catalog)),
        "listor/atgarder.md": page("listor/atgarder.md", "Åtgärder som inte är klara", "listor_atgarder.html",
                                   s=atgarder, idag=atgarder.idag),
    }
