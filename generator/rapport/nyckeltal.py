"""Key figures in the report: the region's value against the target, by sex, as a time
series with its trend, the units' share reaching the target, the national comparison, and
a full-year forecast.

Values are read from the catalog as published (`nyckeltalsvarden`, `jamforelsevarden`);
the only figures made here are the trend, the count of units reaching the target and the
forecast, and each says how it was made.
"""

from __future__ import annotations

import statistics

from generator.domain.catalog import Catalog
from generator.domain.period import Period
from generator.domain.period import sort_key as period_sort_key
from generator.models import Nyckeltal
from generator.rapport.model import Konsvarde, Nyckeltalslage, Nyckeltalsserie, Prognos
from generator.sv import vocabulary as voc


def nar_malet(n: Nyckeltal, value: float | None) -> bool | None:
    """Whether a value reaches the target in the indicator's direction; None if it cannot say."""
    if value is None or n.malvarde is None or n.riktning == "neutral":
        return None
    return value >= n.malvarde if n.riktning == "hogre_ar_battre" else value <= n.malvarde


def _periods_until(catalog: Catalog, who: str, nyckeltal_id: str, ar: int) -> list[str]:
    periods = {v.period for v in catalog.varden_for(who, nyckeltal_id) if Period.parse(v.period).year <= ar}
    return sorted(periods, key=period_sort_key)


def lage(catalog: Catalog, nyckeltal_id: str, ar: int) -> Nyckeltalslage:
    """The region's newest value up to the year, for T and, where the indicator has them, K and M."""
    n = catalog.nyckeltal[nyckeltal_id]
    periods = _periods_until(catalog, "region", nyckeltal_id, ar)
    period = periods[-1] if periods else None
    kons = ("T", "K", "M") if n.konsuppdelad else ("T",)
    values = []
    for kon in kons:
        v = catalog.varde_for_period("region", nyckeltal_id, period, kon) if period else None
        value = v.varde if v else None
        values.append(Konsvarde(kon, value, nar_malet(n, value)))
    return Nyckeltalslage(nyckeltal_id, n.namn, n.enhet, n.riktning, n.malvarde, period, tuple(values))


def trend(n: Nyckeltal, serie: list[tuple[str, float | None]]) -> str:
    """The direction of the last change: battre/samre (or okar/minskar when neutral), oforandrad, okand."""
    known = [v for _, v in serie if v is not None]
    if len(known) < 2:
        return "okand"
    change = known[-1] - known[-2]
    if abs(change) < 1e-9:
        return "oforandrad"
    if n.riktning == "neutral":
        return "okar" if change > 0 else "minskar"
    return "battre" if (change > 0) == (n.riktning == "hogre_ar_battre") else "samre"


def prognos(n: Nyckeltal, serie: list[tuple[str, float | None]], ar: int, org: str) -> Prognos | None:
    """A linear trend through the earlier full years, carried to the report year (`org`:
    "regionen" or "kommunen", whose values the series holds).

    Made only when the year has no value yet and at least two earlier full years have one.
    """
    if any(p == str(ar) and v is not None for p, v in serie):
        return None
    points = [(int(p), v) for p, v in serie if p.isdigit() and int(p) < ar and v is not None]
    if len(points) < 2:
        return None
    fit = statistics.linear_regression([float(x) for x, _ in points], [y for _, y in points])
    value = fit.intercept + fit.slope * ar
    if n.enhet == "procent":
        value = min(100.0, max(0.0, value))
    elif value < 0:
        value = 0.0
    first, last = points[0][0], points[-1][0]
    metod = (f"Prognos för helåret {ar}: en rak linje (minsta kvadratmetoden) genom {org}s värden "
             f"för {first}–{last}, förlängd till {ar}. Det är en uppskattning, inte ett uppmätt värde.")
    return Prognos(ar, round(value, 1), metod)


def serie(catalog: Catalog, nyckeltal_id: str, ar: int, utforare: tuple[str, ...]) -> Nyckeltalsserie:
    n = catalog.nyckeltal[nyckeltal_id]
    values = [(p, v.varde if (v := catalog.varde_for_period("region", nyckeltal_id, p)) else None)
              for p in _periods_until(catalog, "region", nyckeltal_id, ar)]
    reach = with_value = 0
    for uid in utforare:
        # The provider's latest value up to the year, sought from the end: most have one for the
        # year itself, and looking at all of them was most of a national report's time.
        latest = next((v for v in reversed(catalog.varden_for(uid, nyckeltal_id))
                       if v.kon == "T" and v.varde is not None and Period.parse(v.period).year <= ar), None)
        if latest is not None:
            with_value += 1
            reach += nar_malet(n, latest.varde) is True
    riket_periods = _periods_until(catalog, "riket", nyckeltal_id, ar)
    riket = catalog.varde_for_period("riket", nyckeltal_id, riket_periods[-1]) if riket_periods else None
    return Nyckeltalsserie(
        lage=lage(catalog, nyckeltal_id, ar), serie=tuple(values), trend=trend(n, values),
        enheter_nar=reach, enheter_med_varde=with_value,
        riket=riket.varde if riket else None, riket_period=riket_periods[-1] if riket_periods else None,
        prognos=prognos(n, values, ar, voc.organisation(catalog.region.typ)),
    )
