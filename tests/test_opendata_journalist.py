"""The data package as a journalist reads it: counts that match the site, names beside ids,
words beside codes, one list form, and dates that follow the data."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from generator import pipeline
from generator.opendata import labels, resources
from generator.opendata.schema import BY_NAME, LIST_SEP, TABLES
from generator.settings import reference_day
from tests.support.build import MINIMAL, build_site
from tests.support.html import parse


def table(site: Path, name: str) -> list[dict[str, str]]:
    with (site / "oppna-data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_late_measures_in_the_csv_match_the_site(example_site):
    rows = table(example_site, "atgarder")
    late = [r for r in rows if r["forsenad"] == "true"]
    text = parse((example_site / "listor/atgarder/index.html").read_text(encoding="utf-8")).text
    assert f"{len(late)} av dem är försenade" in text
    descriptor = json.loads((example_site / "oppna-data/datapackage.json").read_text(encoding="utf-8"))
    day = descriptor["referensdag"]
    assert all((r["senast"] < day and r["status"] != "klar") == (r["forsenad"] == "true") for r in rows)
    start = (example_site / "index.html").read_text(encoding="utf-8")
    assert f'Förseningar räknas mot <time datetime="{day}">' in start
    about = [c for row in openpyxl.load_workbook(example_site / "oppna-data/insyn.xlsx", read_only=True)["Om filen"]
             .iter_rows(values_only=True) for c in row if c]
    assert any(str(c).startswith(f"Referensdag: {day}.") for c in about)


def test_the_start_pages_counts_add_up_to_the_rows_of_the_csv(minimal_site):
    """The start page counted open units only and said '2 enheter' where utforare.csv has 3
    (one closed), beside '4 avtal eller uppdrag' that counted the ended contracts too."""
    day = json.loads((minimal_site / "oppna-data/datapackage.json").read_text(encoding="utf-8"))["referensdag"]
    units, contracts = table(minimal_site, "utforare"), table(minimal_site, "avtal")
    closed = sum(1 for u in units if u["slutdatum"] and u["slutdatum"] < day)
    ended = sum(1 for a in contracts if a["slutdatum"] and a["slutdatum"] < day)
    assert closed and ended
    text = " ".join(parse((minimal_site / "index.html").read_text(encoding="utf-8")).one("ul", **{"class": "insyn-siffror"})
                    .text.split())
    assert f"{len(units) - closed} öppna enheter" in text and f"(och {closed} som har stängt)" in text
    assert f"{len(contracts)} avtal eller uppdrag, varav {ended} har upphört" in text


@pytest.mark.parametrize("name", ["uppfoljningar", "brister", "atgarder"])
def test_provider_name_and_driftsform_are_repeated(example_site, name):
    providers = {r["id"]: r for r in table(example_site, "utforare")}
    rows = table(example_site, name)
    assert rows
    for r in rows:
        assert (r["utforare_namn"], r["driftsform"]) == (providers[r["utforare"]]["namn"],
                                                          providers[r["utforare"]]["driftsform"])


def test_every_code_has_its_words_beside_it_in_the_xlsx(example_site):
    wb = openpyxl.load_workbook(example_site / "oppna-data/insyn.xlsx", read_only=True)
    checked = 0
    for t in TABLES:
        rows = list(wb[t.name].iter_rows(values_only=True))
        header = list(rows[0])
        for c in t.columns:
            if not c.enum or c.name in ("tabell",):
                continue
            assert c.name + labels.SUFFIX in header, f"{t.name}.{c.name}"
            code_at, word_at = header.index(c.name), header.index(c.name + labels.SUFFIX)
            assert word_at == code_at + 1
            for row in rows[1:]:
                if row[code_at] is not None:
                    assert row[word_at], f"{t.name}.{c.name} = {row[code_at]} saknar ord"
                    checked += 1
    assert checked > 500
    results = list(wb["uppfoljningar"].iter_rows(values_only=True))
    at = results[0].index("resultat")
    assert ("uppfyller_delvis", "Uppfyller kraven delvis") in {(r[at], r[at + 1]) for r in results[1:]}


def test_list_columns_use_one_documented_form(minimal_site):
    centrum = next(r for r in table(minimal_site, "utforare") if r["id"] == "halsocentralen-centrum")
    assert centrum["tjanster"] == "Läkarbesök|Vaccination"
    assert centrum["sprak"] == "sv|sma"
    assert centrum["tillganglighet"] == "rullstol=true|horslinga=false"
    assert centrum["oppettider"] == "mån–fre 08.00–17.00"
    for row in table(minimal_site, "utforare"):
        assert ";" not in "".join(row.values())
    for t in TABLES:
        for c in t.columns:
            if "Flera värden" in c.description:
                assert f"lodrätt streck ({LIST_SEP})" in c.description, f"{t.name}.{c.name}"


def test_empty_insynsklausul_is_explained():
    text = next(c.description for c in BY_NAME["avtal"].columns if c.name == "insynsklausul")
    assert "Tomt för uppdrag till egen regi" in text and "inte tillämplig" in text


def test_insynsklausul_is_empty_for_egen_regi_also_when_the_data_gives_it(tmp_path):
    """The contract asks for insynsklausul of private providers only; written for egen regi too,
    the CSV said false where its own column and the contract page say it does not apply."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    uppdrag = data / "avtal" / "uppdrag-centrum.yaml"
    uppdrag.write_text(uppdrag.read_text(encoding="utf-8") + "insynsklausul: false\n", encoding="utf-8")
    rows = {r["id"]: r for r in resources.avtal(pipeline.check(data, reference_day()))}
    assert rows["uppdrag-centrum"]["insynsklausul"] is None
    assert rows["lov-fjallvarden"]["insynsklausul"] is True


