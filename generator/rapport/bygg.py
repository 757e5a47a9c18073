"""Catalog → Rapport: the nämnd's report for a year and period, computed once.

Every format (page, PDF, DOCX, presentation) and the test that recomputes the figures from
the published CSVs read the value this returns. It reads the public catalog only, so what
the catalog withholds cannot reach a report.
"""

from __future__ import annotations

import datetime as dt

from generator.domain.catalog import Catalog
from generator.domain.rapportval import Urval, per_dag, urval
from generator.rapport import nyckeltal, plan, resultat
from generator.rapport.model import (
    Bristrad,
    Malpaverkan,
    Rapport,
    Referens,
    Sakomrade,
    StrategisktAvtal,
)
from generator.rapport.period import PERIODER, Rapportperiod


def _active(catalog: Catalog, aid: str, ar: int) -> bool:
    a = catalog.avtal[aid]
    return a.startdatum <= dt.date(ar, 12, 31) and (a.slutdatum is None or a.slutdatum >= dt.date(ar, 1, 1))


def _utforare_i(catalog: Catalog, scope: Urval, oid: str) -> tuple[str, ...]:
    return tuple(sorted({catalog.avtal[aid].utforare for aid in scope.avtal
                         if catalog.avtal[aid].verksamhetsomrade == oid and _active(catalog, aid, scope.ar)}))


def _mal_for(catalog: Catalog, uppfoljning_id: str) -> list[str]:
    u = catalog.uppfoljningar[uppfoljning_id]
    return list(dict.fromkeys([*u.mal, *catalog.avtal[u.avtal].mal]))


def malpaverkan(catalog: Catalog, scope: Urval) -> tuple[Malpaverkan, ...]:
    """The goals touched by deficiencies, each with its key figures against their targets."""
    brister: dict[str, int] = {}
    paverkan: dict[str, list[str]] = {}
    for uppfoljning_id in scope.uppfoljningar:
        u = catalog.uppfoljningar[uppfoljning_id]
        if not u.brister:
            continue
        for mid in _mal_for(catalog, uppfoljning_id):
            brister[mid] = brister.get(mid, 0) + len(u.brister)
            paverkan.setdefault(mid, []).extend(b.paverkan for b in u.brister if b.paverkan)
    out = []
    for mid in catalog.mal:
        if mid not in brister:
            continue
        nids = [nid for nid, n in catalog.nyckeltal.items()
                if n.mal == mid and set(n.verksamhetsomraden) & set(scope.omraden)]
        out.append(Malpaverkan(mid, catalog.mal[mid].namn, brister[mid], tuple(dict.fromkeys(paverkan[mid])),
                               tuple(nyckeltal.lage(catalog, nid, scope.ar) for nid in nids)))
    return tuple(out)


def referenser(catalog: Catalog, scope: Urval) -> tuple[Referens, ...]:
    """The program's reference list: every follow-up document of the nämnd's year."""
    return tuple(
        Referens(d.titel, d.diarienummer, catalog.uppfoljningar[uppfoljning_id].genomford,
                 catalog.utforare[catalog.utforare_for_uppfoljning(uppfoljning_id)].namn, d.url, uppfoljning_id)
        for uppfoljning_id in scope.uppfoljningar for d in catalog.uppfoljningar[uppfoljning_id].dokument
    )


def sakomraden(catalog: Catalog, scope: Urval) -> tuple[Sakomrade, ...]:
    out = []
    for oid in scope.omraden:
        area = catalog.omraden[oid]
        aids = [aid for aid in scope.avtal
                if catalog.avtal[aid].verksamhetsomrade == oid and _active(catalog, aid, scope.ar)]
        egen = sum(catalog.avtal[aid].form == "egen_regi" for aid in aids)
        uppfoljning_ids = [uppfoljning_id for uppfoljning_id in scope.uppfoljningar
                           if catalog.omrade_for_uppfoljning(uppfoljning_id) == oid]
        open_rows = [r for r in resultat.atgardsrader(catalog, uppfoljning_ids) if r.status != "klar"]
        open_rows.sort(key=lambda r: (-r.dagar_sen, r.senast, r.uppfoljning))
        providers = _utforare_i(catalog, scope, oid)
        out.append(Sakomrade(
            oid, area.namn, tuple(catalog.mal[m].namn for m in area.mal), egen, len(aids) - egen,
            tuple(nyckeltal.serie(catalog, nid, scope.ar, providers) for nid in catalog.nyckeltal_for_omrade(oid)),
            tuple(open_rows),
        ))
    return tuple(out)


