"""The one full-build check behind the golden files: the engine publishes each generated block
exactly as pages.render_all wrote it, so golden files checked from the page sources
(tests/test_pages_*.py, milliseconds) hold for the built site too."""

from __future__ import annotations

from pathlib import Path

from tests.support.html import insyn_block, page_source


def _built(site: Path, page: str) -> str:
    return (site / ("index.html" if page == "index" else f"{page}/index.html")).read_text(encoding="utf-8")


def test_every_generated_page_is_published_with_its_block_unchanged(minimal_site: Path,
                                                                     minimal_pages: dict[str, str]) -> None:
    pages = sorted(rel.removesuffix(".md") for rel in minimal_pages if rel.endswith(".md"))
    assert len(pages) > 15
    for page in pages:
        assert insyn_block(_built(minimal_site, page)) == insyn_block(page_source(minimal_pages, page)), page
