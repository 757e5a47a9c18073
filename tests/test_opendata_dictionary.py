"""The data-dictionary page and the download links: every table and column is explained,
the code examples on the page run against the published files, and every link into
oppna-data/ from any page of the site reaches a file that exists."""

from __future__ import annotations

import html
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.opendata.schema import TABLES

PAGE = Path("om-datan") / "datakatalog" / "index.html"
HREF = re.compile(r'href="([^"#?]+)')


def _code_blocks(page: str) -> list[str]:
    return [html.unescape(block) for block in re.findall(r"<pre[^>]*><code>(.*?)</code></pre>", page, re.S)]


def test_every_table_and_column_is_explained(minimal_site: Path) -> None:
    page = (minimal_site / PAGE).read_text(encoding="utf-8")
    for table in TABLES:
        assert f'id="{table.name}"' in page
        assert f'href="../../oppna-data/{table.path}"' in page
        section = page.split(f'id="{table.name}"', 1)[1].split("</table>", 1)[0]
        for column in table.columns:
            assert f"<code>{column.name}</code>" in section, (table.name, column.name)
            assert column.description in html.unescape(section), (table.name, column.name)
    assert "<code>uppfyller_delvis</code> (Uppfyller kraven delvis)" in page  # codes with their Swedish words


def test_the_code_examples_on_the_page_run_against_the_published_files(minimal_site: Path) -> None:
    page = (minimal_site / PAGE).read_text(encoding="utf-8")
    blocks = _code_blocks(page)
    pandas_example = next(b for b in blocks if "pd.read_csv" in b)
    python_example = next(b for b in blocks if "from frictionless import Package" in b)
    script = pandas_example + "\nassert len(nyckeltalsvarden) == 7, len(nyckeltalsvarden)\n" \
        "assert str(nyckeltalsvarden['antal'].dtype) == 'Int64'\n" + python_example + \
        "\nassert len(rows) == 3 and len(df) == 7\n"
    result = subprocess.run([sys.executable, "-c", script], cwd=minimal_site / "oppna-data",
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    cli = next(b for b in blocks if "frictionless validate" in b).splitlines()[-1].split()
    check = subprocess.run([str(Path(sys.executable).parent / cli[0]), *cli[1:]], cwd=minimal_site / "oppna-data",
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout[-2000:]


@pytest.mark.parametrize("site", ["minimal_site", "example_site"])
def test_every_link_into_the_open_data_reaches_a_file(site: str, request: pytest.FixtureRequest) -> None:
    root: Path = request.getfixturevalue(site)
    checked = 0
    for page in root.rglob("*.html"):
        if "oppna-data" in page.parts:
            continue
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            if "oppna-data/" not in href or "://" in href:
                continue
            target = Path(posixpath.normpath(os.path.join(page.parent.as_posix(), html.unescape(href))))
            assert target.is_file(), (str(page.relative_to(root)), href)
            checked += 1
    assert checked >= len(TABLES) + 4
    provider_files = sorted(p.stem for p in (root / "oppna-data" / "utforare").glob("*.csv"))
    assert provider_files == sorted(p.name for p in (root / "utforare").iterdir() if p.is_dir())
