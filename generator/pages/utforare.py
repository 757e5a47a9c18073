"""Provider page: the facts, contracts, follow-ups and key figures of one unit.

Egen regi and private units get the same page with the same sections, so a reader can
hold them side by side. Key figures are shown twice: as an SVG chart with a text
alternative, and as a table with the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from generator.andringar.record import Andringsregister
from generator.domain.catalog import Catalog
from generator.models import (
    Kommun,
    Nyckeltal,
    Utforare,
    Verksamhetsomrade,
)
from generator.models.valuetypes import mailto_uri
from generator.pages import format as fmt
from generator.pages.andringar import Andringsvy, agarvy
from generator.pages.korthet import Korthet, korthet
from generator.pages.nyckeltalsvy import Nyckeltalsdel, delar
from generator.pages.rader import Uppfoljningsrad, uppfoljningsrader
from generator.pages.render import page
from generator.pages.uppf_common import avtal_namn
from generator.sv import vocabulary as voc
from generator.sv.telefon import tel_uri


@dataclass(frozen=True)
class Avtalsrad:
    id: str
    namn: str
    form: str
    startdatum: dt.date
    slutdatum: dt.date | None


@dataclass(frozen=True)
class Utforarsida:
    """Everything the provider page shows, gathered from the Catalog before rendering."""

    uid: str
    u: Utforare
    kommun: Kommun | None
    stangd: bool
    drift: str
    omraden: tuple[Verksamhetsomrade, ...]
    avtal: tuple[Avtalsrad, ...]
    uppfoljningar: tuple[Uppfoljningsrad, ...]
    vyer: tuple[Nyckeltalsdel, ...]  # each one's view made when the page is rendered
    saknade: tuple[Nyckeltal, ...]
    org: str
    org_namn: str
    korthet: Korthet
    telefon_uri: str | None  # tap to call
    epost_uri: str | None  # mailto:, the address percent-encoded
    minsta_antal: int
    andring: Andringsvy | None  # "senast ändrad" and owner history, from the change record

    @property
    def sidtitel(self) -> str:
        """The browser tab and search result name the unit and its area: 'Hälsocentralen Lit – Hälsocentraler'."""
        return f"{self.u.namn} – {', '.join(o.namn.split(' (')[0] for o in self.omraden)}"


def avtalsrad(catalog: Catalog, avtal_id: str) -> Avtalsrad:
    a = catalog.avtal[avtal_id]
    return Avtalsrad(avtal_id, avtal_namn(catalog, avtal_id), voc.label(voc.AVTALSFORM, a.form), a.startdatum, a.slutdatum)


def utforarsida(catalog: Catalog, uid: str, register: Andringsregister | None = None) -> Utforarsida:
    u = catalog.utforare[uid]
    org = voc.organisation(catalog.region.typ)
    nyckeltal_ids = list(dict.fromkeys(nyckeltal_id for omrade_id in u.verksamhetsomraden for nyckeltal_id in catalog.nyckeltal_for_omrade(omrade_id)))
    vyer = delar(catalog, uid, nyckeltal_ids, org)
    shown = {v.n.id for v in vyer}
    return Utforarsida(
        uid=uid, u=u, kommun=catalog.kommun_for(uid), stangd=catalog.is_closed(uid),
        drift=fmt.driftsform_klartext(u.driftsform, org),
        omraden=tuple(catalog.omraden[omrade_id] for omrade_id in u.verksamhetsomraden),
        avtal=tuple(avtalsrad(catalog, avtal_id) for avtal_id in catalog.avtal_for(uid)),
        uppfoljningar=uppfoljningsrader(catalog, catalog.uppfoljningar_for(uid)),
        vyer=vyer, saknade=tuple(catalog.nyckeltal[nyckeltal_id] for nyckeltal_id in nyckeltal_ids if nyckeltal_id not in shown),
        org=org, org_namn=f"{org[:1].upper()}{org[1:]} som helhet", korthet=korthet(catalog, uid),
        telefon_uri=tel_uri(u.kontakt.telefon) if u.kontakt and u.kontakt.telefon else None,
        epost_uri=mailto_uri(u.kontakt.epost) if u.kontakt and u.kontakt.epost else None,
        minsta_antal=catalog.publicering.minsta_antal, andring=agarvy(register, catalog, uid),
    )


def render_utforare(catalog: Catalog, uid: str, register: Andringsregister | None = None) -> str:
    sida = utforarsida(catalog, uid, register)
    return page(f"utforare/{uid}.md", sida.u.namn, "utforare.html", sidtitel=sida.sidtitel, s=sida,
                andring=sida.andring)


def render_each(catalog: Catalog, register: Andringsregister | None = None) -> Iterator[tuple[str, str]]:
    """(path, text) of each provider page, one at a time: at national size they are 300 MB as
    strings, which a build keeps only as it keeps them (pages.provider_pages)."""
    for uid in catalog.utforare:
        yield f"utforare/{uid}.md", render_utforare(catalog, uid, register)
