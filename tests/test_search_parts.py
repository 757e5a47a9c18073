"""The search index is built in parts and merged: a reader finds what one Pagefind run finds.

Each test decodes the index as the browser's Pagefind does (pages, words with their
positions, spelling variants, filters, fragments) and compares with Pagefind's own index of
the whole site, built by the real binary.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pagefind_bin import get_executable  # type: ignore[import-untyped]

from generator import pipeline, writers
from generator.memo import Memo
from generator.problems import BuildError
from generator.settings import BuildSettings, reference_day
from generator.site import incremental, search, split, tree
from generator.site.search import FOLDER, bundle, merge, runs, shards
from tests.support.build import CONTENT, MINIMAL, handwritten_pages
from tests.support.files import snapshot


def _meaning(folder: Path) -> dict[str, Any]:
    """What a reader's browser gets out of a bundle, with pages named by their fragments."""
    entry = json.loads((folder / bundle.ENTRY).read_text(encoding="utf-8"))
    about = entry["languages"]["sv"]
    meta = bundle.read(folder / f"pagefind.{about['hash']}.pf_meta")
    names = [name for name, _ in meta[bundle.PAGES]]
    fields = meta[bundle.META_FIELDS]

    def pages(packed: list[Any]) -> dict[str, tuple[tuple[int, ...], tuple[Any, ...]]]:
        found, number = {}, 0
        for page in packed:
            number += page[0]
            meta_locs = tuple(fields[-loc - 1] if loc < 0 else loc for loc in page[2])
            found[names[number]] = (tuple(page[1]), meta_locs)
        return found

    words = {}
    for _, _, chunk in meta[bundle.CHUNKS]:
        for word, packed, variants in bundle.read(folder / "index" / f"{chunk}.pf_index")[0]:
            words[word] = (pages(packed), {form: pages(more) for form, more in variants})
    filters = {}
    for _, name in meta[bundle.FILTERS]:
        key, values = bundle.read(folder / "filter" / f"{name}.pf_filter")
        filters[key] = {value: sorted(names[page] for page in numbers) for value, numbers in values}
    fragments = {name: gzip.decompress((folder / "fragment" / f"{name}.pf_fragment").read_bytes()) for name in names}
    return {"page_count": about["page_count"], "pages": sorted(map(tuple, meta[bundle.PAGES])), "fields": fields,
            "chunks": [(first, last) for first, last, _ in meta[bundle.CHUNKS]], "words": words,
            "filters": filters, "fragments": fragments}


def _whole(site: Path, out: Path) -> Path:
    """Pagefind's own index of the whole site, in one run."""
    subprocess.run([get_executable(), "--site", str(site), "--output-path", str(out), "--force-language", "sv",
                    "--quiet"], check=True, capture_output=True)
    return out


def _in_parts(site: Path, work: Path, per_part: int) -> tuple[list[shards.Part], Path]:
    parts = shards.plan(site, FOLDER, per_part)
    folders = shards.index(site, parts, None, work / "delar", work / "sidor")
    merge.merge(folders, work / "index")
    return parts, work / "index"


def test_the_parts_merged_hold_what_one_pagefind_run_holds(example_site: Path, tmp_path: Path) -> None:
    parts, merged = _in_parts(example_site, tmp_path / "delat", per_part=40)
    assert len(parts) >= 6, "the example must be split into several parts for this test to mean anything"
    whole = _meaning(_whole(example_site, tmp_path / "helt"))
    assert whole["page_count"] > 300 and whole["filters"]["kommun"]
    assert "hälsocentral" in whole["words"]["halsocentral"][1], "a word is kept with its Swedish spelling"
    assert _meaning(merged) == whole


