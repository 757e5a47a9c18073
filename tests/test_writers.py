"""Open data and the reports are written by two processes taking turns at one list of jobs:
every job is done once, and the folder is the one a single writer leaves."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
import weakref
from pathlib import Path
from typing import Any

import pytest

from generator import opendata, pipeline, writers
from generator.domain.catalog import Catalog
from generator.domain.rapportval import webbplatsens_rapporter
from generator.memo import Memo
from generator.problems import BuildError
from generator.rapport import pdf
from generator.settings import BuildSettings, reference_day
from generator.site import stopping
from generator.site.engine import MkDocs
from tests.support.build import CONTENT, EXAMPLE, MINIMAL, page_memo_written_by
from tests.support.files import snapshot


@pytest.fixture(scope="module")
def example() -> tuple[object, object]:
    return pipeline.compare(pipeline.check(EXAMPLE, reference_day()), None, reference_day())


@pytest.fixture(scope="module")
def minimal() -> tuple[object, object]:
    """Two reports, the workbooks and the package: enough jobs for two writers to take turns
    at, laid out in a second each instead of the example's ten."""
    catalog, register = pipeline.compare(pipeline.check(MINIMAL, reference_day()), None, reference_day())
    assert len(webbplatsens_rapporter(catalog)) >= 2
    return catalog, register


def test_the_jobs_are_the_workbooks_every_report_the_package_and_its_check(example) -> None:
    catalog, _ = example
    todo = writers.jobs(catalog)
    reports = webbplatsens_rapporter(catalog)
    assert len(reports) > 2
    assert todo == [writers.Job(opendata.WORKBOOKS), *(writers.Job(writers.RAPPORT, n, ar) for n, ar in reports),
                    writers.Job(opendata.PACKAGE), writers.Job(writers.KONTROLL)]
    # A rebuild makes open data in one job, whose two parts share their rows.
    assert writers.jobs(catalog, rebuild=True) == [writers.Job(writers.OPPNA_DATA), *todo[1:-2], todo[-1]]


def test_two_writers_taking_turns_write_what_one_writes(minimal, tmp_path: Path) -> None:
    catalog, register = minimal
    one = tmp_path / "en"
    fork = multiprocessing.get_context("fork")
    writers.write(catalog, one, None, register, Memo(None, None), writers.jobs(catalog), fork.Value("i", 0), fork.Lock())
    two = tmp_path / "tva"
    with writers.beside(catalog, two, None, register, Memo(None, None)) as written:
        written()
    assert any(rel.endswith(".pdf") for rel in snapshot(one)) and any(rel.endswith("insyn.xlsx") for rel in snapshot(one))
    assert snapshot(two) == snapshot(one)


