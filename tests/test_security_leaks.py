"""No leak, anywhere: canaries planted in every withheld field and in a non-public
follow-up appear in no output byte — HTML, search index, sitemap, 404, CSV, XLSX, zip
members, RDF, JSON, file and folder names — nor in the build log."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.validate.rules import SECRET_FIELDS
from tests.support.build import MINIMAL, run_insyn
from tests.support.security import every_byte, leaks

SOLE_TRADER = ["19121212-1212", "191212121212", "121212-1212", "1212121212", "19121212 1212"]
TEXT_SECRETS = {
    "sammanfattning": "KANARIE-SAMMANFATTNING",
    "granskare": "KANARIE-GRANSKARE",
    "kommentar_utforare": "KANARIE-KOMMENTAR",
}


def _withheld_everything() -> dict[str, object]:
    """A follow-up with every field that may be withheld withheld, each holding a canary."""
    return {
        "avtal": "lov-fjallvarden", "typ": "fordjupad_uppfoljning", "period": "2024", "status": "genomford",
        "genomford": "2024-11-05", "resultat": "uppfyller_inte",
        **TEXT_SECRETS,
        "redovisad": {"organ": "KANARIE-ORGAN", "datum": "2024-11-20", "paragraf": "KANARIE-PARAGRAF"},
        "brister": [{"krav": "journal", "beskrivning": "KANARIE-BRIST", "allvarlighet": "hog", "paverkan": "KANARIE-PAVERKAN"}],
        "handlingsplan": {"beslutad": "2024-11-20", "atgarder": [
            {"beskrivning": "KANARIE-ATGARD", "senast": "2025-01-31", "status": "pagaende"}]},
        "dokument": [{"titel": "KANARIE-DOKUMENT", "url": "https://www.regionjh.se/kanarie-url", "diarienummer": "KANARIE-DNR"}],
        "mal": ["god-och-nara-vard"],
        "sekretess": list(SECRET_FIELDS),
    }


def _non_public() -> dict[str, object]:
    return {
        "avtal": "uppdrag-centrum", "typ": "avvikelse", "period": "2025-05", "status": "genomford",
        "genomford": "2025-06-01", "resultat": "uppfyller_inte", "granskare": "KANARIE-DOLD-GRANSKARE",
        "sammanfattning": "KANARIE-DOLD-SAMMANFATTNING", "kommentar_utforare": "KANARIE-DOLD-KOMMENTAR",
        "brister": [{"krav": "tillganglighet", "beskrivning": "KANARIE-DOLD-BRIST", "allvarlighet": "hog"}],
        "handlingsplan": {"atgarder": [{"beskrivning": "KANARIE-DOLD-ATGARD", "senast": "2025-09-30", "status": "planerad"}]},
        "dokument": [{"titel": "KANARIE-DOLD-DOKUMENT", "url": "https://www.regionjh.se/kanarie-dold"}],
        "publik": False,
    }


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[str]]:
    root = tmp_path_factory.mktemp("leak")
    data = root / "data"
    shutil.copytree(MINIMAL, data)
    folder = data / "uppfoljningar" / "2024"
    folder.mkdir()
    dump = lambda doc: yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)  # noqa: E731
    (folder / "fordjupad-fjallvarden-2024.yaml").write_text(dump(_withheld_everything()), encoding="utf-8")
    (folder / "kanarie-dold-avvikelse.yaml").write_text(dump(_non_public()), encoding="utf-8")
    result = run_insyn("build", "--data", str(data), "--out", str(root / "site"), env={"CI": "1"})
    assert result.returncode == 0, result.stderr
    secrets = [
        *TEXT_SECRETS.values(), "KANARIE-ORGAN", "KANARIE-PARAGRAF", "KANARIE-BRIST", "KANARIE-PAVERKAN",
        "KANARIE-ATGARD", "KANARIE-DOKUMENT", "kanarie-url", "KANARIE-DNR",
        "KANARIE-DOLD", "kanarie-dold-avvikelse", "HEMLIG-KANARIE-SEKRETESS", "HEMLIG-KANARIE-EJ-PUBLIK",
        *SOLE_TRADER,
    ]
    return root / "site", result.stdout + result.stderr, secrets


def test_no_secret_in_any_output_byte(planted: tuple[Path, str, list[str]]) -> None:
    site, _, secrets = planted
    chunks = every_byte(site)
    assert any(where.startswith("oppna-data/") for where, _ in chunks), "the open data must be part of the scan"
    # Pagefind's index is gzipped: its page texts (fragments) and word lists are scanned unpacked.
    unpacked = {where.split("/")[1] for where, _ in chunks if where.startswith("pagefind/") and where.endswith("!gunzip")}
    assert {"fragment", "index", "filter"} <= unpacked, "the search index must be part of the scan"
    assert leaks(chunks, secrets) == []


def test_no_secret_in_the_build_log(planted: tuple[Path, str, list[str]]) -> None:
    _, log, secrets = planted
    assert leaks([("bygglogg", log.encode())], secrets) == []


def test_withheld_follow_up_is_published_and_says_so(planted: tuple[Path, str, list[str]]) -> None:
    """Withholding fields must not hide the follow-up itself: it is there, saying what is withheld."""
    site, _, _ = planted
    page = site / "uppfoljningar" / "fordjupad-fjallvarden-2024" / "index.html"
    assert page.is_file()
    assert "Uppgiften omfattas av sekretess" in page.read_text(encoding="utf-8")


def test_non_public_follow_up_has_no_page_but_is_counted(planted: tuple[Path, str, list[str]]) -> None:
    site, _, _ = planted
    assert not (site / "uppfoljningar" / "kanarie-dold-avvikelse").exists()
    listing = (site / "listor" / "uppfoljningar" / "index.html").read_text(encoding="utf-8")
    assert "inte offentlig" in listing
