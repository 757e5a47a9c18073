"""Every page of the example and minimal sites is valid HTML to the Nu Html Checker.

One run of the checker for all pages of both sites (the JVM starts once).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter

import pytest

from tests.support.build import VNU_JAR

# Messages we accept, each a known quirk of Material's own templates that no reader notices.
_ACCEPTED = [
    # Material puts autocomplete="off" on its hidden checkbox toggles (drawer, search) so
    # that Firefox does not restore an open menu on back navigation. The attribute is only
    # defined for text-like inputs, so the checker objects; browsers just ignore it.
    (re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
     re.compile(r'<input class="md-toggle"')),
]


def accepted(message: dict) -> bool:
    extract = message.get("extract", "")
    return any(text.search(message["message"]) and where.search(extract) for text, where in _ACCEPTED)


def test_every_page_is_valid_html(example_site, minimal_site):
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail("java eller vnu.jar saknas: kör scripts/install-test-tools.sh")
    pages = sorted([*example_site.rglob("*.html"), *minimal_site.rglob("*.html")])
    assert len(pages) > 50
    result = subprocess.run([java, "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
                             *map(str, pages)], capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr or result.stdout)
    errors = [m for m in report["messages"] if m["type"] == "error" or m.get("subType") == "fatal"]
    real = [m for m in errors if not accepted(m)]
    kinds = Counter(m["message"] for m in real)
    first = {m["message"]: m for m in reversed(real)}
    shown = "\n".join(f'{count} × {message}\n    t.ex. {first[message]["url"].split("/site/", 1)[-1]}: '
                      f'{first[message].get("extract", "")[:120]!r}' for message, count in kinds.most_common())
    assert real == [], f"{len(real)} fel i HTML:\n{shown}"
