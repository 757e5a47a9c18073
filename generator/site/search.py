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

import gzip
import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import cbor2
from pagefind_bin import get_executable  # type: ignore[import-untyped]  # the wheel has no type marker

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
_MAGIC = b"pagefind_dcd"  # what every index file starts with, before its CBOR, inside the gzip


def stage(docs: Path) -> None:
    """Put the search page among the pages MkDocs builds."""
    target = docs / PAGE
    if target.exists():
        raise BuildError("page-name-clash", f"Den handskrivna sidan content/{PAGE} har samma namn som söksidan.",
                         f"Byt namn på content/{PAGE}.")
    target.write_text(_PAGE_TEXT, encoding="utf-8")


def index(built: Path) -> None:
    """Index the pages under `built` into `built/pagefind`, in Swedish."""
    try:
        result = subprocess.run(  # noqa: S603 - the binary from the pagefind-bin wheel, fixed arguments
            [str(get_executable()), "--site", str(built), "--output-subdir", FOLDER, "--force-language", "sv", "--quiet"],
            capture_output=True, text=True, timeout=_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired, FileNotFoundError) as error:
        raise BuildError("search-index-missing", f"Sökindexet kunde inte byggas: {error}.",
                         "Installera om Insyn (paketet pagefind-bin) och bygg igen.") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["okänt fel"]
        raise BuildError("search-index-missing", f"Sökindexet kunde inte byggas: {detail[0]}",
                         "Bygg igen. Om felet finns kvar, rapportera det till dem som sköter Insyn.")
    for name in _UNUSED:
        (built / FOLDER / name).unlink(missing_ok=True)
    playground = built / FOLDER / "playground"
    if playground.is_dir():
        shutil.rmtree(playground)
    _settle(built / FOLDER)


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_MAGIC):
        raise BuildError("search-index-missing", f"Sökindexets fil {path.name} har ett okänt format.",
                         "Kontrollera att pagefind-bin har den version som Insyn anger.")
    return cbor2.loads(data[len(_MAGIC):])


def _write(folder: Path, prefix: str, suffix: str, length: int, value: Any) -> str:
    """Write `value` as an index file named by its own content; the new name's hash part."""
    data = _MAGIC + cbor2.dumps(value)
    name = f"{prefix}_{hashlib.sha256(data).hexdigest()[:length]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(data, mtime=0))
    return name


def _settle(bundle: Path) -> None:
    """The same pages give the same bytes: Pagefind 1.5 writes its filter index (and so the
    metadata naming it) in a random order each run (Pagefind issue 638, fixed for fragments
    only), so the values are sorted and those files renamed by their content."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        old_meta = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(old_meta)
        prefix = language["hash"].split("_", 1)[0]
        filters = []
        for name, file_hash in sorted(meta[3]):
            old = bundle / "filter" / f"{file_hash}.pf_filter"
            key, values = _read(old)
            old.unlink()
            filters.append([name, _write(bundle / "filter", prefix, ".pf_filter", 7, [key, sorted(values)])])
        meta[3] = filters  # [version, pages, word chunks, filters, sorts, meta fields]
        old_meta.unlink()
        language["hash"] = _write(bundle, f"pagefind.{prefix}", ".pf_meta", 10, meta).removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
