"""The whole build, every stage in order, each with its progress line.

1. load: read data/ into records (generator.load);
2. validate: check them against the data contract and build the Catalog, the secrecy
   boundary (generator.validate); raises DataError with every problem, before anything
   is written;
   then compare with the previous publication (`--previous`): the change record and the
   true "uppdaterad" date (generator.andringar); an unreadable previous package stops here;
3. render page sources: the Catalog as Markdown pages (generator.pages, pure; a page whose
   view is as in the last build comes from its sources, pages.remembering), staged with
   content/ and the theme assets into the engine's input folder (site.stage; in a forked
   process of its own in a first build at scale, whose memory goes when it ends), and compared
   with the record of the last build beside the site: only what changed goes to the engine
   (site.incremental);
4. write open data and the reports, in two processes of their own that take turns at the
   jobs (the package, the workbooks, each report) while stages 3 and 5 run
   (generator.writers): the data package, zip, workbook, CSVs and DCAT (generator.opendata),
   the package read back and checked with Frictionless by whichever writer is free once it
   is written (their last job); the nämnds' reports as PDF, DOCX and PPTX
   (generator.rapport); the slow files come from the memo when their inputs are as before
   (generator.memo); then they are added to the engine's input and the site (site.stage);
5. build the site with the engine (site.engine, MkDocs today), at the data's date
   (site.clock), over two processes for a large site (site.split); the hand-written
   Markdown pages once more when the files they may link to are in place;
6. post-process: link check, tidy, security policy, each rendered page parsed once, over
   every core (site.postprocess: site.linkcheck, site.tidy, site.csp); the generated pages
   are finished as soon as the engine has built them, while the writers of stage 4 are still
   at work; pages reused from the last build bring what was learnt from them;
7. search index: Pagefind, from the finished pages, in parts that a rebuild takes from the
   last build where their pages are as before, merged into one index (site.search); the
   parts of the generated pages are indexed in a second process while the writers of stage
   4 work and the hand-written pages are finished (search.ahead);
8. verify: the finished folder has everything a site needs (site.verify);
9. publish: mark the folder as Insyn's and swap it in for the previous site (site.ownership,
   site.publish); then record the build for the next one (site.incremental), keep the site
   it replaced in the cache, for the next rebuild to start from (site.kept), and set the
   scratch folder aside there: the next build removes it while it reads (site.aside).

Before anything is read, and again just before the swap, `--out` is checked: Insyn replaces
only a folder it made itself, or an empty or missing one (site.ownership). Stages 3–8 write
only into a scratch folder beside the output, under a lock; any failure or interruption
before stage 9 leaves the previous site byte-identical. Every OSError becomes a Swedish
BuildError.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from generator import andringar, pages, writers
from generator import rapport as rapporter
from generator.domain.catalog import Catalog
from generator.load import load_dataset
from generator.load.remembered import Remembered
from generator.pages import theme
from generator.problems import oserror
from generator.progress import Progress
from generator.settings import BuildSettings
from generator.site import (
    aside,
    clock,
    config,
    heap,
    incremental,
    kept,
    ownership,
    parallel,
    postprocess,
    publish,
    published,
    search,
    split,
    stage,
    stopping,
    tree,
    verify,
)
from generator.site.engine import Engine, MkDocs
from generator.site.packed import Packed, pack
from generator.textmemo import Found, Given, Texts
from generator.validate import validate


def check(data_dir: Path, idag: dt.date) -> Catalog:
    """Load and validate; raises DataError with every problem."""
    with heap.no_collection():
        return validate(load_dataset(data_dir), idag)


def check_dated(data_dir: Path, idag: dt.date) -> Catalog:
    """`check`, the catalog dated as a build without a previous publication dates it: the newest
    of `publicering.uppdaterad` and the newest public date in the data (andringar.with_true_date).
    What `insyn rapport` and `insyn forhandsgranska` write then says the date the site and the
    open data say, not an older hand-typed one."""
    catalog = check(data_dir, idag)
    return andringar.with_true_date(catalog, andringar.register_for(catalog, None, idag))


def summary(catalog: Catalog) -> str:
    hidden = sum(catalog.dolda.values())
    parts = [
        f"{len(catalog.utforare)} utförare",
        f"{len(catalog.avtal)} avtal",
        f"{len(catalog.uppfoljningar) + hidden} uppföljningar ({hidden} ej publika)",
        f"{len(catalog.planer)} uppföljningsplaner",
        f"{len(catalog.nyckeltal)} nyckeltal med {len(catalog.varden)} värden",
        f"{len(catalog.omraden)} verksamhetsområden",
        f"{len(catalog.kommuner)} kommuner",
    ]
    return f"{catalog.region.namn}: " + ", ".join(parts) + "."


@contextmanager
def _os_errors_in_swedish() -> Iterator[None]:
    """Any OSError, at any stage, becomes a BuildError with a Swedish message (exit 1, no traceback)."""
    try:
        yield
    except OSError as error:
        raise oserror.as_build_error(error) from None


def compare(catalog: Catalog, previous: str | None, idag: dt.date) -> tuple[Catalog, andringar.Andringsregister]:
    """The change record against the previous publication, and the catalog with its true date."""
    register = andringar.register_for(catalog, previous, idag)
    return andringar.with_true_date(catalog, register), register


def page_sources(catalog: Catalog, site_url: str | None, register: andringar.Andringsregister,
                 memo: Texts | None = None) -> dict[str, str]:
    """Every generated page's source, pure: the golden files are checked against these. A page
    whose view is as in the last build comes from `memo` (pages.remembering)."""
    return _page_sources(catalog, site_url, register, memo, _text)


def page_sources_utf8(catalog: Catalog, site_url: str | None, register: andringar.Andringsregister,
                      memo: Texts | None) -> dict[str, bytes | Found]:
    """`page_sources` as their files hold them (UTF-8), encoded as they are made: as strings most
    take two bytes a character (an en dash is enough), and the national build held 296 MB of
    them beside a report's layout, its peak. A page a lazy memo found stays Found: staging
    needs only its hash where the last build's file holds it. A first build at scale calls
    this in a forked process of its own (_apart), a rebuild in the build's process."""
    return _page_sources(catalog, site_url, register, memo, _utf8)


