"""Raw documents → a valid Catalog, or every problem found: nothing in between.

The scan of every text value (textscan: personnummer, control characters, formula starts)
is half of the check at national size (161,000 documents, 2.5 million values) and needs
nothing of the parsing, so a large dataset is scanned in a second process while this one
parses (site.parallel): both cores at work before the writers start.

A file the last successful build judged with the same name and bytes (load.remembered)
brings its records along: it is neither parsed nor scanned again. Once everything has passed,
every file goes into the memo for the next build.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from types import MappingProxyType

from generator.domain import smatal
from generator.domain.catalog import Catalog, public_uppfoljning, public_utforare, year_of
from generator.load import Document, RawDataset
from generator.load.dataset import ENTITY_FOLDERS, VALUE_FOLDER
from generator.load.remembered import Remembered, entity_entries, value_entries
from generator.models import NyckeltalFile, NyckeltalsVarde
from generator.problems import DataError, Problem
from generator.site import parallel
from generator.validate import records, rules, textscan
from generator.validate.checker import Parsed, failed_key

_FOLDER_ATTR = {"utforare": "utforare", "avtal": "avtal", "uppfoljningar": "uppfoljningar", "uppfoljningsplaner": "planer"}

# From this many documents on, the scan runs in a second process (the example has about
# 2,000: there the fork would cost more than the scan).
MIN_DOCUMENTS_BESIDE = 10_000


def _documents(raw: RawDataset) -> Iterator[Document]:
    """Every document that has not been judged before (load.remembered)."""
    if raw.region is not None:
        yield raw.region
    if raw.nyckeltal is not None:
        yield raw.nyckeltal
    for docs in raw.entities.values():
        yield from (doc for doc in docs if doc.file not in raw.records)
    yield from (doc for doc in raw.values if doc.file not in raw.records)


def _scanned(raw: RawDataset) -> list[Problem]:
    """The problems in every document's text, document by document."""
    return [problem for doc in _documents(raw) for problem in textscan.scan(doc)]


def _parse(raw: RawDataset, problems: list[Problem]) -> Parsed:
    parsed = Parsed()
    parsed.invalid = {folder: set(stems) for folder, stems in raw.unreadable.items()}
    if raw.region is not None:
        parsed.region = records.parse_region(raw.region, problems)
        parsed.region_doc = raw.region
    if raw.nyckeltal is not None:
        parsed.nyckeltal = records.parse_nyckeltal(raw.nyckeltal, problems)
        parsed.nyckeltal_doc = raw.nyckeltal
    for folder, docs in raw.entities.items():
        model = records.ENTITY_MODELS[folder]
        target = getattr(parsed, _FOLDER_ATTR[folder])
        for doc in docs:
            if doc.file in raw.records:
                target[doc.stem] = (raw.records[doc.file][0], doc)
                continue
            item, failed = records.parse_salvaged(doc, model, problems)
            if failed is not None or item is None:  # None: not a record at all (`---`, a list)
                parsed.invalid.setdefault(folder, set()).add(doc.stem)
            if failed is not None:
                parsed.failed[failed_key(doc)] = failed
            if item is not None:
                target[doc.stem] = (item, doc)
    row: Counter[str] = Counter()  # a remembered value file's rows come in order
    for doc in raw.values:
        if doc.file in raw.records:
            parsed.varden.append((raw.records[doc.file][row[doc.file]], doc))
            row[doc.file] += 1
            continue
        value, failed = records.parse_salvaged(doc, NyckeltalsVarde, problems)
        if failed is not None:
            parsed.failed[failed_key(doc)] = failed
        if value is not None:
            parsed.varden.append((value, doc))
    return parsed


def _latest_date(parsed: Parsed) -> dt.date:
    """The newest public date; a withheld date must not surface as "last updated"."""
    shown = [public_uppfoljning(u) for u, _ in parsed.uppfoljningar.values() if u.publik]
    dates = [u.genomford for u in shown if u.genomford]
    dates += [u.redovisad.datum for u in shown if u.redovisad]
    return max(dates, default=dt.date(2000, 1, 1))


def _catalog(parsed: Parsed, idag: dt.date) -> Catalog:
    assert parsed.region is not None
    region = parsed.region
    nyckeltal = parsed.nyckeltal or NyckeltalFile(nyckeltal=())
    hidden: Counter[tuple[str, str]] = Counter()
    public = {}
    for uppfoljning_id, (u, _) in sorted(parsed.uppfoljningar.items()):
        if u.publik:
            public[uppfoljning_id] = public_uppfoljning(u)
        else:
            area = parsed.avtal[u.avtal][0].verksamhetsomrade
            hidden[(area, year_of(u.period))] += 1
    frozen = MappingProxyType
    return Catalog(
        region=region.region,
        publicering=region.publicering,
        kommuner=frozen({k.kod: k for k in region.kommuner}),
        namnder=frozen({n.id: n for n in region.namnder}),
        mal=frozen({m.id: m for m in region.mal}),
        omraden=frozen({v.id: v for v in region.verksamhetsomraden}),
        nyckeltal=frozen({k.id: k for k in nyckeltal.nyckeltal}),
        utforare=frozen({k: public_utforare(v) for k, (v, _) in sorted(parsed.utforare.items())}),
        avtal=frozen({k: v for k, (v, _) in sorted(parsed.avtal.items())}),
        uppfoljningar=frozen(public),
        planer=frozen({k: v for k, (v, _) in sorted(parsed.planer.items())}),
        varden=smatal.undertryck((v for v, _ in parsed.varden), region.publicering.minsta_antal),
        dolda=frozen(dict(sorted(hidden.items()))),
        idag=idag,
        uppdaterad=region.publicering.uppdaterad or _latest_date(parsed),
    )


def _remember(parsed: Parsed, raw: RawDataset, memo: Remembered) -> None:
    for folder in ENTITY_FOLDERS:
        memo.remember(folder, entity_entries(getattr(parsed, _FOLDER_ATTR[folder]), raw.keys))
    memo.remember(VALUE_FOLDER, value_entries(parsed.varden, raw.keys))


def validate(raw: RawDataset, idag: dt.date, memo: Remembered | None = None) -> Catalog:
    """The whole dataset judged at once; raises DataError with every problem, or returns the Catalog.
    (DataError sorts the problems by file and line; within a document the scan's come first,
    in either process.) Once all has passed, every file goes into `memo` for the next build."""
    problems = list(raw.problems)
    found: list[Problem] = []
    large = sum(1 for _ in _documents(raw)) >= MIN_DOCUMENTS_BESIDE
    with parallel.beside_if(large, _scanned, raw) as scanned:
        parsed = _parse(raw, found)
        problems += scanned()
    problems += found
    problems.extend(rules.check_all(parsed))
    if problems or parsed.region is None or parsed.failed:  # a salvaged record never reaches the catalog
        raise DataError(problems)
    if memo is not None:
        _remember(parsed, raw, memo)
    return _catalog(parsed, idag)
