"""The change record across real publications: two (then three) real builds of the minimal
dataset with known edits in between, read back as a journalist and a reader would."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest

from generator import andringar, pipeline
from generator.problems import BuildError
from generator.settings import BuildSettings
from tests.support.build import AXE_JS, CONTENT, MINIMAL, run_insyn
from tests.support.html import Node, parse
from tests.support.security import every_byte, leaks
from tests.support.serving import serving

D1, D2, D3 = dt.date(2026, 11, 1), dt.date(2026, 11, 23), dt.date(2026, 11, 30)
SITE_URL = "https://insyn.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
SECRET_OLD, SECRET_NEW = "HEMLIG-KANARIE-SEKRETESS", "HEMLIG-KANARIE-NY"
CENTRUM_SECRET = "HEMLIG-KANARIE-CENTRUM"
HIDDEN_RESULT = "HEMLIG-KANARIE-DOLD"


def build(data: Path, out: Path, day: dt.date, previous: Path | str | None = None) -> Path:
    pipeline.build(BuildSettings(data_dir=data, out_dir=out, content_dir=CONTENT, idag=day,
                                 previous=str(previous) if previous else None))
    return out


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} finns inte i {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def second_edits(data: Path) -> None:
    """The known edits between publication 1 and 2."""
    edit(data / "utforare/fjallvarden.yaml", "koncern: Fjällvården Holding", "koncern: Nordvård AB")
    vb = data / "uppfoljningar/2025/vb-fjallvarden-2025.yaml"
    edit(vb, "resultat: uppfyller_delvis", "resultat: uppfyller_inte")
    edit(vb, "      status: pagaende\n", "      status: klar\n      klar: 2026-10-01\n")
    # A withheld field changed: must leave no trace.
    edit(data / "uppfoljningar/2025/revision-fjallvarden-2025.yaml", SECRET_OLD, SECRET_NEW)
    # A public field that becomes withheld, with a new value at the same time.
    edit(data / "uppfoljningar/2025/vb-centrum-2025.yaml", "sammanfattning: Enheten uppfyller kraven.",
         f"sammanfattning: {CENTRUM_SECRET}\nsekretess: [sammanfattning]")
    # A non-public follow-up changed: must leave no trace.
    hidden = data / "uppfoljningar/2025/avvikelse-fjallvarden-2025.yaml"
    hidden.write_text(hidden.read_text(encoding="utf-8") + f"kommentar_utforare: {HIDDEN_RESULT}\n", encoding="utf-8")
    (data / "uppfoljningar/2025/muntlig-centrum-2025.yaml").write_text(
        "avtal: uppdrag-centrum\ntyp: muntlig_uppfoljning\nperiod: \"2025\"\nstatus: planerad\n", encoding="utf-8")
    values = data / "nyckeltalsvarden/halsoval.csv"
    edit(values, "halsocentralen-centrum,medicinsk-bedomning-3-dagar,2024,T,82.5,400,\n", "")
    edit(values, "halsocentralen-centrum,medicinsk-bedomning-3-dagar,2025,T,85.1,", "halsocentralen-centrum,medicinsk-bedomning-3-dagar,2025,T,85.3,")
    # The region's own reference value is a key-figure value too.
    edit(values, "region,medicinsk-bedomning-3-dagar,2025,T,84.0,", "region,medicinsk-bedomning-3-dagar,2025,T,84.2,")


EXPECTED_2 = [
    # publicering, nr, tabell, nyckel, handelse, utforare, utforare_namn, falt, fore, efter
    ["2026-11-23", "1", "utforare", "fjallvarden", "andrad", "fjallvarden", "Fjällvårdens Hälsocentral", "koncern",
     "Fjällvården Holding", "Nordvård AB"],
    ["2026-11-23", "2", "uppfoljningar", "muntlig-centrum-2025", "tillagd", "halsocentralen-centrum",
     "Hälsocentralen Centrum", "", "", ""],
    ["2026-11-23", "3", "uppfoljningar", "vb-centrum-2025", "andrad", "halsocentralen-centrum", "Hälsocentralen Centrum",
     "sekretess", "", "sammanfattning"],
    ["2026-11-23", "4", "uppfoljningar", "vb-fjallvarden-2025", "andrad", "fjallvarden", "Fjällvårdens Hälsocentral",
     "resultat", "uppfyller_delvis", "uppfyller_inte"],
    ["2026-11-23", "5", "atgarder", "vb-fjallvarden-2025/1", "andrad", "fjallvarden", "Fjällvårdens Hälsocentral",
     "status", "pagaende", "klar"],
    ["2026-11-23", "6", "atgarder", "vb-fjallvarden-2025/1", "andrad", "fjallvarden", "Fjällvårdens Hälsocentral",
     "klar", "", "2026-10-01"],
    ["2026-11-23", "7", "nyckeltalsvarden", "halsocentralen-centrum/medicinsk-bedomning-3-dagar/2024/T", "borttagen",
     "halsocentralen-centrum", "Hälsocentralen Centrum", "", "", ""],
    ["2026-11-23", "8", "nyckeltalsvarden", "halsocentralen-centrum/medicinsk-bedomning-3-dagar/2025/T", "andrad",
     "halsocentralen-centrum", "Hälsocentralen Centrum", "varde", "85.1", "85.3"],
    ["2026-11-23", "9", "jamforelsevarden", "region/medicinsk-bedomning-3-dagar/2025/T", "andrad", "", "", "varde",
     "84", "84.2"],
]
HEADER = ["publicering", "nr", "tabell", "nyckel", "handelse", "utforare", "utforare_namn", "falt", "fore", "efter"]


@pytest.fixture(scope="module")
def publications(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("andringar")
    data = root / "data"
    shutil.copytree(MINIMAL, data)
    first = build(data, root / "site1", D1)
    second_edits(data)
    second = build(data, root / "site2", D2, previous=first / "oppna-data")
    edit(data / "utforare/fjallvarden.yaml", "koncern: Nordvård AB", "koncern: Fjällgruppen AB")
    third = build(data, root / "site3", D3, previous=second)
    return {"data": data, "site1": first, "site2": second, "site3": third, "root": root}


def parse_file(path: Path) -> Node:
    return parse(path.read_text(encoding="utf-8"))


def record(site: Path) -> list[list[str]]:
    with (site / "oppna-data/andringar.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_a_first_publication_has_an_empty_record(publications):
    assert record(publications["site1"]) == [HEADER]


def test_two_publications_give_exactly_the_known_changes(publications):
    assert record(publications["site2"]) == [HEADER, *EXPECTED_2]


def test_the_record_is_carried_over_and_extended(publications):
    rows = record(publications["site3"])
    assert rows[: len(EXPECTED_2) + 1] == [HEADER, *EXPECTED_2]
    assert rows[len(EXPECTED_2) + 1:] == [
        ["2026-11-30", "1", "utforare", "fjallvarden", "andrad", "fjallvarden", "Fjällvårdens Hälsocentral", "koncern",
         "Nordvård AB", "Fjällgruppen AB"]]


def test_withheld_and_non_public_changes_leave_no_trace(publications):
    for site in ("site2", "site3"):
        folder = publications[site]
        for path in [*folder.rglob("*.csv"), *folder.rglob("*.xml"), *folder.rglob("*.html"), *folder.rglob("*.json")]:
            text = path.read_text(encoding="utf-8")
            for secret in (SECRET_OLD, SECRET_NEW, CENTRUM_SECRET, HIDDEN_RESULT):
                assert secret not in text, f"{secret} i {path}"
    keys = {row[3] for row in record(publications["site3"])[1:]}
    assert "revision-fjallvarden-2025" not in keys and "avvikelse-fjallvarden-2025" not in keys
    assert not any(row[7] == "sammanfattning" for row in record(publications["site3"])[1:])


def test_the_record_is_in_the_xlsx_beside_the_csv(publications):
    wb = openpyxl.load_workbook(publications["site2"] / "oppna-data/insyn.xlsx", read_only=True)
    sheet = [[("" if c is None else str(c)) for c in row] for row in wb["andringar"].iter_rows(values_only=True)]
    assert sheet[0] == [*HEADER[:5], "handelse_text", *HEADER[5:]]
    assert [[*row[2:5], *row[6:]] for row in sheet[1:]] == [row[2:] for row in EXPECTED_2]
    assert [row[5] for row in sheet[1:3]] == ["Ändrad", "Tillagd"]


def senast(site: Path, page: str) -> str:
    doc = parse_file(site / page / "index.html")
    found = [n for n in doc.find_all("p") if "insyn-andrad" in n.attrs.get("class", "")]
    assert len(found) == 1, page
    return found[0].flat_text


@pytest.mark.parametrize(("page", "site", "expected"), [
    ("utforare/fjallvarden", "site2", "Senast ändrad 23 november 2026."),
    ("utforare/fjallvarden", "site3", "Senast ändrad 30 november 2026."),
    ("uppfoljningar/vb-fjallvarden-2025", "site3", "Senast ändrad 23 november 2026."),
    ("uppfoljningar/vb-centrum-2025", "site2", "Senast ändrad 23 november 2026."),
    ("uppfoljningar/muntlig-centrum-2025", "site2", "Senast ändrad 23 november 2026."),
    ("avtal/lov-fjallvarden", "site3", "Inte ändrad sedan ändringsregistret började 1 november 2026."),
    ("utforare/halsocentralen-centrum", "site2", "Inte ändrad sedan ändringsregistret började 1 november 2026."),
    ("utforare/fjallvarden", "site1", "Inte ändrad sedan ändringsregistret började 1 november 2026."),
])
def test_senast_andrad_comes_from_the_record(publications, page, site, expected):
    assert senast(publications[site], page).startswith(expected)


def test_owner_history_shows_who_ran_the_unit_when(publications):
    doc = parse_file(publications["site3"] / "utforare/fjallvarden/index.html")
    items = [li.flat_text for ul in doc.find_all("ul") if "insyn-agarhistorik" in ul.attrs.get("class", "")
             for li in ul.find_all("li")]
    assert items == [
        "Från 30 november 2026: Fjällgruppen AB, organisationsnummer 556036-0793",
        "Från 23 november 2026 till 30 november 2026: Nordvård AB, organisationsnummer 556036-0793",
        "Fram till 23 november 2026: Fjällvården Holding, organisationsnummer 556036-0793",
    ]
    egen = parse_file(publications["site3"] / "utforare/halsocentralen-centrum/index.html")
    assert not [n for n in egen.find_all("h2") if n.attrs.get("id") == "agare"]


def test_feed_has_one_entry_per_provider_and_publication_and_is_linked_from_every_page(publications):
    site = publications["site3"]
    feed = ET.parse(site / "andringar/flode.xml").getroot()
    entries = [(e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}updated"),
                e.find(f"{ATOM}link").attrib["href"]) for e in feed.findall(f"{ATOM}entry")]
    assert entries == [
        ("Fjällvårdens Hälsocentral: 1 ändring den 30 november 2026", "2026-11-30T00:00:00Z",
         SITE_URL + "utforare/fjallvarden/"),
        # The region's reference value belongs to no provider: its entry leads to the list of changes.
        ("Övrigt: 1 ändring den 23 november 2026", "2026-11-23T00:00:00Z", SITE_URL + "listor/andringar/"),
        ("Fjällvårdens Hälsocentral: 4 ändringar den 23 november 2026", "2026-11-23T00:00:00Z",
         SITE_URL + "utforare/fjallvarden/"),
        ("Hälsocentralen Centrum: 4 ändringar den 23 november 2026", "2026-11-23T00:00:00Z",
         SITE_URL + "uppfoljningar/muntlig-centrum-2025/"),
    ]
    summary = feed.findall(f"{ATOM}entry")[2].findtext(f"{ATOM}summary")
    assert "Resultat ändrades från Uppfyller kraven delvis till Uppfyller inte kraven" in summary
    for page in ("index.html", "utforare/fjallvarden/index.html", "listor/andringar/index.html", "404.html"):
        # A feed reader reads rel as space-separated keywords (HTML); Material's script must
        # not see the link as a language version, so the attribute is not exactly "alternate".
        links = [{**n.attrs, "rel": n.attrs.get("rel", "").split()} for n in parse_file(site / page).find_all("link")
                 if n.attrs.get("type") == "application/atom+xml"]
        assert {"rel": ["alternate"], "type": "application/atom+xml", "title": "Ändringar – Region Exempelland",
                "href": SITE_URL + "andringar/flode.xml"} in links, page
        assert all(n.attrs.get("rel") != "alternate" for n in parse_file(site / page).find_all("link")), page


def test_andringar_page_lists_newest_first_with_a_provider_filter(publications):
    doc = parse_file(publications["site3"] / "listor/andringar/index.html")
    table = next(n for n in doc.find_all("table") if n.attrs.get("id") == "andringar")
    rows = table.find_all("tr")[1:]
    assert [r.attrs["data-utforare"] for r in rows] == [
        "fjallvarden",  # 30 november
        "fjallvarden", "halsocentralen-centrum", "halsocentralen-centrum", "fjallvarden", "fjallvarden",
        "fjallvarden", "halsocentralen-centrum", "halsocentralen-centrum",  # 23 november, in the record's order
        "",  # the region's reference value, which belongs to no provider
    ]
    assert rows[0].text.startswith("30 november 2026 Fjällvårdens Hälsocentral Ändrad Utföraren Fjällvårdens Hälsocentral: "
                                   "Koncern")
    form = next(n for n in doc.find_all("form") if n.attrs.get("data-filter-for") == "andringar")
    assert [o.attrs["value"] for o in form.find_all("option")] == ["", "fjallvarden", "halsocentralen-centrum"]


def test_the_changes_are_told_in_plain_swedish(publications):
    """The page and the feed are read by citizens: what changed by name, not by id, and values
    as the pages write them (codes in words, dates in words, decimal comma, the unit). The
    CSV and the xlsx keep ids and codes, as every table does."""
    doc = parse_file(publications["site2"] / "listor/andringar/index.html")
    table = next(n for n in doc.find_all("table") if n.attrs.get("id") == "andringar")
    assert [row.find_all("td")[3].flat_text for row in table.find_all("tr")[1:]] == [
        "Utföraren Fjällvårdens Hälsocentral: Koncern ändrades från ”Fjällvården Holding” till ”Nordvård AB”.",
        "Muntlig uppföljning 2025 lades till.",
        "Verksamhetsberättelse 2025: Sekretess ändrades från (tomt) till sammanfattning.",
        "Verksamhetsberättelse 2025: Resultat ändrades från Uppfyller kraven delvis till Uppfyller inte kraven.",
        "Åtgärd 1 i verksamhetsberättelse 2025: Status ändrades från Pågår till Klar.",
        "Åtgärd 1 i verksamhetsberättelse 2025: Klar ändrades från (tomt) till 1 oktober 2026.",
        "Medicinsk bedömning inom 3 dagar (2024) publiceras inte längre.",
        "Medicinsk bedömning inom 3 dagar (2025): Värde ändrades från 85,1 % till 85,3 %.",
        "Medicinsk bedömning inom 3 dagar (2025, hela regionen): Värde ändrades från 84 % till 84,2 %.",
    ]
    summaries = ET.parse(publications["site2"] / "andringar/flode.xml").getroot().iter(f"{ATOM}summary")
    assert not {"uppfyller_delvis", "pagaende", "2026-10-01", "85.1", "vb-fjallvarden-2025"} & {
        word.strip(".:,()") for summary in summaries for word in (summary.text or "").split()}


def test_filter_by_provider_in_the_browser(publications, browser):
    page = browser.new_page()
    page.goto((publications["site3"] / "listor/andringar/index.html").as_uri())
    page.select_option("#andringar-utforare", "halsocentralen-centrum")
    visible = page.locator("#andringar tbody tr:visible")
    assert visible.count() == 4
    assert page.locator("[data-filter-status]").inner_text() == "Visar 4 av 10 ändringar."
    page.close()


def test_andringar_page_passes_axe(publications, browser):
    context = browser.new_context(bypass_csp=True, locale="sv-SE")  # only the checker bypasses the policy
    try:
        tab = context.new_page()
        tab.goto((publications["site3"] / "listor/andringar/index.html").as_uri())
        tab.add_script_tag(path=str(AXE_JS))
        result = tab.evaluate("axe.run(document, {runOnly: {type: 'tag', values: "
                              "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    finally:
        context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []


def test_previous_over_http_on_loopback_reads_the_same_package(publications):
    folder = publications["site2"]
    with serving(folder) as base:
        over_http, on_disk = andringar.read_previous(base + "oppna-data/datapackage.json"), andringar.read_previous(str(folder))
    assert over_http.andringar == on_disk.andringar and len(on_disk.andringar) == len(EXPECTED_2)
    assert over_http.sedan == on_disk.sedan == D1
    for name, frame in on_disk.tables.items():
        assert over_http.tables[name].equals(frame), name


def test_plain_http_to_another_host_is_refused():
    with pytest.raises(BuildError) as error:
        andringar.read_previous("http://insyn.example.org/oppna-data/datapackage.json")
    assert "https://" in error.value.message


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("damage", ["cut", "json", "missing"])
def test_a_damaged_previous_package_stops_the_build_and_leaves_the_old_site(publications, tmp_path, damage):
    previous = tmp_path / "previous"
    shutil.copytree(publications["site2"] / "oppna-data", previous)
    if damage == "cut":
        data = (previous / "andringar.csv").read_bytes()
        (previous / "andringar.csv").write_bytes(data[: len(data) // 2])
    elif damage == "json":
        (previous / "datapackage.json").write_text("{", encoding="utf-8")
    else:
        (previous / "utforare.csv").unlink()
    out = tmp_path / "site"
    shutil.copytree(publications["site2"], out)
    before = tree(out)
    result = run_insyn("build", "--data", str(publications["data"]), "--out", str(out), "--previous", str(previous))
    assert result.returncode == 1, result.stderr
    assert "Det förra datapaketet kunde inte läsas" in result.stderr
    assert "förra webbplatsen" in result.stderr
    assert tree(out) == before


def test_the_record_validates_with_frictionless(publications):
    from frictionless import Package

    report = Package(str(publications["site3"] / "oppna-data/datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])[:5]


# --- secrecy set after a change was recorded -----------------------------------------------
D4, D5 = dt.date(2026, 12, 1), dt.date(2026, 12, 2)
LATER_WITHHELD, LATER_HIDDEN = "HEMLIG-KANARIE-SENARE-SEKRETESS", "HEMLIG-KANARIE-SENARE-EJ-PUBLIK"
PERSONNUMMER_ARABIC = "١٩١٢١٢١٢-١٢١٢"  # 19121212-1212 in Arabic-Indic digits, which NFKC keeps


@pytest.fixture(scope="module")
def withheld_later(publications: dict[str, Path]) -> dict[str, Path]:
    """Two more publications: the fourth records a change of a comment in two public
    follow-ups; the fifth withholds the one comment and makes the other follow-up non-public.
    The fifth also makes vb-fjallvarden-2025, Fjällvården's latest follow-up, non-public, so
    the unit's last follow-up date falls back to an older one."""
    root = publications["root"]
    data = root / "data-4"
    shutil.copytree(publications["data"], data)
    centrum = data / "uppfoljningar/2025/vb-centrum-2025.yaml"
    fjallvarden = data / "uppfoljningar/2025/vb-fjallvarden-2025.yaml"
    edit(centrum, "resultat: uppfyller\n", f"resultat: uppfyller\nkommentar_utforare: {LATER_WITHHELD}\n")
    edit(fjallvarden, "kommentar_utforare: Vi har anställt en till sjuksköterska.", f"kommentar_utforare: {LATER_HIDDEN}")
    fourth = build(data, root / "site4", D4, previous=publications["site3"])
    edit(centrum, "sekretess: [sammanfattning]", "sekretess: [sammanfattning, kommentar_utforare]")
    fjallvarden.write_text(fjallvarden.read_text(encoding="utf-8") + "publik: false\n", encoding="utf-8")
    fifth = build(data, root / "site5", D5, previous=fourth)
    return {"site4": fourth, "site5": fifth}


