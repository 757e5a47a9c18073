"""The citizen pages as a reader meets them: the start page, a comparison page, provider pages.

Everything is read from the minimal fixture built through the real pipeline (real MkDocs),
with an HTML parser, by headings, rows, links and text – the way a person finds things.
Golden files of the generated block: `INSYN_UPDATE_GOLDEN=1 pytest tests/test_pages_citizen.py`.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from generator.pages import charts
from tests.support.build import render_pages
from tests.support.html import Node, assert_matches_golden, insyn_block, page_source, parse

GOLDEN = Path(__file__).parent / "golden" / "citizen"
GOLDEN_PAGES = ["jamfor/halsoval", "utforare/fjallvarden", "utforare/halsocentralen-centrum",
                "utforare/stangda-mottagningen", "index"]
CANARIES = ("HEMLIG-KANARIE-SEKRETESS", "HEMLIG-KANARIE-EJ-PUBLIK")
@pytest.fixture(scope="module")
def read(minimal_site: Path):
    def _read(page: str) -> str:
        path = minimal_site / ("index.html" if page == "index" else f"{page}/index.html")
        return path.read_text(encoding="utf-8")
    return _read


def rows(table: Node) -> list[Node]:
    return table.one("tbody").all("tr")


def clean(text: str) -> str:
    return text.replace("\u00a0", " ")


# --- start page --------------------------------------------------------------------------
def test_start_page_offers_three_ways_in(read) -> None:
    doc = parse(insyn_block(read("index")))
    links = {a.attrs["href"]: clean(a.text) for a in doc.all("a")}
    choose = doc.section("Välj vård eller tandvård")
    assert [a.attrs["href"] for a in choose.all("a")] == ["jamfor/halsoval/"], "only choice areas are offered"
    assert "2 enheter" in clean(choose.text), "the closed unit is not counted as a choice"
    for target in ("listor/uppfoljningar/", "listor/avtal-utan-insynsklausul/", "listor/atgarder/",
                   "listor/dokument/", "mal/god-och-nara-vard/", "uppfoljningsplaner/regionstyrelsen-2026/"):
        assert target in links, target
    for target in ("oppna-data/datapackage.json", "oppna-data/insyn.zip", "oppna-data/insyn.xlsx",
                   "oppna-data/dcat.rdf", "om-datan/datakatalog/"):
        assert target in links, target
    updated = doc.one("time", datetime="2026-10-01")
    assert updated.text == "1 oktober 2026"


def test_every_page_says_it_is_example_data(read, minimal_site: Path) -> None:
    for page in ("index", "jamfor/halsoval", "utforare/fjallvarden"):
        banner = parse(read(page)).one("p", **{"class": "insyn-exempeldata"})
        assert "Exempeldata – inte verkliga uppgifter" in banner.text
        assert not banner.all("button"), "the banner cannot be dismissed"
    not_found = (minimal_site / "404.html").read_text(encoding="utf-8")
    assert "Exempeldata – inte verkliga uppgifter" in parse(not_found).one("p", **{"class": "insyn-exempeldata"}).text


def test_every_page_says_how_to_reach_the_region(read, minimal_site: Path) -> None:
    """The footer names who publishes and how to reach them; the accessibility statement
    sends readers there to report problems (DOS-lagen)."""
    for html in (read("index"), read("utforare/fjallvarden"), read("om/tillganglighet"),
                 (minimal_site / "404.html").read_text(encoding="utf-8")):
        footer = parse(html).one("div", **{"class": "md-copyright insyn-kontakt"})
        assert "Kontakta Region Exempelland" in clean(footer.text)
        links = {a.attrs["href"]: clean(a.text) for a in footer.all("a")}
        statement = next(href for href, text in links.items() if text == "Tillgänglighetsredogörelse")
        assert statement.endswith("om/tillganglighet/") or statement == "./", "the statement is linked from every page"
        del links[statement]
        assert links == {"mailto:insyn@example.org": "insyn@example.org", "tel:+4663147500": "063-14 75 00",
                         "https://www.regionjh.se": "www.regionjh.se"}
    assert "längst ner på varje sida" in parse(read("om/tillganglighet")).section(
        "Rapportera brister i webbplatsens tillgänglighet").text


def test_accessibility_statement_has_every_element_digg_requires(read) -> None:
    """MDFFS 2019:2 § 3 and Digg's model statement, element by element."""
    page = parse(read("om/tillganglighet")).one("article")
    text = clean(page.text)
    assert "Region Jämtland Härjedalen står bakom webbplatsen Insyn – uppföljning av utförare" in text, "actor and service"
    assert "Webbplatsen är delvis förenlig med lagen" in text, "helt, delvis eller inte förenlig"
    headings = [clean(h.text) for h in page.iter() if h.tag in ("h2", "h3")]
    for heading in ("Innehåll som inte är tillgängligt", "Oskäligt betungande anpassning",
                    "Innehåll som inte omfattas av lagen", "Rapportera brister i webbplatsens tillgänglighet",
                    "Tillsyn", "Hur vi testat webbplatsen", "Vad kan du göra om du inte kan använda delar av webbplatsen?"):
        assert heading in headings, heading
    assert "självskattning" in text, "the method of assessment"
    assert re.search(r"Bedömningen gjordes senast den \d+ \w+ \d{4}", text), "date of the assessment"
    assert re.search(r"Redogörelsen uppdaterades senast den \d+ \w+ \d{4}", text), "date of the last update"
    assert page.one("a", href="https://www.digg.se/tdosanmalan"), "Digg's reporting procedure"
    assert "i ett annat format" in text, "how to ask for content in an accessible format (15 §)"


