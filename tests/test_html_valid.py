"""Every page of the example and minimal sites is valid HTML to the Nu Html Checker, as the
checker says it: every error it reports fails the test.

One run of the checker for all pages of both sites (the JVM starts once).
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import material
import pytest

from generator.site.config import THEME_DIR
from tests.support.build import VNU_JAR

OUR_BASE = THEME_DIR / "overrides" / "base.html"
MATERIAL_BASE = Path(material.__file__).parent / "templates" / "base.html"


def test_every_page_is_valid_html(example_site: Path, minimal_site: Path) -> None:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail("java eller vnu.jar saknas: kör scripts/install-test-tools.sh")
    pages = sorted([*example_site.rglob("*.html"), *minimal_site.rglob("*.html")])
    assert len(pages) > 50
    result = subprocess.run([java, "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
                             *map(str, pages)], capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr or result.stdout)
    errors = [m for m in report["messages"] if m["type"] == "error" or m.get("subType") == "fatal"]
    kinds = Counter(m["message"] for m in errors)
    first = {m["message"]: m for m in reversed(errors)}
    shown = "\n".join(f'{count} × {message}\n    t.ex. {first[message]["url"].split("/site/", 1)[-1]}: '
                      f'{first[message].get("extract", "")[:120]!r}' for message, count in kinds.most_common())
    assert errors == [], f"{len(errors)} fel i HTML:\n{shown}"


def test_the_toggles_have_no_autocomplete_and_keep_it_off_through_their_form(example_site: Path) -> None:
    """Material writes autocomplete="off" on its checkbox toggles, which HTML does not allow
    on a checkbox; ours take it from their (empty) form, as HTML lets a control do."""
    page = (example_site / "index.html").read_text(encoding="utf-8")
    assert '<form id="__md-toggles" autocomplete="off" hidden></form>' in page
    for toggle in ("drawer", "search"):
        assert (f'<input class="md-toggle" data-md-toggle="{toggle}" type="checkbox" id="__{toggle}" '
                f'form="__md-toggles">') in page


def test_our_base_template_is_materials_except_for_the_toggles() -> None:
    """overrides/base.html is a copy (Material puts the toggles in base.html, outside any
    block or partial); a Material upgrade that changes base.html fails here until the copy
    is refreshed."""
    ours = re.sub(r"[ \t]*\{#- (Material for MkDocs'|Insyn:).*?-#\}\n", "", OUR_BASE.read_text(encoding="utf-8"), flags=re.S)
    theirs = MATERIAL_BASE.read_text(encoding="utf-8")
    changed = [line for line in difflib.unified_diff(theirs.splitlines(), ours.splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert [line[0] + line[1:].strip() for line in changed] == [
        '-<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
        '-<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
        '+<form id="__md-toggles" autocomplete="off" hidden></form>',
        '+<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" form="__md-toggles">',
        '+<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" form="__md-toggles">',
    ], "Materials base.html har ändrats: kopiera den nya till theme/overrides/base.html och gör om ändringen av knapparna"


def test_no_test_hides_a_checkers_verdict() -> None:
    """The Nu Html Checker's and axe's verdicts count as they are given: no accept list, no
    disabled axe rule, anywhere in the tests."""
    # Spelt in two parts, so that this file does not contain them either.
    banned = ["_ACC" + "EPTED", "accepted" + "(", "disable" + "_rules", "disable" + "Rules"]
    found = [(path.name, word) for path in sorted(Path(__file__).parent.rglob("*.py"))
             for word in banned if word in path.read_text(encoding="utf-8")]
    assert found == []
