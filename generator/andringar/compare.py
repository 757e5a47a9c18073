"""Two publications' tables compared with pandas: what was added, changed and removed.

Both sides are the published text of each cell (as in the CSV files), so a value that
reads the same is the same. Only columns both packages have are compared: a column
added to the schema later is not a change in the data. Derived columns (counts, names
repeated for convenience, lateness, when a unit was last followed up) follow from other
rows and are left out: a unit's last follow-up date would also tell a follow-up's date
that is withheld, or a non-public follow-up's.

A follow-up's deficiencies and measures are numbered by their place in its list (key
uppfoljning/nr). When one is added or removed in the middle of the list, the ones after it
move up or down a number: compared by number, a removed first measure would read as the
last one removed and the others rewritten (another description, another deadline, another
day it was done). In a follow-up whose number of such rows changed, the rows are therefore
paired by what they say (`IDENTITET`), and only those that match nothing are added or removed.
"""

from __future__ import annotations

import datetime as dt
import difflib
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

# Tables numbered by place within a follow-up → the columns that say which row it is.
IDENTITET = {"brister": ("krav", "beskrivning"), "atgarder": ("beskrivning",)}

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


@dataclass
class _Parning:
    """Which rows of a table are the same row in both publications: (old key, new key) pairs,
    and the keys that are only new (added) or only old (removed)."""

    fore: list[str]
    efter: list[str]
    tillagda: list[str]
    borttagna: list[str]


def _parning(before: pd.DataFrame, after: pd.DataFrame, identitet: tuple[str, ...]) -> _Parning:
    """By key, except in a follow-up whose number of rows changed: there its rows are lined
    up by what they say (difflib), so that a row removed from the middle of the list is
    removed, not the rows after it rewritten. Within a run that differs, rows are paired in
    order as far as both sides go (edited in place); what is left over was added or removed."""
    common = after.index.intersection(before.index)
    added, removed = list(after.index.difference(before.index)), list(before.index.difference(after.index))
    fore, efter = list(common), list(common)
    needed = (*identitet, "uppfoljning", "nr")
    if not identitet or not all(c in before.columns and c in after.columns for c in needed):
        return _Parning(fore, efter, sorted(added), sorted(removed))
    counts_before, counts_after = before["uppfoljning"].value_counts(), after["uppfoljning"].value_counts()
    moved = {p for p in counts_before.index.intersection(counts_after.index) if counts_before[p] != counts_after[p]}
    if not moved:
        return _Parning(fore, efter, sorted(added), sorted(removed))
    keep = [i for i, key in enumerate(fore) if key.split("/", 1)[0] not in moved]
    fore, efter = [fore[i] for i in keep], [efter[i] for i in keep]
    added = [key for key in added if key.split("/", 1)[0] not in moved]
    removed = [key for key in removed if key.split("/", 1)[0] not in moved]
    lists_before, lists_after = _lists(before, moved, identitet), _lists(after, moved, identitet)
    for parent in sorted(moved):
        old, new = sorted(lists_before[parent]), sorted(lists_after[parent])
        matcher = difflib.SequenceMatcher(None, [r[2] for r in old], [r[2] for r in new], autojunk=False)
        paired_old, paired_new = set(), set()
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag in ("equal", "replace"):
                for i, j in zip(range(i1, i2), range(j1, j2), strict=False):
                    fore.append(old[i][1])
                    efter.append(new[j][1])
                    paired_old.add(i)
                    paired_new.add(j)
        removed += [row[1] for i, row in enumerate(old) if i not in paired_old]
        added += [row[1] for j, row in enumerate(new) if j not in paired_new]
    return _Parning(fore, efter, sorted(added), sorted(removed))


def _lists(df: pd.DataFrame, parents: set[str], identitet: tuple[str, ...]) -> dict[str, list[tuple[int, str, tuple[str, ...]]]]:
    """Follow-up → its rows as (number, key, what the row says), in one pass over the table
    (pandas a follow-up at a time took a minute for 20,000 follow-ups)."""
    rows = df[df["uppfoljning"].isin(parents)]
    out: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {p: [] for p in parents}
    columns = [rows[c].astype(str).tolist() for c in identitet]
    for parent, nr, key, *sign in zip(rows["uppfoljning"].astype(str).tolist(), rows["nr"].astype(str).tolist(),
                                      [str(k) for k in rows.index], *columns, strict=True):
        out[parent].append((int(nr), key, tuple(sign)))
    return out


def compare(old: Mapping[str, pd.DataFrame], new_rows: Rows, publicering: dt.date, first_nr: int = 1) -> list[Andring]:
    """This publication's changes against the previous one, numbered from `first_nr`."""
    import pandas as pd

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

        parning = _parning(before, after, IDENTITET.get(j.tabell, ()))
        for key in pd.Index(parning.tillagda, dtype="object"):
            row = after.loc[key]
            if not skip(row):
                found.append((j.tabell, key, TILLAGD, who(row), None, None, None))
        for key in pd.Index(parning.borttagna, dtype="object"):
            row = before.loc[key]
            if not skip(row):
                found.append((j.tabell, key, BORTTAGEN, who(row), None, None, None))
        columns = [c for c in j.falt if c in before.columns and c in after.columns]
        if not parning.efter or not columns:
            continue
        order = sorted(range(len(parning.efter)), key=parning.efter.__getitem__)
        common = pd.Index([parning.efter[i] for i in order], dtype="object")
        a = before.loc[[parning.fore[i] for i in order], columns].set_axis(common)
        b = after.loc[common, columns]
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
