"""One provider's whole history in one CSV: `oppna-data/utforare/<id>.csv`.

A journalist clicks once on the provider page and gets every contract, follow-up,
deficiency, measure and key-figure value of that provider, one row each, in one long
table. The column `del` says what a row is; the data-dictionary page explains each
column per kind. Built from the same rows as the data package, so it can say no more.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from generator import outputs
from generator.domain.catalog import Catalog
from generator.memo import Memo, Output, values_key
from generator.opendata.cells import csv_bytes
from generator.opendata.resources import Row
from generator.opendata.workbook import one_sheet_bytes

FOLDER = outputs.PER_UTFORARE

# (column, meaning) – shown on the data-dictionary page.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("del", "Vad raden är: avtal, uppfoljning, brist, atgard (åtgärd) eller nyckeltalsvarde."),
    ("avtal", "Avtalets id (tomt för nyckeltalsvärden)."),
    ("uppfoljning", "Uppföljningens id (för uppföljningar, brister och åtgärder)."),
    ("nyckeltal", "Nyckeltalets id (för nyckeltalsvärden)."),
    ("period", "Uppföljningens eller värdets period."),
    ("kon", "T, K eller M (för nyckeltalsvärden)."),
    ("datum", "Avtal: startdatum. Uppföljning: dag då den blev genomförd. Åtgärd: senast-datum."),
    ("typ", "Avtal: avtalsform. Uppföljning: typ av uppföljning. Brist: kravets id."),
    ("status", "Uppföljning: resultat (eller status om den inte är genomförd). Brist: allvarlighet. Åtgärd: status."),
    ("varde", "Nyckeltalets värde."),
    ("antal", "Antal svar eller fall bakom värdet."),
    ("text", "Uppföljning: sammanfattning. Brist och åtgärd: beskrivning. Nyckeltalsvärde: anmärkning."),
    ("sekretess", "Uppföljning: fält som omfattas av sekretess (deras värden är tomma)."),
)
NAMES = tuple(name for name, _ in COLUMNS)
_NOTES = [f"{name}: {meaning}" for name, meaning in COLUMNS]  # each column explained, below a workbook's title


_AT = {name: index for index, name in enumerate(NAMES)}


def _line(values: Mapping[str, Any]) -> list[Any]:
    """One long row: its values in the order of NAMES, None where a kind has no such column.
    Given as one mapping, not as keywords: 150,000 national key-figure rows took 0.06 s more
    made into keywords and back."""
    line: list[Any] = [None] * len(NAMES)
    for name, value in values.items():
        line[_AT[name]] = value
    return line


def provider_tables(rows: Mapping[str, list[Row]]) -> dict[str, list[list[Any]]]:
    """Provider id → its long rows, as both files hold them (values in the order of NAMES):
    contracts, then follow-ups with their findings, then values."""
    out: dict[str, list[list[Any]]] = {r["id"]: [] for r in rows["utforare"]}
    brister: dict[str, list[Row]] = defaultdict(list)
    atgarder: dict[str, list[Row]] = defaultdict(list)
    for b in rows["brister"]:
        brister[b["uppfoljning"]].append(b)
    for a in rows["atgarder"]:
        atgarder[a["uppfoljning"]].append(a)
    for a in rows["avtal"]:
        out[a["utforare"]].append(_line({"del": "avtal", "avtal": a["id"], "datum": a["startdatum"], "typ": a["form"]}))
    for u in rows["uppfoljningar"]:
        target = out[u["utforare"]]
        target.append(_line({"del": "uppfoljning", "avtal": u["avtal"], "uppfoljning": u["id"],
                              "period": u["period"], "datum": u["genomford"], "typ": u["typ"],
                              "status": u["resultat"] or u["status"], "text": u["sammanfattning"],
                              "sekretess": u["sekretess"]}))
        for b in brister[u["id"]]:
            target.append(_line({"del": "brist", "avtal": u["avtal"], "uppfoljning": u["id"], "typ": b["krav"],
                                  "status": b["allvarlighet"], "text": b["beskrivning"]}))
        for a in atgarder[u["id"]]:
            target.append(_line({"del": "atgard", "avtal": u["avtal"], "uppfoljning": u["id"], "datum": a["senast"],
                                  "status": a["status"], "text": a["beskrivning"]}))
    for v in rows["nyckeltalsvarden"]:
        out[v["utforare"]].append(_line({"del": "nyckeltalsvarde", "nyckeltal": v["nyckeltal"], "period": v["period"],
                                          "kon": v["kon"], "varde": v["varde"], "antal": v["antal"],
                                          "text": v["anmarkning"]}))
    return out


def files(rows: Mapping[str, list[Row]], catalog: Catalog | None = None,
          memo: Memo | None = None) -> dict[str, Output]:
    """`utforare/<id>.csv` → its bytes, one per provider (also those with nothing but a name);
    with the catalog also `utforare/<id>.xlsx`, the same rows for someone who double-clicks.
    Where the same rows were written before, the file `memo` kept of them (memo.Output)."""
    memo = memo or Memo(None, None)
    out: dict[str, Output] = {}
    names = {r["id"]: r["namn"] for r in rows["utforare"]}
    for uid, table in provider_tables(rows).items():
        # From the memo when the provider's rows are as before: after one edit, all but one of them.
        key = values_key(table)  # once for both files
        out[f"{FOLDER}/{uid}.csv"] = memo.file("csv-utforare", [key], functools.partial(csv_bytes, NAMES, table))
        if catalog is not None:
            out[f"{FOLDER}/{uid}.xlsx"] = _workbook(catalog, names[uid], table, memo, key)
    return out


def workbooks(rows: Mapping[str, list[Row]], catalog: Catalog, memo: Memo | None = None) -> dict[str, Output]:
    """Only the `utforare/<id>.xlsx` of `files` (the build makes them in a process of their own)."""
    memo = memo or Memo(None, None)
    names = {r["id"]: r["namn"] for r in rows["utforare"]}
    return {f"{FOLDER}/{uid}.xlsx": _workbook(catalog, names[uid], table, memo, values_key(table))
            for uid, table in provider_tables(rows).items()}


def _workbook(catalog: Catalog, namn: str, table: list[list[Any]], memo: Memo, key: bytes) -> Output:
    """One provider's rows (`key`: their values_key) as a workbook; its bytes depend on the
    rows, the name and the data's date."""
    return memo.file("xlsx", [namn, catalog.uppdaterad.isoformat(), key], lambda: one_sheet_bytes(
        catalog, f"Allt om {namn}", ["Samma rader som i CSV-filen med samma namn.", *_NOTES], list(NAMES), table))
