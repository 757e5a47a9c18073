"""The report as a DOCX the secretary edits and pastes into the årsbokslut (python-docx).

Real Word headings (Rubrik 1–2 in Swedish Word) and real tables with a repeating header
row, never pictures of them, in the document's language sv-SE. A chart becomes its text
alternative: the same numbers stand in the table beside it.
"""

from __future__ import annotations

import datetime as dt
import functools
import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table

from generator.opendata.archive import restamp
from generator.rapport.dokument import (
    Cell,
    Diagram,
    Dokument,
    Lank,
    Lista,
    Stycke,
    Tabell,
    Underrubrik,
)

LANG = "sv-SE"


def cell_text(c: Cell) -> str:
    """A cell as plain text: a link to the outside keeps its address; a site link its text."""
    if isinstance(c, Lank):
        return f"{c.text} ({c.href})" if c.href.startswith("https://") else c.text
    return c


def _repeat_header(table: Table) -> None:
    row = table.rows[0]._tr
    props = row.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _set_language(document: object) -> None:
    styles = document.styles  # type: ignore[attr-defined]
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Caption"):
        rpr = styles[name].element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), LANG)
        rpr.append(lang)


def _table(document: object, t: Tabell) -> None:
    document.add_paragraph(t.rubrik, style="Caption")  # type: ignore[attr-defined]
    rows = [*t.rader, *([t.summa] if t.summa else [])]
    table = document.add_table(rows=1 + len(rows), cols=len(t.kolumner))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for i, name in enumerate(t.kolumner):
        cell = table.rows[0].cells[i]
        cell.text = name
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_header(table)
    # One pass over the rows: python-docx's `table.rows[r]` lists every row on each call,
    # which made a national report's long tables quadratic (21 s of its Word file).
    for row_cells, row in zip(list(table.rows)[1:], rows, strict=True):
        for cell, value in zip(row_cells.cells, row, strict=False):
            cell.text = cell_text(value)


def _style_ids_once(document: object) -> None:
    """python-docx finds a style's id by its name through the document's styles, and then
    through them all again for the default, on every paragraph and table given a style: 1.6 s
    of the national regionstyrelsen report's 3 s. A document's styles do not change while
    it is written, so each name is looked up once."""
    part = document.part  # type: ignore[attr-defined]
    part.get_style_id = functools.cache(part.get_style_id)


@functools.lru_cache(maxsize=16)  # a pure function of the (frozen, hashable) document and day
def docx_bytes(dok: Dokument, day: dt.date) -> bytes:
    document = Document()
    _set_language(document)
    _style_ids_once(document)
    props = document.core_properties
    props.title = dok.titel_i_egenskaper
    props.language = LANG
    props.author = ""
    stamp = dt.datetime(day.year, day.month, day.day)
    props.created = props.modified = stamp
    props.last_modified_by = ""
    props.revision = 1
    document.sections[0].footer.paragraphs[0].text = dok.sidfot
    document.add_heading(dok.titel, level=0)
    for text in dok.ingress:
        document.add_paragraph(text)
    for s in dok.sektioner:
        document.add_heading(s.rubrik, level=1)
        for b in s.block:
            if isinstance(b, Underrubrik):
                document.add_heading(b.text, level=2)
            elif isinstance(b, Stycke):
                document.add_paragraph(b.text)
            elif isinstance(b, Lista):
                for p in b.punkter:
                    document.add_paragraph(cell_text(p), style="List Bullet")
            elif isinstance(b, Tabell):
                _table(document, b)
            elif isinstance(b, Diagram):
                document.add_paragraph(b.alt)
    buffer = io.BytesIO()
    document.save(buffer)
    return restamp(buffer.getvalue(), day)