def test_the_merged_index_depends_only_on_the_pages_and_how_the_plan_splits_them(example_site: Path,
                                                                                 tmp_path: Path) -> None:
    # Pages are numbered part by part, so the bytes follow the plan, which follows the pages alone
    # and which of them are hand-written.
    parts = shards.plan(example_site, FOLDER, apart=handwritten_pages())
    folders = shards.index(example_site, parts, None, tmp_path / "delar", tmp_path / "sidor")
    assert len(folders) > 1
    merge.merge(folders, tmp_path / "en")
    assert snapshot(tmp_path / "en") == snapshot(example_site / FOLDER), "the published index is this merge"
    # Each part's words were encoded when it was indexed (site.search.runs); encoded anew from
    # Pagefind's own chunks they give the same index.
    for folder in folders:
        assert (folder / runs.FILE).is_file()
        (folder / runs.FILE).unlink()
    merge.merge(folders, tmp_path / "anew")
    assert snapshot(tmp_path / "anew") == snapshot(tmp_path / "en")


def test_the_hand_written_pages_have_parts_of_their_own(example_site: Path) -> None:
    """No generated page shares a part with a hand-written one (rendered again after the
    writers), so every generated page can be indexed while the build waits for them."""
    handwritten = handwritten_pages()
    mixed = [part for part in shards.plan(example_site, FOLDER) if handwritten & set(part.pages) < set(part.pages)
             and handwritten & set(part.pages)]
    assert mixed, "without `apart` a hand-written page shares a part: the test proves nothing"
    parts = shards.plan(example_site, FOLDER, apart=handwritten)
    assert all(set(part.pages) <= handwritten or not handwritten & set(part.pages) for part in parts)
    assert {page for part in parts for page in part.pages} == {page for part in shards.plan(example_site, FOLDER)
                                                                for page in part.pages}


