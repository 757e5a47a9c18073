"""The site's search (Pagefind) in Debian chromium, under the site's own security policy.

A reader types an inflected Swedish word in the header's search box, presses Enter, and
reaches the page with the keyboard alone; filters narrow the hits; nothing is fetched from
another host, the policy blocks nothing, and axe-core finds no WCAG 2.1 A/AA violation.
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from playwright.sync_api import expect

from tests.support.build import AXE_JS, MINIMAL, build_site
from tests.support.serving import serving


@pytest.fixture(scope="module")
def site_url(minimal_site: Path) -> Iterator[str]:
    with serving(minimal_site) as base:
        yield base


@pytest.fixture
def tab(browser, site_url: str):
    with _tab(browser, site_url) as page:
        yield page


@contextmanager
def _tab(browser, site_url: str, viewport: dict[str, int] | None = None):
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale="sv-SE")
    outside: list[str] = []
    blocked: list[str] = []
    page = context.new_page()
    page.on("request", lambda r: None if r.url.startswith(site_url) else outside.append(r.url))
    page.on("console", lambda m: blocked.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: blocked.append(str(e)))
    yield page
    context.close()
    assert not outside, f"requests to another host: {outside}"
    assert not blocked, f"errors in the browser (a blocked script or WebAssembly?): {blocked}"


def hits(page) -> list[str]:
    # Waits through locators: the page's policy forbids the eval that wait_for_function uses.
    page.locator("[data-insyn-sok-traffar] li").first.wait_for()
    return page.eval_on_selector_all("[data-insyn-sok-traffar] li a", "links => links.map(a => a.textContent.trim())")


def test_inflected_word_finds_the_unit_and_the_keyboard_reaches_it(tab, site_url: str) -> None:
    tab.goto(site_url + "om/programmet/")
    tab.get_by_role("searchbox", name="Sök på webbplatsen").focus()
    tab.keyboard.type("hälsocentralen")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/sok/?q=h%C3%A4lsocentralen")
    found = hits(tab)
    assert "Fjällvårdens Hälsocentral" in found, found
    assert " träffar" in tab.locator("[data-insyn-sok-status]").text_content()
    assert tab.locator("[data-insyn-sok-traffar] mark").count() > 0, "the words found are marked"
    link = tab.locator("[data-insyn-sok-traffar]").get_by_role("link", name="Fjällvårdens Hälsocentral", exact=True)
    for _ in range(40):
        tab.keyboard.press("Tab")
        if link.evaluate("a => a === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reaches the hit")
    assert link.evaluate("a => a === document.activeElement")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/utforare/fjallvarden/")
    assert tab.locator("h1").text_content().strip() == "Fjällvårdens Hälsocentral"


def test_filters_come_from_the_pages_and_narrow_the_hits(tab, site_url: str) -> None:
    tab.goto(site_url + "sok/?q=h%C3%A4lsocentral")
    assert "Fjällvårdens Hälsocentral" in hits(tab)
    kommuner = tab.get_by_label("Kommun").locator("option").all_text_contents()
    assert kommuner[0] == "Alla kommuner" and "Östersund" in kommuner
    drift = tab.get_by_label("Vem driver enheten").locator("option").all_text_contents()
    assert len(drift) == 3, drift
    tab.get_by_label("Kommun").select_option(label="Östersund")
    expect(tab.locator("[data-insyn-sok-traffar] a", has_text="Fjällvården")).to_have_count(0)
    assert sorted(hits(tab)) == ["Hälsocentralen Centrum", "Stängda mottagningen"], "the units in Östersund only"
    assert "kommun=%C3%96stersund" in tab.url, "the address keeps the choice, so the link can be shared"


@pytest.mark.parametrize(("words", "name"), [("Fjällvårdens Hälsocentral", "Fjällvårdens Hälsocentral"),
                                             ("fjällvårdens", "Fjällvårdens Hälsocentral"),
                                             ("Hälsocentralen Centrum", "Hälsocentralen Centrum"),
                                             ("Stängda mottagningen", "Stängda mottagningen")])
def test_a_providers_name_finds_its_own_page_first(tab, site_url: str, words: str, name: str) -> None:
    """The provider's follow-ups and contracts, named after it and shorter than its page, came
    first (Pagefind ranks by the share of a page's words that match): Fjällvårdens Hälsocentral's
    own page was the fifth hit of its name; in the example data, after every follow-up of a unit."""
    tab.goto(site_url + "sok/?q=" + quote(words))
    found = hits(tab)
    assert found[0] == name, found


@pytest.fixture(scope="module")
def example_url(example_site: Path) -> Iterator[str]:
    with serving(example_site) as base:
        yield base


# Providers of the example data whose own page came far down the hits of their name: 14th, 15th
# and 9th by Pagefind's default ranking, and still 2nd, 4th and 2nd by weighted count alone.
EXAMPLE_PROVIDERS = {
    "fjallsippans-vardcentral": "Fjällsippans Vårdcentral AB",
    "myrbackens-familjelakare": "Myrbäckens Familjeläkare AB",
    "folktandvarden-lugnvik": "Folktandvården Östersund",
    "folktandvarden-bracke": "Folktandvården Bräcke",
    "folktandvarden-jarpen": "Folktandvården Järpen",
    "folktandvarden-stromsund": "Folktandvården Strömsund",
}


def test_a_providers_name_finds_its_own_page_first_in_the_example(browser, example_url: str) -> None:
    """With the follow-ups of several years, a provider's own page came after all of them (one
    provider in 41 was found first by its name); ranked by weighted count with the provider's
    heading weighing most (data-pagefind-weight), each is first."""
    with _tab(browser, example_url) as page:
        page.goto(example_url + "sok/")
        listed = page.locator("[data-insyn-sok-traffar] li a")
        first = {}
        for name in EXAMPLE_PROVIDERS.values():
            page.get_by_label("Sökord").fill("")
            expect(listed).to_have_count(0)
            page.get_by_label("Sökord").fill(name)
            listed.first.wait_for()
            first[name] = listed.first.get_attribute("href")
    assert first == {name: f"/utforare/{folder}/" for folder, name in EXAMPLE_PROVIDERS.items()}


def test_every_hit_can_be_reached_with_the_keyboard(browser, example_url: str) -> None:
    """Only the first 20 hits were shown, and nothing led to the others: the 21st health
    centre of the example data could not be reached from the choice 'Hälsocentraler'."""
    with _tab(browser, example_url, {"width": 390, "height": 844}) as page:
        page.goto(example_url + "sok/?verksamhetsomrade=" + quote("Hälsocentraler (Hälsoval)"))
        status = page.locator("[data-insyn-sok-status]")
        expect(status).to_have_text("21 träffar. De 20 första visas.")
        listed = page.locator("[data-insyn-sok-traffar] li a")
        expect(listed).to_have_count(20)
        more = page.get_by_role("button", name="Visa fler träffar")
        more.focus()
        page.keyboard.press("Enter")
        expect(listed).to_have_count(21)
        expect(status).to_have_text("21 träffar.")
        expect(listed.nth(20)).to_be_focused()  # the reader goes on from the first hit added
        expect(more).to_be_hidden()
        assert len(set(listed.evaluate_all("links => links.map(a => a.href)"))) == 21, "each hit once"
        page.get_by_label("Verksamhet").select_option(value="")
        page.get_by_label("Sökord").fill("tandvård")
        expect(status).to_contain_text("De 20 första visas.")
        expect(listed).to_have_count(20)
        expect(more).to_be_visible()


def test_a_word_that_is_nowhere_says_so(tab, site_url: str) -> None:
    tab.goto(site_url + "sok/?q=zyxwvu")
    expect(tab.locator("[data-insyn-sok-status]")).to_have_text("Inga träffar. Pröva ett annat ord eller färre val.")
    assert tab.locator("[data-insyn-sok-traffar] li").count() == 0


def test_axe_finds_nothing_on_the_search_page_with_hits(browser, site_url: str) -> None:
    """WCAG 2.1 A/AA, and landmark-unique: the header's box and the page's form were two
    unnamed search landmarks."""
    context = browser.new_context(bypass_csp=True)  # only to inject the checker
    try:
        page = context.new_page()
        page.goto(site_url + "sok/?q=h%C3%A4lsocentral")
        hits(page)
        assert page.get_by_role("search", name="Sök på webbplatsen").count() == 1
        assert page.get_by_role("search", name="Sök med filter").count() == 1
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate(
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
            " rules: {'landmark-unique': {enabled: true}}})")
    finally:
        context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []


def test_index_holds_page_content_not_the_navigation(minimal_site: Path) -> None:
    """Pagefind indexes only data-pagefind-body: the menu's words are in no fragment."""
    fragments = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):])
                 for p in (minimal_site / "pagefind" / "fragment").glob("*.pf_fragment")]
    urls = {f["url"] for f in fragments}
    assert "/utforare/fjallvarden/" in urls
    assert "/sok/" not in urls, "the search page itself is not a hit"
    provider = next(f for f in fragments if f["url"] == "/utforare/fjallvarden/")
    assert provider["meta"]["title"] == "Fjällvårdens Hälsocentral"
    assert "Tillgänglighet" not in provider["content"].split("Fjällvårdens Hälsocentral", 1)[0], \
        "the navigation before the content is not indexed"
    assert set(provider["filters"]) == {"kommun", "verksamhetsomrade", "driftsform"}
    assert "ändrad" not in provider["content"], "the line on the last change, alike on every page, filled the excerpts"
    assert not (minimal_site / "search" / "search_index.json").exists(), "lunr's whole-site index is gone"


