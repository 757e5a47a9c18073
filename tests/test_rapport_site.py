"""The reports on the built example site: one page per nämnd and year, linked from the plan
page and the menu, with its PDF, DOCX and presentation beside it and in the DCAT catalog;
valid HTML, clean for axe, printable; and every figure the same as in the published CSVs,
recomputed here with pandas."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pikepdf
import pytest
from rdflib import Graph, URIRef, namespace

from generator import pipeline
from generator.domain.rapportval import sokvag, webbplatsens_rapporter
from generator.rapport import bygg_rapport
from generator.rapport.dokument import Diagram
from generator.rapport.innehall import dokument
from generator.settings import reference_day
from tests.support.build import AXE_JS, EXAMPLE, VNU_JAR
from tests.support.serving import serving
from tests.test_build_nav import menu
from tests.test_rapport_filer import structure

NAMND, AR = "regionstyrelsen", 2026
WCAG = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}"


@pytest.fixture(scope="module")
def catalog():
    return pipeline.check(EXAMPLE, reference_day())


@pytest.fixture(scope="module")
def rapport(catalog):
    return bygg_rapport(catalog, NAMND, AR)


def _page(site: Path, namnd: str = NAMND, ar: int = AR) -> Path:
    return site / sokvag(namnd, ar) / "index.html"


def test_a_page_and_three_files_per_nämnd_and_year(example_site: Path, catalog) -> None:
    wanted = webbplatsens_rapporter(catalog)
    assert (NAMND, AR) in wanted and (NAMND, AR - 1) in wanted
    assert all(ar in (AR - 1, AR) for _, ar in wanted)  # this year and last year only
    for namnd, ar in wanted:
        folder = example_site / sokvag(namnd, ar)
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            ["index.html", f"{namnd}-{ar}.pdf", f"{namnd}-{ar}.docx", f"{namnd}-{ar}.pptx"])
        html = _page(example_site, namnd, ar).read_text(encoding="utf-8")
        for ext in ("pdf", "docx", "pptx"):
            assert f'href="{namnd}-{ar}.{ext}"' in html


def test_linked_from_the_plan_page_and_the_menu(example_site: Path) -> None:
    plan = (example_site / "uppfoljningsplaner" / f"{NAMND}-{AR}" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../rapporter/{NAMND}-{AR}/"' in plan
    links = menu(example_site / "listor" / "uppfoljningar" / "index.html")
    assert any(link.rstrip("/").endswith(f"rapporter/{NAMND}-{AR}") for link in links)


def test_dcat_lists_the_report_files(example_site: Path, catalog) -> None:
    g = Graph().parse(example_site / "oppna-data" / "dcat.rdf", format="xml")
    base = catalog.publicering.webbadress.rstrip("/") + "/"
    downloads = {str(u) for u in g.objects(None, namespace.DCAT.downloadURL)}
    for namnd, ar in webbplatsens_rapporter(catalog):
        for ext, media in (("pdf", "application/pdf"),
                           ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                           ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")):
            url = f"{base}{sokvag(namnd, ar)}{namnd}-{ar}.{ext}"
            assert url in downloads
            assert (example_site / url.removeprefix(base)).is_file()
            (dist,) = g.subjects(namespace.DCAT.downloadURL, URIRef(url))
            assert str(g.value(dist, namespace.DCTERMS["format"])) == media


def test_report_html_is_valid_to_the_nu_html_checker(example_site: Path, catalog) -> None:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail("java eller vnu.jar saknas: kör scripts/install-test-tools.sh")
    site_pages = [str(_page(example_site, n, ar)) for n, ar in webbplatsens_rapporter(catalog)]
    result = subprocess.run([java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", *site_pages],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert [m for m in messages if m["type"] in ("error", "non-document-error") or m.get("subType") == "fatal"] == []


@pytest.fixture(scope="module")
def example_url(example_site: Path) -> Iterator[str]:
    with serving(example_site) as base:
        yield base


def test_report_page_passes_axe(browser, example_url: str) -> None:
    context = browser.new_context(bypass_csp=True, locale="sv-SE")  # the CSP forbids the injected checker only
    try:
        tab = context.new_page()
        tab.goto(example_url + sokvag(NAMND, AR))
        tab.add_script_tag(path=str(AXE_JS))
        result = tab.evaluate(f"axe.run(document, {WCAG})")
    finally:
        context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []


def test_printed_page_has_no_navigation_and_a_footer_on_every_page(browser, example_url: str, rapport, tmp_path: Path) -> None:
    context = browser.new_context(locale="sv-SE")
    try:
        tab = context.new_page()
        tab.goto(example_url + sokvag(NAMND, AR))
        tab.emulate_media(media="print")
        shown = tab.evaluate("""() => {
            const css = (s) => { const e = document.querySelector(s); return e ? getComputedStyle(e) : null; };
            return {
              header: css('.md-header').display, sidebar: css('.md-sidebar').display,
              toc: css('.insyn-rapport__innehall').display, footer: css('.insyn-rapport__sidfot').position,
              breaks: [...document.querySelectorAll('.insyn-rapport__avsnitt')].map(s => getComputedStyle(s).breakBefore),
            };
        }""")
        assert (shown["header"], shown["sidebar"], shown["toc"], shown["footer"]) == ("none", "none", "none", "fixed")
        assert shown["breaks"] and set(shown["breaks"]) == {"page"}
        printed = tmp_path / "utskrift.pdf"
        tab.pdf(path=str(printed), format="A4")
    finally:
        context.close()
    pages = subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True).stdout.split("\f")[:-1]
    assert len(pages) > 3
    assert all("data uppdaterad 16 november 2026" in " ".join(p.split()) for p in pages)


def test_pdf_charts_are_figures_with_their_text_alternative(example_site: Path, catalog, rapport) -> None:
    dok = dokument(catalog, rapport)
    charts = [b.alt for s in dok.sektioner for b in s.block if isinstance(b, Diagram)]
    with pikepdf.open(example_site / sokvag(NAMND, AR) / f"{NAMND}-{AR}.pdf") as pdf:
        figures = [alt for kind, alt in structure(pdf.Root.StructTreeRoot, []) if kind == "/Figure"]
    assert charts and figures == charts  # each chart a figure whose alternative text says it all in words
    assert all("Regionen som helhet – 2023:" in alt for alt in figures)


# --- the numbers are computed once: recomputed from the published CSVs ------------------

def _csv(site: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(site / "oppna-data" / f"{name}.csv", dtype=str, keep_default_na=False)


def _in_scope(site: Path) -> pd.DataFrame:
    u, avtal = _csv(site, "uppfoljningar"), _csv(site, "avtal")  # uppfoljningar has utforare and driftsform
    u = u.merge(avtal[["id", "namnd"]].rename(columns={"id": "avtal"}), on="avtal")
    year = (u["period"].str[:4] == str(AR)) | (u["genomford"].str[:4] == str(AR))
    return u[(u["namnd"] == NAMND) & year]


def test_plan_rows_are_the_published_planposter(example_site: Path, rapport) -> None:
    posts = _csv(example_site, "planposter")
    posts = posts[posts["plan"] == f"{NAMND}-{AR}"].sort_values("nr", key=lambda s: s.astype(int))
    (plan,) = rapport.planer
    assert list(posts["utfall"]) == [row.utfall for row in plan.rader]
    assert [set(filter(None, s.split("|"))) for s in posts["uppfoljningar"]] == [
        {t.uppfoljning for t in row.traffar} for row in plan.rader]


def test_results_and_deficiencies_match_the_csvs(example_site: Path, rapport) -> None:
    done = _in_scope(example_site)
    done = done[done["status"] == "genomford"]
    brister = _csv(example_site, "brister").merge(
        done[["id", "verksamhetsomrade"]].rename(columns={"id": "uppfoljning"}), on="uppfoljning")
    for o in rapport.resultat:
        for d in o.drift:
            mine = done[(done["verksamhetsomrade"] == o.omrade) & (done["driftsform"] == d.driftsform)]
            counts = mine["resultat"].replace("", "ej_bedomd").value_counts().to_dict()
            assert {k: v for k, v in d.antal if v} == counts
            assert d.uppfoljningar == len(mine)
            severity = brister[(brister["verksamhetsomrade"] == o.omrade) & (brister["driftsform"] == d.driftsform)]
            assert {k: v for k, v in d.brister if v} == severity["allvarlighet"].value_counts().to_dict()


def _measures_of_the_year(site: Path) -> pd.DataFrame:
    """The measures the year's report follows up: those of the year's follow-ups, and those of
    the nämnd's earlier follow-ups not done when the year began."""
    u, avtal = _csv(site, "uppfoljningar"), _csv(site, "avtal")
    u = u.merge(avtal[["id", "namnd"]].rename(columns={"id": "avtal"}), on="avtal")
    u = u[u["namnd"] == NAMND]
    year = (u["period"].str[:4] == str(AR)) | (u["genomford"].str[:4] == str(AR))
    before = ((u["period"] != "") & (u["period"].str[:4] < str(AR))) | ((u["genomford"] != "") & (u["genomford"].str[:4] < str(AR)))
    a = _csv(site, "atgarder")
    this_year = a.merge(u[year][["id"]].rename(columns={"id": "uppfoljning"}), on="uppfoljning")
    earlier = a.merge(u[~year & before][["id"]].rename(columns={"id": "uppfoljning"}), on="uppfoljning")
    earlier = earlier[(earlier["status"] != "klar") | (earlier["klar"].str[:4] >= str(AR))]
    return pd.concat([this_year, earlier])


