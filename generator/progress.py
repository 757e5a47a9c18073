"""Build stages shown as they happen on a terminal; plain lines, or nothing, in CI."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console


class Progress:
    """Reports each stage of a build: a spinner on a terminal, one line per stage elsewhere."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.console = Console(stderr=True, highlight=False)
        # INSYN_TIMINGS=FILE: one JSON line per finished stage, for bench/ to read.
        self.timings = os.environ.get("INSYN_TIMINGS")

    @contextmanager
    def stage(self, text: str) -> Iterator[None]:
        started = time.monotonic()
        if not self.enabled:
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
        if self.enabled:
            self.console.print(text)


def wants_progress() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")
