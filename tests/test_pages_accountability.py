"""The accountability pages as a reader meets them: contracts, follow-ups, goals, plans, lists.

Built through the real pipeline (real MkDocs) from the minimal fixture, and from a copy of
it with a few more follow-ups for variety. Assertions read the HTML with a parser, by
headings, rows and links, the way a person (or a screen reader) finds things.
Golden files: `INSYN_UPDATE_GOLDEN=1 pytest tests/test_pages_accountability.py`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
import shutil
from pathlib import Path
from types import MappingProxyType

import pytest
import yaml

from generator import pipeline
from generator.domain import planutfall as plan_utfall
from generator.domain.catalog import Catalog
from generator.models import PlanPost, Uppfoljning, Uppfoljningsplan
from generator.sv.vocabulary import SEKRETESS_TEXT, UPPFOLJNINGSTYP, UPPFOLJNINGSTYP_FORKLARING
from tests.support.build import MINIMAL, build_site, render_pages
from tests.support.html import Node, assert_matches_golden, insyn_block, page_source, parse

GOLDEN = Path(__file__).parent / "golden" / "accountability"
CANARIES = ("HEMLIG-KANARIE-SEKRETESS", "HEMLIG-KANARIE-EJ-PUBLIK", "KANARIE")
PAGES = [
    "avtal/lov-fjallvarden", "avtal/lou-fjallvarden", "avtal/uppdrag-centrum",
    "uppfoljningar/vb-fjallvarden-2025", "uppfoljningar/revision-fjallvarden-2025",
    "mal/god-och-nara-vard", "uppfoljningsplaner/regionstyrelsen-2026",
    "listor/uppfoljningar", "listor/dokument", "listor/avtal-utan-insynsklausul", "listor/atgarder",
]
def read(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def content(site: Path, page: str) -> Node:
    return parse(insyn_block(read(site, page)))


def content_of(rendered: dict[str, str], page: str) -> Node:
    """A page's generated block as the page kind rendered it, before the engine runs."""
    return parse(insyn_block(page_source(rendered, page)))


def section(root: Node, heading: str) -> list[Node | str]:
    """Everything after the h2 with this text up to the next h2 (the generated blocks are flat)."""
    nodes = root.find("div").children
    start = next(i for i, n in enumerate(nodes) if isinstance(n, Node) and n.tag == "h2" and n.flat_text == heading)
    rest = nodes[start + 1:]
    end = next((i for i, n in enumerate(rest) if isinstance(n, Node) and n.tag == "h2"), len(rest))
    return rest[:end]


def section_text(root: Node, heading: str) -> str:
    return " ".join(" ".join(n if isinstance(n, str) else n.flat_text for n in section(root, heading)).split())


def dd_after(root: Node, term: str) -> Node:
    for dl in root.find_all("dl"):
        kids = [c for c in dl.children if isinstance(c, Node)]
        for i, kid in enumerate(kids):
            if kid.tag == "dt" and kid.flat_text == term:
                return kids[i + 1]
    raise AssertionError(f"no <dt>{term}</dt>")


def rows(table: Node) -> list[Node]:
    return table.find("tbody").find_all("tr")


