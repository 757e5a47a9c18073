"""Follow-up pages: what was checked, what was found, and what is being done about it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from generator.andringar.record import Andringsregister
from generator.domain.catalog import Catalog
from generator.models import Avtal, Brist, Uppfoljning, Utforare, Verksamhetsomrade
from generator.pages.andringar import Andringsvy, andringsvy
from generator.pages.ankare import ankare
from generator.pages.rader import Atgardsrad, Lank, mal_lankar
from generator.pages.render import page
from generator.pages.uppf_common import uppfoljning_namn
from generator.sv import vocabulary as voc


@dataclass(frozen=True)
class Bristvy:
    """A deficiency with the requirement it breaks, in words, and that requirement's anchor on the contract page."""

    b: Brist
    krav: str  # the requirement's description, or its id if the contract does not list it
    ankare: str


# The period and the reviewer in the tense of the follow-up's status: a planned, ongoing or
# cancelled follow-up has not followed anything up, nor has anyone reviewed it yet.
PERIOD_ETIKETT = {"genomford": "Period som följdes upp", "pagaende": "Period som följs upp",
                  "planerad": "Period som ska följas upp", "installd": "Period som skulle ha följts upp"}
GRANSKARE_ETIKETT = {"genomford": "Granskad av", "pagaende": "Granskas av", "planerad": "Ska granskas av",
                     "installd": "Skulle ha granskats av"}


@dataclass(frozen=True)
class Uppfoljningssida:
    """Everything the follow-up page shows, gathered from the Catalog before rendering."""

    u: Uppfoljning
    a: Avtal
    utforare: Utforare
    omrade: Verksamhetsomrade
    mal: tuple[Lank, ...]
    brister: tuple[Bristvy, ...]
    atgarder: tuple[Atgardsrad, ...]
    org: str
    idag: dt.date  # the day "late" is judged against
    andring: Andringsvy | None

    @property
    def typ_forklaring(self) -> str:
        """'en uppföljning som görs för att något har gått fel eller någon har klagat'."""
        avtalet = "uppdraget" if self.a.form == "egen_regi" else "avtalet"
        return voc.UPPFOLJNINGSTYP_FORKLARING[self.u.typ].format(org=self.org, avtalet=avtalet)

    @property
    def period_etikett(self) -> str:
        return PERIOD_ETIKETT[self.u.status]

    @property
    def granskare_etikett(self) -> str:
        return GRANSKARE_ETIKETT[self.u.status]


def uppfoljningssida(catalog: Catalog, uppfoljning_id: str, register: Andringsregister | None = None) -> Uppfoljningssida:
    u = catalog.uppfoljningar[uppfoljning_id]
    a = catalog.avtal[u.avtal]
    krav = {k.id: k.beskrivning for k in a.krav}
    anchors = ankare(k.id for k in a.krav)
    return Uppfoljningssida(
        u=u, a=a, utforare=catalog.utforare[a.utforare], omrade=catalog.omraden[a.verksamhetsomrade],
        mal=mal_lankar(catalog, u.mal),
        brister=tuple(Bristvy(b, krav.get(b.krav, b.krav), anchors.get(b.krav, "")) for b in u.brister),
        atgarder=tuple(Atgardsrad(at, catalog.is_late(at)) for at in (u.handlingsplan.atgarder if u.handlingsplan else ())),
        org=voc.organisation(catalog.region.typ), idag=catalog.idag,
        andring=andringsvy(register, "uppfoljning", uppfoljning_id),
    )


def render_each(catalog: Catalog, register: Andringsregister | None = None) -> Iterator[tuple[str, str]]:
    """(path, text) of one page per public follow-up, one at a time; the catalog holds no other kind."""
    for uppfoljning_id in catalog.uppfoljningar:
        s = uppfoljningssida(catalog, uppfoljning_id, register)
        doc = f"uppfoljningar/{uppfoljning_id}.md"
        yield doc, page(doc, f"{uppfoljning_namn(catalog, uppfoljning_id)}: {s.utforare.namn}", "uppfoljning.html",
                        s=s, andring=s.andring, idag=s.idag)
