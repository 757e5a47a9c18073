"""A text as an id could be written: lower-case ASCII letters, digits and single dashes.

Used where a name must become part of an address or an HTML id (ankare), and to guess the id a
misnamed file meant (load.dataset)."""

from __future__ import annotations

import re
import unicodedata

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """'Krav 4 a' → 'krav-4-a', '3.2.1' → '3-2-1', 'Hälsocentralen Lit' → 'halsocentralen-lit'."""
    ascii_text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_text).strip("-")