def test_no_banner_when_the_data_is_real(dataset: Path, tmp_path: Path) -> None:
    from tests.support.build import build_site

    region = dataset / "region.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("exempeldata: true", "exempeldata: false"),
                      encoding="utf-8")
    site = build_site(dataset, tmp_path / "site")
    assert "Exempeldata" not in (site / "index.html").read_text(encoding="utf-8")


def test_an_address_with_url_characters_in_it_stays_one_recipient(dataset: Path, tmp_path: Path) -> None:
    """RFC 5322 allows "?", "&", "=" and "%" in an address's local part, and so does the contract.
    Each mailto: link, the footer's, a provider page's and the DCAT catalog's, percent-encodes
    them (RFC 6068): the link writes to that address, with no added recipient, subject or body.
    The page shows the address as written."""
    from rdflib import Graph, URIRef

    from tests.support.build import build_site, run_insyn

    region_epost = "x%40evil.example?body=@regionjh.se"
    unit_epost = "insyn?cc=x%40evil.example&subject=Hej@regionjh.se"
    region = dataset / "region.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace(
        "epost: insyn@example.org", f'epost: "{region_epost}"'), encoding="utf-8")
    unit = dataset / "utforare" / "halsocentralen-centrum.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace(
        "kontakt:\n", f'kontakt:\n  epost: "{unit_epost}"\n'), encoding="utf-8")
    assert run_insyn("validate", str(dataset)).returncode == 0, "the contract accepts both addresses"
    site = build_site(dataset, tmp_path / "site")

    def links_to(node: Node, epost: str) -> list[str]:
        """The links that show `epost` as their text."""
        return [a.attrs["href"] for a in node.all("a") if a.text == epost]

    unit_page = parse((site / "utforare" / "halsocentralen-centrum" / "index.html").read_text(encoding="utf-8"))
    assert links_to(unit_page.one("article"), unit_epost) == [
        "mailto:insyn%3Fcc%3Dx%2540evil.example%26subject%3DHej@regionjh.se"]
    for page in ("index.html", "utforare/halsocentralen-centrum/index.html", "404.html"):
        footer = parse((site / page).read_text(encoding="utf-8")).one("div", **{"class": "md-copyright insyn-kontakt"})
        assert links_to(footer, region_epost) == ["mailto:x%2540evil.example%3Fbody%3D@regionjh.se"], page
    rdf = Graph().parse(site / "oppna-data" / "dcat.rdf", format="xml")
    mailto = URIRef("mailto:x%2540evil.example%3Fbody%3D@regionjh.se")
    foaf, vcard = "http://xmlns.com/foaf/0.1/", "http://www.w3.org/2006/vcard/ns#"
    assert set(rdf.objects(None, URIRef(foaf + "mbox"))) == {mailto}
    assert set(rdf.objects(None, URIRef(vcard + "hasEmail"))) == {mailto}


# --- comparison page ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def jamfor(read) -> Node:
    return parse(insyn_block(read("jamfor/halsoval")))


def unit_rows(table: Node) -> dict[str, Node]:
    """Comparison rows by the unit's name (the link in the row heading)."""
    return {r.one("th").one("a").text: r for r in rows(table)}


