"""The nämnd's report (tertialrapport, delårsrapport, årsbokslut): one model, four formats.

`bygg_rapport` computes the report from the public catalog; `innehall` says it in words as
one document; the page, the PDF, the DOCX and the presentation only write that document.
The package sits above pages/ and opendata/ (it uses their formatting and charts), and
nothing but the pipeline and the command line imports it.
"""

from generator.rapport.bygg import bygg_rapport
from generator.rapport.filer import filer, site_files, write
from generator.rapport.model import Rapport
from generator.rapport.period import PERIODER
from generator.rapport.sida import render as sidor

__all__ = ["PERIODER", "Rapport", "bygg_rapport", "filer", "sidor", "site_files", "write"]
