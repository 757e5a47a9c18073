"""The benchmark's datasets (bench/dataset.py) are contract-valid at any size: the real
validator accepts them and every extra entity is really there. The benchmark itself is not
a test; this runs its dataset generator at a tiny size."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bench import dataset
from generator import pipeline
from tests.support.build import EXAMPLE, MINIMAL


def test_copies_and_extras_validate_and_reach_the_asked_counts(tmp_path: Path) -> None:
    base = dataset.count(MINIMAL)
    size = dataset.Size("liten", copies=3, avtal=3 * base.avtal + 2, uppfoljningar=3 * base.uppfoljningar + 3,
                        nyckeltalsvarden=3 * base.nyckeltalsvarden + 20)
    made = dataset.make(MINIMAL, tmp_path / "data", size)
    assert made == dataset.Counts(utforare=3 * base.utforare, avtal=size.avtal, uppfoljningar=size.uppfoljningar,
                                  nyckeltalsvarden=size.nyckeltalsvarden)
    catalog = pipeline.check(tmp_path / "data", dt.date(2026, 11, 23))
    assert len(catalog.utforare) == made.utforare
    assert len(catalog.avtal) == made.avtal
    assert len(catalog.varden) == made.nyckeltalsvarden
    names = [u.namn for u in catalog.utforare.values()]
    assert len(set(names)) == len(names), "each copy of a unit has a name of its own"


def test_the_example_size_is_the_example_itself(tmp_path: Path) -> None:
    assert dataset.make(EXAMPLE, tmp_path / "data", dataset.SIZES["exempel"]) == dataset.count(EXAMPLE)


def test_the_national_size_asks_for_the_issue_s_figures() -> None:
    national = dataset.SIZES["nationell"]
    assert national.copies * dataset.count(EXAMPLE).utforare >= 1500
    assert (national.avtal, national.uppfoljningar, national.nyckeltalsvarden) == (2000, 8000, 150_000)


def test_the_guideline_size_keeps_only_the_base_s_strategic_contracts(tmp_path: Path) -> None:
    base = pipeline.check(EXAMPLE, dt.date(2026, 11, 23))
    own = {avtal_id for avtal_id, a in base.avtal.items() if a.strategiskt}
    assert own, "the example must class some contracts as strategic for this test to mean anything"
    size = dataset.Size("riktlinje", copies=2, avtal=2 * len(base.avtal) + 5, riktlinjens_strategiska=True)
    dataset.make(EXAMPLE, tmp_path / "data", size)
    catalog = pipeline.check(tmp_path / "data", dt.date(2026, 11, 23))
    assert {avtal_id for avtal_id, a in catalog.avtal.items() if a.strategiskt} == own
    assert len(catalog.avtal) == size.avtal

    copied = dataset.make(EXAMPLE, tmp_path / "som-exemplet", dataset.Size("kopior", copies=2))
    assert copied.avtal == 2 * len(base.avtal)
    again = pipeline.check(tmp_path / "som-exemplet", dt.date(2026, 11, 23))
    assert sum(a.strategiskt for a in again.avtal.values()) == 2 * len(own), "by default the copies keep theirs"