def test_comparison_has_egen_regi_and_private_in_one_table(jamfor: Node) -> None:
    table = jamfor.one("table", id="jamfor-halsoval")
    names = [r.one("th").one("a").text for r in rows(table)]
    assert names == ["Fjällvårdens Hälsocentral", "Hälsocentralen Centrum"]
    by_name = unit_rows(table)
    assert by_name["Hälsocentralen Centrum"].attrs == {
        "data-id": "halsocentralen-centrum", "data-kommun": "2380", "data-driftsform": "egen_regi"}
    assert by_name["Fjällvårdens Hälsocentral"].attrs == {
        "data-id": "fjallvarden", "data-kommun": "2321", "data-driftsform": "privat"}
    assert "Regionen (egen regi)" in by_name["Hälsocentralen Centrum"].text
    assert "Privat företag" in by_name["Fjällvårdens Hälsocentral"].text
    assert "Åre" in by_name["Fjällvårdens Hälsocentral"].text


def test_closed_unit_is_not_a_choice_but_is_reachable(jamfor: Node, minimal_site: Path) -> None:
    table = jamfor.one("table", id="jamfor-halsoval")
    assert "Stängda mottagningen" not in table.text
    closed = jamfor.section("Stängda enheter")
    link = closed.one("a")
    assert link.text == "Stängda mottagningen"
    assert (minimal_site / "jamfor/halsoval" / link.attrs["href"] / "index.html").resolve().is_file()
    assert "30 juni 2024" in closed.text


def test_missing_value_says_so_and_why(jamfor: Node) -> None:
    row = next(r for r in rows(jamfor.one("table", id="jamfor-halsoval")) if "Fjällvården" in r.text)
    cells = row.all("td")
    assert clean(cells[2].text) == "För få svar för att redovisa (2025)", "too few answers: said so, with its period"
    assert cells[2].attrs["data-sort-value"] == "", "a missing value sorts last, not as zero"
    assert clean(cells[3].text) == "4,5 dagar (2025) – Mätt med ny metod från 2025", "every value shows its date"


def test_key_figures_show_direction_target_and_reference_values(jamfor: Node) -> None:
    table = jamfor.one("table", id="jamfor-halsoval")
    headers = [clean(th.text) for th in table.one("thead").all("th")]
    assert "Medicinsk bedömning inom 3 dagar ↑ Högre är bättre Mål: 90 %" in headers
    assert "Väntetid till besök ↓ Lägre är bättre" in headers
    foot = {clean(r.one("th").text): [clean(td.text) for td in r.all("td")] for r in table.one("tfoot").all("tr")}
    assert foot["Regionen som helhet"][2] == "84,0 % (2025)", "under the column of the key figure"
    assert foot["Riket"][2] == "80,2 % (2025)"


def test_latest_result_and_late_measures_per_provider(jamfor: Node) -> None:
    by_name = unit_rows(jamfor.one("table", id="jamfor-halsoval"))
    private = by_name["Fjällvårdens Hälsocentral"].all("td")
    assert "Uppfyller kraven delvis" in private[4].text
    assert private[4].one("a").attrs["href"] == "../../uppfoljningar/vb-fjallvarden-2025/"
    assert clean(private[6].text) == "1 inte klar, 1 försenad"
    own = by_name["Hälsocentralen Centrum"].all("td")
    assert "Uppfyller kraven" in own[4].text and own[6].text == "Inga"


def test_comparison_works_without_javascript(jamfor: Node) -> None:
    form = jamfor.one("form", **{"data-filter-for": "jamfor-halsoval"})
    assert "hidden" in form.attrs, "the filter is shown only when the script can run it"
    assert {s.attrs.get("name") for s in form.all("select")} == {"kommun", "driftsform", None}
    sorter = form.one("select", **{"data-sort-select": ""})
    assert "name" not in sorter.attrs, "the sort menu sorts; it is not a filter"
    assert [o.text for o in sorter.all("option")][:2] == ["Enhet, A–Ö", "Kommun, A–Ö"]
    assert [o.text for o in sorter.all("option")][2:4] == [
        "Medicinsk bedömning inom 3 dagar, bäst (högst) först", "Väntetid till besök, bäst (lägst) först"]
    region = next(n for n in jamfor.iter() if n.attrs.get("role") == "region")
    assert region.attrs["tabindex"] == "0" and region.attrs["aria-labelledby"] == "jamfor-halsoval-rubrik"
    assert "data-sortable" in jamfor.one("table", id="jamfor-halsoval").attrs


def test_comparison_names_the_legal_basis(jamfor: Node) -> None:
    assert "kommunallagen 8 kap. 18 §" in jamfor.section("Varför vi visar det här").text


def test_only_choice_areas_get_a_comparison_page(minimal_site: Path) -> None:
    assert (minimal_site / "jamfor/halsoval/index.html").is_file()
    assert not (minimal_site / "jamfor/specialistvard").exists()


