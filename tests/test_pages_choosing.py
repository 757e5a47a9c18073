"""Choosing a unit (issue 15): small numbers suppressed everywhere, freshness flagged,
values judged against target and region, charts that compare like with like, and the
provider page's answer first.

Pages and open data are made from a real Catalog (real loader and validator) with
`pages.render_all` and `opendata.gather`, which is what the build writes; a fixed day
(the tests' SOURCE_DATE_EPOCH, 2026-11-23) or a later one is passed in. The built minimal
site is read where a full page is needed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from generator import opendata, pages
from generator.domain import jamforelse, smatal
from generator.domain.catalog import Catalog
from generator.load.dataset import load_dataset
from generator.models import Nyckeltal, NyckeltalsVarde
from generator.pages import charts, jamfor, varden
from generator.sv import vocabulary as voc
from generator.validate import validate
from tests.support.build import run_insyn
from tests.support.html import Node, insyn_block, parse

IDAG = dt.date(2026, 11, 23)  # SOURCE_DATE_EPOCH of the tests
KVINNOR_FA = "79.4"  # a value resting on 8 answers: must never be shown or published
MAN_DARAV = "84.3"  # the men's value beside it: would give the women's away from the total


def catalog_of(data: Path, idag: dt.date = IDAG) -> Catalog:
    return validate(load_dataset(data), idag)


def clean(text: str) -> str:
    return text.replace("\u00a0", " ")


def block(rendered: dict[str, str], page: str) -> Node:
    return parse(rendered[page].split("---\n", 2)[2])


def add_values(data: Path, *lines: str) -> None:
    values = data / "nyckeltalsvarden" / "halsoval.csv"
    values.write_text(values.read_text(encoding="utf-8") + "".join(line + "\n" for line in lines), encoding="utf-8")


def set_in_region(data: Path, old: str, new: str) -> None:
    region = data / "region.yaml"
    text = region.read_text(encoding="utf-8")
    assert old in text
    region.write_text(text.replace(old, new, 1), encoding="utf-8")


def value(kon: str, antal: int | None, varde: float = 50.0) -> NyckeltalsVarde:
    return NyckeltalsVarde(utforare="a", nyckeltal="n", period="2025", kon=kon, varde=varde, antal=antal)


def test_a_count_of_answers_spaces_its_thousands_as_every_other_count() -> None:
    """A provider's table said "(2512 svar eller fall)" beside "4 980 listade"."""
    assert str(varden.periodvarde(value("T", 2512, 85.1), "procent", True)) == (
        '85,1\u00a0% <span class="insyn-period">(2\u00a0512 svar eller fall)</span>')


# --- small numbers -------------------------------------------------------------------------
def test_a_small_cell_blanks_both_sexes_but_not_the_total() -> None:
    out = {v.kon: v for v in smatal.undertryck([value("T", 400), value("K", 8), value("M", 392)], 10)}
    assert out["T"].varde == 50.0
    assert out["K"].varde is None and out["M"].varde is None, "the men's value would give the women's away"
    assert out["K"].anmarkning == out["M"].anmarkning == smatal.FOR_FA
    assert out["K"].antal == 8, "the count stays: it says why"


def test_a_small_total_blanks_its_parts() -> None:
    out = {v.kon: v for v in smatal.undertryck([value("T", 9), value("K", 4), value("M", 5)], 10)}
    assert all(v.varde is None for v in out.values())


def test_only_the_cells_beside_a_small_one_are_blanked_and_the_order_is_kept() -> None:
    """Only groups with a small cell are looked at (smatal.undertryck): the same provider's
    other period, another provider and another measure keep their values."""
    rows = [value("T", 400), value("K", 8), value("M", 392),
            value("K", 30).model_copy(update={"period": "2024"}), value("T", 400).model_copy(update={"period": "2024"}),
            value("M", 392).model_copy(update={"period": "2024", "antal": 20}),
            value("K", 30).model_copy(update={"utforare": "b"}), value("M", 40).model_copy(update={"nyckeltal": "m"})]
    out = smatal.undertryck(rows, 10)
    assert [(v.utforare, v.nyckeltal, v.period, v.kon) for v in out] == [(v.utforare, v.nyckeltal, v.period, v.kon) for v in rows]
    assert [v.varde is None for v in out] == [False, True, True, False, False, False, False, False]


