"""The report as a document: headings, paragraphs, tables and charts, in reading order.

One `Dokument` is made from the report model (by `generator.rapport.innehall`) and
every format writes the same one: the page and the PDF as HTML, the DOCX as Word headings
and tables, the presentation as one slide per section. So the formats cannot disagree on
a heading, a table or a number.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

# The Office formats' limit for a document property, such as the title.
PROPERTY_MAX = 255


@dataclass(frozen=True)
class Lank:
    """A cell or a line that links: `href` is a site path (`avtal/x/`) or an https address."""

    text: str
    href: str


Cell = str | Lank


@dataclass(frozen=True)
class Stycke:
    text: str


@dataclass(frozen=True)
class Lista:
    punkter: tuple[Cell, ...]


@dataclass(frozen=True)
class Tabell:
    id: str
    rubrik: str  # the caption
    kolumner: tuple[str, ...]
    rader: tuple[tuple[Cell, ...], ...]  # the first cell of a row is its header
    summa: tuple[Cell, ...] | None = None  # a totals row, if any
    # Tables that come many to a report (one per strategic contract, say) share a kind:
    # the PDF gives each kind fixed column widths (rapport.pdfkalla.FASTA), so it never measures
    # every cell of hundreds of tables, and their columns line up from one to the next.
    slag: str = ""


@dataclass(frozen=True)
class Diagram:
    """A chart drawn as SVG on the page and in the PDF; `alt` says in words what it shows."""

    svg: Markup  # SVG from pages.charts, every data text in it already escaped
    alt: str


@dataclass(frozen=True)
class Underrubrik:
    text: str
    id: str


Block = Stycke | Lista | Tabell | Diagram | Underrubrik


@dataclass(frozen=True)
class Sektion:
    id: str
    rubrik: str
    block: tuple[Block, ...]
    bild: tuple[str, ...] = ()  # the presentation's few lines for this section


@dataclass(frozen=True)
class Dokument:
    titel: str
    ingress: tuple[str, ...]
    sektioner: tuple[Sektion, ...]
    sidfot: str  # "Data uppdaterad …, rapporten avser …": on every printed page
    sprak: str = "sv"

    @property
    def titel_i_egenskaper(self) -> str:
        """The title as Word's and PowerPoint's document properties hold it: at most 255
        characters (python-docx and python-pptx refuse more, and a nämnd's name may be long).
        The title on the first page is whole."""
        return self.titel if len(self.titel) <= PROPERTY_MAX else self.titel[:PROPERTY_MAX - 1] + "…"
