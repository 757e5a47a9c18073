"""The example site with the keyboard alone, in a real browser: every control it reaches
shows that it has the focus, and nothing it reaches is out of sight (WCAG 2.1.1, 2.4.3,
2.4.7), on a phone (390 × 844) and on a desktop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.serving import serving

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# What the focused element is and where, and whether it shows the focus.
FOCUSED = """() => {
  const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return {tag: e.tagName, cls: String(e.className), text: (e.getAttribute('aria-label') || e.textContent).trim(),
          x: r.x, y: r.y, width: r.width, height: r.height,
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
          shadow: s.boxShadow !== 'none'};
}"""


@pytest.fixture(scope="module")
def example_url(example_site: Path) -> Iterator[str]:
    with serving(example_site) as base:
        yield base


@pytest.fixture
def tab(browser, request: pytest.FixtureRequest):
    """A tab of the given viewport size (PHONE unless parametrised indirectly)."""
    context = browser.new_context(viewport=getattr(request, "param", PHONE), locale="sv-SE")
    yield context.new_page()
    context.close()


def focused(tab) -> dict:
    return tab.evaluate(FOCUSED)


@pytest.mark.parametrize("tab", [PHONE, DESKTOP], indirect=True)
def test_a_compare_checkbox_shows_its_focus(tab, example_url: str) -> None:
    """Material's `input { outline: none }` took the focus ring from the "Jämför" boxes."""
    tab.goto(example_url + "jamfor/halsoval/")
    tab.locator("#jamfor-halsoval tbody tr").first.locator("th a").focus()
    tab.keyboard.press("Tab")
    now = focused(tab)
    assert tab.evaluate("document.activeElement.matches('input[data-valj]')"), now
    assert now["outline"] or now["shadow"], f"the focused checkbox looks like any other: {now}"