def test_the_minimum_is_the_boundary() -> None:
    out = smatal.undertryck([value("T", 10), value("T", None)], 10)
    assert [v.varde for v in out] == [50.0, 50.0], "10 answers are enough; an unknown count is not judged"


@pytest.fixture
def small(dataset: Path) -> Path:
    add_values(dataset, f"halsocentralen-centrum,medicinsk-bedomning-3-dagar,2024,K,{KVINNOR_FA},8,",
               f"halsocentralen-centrum,medicinsk-bedomning-3-dagar,2024,M,{MAN_DARAV},392,")
    return dataset


def test_too_few_answers_on_the_page_and_in_the_chart(small: Path) -> None:
    rendered = pages.render_all(catalog_of(small))
    for page, text in rendered.items():
        assert "79,4" not in text and "84,3" not in text, page
    doc = block(rendered, "utforare/halsocentralen-centrum.md")
    row = next(r for r in doc.one("table", id="tabell-medicinsk-bedomning-3-dagar").one("tbody").all("tr")
               if r.one("th").text == "2024")
    assert [clean(td.text) for td in row.all("td")][1:3] == [smatal.FOR_FA] * 2, "women and men alike"
    kon_chart = doc.one("svg", id="diagram-medicinsk-bedomning-3-dagar--kon")
    assert "Kvinnor – 2024: för få svar för att redovisa" in clean(kon_chart.one("desc").text)


def test_too_few_answers_are_blank_with_a_reason_in_csv_and_xlsx(small: Path) -> None:
    files = opendata.gather(catalog_of(small), None)
    rows = list(csv.DictReader(io.StringIO(files["nyckeltalsvarden.csv"].decode("utf-8"))))
    cells = {r["kon"]: r for r in rows if r["utforare"] == "halsocentralen-centrum" and r["period"] == "2024"}
    for kon in ("K", "M"):
        assert cells[kon]["varde"] == "" and cells[kon]["anmarkning"] == smatal.FOR_FA, kon
    assert cells["T"]["varde"] == "82.5"
    for name, data in files.items():
        if name.endswith(".csv"):
            assert KVINNOR_FA.encode() not in data and MAN_DARAV.encode() not in data, name
    book = openpyxl.load_workbook(io.BytesIO(files["insyn.xlsx"]), read_only=True)
    seen = {str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row}
    assert not {KVINNOR_FA, MAN_DARAV} & seen, "neither value is in any sheet"
    assert smatal.FOR_FA in seen


def test_the_minimum_comes_from_region_yaml(dataset: Path) -> None:
    set_in_region(dataset, "publicering:\n", "publicering:\n  minsta_antal: 500\n")
    rendered = pages.render_all(catalog_of(dataset))
    doc = block(rendered, "jamfor/halsoval.md")
    row = next(r for r in doc.one("table", id="jamfor-halsoval").one("tbody").all("tr") if "Centrum" in r.text)
    assert clean(row.all("td")[2].text) == "För få svar för att redovisa (2025)", "410 answers < 500"
    assert "färre än 500 svar" in clean(doc.text)


# --- freshness -----------------------------------------------------------------------------
def flagged(doc: Node) -> list[str]:
    return [clean(n.text) for n in doc.iter() if n.attrs.get("class") == "insyn-inaktuell"]


def test_fresh_units_are_not_flagged_today(dataset: Path) -> None:
    catalog = catalog_of(dataset)
    rendered = pages.render_all(catalog)
    assert not flagged(block(rendered, "jamfor/halsoval.md"))
    summary = block(rendered, "utforare/fjallvarden.md").one("section", **{"class": "insyn-korthet"})
    assert "10 mars 2026 (för 8 månader sedan)" in clean(summary.text)
    files = opendata.gather(catalog, None)
    units = {r["id"]: r for r in csv.DictReader(io.StringIO(files["utforare.csv"].decode("utf-8")))}
    assert units["fjallvarden"]["senast_uppfoljd"] == "2026-03-10"
    assert units["fjallvarden"]["uppfoljning_forsenad"] == "false"


