"""The engine's input folder (site.stage): a folder kept from the last build, brought up to
date, holds exactly what a new one holds, and no file of it is ever written into."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.problems import BuildError
from generator.site import stage
from generator.site.packed import Packed, pack
from tests.support.files import snapshot


def _content(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_a_kept_folder_brought_up_to_date_is_a_new_folder(tmp_path: Path) -> None:
    old_content = _content(tmp_path / "forra", {"index.md": "# Start\n", "om/gammal.md": "# Gammal\n",
                                                 "om/bilder/karta.png": "png"})
    content = _content(tmp_path / "content", {"index.md": "# Start igen\n", "om/ny.md": "# Ny\n"})
    kept = tmp_path / "kept"
    stage.stage(old_content, {"utforare/a.md": b"A\n", "utforare/b.md": b"B\n", "avtal/x.md": b"X\n"}, kept)
    (kept / "oppna-data").mkdir()
    (kept / "oppna-data" / "utforare.csv").write_text("id\n", encoding="utf-8")  # open data, added after staging
    rendered = {"utforare/a.md": b"A\n", "utforare/b.md": "B ändrad\n".encode(), "uppfoljningar/y.md": b"Y\n"}
    stage.stage(content, rendered, kept)
    new = tmp_path / "new"
    stage.stage(content, rendered, new)
    assert snapshot(kept) == snapshot(new)
    assert not (kept / "om" / "bilder").exists() and not (kept / "avtal").exists()


def test_pages_packed_until_staged_are_staged_as_their_text(tmp_path: Path) -> None:
    """A first build at scale keeps its page texts packed until they are staged (pipeline._apart)."""
    content = _content(tmp_path / "content", {"index.md": "# Start\n"})
    texts = {"utforare/a.md": "Hälsocentralen – Åre\n", "avtal/x.md": "X " * 5000 + "\n"}
    plain, packed = tmp_path / "plain", tmp_path / "packed"
    stage.stage(content, {rel: text.encode("utf-8") for rel, text in texts.items()}, plain)
    stage.stage(content, Packed({rel: pack(text) for rel, text in texts.items()}), packed)
    assert snapshot(packed) == snapshot(plain)
    assert (packed / "utforare" / "a.md").read_text(encoding="utf-8") == texts["utforare/a.md"]


def test_a_file_linked_elsewhere_is_replaced_not_written_into(tmp_path: Path) -> None:
    content = _content(tmp_path / "content", {"index.md": "# Start\n"})
    kept = tmp_path / "kept"
    stage.stage(content, {"utforare/a.md": b"A\n"}, kept)
    published = tmp_path / "published.md"  # e.g. an open-data file, linked into the published site
    published.write_text("A publicerad\n", encoding="utf-8")
    (kept / "utforare" / "a.md").unlink()
    os.link(published, kept / "utforare" / "a.md")
    stage.stage(content, {"utforare/a.md": b"A ny\n"}, kept)
    assert (kept / "utforare" / "a.md").read_text(encoding="utf-8") == "A ny\n"
    assert published.read_text(encoding="utf-8") == "A publicerad\n"


@pytest.mark.parametrize("hand_written", ["utforare/a.md", "utforare/a.md/bild.png"])
def test_a_hand_written_page_or_folder_with_a_generated_pages_name_stops_the_build(tmp_path: Path,
                                                                                  hand_written: str) -> None:
    content = _content(tmp_path / "content", {"index.md": "# Start\n", hand_written: "handskriven"})
    kept = tmp_path / "kept"
    stage.stage(tmp_path / "saknas", {"utforare/b.md": b"B\n"}, kept)  # the last build: no content/ at all
    before = snapshot(kept)
    with pytest.raises(BuildError) as failure:
        stage.stage(content, {"utforare/a.md": b"A\n"}, kept)
    assert failure.value.code == "page-name-clash" and "content/utforare/a.md" in failure.value.message
    assert snapshot(kept) == before, "a clash is found before anything is written"


def test_open_data_goes_into_the_input_folder_and_the_site_and_never_over_a_hand_written_file(tmp_path: Path) -> None:
    files = _content(tmp_path / "filer", {"oppna-data/insyn.csv": "a\n", "oppna-data/utforare/x.csv": "b\n",
                                          "rapporter/rs-2025.pdf": "pdf"})
    docs, built = _content(tmp_path / "docs", {"index.md": "# Start\n"}), tmp_path / "site"
    stage.add_files(files, docs, built)
    for rel in ("oppna-data/insyn.csv", "oppna-data/utforare/x.csv", "rapporter/rs-2025.pdf"):
        assert (built / rel).samefile(docs / rel), f"{rel} is not both in the input folder and in the site"
    assert snapshot(built) == {rel: digest for rel, digest in snapshot(docs).items() if rel != "index.md"}
    assert not any(path.is_file() for path in files.rglob("*")), "the written files were copied, not moved"

    _content(files, {"oppna-data/insyn.csv": "ny\n"})
    hand_written = docs / "oppna-data" / "insyn.csv"
    hand_written.unlink()
    hand_written.write_text("staffs egen\n", encoding="utf-8")
    with pytest.raises(BuildError) as stopped:
        stage.add_files(files, docs, tmp_path / "site-2")
    assert stopped.value.code == "page-name-clash" and hand_written.read_text(encoding="utf-8") == "staffs egen\n"
