"""The data package a journalist downloads: valid to the real Frictionless CLI, readable by
pandas with the schema's types, the same rows as the catalog, the workbook and the zip,
and the same bytes on every build of the same data."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import gzip
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
import xlsxwriter  # type: ignore[import-untyped]  # no type marker in the wheel

from generator import opendata, outputs, pipeline
from generator.memo import Memo
from generator.opendata import archive, package, perprovider, resources, workbook, zipkept
from generator.opendata.schema import BY_NAME, TABLES, pandas_dates, pandas_dtypes
from generator.problems import BuildError
from generator.settings import reference_day
from generator.site import heap
from tests.support.build import MINIMAL, build_site

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


@pytest.fixture(scope="module")
def minimal_catalog():
    return pipeline.check(MINIMAL, reference_day())


@pytest.fixture(params=["minimal", "example"])
def oppna(request: pytest.FixtureRequest) -> Path:
    site = request.getfixturevalue(f"{request.param}_site")
    return site / "oppna-data"


def _read_csv(folder: Path, name: str) -> pd.DataFrame:
    table = BY_NAME[name]
    return pd.read_csv(folder / table.path, dtype=pandas_dtypes(table), keep_default_na=False, na_values=[""],
                       parse_dates=pandas_dates(table) or False)


def test_frictionless_cli_says_the_package_is_valid(oppna: Path) -> None:
    result = subprocess.run([str(FRICTIONLESS), "validate", "--json", "datapackage.json"], cwd=oppna,
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-3000:]
    assert {task["name"] for task in report["tasks"]} == {t.name for t in TABLES}


def test_descriptor_has_licence_publisher_version_and_the_datas_own_date(minimal_site: Path, minimal_catalog) -> None:
    descriptor = json.loads((minimal_site / "oppna-data" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == minimal_catalog.region.licens
    assert descriptor["licenses"][0]["path"].startswith("https://creativecommons.org/")
    assert descriptor["contributors"][0] == {
        "title": minimal_catalog.region.namn, "role": "publisher", "email": minimal_catalog.region.kontakt.epost,
        "path": minimal_catalog.region.webbplats}
    assert descriptor["created"] == minimal_catalog.uppdaterad.isoformat() + "T00:00:00Z"
    assert descriptor["version"] == "2026.10.1"
    uppf = next(r for r in descriptor["resources"] if r["name"] == "uppfoljningar")
    fields = {f["name"]: f for f in uppf["schema"]["fields"]}
    assert fields["resultat"]["constraints"]["enum"] == ["uppfyller", "uppfyller_delvis", "uppfyller_inte", "ej_bedomd"]
    assert fields["sammanfattning"]["description"].startswith("Sammanfattning i klarspråk")
    assert "sekretess" in fields["sekretess"]["description"]
    assert uppf["schema"]["primaryKey"] == ["id"]
    assert {"fields": ["avtal"], "reference": {"resource": "avtal", "fields": ["id"]}} in uppf["schema"]["foreignKeys"]


def test_pandas_reads_every_csv_with_the_schema_types_and_counts_match(oppna: Path) -> None:
    descriptor = json.loads((oppna / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == [t.name for t in TABLES]
    for table in TABLES:
        frame = _read_csv(oppna, table.name)
        assert list(frame.columns) == table.column_names()
        for column in table.columns:
            kind = str(frame[column.name].dtype)
            expected = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}.get(column.type)
            if expected:
                assert kind == expected, (table.name, column.name, kind)
            elif len(frame) and frame[column.name].notna().any():
                assert kind.startswith("datetime64"), (table.name, column.name, kind)
        with (oppna / table.path).open(encoding="utf-8", newline="") as handle:
            assert len(frame) == sum(1 for _ in csv.reader(handle)) - 1


def test_row_counts_match_the_catalog(minimal_site: Path, minimal_catalog) -> None:
    oppna = minimal_site / "oppna-data"
    c = minimal_catalog
    assert len(_read_csv(oppna, "utforare")) == len(c.utforare) == 3
    assert len(_read_csv(oppna, "avtal")) == len(c.avtal)
    assert len(_read_csv(oppna, "uppfoljningar")) == len(c.uppfoljningar) == 3  # the non-public one is gone
    assert len(_read_csv(oppna, "nyckeltalsvarden")) + len(_read_csv(oppna, "jamforelsevarden")) == len(c.varden)
    assert len(_read_csv(oppna, "krav")) == sum(len(a.krav) for a in c.avtal.values())
    assert len(_read_csv(oppna, "planposter")) == sum(len(p.poster) for p in c.planer.values())
    dolda = _read_csv(oppna, "dolda_uppfoljningar")
    assert dolda.to_dict("records") == [{"verksamhetsomrade": "halsoval", "ar": "2025", "antal": 1}]
    values = _read_csv(oppna, "nyckeltalsvarden")
    missing = values[(values.utforare == "fjallvarden") & (values.period == "2025")
                     & (values.nyckeltal == "medicinsk-bedomning-3-dagar")].iloc[0]
    assert pd.isna(missing.varde) and missing.anmarkning == "För få svar för att redovisa"


def test_withheld_fields_are_empty_and_named(minimal_site: Path) -> None:
    frame = _read_csv(minimal_site / "oppna-data", "uppfoljningar").set_index("id")
    revision = frame.loc["revision-fjallvarden-2025"]
    assert pd.isna(revision.sammanfattning) and revision.sekretess == "sammanfattning"
    assert pd.isna(frame.loc["vb-fjallvarden-2025"].sekretess)
    sole = _read_csv(minimal_site / "oppna-data", "utforare").set_index("id").loc["stangda-mottagningen"]
    assert bool(sole.enskild_firma) and pd.isna(sole.organisationsnummer)


def test_withheld_deficiencies_and_plan_leave_no_rows_but_a_marker(dataset: Path, tmp_path: Path) -> None:
    (dataset / "uppfoljningar" / "2025" / "fordjupad-fjallvarden-2025.yaml").write_text(
        "avtal: lov-fjallvarden\ntyp: fordjupad_uppfoljning\nperiod: \"2025\"\nstatus: genomford\n"
        "genomford: 2025-11-01\nresultat: uppfyller_inte\n"
        "brister:\n  - krav: journal\n    beskrivning: HEMLIG-KANARIE-SEKRETESS brist\n    allvarlighet: hog\n"
        "handlingsplan:\n  atgarder:\n    - beskrivning: HEMLIG-KANARIE-SEKRETESS åtgärd\n      senast: 2026-01-31\n"
        "      status: planerad\nsekretess: [brister, handlingsplan]\n", encoding="utf-8")
    catalog = pipeline.check(dataset, reference_day())
    out = tmp_path / "oppna-data"
    opendata.write(catalog, out, "https://insyn.example.org/")
    frame = _read_csv(out, "uppfoljningar").set_index("id")
    row = frame.loc["fordjupad-fjallvarden-2025"]
    assert row.sekretess == "brister|handlingsplan"
    assert pd.isna(row.antal_brister) and pd.isna(row.antal_atgarder)
    assert "fordjupad-fjallvarden-2025" not in set(_read_csv(out, "brister").uppfoljning)
    assert "fordjupad-fjallvarden-2025" not in set(_read_csv(out, "atgarder").uppfoljning)
    assert b"HEMLIG-KANARIE" not in b"".join(p.read_bytes() for p in out.rglob("*.csv"))


def test_workbook_has_an_explanation_sheet_and_the_same_rows_as_the_csvs(oppna: Path) -> None:
    book = openpyxl.load_workbook(oppna / "insyn.xlsx")
    assert book.sheetnames[0] == "Om filen"
    about = [row for row in book["Om filen"].iter_rows(values_only=True)]
    described = {(r[0], r[1]) for r in about if r and r[1]}
    for table in TABLES:
        assert {(table.name, name) for name in table.column_names()} <= described
        sheet = book[table.name]
        with (oppna / table.path).open(encoding="utf-8", newline="") as handle:
            expected = list(csv.reader(handle))
        got = []
        header = [c.value for c in sheet[1]]
        # The sheet has the CSV's columns in the CSV's order; coded columns get their words beside them.
        keep = [i for i, name in enumerate(header) if name in table.column_names()]
        for values in sheet.iter_rows(values_only=True):
            got.append([opendata.cells.cell(v.date() if isinstance(v, dt.datetime) else v)
                        for i, v in enumerate(values) if i in keep])
        assert got == expected, table.name


def test_workbook_writes_formula_like_text_as_text(minimal_catalog) -> None:
    rows = resources.all_rows(minimal_catalog)
    rows["mal"][0]["namn"] = '=HYPERLINK("https://evil.example","klicka")'
    data = workbook.workbook_bytes(minimal_catalog, rows)
    cell = openpyxl.load_workbook(io.BytesIO(data))["mal"]["B2"]
    assert cell.value == '=HYPERLINK("https://evil.example","klicka")' and cell.data_type == "s"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)


def test_a_rebuilds_zip_compresses_again_only_the_files_that_changed(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The package's zip after one edit: the files that did not change go in as the last build
    compressed them, and the zip is the same bytes as one made from scratch, also when a
    file the memo kept is damaged (then it is compressed again)."""
    day = dt.date(2026, 5, 1)
    members = [("a.csv", b"id,namn\n" + "u-1,Vårdcentral\n".encode() * 5000), ("b.csv", b"1,2\n" * 3000),
               ("datapackage.json", b'{"name": "insyn"}')]
    first = archive.deterministic_zip(members, day, Memo(None, tmp_path / "1"))
    assert first == archive.deterministic_zip(members, day)
    edited = [members[0], ("b.csv", b"1,3\n" * 3000), members[2]]
    passed: list[int] = []  # the members put in as the last build compressed them
    monkeypatch.setattr(zipkept._PassThrough, "compress", lambda self, data: (passed.append(len(data)), data)[1])
    again = archive.deterministic_zip(edited, day, Memo(tmp_path / "1", tmp_path / "2"))
    assert len(passed) == 2
    assert again == archive.deterministic_zip(edited, day)
    with zipfile.ZipFile(io.BytesIO(again)) as read:
        assert read.testzip() is None
        assert [read.read(name) for name, _ in edited] == [data for _, data in edited]
    kept = sorted((tmp_path / "2").glob(f"*.{archive.MEMBER}"))
    assert len(kept) == len(edited)
    for damaged in kept:
        damaged.write_bytes(damaged.read_bytes()[:-3])
    passed.clear()
    assert archive.deterministic_zip(edited, day, Memo(tmp_path / "2", tmp_path / "3")) == again
    assert passed == []


