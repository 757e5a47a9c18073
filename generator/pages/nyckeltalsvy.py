"""A key figure on a provider page: its table rows and charts, ready to render.

The chart's x axis has every period from the first to the last, so a missing year is a
gap; a count (`enhet: antal`) is drawn alone, never against the region's total.
"""

from __future__ import annotations

import functools
import weakref
from dataclasses import dataclass

from markupsafe import Markup

from generator.domain.catalog import Catalog
from generator.domain.period import sort_key as period_sort_key
from generator.models import Nyckeltal, NyckeltalsVarde
from generator.pages import charts
from generator.pages import format as fmt
from generator.pages.render import hashed
from generator.sv import vocabulary as voc


@dataclass(frozen=True)
class Period:
    """One row of a key-figure table: the unit by sex, and the reference values."""

    period: str
    varden: dict[str, NyckeltalsVarde | None]  # keys T, K, M, region, riket


@dataclass(frozen=True)
class Diagram:
    """A chart, drawn when the page is rendered rather than when its view is gathered: a page
    taken as it was from the last build (render.remembering) never draws its charts, and the
    view that decides so holds the chart's numbers, not its SVG. Printed, it is the SVG."""

    chart_id: str
    titel: str
    perioder: tuple[str, ...]
    serier: tuple[charts.Serie, ...]
    enhet: str
    malvarde: float | None
    riktning: str

    def __html__(self) -> str:
        mal_text = _axel(self.malvarde, self.enhet) if self.malvarde is not None else ""
        beskrivning = charts.beskriv(self.perioder, self.serier, functools.partial(fmt.matvarde, enhet=self.enhet),
                                     self.malvarde, self.riktning, mal_text)
        return charts.linjediagram(self.chart_id, self.titel, beskrivning, self.perioder, self.serier,
                                   functools.partial(_axel, enhet=self.enhet), self.malvarde, self.enhet == "procent")


def _axel(x: float, enhet: str) -> str:
    """A value on the chart's axis: a whole or a half as it is, else with two decimals."""
    return fmt.tal(x, enhet, None if float(x * 10).is_integer() else 2)


@dataclass(frozen=True)
class Nyckeltalsvy:
    n: Nyckeltal
    rader: tuple[Period, ...]
    har_kon: bool
    diagram: Diagram | None  # None with a single period: the table says it all
    diagram_kon: Diagram | None
    forklaring: tuple[tuple[Markup, str], ...]
    forklaring_kon: tuple[tuple[Markup, str], ...]


def _värde(v: NyckeltalsVarde | None) -> float | None:
    return v.varde if v is not None else None