def _text(text: str) -> str:
    return text.text() if isinstance(text, Found) else text


def _utf8(text: str) -> bytes | Found:
    return text if isinstance(text, Found) else text.encode("utf-8")


def _packed(text: str) -> bytes:
    return pack(_text(text))


T = TypeVar("T")  # how _page_sources keeps each page's text


def _page_sources(catalog: Catalog, site_url: str | None, register: andringar.Andringsregister,
                  memo: Texts | None, keep: Callable[[str], T]) -> dict[str, T]:
    """The one way the pages are made, each text as `keep` makes it (pages.render_all_kept).

    In a rebuild (the last build's page sources are there) the provider pages and the
    reports' are made in a forked process while this one makes the others, and their texts
    come back with the memo's entries for them (textmemo.Given): at national size they are
    half the page sources, and most pages are taken from the memo. In a first build the
    writers keep both cores busy, and a second copy of what the provider pages need would add
    to the peak."""
    beside = memo is not None and memo.keeps and memo.finds
    given = memo.beside() if memo is not None and beside else memo
    with pages.remembering(memo), \
            parallel.beside_if(beside, _provider_pages, catalog, register, given, keep) as providers:
        made = pages.render_all_kept(catalog, site_url, register, keep, providers=False)
        kept, entries = providers()
        if memo is not None:
            memo.adopt(entries)
        made.update(kept)
        return dict(sorted(made.items()))


