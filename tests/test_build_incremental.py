"""An incremental build publishes exactly what a full build of the same data publishes.

A series of edits is built into the same `--out`, each reusing the last build, and after
every step the folder is compared byte for byte with a fresh full build of the same data
and content: a follow-up changed, added and removed, a provider renamed, a provider
added (with new open-data files), a hand-written file added and removed, and mkdocs.yml
changed. Each build brings the last build's input folder up to date (site.stage), so a
file that stays there by mistake would show here too. The engine is watched to prove that the
incremental builds really render only what changed, and that a configuration change
renders everything; the page templates are watched to prove that a page whose view is as
before is not rendered again either (pages.remembering).
"""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import subprocess
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from mkdocs.structure.pages import Page

from generator import pipeline
from generator.pages import render
from generator.problems import BuildError
from generator.settings import BuildSettings, reference_day
from generator.site import aside, heap, incremental, kept, linkcheck, parallel, split, stage
from generator.site.engine import MkDocs
from generator.textmemo import Found
from tests.support.build import CONTENT, EXAMPLE, INSYN, MINIMAL, ROOT
from tests.support.files import snapshot


class Watched(MkDocs):
    """The real engine, remembering which pages it was asked to render in each build."""

    def __init__(self) -> None:
        self.calls: list[frozenset[str] | None] = []
        self.asked: list[frozenset[str] | None] = []  # per build: every page rendered, None for all
        self.runs: list[int] = []  # per build: how many times the engine ran

    def build(self, pages: Path, out: Path, config: Mapping[str, Any], only: Collection[str] | None = None,
              html: Collection[str] = (), others: bool = True) -> None:
        self.calls.append(None if only is None else frozenset(only))
        super().build(pages, out, config, only, html, others)

    def finished_build(self) -> None:
        every = frozenset().union(*(c for c in self.calls if c is not None))
        self.asked.append(None if None in self.calls else every)
        self.runs.append(len(self.calls))
        self.calls = []


