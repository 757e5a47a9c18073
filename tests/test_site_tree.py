"""The build's folder listing (site.tree) lists what os.walk and os.path.isfile would: files,
links to files, nothing in a linked folder, nothing for a broken link."""

from __future__ import annotations

import os
from pathlib import Path

from generator.site import tree


def _walked(root: Path) -> set[str]:
    """The listing as first written, with os.walk."""
    found: set[str] = set()
    for folder, _, names in os.walk(root):
        rel = os.path.relpath(folder, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        found.update(prefix + name for name in names if os.path.isfile(os.path.join(folder, name)))
    return found


def test_the_listing_is_what_a_walk_finds(tmp_path: Path) -> None:
    outside = tmp_path / "utanfor"
    (outside / "mapp").mkdir(parents=True)
    (outside / "fil.txt").write_text("x", encoding="utf-8")
    (outside / "mapp" / "inne.txt").write_text("x", encoding="utf-8")
    root = tmp_path / "site"
    for rel in ("index.html", "utforare/a/index.html", "utforare/b/index.html", "assets/js/insyn.js", ".dold"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x", encoding="utf-8")
    (root / "tom" / "tomare").mkdir(parents=True)
    os.symlink(outside / "fil.txt", root / "lank.txt")
    os.symlink(outside / "mapp", root / "lankad-mapp")
    os.symlink(outside / "finns-inte", root / "trasig-lank")
    listed = tree.files(root)
    assert listed == _walked(root)
    assert {"index.html", "utforare/a/index.html", "assets/js/insyn.js", ".dold", "lank.txt"} <= listed
    assert not any(rel.startswith("lankad-mapp") or rel.startswith("tom") for rel in listed)
    assert "trasig-lank" not in listed


def test_a_missing_folder_lists_nothing(tmp_path: Path) -> None:
    assert tree.files(tmp_path / "finns-inte") == set()
