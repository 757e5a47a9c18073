"""Catalog → Frictionless data package, workbook, zip and DCAT-AP-SE catalog (in progress)."""

from __future__ import annotations

from pathlib import Path

from generator.catalog import Catalog


def write(catalog: Catalog, folder: Path, site_url: str | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
