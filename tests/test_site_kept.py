"""A rebuild starts from the site the last build replaced (site.kept): its unchanged pages are
the published files already, so they are not linked in again; nothing else in that folder
reaches the new site, and the engine never writes into a published file through it."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from generator import pipeline
from generator.problems import BuildError
from generator.site import incremental, kept, stage
from tests.support.build import CONTENT, handwritten_pages
from tests.support.files import snapshot
from tests.test_build_incremental import (
    UNTOUCHED,
    FailsOnceWritten,
    _build,
    _correct_a_summary,
    _edit,
    _new_follow_up,
    _published,
)

UNTOUCHED_HTML = incremental.html_path(UNTOUCHED)


def _rename_a_provider(data: Path) -> None:
    _edit(data / "utforare/fjallvarden.yaml", "namn: Fjällvårdens Hälsocentral", "namn: Fjällvården Nya Hälsocentral")


def _linked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every page the builds link in from the published site (in this process)."""
    asked: list[str] = []
    real = incremental.reuse_into
    monkeypatch.setattr(incremental, "LINKED_BESIDE", 10**9)

    def reuse_into(built: Path, out: Path, pages: Iterable[str], copies: bool = True) -> None:
        pages = list(pages)
        asked.extend(pages)
        real(built, out, pages, copies)

    monkeypatch.setattr(incremental, "reuse_into", reuse_into)
    return asked


def _beside(monkeypatch: pytest.MonkeyPatch, beside: bool) -> None:
    """The kept site sorted out, and the pages it lacks linked in, by processes of their own
    (national size), or in the build's own process."""
    monkeypatch.setattr(incremental, "LINKED_BESIDE", 1 if beside else 10**9)
    monkeypatch.setattr(pipeline, "PAGES_APART", 1 if beside else 10**9)


def _full_build_of(data: Path, tmp_path: Path) -> dict[str, str]:
    fresh = tmp_path / "helt" / "site"
    _build(data, CONTENT, fresh)
    return snapshot(fresh)


def test_a_rebuild_links_in_only_the_unchanged_pages_its_kept_site_lacks(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    data, out = _published(tmp_path)
    _correct_a_summary(data)
    _build(data, CONTENT, out)  # the first site is kept now: its pages are the published ones
    assert (incremental.cache_dir(out) / kept.NAME / UNTOUCHED_HTML).samefile(out / UNTOUCHED_HTML)
    linked = _linked(monkeypatch)
    _rename_a_provider(data)
    _build(data, CONTENT, out)
    assert linked, "the rebuild reused no page: the test proves nothing"
    assert UNTOUCHED_HTML not in linked, "an unchanged page the kept site holds was linked in again"
    assert snapshot(out) == _full_build_of(data, tmp_path)


def test_nothing_but_the_published_pages_of_a_kept_site_reaches_the_new_site(tmp_path: Path) -> None:
    """A file of the kept site that is not the published page itself (a copy, a link by name,
    something planted) is never taken for it."""
    data, out = _published(tmp_path)
    _correct_a_summary(data)
    _build(data, CONTENT, out)
    folder = incremental.cache_dir(out) / kept.NAME
    copy = folder / UNTOUCHED_HTML
    copy.unlink()
    copy.write_text("<p>En kopia som inte är den publicerade sidan.</p>", encoding="utf-8")
    by_name = folder / "index.html"
    by_name.unlink()
    by_name.symlink_to(out / "index.html")
    (folder / "planterad.html").write_text("<p>Planterad</p>", encoding="utf-8")
    (folder / "utforare" / "planterad").mkdir()
    (folder / "utforare" / "planterad" / "index.html").write_text("<p>Planterad</p>", encoding="utf-8")

    _rename_a_provider(data)
    _build(data, CONTENT, out)
    published = snapshot(out)
    assert "planterad.html" not in published and "utforare/planterad/index.html" not in published
    assert not (out / "index.html").is_symlink()
    assert published == _full_build_of(data, tmp_path)


# An edit whose pages' files in the kept site are hard links to the published ones, with the
# build the site was kept by: a provider renamed (its page, a folder of its own) and a
# follow-up added (the start page and, after a rebuild, the sitemap, beside pages that are
# reused). A full build keeps its pages only, so its sitemap is not among them.
EDITS = [(kept_by, edit, written, beside) for kept_by, edit, written in [
    ("a rebuild", _rename_a_provider, "utforare/fjallvarden/index.html"), ("a rebuild", _new_follow_up, "sitemap.xml"),
    ("a full build", _rename_a_provider, "utforare/fjallvarden/index.html"), ("a full build", _new_follow_up, "index.html"),
] for beside in (True, False)]


@pytest.mark.parametrize(("kept_by", "edit", "written", "beside"), EDITS)
def test_a_rebuild_from_a_kept_site_that_fails_once_the_engine_wrote_leaves_every_published_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept_by: str, edit: Callable[[Path], None], written: str,
        beside: bool) -> None:
    """The engine must find every file it writes gone from the kept site before it writes
    (sorted out and linked in by processes of their own at scale, `beside`), whether a rebuild
    kept the site it replaced or a full build its own pages."""
    _beside(monkeypatch, beside)
    data, out = _published(tmp_path)
    if kept_by == "a rebuild":
        _correct_a_summary(data)
        _build(data, CONTENT, out)
    assert (incremental.cache_dir(out) / kept.NAME / written).samefile(out / written), "the test proves nothing"
    before = snapshot(out)
    edit(data)
    with pytest.raises(BuildError, match="Provfel"):
        _build(data, CONTENT, out, FailsOnceWritten())
    assert snapshot(out) == before


