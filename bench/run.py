"""How the build's cost grows with the data: figures to read, not assertions (`make bench`).

For each size (bench/dataset.py) it makes a contract-valid dataset, runs the real
`insyn build` in a child process and prints, per stage, the wall time; then pages per
second, one rebuild after a single follow-up is edited and the next after it is edited
again, the bytes a phone downloads for its first search, and the peak memory of the build's
whole process tree (in one more full build: sampling slows the build it samples). Beside
each size, how fast the machine was (bench/machine.py): the pace of a fixed piece of work
just before the full build, and the processor time the host took during it.

    python -m bench.run                          # exempel, x10, nationell and nationell-riktlinje
    python -m bench.run --sizes exempel x10      # fewer
    python -m bench.run --markdown               # the table for bench/RESULTS.md as well
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import dataset, machine, search_bytes

ROOT = Path(__file__).resolve().parent.parent
# The tests' build time (tests/support/build.py), so the site is the one the tests check.
EPOCH = "1795392000"
# The engine's stages (the pages, then the hand-written pages once open data is written).
ENGINE = ("Bygger webbplatsen med", "Bygger de handskrivna sidorna med")
# `insyn serve` keeps one process and rebuilds in it: measured the same way, for the example.
_SERVE = """
import sys, time
from pathlib import Path
from generator import pipeline
from generator.settings import BuildSettings, reference_day
from bench.run import _edit_one_followup
data, out = Path(sys.argv[1]), Path(sys.argv[2])
settings = BuildSettings(data_dir=data, out_dir=out, content_dir=Path("content"), idag=reference_day(), show_progress=False)
pipeline.build(settings)
_edit_one_followup(data)
started = time.monotonic()
pipeline.build(settings)
print(time.monotonic() - started)
"""


@dataclass
class Result:
    size: str
    counts: dataset.Counts
    pages: int = 0
    total: float = 0.0
    peak_mb: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    cpu: float = 0.0
    rebuild: float = 0.0
    rebuild_next: float = 0.0
    serve: float | None = None
    search: search_bytes.Download | None = None
    pace: float = 0.0  # CPU seconds of the fixed work just before the full build (machine.pace)
    stolen: float | None = None  # seconds the host took from the cores during the full build (machine.stolen)

    @property
    def engine(self) -> float:
        return sum(seconds for name, seconds in self.stages.items() if name.startswith(ENGINE))


def _tree_rss_kb(pid: int) -> int:
    """Memory of `pid` and every process below it, in KiB: the proportional set size (Pss), so a
    page that a forked child still shares with the build is counted once, not once per process."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            found = re.search(r"^Pss:\s+(\d+)", rollup, re.MULTILINE)
            total += int(found.group(1)) if found else 0
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed_build(data: Path, out: Path, timings: Path, sampled: bool = True) -> tuple[float, float, float]:
    """Run `insyn build` once; (wall seconds, peak MB of the process tree, CPU seconds of
    the whole tree: the figure that other work on the machine does not inflate).

    Reading a process's Pss walks its page tables and holds the process up meanwhile, and
    the sampler takes a core's share itself (a national full build: 129.3 s sampled, of which
    the sampler's own CPU 47.9 s, against 105.4 s not; a guideline-sized rebuild, alternated:
    22.5–23.7 s sampled, 16.9–23.5 s not): without `sampled` the memory is not sampled and the
    peak is 0."""
    timings.unlink(missing_ok=True)
    cpu_before = _cpu_of_children()
    env = dict(os.environ, INSYN_TIMINGS=str(timings), SOURCE_DATE_EPOCH=EPOCH)
    started = time.perf_counter()
    # `-m` from ROOT: the code of this work tree, not what the interpreter's environment installed
    # (an editable install points at the clone it was made from, not at a second work tree).
    child = subprocess.Popen([sys.executable, "-m", "generator.cli", "build", "--data", str(data),  # noqa: S603 - ourselves
                              "--out", str(out), "--content", str(ROOT / "content")], env=env, cwd=ROOT)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_kb(child.pid))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True) if sampled else None
    if sampler is not None:
        sampler.start()
    code = child.wait()
    wall = time.perf_counter() - started
    stop.set()
    if sampler is not None:
        sampler.join()
    if code:
        raise SystemExit(f"insyn build misslyckades för {data} (kod {code})")
    return wall, peak / 1024, _cpu_of_children() - cpu_before


def _stages(timings: Path) -> dict[str, float]:
    stages: dict[str, float] = {}
    for line in timings.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        stages[entry["stage"]] = stages.get(entry["stage"], 0.0) + entry["seconds"]
    return stages


def _edit_one_followup(data: Path) -> None:
    """What a member of staff does most: correct one follow-up's summary."""
    path = next(p for p in sorted((data / "uppfoljningar").rglob("*.yaml")) if "sammanfattning:" in p.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("sammanfattning: ", "sammanfattning: Rättad. ", 1), encoding="utf-8")


