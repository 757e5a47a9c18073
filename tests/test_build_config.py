"""mkdocs.yml is the staff's to edit, but it cannot switch on Markdown features that would
turn text from the data into file includes or attributes on the generated pages."""

from __future__ import annotations

import re
import shutil

import pytest

from generator.problems import BuildError
from tests.support.build import CONTENT, ROOT, build_site


@pytest.mark.parametrize("extension", ["pymdownx.snippets", "attr_list", "{pymdownx.snippets: {base_path: /}}"])
def test_unsafe_markdown_extensions_in_mkdocs_yml_stop_the_build(dataset, tmp_path, extension):
    shutil.copytree(CONTENT, tmp_path / "content")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config.replace("  - md_in_html", f"  - md_in_html\n  - {extension}"),
                                         encoding="utf-8")
    out = tmp_path / "site"
    with pytest.raises(BuildError) as failure:
        build_site(dataset, out, content=tmp_path / "content")
    assert failure.value.code == "extension-refused"
    assert not out.exists()


def test_the_repository_mkdocs_yml_builds(minimal_site):
    assert (minimal_site / "om" / "programmet" / "index.html").is_file()


def test_the_screen_reader_only_rule_has_one_home() -> None:
    """Every page loads all of the theme's stylesheets, so `.insyn-dold` (seen by screen
    readers only) is written once, in insyn.css, for the header and the content alike."""
    assets = ROOT / "generator" / "site" / "theme" / "assets"
    rule = re.compile(r"(?:^|[\s,}])\.insyn-dold\s*[,{]")
    homes = sorted(css.name for css in assets.glob("*.css")
                   if rule.search(re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S)))
    assert homes == ["insyn.css"]
