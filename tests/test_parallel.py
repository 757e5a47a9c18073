"""A step run beside the build, or in it where a second process would not pay: the caller
gets the same result, and failures, either way."""

from __future__ import annotations

import multiprocessing
import os
import signal
import tempfile
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


def _killed_by_the_system() -> None:
    os.kill(os.getpid(), signal.SIGKILL)  # as the system's out-of-memory killer does


def test_a_step_killed_from_outside_is_reported_as_such_in_swedish() -> None:
    """A step that ends by a signal sends nothing back: staff are told it was stopped from
    outside and what to do, not shown an internal fault of Insyn."""
    with pytest.raises(BuildError) as failure, parallel.beside(_killed_by_the_system) as result:
        result()
    assert failure.value.code == "step-killed"
    assert "SIGKILL" in failure.value.message and "minnet" in failure.value.hint


def _beside_again(x: int) -> tuple[int, int, int]:
    with parallel.beside_if(True, _where, x) as result:
        pid, value = result()
    return os.getpid(), pid, value


def test_a_step_beside_runs_what_it_would_start_beside_itself() -> None:
    # A step beside the build (the search index's, which merges the index ahead) may call code
    # that starts another step; a second process there would stop it with an error.
    with parallel.beside(_beside_again, 21) as result:
        step, inner, value = result()
    assert value == 42
    assert step != os.getpid() and inner == step


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


def _name() -> str:
    return Path("/proc/self/comm").read_text(encoding="utf-8").strip()


def test_a_step_beside_is_named_after_its_work_in_the_process_list() -> None:
    with parallel.beside(_name) as result:
        assert result() == "insyn name"
    assert _name() != "insyn name"  # the build's own process keeps its name


def _holds_a_temporary_folder(parent: Path) -> None:
    with tempfile.TemporaryDirectory(dir=parent) as folder:
        (Path(folder) / "rader").write_text("en rad", encoding="utf-8")
        (parent / "redo").touch()
        time.sleep(60)


def test_a_step_the_build_stops_early_unwinds_and_leaves_no_temporary_folder(tmp_path: Path) -> None:
    """A build that fails elsewhere stops its steps (SIGTERM): the writers' workbook rows, in
    a temporary folder while insyn.xlsx is written (30 MB at national size), used to stay in
    the system's temporary folder after every such build."""
    started = time.monotonic()
    with parallel.beside(_holds_a_temporary_folder, tmp_path):
        while not (tmp_path / "redo").is_file():
            assert time.monotonic() - started < 30, "steget kom aldrig i gång"
            time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["redo"]
    assert time.monotonic() - started < 30, "steget väntade ut sin sömn i stället för att stoppas"


def _will_not_stop(parent: Path) -> None:
    (parent / "redo").touch()
    while True:
        try:
            time.sleep(60)
        except KeyboardInterrupt:
            pass


def test_a_step_that_does_not_unwind_when_stopped_is_killed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed build must end, also when a step beside it hangs in what it does on Ctrl+C."""
    monkeypatch.setattr(parallel, "UNWIND", 1)
    steps: list[parallel.Step] = []

    def stop_early() -> None:
        with parallel.beside(_will_not_stop, tmp_path) as running:
            steps.append(running)
            while not (tmp_path / "redo").is_file():
                time.sleep(0.05)

    leaving = threading.Thread(target=stop_early, daemon=True)
    leaving.start()
    leaving.join(timeout=60)
    try:
        assert not leaving.is_alive(), "bygget väntade på ett steg som inte slutade"
        assert steps and not steps[0].child.is_alive()
    finally:
        if steps and steps[0].child.is_alive():
            steps[0].child.kill()