def _provider_pages(catalog: Catalog, register: andringar.Andringsregister, memo: Texts | None,
                    keep: Callable[[str], T]) -> tuple[dict[str, T], list[tuple[str, str | None]]]:
    """The provider pages and the reports' pages, each text as `keep` makes it, and what the
    memo gave for them when it is a forked process's (Given). The reports' pages build each
    report's model (national: 0.28 s), here off the rebuild's path to its search index."""
    with pages.remembering(memo):
        made = pages.provider_pages(catalog, register, keep)
        made.update((path, keep(text)) for path, text in rapporter.sidor(catalog).items())
    return made, memo.given if isinstance(memo, Given) else []


# From this many providers, contracts and follow-ups together, a first build makes its pages in
# a forked process (_apart), and a rebuild sorts out the kept site in one (site.kept).
PAGES_APART = 2_000


def _apart(catalog: Catalog, rebuild: bool) -> bool:
    """Whether the pages are made and staged in a forked process of their own: in a full build
    at scale (not a `rebuild`, incremental.finds_page_memo). Made here, their texts and every
    object made on the way (national: 749 MB of Pss when the last page is made) leave the
    allocator's arenas so scattered with what survives that this process still held 360 MB
    when the engine started, beside a report's layout: the build's peak. A child's memory goes
    whole when it ends. A rebuild makes most pages from the memo and forks its provider pages
    itself (_page_sources), so it stays here."""
    return _records(catalog) >= PAGES_APART and not rebuild


def _records(catalog: Catalog) -> int:
    return len(catalog.utforare) + len(catalog.avtal) + len(catalog.uppfoljningar)


class Staged(NamedTuple):
    """The generated pages once they are in the engine's input folder: all the build needs of
    them from there on (their texts are in the files)."""

    site_config: dict[str, Any]
    every_page: set[str]  # every page in the input folder, content/'s too (open data, added later, has none)
    build_key: str
    sources: dict[str, str]  # each generated page → the hash of its source
    memo_file: Path | None  # this build's page memo, kept beside the site once it is published


def _made(catalog: Catalog, site_url: str | None, register: andringar.Andringsregister, content_dir: Path,
          out: Path, scratch: Path, packed: bool = False) -> tuple[Mapping[str, bytes | Found], dict[str, Any], Path | None]:
    """The page sources (UTF-8; `packed` while they wait to be staged, site.packed), the
    engine's configuration and this build's page memo file."""
    with incremental.page_memo(out, scratch) as page_memo:
        sources_utf8 = (Packed(_page_sources(catalog, site_url, register, page_memo, _packed)) if packed
                        else page_sources_utf8(catalog, site_url, register, page_memo))
    site_config = config.engine_config(content_dir, catalog, sources_utf8, site_url, theme.frame(catalog))
    return sources_utf8, site_config, page_memo.new


def _staged(sources_utf8: Mapping[str, bytes | Found], site_config: dict[str, Any], memo_file: Path | None,
            content_dir: Path, docs: Path, day: str, engine: str,
            recorded: Mapping[str, tuple[str, list[int]]] | None = None) -> Staged:
    """The pages, content/ and the theme's assets put in the engine's input folder (`recorded`:
    what the last build's record says it left there, incremental.staged_sources)."""
    stage.stage(content_dir, sources_utf8, docs, recorded)
    every_page = incremental.pages_of(docs)
    build_key = incremental.key(site_config, docs, every_page, sources_utf8, day, engine)
    return Staged(site_config, every_page, build_key, incremental.source_hashes(sources_utf8), memo_file)


def _made_and_staged(catalog: Catalog, site_url: str | None, register: andringar.Andringsregister,
                     content_dir: Path, out: Path, scratch: Path, docs: Path, day: str, engine: str) -> Staged:
    """_made and _staged in one forked process (_apart), the texts packed until they are staged:
    at national size 160 MB of UTF-8 when the last page is made, beside a report's layout."""
    return _staged(*_made(catalog, site_url, register, content_dir, out, scratch, packed=True), content_dir, docs,
                   day, engine)


def _wait_for_memo(remembering: parallel.Step, folder: Path) -> None:
    """Wait for the child writing the memo of what was read; a memo it could not write is
    left out, never a reason to stop: the next build reads everything."""
    try:
        remembering()
    except Exception:  # noqa: BLE001 - only the next build's speed depends on it
        shutil.rmtree(folder, ignore_errors=True)


