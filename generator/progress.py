"""Build stages shown as they happen on a terminal; plain lines, or nothing, in CI."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


class Progress:
    """Reports each stage of a build: a spinner, then a line, per stage where `enabled` (a
    terminal), nothing elsewhere; and a JSON line per stage where INSYN_TIMINGS asks for them."""

    def __init__(self, enabled: bool):
        self.console = _console() if enabled else None
        # INSYN_TIMINGS=FILE: one JSON line per finished stage, for bench/ to read.
        self.timings = os.environ.get("INSYN_TIMINGS")

    @contextmanager
    def stage(self, text: str) -> Iterator[None]:
        started = time.monotonic()
        if self.console is None:
            yield
        else:
            with self.console.status(f"{text} …"):
                yield
            self.console.print(f"[green]✓[/green] {text} ({time.monotonic() - started:.1f} s)")
        if self.timings:
            with open(self.timings, "a", encoding="utf-8") as out:
                out.write(json.dumps({"stage": text, "seconds": round(time.monotonic() - started, 3), "end": round(time.time(), 3)},
                                    ensure_ascii=False) + "\n")

    def done(self, text: str) -> None:
        if self.console is not None:
            self.console.print(text)


def _console() -> Console:
    """Rich, imported only where a terminal shows the stages (not in CI, nor in the writers)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def wants_progress() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")
