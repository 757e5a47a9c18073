"""The "Ändringar" page, and the view model of "Senast ändrad" and owner history on the
provider, contract and follow-up pages.

Everything here reads the change record, which was compared on published rows only, so
it can say nothing the published tables did not already say.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.andringar.record import ANDRAD, BORTTAGEN, TILLAGD, Agare, Andring, Andringsregister
from generator.domain.catalog import Catalog
from generator.opendata.schema import BY_NAME
from generator.pages import render as r
from generator.pages.rader import Filter, Filterfalt
from generator.pages.render import page
from generator.sv.alfabetisk import svensk_nyckel

PATH = "listor/andringar.md"
SITE_PATH = "listor/andringar/"
FEED_PATH = "andringar/flode.xml"

# What one row of each table is, in words.
SAK = {"utforare": "Utföraren", "avtal": "Avtalet", "krav": "Avtalskravet", "uppfoljningar": "Uppföljningen",
       "brister": "Bristen", "atgarder": "Åtgärden", "nyckeltalsvarden": "Nyckeltalsvärdet",
       "jamforelsevarden": "Jämförelsevärdet"}
TOMT = "(tomt)"


@dataclass(frozen=True)
class Andringsvy:
    """What a provider, contract or follow-up page says about its own changes."""

    senast: dt.date | None  # None: unchanged since the record began
    sedan: dt.date
    agare: tuple[Agare, ...] = ()


def andringsvy(register: Andringsregister | None, kind: str, id_: str) -> Andringsvy | None:
    if register is None:
        return None
    return Andringsvy(register.senast_andrad(kind, id_), register.sedan)


def agarvy(register: Andringsregister | None, catalog: Catalog, uid: str) -> Andringsvy | None:
    vy = andringsvy(register, "utforare", uid)
    if vy is None or register is None:
        return None
    u = catalog.utforare[uid]
    if u.driftsform != "privat":
        return vy
    history = register.agarhistorik(uid, u.koncern, u.organisationsnummer)
    return Andringsvy(vy.senast, vy.sedan, tuple(history))


def falt_namn(row: Andring) -> str:
    if row.falt is None:
        return ""
    table = BY_NAME.get(row.tabell)
    titles = {c.name: c.title for c in table.columns} if table else {}
    return titles.get(row.falt, row.falt)


def beskrivning(row: Andring) -> str:
    """One change in words: 'Ny', 'Togs bort', or 'Resultat: uppfyller → uppfyller_inte'."""
    what = f"{SAK.get(row.tabell, row.tabell)} {row.nyckel}"
    if row.handelse == TILLAGD:
        return f"{what} lades till."
    if row.handelse == BORTTAGEN:
        return f"{what} publiceras inte längre."
    return f"{what}: {falt_namn(row)} ändrades från {row.fore or TOMT} till {row.efter or TOMT}."


def lank(catalog: Catalog, row: Andring) -> str | None:
    """The site path of the page the change belongs to, if that page still exists."""
    kind, id_ = row.sida
    if kind == "utforare" and id_ in catalog.utforare:
        return r.path_utforare(id_)
    if kind == "avtal" and id_ in catalog.avtal:
        return r.path_avtal(id_)
    if kind == "uppfoljning" and id_ in catalog.uppfoljningar:
        return r.path_uppfoljning(id_)
    return None


def utforare_i(register: Andringsregister) -> list[tuple[str, str]]:
    """(id, name) of every provider in the record, by name: the filter's choices."""
    names: dict[str, str] = {}
    for row in register.rows:
        if row.utforare:
            names[row.utforare] = row.utforare_namn or row.utforare
    return sorted(names.items(), key=lambda kv: (svensk_nyckel(kv[1]), kv[0]))


HANDELSE = {TILLAGD: "Ny", ANDRAD: "Ändrad", BORTTAGEN: "Borttagen"}


@dataclass(frozen=True)
class Andringsrad:
    """One change as a row: the change, its event and description in words, and the page it belongs to."""

    row: Andring
    handelse: str  # 'Ny', 'Ändrad', 'Borttagen'
    beskrivning: str
    lank: str | None  # the site path of the page the change belongs to, if that page still exists


@dataclass(frozen=True)
class Andringssida:
    """Everything the "Ändringar" page shows, gathered from the change record before rendering."""

    sedan: dt.date
    rader: tuple[Andringsrad, ...]  # newest first
    filter: Filter
    flode: str | None  # the site path of the Atom feed, if the site has one


def andringssida(catalog: Catalog, register: Andringsregister, flode: bool) -> Andringssida:
    rader = tuple(Andringsrad(row, HANDELSE[row.handelse], beskrivning(row), lank(catalog, row))
                  for row in register.nyast_forst())
    val = (("", "Alla utförare"), *utforare_i(register))
    return Andringssida(register.sedan, rader, Filter("ändringar", (Filterfalt("utforare", "Utförare", val),)),
                        FEED_PATH if flode else None)


def render(catalog: Catalog, register: Andringsregister | None, flode: bool) -> dict[str, str]:
    if register is None:
        return {}
    return {PATH: page(PATH, "Ändringar", "andringar.html", s=andringssida(catalog, register, flode))}
