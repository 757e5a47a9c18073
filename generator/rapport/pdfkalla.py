"""The report's document as the PDF's layout reads it: one JSON text for rapport.typ.

JSON, not Typst markup: every heading, cell and link text reaches Typst as a string, which it
shows as text, so no value in the data can become markup (no escaping to get wrong). The
links are resolved here, the charts made standalone SVG and the column widths of the tables
of a kind chosen (`bredder`), so the template only lays out what it is given.
"""

from __future__ import annotations

import json

from generator.domain.catalog import Catalog
from generator.rapport import sida
from generator.rapport.dokument import (
    Block,
    Cell,
    Diagram,
    Dokument,
    Lank,
    Lista,
    Stycke,
    Tabell,
    Underrubrik,
)
from generator.rapport.innehall import ATGARDER, BRISTER, STRATEGISKA

# Tables that come many to a report, or grow with the number of contracts (Tabell.slag), have
# fixed shares of the width: their columns line up from one table to the next, and suit real
# requirement ids, names and dates without breaking a word.
FASTA: dict[str, tuple[int, ...]] = {
    ATGARDER: (22, 40, 14, 10, 14),
    BRISTER: (18, 37, 12, 33),
    STRATEGISKA: (30, 14, 23, 14, 9, 10),
}
# Other tables are laid out by their texts' measured widths (rapport.typ, `plan`).

# The chart's own look, which the site's stylesheet gives it on the page.
_SVG_STYLE = ("<style>.insyn-diagram__rutnat{stroke:#cccccc;stroke-width:1}"
              ".insyn-diagram__axel{font:11px sans-serif;fill:#333333}</style>")


def bredder(t: Tabell) -> tuple[int, ...] | None:
    """Each column's share of the table's width for a table of a kind; None for automatic."""
    fixed = FASTA.get(t.slag)
    return fixed if fixed is not None and len(fixed) == len(t.kolumner) else None


def diagram_svg(d: Diagram) -> str:
    """The chart as a standalone SVG image, which the PDF tags as a figure whose alternative
    text is `alt`, the chart said in words."""
    return str(d.svg).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1).replace("<title", _SVG_STYLE + "<title", 1)


def langsta_ord(t: Tabell) -> dict[str, object]:
    """Each cell's longest word, which the template measures to learn whether the cell's words
    fit its column: `ord`, the table's distinct such words, and `langsta`, for each row (the
    header row first, the totals row last) each cell's place in `ord`. The template measures
    each distinct word once instead of once per cell: the national regionstyrelsen report has
    20,360 cells and, table by table, 6,008 distinct such words, and measuring them cell by cell
    took half its layout."""
    rows = [t.kolumner, *t.rader, *([t.summa] if t.summa else [])]
    words = [[_longest(c.text if isinstance(c, Lank) else c) for c in row] for row in rows]
    distinct = sorted({word for row in words for word in row})
    place = {word: i for i, word in enumerate(distinct)}
    return {"ord": distinct, "langsta": [[place[word] for word in row] for row in words]}


def _longest(text: str) -> str:
    """The longest word of `text`, the last of equally long ones, its length counted in UTF-8
    bytes: the rule the template applied itself before (Typst's `str.len`), kept so that the
    PDFs stay as they were. Split at whitespace as Typst splits (the data holds no control
    characters, where Python's and Rust's whitespace differ)."""
    longest, size = "", 0
    for word in text.split():
        if (length := len(word.encode("utf-8"))) >= size:
            longest, size = word, length
    return longest


def kalla(catalog: Catalog, dok: Dokument, namnd: str, ar: int, site_url: str | None) -> str:
    """The JSON text for rapport.typ: links absolute when the site's address is known,
    otherwise relative to the report's folder on the site, where the PDF lies."""
    href = sida.href_for(sida.doc_path(namnd, ar), site_url)

    def cell(c: Cell) -> object:
        return {"text": c.text, "href": href(c.href)} if isinstance(c, Lank) else c

    def block(b: Block) -> dict[str, object]:
        if isinstance(b, Stycke):
            return {"slag": "stycke", "text": b.text}
        if isinstance(b, Underrubrik):
            return {"slag": "underrubrik", "text": b.text}
        if isinstance(b, Lista):
            return {"slag": "lista", "punkter": [cell(p) for p in b.punkter]}
        if isinstance(b, Diagram):
            return {"slag": "diagram", "svg": diagram_svg(b), "alt": b.alt}
        return {"slag": "tabell", "rubrik": b.rubrik, "kolumner": list(b.kolumner), "bredder": bredder(b),
                "rader": [[cell(c) for c in row] for row in b.rader],
                "summa": [cell(c) for c in b.summa] if b.summa else None, **langsta_ord(b)}

    return json.dumps({
        "titel": dok.titel, "ingress": list(dok.ingress), "sidfot": dok.sidfot,
        "forfattare": catalog.region.namn, "skapad": catalog.uppdaterad.isoformat(),
        "sektioner": [{"rubrik": s.rubrik, "block": [block(b) for b in s.block]} for s in dok.sektioner],
    }, ensure_ascii=False)
