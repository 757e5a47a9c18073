"""The Atom feed of new follow-ups: the newest completed public ones, linked to their pages,
linked from the list of follow-ups, and absent (with no dead links to it) when the site's address
is unknown."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

from tests.support.build import build_site

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")


def feed(site: Path) -> ET.Element:
    return ET.parse(site / "uppfoljningar" / "flode.xml").getroot()


def test_feed_lists_newest_completed_public_follow_ups(minimal_site: Path) -> None:
    root = feed(minimal_site)
    assert root.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert (root.findtext(f"{A}{tag}") or "").strip(), f"the feed needs <{tag}>"
    assert root.find(f"{A}author/{A}name").text == "Region Exempelland"
    entries = root.findall(f"{A}entry")
    titles = [e.findtext(f"{A}title") for e in entries]
    assert titles == ["Verksamhetsberättelse 2025: Hälsocentralen Centrum",
                      "Verksamhetsberättelse 2025: Fjällvårdens Hälsocentral",
                      "Revision 2025, tertial 2: Fjällvårdens Hälsocentral"], "newest first"
    updated = [e.findtext(f"{A}updated") for e in entries]
    assert all(RFC3339.match(u) for u in updated) and updated == sorted(updated, reverse=True)
    assert root.findtext(f"{A}updated") == updated[0]
    for entry in entries:
        link = entry.find(f"{A}link").attrib["href"]
        assert entry.findtext(f"{A}id") == link
        url = urlparse(link)
        assert url.scheme == "https" and url.netloc == "insyn.example.org"
        assert (minimal_site / url.path.lstrip("/") / "index.html").is_file(), f"{link} leads nowhere"
    summaries = {e.findtext(f"{A}title"): e.findtext(f"{A}summary") for e in entries}
    assert summaries["Verksamhetsberättelse 2025: Fjällvårdens Hälsocentral"].startswith("Uppfyller kraven delvis.")
    assert summaries["Revision 2025, tertial 2: Fjällvårdens Hälsocentral"] == \
        "Uppfyller kraven. Sammanfattningen omfattas av sekretess."
    text = (minimal_site / "uppfoljningar" / "flode.xml").read_text(encoding="utf-8")
    assert "avvikelse-fjallvarden-2025" not in text and "HEMLIG-KANARIE" not in text


def test_the_list_of_follow_ups_points_to_the_feed(minimal_site: Path) -> None:
    # Not as <link rel="alternate"> in <head>: Material then fetches a sitemap.xml beside the
    # feed's address on every page, thinking it is a page in another language.
    listing = (minimal_site / "listor" / "uppfoljningar" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../uppfoljningar/flode.xml"' in listing and "Prenumerera på nya uppföljningar" in listing


def test_same_data_same_feed(minimal_site: Path, tmp_path: Path) -> None:
    from tests.support.build import MINIMAL

    again = build_site(MINIMAL, tmp_path / "site")
    assert (again / "uppfoljningar/flode.xml").read_bytes() == (minimal_site / "uppfoljningar/flode.xml").read_bytes()


def test_no_feed_and_no_link_to_it_without_the_sites_address(dataset: Path, tmp_path: Path) -> None:
    region = dataset / "region.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("  webbadress: https://insyn.example.org/\n", ""),
                      encoding="utf-8")
    site = build_site(dataset, tmp_path / "site")
    assert not (site / "uppfoljningar" / "flode.xml").exists()
    for page in site.rglob("*.html"):
        assert "flode.xml" not in page.read_text(encoding="utf-8"), page
