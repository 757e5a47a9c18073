"""Names and small public-only facts that several page kinds (and the reports) share.

Every helper here reads the public Catalog only, so a withheld value (already emptied) can
never reach a page through it. Templates never call these: the view models carry the names.
"""

from __future__ import annotations

from generator.domain.catalog import Catalog
from generator.domain.period import Period
from generator.models import Avtal, Uppfoljning
from generator.pages import format as fmt
from generator.sv import vocabulary as voc


def ar_for(u: Uppfoljning) -> str | None:
    """The year a follow-up belongs to: its period's year, or the year it was done if the period is withheld."""
    if u.period:
        return str(Period.parse(u.period).year)
    return str(u.genomford.year) if u.genomford else None


def uppfoljning_namn(catalog: Catalog, uppfoljning_id: str) -> str:
    """'Verksamhetsberättelse 2025' – type and period in words, as a link text or title."""
    u = catalog.uppfoljningar[uppfoljning_id]
    typ = voc.label(voc.UPPFOLJNINGSTYP, u.typ)
    return f"{typ} {fmt.period(u.period)}" if u.period else typ


def avtal_namn(catalog: Catalog, avtal_id: str) -> str:
    """'Avtal med X om Y' for private providers, 'Uppdrag till X om Y' for egen regi."""
    a = catalog.avtal[avtal_id]
    utforare = catalog.utforare[a.utforare].namn
    omrade = catalog.omraden[a.verksamhetsomrade].namn
    if a.form == "egen_regi":
        return f"Uppdrag till {utforare} – {omrade}"
    return f"Avtal med {utforare} – {omrade}"


def saknar_insynsklausul(catalog: Catalog, a: Avtal) -> bool:
    """A private provider's contract without the public-insight clause (KL 10:9)."""
    return catalog.utforare[a.utforare].driftsform == "privat" and a.insynsklausul is not True
