"""The start page: three ways in, and when the data was last updated."""

from __future__ import annotations

from generator.catalog import Catalog
from generator.pages.render import page


def render(catalog: Catalog) -> dict[str, str]:
    return {
        "index.md": page("index.md", "Insyn i vård och tandvård", "start.html",
                         region=catalog.region, uppdaterad=catalog.uppdaterad),
    }