def test_a_page_gone_from_the_data_leaves_no_empty_folder_from_the_kept_site(tmp_path: Path) -> None:
    """The kept site holds the page of a follow-up that is then removed from the data: its page
    goes, and so does the folder it stood in, as a full build would have none."""
    data, out = _published(tmp_path)
    removed = "uppfoljningar/vb-fjallvarden-2025/index.html"
    assert (incremental.cache_dir(out) / kept.NAME / removed).samefile(out / removed), "the test proves nothing"
    (data / "uppfoljningar" / "2025" / "vb-fjallvarden-2025.yaml").unlink()
    _build(data, CONTENT, out)
    published = snapshot(out)
    assert removed not in published and "uppfoljningar/vb-fjallvarden-2025" not in published
    assert published == _full_build_of(data, tmp_path)


def test_a_full_build_starts_from_an_empty_folder_and_keeps_only_its_own_pages(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A full build renders every page: the site it replaced shares no file with the new one
    and is not kept (it goes with the scratch folder, site.aside). It keeps its own pages
    instead, the published files themselves, and the rebuild after it starts from them."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    data, out = _published(tmp_path)
    _correct_a_summary(data)
    _build(data, content, out)
    folder = incremental.cache_dir(out) / kept.NAME
    (folder / "planterad.html").write_text("<p>Planterad</p>", encoding="utf-8")
    _edit(content / "om" / "programmet.md", "\n", "\n[Ett tillägg](sa-gar-uppfoljningen-till.md)\n")  # a full build
    _build(data, content, out)
    assert "planterad.html" not in snapshot(out)
    kept_files = [path for path in folder.rglob("*") if not path.is_dir()]
    assert kept_files, "a full build kept none of its pages"
    assert all(path.samefile(out / path.relative_to(folder)) for path in kept_files), \
        "a full build kept a file that is not its published page (the site it replaced?)"
    assert {path.relative_to(folder).as_posix() for path in kept_files} == \
        {rel for rel in snapshot(out) if rel.endswith(".html")}, "a full build kept other files than its pages"
    linked = _linked(monkeypatch)
    _rename_a_provider(data)
    _build(data, content, out)
    handwritten = handwritten_pages(content)
    generated = [html for html in linked if html not in handwritten and html not in incremental.SITEMAPS]
    assert UNTOUCHED_HTML in snapshot(out) and generated == [], \
        "the rebuild after a full build linked in generated pages its kept site holds"
    fresh = tmp_path / "helt" / "site"
    _build(data, content, fresh)
    assert snapshot(out) == snapshot(fresh)


def test_a_full_build_links_its_generated_pages_while_it_waits_for_the_writers(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A full build's generated pages are final once their pass is done: they are linked for
    the next rebuild while the build waits for open data and the reports, not at its end
    (national: 11,500 links, 1-3 s of a full build's last seconds before). Only the
    hand-written pages, rendered again once the writers are done, are linked last."""
    events: list[tuple[str, list[str]]] = []
    linked, add_files = kept.linked, stage.add_files

    def linking(scratch: Path, built: Path, pages: Iterable[str]) -> None:
        pages = list(pages)
        events.append(("länkar", pages))
        linked(scratch, built, pages)

    def adding(*args: Path) -> None:
        events.append(("lägger till skrivarnas filer", []))
        add_files(*args)

    monkeypatch.setattr(kept, "linked", linking)
    monkeypatch.setattr(stage, "add_files", adding)
    _, out = _published(tmp_path)
    handwritten = handwritten_pages()
    pages = {rel for rel in snapshot(out) if rel.endswith(".html")}
    assert [what for what, _ in events] == ["länkar", "lägger till skrivarnas filer", "länkar"]
    assert set(events[0][1]) == pages - handwritten and set(events[2][1]) == pages & handwritten
    folder = incremental.cache_dir(out) / kept.NAME
    assert {path.relative_to(folder).as_posix() for path in folder.rglob("*.html")} == pages


def test_a_full_build_where_files_cannot_be_linked_keeps_no_copies_of_its_pages(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a hard link is the published page itself: on a file system without them a full
    build must not copy its 11,500 pages into the cache for nothing (the next rebuild would
    move every copy out again)."""
    def no_links(*_: object, **__: object) -> None:
        raise OSError(errno.EPERM, "hårda länkar går inte här")

    monkeypatch.setattr(os, "link", no_links)
    data, out = _published(tmp_path)
    folder = incremental.cache_dir(out) / kept.NAME
    assert not folder.exists() or not [path for path in folder.rglob("*") if path.is_file()], \
        "a full build kept copies of its pages"
    monkeypatch.undo()
    assert snapshot(out) == _full_build_of(data, tmp_path)


def test_a_kept_site_in_a_cache_that_is_not_insyns_is_left_alone(tmp_path: Path) -> None:
    out, scratch = tmp_path / "site", tmp_path / ".site.bygge-1"
    scratch.mkdir()
    folder = incremental.cache_dir(out) / kept.NAME
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("<p>Någon annans</p>", encoding="utf-8")
    before = snapshot(folder)
    assert kept.sorted_out(out, scratch, scratch / "site") == frozenset()
    assert not (scratch / "site").exists() and snapshot(folder) == before
    replaced = scratch / "gammal"
    replaced.mkdir()
    kept.put(out, replaced)
    assert replaced.is_dir() and snapshot(folder) == before


def test_a_kept_site_that_is_a_link_is_never_followed(tmp_path: Path) -> None:
    out, scratch = tmp_path / "site", tmp_path / ".site.bygge-1"
    scratch.mkdir()
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (outside / "index.html").write_text("<p>Utanför</p>", encoding="utf-8")
    before = snapshot(outside)
    os.symlink(outside, incremental.made_cache(out) / kept.NAME)
    assert kept.sorted_out(out, scratch, scratch / "site") == frozenset()
    assert not (scratch / "site").exists() and snapshot(outside) == before
