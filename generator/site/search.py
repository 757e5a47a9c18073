"""The site's search: a Pagefind index built from the finished pages, and the search page.

Pagefind splits the index into small chunks, so a phone downloads only what its query
needs (about a hundred kilobytes) instead of the whole index that Material's lunr search
loads before the first result. Only the part of each page marked `data-pagefind-body`
(the page content, see theme/overrides/main.html) is indexed, never the navigation; the
index is built from the same HTML that is published, so nothing that a page leaves out
(withheld fields, non-public follow-ups) can reach it. Words are stemmed as Swedish, so
"hälsocentralen" finds "Hälsocentral".
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.problems import BuildError

FOLDER = "pagefind"
PAGE = "sok.md"
# The search page: the form works without the script as far as it can (it is hidden
# until assets/insyn-sok.js runs and fills in the filter choices from the index).
_PAGE_TEXT = """\
# Sök

<form class="insyn-sokform" role="search" data-insyn-sok hidden markdown="0">
  <p>
    <label for="insyn-sok-ord">Sökord</label>
    <input type="search" id="insyn-sok-ord" name="q" autocomplete="off" spellcheck="false">
  </p>
  <p>
    <label for="insyn-sok-kommun">Kommun</label>
    <select id="insyn-sok-kommun" name="kommun" data-insyn-filter="kommun"><option value="">Alla kommuner</option></select>
  </p>
  <p>
    <label for="insyn-sok-omrade">Verksamhet</label>
    <select id="insyn-sok-omrade" name="verksamhetsomrade" data-insyn-filter="verksamhetsomrade"><option value="">All verksamhet</option></select>
  </p>
  <p>
    <label for="insyn-sok-drift">Vem driver enheten</label>
    <select id="insyn-sok-drift" name="driftsform" data-insyn-filter="driftsform"><option value="">Alla</option></select>
  </p>
  <p><button type="submit" class="md-button md-button--primary">Sök</button></p>
</form>

<p class="insyn-sokstatus" data-insyn-sok-status role="status">Sökningen behöver JavaScript. Du hittar alla utförare, avtal och uppföljningar också genom menyn.</p>

<ol class="insyn-soktraffar" data-insyn-sok-traffar></ol>
"""
# Bundles Pagefind writes that the site does not use (its own ready-made interfaces).
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "wasm.unknown.pagefind")
_TIMEOUT_S = 600


def stage(docs: Path) -> None:
    """Put the search page among the pages MkDocs builds."""
    target = docs / PAGE
    if target.exists():
        raise BuildError("sidor", f"Den handskrivna sidan content/{PAGE} har samma namn som söksidan.",
                         f"Byt namn på content/{PAGE}.")
    target.write_text(_PAGE_TEXT, encoding="utf-8")


def _executable() -> str:
    from pagefind_bin import get_executable  # type: ignore[import-untyped]  # the wheel has no type marker

    return str(get_executable())


def index(built: Path) -> None:
    """Index the pages under `built` into `built/pagefind`, in Swedish."""
    try:
        result = subprocess.run(  # noqa: S603 - the binary from the pagefind-bin wheel, fixed arguments
            [_executable(), "--site", str(built), "--output-subdir", FOLDER, "--force-language", "sv", "--quiet"],
            capture_output=True, text=True, timeout=_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired, FileNotFoundError) as error:
        raise BuildError("sökning", f"Sökindexet kunde inte byggas: {error}.",
                         "Installera om Insyn (paketet pagefind-bin) och bygg igen.") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["okänt fel"]
        raise BuildError("sökning", f"Sökindexet kunde inte byggas: {detail[0]}",
                         "Bygg igen. Om felet finns kvar, rapportera det till dem som sköter Insyn.")
    for name in _UNUSED:
        (built / FOLDER / name).unlink(missing_ok=True)
    playground = built / FOLDER / "playground"
    if playground.is_dir():
        shutil.rmtree(playground)
