"""A kommun as the publisher (region.yaml `typ: kommun`): the pages, the nämnd's report, the
open data's descriptions and the DCAT catalog say "kommunen" wherever a region's say
"regionen". The minimal dataset, renamed as a kommun would write it."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from generator import pipeline
from generator.opendata import dcat, package, resources, workbook
from generator.problems import DataError, Problem
from generator.rapport import bygg_rapport
from generator.rapport.innehall import dokument
from generator.settings import reference_day
from generator.site.config import engine_config
from tests.support.build import CONTENT, MINIMAL, render_pages

# The wording of a region: "regionen", "regionens", "regionplanen", "Regionstyrelsen" … (the
# reference rows' code `region` is a code of the contract and may stand).
REGIONENS_ORD = re.compile(r"\b[Rr]egion(?:en|ens|plan\w*|styrelse\w*)\b")
KOMMUNENS_NAMN = {"Region Exempelland": "Exempla kommun", "regionstyrelsen": "kommunstyrelsen",
                  "Regionstyrelsen": "Kommunstyrelsen", "Regionens vårdsystem": "Kommunens vårdsystem"}


@pytest.fixture(scope="module")
def kommun(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal dataset as a kommun's: its names say kommun, so any "regionen" is Insyn's own."""
    data = tmp_path_factory.mktemp("kommun") / "data"
    shutil.copytree(MINIMAL, data)
    for path in sorted(data.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for region, kommun in KOMMUNENS_NAMN.items():
            text = text.replace(region, kommun)
        path.write_text(text, encoding="utf-8")
        if "regionstyrelsen" in path.name:
            path.rename(path.with_name(path.name.replace("regionstyrelsen", "kommunstyrelsen")))
    region = data / "region.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("  exempeldata: true\n",
                                                                  "  exempeldata: true\n  typ: kommun\n"),
                      encoding="utf-8")
    return data


def _visible(html: str) -> str:
    """The text of a page source, without its tags, their attributes (role="region") and scripts."""
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S))


def _region_words(text: str) -> list[str]:
    return [text[max(m.start() - 40, 0):m.end() + 20] for m in REGIONENS_ORD.finditer(text)]


def test_a_kommuns_pages_say_kommunen(kommun: Path) -> None:
    pages = render_pages(kommun)
    found = {name: words for name, source in pages.items() if (words := _region_words(_visible(source)))}
    assert found == {}
    start = _visible(pages["index.md"])
    assert "tandvård" not in start  # the region's care words: a kommun's areas are hemtjänst, skola …
    assert "följer upp alla som utför verksamhet på kommunens uppdrag" in start and "Välj utförare" in start
    jamfor = _visible(pages["jamfor/halsoval.md"])
    assert "ungefär som kommunen" in jamfor or "bättre än kommunen" in jamfor or "sämre än kommunen" in jamfor


def test_a_kommuns_report_says_kommunen(kommun: Path) -> None:
    catalog = pipeline.check(kommun, reference_day())
    doc = dokument(catalog, bygg_rapport(catalog, "kommunstyrelsen", 2026))
    text = repr(doc)
    assert _region_words(text) == []
    assert "kommunens egna enheter" in text and "kommunen som helhet" in text


def test_a_kommuns_open_data_and_catalog_say_kommunen(kommun: Path) -> None:
    catalog = pipeline.check(kommun, reference_day())
    descriptor = json.dumps(package.descriptor(catalog, None), ensure_ascii=False)
    assert _region_words(descriptor) == []
    assert "egen_regi: kommunen driver enheten själv" in descriptor
    assert "region = hela kommunen" in descriptor  # the code stays, its meaning is the kommun's
    turtle = dcat.graph(catalog, "https://insyn.example.org/").serialize(format="turtle")
    assert _region_words(turtle) == []
    assert "publishertype/LocalAuthority" in turtle
    assert "tandvård" not in descriptor + turtle and "data-theme/HEAL" not in turtle and "care providers" not in turtle
    book = zipfile.ZipFile(io.BytesIO(workbook.workbook_bytes(catalog, resources.all_rows(catalog))))
    cells = "".join(book.read(name).decode("utf-8") for name in book.namelist() if name.startswith("xl/"))
    assert _region_words(cells) == []
    assert "Hela kommunen" in cells  # the words beside the code region in jamforelsevarden


def test_every_page_describes_the_kommun_to_search_engines(kommun: Path) -> None:
    """The project's mkdocs.yml named Region Jämtland Härjedalen in every page's description."""
    catalog = pipeline.check(kommun, reference_day())
    config = engine_config(CONTENT, catalog, (), None, {})
    assert config["site_description"] == \
        "Uppföljning av alla utförare i Exempla kommun, egen regi och privata, med öppna data."
    # Material writes it into an attribute as it is: a name is data, never markup.
    odd = catalog.replaced(region=catalog.region.model_copy(update={"namn": 'Exempla "kommun" <b>'}))
    assert 'Exempla &quot;kommun&quot; &lt;b&gt;,' in engine_config(CONTENT, odd, (), None, {})["site_description"]


def only_problem(kommun: Path, tmp_path: Path, file: str, old: str, new: str) -> Problem:
    """The one problem validate finds in a copy of the kommun's data with `old` in `file` made `new`."""
    data = tmp_path / "data"
    shutil.copytree(kommun, data)
    changed = data / file
    changed.write_text(changed.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(DataError) as error:
        pipeline.check(data, reference_day())
    (problem,) = error.value.problems
    return problem


def test_a_kommun_writing_kommun_for_its_own_values_is_told_the_word_is_region(kommun: Path, tmp_path: Path) -> None:
    """The contract reserves `region` for the publisher as a whole; a kommun that writes `kommun`
    was told only to check the spelling in the folder utforare."""
    problem = only_problem(kommun, tmp_path, "nyckeltalsvarden/halsoval.csv", "region,", "kommun,")
    assert (problem.code, problem.field, problem.value) == ("dangling-reference", "utforare", "kommun")
    assert "Ett värde för hela kommunen skrivs region och ett för hela Sverige riket" in problem.hint


def test_a_unit_in_another_kommun_is_told_to_list_that_kommun(kommun: Path, tmp_path: Path) -> None:
    """A kommun's provider may sit in a neighbouring kommun (a call centre in Stockholm); its code
    was answered "Menade du 2380? Kontrollera stavningen", naming another kommun."""
    problem = only_problem(kommun, tmp_path, "utforare/fjallvarden.yaml", 'kommun: "2321"', 'kommun: "2381"')
    assert (problem.code, problem.field, problem.value) == ("dangling-reference", "besoksadress.kommun", "2381")
    assert "Menade du" not in problem.hint
    assert 'lägg till den under kommuner i region.yaml, med kod: "2381" och kommunens namn' in problem.hint