def test_a_unit_not_followed_up_within_its_cycle_is_flagged_everywhere(dataset: Path) -> None:
    later = dt.date(2027, 4, 1)
    catalog = catalog_of(dataset, later)
    rendered = pages.render_all(catalog)
    page = block(rendered, "utforare/fjallvarden.md")
    assert flagged(page.one("section", **{"class": "insyn-korthet"})) == ["⚠ Inte uppföljd inom 12 månader"]
    row = next(r for r in block(rendered, "jamfor/halsoval.md").one("table", id="jamfor-halsoval").one("tbody").all("tr")
               if "Fjällvården" in r.text)
    assert "(för 12 månader sedan) ⚠ Inte uppföljd inom 12 månader" in clean(row.text)
    assert not flagged(block(rendered, "utforare/stangda-mottagningen.md")), "a closed unit is not due"
    files = opendata.gather(catalog, None)
    units = {r["id"]: r for r in csv.DictReader(io.StringIO(files["utforare.csv"].decode("utf-8")))}
    assert units["fjallvarden"]["uppfoljning_forsenad"] == "true"
    assert units["stangda-mottagningen"]["uppfoljning_forsenad"] == "false"


def test_a_unit_whose_contract_ended_is_no_longer_a_choice_anywhere(dataset: Path) -> None:
    """Fjällvården's only contract in Hälsoval ended 30 June; the unit itself has no end date.
    Its contract page says so, and the comparison page, the start page's count, its own 'Så
    väljer du' and the freshness flag (page and open data) no longer offer or judge it as a
    choice there. It is listed with the day its contract ended."""
    contract = dataset / "avtal" / "lov-fjallvarden.yaml"
    contract.write_text(contract.read_text(encoding="utf-8").replace("slutdatum: null", "slutdatum: 2026-06-30"),
                        encoding="utf-8")
    later = dt.date(2027, 4, 1)  # more than 12 months after its last follow-up (10 March 2026)
    catalog = catalog_of(dataset, later)
    rendered = pages.render_all(catalog)
    page = block(rendered, "jamfor/halsoval.md")
    assert [r.attrs["data-id"] for r in page.one("table", id="jamfor-halsoval").one("tbody").all("tr")] == [
        "halsocentralen-centrum"]
    assert "Fjällvårdens Hälsocentral , Åre – avtalet upphörde 30 juni 2026" in clean(page.text)
    assert "Hälsocentraler (Hälsoval) – 1 enhet" in clean(block(rendered, "index.md").text)
    summary = block(rendered, "utforare/fjallvarden.md").one("section", **{"class": "insyn-korthet"})
    assert "Så väljer du" not in summary.text and not flagged(summary)
    units = {r["id"]: r for r in csv.DictReader(io.StringIO(opendata.gather(catalog, None)["utforare.csv"].decode("utf-8")))}
    assert units["fjallvarden"]["uppfoljning_forsenad"] == "false"
    assert units["halsocentralen-centrum"]["uppfoljning_forsenad"] == "true"  # still under contract, and due


def test_the_cycle_comes_from_region_yaml(dataset: Path) -> None:
    set_in_region(dataset, "    beskrivning: Hälsocentralen är din första kontakt med vården.\n",
                  "    beskrivning: Hälsocentralen är din första kontakt med vården.\n    uppfoljningscykel: 6\n")
    doc = block(pages.render_all(catalog_of(dataset)), "utforare/fjallvarden.md")
    assert "⚠ Inte uppföljd inom 6 månader" in flagged(doc)


# --- judged against target and region --------------------------------------------------------
def nyckeltal(enhet: str = "procent", riktning: str = "hogre_ar_battre", malvarde: float | None = 90) -> Nyckeltal:
    return Nyckeltal(id="n", namn="N", beskrivning="b", enhet=enhet, riktning=riktning, malvarde=malvarde,
                     verksamhetsomraden=("x",), kalla="k")


def test_a_measure_neither_way_better_sorts_from_either_end() -> None:
    """A neutral measure (a count, a size) was offered lowest first only: the largest units
    could not be brought to the top."""
    menu = jamfor.sorteringar([jamfor.Matt(nyckeltal(enhet="antal", riktning="neutral", malvarde=None), "2025", None, None)])
    assert [(s.text, jamfor.Jamforsida.sortvarde(s)) for s in menu if s.kolumn == "n"] == [
        ("N, lägst först", "n:stigande"), ("N, högst först", "n:fallande")]


