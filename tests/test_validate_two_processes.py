"""A large dataset is read and checked over two processes (the follow-up folder read beside
the rest, the text scan beside the parsing): what `insyn validate` and the build report, and
the catalogue they build, are exactly what one process gives, for every broken case."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.load import dataset
from generator.problems.report import format_problems
from generator.settings import reference_day
from generator.validate import MIN_DOCUMENTS_BESIDE
from tests.support.build import EXAMPLE
from tests.test_validate_catalogue import CASES, make_case, problems_of

_SCAN_CODES = {"control-character", "xml-character", "bidi-character", "invisible-character", "personnummer",
               "formula-start"}
# The cases the second processes touch: a follow-up file (read beside), or a fault the text scan finds.
_BESIDE_CASES = [case for case in CASES
                 if any(edit["file"].startswith(dataset.BESIDE) for edit in case["edits"])
                 or (case.get("expect") or {}).get("code") in _SCAN_CODES]


def _two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dataset, "MIN_FILES_BESIDE", 0)
    monkeypatch.setattr("generator.validate.MIN_DOCUMENTS_BESIDE", 0)


def _one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dataset, "MIN_FILES_BESIDE", 10**9)
    monkeypatch.setattr("generator.validate.MIN_DOCUMENTS_BESIDE", 10**9)


def test_the_bounds_leave_the_example_in_one_process() -> None:
    """The second processes start only where they pay: not for the example's 200 follow-ups."""
    assert not dataset._holds_many(EXAMPLE / dataset.BESIDE, dataset.MIN_FILES_BESIDE)
    assert dataset._holds_many(EXAMPLE / dataset.BESIDE, 100)  # the example's 200 follow-ups, in year folders
    raw = dataset.load_dataset(EXAMPLE)
    documents = sum(len(docs) for docs in raw.entities.values()) + len(raw.values)
    assert 1_000 < documents < MIN_DOCUMENTS_BESIDE  # the documents (a CSV row is one), not the files


def test_every_broken_case_is_reported_as_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(_BESIDE_CASES) > 40  # the catalogue's follow-up and text cases, not an empty selection
    differ = []
    for case in _BESIDE_CASES:
        root = make_case(tmp_path / case["id"], case)
        _one_process(monkeypatch)
        alone = problems_of(root)
        _two_processes(monkeypatch)
        beside = problems_of(root)
        if format_problems(beside, "data") != format_problems(alone, "data") or beside != alone:
            differ.append(case["id"])
    assert not differ, f"reported differently over two processes: {differ}"


def test_the_example_builds_the_same_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    _one_process(monkeypatch)
    alone = pipeline.check(EXAMPLE, reference_day())
    _two_processes(monkeypatch)
    assert pipeline.check(EXAMPLE, reference_day()) == alone


def test_a_fault_in_the_folder_read_beside_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A follow-up that is not YAML, read in the second process, is named with its file and line."""
    root = make_case(tmp_path / "data", {"edits": []})
    follow_up = sorted((root / dataset.BESIDE).rglob("*.yaml"))[0]
    follow_up.write_text("id: [oavslutad\n", encoding="utf-8")
    _two_processes(monkeypatch)
    problems = problems_of(root)
    assert any(p.file == follow_up.relative_to(root).as_posix() for p in problems), problems
