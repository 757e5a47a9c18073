"""pydyf's references to a PDF's pages, made once per page instead of once per use.

pydyf 0.13 (WeasyPrint's PDF writer) makes the tuple of every page's reference each time
the property is read, and WeasyPrint's PDF/UA tagging reads it for every element it tags:
for the national regionstyrelsen report 70,000 times over 248 pages, 2.3 s of a layout of
26 s, on the longest path of a national full build. The same references, the same bytes;
kept until a page is added. Only for the pydyf version whose code this was read against: a
later one is left as it is (and tests/test_rapport_pdfsidor.py says so).
"""

from __future__ import annotations

from typing import Any

import pydyf

READ_AGAINST = "0.13.0"
_ORIGINAL = pydyf.PDF.page_references


def _page_references(pdf: Any) -> tuple[bytes, ...]:
    listed = pdf.pages["Kids"]  # only ever extended, three items per page (pydyf.PDF.add_page)
    made: tuple[int, tuple[bytes, ...]] | None = pdf.__dict__.get("_insyn_sidor")
    if made is None or made[0] != len(listed):
        made = pdf.__dict__["_insyn_sidor"] = (len(listed), _ORIGINAL.fget(pdf))
    return made[1]


def once_per_page() -> bool:
    """Read each PDF's page references once per page from now on; whether it applies here."""
    if pydyf.__version__ != READ_AGAINST:
        return False
    pydyf.PDF.page_references = property(_page_references)
    return True
