"""What the theme shows around every page (footer contact, example-data banner), from the data.

Presentation of data lives with the pages; the site configuration only carries it to the theme
(`config.extra` in theme/overrides).
"""

from __future__ import annotations

from generator.domain.catalog import Catalog
from generator.models.valuetypes import mailto_uri
from generator.sv.telefon import tel_uri


def kontakt(catalog: Catalog) -> dict[str, str]:
    """Who publishes and how to reach them, for the footer of every page (partials/copyright.html)."""
    region = catalog.region
    result = {"organisation": region.namn, "epost": region.kontakt.epost, "epost_href": mailto_uri(region.kontakt.epost)}
    if region.kontakt.telefon:
        result.update(telefon=region.kontakt.telefon, telefon_href=tel_uri(region.kontakt.telefon))
    if region.webbplats:
        result["webbplats"] = str(region.webbplats)
        result["webbplats_text"] = str(region.webbplats).split("://", 1)[-1].rstrip("/")
    return result


def frame(catalog: Catalog) -> dict[str, object]:
    """The values every page's frame needs: banner, publisher, date of the data, contact."""
    return {
        "exempeldata": catalog.region.exempeldata,
        "organisation": catalog.region.namn,
        "uppdaterad": catalog.uppdaterad.isoformat(),
        "kontakt": kontakt(catalog),
    }
