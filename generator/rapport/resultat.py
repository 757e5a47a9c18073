"""Results by verksamhetsområde and driftsform, and the action plans' measures.

Egen regi and private providers are counted side by side on the same terms, as the
program demands. Only public follow-ups are counted (the catalog has no others); a
result or a deficiency list that is withheld is counted as withheld, never guessed.
"""

from __future__ import annotations

from collections import Counter

from generator.domain.catalog import Catalog
from generator.domain.rapportval import Urval
from generator.rapport.model import (
    Atgardsrad,
    Driftsresultat,
    Kravbrist,
    Omradesresultat,
    Utforaratgarder,
)
from generator.sv.alfabetisk import svensk_nyckel

DRIFTSFORMER = ("egen_regi", "privat")
RESULTAT = ("uppfyller", "uppfyller_delvis", "uppfyller_inte", "ej_bedomd", "sekretess")
ALLVARLIGHET = ("hog", "medel", "lag")


def _genomforda(catalog: Catalog, scope: Urval) -> list[str]:
    return [uppfoljning_id for uppfoljning_id in scope.uppfoljningar
            if catalog.uppfoljningar[uppfoljning_id].status == "genomford"]


def resultat(catalog: Catalog, scope: Urval) -> tuple[Omradesresultat, ...]:
    done = _genomforda(catalog, scope)
    out = []
    for omrade_id in scope.omraden:
        mine = [uppfoljning_id for uppfoljning_id in done if catalog.omrade_for_uppfoljning(uppfoljning_id) == omrade_id]
        drift = []
        krav: dict[tuple[str, str], Counter[str]] = {}
        for form in DRIFTSFORMER:
            uppfoljning_ids = [uppfoljning_id for uppfoljning_id in mine
                               if catalog.utforare[catalog.utforare_for_uppfoljning(uppfoljning_id)].driftsform == form]
            results: Counter[str] = Counter()
            severity: Counter[str] = Counter()
            for uppfoljning_id in uppfoljning_ids:
                u = catalog.uppfoljningar[uppfoljning_id]
                results["sekretess" if "resultat" in u.sekretess else (u.resultat or "ej_bedomd")] += 1
                texts = {k.id: k.beskrivning for k in catalog.avtal[u.avtal].krav}
                for b in u.brister:
                    severity[b.allvarlighet] += 1
                    krav.setdefault((b.krav, texts.get(b.krav, "")), Counter())[form] += 1
            drift.append(Driftsresultat(form, tuple((r, results[r]) for r in RESULTAT),
                                        tuple((s, severity[s]) for s in ALLVARLIGHET), len(uppfoljning_ids)))
        rows = sorted(krav.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
        out.append(Omradesresultat(omrade_id, catalog.omraden[omrade_id].namn, tuple(drift), tuple(
            Kravbrist(k, text, tuple((f, counts[f]) for f in DRIFTSFORMER)) for (k, text), counts in rows)))
    return tuple(out)


def atgardsrader(catalog: Catalog, uppfoljning_ids: list[str] | tuple[str, ...], scope: Urval | None = None) -> list[Atgardsrad]:
    """Every measure of the follow-ups' action plans, late ones with how many days late. With
    `scope`, of a follow-up of an earlier year only the measures the year follows up
    (`Urval.tidiga_atgarder`)."""
    earlier = set(scope.tidigare) if scope else set()
    rows = []
    for uppfoljning_id in uppfoljning_ids:
        plan = catalog.uppfoljningar[uppfoljning_id].handlingsplan
        name = catalog.utforare[catalog.utforare_for_uppfoljning(uppfoljning_id)].namn
        measures = plan.atgarder if plan else ()
        for a in scope.tidiga_atgarder(measures) if scope and uppfoljning_id in earlier else measures:
            late = (catalog.idag - a.senast).days if catalog.is_late(a) else 0
            rows.append(Atgardsrad(uppfoljning_id, name, a.beskrivning, a.senast, a.status, a.klar, late))
    return rows


def med_atgarder(scope: Urval) -> tuple[str, ...]:
    """The follow-ups whose measures the year's report follows up: the year's, then the earlier
    ones with a measure not done when the year began."""
    return scope.uppfoljningar + scope.tidigare


def atgarder(catalog: Catalog, scope: Urval) -> tuple[tuple[Utforaratgarder, ...], tuple[Atgardsrad, ...]]:
    """Measures done, open and late per provider; and every late measure, most days late first."""
    per: dict[str, list[Atgardsrad]] = {}
    for uppfoljning_id in med_atgarder(scope):
        measures = atgardsrader(catalog, [uppfoljning_id], scope)
        per.setdefault(catalog.utforare_for_uppfoljning(uppfoljning_id), []).extend(measures)
    summary = []
    for utforare_id in sorted(per, key=lambda p: (svensk_nyckel(catalog.utforare[p].namn), p)):
        rows = per[utforare_id]
        if not rows:
            continue
        klara = sum(r.status == "klar" for r in rows)
        sena = sum(r.dagar_sen > 0 for r in rows)
        summary.append(Utforaratgarder(utforare_id, catalog.utforare[utforare_id].namn, catalog.utforare[utforare_id].driftsform,
                                       klara, len(rows) - klara, sena))
    late = [r for rows in per.values() for r in rows if r.dagar_sen > 0]
    late.sort(key=lambda r: (-r.dagar_sen, svensk_nyckel(r.utforare), r.uppfoljning, r.beskrivning))
    return tuple(summary), tuple(late)