# --- a richer copy of the fixture, for what the minimal one does not show ------------------
def _dump(path: Path, doc: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def rich_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture plus a fully withheld follow-up, a cancelled one and more plan posts."""
    root = tmp_path_factory.mktemp("ansvar")
    data = root / "data"
    shutil.copytree(MINIMAL, data)
    _dump(data / "uppfoljningar" / "2026" / "fordjupad-fjallvarden-2026.yaml", {
        "avtal": "lov-fjallvarden", "typ": "fordjupad_uppfoljning", "period": "2026-T1", "status": "genomford",
        "genomford": "2026-06-01", "resultat": "uppfyller_inte", "granskare": "KANARIE-GRANSKARE",
        "sammanfattning": "KANARIE-SAMMANFATTNING", "kommentar_utforare": "KANARIE-KOMMENTAR",
        "redovisad": {"organ": "KANARIE-ORGAN", "datum": "2026-06-20", "paragraf": "KANARIE-PARAGRAF"},
        "brister": [{"krav": "journal", "beskrivning": "KANARIE-BRIST", "allvarlighet": "hog"}],
        "handlingsplan": {"atgarder": [{"beskrivning": "KANARIE-ATGARD", "senast": "2026-08-31", "status": "pagaende"}]},
        "dokument": [{"titel": "KANARIE-DOKUMENT", "url": "https://www.regionjh.se/kanarie", "diarienummer": "KANARIE-DNR"}],
        "sekretess": ["sammanfattning", "granskare", "kommentar_utforare", "redovisad", "brister", "handlingsplan",
                      "dokument", "resultat"],
    })
    _dump(data / "uppfoljningar" / "2026" / "revision-lou-2026.yaml", {
        "avtal": "lou-fjallvarden", "typ": "revision", "period": "2026", "status": "installd",
    })
    plan = yaml.safe_load((data / "uppfoljningsplaner" / "regionstyrelsen-2026.yaml").read_text(encoding="utf-8"))
    plan["poster"] += [
        {"avtal": "lou-fjallvarden", "typ": "revision", "planerad": "2026-04", "redovisas_i": "tertialrapport"},
        {"avtal": "uppdrag-centrum", "typ": "statistik", "planerad": "2026-12", "redovisas_i": "arsbokslut"},
    ]
    _dump(data / "uppfoljningsplaner" / "regionstyrelsen-2026.yaml", plan)
    return build_site(data, root / "site")


# --- golden files ----------------------------------------------------------------------
@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(minimal_pages: dict[str, str], page: str) -> None:
    assert_matches_golden(page_source(minimal_pages, page), GOLDEN / (page.replace("/", "__") + ".html"))


# --- structure every page kind shares ----------------------------------------------------
@pytest.mark.parametrize("page", PAGES)
def test_headings_tables_and_dates_are_accessible(minimal_site: Path, page: str) -> None:
    root = content(minimal_site, page)
    levels = [int(n.tag[1]) for n in root.iter() if n.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}]
    assert levels[0] == 1 and levels.count(1) == 1, levels
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), f"a heading level is skipped: {levels}"
    for table in root.find_all("table"):
        assert table.find("caption").flat_text
        assert all(th.attrs.get("scope") in {"col", "row"} for th in table.find_all("th"))
    for time in root.find_all("time"):
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", time.attrs.get("datetime", "")), time.attrs
        assert re.fullmatch(r"(\d{1,2} )?[a-zåäö]+ \d{4}", time.flat_text), f"date not in Swedish words: {time.flat_text}"


@pytest.mark.parametrize("page", PAGES)
def test_internal_links_reach_pages_and_anchors(minimal_site: Path, page: str) -> None:
    root = content(minimal_site, page)
    for a in root.find_all("a"):
        href = a.attrs["href"]
        if href.startswith("https://"):
            continue
        assert not href.startswith(("http:", "javascript:", "data:", "/")), href
        target, _, anchor = href.partition("#")
        path = posixpath.normpath(posixpath.join(page + "/", target))
        file = minimal_site / path if target.endswith((".xml", ".csv", ".zip")) else minimal_site / path / "index.html"
        assert file.is_file(), f"{page}: broken link {href}"
        if anchor:
            assert f'id="{anchor}"' in file.read_text(encoding="utf-8"), f"{page}: missing anchor {href}"


# --- 4. contract page ----------------------------------------------------------------------
def test_contract_page_states_the_facts_in_words(minimal_site: Path) -> None:
    root = content(minimal_site, "avtal/lov-fjallvarden")
    assert dd_after(root, "Slag av avtal").flat_text == "Avtal enligt lagen om valfrihetssystem (LOV)"
    assert "tills vidare" in dd_after(root, "Gäller").flat_text
    assert dd_after(root, "Strategiskt avtal").flat_text.startswith("Ja.")
    assert dd_after(root, "Allmänhetens insyn").flat_text.startswith("Ja, avtalet har en klausul")
    krav = root.find("li", id="krav-tillganglighet")
    assert "Tre av tio samtal besvarades först nästa dag." in krav.flat_text
    assert "allvarlighet: medel" in krav.flat_text
    assert "Inga brister mot kravet" in root.find("li", id="krav-journal").flat_text


def test_follow_ups_of_a_contract_newest_first(minimal_site: Path) -> None:
    table = content(minimal_site, "avtal/lov-fjallvarden").find("table", id="avtal-uppfoljningar")
    names = [r.find("th").flat_text for r in rows(table)]
    assert names == ["Verksamhetsberättelse 2025", "Revision 2025, tertial 2"]
    assert "Uppfyller kraven delvis" in rows(table)[0].flat_text


def test_missing_insight_clause_is_stated_and_listed(minimal_site: Path) -> None:
    page = content(minimal_site, "avtal/lou-fjallvarden")
    assert "Avtalet saknar klausul om allmänhetens insyn" in dd_after(page, "Allmänhetens insyn").flat_text
    assert "tills vidare" not in dd_after(page, "Gäller").flat_text
    listing = content(minimal_site, "listor/avtal-utan-insynsklausul").find("table", id="avtal-utan-insynsklausul")
    linked = [r.find("a").attrs["href"] for r in rows(listing)]
    assert linked == ["../../avtal/lou-fjallvarden/"], "only the private contract without the clause"
    egen_regi = content(minimal_site, "avtal/uppdrag-centrum")
    assert "gäller offentlighetsprincipen direkt" in dd_after(egen_regi, "Allmänhetens insyn").flat_text


# --- 5. follow-up page ---------------------------------------------------------------------
def test_follow_up_page_shows_result_deficiency_and_report(minimal_site: Path) -> None:
    root = content(minimal_site, "uppfoljningar/vb-fjallvarden-2025")
    assert root.find("span", **{"class": "insyn-resultat insyn-resultat--uppfyller_delvis"}).flat_text.endswith(
        "Uppfyller kraven delvis"), "the result is said in words, not only by colour"
    brist = root.find("ol", **{"class": "insyn-brister"})
    link = brist.find("a")
    assert link.attrs["href"] == "../../avtal/lov-fjallvarden/#krav-tillganglighet"
    assert link.flat_text == "Mottagningen ska svara i telefon samma dag."
    assert "Sämre tillgänglighet påverkar målet" in brist.flat_text
    assert section_text(root, "Var resultatet redovisades") == \
        "Resultatet redovisades för Regionstyrelsen 24 mars 2026, § 45."
    assert "(diarienummer RS/99/2026)" in section_text(root, "Dokument")
    kommentar = root.find("figure", **{"class": "insyn-kommentar"})
    assert "Fjällvårdens Hälsocentral själv" in kommentar.find("figcaption").flat_text
    assert kommentar.find("blockquote").flat_text == "Vi har anställt en till sjuksköterska."


def test_late_measure_is_marked_late_with_its_date(minimal_site: Path) -> None:
    plan = content(minimal_site, "uppfoljningar/vb-fjallvarden-2025").find("ol", **{"class": "insyn-atgarder"})
    late, done = plan.find_all("li")
    assert "Inför återuppringning." in late.flat_text and "Försenad" in late.flat_text
    assert late.find("time").attrs["datetime"] == "2026-06-30"
    assert "Försenad" not in done.flat_text and "Klar" in done.flat_text
    table = content(minimal_site, "listor/atgarder").find("table", id="atgarder")
    (row,) = rows(table)
    assert row.attrs["data-lage"] == "forsenad" and "Försenad" in row.flat_text
    assert "Utbilda personalen" not in table.flat_text, "a finished measure is not open"


def test_withheld_field_says_so_and_nothing_else(minimal_site: Path) -> None:
    html = read(minimal_site, "uppfoljningar/revision-fjallvarden-2025")
    root = content(minimal_site, "uppfoljningar/revision-fjallvarden-2025")
    assert section_text(root, "Sammanfattning") == SEKRETESS_TEXT
    assert "HEMLIG-KANARIE-SEKRETESS" not in html


def test_every_withheld_field_says_so(rich_site: Path) -> None:
    html = read(rich_site, "uppfoljningar/fordjupad-fjallvarden-2026")
    assert "KANARIE" not in html
    root = parse(insyn_block(html))
    for heading in ("Sammanfattning", "Utförarens kommentar", "Dokument", "Var resultatet redovisades"):
        assert section_text(root, heading) == SEKRETESS_TEXT, heading
    for heading in ("Brister", "Handlingsplan"):  # an explanation of the term, then the withheld value
        last = [n for n in section(root, heading) if isinstance(n, Node)][-1]
        assert last.flat_text == SEKRETESS_TEXT, heading
    assert dd_after(root, "Granskad av").flat_text == SEKRETESS_TEXT
    assert root.find("p", **{"class": "insyn-resultat-rad"}).flat_text == "Resultat: " + SEKRETESS_TEXT
    for page in ("avtal/lov-fjallvarden", "listor/uppfoljningar", "listor/dokument", "listor/atgarder"):
        assert "KANARIE" not in read(rich_site, page), page


def test_the_kind_of_follow_up_is_explained(minimal_site: Path) -> None:
    """'Avvikelse' and 'Revision' are the staff's words: the page says what each kind is."""
    revision = content(minimal_site, "uppfoljningar/revision-fjallvarden-2025")
    assert dd_after(revision, "Slag av uppföljning").flat_text == \
        "Revision: en granskning av om utföraren följer avtalet och lagarna, till exempel på plats."
    vb = content(minimal_site, "uppfoljningar/vb-fjallvarden-2025")
    assert dd_after(vb, "Slag av uppföljning").flat_text == \
        "Verksamhetsberättelse: utföraren lämnar en skriftlig berättelse om året till regionen."
    assert set(UPPFOLJNINGSTYP_FORKLARING) == set(UPPFOLJNINGSTYP), "every kind is explained"


def test_an_action_plan_without_measures_yet_is_no_missing_plan_in_the_tables(tmp_path: Path) -> None:
    """A plan decided before its measures are written in: its page says 'Handlingsplanen
    beslutades …', and the provider's table said 'Ingen handlingsplan' beside it."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    _dump(data / "uppfoljningar" / "2026" / "avvikelse-fjallvarden-2026.yaml", {
        "avtal": "lov-fjallvarden", "typ": "avvikelse", "period": "2026-06", "status": "genomford",
        "genomford": "2026-08-01", "resultat": "uppfyller_inte",
        "brister": [{"krav": "journal", "beskrivning": "Journalen fördes sent.", "allvarlighet": "hog"}],
        "handlingsplan": {"beslutad": "2026-09-01", "atgarder": []}})
    pages = render_pages(data)
    page = parse(insyn_block(page_source(pages, "uppfoljningar/avvikelse-fjallvarden-2026")))
    assert section_text(page, "Handlingsplan").endswith(
        "Handlingsplanen beslutades 1 september 2026. Handlingsplanen har inga åtgärder än.")
    table = parse(insyn_block(page_source(pages, "utforare/fjallvarden"))).find("table", id="utforare-uppfoljningar")
    (row,) = [r for r in rows(table) if r.find("th").flat_text == "Avvikelse juni 2026"]
    assert row.find_all("td")[-1].flat_text == "Inga åtgärder än"


# --- a follow-up not done ------------------------------------------------------------------
@pytest.mark.parametrize(("status", "period", "granskare", "brister", "handlingsplan", "redovisning"), [
    ("planerad", "Period som ska följas upp", "Ska granskas av",
     "Uppföljningen är inte klar än. Inga brister är registrerade än.",
     "Uppföljningen är inte klar än. Hittar den brister ska utföraren göra en handlingsplan.",
     "Resultatet har inte redovisats för någon nämnd än."),
    ("pagaende", "Period som följs upp", "Granskas av",
     "Uppföljningen är inte klar än. Inga brister är registrerade än.",
     "Uppföljningen är inte klar än. Hittar den brister ska utföraren göra en handlingsplan.",
     "Resultatet har inte redovisats för någon nämnd än."),
    ("installd", "Period som skulle ha följts upp", "Skulle ha granskats av",
     "Uppföljningen ställdes in, så den har inte bedömt några krav.",
     "Ingen handlingsplan, eftersom uppföljningen ställdes in.",
     "Uppföljningen ställdes in, så det finns inget resultat att redovisa."),
], ids=["planerad", "pagaende", "installd"])
def test_a_follow_up_not_done_claims_no_review_and_no_clean_result(
        tmp_path: Path, status: str, period: str, granskare: str, brister: str, handlingsplan: str,
        redovisning: str) -> None:
    """A planned, ongoing or cancelled follow-up has checked nothing: its page said it 'följdes upp'
    and was 'Granskad av' someone, that no action plan was needed, and the provider's and the
    contract's tables said 'Inga' and 0 deficiencies, as of a clean result."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    _dump(data / "uppfoljningar" / "2026" / "muntlig-fjallvarden-2026.yaml", {
        "avtal": "lov-fjallvarden", "typ": "muntlig_uppfoljning", "period": "2026", "status": status,
        "granskare": "Beställarenheten"})
    pages = render_pages(data)
    root = parse(insyn_block(page_source(pages, "uppfoljningar/muntlig-fjallvarden-2026")))
    assert dd_after(root, period).flat_text == "2026"
    assert dd_after(root, granskare).flat_text == "Beställarenheten"
    assert section_text(root, "Brister").endswith(brister)
    assert section_text(root, "Handlingsplan").endswith(handlingsplan)
    assert section_text(root, "Var resultatet redovisades") == redovisning
    for page, table_id in (("utforare/fjallvarden", "utforare-uppfoljningar"), ("avtal/lov-fjallvarden", "avtal-uppfoljningar")):
        table = parse(insyn_block(page_source(pages, page))).find("table", id=table_id)
        (row,) = [r for r in rows(table) if r.find("th").flat_text == "Muntlig uppföljning 2026"]
        cells = [td.flat_text for td in row.find_all("td")]
        assert "Inga" not in cells and "0" not in cells and "Ingen handlingsplan" not in cells, cells
        assert cells[-1].endswith("Ingen bedömning"), cells  # a dash, said in words to a screen reader
    done = parse(insyn_block(page_source(pages, "utforare/fjallvarden"))).find("table", id="utforare-uppfoljningar")
    assert "Inga" in [td.flat_text for r in rows(done) for td in r.find_all("td")], "a follow-up done says Inga as before"