# --- provider pages ----------------------------------------------------------------------
def test_provider_facts_in_plain_words(read) -> None:
    own = parse(insyn_block(read("utforare/halsocentralen-centrum")))
    facts = own.section("Om enheten")
    assert "Drivs av regionen (egen regi)" in facts.text
    assert "svenska, sydsamiska" in facts.text
    assert "Tillgängligt med rullstol: ja" in facts.text and "Hörslinga: nej" in facts.text
    assert "mån–fre: 08.00–17.00" in facts.text
    private = parse(insyn_block(read("utforare/fjallvarden"))).section("Om enheten")
    assert "Drivs av ett privat företag på uppdrag av regionen" in private.text
    assert "Fjällvården Holding" in private.text and "556036-0793" in private.text


def test_facilities_beyond_the_known_ones_read_as_words(dataset: Path) -> None:
    """The contract's tillganglighet is a map of any facilities; one Insyn has no words for
    stood on the page as its key, 'taktila_skyltar: ja'."""
    unit = dataset / "utforare" / "halsocentralen-centrum.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("  horslinga: false\n",
                                                             "  horslinga: false\n  taktila_skyltar: true\n"),
                    encoding="utf-8")
    facts = parse(render_pages(dataset)["utforare/halsocentralen-centrum.md"]).section("Om enheten").text
    assert "Hörslinga: nej" in facts and "Taktila skyltar: ja" in facts and "taktila_skyltar" not in facts


def test_three_letter_language_codes_read_as_languages(dataset: Path) -> None:
    """ISO 639 has three-letter codes too (fin for finska, rmy for a Romani chib): the page showed
    'svenska, fin, rmy'."""
    unit = dataset / "utforare" / "halsocentralen-centrum.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("sprak: [sv, sma]", "sprak: [swe, fin, rmy, sma]"),
                    encoding="utf-8")
    facts = parse(render_pages(dataset)["utforare/halsocentralen-centrum.md"]).section("Om enheten").text
    assert "svenska, finska, romani chib, sydsamiska" in facts


def test_sole_traders_number_never_appears(read) -> None:
    html = read("utforare/stangda-mottagningen")
    assert "1212-1212" not in html and "121212" not in html
    doc = parse(insyn_block(html))
    assert "Organisationsnummer" not in doc.text
    assert "Enheten har stängt" in doc.text


def test_follow_ups_newest_first_public_only(read) -> None:
    doc = parse(insyn_block(read("utforare/fjallvarden")))
    table = doc.one("table", id="utforare-uppfoljningar")
    listed = [r.one("a").attrs["href"] for r in rows(table)]
    assert listed == ["../../uppfoljningar/vb-fjallvarden-2025/", "../../uppfoljningar/revision-fjallvarden-2025/"]
    first = rows(table)[0].all("td")
    assert "Uppfyller kraven delvis" in first[1].text
    assert first[2].text == "1"
    assert clean(first[3].text) == "1 av 2 åtgärder klara, 1 försenad"
    assert first[3].one("strong").attrs["class"] == "insyn-forsenad"


def test_key_figure_chart_has_a_text_alternative_and_a_table(read) -> None:
    doc = parse(insyn_block(read("utforare/halsocentralen-centrum")))
    svgs = doc.all("svg", role="img")
    assert len(svgs) == 2, "total chart and the chart by sex"
    for svg in svgs:
        title_id, desc_id = svg.attrs["aria-labelledby"].split()
        assert svg.one("title", id=title_id).text.startswith("Diagram: Medicinsk bedömning inom 3 dagar")
        assert svg.one("desc", id=desc_id).text
    desc = clean(svgs[0].one("desc").text)
    assert "Hälsocentralen Centrum – 2024: 82,5 %, 2025: 85,1 %" in desc
    assert "Riket – 2024: uppgift saknas, 2025: 80,2 %" in desc and "Målvärdet är 90 %" in desc
    assert "Kvinnor – 2024: uppgift saknas, 2025: 86,0 %" in clean(svgs[1].one("desc").text)
    table = doc.one("table", id="tabell-medicinsk-bedomning-3-dagar")
    assert [clean(th.text) for th in table.one("thead").all("th")] == [
        "Period", "Hälsocentralen Centrum", "Kvinnor", "Män", "Regionen som helhet", "Riket"]
    last = [clean(td.text) for td in rows(table)[-1].all("td")]
    assert last[:3] == ["85,1 % (410 svar eller fall)", "86,0 % (220 svar eller fall)", "84,0 % (190 svar eller fall)"]
    assert last[3:] == ["84,0 %", "80,2 %"]