def strategiska(catalog: Catalog, scope: Urval) -> tuple[StrategisktAvtal, ...]:
    """The nämnd's strategic contracts, largest annual value first, with the guideline's four answers."""
    aids = [aid for aid in scope.avtal if catalog.avtal[aid].strategiskt]
    aids.sort(key=lambda aid: (-(catalog.avtal[aid].arligt_varde_kr or 0), aid))
    out = []
    for aid in aids:
        a = catalog.avtal[aid]
        uppfoljning_ids = [uppfoljning_id for uppfoljning_id in scope.uppfoljningar
                           if catalog.uppfoljningar[uppfoljning_id].avtal == aid]
        assessed = [uppfoljning_id for uppfoljning_id in uppfoljning_ids
                    if catalog.uppfoljningar[uppfoljning_id].status == "genomford"
                    and catalog.uppfoljningar[uppfoljning_id].resultat is not None]
        goals = list(dict.fromkeys(m for uppfoljning_id in uppfoljning_ids
                                   for m in _mal_for(catalog, uppfoljning_id))) or list(a.mal)
        valfrihet = catalog.omraden[a.verksamhetsomrade].valfrihet
        klass = ("Stort värde och stor påverkan för invånarna"
                 + (", som själva väljer utförare" if valfrihet else ""))
        out.append(StrategisktAvtal(
            aid, catalog.utforare[a.utforare].namn, a.verksamhetsomrade, a.arligt_varde_kr, klass,
            assessed[0] if assessed else None,
            catalog.uppfoljningar[assessed[0]].resultat if assessed else None,
            tuple(Bristrad(b.krav, b.beskrivning, b.allvarlighet, b.paverkan)
                  for uppfoljning_id in uppfoljning_ids for b in catalog.uppfoljningar[uppfoljning_id].brister),
            tuple(catalog.mal[m].namn for m in goals),
            tuple(resultat.atgardsrader(catalog, uppfoljning_ids)),
        ))
    return tuple(out)


def titel(namnd: str, period: Rapportperiod, ar: int) -> str:
    """'Regionstyrelsen: uppföljning av utförare, årsbokslut 2026' or '…, tertialrapport per 30 april 2026'."""
    when = f"{ar}" if period.kod == "ar" else f"{period.per} {ar}"
    return f"{namnd}: uppföljning av utförare, {period.namn.lower()} {when}"


def bygg_rapport(catalog: Catalog, namnd: str, ar: int, period: str = "ar") -> Rapport:
    """The report of `namnd` for `ar` up to the end of `period` (T1, T2, delar or ar)."""
    kind = PERIODER[period]
    day = min(kind.slutdag(ar), catalog.idag)
    view = per_dag(catalog, day)
    scope = urval(view, namnd, ar)
    summary, late = resultat.atgarder(view, scope)
    name = view.namnder[namnd].namn
    return Rapport(
        namnd=namnd, namnd_namn=name, ar=ar, period=period, period_namn=kind.namn, per=day,
        titel=titel(name, kind, ar), region=view.region.namn, exempeldata=view.region.exempeldata,
        uppdaterad=view.uppdaterad,
        planer=plan.planer(view, scope, kind),
        resultat=resultat.resultat(view, scope),
        utforaratgarder=summary, forsenade=late,
        mal=malpaverkan(view, scope),
        referenser=referenser(view, scope),
        sakomraden=sakomraden(view, scope),
        strategiska=strategiska(view, scope),
        dolda=sum(view.dolda.get((oid, str(ar)), 0) for oid in scope.omraden),
        uppfoljningar=len(scope.uppfoljningar),
    )
