"""The engine (site.engine, MkDocs): the generated pages' HTML is not all held at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mkdocs.commands.build as mkdocs_build
import pytest

from generator import pipeline
from generator.problems import BuildError
from generator.settings import BuildSettings, reference_day
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
