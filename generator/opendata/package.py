"""The Frictionless data package: one CSV per table and `datapackage.json` beside them.

Written with the Frictionless defaults (UTF-8, comma, header row, `.` decimals, ISO dates)
so that any client reads it without a dialect, then read back and validated by
Frictionless itself, foreign keys included. A package that fails stops the build.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from generator import outputs
from generator.domain.catalog import Catalog
from generator.memo import Memo, values_key
from generator.opendata.cells import csv_bytes
from generator.opendata.licenses import license_for
from generator.opendata.resources import Andringsregister, Row
from generator.opendata.schema import TABLES, Table, tables
from generator.problems import BuildError
from generator.sv.slug import slug as sv_slug

DESCRIPTOR = outputs.DATAPACKAGE
KEYWORDS = ("insyn", "uppföljning", "utförare", "avtal", "hälso- och sjukvård", "tandvård", "egen regi",
            "privata utförare", "LOV", "nyckeltal")
# The region's care words describe a region's package; a kommun's services are its own areas'.
VARDORD = ("hälso- och sjukvård", "tandvård", "vård")


def keywords(typ: str, words: tuple[str, ...] = KEYWORDS) -> list[str]:
    """The package's (or the catalog's) keywords: without the care words for a kommun."""
    return [w for w in words if typ != "kommun" or w not in VARDORD]


def slug(text: str) -> str:
    """'Region Jämtland Härjedalen' → 'region-jamtland-harjedalen' (the package's name); a name
    with no letter or digit in ASCII → 'insyn'."""
    return sv_slug(text) or "insyn"


def version(catalog: Catalog) -> str:
    """The data's own date as a calendar version, e.g. 2026.10.1: the same data, the same version."""
    day = catalog.uppdaterad
    return f"{day.year}.{day.month}.{day.day}"


def title(catalog: Catalog) -> str:
    return f"Uppföljning av utförare – {catalog.region.namn}"


def description(catalog: Catalog) -> str:
    text = (f"Hur {catalog.region.namn} följer upp alla som utför verksamhet på dess uppdrag – egna enheter "
            "och privata utförare på samma villkor: utförare, avtal och krav, uppföljningar med brister och "
            "åtgärder, uppföljningsplaner, mål och nyckeltal. Bara offentliga uppgifter; uppgifter som "
            "omfattas av sekretess är tomma och markerade.")
    if catalog.region.exempeldata:
        text += " Exempeldata – inte verkliga uppgifter."
    return text


def _csv_bytes(table: Table, rows: list[Row]) -> bytes:
    names = table.column_names()
    return csv_bytes(names, ([row[name] for name in names] for row in rows))


def descriptor(catalog: Catalog, site_url: str | None, csvs: Mapping[str, bytes] | None = None,
               register: Andringsregister | None = None) -> dict[str, Any]:
    """The datapackage.json content; with the CSV bytes, each resource also gets its size and
    SHA-256, so `frictionless validate` notices a file that was changed or cut short.

    `referensdag` is the day lateness (`forsenad`) was judged against, so a count made from
    the files matches the site's; `publicerad` and `andringar_sedan` let the next build carry
    the change record on (see generator.andringar)."""
    region, lic = catalog.region, license_for(catalog.region.licens)
    out: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "insyn-" + slug(region.namn),
        "title": title(catalog),
        "description": description(catalog),
        "version": version(catalog),
        "created": f"{catalog.uppdaterad.isoformat()}T00:00:00Z",
        "licenses": [{"name": lic.spdx, "path": lic.url, "title": lic.title}],
        "contributors": [{"title": region.namn, "role": "publisher", "email": region.kontakt.epost,
                          "path": region.webbplats}],
        "keywords": keywords(region.typ),
        "referensdag": catalog.idag.isoformat(),
    }
    if register is not None:
        out["publicerad"] = register.publicering.isoformat()
        out["andringar_sedan"] = register.sedan.isoformat()
    if site_url:
        out["homepage"] = site_url
    out["resources"] = [{
        "name": t.name, "path": t.path, "profile": "tabular-data-resource", "title": t.title,
        "description": t.description, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "schema": t.schema(),
    } for t in tables(region.typ)]
    if csvs is not None:
        for resource in out["resources"]:
            data = csvs[resource["path"]]
            resource["bytes"] = len(data)
            resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    return out


def files(catalog: Catalog, rows: Mapping[str, list[Row]], site_url: str | None,
          register: Andringsregister | None = None, memo: Memo | None = None) -> dict[str, bytes]:
    """Every file of the package by name: the descriptor and one CSV per table, each CSV from
    `memo` when its table's rows are as when it was written (after one edit, most tables)."""
    memo = memo or Memo(None, None)
    out = {t.path: memo.bytes("csv", [t.name, values_key(t.column_names()), values_key(rows[t.name])],
                              functools.partial(_csv_bytes, t, rows[t.name])) for t in TABLES}
    text = json.dumps(descriptor(catalog, site_url, out, register), ensure_ascii=False, indent=2) + "\n"
    out[DESCRIPTOR] = text.encode("utf-8")
    return out


