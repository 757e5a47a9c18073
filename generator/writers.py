"""Open data and the nämnds' reports, written beside the pages by two processes taking turns.

The jobs differ a lot in size. At national size the workbooks take 30-50 s of CPU, a large
report's PDF under ten seconds (Typst; WeasyPrint took up to a minute), the data package a
fraction of the workbooks. Two forked processes take the next job from one shared list,
largest first, until none is left, so that neither stands idle while the other still has a
long queue; only two copies of the catalog are alive besides the build's. Every job writes
files of its own into the same folder, so the order they finish in changes nothing; only the
last job, the package's check, waits for another (the package's).
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

from generator import andringar, opendata, outputs
from generator import rapport as rapporter
from generator.domain.catalog import Catalog
from generator.domain.rapportval import webbplatsens_rapporter
from generator.memo import Memo
from generator.progress import Progress
from generator.rapport import pdf
from generator.site import heap, parallel

RAPPORT = "rapport"
OPPNA_DATA = "oppna-data"  # both parts of open data in one job (opendata.PARTS)
KONTROLL = "kontroll"  # the written package read back and checked (opendata.verify)
# In a rebuild the writers yield the processor to the build (a lower priority, as `nice`
# gives): three processes share two cores while the pages are made, the pages are what a
# rebuild waits for, and the writers mostly take their files from the memo. In a first build
# they keep their priority: when the reports' layout was the longest path (WeasyPrint), the
# build niced them waited 127 s instead of 85-98 s; with Typst the build's own process is the
# path, and niced writers still gained nothing (national, alternated: 87.2 and 96.1 s against
# 85.9 and 93.3 s).
NICE = 5
_STAGES = {
    opendata.PACKAGE: "Skriver öppna data, datapaketet (egen process)",
    opendata.WORKBOOKS: "Skriver öppna data, kalkylbladen (egen process)",
    OPPNA_DATA: "Skriver öppna data (egen process)",
    RAPPORT: "Skriver nämndernas rapporter (egen process)",
    KONTROLL: "Kontrollerar datapaketet (egen process)",
}


@dataclass(frozen=True)
class Job:
    """One part of open data (opendata.PACKAGE or WORKBOOKS), or one nämnd's report for a year."""

    kind: str
    namnd: str = ""
    ar: int = 0


def jobs(catalog: Catalog, rebuild: bool = False) -> list[Job]:
    """Every job, the largest first: the workbooks and the reports, then the package, and last
    the package's check, which waits for the package to be written (`write`).

    In a `rebuild` open data is one job: most of its files come from the memo, and what is
    left is mostly making the rows both parts are made of, then each provider's table of them
    (national: about 2 s of CPU, made twice in two jobs, beside the pages the rebuild waits
    for). A first build keeps them apart: there the workbooks take 30-50 s, and the package
    held with them would add to the build's peak."""
    reports = [Job(RAPPORT, namnd, ar) for namnd, ar in webbplatsens_rapporter(catalog)]
    if rebuild:
        return [Job(OPPNA_DATA), *reports, Job(KONTROLL)]
    return [Job(opendata.WORKBOOKS), *reports, Job(opendata.PACKAGE), Job(KONTROLL)]


def _take(taken: Synchronized[int]) -> int:
    with taken.get_lock():
        index = taken.value
        taken.value = index + 1
    return index


class Paketet:
    """Whether the package is written yet, shared by the writers (made before they are forked):
    the job that writes it says so as soon as it is in the folder, and that it ended; the
    check's job waits for that."""

    def __init__(self, context: Any) -> None:
        self.ok = context.Value("b", 0)
        self.said = context.Event()

    def written_now(self) -> None:
        self.ok.value = 1
        self.said.set()

    def ended(self) -> None:
        """Said when the package's job ends, however: if it has not said the package is written
        by then, it failed to write it."""
        self.said.set()

    def wait(self) -> bool:
        """Wait until the package's job has said, then whether the package is written: when
        its job failed, that job's own error stops the build, and there is nothing to check."""
        self.said.wait()
        return bool(self.ok.value)


