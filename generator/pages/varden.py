"""A key-figure value in a table cell, said in words: the value, how many it rests on, its note,
or why it is missing.

Python, not template macros: a national site has about 260,000 such cells on its provider
pages, and a Jinja macro call costs more than the cell's whole text. Every value passes
through `escape`; only the fixed markup around it is written here.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.domain.smatal import FOR_FA
from generator.models import NyckeltalsVarde
from generator.pages import format as fmt

# Fixed markup around one value, which `_around` escapes.
_PERIOD = ' <span class="insyn-period">({} svar eller fall)</span>'
_ANMARKNING = '<span class="insyn-anmarkning"> – {}</span>'
_FOR_FA = '<span class="insyn-saknas insyn-fa">{}</span>'
_SAKNAS = Markup('<span class="insyn-saknas">Uppgift saknas</span>')
_VARFOR = '<span class="insyn-saknas__varfor"> – {}</span>'


def _around(markup: str, value: object) -> Markup:
    """`value` escaped inside `markup`, as Markup(markup).format(value) gives it, without
    the string.Formatter that Markup.format goes through for each value (in a profile of a
    national site's page sources, 2.7 of the 4.6 s that its 260,000 cells took)."""
    return Markup(markup.format(escape(value)))  # noqa: S704 - fixed markup, the value escaped


def saknas(v: NyckeltalsVarde | None) -> Markup:
    """"Uppgift saknas" and why, for a missing value (`v` None: none was reported); a value
    withheld because it rests on too few answers says so instead."""
    if v is not None and v.anmarkning == FOR_FA:
        return _around(_FOR_FA, FOR_FA)
    if v is not None and v.anmarkning:
        return _SAKNAS + _around(_VARFOR, v.anmarkning)
    if v is None:
        return _SAKNAS + _around(_VARFOR, "inget värde har rapporterats")
    return _SAKNAS


def periodvarde(v: NyckeltalsVarde | None, enhet: str, med_antal: bool) -> Markup:
    """A value in a per-period table, with how many answers or cases it rests on (`med_antal`:
    the unit's own rows) and its note; else why it is missing."""
    if v is None or v.varde is None:
        return saknas(v)
    out = escape(fmt.matvarde(v.varde, enhet))
    if med_antal and v.antal is not None:
        out += _around(_PERIOD, fmt.tal(v.antal))  # "2 512 svar", as every other count
    if v.anmarkning:
        out += _around(_ANMARKNING, v.anmarkning)
    return out
