"""The signals that end Insyn's work from outside, taken as Ctrl+C: SIGTERM (a CI timeout,
`kill`, a build ending its steps) and SIGHUP (the terminal closed).

Python ends a process on either on the spot: no `finally` runs, so a temporary folder stays
and a child the process waits for runs on alone. Taken as Ctrl+C, the process unwinds as it
does when a build fails. A build and a preview take them so (`stop_cleanly`), and so
does every step a build runs beside it (parallel), which the build ends with SIGTERM when it
stops early. A signal that is ignored (`nohup`, a background job's Ctrl+C) stays ignored.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

# Python runs a signal's handler at the next instruction, and one that came while the build
# forked (it forks its writers, steps and pools often) met logging's fork handler: it dropped
# the KeyboardInterrupt and kept logging's lock, so the build ran on or hung instead of stopping.
# (Python 3.11's names; 3.12 on: _prepareFork and _afterFork.)
_FORK_HANDLERS = {getattr(logging, name).__code__ for name in ("_acquireLock", "_releaseLock", "_prepareFork", "_afterFork")
                  if hasattr(logging, name)}
# Each signal taken as Ctrl+C, with the handler it has when nobody has changed it.
_ENDING: dict[signal.Signals, Callable[..., Any] | int] = {
    signal.SIGTERM: signal.SIG_DFL, signal.SIGHUP: signal.SIG_DFL, signal.SIGINT: signal.default_int_handler}


def like_ctrl_c(signum: int, frame: FrameType | None) -> None:
    """Stop as Ctrl+C does; inside logging's fork handler, once it has returned (the signal
    is sent again a moment later)."""
    if frame is not None and frame.f_code in _FORK_HANDLERS:
        again = threading.Timer(0.01, os.kill, (os.getpid(), signum))
        again.daemon = True
        again.start()
        return
    raise KeyboardInterrupt


def take_like_ctrl_c() -> dict[signal.Signals, Any]:
    """Each of the signals that still has its default handler taken as Ctrl+C from now on in
    this process (the main thread's); the handlers they had, to be put back."""
    before = {}
    for signum, default in _ENDING.items():
        if signal.getsignal(signum) is default:
            before[signum] = signal.signal(signum, like_ctrl_c)
    return before


@contextmanager
def stop_cleanly() -> Iterator[None]:
    """SIGTERM (a CI timeout, `kill`) and SIGHUP (the terminal closed) taken like Ctrl+C within
    the block, so the temporary folder is removed, and all alike while the build forks
    (`like_ctrl_c`); the handlers they had are put back after it. Outside the main thread,
    where Python sets no handler, nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = take_like_ctrl_c()
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