class _Unseekable(io.RawIOBase):
    """A stream zipfile cannot seek in (a pipe): it writes each entry's CRC and sizes after it."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        return len(data)


def test_a_kept_entry_is_read_back_only_from_a_zip_it_can_seek_in() -> None:
    """Where zipfile cannot seek, a descriptor follows an entry's bytes, and the bytes before the
    directory are not the entry: zipkept refuses rather than keep them."""
    with zipkept.Zip(_Unseekable(), "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.csv", b"id,namn\n" * 100)
        with pytest.raises(RuntimeError):
            archive.wrote()


def test_zip_holds_the_package_with_fixed_timestamps(oppna: Path, minimal_catalog) -> None:
    with zipfile.ZipFile(oppna / "insyn.zip") as archive:
        names = archive.namelist()
        assert names == sorted(["datapackage.json", *(t.path for t in TABLES)])
        for info in archive.infolist():
            assert archive.read(info) == (oppna / info.filename).read_bytes()
            assert info.date_time[3:] == (0, 0, 0)


def test_one_csv_per_provider_with_its_whole_history(minimal_site: Path) -> None:
    folder = minimal_site / "oppna-data" / "utforare"
    assert sorted(p.name for p in folder.iterdir()) == [
        "fjallvarden.csv", "fjallvarden.xlsx", "halsocentralen-centrum.csv", "halsocentralen-centrum.xlsx",
        "stangda-mottagningen.csv", "stangda-mottagningen.xlsx"]
    frame = pd.read_csv(folder / "fjallvarden.csv", dtype=str, keep_default_na=False)
    assert frame["del"].value_counts().to_dict() == {"avtal": 2, "uppfoljning": 2, "brist": 1, "atgard": 2,
                                                      "nyckeltalsvarde": 3}
    assert "avvikelse-fjallvarden-2025" not in set(frame.uppfoljning)  # non-public
    assert set(frame[frame["del"] == "uppfoljning"].sekretess) == {"sammanfattning", ""}


def _write_in_fresh_process(target: Path, seed: str) -> None:
    script = ("import sys, pathlib; from generator import opendata, pipeline; "
              "from generator.settings import reference_day; "
              "c = pipeline.check(pathlib.Path(sys.argv[1]), reference_day()); "
              "opendata.write(c, pathlib.Path(sys.argv[2]), 'https://insyn.example.org/')")
    import os
    subprocess.run([sys.executable, "-c", script, str(MINIMAL), str(target)], check=True, timeout=300,
                   env={**os.environ, "PYTHONHASHSEED": seed})


def test_two_builds_of_the_same_data_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    _write_in_fresh_process(first, "1")
    _write_in_fresh_process(second, "2")
    names = sorted(str(p.relative_to(first)) for p in first.rglob("*") if p.is_file())
    assert names == sorted(str(p.relative_to(second)) for p in second.rglob("*") if p.is_file())
    assert "dcat.rdf" in names and "insyn.xlsx" in names
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_a_package_frictionless_rejects_stops_the_build_and_keeps_the_old_site(
        dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = build_site(dataset, tmp_path / "site")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    real = resources._BUILDERS["brister"]

    def dangling(catalog):  # a deficiency pointing at a follow-up that is not in the package
        rows = real(catalog)
        rows[0] = {**rows[0], "uppfoljning": "finns-inte"}
        return rows

    monkeypatch.setitem(resources._BUILDERS, "brister", dangling)
    with pytest.raises(BuildError) as caught:
        build_site(dataset, out)
    assert caught.value.code == "datapackage-invalid" and "foreign-key" in caught.value.message
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_without_a_site_address_the_catalog_points_relative_to_itself(minimal_catalog, tmp_path: Path) -> None:
    """publicering.webbadress is optional: the catalog is still written, and a harvester that
    fetches it from any address resolves every file next to it."""
    from rdflib import URIRef
    from rdflib.namespace import DCAT

    from generator.opendata import dcat

    opendata.write(minimal_catalog, tmp_path / "oppna-data", None)
    published_at = "https://region.example.se/insyn/oppna-data/dcat.rdf"
    g = dcat.check((tmp_path / "oppna-data" / "dcat.rdf").read_bytes(), "xml", base=published_at)
    downloads = {str(o) for o in g.objects(None, DCAT.downloadURL)}
    assert "https://region.example.se/insyn/oppna-data/insyn.zip" in downloads
    # Data files sit beside the catalog; the nämnd's report files beside their page, one level up.
    site = "https://region.example.se/insyn/"
    assert all(d.startswith((site + "oppna-data/", site + "rapporter/")) for d in downloads), downloads
    assert {d for d in downloads if d.startswith(site + "rapporter/")} == {
        f"{site}rapporter/regionstyrelsen-{ar}/regionstyrelsen-{ar}.{ext}" for ar in (2025, 2026) for ext in ("pdf", "docx", "pptx")}
    assert URIRef("https://region.example.se/insyn/") in set(g.objects())
    assert b"insyn.invalid" not in (tmp_path / "oppna-data" / "dcat.ttl").read_bytes()


def test_a_changed_file_fails_the_check_a_downloader_runs(minimal_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "oppna-data"
    shutil.copytree(minimal_site / "oppna-data", copy)
    kommuner = copy / "kommuner.csv"
    kommuner.write_text(kommuner.read_text(encoding="utf-8").replace("Åre", "Are"), encoding="utf-8")
    result = subprocess.run([str(FRICTIONLESS), "validate", "--json", "datapackage.json"], cwd=copy,
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert result.returncode != 0 and not report["valid"]
    errors = {e["type"] for task in report["tasks"] if task["name"] == "kommuner" for e in task["errors"]}
    assert {"hash-count", "byte-count"} <= errors


def test_the_schemas_patterns_take_only_the_digits_0_to_9(minimal_site: Path, tmp_path: Path) -> None:
    """A downloader who checks a table against the schema finds a full-width kommunkod or period
    refused: \\d, which the patterns had, takes any script's digits."""
    copy = tmp_path / "oppna-data"
    shutil.copytree(minimal_site / "oppna-data", copy)
    wide = str.maketrans("0123456789", "".join(chr(0xFF10 + i) for i in range(10)))
    for name, old in (("kommuner", "2321,"), ("nyckeltalsvarden", ",2024,")):
        path = copy / BY_NAME[name].path
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, old.translate(wide)), encoding="utf-8")
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:  # the edit alone is judged, not the changed bytes
        resource.pop("hash", None)
        resource.pop("bytes", None)
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    result = subprocess.run([str(FRICTIONLESS), "validate", "--json", "datapackage.json"], cwd=copy,
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    refused = {(task["name"], e.get("fieldName")) for task in report["tasks"] for e in task["errors"]
               if e["type"] == "constraint-error"}
    assert {("kommuner", "kod"), ("nyckeltalsvarden", "period")} <= refused


def test_build_without_a_site_address_publishes_and_site_url_makes_addresses_absolute(dataset: Path, tmp_path: Path) -> None:
    from tests.support.build import run_insyn

    region = dataset / "region.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("  webbadress: https://insyn.example.org/\n", ""),
                      encoding="utf-8")
    out = tmp_path / "site"
    result = run_insyn("build", "--data", str(dataset), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert b'rdf:resource="insyn.zip"' in (out / "oppna-data" / "dcat.rdf").read_bytes()
    with_url = run_insyn("build", "--data", str(dataset), "--out", str(out), "--site-url", "https://exempel.se/insyn/")
    assert with_url.returncode == 0, with_url.stderr
    assert b"https://exempel.se/insyn/oppna-data/insyn.zip" in (out / "oppna-data" / "dcat.rdf").read_bytes()


def test_provider_table_carries_services_opening_hours_and_accessibility(minimal_site: Path) -> None:
    row = _read_csv(minimal_site / "oppna-data", "utforare").set_index("id").loc["halsocentralen-centrum"]
    assert row.tjanster == "Läkarbesök|Vaccination"
    assert row.oppettider == "mån–fre 08.00–17.00"
    assert row.tillganglighet == "rullstol=true|horslinga=false"
    assert row.sprak == "sv|sma" and row.kommun == "2380"


def test_a_table_longer_than_a_sheet_goes_on_in_more_sheets(minimal_catalog, monkeypatch) -> None:
    """Excel holds 1,048,576 rows a sheet and XlsxWriter drops the rest without a word: a longer
    table goes on in "name (2)" and on, each with the header, and no row is lost."""
    rows = resources.all_rows(minimal_catalog)
    monkeypatch.setattr(workbook, "ROWS_PER_SHEET", 2)
    book = openpyxl.load_workbook(io.BytesIO(workbook.workbook_bytes(minimal_catalog, rows)))
    table = next(t for t in TABLES if len(rows[t.name]) > 4)
    parts = [name for name in book.sheetnames if name == table.name or name.startswith(f"{table.name} (")]
    assert len(parts) == -(-len(rows[table.name]) // 2)
    header = [c.value for c in book[table.name][1]]
    got = [values for name in parts for values in book[name].iter_rows(min_row=2, values_only=True)]
    assert all([c.value for c in book[name][1]] == header for name in parts)
    assert [v[0] for v in got] == [r[table.columns[0].name] for r in rows[table.name]]


def test_a_long_workbook_is_written_without_keeping_its_cells(minimal_catalog, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A national insyn.xlsx has 1.4 million cells. Kept in memory until the file was written
    they took about 310 MB, at the time the writers lay out the reports: now each row goes to
    a temporary file as it is written, and the file is the same to a spreadsheet program."""
    rows = {name: table * 400 for name, table in resources.all_rows(minimal_catalog).items()}
    cells = sum(len(table) * len(workbook.sheet_columns(BY_NAME[name], minimal_catalog)) for name, table in rows.items())
    assert cells > 100_000, "enough cells for memory kept per cell to show"
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    tracemalloc.start()
    try:
        data = workbook.workbook_bytes(minimal_catalog, rows)  # without a memo, so without its keys
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10 * cells, f"{peak / cells:.0f} bytes of memory a cell"
    assert not list(tmp_path.iterdir()), "the temporary files are gone"
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    for table in TABLES:
        got = list(book[workbook.sheet_title(table)].iter_rows(min_row=2, max_col=1, values_only=True))
        assert [value for (value,) in got] == [row[table.columns[0].name] for row in rows[table.name]]


@pytest.mark.parametrize("rows_per_sheet", [workbook.ROWS_PER_SHEET, 2])
def test_after_one_edit_only_the_edited_table_is_written_again_into_the_same_file(
        minimal_catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows_per_sheet: int) -> None:
    """At national size the key figures' sheet is most of insyn.xlsx's time. After one edited
    follow-up a rebuild writes only the follow-ups' sheets again and copies the others from the
    last build's memo, and the file is byte for byte what a build from scratch writes (also
    with tables over several sheets)."""
    monkeypatch.setattr(workbook, "ROWS_PER_SHEET", rows_per_sheet)
    rows = resources.all_rows(minimal_catalog)
    first = workbook.workbook_bytes(minimal_catalog, rows, Memo(None, tmp_path / "minne-1"))
    edited = {**rows, "uppfoljningar": [{**rows["uppfoljningar"][0], "sammanfattning": "Ändrad efter granskning."},
                                        *rows["uppfoljningar"][1:]]}
    written: set[str] = set()
    row = workbook._Book.row
    monkeypatch.setattr(workbook._Book, "row", lambda book, ws, *args: (written.add(ws.name), row(book, ws, *args))[1])
    passed: list[int] = []  # the sheets put into the zip compressed as the last build compressed them
    monkeypatch.setattr(zipkept._PassThrough, "compress", lambda self, data: (passed.append(len(data)), data)[1])
    again = workbook.workbook_bytes(minimal_catalog, edited, Memo(tmp_path / "minne-1", tmp_path / "minne-2"))
    assert {name.split(" (")[0] for name in written} == {workbook.ABOUT_SHEET, "uppfoljningar"}
    monkeypatch.setattr(workbook._Book, "row", row)
    with zipfile.ZipFile(io.BytesIO(again)) as archive:
        names = [info.filename for info in archive.infolist() if info.filename.startswith("xl/worksheets/sheet")]
    rewritten = len(workbook.parts(len(edited["uppfoljningar"])))
    assert len(passed) == len(names) - 1 - rewritten  # every sheet but "Om filen" and the follow-ups' is not compressed again
    assert again != first
    assert again == workbook.workbook_bytes(minimal_catalog, edited)
    sheet = openpyxl.load_workbook(io.BytesIO(again))["uppfoljningar"]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("sammanfattning") + 1).value == "Ändrad efter granskning."
    sheets = len(openpyxl.load_workbook(io.BytesIO(again), read_only=True).sheetnames) - 1  # not "Om filen"
    assert len(list((tmp_path / "minne-2").glob(f"*.{workbook.SHEET}"))) == sheets, "every sheet is there for the next build"


def test_after_one_edit_only_the_edited_csv_files_are_written_again(
        minimal_catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild after one edited follow-up writes the follow-ups' CSV and the CSV of the
    provider it belongs to again, and takes every other CSV from the last build's memo; the
    package is byte for byte what a build from scratch writes."""
    rows = resources.all_rows(minimal_catalog)
    first = opendata.gather(minimal_catalog, None, None, Memo(None, tmp_path / "minne-1"), (opendata.PACKAGE,))
    edited_id = rows["uppfoljningar"][0]["id"]
    edited = {**rows, "uppfoljningar": [{**rows["uppfoljningar"][0], "sammanfattning": "Ändrad efter granskning."},
                                        *rows["uppfoljningar"][1:]]}
    monkeypatch.setattr(resources, "all_rows", lambda *args: edited)
    written: list[int] = []
    monkeypatch.setattr(csv, "writer", lambda buffer, **options: _Noting(buffer, options, written))
    again = opendata.gather(minimal_catalog, None, None, Memo(tmp_path / "minne-1", tmp_path / "minne-2"),
                            (opendata.PACKAGE,))
    changed = {name for name in again if again[name] != first.get(name)}
    provider = next(r["utforare"] for r in rows["uppfoljningar"] if r["id"] == edited_id)
    assert {n for n in changed if n.endswith(".csv")} == {"uppfoljningar.csv", f"utforare/{provider}.csv"}
    csvs = sum(1 for name in first if name.endswith(".csv"))
    assert len(written) == 2 < csvs  # two CSV files written, the others taken as they were
    monkeypatch.undo()
    monkeypatch.setattr(resources, "all_rows", lambda *args: edited)
    assert again == opendata.gather(minimal_catalog, None, None, None, (opendata.PACKAGE,))


class _Noting:
    """A csv.writer that notes each file it is made for."""

    def __init__(self, buffer: io.StringIO, options: dict[str, str], written: list[int]) -> None:
        written.append(1)
        self.writer = _CSV_WRITER(buffer, **options)

    def writerow(self, row: list[str]) -> object:
        return self.writer.writerow(row)


_CSV_WRITER = csv.writer


# (rows a sheet, the rows written again: the header and the edited row's block of two)
@pytest.mark.parametrize(("rows_per_sheet", "rewritten"), [(workbook.ROWS_PER_SHEET, {0, 3, 4}), (3, {0, 3})])
def test_after_one_edit_only_the_edited_rows_block_is_written_again(
        minimal_catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows_per_sheet: int,
        rewritten: set[int]) -> None:
    """The follow-ups' sheet is 8,000 rows at national size: after one edited follow-up only
    the block of rows it is in is written again, the rows before and after are copied from the
    last build's memo, and the file is byte for byte what a build from scratch writes."""
    monkeypatch.setattr(workbook, "ROWS_PER_SHEET", rows_per_sheet)
    monkeypatch.setattr(workbook, "BLOCK", 2)
    rows = resources.all_rows(minimal_catalog)
    # Nine follow-up rows: enough for blocks before and after the edited one.
    rows = {**rows, "uppfoljningar": [{**r, "id": f"{r['id']}-{n}"} for n in range(3) for r in rows["uppfoljningar"]]}
    workbook.workbook_bytes(minimal_catalog, rows, Memo(None, tmp_path / "minne-1"))
    edited_row = 3  # the third follow-up: the second block of the first sheet
    changed = {**rows["uppfoljningar"][edited_row - 1], "sammanfattning": "Ändrad efter granskning."}
    edited = {**rows, "uppfoljningar": [*rows["uppfoljningar"][:edited_row - 1], changed,
                                        *rows["uppfoljningar"][edited_row:]]}
    written: set[tuple[str, int]] = set()
    row = workbook._Book.row
    monkeypatch.setattr(workbook._Book, "row", lambda book, ws, r, *args: (written.add((ws.name, r)), row(book, ws, r, *args))[1])
    again = workbook.workbook_bytes(minimal_catalog, edited, Memo(tmp_path / "minne-1", tmp_path / "minne-2"))
    assert {r for name, r in written if name.startswith("uppfoljningar")} == rewritten
    monkeypatch.setattr(workbook._Book, "row", row)
    assert again == workbook.workbook_bytes(minimal_catalog, edited)
    sheet = openpyxl.load_workbook(io.BytesIO(again))["uppfoljningar"]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(edited_row + 1, header.index("sammanfattning") + 1).value == "Ändrad efter granskning."


def test_a_damaged_sheet_in_the_memo_is_written_anew(minimal_catalog, tmp_path: Path) -> None:
    """A kept sheet that cannot be read whole (a disk error, a cut-off file) costs the time to
    write it again, never the build, and the next build finds it whole."""
    rows = resources.all_rows(minimal_catalog)
    workbook.workbook_bytes(minimal_catalog, rows, Memo(None, tmp_path / "minne-1"))
    kept = sorted((tmp_path / "minne-1").glob(f"*.{workbook.SHEET}"))
    kept[0].write_bytes(kept[0].read_bytes()[:20])
    kept[1].write_bytes(b"inte gzip")
    again = workbook.workbook_bytes(minimal_catalog, rows, Memo(tmp_path / "minne-1", tmp_path / "minne-2"))
    assert again == workbook.workbook_bytes(minimal_catalog, rows)
    for name in (kept[0].name, kept[1].name):
        entry = zipkept.Entry.unpacked((tmp_path / "minne-2" / name).read_bytes())
        assert entry is not None
        assert zlib.decompress(entry.data, -zlib.MAX_WBITS).startswith(b"<?xml")


def test_a_damaged_block_of_rows_in_the_memo_is_written_anew(minimal_catalog, tmp_path: Path) -> None:
    """The same for a kept block of rows: cut off, not gzip, or without a row, it is written again."""
    rows = resources.all_rows(minimal_catalog)
    workbook.workbook_bytes(minimal_catalog, rows, Memo(None, tmp_path / "minne-1"))
    for sheet in (tmp_path / "minne-1").glob(f"*.{workbook.SHEET}"):
        sheet.unlink()  # every sheet is then put together from its blocks
    blocks = sorted((tmp_path / "minne-1").glob(f"*.{workbook.ROWS}"))
    assert len(blocks) >= 3
    blocks[0].write_bytes(blocks[0].read_bytes()[:20])
    blocks[1].write_bytes(b"inte gzip")
    blocks[2].write_bytes(gzip.compress(b"<c>ingen rad</c>"))
    again = workbook.workbook_bytes(minimal_catalog, rows, Memo(tmp_path / "minne-1", tmp_path / "minne-2"))
    assert again == workbook.workbook_bytes(minimal_catalog, rows)


def test_workbook_dates_are_the_datas_not_the_clock(minimal_catalog) -> None:
    """Same data, same bytes: the workbook says when the data was updated, and nothing in it
    (its properties, its zip entries, at two seconds' resolution) carries when it was written."""
    rows = resources.all_rows(minimal_catalog)
    data = workbook.workbook_bytes(minimal_catalog, rows)
    time.sleep(2.1)
    assert workbook.workbook_bytes(minimal_catalog, rows) == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
    day = minimal_catalog.uppdaterad.isoformat()
    assert f'<dcterms:created xsi:type="dcterms:W3CDTF">{day}T00:00:00Z' in core
    assert f'<dcterms:modified xsi:type="dcterms:W3CDTF">{day}T00:00:00Z' in core


def _package(data: Path, folder: Path) -> Path:
    opendata.write(pipeline.check(data, reference_day()), folder, None, parts=(opendata.PACKAGE,), check=False)
    return folder


@pytest.mark.made_each_time  # it counts the tables Frictionless reads
def test_after_one_edit_only_the_changed_table_is_checked_again_and_those_pointing_to_it_when_its_keys_change(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What makes a rebuild's check short: the 150,000 key-figure rows of a national site are
    # not read again when a follow-up's summary is corrected, nor are the deficiencies and
    # actions whose keys point to the follow-ups, as long as the follow-ups' keys are the same.
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    checked: list[str] = []
    real = package._checked
    monkeypatch.setattr(package, "_checked", lambda resource: (checked.append(resource.name), real(resource))[1])
    opendata.verify(_package(data, tmp_path / "forst"), Memo(None, tmp_path / "minne-1"))
    assert sorted(checked) == sorted(t.name for t in TABLES)

    path = data / "uppfoljningar/2025/vb-centrum-2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Enheten uppfyller kraven.", "Enheten uppfyller nu kraven."),
                    encoding="utf-8")
    checked.clear()
    opendata.verify(_package(data, tmp_path / "sedan"), Memo(tmp_path / "minne-1", tmp_path / "minne-2"))
    assert checked == ["uppfoljningar"]

    path.rename(data / "uppfoljningar/2025/vb-centrum-2025-ny.yaml")  # its id, a key the others point to
    checked.clear()
    opendata.verify(_package(data, tmp_path / "sist"), Memo(tmp_path / "minne-2", tmp_path / "minne-3"))
    pointing = {t.name for t in TABLES if any(key["reference"]["resource"] == "uppfoljningar"
                                               for key in t.schema().get("foreignKeys", []))}
    assert pointing == {"brister", "atgarder"}
    assert {"uppfoljningar"} | pointing <= set(checked)
    assert "nyckeltalsvarden" not in checked


def test_a_table_is_checked_again_when_a_table_its_keys_point_to_changed(tmp_path: Path) -> None:
    # utforare.csv is as before, but the municipality code its providers point to is gone.
    first = _package(MINIMAL, tmp_path / "forst")
    opendata.verify(first, Memo(None, tmp_path / "minne-1"))
    second = tmp_path / "sedan"
    shutil.copytree(first, second)
    kommuner = second / "kommuner.csv"
    changed = kommuner.read_bytes().replace(b"2321,", b"2399,")
    kommuner.write_bytes(changed)
    descriptor = json.loads((second / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == "kommuner":  # the file matches its description: only the keys are wrong
            resource["bytes"], resource["hash"] = len(changed), "sha256:" + hashlib.sha256(changed).hexdigest()
    (second / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    assert "2321" in (second / "utforare.csv").read_text(encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        opendata.verify(second, Memo(tmp_path / "minne-1", tmp_path / "minne-2"))
    assert caught.value.code == "datapackage-invalid"
    assert "utforare" in caught.value.message and "foreign-key" in caught.value.message


def test_each_providers_workbook_goes_as_soon_as_it_is_made_even_without_the_collector(minimal_catalog) -> None:
    """The writers make open data with the collector off (writers.write), and XlsxWriter's
    workbooks hold reference cycles: at national size the 1,512 providers' workbooks stayed
    until the job ended, 206 MB at the build's peak."""
    rows = resources.all_rows(minimal_catalog, None)

    def workbooks_alive() -> int:
        return sum(issubclass(type(thing), xlsxwriter.Workbook) for thing in gc.get_objects())  # type(): a weak proxy may be dead

    with heap.no_collection():
        before = workbooks_alive()
        made = perprovider.workbooks(rows, minimal_catalog)
        after = workbooks_alive()
    assert len(made) >= 2
    assert after == before


def test_the_package_is_said_written_before_its_zip_and_each_providers_files_are_made(
        minimal_catalog, tmp_path: Path) -> None:
    """A build's other writer checks the package as soon as it is said to be written: what
    the check reads (every table, the descriptor, the DCAT catalog) is in the folder then,
    and the zip and each provider's files (3,000 at national size) are made meanwhile."""
    folder, seen = tmp_path / "oppna-data", []

    def present() -> None:
        seen.append({p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()})

    opendata.write(minimal_catalog, folder, "https://insyn.example.se/", parts=(opendata.PACKAGE,), check=False,
                   package_written=present)
    (then,) = seen
    assert {package.DESCRIPTOR, outputs.DCAT_RDF, outputs.DCAT_TTL, *(t.path for t in TABLES)} <= then
    assert outputs.ZIP not in then and not any(rel.startswith(f"{perprovider.FOLDER}/") for rel in then)
    assert (folder / outputs.ZIP).is_file() and any((folder / perprovider.FOLDER).iterdir())
    opendata.verify(folder)


def test_key_figure_values_follow_each_other_in_reading_order(tmp_path: Path) -> None:
    """A journalist reads each provider's values by key figure, each figure's periods as a year,
    its tertials, then its months, and T before K and M, whatever order the file gave them in."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    given = ["2025-02", "2025-T2", "2024-12", "2025", "2025-T1", "2024", "2025-01"]
    lines = ["utforare,nyckeltal,period,kon,varde,antal,anmarkning"]
    for period in given:
        for kon in "MKT":
            lines.append(f"halsocentralen-centrum,medicinsk-bedomning-3-dagar,{period},{kon},80.0,100,")
    (data / "nyckeltalsvarden" / "halsoval.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalog = pipeline.check(data, reference_day())
    rows = resources.nyckeltalsvarden(catalog)
    assert [(r["period"], r["kon"]) for r in rows] == [
        (period, kon) for period in ["2024", "2024-12", "2025", "2025-T1", "2025-T2", "2025-01", "2025-02"]
        for kon in "TKM"]
    table = perprovider.provider_tables(resources.all_rows(catalog))
    values = [line for line in table["halsocentralen-centrum"] if line[0] == "nyckeltalsvarde"]
    assert [(line[perprovider.NAMES.index("period")], line[perprovider.NAMES.index("kon")]) for line in values] == \
        [(r["period"], r["kon"]) for r in rows]