# --- non-public follow-ups -------------------------------------------------------------------
def test_non_public_follow_up_has_no_page_is_in_no_list_but_is_counted(minimal_site: Path) -> None:
    assert not (minimal_site / "uppfoljningar" / "avvikelse-fjallvarden-2025").exists()
    for page in PAGES:
        html = read(minimal_site, page)
        assert "avvikelse-fjallvarden-2025" not in html and "HEMLIG-KANARIE-EJ-PUBLIK" not in html, page
    root = content(minimal_site, "listor/uppfoljningar")
    assert section_text(root, "Uppföljningar som inte är offentliga").endswith(
        "1 uppföljning inom Hälsocentraler (Hälsoval) år 2025 är inte offentlig och visas inte.")
    table = root.find("table", id="uppfoljningar")
    assert len(rows(table)) == 3
    assert not [r for r in rows(table) if "Avvikelse" in r.flat_text]


# --- 8. lists ------------------------------------------------------------------------------
def test_follow_up_list_rows_carry_every_filter_value(minimal_site: Path) -> None:
    """The shared filter script shows a row when its data-X equals the chosen <select name=X>."""
    root = content(minimal_site, "listor/uppfoljningar")
    form = root.find("form", **{"data-filter-for": "uppfoljningar"})
    table = root.find("table", id="uppfoljningar")
    assert "data-sortable" in table.attrs
    for select in form.find_all("select"):
        name = select.attrs["name"]
        options = {o.attrs["value"] for o in select.find_all("option")}
        assert "" in options
        assert root.find("label", **{"for": select.attrs["id"]}).flat_text
        for row in rows(table):
            assert row.attrs[f"data-{name}"] in options, (name, row.attrs)
    by_result = {r.find("th").flat_text: r.attrs["data-resultat"] for r in rows(table)}
    assert by_result["Verksamhetsberättelse 2025"] in {"uppfyller_delvis", "uppfyller"}
    assert {r.attrs["data-ar"] for r in rows(table)} == {"2025"}


