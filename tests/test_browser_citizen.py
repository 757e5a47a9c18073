"""The citizen pages in a real browser: filter and sort work, phones need no sideways
scrolling, and axe-core finds no WCAG 2.1 A/AA violations.

The built minimal site is served over a local http.server (127.0.0.1, a free port), so
the pages load their scripts and styles exactly as they do when published.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.support.build import AXE_JS
from tests.support.serving import serving

PHONE = {"width": 375, "height": 800}
CITIZEN_PAGES = ["", "jamfor/halsoval/", "utforare/halsocentralen-centrum/", "utforare/fjallvarden/",
                 "utforare/stangda-mottagningen/"]


@pytest.fixture(scope="module")
def base_url(minimal_site: Path) -> Iterator[str]:
    with serving(minimal_site) as base:
        yield base


@pytest.fixture(scope="module")
def example_url(example_site: Path) -> Iterator[str]:
    with serving(example_site) as base:
        yield base


@contextmanager
def desktop_tab(browser, base_url: str) -> Iterator:
    """A desktop-sized tab that records requests to anywhere but `base_url`: there must be none."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    outside: list[str] = []
    tab = context.new_page()
    tab.on("request", lambda r: None if r.url.startswith(base_url) else outside.append(r.url))
    yield tab
    context.close()
    assert not outside, f"requests to another host: {outside}"


@pytest.fixture
def page(browser, base_url: str):
    with desktop_tab(browser, base_url) as tab:
        yield tab


def names(page) -> list[str]:
    return page.eval_on_selector_all(
        "#jamfor-halsoval tbody tr:not([hidden]) th a", "cells => cells.map(c => c.textContent.trim())")


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
    assert menu.input_value() == "kommun:stigande", "the menu names the column by its key, not its position"
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
        assert cells.count() == 7
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
        assert roles.get("columnheader", 0) == 8, roles
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


# --- choosing on a phone (issue 15) ---------------------------------------------------------
AXE_TAGS = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}"


@pytest.fixture
def phone(browser, example_url: str):
    """A phone-sized tab on the example site that records requests to anywhere else."""
    context = browser.new_context(viewport=PHONE, locale="sv-SE")
    outside: list[str] = []
    tab = context.new_page()
    tab.on("request", lambda r: None if r.url.startswith(example_url) else outside.append(r.url))
    yield tab
    context.close()
    assert not outside, f"requests to another host: {outside}"


def no_sideways_scroll(tab) -> None:
    scroll, client = tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client, f"page is {scroll}px wide on a {client}px screen"


@pytest.mark.parametrize("path", ["utforare/halsocentralen-lit/", "utforare/fjallbjorkens-tandvard/",
                                  "utforare/karrsilvans-fotvard/", "utforare/myrstackens-dagkirurgi/"])
def test_the_answer_is_on_the_first_screen(phone, example_url: str, path: str) -> None:
    """By layout: the whole summary box lies inside the first 375 × 800 screen, under the heading."""
    phone.goto(example_url + path)
    summary = phone.locator("section.insyn-korthet")
    box, heading = summary.bounding_box(), phone.locator("h1").bounding_box()
    assert box is not None and heading is not None
    assert heading["y"] + heading["height"] <= box["y"], "the unit's name comes first"
    assert box["y"] + box["height"] <= PHONE["height"], f"summary ends at {box['y'] + box['height']:.0f}px"
    for fact in ("Öppen eller stängd", "Senaste resultat", "Åtgärder"):
        assert summary.get_by_text(fact, exact=True).is_visible(), fact
    no_sideways_scroll(phone)


def test_charts_are_folded_behind_their_tables(phone, example_url: str) -> None:
    phone.goto(example_url + "utforare/halsocentralen-lit/")
    chart = phone.locator("#diagram-medicinsk-bedomning-inom-3-dagar")
    assert not chart.is_visible(), "the table comes first; the chart waits behind it"
    phone.get_by_text("Visa diagrammen för medicinsk bedömning inom tre dagar").click()
    assert chart.is_visible()
    no_sideways_scroll(phone)


def checked(tab) -> list[str]:
    return tab.eval_on_selector_all("input[data-valj]:checked", "boxes => boxes.map(b => b.dataset.valj)")


