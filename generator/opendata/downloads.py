"""What the site offers for download: the data package's files and the nämnd's reports, each
as the DCAT catalog describes it (opendata.dcat) and the data dictionary page lists it. Apart
from the catalog, so that the pages need not import rdflib (0.05 s of every command's start)."""

from __future__ import annotations

from dataclasses import dataclass

from generator import outputs
from generator.domain.catalog import Catalog
from generator.domain.rapportval import sokvag, webbplatsens_rapporter
from generator.opendata.package import DESCRIPTOR
from generator.opendata.schema import tables


@dataclass(frozen=True)
class Download:
    """One file offered for download, as a dcat:Distribution."""

    path: str  # under oppna-data/
    title: str
    title_en: str
    description: str
    media_type: str
    conforms_to: str | None = None
    folder: str = "oppna-data/"  # where `path` lies on the site


def downloads(typ: str) -> list[Download]:
    """The data package's files; `typ` (region.yaml's) words the tables' descriptions."""
    frictionless = "https://specs.frictionlessdata.io/data-package/"
    out = [
        Download(outputs.ZIP, "Hela datapaketet (zip)", "The whole data package (zip)",
                 "Alla tabeller som CSV-filer och datapackage.json i en zip-fil.", "application/zip", frictionless),
        Download(DESCRIPTOR, "Datapaketets beskrivning (datapackage.json)", "Data package descriptor",
                 "Frictionless Data Package: tabellernas scheman, licens och utgivare.", "application/json",
                 frictionless),
        Download(outputs.XLSX, "Alla tabeller i en Excel-fil", "All tables as an Excel workbook",
                 "En flik per tabell och en första flik som förklarar kolumnerna.",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ]
    for t in tables(typ):
        out.append(Download(t.path, f"{t.title} (CSV)", f"Table {t.name} (CSV)", t.description, "text/csv",
                            "https://specs.frictionlessdata.io/table-schema/"))
    return out


# The nämnd's reports (generator.rapport), written beside their page on the site.
REPORT_FORMATS = (
    ("pdf", "PDF", "application/pdf"),
    ("docx", "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("pptx", "presentation", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)


def report_downloads(catalog: Catalog) -> list[Download]:
    """One distribution per report file the site carries (this year's and last year's)."""
    out = []
    for namnd, ar in webbplatsens_rapporter(catalog):
        name = catalog.namnder[namnd].namn
        for ext, label, media in REPORT_FORMATS:
            out.append(Download(
                f"{namnd}-{ar}.{ext}", f"Rapport {ar}: {name} ({label})", f"Report {ar}: {name} ({ext.upper()})",
                f"Nämndens uppföljning av utförare {ar}: plan mot utfall, resultat, åtgärder, mål och referenslista.",
                media, folder=sokvag(namnd, ar)))
    return out
