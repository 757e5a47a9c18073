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
from generator.domain.period import Period
from generator.opendata.labels import jamforelse, words
from generator.opendata.schema import BY_NAME, LIST_SEP
from generator.pages import format as fmt
from generator.pages import render as r
from generator.pages.rader import Filter, Filterfalt
from generator.pages.render import page
from generator.pages.uppf_common import avtal_namn, uppfoljning_namn
from generator.sv.alfabetisk import svensk_nyckel
from generator.sv.vocabulary import ENHET_SUFFIX

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


def beskrivning(catalog: Catalog, row: Andring) -> str:
    """One change in words a reader understands: what it is by name (the record keeps ids), and
    the values as the pages write them: codes in words, dates in words, decimal comma, text
    in quotation marks. 'Verksamhetsberättelse 2025: Status ändrades från Pågår till Genomförd.'"""
    what = sak(catalog, row)
    if row.handelse == TILLAGD:
        return f"{what} lades till."
    if row.handelse == BORTTAGEN:
        return f"{what} publiceras inte längre."
    return (f"{what}: {falt_namn(row)} ändrades från {varde(catalog, row, row.fore)} "
            f"till {varde(catalog, row, row.efter)}.")


def sak(catalog: Catalog, row: Andring) -> str:
    """What the changed row is, by name where the data still has it, else by its key."""
    parts = row.nyckel.split("/")
    named = None
    if row.tabell == "utforare" and row.utforare_namn:
        named = f"Utföraren {row.utforare_namn}"
    elif row.tabell == "avtal" and row.nyckel in catalog.avtal:
        named = avtal_namn(catalog, row.nyckel)
    elif row.tabell == "krav" and len(parts) == 2 and parts[0] in catalog.avtal:
        named = f"Kravet {parts[1]} i {_liten(avtal_namn(catalog, parts[0]))}"
    elif row.tabell == "uppfoljningar" and row.nyckel in catalog.uppfoljningar:
        named = uppfoljning_namn(catalog, row.nyckel)
    elif row.tabell in ("brister", "atgarder") and len(parts) == 2 and parts[0] in catalog.uppfoljningar:
        named = f"{'Brist' if row.tabell == 'brister' else 'Åtgärd'} {parts[1]} i " \
                f"{_liten(uppfoljning_namn(catalog, parts[0]))}"
    elif row.tabell in ("nyckeltalsvarden", "jamforelsevarden") and len(parts) == 4 and parts[1] in catalog.nyckeltal:
        detail = ", ".join(p for p in (_period(parts[2]), {"K": "kvinnor", "M": "män"}.get(parts[3], ""),
                                       _liten(jamforelse(catalog).get(parts[0], "")) if row.tabell == "jamforelsevarden" else "")
                           if p)
        named = f"{catalog.nyckeltal[parts[1]].namn} ({detail})"
    return named or f"{SAK.get(row.tabell, row.tabell)} {row.nyckel}"


def varde(catalog: Catalog, row: Andring, value: str | None) -> str:
    """A value from the record as the pages write it; TOMT when there is none."""
    if not value:
        return TOMT
    table = BY_NAME.get(row.tabell)
    column = next((c for c in table.columns if c.name == row.falt), None) if table else None
    if table is None or column is None or row.falt is None:
        return value
    codes = words(table, row.falt, catalog) or _namn(catalog, row.falt)
    if codes is not None:
        return ", ".join(codes.get(code, code) for code in value.split(LIST_SEP))
    if row.falt == "sekretess":
        titles = {c.name: c.title.lower() for c in BY_NAME["uppfoljningar"].columns}
        return ", ".join(titles.get(name, name) for name in value.split(LIST_SEP))
    if column.type == "date":
        try:
            return fmt.datum(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if column.type == "boolean":
        return {"true": "ja", "false": "nej"}.get(value, value)
    if column.type in ("number", "integer"):
        return _tal(value) + _enhet(catalog, row)
    return f"”{value}”"


def _namn(catalog: Catalog, column: str) -> dict[str, str] | None:
    """The names of what a column refers to by id."""
    if column in ("verksamhetsomrade", "verksamhetsomraden"):
        return {k: v.namn for k, v in catalog.omraden.items()}
    if column == "mal":
        return {k: v.namn for k, v in catalog.mal.items()}
    if column == "namnd":
        return {k: v.namn for k, v in catalog.namnder.items()}
    if column == "utforare":
        return {k: v.namn for k, v in catalog.utforare.items()}
    return None


def _enhet(catalog: Catalog, row: Andring) -> str:
    """' %' after a key figure's value in percent, as the pages write it."""
    parts = row.nyckel.split("/")
    if row.falt != "varde" or len(parts) != 4 or parts[1] not in catalog.nyckeltal:
        return ""
    return ENHET_SUFFIX.get(catalog.nyckeltal[parts[1]].enhet, "").replace(" ", "\u00a0")


def _tal(text: str) -> str:
    """'43800000' → '43 800 000', '77.9' → '77,9': every digit kept (not rounded as on the pages)."""
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, decimals = digits.partition(".")
    if not whole.isdigit() or (decimals and not decimals.isdigit()):
        return text
    grouped = f"{int(whole):,}".replace(",", "\u00a0")
    return sign + grouped + ("," + decimals if decimals else "")


def _period(text: str) -> str:
    try:
        return Period.parse(text).in_words()
    except ValueError:
        return text


def _liten(text: str) -> str:
    """'Avtal med …' → 'avtal med …', to stand inside a sentence."""
    return text[:1].lower() + text[1:]


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
    rader = tuple(Andringsrad(row, HANDELSE[row.handelse], beskrivning(catalog, row), lank(catalog, row))
                  for row in register.nyast_forst())
    val = (("", "Alla utförare"), *utforare_i(register))
    return Andringssida(register.sedan, rader, Filter("ändringar", (Filterfalt("utforare", "Utförare", val),)),
                        FEED_PATH if flode else None)


def render(catalog: Catalog, register: Andringsregister | None, flode: bool) -> dict[str, str]:
    if register is None:
        return {}
    return {PATH: page(PATH, "Ändringar", "andringar.html", s=andringssida(catalog, register, flode))}
