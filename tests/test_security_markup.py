"""Markup never comes from data: any text in any field shows literally and adds no element,
attribute, link or script to any page — proven through the real pipeline and MkDocs."""

from __future__ import annotations

import csv
import gzip
import io
import re
import shutil
import tempfile
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.load.document import Document, text_values
from generator.pipeline import check
from generator.problems import DataError
from generator.settings import reference_day
from generator.sv.personnummer import find_personnummer
from generator.validate import textscan
from tests.support.build import CONTENT, MINIMAL, build_site
from tests.support.security import TEXT_FIELDS, as_shown, html_pages, plant, set_value, shape

NAUGHTY = [
    "<script>alert('x')</script>",
    "[klicka](javascript:alert(1))",
    "{{ config.site_name }} och {% raw %}",
    "a --8<-- \"/etc/passwd\"",
    "text {: .klass onclick=\"alert(1)\" }",
    "<img src=x onerror=alert(1)>",
    "&lt;b&gt;fet&lt;/b&gt; &amp; &#60;i&#62;",
    "**fet** _kursiv_ `kod` ~~struken~~ ==markerad== ^^insatt^^",
    "# Rubrik\n\n## Underrubrik",
    "![bild](https://illasinnad.example/x.png)",
    "<!-- kommentar --> ]]> <![CDATA[x]]>",
    "<https://illasinnad.example/autolank> och https://illasinnad.example/naken",
    "namn@illasinnad.example",
    "Fotnot[^1]\n\n[^1]: https://illasinnad.example",
    "*[HTML]: Hyper",
    "!!! warning \"Varning\"\n    indraget",
    "\"><svg onload=alert(1)>",
    "' onmouseover='alert(1)' x='",
    "data:text/html,<script>alert(1)</script>",
    ":material-alert: :smile: ++ctrl+alt+del++",
    "<div markdown=\"1\">**x**</div>",
    "\\<em>escaped\\</em>",
    "ÅÄÖ åäö – Sámi: Åarjelsaemien gïele; عربي; 中文",
    "Tabell | a | b\n--- | --- | ---\n1 | 2 | 3",
]


def _benign(n: int) -> list[str]:
    return [f"Vanlig text nummer {i}" for i in range(n)]


def _build(tmp: Path, values: list[str]) -> dict[str, str]:
    data = tmp / "data"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(MINIMAL, data)
    plant(data, values)
    site = build_site(data, tmp / "site")
    return html_pages(site)


@lru_cache(maxsize=1)
def _benign_pages() -> dict[str, str]:
    """The same site with plain text everywhere: the shape every hostile build must keep."""
    with tempfile.TemporaryDirectory(prefix="insyn-benign-") as tmp:  # the pages are kept as text
        return _build(Path(tmp), _benign(len(TEXT_FIELDS)))


@pytest.fixture(scope="module")
def benign_pages() -> dict[str, str]:
    return _benign_pages()


# Free text keeps its paragraphs and line breaks: bare <p> and <br> may vary with the text.
# (Markup smuggled in as text would still fail the literal-text check.)
_PARAGRAPHS = {("p", ()), ("br", ())}


def _structure(elements: Counter[tuple[str, tuple[str, ...]]]) -> Counter[tuple[str, tuple[str, ...]]]:
    return Counter({k: v for k, v in elements.items() if k not in _PARAGRAPHS})


def assert_literal_and_inert(pages: dict[str, str], benign: dict[str, str], values: list[str]) -> None:
    assert pages.keys() == benign.keys(), "hostile text changed which pages exist"
    everything = " ".join(" ".join(" ".join(shape(html).text).split()) for html in pages.values())
    for value in values:
        assert as_shown(value) in everything, f"the text {value!r} is not shown literally"
    for path, html in pages.items():
        got, want = shape(html), shape(benign[path])
        assert _structure(got.elements) == _structure(want.elements), f"{path}: data added or removed elements/attributes"
        assert got.targets == want.targets, f"{path}: data changed a link, image or script target"


def test_naughty_strings_show_literally_and_add_no_markup(tmp_path: Path, benign_pages: dict[str, str]) -> None:
    values = [NAUGHTY[i % len(NAUGHTY)] for i in range(len(TEXT_FIELDS))]
    pages = _build(tmp_path, values)
    assert_literal_and_inert(pages, benign_pages, values)
    provider = pages["utforare/fjallvarden/index.html"]
    assert as_shown(values[0]) in " ".join(shape(provider).title), "the page title must show the name literally"


def test_every_naughty_string_in_the_provider_name(tmp_path: Path, benign_pages: dict[str, str]) -> None:
    """The name travels furthest (title, tables, lists, search): try each naughty one there."""
    values = _benign(len(TEXT_FIELDS))
    values[0] = " / ".join(s.replace("\n", " ") for s in NAUGHTY)
    pages = _build(tmp_path, values)
    assert_literal_and_inert(pages, benign_pages, values)


