"""The menu lists hand-written pages and the few top-level generated pages, never one entry
per provider, contract or follow-up (every page renders the whole menu, so that would make
the build's cost grow with the square of the data). And the build stages show on a
terminal but stay quiet in CI."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

from rich.console import Console

from generator.progress import Progress, wants_progress


class _Menu(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "nav" and "md-nav--primary" in (values.get("class") or ""):
            self.depth = 1
        elif tag == "nav" and self.depth:
            self.depth += 1
        if self.depth and tag == "a" and values.get("href"):
            self.links.append(values["href"])

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1


def menu(page: Path) -> list[str]:
    parser = _Menu()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def test_menu_has_the_hand_written_and_top_level_pages_only(example_site):
    links = menu(example_site / "om" / "programmet" / "index.html")
    joined = " ".join(links)
    for wanted in ["sa-gar-uppfoljningen-till/", "tillganglighet/", "om-datan/", "datakatalog/",
                   "jamfor/halsoval/", "listor/uppfoljningar/"]:
        assert wanted in joined, wanted
    entity = [link for link in links if re.search(r"(utforare|avtal|uppfoljningar|mal|uppfoljningsplaner)/[^/]+/", link)]
    assert entity == []
    assert len(links) < 40


def test_menu_follows_the_regions_order_and_starts_the_lists_with_all_follow_ups(example_site):
    import yaml

    from tests.support.build import EXAMPLE

    areas = yaml.safe_load((EXAMPLE / "region.yaml").read_text(encoding="utf-8"))["verksamhetsomraden"]
    choice = [a["id"] for a in areas if a["valfrihet"] is True]
    links = menu(example_site / "om" / "programmet" / "index.html")
    compared = [m.group(1) for link in links if (m := re.search(r"jamfor/([^/]+)/", link))]
    assert compared == choice
    lists = [link for link in links if "listor/" in link]
    assert lists[0].endswith("listor/uppfoljningar/")


def test_no_english_generator_line_on_a_swedish_site(example_site):
    assert "Made with" not in (example_site / "index.html").read_text(encoding="utf-8")


def test_menu_is_the_same_size_for_small_and_large_data(minimal_site, example_site):
    small = len(menu(minimal_site / "om" / "programmet" / "index.html"))
    large = len(menu(example_site / "om" / "programmet" / "index.html"))
    # The example has 14 times the providers; only the comparison pages (one per choice area) add entries.
    assert large - small <= 5


def test_stages_show_on_a_terminal():
    progress = Progress(True)
    output = io.StringIO()
    progress.console = Console(file=output, force_terminal=False, width=100)
    with progress.stage("Bygger webbplatsen med MkDocs"):
        pass
    assert "✓ Bygger webbplatsen med MkDocs" in output.getvalue()


def test_quiet_in_ci_and_when_not_on_a_terminal(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert wants_progress() is False
    monkeypatch.delenv("CI")
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert wants_progress() is False
