"""Checks on every text value wherever it stands: personal data, hidden characters, formulas.

These hold for all fields, so they walk the raw documents instead of living in each model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.load.document import Document, Loc, field_name
from generator.problems import Problem, mask
from generator.sv.personnummer import find_personnummer

# Fields whose values are checked by their own rules instead (an enskild firma's number is a
# personnummer by design; it is validated and withheld, never published).
_NOT_FREE_TEXT = {"organisationsnummer", "telefon", "hsa_id"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# Zero-width and other invisible format characters, invisible fillers, Unicode line
# separators and "tag" characters (which can hide whole sentences in plain sight).
_INVISIBLE = re.compile("[\u00ad\u034f\u115f\u1160\u180e\u200b-\u200d\u2028\u2029\u2060-\u2064"
                        "\u3164\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def text_values(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string inside parsed YAML, with its path of keys and indexes."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_values(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from text_values(item, (*loc, i))


def scan(doc: Document) -> list[Problem]:
    """Problems in the text values of one document."""
    problems: list[Problem] = []
    for loc, text in text_values(doc.data):
        key = next((p for p in reversed(loc) if isinstance(p, str)), "")
        name = field_name(loc)
        line = doc.line_of(loc)

        def add(code: str, message: str, hint: str, shown: str | None = None) -> None:
            problems.append(Problem(doc.file, line, code, name, message, hint, shown))  # noqa: B023

        if key not in _NOT_FREE_TEXT:
            for found in find_personnummer(text):
                add("personnummer", "Texten innehåller ett personnummer eller samordningsnummer.",
                    "Ta bort numret: personnummer får aldrig publiceras. Skriv i stället en funktion eller ett namn utan nummer. "
                    "Är det ett telefonnummer? Skriv det med riktnummer och mellanslag, t.ex. 070-123 45 67.",
                    mask(found))
        if _CONTROL.search(text):
            add("control-character", "Texten innehåller ett osynligt styrtecken.",
                "Skriv om texten för hand eller klistra in den som oformaterad text.")
        if _BIDI.search(text):
            add("bidi-character", "Texten innehåller ett osynligt tecken som vänder läsriktningen.",
                "Ta bort tecknet (det kan få texten att se ut att säga något annat än den gör).")
        if _INVISIBLE.search(text):
            add("invisible-character", "Texten innehåller ett osynligt tecken (t.ex. nollbredds mellanslag).",
                "Skriv om ordet för hand eller klistra in texten som oformaterad text.")
        # Leading spaces are trimmed before publishing, so " =1+1" is a formula too.
        if (text.startswith(_FORMULA_START) or text.lstrip().startswith(_FORMULA_START)) and key != "telefon" \
                and not _NUMBER.match(text.strip()):
            add("formula-start", "Texten börjar med ett tecken som Excel tolkar som en formel (=, +, -, @).",
                "Börja texten med en bokstav eller siffra, t.ex. skriv ”Minus 5” eller sätt ordet först.", text[:12])
    return problems
