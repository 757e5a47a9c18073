"""The scratch folder is removed whole after every build, by two processes when it is large:
nothing is left of it, and nothing outside it is touched, not even through a link."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site import publish


def _tree(root: Path, folders: int, files: int) -> None:
    for f in range(folders):
        folder = root / f"mapp-{f}"
        folder.mkdir(parents=True)
        for n in range(files):
            (folder / f"sida-{n}.html").write_text("x", encoding="utf-8")


@pytest.mark.parametrize("beside_from", [0, 10**9], ids=["two-processes", "one-process"])
def test_everything_in_the_folder_goes_and_nothing_outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           beside_from: int) -> None:
    monkeypatch.setattr(publish, "MIN_FILES_BESIDE", beside_from)
    outside = tmp_path / "utanfor"
    _tree(outside, 2, 3)
    scratch = tmp_path / ".site.bygge-test"
    _tree(scratch / "site", 5, 20)
    _tree(scratch / "docs", 4, 10)
    (scratch / "mkdocs-site.yml").write_text("site_name: x\n", encoding="utf-8")
    (scratch / "site" / "lank-till-mapp").symlink_to(outside, target_is_directory=True)
    (scratch / "lank-till-fil").symlink_to(outside / "mapp-0" / "sida-0.html")
    (scratch / "lank-till-mapp").symlink_to(outside, target_is_directory=True)
    calls: list[list[Path]] = []
    real = publish._remove_all
    monkeypatch.setattr(publish, "_remove_all", lambda entries: (calls.append(entries), real(entries))[1])

    shared_out = publish._entries(scratch)
    publish.remove(scratch)

    assert not scratch.exists() and not scratch.is_symlink()
    assert sorted(p.relative_to(outside).as_posix() for p in outside.rglob("*") if p.is_file()) == [
        f"mapp-{f}/sida-{n}.html" for f in range(2) for n in range(3)]
    if beside_from == 0:  # the build's own half; the other half's call happened in the second process
        assert len(calls) == 1 and 0 < len(calls[0]) < len(shared_out)
        assert all(scratch in entry.parents for entry in calls[0])


def test_the_two_large_folders_go_to_different_processes(tmp_path: Path) -> None:
    """The previous site and the engine's input hold most of the files: one half each."""
    _tree(tmp_path / "site", 30, 40)
    _tree(tmp_path / "docs", 30, 35)
    _tree(tmp_path / "sokindex-sidor", 2, 5)
    (tmp_path / "mkdocs-site.yml").write_text("site_name: x\n", encoding="utf-8")
    sized = [(publish._estimate(entry), entry) for entry in sorted(tmp_path.iterdir())]
    sizes = {entry.name: size for size, entry in sized}
    assert sizes["site"] == 1 + 30 + 30 * 40 and sizes["mkdocs-site.yml"] == 1
    assert publish._estimate(tmp_path / "site" / "mapp-0") == 1 + 40  # pages right inside count too
    mine, theirs = publish.halves(sized)
    assert {p.name for p in mine} | {p.name for p in theirs} == {"site", "docs", "sokindex-sidor", "mkdocs-site.yml"}
    assert ("site" in {p.name for p in mine}) != ("docs" in {p.name for p in mine})
