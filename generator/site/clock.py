"""The build's clock: the data's own date, so the same data gives byte-identical output.

MkDocs writes the build time into sitemap.xml.gz's gzip header (from SOURCE_DATE_EPOCH, as
reproducible-builds.org defines it); setting it to the date of the data makes rebuilds repeat.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager


def source_date_epoch(day: dt.date) -> str:
    """Midnight UTC of `day` in seconds, as SOURCE_DATE_EPOCH wants it."""
    return str(calendar.timegm(day.timetuple()))


@contextmanager
def build_time(day: dt.date) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set to `day` for the duration; the caller's value restored afterwards."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(day)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