def validate(folder: Path, memo: Memo | None = None) -> None:
    """Read the written package back with Frictionless; any error stops the build.

    The descriptor and each resource are checked as `frictionless validate` checks the
    package, one resource at a time, each again only when it differs from one that passed
    (`memo`): its descriptor, its file, or the file of a resource its foreign keys point to,
    whose keys it is checked against. An edited follow-up reads three tables again, not the
    key figures' 150,000 rows."""
    # Imported here, not at the top: Frictionless takes about a second to import, and
    # `insyn validate` and every test that never writes a package should not pay for it.
    from frictionless import Package, system

    memo = memo or Memo(None, None)
    try:
        with system.use_context(trusted=False):
            written, text = Package(str(folder / DESCRIPTOR)), (folder / DESCRIPTOR).read_bytes()
            memo.bytes("kontrollerat-paket", [text], lambda: _described(written))
            described = {resource["name"]: resource for resource in json.loads(text)["resources"]}
            files = {name: (folder / resource["path"]).read_bytes() for name, resource in described.items()}  # each read once
            # Each table's key columns read once: the providers' are pointed to by five tables.
            columns = functools.cache(lambda name, fields: _columns(files[name], fields))
            for resource in written.resources:
                memo.bytes("kontrollerat-tabell", _inputs(described, files, resource.name, columns),
                           functools.partial(_checked, resource))
    except BuildError:
        raise
    except Exception as error:  # Frictionless raises on an unreadable descriptor
        raise BuildError("datapackage-invalid", f"Datapaketet kunde inte läsas: {error}", _BUG) from None


_BUG = "Det är ett fel i Insyn, inte i datan. Kör bygget igen och rapportera felet."


def _inputs(described: Mapping[str, Any], files: Mapping[str, bytes], name: str,
            columns: Callable[[str, tuple[str, ...]], bytes]) -> list[str | bytes]:
    """What a resource's check depends on: its descriptor and file, and of each resource its
    foreign keys point to, the descriptor and the values of the fields they point to (a key
    is checked against those alone: a corrected summary of a follow-up does not have its
    deficiencies and actions read again), as `columns(table, fields)` gives them (_columns)."""
    pointed: dict[str, set[str]] = {}
    for key in described[name]["schema"].get("foreignKeys", []):
        fields = key["reference"]["fields"]
        pointed.setdefault(key["reference"]["resource"] or name, set()).update([fields] if isinstance(fields, str) else fields)
    inputs: list[str | bytes] = [json.dumps(described[name], sort_keys=True), files[name]]
    for target in sorted(pointed.keys() - {name}):
        # Without its size and hash, which only its own check reads (and fails on).
        read_as = {k: v for k, v in described[target].items() if k not in ("bytes", "hash")}
        inputs += [json.dumps(read_as, sort_keys=True), columns(target, tuple(sorted(pointed[target])))]
    return inputs


def _columns(data: bytes, fields: Sequence[str]) -> bytes:
    """The values of `fields` in a CSV file, row by row; where they cannot be read so, the whole file."""
    try:
        rows = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
        header = next(rows)
        at = [header.index(field) for field in fields]
        return b"kolumner\0" + json.dumps([[row[i] for i in at] for row in rows], ensure_ascii=False).encode("utf-8")
    except (UnicodeDecodeError, StopIteration, ValueError, IndexError, csv.Error):
        return b"fil\0" + data


def _described(written: Any) -> bytes:
    from frictionless import FrictionlessException

    try:
        written.to_descriptor(validate=True)
    except FrictionlessException as exception:
        _refuse([f"{e.type}: {e.note}" for e in exception.to_errors()])
    return b"ok"


def _checked(resource: Any) -> bytes:
    report = resource.validate()
    if not report.valid:
        _refuse([f"{task.name}: rad {e.row_number or '-'}, {e.type}: {e.note}" if hasattr(e, "row_number")
                 else f"{task.name}: {e.type}: {e.note}" for task in report.tasks for e in task.errors]
                + [f"{e.type}: {e.note}" for e in report.errors])
    return b"ok"


def _refuse(found: list[str]) -> None:
    raise BuildError("datapackage-invalid", "Datapaketet klarar inte kontrollen med Frictionless: " + "; ".join(found[:5]),
                     "Det är ett fel i Insyn, inte i datan. Den förra webbplatsen ligger kvar.")