def test_a_change_recorded_before_its_field_was_withheld_is_published_no_more(withheld_later):
    recorded = [row for row in record(withheld_later["site4"])[1:] if row[0] == "2026-12-01"]
    assert [row[2:5] + row[7:] for row in recorded] == [
        ["uppfoljningar", "vb-centrum-2025", "andrad", "kommentar_utforare", "", LATER_WITHHELD],
        ["uppfoljningar", "vb-fjallvarden-2025", "andrad", "kommentar_utforare", "Vi har anställt en till sjuksköterska.",
         LATER_HIDDEN]]
    assert leaks(every_byte(withheld_later["site5"]), [LATER_WITHHELD, LATER_HIDDEN]) == []


def test_a_follow_up_made_non_public_keeps_only_its_removal_in_the_record(withheld_later):
    rows = record(withheld_later["site5"])[1:]
    about = [row[:5] for row in rows if row[3].split("/")[0] == "vb-fjallvarden-2025"]
    # Added and changed in earlier publications (its result, its actions' status): all gone.
    assert about == [["2026-12-02", "1", "uppfoljningar", "vb-fjallvarden-2025", "borttagen"]]
    values = {value for row in rows for value in row[8:]}
    assert not values & {"uppfyller_delvis", "uppfyller_inte", "pagaende", "2026-10-01", "2026-03-10"}


