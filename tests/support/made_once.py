"""Pure outputs made once in a test run and taken from there after that.

A run builds the minimal dataset some two hundred times, mostly unchanged, and most of a
build's CPU went on outputs that are pure functions of their inputs: the reports' PDF
layouts (two thirds of it once), then the package's check by Frictionless (0.9 s), the
reports' Word and PowerPoint files (0.6 s). Each is made for real the first time its inputs
occur in the run and kept as a file in a folder both xdist workers share (the builds make
them in forked writers); the same inputs later in the run get the same bytes from there.
Only what was made is kept: a check that fails raises and keeps nothing, so every package
that differs, or that a test breaks, is checked by Frictionless. The command line the
tests start (tests/support/insyn.py) makes them once too, in the folder FOLDER names. Tests
that watch the making itself (Typst's program, python-docx, the check) carry the marker
`made_each_time`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from generator.memo import Memo, content
from generator.rapport import pdf

LayOut = Callable[[str], bytes]
# The memo's kinds of output made once per run here (rapport.filer, opendata.package); the
# PDF is kept by its layout's input instead (`layouts_in`), which the memo does not key on.
KINDS = frozenset({"docx", "pptx", "kontrollerat-paket", "kontrollerat-tabell"})
# The run's folder, for the command line the tests start; unset where a test watches the making.
FOLDER = "INSYN_TESTS_MADE_ONCE"
# What `install` replaces, as the build has it: put back by `uninstall` and `each_time`. The
# run's folder is a memo of its own through the same Memo.file (found, or made and kept whole
# or not at all, as another writer may read it).
_LAY_OUT, _FILE = pdf._laid_out, Memo.file


def install(folder: Path) -> None:
    """From now on in this process (and the processes it forks, and the command line it starts
    through tests/support/insyn.py), outputs are made once in `folder`."""
    pdf._laid_out = layouts_in(folder, _LAY_OUT)
    Memo.file = memo_files_in(folder, _FILE)  # type: ignore[method-assign]
    os.environ[FOLDER] = str(folder)


def uninstall() -> None:
    """Every output made for real again, as `install` found it."""
    pdf._laid_out, Memo.file = _LAY_OUT, _FILE  # type: ignore[method-assign]
    os.environ.pop(FOLDER, None)


def each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """For one test that watches the making (marker `made_each_time`): every output made for
    real, here and by the command line it starts, until the test ends."""
    monkeypatch.setattr(pdf, "_laid_out", _LAY_OUT)
    monkeypatch.setattr(Memo, "file", _FILE)
    monkeypatch.delenv(FOLDER, raising=False)


def layouts_in(folder: Path, lay_out: LayOut) -> LayOut:
    """`lay_out` (rapport.pdf._laid_out), with each result kept under the digest of its input."""
    run = Memo(None, folder)

    def laid_out(kalla: str) -> bytes:
        return content(_FILE(run, "pdf", [kalla], lambda: lay_out(kalla)))

    return laid_out


def memo_files_in(folder: Path, file: Callable[..., object]) -> Callable[..., object]:
    """`Memo.file`, whose outputs of KINDS are made once in the run: the build's own memo
    still finds, keeps and links them as it does, only the making is taken from `folder`."""
    run = Memo(None, folder)

    def kept_file(memo: Memo, kind: str, inputs: Iterable[str | bytes], make: Callable[[], bytes],
                  whole: Callable[[bytes], bool] | None = None) -> object:
        if kind not in KINDS:
            return file(memo, kind, inputs, make, whole)
        inputs = list(inputs)  # hashed by both memos
        return file(memo, kind, inputs, lambda: content(_FILE(run, kind, inputs, make)), whole)

    return kept_file
