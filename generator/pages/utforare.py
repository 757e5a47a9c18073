"""Provider page: the facts, contracts, follow-ups and key figures of one unit.

Egen regi and private units get the same page with the same sections, so a reader can
hold them side by side. Key figures are shown twice: as an SVG chart with a text
alternative, and as a table with the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from generator.andringar.record import Andringsregister
from generator.domain.catalog import Catalog
from generator.models import Nyckeltal, NyckeltalsVarde
from generator.models.valuetypes import period_sort_key
from generator.pages import charts
from generator.pages import format as fmt
from generator.pages.andringar import agarvy
from generator.pages.render import page
from generator.pages.uppf_common import helpers
from generator.sv import vocabulary as voc

REFERENSER = ("region", "riket")


@dataclass(frozen=True)
class Period:
    """One row of a key-figure table: the unit by sex, and the reference values."""

    period: str
    varden: dict[str, NyckeltalsVarde | None]  # keys T, K, M, region, riket


@dataclass(frozen=True)
class Nyckeltalsvy:
    n: Nyckeltal
    rader: tuple[Period, ...]
    har_kon: bool
    diagram: Markup | None  # None with a single period: the table says it all
    diagram_kon: Markup | None
    forklaring: tuple[tuple[Markup, str], ...]
    forklaring_kon: tuple[tuple[Markup, str], ...]


@dataclass(frozen=True)
class Uppfoljningsrad:
    uid: str
    brister: int
    atgarder: int
    klara: int
    forsenade: int


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
    labels = [fmt.period(p) for p in periods]
    formatera: Callable[[float], str] = lambda x: fmt.matvarde(x, n.enhet)  # noqa: E731
    axel: Callable[[float], str] = lambda x: fmt.tal(x, n.enhet, None if float(x * 10).is_integer() else 2)  # noqa: E731
    namn = catalog.utforare[uid].namn
    org_namn = f"{org[:1].upper()}{org[1:]} som helhet"
    serier = [charts.Serie(namn, "utforare", tuple(_värde(r.varden["T"]) for r in rader))]
    for key, label in (("region", org_namn), ("riket", "Riket")):
        values = tuple(_värde(r.varden[key]) for r in rader)
        if any(v is not None for v in values):
            serier.append(charts.Serie(label, key, values))
    riktning = voc.label(voc.RIKTNING, n.riktning)
    mal_text = axel(n.malvarde) if n.malvarde is not None else ""
    procent = n.enhet == "procent"
    diagram = None if len(periods) < 2 else charts.linjediagram(
        f"diagram-{n.id}", f"Diagram: {n.namn}, {namn}",
        charts.beskriv(labels, serier, formatera, n.malvarde, riktning, mal_text), labels, serier, axel, n.malvarde, procent)
    forklaring = tuple((charts.legend_symbol(s.stil), s.namn) for s in serier)
    if n.malvarde is not None:
        forklaring += ((charts.legend_symbol("mal"), f"Målvärde {axel(n.malvarde)}"),)
    diagram_kon: Markup | None = None
    forklaring_kon: tuple[tuple[Markup, str], ...] = ()
    if har_kon and diagram is not None:
        kon_serier = [charts.Serie("Kvinnor", "kvinnor", tuple(_värde(r.varden["K"]) for r in rader)),
                      charts.Serie("Män", "man", tuple(_värde(r.varden["M"]) for r in rader))]
        diagram_kon = charts.linjediagram(
            f"diagram-{n.id}-kon", f"Diagram: {n.namn} för kvinnor och män, {namn}",
            charts.beskriv(labels, kon_serier, formatera, n.malvarde, riktning, mal_text), labels, kon_serier, axel,
            n.malvarde, procent)
        forklaring_kon = tuple((charts.legend_symbol(s.stil), s.namn) for s in kon_serier)
        if n.malvarde is not None:
            forklaring_kon += ((charts.legend_symbol("mal"), f"Målvärde {axel(n.malvarde)}"),)
    return Nyckeltalsvy(n, rader, har_kon, diagram, diagram_kon, forklaring, forklaring_kon)


def uppfoljningsrad(catalog: Catalog, fid: str) -> Uppfoljningsrad:
    u = catalog.uppfoljningar[fid]
    atgarder = u.handlingsplan.atgarder if u.handlingsplan else ()
    return Uppfoljningsrad(fid, len(u.brister), len(atgarder), sum(1 for a in atgarder if a.status == "klar"),
                           sum(1 for a in atgarder if catalog.is_late(a)))


def render_utforare(catalog: Catalog, uid: str, register: Andringsregister | None = None) -> str:
    u = catalog.utforare[uid]
    org = voc.organisation(catalog.region.typ)
    nids = list(dict.fromkeys(nid for oid in u.verksamhetsomraden for nid in catalog.nyckeltal_for_omrade(oid)))
    vyer = [vy for nid in nids if (vy := nyckeltalsvy(catalog, uid, catalog.nyckeltal[nid], org)) is not None]
    context = {
        **helpers(catalog), "matvarde": fmt.matvarde,
        "u": u, "uid": uid, "kommun": catalog.kommun_for(uid), "stangd": catalog.is_closed(uid),
        "drift": fmt.driftsform_klartext(u.driftsform, org), "sprak": fmt.sprak,
        "omraden": [catalog.omraden[oid] for oid in u.verksamhetsomraden],
        "avtal_ids": catalog.avtal_for(uid),
        "uppfoljningar": [uppfoljningsrad(catalog, fid) for fid in catalog.uppfoljningar_for(uid)],
        "vyer": vyer, "saknade": [catalog.nyckeltal[nid] for nid in nids if nid not in {v.n.id for v in vyer}],
        "org_namn": f"{org[:1].upper()}{org[1:]} som helhet",
        "andring": agarvy(register, catalog, uid),
    }
    return page(f"utforare/{uid}.md", u.namn, "utforare.html", **context)


def render(catalog: Catalog, register: Andringsregister | None = None) -> dict[str, str]:
    return {f"utforare/{uid}.md": render_utforare(catalog, uid, register) for uid in catalog.utforare}
