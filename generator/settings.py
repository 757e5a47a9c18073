"""What a build needs to know, gathered in one place from the command line and environment."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path


def reference_day() -> dt.date:
    """Today, unless SOURCE_DATE_EPOCH fixes it (reproducible builds, tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


@dataclass(frozen=True)
class BuildSettings:
    data_dir: Path
    out_dir: Path
    content_dir: Path
    site_url: str | None = None
    idag: dt.date = dt.date(2000, 1, 1)
    show_progress: bool = False
    previous: str | None = None  # the previously published data package (folder or https address)
    # The process ends with the build (the `insyn build` program, cli.run): what the build no
    # longer needs is left to the system instead of let go of (site.heap.Held).
    ends_with_process: bool = False
