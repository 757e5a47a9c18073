"""How fast the machine is while the bench runs: its figures mean little without.

This machine is a virtual one whose speed changes within minutes: the same national build
took 100 s in one hour and 190 s in another. Two figures say what kind of minute a row was
measured in, so that a slow row is not read as slow code:

- the pace: the CPU seconds of a fixed piece of pure-Python work on one core, just before
  a size's full build (more when the core itself runs slower);
- the host's steal: the seconds of processor time the host took from this machine's cores
  while the full build ran (`/proc/stat`, the eighth figure of its "cpu" line), which the
  build wanted and did not get.

Neither sees everything: in the slowest minutes on record (bench/RESULTS.md, the
thirty-third round) the build took twice its CPU time with a normal pace and almost no
steal. The example's CPU time, in the same table, is still the plainest sign of such minutes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

# The fixed work: about half a second of CPU (0.33-0.48 s in the first bench that measured it).
_PACE_STEPS = 5_000_000


def describe(root: Path) -> str:
    """The machine, the commit of `root` and how busy the machine already is."""
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "okänd processor")
    memory = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,  # noqa: S607
                            text=True, check=False).stdout.strip() or "okänd"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} kärnor ({model}), {memory} MB minne, Python {sys.version.split()[0]}, commit {commit}, belastning före start {load}"


def pace() -> float:
    """CPU seconds of the fixed work in this process."""
    started = time.process_time()
    total = 0
    for step in range(_PACE_STEPS):
        total += step * step % 7
    return time.process_time() - started


def stolen(stat: Path = Path("/proc/stat")) -> float | None:
    """Seconds of processor time the host has taken from all of this machine's cores since it
    started; None where the system does not say (not Linux, or a kernel without the figure)."""
    try:
        figures = stat.read_text(encoding="ascii").split("\n", 1)[0].split()
        if figures[0] != "cpu":
            return None
        return int(figures[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None