def test_document_list_groups_by_year_then_area(minimal_site: Path) -> None:
    root = content(minimal_site, "listor/dokument")
    headings = [(n.tag, n.flat_text) for n in root.iter() if n.tag in {"h2", "h3"}]
    assert headings == [("h2", "2025"), ("h3", "Hälsocentraler (Hälsoval)")]
    (item,) = root.find("ul", **{"class": "insyn-dokumentlista"}).find_all("li")
    assert item.find("a").attrs["href"] == "https://www.regionjh.se/vb2025"
    assert "RS/99/2026" in item.flat_text


# --- 6. goal page --------------------------------------------------------------------------
def test_goal_page_shows_key_figures_and_follow_ups(minimal_site: Path) -> None:
    root = content(minimal_site, "mal/god-och-nara-vard")
    (row,) = rows(root.find("table", id="mal-nyckeltal"))
    cells = [c.flat_text for c in row.find_all("td")]
    assert row.find("th").flat_text == "Medicinsk bedömning inom 3 dagar"
    # "84,0 %", as the comparison page, the provider pages and the report write the same value
    assert cells[1:] == ["Högre värde är bättre", "90 %", "84,0 % (2025)", "80,2 % (2025)"]
    linked = {r.find("a").attrs["href"] for r in rows(root.find("table", id="mal-uppfoljningar"))}
    assert linked == {"../../uppfoljningar/vb-fjallvarden-2025/", "../../uppfoljningar/revision-fjallvarden-2025/"}