def build(settings: BuildSettings, progress: Progress | None = None, engine: Engine | None = None) -> str:
    """Every stage in order (see the module's docstring); raises DataError or BuildError.
    Returns the summary of what was built (`summary`): the build lets go of its catalog once
    the pages are made, as the writers have their own."""
    progress = progress or Progress(settings.show_progress)
    engine = engine or MkDocs()
    protected = [("datamappen", settings.data_dir), ("mappen med handskrivna sidor", settings.content_dir)]
    with _os_errors_in_swedish():
        ownership.refuse_unsafe(settings.out_dir, protected)
        out = settings.out_dir.resolve()
        # SIGTERM and SIGHUP taken as Ctrl+C from here to the end, not only in the workspace, and a
        # stop after the swap, even while what was set aside is removed, said as such.
        with stopping.stop_cleanly(), published.publication(out) as publication, \
                aside.removed_beside(out):  # what the last build set aside, while this one reads
            return _build(settings, publication, progress, engine, protected)


def _build(settings: BuildSettings, publication: published.Publication, progress: Progress, engine: Engine,
           protected: list[tuple[str, Path]]) -> str:
    """The stages of `build` into `publication.out` (resolved), once `--out` has been checked."""
    out = publication.out
    with heap.no_collection():
        read_before = Remembered(incremental.last_read_memo(out))
        with progress.stage("Läser datan"):
            dataset = load_dataset(settings.data_dir, read_before)
        with progress.stage("Kontrollerar datan"):
            catalog = validate(dataset, settings.idag, read_before)
            del dataset  # the raw documents: the Catalog holds all that is needed from here on
        with progress.stage("Jämför med förra publiceringen"):
            catalog, register = compare(catalog, settings.previous, settings.idag)
        # Before the writers are forked, so that they share them. Without the collector too:
        # the lookups are 150,000 keys at national size, made to stay (with it, 0.4 s instead of 0.15).
        catalog = catalog.with_lookups()
    site_url = settings.site_url or catalog.publicering.webbadress
    with publish.workspace(out, on_wait=lambda: progress.done("Väntar på att ett annat bygge blir klart …"),
                           set_aside=lambda scratch: aside.put(out, scratch)) as scratch, \
            ExitStack() as running:  # work in other processes, waited for before the scratch folder goes
        docs, built, files = incremental.docs_folder(out, scratch), scratch / "site", scratch / "files"
        held = heap.Held(settings.ends_with_process)  # what a rebuild lets go of once it waits for the writers
        running.callback(held.let_go)
        # What was read is written for the next build by a child of its own (a first build's:
        # 2.7 s of pickling at national size), while this process lets go of the documents:
        # a full build at once (handed back to the system when the writers are forked,
        # parallel.frozen), a rebuild once it waits for the writers (0.12 s at national size,
        # before the writers start).
        remembering = running.enter_context(parallel.beside(read_before.write, incremental.new_read_memo(scratch)))
        # A rebuild finds the last build's pages, by this version of Insyn (after an upgrade none of
        # its pages and files are found, and the build works as a first one does).
        rebuild = incremental.finds_page_memo(out)
        apart = _apart(catalog, rebuild)  # the pages made in a process of their own: a full build at scale
        forgotten = read_before.forget()
        if not apart:
            held.add(forgotten)
        del forgotten
        files_memo = incremental.files_memo(out, scratch)
        # The site the last build kept is sorted out for this one while the pages are made.
        sorting = running.enter_context(parallel.beside_if(_records(catalog) >= PAGES_APART, kept.sorted_out, out,
                                                           scratch, built))
        # Open data and the reports need only the catalog: two processes write them while
        # this one renders the pages and the engine builds them (both cores at work).
        with writers.beside(catalog, files, site_url, register, files_memo, scratch / "tmp", rebuild) as files_written:
            uppdaterad, built_summary = catalog.uppdaterad, summary(catalog)
            day = uppdaterad.isoformat()
            # The collector left to what the pages make: each full collection walked everything
            # the build holds (a national rebuild: two, 0.36 s).
            with progress.stage("Skapar sidor"), heap.collecting_only_new():
                if apart:
                    with parallel.beside(_made_and_staged, catalog, site_url, register, settings.content_dir,
                                         out, scratch, docs, day, engine.name) as making:
                        staged = making()
                    # Let go of only now: freeing its objects meanwhile would have written to the
                    # pages this process shares with the child, which then became copies.
                    del catalog
                    heap.give_back()
                    record = incremental.last_record(out)
                else:
                    sources_utf8, site_config, memo_file = _made(catalog, site_url, register, settings.content_dir,
                                                                 out, scratch)
                    # The pages are made and the writers have a catalog each: this process lets go
                    # of its own while it waits for them (below), not on the rebuild's path to its
                    # search index. A rebuild's peak is far from the limit (a national full build
                    # makes its pages apart, above).
                    held.add(catalog)
                    del catalog
                    record = incremental.last_record(out)
                    staged = _staged(sources_utf8, site_config, memo_file, settings.content_dir, docs, day,
                                     engine.name, incremental.staged_sources(record))
                    del sources_utf8  # the texts are in docs/ now; only their hashes are needed from here on
                    heap.give_back()
            held.freeze()
            site_config, every_page, build_key, sources, page_memo_file = staged
            with progress.stage("Jämför sidorna med förra bygget"):
                plan = incremental.plan(out, build_key, sources, every_page, record)
                del record
            changed = "alla sidor" if plan.only is None else f"{len(plan.only)} sidor som har ändrats"
            # A rebuild starts from the site the last build kept (site.kept: the site a rebuild
            # replaced, or a full build's own pages), whose unchanged pages are mostly the
            # published files already, sorted out meanwhile. The others are linked in from the
            # published site while the engine renders the rest (never the same file; a rebuild's
            # engine cleans nothing), in a process of their own from a thousand on: in a thread
            # beside the engine, which holds Python's lock, it took three times as long. The
            # search index made ahead reads them.
            in_place = kept.taken(scratch, built, sorting(), None if plan.full else plan.reuse.keys())
            missing = [html for html in plan.reuse if html not in in_place]
            with parallel.beside_if(len(missing) >= incremental.LINKED_BESIDE, incremental.reuse_into,
                                    built, out, missing) as linked:
                with progress.stage(f"Bygger webbplatsen med {engine.name} ({changed})"), \
                        clock.build_time(uppdaterad):
                    # The published sitemap is kept when it lists the same pages: then the engine
                    # is given only the pages it renders and the navigation.
                    split.build(engine, docs, built, config.without_files(site_config), plan.only, sources.keys(),
                                others=not plan.sitemap)
                linked()
            if plan.sitemap:
                incremental.reuse_into(built, out, incremental.SITEMAPS)
            # The generated pages are finished now, while the writers are still at work; only the
            # hand-written pages, rendered again below, wait for them.
            with progress.stage("Lägger in säkerhetspolicy i de genererade sidorna"):
                handwritten = every_page - sources.keys()  # content/ and the search page
                handwritten_html = {incremental.html_path(md) for md in handwritten}
                # In this process while the writers keep both cores busy: a pool would gain nothing
                # and add two processes to the build's peak memory (about 240 MB at national size).
                # Once they are done, over both cores (the guideline-sized national site, alone: 10.5 s -> 5.5 s).
                # Listed once for this pass and the search index made ahead (finishing a page
                # writes no file of another name).
                listed = tree.files(built)
                early = postprocess.finish(built, plan.reuse.keys() | handwritten_html, in_pool=files_written.done(),
                                           files=listed)
                # What the pass let go of, handed back before the build waits for the writers and a
                # report's layout (national: 541 -> 386 MB of Pss; no collection is needed).
                heap.give_back()
            # Every part of the search index whose pages are final now is made in a second process
            # while this one waits for the writers and finishes the hand-written pages: in a full
            # build the generated pages, in a rebuild the parts they changed. A rebuild's index is
            # merged there too, on the guess that the hand-written pages come out as before
            # (search.merge_ahead; taken only where it held).
            indexed_ahead = running.enter_context(search.ahead(
                built, scratch, incremental.search_cache(out), {**early, **plan.reuse}, handwritten_html,
                writers_over=files_written.over if not files_written.done() else lambda: True, files=listed,
                likely=incremental.as_last_finished(plan, handwritten), memo=files_memo))
            del listed
            with progress.stage("Skriver öppna data och nämndernas rapporter (PDF, Word, presentation)"):
                held.let_go()
                if plan.full:
                    # A full build's generated pages are final: linked for the next rebuild to start
                    # from while this process waits for the writers (national: 1-3 s of the build's
                    # end, beside its search index, before).
                    kept.linked(scratch, built, early)
                files_written()
        stage.add_files(files, docs, built)  # the package checked already, by the writers
        with progress.stage(f"Bygger de handskrivna sidorna med {engine.name}"), clock.build_time(uppdaterad):
            names = incremental.files_key(docs)
            own = {md: (docs / md).read_bytes() for md in handwritten}  # open data adds no page
            own_sources = incremental.source_hashes(own)
            as_before = incremental.handwritten(plan, out, names, own_sources)
            if as_before is None:
                split.rebuild(engine, docs, built, site_config, own)
        with progress.stage("Kontrollerar länkar och lägger in säkerhetspolicy"):
            reused = {**plan.reuse, **(as_before or {})}
            incremental.reuse_into(built, out, as_before or {})  # the generated ones are in place
            files_now = tree.files(built)  # finishing a page writes no file of another name
            finished = {**postprocess.finish(built, reused.keys() | early.keys(), files=files_now),
                        **early, **reused}
            site_files = incremental.linked_files(files_now)
            settled = incremental.links_settled(plan, site_files, reused)
            postprocess.check(built, finished, site_url, files_now, settled)
        # What a full build keeps (site.kept): its generated pages are linked already.
        own_pages = [html for html in finished if html not in early] if plan.full else []
        # Likewise the search index (its merge's full collection: 0.18 s).
        with progress.stage("Bygger sökindexet"), heap.collecting_only_new(), \
                parallel.beside_if(len(finished) >= incremental.RECORDED_BESIDE, incremental.record, scratch, build_key,
                                   names, {**sources, **own_sources}, finished, site_files, built) as recorded, \
                parallel.beside_if(len(own_pages) >= incremental.LINKED_BESIDE, kept.linked, scratch, built,
                                   own_pages) as linked_own:
            # The record for the next build is written meanwhile, in a process of its own: in a
            # thread it held Python's lock against the merge of a rebuild's search index
            # (national: 1.0 s of pickling and looking at files, beside 1.5 s of merging).
            # Likewise a full build's pages are linked for the next rebuild to start from.
            indexed_ahead()
            search_parts = search.index(built, scratch, incremental.search_cache(out), finished, files_now, files_memo,
                                        apart=handwritten_html)
            recorded()
            linked_own()
        with progress.stage("Kontrollerar den färdiga webbplatsen"):
            verify.verify(built)
        with progress.stage("Publicerar"):
            ownership.mark(built)
            # Again under the lock, just before the swap: the folder may have changed meanwhile.
            ownership.refuse_unsafe(settings.out_dir, protected)
            ownership.refuse_foreign_files(out, built)
            _wait_for_memo(remembering, incremental.new_read_memo(scratch))
            publication.swap_in(built)
            incremental.keep(out, scratch, files_memo, search_parts, page_memo_file, docs)
            # Which the next rebuild starts from: a full build's pages share no file with the
            # site it replaced, so it keeps its own instead.
            kept.put(out, scratch / kept.OWN if plan.full else built)
    return built_summary
