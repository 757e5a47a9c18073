"""The memo of slow outputs (reports, workbooks, their sheets): what one build made, the next
one finds by the same inputs, whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.memo import Memo, values_key


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


def test_equal_rows_give_one_key_whichever_objects_hold_them_and_any_change_another() -> None:
    """The open-data writers find a table's file by its rows (memo.values_key): rows read
    again by the next build are other objects, and one value shared by two cells here is two
    equal values there. Every difference a file would show gives another key."""
    import datetime as dt

    name = "Hälsocentralen " + "Centrum"
    shared = [{"namn": name, "ort": name, "datum": dt.date(2026, 3, 1), "varde": 12.5, "antal": 3, "text": None}]
    apart = [{"namn": "Hälsocentralen Centrum", "ort": "".join(["Hälsocentralen ", "Centrum"]),
              "datum": dt.date(2026, 3, 1), "varde": 12.5, "antal": 3, "text": None}]
    assert values_key(shared) == values_key(apart)
    for key, other in (("datum", dt.date(2026, 3, 2)), ("varde", 12.50001), ("antal", 3.0), ("antal", True),
                       ("antal", "3"), ("text", ""), ("ort", "Hälsocentralen centrum")):
        assert values_key([{**apart[0], key: other}]) != values_key(apart), (key, other)
    assert values_key([*apart, *apart]) != values_key(apart)
