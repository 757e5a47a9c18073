"""Page sources kept from the last build (generator.textmemo, pages.remembering).

A rebuild after one edit renders only the pages whose view changed and takes the others as
the last build left them; what it publishes is checked byte for byte against a full build in
tests/test_build_incremental.py. Here: the memo gives back what was made, never writes into
the last build's file, survives a damaged one, and finds the same pages again in another
process, where Python orders sets differently.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import pipeline, textmemo
from generator.pages import render
from generator.settings import reference_day
from generator.textmemo import Found, Texts, texts_of
from tests.support.build import MINIMAL, ROOT, render_pages


def _keys(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {key for (key,) in db.execute("SELECT nyckel FROM texter")}


def _made(log: list[str], text: str) -> Callable[[], str]:
    """A `make` that notes each time it is called."""

    def make() -> str:
        log.append(text)
        return text
    return make


def test_a_text_made_in_one_build_is_taken_in_the_next_without_making_it(tmp_path: Path) -> None:
    made: list[str] = []
    first, second = tmp_path / "1.sqlite", tmp_path / "2.sqlite"
    with Texts(None, first) as memo:
        assert memo.text("sida", ["a.md", b"vy A"], _made(made, "Sida A")) == "Sida A"
        assert memo.text("sida", ["b.md", b"vy B"], _made(made, "Sida B")) == "Sida B"
    with Texts(first, second) as memo:
        assert memo.text("sida", ["a.md", b"vy A"], _made(made, "annan")) == "Sida A"
        assert memo.text("sida", ["a.md", b"vy A2"], _made(made, "Sida A2")) == "Sida A2"  # the view changed
    assert made == ["Sida A", "Sida B", "Sida A2"]
    # The new file holds what this build used, and nothing it did not: b.md was not asked for.
    assert len(_keys(second)) == 2


@pytest.mark.parametrize("sql", ["UPDATE skrivet_av SET kod = 'en äldre version'", "DROP TABLE skrivet_av"],
                         ids=["en-annan-version", "innan-versionen-noterades"])
def test_a_file_another_version_wrote_is_neither_looked_in_nor_copied(tmp_path: Path, sql: str) -> None:
    """Every key begins with the code's version, so after an upgrade nothing in the last
    build's file can be found: the build makes every text, and its new file begins empty
    instead of as a copy that is then emptied."""
    made: list[str] = []
    first, second = tmp_path / "1.sqlite", tmp_path / "2.sqlite"
    with Texts(None, first) as memo:
        memo.text("sida", ["a.md", b"vy A"], _made(made, "Sida A"))
    assert textmemo.written_by_this_version(first)
    with sqlite3.connect(first) as db:
        db.execute(sql)
    db.close()
    assert not textmemo.written_by_this_version(first)
    with Texts(first, second) as memo:
        assert not memo.finds
        assert memo.text("sida", ["a.md", b"vy A"], _made(made, "Sida A igen")) == "Sida A igen"
    assert made == ["Sida A", "Sida A igen"]
    assert textmemo.written_by_this_version(second) and len(_keys(second)) == 1


def test_the_last_builds_file_is_only_read(tmp_path: Path) -> None:
    first = tmp_path / "1.sqlite"
    with Texts(None, first) as memo:
        memo.text("sida", ["a.md", b"vy"], lambda: "Sida")
    before = first.read_bytes()
    with Texts(first, tmp_path / "2.sqlite") as memo:
        memo.text("sida", ["a.md", b"vy"], lambda: "annan")
        memo.text("sida", ["c.md", b"vy"], lambda: "Sida C")
    assert first.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1.sqlite", "2.sqlite"]  # no journal, no lock file


def test_a_damaged_file_only_means_rendering_again(tmp_path: Path) -> None:
    damaged = tmp_path / "1.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with Texts(damaged, tmp_path / "2.sqlite") as memo:
        assert memo.text("sida", ["a.md", b"vy"], lambda: "Sida") == "Sida"
    assert len(_keys(tmp_path / "2.sqlite")) == 1


def test_without_a_file_to_write_every_text_is_made() -> None:
    made: list[str] = []
    with Texts(None, None) as memo:
        memo.text("sida", ["a.md", b"vy"], _made(made, "Sida"))
        memo.text("sida", ["a.md", b"vy"], _made(made, "Sida"))
    assert made == ["Sida", "Sida"]


_KEYS_IN_A_PROCESS = """
import sys
from pathlib import Path
from generator import pipeline
from generator.settings import reference_day
from generator.textmemo import Texts
catalog, register = pipeline.compare(pipeline.check(Path(sys.argv[1]), reference_day()), None, reference_day())
with Texts(None, Path(sys.argv[2])) as memo:
    pipeline.page_sources(catalog, catalog.publicering.webbadress, register, memo)
