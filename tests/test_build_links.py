"""No broken internal link or anchor: MkDocs stops on one in content/, and the check of the
built folder catches the rest (generated pages are raw HTML MkDocs does not look into)."""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site import engine, linkcheck
from generator.site.linkcheck import check_folder
from tests.support.build import CONTENT, run_insyn


def test_example_site_has_no_broken_internal_links_or_anchors(example_site):
    assert check_folder(example_site) == []


def test_minimal_site_has_no_broken_internal_links_or_anchors(minimal_site):
    assert check_folder(minimal_site) == []


def test_the_check_follows_every_kind_of_link(minimal_site):
    """The check is not vacuous: the pages link to pages, anchors, assets and open data."""
    from generator.site.linkcheck import _parse

    links = [link for page in minimal_site.rglob("*.html") for link in _parse(page).links]
    assert any("#" in link and not link.startswith("#") for link in links)
    assert any("oppna-data/" in link for link in links)
    assert any(link.endswith(".css") for link in links)
    assert any(link.startswith("../") for link in links)


@pytest.mark.parametrize("mistake, expected", [
    ("../finns-inte/", "sidan eller filen finns inte"),
    ("../../utforare/fjallvarden/#finns-inte", "ankaret #finns-inte finns inte"),
    ("../../assets/saknas.css", "sidan eller filen finns inte"),
])
def test_a_broken_link_in_a_built_page_is_found(minimal_site, tmp_path, mistake, expected):
    site = tmp_path / "site"
    shutil.copytree(minimal_site, site)
    page = site / "om" / "programmet" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", f'<a href="{mistake}">x</a></main>', 1),
                    encoding="utf-8")
    broken = check_folder(site)
    assert [(b.page, b.link) for b in broken] == [("om/programmet/index.html", mistake)]
    assert expected in broken[0].reason


def copy_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    return content


# The engine checks the links of the hand-written pages among themselves; an anchor on a
# generated page is checked by Insyn's own link check of the finished site (the engine
# renders the hand-written pages again without the generated ones, site/split.py).
@pytest.mark.parametrize("markdown, named, code", [
    ("Se [sidan som inte finns](finns-inte.md).",
     "Sidan om/tillganglighet.md länkar till 'finns-inte.md', men om/finns-inte.md finns inte.", "engine-failed"),
    ("Se [programmet](programmet.md#finns-inte).",
     "Sidan om/tillganglighet.md länkar till 'programmet.md#finns-inte', men sidan om/programmet.md har ingen "
     "rubrik eller ankare #finns-inte.", "engine-failed"),
    ("Se [början](#finns-inte).",
     "Sidan om/tillganglighet.md länkar till '#finns-inte', men sidan har ingen rubrik eller ankare med det namnet.",
     "engine-failed"),
    ("Se [om datan](../om-datan/).",
     "Sidan om/tillganglighet.md har länken '../om-datan/', som inte leder till någon sida: länka till sidans "
     ".md-fil. Menade du '../om-datan/index.md'?", "engine-failed"),
    ("Se [datakatalogen](../om-datan/datakatalog.md#finns-inte).", "#finns-inte", "link-broken"),
])
def test_a_broken_link_in_content_fails_the_build_in_swedish(dataset, tmp_path, markdown, named, code):
    """MkDocs' own words were passed on in English ("Doc file 'om/tillganglighet.md' contains a
    link …"), to staff who had edited a page in content/."""
    content = copy_content(tmp_path)
    (content / "om" / "tillganglighet.md").write_text(f"# Tillgänglighet\n\n{markdown}\n", encoding="utf-8")
    out = tmp_path / "site"
    result = run_insyn("build", "--data", str(dataset), "--out", str(out), "--content", str(content))
    assert result.returncode == 1, result.stderr
    assert f"[{code}]" in result.stderr
    assert named in result.stderr
    assert "Doc file" not in result.stderr
    assert "om/tillganglighet" in result.stderr
    assert "Inget har publicerats" in result.stderr
    assert not out.exists()


def test_a_menu_entry_for_a_page_that_does_not_exist_fails_the_build(dataset, tmp_path):
    content = copy_content(tmp_path)
    (content / "om" / "programmet.md").unlink()
    result = run_insyn("build", "--data", str(dataset), "--out", str(tmp_path / "site"), "--content", str(content))
    assert result.returncode == 1
    assert "Menyn (nav i mkdocs.yml) har sidan om/programmet.md, men den finns inte i content/." in result.stderr
    assert "Så rättar du: Kontrollera länkarna i content/ och menyn (nav) i mkdocs.yml." in result.stderr


def test_another_warning_from_mkdocs_is_passed_on_as_it_is():
    assert engine.in_swedish("Something else went wrong.") == "Something else went wrong."