def test_measures_match_the_csvs(example_site: Path, rapport, catalog) -> None:
    a = _measures_of_the_year(example_site)
    assert a["forsenad"].eq("true").sum() == len(rapport.forsenade) == 8  # 2 of them from follow-ups of 2025
    a["sen"] = (a["status"] != "klar") & (pd.to_datetime(a["senast"]).dt.date < catalog.idag)
    expected = {pid: (int((g["status"] == "klar").sum()), int((g["status"] != "klar").sum()), int(g["sen"].sum()))
                for pid, g in a.groupby("utforare")}
    assert {u.utforare: (u.klara, u.oppna, u.forsenade) for u in rapport.utforaratgarder} == expected
    late = a[a["sen"]]
    days = sorted((catalog.idag - pd.Timestamp(s).date()).days for s in late["senast"])
    assert sorted(r.dagar_sen for r in rapport.forsenade) == days


def test_key_figures_and_hidden_count_match_the_csvs(example_site: Path, rapport) -> None:
    ref = _csv(example_site, "jamforelsevarden")
    for s in rapport.sakomraden:
        for k in s.nyckeltal:
            rows = ref[(ref["jamforelse"] == "region") & (ref["nyckeltal"] == k.lage.nyckeltal) & (ref["kon"] == "T")]
            series = [(p, float(v) if v else None) for p, v in zip(rows["period"], rows["varde"], strict=True)
                      if int(p[:4]) <= AR]
            assert list(k.serie) == series
            for kv in k.lage.varden:
                cell = ref[(ref["jamforelse"] == "region") & (ref["nyckeltal"] == k.lage.nyckeltal)
                           & (ref["period"] == k.lage.period) & (ref["kon"] == kv.kon)]["varde"]
                assert kv.varde == (float(cell.iloc[0]) if len(cell) and cell.iloc[0] else None)
            riket = ref[(ref["jamforelse"] == "riket") & (ref["nyckeltal"] == k.lage.nyckeltal)
                        & (ref["period"] == k.riket_period) & (ref["kon"] == "T")]["varde"]
            assert k.riket == (float(riket.iloc[0]) if len(riket) and riket.iloc[0] else None)
    hidden = _csv(example_site, "dolda_uppfoljningar")
    areas = {o.omrade for o in rapport.resultat}
    assert rapport.dolda == int(hidden[(hidden["ar"] == str(AR)) & hidden["verksamhetsomrade"].isin(areas)]["antal"].astype(int).sum())