def test_the_date_follows_the_data_not_a_stale_hand_typed_one(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    # publicering.uppdaterad says 2026-10-01; a follow-up done later is added.
    (data / "uppfoljningar/2025/statistik-centrum-2026.yaml").write_text(
        'avtal: uppdrag-centrum\ntyp: statistik\nperiod: "2026"\nstatus: genomford\ngenomford: 2026-11-20\n'
        "resultat: uppfyller\n", encoding="utf-8")
    site = build_site(data, tmp_path / "site")
    descriptor = json.loads((site / "oppna-data/datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == "2026.11.20"
    assert descriptor["created"].startswith("2026-11-20")
    assert "Uppgifterna uppdaterades senast <time datetime=\"2026-11-20\">" in (site / "index.html").read_text(encoding="utf-8")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {"2026-11-20"}
    assert "2026-11-20" in (site / "oppna-data/dcat.ttl").read_text(encoding="utf-8")
    assert "2026-10-01" not in (site / "oppna-data/dcat.ttl").read_text(encoding="utf-8")


def test_a_text_longer_than_an_excel_cell_is_cut_with_a_note_and_whole_in_the_csv(tmp_path):
    """Two services of 20,000 characters each make one cell of 40,001: XlsxWriter cut it at
    32,767 without a word, and the two downloads disagreed."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    (data / "utforare" / "fjallvarden.yaml").write_text(
        (data / "utforare" / "fjallvarden.yaml").read_text(encoding="utf-8") + f"tjanster: [{'A' * 20000}, {'B' * 20000}]\n",
        encoding="utf-8")
    site = build_site(data, tmp_path / "site")
    with (site / "oppna-data/utforare.csv").open(encoding="utf-8", newline="") as handle:
        whole = next(r["tjanster"] for r in csv.DictReader(handle) if r["id"] == "fjallvarden")
    assert whole == "A" * 20000 + LIST_SEP + "B" * 20000
    book = openpyxl.load_workbook(site / "oppna-data/insyn.xlsx", read_only=True)
    rows = list(book["utforare"].iter_rows(values_only=True))
    cell = next(row for row in rows[1:] if row[0] == "fjallvarden")[rows[0].index("tjanster")]
    assert len(cell) == 32_767 and whole.startswith(cell.removesuffix(" … [Texten är avkortad här. Hela texten finns i CSV-filen.]"))
    assert cell.endswith("Hela texten finns i CSV-filen.]")
    about = " ".join(str(v) for row in book["Om filen"].iter_rows(values_only=True) for v in row if v)
    assert "högst 32\u00a0767 tecken" in about


def test_the_workbook_shows_the_first_days_of_1900_as_written(tmp_path):
    """The contract's dates start on 1900-01-01. XlsxWriter took a datetime on that day for a time
    alone, and the cell read 1900-01-00; 1900-02-28 and 1900-03-01 sit beside Excel's 29 February."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    days = {"lov-stangda": "1900-01-01", "lov-fjallvarden": "1900-02-28", "uppdrag-centrum": "1900-03-01"}
    for avtal, day in days.items():
        path = data / "avtal" / f"{avtal}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"startdatum: \S+", f"startdatum: {day}", text), encoding="utf-8")
    site = build_site(data, tmp_path / "site")
    assert {r["id"]: r["startdatum"] for r in table(site, "avtal") if r["id"] in days} == days
    book = openpyxl.load_workbook(site / "oppna-data/insyn.xlsx")
    sheet = book["avtal"]
    header = [c.value for c in sheet[1]]
    cells = {row[0].value: row[header.index("startdatum")] for row in sheet.iter_rows(min_row=2)}
    assert {avtal: cells[avtal].value for avtal in days} == {avtal: dt.datetime.fromisoformat(day) for avtal, day in days.items()}
    assert {cells[avtal].number_format for avtal in days} == {"yyyy-mm-dd"}
