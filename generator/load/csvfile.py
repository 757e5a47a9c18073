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

RESAVE = "Spara som CSV UTF-8 (kommaavgränsad) i Excel, eller välj komma som avgränsare i din editor."


def read_csv(raw: bytes, file: str, header: list[str]) -> tuple[list[Document], list[Problem]]:
    """Parse a CSV file with the given exact header into one Document per data row."""
    if len(raw) > MAX_FILE_BYTES:
        return [], [Problem(file, None, "file-too-large", "", f"Filen är {len(raw) // 1024} KiB.",
                            f"Högst {MAX_FILE_BYTES // 1024} KiB per fil stöds; dela upp värdena på flera filer.")]
    text, problem = decode_utf8(raw, file)
    if problem:
        return [], [problem]
    if "\x00" in text:
        return [], [Problem(file, None, "encoding", "", "Filen innehåller nolltecken och är inte en textfil.", RESAVE)]
    first = text.split("\n", 1)[0].rstrip("\r")
    expected = ",".join(header)
    if first.strip() == "":
        return [], [Problem(file, 1, "csv-header", "", "Filen saknar rubrikrad.",
                            f"Första raden ska vara exakt: {expected}")]
    if "," not in first and (";" in first or "\t" in first):
        sep = "semikolon" if ";" in first else "tabb"
        return [], [Problem(file, 1, "csv-delimiter", "", f"Filen använder {sep} som avgränsare, inte komma.", RESAVE)]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        found = next(reader)
    except csv.Error as error:
        return [], [_csv_error(file, 1, error, "Rubrikraden")]
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
            problems.append(_csv_error(file, start, error, "Raden"))
            break
        line = start
        if len(rows) + len(problems) >= MAX_CSV_ROWS:
            problems.append(Problem(file, line, "file-too-large", "", f"Filen har fler än {MAX_CSV_ROWS} rader.",
                                    "Dela upp värdena på flera filer, t.ex. en per nyckeltal eller år."))
            break
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(Problem(
                file, line, "csv-ragged", "",
                f"Raden har {len(cells)} fält men rubrikraden har {len(header)}.",
                "Varje rad ska ha lika många fält som rubriken. Decimaltal skrivs med punkt (85.3), inte komma."))
            continue
        too_long = [h for h, c in zip(header, cells, strict=True) if len(c) > MAX_TEXT_CHARS]
        if too_long:
            problems.append(Problem(file, line, "value-too-long", too_long[0], "Värdet är för långt.",
                                    f"Högst {MAX_TEXT_CHARS} tecken stöds i ett fält."))
            continue
        data = {h: unicodedata.normalize("NFC", c.strip()) for h, c in zip(header, cells, strict=True)}
        rows.append(Document(file, data, {(): line, **{(h,): line for h in header}}))
    return rows, problems


def _header_problem(file: str, found: list[str], header: list[str]) -> Problem:
    expected = ",".join(header)
    blank = [i + 1 for i, h in enumerate(found) if not h.strip()]
    dupes = sorted({h for h in found if h.strip() and found.count(h) > 1})
    if blank:
        what = f"Rubrikraden har tomma kolumnnamn (kolumn {', '.join(map(str, blank))})."
    elif dupes:
        what = f"Rubrikraden har samma kolumnnamn flera gånger: {', '.join(dupes)}."
    else:
        missing = [h for h in header if h not in found]
        extra = [h for h in found if h not in header]
        parts = []
        if missing:
            parts.append("saknas: " + ", ".join(missing))
        if extra:
            parts.append("okända: " + ", ".join(extra[:5]))
        what = "Rubrikraden stämmer inte" + (" (" + "; ".join(parts) + ")." if parts else " (fel ordning).")
    return Problem(file, 1, "csv-header", "", what, f"Första raden ska vara exakt: {expected}")


def _csv_error(file: str, line: int, error: csv.Error, what: str) -> Problem:
    """Python's csv errors, said in Swedish."""
    if "field larger than field limit" in str(error):
        return Problem(file, line, "value-too-long", "", f"{what} har ett fält som är för långt.",
                       f"Högst {MAX_TEXT_CHARS} tecken stöds i ett fält. Kontrollera också att alla citattecken är avslutade.")
    return Problem(file, line, "csv-syntax", "", f"{what} går inte att läsa: ett citattecken (\") är inte avslutat eller står mitt i ett fält.",
                   "Ett fält som börjar med \" måste sluta med \". Skriv \"\" för ett citattecken inuti texten.")
