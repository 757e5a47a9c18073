"""Catalog → open data under `oppna-data/`: data package, zip, workbook, per-provider CSVs, DCAT.

Called by the build in processes of its own, beside the pages and the engine. Every
file is gathered first, then written, then read back and checked (Frictionless with
foreign keys; the DCAT files parsed as RDF). Any failure raises BuildError, so the build
stops and the published site stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from generator import outputs
from generator.domain.catalog import Catalog
from generator.memo import Memo, Output, content, put
from generator.opendata import package, perprovider, resources, workbook
from generator.opendata.archive import deterministic_zip
from generator.opendata.resources import Andringsregister
from generator.problems import BuildError
from generator.site import tree

PACKAGE, WORKBOOKS = "paket", "arbetsbocker"
PARTS = (PACKAGE, WORKBOOKS)
_PACKAGE_FILES = "paketets-filer"  # the package's zip and each provider's files, after the package itself


def gather(catalog: Catalog, site_url: str | None, register: Andringsregister | None = None,
           memo: Memo | None = None, parts: tuple[str, ...] = PARTS) -> dict[str, bytes]:
    """Every file of `oppna-data/` by relative path; nothing is written yet.

    Two parts that need nothing of each other, so a build may make them in two processes:
    the package (CSVs, datapackage.json, zip, per-provider CSVs, DCAT) and the workbooks.
    Made together, they share their rows.
    Without a site address (publicering.webbadress is optional) the DCAT catalog's
    addresses are relative to the catalog file, which harvesters resolve against its URL.
    """
    return {rel: content(data) for _, files in _parts(catalog, site_url, register, memo, parts)
            for rel, data in files.items()}


def _parts(catalog: Catalog, site_url: str | None, register: Andringsregister | None, memo: Memo | None,
           parts: tuple[str, ...]) -> Iterator[tuple[str, dict[str, Output]]]:
    """Each of `parts` with its files, the package first (`gather`), then its zip and each
    provider's files (those found in `memo` as the files it keeps)."""
    rows = resources.all_rows(catalog, register)
    if PACKAGE in parts:
        from generator.opendata import dcat  # rdflib, imported where the catalog is written: 0.05 s

        files = package.files(catalog, rows, site_url, register, memo)
        catalog_files = dcat.files(catalog, site_url or dcat.PLACEHOLDER_BASE)
        # First what `verify` reads, so that a build's other writer checks it while the zip and
        # each provider's files are made and written (national: 3,000 files, about a second).
        yield PACKAGE, {**files, **(catalog_files if site_url else {k: dcat.relative(v) for k, v in catalog_files.items()})}
        out: dict[str, Output] = {outputs.ZIP: deterministic_zip(sorted(files.items()), catalog.uppdaterad, memo)}
        # With the workbooks, each provider's CSV and workbook are made from one table of its rows.
        out.update(perprovider.files(rows, catalog if WORKBOOKS in parts else None, memo=memo))
        yield _PACKAGE_FILES, out
    if WORKBOOKS in parts:
        out = {outputs.XLSX: workbook.workbook_bytes(catalog, rows, memo)}
        if PACKAGE not in parts:
            out.update(perprovider.workbooks(rows, catalog, memo))
        yield WORKBOOKS, out


def verify(folder: Path, memo: Memo | None = None) -> None:
    """Read the written package back the way its users will; any fault stops the build.

    Each table is checked again only where it differs from one that passed (package.validate)."""
    from generator.opendata import dcat  # rdflib: see _parts

    package.validate(folder, memo)
    for name, fmt in ((outputs.DCAT_RDF, "xml"), (outputs.DCAT_TTL, "turtle")):
        try:
            dcat.check((folder / name).read_bytes(), fmt)
        except Exception as error:
            raise BuildError("dcat-invalid", f"Katalogen {name} för Sveriges dataportal går inte att läsa som RDF: {error}",
                             "Det är ett fel i Insyn, inte i datan. Den förra webbplatsen ligger kvar.") from None


def write(catalog: Catalog, folder: Path, site_url: str | None, register: Andringsregister | None = None,
          memo: Memo | None = None, parts: tuple[str, ...] = PARTS, check: bool = True,
          package_written: Callable[[], object] | None = None) -> None:
    """Gather, write and (for the package, unless the caller runs `verify` itself) read back
    the chosen parts into `folder`, the package first: `package_written` is called once it
    is in `folder`, before its zip, each provider's files and the workbooks are made (the
    build's writers check it meanwhile)."""
    made: set[str] = set()  # each folder made once, not asked for again for each of its 3,000 files
    for part, files in _parts(catalog, site_url, register, memo, parts):
        for rel, data in files.items():
            target = folder / rel
            tree.make_folder_of(str(target), made)
            put(data, target)
        if part == PACKAGE:
            if check:
                verify(folder, memo)
            if package_written is not None:
                package_written()
