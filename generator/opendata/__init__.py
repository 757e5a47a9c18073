"""Catalog → open data under `oppna-data/`: data package, zip, workbook, per-provider CSVs, DCAT.

Called by the site builder after MkDocs has built the site into a temporary folder. Every
file is gathered first, then written, then read back and checked (Frictionless with
foreign keys; the DCAT files parsed as RDF). Any failure raises BuildError, so the build
stops and the published site stays as it was.
"""

from __future__ import annotations

from pathlib import Path

from generator import outputs
from generator.domain.catalog import Catalog
from generator.memo import Memo
from generator.opendata import dcat, package, perprovider, resources, workbook
from generator.opendata.archive import deterministic_zip
from generator.opendata.resources import Andringsregister
from generator.problems import BuildError


def gather(catalog: Catalog, site_url: str | None, register: Andringsregister | None = None,
           memo: Memo | None = None) -> dict[str, bytes]:
    """Every file of `oppna-data/` by relative path; nothing is written yet.

    Without a site address (publicering.webbadress is optional) the DCAT catalog's
    addresses are relative to the catalog file, which harvesters resolve against its URL.
    """
    rows = resources.all_rows(catalog, register)
    files = package.files(catalog, rows, site_url, register)
    out = dict(files)
    out[outputs.ZIP] = deterministic_zip(sorted(files.items()), catalog.uppdaterad)
    out[outputs.XLSX] = workbook.workbook_bytes(catalog, rows)
    out.update(perprovider.files(rows, catalog, memo))
    catalog_files = dcat.files(catalog, site_url or dcat.PLACEHOLDER_BASE)
    out.update(catalog_files if site_url else {k: dcat.relative(v) for k, v in catalog_files.items()})
    return out


def verify(folder: Path, memo: Memo | None = None) -> None:
    """Read the written files back the way their users will; any fault stops the build.

    The package is checked again only when its bytes differ from a package that passed."""
    written = [p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes()
               for p in sorted(folder.rglob("*")) if p.is_file()]
    (memo or Memo(None, None)).bytes("kontrollerat", written, lambda: _validated(folder))
    for name, fmt in ((outputs.DCAT_RDF, "xml"), (outputs.DCAT_TTL, "turtle")):
        try:
            dcat.check((folder / name).read_bytes(), fmt)
        except Exception as error:
            raise BuildError("dcat-invalid", f"Katalogen {name} för Sveriges dataportal går inte att läsa som RDF: {error}",
                             "Det är ett fel i Insyn, inte i datan. Den förra webbplatsen ligger kvar.") from None


def _validated(folder: Path) -> bytes:
    package.validate(folder)
    return b"ok"


def write(catalog: Catalog, folder: Path, site_url: str | None, register: Andringsregister | None = None,
          memo: Memo | None = None) -> None:
    files = gather(catalog, site_url, register, memo)
    for rel, data in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    verify(folder, memo)
