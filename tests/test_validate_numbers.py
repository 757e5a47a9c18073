"""Whole numbers are digits only: a thousands separator is refused with a hint, never read.

pydantic read "9.000" antal as 9 (the value was then hidden as too few answers) and
"230.000" kronor as 230; Python read "1_000" as 1000.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.load import load_dataset
from generator.settings import reference_day
from generator.validate import validate
from tests.support.build import MINIMAL
from tests.test_validate_catalogue import problems_of

_CSV = "nyckeltalsvarden/halsoval.csv"
_AVTAL = "avtal/lov-fjallvarden.yaml"
_ROW = "halsocentralen-centrum,medicinsk-bedomning-3-dagar,2024,T,82.5,"
# As staff type nine thousand: with a dot, space, no-break space, comma, apostrophe or underscore,
# a sign, a decimal, an exponent, or in another script's digits.
SEPARATED = ["9.000", "9 000", "9\u00a0000", "9,000", "9'000", "9_000", "+9000", "9000.0", "9e3", "\u0669\u0660\u0660\u0660"]


def _data(tmp_path: Path, antal: str, kronor: str) -> Path:
    root = tmp_path / "data"
    shutil.copytree(MINIMAL, root)
    csv_file, avtal = root / _CSV, root / _AVTAL
    csv_file.write_text(csv_file.read_text("utf-8").replace(_ROW + "400,", f'{_ROW}"{antal}",'), "utf-8")
    avtal.write_text(avtal.read_text("utf-8").replace("arligt_varde_kr: 25000000", f'arligt_varde_kr: "{kronor}"'), "utf-8")
    return root


@pytest.mark.parametrize("written", SEPARATED)
def test_a_separated_whole_number_is_refused_with_a_hint(tmp_path: Path, written: str) -> None:
    problems = problems_of(_data(tmp_path, written, written.replace("9", "230")))
    assert sorted((p.code, p.file, p.field) for p in problems) == [
        ("invalid-number", _AVTAL, "arligt_varde_kr"), ("invalid-number", _CSV, "antal")]
    for p in problems:
        assert p.message.endswith("ska vara ett heltal.")
        assert "utan mellanslag, punkter eller andra avgränsare" in p.hint


def test_digits_alone_are_the_number_written(tmp_path: Path) -> None:
    catalog = validate(load_dataset(_data(tmp_path, " 09000 ", "230000")), reference_day())
    assert catalog.avtal["lov-fjallvarden"].arligt_varde_kr == 230_000
    assert [v.antal for v in catalog.varden if v.period == "2024" and v.utforare == "halsocentralen-centrum"] == [9000]
