"""The lists: every public follow-up, their documents, contracts lacking an insight clause,
and the action-plan measures that are not done yet.

Non-public follow-ups are not in the catalog; the follow-up list says only how many there
are per area and year (from `catalog.dolda`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.domain.catalog import Catalog
from generator.models import Atgard
from generator.models.uppfoljning import UppfoljningsDokument
from generator.pages.render import page
from generator.pages.uppf_common import ar_for, helpers, saknar_insynsklausul
from generator.sv.alfabetisk import svensk_nyckel


@dataclass(frozen=True)
class Dold:
    omrade: str
    ar: str
    antal: int


@dataclass(frozen=True)
class OppenAtgard:
    uid: str
    atgard: Atgard
    forsenad: bool


def dolda_rader(catalog: Catalog) -> list[Dold]:
    """Counts of non-public follow-ups per area (by name) and year (newest first); nothing else."""
    rows = [Dold(catalog.omraden[area].namn, year, n) for (area, year), n in catalog.dolda.items() if n]
    return sorted(sorted(rows, key=lambda d: svensk_nyckel(d.omrade)), key=lambda d: d.ar, reverse=True)


def _omrade_namn(catalog: Catalog, uid: str) -> str:
    return catalog.omraden[catalog.omrade_for_uppfoljning(uid)].namn


def dokument_per_ar(catalog: Catalog) -> list[tuple[str, list[tuple[str, list[tuple[str, UppfoljningsDokument]]]]]]:
    """Follow-up documents grouped by year (newest first), then area (by name): [(år, [(område, [(uid, dok)])])]."""
    grouped: dict[str, dict[str, list[tuple[str, UppfoljningsDokument]]]] = defaultdict(lambda: defaultdict(list))
    for uid in sorted(catalog.uppfoljningar, key=catalog.sort_key, reverse=True):
        u = catalog.uppfoljningar[uid]
        for dok in u.dokument:
            grouped[ar_for(u) or "Okänt år"][_omrade_namn(catalog, uid)].append((uid, dok))
    return [(year, sorted(areas.items(), key=lambda kv: svensk_nyckel(kv[0])))
            for year, areas in sorted(grouped.items(), reverse=True)]


def avtal_utan_klausul(catalog: Catalog) -> list[str]:
    """Private providers' contracts without the insight clause: current ones first, then by area and provider."""
    ids = [aid for aid, a in catalog.avtal.items() if saknar_insynsklausul(catalog, a)]

    def key(aid: str) -> tuple[bool, str, str, str]:
        a = catalog.avtal[aid]
        ended = catalog.is_ended(aid)
        return (ended, svensk_nyckel(catalog.omraden[a.verksamhetsomrade].namn),
                svensk_nyckel(catalog.utforare[a.utforare].namn), aid)
    return sorted(ids, key=key)


def oppna_atgarder(catalog: Catalog) -> list[OppenAtgard]:
    """Every measure not done, late ones first; within each, the earliest deadline first."""
    rows = [OppenAtgard(uid, a, catalog.is_late(a)) for uid in catalog.uppfoljningar
            for a in catalog.oppna_atgarder(uid)]
    return sorted(rows, key=lambda r: (not r.forsenad, r.atgard.senast, r.uid))


def _uppfoljningar(catalog: Catalog, flode: bool) -> str:
    uids = sorted(catalog.uppfoljningar, key=catalog.sort_key, reverse=True)
    omraden = sorted({catalog.omrade_for_uppfoljning(uid) for uid in uids}, key=lambda o: svensk_nyckel(catalog.omraden[o].namn))
    years = sorted({y for uid in uids if (y := ar_for(catalog.uppfoljningar[uid]))}, reverse=True)
    return page("listor/uppfoljningar.md", "Alla uppföljningar", "listor_uppfoljningar.html",
                uids=uids, omraden=omraden, years=years, dolda=dolda_rader(catalog), ar_for=ar_for,
                planer=sorted(catalog.planer, key=lambda pid: (-catalog.planer[pid].ar, pid)),
                flode=flode, **helpers(catalog))


def render(catalog: Catalog, flode: bool = False) -> dict[str, str]:
    """The lists; `flode`: the site has an Atom feed of new follow-ups to point to."""
    h = helpers(catalog)
    return {
        "listor/uppfoljningar.md": _uppfoljningar(catalog, flode),
        "listor/dokument.md": page("listor/dokument.md", "Uppföljningsdokument", "listor_dokument.html",
                                   grupper=dokument_per_ar(catalog), **h),
        "listor/avtal-utan-insynsklausul.md": page(
            "listor/avtal-utan-insynsklausul.md", "Avtal som saknar klausul om insyn", "listor_insyn.html",
            aids=avtal_utan_klausul(catalog), **h),
        "listor/atgarder.md": page("listor/atgarder.md", "Åtgärder som inte är klara", "listor_atgarder.html",
                                   rows=oppna_atgarder(catalog), **h),
    }

