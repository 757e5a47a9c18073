"""The nämnd's report (tertialrapport, delårsrapport, årsbokslut): one model, four formats.

`bygg_rapport` computes the report from the public catalog; the formats only write it.
"""

from generator.rapport.bygg import bygg_rapport
from generator.rapport.model import Rapport
from generator.rapport.period import PERIODER

__all__ = ["PERIODER", "Rapport", "bygg_rapport"]
