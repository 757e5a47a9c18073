"""The whole path, stage by stage: load → validate → render → package → site.

Nothing is written until the data is valid; the site module builds in a temporary folder
and swaps it in only after every output has been verified.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.domain.catalog import Catalog
from generator.load import load_dataset
from generator.progress import Progress
from generator.settings import BuildSettings
from generator.validate import validate


def check(data_dir: Path, idag: dt.date) -> Catalog:
    """Load and validate; raises DataError with every problem."""
    return validate(load_dataset(data_dir), idag)


def summary(catalog: Catalog) -> str:
    hidden = sum(catalog.dolda.values())
    parts = [
        f"{len(catalog.utforare)} utförare",
        f"{len(catalog.avtal)} avtal",
        f"{len(catalog.uppfoljningar) + hidden} uppföljningar ({hidden} ej publika)",
        f"{len(catalog.planer)} uppföljningsplaner",
        f"{len(catalog.nyckeltal)} nyckeltal med {len(catalog.varden)} värden",
        f"{len(catalog.omraden)} verksamhetsområden",
        f"{len(catalog.kommuner)} kommuner",
    ]
    return f"{catalog.region.namn}: " + ", ".join(parts) + "."


def build(settings: BuildSettings) -> Catalog:
    """Validate, render and publish atomically; raises DataError or BuildError, never half-writes."""
    from generator import opendata, pages
    from generator.rapport import filer as rapport_filer
    from generator.site import build as site

    progress = Progress(settings.show_progress)
    with progress.stage("Läser och kontrollerar datan"):
        catalog = check(settings.data_dir, settings.idag)
    site_url = settings.site_url or catalog.publicering.webbadress
    with progress.stage("Skapar sidor"):
        rendered = pages.render_all(catalog, site_url=site_url)
    with progress.stage("Skriver nämndernas rapporter (PDF, Word, presentation)"):
        files = rapport_filer.site_files(catalog, site_url)
    site.publish(settings, catalog, rendered, site_url, progress, opendata.write, files)
    return catalog
