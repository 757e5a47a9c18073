"""Two publications' tables compared with pandas: what was added, changed and removed.

Both sides are the published text of each cell (as in the CSV files), so a value that
reads the same is the same. Only columns both packages have are compared: a column
added to the schema later is not a change in the data. Derived columns (counts, names
repeated for convenience, lateness, when a unit was last followed up) follow from other
rows and are left out: a unit's last follow-up date would also tell a follow-up's date
that is withheld, or a non-public follow-up's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.andringar.record import ANDRAD, BORTTAGEN, TILLAGD, Andring
from generator.opendata.cells import cell
from generator.opendata.schema import BY_NAME

if TYPE_CHECKING:
    import pandas as pd

# pandas is imported where it is used: only a build with --previous compares, and the others
# (and `insyn validate`) start a third of a second sooner without it.

Rows = Mapping[str, list[dict[str, object]]]


@dataclass(frozen=True)
class Jamforelse:
    tabell: str
    utelamnade: frozenset[str] = frozenset()

    @property
    def nyckel(self) -> list[str]:
        return list(BY_NAME[self.tabell].primary_key)

    @property
    def falt(self) -> list[str]:
        return [c for c in BY_NAME[self.tabell].column_names() if c not in self.nyckel and c not in self.utelamnade]


_REPEATED = frozenset({"utforare_namn", "driftsform", "forsenad"})
JAMFORELSER = (
    Jamforelse("utforare", frozenset({"senast_uppfoljd", "uppfoljning_forsenad"})),
    Jamforelse("avtal"),
    Jamforelse("krav"),
    Jamforelse("uppfoljningar", _REPEATED | {"utforare", "verksamhetsomrade", "antal_brister", "antal_atgarder"}),
    Jamforelse("brister", _REPEATED | {"avtal", "utforare"}),
    Jamforelse("atgarder", _REPEATED | {"utforare"}),
    Jamforelse("nyckeltalsvarden"),
    Jamforelse("jamforelsevarden"),
)
TABLES = tuple(j.tabell for j in JAMFORELSER)
BY_TABLE = {j.tabell: j for j in JAMFORELSER}

# An uppfoljningar column → the field name `sekretess` uses for it.
SEKRETESS_FALT = {"redovisad_organ": "redovisad", "redovisad_datum": "redovisad", "redovisad_paragraf": "redovisad",
                   "handlingsplan_beslutad": "handlingsplan"}
# A child table → the follow-up field that withholds all its rows.
SEKRETESS_TABELL = {"brister": "brister", "atgarder": "handlingsplan"}


def frame(table: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    """This build's rows as the text the CSV holds."""
    import pandas as pd

    columns = BY_NAME[table].column_names()
    return pd.DataFrame([[cell(r[c]) for c in columns] for r in rows], columns=columns, dtype="string")


def _indexed(df: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    import pandas as pd

    out = df.astype("string").fillna("").set_index(key, drop=False)
    out.index = pd.Index(["/".join(parts) if isinstance(parts, tuple) else str(parts) for parts in out.index])
    return out


@dataclass
class _Lookup:
    """Provider of every contract and follow-up, and provider names, from both publications."""

    avtal: dict[str, str]
    uppfoljningar: dict[str, str]
    namn: dict[str, str]

    @classmethod
    def of(cls, old: Mapping[str, pd.DataFrame], new: Mapping[str, pd.DataFrame]) -> _Lookup:
        def pairs(table: str, key: str, value: str) -> dict[str, str]:
            out: dict[str, str] = {}
            for side in (old, new):  # the new publication wins
                df = side.get(table)
                if df is not None and key in df and value in df:
                    out.update(zip(df[key].astype(str), df[value].astype(str), strict=True))
            return out
        return cls(pairs("avtal", "id", "utforare"), pairs("uppfoljningar", "id", "utforare"),
                   pairs("utforare", "id", "namn"))

    def utforare(self, table: str, row: pd.Series) -> str | None:
        if table == "utforare":
            return str(row["id"])
        if table in ("avtal", "uppfoljningar", "nyckeltalsvarden") and "utforare" in row and row["utforare"]:
            return str(row["utforare"])
        if table == "avtal":
            return self.avtal.get(str(row["id"]))
        if table in ("krav", "brister") and "avtal" in row:
            return self.avtal.get(str(row["avtal"]))
        if table == "brister" or table == "atgarder":
            return self.uppfoljningar.get(str(row["uppfoljning"]))
        return None


def _withheld(old: Mapping[str, pd.DataFrame], new: Mapping[str, pd.DataFrame]) -> dict[str, set[str]]:
    """Follow-up id → every field withheld in either publication."""
    out: dict[str, set[str]] = {}
    for side in (old, new):
        df = side.get("uppfoljningar")
        if df is None or "sekretess" not in df:
            continue
        for uppfoljning_id, fields in zip(df["id"].astype(str), df["sekretess"].fillna("").astype(str), strict=True):
            out.setdefault(uppfoljning_id, set()).update(f for f in re.split(r"[,|]", fields) if f)  # "," before v2
    return out


def compare(old: Mapping[str, pd.DataFrame], new_rows: Rows, publicering: dt.date, first_nr: int = 1) -> list[Andring]:
    """This publication's changes against the previous one, numbered from `first_nr`."""
    new = {t: frame(t, new_rows[t]) for t in TABLES}
    lookup = _Lookup.of(old, new)
    withheld = _withheld(old, new)
    found: list[tuple[str, str, str, str | None, str | None, str | None, str | None]] = []
    for j in JAMFORELSER:
        if j.tabell not in old:
            continue
        before, after = _indexed(old[j.tabell], j.nyckel), _indexed(new[j.tabell], j.nyckel)
        hidden_rows = SEKRETESS_TABELL.get(j.tabell)

        def skip(row: pd.Series, hidden_rows: str | None = hidden_rows) -> bool:
            return hidden_rows is not None and hidden_rows in withheld.get(str(row["uppfoljning"]), set())

        def who(row: pd.Series, table: str = j.tabell) -> str | None:
            return lookup.utforare(table, row)

        for key in after.index.difference(before.index).sort_values():
            row = after.loc[key]
            if not skip(row):
                found.append((j.tabell, key, TILLAGD, who(row), None, None, None))
        for key in before.index.difference(after.index).sort_values():
            row = before.loc[key]
            if not skip(row):
                found.append((j.tabell, key, BORTTAGEN, who(row), None, None, None))
        common = after.index.intersection(before.index).sort_values()
        columns = [c for c in j.falt if c in before.columns and c in after.columns]
        if not len(common) or not columns:
            continue
        a, b = before.loc[common, columns], after.loc[common, columns]
        differs = a.ne(b)
        for key in common[differs.any(axis=1).to_numpy()]:
            row = after.loc[key]
            if skip(row):
                continue
            hidden = withheld.get(key, set()) if j.tabell == "uppfoljningar" else set()
            for column in columns:
                if not differs.at[key, column] or SEKRETESS_FALT.get(column, column) in hidden:
                    continue
                found.append((j.tabell, key, ANDRAD, who(row), column,
                              str(a.at[key, column]) or None, str(b.at[key, column]) or None))
    return [Andring(publicering, nr, tabell, key, handelse, uid, lookup.namn.get(uid) if uid else None, falt, fore, efter)
            for nr, (tabell, key, handelse, uid, falt, fore, efter) in enumerate(found, start=first_nr)]
