"""Whatever `insyn validate` accepts must build: datasets at the edge of every bound build,
every XML file they produce is well-formed, and a sole trader's number reaches no byte.

One deterministic edge dataset is built once for the output checks; a Hypothesis property
builds a few more with each bound drawn at its low or its high end.
"""

from __future__ import annotations

import gzip
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.models.patterns import FIRST_PUBLISHED_YEAR, FIRST_YEAR, ID_MAX, LAST_YEAR
from generator.models.valuetypes import KRAV_ID_MAX, MAX_ANTAL, MAX_KRONOR, MAX_VARDE, URL_MAX
from tests.support.build import MINIMAL, run_insyn
from tests.test_validate_catalogue import problems_of

SOLE_TRADER = "19121212-1212"  # checksum-valid; the enskild firma's number
# Allowed, if unusual: characters XML 1.0 and Excel carry, markup that must stay text.
ODD_TEXT = "Å\u0301 😀 \ufffd \U0010fffd <b>&amp;</b> {{ x }} \"citat\" 'apostrof' \t tabb"

Pick = Callable[[str, Any, Any], Any]


def _edit(root: Path, file: str, change: Callable[[Any], None]) -> None:
    path = root / file
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def make_edges(root: Path, pick: Pick) -> Path:
    """The minimal dataset with every bound at the end `pick` chooses, and odd but valid text."""
    shutil.copytree(MINIMAL, root)
    low_day, high_day = f"{FIRST_YEAR}-01-01", f"{LAST_YEAR}-12-31"
    day = pick("datum", low_day, high_day)
    krav_id = pick("krav", "K1", ("Krav 4 a 3.2.1 " * 3)[:KRAV_ID_MAX].strip())
    site = "https://insyn.example.org/"
    other = "https://www.regionjh.se/"
    url = pick("url", other + "a-b_c~d/%C3%A5/(x)!$&'*+,;=:@", other + "a" * (URL_MAX - len(other)))

    def region(d: Any) -> None:
        d["region"]["namn"] = "Region " + ODD_TEXT
        d["publicering"]["uppdaterad"] = pick("uppdaterad", f"{FIRST_PUBLISHED_YEAR}-01-01", high_day)
        d["publicering"]["webbadress"] = pick("webbadress", site, site + "a" * (URL_MAX - len(site) - 1) + "/")
        d["publicering"]["minsta_antal"] = str(pick("minsta_antal", 1, 1_000_000))
        for area in d["verksamhetsomraden"]:
            area["uppfoljningscykel"] = str(pick("uppfoljningscykel", 1, 120))

    def avtal(d: Any) -> None:
        d["startdatum"], d["slutdatum"] = low_day, pick("slutdatum", low_day, high_day)
        d["arligt_varde_kr"] = str(pick("kronor", 0, MAX_KRONOR))
        d["krav"][0]["id"] = krav_id
        d["dokument"][0]["url"] = url

    def uppfoljning(d: Any) -> None:
        d["period"] = pick("period", str(FIRST_YEAR), f"{LAST_YEAR}-T3")
        d["genomford"] = d["redovisad"]["datum"] = pick("genomford", f"{FIRST_PUBLISHED_YEAR}-01-01", high_day)
        d["handlingsplan"]["beslutad"] = day
        for atgard in d["handlingsplan"]["atgarder"]:
            atgard["senast"] = day
            if "klar" in atgard:
                atgard["klar"] = day
        d["brister"][0]["krav"] = krav_id
        d["sammanfattning"] = ODD_TEXT

    def plan(d: Any) -> None:
        year = pick("ar", FIRST_YEAR, LAST_YEAR)
        d["ar"] = str(year)
        d["beslutad"]["datum"] = f"{year}-01-01"
        for post in d["poster"]:
            post["planerad"] = f"{year}-{pick('manad', '01', '12')}"

    def utforare(d: Any) -> None:
        d["position"] = {"lat": str(pick("lat", -90, 90)), "lon": str(pick("lon", -180, 180))}
        d["kontakt"] = {"telefon": pick("telefon", "1177", "+46 (0)63-14 75 00")}

    def nyckeltal(d: Any) -> None:
        d[0]["malvarde"] = str(pick("malvarde", -MAX_VARDE, MAX_VARDE))

    _edit(root, "region.yaml", region)
    _edit(root, "avtal/lov-fjallvarden.yaml", avtal)
    _edit(root, "uppfoljningar/2025/vb-fjallvarden-2025.yaml", uppfoljning)
    _edit(root, "uppfoljningsplaner/regionstyrelsen-2026.yaml", plan)
    _edit(root, "utforare/fjallvarden.yaml", utforare)
    _edit(root, "nyckeltal.yaml", nyckeltal)
    _edit(root, "uppfoljningar/2025/vb-centrum-2025.yaml", lambda d: d.__setitem__("sekretess", ["period", "resultat"]))
    period = pick("period", str(FIRST_YEAR), f"{LAST_YEAR}-12")
    row = f"fjallvarden,vantetid,{period},T,{pick('varde', -MAX_VARDE, MAX_VARDE)},{pick('antal', 0, MAX_ANTAL)},\n"
    with (root / "nyckeltalsvarden" / "halsoval.csv").open("a", encoding="utf-8") as f:
        f.write(row)
    long_id = pick("id", "a", "a" * ID_MAX)
    (root / "utforare" / f"{long_id}.yaml").write_text(
        "namn: Enskilda fotvården\ndriftsform: privat\nenskild_firma: true\n"
        f"organisationsnummer: \"{SOLE_TRADER}\"\nverksamhetsomraden: [specialistvard]\n", "utf-8")
    return root


