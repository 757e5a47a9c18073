"""No bytes a staff member (or an attacker) can put in a data file crash Insyn, and no file
system object (a link, a FIFO, a device, a huge file, a hostile name) can hang it, exhaust it
or forge its report.

Whatever is in a YAML or CSV file, the loader returns a result or located problems, and
the whole validation either yields a catalog or raises DataError: never another
exception, which would reach the user as "Internt fel".
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tracemalloc
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
from generator.load.files import read_bounded, relative, shown
from generator.load.text import escape
from generator.load.yamlfile import read_yaml
from generator.problems import DataError, Problem
from generator.settings import reference_day
from generator.validate import validate
from tests.support.build import MINIMAL, ROOT

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


# --- the file system: links, special files, huge files and hostile names --------------------
def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(MINIMAL, root)
    return root


def _validate_cli(root: Path) -> tuple[int, str]:
    """`insyn validate` as staff run it: exit code and all it printed. A hang is a failure
    (the timeout), not a stuck suite."""
    result = subprocess.run([sys.executable, "-m", "generator.cli", "validate", str(root)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    return result.returncode, result.stdout + result.stderr


def test_a_symlinked_folder_is_reported_not_skipped(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    year = root / "uppfoljningar" / "2025"
    moved = tmp_path / "elsewhere"
    year.rename(moved)
    year.symlink_to(moved, target_is_directory=True)
    code, said = _validate_cli(root)
    assert code == 1, said
    assert "Datan är giltig." not in said
    assert "uppfoljningar/2025" in said and "Mappen är en symbolisk länk" in said
    problems = load_dataset(root).problems
    assert [(p.code, p.file) for p in problems] == [("file-symlink", "uppfoljningar/2025")]


def test_a_symlinked_contract_folder_is_reported_too(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "avtal").rename(tmp_path / "avtal")
    (root / "avtal").symlink_to(tmp_path / "avtal", target_is_directory=True)
    problems = load_dataset(root).problems
    assert ("file-symlink", "avtal") in [(p.code, p.file) for p in problems]


def test_a_symlinked_file_is_reported_and_not_read(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    secret = tmp_path / "hemlig.yaml"
    secret.write_text("namn: Hemlig\n", encoding="utf-8")
    (root / "utforare" / "hemlig.yaml").symlink_to(secret)
    raw = load_dataset(root)
    assert [(p.code, p.file) for p in raw.problems] == [("file-symlink", "utforare/hemlig.yaml")]
    assert "hemlig" not in {d.stem for d in raw.entities["utforare"]}


def test_a_fifo_named_yaml_does_not_hang_validate(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    os.mkfifo(root / "utforare" / "kö.yaml")
    os.mkfifo(root / "region.yaml.tmp")  # not in the contract, and never opened
    (root / "region.yaml").rename(root / "region.orig")
    os.mkfifo(root / "region.yaml")
    code, said = _validate_cli(root)  # a blocking open() would run into the timeout
    assert code == 1
    assert "utforare/kö.yaml" in said and "region.yaml" in said
    assert said.count("den är en namngiven pipe, FIFO, inte en vanlig fil") == 2, said


def test_a_device_file_is_refused_without_reading_it() -> None:
    problems: list[Problem] = []
    assert read_bounded(Path("/dev/zero"), Path("/"), problems) is None  # endless if read
    assert [(p.code, p.file) for p in problems] == [("file-unreadable", "dev/zero")]
    assert "enhetsfil" in problems[0].message


def test_a_device_file_in_the_data_folder_is_reported(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    try:
        os.mknod(root / "avtal" / "noll.yaml", 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # as /dev/zero
    except PermissionError:
        pytest.fail("mknod needs root or CAP_MKNOD; the suite runs as root")
    problems = load_dataset(root).problems
    assert [(p.code, p.file) for p in problems] == [("file-unreadable", "avtal/noll.yaml")]


def test_a_3_gib_file_is_refused_by_its_size_not_read_into_memory(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    for name in ("utforare/fjallvarden.yaml", "nyckeltalsvarden/halsoval.csv"):
        with open(root / name, "r+b") as handle:
            handle.truncate(3 * 1024**3)  # sparse: no disk used
    tracemalloc.start()
    try:
        problems = load_dataset(root).problems
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sorted((p.code, p.file) for p in problems) == [
        ("file-too-large", "nyckeltalsvarden/halsoval.csv"), ("file-too-large", "utforare/fjallvarden.yaml")]
    assert "3145728 KiB" in problems[0].message
    assert peak < 20 * 1024**2, f"{peak // 1024**2} MiB allocated to refuse two files"


def test_reading_is_bounded_even_when_the_size_lies(tmp_path: Path) -> None:
    """A file that grows between the size check and the read is cut at the limit."""
    grown = tmp_path / "x.yaml"
    grown.write_bytes(b"a" * 100)
    problems: list[Problem] = []
    assert read_bounded(grown, tmp_path, problems, limit=100) == b"a" * 100
    grown.write_bytes(b"a" * 101)
    assert read_bounded(grown, tmp_path, problems, limit=100) is None
    assert [p.code for p in problems] == ["file-too-large"]


@pytest.mark.parametrize(("written", "read"), [(60, b"a" * 60), (100, b"a" * 100), (101, None), (5000, None)])
def test_a_file_that_grows_after_its_size_is_taken_is_read_whole_or_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: int, read: bytes | None) -> None:
    """The size is taken (fstat) before the read; a file written to meanwhile says 10 bytes and
    holds more: all of it is read up to the limit, and past the limit it is refused, never cut."""
    grown = tmp_path / "x.yaml"
    grown.write_bytes(b"a" * written)
    real_fstat = os.fstat

    def older_size(fd: int) -> Any:
        taken = real_fstat(fd)
        return os.stat_result((taken.st_mode, *taken[1:6], 10, *taken[7:]))

    monkeypatch.setattr("generator.load.files.os.fstat", older_size)  # os.fstat itself, for this test only
    problems: list[Problem] = []
    assert read_bounded(grown, tmp_path, problems, limit=100) == read
    assert [p.code for p in problems] == ([] if read is not None else ["file-too-large"])


def test_a_newline_in_a_file_name_cannot_forge_a_report_line(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    forged = "x\nDatan är giltig.\n\u202e"
    (root / "utforare" / f"{forged}.yaml").write_text("namn: x\n", encoding="utf-8")
    (root / "nyckeltalsvarden" / f"{forged}.txt").write_text("x\n", encoding="utf-8")
    (root / f"{forged}.yaml").write_text("namn: x\n", encoding="utf-8")
    (root / "avtal" / "lov-fjallvarden.yaml").open("a", encoding="utf-8").write('"ny\\nDatan är giltig.": x\n')
    code, said = _validate_cli(root)
    assert code == 1
    assert not any(line.strip().startswith("Datan är giltig") for line in said.splitlines()), said
    assert "\u202e" not in said
    assert said.count("x\\u000aDatan är giltig.\\u000a\\u202e") >= 3, said
    assert "ny\\u000aDatan är giltig." in said


_PART = st.text(alphabet=st.characters(exclude_characters="/\x00"), min_size=1, max_size=8).filter(lambda p: p not in (".", ".."))


@settings(max_examples=300, deadline=None)
@given(root=st.lists(_PART, max_size=3), rel=st.lists(_PART, min_size=1, max_size=3), absolute=st.booleans())
def test_a_file_is_shown_by_its_path_in_the_data_folder_whatever_its_name(root: list[str], rel: list[str],
                                                                         absolute: bool) -> None:
    """Reports name a file by its path in the data folder (cut from the path's text, for speed):
    the same as pathlib's, for any name, a relative or absolute folder, or the root folder."""
    folder = Path("/" if absolute else ".", *root)
    path = folder.joinpath(*rel)
    assert relative(path, folder) == path.relative_to(folder).as_posix() == "/".join(rel)
    assert shown(path, folder) == escape("/".join(rel))
