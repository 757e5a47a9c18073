"""Catalog → {docs-relative path: page text}. Pure: no file system, no MkDocs (a build may hand
`remembering` a memo of the last build's page sources, which reads and keeps files for it)."""

from __future__ import annotations

from generator.andringar.record import Andringsregister
from generator.domain.catalog import Catalog
from generator.pages import (
    andringar,
    andringar_flode,
    avtal,
    datadictionary,
    flode,
    jamfor,
    listor,
    mal,
    plan,
    start,
    uppfoljning,
    uppfoljningstabell,
    utforare,
)
from generator.pages.render import add_globals, remembering

__all__ = ["remembering", "render_all"]

add_globals(tabellrader=uppfoljningstabell.tabellrader, uppf_resultat=uppfoljningstabell.resultat,
            sekretess_html=uppfoljningstabell.SEKRETESS)

_KINDS = (start, jamfor, mal, plan, datadictionary)
_CHANGED_KINDS = (utforare, avtal, uppfoljning)  # pages that say when they last changed


def render_all(catalog: Catalog, site_url: str | None = None,
               andringar_register: Andringsregister | None = None) -> dict[str, str]:
    """Every generated page."""
    pages: dict[str, str] = {}
    for kind in _KINDS:
        pages.update(kind.render(catalog))
    for changed in _CHANGED_KINDS:
        pages.update(changed.render(catalog, andringar_register))
    pages.update(andringar.render(catalog, andringar_register, flode=bool(site_url)))
    if site_url and andringar_register is not None:
        pages[andringar.FEED_PATH] = andringar_flode.atom(catalog, andringar_register, site_url)
    pages.update(listor.render(catalog, flode=bool(site_url)))
    if site_url:  # Atom needs absolute addresses: no site address, no feed.
        pages[flode.PATH] = flode.atom(catalog, site_url)
    return dict(sorted(pages.items()))
