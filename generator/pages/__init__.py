"""Catalog → {docs-relative path: page text}. Pure: no file system, no MkDocs."""

from __future__ import annotations

from generator.domain.catalog import Catalog
from generator.pages import (
    avtal,
    datadictionary,
    flode,
    jamfor,
    listor,
    mal,
    plan,
    start,
    uppfoljning,
    utforare,
)

_KINDS = (start, jamfor, utforare, avtal, uppfoljning, mal, plan, datadictionary)


def render_all(catalog: Catalog, site_url: str | None = None) -> dict[str, str]:
    pages: dict[str, str] = {}
    for kind in _KINDS:
        pages.update(kind.render(catalog))
    pages.update(listor.render(catalog, flode=bool(site_url)))
    if site_url:  # Atom needs absolute addresses: no site address, no feed.
        pages[flode.PATH] = flode.atom(catalog, site_url)
    return dict(sorted(pages.items()))