@pytest.mark.parametrize(("enhet", "riktning", "varde", "region", "lage"), [
    ("procent", "hogre_ar_battre", 86.0, 84.0, "samma"),
    ("procent", "hogre_ar_battre", 86.1, 84.0, "battre"),
    ("procent", "hogre_ar_battre", 81.9, 84.0, "samre"),
    ("dagar", "lagre_ar_battre", 4.0, 5.0, "battre"),
    ("dagar", "lagre_ar_battre", 5.2, 5.0, "samma"),
    ("antal", "hogre_ar_battre", 5000, 110000, None),
    ("index", "neutral", 60, 80, None),
])
def test_against_the_region_follows_the_direction(enhet: str, riktning: str, varde: float, region: float,
                                                  lage: str | None) -> None:
    assert jamforelse.mot_regionen(nyckeltal(enhet, riktning), varde, region) == lage


def test_the_comparison_is_of_the_newest_period_any_unit_has_a_total_for(dataset: Path) -> None:
    """The region's and the country's values on the comparison page are of the newest period
    an open unit of the area has a total value for: one unit's newer year moves it for all,
    a newer value for women alone does not."""
    add_values(dataset, "fjallvarden,medicinsk-bedomning-3-dagar,2026,T,80.0,300,",
               "halsocentralen-centrum,medicinsk-bedomning-3-dagar,2027,K,81.0,200,",
               "region,medicinsk-bedomning-3-dagar,2026,T,79.0,9000,")
    catalog = catalog_of(dataset)
    open_units = [uid for uid in catalog.utforare_i("halsoval") if not catalog.is_closed(uid)]
    assert {"fjallvarden", "halsocentralen-centrum"} <= set(open_units)
    assert jamfor.jamforelseperiod(catalog, "medicinsk-bedomning-3-dagar", open_units) == "2026"
    assert jamfor.jamforelseperiod(catalog, "medicinsk-bedomning-3-dagar", ["halsocentralen-centrum"]) == "2025"
    assert jamfor.jamforelseperiod(catalog, "medicinsk-bedomning-3-dagar", []) is None
    measure = next(m for m in jamfor.jamforsida(catalog, "halsoval").matt if m.n.id == "medicinsk-bedomning-3-dagar")
    assert measure.period == "2026" and measure.region is not None and measure.region.varde == 79.0


def test_comparison_values_say_target_and_region_in_words(read_minimal) -> None:
    doc = parse(insyn_block(read_minimal("jamfor/halsoval")))
    row = next(r for r in doc.one("table", id="jamfor-halsoval").one("tbody").all("tr") if "Centrum" in r.text)
    cell = row.all("td")[2]
    assert clean(cell.text) == "85,1 % (2025) ✗ når inte målet ● ungefär som regionen (84,0 %)"
    symbols = [n for n in cell.iter() if n.attrs.get("aria-hidden") == "true"]
    assert [s.text.strip() for s in symbols] == ["✗", "●"], "symbols are decoration; the words carry the meaning"


def test_a_newest_result_withheld_is_not_passed_over_for_an_older_one(dataset: Path) -> None:
    """The newest follow-up's result withheld: the summary and the comparison showed the one
    before it as the latest ("✓ Uppfyller kraven – Revision"), as if nothing had come since."""
    newest = dataset / "uppfoljningar" / "2025" / "vb-fjallvarden-2025.yaml"
    newest.write_text(newest.read_text(encoding="utf-8") + "sekretess: [resultat]\n", encoding="utf-8")
    rendered = pages.render_all(catalog_of(dataset))
    summary = block(rendered, "utforare/fjallvarden.md").one("section", **{"class": "insyn-korthet"})
    facts = {clean(d.text): clean(v.text) for d, v in zip(summary.all("dt"), summary.all("dd"), strict=True)}
    assert facts["Senaste resultat"].startswith(voc.SEKRETESS_TEXT), facts["Senaste resultat"]
    assert "klar 10 mars 2026" in facts["Senaste resultat"]
    row = next(r for r in block(rendered, "jamfor/halsoval.md").one("table", id="jamfor-halsoval").one("tbody").all("tr")
               if r.attrs.get("data-id") == "fjallvarden")
    latest = next(td for td in row.all("td") if td.attrs.get("data-rubrik") == "Senaste uppföljning")
    assert clean(latest.text).startswith(voc.SEKRETESS_TEXT) and "Revision" not in latest.text, clean(latest.text)
    assert "HEMLIG" not in rendered["jamfor/halsoval.md"] + rendered["utforare/fjallvarden.md"]


# --- the provider page's answer, title and phone ----------------------------------------------
@pytest.fixture(scope="module")
def read_minimal(minimal_site: Path):
    def _read(page: str) -> str:
        return (minimal_site / page / "index.html").read_text(encoding="utf-8")
    return _read


