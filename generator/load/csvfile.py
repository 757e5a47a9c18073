"""CSV files of indicator values, read strictly: UTF-8, comma, the exact header.

Excel in Swedish settings saves `;`-separated Windows-1252 with decimal commas; each of
those gets its own problem with the row and how to re-save, instead of wrong numbers.
"""

from __future__ import annotations

import csv
import io
import unicodedata

from generator.load.document import Document
from generator.load.limits import MAX_CSV_ROWS, MAX_FILE_BYTES, MAX_TEXT_CHARS
from generator.load.text import decode_utf8
from generator.problems import Problem


def read_csv(raw: bytes, file: str, header: list[str]) -> tuple[list[Document], list[Problem]]:
    """Parse a CSV file with the given exact header into one Document per data row."""
    if len(raw) > MAX_FILE_BYTES:
        return [], [Problem.of("file-too-large", file, None, variant="csv", kib=len(raw) // 1024,
                               max_kib=MAX_FILE_BYTES // 1024)]
    text, problem = decode_utf8(raw, file)
    if problem:
        return [], [problem]
    if "\x00" in text:
        return [], [Problem.of("encoding", file, None, variant="nolltecken")]
    first = text.split("\n", 1)[0].rstrip("\r")
    if first.strip() == "":
        return [], [Problem.of("csv-header", file, 1, variant="saknas", rubrik=",".join(header))]
    if "," not in first and (";" in first or "\t" in first):
        sep = "semikolon" if ";" in first else "tabb"
        return [], [Problem.of("csv-delimiter", file, 1, tecken=sep)]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        found = next(reader)
    except csv.Error as error:
        return [], [_csv_error(file, 1, error, rubrik=True)]
    if [h.strip() for h in found] != header:
        return [], [_header_problem(file, found, header)]
    rows: list[Document] = []
    problems: list[Problem] = []
    line = 1
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(_csv_error(file, start, error))
            break
        line = start
        if len(rows) + len(problems) >= MAX_CSV_ROWS:
            problems.append(Problem.of("file-too-large", file, line, variant="rader", max=MAX_CSV_ROWS))
            break
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(Problem.of("csv-ragged", file, line, antal=len(cells), rubriker=len(header)))
            continue
        # Only a row over several lines of the file can hold others (150,000 rows at national size).
        swallowed = _rows_inside(cells, len(header)) if reader.line_num > start else 0
        if swallowed:
            problems.append(Problem.of("csv-syntax", file, line, variant="radbrytning", antal=swallowed))
            continue
        too_long = [h for h, c in zip(header, cells, strict=True) if len(c) > MAX_TEXT_CHARS]
        if too_long:
            problems.append(Problem.of("value-too-long", file, line, too_long[0], variant="csv-cell", max=MAX_TEXT_CHARS))
            continue
        data = {h: unicodedata.normalize("NFC", c.strip()) for h, c in zip(header, cells, strict=True)}
        rows.append(Document(file, data, {(): line, **{(h,): line for h in header}}))
    return rows, problems


def _rows_inside(cells: list[str], columns: int) -> int:
    """How many lines inside the row's fields look like rows of their own (as many commas as a
    row has): a quote left open takes the rows after it into one field, and they were lost
    without a word. A line break in a comment alone is fine."""
    return sum(1 for cell in cells if "\n" in cell
               for inner in cell.splitlines()[1:] if inner.count(",") >= columns - 1)


def _header_problem(file: str, found: list[str], header: list[str]) -> Problem:
    expected = ",".join(header)
    blank = [i + 1 for i, h in enumerate(found) if not h.strip()]
    dupes = sorted({h for h in found if h.strip() and found.count(h) > 1})
    if blank:
        return Problem.of("csv-header", file, 1, variant="tomma", kolumner=", ".join(map(str, blank)), rubrik=expected)
    if dupes:
        return Problem.of("csv-header", file, 1, variant="dubbletter", namn=", ".join(dupes), rubrik=expected)
    missing = [h for h in header if h not in found]
    extra = [h for h in found if h not in header]
    parts = []
    if missing:
        parts.append("saknas: " + ", ".join(missing))
    if extra:
        parts.append("okända: " + ", ".join(extra[:5]))
    return Problem.of("csv-header", file, 1, skillnad="; ".join(parts) if parts else "fel ordning", rubrik=expected)


def _csv_error(file: str, line: int, error: csv.Error, rubrik: bool = False) -> Problem:
    """Python's csv errors, said in Swedish; `rubrik`: in the header row."""
    if "field larger than field limit" in str(error):
        return Problem.of("value-too-long", file, line, variant="csv-rubrik" if rubrik else "csv-rad", max=MAX_TEXT_CHARS)
    return Problem.of("csv-syntax", file, line, variant="rubrik" if rubrik else "")
