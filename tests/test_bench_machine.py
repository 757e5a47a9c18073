"""The bench says how fast the machine was beside its figures (bench/machine.py): the host's
steal read from /proc/stat, and both figures in every row of the table for RESULTS.md."""

from __future__ import annotations

import os
from pathlib import Path

from bench import dataset, machine, run

# A kernel's /proc/stat: user nice system idle iowait irq softirq steal guest guest_nice.
STAT = "cpu  196707 5199 25322 108978 5970 0 1524 29455 0 0\ncpu0 98000 2600 12600 54000 3000 0 700 14700 0 0\n"


def test_the_host_s_steal_is_the_eighth_figure_of_the_cpu_line(tmp_path: Path) -> None:
    stat = tmp_path / "stat"
    stat.write_text(STAT, encoding="ascii")
    assert machine.stolen(stat) == 29455 / os.sysconf("SC_CLK_TCK")


def test_a_system_that_does_not_say_gives_no_steal(tmp_path: Path) -> None:
    assert machine.stolen(tmp_path / "missing") is None
    old_kernel = tmp_path / "stat"
    old_kernel.write_text("cpu  196707 5199 25322 108978\n", encoding="ascii")
    assert machine.stolen(old_kernel) is None


def test_the_bench_s_machine_gives_its_steal_and_a_pace() -> None:
    """The bench's machine (Linux) has the figure in its real /proc/stat; the pace is CPU time spent."""
    assert machine.stolen() is not None
    assert machine.pace() > 0


def test_every_row_of_the_table_says_how_fast_the_machine_was() -> None:
    counts = dataset.Counts(utforare=1, avtal=1, uppfoljningar=1, nyckeltalsvarden=1)
    quick = run.Result("exempel", counts, pages=300, total=10.0, cpu=18.0, pace=0.61, stolen=1.0)
    unknown = run.Result("x10", counts, pages=3000, total=40.0, cpu=70.0, pace=1.4, stolen=None)
    header, _, *rows = run.markdown([quick, unknown]).splitlines()
    columns = [cell.strip() for cell in header.strip("|").split("|")]
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    pace, steal = columns.index("pace"), columns.index("host's steal")
    share = 100 * 1.0 / (10.0 * (os.cpu_count() or 1))
    assert (cells[0][pace], cells[0][steal]) == ("0.61 s", f"1.0 s ({share:.0f} %)")
    assert (cells[1][pace], cells[1][steal]) == ("1.40 s", "okänt")
