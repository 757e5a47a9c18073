"""The nämnd's report on the site (`rapporter/<namnd>-<ar>/`) and as the HTML of its PDF.

Both are the same template over the same `Dokument`, so the printed page, the PDF and the
site page say the same thing. The PDF, DOCX and presentation lie beside the page.
"""

from __future__ import annotations

import base64
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


def _href_for_page(doc: str) -> Callable[[str], str]:
    return lambda target: target if target.startswith("https://") else relative_url(doc, target)


def sida(catalog: Catalog, namnd: str, ar: int) -> str:
    """The report's page, from the last build when its document is as it was there: at national
    size rendering regionstyrelsen's 452 tables takes longer than making the document."""
    doc = doc_path(namnd, ar)
    dok = innehall.dokument(catalog, bygg_rapport(catalog, namnd, ar))
    filer = [(namn, filnamn(namnd, ar, ext), text) for ext, namn, text in FORMAT]
    return remembered("rapport", doc, (dok, filer), lambda: _sida(doc, dok, filer))


def _sida(doc: str, dok: Dokument, filer: list[tuple[str, str, str]]) -> str:
    body = ENV.get_template("rapport.html").render(title=dok.titel, dok=dok, filer=filer,
                                                   href=_href_for_page(doc), bild=None)
    # The shared page() gives the escaped front matter and the one HTML block; it renders a template
    # by name. Not remembered a second time under its body: `sida` remembers it by its document.
    with remembering(None):
        return page(doc, dok.titel, "rapport_sida.html", body=Markup(body))  # noqa: S704 - rendered with autoescape


# The chart's own look, which the site's stylesheet gives it on the page.
_SVG_STYLE = ("<style>.insyn-diagram__rutnat{stroke:#cccccc;stroke-width:1}"
              ".insyn-diagram__axel{font:11px sans-serif;fill:#333333}</style>")


def diagram_bild(d: Diagram) -> str:
    """The chart as a standalone SVG image (data: URL), for the PDF: WeasyPrint then tags it as a
    figure whose alternative text is `alt`, the chart said in words."""
    svg = str(d.svg).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1).replace("<title", _SVG_STYLE + "<title", 1)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def pdf_html(catalog: Catalog, dok: Dokument, namnd: str, ar: int, site_url: str | None) -> str:
    """A standalone HTML document for WeasyPrint: links absolute when the site's address is known,
    otherwise relative to the report's folder on the site, where the PDF lies."""
    doc = doc_path(namnd, ar)
    base = site_url.rstrip("/") + "/" if site_url else None

    def href(target: str) -> str:
        if target.startswith("https://"):
            return target
        # The PDF lies in the page's folder, so a link relative to the page works from it too.
        return base + target if base else relative_url(doc, target)

    return ENV.get_template("rapport_pdf.html").render(
        title=dok.titel, dok=dok, filer=(), href=href, bild=diagram_bild,
        forfattare=catalog.region.namn, skapad=catalog.uppdaterad.isoformat())


def render(catalog: Catalog) -> dict[str, str]:
    return {doc_path(n, ar): sida(catalog, n, ar) for n, ar in webbplatsens_rapporter(catalog)}