"""


def test_the_same_data_finds_the_same_pages_in_another_process(tmp_path: Path) -> None:
    """Each build is a process of its own, and Python orders a set of strings differently in
    each: a view's key must not depend on that, or a rebuild would render every page again."""
    files = []
    for seed in ("1", "2"):
        files.append(tmp_path / f"{seed}.sqlite")
        subprocess.run([sys.executable, "-c", _KEYS_IN_A_PROCESS, str(MINIMAL), str(files[-1])], cwd=ROOT, check=True,  # noqa: S603 - this interpreter
                       env={"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1795392000"})
    first, second = _keys(files[0]), _keys(files[1])
    assert len(first) == sum(1 for path in render_pages(MINIMAL) if path.endswith(".md"))  # the feeds are no pages
    assert first == second


def test_a_file_it_did_not_make_is_never_removed(tmp_path: Path) -> None:
    """A `new` path that already holds something else: the memo cannot write there, renders
    every page, and leaves the file as it was."""
    foreign = tmp_path / "annans.sqlite"
    foreign.write_bytes(b"inte en databas, och inte Insyns")
    with Texts(None, foreign) as memo:
        assert memo.text("sida", ["a.md", b"vy"], lambda: "Sida") == "Sida"
    assert foreign.read_bytes() == b"inte en databas, och inte Insyns"


def test_a_file_that_appears_where_the_new_file_is_begun_is_left_as_it_was(tmp_path: Path) -> None:
    """Should another file appear at the new file's path after the memo looked (its copy of the
    last build's file is made there only if nothing is), it is neither written over nor removed."""
    first = tmp_path / "1.sqlite"
    with Texts(None, first) as memo:
        memo.text("sida", ["a.md", b"vy"], lambda: "Sida")
    foreign = tmp_path / "annans.sqlite"
    foreign.write_bytes(b"inte en databas, och inte Insyns")
    assert textmemo._begun(foreign, first) is None
    assert foreign.read_bytes() == b"inte en databas, och inte Insyns"


def test_a_copy_of_another_kind_of_database_is_begun_empty_and_let_go_of(tmp_path: Path) -> None:
    """A last build's file that SQLite reads but that holds no texts as Insyn keeps them: the new
    file begins empty, and nothing keeps the discarded copy open."""
    other = tmp_path / "1.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE texter (annat TEXT)")
    connection.close()
    new = tmp_path / "2.sqlite"
    begun = textmemo._begun(new, other)
    assert begun is not None
    try:
        assert begun.execute("SELECT count(*) FROM texter").fetchone() == (0,)
        held = [os.readlink(fd) for fd in Path("/proc/self/fd").iterdir() if fd.is_symlink()]
        assert not [path for path in held if path.startswith(str(tmp_path)) and path.endswith("(deleted)")]
    finally:
        begun.close()


def test_a_database_it_did_not_make_is_left_as_it_was(tmp_path: Path) -> None:
    """Even a valid SQLite file at the `new` path is someone else's: nothing is written into it."""
    foreign = tmp_path / "annans.sqlite"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE annat (x TEXT)")
    before = foreign.read_bytes()
    with Texts(None, foreign) as memo:
        assert not memo.keeps
        assert memo.text("sida", ["a.md", b"vy"], lambda: "Sida") == "Sida"
    assert foreign.read_bytes() == before