def test_compare_chosen_units_side_by_side_and_share_the_choice(phone, example_url: str) -> None:
    phone.goto(example_url + "jamfor/halsoval/")
    status = phone.locator("[data-valda-status]")
    clear = phone.get_by_role("button", name="Ta bort alla val")
    assert phone.get_by_text("Markera två eller tre enheter").is_visible()
    assert not clear.is_visible() and not phone.get_by_role("link", name="Länk till ditt val").is_visible(), \
        "with nothing chosen there is nothing to take away or link to"
    phone.get_by_label("Jämför Hälsocentralen Lit").check()
    assert status.text_content() == "Hälsocentralen Lit är vald. 1 av 3 valda."
    second = phone.get_by_label("Jämför Hälsocentralen Funäsdalen")
    second.focus()
    phone.keyboard.press("Space")  # the keyboard works as well as a tap
    assert status.text_content() == "Hälsocentralen Funäsdalen är vald. 2 av 3 valda."
    view = phone.locator("section.insyn-valda table")
    heads = view.locator("thead th")
    assert [heads.nth(i).text_content().strip() for i in range(heads.count())] == [
        "Hälsocentralen Lit", "Hälsocentralen Funäsdalen"]
    box = view.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], "fits the phone"
    assert view.get_by_text("Medicinsk bedömning inom tre dagar", exact=False).first.is_visible()
    no_sideways_scroll(phone)
    shared = phone.url
    assert "valj=halsocentralen-lit%2Chalsocentralen-funasdalen" in shared or \
        "valj=halsocentralen-lit,halsocentralen-funasdalen" in shared
    phone.get_by_label("Jämför Hälsocentralen Krokom").check()
    fourth = phone.get_by_label("Jämför Hälsocentralen Lugnvik")
    fourth.click()
    assert not fourth.is_checked(), "a fourth unit is refused, and told why"
    assert status.text_content() == "Du kan jämföra högst 3 enheter. Ta bort en först."
    assert len(checked(phone)) == 3
    # The shared address opens the same choice for someone else.
    other = phone.context.new_page()
    other.goto(shared)
    assert sorted(checked(other)) == ["halsocentralen-funasdalen", "halsocentralen-lit"]
    assert other.locator("section.insyn-valda thead th").count() == 2
    other.get_by_role("button", name="Ta bort alla val").focus()
    other.keyboard.press("Enter")
    assert checked(other) == [] and "valj=" not in other.url
    assert other.locator("[data-valda-status]").text_content() == "Alla val är borttagna."
    assert not other.get_by_role("button", name="Ta bort alla val").is_visible()
    assert other.evaluate("document.activeElement.textContent.trim()") == "Dina valda enheter", \
        "the focus stays in the box, not at the page's top"


@pytest.mark.parametrize("odd", ['"x', 'x"]'])
def test_an_odd_choice_in_the_address_is_ignored(phone, example_url: str, odd: str) -> None:
    """A shared address whose ?valj= holds a value no unit has, with a quote in it, still
    opens the units it names; the page's script goes on (its print handler too)."""
    errors: list[str] = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    phone.goto(example_url + "jamfor/halsoval/?valj=" + quote(odd + ",halsocentralen-lit,halsocentralen-bracke"))
    assert sorted(checked(phone)) == ["halsocentralen-bracke", "halsocentralen-lit"]
    heads = phone.locator("section.insyn-valda table thead th")
    assert [heads.nth(i).text_content().strip() for i in range(heads.count())] == [
        "Hälsocentralen Lit", "Hälsocentralen Bräcke"]
    assert phone.locator("[data-valda-status]").text_content() == "Jämför Hälsocentralen Lit, Hälsocentralen Bräcke."
    assert "valj=halsocentralen-lit%2Chalsocentralen-bracke" in phone.url, "the odd value is left out of the address"
    opened = phone.evaluate("""() => {
      const d = document.body.appendChild(document.createElement('details'));
      d.className = 'insyn-diagramvisning';
      window.dispatchEvent(new Event('beforeprint'));
      return d.open;
    }""")
    assert opened, "the print handler, registered after the choice is read, runs"
    assert errors == []


@pytest.fixture(scope="module")
def example_url_as_hosted(example_site: Path) -> Iterator[str]:
    """The example site with the headers of its `_headers`, as Netlify and Cloudflare Pages serve it."""
    with serving(example_site, with_headers_file=True) as base:
        yield base


