"""The memo of slow outputs (reports, workbooks, their sheets): what one build made, the next
one finds by the same inputs, whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from generator.memo import Kept, Memo, link, put, values_key


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


def test_an_output_made_before_is_put_as_the_memos_file_readable_as_a_new_one(tmp_path: Path) -> None:
    """A rebuild puts the per-provider files it finds in the memo into the site as the memo's
    own files (linked, not read and written again): with the bytes and the mode of a file
    written anew, which the web server has to be able to read."""
    made: list[int] = []
    first = Memo(None, tmp_path / "1").file("csv-utforare", ["rader"], lambda: made.append(1) or b"del,avtal\n")
    again = Memo(tmp_path / "1", tmp_path / "2").file("csv-utforare", ["rader"], lambda: made.append(2) or b"annat")
    assert first == b"del,avtal\n" and isinstance(again, Kept) and made == [1]
    fresh, linked = tmp_path / "ny.csv", tmp_path / "kvar.csv"
    put(first, fresh)
    put(again, linked)
    assert linked.read_bytes() == fresh.read_bytes() and os.path.samefile(linked, again.path)
    assert stat.S_IMODE(linked.stat().st_mode) == stat.S_IMODE(fresh.stat().st_mode)


def test_a_kept_output_is_copied_where_it_cannot_be_linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Memo(None, tmp_path / "1").file("xlsx", ["rader"], lambda: b"PK")
    again = Memo(tmp_path / "1", tmp_path / "2").file("xlsx", ["rader"], lambda: b"annat")

    def no_links(source: object, target: object) -> None:
        raise OSError("inga hårda länkar här")
    monkeypatch.setattr(os, "link", no_links)
    put(again, tmp_path / "kopia.xlsx")
    assert (tmp_path / "kopia.xlsx").read_bytes() == b"PK" and not os.path.samefile(tmp_path / "kopia.xlsx", again.path)


def test_a_copy_made_where_a_link_cannot_be_never_writes_into_the_file_that_was_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What is at the target may itself be a link to a file the memo or the published site
    holds: the copy replaces it, and that file keeps its bytes."""
    published, source, target = tmp_path / "publicerad.csv", tmp_path / "ny.csv", tmp_path / "mal.csv"
    published.write_bytes(b"publicerad\n")
    source.write_bytes(b"ny\n")
    os.link(published, target)

    def no_links(source: object, target: object) -> None:
        raise OSError("inga hårda länkar här")
    monkeypatch.setattr(os, "link", no_links)
    link(source, target)
    assert target.read_bytes() == b"ny\n" and published.read_bytes() == b"publicerad\n"


def test_a_kept_output_found_damaged_is_made_again_and_kept_for_the_next_build(tmp_path: Path) -> None:
    """A kept file whose bytes `whole` rejects (a disk that damaged it) is not given out: the
    output is made again, the next build finds the new one, and the last build's file is
    never written into (the site may share it)."""
    def whole(data: bytes) -> bool:
        return data == b"hel"
    Memo(None, tmp_path / "1").file("sokindex-packat", ["ord"], lambda: b"trasig")
    made = Memo(tmp_path / "1", tmp_path / "2").file("sokindex-packat", ["ord"], lambda: b"hel", whole)
    again = Memo(tmp_path / "2", tmp_path / "3").file("sokindex-packat", ["ord"], lambda: b"annat", whole)
    assert made == b"hel" and isinstance(again, Kept) and again.content() == b"hel"
    assert [p.read_bytes() for p in (tmp_path / "1").iterdir()] == [b"trasig"]


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


def test_an_entry_is_this_builds_own_or_the_last_builds_and_a_folder_is_none(tmp_path: Path) -> None:
    """What this build made itself is found as its own, where the last build kept none or another
    file by that name; the last build's entry is linked into this build's memo (its folder made
    when needed) and found there; a folder where an entry would be is no entry."""
    last = Memo(None, tmp_path / "1")
    last.keep("pdf", ["a"], lambda out: out.write(b"last"))
    last.keep("pdf", ["b"], lambda out: out.write(b"last b"))
    (tmp_path / "1" / Memo._name("pdf", ["mapp"])).mkdir()
    this = Memo(tmp_path / "1", tmp_path / "2")
    found_b = this.find("pdf", ["b"])  # the folder "2" is not there yet
    assert found_b == tmp_path / "2" / found_b.name and found_b.read_bytes() == b"last b"
    assert os.stat(found_b).st_ino == os.stat(tmp_path / "1" / found_b.name).st_ino
    this.keep("pdf", ["a"], lambda out: out.write(b"this"))
    found_a = this.find("pdf", ["a"])
    assert found_a is not None and found_a.parent == tmp_path / "2" and found_a.read_bytes() == b"this"
    this.keep("pdf", ["c"], lambda out: out.write(b"only this"))  # the last build had none
    found_c = this.find("pdf", ["c"])
    assert found_c is not None and found_c.read_bytes() == b"only this"
    assert this.find("pdf", ["mapp"]) is None
    assert this.find("pdf", ["ingen"]) is None