# --- 7. plan page ----------------------------------------------------------------------------
def test_plan_page_classifies_every_post(rich_site: Path) -> None:
    root = content(rich_site, "uppfoljningsplaner/regionstyrelsen-2026")
    outcome = {r.find("th").flat_text: r.attrs["data-utfall"] for r in rows(root.find("table", id="plan-poster"))}
    assert outcome == {
        "Avtal med Fjällvårdens Hälsocentral – Hälsocentraler (Hälsoval)": "genomford",
        "Alla utförare inom Hälsocentraler (Hälsoval)": "forsenad",
        "Avtal med Fjällvårdens Hälsocentral – Upphandlad specialistvård": "installd",
        "Uppdrag till Hälsocentralen Centrum – Hälsocentraler (Hälsoval)": "ej_paborjad",
    }
    counts = {r.find("th").flat_text: r.find("td").flat_text for r in rows(root.find("table", id="plan-antal"))}
    assert counts == {"Genomförd": "1", "Pågår": "0", "Inställd": "1", "Försenad": "1", "Ej påbörjad": "1"}


# --- the matcher, on constructed catalogs -----------------------------------------------------
IDAG = dt.date(2026, 6, 15)


@pytest.fixture(scope="module")
def base_catalog() -> Catalog:
    return pipeline.check(MINIMAL, IDAG)


