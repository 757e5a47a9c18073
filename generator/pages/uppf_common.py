"""What the accountability pages share: formatters for templates and small public-only facts.

Every helper here reads the public Catalog only, so a withheld value (already emptied) can
never reach a page through it; templates ask `hemlig(u, field)` to say a field is withheld.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator.domain.catalog import Catalog
from generator.models import Avtal, Uppfoljning
from generator.pages import format as fmt
from generator.pages import render
from generator.sv import vocabulary as voc

# Sort order of results, best first, so a sortable column sorts by meaning, not by code.
RESULTAT_RANK = {"uppfyller": 1, "uppfyller_delvis": 2, "uppfyller_inte": 3, "ej_bedomd": 4}


def ar_for(u: Uppfoljning) -> str | None:
    """The year a follow-up belongs to: its period's year, or the year it was done if the period is withheld."""
    if u.period:
        return u.period[:4]
    return str(u.genomford.year) if u.genomford else None


def uppfoljning_namn(catalog: Catalog, uid: str) -> str:
    """'Verksamhetsberättelse 2025' – type and period in words, as a link text or title."""
    u = catalog.uppfoljningar[uid]
    typ = voc.label(voc.UPPFOLJNINGSTYP, u.typ)
    return f"{typ} {fmt.period(u.period)}" if u.period else typ


def avtal_namn(catalog: Catalog, aid: str) -> str:
    """'Avtal med X om Y' for private providers, 'Uppdrag till X om Y' for egen regi."""
    a = catalog.avtal[aid]
    utforare = catalog.utforare[a.utforare].namn
    omrade = catalog.omraden[a.verksamhetsomrade].namn
    if a.form == "egen_regi":
        return f"Uppdrag till {utforare} – {omrade}"
    return f"Avtal med {utforare} – {omrade}"


def saknar_insynsklausul(catalog: Catalog, a: Avtal) -> bool:
    """A private provider's contract without the public-insight clause (KL 10:9)."""
    return catalog.utforare[a.utforare].driftsform == "privat" and a.insynsklausul is not True


def hemlig(u: Uppfoljning, field: str) -> bool:
    return field in u.sekretess


def stycken(text: str | None) -> list[str]:
    """Plain text with blank-line paragraphs → the paragraphs, whitespace tidied."""
    if not text:
        return []
    parts = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    return [part for part in parts if part]


def textblock(text: str | None) -> str:
    """The paragraphs joined by one blank line, for ONE element shown with `white-space:
    pre-line` (class insyn-stycken): the text then decides where lines break, never which
    elements the page has."""
    return "\n\n".join(stycken(text))


def iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def manad_iso(month: str) -> str:
    """'2026-04' is already a valid <time datetime> value."""
    return month


def helpers(catalog: Catalog) -> dict[str, Any]:
    """The names every accountability template may use, besides its own data."""
    return {
        "voc": voc,
        "label": voc.label,
        "datum": fmt.datum,
        "manad": fmt.manad,
        "period": fmt.period,
        "tal": fmt.tal,
        "kronor": fmt.kronor,
        "iso": iso,
        "stycken": stycken,
        "textblock": textblock,
        "hemlig": hemlig,
        "SEKRETESS": voc.SEKRETESS_TEXT,
        "is_late": catalog.is_late,
        "idag": catalog.idag,
        "path_utforare": render.path_utforare,
        "path_avtal": render.path_avtal,
        "path_uppfoljning": render.path_uppfoljning,
        "path_jamfor": render.path_jamfor,
        "path_mal": render.path_mal,
        "path_plan": render.path_plan,
        "uppfoljning_namn": lambda uid: uppfoljning_namn(catalog, uid),
        "avtal_namn": lambda aid: avtal_namn(catalog, aid),
        "catalog": catalog,
        "org": voc.organisation(catalog.region.typ),
        "RESULTAT_RANK": RESULTAT_RANK,
    }