def write(catalog: Catalog, files: Path, site_url: str | None, register: andringar.Andringsregister, memo: Memo,
          todo: Sequence[Job], taken: Synchronized[int], large: AbstractContextManager[object], nice: int = 0,
          paketet: Paketet | None = None, temporary: Path | None = None) -> None:
    """Do the next job of `todo` that no other process has taken, until none is left.

    The package is read back and checked as its users' tools read it (opendata.verify) by
    the check's job, the last one, as soon as the package is written (`paketet`, shared with
    the other writer; without it, this process writes every job and the package comes first).
    Two large reports are never laid out at once (`large`), and after each job the memory it
    used goes back to the system: the build's peak is the two writers' jobs together. `nice`
    lowers the process's priority (NICE in a rebuild). Temporary files (the workbook's rows on
    disk, up to 30 MB at national size) go into `temporary`, a folder the build removes however
    it ends, instead of the system's temporary folder, where a writer killed outright (by the
    system when memory runs out, or after parallel.UNWIND) left them for good."""
    os.nice(nice)
    if temporary is not None:
        temporary.mkdir(exist_ok=True)
        tempfile.tempdir = str(temporary)  # this process's alone: the writer is forked
    pdf.one_large_at_a_time(large)
    while (index := _take(taken)) < len(todo):
        job = todo[index]
        with Progress(False).stage(_STAGES[job.kind]):
            if job.kind == RAPPORT:
                rapporter.write(catalog, files, site_url, memo, [(job.namnd, job.ar)])
            elif job.kind == KONTROLL:
                if paketet is None or paketet.wait():
                    opendata.verify(files / outputs.OPPNA_DATA, memo)
            else:
                _open_data(catalog, files, site_url, register, memo, job, paketet)
        gc.collect()  # what the job left, before its memory goes back to the system
        heap.give_back()


def _open_data(catalog: Catalog, files: Path, site_url: str | None, register: andringar.Andringsregister, memo: Memo,
               job: Job, paketet: Paketet | None) -> None:
    parts = opendata.PARTS if job.kind == OPPNA_DATA else (job.kind,)
    says = paketet if opendata.PACKAGE in parts else None  # the job that writes the package
    try:
        # Open data is rows and cells kept until a file is written, with no cycles: a
        # collection would only walk them, again and again as they grow (insyn.xlsx at
        # national size: eleven full collections, 3.6 s of its 20).
        with heap.no_collection():
            opendata.write(catalog, files / outputs.OPPNA_DATA, site_url, register, memo, parts, False,
                           None if says is None else says.written_now)
    finally:
        if says is not None:
            says.ended()


class Writers:
    """The two writer processes at work: call to wait for both (raising what either raised)."""

    def __init__(self, first: parallel.Step, second: parallel.Step, context: Any) -> None:
        self.first, self.second = first, second
        self._over = context.Event()  # made before any process that asks `over` is forked

    def done(self) -> bool:
        """Whether both have finished, without waiting (then the build has both cores to itself)."""
        finished = self.first.done() and self.second.done()
        if finished:
            self._over.set()
        return finished

    def over(self) -> bool:
        """Whether the build has seen both finish (`done` or the call): unlike `done`, asked by
        the build's other processes too (the search index's second one)."""
        return bool(self._over.is_set())

    def __call__(self) -> None:
        """Wait for both, taking each as it finishes: what one raised is raised at once (and the
        other stopped as the block is left), never after waiting for the other, which may be
        waiting for the package from it."""
        waiting = [self.first, self.second]
        while waiting:
            ready = multiprocessing.connection.wait([step.receive for step in waiting])
            for step in [step for step in waiting if step.receive in ready]:
                step()
                waiting.remove(step)
        self._over.set()


@contextmanager
def beside(catalog: Catalog, files: Path, site_url: str | None, register: andringar.Andringsregister,
           memo: Memo, temporary: Path | None = None, rebuild: bool = False) -> Iterator[Writers]:
    """Start the writers; the yielded Writers waits for all of them when called and raises what
    any raised. Leaving the block early stops them. Their temporary files go into `temporary`
    (see `write`). A `rebuild` is one whose files mostly come from `memo`: the last build's, by
    this version of Insyn (the build knows it by its page memo, incremental.finds_page_memo).
    After an upgrade the memo gives none of them (every key begins with the version), and the
    writers work as in a first build (a national build after an upgrade: 128-132 s, against
    140-148 s with its writers niced)."""
    todo = jobs(catalog, rebuild)
    fork = multiprocessing.get_context("fork")
    taken, large = fork.Value("i", 0), fork.Lock()
    nice = NICE if rebuild else 0
    paketet = Paketet(fork)
    with parallel.beside(write, catalog, files, site_url, register, memo, todo, taken, large, nice, paketet,
                         temporary) as first, \
            parallel.beside(write, catalog, files, site_url, register, memo, todo, taken, large, nice, paketet,
                            temporary) as second:
        del catalog  # each writer has its own: the build may let go of its catalog meanwhile
        yield Writers(first, second, fork)
