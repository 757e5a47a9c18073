"""A step run beside the build, or in it where a second process would not pay: the caller
gets the same result, and failures, either way."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from generator.problems import BuildError
from generator.site import parallel


def _where(x: int) -> tuple[int, int]:
    return os.getpid(), x * 2


def _fails() -> None:
    raise BuildError("search-index-missing", "Sökindexet kunde inte byggas.", "Bygg igen.")


@pytest.mark.parametrize("wanted", [True, False])
def test_the_same_result_from_either_process(wanted: bool) -> None:
    with parallel.beside_if(wanted, _where, 21) as result:
        pid, value = result()
    assert value == 42
    assert (pid != os.getpid()) == wanted


@pytest.mark.parametrize("wanted", [True, False])
def test_a_failure_reaches_the_caller_when_it_waits(wanted: bool) -> None:
    with pytest.raises(BuildError) as failure, parallel.beside_if(wanted, _fails) as result:
        result()
    assert failure.value.code == "search-index-missing" and failure.value.hint == "Bygg igen."


_kept: list[bytes] = []


def _keeps(size: int) -> int:
    """A step that keeps what it made, as a layout's caches and freed-but-kept pages do."""
    _kept.append(b"x" * size)
    return os.getpid()


def _resident_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def test_a_step_in_a_child_gives_its_result_and_its_failure() -> None:
    assert parallel.in_child(_where, 21)[1] == 42
    assert parallel.in_child(_where, 21)[0] != os.getpid()
    with pytest.raises(BuildError) as failure:
        parallel.in_child(_fails)
    assert failure.value.code == "search-index-missing" and failure.value.hint == "Bygg igen."


def test_what_a_step_in_a_child_takes_in_memory_goes_with_the_child() -> None:
    before = _resident_mb()
    parallel.in_child(_keeps, 300_000_000)
    assert not _kept
    assert _resident_mb() - before < 50


def _waits(pid_file: Path) -> None:
    pid_file.write_text(str(os.getpid()))
    time.sleep(120)


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")  # ended, not yet reaped by whoever adopted it


def _pid_from(pid_file: Path) -> int:
    for _ in range(200):
        if pid_file.exists() and pid_file.read_text():
            return int(pid_file.read_text())
        time.sleep(0.05)
    raise AssertionError("the child never started")


def test_a_child_ends_with_the_process_that_waits_for_it(tmp_path: Path) -> None:
    """A writer stopped however hard (SIGKILL) leaves no layout running behind it."""
    pid_file = tmp_path / "barn.pid"
    writer = multiprocessing.get_context("fork").Process(target=parallel.in_child, args=(_waits, pid_file))
    writer.start()
    child = _pid_from(pid_file)
    os.kill(writer.pid, signal.SIGKILL)
    writer.join()
    for _ in range(100):
        if _gone(child):
            break
        time.sleep(0.05)
    assert _gone(child)


class _Stopped(Exception):
    pass


def test_a_waiting_process_that_is_interrupted_stops_its_child(tmp_path: Path) -> None:
    """Ctrl+C (or SIGTERM, which the build treats the same) while a child works: the child is
    stopped and reaped before the interruption goes on, not left to finish its work."""
    pid_file = tmp_path / "barn.pid"

    def interrupt(*_: object) -> None:
        raise _Stopped

    previous = signal.signal(signal.SIGUSR1, interrupt)
    started = time.monotonic()
    try:
        threading.Thread(target=lambda: (_pid_from(pid_file), os.kill(os.getpid(), signal.SIGUSR1)), daemon=True).start()
        with pytest.raises(_Stopped):
            parallel.in_child(_waits, pid_file)
    finally:
        signal.signal(signal.SIGUSR1, previous)
    assert _gone(int(pid_file.read_text()))
    assert time.monotonic() - started < 60


def _own_mb() -> float:
    """This process's memory that no other process shares (Private_* of smaps_rollup)."""
    rollup = Path("/proc/self/smaps_rollup").read_text()
    return sum(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Private_")) / 1000


def _own_mb_once(ready: Any) -> float:
    ready.wait(60)
    return _own_mb()


def test_a_child_does_not_keep_memory_its_parent_had_let_go_of() -> None:
    """Memory the build has freed but its allocator still holds, shared with a child forked
    then, became the child's own as soon as the build used it again."""
    freed = [b"x" * 1000 + bytes([i % 256]) for i in range(200_000)]  # 200 MB in the C allocator's heap
    kept = freed[::50]  # the freed chunks between these stay inside the heap, not returned on their own
    del freed
    ready = multiprocessing.get_context("fork").Event()
    with parallel.beside(_own_mb_once, ready) as child:
        again = [b"z" * 1000 + bytes([i % 256]) for i in range(200_000)]  # the same chunks, written anew
        ready.set()
        own = child()
    assert kept and again
    assert own < 100, f"the child holds {own:.0f} MB of its own"
