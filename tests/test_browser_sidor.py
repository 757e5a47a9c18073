"""A provider's, a contract's and a follow-up's pages as a citizen gets them in Debian chromium:
printed on paper, and read on a phone at 320-414 px."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.serving import serving

PROVIDER = "utforare/myrbackens-familjelakare/"  # seven key figures, six of them by sex: two charts each


@pytest.fixture(scope="module")
def example_url(example_site: Path) -> Iterator[str]:
    with serving(example_site) as base:
        yield base


def test_a_printed_provider_page_has_its_charts_side_by_side_and_no_blank_pages(browser, example_url: str) -> None:
    """Each chart was printed the page's width and half a page tall, and Material keeps a details
    box on one page: a key figure's two charts took a page each, mostly blank (17 pages)."""
    context = browser.new_context(viewport={"width": 718, "height": 1100})  # A4 within its margins
    try:
        tab = context.new_page()
        tab.goto(example_url + PROVIDER)
        tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        tab.emulate_media(media="print")
        pairs = tab.eval_on_selector_all(".insyn-figurer", """boxes => boxes
            .map(b => [...b.querySelectorAll('figure')].map(f => f.getBoundingClientRect().top))
            .filter(tops => tops.length == 2)""")
        assert len(pairs) == 6
        assert all(first == second for first, second in pairs), pairs
        pages = len(re.findall(rb"/Type\s*/Page\b", tab.pdf(format="A4")))
        assert pages <= 11, f"{pages} pages"
        tab.goto(example_url + "avtal/lov-myrbackens-familjelakare/")
        assert tab.eval_on_selector("#uppfoljningar", "h => getComputedStyle(h).breakAfter") == "avoid", \
            "a heading is never left alone at the foot of a page"
    finally:
        context.close()