def test_a_report_page_is_taken_from_the_last_build_while_its_document_is_the_same(tmp_path: Path, monkeypatch) -> None:
    """The nämnd's report is the largest page (at national size 452 tables): a rebuild renders it
    only when what it reports changed, and then renders it again."""
    from generator import pipeline
    from generator.rapport import sida
    from generator.settings import reference_day

    # Noted in a file: a rebuild makes the reports' pages in a forked process, with the provider pages.
    log = tmp_path / "renderade.txt"
    render = sida._sida

    def noted(doc: str, dok: Any, filer: Any) -> str:
        with log.open("a", encoding="utf-8") as noting:
            noting.write(doc + "\n")
        return render(doc, dok, filer)

    def rendered() -> list[str]:
        return sorted(log.read_text(encoding="utf-8").splitlines()) if log.is_file() else []

    monkeypatch.setattr(sida, "_sida", noted)
    catalog, register = pipeline.compare(pipeline.check(MINIMAL, reference_day()), None, reference_day())
    files = [tmp_path / f"{n}.sqlite" for n in range(4)]
    with Texts(None, files[0]) as memo:
        first = pipeline.page_sources(catalog, None, register, memo)
    reports = rendered()
    assert reports, "the minimal dataset has a report page"
    with Texts(files[0], files[1]) as memo:
        assert pipeline.page_sources(catalog, None, register, memo) == first
    assert rendered() == reports  # not one rendered again
    # A year later the running year's report has more to say; last year's says the same.
    later = catalog.replaced(idag=catalog.idag.replace(year=catalog.idag.year + 1))
    log.unlink()
    with Texts(files[1], files[2]) as memo:
        again = pipeline.page_sources(later, None, register, memo)
    changed = {doc for doc in again if doc.startswith("rapporter/") and again[doc] != first.get(doc)}
    assert changed and set(rendered()) == changed
    with Texts(None, files[3]) as memo:
        assert again == pipeline.page_sources(later, None, register, memo)  # as a full build makes them


def test_a_rebuild_makes_the_provider_pages_beside_the_others_and_keeps_them_all(tmp_path: Path) -> None:
    """In a rebuild a forked process makes the provider pages (textmemo.Given): the pages are
    those of a build without a memo, and its memo keeps what the child used, so the next
    rebuild finds every page again."""
    from generator import pipeline
    from generator.settings import reference_day

    catalog, register = pipeline.compare(pipeline.check(MINIMAL, reference_day()), None, reference_day())
    first, second = tmp_path / "1.sqlite", tmp_path / "2.sqlite"
    with Texts(None, first) as memo:
        made = pipeline.page_sources(catalog, None, register, memo)
    with Texts(first, second) as memo:
        assert memo.finds  # so the provider pages are made beside the others
        assert pipeline.page_sources(catalog, None, register, memo) == made
    assert any(path.startswith("utforare/") for path in made)
    assert _keys(second) == _keys(first)
    assert list(made) == sorted(made)  # in the same order as a build without a memo gives them