# Values that hold text looking like markup or a character reference: the search shows each
# exactly as written, in a hit's title, its excerpt and the filters, as the pages do.
LITERAL_NAME = "Fjällvården &lt;b&gt; &amp; Co <i>x</i> &#65;"
LITERAL_KOMMUN = "Åre &lt;by&gt; &amp;amp; &nbsp;"
LITERAL_OMRADE = "Hälsocentraler &lt;Hälsoval&gt; & mer"


@pytest.fixture(scope="module")
def literal_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("ordagrant") / "data"
    shutil.copytree(MINIMAL, data)
    for name, change in [("utforare/fjallvarden.yaml", lambda doc: doc.update(namn=LITERAL_NAME)),
                         ("region.yaml", lambda doc: (doc["kommuner"][1].update(namn=LITERAL_KOMMUN),
                                                      doc["verksamhetsomraden"][0].update(namn=LITERAL_OMRADE)))]:
        file = data / name
        doc = yaml.safe_load(file.read_text(encoding="utf-8"))
        change(doc)
        file.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = build_site(data, data.parent / "site")
    with serving(site) as base:
        yield base


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}])
def test_a_value_shows_exactly_as_written_in_hits_and_filters(browser, literal_url: str, viewport) -> None:
    """Pagefind escapes < and > in an excerpt but not &, and decodes a filter's value twice:
    a name holding the text `&lt;` was shown as `<`, `&#65;` as `A`, in the hit's excerpt and
    in the filters."""
    with _tab(browser, literal_url, viewport) as page:
        page.goto(literal_url + "sok/?q=Fj%C3%A4llv%C3%A5rden")
        hit = page.locator("[data-insyn-sok-traffar] li").filter(
            has=page.get_by_role("link", name=LITERAL_NAME, exact=True)).first
        hit.wait_for()
        excerpt = hit.locator("p").text_content()
        assert LITERAL_NAME in excerpt, excerpt
        assert hit.locator("mark").first.text_content() == "Fjällvården", "the word found is marked"
        assert LITERAL_KOMMUN in page.get_by_label("Kommun").locator("option").all_text_contents()
        assert LITERAL_OMRADE in page.get_by_label("Verksamhet").locator("option").all_text_contents()
        page.get_by_label("Kommun").select_option(label=LITERAL_KOMMUN)
        expect(page.locator("[data-insyn-sok-status]")).to_have_text("1 träff.")
        assert hits(page) == [LITERAL_NAME], "the filter's value is the one the page gave it"
