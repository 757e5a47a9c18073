"""A report's PDF with pydyf's page references made once per page (rapport.pdfsidor) is the
PDF pydyf's own property gives, byte for byte, and the change applies to the locked pydyf."""

from __future__ import annotations

import pydyf
import pytest
import weasyprint

from generator.rapport import pdf, pdfsidor

# Many pages, each with tagged elements that refer to their page (headings, a table, a link).
_HTML = "".join(
    ['<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Sidor</title></head><body>']
    + [f'<h2 style="break-before: page">Avsnitt {n}</h2><p>Text på sidan {n} med <a href="#a{n}" id="a{n}">en länk</a>.</p>'
       f'<table><caption>Tabell {n}</caption><tr><th scope="col">Namn</th><th scope="col">Antal</th></tr>'
       f'<tr><td>Rad {n}</td><td>{n}</td></tr></table>' for n in range(1, 25)]
    + ["</body></html>"])


@pytest.mark.made_each_time  # both laid out by WeasyPrint, not taken from the run's layouts
def test_the_pdf_is_the_same_with_page_references_made_once(monkeypatch: pytest.MonkeyPatch) -> None:
    css = pdf.print_css()
    ours = pdf._laid_out(_HTML, css)
    assert pydyf.PDF.page_references.fget is pdfsidor._page_references, "the test proves nothing"
    monkeypatch.setattr(pdfsidor, "once_per_page", lambda: False)
    monkeypatch.setattr(pydyf.PDF, "page_references", pdfsidor._ORIGINAL)
    theirs = pdf._laid_out(_HTML, css)
    pages = weasyprint.HTML(string=_HTML).render(stylesheets=[weasyprint.CSS(string=css)]).pages
    assert len(pages) >= 24, "the test proves nothing: references to one page are the same however made"
    assert ours == theirs


def test_it_applies_to_the_pydyf_version_insyn_is_locked_to() -> None:
    """When pydyf is upgraded, read its PDF.page_references again: if it still makes the tuple
    on every read, set READ_AGAINST to the new version; if not, remove rapport.pdfsidor."""
    assert pydyf.__version__ == pdfsidor.READ_AGAINST
    assert pdfsidor.once_per_page()
