"""Catalog → rows per published table, in a fixed order.

Reads only the Catalog, which holds public facts only: non-public follow-ups are already
gone and withheld fields already empty. What is withheld is said out loud here, in the
`sekretess` column, never left as a silent blank. Rows are sorted by their keys so two
builds of the same data give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Protocol, get_args

from generator.domain.aktualitet import aktualitet
from generator.domain.catalog import Catalog
from generator.domain.period import sort_key as period_sort_key
from generator.domain.planutfall import utfall_for_plan
from generator.models import REFERENCE_ROWS
from generator.models.nyckeltal import Kon
from generator.opendata.schema import LIST_SEP, TABLES

Row = dict[str, Any]


class Andringsregister(Protocol):
    """What open data reads of the change record (generator.andringar, which sits above this package)."""

    @property
    def publicering(self) -> dt.date: ...
    @property
    def sedan(self) -> dt.date: ...
    @property
    def rows(self) -> tuple[Any, ...]: ...


def _joined(values: Iterable[str]) -> str | None:
    items = list(values)
    return LIST_SEP.join(items) if items else None


def utforare(c: Catalog) -> list[Row]:
    rows = []
    for uid, u in sorted(c.utforare.items()):
        address, position, kontakt = u.besoksadress, u.position, u.kontakt
        fresh = aktualitet(c, uid)
        rows.append({
            "id": uid, "namn": u.namn, "driftsform": u.driftsform,
            # A sole trader's number is a personnummer: never published (the catalog has already dropped it).
            "organisationsnummer": None if u.enskild_firma else u.organisationsnummer,
            "enskild_firma": u.enskild_firma, "hsa_id": u.hsa_id, "koncern": u.koncern,
            "verksamhetsomraden": _joined(u.verksamhetsomraden),
            "gatuadress": address.gatuadress if address else None,
            "postnummer": address.postnummer if address else None,
            "ort": address.ort if address else None,
            "kommun": address.kommun if address else None,
            "lat": position.lat if position else None, "lon": position.lon if position else None,
            "telefon": kontakt.telefon if kontakt else None, "epost": kontakt.epost if kontakt else None,
            "webbplats": kontakt.webbplats if kontakt else None,
            "sprak": _joined(u.sprak), "tjanster": _joined(u.tjanster),
            "oppettider": _joined(f"{o.dagar} {o.tider}" for o in u.oppettider),
            "tillganglighet": _joined(f"{k}={'true' if v else 'false'}" for k, v in u.tillganglighet.items()),
            "startdatum": u.startdatum, "slutdatum": u.slutdatum,
            "beskrivning": u.beskrivning,
            # Freshness, judged as the pages judge it (generator/domain/aktualitet.py).
            "senast_uppfoljd": fresh.senast, "uppfoljning_forsenad": fresh.forsenad,
        })
    return rows


def avtal(c: Catalog) -> list[Row]:
    """The contracts; insynsklausul empty for egen regi, as the column says and the page does (a
    clause of a contract with a private provider: for the publisher's own unit it does not apply,
    even where the data says true or false)."""
    return [{
        "id": avtal_id, "utforare": a.utforare, "verksamhetsomrade": a.verksamhetsomrade, "form": a.form,
        "diarienummer": a.diarienummer, "namnd": a.namnd, "startdatum": a.startdatum, "slutdatum": a.slutdatum,
        "arligt_varde_kr": a.arligt_varde_kr, "strategiskt": a.strategiskt, "insynsklausul": a.insynsklausul if c.utforare[a.utforare].driftsform == "privat" else None,
        "mal": _joined(a.mal),
    } for avtal_id, a in sorted(c.avtal.items())]


def krav(c: Catalog) -> list[Row]:
    return [{"avtal": avtal_id, "id": k.id, "beskrivning": k.beskrivning}
            for avtal_id, a in sorted(c.avtal.items()) for k in sorted(a.krav, key=lambda k: k.id)]


def uppfoljningar(c: Catalog) -> list[Row]:
    rows = []
    for uppfoljning_id, u in sorted(c.uppfoljningar.items()):
        withheld = set(u.sekretess)
        plan, red = u.handlingsplan, u.redovisad
        rows.append({
            "id": uppfoljning_id, "avtal": u.avtal, **_vem(c, c.utforare_for_uppfoljning(uppfoljning_id)),
            "verksamhetsomrade": c.omrade_for_uppfoljning(uppfoljning_id), "typ": u.typ, "period": u.period,
            "status": u.status, "genomford": u.genomford, "granskare": u.granskare,
            "redovisad_organ": red.organ if red else None, "redovisad_datum": red.datum if red else None,
            "redovisad_paragraf": red.paragraf if red else None, "resultat": u.resultat,
            "sammanfattning": u.sammanfattning, "kommentar_utforare": u.kommentar_utforare,
            "mal": _joined(u.mal),
            "antal_brister": None if "brister" in withheld else len(u.brister),
            "handlingsplan_beslutad": plan.beslutad if plan else None,
            "antal_atgarder": None if "handlingsplan" in withheld else (len(plan.atgarder) if plan else 0),
            "sekretess": _joined(sorted(withheld)),
        })
    return rows


def _vem(c: Catalog, utforare_id: str) -> Row:
    """The provider's id, name and driftsform, repeated so a table reads without a lookup."""
    u = c.utforare[utforare_id]
    return {"utforare": utforare_id, "utforare_namn": u.namn, "driftsform": u.driftsform}


