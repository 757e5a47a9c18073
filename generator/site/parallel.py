"""Run one build step in a second process while the first goes on: both cores at work.

The child is forked, so it starts with the catalog already in memory (nothing is pickled
on the way in); what comes back is the step's result, or its exception, raised in the build
as if the step had run in the build's own process. A step that needs nothing of the build's
memory (the engine reads its pages from disk) may ask for a fresh interpreter instead (`fresh=True`),
so that it does not carry a copy of the catalog. Before a fork the build's objects are
frozen for the garbage collector, which would otherwise touch, and so copy, every page of
them in the child, and the memory the build has let go of is handed back to the system.
"""

from __future__ import annotations

import functools
import multiprocessing
import multiprocessing.process
import os
import pickle
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from generator.problems import BuildError
from generator.site import heap, stopping


def _pack(error: BaseException) -> bytes:
    """An exception as bytes, its attributes included (BuildError's stage, message, hint),
    also for exception classes whose constructor does not take their own `args` back."""
    try:
        return pickle.dumps((type(error), error.args, vars(error)))
    except Exception:  # noqa: BLE001 - an exception that cannot be pickled
        return pickle.dumps((RuntimeError, (repr(error),), {}))


def _unpack(message: bytes) -> BaseException:
    kind, args, attributes = pickle.loads(message)  # noqa: S301 - our own child's exception
    error: BaseException = kind.__new__(kind)
    error.args = args
    vars(error).update(attributes)
    return error


_FAILED, _DONE = b"!", b"="
# Seconds a step ended early may take to unwind before it is killed (`beside`).
UNWIND = 10


def _run(send: Connection, step: Callable[..., Any], args: tuple[Any, ...]) -> None:
    named(step.__name__)
    stopping.take_like_ctrl_c()  # ended early by the build (or the terminal closed): unwinds (`beside`)
    try:
        result = step(*args)
    except BaseException as error:  # noqa: BLE001 - every failure goes back to the build
        send.send_bytes(_FAILED + _pack(error))
        raise SystemExit(1) from None
    send.send_bytes(_DONE + pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))


def named(what: str) -> None:
    """Name this process after its work, as `ps` and `top` show it ("insyn write"): a build's
    processes (the writers, the engine's second half, the search) are otherwise told apart
    only by their numbers. A report's layout shows as its program, rapport/typst_program.py."""
    try:
        Path("/proc/self/comm").write_text(f"insyn {what.strip('_')}"[:15], encoding="utf-8")
    except OSError:  # no /proc (not Linux): the name is only a help
        pass


@contextmanager
def frozen() -> Iterator[None]:
    """The build's objects frozen for the garbage collector while processes are forked from
    it: a child's collector then never walks them, and so never copies the memory they are in.

    And the memory this process has let go of handed back first (heap.give_back): a child
    would otherwise share those pages, and keep its own copy of each one this process uses
    again (the search index made ahead, at national size: about 120 MB)."""
    heap.give_back()
    outer = heap.frozen()  # frozen by the caller (heap.collecting_only_new): left so
    heap.freeze()
    try:
        yield
    finally:
        if not outer:
            heap.unfreeze()


class Step:
    """A step running in a second process: call it to wait for its result (or its exception)."""

    def __init__(self, child: multiprocessing.process.BaseProcess, receive: Connection) -> None:
        self.child = child
        self.receive = receive
        self.finished = False

    def done(self) -> bool:
        """Whether the step has finished, without waiting: its result is ready to be taken."""
        return self.finished or self.receive.poll()

    def __call__(self) -> Any:
        try:
            message = self.receive.recv_bytes()
        except EOFError:
            message = b""  # what is sent is never empty: it starts with its kind
        self.child.join()
        if not message:
            message = _FAILED + _pack(ended_without_a_word(self.child.exitcode))
        self.finished = True
        if message.startswith(_FAILED):
            raise _unpack(message[1:])
        return pickle.loads(message[1:])  # noqa: S301 - our own child's result


def ended_without_a_word(exitcode: int | None) -> BaseException:
    """Why a step (or a report's layout, rapport.pdf) sent nothing back. A signal from outside
    ended it (most often the system's SIGKILL when memory runs out): staff are told so in
    Swedish, not as a fault in Insyn."""
    if exitcode is None or exitcode >= 0:
        return RuntimeError("steget avbröts utan att säga varför")
    try:
        name = signal.Signals(-exitcode).name
    except ValueError:
        name = f"nummer {-exitcode}"
    return BuildError("step-killed", f"En del av bygget som gick i en egen process stoppades utifrån (signalen {name}) "
                      "innan den blev klar.",
                      "Oftast stoppar systemet en process när minnet tar slut: en nationell webbplats behöver upp "
                      "till 2 GB. Stäng andra program som tar mycket minne och kör bygget igen.")


@contextmanager
def beside(step: Callable[..., Any], *args: Any, fresh: bool = False) -> Iterator[Step]:
    """Start `step(*args)` in a forked process (a fresh one if `fresh`); the yielded Step waits
    for it when called and returns what it returned, or raises what it raised. Leaving the
    block early stops the process."""
    context = multiprocessing.get_context("spawn") if fresh else multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(send, step, args), daemon=True)
    with frozen():
        child.start()  # which lets go of what it was given (multiprocessing does so)
    del args  # and so does this frame: the caller may let go of what it handed over
    send.close()
    running = Step(child, receive)
    try:
        yield running
    finally:
        if not running.finished:
            # SIGTERM, which the step takes as Ctrl+C: it unwinds, so its temporary folders go
            # and its own children stop (stopping); one that has not ended after UNWIND is killed.
            child.terminate()
            child.join(UNWIND)
            if child.is_alive():
                child.kill()
                child.join()
        receive.close()


@contextmanager
def beside_if(wanted: bool, step: Callable[..., Any], *args: Any) -> Iterator[Callable[[], Any]]:
    """`beside` where it pays (`wanted`: the work is large enough, and there is a second core)
    and may be (this process is not itself a step beside, which multiprocessing lets have no
    children); else the yielded function runs `step(*args)` in this process when called.
    Either way the caller waits for the result at the same place, and one path serves both."""
    if not wanted or (os.cpu_count() or 1) < 2 or multiprocessing.current_process().daemon:
        yield functools.partial(step, *args)
        return
    with beside(step, *args) as running:
        yield running
