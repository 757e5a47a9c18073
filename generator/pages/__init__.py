"""Catalog → {docs-relative path: page text}. Pure: no file system, no MkDocs (a build may hand
`remembering` a memo of the last build's page sources, which reads and keeps files for it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

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
    rader,
    start,
    uppfoljning,
    uppfoljningstabell,
    utforare,
)
from generator.pages.render import add_globals, remembering

__all__ = ["provider_pages", "remembering", "render_all", "render_all_kept"]

T = TypeVar("T")

add_globals(tabellrader=uppfoljningstabell.tabellrader, uppf_resultat=uppfoljningstabell.resultat,
            sekretess_html=uppfoljningstabell.SEKRETESS)

_KINDS = (start, jamfor, mal, plan, datadictionary)
_CHANGED_KINDS = (avtal, uppfoljning)  # pages that say when they last changed, as the provider pages do


def render_all(catalog: Catalog, site_url: str | None = None,
               andringar_register: Andringsregister | None = None) -> dict[str, str]:
    """Every generated page."""
    return render_all_kept(catalog, site_url, andringar_register, str)


def render_all_kept(catalog: Catalog, site_url: str | None, andringar_register: Andringsregister | None,
                    keep: Callable[[str], T], providers: bool = True) -> dict[str, T]:
    """Every generated page, each text as `keep` makes it: the build keeps them as UTF-8
    (`str.encode`), half the memory of the strings at national size, without ever holding all
    the strings at once (the provider, contract and follow-up pages are kept one by one as
    they are made, the other kinds once the kind is made). Without `providers`, all but the
    provider pages (`provider_pages`), which a rebuild makes in a process of its own meanwhile."""
    pages: dict[str, T] = {}

    def add(made: Iterable[tuple[str, str]]) -> None:
        pages.update((path, keep(text)) for path, text in made)

    with rader.shared(catalog):
        for kind in _KINDS:
            add(kind.render(catalog).items())
        if providers:
            add(utforare.render_each(catalog, andringar_register))
        for changed in _CHANGED_KINDS:
            add(changed.render_each(catalog, andringar_register))
        add(andringar.render(catalog, andringar_register, flode=bool(site_url)).items())
        if site_url and andringar_register is not None:
            add([(andringar.FEED_PATH, andringar_flode.atom(catalog, andringar_register, site_url))])
        add(listor.render(catalog, flode=bool(site_url)).items())
        if site_url:  # Atom needs absolute addresses: no site address, no feed.
            add([(flode.PATH, flode.atom(catalog, site_url))])
    return dict(sorted(pages.items()))


def provider_pages(catalog: Catalog, andringar_register: Andringsregister | None,
                   keep: Callable[[str], T]) -> dict[str, T]:
    """The provider pages alone, the largest kind (half the time of a national rebuild's page
    sources), each text as `keep` makes it as soon as it is made: at national size they are
    300 MB as strings, and held whole until the last was made they took a first build's page
    process to 615 MB (305 MB kept as made) beside a report's layout, the build's peak."""
    with rader.shared(catalog):
        return {path: keep(text) for path, text in utforare.render_each(catalog, andringar_register)}