def brister(c: Catalog) -> list[Row]:
    return [{
        "uppfoljning": uppfoljning_id, "nr": nr, "avtal": u.avtal, **_vem(c, c.utforare_for_uppfoljning(uppfoljning_id)),
        "krav": b.krav, "beskrivning": b.beskrivning, "allvarlighet": b.allvarlighet, "paverkan": b.paverkan,
    } for uppfoljning_id, u in sorted(c.uppfoljningar.items()) for nr, b in enumerate(u.brister, start=1)]


def atgarder(c: Catalog) -> list[Row]:
    rows = []
    for uppfoljning_id, u in sorted(c.uppfoljningar.items()):
        if u.handlingsplan is None:
            continue
        for nr, a in enumerate(u.handlingsplan.atgarder, start=1):
            rows.append({"uppfoljning": uppfoljning_id, "nr": nr, **_vem(c, c.utforare_for_uppfoljning(uppfoljning_id)),
                         "beskrivning": a.beskrivning, "senast": a.senast, "status": a.status, "klar": a.klar,
                         "forsenad": c.is_late(a)})
    return rows


def uppfoljningsplaner(c: Catalog) -> list[Row]:
    return [{
        "id": plan_id, "ar": p.ar, "namnd": p.namnd,
        "beslutad_datum": p.beslutad.datum if p.beslutad else None,
        "beslutad_paragraf": p.beslutad.paragraf if p.beslutad else None,
    } for plan_id, p in sorted(c.planer.items())]


def planposter(c: Catalog) -> list[Row]:
    """Each planned follow-up with its outcome, judged as the plan page judges it."""
    # Imported here: generator.pages imports this package (for the data dictionary).

    return [{
        "plan": plan_id, "nr": nr, "avtal": o.post.avtal, "verksamhetsomrade": o.post.verksamhetsomrade,
        "typ": o.post.typ, "planerad": o.post.planerad, "redovisas_i": o.post.redovisas_i, "utfall": o.utfall,
        "uppfoljningar": _joined(o.uppfoljningar),
    } for plan_id, p in sorted(c.planer.items()) for nr, o in enumerate(utfall_for_plan(c, p), start=1)]


def mal(c: Catalog) -> list[Row]:
    return [{"id": mal_id, "namn": m.namn, "malomrade": m.malomrade, "beskrivning": m.beskrivning}
            for mal_id, m in sorted(c.mal.items())]


def nyckeltal(c: Catalog) -> list[Row]:
    return [{
        "id": nyckeltal_id, "namn": n.namn, "beskrivning": n.beskrivning, "enhet": n.enhet, "riktning": n.riktning,
        "malvarde": n.malvarde, "mal": n.mal, "verksamhetsomraden": _joined(n.verksamhetsomraden),
        "kalla": n.kalla, "konsuppdelad": n.konsuppdelad,
    } for nyckeltal_id, n in sorted(c.nyckeltal.items())]