def test_a_new_hand_written_page_is_published_without_touching_code(dataset, tmp_path):
    content = copy_content(tmp_path)
    (content / "om" / "ny-sida.md").write_text("# En ny sida\n\nTill [startsidan](../index.md).\n", encoding="utf-8")
    out = tmp_path / "site"
    result = run_insyn("build", "--data", str(dataset), "--out", str(out), "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert "En ny sida" in (out / "om" / "ny-sida" / "index.html").read_text(encoding="utf-8")


def test_a_link_counts_files_everywhere_in_the_site_but_not_behind_a_linked_folder(tmp_path):
    """What the check takes as present: every file, hidden ones and links to files included, in
    every folder, but nothing reached through a linked folder (it may point out of the site)."""
    site = tmp_path / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/b/c.csv">c</a> <a href="a/.dold">d</a> <a href="a/lank.txt">l</a>'
                                     ' <a href="ut/hemlig.txt">u</a>', encoding="utf-8")
    (site / "a" / "b" / "c.csv").write_text("x", encoding="utf-8")
    (site / "a" / ".dold").write_text("x", encoding="utf-8")
    (site / "a" / "lank.txt").symlink_to(site / "a" / "b" / "c.csv")
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (outside / "hemlig.txt").write_text("x", encoding="utf-8")
    (site / "ut").symlink_to(outside, target_is_directory=True)
    broken = check_folder(site)
    assert [(b.page, b.link) for b in broken] == [("index.html", "ut/hemlig.txt")]


def _plain_target(folders: set[str], page_dir: str, url_path: str, base_path: str) -> str | None:
    """The link check's answer as first written: join, normalise, refuse what leaves the site."""
    if url_path.startswith("/"):
        if not url_path.startswith(base_path):
            return None
        joined = url_path[len(base_path):]
    else:
        joined = posixpath.join(page_dir, url_path)
    normal = posixpath.normpath(joined) if joined else "."
    if normal.startswith(".."):
        return None
    if normal in folders or url_path.endswith("/"):
        return "index.html" if normal == "." else f"{normal}/index.html"
    return normal


_SEGMENT = st.sampled_from(["..", ".", "", "a", "b", "utforare", "x.html"])


@settings(max_examples=3000, deadline=None)
@given(page_dir=st.lists(st.sampled_from(["a", "b", "utforare", "x"]), max_size=4).map("/".join),
       url_path=st.lists(_SEGMENT, min_size=1, max_size=7).map("/".join),
       absolute=st.booleans(), base_path=st.sampled_from(["/", "/insyn/"]))
def test_links_that_go_up_resolve_as_a_plain_join_would(page_dir: str, url_path: str, absolute: bool,
                                                       base_path: str) -> None:
    """The check shares the resolution of links that start by going up between the pages of a
    depth (linkcheck._climb); wherever a link leads, the answer is the plain join's."""
    url = "/" + url_path if absolute else url_path
    folders = {".", "a", "a/b", "utforare", "b"}
    above = linkcheck._ancestors(page_dir)
    assert linkcheck._target(folders, above, url, base_path) == _plain_target(folders, page_dir, url, base_path)


def test_a_settled_page_still_has_its_anchors_checked_but_not_its_files() -> None:
    """A rebuild with the same files as the last one checks only the anchor links of the pages
    it did not change (the last build checked their other links against the same files): a
    page made anew that lost an anchor they point to still stops the build."""
    pages = {
        "a/index.html": linkcheck.PageLinks(frozenset(), ("../b/", "../b/#borta", "../saknas/")),
        "b/index.html": linkcheck.PageLinks(frozenset({"kvar"}), ()),
    }
    files = ["a/index.html", "b/index.html"]
    everything = {(b.page, b.link) for b in linkcheck.broken_links(pages, files)}
    assert everything == {("a/index.html", "../b/#borta"), ("a/index.html", "../saknas/")}
    settled = {(b.page, b.link) for b in linkcheck.broken_links(pages, files, settled={"a/index.html"})}
    assert settled == {("a/index.html", "../b/#borta")}


def test_a_link_to_the_same_host_outside_the_sites_folder_is_external() -> None:
    """A kommun publishes at https://www.nacka.se/insyn/ and its documents at
    https://www.nacka.se/dokument/: validate accepted the url (it is not inside the site) and the
    build stopped with link-broken, 'pekar utanför webbplatsen'."""
    pages = {"avtal/a/index.html": linkcheck.PageLinks(frozenset(), (
        "https://www.nacka.se/dokument/avtal.pdf", "https://www.nacka.se/hemtjanst",
        "https://www.nacka.se/insyn/avtal/saknas/", "https://www.nacka.se/insynen/x.pdf"))}
    broken = linkcheck.broken_links(pages, ["avtal/a/index.html"], "https://www.nacka.se/insyn/")
    assert [(b.link, b.reason) for b in broken] == [("https://www.nacka.se/insyn/avtal/saknas/",
                                                     "sidan eller filen finns inte")]