def nyckeltalsvy(catalog: Catalog, uid: str, n: Nyckeltal, org: str) -> Nyckeltalsvy | None:
    own = catalog.varden_for(uid, n.id)
    if not own:
        return None
    periods = sorted({v.period for v in own}, key=period_sort_key)

    def get(who: str, p: str, kon: str = "T") -> NyckeltalsVarde | None:
        return catalog.varde_for_period(who, n.id, p, kon)

    rader = tuple(Period(p, {"T": get(uid, p), "K": get(uid, p, "K"), "M": get(uid, p, "M"),
                             "region": get("region", p), "riket": get("riket", p)}) for p in periods)
    har_kon = any(r.varden[k] is not None for r in rader for k in ("K", "M"))
    axis = charts.fyll_perioder(periods)  # a year without a value is a gap in the line
    labels = tuple(fmt.period(p) for p in axis)
    namn = catalog.utforare[uid].namn
    org_namn = f"{org[:1].upper()}{org[1:]} som helhet"

    def serie(label: str, stil: str, who: str, kon: str = "T") -> charts.Serie:
        points = [get(who, p, kon) for p in axis]
        return charts.Serie(label, stil, tuple(_värde(v) for v in points),
                            tuple((v.anmarkning or "") if v is not None else "" for v in points))

    serier = [serie(namn, "utforare", uid)]
    if charts.med_referens(n.enhet):  # a count is never drawn against the region's or country's total
        for key, label in (("region", org_namn), ("riket", "Riket")):
            ref = serie(label, key, key)
            if any(v is not None for v in ref.varden):
                serier.append(ref)
    riktning = voc.label(voc.RIKTNING, n.riktning)
    diagram = None if len(periods) < 2 else Diagram(
        f"diagram-{n.id}", f"Diagram: {n.namn}, {namn}", labels, tuple(serier), n.enhet, n.malvarde, riktning)
    forklaring = tuple((charts.legend_symbol(s.stil), s.namn) for s in serier)
    if n.malvarde is not None:
        forklaring += ((charts.legend_symbol("mal"), f"Målvärde {_axel(n.malvarde, n.enhet)}"),)
    diagram_kon: Diagram | None = None
    forklaring_kon: tuple[tuple[Markup, str], ...] = ()
    if har_kon and diagram is not None:
        kon_serier = (serie("Kvinnor", "kvinnor", uid, "K"), serie("Män", "man", uid, "M"))
        diagram_kon = Diagram(f"diagram-{n.id}--kon", f"Diagram: {n.namn} för kvinnor och män, {namn}", labels,
                              kon_serier, n.enhet, n.malvarde, riktning)
        forklaring_kon = tuple((charts.legend_symbol(s.stil), s.namn) for s in kon_serier)
        if n.malvarde is not None:
            forklaring_kon += ((charts.legend_symbol("mal"), f"Målvärde {_axel(n.malvarde, n.enhet)}"),)
    return Nyckeltalsvy(n, rader, har_kon, diagram, diagram_kon, forklaring, forklaring_kon)


class Nyckeltalsdel:
    """A key figure on a provider page, its view (`vy`) made only when the page is rendered.

    A page's view is pickled to decide whether the page is as in the last build; this part of
    it is pickled as what its view is made of: the provider, its name, the figure and every value
    of that figure (the region's and the country's are its references), those values hashed
    once a build. A national rebuild took the key figures of 1,512 unchanged provider pages
    apart and pickled their 150,000 values one page at a time, half of its provider pages' time."""

    __slots__ = ("_catalog", "_vy", "n", "org", "uid")

    def __init__(self, catalog: Catalog, uid: str, n: Nyckeltal, org: str):
        # Weakly: the parts end up in reference cycles (a page's view, the template's context),
        # and would otherwise keep the whole catalog until the collector next ran, beside the
        # engine and a report's layout, which the build lets go of it for (pipeline._build).
        self._catalog, self.uid, self.n, self.org = weakref.ref(catalog), uid, n, org
        self._vy: Nyckeltalsvy | None = None

    @property
    def catalog(self) -> Catalog:
        catalog = self._catalog()
        assert catalog is not None, "a part is used only while its page is made, with the catalog"
        return catalog

    @property
    def vy(self) -> Nyckeltalsvy:
        if self._vy is None:
            made = nyckeltalsvy(self.catalog, self.uid, self.n, self.org)
            assert made is not None, "a part is made only for a provider with values (delar)"
            self._vy = made
        return self._vy

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        catalog = self.catalog
        return _del_av, (self.uid, catalog.utforare[self.uid].namn, self.org, self.n,
                         hashed(catalog.varden_of_nyckeltal(self.n.id)))


def _del_av(*made_of: object) -> object:
    """How a Nyckeltalsdel is pickled: as this call (views are pickled to be compared, never read back)."""
    return made_of


def delar(catalog: Catalog, uid: str, nyckeltal_ids: list[str], org: str) -> tuple[Nyckeltalsdel, ...]:
    """The key figures of `nyckeltal_ids` the provider has values of, in that order (`nyckeltalsvy`
    makes a view of just those)."""
    return tuple(Nyckeltalsdel(catalog, uid, catalog.nyckeltal[n], org) for n in nyckeltal_ids if catalog.varden_for(uid, n))
