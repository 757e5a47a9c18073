"""insyn.xlsx for people who double-click: an explanation sheet, then one sheet per table.

Every text value is written as a string cell, so Excel never runs it as a formula (the
validator already refuses text that starts like one; this is the second lock). Numbers,
dates and booleans keep their types so sorting and sums work.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import Cell  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

from generator.domain.catalog import Catalog
from generator.memo import Memo
from generator.opendata import labels
from generator.opendata.archive import restamp
from generator.opendata.resources import Row
from generator.opendata.schema import TABLES, Table

ABOUT_SHEET = "Om filen"
TYPE_WORDS = {"string": "text", "integer": "heltal", "number": "tal", "boolean": "sant/falskt (true/false)",
              "date": "datum (ÅÅÅÅ-MM-DD)"}


def sheet_title(table: Table) -> str:
    """Excel allows 31 characters and no []:*?/\\ in a sheet name; table names are ASCII ids."""
    return table.name[:31]


def _text_cell(ws: Any, value: str) -> Cell:
    cell = Cell(ws, value=value)
    cell.data_type = "s"  # a string, whatever it starts with: never a formula
    return cell


def _value(ws: Any, value: Any) -> Any:
    if isinstance(value, str):
        return _text_cell(ws, value)
    return value


def _about(wb: Workbook, catalog: Catalog) -> None:
    ws = wb.active
    ws.title = ABOUT_SHEET
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
    ]
    if catalog.region.exempeldata:
        lines.append(["Exempeldata – inte verkliga uppgifter."])
    lines.append([])
    lines.append(["Flik", "Kolumn", "Rubrik", "Typ", "Betydelse", "Tillåtna värden"])
    header_row = len(lines)
    for table in TABLES:
        lines.append([sheet_title(table), "", table.title, "", table.description, ""])
        for c in table.columns:
            lines.append([sheet_title(table), c.name, c.title, TYPE_WORDS[c.type], c.description, ", ".join(c.enum)])
            if labels.words(table, c.name, catalog) is not None:
                lines.append([sheet_title(table), c.name + labels.SUFFIX, f"{c.title} i ord", "text",
                              f"Koden i kolumnen {c.name} skriven med ord.", ""])
    for line in lines:
        ws.append([_text_cell(ws, text) for text in line])
    ws["A1"].font = Font(bold=True, size=14)
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEF", (22, 22, 26, 22, 80, 40), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=header_row + 1):
        row[4].alignment = Alignment(wrap_text=True, vertical="top")


def sheet_columns(table: Table, catalog: Catalog) -> list[tuple[str, str, Mapping[str, str] | None]]:
    """(header, source column, words) per sheet column: each coded column followed by its words."""
    out: list[tuple[str, str, Mapping[str, str] | None]] = []
    for c in table.columns:
        out.append((c.name, c.name, None))
        mapping = labels.words(table, c.name, catalog)
        if mapping is not None:
            out.append((c.name + labels.SUFFIX, c.name, mapping))
    return out


def _finish(wb: Workbook, catalog: Catalog, title: str) -> bytes:
    """The file's own dates are the data's date, not the wall clock: same data, same bytes."""
    moment = dt.datetime.combine(catalog.uppdaterad, dt.time())
    wb.properties.created = moment
    wb.properties.modified = moment
    wb.properties.creator = "Insyn"
    wb.properties.title = title
    buffer = io.BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()
    return restamp(buffer.getvalue(), catalog.uppdaterad)


def one_sheet_bytes(catalog: Catalog, title: str, notes: list[str], header: list[str],
                    rows: list[list[Any]]) -> bytes:
    """A small workbook with one table, for one provider's history: the same cell rules as insyn.xlsx."""
    wb = Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append([_text_cell(ws, name) for name in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for row in rows:
        ws.append([_value(ws, value) for value in row])
    ws.auto_filter.ref = ws.dimensions
    about = wb.create_sheet(ABOUT_SHEET)
    for line in [title, *notes]:
        about.append([_text_cell(about, line)])
    about["A1"].font = Font(bold=True, size=14)
    return _finish(wb, catalog, title)


def workbook_bytes(catalog: Catalog, rows: Mapping[str, list[Row]], memo: Memo | None = None) -> bytes:
    """insyn.xlsx, from `memo` when everything it is made from is as before: every table's rows,
    every sheet's columns with their words, and what the explanation sheet says of the data."""
    inputs = [catalog.region.namn, catalog.region.licens, str(catalog.region.exempeldata), catalog.uppdaterad.isoformat(),
              catalog.idag.isoformat(), *(repr((rows[t.name], sheet_columns(t, catalog))) for t in TABLES)]
    return (memo or Memo(None, None)).bytes("insyn.xlsx", inputs, lambda: _workbook_bytes(catalog, rows))


def _workbook_bytes(catalog: Catalog, rows: Mapping[str, list[Row]]) -> bytes:
    wb = Workbook()
    _about(wb, catalog)
    for table in TABLES:
        ws = wb.create_sheet(sheet_title(table))
        columns = sheet_columns(table, catalog)
        ws.append([_text_cell(ws, header) for header, _, _ in columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for row in rows[table.name]:
            ws.append([_value(ws, row[source] if mapping is None else labels.label(mapping, row[source]))
                       for _, source, mapping in columns])
        ws.auto_filter.ref = ws.dimensions  # filter buttons on the header row
        types = {c.name: c.type for c in table.columns}
        for index, (header, source, mapping) in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = min(max(len(header) + 4, 12), 40)
            if mapping is None and types[source] == "date":
                for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = "yyyy-mm-dd"
    return _finish(wb, catalog, f"Uppföljning av utförare – {catalog.region.namn}")