def test_provider_summary_answers_first(read_minimal) -> None:
    doc = parse(insyn_block(read_minimal("utforare/fjallvarden")))
    first = next(n for n in doc.iter() if n.tag in ("section", "p", "h2") and n.attrs.get("class") != "insyn-stangd")
    assert first.attrs.get("class") == "insyn-korthet", "the summary comes straight after the heading"
    facts = {clean(dt_.text): clean(dd.text) for dt_, dd in zip(first.all("dt"), first.all("dd"), strict=True)}
    assert facts["Öppen eller stängd"] == "Öppen"
    assert facts["Senaste resultat"].startswith("! Uppfyller kraven delvis")
    assert "klar 10 mars 2026 (för 8 månader sedan)" in facts["Senaste resultat"]
    assert facts["Åtgärder"] == "1 inte klar, 1 försenad"
    assert facts["Jämfört med regionen"].startswith("Medicinsk bedömning inom 3 dagar: För få svar för att redovisa")
    route = first.one("a", href="https://www.1177.se/")
    assert route.text == "Välj hälsocentral genom att logga in på 1177.se."


def test_a_follow_up_that_judged_nothing_leaves_the_latest_result_standing(dataset: Path) -> None:
    """A later dialogue marked ej_bedomd (the example's Kvarnbäckens Vårdcentral) put 'Senaste
    resultat: – Inte bedömd' on the first screen, and the comparison page, for a unit judged
    'Uppfyller kraven delvis' before it; it still counts as the last follow-up."""
    (dataset / "uppfoljningar" / "2025" / "muntlig-fjallvarden-2026.yaml").write_text(
        "avtal: lov-fjallvarden\ntyp: muntlig_uppfoljning\nperiod: '2026'\nstatus: genomford\n"
        "genomford: 2026-10-01\nresultat: ej_bedomd\n", encoding="utf-8")
    rendered = pages.render_all(catalog_of(dataset))
    summary = block(rendered, "utforare/fjallvarden.md").one("section", **{"class": "insyn-korthet"})
    facts = {clean(dt_.text): clean(dd.text) for dt_, dd in zip(summary.all("dt"), summary.all("dd"), strict=True)}
    assert facts["Senaste resultat"].startswith("! Uppfyller kraven delvis – Verksamhetsberättelse 2025")
    assert facts["Senast uppföljd"] == "1 oktober 2026 (för 1 månad sedan)"
    row = next(r for r in block(rendered, "jamfor/halsoval.md").one("table", id="jamfor-halsoval").one("tbody").all("tr")
               if "Fjällvården" in r.text)
    assert "Uppfyller kraven delvis" in clean(row.text) and "Inte bedömd" not in row.text


def test_closed_unit_summary_says_so_and_offers_no_choice(read_minimal) -> None:
    summary = parse(insyn_block(read_minimal("utforare/stangda-mottagningen"))).one(
        "section", **{"class": "insyn-korthet"})
    assert "Stängd sedan 30 juni 2024" in clean(summary.text)
    assert "Så väljer du" not in summary.text


def test_title_names_unit_and_area_and_phone_is_a_link(read_minimal) -> None:
    html = read_minimal("utforare/halsocentralen-centrum")
    title = parse(html).one("head").one("title").text
    assert title.startswith("Hälsocentralen Centrum – Hälsocentraler")
    phone = parse(insyn_block(html)).section("Om enheten").one("a", href="tel:+4663140000")
    assert phone.text == "063-14 00 00"


def test_compare_and_near_me_controls_wait_for_the_script(read_minimal) -> None:
    doc = parse(insyn_block(read_minimal("jamfor/halsoval")))
    boxes = [n for n in doc.iter() if n.attrs.get("class") == "insyn-valj"]
    assert len(boxes) == 2 and all("hidden" in b.attrs for b in boxes)
    assert {clean(b.one("label").text) for b in boxes} == {"Jämför Fjällvårdens Hälsocentral",
                                                           "Jämför Hälsocentralen Centrum"}
    assert "hidden" in doc.one("section", **{"data-valda-for": "jamfor-halsoval"}).attrs
    assert "hidden" in doc.one("div", **{"data-nara": ""}).attrs
    live = doc.one("p", **{"data-valda-status": ""})
    assert live.attrs["aria-live"] == "polite" and "hidden" not in live.attrs, "a live region must exist to speak"


