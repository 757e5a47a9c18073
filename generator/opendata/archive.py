"""Zip files that are the same bytes every time the same data is built.

Zip entries carry a timestamp; left alone they would carry the wall clock. Every entry
here gets the data's own date and fixed permissions, so a rebuild changes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable

from generator.memo import Memo, digest
from generator.opendata import zipkept

LEVEL = 9
# The memo's kind for one member compressed (zipkept.Entry): a rebuild compresses again only
# the files that changed (national: the package's zip 0.19 s, nearly all of it the CSVs it
# had compressed before).
MEMBER = "zip-del"


def deterministic_zip(members: Iterable[tuple[str, bytes]], day: dt.date, memo: Memo | None = None) -> bytes:
    """Members in the order given, each stamped with `day` at midnight; each compressed as
    `memo` kept it when the same bytes were compressed before."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipkept.Zip(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            key: list[str | bytes] = [digest(data), str(LEVEL)]  # hashed once, not by both find and keep
            found = None if memo is None else zipkept.recalled(memo, MEMBER, key)
            if found is not None:
                archive.add(info, found)
                continue
            archive.writestr(info, data, compresslevel=LEVEL)
            if memo is not None:
                zipkept.keep(memo, MEMBER, key, archive.wrote())
    return buffer.getvalue()


def restamp(zipped: bytes, day: dt.date) -> bytes:
    """An existing zip (e.g. an .xlsx) with every entry's timestamp set to `day`, order kept."""
    with zipfile.ZipFile(io.BytesIO(zipped)) as source:
        members = [(info.filename, source.read(info)) for info in source.infolist()]
    return deterministic_zip(members, day)
