"""insyn.xlsx for people who double-click: an explanation sheet, then one sheet per table.

Every text value is written as a string cell, so Excel never runs it as a formula (the
validator already refuses text that starts like one; this is the second lock). Numbers,
dates and booleans keep their types so sorting and sums work.

Written with XlsxWriter, which writes cells straight out instead of keeping a cell object
for each: at national size (1.4 million cells) about three times as fast as openpyxl, which
the tests still use to read the files back as a spreadsheet program would.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import gc
import gzip
import io
import itertools
import mmap
import re
import tempfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import xlsxwriter  # type: ignore[import-untyped]  # no type marker in the wheel
from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

from generator.domain.catalog import Catalog
from generator.memo import Memo, digest, values_key
from generator.opendata import labels, zipkept
from generator.opendata.resources import Row
from generator.opendata.schema import TABLES, Table, tables

ABOUT_SHEET = "Om filen"
TYPE_WORDS = {"string": "text", "integer": "heltal", "number": "tal", "boolean": "sant/falskt (true/false)",
              "date": "datum (ÅÅÅÅ-MM-DD)"}


# Excel's 1,048,576 rows a sheet, less the header row.
ROWS_PER_SHEET = 1_048_575
# The memo's kind for one sheet as the zip holds it (compressed, zipkept.Entry), kept between builds.
SHEET = "xlsx-blad-zip"
# A sheet written anew is also kept a block of rows at a time (the XML of those rows, gzip):
# after one edited follow-up, the 8,000 rows of the follow-ups' sheet are one block written
# again and seven copied.
BLOCK = 1000
ROWS = "xlsx-rader"
_ROW_TAG = re.compile(rb'<row r="(\d+)"')


# Excel holds at most 32,767 characters in a cell, and XlsxWriter cuts a longer text there
# without a word; a joined list (each item up to 20,000 characters) can be longer. Such a
# text is cut with a note where it is cut, and the sheet "Om filen" says so: the CSV has it whole.
CELL_MAX = 32_767
CUT = " … [Texten är avkortad här. Hela texten finns i CSV-filen.]"


def fitted(text: str) -> str:
    """`text` as a cell can hold it: whole, or cut with CUT at its end."""
    return text if len(text) <= CELL_MAX else text[:CELL_MAX - len(CUT)] + CUT


def sheet_title(table: Table) -> str:
    """Excel allows 31 characters and no []:*?/\\ in a sheet name; table names are ASCII ids."""
    return table.name[:31]


class _Book:
    """One workbook being written, with the few cell formats every sheet shares."""

    def __init__(self, rows_on_disk: str | None = None) -> None:
        """A workbook kept in memory, or with each sheet's rows written out as they come to
        files in the folder `rows_on_disk` (XlsxWriter's constant_memory mode; its text then
        stands in each cell instead of in a table of shared strings)."""
        self.buffer = io.BytesIO()
        self.rows_on_disk = rows_on_disk
        self.entries = zipkept.Entries()  # the sheets kept and to keep, as the zip holds them
        # Only write_string and friends are used, never write(): nothing is ever guessed from text.
        options = {"in_memory": True} if rows_on_disk is None else {"constant_memory": True, "tmpdir": rows_on_disk}
        self.wb = xlsxwriter.Workbook(self.buffer, options)
        self.bold = self.wb.add_format({"bold": True})
        self.title = self.wb.add_format({"bold": True, "font_size": 14})
        self.date = self.wb.add_format({"num_format": "yyyy-mm-dd"})
        self.wrap = self.wb.add_format({"text_wrap": True, "valign": "top"})
        # Each format's number in the file's styles, fixed now rather than at its first use
        # (XlsxWriter's own order): a kept sheet (_KeptSheet) refers to the formats by these
        # numbers, whichever sheets this time write cells.
        for fmt in (self.bold, self.title, self.date, self.wrap):
            fmt._get_xf_index()

    def row(self, ws: Any, r: int, values: Sequence[Any], fmt: Any = None) -> None:
        """One row from column A: text as text, numbers, booleans and dates as such, None left empty."""
        for c, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, str):
                ws.write_string(r, c, fitted(value), fmt)
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value, fmt)
            elif isinstance(value, dt.date):
                # Written as a date: XlsxWriter takes a datetime on 1900-01-01 for a time of day
                # alone, and the contract's first day became day 0, "1900-01-00".
                day = value.date() if isinstance(value, dt.datetime) else value
                ws.write_datetime(r, c, day, self.date)
            else:
                ws.write_number(r, c, value, fmt)

    def table(self, name: str, header: Sequence[str], rows: Sequence[Any], cells: Callable[[Any], Sequence[Any]],
              kept: _Kept | None = None) -> list[Any]:
        """The table of `rows` on sheet `name`, each row's values as `cells` makes them: a header
        row in bold, frozen, with filter buttons over the whole table. A table longer than a
        sheet goes on in sheets "name (2)", "name (3)" …, each with the header: XlsxWriter would
        drop rows past the sheet's end without a word. The values are made a row at a time,
        never all kept at once.

        With `kept`, a sheet an earlier build wrote from the same rows is copied from the memo
        and its rows' values are not even made; of a sheet written anew, each block of rows an
        earlier build wrote in the same place is copied; the sheet goes to the memo."""
        sheets = []
        folder = self.rows_on_disk  # a sheet is kept as the file it is written to there, or not at all
        kept = kept if folder is not None else None
        for part, start, size in parts(len(rows)):
            suffix = f" ({part})" if part > 1 else ""
            found = kept.find(part) if kept is not None else None
            if found is not None:
                ws = self.wb.add_worksheet(name[:31 - len(suffix)] + suffix, _KeptSheet)
                ws.kept, ws.entries = found, self.entries
            else:
                ws = self.wb.add_worksheet(name[:31 - len(suffix)] + suffix, None if kept is None else _NewSheet)
                self.row(ws, 0, header, self.bold)
                if kept is None:
                    for r, row in enumerate(itertools.islice(rows, start, start + size), start=1):
                        self.row(ws, r, cells(row))
                else:
                    anew = self._blocks(ws, rows[start:start + size], cells, kept, part)
                    ws.keep = functools.partial(self.entries.want, take=functools.partial(kept.keep, part))
                    ws.blocks = functools.partial(kept.keep_blocks, part, anew)
            ws.freeze_panes(1, 0)
            ws.autofilter(0, 0, size, max(len(header) - 1, 0))
            sheets.append(ws)
        return sheets

    def _blocks(self, ws: Any, rows: Sequence[Any], cells: Callable[[Any], Sequence[Any]], kept: _Kept,
                part: int) -> list[tuple[int, str]]:
        """Write a sheet's `rows` from its second row on, BLOCK rows at a time, each block copied
        from the memo when an earlier build wrote the same rows in the same place. Returns the
        blocks written anew (first row, digest of their rows), for the sheet to keep."""
        anew = []
        for index, rows_digest in zip(range(0, len(rows), BLOCK), kept.blocks[part], strict=True):
            start = index + 1
            found = kept.block(part, start, rows_digest)
            if found is None:
                for r, row in enumerate(rows[index:index + BLOCK], start=start):
                    self.row(ws, r, cells(row))
                anew.append((start, rows_digest))
            else:
                # XlsxWriter (constant_memory) writes a row out when the next one begins: the row
                # before goes out now, then the copied rows, then the rows after begin anew.
                xml, last = found
                ws._write_single_row(start)
                ws.fh.write(xml)
                ws._check_dimensions(last, 0)
        return anew

    def finish(self, catalog: Catalog, title: str) -> bytes:
        """The file's own dates (created, modified) are the data's date, not the wall clock, and
        XlsxWriter stamps every zip entry of a workbook made in memory 1980-01-01: same data,
        same bytes. (Stamping the entries with the data's date meant unpacking and packing
        the whole file again: a quarter of insyn.xlsx's time at national size, 11.7 s -> 8.4 s.)"""
        self.wb.set_properties({"title": title, "author": "Insyn",
                                "created": dt.datetime.combine(catalog.uppdaterad, dt.time())})
        with zipkept.writing(xlsxwriter.workbook, self.entries):
            self.wb.close()
        return self.buffer.getvalue()


@dataclass(frozen=True)
class _Kept:
    """Where the sheets of one table are kept between builds, by a digest of the table's rows
    and of its columns with their words (`key`), and their blocks of rows by a digest of the
    columns (`columns`) and of the block's rows."""

    memo: Memo
    key: str
    columns: str
    blocks: Mapping[int, list[str]]  # each sheet's (part's) blocks of rows, by the digests of their rows

    def block(self, part: int, start: int, rows: str) -> tuple[str, int] | None:
        """The XML of a block of rows (`rows`: their digest) an earlier build wrote from row
        `start` on, with the index of its last row; None when there is none or it cannot be
        read whole."""
        kept = self.memo.find(ROWS, [self.columns, str(part), str(start), rows])
        if kept is None:
            return None
        try:
            data = gzip.decompress(kept.read_bytes())
            xml = data.decode("utf-8")
        except (OSError, EOFError, zlib.error, UnicodeDecodeError):
            return None
        last = _ROW_TAG.search(data, data.rfind(b'<row r="'))
        return (xml, int(last.group(1)) - 1) if last is not None else None

    def keep_blocks(self, part: int, anew: list[tuple[int, str]], xml: Path) -> None:
        """Keep the blocks written anew (`anew`) of the sheet whose XML is `xml`, each its rows'
        XML from its first row up to the next block's."""
        if not anew:
            return
        # Mapped, not read: the key figures' sheet is 30 MB of XML at national size, and a full
        # build writes it while the build's own process is at its largest.
        with open(xml, "rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
            rows = [(int(m.group(1)) - 1, m.start()) for m in _ROW_TAG.finditer(data)]
            end = data.rfind(b"</sheetData>")
            starts = [row for row, _ in rows]
            for start, rows_digest in anew:
                first = bisect.bisect_left(starts, start)
                after = bisect.bisect_left(starts, start + BLOCK)
                if first == len(rows) or end < 0:
                    continue
                piece = data[rows[first][1]:rows[after][1] if after < len(rows) else end]
                self.memo.keep(ROWS, [self.columns, str(part), str(start), rows_digest],
                               functools.partial(_write_packed, gzip.compress(piece, 1, mtime=0)))

    def find(self, part: int) -> zipkept.Entry | None:
        """The sheet as an earlier build's zip held it, from the memo; None when there is none,
        or when it cannot be read whole (then the sheet is written anew)."""
        return zipkept.recalled(self.memo, SHEET, [self.key, str(part)])

    def keep(self, part: int, entry: zipkept.Entry) -> None:
        zipkept.keep(self.memo, SHEET, [self.key, str(part)], entry)


def _write_packed(packed: bytes, out: BinaryIO) -> None:
    out.write(packed)


class _KeptSheet(Worksheet):  # type: ignore[misc]
    """A sheet an earlier build wrote from the same rows: put into the zip as that build's zip
    held it, compressed (zipkept). XlsxWriter makes the rest of the file (the workbook's
    filter ranges, the styles, the list of sheets) from the sheet's settings, which are set
    as for any other."""

    kept: zipkept.Entry
    entries: zipkept.Entries

    def _set_xml_writer(self, filename: str) -> None:
        self.target = filename  # with constant_memory, always an empty file of its own in rows_on_disk

    def _assemble_xml_file(self) -> None:
        self.entries.give(self.target, self.kept)


class _NewSheet(Worksheet):  # type: ignore[misc]
    """A sheet written as usual (its blocks of rows copied where they can be), then kept for
    the next build, whole as the zip holds it (`keep`) and by the blocks written anew (`blocks`)."""

    keep: Any
    blocks: Any

    def _assemble_xml_file(self) -> None:
        super()._assemble_xml_file()
        self.keep(self.fh.name)
        self.blocks(Path(self.fh.name))


def _about(book: _Book, catalog: Catalog) -> None:
    ws = book.wb.add_worksheet(ABOUT_SHEET)
    lines: list[list[str]] = [
        [f"Uppföljning av utförare – {catalog.region.namn}"],
        [f"Uppgifterna uppdaterades {catalog.uppdaterad.isoformat()}. Licens: {catalog.region.licens}."],
        [f"Referensdag: {catalog.idag.isoformat()}. En åtgärd räknas som försenad (kolumnen forsenad) om dagen i "
         "kolumnen senast hade passerat den här dagen och åtgärden inte var klar, precis som på webbplatsen."],
        ["Kolumner som slutar på _text visar koden i kolumnen före med ord, t.ex. uppfyller_delvis = "
         "Uppfyller kraven delvis. De finns bara i den här filen, inte i CSV-filerna."],
        ["Varje flik är en tabell. Samma tabeller finns som CSV-filer i datapaketet (datapackage.json)."],
        ["Tomma celler betyder att uppgiften saknas. Uppgifter som omfattas av sekretess är tomma och "
         "namnges i kolumnen sekretess i fliken uppfoljningar."],
        [f"En cell i Excel rymmer högst {CELL_MAX // 1000}\u00a0{CELL_MAX % 1000:03d} tecken. En längre text är "
         "avkortad och slutar med en anteckning om det; hela texten finns i CSV-filen."],
    ]
    if catalog.region.exempeldata:
        lines.append(["Exempeldata – inte verkliga uppgifter."])
    lines.append([])
    lines.append(["Flik", "Kolumn", "Rubrik", "Typ", "Betydelse", "Tillåtna värden"])
    header_row = len(lines)
    for table in tables(catalog.region.typ):
        lines.append([sheet_title(table), "", table.title, "", table.description, ""])
        for c in table.columns:
            lines.append([sheet_title(table), c.name, c.title, TYPE_WORDS[c.type], c.description, ", ".join(c.enum)])
            if labels.words(table, c.name, catalog) is not None:
                lines.append([sheet_title(table), c.name + labels.SUFFIX, f"{c.title} i ord", "text",
                              f"Koden i kolumnen {c.name} skriven med ord.", ""])
    for r, line in enumerate(lines):
        book.row(ws, r, line, book.title if r == 0 else book.bold if r == header_row - 1 else None)
        if r >= header_row and len(line) > 4:
            ws.write_string(r, 4, line[4], book.wrap)
    for column, width in enumerate((22, 22, 26, 22, 80, 40)):
        ws.set_column(column, column, width)


def sheet_columns(table: Table, catalog: Catalog) -> list[tuple[str, str, Mapping[str, str] | None]]:
    """(header, source column, words) per sheet column: each coded column followed by its words."""
    out: list[tuple[str, str, Mapping[str, str] | None]] = []
    for c in table.columns:
        out.append((c.name, c.name, None))
        mapping = labels.words(table, c.name, catalog)
        if mapping is not None:
            out.append((c.name + labels.SUFFIX, c.name, mapping))
    return out


def parts(count: int) -> list[tuple[int, int, int]]:
    """(part, first row, rows) of each sheet of a table of `count` rows; one sheet for none."""
    return [(part, start, min(ROWS_PER_SHEET, count - start))
            for part, start in enumerate(range(0, max(count, 1), ROWS_PER_SHEET), start=1)]


def _as_is(values: Sequence[Any]) -> Sequence[Any]:
    return values


def one_sheet_bytes(catalog: Catalog, title: str, notes: list[str], header: list[str],
                    rows: list[list[Any]]) -> bytes:
    """A small workbook with one table, for one provider's history: the same cell rules as insyn.xlsx."""
    book = _Book()
    book.table("data", header, rows, _as_is)
    about = book.wb.add_worksheet(ABOUT_SHEET)
    for r, line in enumerate([title, *notes]):
        book.row(about, r, [line], book.title if r == 0 else None)
    made = book.finish(catalog, title)
    # XlsxWriter's workbook and its sheets refer to each other, and the writers make open data
    # without the collector (writers.write): every provider's workbook stayed until the job
    # ended (national: 1,512 of them, 206 MB at the workbooks' writer's end, the build's peak).
    # The youngest generation is this workbook's objects (the first time, what the job made
    # before it too): 10.3 -> 8.4 s for the national ones.
    del book, about
    gc.collect(0)
    return made


def workbook_bytes(catalog: Catalog, rows: Mapping[str, list[Row]], memo: Memo | None = None) -> bytes:
    """insyn.xlsx. Each table's sheet is copied from `memo` when the table's rows and its
    columns with their words are as when it was written: after one edit in national data,
    only the edited table is written again (the key figures' sheet alone took 4.7 s of 7.4)."""
    memo = memo or Memo(None, None)
    # Each row goes to disk as it is written: kept in memory, the 1.4 million cells of a
    # national insyn.xlsx took about 310 MB, at the time the writers lay out the reports.
    with tempfile.TemporaryDirectory(prefix="insyn-xlsx-") as rows_on_disk:
        book = _Book(rows_on_disk)
        _about(book, catalog)
        for table in TABLES:
            columns = sheet_columns(table, catalog)
            table_rows = rows[table.name]
            kept = None if memo.new is None else _kept(memo, table, columns, table_rows)
            sheets = book.table(sheet_title(table), [header for header, _, _ in columns], table_rows,
                                functools.partial(_cells, columns), kept)
            for ws in sheets:
                for index, (header, _, _) in enumerate(columns):
                    ws.set_column(index, index, min(max(len(header) + 4, 12), 40))
        return book.finish(catalog, f"Uppföljning av utförare – {catalog.region.namn}")


def _cells(columns: list[tuple[str, str, Mapping[str, str] | None]], row: Row) -> list[Any]:
    """A row's values in the sheet's columns, each coded column followed by its words."""
    return [row[source] if mapping is None else labels.label(mapping, row[source]) for _, source, mapping in columns]


def _kept(memo: Memo, table: Table, columns: list[tuple[str, str, Mapping[str, str] | None]],
          rows: list[Row]) -> _Kept:
    """Where `table`'s sheets and their blocks of rows are kept: each block by a digest of its
    rows (the rows as read, from which the cells are made), each sheet by all of them."""
    blocks = {part: [digest(values_key(rows[start + index:start + min(index + BLOCK, size)])) for index in range(0, size, BLOCK)]
              for part, start, size in parts(len(rows))}
    columns_key = digest(table.name, values_key(columns))
    return _Kept(memo, digest(columns_key, *(d for part in blocks.values() for d in part)), columns_key, blocks)