@pytest.mark.parametrize("served", ["example_url", "example_url_as_hosted"])
def test_near_me_sorts_by_distance_on_the_device(browser, request: pytest.FixtureRequest, served: str) -> None:
    """The position is asked for only when the button is pressed, used in the page, and
    units without a position come last and say so; also where the host sends `_headers`
    (its Permissions-Policy lets the site itself ask for the position)."""
    example_url = request.getfixturevalue(served)
    context = browser.new_context(viewport=PHONE, locale="sv-SE",
                                  geolocation={"latitude": 62.545, "longitude": 12.55}, permissions=["geolocation"])
    outside: list[str] = []
    try:
        tab = context.new_page()
        tab.on("request", lambda r: None if r.url.startswith(example_url) else outside.append(r.url))
        tab.add_init_script("""
          window.__asked = 0;
          const real = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
          navigator.geolocation.getCurrentPosition = (...a) => { window.__asked += 1; return real(...a); };
        """)
        tab.goto(example_url + "jamfor/halsoval/")
        assert tab.evaluate("window.__asked") == 0, "nothing is asked before the button is pressed"
        tab.get_by_role("button", name="Sortera efter avstånd från mig").click()
        status = tab.locator("[data-filter-status]")
        status.filter(has_text=re.compile("Sorterat efter avstånd|gick inte att hämta")).wait_for()
        assert tab.evaluate("window.__asked") == 1
        assert status.text_content() == ("Sorterat efter avstånd från din position, närmast först. "
                                         "1 enhet saknar position och står sist.")
        rows = tab.locator("#jamfor-halsoval tbody tr")
        assert rows.first.get_attribute("data-id") == "halsocentralen-funasdalen"
        assert rows.first.locator("[data-avstand]").text_content().endswith("km bort")
        assert rows.last.get_attribute("data-id") == "kvarnbackens-vardcentral"
        assert rows.last.locator("[data-avstand]").text_content() == "Position saknas, står sist"
        distances = tab.eval_on_selector_all(
            "#jamfor-halsoval tbody tr[data-lat] [data-avstand]",
            "ls => ls.map(l => parseFloat(l.textContent.replace(',', '.')))")
        assert distances == sorted(distances)
        # Or from a place the person picks.
        tab.get_by_label("Eller avstånd från en plats").select_option(label="Östersund")
        assert rows.first.get_attribute("data-kommun") == "2380"
        assert status.text_content().startswith("Sorterat efter avstånd från Östersund")
        no_sideways_scroll(tab)
    finally:
        context.close()
    assert not outside, f"the position went somewhere: {outside}"


@pytest.mark.parametrize("path", ["jamfor/halsoval/?valj=halsocentralen-lit,halsocentralen-bracke",
                                  "jamfor/medicinsk-fotvard/", "utforare/halsocentralen-lit/"])
def test_axe_and_width_while_choosing_on_a_phone(browser, example_url: str, path: str) -> None:
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    try:
        tab = context.new_page()
        tab.goto(example_url + path)
        no_sideways_scroll(tab)
        tab.add_script_tag(path=str(AXE_JS))
        result = tab.evaluate(f"axe.run(document, {AXE_TAGS})")
    finally:
        context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []


def test_print_shows_the_content_without_controls(browser, example_url: str) -> None:
    """Printed, a provider or comparison page keeps its answer and tables and drops menus and controls."""
    context = browser.new_context(viewport={"width": 800, "height": 1100})
    try:
        tab = context.new_page()
        tab.goto(example_url + "jamfor/halsoval/?valj=halsocentralen-lit,halsocentralen-bracke")
        assert tab.locator("form.insyn-filter").is_visible() and tab.locator("section.insyn-valda").is_visible()
        tab.emulate_media(media="print")
        assert not tab.locator("form.insyn-filter").is_visible()
        assert not tab.locator("section.insyn-valda").is_visible()
        assert not tab.locator(".md-header").is_visible() and not tab.locator(".insyn-valj").first.is_visible()
        assert tab.locator("#jamfor-halsoval").is_visible()
        tab.goto(example_url + "utforare/halsocentralen-lit/")
        assert tab.locator("section.insyn-korthet").is_visible()
        tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert tab.locator("#diagram-medicinsk-bedomning-inom-3-dagar").is_visible(), "charts unfold for print"
    finally:
        context.close()


