"""The report as a presentation for an oral follow-up (python-pptx).

The governance rules ask for "en presentation (ppt)" with about one slide per question
when a follow-up is reported orally. Each slide has a real title and a real table, the
section's own table (long ones cut, with a line that says how many rows the written
report has), and every text is marked Swedish (sv-SE).
"""

from __future__ import annotations

import datetime as dt
import functools
import io

from pptx import Presentation
from pptx.util import Emu, Pt

from generator.opendata.archive import restamp
from generator.rapport.dokument import Dokument, Tabell, Underrubrik
from generator.rapport.word import cell_text

LANG = "sv-SE"
MAX_ROWS = 8  # rows a slide's table shows; the rest are in the written report


def bildtabeller(dok: Dokument) -> list[tuple[str, Tabell]]:
    """(slide title, table) for each slide after the title slide, in the document's order.

    The title is the question the table answers: the section's heading, or the question
    heading just above the table when a section has several slides."""
    out: list[tuple[str, Tabell]] = []
    for s in dok.sektioner:
        heading = s.rubrik
        tables: dict[str, tuple[str, Tabell]] = {}
        for b in s.block:
            if isinstance(b, Underrubrik):
                heading = b.text
            elif isinstance(b, Tabell) and b.id in s.bild:
                title = s.rubrik if len(s.bild) == 1 else heading if heading.endswith("?") else f"{s.rubrik} – {heading}"
                tables[b.id] = (title, b)
        out.extend(tables[table_id] for table_id in s.bild if table_id in tables)
    return out


def _lang(text_frame: object) -> None:
    for paragraph in text_frame.paragraphs:  # type: ignore[attr-defined]
        for run in paragraph.runs:
            run.font.language_id = None  # python-pptx has no sv-SE enum member: set the attribute itself
            run._r.get_or_add_rPr().set("lang", LANG)


@functools.lru_cache(maxsize=16)  # a pure function of the (frozen, hashable) document and day
def pptx_bytes(dok: Dokument, day: dt.date) -> bytes:
    prs = Presentation()
    slide_width, slide_height = Emu(12192000), Emu(6858000)  # 16:9
    prs.slide_width, prs.slide_height = slide_width, slide_height
    props = prs.core_properties
    props.title = dok.titel_i_egenskaper
    props.language = LANG
    props.author = ""
    props.last_modified_by = ""
    props.revision = 1
    props.created = props.modified = dt.datetime(day.year, day.month, day.day)
    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text = dok.titel
    first.placeholders[1].text = dok.sidfot
    for shape in first.shapes:
        if shape.has_text_frame:
            _lang(shape.text_frame)
    layout = prs.slide_layouts[5]  # title only
    for title, t in bildtabeller(dok):
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = title
        _lang(slide.shapes.title.text_frame)
        rows = list(t.rader[:MAX_ROWS]) + ([t.summa] if t.summa else [])
        left, top = Emu(457200), Emu(1600200)
        width = Emu(slide_width - 2 * left)
        shape = slide.shapes.add_table(1 + len(rows), len(t.kolumner), left, top, width, Emu(370840 * (1 + len(rows))))
        table = shape.table
        for i, name in enumerate(t.kolumner):
            table.cell(0, i).text = name
        for r, row in enumerate(rows, start=1):
            for i, value in enumerate(row):
                table.cell(r, i).text = cell_text(value)
        for r in range(1 + len(rows)):
            for i in range(len(t.kolumner)):
                frame = table.cell(r, i).text_frame
                for p in frame.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(11 if len(t.kolumner) > 4 else 14)
                _lang(frame)
        if len(t.rader) > MAX_ROWS:
            note = slide.shapes.add_textbox(left, Emu(slide_height - 700000), width, Emu(400000))
            note.text_frame.text = (f"Bilden visar {MAX_ROWS} av {len(t.rader)} rader. "
                                    "Hela tabellen står i den skriftliga rapporten.")
            _lang(note.text_frame)
    buffer = io.BytesIO()
    prs.save(buffer)
    return restamp(buffer.getvalue(), day)
