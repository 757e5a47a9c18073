"""The memo of slow outputs (reports, workbooks, their sheets): what one build made, the next
one finds by the same inputs, whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.memo import Memo


def test_inputs_given_once_as_a_generator_are_found_by_the_next_build(tmp_path: Path) -> None:
    made: list[str] = []
    first = Memo(None, tmp_path / "1").bytes("pdf", (part for part in ["rapport", "2026"]), lambda: made.append("1") or b"%PDF")
    again = Memo(tmp_path / "1", tmp_path / "2").bytes("pdf", ["rapport", "2026"], lambda: made.append("2") or b"annat")
    assert (first, again, made) == (b"%PDF", b"%PDF", ["1"])


def test_without_hard_links_an_entry_is_copied_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system without hard links (or a memo on another disk): the entry is copied into
    this build's memo through a temporary file, and nothing half-written is left there."""
    Memo(None, tmp_path / "1").keep("xlsx-blad", ["blad"], lambda out: out.write(b"<sheet/>" * 1000))

    def no_links(source: object, target: object) -> None:
        raise OSError("inga hårda länkar här")
    monkeypatch.setattr(os, "link", no_links)
    found = Memo(tmp_path / "1", tmp_path / "2").find("xlsx-blad", ["blad"])
    assert found is not None and found.parent == tmp_path / "2"
    assert found.read_bytes() == b"<sheet/>" * 1000
    assert [p.name for p in (tmp_path / "2").iterdir()] == [found.name]


def test_an_output_whose_writing_fails_is_not_kept(tmp_path: Path) -> None:
    def fails(out: object) -> None:
        raise ValueError("avbrutet")
    with pytest.raises(ValueError):
        Memo(None, tmp_path / "1").keep("pdf", ["rapport"], fails)
    assert Memo(tmp_path / "1", tmp_path / "2").find("pdf", ["rapport"]) is None
    assert not list((tmp_path / "1").iterdir())