# --- choosing with what the example data lacks ----------------------------------------------
@pytest.fixture(scope="module")
def variants_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The minimal dataset with a unit that has no visiting address (so no kommun) and a name
    that begins with another unit's name, and a choice of one unit, built and served."""
    import shutil

    from tests.support.build import MINIMAL, build_site

    data = tmp_path_factory.mktemp("jamfor-varianter") / "data"
    shutil.copytree(MINIMAL, data)
    (data / "utforare" / "halsocentralen-centrum-norra.yaml").write_text(
        "namn: Hälsocentralen Centrum Norra\ndriftsform: egen_regi\nverksamhetsomraden: [halsoval]\n", encoding="utf-8")
    region = data / "region.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("verksamhetsomraden:\n", (
        "verksamhetsomraden:\n  - {id: fotvard, namn: Medicinsk fotvård, valfrihet: true, lag: LOV, namnd: regionstyrelsen}\n"),
        1), encoding="utf-8")
    (data / "utforare" / "fotvarden.yaml").write_text(
        "namn: Fotvården i Åre\ndriftsform: privat\norganisationsnummer: \"556036-0793\"\nverksamhetsomraden: [fotvard]\n"
        "besoksadress: {gatuadress: Fjällvägen 4, postnummer: 837 52, ort: Åre, kommun: \"2321\"}\n"
        "position: {lat: 63.399, lon: 13.081}\n", encoding="utf-8")
    site = build_site(data, data.parent / "site")
    with serving(site) as base:
        yield base


@pytest.fixture
def variant(browser, variants_url: str):
    with desktop_tab(browser, variants_url) as tab:
        yield tab


def test_a_unit_without_a_kommun_sorts_last_by_kommun(variant, variants_url: str) -> None:
    """Its kommun cell says "Uppgift saknas": sorted as that text, it stood before Åre and
    Östersund, where every other missing value stands last."""
    variant.goto(variants_url + "jamfor/halsoval/")
    variant.get_by_label("Sortera").select_option(label="Kommun, A–Ö")
    assert names(variant) == ["Fjällvårdens Hälsocentral", "Hälsocentralen Centrum", "Hälsocentralen Centrum Norra"]
    variant.locator("#jamfor-halsoval thead th").nth(1).get_by_role("button").click()
    assert names(variant) == ["Hälsocentralen Centrum", "Fjällvårdens Hälsocentral", "Hälsocentralen Centrum Norra"], \
        "Östersund before Åre the other way, the missing kommun still last"


def test_the_unit_column_sorts_as_the_page_is_written(variant, variants_url: str) -> None:
    """A click on "Enhet" sorted by the cell's whole text, which goes on with the hidden
    "Jämför <name>" of its checkbox: "Hälsocentralen Centrum Norra" came before "Hälsocentralen
    Centrum", unlike "Enhet, A–Ö" (the order the page is written in, Swedish)."""
    variant.goto(variants_url + "jamfor/halsoval/")
    written = names(variant)
    assert written == ["Fjällvårdens Hälsocentral", "Hälsocentralen Centrum", "Hälsocentralen Centrum Norra"]
    header = variant.locator("#jamfor-halsoval thead th").first.get_by_role("button")
    header.click()
    assert names(variant) == written
    header.click()
    assert names(variant) == written[::-1]


def test_another_order_after_near_me_says_so_and_can_go_back(phone, example_url: str) -> None:
    """Sorted by distance, then by kommun, the page still said "Sorterat efter avstånd från
    Östersund" with Östersund chosen as the place (choosing it again did nothing), and the
    menu said "Enhet, A–Ö" while the rows were by distance (choosing it did nothing either)."""
    phone.goto(example_url + "jamfor/halsoval/")
    status = phone.locator("[data-filter-status]")
    place, menu = phone.get_by_label("Eller avstånd från en plats"), phone.get_by_label("Sortera", exact=True)
    place.select_option(label="Östersund")
    by_distance = phone.eval_on_selector_all("#jamfor-halsoval tbody tr", "rows => rows.map(r => r.dataset.id)")
    assert menu.evaluate("m => m.options[m.selectedIndex].text") == "Avstånd från Östersund, närmast först"
    menu.select_option(label="Enhet, A–Ö")
    assert names(phone)[:2] == ["Fjällsippans Vårdcentral AB", "Hälsocentralen Brunflo"], "back to the written order"
    assert status.text_content() == "Visar 20 av 20 enheter." and place.input_value() == ""
    assert not phone.locator("#jamfor-halsoval [data-avstand]:not(:empty)").count()
    place.select_option(label="Östersund")
    assert status.text_content().startswith("Sorterat efter avstånd från Östersund")
    menu.select_option(label="Kommun, A–Ö")
    assert status.text_content() == "Visar 20 av 20 enheter." and place.input_value() == ""
    menu.select_option(label="Avstånd från Östersund, närmast först")
    assert phone.eval_on_selector_all("#jamfor-halsoval tbody tr", "rows => rows.map(r => r.dataset.id)") == by_distance
    assert status.text_content().startswith("Sorterat efter avstånd från Östersund")
    no_sideways_scroll(phone)


