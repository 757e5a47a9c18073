"""mkdocs.yml is the staff's to edit, but it cannot switch on Markdown features that would
turn text from the data into file includes or attributes on the generated pages."""

from __future__ import annotations

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