def test_only_a_rebuild_makes_the_provider_pages_in_a_process_of_their_own(tmp_path: Path, monkeypatch) -> None:
    """A first build, or one whose last page sources are gone, makes every page in its own
    process: a forked copy of the catalog would add to the peak of a build that renders all."""
    import os

    from generator import pipeline
    from generator.pages import utforare
    from generator.settings import reference_day

    log = tmp_path / "processer.txt"
    render = utforare.render_each

    def noted(*args: object) -> Iterator[tuple[str, str]]:
        with log.open("a", encoding="utf-8") as noting:
            noting.write(f"{os.getpid()}\n")
        return render(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(utforare, "render_each", noted)
    catalog, register = pipeline.compare(pipeline.check(MINIMAL, reference_day()), None, reference_day())
    for previous, new in ((None, "1"), (tmp_path / "borta.sqlite", "2"), (tmp_path / "1.sqlite", "3")):
        with Texts(previous, tmp_path / f"{new}.sqlite") as memo:
            pipeline.page_sources(catalog, None, register, memo)
    assert [int(pid) == os.getpid() for pid in log.read_text(encoding="utf-8").split()] == [True, True, False]


def test_a_view_holding_an_entity_is_found_by_the_entitys_values_however_deep_they_change(tmp_path: Path) -> None:
    """The views share the data's entities, each hashed once a build (pages.render): a view
    with an equal follow-up (another object, as the next build reads it) is taken from the
    memo, and one whose follow-up differs in a deficiency inside it is rendered again."""
    catalog = pipeline.check(MINIMAL, reference_day())
    follow_up = next(u for u in catalog.uppfoljningar.values() if u.brister)
    deficiency = follow_up.brister[0]
    changed = follow_up.model_copy(update={"brister": (deficiency.model_copy(update={"beskrivning": "Ändrad."}),
                                                       *follow_up.brister[1:])})
    made: list[str] = []
    first, second = tmp_path / "1.sqlite", tmp_path / "2.sqlite"
    with Texts(None, first) as memo, render.remembering(memo):
        render.remembered("sida", "u.md", ("rubrik", [follow_up]), _made(made, "förra"))
    with Texts(first, second) as memo, render.remembering(memo):
        again = render.remembered("sida", "u.md", ("rubrik", [follow_up.model_copy()]), _made(made, "igen"))
        other = render.remembered("sida", "u.md", ("rubrik", [changed]), _made(made, "ändrad"))
    assert (again, other, made) == ("förra", "ändrad", ["förra", "ändrad"])


def test_texts_found_in_the_last_file_are_kept_in_the_new_one_as_they_were(tmp_path: Path) -> None:
    """A text found in the last build's file is kept by its key and copied over whole when the
    memo closes, also one a forked process found (it hands back the key alone), so the next
    build finds it again."""
    first, second, third = tmp_path / "1.sqlite", tmp_path / "2.sqlite", tmp_path / "3.sqlite"
    long_text = "Hälsocentralen – uppföljning\n" * 2000
    with Texts(None, first) as memo:
        memo.text("sida", ["a.md", b"vy"], lambda: long_text)
        memo.text("sida", ["b.md", b"vy"], lambda: "Sida B")
    with Texts(first, second) as memo:
        forked = memo.beside()
        assert forked.text("sida", ["b.md", b"vy"], lambda: "annan") == "Sida B"
        memo.adopt(forked.given)
        assert memo.text("sida", ["a.md", b"vy"], lambda: "annan") == long_text
    assert [text for _, text in forked.given] == [None]
    made: list[str] = []
    with Texts(second, third) as memo:
        assert memo.text("sida", ["a.md", b"vy"], _made(made, "annan")) == long_text
        assert memo.text("sida", ["b.md", b"vy"], _made(made, "annan")) == "Sida B"
    assert made == []
    assert _keys(second) == _keys(first)


def test_after_a_build_that_made_every_text_anew_the_file_is_no_larger_than_one_begun_empty(tmp_path: Path) -> None:
    """The new file begins as a copy of the last build's and drops what this build did not use.
    When a build makes every text anew (its code changed), what is left takes no more room
    than a file made from nothing: it does not grow build after build."""
    texts = {f"{i}.md": f"Sida {i} – hälsocentralen\n" * 2000 for i in range(20)}
    before, copied, empty = tmp_path / "1.sqlite", tmp_path / "2.sqlite", tmp_path / "3.sqlite"
    with Texts(None, before) as memo:
        for path, text in texts.items():
            memo.text("sida", [path, b"vy"], lambda text=text: text)
    for previous, new in ((before, copied), (None, empty)):
        with Texts(previous, new) as memo:
            for path, text in texts.items():
                memo.text("sida", [path, b"ny kod"], lambda text=text: text + "ny")
    assert _keys(copied) == _keys(empty) and len(_keys(copied)) == len(texts)
    assert copied.stat().st_size <= empty.stat().st_size


def test_a_provider_page_makes_its_key_figures_only_when_a_value_of_them_changed(tmp_path: Path, monkeypatch) -> None:
    """A provider page's key figures are part of its view by what they are made of (pages.nyckeltalsvy:
    Nyckeltalsdel): an unchanged page is taken without making them, and a changed value of a
    figure, the country's reference too, renders again every page showing that figure, as a
    build without a memo makes it; a page without that figure is taken. (The country's value is
    not in the page's summary, which would render it again by itself.)"""
    from generator import pages
    from generator.domain.catalog import Catalog
    from generator.pages import nyckeltalsvy

    made: list[tuple[str, str]] = []
    view = nyckeltalsvy.nyckeltalsvy
    monkeypatch.setattr(nyckeltalsvy, "nyckeltalsvy", lambda catalog, uid, n, org: (made.append((uid, n.id)),
                                                                                    view(catalog, uid, n, org))[1])
    catalog = pipeline.check(MINIMAL, reference_day())

    def with_value(catalog: Catalog, who: str, figure: str, value: float) -> Catalog:
        found = next(v for v in catalog.varden if (v.utforare, v.nyckeltal, v.kon) == (who, figure, "T") and v.varde)
        return catalog.replaced(varden=tuple(v.model_copy(update={"varde": value}) if v is found else v
                                             for v in catalog.varden))

    country_changed = with_value(catalog, "riket", "medicinsk-bedomning-3-dagar", 80.7)
    other_changed = with_value(country_changed, "fjallvarden", "vantetid", 4.0)  # a figure only fjallvarden shows
    pages_of, files = [], [tmp_path / f"{step}.sqlite" for step in range(4)]
    for step, shown in enumerate((catalog, catalog, country_changed, other_changed)):
        del made[:]
        with Texts(files[step - 1] if step else None, files[step]) as memo, pages.remembering(memo):
            pages_of.append(pages.provider_pages(shown, None, lambda text: text))
        made_now = sorted(made)
        assert pages_of[-1] == pages.provider_pages(shown, None, lambda text: text)  # as a build without a memo makes them
        if step == 0:
            assert made_now == [("fjallvarden", "medicinsk-bedomning-3-dagar"), ("fjallvarden", "vantetid"),
                                ("halsocentralen-centrum", "medicinsk-bedomning-3-dagar")]
        elif step == 1:
            assert made_now == []
        elif step == 2:  # the country's value is on both pages that show the figure; fjallvarden's page is made whole
            assert made_now == [("fjallvarden", "medicinsk-bedomning-3-dagar"), ("fjallvarden", "vantetid"),
                                ("halsocentralen-centrum", "medicinsk-bedomning-3-dagar")]
            assert "80,7" in pages_of[-1]["utforare/halsocentralen-centrum.md"]
        else:
            assert made_now == [("fjallvarden", "medicinsk-bedomning-3-dagar"), ("fjallvarden", "vantetid")]


def test_a_lazy_memo_gives_a_text_it_finds_by_its_hash_and_fetches_it_on_request(tmp_path: Path) -> None:
    """A rebuild's memo hands back the texts it finds as Found: staging needs only their hashes
    where the engine's input folder holds them already, and fetches the text where it does not."""
    first, second = tmp_path / "1.sqlite", tmp_path / "2.sqlite"
    with Texts(None, first) as memo:
        memo.text("sida", ["a.md", b"vy"], lambda: "Sidan – med ett tankstreck")
    made: list[str] = []
    with Texts(first, second, lazy=True) as memo:
        found = memo.text("sida", ["a.md", b"vy"], _made(made, "annan"))
        again = memo.text("sida", ["b.md", b"vy"], _made(made, "Sida B"))
    assert made == ["Sida B"] and again == "Sida B" and not isinstance(again, Found)
    assert isinstance(found, Found) and found != "" and found != Found("annan nyckel", found.sha256, first)
    assert found.sha256 == hashlib.sha256("Sidan – med ett tankstreck".encode()).hexdigest()
    assert found.text() == "Sidan – med ett tankstreck"
    assert pickle.loads(pickle.dumps(found)) == found  # crosses from the provider pages' process
    assert _keys(first) < _keys(second) and len(_keys(second) - _keys(first)) == 1  # the found one kept, b.md added


def test_a_found_text_that_is_no_longer_as_it_was_found_stops_the_build(tmp_path: Path) -> None:
    """A text found in the last build's file must come back as it was found, never another."""
    first = tmp_path / "1.sqlite"
    with Texts(None, first) as memo:
        memo.text("sida", ["a.md", b"vy"], lambda: "Sida")
    with Texts(first, tmp_path / "2.sqlite", lazy=True) as memo:
        found = memo.text("sida", ["a.md", b"vy"], lambda: "annan")
    assert isinstance(found, Found)
    with sqlite3.connect(first) as db:
        db.execute("UPDATE texter SET text = 'Ändrad'")
    with pytest.raises(OSError):
        found.text()
    first.unlink()
    with pytest.raises(OSError):
        list(texts_of([found]))


def test_a_corrected_summary_renders_again_only_the_pages_that_show_it(tmp_path: Path, monkeypatch) -> None:
    """The edit staff make most: a follow-up's summary corrected. Rows, lists, goal, contract,
    provider and comparison pages hold the follow-up without it (rader.Uppfoljningsutdrag), so
    a rebuild renders again only the follow-up's own page and takes the others from the last
    build; the pages are those a build without a memo makes."""
    catalog, register = pipeline.compare(pipeline.check(MINIMAL, reference_day()), None, reference_day())
    uppfoljning_id, u = next((i, u) for i, u in sorted(catalog.uppfoljningar.items())
                             if u.sammanfattning and u.publik and "sammanfattning" not in u.sekretess)
    corrected = catalog.replaced(uppfoljningar={**catalog.uppfoljningar, uppfoljning_id: u.model_copy(
        update={"sammanfattning": "Rättad. " + u.sammanfattning})})
    rendered: list[str] = []
    real = render._rendered
    monkeypatch.setattr(render, "_rendered", lambda doc_path, *args: (rendered.append(doc_path), real(doc_path, *args))[1])
    first, second = tmp_path / "1.sqlite", tmp_path / "2.sqlite"
    with Texts(None, first) as memo:
        pipeline.page_sources(catalog, catalog.publicering.webbadress, register, memo)
    assert len(rendered) > 20  # every page, the lists, goals and comparisons among them
    del rendered[:]
    with Texts(first, second) as memo:
        again = pipeline.page_sources(corrected, corrected.publicering.webbadress, register, memo)
    assert rendered == [f"uppfoljningar/{uppfoljning_id}.md"]
    assert again == pipeline.page_sources(corrected, corrected.publicering.webbadress, register)
    assert "Rättad. " in again[f"uppfoljningar/{uppfoljning_id}.md"]


def test_a_row_that_many_views_share_stands_in_each_as_the_hash_of_its_values(tmp_path: Path) -> None:
    """A follow-up's row is on its contract's, provider's and goals' pages and in the lists:
    pickled once (render.shared_row), it stands in each view as a hash, which an equal row
    gives too and a row with any value changed does not."""
    import dataclasses

    from generator.pages import rader

    catalog = pipeline.check(MINIMAL, reference_day())
    uppfoljning_id = sorted(catalog.uppfoljningar)[0]
    with Texts(None, tmp_path / "1.sqlite") as memo, render.remembering(memo), rader.shared(catalog):
        row = rader.uppfoljningsrad(catalog, uppfoljning_id)
        key = render._pickled(("vy", row))
        assert render._pickled(("vy", dataclasses.replace(row))) == key  # an equal row, another object
        assert render._pickled(("vy", dataclasses.replace(row, brister=row.brister + 1))) != key
        assert render._pickled(("vy", dataclasses.replace(row, u=row.u.model_copy(update={"status": "installd"})))) != key
        whole = pickle.dumps(dataclasses.astuple(row))
        assert len(key) < 150 < len(whole)
