"""Property: no bytes a staff member (or an attacker) can put in a data file crash Insyn.

Whatever is in a YAML or CSV file, the loader returns a result or located problems, and
the whole validation either yields a catalog or raises DataError: never another
exception, which would reach the user as "Internt fel".
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import load_dataset
from generator.load.csvfile import read_csv
from generator.load.dataset import VALUE_HEADER
from generator.load.yamlfile import read_yaml
from generator.problems import DataError, Problem
from generator.settings import reference_day
from generator.validate import validate
from tests.support.build import MINIMAL

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text built from the characters YAML and CSV give meaning to reaches deeper than random bytes.
_YAML_TEXT = st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#?,%@`~\n\t \\abcå019.=+\u200b\u202e\x00\x85\ufeff")), max_size=200)
_CSV_TEXT = st.text(alphabet=st.sampled_from(list(",;\t\"\n\r abc019.,=+-å\x00")), max_size=200)
YAML_BYTES = st.one_of(st.binary(max_size=400), _YAML_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
CSV_BYTES = st.one_of(
    st.binary(max_size=400),
    _CSV_TEXT.map(lambda t: t.encode()),
    _CSV_TEXT.map(lambda t: (",".join(VALUE_HEADER) + "\n" + t).encode()),
)
# Any value a YAML file can hold: text, lists and mappings, nested.
_VALUES = st.recursive(
    st.one_of(st.none(), st.text(max_size=30), st.sampled_from(["true", "NO", "2024-02-30", "12:30", "01234", "1e3", "nan", "121212-1212"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8,
)


def _well_formed(problems: list[Problem]) -> None:
    for p in problems:
        assert p.code and p.message and p.hint and p.file
        assert p.line is None or p.line >= 1


@FAST
@given(raw=YAML_BYTES)
def test_any_bytes_as_yaml_give_a_result_or_problems(raw: bytes) -> None:
    doc, problems = read_yaml(raw, "utforare/x.yaml")
    assert doc is not None or problems
    _well_formed(problems)


@FAST
@given(raw=CSV_BYTES)
def test_any_bytes_as_csv_give_rows_or_problems(raw: bytes) -> None:
    rows, problems = read_csv(raw, "nyckeltalsvarden/x.csv", VALUE_HEADER)
    _well_formed(problems)
    for row in rows:
        assert set(row.data) == set(VALUE_HEADER)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One copy of the minimal dataset; each example replaces a file and puts it back."""
    root = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(MINIMAL, root)
    yield root


def _validate_with(root: Path, file: str, raw: bytes) -> None:
    path = root / file
    original = path.read_bytes()
    path.write_bytes(raw)
    try:
        validate(load_dataset(root), reference_day())
    except DataError as error:
        assert error.problems
        _well_formed(error.problems)
    finally:
        path.write_bytes(original)


_FILES = st.sampled_from(["region.yaml", "nyckeltal.yaml", "utforare/fjallvarden.yaml", "avtal/lov-fjallvarden.yaml",
                          "uppfoljningar/2025/vb-fjallvarden-2025.yaml", "uppfoljningsplaner/regionstyrelsen-2026.yaml"])


@FAST
@given(file=_FILES, raw=YAML_BYTES)
def test_any_bytes_in_a_yaml_file_give_catalog_or_data_error(scratch: Path, file: str, raw: bytes) -> None:
    _validate_with(scratch, file, raw)


@FAST
@given(raw=CSV_BYTES)
def test_any_bytes_in_a_csv_file_give_catalog_or_data_error(scratch: Path, raw: bytes) -> None:
    _validate_with(scratch, "nyckeltalsvarden/halsoval.csv", raw)


@FAST
@given(file=_FILES, data=st.data())
def test_any_value_in_any_field_gives_catalog_or_data_error(scratch: Path, file: str, data: st.DataObject) -> None:
    """Well-formed YAML with one field (at any depth) replaced by an arbitrary value."""
    document: Any = yaml.safe_load((MINIMAL / file).read_text("utf-8"))
    target = document
    while True:
        keys = list(target) if isinstance(target, dict) else list(range(len(target)))
        key = data.draw(st.sampled_from(keys))
        if isinstance(target[key], (dict, list)) and target[key] and data.draw(st.booleans()):
            target = target[key]
            continue
        target[key] = data.draw(_VALUES)
        break
    _validate_with(scratch, file, yaml.safe_dump(document, allow_unicode=True).encode())
