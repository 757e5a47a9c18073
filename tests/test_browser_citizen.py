"""The citizen pages in a real browser: filter and sort work, phones need no sideways
scrolling, and axe-core finds no WCAG 2.1 A/AA violations.

The built minimal site is served over a local http.server (127.0.0.1, a free port), so
the pages load their scripts and styles exactly as they do when published.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.build import AXE_JS

PHONE = {"width": 375, "height": 800}
CITIZEN_PAGES = ["", "jamfor/halsoval/", "utforare/halsocentralen-centrum/", "utforare/fjallvarden/",
                 "utforare/stangda-mottagningen/"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def _serve(root: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base_url(minimal_site: Path) -> Iterator[str]:
    yield from _serve(minimal_site)


@pytest.fixture(scope="module")
def example_url(example_site: Path) -> Iterator[str]:
    yield from _serve(example_site)


@pytest.fixture
def page(browser, base_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    outside: list[str] = []
    tab = context.new_page()
    tab.on("request", lambda r: None if r.url.startswith(base_url) else outside.append(r.url))
    yield tab
    context.close()
    assert not outside, f"requests to another host: {outside}"


def names(page) -> list[str]:
    return page.eval_on_selector_all(
        "#jamfor-halsoval tbody tr:not([hidden]) th", "cells => cells.map(c => c.textContent.trim())")


def test_filter_by_kommun_and_driftsform(page, base_url: str) -> None:
    page.goto(base_url + "jamfor/halsoval/")
    form = page.locator("form.insyn-filter")
    assert form.is_visible(), "the script shows the filter"
    assert names(page) == ["Fjällvårdens Hälsocentral", "Hälsocentralen Centrum"]
    page.get_by_label("Kommun").select_option(label="Östersund")
    assert names(page) == ["Hälsocentralen Centrum"]
    assert page.locator("[data-filter-status]").text_content() == "Visar 1 av 2 enheter."
    page.get_by_label("Kommun").select_option(value="")
    page.get_by_label("Vem driver enheten").select_option(value="privat")
    assert names(page) == ["Fjällvårdens Hälsocentral"]
    page.get_by_label("Kommun").select_option(label="Östersund")
    assert names(page) == []
    assert page.locator("[data-filter-status]").text_content() == "Visar 0 av 2 enheter."


def test_sort_by_column_header(page, base_url: str) -> None:
    page.goto(base_url + "jamfor/halsoval/")
    header = page.locator("#jamfor-halsoval thead th").first
    button = header.get_by_role("button")
    assert button.text_content().strip().startswith("Enhet")
    assert header.get_attribute("aria-sort") is None
    button.click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert names(page) == ["Fjällvårdens Hälsocentral", "Hälsocentralen Centrum"]
    button.click()
    assert header.get_attribute("aria-sort") == "descending"
    assert names(page) == ["Hälsocentralen Centrum", "Fjällvårdens Hälsocentral"]
    # A number column: a missing value sorts last whichever way, and only one header is marked.
    number = page.locator("#jamfor-halsoval thead th").nth(4)
    number.get_by_role("button").click()
    assert names(page) == ["Fjällvårdens Hälsocentral", "Hälsocentralen Centrum"], "4,5 dagar, then missing"
    number.get_by_role("button").click()
    assert names(page) == ["Fjällvårdens Hälsocentral", "Hälsocentralen Centrum"], "missing stays last"
    assert header.get_attribute("aria-sort") is None
    assert page.locator("#jamfor-halsoval tfoot tr").count() == 2, "reference rows stay in the footer"


def test_sort_menu_puts_the_best_first_and_can_undo(page, base_url: str) -> None:
    """The "Sortera" menu is how a phone sorts (its cards show no column headers)."""
    page.goto(base_url + "jamfor/halsoval/")
    menu = page.get_by_label("Sortera")
    headers = page.locator("#jamfor-halsoval thead th")
    menu.select_option(label="Medicinsk bedömning inom 3 dagar, bäst (högst) först")
    assert names(page) == ["Hälsocentralen Centrum", "Fjällvårdens Hälsocentral"], "85,1 %, then missing"
    assert headers.nth(3).get_attribute("aria-sort") == "descending"
    menu.select_option(label="Väntetid till besök, bäst (lägst) först")
    assert names(page) == ["Fjällvårdens Hälsocentral", "Hälsocentralen Centrum"], "4,5 dagar, then missing"
    assert headers.nth(4).get_attribute("aria-sort") == "ascending"
    assert headers.nth(3).get_attribute("aria-sort") is None
    menu.select_option(label="Senaste uppföljning, bäst resultat först")
    assert names(page) == ["Hälsocentralen Centrum", "Fjällvårdens Hälsocentral"], "uppfyller before delvis"
    menu.select_option(label="Enhet, A–Ö")
    assert names(page) == ["Fjällvårdens Hälsocentral", "Hälsocentralen Centrum"], "the order of the HTML"
    assert page.locator("#jamfor-halsoval thead th[aria-sort]").count() == 0
    # A click on a header shows its choice in the menu, or the first when the menu has no such choice.
    headers.nth(1).get_by_role("button").click()
    assert menu.input_value() == "1:stigande"
    headers.nth(1).get_by_role("button").click()
    assert menu.input_value() == ""


def test_phone_shows_each_unit_as_a_card(browser, base_url: str) -> None:
    """On a phone every measure of a unit is in view with its name, direction and target, and
    the table is still a table (rows, row and column headers) to a screen reader."""
    context = browser.new_context(viewport=PHONE)
    try:
        tab = context.new_page()
        tab.goto(base_url + "jamfor/halsoval/")
        first = tab.locator("#jamfor-halsoval tbody tr").first
        cells = first.locator("td")
        assert cells.count() == 6
        for i in range(cells.count()):
            box = cells.nth(i).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], \
                f"cell {i} is outside the screen: {box}"
        label = tab.evaluate("getComputedStyle(document.querySelector("
                             "'#jamfor-halsoval tbody td[data-rubrik^=\"Väntetid\"]'), '::before').content")
        assert label == '"Väntetid till besök (lägre är bättre)"'
        label = tab.evaluate("getComputedStyle(document.querySelector("
                             "'#jamfor-halsoval tbody td[data-rubrik^=\"Medicinsk\"]'), '::before').content")
        assert label == '"Medicinsk bedömning inom 3 dagar (högre är bättre, mål 90\u00a0%)"'
        head = tab.locator("#jamfor-halsoval thead").bounding_box()
        assert head is not None and head["height"] <= 1, "column headers are hidden from sight on a phone"
        assert first.bounding_box()["height"] > 6 * 20, "measures stack under each other"
        tree = context.new_cdp_session(tab).send("Accessibility.getFullAXTree")["nodes"]
        roles = {}
        for node in tree:
            role = node.get("role", {}).get("value")
            roles[role] = roles.get(role, 0) + 1
        assert roles.get("table", 0) >= 1
        assert roles.get("columnheader", 0) == 7, roles
        assert roles.get("rowheader", 0) == 4, "two units and the two reference rows"
        assert roles.get("row", 0) == 5
        assert first.get_attribute("role") == "row", "roles set explicitly for browsers that drop them"
    finally:
        context.close()


def test_phone_keeps_the_period_in_view_while_key_figures_scroll(browser, example_url: str) -> None:
    """Women, men, region and country do not fit beside the unit on a phone: the table scrolls
    inside its region, and each row's period stays at the left edge."""
    context = browser.new_context(viewport=PHONE)
    try:
        tab = context.new_page()
        tab.goto(example_url + "utforare/halsocentralen-lit/")
        region = tab.locator(".insyn-tabellram", has=tab.locator("#tabell-npe-helhetsintryck"))
        period = tab.locator("#tabell-npe-helhetsintryck tbody th").first
        before = period.bounding_box()
        moved = region.evaluate("r => { r.scrollLeft = r.scrollWidth; return r.scrollLeft; }")
        assert moved > 0, "the table is wider than the phone, so the region scrolls"
        after = period.bounding_box()
        assert after is not None and before is not None and abs(after["x"] - before["x"]) < 1
    finally:
        context.close()


