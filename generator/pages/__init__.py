"""Catalog → {docs-relative path: page text}. Pure: no file system, no MkDocs."""

from __future__ import annotations

from generator.catalog import Catalog
from generator.pages import start


def render_all(catalog: Catalog, site_url: str | None = None) -> dict[str, str]:
    pages: dict[str, str] = {}
    pages.update(start.render(catalog))
    return dict(sorted(pages.items()))
