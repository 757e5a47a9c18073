"""The data contract as pydantic models: one module per file kind."""

from generator.models.avtal import Avtal, Dokument, Krav
from generator.models.nyckeltal import REFERENCE_ROWS, Nyckeltal, NyckeltalFile, NyckeltalsVarde
from generator.models.plan import PlanPost, Uppfoljningsplan
from generator.models.region import Kommun, Mal, Namnd, RegionFile, Verksamhetsomrade
from generator.models.uppfoljning import Atgard, Brist, Handlingsplan, Uppfoljning
from generator.models.utforare import Utforare

__all__ = [
    "REFERENCE_ROWS", "Atgard", "Avtal", "Brist", "Dokument", "Handlingsplan", "Kommun", "Krav", "Mal",
    "Namnd", "Nyckeltal", "NyckeltalFile", "NyckeltalsVarde", "PlanPost", "RegionFile", "Uppfoljning",
    "Uppfoljningsplan", "Utforare", "Verksamhetsomrade",
]
