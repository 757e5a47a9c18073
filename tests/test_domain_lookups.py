"""The catalog's lookups (contracts by provider, follow-ups by contract, key-figure values)
are built once and shared by its copies: the copy for the true date and each report's
catalog as of its day. A copy that changes a field gets the lookups of its own data."""

from __future__ import annotations

import pytest

from generator import pipeline
from generator.domain.catalog import Catalog
from generator.domain.rapportval import per_dag
from generator.settings import reference_day
from tests.support.build import EXAMPLE


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return pipeline.check(EXAMPLE, reference_day()).with_lookups()


def _lookups(catalog: Catalog) -> dict[str, object]:
    return {name: getattr(catalog, name) for name in
            ("_avtal_by_utforare", "_uppf_by_avtal", "_varden_index", "_varde_index")}


def test_a_report_day_sees_only_its_follow_ups_and_shares_the_rest(catalog: Catalog) -> None:
    days = sorted({u.genomford for u in catalog.uppfoljningar.values() if u.genomford})
    day = days[len(days) // 2]
    earlier = per_dag(catalog, day)
    assert 0 < len(earlier.uppfoljningar) < len(catalog.uppfoljningar)
    for avtal_id in catalog.avtal:  # as if the catalog had been read on that day
        assert set(earlier.uppfoljningar_for_avtal(avtal_id)) == {
            uid for uid in catalog.uppfoljningar_for_avtal(avtal_id) if uid in earlier.uppfoljningar}
    built, shared = _lookups(catalog), _lookups(earlier)
    assert shared["_uppf_by_avtal"] is not built["_uppf_by_avtal"]
    for name in ("_avtal_by_utforare", "_varden_index", "_varde_index"):
        assert shared[name] is built[name], f"{name} built again for a copy with the same data"


def test_a_copy_that_changes_the_values_gets_lookups_of_its_own(catalog: Catalog) -> None:
    first = catalog.varden[0]
    key = (first.utforare, first.nyckeltal, first.period, first.kon)
    assert [v for v in catalog.varden if (v.utforare, v.nyckeltal, v.period, v.kon) == key] == [first]
    fewer = catalog.replaced(varden=catalog.varden[1:])
    assert catalog.varde_for_period(*key) is first
    assert fewer.varde_for_period(*key) is None
    assert first in catalog.varden_for(first.utforare, first.nyckeltal)
    assert first not in fewer.varden_for(first.utforare, first.nyckeltal)
    assert _lookups(fewer)["_avtal_by_utforare"] is _lookups(catalog)["_avtal_by_utforare"]
