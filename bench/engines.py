"""MkDocs and Zensical side by side on the same pages (issue 11, target 6): figures printed, not asserted.

    python -m bench.engines                          # the example and the national dataset
    python -m bench.engines --sizes exempel

For each size the real build (generator.pipeline) stages the engine's input and is stopped
when it calls its engine: both engines get the folder and configuration the build gives
MkDocs. Then each run below, one at a time, each in a process of its own (the build itself
splits MkDocs' pages over two processes, site.split; here each engine has the whole site):

- MkDocs, every page, as the build runs it: Insyn's generated pages taken as finished HTML;
- MkDocs, every page through Markdown, as a plain MkDocs site would be;
- Zensical, every page from an empty cache, again from its cache, and again after one
  follow-up page is edited;
- MkDocs after the same edit, as a rebuild runs it: that page alone rendered (the navigation's
  pages read for their titles); Zensical the same way (given that page and the navigation's).

Each run's wall time, CPU time and peak memory (the largest resident size of its processes).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import dataset, machine
from bench.run import EPOCH  # the tests' build date, so the pages are theirs

ROOT = Path(__file__).resolve().parent.parent
_INPUT = "indata.pickle"  # the configuration and the finished-HTML pages, beside the staged docs/


class _Staged(Exception):
    """Raised by the recording engine once the input is copied: the build has done its part."""


@dataclass
class _Recorder:
    """An engine that copies its input and stops the build; in the build's own process only
    (a second engine forked beside it, site.split, writes nothing)."""

    into: Path
    name: str = "MkDocs"
    builder: int = field(default_factory=os.getpid)

    def build(self, pages: Path, out: Path, config: Mapping[str, Any], only: Collection[str] | None = None,
              html: Collection[str] = (), others: bool = True) -> None:
        if os.getpid() != self.builder:
            return
        shutil.copytree(pages, self.into / "docs")
        (self.into / _INPUT).write_bytes(pickle.dumps((dict(config), sorted(html))))
        raise _Staged


def stage(data: Path, folder: Path) -> None:
    """The engine's input for `data`, as the build makes it: `folder`/docs and its configuration."""
    from generator import pipeline
    from generator.settings import BuildSettings, reference_day

    folder.mkdir(parents=True)
    settings = BuildSettings(data_dir=data, out_dir=folder / "site", content_dir=ROOT / "content", idag=reference_day())
    try:
        pipeline.build(settings, engine=_Recorder(folder))
    except _Staged:
        return
    raise SystemExit("bygget anropade aldrig sin motor")


def staged(folder: Path) -> tuple[Path, dict[str, Any], list[str]]:
    """What `stage` kept in `folder`: the pages, the configuration and the finished-HTML pages."""
    config, html = pickle.loads((folder / _INPUT).read_bytes())  # noqa: S301 - written by stage above
    return folder / "docs", config, html


def _one(kind: str, folder: Path, out: Path) -> None:
    """One step, in this (child) process: staging the input (`out` is then the data), or an engine run."""
    from generator.site.engine import MkDocs, Zensical

    if kind == "stage":
        stage(out, folder)
        return
    docs, config, html = staged(folder)
    edited = [_edited_page(docs)]
    runs = {
        "mkdocs": lambda: MkDocs().build(docs, out, config, html=html),
        "mkdocs-markdown": lambda: MkDocs().build(docs, out, config),
        "zensical": lambda: Zensical().build(docs, out, config),
        "mkdocs-edit": lambda: MkDocs().build(docs, out, config, only=edited, html=edited, others=False),
        "zensical-edit": lambda: Zensical().build(docs, out, config, only=edited, others=False),
    }
    runs[kind]()


def _edited_page(docs: Path) -> str:
    return min(p.relative_to(docs).as_posix() for p in (docs / "uppfoljningar").glob("*.md"))


def _edit(docs: Path) -> None:
    """What staff do most, as the page source shows it: one follow-up's summary corrected."""
    path = docs / _edited_page(docs)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("<p>", "<p>Rättad. ", 1), encoding="utf-8")


@dataclass
class Run:
    what: str
    wall: float
    cpu: float
    peak_mb: float


def _timed(kind: str, folder: Path, what: str, out: Path | None = None) -> Run:
    if out is None:
        out = folder.parent / f"{folder.name}-{kind}"
        shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    print(f"  {what} …", file=sys.stderr, flush=True)  # up to two and a half minutes at national size
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "bench.engines", "--one", kind, str(folder), str(out)],  # noqa: S603 - ourselves
                             cwd=ROOT, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{what} misslyckades (kod {child.returncode})")
    # wait4's figures include the child's own waited-for children (Zensical's program).
    return Run(what, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def measure(size: dataset.Size, work: Path) -> tuple[int, list[Run]]:
    data, folder = work / f"data-{size.name}", work / f"motorer-{size.name}"
    dataset.make(ROOT / "data", data, size)
    _timed("stage", folder, "the build up to its engine", out=data)
    pages = sum(1 for _ in (folder / "docs").rglob("*.md"))
    runs = [_timed("mkdocs", folder, "MkDocs, as Insyn runs it (generated pages as finished HTML)"),
            _timed("mkdocs-markdown", folder, "MkDocs, every page through Markdown")]
    if importlib.util.find_spec("zensical") is None:
        print("Zensical is not installed here (make .venv/.test-deps installs it): not measured", flush=True)
        return pages, runs
    runs += [_timed("zensical", folder, "Zensical, empty cache"),
             _timed("zensical", folder, "Zensical, from its cache, nothing changed")]
    _edit(folder / "docs")
    runs += [_timed("zensical", folder, "Zensical, from its cache, one follow-up page edited"),
             _timed("mkdocs-edit", folder, "MkDocs, that page alone, as a rebuild runs it"),
             _timed("zensical-edit", folder, "Zensical, that page alone, as a rebuild would run it")]
    return pages, runs


def markdown(size: str, pages: int, runs: list[Run]) -> str:
    head = ["| dataset | pages | engine run | wall | CPU | peak memory |", "|---|---|---|---|---|---|"]
    return "\n".join(head + [f"| {size} | {pages:,} | {r.what} | {r.wall:.1f} s | {r.cpu:.1f} s | {r.peak_mb:,.0f} MB |"
                             for r in runs])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", nargs="+", choices=list(dataset.SIZES), default=["exempel", "nationell"])
    parser.add_argument("--one", nargs=3, metavar=("KIND", "FOLDER", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        kind, folder, out = args.one
        _one(kind, Path(folder), Path(out))
        return
    print(machine.describe(ROOT), flush=True)
    with tempfile.TemporaryDirectory(prefix="insyn-bench-") as work:
        for name in args.sizes:
            print(f"{name}: the pace {machine.pace():.2f} s", flush=True)
            pages, runs = measure(dataset.SIZES[name], Path(work))
            print(markdown(name, pages, runs), flush=True)


if __name__ == "__main__":
    main()