def test_the_record_never_tells_a_units_last_follow_up_date(withheld_later):
    """Fjällvården's last follow-up was the one now non-public: its date would be the
    "before" of the unit's changed date. That column follows from the follow-ups and is not
    compared."""
    for site in ("site4", "site5"):
        assert not [row for row in record(withheld_later[site])[1:] if row[7] in ("senast_uppfoljd", "uppfoljning_forsenad")]


def test_a_personnummer_in_any_digits_never_reaches_the_record(publications, tmp_path):
    """A previous package that holds a personnummer (an earlier version did not read Arabic-Indic
    digits as digits) shows it masked in the record, not as it was."""
    previous = tmp_path / "previous"
    shutil.copytree(publications["site3"] / "oppna-data", previous)
    path = previous / "utforare.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Fjällgruppen AB", f"Fjällgruppen AB {PERSONNUMMER_ARABIC}", 1), encoding="utf-8")
    _rehash(previous, "utforare.csv")
    site = build(publications["data"], tmp_path / "site", D4, previous=previous)
    changed = [row for row in record(site)[1:] if row[0] == "2026-12-01" and row[7] == "koncern"]
    assert [row[8:] for row in changed] == [["Fjällgruppen AB 19*********12", "Fjällgruppen AB"]]
    assert leaks(every_byte(site), [PERSONNUMMER_ARABIC, "19121212-1212"]) == []