_FORMULA = ("=", "+", "-", "@")


def _passes_text_checks(text: str) -> bool:
    """Whether the validator's checks on every text value let `text` through: the characters it
    refuses are not only whole Unicode categories (U+115F, a letter, is an invisible filler)."""
    return not textscan.scan(Document("v.yaml", {"v": text}))

_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Cf", "Zl", "Zp")),
    min_size=1, max_size=30,
)
_fragment = st.one_of(_text, st.sampled_from(NAUGHTY))
_value = st.lists(_fragment, min_size=1, max_size=3).map(" ".join).map(str.strip).filter(
    lambda s: bool(s) and not s.startswith(_FORMULA) and not find_personnummer(s) and _passes_text_checks(s)
)
# A service and a line of opening hours are items of a list, which the CSV joins with |: the
# validator refuses a | in them (list-separator).
_list_item = _value.filter(lambda s: "|" not in s)
_values = st.tuples(*(_list_item if path[0] in {"tjanster", "oppettider"} else _value for _, path in TEXT_FIELDS)).map(list)


# Each example is a whole build (about 3 s on a busy CI machine): eight random ones beside the
# known attacks above, which every run tries (fifteen kept the suite near CI's ten minutes).
@settings(max_examples=8, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(values=_values)
def test_arbitrary_text_in_every_field_kind_is_inert(values: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="insyn-hyp-") as tmp:
        pages = _build(Path(tmp), values)
    assert_literal_and_inert(pages, _benign_pages(), values)


# --- every text field, not only the chosen ones ------------------------------------------
_PLANT = '<i class="x">plant{n}</i>"\''


def _validates(data: Path) -> bool:
    try:
        check(data, reference_day())
    except DataError:
        return False
    return True


def _plant_everywhere(data: Path) -> list[str]:
    """Append markup to every YAML string and CSV cell the validator still accepts with it.

    Fields with a format (ids, dates, URLs, codes) refuse it and are left as they were; every
    other field, including ones nobody thought to list, carries a numbered marker."""
    planted: list[str] = []
    for file in sorted(data.rglob("*.yaml")):
        original = file.read_text(encoding="utf-8")
        doc = yaml.safe_load(original)
        for path, value in list(text_values(doc)):
            marker = _PLANT.format(n=len(planted))
            set_value(doc, path, f"{value} {marker}".strip())
            file.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
            if _validates(data):
                planted.append(marker)
                original = file.read_text(encoding="utf-8")
            else:
                set_value(doc, path, value)
                file.write_text(original, encoding="utf-8")
    for file in sorted(data.rglob("*.csv")):
        rows = list(csv.reader(io.StringIO(file.read_text(encoding="utf-8"))))
        for r in range(1, len(rows)):
            for c, value in enumerate(rows[r]):
                marker = _PLANT.format(n=len(planted))
                before = _csv_text(rows)
                rows[r][c] = f"{value} {marker}".strip()
                file.write_text(_csv_text(rows), encoding="utf-8")
                if _validates(data):
                    planted.append(marker)
                else:
                    rows[r][c] = value
                    file.write_text(before, encoding="utf-8")
    return planted


def _csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def test_markup_in_any_accepted_field_is_escaped_on_every_page(tmp_path: Path, monkeypatch) -> None:
    """The region's name reached Material's header unescaped once (as site_name, when no
    mkdocs.yml names the site): no field may. Built without a mkdocs.yml for that reason."""
    data, content = tmp_path / "data", tmp_path / "content"
    shutil.copytree(MINIMAL, data)
    shutil.copytree(CONTENT, content)
    monkeypatch.chdir(tmp_path)
    planted = _plant_everywhere(data)
    assert len(planted) >= 40, f"only {len(planted)} fields took free text: the planting is broken"
    site = build_site(data, tmp_path / "site", content=content)
    title = (site / "index.html").read_text(encoding="utf-8").split("<title>")[1].split("</title>")[0]
    assert re.search(r"Region Exempelland .*plant\d+", title), "the site is named after the region (and its marker)"
    raw = re.compile(r"<i class=\"x\">plant\d+</i>")
    readable = [p for p in site.rglob("*") if p.suffix in {".html", ".xml"}]
    found = {str(p.relative_to(site)): raw.findall(p.read_text(encoding="utf-8")) for p in readable}
    # The search index's page texts (gzipped JSON) are shown as excerpts on the search page.
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        found[str(fragment.relative_to(site))] = raw.findall(gzip.decompress(fragment.read_bytes()).decode("utf-8"))
    assert not {k: v[:3] for k, v in found.items() if v}, "data became markup"
    shown = " ".join(" ".join(shape(p.read_text(encoding="utf-8")).text) for p in site.rglob("*.html"))
    missing = [m for m in planted if as_shown(m) not in shown]
    assert len(missing) < len(planted) / 2, f"most planted text should show literally; missing {missing[:5]}"