def _high(name: str, low: Any, high: Any) -> Any:
    return high


@pytest.fixture(scope="session")
def edge_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("edges")
    data = make_edges(base / "data", _high)
    out = base / "site"
    result = run_insyn("build", "--data", str(data), "--out", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_the_edge_dataset_is_valid(tmp_path: Path) -> None:
    assert problems_of(make_edges(tmp_path / "data", _high)) == []


def _xml_parts(site: Path) -> list[tuple[str, bytes]]:
    parts = [(str(p.relative_to(site)), p.read_bytes()) for p in site.rglob("*") if p.suffix in {".xml", ".rdf"}]
    with zipfile.ZipFile(site / "oppna-data" / "insyn.xlsx") as xlsx:
        parts += [(f"insyn.xlsx/{n}", xlsx.read(n)) for n in xlsx.namelist() if n.endswith((".xml", ".rels"))]
    return parts


def test_every_xml_output_is_well_formed(edge_site: Path) -> None:
    parts = _xml_parts(edge_site)
    names = {name for name, _ in parts}
    assert {"sitemap.xml", "uppfoljningar/flode.xml", "oppna-data/dcat.rdf"} <= names
    assert any(n.startswith("insyn.xlsx/xl/worksheets/") for n in names)
    for name, raw in parts:
        try:
            ET.fromstring(raw)  # expat: refuses any character XML 1.0 does not allow
        except ET.ParseError as error:
            raise AssertionError(f"{name} är inte välformad XML: {error}") from None
    feed = (edge_site / "uppfoljningar" / "flode.xml").read_text("utf-8")
    assert "\U0010fffd" in feed and "&lt;b&gt;" in feed  # the odd text got through, as text


def _all_bytes(site: Path) -> list[tuple[str, bytes]]:
    """Every output file, with archives opened: the zip, the xlsx and gzip files."""
    out = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        out.append((str(path), raw))
        if path.suffix in {".zip", ".xlsx"}:
            with zipfile.ZipFile(path) as archive:
                out += [(f"{path}/{n}", archive.read(n)) for n in archive.namelist()]
        if path.suffix == ".gz":
            out.append((f"{path}/", gzip.decompress(raw)))
    return out


def test_a_sole_traders_number_reaches_no_output_byte(edge_site: Path) -> None:
    digits = SOLE_TRADER.replace("-", "")
    forms = {SOLE_TRADER, digits, digits[2:], f"{digits[2:8]}-{digits[8:]}"}
    files = _all_bytes(edge_site)
    assert len(files) > 20
    for name, raw in files:
        for form in forms:
            assert form.encode() not in raw, f"{form} står i {name}"
    assert any(b"Enskilda fotv" in raw for _, raw in files)  # the provider itself is published


def test_a_requirement_id_as_the_contract_writes_it_links_to_its_anchor(edge_site: Path) -> None:
    krav_id = ("Krav 4 a 3.2.1 " * 3)[:KRAV_ID_MAX].strip()
    page = (edge_site / "avtal" / "lov-fjallvarden" / "index.html").read_text("utf-8")
    follow_up = (edge_site / "uppfoljningar" / "vb-fjallvarden-2025" / "index.html").read_text("utf-8")
    anchor = "krav-krav-4-a-3-2-1-krav-4-a-3-2-1-krav-4-a-3"
    assert f'id="{anchor}"' in page
    assert f'#{anchor}"' in follow_up
    assert krav_id in (edge_site / "oppna-data" / "krav.csv").read_text("utf-8")


BOUNDS = ("datum", "genomford", "minsta_antal", "uppfoljningscykel", "krav", "url", "uppdaterad", "webbadress", "slutdatum", "kronor", "period", "ar", "manad",
          "lat", "lon", "telefon", "malvarde", "varde", "antal", "id")


# Each example is a real build: a few, and no shrinking (it would rebuild dozens of times).
@settings(max_examples=2, deadline=None, phases=[Phase.generate], suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ends=st.fixed_dictionaries({name: st.booleans() for name in BOUNDS}))
def test_any_mix_of_edges_validates_and_builds(tmp_path_factory: pytest.TempPathFactory, ends: dict[str, bool]) -> None:
    base = tmp_path_factory.mktemp("mix")
    data = make_edges(base / "data", lambda name, low, high: high if ends[name] else low)
    assert problems_of(data) == []
    result = run_insyn("build", "--data", str(data), "--out", str(base / "site"))
    assert result.returncode == 0, result.stderr[-3000:]
