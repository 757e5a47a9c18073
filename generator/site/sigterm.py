"""SIGTERM (a CI timeout, `kill`, a build ending its steps) taken as Ctrl+C.

Python ends a process on SIGTERM on the spot: no `finally` runs, so a temporary folder stays
and a child the process waits for runs on alone. Taken as Ctrl+C, the process unwinds as it
does when a build fails. A build and a preview take it so (publish.stop_cleanly_on_sigterm),
and so does every step a build runs beside it (parallel), which the build ends with SIGTERM
when it stops early.
"""

from __future__ import annotations

import logging
import os
import threading
from types import FrameType

# Python runs a signal's handler at the next instruction, and one that came while the build
# forked (it forks its writers, steps and pools often) met logging's fork handler: it dropped
# the KeyboardInterrupt and kept logging's lock, so the build ran on or hung instead of stopping.
# (Python 3.11's names; 3.12 on: _prepareFork and _afterFork.)
_FORK_HANDLERS = {getattr(logging, name).__code__ for name in ("_acquireLock", "_releaseLock", "_prepareFork", "_afterFork")
                  if hasattr(logging, name)}


def interrupt(signum: int, frame: FrameType | None) -> None:
    """Stop as Ctrl+C does; inside logging's fork handler, once it has returned (the signal
    is sent again a moment later)."""
    if frame is not None and frame.f_code in _FORK_HANDLERS:
        again = threading.Timer(0.01, os.kill, (os.getpid(), signum))
        again.daemon = True
        again.start()
        return
    raise KeyboardInterrupt
