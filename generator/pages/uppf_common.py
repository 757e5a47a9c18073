"""What the accountability pages share: formatters for templates and small public-only facts.

Every helper here reads the public Catalog only, so a withheld value (already emptied) can
never reach a page through it; templates ask `hemlig(u, field)` to say a field is withheld.
"""

from __future__ import annotations

from typing import Any

from generator.domain.catalog import Catalog
from generator.domain.period import Period
from generator.models import Avtal, Uppfoljning
from generator.pages import format as fmt
from generator.pages.format import iso, stycken, textblock
from generator.pages.render import RESULTAT_RANK, hemlig
from generator.sv import vocabulary as voc

__all__ = ["RESULTAT_RANK", "ar_for", "avtal_namn", "helpers", "hemlig", "iso", "saknar_insynsklausul", "stycken",
           "textblock", "uppfoljning_namn"]


def ar_for(u: Uppfoljning) -> str | None:
    """The year a follow-up belongs to: its period's year, or the year it was done if the period is withheld."""
    if u.period:
        return str(Period.parse(u.period).year)
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


def manad_iso(month: str) -> str:
    """'2026-04' is already a valid <time datetime> value."""
    return month


def helpers(catalog: Catalog) -> dict[str, Any]:
    """The catalog-bound names the older accountability templates use, besides their own data.

    Catalog-free formatters are globals of the Jinja environment (render.py); the provider
    and comparison pages take none of these: their view models carry everything.
    """
    return {
        "is_late": catalog.is_late,
        "idag": catalog.idag,
        "uppfoljning_namn": lambda uid: uppfoljning_namn(catalog, uid),
        "avtal_namn": lambda aid: avtal_namn(catalog, aid),
        "catalog": catalog,
        "org": voc.organisation(catalog.region.typ),
    }
