"""The report's PDF as WeasyPrint lays it out: the tables that come many to a report (one per
strategic contract) have their columns in the same place from one to the next, and a long
word breaks inside its column instead of running over the next one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import weasyprint

from generator import pipeline
from generator.rapport import bygg_rapport, pdf, sida
from generator.rapport.dokument import Dokument, Sektion, Tabell
from generator.rapport.innehall import ATGARDER, BRISTER, STRATEGISKA, dokument
from generator.settings import reference_day
from tests.support.build import MINIMAL

EXAMPLE = Path(__file__).parent.parent / "data"


def _laid_out(catalog: Any, dok: Dokument) -> list[Any]:
    html = sida.pdf_html(catalog, dok, "regionstyrelsen", 2025, None)  # nämnd and year: where its links start from
    document = weasyprint.HTML(string=html).render(stylesheets=[weasyprint.CSS(string=pdf.print_css())])
    return [page._page_box for page in document.pages]


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child)


def _tables(pages: list[Any]) -> dict[str, list[Any]]:
    """Table boxes by their element's class, each part of a table split over pages once."""
    found: dict[str, list[Any]] = defaultdict(list)
    for page in pages:
        for box in _boxes(page):
            if type(box).__name__ == "TableBox" and box.element is not None:
                found[box.element.get("class", "")].append(box)
    return found


def _of_kind(tables: dict[str, list[Any]], slag: str) -> list[Any]:
    return tables[f"insyn-tabell insyn-tabell--{slag}"]


def _columns(table: Any) -> tuple[float, ...]:
    """Where each column starts and how wide it is, from the table's left edge."""
    row = next(b for b in _boxes(table) if type(b).__name__ == "TableRowBox")
    return tuple(round(v, 2) for cell in row.children
                 for v in (cell.position_x - table.position_x, cell.border_width()))


_REPORTS = (("regionstyrelsen", 2025), ("regionstyrelsen", 2026), ("halso-och-sjukvardsnamnden", 2026))


@pytest.fixture(scope="module")
def example_tables() -> dict[tuple[str, int], dict[str, list[Any]]]:
    """The table boxes of three of the example's reports, laid out once for the tests below."""
    catalog = pipeline.check(EXAMPLE, reference_day())
    return {(namnd, ar): _tables(_laid_out(catalog, dokument(catalog, bygg_rapport(catalog, namnd, ar))))
            for namnd, ar in _REPORTS}


def test_tables_of_a_kind_line_up_whatever_their_content(example_tables) -> None:
    """Within a report and from one report to the next."""
    for slag in (ATGARDER, BRISTER, STRATEGISKA):
        boxes = [b for tables in example_tables.values() for b in _of_kind(tables, slag)]
        contents = {tuple(b.element.itertext()) for b in boxes}
        assert len(contents) >= 2, f"too few different {slag} tables in the example's reports to compare"
        assert len({_columns(b) for b in boxes}) == 1, slag


def test_the_examples_words_fit_their_columns(example_tables) -> None:
    """The widths suit real requirement ids, names and dates: in the example's reports no
    line of these tables ends inside a word, except after a hyphen or a dash."""
    for report, tables in example_tables.items():
        for kind, boxes in tables.items():
            if "--" not in kind:
                continue
            for cell in (c for t in boxes for c in _boxes(t) if type(c).__name__ == "TableCellBox"):
                words = set("".join(cell.element.itertext()).split())
                lines = ["".join(t.text for t in _boxes(line) if type(t).__name__ == "TextBox")
                         for line in _boxes(cell) if type(line).__name__ == "LineBox"]
                for line in filter(None, lines[:-1]):
                    last = line.split()[-1]
                    assert last in words or last.endswith(("-", "–")), (kind, report, line)


@pytest.fixture(scope="module")
def minimal() -> Any:
    return pipeline.check(MINIMAL, reference_day())


@pytest.mark.parametrize(("slag", "kolumner"), [
    (BRISTER, ("Krav", "Brist", "Allvarlighet", "Påverkan på målen")),
    (ATGARDER, ("Utförare", "Åtgärd", "Skulle vara klar", "Status", "Dagar försenad")),
    (STRATEGISKA, ("Avtal", "Årligt värde", "Klassning", "Uppfyller kraven", "Brister", "Åtgärder")),
])
def test_a_long_word_breaks_inside_its_column(minimal: Any, slag: str, kolumner: tuple[str, ...]) -> None:
    long_word = "Journalföringsdokumentationsgranskningsrutinsuppföljningsansvar" * 2  # no hyphen to break at
    rad = (long_word, *(f"Kort{i}" for i in range(1, len(kolumner))))
    tabell = Tabell("x", "Tabell", kolumner, (rad,), slag=slag)
    dok = Dokument("Rapport", (), (Sektion("s", "Avsnitt", (tabell,)),), "Sidfot")
    (table,) = _of_kind(_tables(_laid_out(minimal, dok)), slag)
    cells = [b for b in _boxes(table) if type(b).__name__ == "TableCellBox"]
    assert any(long_word[:20] in "".join(b.text for b in _boxes(c) if hasattr(b, "text")) for c in cells)
    for cell in cells:
        right = cell.position_x + cell.border_width()
        for text in (b for b in _boxes(cell) if type(b).__name__ == "TextBox"):
            assert text.position_x + text.width <= right + 0.01, text.text


def test_a_large_layout_runs_in_a_child_named_for_it() -> None:
    assert pdf._in_a_child(lambda: Path("/proc/self/comm").read_bytes()) == b"insyn layout\n"
