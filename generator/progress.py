"""Build stages shown as they happen on a terminal; plain lines, or nothing, in CI."""

from __future__ import annotations

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

    @contextmanager
    def stage(self, text: str) -> Iterator[None]:
        if not self.enabled:
            yield
            return
        started = time.monotonic()
        with self.console.status(f"{text} …"):
            yield
        self.console.print(f"[green]✓[/green] {text} ({time.monotonic() - started:.1f} s)")

    def done(self, text: str) -> None:
        if self.enabled:
            self.console.print(text)


def wants_progress() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")
