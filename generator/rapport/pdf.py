"""The report as a tagged PDF/UA-1, laid out by Typst from the report's document.

Why Typst: it writes PDF/UA-1 (tagged structure with real tables, header cells and
captions, the document language, the title shown in the window, bookmarks from the
headings, the charts as figures with their text alternative), it comes as a Python wheel
with its own compiled engine (no browser, no system library), and it is fast: the national
regionstyrelsen report (452 tables, 20,360 cells) takes about 9 s and 600 MB in a machine's
slow minutes, where WeasyPrint, used until the forty-first round of issue 11, took 26-40 s
and 900 MB on the longest path of a national build. Typst runs in a program of its own (typst_program.py).

One thing the site's page has that the PDF has not: a row's first cell is bold but tagged as
a data cell, not as the row's header. Typst 0.15 marks row headers only behind a feature
flag (`pdf.header-cell`, "a11y-extras") that its Python package cannot turn on; the column
headers, the caption and the table's structure are tagged.
"""

from __future__ import annotations

import contextlib
import functools
import subprocess
import sys
from contextlib import AbstractContextManager
from pathlib import Path

from generator.problems import BuildError
from generator.site import parallel

# Isolated (-I): the program imports Typst from this environment and nothing of the working folder.
PROGRAM = [sys.executable, "-I", str(Path(__file__).with_name("typst_program.py"))]

# A report's layout takes memory in proportion to its document: about 600 MB for the 1.1 MB
# of a national regionstyrelsen report, 300 MB for the 0.45 MB of a national
# hälso- och sjukvårdsnämnd's. From this size on, the build's writers lay out one such report
# at a time (see `one_large_at_a_time`); smaller ones never wait.
LARGE = 500_000
_large: AbstractContextManager[object] | None = None


def one_large_at_a_time(lock: AbstractContextManager[object]) -> None:
    """Share `lock` (a multiprocessing lock made before the writers were forked) for the
    layout of large reports in this process."""
    global _large
    _large = lock


# A pure function of its document (pdfkalla.kalla): called again in the same process (`insyn
# rapport`, a test writing the same report twice) it lays out once. Across builds the files
# memo keeps the PDFs (rapport.filer), and a test run its own (tests/support/made_once.py).
@functools.lru_cache(maxsize=16)
def pdf_bytes(kalla: str) -> bytes:
    with _large if _large is not None and len(kalla) >= LARGE else contextlib.nullcontext():
        return _laid_out(kalla)


def _laid_out(kalla: str) -> bytes:
    """The PDF from Typst's program. When the build is stopped while it waits (it failed
    elsewhere, SIGTERM, Ctrl+C), subprocess.run stops the program too."""
    done = subprocess.run(PROGRAM, input=kalla.encode("utf-8"), capture_output=True, check=False)  # noqa: S603 - this interpreter, our file
    if done.returncode < 0:  # ended by a signal, most often the system's when memory ran out
        raise parallel.ended_without_a_word(done.returncode)
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()
        raise BuildError("report-layout-failed", f"Typst kunde inte göra rapportens PDF: {said}",
                         "Typsts eget meddelande står efter kolonet. Det är ett fel i Insyn, inte i datan: "
                         "rapportera det med meddelandet.")
    return done.stdout