def _catalog(base: Catalog, follow_ups: dict[str, dict[str, object]], idag: dt.date = IDAG) -> Catalog:
    models = {uid: Uppfoljning.model_validate(doc) for uid, doc in follow_ups.items()}
    return dataclasses.replace(base, uppfoljningar=MappingProxyType(models), idag=idag)


def _plan(*posts: dict[str, str]) -> Uppfoljningsplan:
    return Uppfoljningsplan(ar=2026, namnd="regionstyrelsen", poster=tuple(PlanPost.model_validate(p) for p in posts))


def _post(planerad: str, typ: str = "revision", **target: str) -> dict[str, str]:
    return {"typ": typ, "planerad": planerad, "redovisas_i": "arsbokslut", **(target or {"avtal": "lov-fjallvarden"})}


def _done(period: str = "2026", genomford: str = "2026-04-01", **extra: object) -> dict[str, object]:
    return {"avtal": "lov-fjallvarden", "typ": "revision", "period": period, "status": "genomford",
            "genomford": genomford, "resultat": "uppfyller", **extra}


def _outcomes(catalog: Catalog, plan: Uppfoljningsplan) -> list[tuple[str, tuple[str, ...]]]:
    return [(r.utfall, r.uppfoljningar) for r in plan_utfall.utfall_for_plan(catalog, plan)]


@pytest.mark.parametrize(("status", "expected"), [
    ("genomford", "genomford"), ("pagaende", "pagaende"), ("installd", "installd"), ("planerad", "forsenad"),
])
def test_matcher_outcome_follows_the_follow_up_status(base_catalog: Catalog, status: str, expected: str) -> None:
    doc = _done() if status == "genomford" else {"avtal": "lov-fjallvarden", "typ": "revision", "period": "2026",
                                                 "status": status}
    catalog = _catalog(base_catalog, {"u": doc})
    assert _outcomes(catalog, _plan(_post("2026-03"))) == [(expected, ("u",))]


@pytest.mark.parametrize(("planerad", "expected"), [
    ("2026-05", "forsenad"), ("2026-06", "ej_paborjad"), ("2026-11", "ej_paborjad"),
])
def test_matcher_late_only_once_the_planned_month_has_passed(base_catalog: Catalog, planerad: str, expected: str) -> None:
    assert _outcomes(_catalog(base_catalog, {}), _plan(_post(planerad))) == [(expected, ())]


def test_matcher_needs_same_type_contract_and_year(base_catalog: Catalog) -> None:
    catalog = _catalog(base_catalog, {
        "fel-typ": _done(typ="statistik"),
        "fel-avtal": _done(avtal="uppdrag-centrum"),
        "fel-ar": _done(period="2024", genomford="2025-02-01"),
    })
    assert _outcomes(catalog, _plan(_post("2026-03"))) == [("forsenad", ())]


