"""The last look before publishing: the finished folder has every file a published site needs.

Each stage checks its own output as it writes it (the engine its links, open data with
Frictionless); this stage checks the whole, so a folder that lacks its start page, its
not-found page, its sitemap or its data package can never replace a working site.
"""

from __future__ import annotations

from pathlib import Path

from generator import outputs
from generator.problems import BuildError

REQUIRED = (outputs.START, outputs.NOT_FOUND, outputs.SITEMAP, f"{outputs.OPPNA_DATA}/{outputs.DATAPACKAGE}")


def verify(site: Path) -> None:
    """Raise BuildError naming the first file of `REQUIRED` that `site` lacks."""
    for rel in REQUIRED:
        if not (site / rel).is_file():
            raise BuildError("site-incomplete", f"Den nya webbplatsen saknar {rel}.",
                             "Det är ett fel i Insyn, inte i datan. Den förra webbplatsen ligger kvar.")
