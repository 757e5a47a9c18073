"""The report's three files, PDF, DOCX and PPTX, from one report model and one document.

Used by `insyn rapport` and by the site build (which writes them beside the report page).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from generator.domain.catalog import Catalog
from generator.domain.rapportval import sokvag, webbplatsens_rapporter
from generator.memo import Memo
from generator.rapport import pdf, pdfkalla
from generator.rapport.bygg import bygg_rapport
from generator.rapport.innehall import dokument

FORMAT = ("pdf", "docx", "pptx")


def filer(catalog: Catalog, namnd: str, ar: int, period: str = "ar", site_url: str | None = None,
          memo: Memo | None = None) -> dict[str, bytes]:
    """{file name: bytes} for the nämnd's report; names like regionstyrelsen-2026.pdf (with the
    period in the name when it is not the whole year). Each file comes from `memo` when the
    same document was written before (the PDF: with the same address and author too)."""
    dok = dokument(catalog, bygg_rapport(catalog, namnd, ar, period))
    stem = f"{namnd}-{ar}" if period == "ar" else f"{namnd}-{ar}-{period.lower()}"
    memo = memo or Memo(None, None)
    model = [repr(dok), catalog.uppdaterad.isoformat()]  # the whole document, frozen dataclasses
    # The PDF by all its layout's input is made from (pdfkalla.kalla), not by that input:
    # making regionstyrelsen's at national size takes most of a rebuild's reports' second.
    # The template is part of Insyn's code, which every key of the memo begins with.
    pdf_inputs = [*model, namnd, str(ar), site_url or "", catalog.region.namn]

    def laid_out() -> bytes:
        return pdf.pdf_bytes(pdfkalla.kalla(catalog, dok, namnd, ar, site_url))

    # The Word and PowerPoint writers are imported only when a file is written, not at the top:
    # python-docx and python-pptx take half a second to import, which `insyn validate` and a
    # rebuild whose reports come from the memo never need.
    def written() -> bytes:
        from generator.rapport import word

        return word.docx_bytes(dok, catalog.uppdaterad)

    def shown() -> bytes:
        from generator.rapport import bilder

        return bilder.pptx_bytes(dok, catalog.uppdaterad)

    return {
        f"{stem}.pdf": memo.bytes("pdf", pdf_inputs, laid_out),
        f"{stem}.docx": memo.bytes("docx", model, written),
        f"{stem}.pptx": memo.bytes("pptx", model, shown),
    }


def site_files(catalog: Catalog, site_url: str | None, memo: Memo | None = None,
               only: Collection[tuple[str, int]] | None = None) -> dict[str, bytes]:
    """Every report file the site carries, by docs-relative path beside its page; with `only`,
    those of the (nämnd, year) reports named there (a build splits them between processes)."""
    out = {}
    for namnd, ar in webbplatsens_rapporter(catalog):
        if only is not None and (namnd, ar) not in only:
            continue
        for name, data in filer(catalog, namnd, ar, "ar", site_url, memo).items():
            out[sokvag(namnd, ar) + name] = data
    return out


def write(catalog: Catalog, docs: Path, site_url: str | None, memo: Memo | None = None,
          only: Collection[tuple[str, int]] | None = None) -> None:
    """The site's report files (or those of `only`, see `site_files`) into the engine's input
    folder, beside their pages."""
    for rel, data in site_files(catalog, site_url, memo, only).items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
