"""Contract-valid datasets of any size, made from a real one: the benchmark's input.

Each copy of the base dataset brings every provider with its contracts, follow-ups and
key-figure values under new ids (`<id>-x<k>`), so the copies validate exactly as the base
does. On top of the copies, a size can ask for more contracts (an earlier, ended contract
for a provider, with one follow-up of its own), more follow-ups (a second review of a
contract) and more key-figure rows (the same rows for earlier years), to reach the national
shape in the issue: 1,500 providers, 2,000 contracts, 8,000 follow-ups, 150,000 rows.

The copies keep the base's classification of strategic contracts, so at national size a
nämnd has over a thousand of them, and its report lists them all. The region's guideline
has each nämnd class "from a single contract up to about 10" as strategic (the seeds' 004):
the size `nationell-riktlinje` keeps only the base's own strategic contracts, to measure the
same scale with reports of the size the guideline expects.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

SCALED = ("utforare", "avtal", "uppfoljningar")
_HEADER = "utforare,nyckeltal,period,kon,varde,antal,anmarkning"


@dataclass(frozen=True)
class Size:
    """How big a dataset to make: copies of the base, then extras up to these totals."""

    name: str
    copies: int
    avtal: int = 0
    uppfoljningar: int = 0
    nyckeltalsvarden: int = 0
    riktlinjens_strategiska: bool = False  # only the base's own contracts stay strategic


SIZES = {
    "exempel": Size("exempel", 1),
    "x10": Size("x10", 10),
    "nationell": Size("nationell", 36, avtal=2000, uppfoljningar=8000, nyckeltalsvarden=150_000),
    "nationell-riktlinje": Size("nationell-riktlinje", 36, avtal=2000, uppfoljningar=8000, nyckeltalsvarden=150_000,
                                riktlinjens_strategiska=True),
}


@dataclass(frozen=True)
class Counts:
    utforare: int
    avtal: int
    uppfoljningar: int
    nyckeltalsvarden: int


def _ids(base: Path) -> list[str]:
    """Every id that a copy renames, longest first so that no id is cut by a shorter one."""
    return sorted({p.stem for folder in SCALED for p in (base / folder).rglob("*.yaml")}, key=len, reverse=True)


def _renamer(base: Path) -> Callable[[str, int], str]:
    pattern = re.compile(r"(?<![a-z0-9-])(" + "|".join(map(re.escape, _ids(base))) + r")(?![a-z0-9-])")

    def rename(text: str, k: int) -> str:
        return pattern.sub(lambda m: f"{m.group(1)}-x{k}", text)

    return rename


def _copy_entities(base: Path, target: Path, copies: int, strategic: bool) -> None:
    rename = _renamer(base)
    for k in range(1, copies):
        for folder in SCALED:
            for source in (base / folder).rglob("*.yaml"):
                rel = source.relative_to(base / folder)
                text = rename(source.read_text(encoding="utf-8"), k)
                if folder == "utforare":
                    text = re.sub(r"(?m)^namn: (.*)$", lambda m, k=k: f"namn: {m.group(1).strip(chr(39))} {k + 1}", text, count=1)
                if folder == "avtal" and not strategic:
                    text = re.sub(r"(?m)^strategiskt: true$", "strategiskt: false", text)
                new = target / folder / rel.with_name(f"{source.stem}-x{k}.yaml")
                new.write_text(text, encoding="utf-8")
    own = {p.stem for p in (base / "utforare").glob("*.yaml")}
    for csv in sorted((base / "nyckeltalsvarden").glob("*.csv")):
        rows = [line for line in csv.read_text(encoding="utf-8-sig").splitlines()[1:] if line.split(",", 1)[0] in own]
        for k in range(1, copies):  # one file per copy: the loader takes at most 2 MiB a file
            with (target / "nyckeltalsvarden" / f"{csv.stem}-x{k}.csv").open("w", encoding="utf-8") as out:
                out.write(_HEADER + "\n")
                out.writelines(rename(row.split(",", 1)[0], k) + "," + row.split(",", 1)[1] + "\n" for row in rows)


def _load(path: Path) -> dict[str, object]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _dump(path: Path, data: dict[str, object]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _earlier_contracts(target: Path, wanted: int, strategic: bool) -> None:
    """Add an ended contract before a provider's current one, with one follow-up of its own;
    strategic as the current one only when `strategic`."""
    contracts = sorted((target / "avtal").glob("*.yaml"))
    missing = wanted - len(contracts)
    reviews = {}
    for path in sorted((target / "uppfoljningar").rglob("*.yaml")):
        data = _load(path)
        if data.get("status") == "genomford" and data.get("publik", True) and not data.get("sekretess"):
            reviews.setdefault(data["avtal"], (path, data))
    for path in contracts:
        if missing <= 0:
            return
        contract = _load(path)
        start = contract["startdatum"]
        ended = dt.date(start.year - 1, 12, 31)  # type: ignore[attr-defined]
        earlier = dict(contract, startdatum=dt.date(ended.year - 3, 1, 1), slutdatum=ended)
        earlier.pop("diarienummer", None)
        if not strategic and "strategiskt" in earlier:
            earlier["strategiskt"] = False
        new_id = f"{path.stem}-tidigare"
        _dump(target / "avtal" / f"{new_id}.yaml", earlier)
        missing -= 1
        if path.stem not in reviews:
            continue
        review = reviews[path.stem][1]
        old_year = ended.year
        follow = dict(review, avtal=new_id, period=str(old_year), typ="verksamhetsberattelse",
                      genomford=dt.date(old_year + 1, 3, 15))
        follow.pop("dokument", None)
        follow.pop("redovisad", None)
        follow.pop("handlingsplan", None)
        follow.pop("brister", None)
        folder = target / "uppfoljningar" / str(old_year)
        folder.mkdir(exist_ok=True)
        _dump(folder / f"{new_id}-verksamhetsberattelse-{old_year}.yaml", follow)


def _second_reviews(target: Path, wanted: int) -> None:
    """A second, deeper review of contracts that already have a completed one, until `wanted`."""
    paths = sorted((target / "uppfoljningar").rglob("*.yaml"))
    missing = wanted - len(paths)
    for path in paths:
        if missing <= 0:
            return
        data = _load(path)
        if data.get("status") != "genomford" or data.get("typ") == "fordjupad_uppfoljning" or "brister" in data:
            continue
        deeper = dict(data, typ="fordjupad_uppfoljning")
        deeper.pop("dokument", None)
        _dump(path.with_name(f"{path.stem}-fordjupad.yaml"), deeper)
        missing -= 1


def _earlier_years(target: Path, wanted: int) -> None:
    """The same key-figure rows for earlier years (2022, 2021, …) until there are `wanted` rows."""
    files = sorted((target / "nyckeltalsvarden").glob("*.csv"))
    rows = {csv: csv.read_text(encoding="utf-8-sig").splitlines()[1:] for csv in files}
    total = sum(map(len, rows.values()))
    first = min(int(row.split(",")[2][:4]) for lines in rows.values() for row in lines)
    year = first - 1
    while total < wanted and year > first - 10:
        for csv, lines in rows.items():
            source = [r for r in lines if r.split(",")[2][:4] == str(first)]
            take = source[: max(0, wanted - total)]
            if not take:
                continue
            with csv.with_name(f"{csv.stem}-{year}.csv").open("w", encoding="utf-8") as out:
                out.write(_HEADER + "\n")
                out.writelines(re.sub(r"^([^,]*,[^,]*,)\d{4}", rf"\g<1>{year}", r) + "\n" for r in take)
            total += len(take)
        year -= 1


def count(data: Path) -> Counts:
    return Counts(
        utforare=sum(1 for _ in (data / "utforare").glob("*.yaml")),
        avtal=sum(1 for _ in (data / "avtal").glob("*.yaml")),
        uppfoljningar=sum(1 for _ in (data / "uppfoljningar").rglob("*.yaml")),
        nyckeltalsvarden=sum(len(csv.read_text(encoding="utf-8-sig").splitlines()) - 1
                             for csv in (data / "nyckeltalsvarden").glob("*.csv")),
    )


def make(base: Path, target: Path, size: Size) -> Counts:
    """Write a dataset of `size` made from `base` into the new folder `target`."""
    shutil.copytree(base, target)
    _copy_entities(base, target, size.copies, not size.riktlinjens_strategiska)
    if size.avtal:
        _earlier_contracts(target, size.avtal, not size.riktlinjens_strategiska)
    if size.uppfoljningar:
        _second_reviews(target, size.uppfoljningar)
    if size.nyckeltalsvarden:
        _earlier_years(target, size.nyckeltalsvarden)
    return count(target)