def test_axe_finds_no_wcag_violations_on_phone_cards(browser, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    try:
        tab = context.new_page()
        tab.goto(base_url + "jamfor/halsoval/")
        tab.add_script_tag(path=str(AXE_JS))
        result = tab.evaluate(
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    finally:
        context.close()
    assert [v["id"] for v in result["violations"]] == []


def test_full_table_without_javascript(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(base_url + "jamfor/halsoval/")
        assert tab.locator("#jamfor-halsoval tbody tr").count() == 2
        assert not tab.locator("form.insyn-filter").is_visible(), "no dead controls without the script"
    finally:
        context.close()


@pytest.mark.parametrize("path", ["jamfor/halsoval/", "utforare/halsocentralen-centrum/", ""])
def test_phone_width_has_no_horizontal_scrolling(browser, base_url: str, path: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport=PHONE)
    try:
        tab = context.new_page()
        tab.goto(base_url + path)
        tab.screenshot(path=str(tmp_path / "telefon.png"), full_page=True)
        scroll, client = tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= client, f"{path}: page is {scroll}px wide on a {client}px screen"
        if path:
            region = tab.locator(".insyn-tabellram").first
            assert region.get_attribute("tabindex") == "0", "the wide table can be scrolled with the keyboard"
    finally:
        context.close()


@pytest.mark.parametrize("path", ["jamfor/halsoval/", "utforare/halsocentralen-lit/", ""])
def test_phone_width_with_the_full_example_data(browser, example_url: str, path: str) -> None:
    """Fourteen key figures and twenty units: the widest tables the example has."""
    context = browser.new_context(viewport=PHONE)
    try:
        tab = context.new_page()
        tab.goto(example_url + path)
        scroll, client = tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= client, f"{path}: page is {scroll}px wide on a {client}px screen"
    finally:
        context.close()


def test_axe_finds_no_wcag_violations(browser, base_url: str) -> None:
    # The site's Content-Security-Policy forbids injected scripts; only the checker bypasses it.
    context = browser.new_context(bypass_csp=True)
    found = {}
    try:
        tab = context.new_page()
        for path in CITIZEN_PAGES:
            tab.goto(base_url + path)
            tab.add_script_tag(path=str(AXE_JS))
            result = tab.evaluate(
                "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
            violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
            if violations:
                found[path or "start"] = violations
    finally:
        context.close()
    assert not found, found
