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


def _active(catalog: Catalog, avtal_id: str, ar: int) -> bool:
    a = catalog.avtal[avtal_id]
    return a.startdatum <= dt.date(ar, 12, 31) and (a.slutdatum is None or a.slutdatum >= dt.date(ar, 1, 1))


def _utforare_i(catalog: Catalog, scope: Urval, omrade_id: str) -> tuple[str, ...]:
    return tuple(sorted({catalog.avtal[avtal_id].utforare for avtal_id in scope.avtal
                         if catalog.avtal[avtal_id].verksamhetsomrade == omrade_id and _active(catalog, avtal_id, scope.ar)}))


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
        for mal_id in _mal_for(catalog, uppfoljning_id):
            brister[mal_id] = brister.get(mal_id, 0) + len(u.brister)
            paverkan.setdefault(mal_id, []).extend(b.paverkan for b in u.brister if b.paverkan)
    out = []
    for mal_id in catalog.mal:
        if mal_id not in brister:
            continue
        nyckeltal_ids = [nyckeltal_id for nyckeltal_id, n in catalog.nyckeltal.items()
                         if n.mal == mal_id and set(n.verksamhetsomraden) & set(scope.omraden)]
        out.append(Malpaverkan(mal_id, catalog.mal[mal_id].namn, brister[mal_id], tuple(dict.fromkeys(paverkan[mal_id])),
                               tuple(nyckeltal.lage(catalog, nyckeltal_id, scope.ar) for nyckeltal_id in nyckeltal_ids)))
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
    for omrade_id in scope.omraden:
        area = catalog.omraden[omrade_id]
        avtal_ids = [avtal_id for avtal_id in scope.avtal
                     if catalog.avtal[avtal_id].verksamhetsomrade == omrade_id and _active(catalog, avtal_id, scope.ar)]
        egen = sum(catalog.avtal[avtal_id].form == "egen_regi" for avtal_id in avtal_ids)
        uppfoljning_ids = [uppfoljning_id for uppfoljning_id in resultat.med_atgarder(scope)
                           if catalog.omrade_for_uppfoljning(uppfoljning_id) == omrade_id]
        open_rows = [r for r in resultat.atgardsrader(catalog, uppfoljning_ids, scope) if r.status != "klar"]
        open_rows.sort(key=lambda r: (-r.dagar_sen, r.senast, r.uppfoljning))
        providers = _utforare_i(catalog, scope, omrade_id)
        out.append(Sakomrade(
            omrade_id, area.namn, tuple(catalog.mal[m].namn for m in area.mal), egen, len(avtal_ids) - egen,
            tuple(nyckeltal.serie(catalog, nyckeltal_id, scope.ar, providers) for nyckeltal_id in catalog.nyckeltal_for_omrade(omrade_id)),
            tuple(open_rows),
        ))
    return tuple(out)


def strategiska(catalog: Catalog, scope: Urval) -> tuple[StrategisktAvtal, ...]:
    """The nämnd's strategic contracts, largest annual value first, with the guideline's four answers."""
    avtal_ids = [avtal_id for avtal_id in scope.avtal if catalog.avtal[avtal_id].strategiskt]
    avtal_ids.sort(key=lambda avtal_id: (-(catalog.avtal[avtal_id].arligt_varde_kr or 0), avtal_id))
    # The year's follow-ups by contract, newest first as in scope, in one pass: a national
    # nämnd has 1,101 strategic contracts and 8,000 follow-ups (0.3 s a report asked per contract).
    per_avtal: dict[str, list[str]] = {}
    for uppfoljning_id in scope.uppfoljningar:
        per_avtal.setdefault(catalog.uppfoljningar[uppfoljning_id].avtal, []).append(uppfoljning_id)
    earlier: dict[str, list[str]] = {}  # with measures the year follows up
    for uppfoljning_id in scope.tidigare:
        earlier.setdefault(catalog.uppfoljningar[uppfoljning_id].avtal, []).append(uppfoljning_id)
    out = []
    for avtal_id in avtal_ids:
        a = catalog.avtal[avtal_id]
        uppfoljning_ids = per_avtal.get(avtal_id, [])
        assessed = [uppfoljning_id for uppfoljning_id in uppfoljning_ids
                    if catalog.uppfoljningar[uppfoljning_id].status == "genomford"
                    and catalog.uppfoljningar[uppfoljning_id].resultat is not None]
        goals = list(dict.fromkeys(m for uppfoljning_id in uppfoljning_ids
                                   for m in _mal_for(catalog, uppfoljning_id))) or list(a.mal)
        valfrihet = catalog.omraden[a.verksamhetsomrade].valfrihet
        klass = ("Stort värde och stor påverkan för invånarna"
                 + (", som själva väljer utförare" if valfrihet else ""))
        out.append(StrategisktAvtal(
            avtal_id, catalog.utforare[a.utforare].namn, a.verksamhetsomrade, a.arligt_varde_kr, klass,
            assessed[0] if assessed else None,
            catalog.uppfoljningar[assessed[0]].resultat if assessed else None,
            tuple(Bristrad(b.krav, b.beskrivning, b.allvarlighet, b.paverkan)
                  for uppfoljning_id in uppfoljning_ids for b in catalog.uppfoljningar[uppfoljning_id].brister),
            tuple(catalog.mal[m].namn for m in goals),
            tuple(resultat.atgardsrader(catalog, [*uppfoljning_ids, *earlier.get(avtal_id, [])], scope)),
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
        dolda=sum(view.dolda.get((omrade_id, str(ar)), 0) for omrade_id in scope.omraden),
        uppfoljningar=len(scope.uppfoljningar),
    )