def test_matcher_counts_a_report_done_in_the_plan_year_on_last_year(base_catalog: Catalog) -> None:
    catalog = _catalog(base_catalog, {"vb": _done(period="2025", genomford="2026-03-10", typ="verksamhetsberattelse")})
    assert _outcomes(catalog, _plan(_post("2026-03", "verksamhetsberattelse"))) == [("genomford", ("vb",))]


def test_matcher_area_post_takes_any_contract_in_the_area(base_catalog: Catalog) -> None:
    catalog = _catalog(base_catalog, {
        "centrum": _done(avtal="uppdrag-centrum"),
        "fjallvarden": {"avtal": "lov-fjallvarden", "typ": "revision", "period": "2026", "status": "pagaende"},
        "specialist": _done(avtal="lou-fjallvarden"),
    })
    (result,) = _outcomes(catalog, _plan(_post("2026-03", verksamhetsomrade="halsoval")))
    assert result[0] == "genomford" and set(result[1]) == {"centrum", "fjallvarden"}


def test_matcher_gives_each_follow_up_to_the_nearest_of_two_like_posts(base_catalog: Catalog) -> None:
    catalog = _catalog(base_catalog, {"mars": _done(genomford="2026-03-20")}, idag=dt.date(2026, 10, 1))
    plan = _plan(_post("2026-03"), _post("2026-09"))
    assert _outcomes(catalog, plan) == [("genomford", ("mars",)), ("forsenad", ())]


def test_matcher_gives_a_follow_up_to_its_contracts_post_not_also_to_its_areas(base_catalog: Catalog) -> None:
    catalog = _catalog(base_catalog, {"mars": _done(genomford="2026-03-18", typ="muntlig_uppfoljning")})
    plan = _plan(_post("2026-03", "muntlig_uppfoljning"), _post("2026-10", "muntlig_uppfoljning", verksamhetsomrade="halsoval"))
    assert _outcomes(catalog, plan) == [("genomford", ("mars",)), ("ej_paborjad", ())]


def test_matcher_gives_a_follow_up_done_the_next_year_to_one_of_the_two_plans(base_catalog: Catalog) -> None:
    """A report on 2025 reviewed in April 2026 falls in both years: it answers the 2026 plan's
    May post, not also the 2025 plan's, whose May post was for the report on 2024. A follow-up
    of 2025 done in 2026 with no post nearer the next year stays with its own year's plan."""
    plan_2025 = Uppfoljningsplan(ar=2025, namnd="regionstyrelsen", poster=(
        PlanPost.model_validate(_post("2025-05", "verksamhetsberattelse")),
        PlanPost.model_validate(_post("2025-09", "statistik")), PlanPost.model_validate(_post("2025-11"))))
    plan_2026 = _plan(_post("2026-05", "verksamhetsberattelse"), _post("2026-05", "statistik"))
    catalog = _catalog(base_catalog, {
        "vb-2025": _done(period="2025", genomford="2026-04-10", typ="verksamhetsberattelse"),
        "t3-2025": _done(period="2025-T3", genomford="2026-01-20", typ="statistik"),  # 4 months from either post
        "revision-2025": _done(period="2025", genomford="2026-01-15"),
    })
    catalog = catalog.replaced(planer=MappingProxyType({"regionstyrelsen-2025": plan_2025, "regionstyrelsen-2026": plan_2026}))
    assert _outcomes(catalog, plan_2025) == [("forsenad", ()), ("genomford", ("t3-2025",)), ("genomford", ("revision-2025",))]
    assert _outcomes(catalog, plan_2026) == [("genomford", ("vb-2025",)), ("forsenad", ())]


def test_a_post_for_a_contract_that_has_ended_says_when_it_ended(base_catalog: Catalog) -> None:
    """The plan page and the report say that the contract planned for has ended, beside
    'Försenad': no follow-up will come of a contract that is no more."""
    from generator.pages import plan as plan_pages
    from generator.rapport.plan import varfor_ingen

    plan = _plan(_post("2026-03", avtal="lov-stangda"))
    catalog = _catalog(base_catalog, {}).replaced(planer=MappingProxyType({"regionstyrelsen-2026": plan}))
    row = content_of(plan_pages.render(catalog), "uppfoljningsplaner/regionstyrelsen-2026").find("table", id="plan-poster")
    (post,) = rows(row)
    assert post.find("th").flat_text == "Avtal med Stängda mottagningen – Hälsocentraler (Hälsoval) (avtalet upphörde 30 juni 2024)"
    assert post.attrs["data-utfall"] == "forsenad"
    (utfall,) = plan_utfall.utfall_for_plan(catalog, plan)
    assert "Avtalet upphörde 30 juni 2024." in varfor_ingen(catalog, utfall, 2026)