# --- charts -------------------------------------------------------------------------------------
def test_missing_years_are_gaps_on_the_axis() -> None:
    assert charts.fyll_perioder(["2021", "2023"]) == ["2021", "2022", "2023"]
    assert charts.fyll_perioder(["2024-T3", "2025-T2"]) == ["2024-T3", "2025-T1", "2025-T2"]
    assert charts.fyll_perioder(["2025-11", "2026-02"]) == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_a_count_is_drawn_alone_with_a_gap_and_a_labelled_target(dataset: Path) -> None:
    nyckeltal_yaml = dataset / "nyckeltal.yaml"
    nyckeltal_yaml.write_text(nyckeltal_yaml.read_text(encoding="utf-8") + """\
- id: listade
  namn: Listade patienter
  beskrivning: Antal listade patienter.
  enhet: antal
  riktning: neutral
  malvarde: 6000
  verksamhetsomraden: [halsoval]
  kalla: Listningssystemet
""", encoding="utf-8")
    add_values(dataset, "halsocentralen-centrum,listade,2023,T,5000,,", "halsocentralen-centrum,listade,2025,T,5100,,",
               "region,listade,2023,T,110000,,", "region,listade,2025,T,111000,,")
    doc = block(pages.render_all(catalog_of(dataset)), "utforare/halsocentralen-centrum.md")
    svg = doc.one("svg", id="diagram-listade")
    desc = clean(svg.one("desc").text)
    assert "Regionen" not in desc and "110" not in desc, "a count is never drawn against the region's total"
    assert "2024: uppgift saknas" in desc
    assert not svg.all("polyline"), "no line drawn across the missing year"
    labels = [clean(t.text) for t in svg.all("text")]
    assert "2024" in labels and "Mål 6 000" in labels