def test_a_full_build_indexes_only_the_hand_written_pages_after_its_writers(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The generated pages (the lists, goals and reports among them) are all indexed while the
    build waits for its writers, by the search index's second process; after the writers only
    the hand-written pages are (national: the part they shared took Pagefind 1 s there)."""
    noted, run = tmp_path / "korningar.jsonl", shards._run

    def running(part: shards.Part, into: Path, work: Path) -> None:
        with noted.open("a", encoding="utf-8") as log:
            log.write(json.dumps([os.getpid(), part.pages]) + "\n")
        run(part, into, work)

    monkeypatch.setattr(shards, "_run", running)
    pipeline.build(BuildSettings(data_dir=MINIMAL, out_dir=tmp_path / "site", content_dir=CONTENT,
                                 idag=reference_day()))
    runs_of = [json.loads(line) for line in noted.read_text(encoding="utf-8").splitlines()]
    after = {page for pid, pages in runs_of if pid == os.getpid() for page in pages}
    assert after and after <= handwritten_pages()
    assert any(pid != os.getpid() for pid, _ in runs_of)


def test_pagefind_runs_one_at_a_time_until_the_writers_are_over_then_two(example_site: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The search index's second process indexes one part at a time while the writers lay out
    reports (a second run beside a large layout made the national peak), and two at a time as
    soon as the build has seen them end (`wide`, asked again while a run waits)."""
    over, lock = threading.Event(), threading.Lock()
    running, seen = [0], []

    def run(part: shards.Part, into: Path, work: Path) -> None:
        with lock:
            running[0] += 1
            seen.append((over.is_set(), running[0]))
            if len(seen) == 2:
                over.set()  # the writers end while the second part is indexed
        time.sleep(0.2)
        with lock:
            running[0] -= 1

    monkeypatch.setattr(shards, "_run", run)
    parts = shards.plan(example_site, FOLDER, per_part=40)
    assert len(parts) >= 6
    shards.index(example_site, parts, None, tmp_path / "delar", tmp_path / "sidor", over.is_set)
    assert len(seen) == len(parts)
    assert all(at_once == 1 for was_over, at_once in seen if not was_over)
    assert any(at_once == 2 for was_over, at_once in seen if was_over)


def test_fragments_linked_by_a_process_of_their_own_give_the_same_index(example_site: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A national index's 11,500 fragments are linked by a second process while the words are
    merged (merge.LINKED_BESIDE): every one of them is there when the merge returns."""
    parts = shards.plan(example_site, FOLDER)
    folders = shards.index(example_site, parts, None, tmp_path / "delar", tmp_path / "sidor")
    monkeypatch.setattr(merge, "LINKED_BESIDE", 10**9)
    merge.merge(folders, tmp_path / "har")
    monkeypatch.setattr(merge, "LINKED_BESIDE", 1)
    merge.merge(folders, tmp_path / "bredvid")
    assert snapshot(tmp_path / "bredvid") == snapshot(tmp_path / "har")
    assert len(list((tmp_path / "bredvid" / "fragment").iterdir())) == _meaning(tmp_path / "har")["page_count"]


def test_word_chunks_packed_before_are_the_memos_files_and_a_damaged_one_is_packed_again(
        example_site: Path, tmp_path: Path) -> None:
    """A rebuild takes the word chunks the last build packed from the memo and links them into
    the index (bundle.packed_with); a kept chunk that does not unpack to its words (a file cut
    short) is packed again, so a reader gets the index a merge without a memo gives."""
    parts = shards.plan(example_site, FOLDER)
    folders = shards.index(example_site, parts, None, tmp_path / "delar", tmp_path / "sidor")
    merge.merge(folders, tmp_path / "utan")
    merge.merge(folders, tmp_path / "forst", Memo(None, tmp_path / "minne-1"))
    kept = sorted((tmp_path / "minne-1").iterdir())
    assert len(kept) == len(list((tmp_path / "utan" / "index").iterdir())) > 1
    (tmp_path / "kort").write_bytes(kept[0].read_bytes()[:-8])
    os.replace(tmp_path / "kort", kept[0])  # the memo's files are replaced, never written into
    merge.merge(folders, tmp_path / "sedan", Memo(tmp_path / "minne-1", tmp_path / "minne-2"))
    assert snapshot(tmp_path / "sedan") == snapshot(tmp_path / "utan")
    memo = list((tmp_path / "minne-2").iterdir())
    linked = [chunk for chunk in (tmp_path / "sedan" / "index").iterdir()
              if any(os.path.samefile(chunk, file) for file in memo)]
    assert len(linked) == len(kept) - 1


def test_two_pages_whose_names_collide_both_stay_findable(example_site: Path, tmp_path: Path) -> None:
    parts = shards.plan(example_site, FOLDER, per_part=160)
    folders = shards.index(example_site, parts, None, tmp_path / "delar", tmp_path / "sidor")
    assert len(folders) >= 2
    # Give the second part's first page the name of the first part's first page, as if their
    # hashes began alike: both are separate pages with different content.
    first = bundle.read(next(folders[0].glob("pagefind.*.pf_meta")))[bundle.PAGES][0][0]
    meta_path = next(folders[1].glob("pagefind.*.pf_meta"))
    meta = bundle.read(meta_path)
    renamed = meta[bundle.PAGES][0][0]
    payload = bundle.fragment_payload(folders[1] / "fragment" / f"{renamed}.pf_fragment")
    (folders[1] / "fragment" / f"{renamed}.pf_fragment").rename(folders[1] / "fragment" / f"{first}.pf_fragment")
    meta[bundle.PAGES][0][0] = first
    meta_path.unlink()
    entry = json.loads((folders[1] / bundle.ENTRY).read_text(encoding="utf-8"))
    entry["languages"]["sv"]["hash"] = bundle.write(folders[1], "pagefind.sv", ".pf_meta", 10, meta).removeprefix(
        "pagefind.")
    (folders[1] / bundle.ENTRY).write_text(json.dumps(entry), encoding="utf-8")
    merge.merge(folders, tmp_path / "index")

    found = _meaning(tmp_path / "index")
    longer = "sv_" + bundle.pagefind_hash(payload)[:8]
    assert found["page_count"] == _meaning(example_site / FOLDER)["page_count"]
    assert found["fragments"][longer][len(bundle.MAGIC):] == payload
    assert first in found["fragments"] and found["fragments"][first][len(bundle.MAGIC):] != payload
    url = json.loads(payload)["url"]
    words_of_page = [word for word, (pages, _) in found["words"].items() if longer in pages]
    assert words_of_page, f"the renamed page ({url}) can still be found by its words"


def _build(data: Path, out: Path) -> None:
    settings = BuildSettings(data_dir=data, out_dir=out, content_dir=CONTENT, idag=reference_day(), show_progress=False)
    pipeline.build(settings)


def _log_runs(monkeypatch: pytest.MonkeyPatch, log: Path) -> Callable[[], list[dict[str, Any]]]:
    """Every Pagefind run of a part (when it began and ended) and every index made ahead, in the
    order they ended, also those in the second process that search.ahead starts (hence a
    file, not a list)."""

    def write(entry: dict[str, Any]) -> None:
        with log.open("a", encoding="utf-8") as out:
            out.write(json.dumps({**entry, "pid": os.getpid()}) + "\n")

    run, real_ahead = shards._run, search.index_ahead

    def run_logged(part: shards.Part, into: Path, work: Path) -> None:
        start = time.monotonic()
        run(part, into, work)
        write({"key": part.key, "pages": part.pages, "start": start, "end": time.monotonic()})

    def ahead_logged(*args: Any, **kwargs: Any) -> int:
        made = real_ahead(*args, **kwargs)
        write({"ahead": made, "wide": args[-1]()})  # whether two runs could run at once by its end
        return made

    monkeypatch.setattr(shards, "_run", run_logged)
    monkeypatch.setattr(search, "index_ahead", ahead_logged)

    def taken() -> list[dict[str, Any]]:
        entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []
        log.unlink(missing_ok=True)
        return entries

    return taken


def test_a_rebuild_indexes_again_only_the_parts_whose_pages_changed(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shards, "PAGES_PER_PART", 3)
    logged = _log_runs(monkeypatch, tmp_path / "runs.jsonl")
    data, out = tmp_path / "data", tmp_path / "ut" / "site"
    shutil.copytree(MINIMAL, data)
    _build(data, out)
    every = len([entry for entry in logged() if "key" in entry])
    assert every >= 5
    assert len(list((incremental.cache_dir(out) / "sokindex").iterdir())) == every, "the parts are kept beside the site"

    path = data / "uppfoljningar/2025/vb-centrum-2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Enheten uppfyller kraven.", "Enheten uppfyller nu kraven."),
                    encoding="utf-8")
    _build(data, out)
    indexed = [entry for entry in logged() if "key" in entry]
    assert 0 < len(indexed) < every / 2, f"{len(indexed)} of {every} parts indexed again after one edit"
    assert any(entry["pid"] != os.getpid() for entry in indexed), \
        "the changed generated pages' parts are indexed in a second process while the build finishes the others"
    assert len(list((incremental.cache_dir(out) / "sokindex").iterdir())) == every, "only the parts in use are kept"

    fresh = tmp_path / "helt" / "site"
    _build(data, fresh)
    assert snapshot(out / FOLDER) == snapshot(fresh / FOLDER)
    assert any(b"uppfyller nu kraven" in fragment for fragment in _meaning(out / FOLDER)["fragments"].values())


def _page(title: str, body: str, extra: str = "") -> str:
    return (f'<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body><nav>Meny som inte ska sökas</nav><main data-pagefind-body {extra}><h1>{title}</h1>{body}</main>'
            '</body></html>')


def test_meta_fields_filters_and_spelling_variants_survive_the_merge(tmp_path: Path) -> None:
    # Parts that differ in which meta fields and filters their pages have, words spelt with and
    # without diacritics, a word on many pages: each split must give what one run gives.
    site = tmp_path / "webb"
    pages = {
        "index.html": _page("Start", "<p>Café och cafe i Östersund.</p>"),
        "a/index.html": _page("Alfa", "<p>Hälsocentral i Åre.</p><p data-pagefind-filter='kommun'>Åre</p>",
                              'data-pagefind-meta="ansvarig:Kim"'),
        "b/index.html": _page("Beta", "<p>Hälsocentralen i Östersund, café.</p>"
                              "<p data-pagefind-filter='kommun'>Östersund</p><p data-pagefind-filter='drift'>privat</p>"),
        "c/index.html": _page("Gamma", "<p>Halsocentral utan prickar.</p>", 'data-pagefind-meta="bild:/c.png"'),
        "d/index.html": _page("Delta", "<p>Tandvård för barn i Berg.</p><p data-pagefind-filter='kommun'>Berg</p>"),
        "e/index.html": _page("Epsilon", "<p>Fotvård och café.</p>", 'data-pagefind-meta="ansvarig:Alex"'),
        "404.html": "<!doctype html><html lang='sv'><head><title>Fel</title></head><body>Sidan finns inte.</body></html>",
    }
    for rel, text in pages.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    whole = _meaning(_whole(site, tmp_path / "helt"))
    assert whole["page_count"] == 6, "the page without data-pagefind-body is left out"
    assert set(whole["fields"]) >= {"ansvarig", "bild", "title"}
    assert set(whole["filters"]) == {"kommun", "drift"}
    assert "café" in whole["words"]["caf"][1], "café is kept as a variant of the stem caf"
    for per_part in (1, 2, 3):
        parts, merged = _in_parts(site, tmp_path / f"delar-{per_part}", per_part)
        assert len(parts) > 1
        assert _meaning(merged) == whole, f"{len(parts)} delar"


def test_a_page_that_sorts_the_hits_stops_the_build_with_a_hint(tmp_path: Path) -> None:
    site = tmp_path / "webb"
    site.mkdir()
    (site / "index.html").write_text(_page("Start", "<p data-pagefind-sort='datum'>2026</p>"), encoding="utf-8")
    with pytest.raises(BuildError) as failure:
        _in_parts(site, tmp_path / "delar", 10)
    assert failure.value.code == "search-index-missing" and "content/" in failure.value.hint


def test_a_damaged_part_in_the_cache_only_makes_the_build_slower(tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "ut" / "site"
    shutil.copytree(MINIMAL, data)
    _build(data, out)
    published = snapshot(out / FOLDER)
    for chunk in (incremental.cache_dir(out) / "sokindex").glob("*/index/*.pf_index"):
        chunk.write_bytes(chunk.read_bytes()[:20])  # cut short, as a full disk or a bad sector might
    _build(data, out)
    assert snapshot(out / FOLDER) == published
    assert _meaning(out / FOLDER)["words"], "the index was made anew"


def test_a_folder_of_content_named_as_the_index_stops_the_build(dataset: Path, tmp_path: Path) -> None:
    # Its files would be mixed with the index's and replaced by them in the published site.
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / FOLDER).mkdir()
    (content / FOLDER / "pagefind.js").write_text("// personalens egen fil\n", encoding="utf-8")
    settings = BuildSettings(data_dir=dataset, out_dir=tmp_path / "site", content_dir=content, idag=reference_day(),
                             show_progress=False)
    with pytest.raises(BuildError) as failure:
        pipeline.build(settings)
    assert failure.value.code == "page-name-clash" and "content/pagefind/" in failure.value.message
    assert (content / FOLDER / "pagefind.js").read_text(encoding="utf-8") == "// personalens egen fil\n"
    assert not (tmp_path / "site").exists()


def test_the_build_plans_the_parts_from_what_post_processing_learnt(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # Every page was read, hashed and parsed once already; planning the parts reads none again.
    read_again: list[object] = []
    real = shards.searchable
    monkeypatch.setattr(shards, "searchable", lambda tree: (read_again.append(tree), real(tree))[1])
    _build(MINIMAL, tmp_path / "site")
    assert (tmp_path / "site" / FOLDER / bundle.ENTRY).is_file()
    assert read_again == []
    shards.plan(tmp_path / "site", FOLDER)
    assert read_again, "without what post-processing learnt, the pages are read"


def test_the_built_site_is_listed_once_before_the_search_made_ahead_and_once_after_the_writers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A national site is 26,000 files: the generated pages' pass and the search index made
    # ahead (in a process of its own) share one listing of the built site, the hand-written
    # pages' pass, the link check and the parts' final plan another. Listed in a file: the
    # second process's listing counts too.
    log = tmp_path / "listed.txt"
    real = tree.files

    def files(root: Path, links: set[str] | None = None) -> set[str]:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{Path(root).name}\n")
        return real(root, links)

    monkeypatch.setattr(tree, "files", files)
    _build(MINIMAL, tmp_path / "ut" / "site")
    assert (tmp_path / "ut" / "site" / FOLDER / bundle.ENTRY).is_file()
    listed = log.read_text(encoding="utf-8").split()
    assert listed.count("site") == 2, listed


def test_parts_indexed_while_the_writers_work_are_taken_by_the_final_index(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # A full build indexes the generated pages' parts early (search.index_ahead); the index
    # after the hand-written pages indexes only what is left, and the result is the same.
    monkeypatch.setattr(shards, "PAGES_PER_PART", 3)
    logged = _log_runs(monkeypatch, tmp_path / "runs.jsonl")
    with monkeypatch.context() as writing:
        writing.setattr(writers.Writers, "done", lambda self: False)  # as at national size: still laying out
        writing.setattr(writers.Writers, "over", lambda self: False)
        _build(MINIMAL, tmp_path / "med" / "site")
    entries = logged()
    ahead = [entry["ahead"] for entry in entries if "ahead" in entry]
    runs = [(entry["key"], tuple(entry["pages"])) for entry in entries if "key" in entry]
    assert ahead and ahead[0] >= 3, "most parts are indexed while the writers work"
    keys = [key for key, _ in runs]
    assert len(keys) == len(set(keys)), "no part is indexed twice"
    spans = sorted((entry["start"], entry["end"]) for entry in entries[:ahead[0]])
    assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:], strict=False)), \
        "one Pagefind run at a time beside the writers' report layouts"
    assert [entry["wide"] for entry in entries if "ahead" in entry] == [False]
    handwritten = {incremental.html_path(md.relative_to(CONTENT).as_posix()) for md in CONTENT.rglob("*.md")}
    later = runs[ahead[0]:]
    assert later and all(handwritten & set(pages) for _, pages in later), "after the writers: only parts with hand-written pages"
    kept = {folder.name for folder in (incremental.cache_dir(tmp_path / "med" / "site") / "sokindex").iterdir()}
    assert kept == set(keys)

    with monkeypatch.context() as written:
        written.setattr(writers.Writers, "done", lambda self: True)  # done first: both cores for the index
        _build(MINIMAL, tmp_path / "klara" / "site")
    assert [entry["wide"] for entry in logged() if "ahead" in entry] == [True]

    monkeypatch.setattr(search, "index_ahead", lambda *args, **kwargs: 0)
    _build(MINIMAL, tmp_path / "utan" / "site")
    assert snapshot(tmp_path / "med" / "site" / FOLDER) == snapshot(tmp_path / "utan" / "site" / FOLDER)


def _log_merges(monkeypatch: pytest.MonkeyPatch, log: Path) -> Callable[[], list[bool]]:
    """Whether each merge of the index was made in this process (the build's own) or in another
    (the second process search.ahead starts), in the order they ended."""
    real = merge.merge

    def logged(folders: Any, out: Path, memo: Memo | None = None) -> None:
        real(folders, out, memo)
        with log.open("a", encoding="utf-8") as written:
            written.write(json.dumps({"pid": os.getpid()}) + "\n")

    monkeypatch.setattr(merge, "merge", logged)

    def taken() -> list[bool]:
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        log.unlink(missing_ok=True)
        return [json.loads(line)["pid"] == os.getpid() for line in lines]

    return taken


def test_a_rebuild_merges_its_index_while_it_waits_for_the_writers(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """After an edit the index is merged in the second process, before the build's last stage
    (search.merge_ahead), and it is the index a full build of the same data publishes."""
    monkeypatch.setattr(shards, "PAGES_PER_PART", 3)
    monkeypatch.setattr(merge, "LINKED_BESIDE", 1)  # as at national size: the pages' fragments linked beside
    merges = _log_merges(monkeypatch, tmp_path / "merges.jsonl")
    data, out = tmp_path / "data", tmp_path / "ut" / "site"
    shutil.copytree(MINIMAL, data)
    _build(data, out)
    assert merges() == [True], "a full build merges at the end: nothing is known of its hand-written pages"

    path = data / "uppfoljningar/2025/vb-centrum-2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Enheten uppfyller kraven.", "Enheten uppfyller nu kraven."),
                    encoding="utf-8")
    _build(data, out)
    assert merges() == [False], "merged once, ahead, and taken as it was"
    _build(data, tmp_path / "ny" / "site")
    assert snapshot(out / FOLDER) == snapshot(tmp_path / "ny" / "site" / FOLDER)


def test_an_index_merged_ahead_on_a_guess_that_did_not_hold_is_not_published(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A hand-written page came out otherwise than in the last build (here: made so after the
    engine): the index merged ahead was merged from its old text, so the build merges again at
    the end, and the reader finds the page's new words."""
    monkeypatch.setattr(shards, "PAGES_PER_PART", 3)
    merges = _log_merges(monkeypatch, tmp_path / "merges.jsonl")
    out = tmp_path / "ut" / "site"
    _build(MINIMAL, out)
    merges()
    real_rebuild = split.rebuild

    def rebuilt_otherwise(engine: Any, docs: Path, built: Path, *rest: Any) -> None:
        real_rebuild(engine, docs, built, *rest)
        page = built / "om" / "programmet" / "index.html"
        page.write_text(page.read_text(encoding="utf-8").replace(
            "<div data-pagefind-body>", "<div data-pagefind-body><p>Lingonriset blommar i juni.</p>", 1), encoding="utf-8")

    monkeypatch.setattr(incremental, "handwritten", lambda *args: None)  # the hand-written pages built again
    monkeypatch.setattr(split, "rebuild", rebuilt_otherwise)
    _build(MINIMAL, out)
    assert merges() == [False, True], "merged ahead on the old page, then again by the build"
    assert any(word.startswith("lingonris") for word in _meaning(out / FOLDER)["words"])


def test_parts_made_ahead_on_a_plan_that_did_not_hold_are_not_kept(example_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(example_site, site)
    shutil.rmtree(site / FOLDER)
    scratch = tmp_path / "scratch"
    stale = scratch / "sokindex" / "en-gammal-del"
    stale.mkdir(parents=True)
    search.index(site, scratch, None, apart=handwritten_pages())
    assert not stale.exists()
    assert snapshot(site / FOLDER) == snapshot(example_site / FOLDER)


def test_word_chunks_packed_before_are_taken_from_the_memo_and_a_damaged_one_is_packed_again(
        example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild's merge finds the word chunks it packed before in the build's memo of files,
    and the index is the bytes of one packed from scratch; a kept chunk that is no longer
    whole is packed again, never published."""
    parts = shards.plan(example_site, FOLDER, apart=handwritten_pages())
    folders = shards.index(example_site, parts, None, tmp_path / "delar", tmp_path / "sidor")
    packed: list[bytes] = []
    real_pack = bundle.pack
    monkeypatch.setattr(bundle, "pack", lambda encoded: packed.append(encoded) or real_pack(encoded))
    merge.merge(folders, tmp_path / "forsta", Memo(None, tmp_path / "minne1"))
    chunks, every = len(list((tmp_path / "forsta" / "index").iterdir())), len(packed)  # and the filters, the metadata
    assert chunks > 1 and every > chunks
    assert snapshot(tmp_path / "forsta") == snapshot(example_site / FOLDER)

    packed.clear()
    merge.merge(folders, tmp_path / "andra", Memo(tmp_path / "minne1", tmp_path / "minne2"))
    assert len(packed) == every - chunks
    assert snapshot(tmp_path / "andra") == snapshot(example_site / FOLDER)

    damaged = sorted((tmp_path / "minne2").iterdir())[0]
    damaged.write_bytes(damaged.read_bytes()[:-9] + b"trasig!!!")
    packed.clear()
    merge.merge(folders, tmp_path / "tredje", Memo(tmp_path / "minne2", tmp_path / "minne3"))
    assert len(packed) == every - chunks + 1
    assert snapshot(tmp_path / "tredje") == snapshot(example_site / FOLDER)