def in_view(tab, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] < tab.viewport_size["height"] and box["y"] + box["height"] > 0


def test_choosing_far_down_on_a_phone_shows_what_happened_there(phone, example_url: str) -> None:
    """The choice is shown above the table, ten thousand pixels above the fifteenth unit's card:
    ticking "Jämför" there changed nothing in sight, and a fourth unit was refused in words only
    a screen reader heard. Beside the box now: how many are chosen and a link to them."""
    phone.goto(example_url + "jamfor/halsoval/")
    view = phone.locator("section.insyn-valda table")
    for unit in ("Hälsocentralen Svenstavik", "Hälsocentralen Strömsund"):
        phone.get_by_label(f"Jämför {unit}").check()
    box = phone.get_by_label("Jämför Hälsocentralen Strömsund")
    note = phone.locator("#jamfor-halsoval tbody tr", has=box).locator("[data-valj-besked]")
    assert note.is_visible() and in_view(phone, note)
    assert note.text_content() == "2 av 3 valda. Se jämförelsen"
    assert phone.locator("[data-valj-besked]:visible").count() == 1, "only beside the box just ticked"
    assert not in_view(phone, view)
    note.get_by_role("link", name="Se jämförelsen").click()
    phone.wait_for_timeout(100)
    assert in_view(phone, view), "the link leads to the units side by side"
    phone.get_by_label("Jämför Hälsocentralen Lit").check()
    fourth = phone.get_by_label("Jämför Hälsocentralen Lugnvik")
    fourth.click()
    refused = phone.locator("#jamfor-halsoval tbody tr", has=fourth).locator("[data-valj-besked]")
    assert not fourth.is_checked() and in_view(phone, refused)
    assert refused.text_content() == "Du kan jämföra högst 3 enheter. Ta bort en först. Se jämförelsen"
    no_sideways_scroll(phone)


@pytest.mark.parametrize("width", [320, 1280])
def test_a_choice_of_one_unit_offers_nothing_to_filter_sort_or_compare(browser, variants_url: str, width: int) -> None:
    """With one unit the page offered a filter that said "Visar 1 av 1 enheter", a sort, a sort
    by distance and "Jämför" beside it with "Markera två eller tre enheter": none can do anything."""
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="sv-SE")
    try:
        tab = context.new_page()
        tab.goto(variants_url + "jamfor/fotvard/")
        assert tab.locator("#jamfor-fotvard tbody tr").count() == 1
        assert tab.get_by_role("link", name="Fotvården i Åre").is_visible()
        assert tab.locator("form.insyn-filter, section.insyn-valda, .insyn-valj").count() == 0
        assert "Visar 1 av 1" not in tab.locator("article").inner_text()
    finally:
        context.close()


def test_a_shared_choice_with_a_unit_that_has_closed_says_so(variant, variants_url: str) -> None:
    """A link shared before a unit closed opened the others without a word about it: the person
    it was sent to saw two units where three were meant, as if the link were broken."""
    variant.goto(variants_url + "jamfor/halsoval/?valj=fjallvarden,stangda-mottagningen,halsocentralen-centrum")
    assert sorted(checked(variant)) == ["fjallvarden", "halsocentralen-centrum"]
    gone = variant.locator("section.insyn-valda [data-valda-borta]")
    assert gone.is_visible()
    assert gone.text_content() == "Stängda mottagningen går inte att välja längre."
    assert variant.locator("[data-valda-status]").text_content() == (
        "Jämför Fjällvårdens Hälsocentral, Hälsocentralen Centrum. Stängda mottagningen går inte att välja längre.")
    variant.get_by_label("Jämför Hälsocentralen Centrum", exact=True).uncheck()
    assert not gone.is_visible(), "said once, until the choice changes"
