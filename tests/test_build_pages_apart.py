"""A first build at scale makes its pages in a forked process of its own (pipeline._apart), so
that the build's own process never holds their texts. The site, the cache and the errors must
be what the pages made in the build's process give."""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator import pipeline
from generator.problems import BuildError
from generator.settings import BuildSettings, reference_day
from generator.site import incremental
from tests.support.build import CONTENT, MINIMAL, ROOT, page_memo_written_by
from tests.support.files import snapshot


def _build(out: Path, content: Path = CONTENT) -> None:
    pipeline.build(BuildSettings(data_dir=MINIMAL, out_dir=out, content_dir=content, idag=reference_day()))


@pytest.fixture
def made_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file that gets the id of each process that makes the pages, a line per build."""
    noted = tmp_path / "gjorda-i"
    original = pipeline._made

    def making(*args: Any, **kwargs: Any) -> Any:
        with noted.open("a", encoding="utf-8") as file:
            file.write(f"{os.getpid()}\n")
        return original(*args, **kwargs)

    monkeypatch.setattr(pipeline, "_made", making)
    return noted


def test_pages_made_apart_publish_the_same_site_and_serve_the_next_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made_in: Path) -> None:
    here = tmp_path / "har" / "site"
    _build(here)
    assert made_in.read_text().split() == [str(os.getpid())]  # the minimal dataset: below the bound

    monkeypatch.setattr(pipeline, "PAGES_APART", 0)
    apart = tmp_path / "isar" / "site"
    _build(apart)
    first, second = made_in.read_text().split()
    assert second != first  # made in another process
    assert snapshot(apart) == snapshot(here)
    assert incremental.finds_page_memo(apart)  # the forked process's page memo was kept

    # The next build finds the last one's pages, so it makes them here, most from the memo.
    _build(apart)
    assert made_in.read_text().split()[2] == str(os.getpid())
    assert snapshot(apart) == snapshot(here)


def test_after_an_upgrade_a_build_at_scale_makes_its_pages_apart_as_a_first_build_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made_in: Path) -> None:
    """A page memo written by another version of Insyn gives no page (every key begins with
    the version): the build makes them all, in a process of its own as a first build does. Made
    in the build's own process, a national build after an upgrade peaked at 2,124 MB."""
    monkeypatch.setattr(pipeline, "PAGES_APART", 0)
    out = tmp_path / "site"
    _build(out)
    _build(out)
    site = snapshot(out)
    assert made_in.read_text().split()[1] == str(os.getpid())  # a rebuild: made here

    page_memo_written_by(out, "UPDATE skrivet_av SET kod = 'en äldre version'")
    assert not incremental.finds_page_memo(out)
    _build(out)
    assert made_in.read_text().split()[2] != str(os.getpid())
    assert snapshot(out) == site
    assert incremental.finds_page_memo(out)  # written by this version again

    page_memo_written_by(out, "DROP TABLE skrivet_av")  # as a memo from before the version was noted
    assert not incremental.finds_page_memo(out)


def test_a_refused_configuration_stops_a_build_whose_pages_are_made_apart(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made_in: Path) -> None:
    """The forked process reads mkdocs.yml; what it refuses stops the build as it does here,
    with the same error, and nothing is published."""
    monkeypatch.setattr(pipeline, "PAGES_APART", 0)
    shutil.copytree(CONTENT, tmp_path / "content")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config.replace("  - md_in_html", "  - md_in_html\n  - attr_list"),
                                         encoding="utf-8")
    out = tmp_path / "site"
    with pytest.raises(BuildError) as failure:
        _build(out, tmp_path / "content")
    assert failure.value.code == "extension-refused"
    assert made_in.read_text().split() != [str(os.getpid())]
    assert not out.exists()


def test_each_provider_page_is_kept_as_it_is_made_never_all_their_texts_at_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The provider pages are 300 MB as strings at national size. A first build keeps each as
    soon as it is made (packed, encoded), so the process making the pages never holds all their
    texts: held whole until the last was made, they took it to 615 MB beside a report's layout,
    the build's peak."""
    from generator.pages import utforare

    events: list[str] = []
    render, utf8 = utforare.render_utforare, pipeline._utf8

    def made(*args: Any) -> str:
        events.append("gjord")
        return render(*args)

    def kept(text: str) -> Any:
        events.append("behållen")
        return utf8(text)

    monkeypatch.setattr(utforare, "render_utforare", made)
    monkeypatch.setattr(pipeline, "_utf8", kept)
    catalog, register = pipeline.compare(pipeline.check(MINIMAL, reference_day()), None, reference_day())
    assert len(catalog.utforare) >= 2
    sources = pipeline.page_sources_utf8(catalog, None, register, None)
    assert events.count("gjord") == len(catalog.utforare) == sum(doc.startswith("utforare/") for doc in sources)
    assert all(after == "behållen" for before, after in itertools.pairwise(events) if before == "gjord")
