"""How the build's cost grows with the data: figures to read, not assertions.

Makes synthetic datasets of N providers by copying a real dataset (each copy of a provider
brings its contracts, follow-ups and key-figure values, with new ids), builds each one
through the real pipeline and prints the time of every stage and the peak memory.
Each size runs in its own process, so the peak memory is that build's own.

    python scripts/benchmark.py                 # 100, 500 and 1000 providers from data/
    python scripts/benchmark.py --sizes 50 200 --base tests/fixtures/minimal
    python scripts/benchmark.py --rapport       # insyn rapport on data/ and on ten times data/
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALED = ("utforare", "avtal", "uppfoljningar")


def _ids(base: Path) -> list[str]:
    return sorted({p.stem for folder in SCALED for p in (base / folder).rglob("*.yaml")}, key=len, reverse=True)


def make_dataset(base: Path, target: Path, providers: int) -> int:
    """Copy `base` to `target` with about `providers` providers; returns the real count."""
    shutil.copytree(base, target)
    ids = _ids(base)
    pattern = re.compile(r"(?<![a-z0-9-])(" + "|".join(map(re.escape, ids)) + r")(?![a-z0-9-])")
    own = sorted(p.stem for p in (base / "utforare").glob("*.yaml"))
    copies = max(1, math.ceil(providers / len(own)))
    for k in range(1, copies):
        def rename(match: re.Match[str], k: int = k) -> str:
            return f"{match.group(1)}-x{k}"

        for folder in SCALED:
            for source in (base / folder).rglob("*.yaml"):
                rel = source.relative_to(base / folder)
                new = target / folder / rel.with_name(f"{source.stem}-x{k}.yaml")
                new.write_text(pattern.sub(rename, source.read_text(encoding="utf-8")), encoding="utf-8")
        for csv in (base / "nyckeltalsvarden").glob("*.csv"):
            rows = [line for line in csv.read_text(encoding="utf-8").splitlines()[1:] if line.split(",", 1)[0] in own]
            with (target / "nyckeltalsvarden" / csv.name).open("a", encoding="utf-8") as out:
                out.writelines(pattern.sub(rename, row, count=1) + "\n" for row in rows)
    return len(own) * copies


def run_one(data: Path) -> None:
    """Build `data` once and print one line of figures (runs in a child process)."""
    from generator import pipeline
    from generator.progress import Progress
    from generator.settings import BuildSettings

    times: dict[str, float] = {}

    class Timing(Progress):
        @contextmanager
        def stage(self, text: str) -> Iterator[None]:
            started = time.perf_counter()
            yield
            times[text] = time.perf_counter() - started

    progress = Timing(False)
    with tempfile.TemporaryDirectory() as work:
        settings = BuildSettings(data_dir=data, out_dir=Path(work) / "site", content_dir=ROOT / "content",
                                 idag=dt.date(2026, 11, 23))
        total = time.perf_counter()
        catalog = pipeline.build(settings, progress=progress)
        total = time.perf_counter() - total
        html = sum(1 for _ in (Path(work) / "site").rglob("*.html"))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stages = "; ".join(f"{name}: {seconds:.1f} s" for name, seconds in times.items())
    print(f"{len(catalog.utforare)} utförare, {len(catalog.uppfoljningar)} uppföljningar, {html} sidor: "
          f"totalt {total:.1f} s, högsta minne {peak_mb:.0f} MB\n    {stages}", flush=True)


def time_rapport(data: Path, label: str) -> None:
    """Run the real `insyn rapport` for the nämnd with the most contracts and print its time."""
    namnder = re.findall(r"^namnd: (\S+)$", "".join(p.read_text(encoding="utf-8") for p in (data / "avtal").glob("*.yaml")), re.M)
    namnd = max(sorted(set(namnder)), key=namnder.count)
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "generator.cli", "rapport", "--namnd", namnd, "--ar", "2026",  # noqa: S603 - ourselves
                        "--data", str(data), "--out", out], check=True, cwd=ROOT, capture_output=True,
                       env={**os.environ, "SOURCE_DATE_EPOCH": "1795392000"})
        seconds = time.perf_counter() - started
        sizes = ", ".join(f"{p.suffix[1:]} {p.stat().st_size // 1024} kB" for p in sorted(Path(out).iterdir()))
    print(f"insyn rapport --namnd {namnd} --ar 2026, {label}: {seconds:.1f} s ({sizes})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[100, 500, 1000])
    parser.add_argument("--base", type=Path, default=ROOT / "data")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--rapport", action="store_true", help="Time insyn rapport on the base data and ten times it.")
    args = parser.parse_args()
    if args.one:
        run_one(args.one)
        return
    if args.rapport:
        with tempfile.TemporaryDirectory(prefix="insyn-bench-") as work:
            providers = len(list((args.base / "utforare").glob("*.yaml")))
            time_rapport(args.base, f"{providers} utförare")
            data = Path(work) / "data-x10"
            real = make_dataset(args.base, data, providers * 10)
            time_rapport(data, f"{real} utförare (tio gånger)")
        return
    with tempfile.TemporaryDirectory(prefix="insyn-bench-") as work:
        for size in args.sizes:
            data = Path(work) / f"data-{size}"
            make_dataset(args.base, data, size)
            subprocess.run([sys.executable, __file__, "--one", str(data)], check=True, cwd=ROOT)  # noqa: S603 - ourselves


if __name__ == "__main__":
    main()