def _build(data: Path, content: Path, out: Path, engine: MkDocs | None = None) -> None:
    settings = BuildSettings(data_dir=data, out_dir=out, content_dir=content, idag=reference_day(), show_progress=False)
    pipeline.build(settings, engine=engine)
    if isinstance(engine, Watched):
        engine.finished_build()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} finns inte i {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _published(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the minimal data, built once: (the data, the published site)."""
    data, out = tmp_path / "data", tmp_path / "site"
    shutil.copytree(MINIMAL, data)
    _build(data, CONTENT, out)
    return data, out


def _correct_a_summary(data: Path) -> None:
    _edit(data / "uppfoljningar/2025/vb-centrum-2025.yaml", "Enheten uppfyller kraven.", "Enheten uppfyller nu kraven.")


def _new_follow_up(data: Path) -> None:
    (data / "uppfoljningar" / "2025" / "vb-centrum-2025-extra.yaml").write_text(
        "avtal: uppdrag-centrum\ntyp: verksamhetsberattelse\nperiod: \"2025\"\nstatus: genomford\n"
        "genomford: 2026-04-01\nresultat: uppfyller_delvis\nsammanfattning: En andra granskning.\n", encoding="utf-8")


# A provider no edit below touches: its page must be reused, not rendered again.
UNTOUCHED = "utforare/stangda-mottagningen.md"
# (what happens, the edit, the page that must be rendered again, or None: everything must)
STEPS: list[tuple[str, Callable[[Path, Path], None], str | None]] = [
    ("en uppföljning ändras", lambda data, content: _edit(
        data / "uppfoljningar/2025/vb-centrum-2025.yaml", "Enheten uppfyller kraven.", "Enheten uppfyller nu kraven."),
     "uppfoljningar/vb-centrum-2025.md"),
    ("en uppföljning läggs till", lambda data, content: _new_follow_up(data), "utforare/halsocentralen-centrum.md"),
    ("en uppföljning tas bort", lambda data, content: (data / "uppfoljningar/2025/vb-centrum-2025-extra.yaml").unlink(),
     "utforare/halsocentralen-centrum.md"),
    ("en utförare byter namn", lambda data, content: _edit(
        data / "utforare/fjallvarden.yaml", "namn: Fjällvårdens Hälsocentral", "namn: Fjällvården Nya Hälsocentral"),
     "utforare/fjallvarden.md"),
    ("en utförare läggs till (och med den nya filer med öppna data)", lambda data, content: (
        data / "utforare" / "nya-mottagningen.yaml").write_text(
        "namn: Nya mottagningen\ndriftsform: egen_regi\nverksamhetsomraden: [halsoval]\n", encoding="utf-8"),
     "utforare/nya-mottagningen.md"),
    ("en handskriven fil läggs till (nya filer bredvid sidorna)", lambda data, content: (
        content / "om" / "karta.txt").write_text("Hälsocentralerna på en karta.\n", encoding="utf-8"), "om/programmet.md"),
    ("den handskrivna filen tas bort (nya filer bredvid sidorna)", lambda data, content: (
        content / "om" / "karta.txt").unlink(), "om/programmet.md"),
    ("mkdocs.yml ändras", lambda data, content: _edit(
        content.parent / "mkdocs.yml", "site_name: Insyn", "site_name: Insyn test"), None),
]


def test_every_incremental_build_equals_a_full_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The pages rendered from their templates, in this build: noted in a file, as a rebuild
    # makes the provider pages in a forked process of its own.
    log = tmp_path / "mallade-sidor.txt"
    rendered = render._rendered

    def noted(doc: str, *rest: Any) -> str:
        with log.open("a", encoding="utf-8") as noting:
            noting.write(doc + "\n")
        return rendered(doc, *rest)

    def templated() -> list[str]:
        return log.read_text(encoding="utf-8").splitlines() if log.is_file() else []

    monkeypatch.setattr(render, "_rendered", noted)
    data, content = tmp_path / "data", tmp_path / "work" / "content"
    shutil.copytree(MINIMAL, data)
    shutil.copytree(CONTENT, content)
    shutil.copy(CONTENT.parent / "mkdocs.yml", content.parent / "mkdocs.yml")
    out = tmp_path / "publicerad" / "site"
    _build(data, content, out)
    first = incremental.cache_dir(out)
    assert (first / "sidor.pickle").is_file(), "bygget sparar inte vad det byggde"
    engine = Watched()
    assert UNTOUCHED in templated()
    for step, (what, edit, rendered_again) in enumerate(STEPS):
        edit(data, content)
        log.unlink(missing_ok=True)
        # The unchanged pages are linked in by a process of their own from LINKED_BESIDE pages on
        # (national size); every other step here takes that path.
        monkeypatch.setattr(incremental, "LINKED_BESIDE", 1 if step % 2 else 10**9)
        _build(data, content, out, engine)
        assert UNTOUCHED not in templated(), f"efter att {what} skapades en sida på nytt vars innehåll är som förut"
        if rendered_again is not None and not (content / rendered_again).is_file():  # a generated page
            assert rendered_again in templated(), f"efter att {what} skapades inte {rendered_again} på nytt"
        fresh = tmp_path / f"full-{step}" / "site"
        _build(data, content, fresh)
        assert snapshot(out) == snapshot(fresh), f"efter att {what} skiljer sig det stegvisa bygget från ett helt bygge"
        asked = engine.asked[-1]
        if rendered_again is None:
            assert asked is None, f"efter att {what} måste alla sidor byggas om"
        else:
            assert asked is not None, f"efter att {what} byggdes alla sidor om"
            assert UNTOUCHED not in asked, f"efter att {what} byggdes en sida om som inte har ändrats"
            assert rendered_again in asked, f"efter att {what} byggdes inte {rendered_again} om"
            # The hand-written pages are built again only when the files they may link to change.
            assert engine.runs[-1] == (2 if "nya filer" in what else 1), f"efter att {what}: {engine.runs[-1]} körningar"


def test_a_rebuild_with_the_same_files_checks_only_the_anchors_of_unchanged_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """570,000 links at national size: a rebuild whose site has the same files as the last
    one checks all links of the pages it made anew, and of the others only those to anchors.
    When a file comes or goes, every link is checked again."""
    settled: list[frozenset[str]] = []
    broken_links = linkcheck.broken_links
    monkeypatch.setattr(linkcheck, "broken_links", lambda pages, files, site_url=None, settled_now=frozenset():
                        settled.append(frozenset(settled_now)) or broken_links(pages, files, site_url, settled_now))
    data, out = _published(tmp_path)
    _correct_a_summary(data)
    _build(data, CONTENT, out)
    _new_follow_up(data)
    _build(data, CONTENT, out)
    full, same_files, new_page = settled
    assert not full, "a first build checks every link"
    assert "utforare/stangda-mottagningen/index.html" in same_files
    assert "uppfoljningar/vb-centrum-2025/index.html" not in same_files, "the edited page's links are checked"
    assert not new_page, "a new page is a new file: every link is checked"


def test_a_page_changed_in_the_published_folder_is_rendered_again(tmp_path: Path) -> None:
    out = tmp_path / "site"
    _build(MINIMAL, CONTENT, out)
    page = next(p for p in sorted((out / "uppfoljningar").glob("*/index.html")))
    original = page.read_bytes()
    page.write_bytes(original.replace(b"</body>", b"<p>handredigerad</p></body>"))
    engine = Watched()
    _build(MINIMAL, CONTENT, out, engine)
    assert page.read_bytes() == original
    asked = engine.asked[-1]
    assert asked is not None and page.parent.relative_to(out).as_posix() + ".md" in asked


def test_published_pages_are_known_again_by_their_file_until_one_is_written_even_same_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages finished well before the record, and the sitemap, are known again by inode, size and
    time: a rebuild reads none of them to hash it (national: 359 MB), only the files it writes
    itself. A page written since, even given its old time back, is rendered again."""
    monkeypatch.setattr(incremental, "SETTLED_NS", -1)  # every page counts as finished long before the record
    out = tmp_path / "site"
    _build(MINIMAL, CONTENT, out)
    hashed: list[Path] = []
    file_hash = incremental._file_hash
    monkeypatch.setattr(incremental, "_file_hash", lambda path: hashed.append(path) or file_hash(path))
    _build(MINIMAL, CONTENT, out)
    assert [path for path in hashed if path.is_relative_to(out)] == [], "en publicerad fil lästes för att hashas"
    assert hashed, "bygget hashar inga filer alls: testet prövar ingenting"
    page = next(p for p in sorted((out / "uppfoljningar").glob("*/index.html")))
    original, status = page.read_bytes(), page.stat()
    page.write_bytes(original.replace(b"</body>", b"<p>handredigerad</p></body>"))
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))
    engine = Watched()
    _build(MINIMAL, CONTENT, out, engine)
    assert page.read_bytes() == original
    asked = engine.asked[-1]
    assert asked is not None and page.parent.relative_to(out).as_posix() + ".md" in asked


