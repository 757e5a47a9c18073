"""How long `insyn rapport` takes: figures printed, not asserted (issue 13).

    python -m bench.rapport          # the example in data/ and ten times it
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import dataset

ROOT = Path(__file__).resolve().parent.parent


def _busiest_namnd(data: Path) -> str:
    """The nämnd with the most contracts, so the figure is the slowest report of the dataset."""
    namnder = re.findall(r"^namnd: (\S+)$", "".join(p.read_text(encoding="utf-8") for p in (data / "avtal").glob("*.yaml")), re.M)
    return max(sorted(set(namnder)), key=namnder.count)


def time_rapport(data: Path, label: str) -> None:
    """Run the real `insyn rapport` for the busiest nämnd and print its time and file sizes."""
    namnd = _busiest_namnd(data)
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "generator.cli", "rapport", "--namnd", namnd, "--ar", "2026",  # noqa: S603 - ourselves
                        "--data", str(data), "--out", out], check=True, cwd=ROOT, capture_output=True,
                       env={**os.environ, "SOURCE_DATE_EPOCH": "1795392000"})
        seconds = time.perf_counter() - started
        sizes = ", ".join(f"{p.suffix[1:]} {p.stat().st_size // 1024} kB" for p in sorted(Path(out).rglob("*")) if p.is_file())
    print(f"insyn rapport --namnd {namnd} --ar 2026, {label}: {seconds:.1f} s ({sizes})", flush=True)


def main() -> None:
    base = ROOT / "data"
    time_rapport(base, "exempeldatan")
    with tempfile.TemporaryDirectory(prefix="insyn-bench-") as work:
        counts = dataset.make(base, Path(work) / "data-x10", dataset.SIZES["x10"])
        time_rapport(Path(work) / "data-x10", f"{counts.utforare} utförare (tio gånger)")


if __name__ == "__main__":
    main()