def test_a_rebuilds_writers_make_open_data_once_in_one_job_and_write_what_a_first_build_writes(
        minimal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a rebuild (the last build's memo is there) the rows of open data and each provider's
    table of them are made once for both parts, and the files are those of a first build."""
    from generator.opendata import perprovider, resources

    catalog, register = minimal
    first = tmp_path / "forsta"
    with writers.beside(catalog, first, None, register, Memo(None, tmp_path / "minne")) as written:
        written()
    log = tmp_path / "rader.log"
    for module, name in ((resources, "all_rows"), (perprovider, "provider_tables")):
        made = getattr(module, name)

        def noted(*args: Any, made: Any = made, name: str = name) -> Any:
            with log.open("a", encoding="utf-8") as out:  # the writers are forked: noted in a file
                out.write(f"{name}\n")
            return made(*args)
        monkeypatch.setattr(module, name, noted)
    again = tmp_path / "igen"
    with writers.beside(catalog, again, None, register, Memo(tmp_path / "minne", tmp_path / "nytt"),
                        rebuild=True) as written:
        written()
    assert sorted(log.read_text(encoding="utf-8").split()) == ["all_rows", "provider_tables"]
    assert snapshot(again) == snapshot(first)


def test_after_an_upgrade_the_writers_work_as_in_a_first_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a rebuild most files come from the last build's memo: the writers yield the processor
    to the pages (niced) and make open data in one job. After an upgrade of Insyn the memo gives
    none of them (every key begins with the version), and the reports' layouts are the longest
    path again: the writers work as in a first build (national: 128-132 s instead of 140-148 s)."""
    noted = tmp_path / "skrivarna.log"
    jobs, write = writers.jobs, writers.write

    def listed(catalog: Catalog, rebuild: bool = False) -> list[writers.Job]:
        todo = jobs(catalog, rebuild)
        with noted.open("a", encoding="utf-8") as out:
            out.write(f"öppna data i {'ett jobb' if writers.Job(writers.OPPNA_DATA) in todo else 'två jobb'}\n")
        return todo

    def writing(*args: Any, **kwargs: Any) -> None:
        write(*args, **kwargs)
        with noted.open("a", encoding="utf-8") as out:  # forked: noted in a file, once its jobs are done
            out.write(f"nice {os.nice(0) - base}\n")

    base = os.nice(0)
    monkeypatch.setattr(writers, "jobs", listed)
    monkeypatch.setattr(writers, "write", writing)
    out = tmp_path / "site"
    settings = BuildSettings(data_dir=MINIMAL, out_dir=out, content_dir=CONTENT, idag=reference_day())

    def built() -> list[str]:
        noted.unlink(missing_ok=True)
        pipeline.build(settings)
        return sorted(noted.read_text(encoding="utf-8").splitlines())

    first = built()
    assert first == ["nice 0", "nice 0", "öppna data i två jobb"]
    assert built() == [f"nice {writers.NICE}", f"nice {writers.NICE}", "öppna data i ett jobb"]
    page_memo_written_by(out, "UPDATE skrivet_av SET kod = 'en äldre version'")
    assert built() == first


@pytest.mark.made_each_time
def test_two_large_reports_are_never_laid_out_at_once(minimal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each large layout takes about 500 MB at national size: two at once would add to the build's peak."""
    catalog, register = minimal
    log = tmp_path / "layouts.log"
    layout = pdf._laid_out

    def logged(kalla: str) -> bytes:
        start = time.monotonic()
        try:
            return layout(kalla)
        finally:
            with log.open("a") as out:
                out.write(f"{os.getpid()} {start} {time.monotonic()}\n")

    monkeypatch.setattr(pdf, "_laid_out", logged)
    monkeypatch.setattr(pdf, "LARGE", 0)  # every report counts as large
    pdf.pdf_bytes.cache_clear()
    with writers.beside(catalog, tmp_path / "filer", None, register, Memo(None, None)) as written:
        written()
    spans = sorted((float(a), float(b), pid) for pid, a, b in (line.split() for line in log.read_text().splitlines()))
    assert len(spans) == len(webbplatsens_rapporter(catalog))
    assert all(end <= next_start for (_, end, _), (next_start, _, _) in zip(spans, spans[1:], strict=False))


def test_the_package_is_checked_by_the_writers_once_it_is_written(minimal, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The check's job, the last one, waits for the package's job to say that the package is
    written (the other writer may take the check while the package is still being made), and
    the package is checked once, in a first build and in a rebuild (one open-data job)."""
    from generator.opendata import package

    catalog, register = minimal
    log = tmp_path / "kontroller.log"
    verify = opendata.verify

    def noted(folder: Path, memo: object = None) -> None:
        with log.open("a", encoding="utf-8") as out:  # the writers are forked: noted in a file
            out.write(f"{time.time()} {(folder / package.DESCRIPTOR).stat().st_mtime}\n")
        verify(folder, memo)  # type: ignore[arg-type]

    monkeypatch.setattr(opendata, "verify", noted)
    for rebuild, memo in ((False, Memo(None, tmp_path / "minne")), (True, Memo(tmp_path / "minne", tmp_path / "nytt"))):
        log.unlink(missing_ok=True)
        folder = tmp_path / f"filer-{rebuild}"
        with writers.beside(catalog, folder, None, register, memo, rebuild=rebuild) as written:
            written()
        (checked, written_at), = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
        assert float(checked) >= float(written_at)
        assert (folder / "oppna-data" / "insyn.xlsx").is_file()


def test_a_package_that_fails_its_check_fails_the_wait(minimal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog, register = minimal

    def refused(folder: Path, memo: object = None) -> None:
        raise BuildError("datapackage-invalid", "Datapaketet klarade inte kontrollen.")

    monkeypatch.setattr(opendata, "verify", refused)
    with pytest.raises(BuildError) as failure, \
            writers.beside(catalog, tmp_path / "filer", None, register, Memo(None, None), tmp_path / "tmp") as written:
        written()
    assert failure.value.code == "datapackage-invalid"


def test_when_the_package_fails_to_be_written_its_own_error_stops_the_build_and_nothing_waits(
        minimal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check's job waits for the package: when writing it fails, that error is the one
    the build reports, and neither writer waits for ever."""
    from generator.opendata import package

    catalog, register = minimal

    def broken(*args: object) -> dict[str, bytes]:
        raise BuildError("filesystem-failed", "Paketet kunde inte skrivas.")

    monkeypatch.setattr(package, "files", broken)
    for memo in (Memo(None, tmp_path / "a"), Memo(tmp_path / "a", tmp_path / "b")):  # first build and rebuild
        # The other writer is stopped while it makes the workbooks: its temporary folder goes where
        # the build's would (a folder the build removes), not into the system's.
        with pytest.raises(BuildError) as failure, \
                writers.beside(catalog, tmp_path / "filer", None, register, memo, tmp_path / "tmp",
                               rebuild=memo.previous is not None) as written:
            written()
        assert failure.value.message == "Paketet kunde inte skrivas."


def test_a_failing_job_fails_the_wait(minimal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog, register = minimal

    def failing(*args: object) -> None:
        raise BuildError("datapackage-invalid", "Datapaketet klarade inte kontrollen.")

    monkeypatch.setattr(opendata, "write", failing)
    with pytest.raises(BuildError) as failure, \
            writers.beside(catalog, tmp_path / "filer", None, register, Memo(None, None), tmp_path / "tmp") as written:
        written()
    assert failure.value.code == "datapackage-invalid"


@pytest.mark.made_each_time  # the reports laid out for real: the writers are busy for seconds
def test_the_build_can_ask_whether_the_writers_are_done(minimal, tmp_path: Path) -> None:
    """The generated pages are finished over both cores only once the writers are done: while
    they write, `done` says no without waiting, and yes once they have finished."""
    catalog, register = minimal
    with writers.beside(catalog, tmp_path, None, register, Memo(None, None)) as written:
        assert not written.done()  # a report takes most of a second to lay out
        written()
        assert written.done()
    assert (tmp_path / "oppna-data" / "insyn.xlsx").is_file()


@pytest.mark.parametrize("apart", [False, True], ids=["bygget-sjalv", "sidorna-for-sig"])
def test_the_build_lets_go_of_its_catalog_before_a_reports_layout_makes_its_peak(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, apart: bool) -> None:
    """The writers have a catalog each. A full build at scale makes its pages apart and lets
    go of its own copy (about 200 MB at national size) before the engine; one that makes its
    pages itself (a rebuild, a small site) holds it until it waits for the writers, where a
    report's layout makes its peak (heap.Held). The summary it prints is still the whole
    catalog's."""
    made: list[weakref.ref[Catalog]] = []
    with_lookups = Catalog.with_lookups

    def remembered(self: Catalog) -> Catalog:
        made.append(weakref.ref(self))
        return with_lookups(self)

    alive_at_engine: list[bool] = []
    alive_at_wait: list[bool] = []

    class Watching(MkDocs):
        def build(self, *args: Any, **kwargs: Any) -> None:
            alive_at_engine.append(any(ref() is not None for ref in made))
            super().build(*args, **kwargs)

    waiting = writers.Writers.__call__

    def watched(self: writers.Writers) -> None:
        alive_at_wait.append(any(ref() is not None for ref in made))
        waiting(self)

    monkeypatch.setattr(Catalog, "with_lookups", remembered)
    monkeypatch.setattr(writers.Writers, "__call__", watched)
    monkeypatch.setattr(pipeline, "PAGES_APART", 1 if apart else 10**9)
    settings = BuildSettings(data_dir=MINIMAL, out_dir=tmp_path / "site", content_dir=CONTENT, idag=reference_day())
    printed = pipeline.build(settings, engine=Watching())
    assert made and alive_at_wait == [False] and alive_at_engine and not alive_at_engine[-1]
    if apart:
        assert not any(alive_at_engine)
    assert printed == pipeline.summary(pipeline.check(MINIMAL, reference_day()))


_KALLA = '{"titel": "Rapport", "ingress": [], "sidfot": "Sidfot", "forfattare": "Region", "skapad": "2026-10-01", ' \
         '"sektioner": [{"rubrik": "Avsnitt", "block": [{"slag": "stycke", "text": "Ett stycke."}]}]}'


def _laid_out_in_a_fork(queue: Any) -> None:
    queue.put(pdf.pdf_bytes.__wrapped__(_KALLA))


@pytest.mark.made_each_time
def test_a_process_forked_after_a_layout_can_lay_out_too() -> None:
    """Typst's runtime starts threads that a forked process does not have: laid out in this
    process, a layout in a writer forked from it after that waited for ever. Each layout runs
    in a program of its own, so the build, `insyn serve` and the tests may fork after one."""
    here = pdf.pdf_bytes.__wrapped__(_KALLA)
    fork = multiprocessing.get_context("fork")
    queue = fork.Queue()
    process = fork.Process(target=_laid_out_in_a_fork, args=(queue,))
    process.start()
    try:
        there = queue.get(timeout=60)
    finally:
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
    assert here.startswith(b"%PDF") and there == here


def test_a_layout_that_fails_fails_the_build_with_typsts_own_words() -> None:
    """Data cannot make Typst fail (every value reaches it as text); a mistake in Insyn's own
    input to it can, and the build says so in Swedish, with Typst's message to look up."""
    with pytest.raises(BuildError) as failure:
        pdf.pdf_bytes.__wrapped__('{"skapad": "2026-10-01"}')  # no title, no sections
    assert failure.value.code == "report-layout-failed"
    assert failure.value.message.startswith("Typst kunde inte göra rapportens PDF: ") and "titel" in failure.value.message
    assert "fel i Insyn" in failure.value.hint


def test_a_layout_killed_from_outside_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """The system stops the largest process when memory runs out: the build says what happened
    (step-killed), not that Typst failed."""
    monkeypatch.setattr(pdf, "PROGRAM", [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"])
    with pytest.raises(BuildError) as failure:
        pdf.pdf_bytes.__wrapped__(_KALLA)
    assert failure.value.code == "step-killed" and "SIGKILL" in failure.value.message


def test_a_layout_stops_when_the_writer_waiting_for_it_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed or stopped build terminates its writers (SIGTERM, which a build turns into
    Ctrl+C); a layout's program must end with its writer, not run on alone."""
    log = tmp_path / "pid"
    slow = f"import os, pathlib, time; pathlib.Path({str(log)!r}).write_text(str(os.getpid())); time.sleep(60)"
    monkeypatch.setattr(pdf, "PROGRAM", [sys.executable, "-c", slow])

    def writer() -> None:
        with stopping.stop_cleanly():
            pdf.pdf_bytes.__wrapped__(_KALLA)

    process = multiprocessing.get_context("fork").Process(target=writer)
    process.start()
    deadline = time.monotonic() + 30
    while not log.is_file() and time.monotonic() < deadline:
        time.sleep(0.05)
    layout = int(log.read_text())
    try:
        process.terminate()
        process.join(timeout=30)
        assert process.exitcode is not None, "skrivaren slutade inte"
        deadline = time.monotonic() + 10
        while _alive(layout) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(layout)
    finally:
        try:
            os.kill(layout, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, ended but not yet waited for by its parent, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