def test_missing_key_figure_value_in_provider_table(read) -> None:
    doc = parse(insyn_block(read("utforare/fjallvarden")))
    table = doc.one("table", id="tabell-medicinsk-bedomning-3-dagar")
    assert clean(rows(table)[-1].all("td")[0].text) == "För få svar för att redovisa"
    assert not doc.all("svg", id="diagram-vantetid"), "one period is no line: the table alone shows it"
    assert "Ett diagram visas när det finns värden för fler perioder." in doc.text
    assert doc.one("table", id="tabell-vantetid")


def test_note_on_a_reported_value_is_shown_beside_it(read) -> None:
    """A note is not only for missing values: "new method from 2025" must reach the reader."""
    doc = parse(insyn_block(read("utforare/fjallvarden")))
    table = doc.one("table", id="tabell-vantetid")
    assert clean(rows(table)[-1].all("td")[0].text) == "4,5 dagar – Mätt med ny metod från 2025"


def test_provider_links_to_its_open_data(read, minimal_site: Path) -> None:
    doc = parse(insyn_block(read("utforare/fjallvarden")))
    hrefs = [a.attrs["href"] for a in doc.section("Uppgifterna som öppna data").all("a")]
    assert hrefs == ["../../oppna-data/utforare/fjallvarden.csv", "../../oppna-data/utforare/fjallvarden.xlsx",
                     "../../oppna-data/insyn.zip"]


def test_every_internal_link_leads_somewhere(read, minimal_site: Path) -> None:
    for page in GOLDEN_PAGES:
        here = minimal_site if page == "index" else minimal_site / page
        for a in parse(insyn_block(read(page))).all("a"):
            href = a.attrs["href"]
            if href.startswith(("https://", "mailto:", "tel:")):
                continue
            target = Path(posixpath.normpath(str(here / href.split("#")[0])))
            assert target.is_file() or (target / "index.html").is_file(), f"{page}: {href}"


def test_no_withheld_or_non_public_text(read) -> None:
    for page in GOLDEN_PAGES:
        html = read(page)
        for canary in CANARIES:
            assert canary not in html, (page, canary)
    assert "Avvikelse" not in insyn_block(read("utforare/fjallvarden")), "a non-public follow-up is not listed"


def test_headings_in_order(read) -> None:
    for page in GOLDEN_PAGES:
        levels = [int(n.tag[1]) for n in parse(insyn_block(read(page))).iter() if re.fullmatch(r"h[1-6]", n.tag)]
        assert levels[0] == 1 and levels.count(1) == 1, page
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (page, levels)


# --- charts ------------------------------------------------------------------------------
def test_chart_series_differ_by_more_than_colour() -> None:
    cues = [(dash, shape) for _, dash, shape in charts.STYLES.values()]
    pairs = {("utforare", "region", "riket"), ("kvinnor", "man")}
    for group in pairs:
        chosen = [cues[list(charts.STYLES).index(name)] for name in group]
        assert len(set(chosen)) == len(chosen), group


def test_chart_escapes_names_and_breaks_line_at_missing_value() -> None:
    svg = charts.linjediagram("d", "<b>x</b>", "a & b", ["2023", "2024", "2025"],
                              [charts.Serie("<script>", "utforare", (1.0, None, 3.0))], str)
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "a &amp; b" in svg
    assert "<polyline" not in svg, "no line across a gap: each run has one point only"
    assert svg.count("<circle") == 2


@pytest.mark.parametrize("top", [0.9, 5.5, 12, 270, 2200, 11927])
def test_chart_axis_has_round_steps_and_room_for_the_highest_value(top: float) -> None:
    step, ticks = charts.axel(top)
    assert step * ticks >= top and step * (ticks - 1) < top
    mantissa = step / 10 ** (len(str(int(step))) - 1) if step >= 1 else step * 100
    assert mantissa in (1, 2, 2.5, 5, 10, 25, 50), step


# --- golden files ------------------------------------------------------------------------
@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_golden(minimal_pages: dict[str, str], page: str) -> None:
    assert_matches_golden(page_source(minimal_pages, page), GOLDEN / (page.replace("/", "__") + ".html"))


def test_the_example_key_figures_say_their_direction_and_target_once() -> None:
    """The page adds 'Lägre värde är bättre. Målet är 250.' after a key figure's description; the
    example's said 'Ett lägre värde är bättre. Målet på 250 recept …' itself, so a citizen read
    it twice."""
    import yaml

    from tests.support.build import EXAMPLE

    for n in yaml.safe_load((EXAMPLE / "nyckeltal.yaml").read_text(encoding="utf-8")):
        text = " ".join(n["beskrivning"].split())
        assert not re.search(r"är bättre|bra eller dåligt", text), n["id"]
        assert "malvarde" not in n or not re.search(r"Målet (på|är) \d", text), n["id"]