# T, K, M: the order the data contract lists them in (models.nyckeltal.Kon).
_KON_ORDER = {kon: index for index, kon in enumerate(get_args(Kon))}


def _values(c: Catalog, reference: bool, key: str) -> list[Row]:
    chosen = [v for v in c.varden if (v.utforare in REFERENCE_ROWS) == reference]
    # Each period by its place among the few there are: compared as Periods (a dataclass, compared
    # in Python), the 150,000 national values took 0.155 s to sort instead of 0.09 s.
    rank = {period: index for index, period in
            enumerate(sorted({v.period for v in chosen}, key=lambda p: (period_sort_key(p), p)))}
    chosen.sort(key=lambda v: (v.utforare, v.nyckeltal, rank[v.period], _KON_ORDER[v.kon]))
    return [{key: v.utforare, "nyckeltal": v.nyckeltal, "period": v.period, "kon": v.kon, "varde": v.varde,
             "antal": v.antal, "anmarkning": v.anmarkning} for v in chosen]


def nyckeltalsvarden(c: Catalog) -> list[Row]:
    return _values(c, reference=False, key="utforare")


def jamforelsevarden(c: Catalog) -> list[Row]:
    return _values(c, reference=True, key="jamforelse")


def dolda_uppfoljningar(c: Catalog) -> list[Row]:
    return [{"verksamhetsomrade": area, "ar": year, "antal": n}
            for (area, year), n in sorted(c.dolda.items()) if n > 0]


def kommuner(c: Catalog) -> list[Row]:
    return [{"kod": k.kod, "namn": k.namn} for _, k in sorted(c.kommuner.items())]


def namnder(c: Catalog) -> list[Row]:
    return [{"id": namnd_id, "namn": n.namn} for namnd_id, n in sorted(c.namnder.items())]


def verksamhetsomraden(c: Catalog) -> list[Row]:
    return [{
        "id": omrade_id, "namn": o.namn, "valfrihet": o.valfrihet, "lag": o.lag, "namnd": o.namnd,
        "mal": _joined(o.mal), "beskrivning": o.beskrivning,
    } for omrade_id, o in sorted(c.omraden.items())]


_BUILDERS = {
    "utforare": utforare, "avtal": avtal, "krav": krav, "uppfoljningar": uppfoljningar, "brister": brister,
    "atgarder": atgarder, "uppfoljningsplaner": uppfoljningsplaner, "planposter": planposter, "mal": mal,
    "nyckeltal": nyckeltal, "nyckeltalsvarden": nyckeltalsvarden, "jamforelsevarden": jamforelsevarden,
    "dolda_uppfoljningar": dolda_uppfoljningar, "kommuner": kommuner, "namnder": namnder,
    "verksamhetsomraden": verksamhetsomraden,
}


def andringar(register: Andringsregister | None) -> list[Row]:
    """The change record, oldest publication first (it was compared on public rows only)."""
    if register is None:
        return []
    return [{"publicering": r.publicering, "nr": r.nr, "tabell": r.tabell, "nyckel": r.nyckel,
             "handelse": r.handelse, "utforare": r.utforare, "utforare_namn": r.utforare_namn, "falt": r.falt,
             "fore": r.fore, "efter": r.efter} for r in sorted(register.rows, key=lambda r: (r.publicering, r.nr))]


def all_rows(c: Catalog, register: Andringsregister | None = None) -> dict[str, list[Row]]:
    """Every table's rows, in the order of `schema.TABLES`; the change record from `register`."""
    out = {}
    for table in TABLES:
        rows = andringar(register) if table.name == "andringar" else _BUILDERS[table.name](c)
        names = table.column_names()
        for row in rows:
            if list(row) != names:  # a programming error, caught by the tests on both datasets
                raise AssertionError(f"{table.name}: kolumnerna {list(row)} stämmer inte med schemat {names}")
        out[table.name] = rows
    return out
