"""The data-dictionary page (`om-datan/datakatalog.md`), generated from the open-data schemas.

The same column specs write the CSV headers, the Frictionless schemas and the workbook's
explanation sheet, so this page cannot drift from the files it describes. Everything
shown is schema text, passed through the autoescaped template like any data value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.domain.catalog import Catalog
from generator.models.region import RegionInfo
from generator.opendata import perprovider
from generator.opendata.downloads import downloads
from generator.opendata.schema import TABLES, Column, Table, pandas_dates, pandas_dtypes, tables
from generator.pages.render import page
from generator.sv import vocabulary as voc

DOC_PATH = "om-datan/datakatalog.md"
TYPE_WORDS = {"string": "Text", "integer": "Heltal", "number": "Tal (punkt som decimaltecken)",
              "boolean": "true eller false", "date": "Datum, ÅÅÅÅ-MM-DD"}

# Swedish words for the codes of a column, where the vocabulary has them.
WORDS: dict[str, dict[str, str]] = {
    "driftsform": voc.DRIFTSFORM_KORT, "form": voc.AVTALSFORM, "lag": voc.LAG, "typ": voc.UPPFOLJNINGSTYP,
    "resultat": voc.RESULTAT, "allvarlighet": voc.ALLVARLIGHET, "redovisas_i": voc.REDOVISAS_I,
    "enhet": voc.ENHET, "riktning": voc.RIKTNING, "kon": voc.KON, "utfall": voc.PLANUTFALL,
}
STATUS_WORDS = {"uppfoljningar": voc.STATUS, "atgarder": voc.ATGARDSSTATUS}


def allowed(table: Table, column: Column) -> list[tuple[str, str]]:
    """(code, Swedish word) for each allowed value; the word is empty where none exists."""
    words = STATUS_WORDS.get(table.name, {}) if column.name == "status" else WORDS.get(column.name, {})
    return [(code, words.get(code, "")) for code in column.enum]


def pandas_call(table: Table) -> str:
    """The read_csv call for one table, one column per line so it fits a phone screen."""
    dtypes = "".join(f'        "{k}": "{v}",\n' for k, v in pandas_dtypes(table).items())
    lines = [f"{table.name} = pd.read_csv(", f'    "{table.path}",', "    dtype={\n" + dtypes + "    },",
             "    keep_default_na=False,", '    na_values=[""],']
    dates = pandas_dates(table)
    if dates:
        lines.append("    parse_dates=[" + ", ".join(f'"{d}"' for d in dates) + "],")
    return "\n".join(lines) + "\n)"


@dataclass(frozen=True)
class Kolumnvy:
    """One column as the dictionary shows it: the schema's column, its type in words and its allowed values."""

    c: Column
    typ: str
    tillatna: tuple[tuple[str, str], ...]  # (code, Swedish word or "")


@dataclass(frozen=True)
class Tabellvy:
    t: Table
    kolumner: tuple[Kolumnvy, ...]


@dataclass(frozen=True)
class Datakatalog:
    """Everything the data-dictionary page shows: the publisher, the schemas and the files."""

    region: RegionInfo
    uppdaterad: dt.date
    tabeller: tuple[Tabellvy, ...]
    pandas_exempel: str
    utforarkolumner: tuple[tuple[str, str], ...]  # the columns of the per-provider file, with their meaning
    antal_filer: int  # the files the DCAT catalogue describes


def datakatalog(catalog: Catalog) -> Datakatalog:
    example = next(t for t in TABLES if t.name == "nyckeltalsvarden")
    return Datakatalog(
        region=catalog.region, uppdaterad=catalog.uppdaterad,
        tabeller=tuple(Tabellvy(t, tuple(Kolumnvy(c, TYPE_WORDS[c.type], tuple(allowed(t, c))) for c in t.columns))
                       for t in tables(catalog.region.typ)),
        pandas_exempel=pandas_call(example), utforarkolumner=perprovider.COLUMNS, antal_filer=len(downloads(catalog.region.typ)),
    )


def render(catalog: Catalog) -> dict[str, str]:
    return {DOC_PATH: page(DOC_PATH, "Datakatalog: öppna data om uppföljningen", "datakatalog.html",
                           s=datakatalog(catalog))}