def test_matcher_counts_every_outcome(base_catalog: Catalog) -> None:
    catalog = _catalog(base_catalog, {"u": _done()})
    rows_ = plan_utfall.utfall_for_plan(catalog, _plan(_post("2026-03"), _post("2026-01", "statistik"),
                                                       _post("2026-12", "statistik")))
    assert plan_utfall.antal_per_utfall(rows_) == {
        "genomford": 1, "pagaende": 0, "installd": 0, "forsenad": 1, "ej_paborjad": 1,
    }


# --- in a real browser: accessibility, phone width, filter and sort ----------------------------
BROWSER_PAGES = ["avtal/lov-fjallvarden", "avtal/lou-fjallvarden", "utforare/fjallvarden", "uppfoljningar/vb-fjallvarden-2025", "uppfoljningar/fordjupad-fjallvarden-2026",
                 "mal/god-och-nara-vard", "uppfoljningsplaner/regionstyrelsen-2026", "listor/uppfoljningar",
                 "listor/dokument", "listor/avtal-utan-insynsklausul", "listor/atgarder"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def test_pages_pass_axe_and_fit_a_phone(browser: object, rich_site: Path) -> None:
    from tests.support.build import AXE_JS

    # The site's Content-Security-Policy forbids inline scripts; only the test's axe may bypass it.
    context = browser.new_context(viewport={"width": 375, "height": 800}, bypass_csp=True)  # type: ignore[attr-defined]
    page = context.new_page()
    problems = []
    for name in BROWSER_PAGES:
        page.goto((rich_site / name / "index.html").as_uri())
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        problems += [(name, v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append((name, "horizontal-scroll", overflow))
    context.close()
    assert problems == [], "\n".join(map(str, problems))


def test_follow_up_list_filters_and_sorts_in_the_browser(browser: object, rich_site: Path) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto((rich_site / "listor" / "uppfoljningar" / "index.html").as_uri())
    form = page.locator("form.insyn-filter[data-filter-for=uppfoljningar]")
    assert form.is_visible(), "the script shows the filter"
    visible = "() => [...document.querySelectorAll('#uppfoljningar tbody tr')].filter(r => !r.hidden)" \
              ".map(r => r.querySelector('th').textContent.trim())"
    assert len(page.evaluate(visible)) == 5
    page.select_option("#uppfoljningar-resultat", "uppfyller")
    assert sorted(page.evaluate(visible)) == ["Revision 2025, tertial 2", "Verksamhetsberättelse 2025"]
    page.select_option("#uppfoljningar-resultat", "")
    page.select_option("#uppfoljningar-ar", "2026")
    assert sorted(page.evaluate(visible)) == ["Fördjupad uppföljning 2026, tertial 1", "Revision 2026"]
    page.select_option("#uppfoljningar-ar", "")
    page.locator("#uppfoljningar thead th", has_text="Klar").locator("button").click()
    dates = page.evaluate("() => [...document.querySelectorAll('#uppfoljningar tbody tr')]"
                          ".map(r => r.cells[4].getAttribute('data-sort-value')).filter(Boolean)")
    assert dates == sorted(dates) or dates == sorted(dates, reverse=True)
    assert len(dates) == 4
    page.close()


def test_plans_and_goals_are_reachable_from_the_follow_up_list(minimal_site: Path) -> None:
    """Entity pages are not in the navigation, so the list links every plan and goal."""
    root = content(minimal_site, "listor/uppfoljningar")
    plans = [a.attrs["href"] for n in section(root, "Nämndernas uppföljningsplaner") if isinstance(n, Node)
             for a in n.find_all("a")]
    goals = [a.attrs["href"] for n in section(root, "Uppföljning av de övergripande målen") if isinstance(n, Node)
             for a in n.find_all("a")]
    assert plans == ["../../uppfoljningsplaner/regionstyrelsen-2026/"]
    assert goals == ["../../mal/god-och-nara-vard/"]
