"""The catalogue of bad inputs: every validation rule has a fixture that must trip it.

Each case in tests/fixtures/invalid/cases.yaml patches a copy of the minimal valid dataset
and names the problem a staff member must see: its code, file and line. The cases run
through the real loader and validator, exactly as `insyn validate` does.
"""

from __future__ import annotations

import gc
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import pipeline
from generator.load import load_dataset
from generator.problems import DataError, Problem
from generator.settings import reference_day
from generator.validate import validate

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal"
CASES: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "invalid" / "cases.yaml").read_text("utf-8"))
# A file read to the loader's limit of values by the pure parser (about 6 s): its problem is
# checked here. The tests that run every case again for another reason (a memo, the words of
# every message) leave it out, where it would only repeat the same read.
READ_TO_THE_LIMIT = {"yaml-too-many-values"}
_REPEAT = re.compile(r"<<REPEAT (.+?) (\d+)>>", re.DOTALL)


def _expand(text: str) -> str:
    return _REPEAT.sub(lambda m: m.group(1) * int(m.group(2)), text)


def apply_edit(root: Path, edit: dict[str, Any]) -> None:
    """One edit from the manifest, applied to the dataset copy at `root`."""
    path = root / edit["file"]
    if edit.get("delete"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()
        return
    if edit.get("mkdir"):
        path.mkdir(parents=True)
        return
    if "symlink" in edit:
        path.symlink_to(edit["symlink"])
        return
    text = path.read_text("utf-8") if path.exists() else ""
    if "write" in edit:
        text = _expand(edit["write"])
    if "find" in edit:
        assert edit["find"] in text, f"{edit['find']!r} finns inte i {edit['file']}: fallet har blivit inaktuellt"
        text = text.replace(edit["find"], _expand(edit["replace"]), 1)
    if "append" in edit:
        text += _expand(edit["append"])
    raw = text.encode(edit.get("encoding", "utf-8"))
    if edit.get("bom"):
        raw = b"\xef\xbb\xbf" + raw
    if "append_hex" in edit:
        raw += bytes.fromhex(edit["append_hex"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)


def make_case(root: Path, case: dict[str, Any]) -> Path:
    shutil.copytree(MINIMAL, root)
    for edit in case["edits"]:
        apply_edit(root, edit)
    return root


def problems_of(root: Path) -> list[Problem]:
    """Every problem `insyn validate` reports for the folder (empty when valid)."""
    try:
        validate(load_dataset(root), reference_day())
    except DataError as error:
        return error.problems
    return []


def _describe(problems: list[Problem]) -> str:
    return "\n".join(f"  {p.code} {p.file}:{p.line} {p.field} {p.message}" for p in problems)


def test_catalogue_is_large_and_ids_are_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    assert len([c for c in CASES if not c.get("valid")]) >= 40


@pytest.mark.parametrize("case", [c for c in CASES if not c.get("valid")], ids=lambda c: c["id"])
def test_invalid_case_reports_expected_problem(case: dict[str, Any], tmp_path: Path) -> None:
    problems = problems_of(make_case(tmp_path / "data", case))
    expect = case["expect"]
    found = {(p.code, p.file, p.line) for p in problems}
    assert (expect["code"], expect["file"], expect["line"]) in found, _describe(problems)
    allowed = {expect["code"], *case.get("also", [])}
    assert {p.code for p in problems} <= allowed, _describe(problems)
    for p in problems:
        assert p.message and p.hint, f"{p.code} saknar meddelande eller tips"


@pytest.mark.parametrize("case", [c for c in CASES if c.get("valid")], ids=lambda c: c["id"])
def test_valid_case_passes_and_keeps_values_literal(case: dict[str, Any], tmp_path: Path) -> None:
    root = make_case(tmp_path / "data", case)
    assert problems_of(root) == []
    raw = load_dataset(root)
    documents = {d.file: d for docs in raw.entities.values() for d in docs}
    for literal in case.get("literal", []):
        value: Any = documents[literal["file"]].data
        for part in literal["path"]:
            value = value[part]
        assert value == literal["value"]


def test_the_garbage_collector_runs_again_after_the_data_is_checked(tmp_path: Path) -> None:
    """Reading and checking pause the cyclic collector (site.heap.no_collection). A preview that
    checks the data after every edit must get it back, also when the data is wrong."""
    good = make_case(tmp_path / "bra", {"edits": []})
    bad = make_case(tmp_path / "fel", {"edits": [{"file": "region.yaml", "find": "namn:", "replace": "namn: ["}]})
    assert gc.isenabled()
    pipeline.check(good, reference_day())
    assert gc.isenabled()
    with pytest.raises(DataError):
        pipeline.check(bad, reference_day())
    assert gc.isenabled()
    gc.disable()
    try:
        pipeline.check(good, reference_day())
        assert not gc.isenabled(), "a collector paused by the caller stays paused"
    finally:
        gc.enable()
