"""A follow-up's table row is made once a build and shared by every page that lists it
(pages.rader.shared); the pages are the same as when each page made its own."""

from __future__ import annotations

from collections import Counter
from contextlib import nullcontext
from typing import Any

import pytest

from generator import pages, pipeline
from generator.pages import rader
from generator.settings import reference_day
from tests.support.build import EXAMPLE


def _pages_and_rows(monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, str], Counter[str]]:
    """Every page of the example, and how many times each follow-up was made into a row."""
    made: Counter[str] = Counter()
    rad = rader._rad

    def counted(catalog: Any, uppfoljning_id: str) -> rader.Uppfoljningsrad:
        made[uppfoljning_id] += 1
        return rad(catalog, uppfoljning_id)

    monkeypatch.setattr(rader, "_rad", counted)
    catalog, register = pipeline.compare(pipeline.check(EXAMPLE, reference_day()), None, reference_day())
    return pages.render_all_kept(catalog, catalog.publicering.webbadress, register, lambda text: text), made


def test_each_follow_up_is_made_into_a_row_once_and_the_pages_are_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as shared:
        shared_pages, shared_rows = _pages_and_rows(shared)
    assert shared_rows and set(shared_rows.values()) == {1}, "a follow-up was made into a row more than once"
    with monkeypatch.context() as alone:
        alone.setattr(rader, "shared", lambda catalog: nullcontext())  # as before: each page its own rows
        own_pages, own_rows = _pages_and_rows(alone)
    assert max(own_rows.values()) > 1  # the example lists a follow-up on several pages
    assert shared_pages == own_pages


def test_a_row_is_shared_only_within_its_catalogs_block() -> None:
    """Another catalog (the next build in the same process, `insyn serve`) gets rows of its own."""
    day = reference_day()
    first, second = pipeline.check(EXAMPLE, day), pipeline.check(EXAMPLE, day)
    some = next(iter(first.uppfoljningar))
    with rader.shared(first):
        row = rader.uppfoljningsrad(first, some)
        assert rader.uppfoljningsrad(first, some) is row
        assert rader.uppfoljningsrad(second, some) is not row
    assert rader.uppfoljningsrad(first, some) is not row
    assert rader.uppfoljningsrad(first, some) == row


def test_a_row_holds_every_field_of_its_follow_up_but_those_only_its_own_page_shows() -> None:
    """A field added to the follow-ups is in their rows until someone decides it is shown only
    on the follow-up's own page (rader.UTANFOR_RADER); and a row holds each field it keeps as
    the follow-up has it."""
    from generator.models import Uppfoljning

    assert set(rader.Uppfoljningsutdrag.model_fields) == set(Uppfoljning.model_fields) - rader.UTANFOR_RADER
    assert rader.UTANFOR_RADER < set(Uppfoljning.model_fields)
    catalog = pipeline.check(EXAMPLE, reference_day())
    for uppfoljning_id, u in catalog.uppfoljningar.items():
        row = rader.uppfoljningsrad(catalog, uppfoljning_id).u
        assert {name: getattr(row, name) for name in type(row).model_fields} == \
            {name: getattr(u, name) for name in rader.Uppfoljningsutdrag.model_fields}
