"""The Swedish words beside each code, for the xlsx: someone who double-clicks the file reads
"Uppfyller kraven delvis", not `uppfyller_delvis`. The CSV files keep the codes alone, as
the schema says; the words come from the same vocabulary the pages use."""

from __future__ import annotations

from collections.abc import Mapping

from generator.domain.catalog import Catalog
from generator.opendata.schema import LIST_SEP, Table
from generator.sv import vocabulary as voc

SUFFIX = "_text"
HANDELSE = {"tillagd": "Tillagd", "andrad": "Ändrad", "borttagen": "Borttagen"}
JAMFORELSE = {"region": "Hela regionen", "riket": "Hela Sverige"}
JAMFORELSE_KOMMUN = {**JAMFORELSE, "region": "Hela kommunen"}  # a kommun's own value: the code stays region

# (table, column) → words; a column name alone applies in every table.
_BY_COLUMN: dict[str, Mapping[str, str]] = {
    "driftsform": voc.DRIFTSFORM_KORT, "lag": voc.LAG, "form": voc.AVTALSFORM, "resultat": voc.RESULTAT,
    "allvarlighet": voc.ALLVARLIGHET, "redovisas_i": voc.REDOVISAS_I, "utfall": voc.PLANUTFALL,
    "enhet": voc.ENHET, "riktning": voc.RIKTNING, "kon": voc.KON, "handelse": HANDELSE,
    "sprak": voc.SPRAK,
}
_BY_TABLE: dict[tuple[str, str], Mapping[str, str]] = {
    ("uppfoljningar", "typ"): voc.UPPFOLJNINGSTYP, ("planposter", "typ"): voc.UPPFOLJNINGSTYP,
    ("uppfoljningar", "status"): voc.STATUS, ("atgarder", "status"): voc.ATGARDSSTATUS,
}


def words(table: Table, column: str, catalog: Catalog) -> Mapping[str, str] | None:
    """The code → word table of a coded column, or None for a column without codes."""
    if column == "kommun":
        return {k: v.namn for k, v in catalog.kommuner.items()}
    if column == "jamforelse":
        return jamforelse(catalog)
    return _BY_TABLE.get((table.name, column)) or _BY_COLUMN.get(column)


def jamforelse(catalog: Catalog) -> Mapping[str, str]:
    """The reference rows in words: 'Hela kommunen' when the publisher is a kommun."""
    return JAMFORELSE_KOMMUN if catalog.region.typ == "kommun" else JAMFORELSE


def label(mapping: Mapping[str, str], value: object) -> str | None:
    """A code in words; a list of codes word by word, in the same list form."""
    if value is None or value == "":
        return None
    return LIST_SEP.join(mapping.get(code, code) for code in str(value).split(LIST_SEP))
