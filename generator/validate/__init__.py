"""Raw documents → a valid Catalog, or every problem found: nothing in between."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from types import MappingProxyType

from generator.domain import smatal
from generator.domain.catalog import Catalog, public_uppfoljning, public_utforare, year_of
from generator.load import RawDataset
from generator.models import NyckeltalFile, NyckeltalsVarde
from generator.problems import DataError, Problem
from generator.validate import records, rules, textscan
from generator.validate.checker import Parsed, failed_key

_FOLDER_ATTR = {"utforare": "utforare", "avtal": "avtal", "uppfoljningar": "uppfoljningar", "uppfoljningsplaner": "planer"}


def _parse(raw: RawDataset, problems: list[Problem]) -> Parsed:
    parsed = Parsed()
    parsed.invalid = {folder: set(stems) for folder, stems in raw.unreadable.items()}
    if raw.region is not None:
        problems.extend(textscan.scan(raw.region))
        parsed.region = records.parse_region(raw.region, problems)
        parsed.region_doc = raw.region
    if raw.nyckeltal is not None:
        problems.extend(textscan.scan(raw.nyckeltal))
        parsed.nyckeltal = records.parse_nyckeltal(raw.nyckeltal, problems)
        parsed.nyckeltal_doc = raw.nyckeltal
    for folder, docs in raw.entities.items():
        model = records.ENTITY_MODELS[folder]
        target = getattr(parsed, _FOLDER_ATTR[folder])
        for doc in docs:
            problems.extend(textscan.scan(doc))
            item, failed = records.parse_salvaged(doc, model, problems)
            if failed is not None:
                parsed.invalid.setdefault(folder, set()).add(doc.stem)
                parsed.failed[failed_key(doc)] = failed
            if item is not None:
                target[doc.stem] = (item, doc)
    for doc in raw.values:
        problems.extend(textscan.scan(doc))
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


def validate(raw: RawDataset, idag: dt.date) -> Catalog:
    """The whole dataset judged at once; raises DataError with every problem, or returns the Catalog."""
    problems = list(raw.problems)
    parsed = _parse(raw, problems)
    problems.extend(rules.check_all(parsed))
    if problems or parsed.region is None or parsed.failed:  # a salvaged record never reaches the catalog
        raise DataError(problems)
    return _catalog(parsed, idag)
