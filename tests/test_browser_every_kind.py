"""axe-core in Debian chromium on the page kinds the other browser tests don't reach:
hand-written pages, the data dictionary, the 404 page and full-size example pages (long
tables, many charts, every result and measure status), at WCAG 2.1 A and AA."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.build import AXE_JS
from tests.support.serving import serving

# One page of every kind the example dataset has, including the hand-written ones.
EXAMPLE_PAGES = [
    "om/programmet/",
    "om/sa-gar-uppfoljningen-till/",
    "om/tillganglighet/",
    "om-datan/",
    "om-datan/datakatalog/",
    "404.html",
    "jamfor/barn-och-ungdomstandvard/",
    "utforare/tuvstarrens-fotvard/",
    "utforare/storsjobygdens-huslakare/",
    "uppfoljningsplaner/regionstyrelsen-2026/",
    "listor/atgarder/",
]
WCAG = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}"


@pytest.fixture(scope="module")
def example_url(example_site: Path) -> Iterator[str]:
    with serving(example_site) as base:
        yield base


def test_every_page_kind_passes_axe(browser, example_url: str, example_site: Path) -> None:
    # The site's Content-Security-Policy forbids injected scripts; only the checker bypasses it.
    context = browser.new_context(bypass_csp=True, locale="sv-SE")
    found: dict[str, object] = {}
    try:
        tab = context.new_page()
        for path in EXAMPLE_PAGES:
            target = example_site / path / ("" if path.endswith(".html") else "index.html")
            assert target.is_file(), f"{path} is missing from the example site"
            tab.goto(example_url + path)
            tab.add_script_tag(path=str(AXE_JS))
            result = tab.evaluate(f"axe.run(document, {WCAG})")
            violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
            if violations:
                found[path] = violations
    finally:
        context.close()
    assert not found, found


def test_404_page_speaks_swedish_and_leads_home(example_site: Path) -> None:
    from tests.support.html import parse

    page = parse((example_site / "404.html").read_text(encoding="utf-8"))
    assert page.one("h1").text == "Sidan finns inte"
    assert "Not found" not in page.text
    assert any(a.text == "Gå till startsidan" for a in page.all("a"))


def test_the_menu_toggle_still_opens_and_closes_the_menu(browser, example_url: str) -> None:
    """The toggles lost Material's autocomplete attribute (not allowed on a checkbox, see
    theme/overrides/base.html): on a phone the menu still opens by its button (insyn-meny.js's,
    in place of Material's label) and closes by a tap beside it."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE")
    try:
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(example_url + "utforare/tuvstarrens-fotvard/")
        drawer = tab.locator("#__drawer")
        opened = "() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0"
        closed = "() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().right <= 0"
        assert not drawer.is_checked() and not tab.locator("#__search").is_checked()
        tab.wait_for_function(closed)

        tab.get_by_role("button", name="Meny", exact=True).click()
        assert drawer.is_checked()
        tab.wait_for_function(opened)
        assert tab.locator(".md-sidebar--primary").get_by_role("link", name="Utförare").first.is_visible()
        tab.locator("label.md-overlay").click(position={"x": 370, "y": 400})  # the dimmed page beside the menu
        assert not drawer.is_checked()
        tab.wait_for_function(closed)
        assert errors == []
    finally:
        context.close()
