"""Swedish alphabetical order: å, ä, ö come after z, in that order.

Python orders by code point, which puts ä before å ("Älvros" before "Åre"). The sort
buttons in the browser use Intl.Collator("sv"), so the order a page is written in must be
the Swedish one too, or the same list changes order when a reader clicks "A–Ö".
A dozen lines here instead of PyICU, which needs the ICU C library on every machine.
"""

from __future__ import annotations

import unicodedata

# After every z-word ("Zinkgruvan" < "Åre"): z, then a code point above any letter, then the rank.
_EFTER_Z = {"å": "z\uffff1", "ä": "z\uffff2", "æ": "z\uffff2", "ö": "z\uffff3", "ø": "z\uffff3"}
_SOM = {"ü": "y", "ß": "ss"}


def svensk_nyckel(text: str) -> str:
    """A sort key that orders text as a Swedish dictionary does (case and accents aside)."""
    out = []
    for ch in unicodedata.normalize("NFC", text.casefold()):
        if ch in _EFTER_Z:
            out.append(_EFTER_Z[ch])
        elif ch in _SOM:
            out.append(_SOM[ch])
        else:
            out.append(unicodedata.normalize("NFD", ch)[0])  # é → e, à → a
    return "".join(out)