def test_a_choice_whose_every_unit_has_closed_still_builds_and_says_so(dataset: Path, tmp_path: Path) -> None:
    """The day the last unit's slutdatum passed, the build stopped: the comparison page linked
    to a table of units it did not write."""
    region = dataset / "region.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("verksamhetsomraden:\n", (
        "verksamhetsomraden:\n  - {id: tandvard, namn: Tandvård, valfrihet: true, lag: LOV, namnd: regionstyrelsen}\n"), 1),
        encoding="utf-8")
    (dataset / "utforare" / "gammal-tand.yaml").write_text(
        "namn: Gamla tandvården\ndriftsform: egen_regi\nverksamhetsomraden: [tandvard]\nslutdatum: 2020-01-01\n", encoding="utf-8")
    out = tmp_path / "site"
    result = run_insyn("build", "--data", str(dataset), "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = (out / "jamfor/tandvard/index.html").read_text(encoding="utf-8")
    assert "Det finns inga enheter att välja mellan just nu." in parse(text).text
    assert "data-valda-lank" not in text and "data-filter-for" not in text


def test_key_figures_whose_ids_differ_by_a_suffix_give_every_element_its_own_id(dataset: Path, tmp_path: Path) -> None:
    """"a" with its chart for women and men, and "a-kon" beside it, both made diagram-a-kon (and
    "a" and "a-rubrik" both tabell-a-rubrik): an id twice in the page, and a chart's label
    pointing at the other chart's title."""
    figures = dataset / "nyckeltal.yaml"
    extra = "".join(f"- {{id: {nid}, namn: {name}, beskrivning: x, enhet: antal, riktning: neutral, "
                    f"verksamhetsomraden: [halsoval], kalla: k{more}}}\n"
                    for nid, name, more in (("a", "A", ", konsuppdelad: true"), ("a-kon", "B", ""), ("a-rubrik", "C", ""),
                                            ("a-titel", "D", "")))
    figures.write_text(figures.read_text(encoding="utf-8") + extra, encoding="utf-8")
    rows = "".join(f"fjallvarden,{nid},{year},{kon},1,100,\n" for year in (2024, 2025)
                   for nid, kon in (("a", "T"), ("a", "K"), ("a", "M"), ("a-kon", "T"), ("a-rubrik", "T"), ("a-titel", "T")))
    values = dataset / "nyckeltalsvarden" / "halsoval.csv"
    values.write_text(values.read_text(encoding="utf-8") + rows, encoding="utf-8")
    out = tmp_path / "site"
    result = run_insyn("build", "--data", str(dataset), "--out", str(out))
    assert result.returncode == 0, result.stderr
    ids = [node.attrs["id"] for node in parse((out / "utforare/fjallvarden/index.html").read_text(encoding="utf-8")).iter()
           if "id" in node.attrs]
    assert [i for i in set(ids) if ids.count(i) > 1] == []
    assert {"diagram-a--kon", "diagram-a-kon", "tabell-a--rubrik", "tabell-a-rubrik", "diagram-a--titel", "diagram-a-titel"} <= set(ids)


@pytest.mark.parametrize(("value", "shown"), [(-0.0, "0\u00a0%"), (-0.00001, "0,0\u00a0%"), (-0.04, "0,0\u00a0%"),
                                               (-2.5, "-2,5\u00a0%"), (85.15, "85,2\u00a0%")])
def test_a_value_that_rounds_to_zero_is_never_shown_as_minus_zero(value: float, shown: str) -> None:
    """A target of -0 (valid data, 0 in nyckeltal.csv) was shown as "Målvärde -0 %"."""
    from generator.pages.format import tal

    assert tal(value, "procent") == shown


def test_a_unit_that_opens_or_closes_later_says_when(dataset: Path) -> None:
    """A unit whose slutdatum or startdatum is still ahead was offered as any other, "Öppen",
    on the comparison page and its own: a hälsocentral closing in five weeks, one opening next
    spring ("Öppnade 1 mars 2027")."""
    for uid, line in (("halsocentralen-centrum", "slutdatum: 2026-12-31\n"), ("fjallvarden", "startdatum: 2027-03-01\n")):
        path = dataset / "utforare" / f"{uid}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")
    rendered = pages.render_all(catalog_of(dataset))
    rows = block(rendered, "jamfor/halsoval.md").one("table", id="jamfor-halsoval").one("tbody").all("tr")
    heads = {r.attrs["data-id"]: clean(r.one("th").text) for r in rows}
    assert heads["halsocentralen-centrum"].startswith("Hälsocentralen Centrum Stänger 31 december 2026")
    assert heads["fjallvarden"].startswith("Fjällvårdens Hälsocentral Öppnar 1 mars 2027")
    for uid, said in (("halsocentralen-centrum", "Öppen, stänger 31 december 2026"), ("fjallvarden", "Öppnar 1 mars 2027")):
        summary = block(rendered, f"utforare/{uid}.md").one("section", **{"class": "insyn-korthet"})
        facts = {clean(d.text): clean(v.text) for d, v in zip(summary.all("dt"), summary.all("dd"), strict=True)}
        assert facts["Öppen eller stängd"] == said
    facts = block(rendered, "utforare/fjallvarden.md").section("Om enheten")
    assert "Öppnar" in clean(facts.text) and "Öppnade" not in clean(facts.text)


def test_a_value_of_an_older_period_does_not_rank_among_the_compared_ones(dataset: Path) -> None:
    """A unit with no value for the period compared showed its newest, three days in 2023,
    and sorting "bäst (lägst) först" put it ahead of 4,5 days in 2025: the order compared
    periods that differ. It is shown, with its year, and sorts last with the missing ones. The
    period compared is the newest with a number: a newer row with too few answers is none."""
    add_values(dataset, "halsocentralen-centrum,vantetid,2023,T,3.0,,",
               "fjallvarden,medicinsk-bedomning-3-dagar,2026,T,,,För få svar för att redovisa")
    page = block(pages.render_all(catalog_of(dataset)), "jamfor/halsoval.md")
    rows = {r.attrs["data-id"]: r for r in page.one("table", id="jamfor-halsoval").one("tbody").all("tr")}
    cells = {uid: next(td for td in r.all("td") if td.attrs.get("data-rubrik", "").startswith("Väntetid"))
             for uid, r in rows.items()}
    assert clean(cells["halsocentralen-centrum"].text).startswith("3 dagar (2023)")
    assert cells["halsocentralen-centrum"].attrs["data-sort-value"] == ""
    assert cells["fjallvarden"].attrs["data-sort-value"] == "4.5"
    assert "När du sorterar efter ett mått står värden från en äldre period sist" in clean(page.text)
    # A newer row without a number (too few answers) is no period to rank by: 85,1 % of 2025 still ranks.
    medicinsk = next(td for td in rows["halsocentralen-centrum"].all("td")
                     if td.attrs.get("data-rubrik", "").startswith("Medicinsk"))
    assert medicinsk.attrs["data-sort-value"] == "85.1"
