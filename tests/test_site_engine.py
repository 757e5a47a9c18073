"""The engines (site.engine): MkDocs holds not all generated pages' HTML at once; Zensical builds the same input."""

from __future__ import annotations

import fcntl
import json
import threading
from pathlib import Path
from typing import Any

import mkdocs.commands.build as mkdocs_build
import pytest

from bench import engines
from generator import pipeline
from generator.outputs import SITEMAP
from generator.problems import BuildError
from generator.settings import BuildSettings, reference_day
from generator.site.engine import Zensical
from generator.site.incremental import html_path
from tests.support.build import CONTENT, EXAMPLE, MINIMAL


def _settings(out: Path, data: Path = EXAMPLE) -> BuildSettings:
    return BuildSettings(data_dir=data, out_dir=out, content_dir=CONTENT, idag=reference_day())


def test_the_engine_holds_no_generated_pages_html_while_it_writes_them(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs reads every page before it writes the first: with each page's HTML kept
    meanwhile, an engine held about 200 MB at national size beside a report's layout."""
    held: list[int] = []
    build_page = mkdocs_build._build_page

    def watched(page: Any, config: Any, doc_files: Any, *args: Any, **kwargs: Any) -> None:
        held.append(sum(len(f.page.content or "") for f in doc_files if f.page is not None))
        build_page(page, config, doc_files, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", watched)
    site = tmp_path / "site"
    pipeline.build(_settings(site))
    written = sum(path.stat().st_size for path in site.rglob("*.html"))
    assert written > 2_000_000  # the pages themselves are whole
    assert len(held) > 300 and max(held) < 100_000, max(held)
    assert "insyn: sidans innehåll" not in (site / "utforare" / "halsocentralen-bracke" / "index.html").read_text(encoding="utf-8")


def test_a_page_changed_while_the_engine_writes_it_stops_the_build(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The HTML is read again from the page's file as it is written: a file that is no longer
    what MkDocs read gives a clear error, never a page with someone else's text."""
    build_page = mkdocs_build._build_page

    def tampered(page: Any, *args: Any, **kwargs: Any) -> None:
        if page.file.src_uri.startswith("utforare/"):
            Path(page.file.abs_src_path).write_text("---\ntitle: x\n---\n\n<p>annan</p>\n", encoding="utf-8")
        build_page(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", tampered)
    with pytest.raises(BuildError) as failure:
        pipeline.build(_settings(tmp_path / "site", MINIMAL))
    assert failure.value.code == "engine-failed"
    assert "ändrades medan den byggdes" in failure.value.message
    assert not (tmp_path / "site").exists()  # nothing half-built is published


@pytest.fixture(scope="module")
def staged_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The engine's input for the example, as the build gives it to MkDocs (bench.engines)."""
    folder = tmp_path_factory.mktemp("motor") / "indata"
    engines.stage(EXAMPLE, folder)
    return folder


def test_zensical_builds_every_page_with_the_sites_own_theme(staged_example: Path) -> None:
    """Material's successor renders the same input: every page, with Insyn's theme overrides
    (the example-data banner), and no search index of its own beside Pagefind's."""
    docs, config, _ = engines.staged(staged_example)
    out = staged_example.parent / "zensical-alla"
    Zensical().build(docs, out, config)
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    assert len(pages) > 300
    assert {html_path(md) for md in pages} <= {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    provider = (out / "utforare" / "halsocentralen-bracke" / "index.html").read_text(encoding="utf-8")
    assert "Exempeldata – inte verkliga uppgifter." in provider and "Hälsocentralen Bräcke" in provider
    assert "utforare/halsocentralen-bracke/" in (out / SITEMAP).read_text(encoding="utf-8")
    assert json.loads((out / "search.json").read_text(encoding="utf-8"))["items"] == []


def test_zensical_writes_only_the_pages_asked_for(staged_example: Path) -> None:
    """As a rebuild asks (Engine): the one page, with the whole navigation, the theme's files, no
    other page and no sitemap."""
    docs, config, _ = engines.staged(staged_example)
    out = staged_example.parent / "zensical-en"
    Zensical().build(docs, out, config, only=["utforare/halsocentralen-bracke.md"], others=False)
    pages = {html_path(p.relative_to(docs).as_posix()) for p in docs.rglob("*.md")}
    written = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert written & pages == {"utforare/halsocentralen-bracke/index.html"}
    page = (out / "utforare" / "halsocentralen-bracke" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../om/programmet/"' in page and "Tillgänglighet" in page  # the navigation's pages
    assert (out / "assets" / "insyn.css").is_file()
    assert not (out / SITEMAP).exists()
    assert not list(staged_example.glob("zensical-sidor-*"))  # the pages it was given, gone with it


def test_zensical_failing_stops_the_build_with_a_swedish_error(staged_example: Path) -> None:
    docs, config, _ = engines.staged(staged_example)
    broken = {**config, "theme": {**config["theme"], "name": "finns-inte"}}
    with pytest.raises(BuildError) as failure:
        Zensical().build(docs, staged_example.parent / "zensical-fel", broken)
    assert failure.value.code == "engine-failed"
    assert failure.value.message.startswith("Zensical kunde inte bygga sidorna: ")
    assert "mkdocs.yml" in failure.value.hint


def test_zensical_never_prints_the_site_name_as_markup(staged_example: Path) -> None:
    """The site's name holds the region's name from the data; Zensical's theme, like
    Material's, prints it unescaped in the page title and header."""
    docs, config, _ = engines.staged(staged_example)
    out = staged_example.parent / "zensical-namn"
    named = {**config, "site_name": 'Region <script>alert("x")</script> & Co'}
    Zensical().build(docs, out, config=named, only=["index.md"], others=False)
    start = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in start
    assert "Region &lt;script&gt;alert" in start


def test_two_zensical_builds_of_the_same_pages_take_turns(staged_example: Path) -> None:
    """Zensical keeps one cache beside the pages; the build runs two engines at once on the same
    pages (site.split), so a second build waits until the first is done with it."""
    docs, config, _ = engines.staged(staged_example)
    out = staged_example.parent / "zensical-turer"
    with (staged_example / ".zensical.lock").open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        second = threading.Thread(target=Zensical().build, args=(docs, out, config, ["index.md"]), kwargs={"others": False})
        second.start()
        second.join(timeout=2)
        assert second.is_alive() and not (staged_example / "zensical-zensical-turer.yml").exists()
        fcntl.flock(held, fcntl.LOCK_UN)
    second.join(timeout=120)
    assert not second.is_alive() and (out / "index.html").is_file()
