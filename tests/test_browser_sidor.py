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


# Every word of the tables' cells whose letters stand on more than one line.
BROKEN_WORDS = r"""() => {
  const broken = [];
  for (const cell of document.querySelectorAll('.insyn-tabell th, .insyn-tabell td')) {
    const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      for (const word of node.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [320, 414])
def test_a_phone_reads_the_tables_words_whole(browser, example_url: str, width: int) -> None:
    """The tables scroll in their frames; their words were cut anywhere to narrow them, without a
    hyphen: 'Verksamhet|sberättelse', 'Statistikuppf|öljning', 'Myrbäck|ens'."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        tab = context.new_page()
        for path in (PROVIDER, "avtal/lov-myrbackens-familjelakare/", "listor/uppfoljningar/"):
            tab.goto(example_url + path)
            assert tab.evaluate(BROKEN_WORDS) == [], path
            assert tab.evaluate("document.documentElement.scrollWidth") == width, f"{path} scrolls sideways"
    finally:
        context.close()