def _pages_made_by_the_engine(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The docs pages MkDocs makes a page object of (with its URLs), in this process, from now on."""
    made: list[str] = []
    made_page = Page.__init__

    def noted(self: Page, title: str | None, file: Any, config: Any) -> None:
        made.append(file.src_uri)
        made_page(self, title, file, config)

    monkeypatch.setattr(Page, "__init__", noted)
    return made


def test_a_rebuild_with_the_same_pages_gives_the_engine_only_what_it_renders_and_keeps_the_sitemap(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs makes a page, with its URLs, of every file it is given, and the sitemap of them
    all: after one edit at national size most of its time, for 11,500 pages. When the site has
    the same pages as the published one, the engine gets only the pages it renders and the
    navigation, and the published sitemap, which lists the same pages, is kept."""
    data, out = _published(tmp_path)
    made = _pages_made_by_the_engine(monkeypatch)
    sitemap = (out / "sitemap.xml").stat()
    _correct_a_summary(data)
    _build(data, CONTENT, out)
    assert os.path.samestat(sitemap, (out / "sitemap.xml").stat()), "the published sitemap was written again"
    assert "uppfoljningar/vb-centrum-2025.md" in made
    assert UNTOUCHED not in made, "motorn fick en sida som varken byggs om eller finns i menyn"
    assert "index.md" in made, "motorn fick inte menyns sidor, vars titlar varje sida visar"
    assert b"/utforare/stangda-mottagningen/" in (out / "sitemap.xml").read_bytes()
    fresh = tmp_path / "helt" / "site"
    _build(data, CONTENT, fresh)
    assert snapshot(out) == snapshot(fresh)


def test_a_rebuild_split_over_two_engines_with_the_same_pages_publishes_what_a_full_build_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many changed pages go to two engines at once (site.split), each given only its share and
    the navigation, neither writing the sitemap that the rebuild keeps. (A follow-up's result
    is on its own page, its contract's and provider's pages, the lists and the comparison.)"""
    data, out = _published(tmp_path)
    monkeypatch.setattr(split, "MIN_PAGES", 2)
    monkeypatch.setattr(split.os, "cpu_count", lambda: 2)
    made = _pages_made_by_the_engine(monkeypatch)
    halves: list[str] = []
    second = split.parallel.beside
    monkeypatch.setattr(split.parallel, "beside", lambda step, *args, **kw: halves.append(step.__name__) or second(step, *args, **kw))
    _edit(data / "uppfoljningar/2025/vb-centrum-2025.yaml", "resultat: uppfyller\n", "resultat: uppfyller_delvis\n")
    _build(data, CONTENT, out)
    assert "build" in halves, "the engine was not split"
    assert UNTOUCHED not in made
    fresh = tmp_path / "helt" / "site"
    _build(data, CONTENT, fresh)
    assert snapshot(out) == snapshot(fresh)


def test_a_published_sitemap_not_as_recorded_is_written_anew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, out = _published(tmp_path)
    (out / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    made = _pages_made_by_the_engine(monkeypatch)
    _correct_a_summary(data)
    _build(data, CONTENT, out)
    assert UNTOUCHED in made, "motorn fick inte alla sidor, fast sajtkartan måste skrivas på nytt"
    fresh = tmp_path / "helt" / "site"
    _build(data, CONTENT, fresh)
    assert (out / "sitemap.xml").read_bytes() == (fresh / "sitemap.xml").read_bytes()


class _Planted:
    """What someone with write access to the cache folder might plant as the record: a pickle
    that calls a function when it is read."""

    def __init__(self, canary: Path) -> None:
        self.canary = canary

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.canary,))


def test_a_record_planted_in_the_cache_runs_nothing_and_means_a_full_build(tmp_path: Path) -> None:
    out = tmp_path / "site"
    _build(MINIMAL, CONTENT, out)
    folder = incremental.cache_dir(out)
    (folder / "sidor.json").write_text("{}", encoding="utf-8")  # the record of an earlier version of Insyn
    canary = tmp_path / "kanarie"
    (folder / "sidor.pickle").write_bytes(pickle.dumps({"format": 3, "pages": _Planted(canary)}))
    engine = Watched()
    _build(MINIMAL, CONTENT, out, engine)
    assert not canary.exists()
    assert engine.asked == [None]  # every page rendered, as without a record
    assert not (folder / "sidor.json").exists()  # Insyn's own old record, replaced by the new one


def test_a_foreign_cache_folder_is_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "site"
    foreign = incremental.cache_dir(out)
    foreign.mkdir()
    (foreign / "sidor.pickle").write_text("någon annans fil", encoding="utf-8")
    before = snapshot(foreign)
    engine = Watched()
    _build(MINIMAL, CONTENT, out, engine)
    _build(MINIMAL, CONTENT, out, engine)
    assert engine.asked == [None, None]
    assert snapshot(foreign) == before
    assert (foreign / "sidor.pickle").read_text(encoding="utf-8") == "någon annans fil"


def test_the_engine_split_over_two_processes_builds_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one = tmp_path / "en" / "site"
    _build(MINIMAL, CONTENT, one)
    monkeypatch.setattr(split, "MIN_PAGES", 2)
    monkeypatch.setattr(split.os, "cpu_count", lambda: 2)
    two = tmp_path / "tva" / "site"
    _build(MINIMAL, CONTENT, two)
    assert snapshot(two) == snapshot(one)


class ThroughMarkdown(MkDocs):
    """The real engine made to convert every page with Markdown, as it did before generated
    pages were taken as finished HTML."""

    def __init__(self) -> None:
        self.asked_html: list[int] = []

    def build(self, pages: Path, out: Path, config: Mapping[str, Any], only: Collection[str] | None = None,
              html: Collection[str] = (), others: bool = True) -> None:
        self.asked_html.append(len(html))
        super().build(pages, out, config, only, (), others)


def test_generated_pages_taken_as_finished_html_publish_what_markdown_would(example_site: Path, tmp_path: Path) -> None:
    """The engine skips Markdown for the generated pages (one HTML block each), which is most of
    its time per page; the published site must be byte for byte the one Markdown gives."""
    engine = ThroughMarkdown()
    slow = tmp_path / "markdown" / "site"
    _build(EXAMPLE, CONTENT, slow, engine)
    assert engine.asked_html[0] > 300  # every generated page of the example was offered as finished HTML
    assert snapshot(slow) == snapshot(example_site)


def _record_of(cache: Path) -> dict[str, str]:
    """The cache without the engine's input folder and the site the last build kept (site.kept),
    which a build takes along while it runs, and without what the last build set aside for
    removal, which any next build removes (site.aside)."""
    return {rel: digest for rel, digest in snapshot(cache).items()
            if rel.split("/")[0] not in ("sidkallor", kept.NAME) and not rel.startswith(aside.PREFIX)}


def test_a_failed_build_leaves_the_cache_as_it_was(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    out = tmp_path / "site"
    _build(MINIMAL, content, out)
    cache = incremental.cache_dir(out)
    before = _record_of(cache)
    assert (cache / "sidkallor" / "index.md").is_file(), "bygget sparar inte sina sidkällor till nästa bygge"
    _edit(content / "om" / "programmet.md", "\n", "\n[En trasig länk](finns-inte.md)\n")
    with pytest.raises(BuildError):
        _build(MINIMAL, content, out)
    assert _record_of(cache) == before
    # The failed build's half-updated input folder went with its scratch folder: nothing of it
    # can reach the next build, which gives what a full build gives.
    assert not (cache / "sidkallor").exists()
    _edit(content / "om" / "programmet.md", "\n[En trasig länk](finns-inte.md)\n", "\n[Ett tillägg](sa-gar-uppfoljningen-till.md)\n")
    _build(MINIMAL, content, out)
    fresh = tmp_path / "helt" / "site"
    _build(MINIMAL, content, fresh)
    assert snapshot(out) == snapshot(fresh)


def test_a_failed_rebuild_leaves_the_published_files_its_kept_input_shares(tmp_path: Path) -> None:
    """The open-data files of the kept input folder are links to the published ones (site.stage):
    the next build removes them there, and never writes into them, even when it then fails."""
    data, content = tmp_path / "data", tmp_path / "content"
    shutil.copytree(MINIMAL, data)
    shutil.copytree(CONTENT, content)
    out = tmp_path / "site"
    _build(data, content, out)
    shared = incremental.cache_dir(out) / "sidkallor" / "oppna-data"
    assert any(path.stat().st_nlink > 1 for path in shared.iterdir()), "inga delade filer: testet prövar ingenting"
    before = snapshot(out)
    _edit(data / "utforare/fjallvarden.yaml", "namn: Fjällvårdens Hälsocentral", "namn: Fjällvården Nya Hälsocentral")
    _edit(content / "om" / "programmet.md", "\n", "\n[En trasig länk](finns-inte.md)\n")
    with pytest.raises(BuildError):
        _build(data, content, out)
    assert snapshot(out) == before


class FailsOnceWritten(MkDocs):
    """The real engine, failing once it has written its pages."""

    def build(self, pages: Path, out: Path, config: Mapping[str, Any], only: Collection[str] | None = None,
              html: Collection[str] = (), others: bool = True) -> None:
        super().build(pages, out, config, only, html, others)
        raise BuildError("engine-failed", "Provfel när sidorna är skrivna.", "")


@pytest.mark.parametrize("beside", [True, False])
def test_a_rebuild_that_fails_once_the_engine_wrote_leaves_every_published_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beside: bool) -> None:
    """The pages that did not change are hard links to the published ones (incremental.reuse_into),
    linked while the engine renders the others. The engine writes a page into the file of
    its name: it must never be given one of those links, or a build that then fails has
    changed the published site."""
    monkeypatch.setattr(incremental, "LINKED_BESIDE", 1 if beside else 10**9)
    data, out = _published(tmp_path)
    before = snapshot(out)
    _correct_a_summary(data)
    with pytest.raises(BuildError, match="Provfel"):
        _build(data, CONTENT, out, FailsOnceWritten())
    assert snapshot(out) == before
    # The catalog held frozen until the build waits for its writers (heap.Held) is let go of
    # on failure too: `insyn serve` builds again in the same process.
    assert gc.get_freeze_count() == 0, "the failed build left its objects frozen"
    assert not heap.frozen(), "the failed build left the next one believing its objects frozen"


def test_the_cache_of_make_site_is_ignored_by_git() -> None:
    """`make site` builds into site/: its cache must not show up as a change for staff to commit."""
    ignored = (CONTENT.parent / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert incremental.cache_dir(Path("site")).name + "/" in ignored


def test_pages_finished_by_workers_from_a_forkserver_are_the_same(example_site: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # A large site's post-processing workers come from a forkserver instead of the build;
    # what they make of the pages must be what the build itself makes of them.
    from generator.site import postprocess

    fresh = []
    real = postprocess._fresh
    monkeypatch.setattr(postprocess, "FRESH_WORKERS_FROM", 1)
    monkeypatch.setattr(postprocess, "_fresh", lambda: (fresh.append(1), real())[1])
    here, pooled = tmp_path / "here", tmp_path / "pooled"
    shutil.copytree(example_site, here)
    shutil.copytree(example_site, pooled)
    in_process = postprocess.finish(here, (), in_pool=False)
    assert not fresh
    by_workers = postprocess.finish(pooled, ())
    assert fresh, "the forkserver was not used"
    assert len(by_workers) > 2 * postprocess._CHUNK
    assert by_workers == in_process
    assert snapshot(pooled) == snapshot(here)


def _fetched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages found in the last build whose texts staging fetches (the others it knows by hash)."""
    fetched: list[str] = []
    real = stage.texts_of

    def texts_of(found: Iterable[Found]) -> Iterator[tuple[Found, str]]:
        for item, text in real(found):
            fetched.append(text.split("\n", 2)[1])  # its title, the front matter's one line
            yield item, text

    monkeypatch.setattr(stage, "texts_of", texts_of)
    return fetched


def _hashed_by_staging(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The files staging reads and hashes to tell whether they hold a page found in the last build."""
    hashed: list[bytes] = []
    real = stage.hashlib.sha256

    class Spy:
        @staticmethod
        def sha256(data: bytes) -> Any:
            hashed.append(data)
            return real(data)

    monkeypatch.setattr(stage, "hashlib", Spy)
    return hashed


@pytest.mark.parametrize("known_by", ["hash", "file"])
def test_a_rebuild_fetches_no_text_its_input_folder_holds_and_mends_one_it_does_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, known_by: str) -> None:
    """A page source the input folder holds already is neither fetched from the last build nor
    written: known by its hash, or, where the last build's record says which file held it
    (inode, size, time), not even read (national: 11,500 files, 170 MB). One rewritten by hand
    since, even given its old time back, is fetched and mended."""
    # Every file counts as written long before the record, or none does.
    monkeypatch.setattr(incremental, "SETTLED_NS", -1 if known_by == "file" else 10**18)
    data, out = _published(tmp_path)
    hashed = _hashed_by_staging(monkeypatch)
    fetched = _fetched(monkeypatch)
    _correct_a_summary(data)
    _build(data, CONTENT, out)
    assert fetched == [], "staging fetched texts the engine's input folder held already"
    if known_by == "file":
        assert hashed == [], "staging read page sources the record vouched for"
    else:
        assert hashed, "staging hashed nothing: the test proves nothing"
    staged = incremental.cache_dir(out) / "sidkallor" / UNTOUCHED
    right, status = staged.read_bytes(), staged.stat()
    staged.write_bytes(right.replace(b"</div>", "<p>Ändrad för hand</p></div>".encode(), 1))
    os.utime(staged, ns=(status.st_atime_ns, status.st_mtime_ns))
    hashed.clear()
    _edit(data / "uppfoljningar/2025/vb-centrum-2025.yaml", "Enheten uppfyller nu kraven.", "Enheten uppfyller kraven.")
    _build(data, CONTENT, out)
    assert len(fetched) == 1 and "title:" in fetched[0], "the page changed by hand was not fetched again"
    if known_by == "file":
        assert len(hashed) == 1, "staging read more than the page source changed by hand"
    assert staged.read_bytes() == right
    fresh = tmp_path / "helt" / "site"
    _build(data, CONTENT, fresh)
    assert snapshot(out) == snapshot(fresh)


def test_a_record_written_by_a_process_of_its_own_serves_the_next_rebuild(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large site's record is written beside the search index by a process of its own
    (incremental.RECORDED_BESIDE): the next rebuild must find it and render only what changed."""
    monkeypatch.setattr(incremental, "RECORDED_BESIDE", 1)
    steps: list[str] = []
    beside = parallel.beside
    monkeypatch.setattr(parallel, "beside", lambda step, *args, **kw: steps.append(step.__name__) or beside(step, *args, **kw))
    data, out = _published(tmp_path)
    assert "record" in steps, "the record was not written by a process of its own"
    made = _pages_made_by_the_engine(monkeypatch)
    _correct_a_summary(data)
    _build(data, CONTENT, out)
    assert "uppfoljningar/vb-centrum-2025.md" in made
    assert UNTOUCHED not in made, "the rebuild did not find the record its last build wrote"
    fresh = tmp_path / "helt" / "site"
    _build(data, CONTENT, fresh)
    assert snapshot(out) == snapshot(fresh)


def _built_under(mask: int, data: Path, out: Path) -> None:
    """`insyn build` as run by someone whose umask is `mask`."""
    done = subprocess.run([*INSYN, "build", "--data", str(data), "--out", str(out)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, preexec_fn=lambda: os.umask(mask))
    assert done.returncode == 0, done.stderr


def test_a_rebuild_under_another_umask_gives_every_file_the_mode_a_full_build_does(tmp_path: Path) -> None:
    """A rebuild linked pages, open data and search files from a build made under umask 077:
    they stayed mode 600 in the site published under 022, where a web server may not read them."""
    data, out, full = tmp_path / "data", tmp_path / "site", tmp_path / "helt" / "site"
    shutil.copytree(MINIMAL, data)
    _built_under(0o077, data, out)
    assert snapshot(out)["index.html"].startswith("600 ")
    _correct_a_summary(data)
    _built_under(0o022, data, out)
    _built_under(0o022, data, full)
    assert snapshot(out) == snapshot(full)


def test_a_link_to_someones_folder_in_the_kept_input_is_never_written_through_nor_published(tmp_path: Path) -> None:
    """A link put by hand into the cache's copy of the engine's input: the rebuild wrote the pages
    into the folder it points to, and published that folder's files."""
    data, out = _published(tmp_path)
    own = tmp_path / "mina"
    own.mkdir()
    (own / "halsocentralen-centrum.md").write_text("EGEN\n", encoding="utf-8")
    (own / "hemligt.txt").write_text("bara mitt\n", encoding="utf-8")
    before = snapshot(own)
    kept_pages = incremental.cache_dir(out) / incremental._DOCS / "utforare"
    shutil.rmtree(kept_pages)
    kept_pages.symlink_to(own, target_is_directory=True)
    _correct_a_summary(data)
    _build(data, CONTENT, out)
    assert snapshot(own) == before
    _build(data, CONTENT, tmp_path / "helt" / "site")
    assert snapshot(out) == snapshot(tmp_path / "helt" / "site")
