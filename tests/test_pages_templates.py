"""Templates only render: each page kind gets a view model built in Python, never the Catalog.

Every page source is rendered from `pipeline.page_sources` (milliseconds) with each
template's context recorded; the templates are also read as Jinja parses them, so a lookup
such as `catalog.avtal[aid]` fails here even on a page the fixture does not reach.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from typing import Any

import jinja2
import pytest
from jinja2 import meta

from generator import pipeline
from generator.domain.catalog import Catalog
from generator.pages.render import TEMPLATES
from tests.support.build import MINIMAL, reference_day

MAX_LINE = 250
_ENV = jinja2.Environment(autoescape=True)
ALL = sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html"))
PAGE_KINDS = sorted(name for name in ALL if "/" not in name)


def _holds_catalog(value: Any) -> bool:
    """The Catalog itself, a method bound to it, or a function that closes over it."""
    if isinstance(value, Catalog) or isinstance(getattr(value, "__self__", None), Catalog):
        return True
    if inspect.isfunction(value):
        return any(isinstance(cell.cell_contents, Catalog) for cell in value.__closure__ or ())
    return False


@pytest.fixture(scope="module")
def contexts() -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """(template, context) of every render while the minimal dataset's page sources are made."""
    seen: list[tuple[str, dict[str, Any]]] = []
    original = jinja2.Template.render

    def recording(self: jinja2.Template, *args: Any, **kwargs: Any) -> str:
        seen.append((self.name or "<string>", dict(*args, **kwargs)))
        return original(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jinja2.Template, "render", recording)
        catalog, register = pipeline.compare(pipeline.check(MINIMAL, reference_day()), None, reference_day())
        pipeline.page_sources(catalog, catalog.publicering.webbadress, register)
    yield seen


def test_every_page_kind_is_rendered(contexts: list[tuple[str, dict[str, Any]]]) -> None:
    assert PAGE_KINDS == sorted({name for name, _ in contexts} & set(PAGE_KINDS))


def test_no_template_is_given_the_catalog(contexts: list[tuple[str, dict[str, Any]]]) -> None:
    given = sorted({(name, key) for name, context in contexts for key, value in context.items()
                    if key == "catalog" or _holds_catalog(value)})
    assert given == [], "a template gets the Catalog (or a function bound to it): give it a view model instead"


@pytest.mark.parametrize("template", ALL)
def test_no_template_reaches_into_the_catalog(template: str) -> None:
    source = (TEMPLATES / template).read_text(encoding="utf-8")
    assert "catalog" not in meta.find_undeclared_variables(_ENV.parse(source))


@pytest.mark.parametrize("template", ALL)
def test_no_template_line_is_longer_than_250_characters(template: str) -> None:
    """Break a long line with Jinja's whitespace control ({{- " " }}, {%- … %}): the output stays the same."""
    lines = (TEMPLATES / template).read_text(encoding="utf-8").splitlines()
    assert [(n, len(line)) for n, line in enumerate(lines, start=1) if len(line) > MAX_LINE] == []


def test_the_checks_see_a_catalog_lookup_and_a_bound_helper() -> None:
    """The two checks above would catch the old style: a lookup in a template, a lambda over the Catalog."""
    assert "catalog" in meta.find_undeclared_variables(_ENV.parse("{{ catalog.mal[mid].namn }}"))
    catalog = pipeline.check(MINIMAL, reference_day())
    assert _holds_catalog(catalog.is_late)
    assert _holds_catalog(lambda uid: catalog.utforare[uid])
    assert not _holds_catalog(str.upper)


def _source(template: str) -> str:
    return (TEMPLATES / template).read_text(encoding="utf-8")


@pytest.mark.parametrize("template", ["utforare.html", "avtal.html", "mal.html", "listor_uppfoljningar.html"])
def test_every_page_that_lists_follow_ups_uses_the_one_table_macro(template: str) -> None:
    assert "uf.tabell(" in _source(template)


def test_the_follow_up_table_and_the_filter_form_are_written_once() -> None:
    """The follow-up table's rows and a result's markup live only in Python (pages/uppfoljningstabell.py),
    called by the table macro and by the pages that show one result; the filter form and its status
    line only in tabell_macros, except on the comparison page, whose form also sorts and measures distance."""
    assert [t for t in ALL if "tabellrader(" in _source(t)] == ["partials/uppfoljning_macros.html"]
    assert [t for t in ALL if "insyn-resultat--" in _source(t)] == []
    assert [t for t in ALL if 'class="insyn-filter"' in _source(t)] == ["jamfor.html", "partials/tabell_macros.html"]
    assert [t for t in ALL if "data-filter-status" in _source(t)] == ["jamfor.html", "partials/tabell_macros.html"]


def test_sorting_is_keyed_by_column_name(minimal_pages: dict[str, str]) -> None:
    """The sort menu names a column by its data-kolumn, never by its place: no index arithmetic anywhere."""
    assert [t for t in ALL if re.search(r"index0?\s*[+-]", _source(t))] == []
    page = minimal_pages["jamfor/halsoval.md"]
    columns = set(re.findall(r'<th scope="col"[^>]* data-kolumn="([^"]+)"', page))
    chosen = {value.split(":")[0] for value in re.findall(r'<option value="([^":]+:(?:stigande|fallande))"', page)}
    assert chosen and chosen <= columns