def measure(size: dataset.Size, work: Path, with_search: bool) -> Result:
    data, out, timings = work / f"data-{size.name}", work / f"site-{size.name}", work / f"timings-{size.name}.jsonl"
    result = Result(size.name, dataset.make(ROOT / "data", data, size))
    result.pace = machine.pace()
    stolen_before = machine.stolen()
    result.total, _, result.cpu = _timed_build(data, out, timings, sampled=False)
    stolen_after = machine.stolen()
    if stolen_before is not None and stolen_after is not None:
        result.stolen = stolen_after - stolen_before
    result.stages = _stages(timings)
    result.pages = sum(1 for _ in out.rglob("*.html"))
    if with_search and (out / "pagefind").is_dir():
        result.search = search_bytes.first_query(out, "hälsocentralen")
    _edit_one_followup(data)
    result.rebuild, _, _ = _timed_build(data, out, timings, sampled=False)  # its peak is not reported
    # The same correction once more, as staff work: this rebuild starts from the site the last
    # one replaced (site.kept), which the first after a full build cannot.
    _edit_one_followup(data)
    result.rebuild_next, _, _ = _timed_build(data, out, timings, sampled=False)
    if size.name == "exempel":
        result.serve = _serve_rebuild(work, size)
    result.peak_mb = _peak_of_full_build(data, work / f"minne-{size.name}")
    return result


def _peak_of_full_build(data: Path, folder: Path) -> float:
    """The peak memory (MB) of one more full build of `data`, made in `folder` (new, removed
    after) and sampled: the timed build above is not, since sampling would slow it down."""
    folder.mkdir()
    try:
        _, peak, _ = _timed_build(data, folder / "site", folder / "timings.jsonl")
    finally:
        shutil.rmtree(folder)
    return peak


def _serve_rebuild(work: Path, size: dataset.Size) -> float:
    """Seconds from an edit to the new site in a process that has built once already, as `insyn serve` does."""
    data = work / f"data-{size.name}-serve"
    dataset.make(ROOT / "data", data, size)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    done = subprocess.run([sys.executable, "-c", _SERVE, str(data), str(work / f"site-{size.name}-serve")], cwd=ROOT,  # noqa: S603 - this interpreter, our script
                          env=env, capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def _kb(download: search_bytes.Download) -> str:
    return f"{download.gzipped / 1024:.0f} KB ({download.stored / 1024:.0f} KB okomprimerat, {download.files} filer)"


def _stolen(result: Result) -> str:
    """The host's steal during the full build, in seconds and as a share of both cores' time."""
    if result.stolen is None:
        return "okänt"
    share = result.stolen / (result.total * (os.cpu_count() or 1)) if result.total else 0.0
    return f"{result.stolen:.1f} s ({100 * share:.0f} %)"


def _print(result: Result) -> None:
    c = result.counts
    own = result.total - result.engine
    print(f"\n== {result.size}: {c.utforare} utförare, {c.avtal} avtal, {c.uppfoljningar} uppföljningar, "
          f"{c.nyckeltalsvarden} nyckeltalsvärden, {result.pages} sidor", flush=True)
    for name, seconds in result.stages.items():
        print(f"   {seconds:7.1f} s  {name}")
    print(f"   takten (samma fasta arbete före bygget) {result.pace:.2f} s processortid; värden tog {_stolen(result)} av processorerna under bygget")
    print(f"   totalt {result.total:.1f} s ({result.cpu:.0f} s processortid), {result.pages / result.total:.0f} sidor/s, högsta minne {result.peak_mb:.0f} MB, "
          f"Insyns egna steg {own:.1f} s ({100 * own / result.total:.0f} %), omtag efter en ändrad uppföljning {result.rebuild:.1f} s, "
          f"nästa omtag {result.rebuild_next:.1f} s"
          + (f", i insyn serve {result.serve:.1f} s" if result.serve is not None else "")
          + (f", första sökningen {_kb(result.search)}" if result.search else ""), flush=True)


def markdown(results: list[Result]) -> str:
    names = list(dict.fromkeys(name for r in results for name in r.stages))
    head = ["dataset", "pace", "host's steal", "pages", "total", "CPU time", *names, "pages/s", "peak memory", "Insyn's own", "rebuild after 1 edit", "next rebuild", "serve after 1 edit", "first search"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        own = r.total - r.engine
        cells = [r.size, f"{r.pace:.2f} s", _stolen(r), f"{r.pages:,}", f"{r.total:.1f} s", f"{r.cpu:.0f} s", *(f"{r.stages.get(n, 0.0):.1f} s" for n in names),
                 f"{r.pages / r.total:.0f}", f"{r.peak_mb:.0f} MB", f"{100 * own / r.total:.0f} %", f"{r.rebuild:.1f} s", f"{r.rebuild_next:.1f} s",
                 f"{r.serve:.1f} s" if r.serve is not None else "–",
                 _kb(r.search) if r.search else "–"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", nargs="+", choices=list(dataset.SIZES), default=list(dataset.SIZES))
    parser.add_argument("--no-search", action="store_true", help="skip the browser measurement of the first search")
    parser.add_argument("--markdown", action="store_true", help="print the table for bench/RESULTS.md at the end")
    parser.add_argument("--keep", type=Path, help="make the datasets and sites in this new folder and keep them")
    args = parser.parse_args()
    print(machine.describe(ROOT), flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="insyn-bench-") as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        for name in args.sizes:
            results.append(measure(dataset.SIZES[name], work, not args.no_search))
            _print(results[-1])
    if args.markdown:
        print("\n" + markdown(results))


if __name__ == "__main__":
    main()
