"""Property tests for the promises validation makes: no personnummer gets through, however it
is typed and wherever it stands, and whatever validate accepts at the edge of every bound
builds. They run the real loader, validator and (for the edges) the real `insyn build`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import luhn

from generator.load import load_dataset
from generator.load.document import text_values
from generator.problems.report import format_problems
from generator.validate.textscan import keys
from tests.support.build import MINIMAL
from tests.test_validate_catalogue import problems_of

SEPARATORS = ["-", "+", "", " ", " - ", "/", ".", ":", "_", "\u2009", "\u00a0", "\u202f", "\n", "–", " – ", "--"]
_SAFE_IN_NAMES = str.maketrans({"/": "-", "\n": "-"})
# The digits of other scripts: full-width, Arabic-Indic, Persian, Devanagari, Thai, mathematical bold.
DIGIT_SCRIPTS = [str.maketrans("0123456789", "".join(chr(zero + i) for i in range(10)))
                 for zero in (0xFF10, 0x0660, 0x06F0, 0x0966, 0x0E50, 0x1D7CE)]


@st.composite
def personnummer(draw: st.DrawFn) -> tuple[str, str]:
    """(the number as typed, its ten digits): 10 or 12 digits, samordningsnummer, any separator,
    in the digits of any script."""
    born = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)))
    day = born.day + (60 if draw(st.booleans()) else 0)
    base = f"{born:%y%m}{day:02d}{draw(st.integers(0, 999)):03d}"
    digits = base + luhn.calc_check_digit(base)
    date_part = digits[:6]
    if draw(st.booleans()):
        date_part = f"{born.year // 100}{date_part}"
        if draw(st.booleans()):
            date_part = f"{date_part[:4]}-{date_part[4:6]}-{date_part[6:]}"  # ÅÅÅÅ-MM-DD-NNNN
    typed = date_part + draw(st.sampled_from(SEPARATORS)) + digits[6:]
    if draw(st.booleans()):
        typed = typed.translate(draw(st.sampled_from(DIGIT_SCRIPTS)))
    return typed, digits


def _yaml_places(root: Path) -> list[tuple[str, tuple[Any, ...], str]]:
    """Every (file, path, kind) where staff type a string: values and keys of every YAML file."""
    raw = load_dataset(root)
    docs = [d for d in (raw.region, raw.nyckeltal) if d is not None] + [d for f in raw.entities.values() for d in f]
    places = [(d.file, loc, "value") for d in docs for loc, _ in text_values(d.data)]
    places += [(d.file, loc, "key") for d in docs for loc, _ in keys(d.data)]
    return sorted(places, key=repr)


PLACES = _yaml_places(MINIMAL)
CSV_FILE = "nyckeltalsvarden/halsoval.csv"
CSV_COLUMNS = ["utforare", "nyckeltal", "period", "kon", "varde", "antal", "anmarkning"]


def _dump(root: Path, file: str, data: Any) -> None:
    """Write YAML back: every scalar the loader gave is a string, so quoting keeps its meaning."""
    (root / file).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _plant_in_yaml(root: Path, file: str, loc: tuple[Any, ...], kind: str, text: str, replace: bool) -> None:
    data = yaml.safe_load((root / file).read_text("utf-8"))
    parent = data
    for part in loc[:-1]:
        parent = parent[part]
    last = loc[-1]
    if kind == "key":
        parent[text if replace else f"{last} {text}"] = parent.pop(last)
    else:
        old = parent[last]
        parent[last] = text if replace else f"{old} {text} {old}"
    _dump(root, file, data)


def _plant_in_csv(root: Path, row: int, column: str, text: str) -> None:
    path = root / CSV_FILE
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    rows[row][column] = text
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), "utf-8")


def test_rewriting_the_fixture_keeps_it_valid(tmp_path: Path) -> None:
    """The property below rewrites YAML with PyYAML; unchanged data must stay valid that way."""
    root = tmp_path / "data"
    shutil.copytree(MINIMAL, root)
    for file in {file for file, _, _ in PLACES}:
        _dump(root, file, yaml.safe_load((root / file).read_text("utf-8")))
    assert problems_of(root) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=personnummer(), where=st.one_of(st.sampled_from(PLACES), st.tuples(st.integers(0, 8), st.sampled_from(CSV_COLUMNS)),
                                               st.sampled_from(["utforare/fjallvarden.yaml", "uppfoljningar/2025"])),
       replace=st.booleans())
def test_a_personnummer_anywhere_is_refused_and_never_echoed(
        tmp_path_factory: pytest.TempPathFactory, number: tuple[str, str], where: Any, replace: bool) -> None:
    typed, digits = number
    root = tmp_path_factory.mktemp("pnr") / "data"
    shutil.copytree(MINIMAL, root)
    if isinstance(where, str):  # a file or folder name
        path = root / where
        name = typed.translate(_SAFE_IN_NAMES)  # a name cannot hold / or a line break
        path.rename(path.with_name(f"{path.stem}-{name}{path.suffix}"))
    elif len(where) == 2:
        _plant_in_csv(root, where[0], where[1], typed)
    else:
        _plant_in_yaml(root, *where, typed, replace)
    problems = problems_of(root)
    assert problems, f"{typed!r} i {where} godkändes"
    own_rule = isinstance(where, tuple) and len(where) == 3 and "organisationsnummer" in where[1]
    if not own_rule:  # the number's own field has its own rule (sole-trader-number); elsewhere it is named
        assert {"personnummer", "invalid-id"} & {p.code for p in problems}, [(p.code, p.field) for p in problems]
    report = format_problems(problems, "data")
    assert digits not in report.replace("-", "").replace(" ", "")
    assert digits[-4:] not in "".join(f"{p.value}" for p in problems if p.code == "personnummer")


def _numbers() -> list[str]:
    """Fixed personnummer and samordningsnummer, one per separator, for the sweep below."""
    out = []
    for i, sep in enumerate(SEPARATORS):
        base = f"{(i * 7) % 100:02d}{(i % 12) + 1:02d}{(i % 28) + 1 + (60 if i % 3 == 0 else 0):02d}{i:03d}"
        digits = base + luhn.calc_check_digit(base)
        out.append(digits[:6] + sep + digits[6:])
    return out


# The one place a personnummer belongs: an enskild firma's number, which is never published
# (test_validate_edges checks that no output byte holds it).
SOLE_TRADER_NUMBER = ("utforare/stangda-mottagningen.yaml", ("organisationsnummer",), "value")
SWEEP = [p for p in PLACES if p != SOLE_TRADER_NUMBER]


@pytest.mark.parametrize("index", range(len(SWEEP)), ids=lambda i: f"{SWEEP[i][0]}:{SWEEP[i][1]}:{SWEEP[i][2]}")
def test_every_text_field_and_key_refuses_a_personnummer(tmp_path: Path, index: int) -> None:
    """Not only the fields someone thought of: every string and key of every file."""
    assert SOLE_TRADER_NUMBER in PLACES and len(SWEEP) > 100
    file, loc, kind = SWEEP[index]
    numbers = _numbers()
    root = tmp_path / "data"
    shutil.copytree(MINIMAL, root)
    _plant_in_yaml(root, file, loc, kind, numbers[index % len(numbers)], replace=index % 2 == 0)
    codes = {p.code for p in problems_of(root)}
    assert codes & {"personnummer", "sole-trader-number", "orgnr-checksum"}, codes
