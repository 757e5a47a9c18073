"""The example site with the keyboard alone, in a real browser: every control it reaches
shows that it has the focus, and nothing it reaches is out of sight (WCAG 2.1.1, 2.4.3,
2.4.7), on a phone (390 × 844) and on a desktop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.build import AXE_JS, build_site, run_insyn
from tests.support.serving import serving

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# What the focused element is and where, and whether it shows the focus.
FOCUSED = """() => {
  const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return {tag: e.tagName, cls: String(e.className), text: (e.getAttribute('aria-label') || e.textContent).trim(),
          expanded: e.getAttribute('aria-expanded'),
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
    """A tab of the given viewport size (PHONE unless parametrised indirectly). The site's
    Content-Security-Policy forbids injected scripts; only the checker, axe, needs the bypass."""
    context = browser.new_context(viewport=getattr(request, "param", PHONE), locale="sv-SE", bypass_csp=True)
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


def tab_until(tab, selector: str, limit: int = 60) -> list[dict]:
    """Every element Tab stops on, from the focused one until one that matches `selector`."""
    stops = []
    for _ in range(limit):
        tab.keyboard.press("Tab")
        stops.append(focused(tab))
        if tab.evaluate("s => document.activeElement.matches(s)", selector):
            return stops
    raise AssertionError(f"{selector} not reached in {limit} stops: {[s['text'][:30] for s in stops]}")


def test_a_phone_tabs_past_the_hidden_column_headers(tab, example_url: str) -> None:
    """The cards' column headers are hidden from sight (not from screen readers): their sort
    buttons were 13 invisible stops between the filter and the first unit."""
    tab.goto(example_url + "jamfor/halsoval/")
    tab.get_by_label("Kommun").focus()
    stops = tab_until(tab, "#jamfor-halsoval tbody tr:first-child th a")
    unseen = [s["text"][:40] for s in stops if "insyn-sortera" in s["cls"] or not (s["width"] and s["height"])]
    assert unseen == [], f"focus went out of sight: {unseen}"
    # The headers still name the columns to a screen reader, and sort on a wide screen.
    assert tab.get_by_role("columnheader", name="Kommun").count() == 1
    tab.set_viewport_size(DESKTOP)
    tab.get_by_label("Kommun").focus()
    stops = tab_until(tab, "#jamfor-halsoval tbody tr:first-child th a")
    assert sum("insyn-sortera" in s["cls"] for s in stops) == 13


# Links on white and on the tables' stripes: (page, the link, focused or hovered).
LINKS = [
    ("jamfor/halsoval/", ".md-typeset .insyn-lead a, .md-typeset p a", "focus"),
    ("jamfor/halsoval/", "#jamfor-halsoval tbody tr:nth-child(2) th a", "hover"),  # #f8f8fa
    ("jamfor/halsoval/", "#jamfor-halsoval tbody tr:nth-child(2) th a", "focus"),
    ("jamfor/halsoval/?valj=halsocentralen-lit,halsocentralen-bracke", ".insyn-valda thead th a", "hover"),  # #eef0f6
    ("jamfor/halsoval/", ".md-sidebar--primary .md-nav__link[href]", "hover"),
    ("utforare/halsocentralen-lit/", ".md-typeset p a", "focus"),
    ("utforare/halsocentralen-lit/", "#utforare-uppfoljningar tbody tr:nth-child(2) a", "hover"),
    ("utforare/halsocentralen-lit/", ".md-sidebar--primary .md-nav__link[href]", "focus"),
]


@pytest.mark.parametrize("tab", [DESKTOP], indirect=True)
def test_a_focused_or_hovered_link_keeps_its_contrast(tab, example_url: str) -> None:
    """Material gave such a link its accent colour, #526cfe: 4.25:1 on white and less on the
    stripes, under the 4.5:1 of WCAG 1.4.3."""
    found = {}
    for path, selector, how in LINKS:
        tab.goto(example_url + path)
        link = tab.locator(selector + " >> visible=true").first  # a link shown (a hidden one has no colour to check)
        link.scroll_into_view_if_needed()
        getattr(link, how)()
        tab.add_script_tag(path=str(AXE_JS))
        result = link.evaluate("a => axe.run(a, {runOnly: {type: 'rule', values: ['color-contrast']}})")
        for v in result["violations"]:
            found[f"{path} {how} {selector}"] = [n["any"][0]["message"] for n in v["nodes"]]
    assert not found, "\n".join(f"{where}: {messages}" for where, messages in found.items())


@pytest.mark.parametrize("tab", [DESKTOP], indirect=True)
def test_the_back_to_top_button_keeps_its_contrast(tab, example_url: str) -> None:
    """Hovered, "Tillbaka till toppen" was white on the accent colour: 4.25:1."""
    tab.goto(example_url + "jamfor/halsoval/")
    tab.mouse.wheel(0, 3000)
    tab.wait_for_timeout(200)
    tab.mouse.wheel(0, -300)  # the button shows when one scrolls back up
    top = tab.get_by_role("button", name="Tillbaka till toppen")
    top.hover()
    tab.add_script_tag(path=str(AXE_JS))
    result = top.evaluate("b => axe.run(b, {runOnly: {type: 'rule', values: ['color-contrast']}})")
    assert [n["any"][0]["message"] for v in result["violations"] for n in v["nodes"]] == []


@pytest.mark.parametrize("tab", [DESKTOP], indirect=True)
@pytest.mark.parametrize("how", ["focus", "hover"])
def test_the_search_button_keeps_its_contrast(tab, example_url: str, how: str) -> None:
    """Focused or hovered, the search page's "Sök" was white on the accent colour: 4.25:1."""
    tab.goto(example_url + "sok/")
    button = tab.locator(".md-content").get_by_role("button", name="Sök", exact=True)
    getattr(button, how)()
    tab.add_script_tag(path=str(AXE_JS))
    result = button.evaluate("b => axe.run(b, {runOnly: {type: 'rule', values: ['color-contrast']}})")
    assert [n["any"][0]["message"] for v in result["violations"] for n in v["nodes"]] == []


def on_screen(stop: dict, viewport: dict) -> bool:
    return (stop["width"] > 0 and stop["height"] > 0 and stop["x"] + stop["width"] > 0 and stop["x"] < viewport["width"]
            and stop["y"] + stop["height"] > 0 and stop["y"] < viewport["height"])


# Whether the focused element is what one sees where it lies: not under another, not
# faded out or hidden (a closed panel is transparent until it slides in).
IN_SIGHT = """() => {
  const e = document.activeElement, r = e.getBoundingClientRect();
  const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  let shown = getComputedStyle(e).visibility === 'visible';
  for (let n = e; n; n = n.parentElement) shown = shown && getComputedStyle(n).opacity === '1';
  return shown && !!top && (e.contains(top) || top.contains(e));
}"""


def in_sight(tab) -> bool:
    return tab.evaluate(IN_SIGHT)


def open_menu(tab, example_url: str, path: str) -> None:
    tab.goto(example_url + path)
    tab.get_by_role("button", name="Meny", exact=True).focus()
    tab.keyboard.press("Enter")
    tab.wait_for_function("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    tab.wait_for_timeout(300)  # the panel's own fade


def menu_stops(tab, key: str, until: str | None = None) -> list[dict]:
    """The focused element and each one `key` moves to, while the focus stays in the menu
    (Tab out of it closes the menu) or until one that matches `until`; each waits for a
    panel's slide to end."""
    stops = [focused(tab) | {"seen": in_sight(tab)}]
    for _ in range(40):
        tab.keyboard.press(key)
        tab.wait_for_timeout(300)
        if not tab.evaluate("document.querySelector('.md-sidebar--primary').contains(document.activeElement)"):
            return stops
        stops.append(focused(tab) | {"seen": in_sight(tab)})
        if until and tab.evaluate("s => document.activeElement.matches(s)", until):
            return stops
    raise AssertionError(f"the focus never left the menu: {[s['text'][:30] for s in stops]}")


def test_the_menus_sections_open_and_close_with_the_keyboard(tab, example_url: str) -> None:
    """In the drawer a section opens as a panel over the first level, by a label Tab never
    reached, and goes back by another; the closed panels' links and those under the open
    one were Tab stops out of sight."""
    open_menu(tab, example_url, "om/programmet/")
    panel = menu_stops(tab, "Tab")
    assert [s["text"] for s in panel] == ["Om programmet", "Så går uppföljningen till"], [s["text"][:30] for s in panel]
    assert all(s["seen"] and s["outline"] for s in panel), panel

    open_menu(tab, example_url, "om/programmet/")
    tab.keyboard.press("Shift+Tab")
    assert focused(tab)["text"] == "Om uppföljningen, tillbaka" and focused(tab)["tag"] == "BUTTON" and in_sight(tab)
    tab.keyboard.press("Enter")  # back to the first level, on the section's opener
    tab.wait_for_timeout(300)
    back = focused(tab)
    assert back["text"] == "Om uppföljningen" and back["expanded"] == "false" and in_sight(tab), back
    assert not tab.locator("#__nav_4").is_checked()
    menu_stops(tab, "Shift+Tab", until=".md-sidebar--primary .md-logo")
    level = menu_stops(tab, "Tab")
    assert [s["text"] for s in level] == [
        "Insyn – uppföljning av utförare", "Start", "Jämför utförare", "Uppföljning och avtal", "Om uppföljningen", "Om datan", "Tillgänglighet",
    ], [s["text"][:30] for s in level]
    assert all(s["seen"] and s["outline"] for s in level), [s for s in level if not (s["seen"] and s["outline"])]

    open_menu(tab, example_url, "om/programmet/")
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Enter")
    tab.wait_for_timeout(300)
    tab.get_by_role("button", name="Om datan", exact=True).focus()
    tab.keyboard.press(" ")  # Space opens it too, on its first item
    tab.wait_for_timeout(300)
    assert tab.locator(".insyn-panelknapp[data-for='__nav_5'][aria-expanded]").get_attribute("aria-expanded") == "true"  # under its panel now
    opened = menu_stops(tab, "Tab")
    assert [s["text"] for s in opened] == ["Om datan", "Datakatalog"], [s["text"][:30] for s in opened]
    assert all(s["seen"] for s in opened)


@pytest.mark.parametrize("tab", [DESKTOP], indirect=True)
def test_the_desktop_sections_stay_headings(tab, example_url: str) -> None:
    """On a wide screen the sections are always open: their labels are no buttons there."""
    tab.goto(example_url + "om/programmet/")
    assert tab.get_by_role("button", name="Om datan").count() == 0
    assert tab.locator(".md-sidebar--primary label[for='__nav_5']").first.is_visible()
    tab.set_viewport_size(PHONE)  # 400 % zoom, or a window made narrow
    assert tab.get_by_role("button", name="Om datan", exact=True).count() == 1


def test_the_menu_opens_with_the_keyboard_on_a_phone(tab, example_url: str) -> None:
    """Material's menu button, a <label>, was never reached by Tab and had no name, while the
    closed drawer's logo and some 19 links, off the screen's left edge, were."""
    tab.goto(example_url + "utforare/halsocentralen-lit/")
    stops = tab_until(tab, ".md-content a[href]")
    unseen = [s["text"][:40] for s in stops if not on_screen(s, PHONE)]
    assert unseen == [], f"focus went off the screen: {unseen}"
    menu = tab.get_by_role("button", name="Meny", exact=True)
    assert [s["text"] for s in stops].count("Meny") == 1, [s["text"][:30] for s in stops]
    assert menu.get_attribute("aria-expanded") == "false"

    menu.focus()
    tab.keyboard.press("Enter")
    assert tab.locator("#__drawer").is_checked() and menu.get_attribute("aria-expanded") == "true"
    tab.wait_for_function("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    first = focused(tab)
    assert tab.evaluate("document.querySelector('.md-sidebar--primary').contains(document.activeElement)"), first
    assert first["tag"] == "A" and on_screen(first, PHONE) and first["outline"], first
    assert first["text"] == "Start", "the menu's first item (the logo above it is the header's too)"
    tab.keyboard.press("Tab")
    assert on_screen(focused(tab), PHONE) and focused(tab)["text"] == "Jämför utförare", "the first section's opener"

    tab.keyboard.press("Escape")
    assert not tab.locator("#__drawer").is_checked() and menu.get_attribute("aria-expanded") == "false"
    assert focused(tab)["text"] == "Meny", "the focus goes back to the button"
    tab.keyboard.press(" ")  # Space opens it too
    assert menu.get_attribute("aria-expanded") == "true"


def test_the_menu_opened_in_a_section_focuses_its_first_item_in_sight(tab, example_url: str) -> None:
    """On a page in a section the menu opens on that section's panel, which covers the first
    level (the logo, Start): the focus goes to the panel's first item, not under the panel.
    On a phone that is the page's own, which opens its contents."""
    tab.goto(example_url + "om/programmet/")
    tab.get_by_role("button", name="Meny", exact=True).focus()
    tab.keyboard.press("Enter")
    tab.wait_for_function("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    tab.wait_for_timeout(300)  # the panel's own fade
    first = focused(tab)
    assert in_sight(tab) and on_screen(first, PHONE) and first["outline"], first
    assert first["text"] == "Om programmet" and first["tag"] == "BUTTON" and first["expanded"] == "false", first


@pytest.mark.parametrize("tab", [DESKTOP], indirect=True)
def test_the_desktop_menu_is_the_sidebar_in_the_tab_order(tab, example_url: str) -> None:
    tab.goto(example_url + "utforare/halsocentralen-lit/")
    assert not tab.get_by_role("button", name="Meny", exact=True).is_visible()
    stops = tab_until(tab, ".md-sidebar--primary a.md-nav__link[href]")
    assert on_screen(stops[-1], DESKTOP) and stops[-1]["text"] == "Start"


# A word no line can break: a name run together, an address without spaces.
LONG_WORD = "Fjällvårdens" + "hälsocentralsverksamhet" * 8
LONG_URL = "https://www.fjallvarden.example/" + "/".join(["halsocentraler-i-jamtland-harjedalen"] * 5) + "/kontakt"


@pytest.fixture(scope="module")
def long_words_url(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The minimal dataset with the long word and address in a provider's values and a key
    figure's description, which `insyn validate` accepts, built and served."""
    import shutil

    from tests.support.build import MINIMAL

    data = tmp_path_factory.mktemp("langa-ord") / "data"
    shutil.copytree(MINIMAL, data)
    provider = data / "utforare" / "fjallvarden.yaml"
    provider.write_text(provider.read_text(encoding="utf-8").replace("Fjällvården Holding", LONG_WORD) + (
        f'beskrivning: "Läs mer på {LONG_URL}"\n'
        f'tjanster: ["{LONG_WORD}", "{LONG_URL}"]\n'
        f"kontakt:\n  webbplats: {LONG_URL}\n"), encoding="utf-8")
    figures = data / "nyckeltal.yaml"
    text = figures.read_text(encoding="utf-8")
    figures.write_text(text.replace("Genomsnittlig väntetid i dagar.", f"Genomsnittlig väntetid i dagar, se {LONG_URL}", 1),
                       encoding="utf-8")
    assert LONG_URL in figures.read_text(encoding="utf-8")
    checked = run_insyn("validate", str(data))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site = build_site(data, data.parent / "site")
    with serving(site) as base:
        yield base


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("path", ["utforare/fjallvarden/", "jamfor/halsoval/"])
def test_a_long_word_in_the_facts_does_not_widen_the_page(browser, long_words_url: str, width: int, path: str) -> None:
    """The facts' grid (dl.insyn-fakta) took the width of its longest word: the whole page
    scrolled sideways on a phone (WCAG 1.4.10)."""
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="sv-SE")
    try:
        tab = context.new_page()
        tab.goto(long_words_url + path)
        assert tab.get_by_text(LONG_URL).first.is_visible()
        scroll, inner = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, f"{path} is {scroll}px wide on a {inner}px screen"
    finally:
        context.close()