def _rehash(package: Path, name: str) -> None:
    """The descriptor's size and SHA-256 of a file changed by hand, as a publisher's would be."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    data = (package / name).read_bytes()
    for resource in descriptor["resources"]:
        if resource["path"] == name:
            resource.update(bytes=len(data), hash="sha256:" + hashlib.sha256(data).hexdigest())
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")


def test_a_measure_removed_from_the_middle_of_the_list_is_removed_not_the_others_rewritten(publications, tmp_path):
    """Deficiencies and measures are numbered by place: taking out the first measure moves
    the second up to number 1. Compared by number that read as measure 1 given another
    description, deadline and day done (as if backdated) and measure 2 removed. A deficiency
    put first moves the old one down the same way."""
    data = tmp_path / "data"
    shutil.copytree(publications["data"], data)
    vb = data / "uppfoljningar/2025/vb-fjallvarden-2025.yaml"
    edit(vb, "    - beskrivning: Inför återuppringning.\n      senast: 2026-06-30\n      status: klar\n      klar: 2026-10-01\n",
         "")
    edit(vb, "brister:\n", "brister:\n  - krav: tillganglighet\n    beskrivning: Väntetiden i telefon var för lång.\n"
               "    allvarlighet: lag\n    paverkan: Patienter ger upp.\n")
    site = build(data, tmp_path / "site", D4, previous=publications["site3"])
    assert [row[1:] for row in record(site)[1:] if row[0] == "2026-12-01"] == [
        ["1", "brister", "vb-fjallvarden-2025/1", "tillagd", "fjallvarden", "Fjällvårdens Hälsocentral", "", "", ""],
        ["2", "atgarder", "vb-fjallvarden-2025/1", "borttagen", "fjallvarden", "Fjällvårdens Hälsocentral", "", "", ""],
    ]


def entry_ids(site: Path) -> dict[str, str]:
    """Entry title without its count → id."""
    feed = ET.parse(site / "andringar/flode.xml").getroot()
    return {e.findtext(f"{ATOM}title").split(":")[0] + " " + e.findtext(f"{ATOM}updated")[:10]: e.findtext(f"{ATOM}id")
            for e in feed.findall(f"{ATOM}entry")}


def test_a_second_publication_the_same_day_gives_its_entry_a_new_id(publications, tmp_path):
    """The day's entry for a provider changed again the same day: `updated` is the same day,
    so only a new id tells a feed reader there is something new. The other entries keep
    their ids, and a publication that changes nothing changes no id."""
    data = tmp_path / "data"
    shutil.copytree(publications["data"], data)
    unchanged = build(data, tmp_path / "unchanged", D3, previous=publications["site3"])
    assert entry_ids(unchanged) == entry_ids(publications["site3"])
    edit(data / "utforare/fjallvarden.yaml", "koncern: Fjällgruppen AB", "koncern: Fjällgruppen Norr AB")
    again = build(data, tmp_path / "again", D3, previous=publications["site3"])
    before, after = entry_ids(publications["site3"]), entry_ids(again)
    day = "Fjällvårdens Hälsocentral 2026-11-30"
    assert set(before) == set(after) and after[day] != before[day]
    assert {k: v for k, v in after.items() if k != day} == {k: v for k, v in before.items() if k != day}
    assert len(set(after.values())) == len(after)
