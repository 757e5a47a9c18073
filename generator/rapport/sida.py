"""The nämnd's report on the site (`rapporter/<namnd>-<ar>/`).

The page and the files beside it (PDF, DOCX, presentation) are made from the same
`Dokument`, so the printed page, the PDF and the site page say the same thing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator.domain.catalog import Catalog
from generator.domain.rapportval import sokvag, webbplatsens_rapporter
from generator.pages.render import TEMPLATES, page, relative_url, remembered, remembering
from generator.rapport import innehall
from generator.rapport.bygg import bygg_rapport
from generator.rapport.dokument import Diagram, Dokument, Lank, Lista, Stycke, Tabell, Underrubrik

FORMAT = (
    ("pdf", "PDF", "för att läsa, skriva ut eller publicera (tillgänglig PDF/UA)"),
    ("docx", "Word (DOCX)", "för att redigera och klistra in i årsbokslutet"),
    ("pptx", "Presentation (PPTX)", "för en muntlig redovisning, ungefär en bild per fråga"),
)

_TESTS = {"lank": Lank, "stycke": Stycke, "lista": Lista, "tabell": Tabell, "diagram": Diagram,
          "underrubrik": Underrubrik}


def _is(value: object, kind: type) -> bool:
    return isinstance(value, kind)


def _env() -> Environment:
    """The page templates' own settings (autoescape, strict), with tests for the block kinds."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined,
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    for name, kind in _TESTS.items():
        env.tests[name] = functools.partial(_is, kind=kind)  # type: ignore[assignment]
    return env


ENV = _env()


def filnamn(namnd: str, ar: int, ext: str) -> str:
    return f"{namnd}-{ar}.{ext}"


def doc_path(namnd: str, ar: int) -> str:
    return sokvag(namnd, ar).rstrip("/") + ".md"


def href_for(doc: str, site_url: str | None = None) -> Callable[[str], str]:
    """A Lank's target as an address on the report's page `doc` and in the files beside it (the
    PDF): an https address as it is; a site path under `site_url` when the site's address is
    known, otherwise relative to the page's folder, where the files lie too."""
    base = site_url.rstrip("/") + "/" if site_url else None

    def href(target: str) -> str:
        if target.startswith("https://"):
            return target
        return base + target if base else relative_url(doc, target)

    return href


def sida(catalog: Catalog, namnd: str, ar: int) -> str:
    """The report's page, from the last build when its document is as it was there: at national
    size rendering regionstyrelsen's 452 tables takes longer than making the document."""
    doc = doc_path(namnd, ar)
    dok = innehall.dokument(catalog, bygg_rapport(catalog, namnd, ar))
    filer = [(namn, filnamn(namnd, ar, ext), text) for ext, namn, text in FORMAT]
    return remembered("rapport", doc, (dok, filer), lambda: _sida(doc, dok, filer))


def _sida(doc: str, dok: Dokument, filer: list[tuple[str, str, str]]) -> str:
    body = ENV.get_template("rapport.html").render(title=dok.titel, dok=dok, filer=filer,
                                                   href=href_for(doc))
    # The shared page() gives the escaped front matter and the one HTML block; it renders a template
    # by name. Not remembered a second time under its body: `sida` remembers it by its document.
    with remembering(None):
        return page(doc, dok.titel, "rapport_sida.html", body=Markup(body))  # noqa: S704 - rendered with autoescape


def render(catalog: Catalog) -> dict[str, str]:
    return {doc_path(n, ar): sida(catalog, n, ar) for n, ar in webbplatsens_rapporter(catalog)}
