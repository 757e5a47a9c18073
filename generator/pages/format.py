"""Values written the Swedish way: dates in words, decimal comma, periods in plain words."""

from __future__ import annotations

import datetime as dt
import re

from generator.domain.period import MONTHS, Period
from generator.sv.vocabulary import ENHET_SUFFIX, SPRAK


def datum(day: dt.date | None) -> str:
    """2026-03-24 → '24 mars 2026'."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def manad(month: str) -> str:
    """'2026-04' → 'april 2026'."""
    return Period.parse(month).in_words()


def period(value: str) -> str:
    """'2025' → '2025', '2025-T2' → '2025, tertial 2', '2025-10' → 'oktober 2025'."""
    return Period.parse(value).in_words()


def tal(value: float | None, enhet: str = "", decimals: int | None = None) -> str:
    """85.1 → '85,1 %' with a non-breaking space before the unit; whole numbers get no decimals."""
    if value is None:
        return ""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    # + 0.0: a value that rounds to zero is shown 0, never -0 (-0 and -0.00001 are valid data).
    text = f"{round(value, decimals) + 0.0:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
    suffix = ENHET_SUFFIX.get(enhet, "")
    return text + suffix.replace(" ", "\u00a0")


def kronor(value: int | None) -> str:
    return tal(float(value), "kronor", 0) if value is not None else ""


def driftsform_klartext(driftsform: str, org: str = "regionen") -> str:
    """Who runs a unit, said plainly: egen regi and private on equal terms."""
    if driftsform == "egen_regi":
        return f"Drivs av {org} (egen regi)"
    return f"Drivs av ett privat företag på uppdrag av {org}"


def sprak(code: str) -> str:
    """'sma' → 'sydsamiska'; an unknown code stays as written."""
    return SPRAK.get(code, code)


def antal(n: int, singular: str, plural: str) -> str:
    """1 → '1 utförare'; 2 → '2 utförare' with the right form of the word."""
    return f"{n} {singular if n == 1 else plural}"


def matvarde(value: float | None, enhet: str) -> str:
    """A measured value: percentages always with one decimal (85,0 % beside 85,1 %), others as tal()."""
    return tal(value, enhet, 1 if enhet == "procent" else None)


def iso(day: dt.date | None) -> str:
    """A date as a <time datetime> value; empty when there is none."""
    return day.isoformat() if day else ""


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
