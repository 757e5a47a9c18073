"""The report periods of the governance rules: tertial per April, delår per August, årsbokslut.

The rules follow up plans in the tertialrapport (per 30 April), the delårsrapport (per 31
August) and the årsbokslut (per 31 December). T2 is the second tertial, which ends on the
same day as the delår; it is kept as its own code because staff say both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Rapportperiod:
    kod: str
    namn: str  # the report's name, as the governance rules call it
    per: str  # "per 30 april", for titles
    manad: int
    dag: int
    redovisas_i: str  # the plan's `redovisas_i` code for posts this report presents

    def slutdag(self, ar: int) -> dt.date:
        return dt.date(ar, self.manad, self.dag)


PERIODER: dict[str, Rapportperiod] = {
    "T1": Rapportperiod("T1", "Tertialrapport", "per 30 april", 4, 30, "tertialrapport"),
    "T2": Rapportperiod("T2", "Tertialrapport 2", "per 31 augusti", 8, 31, "delarsrapport"),
    "delar": Rapportperiod("delar", "Delårsrapport", "per 31 augusti", 8, 31, "delarsrapport"),
    "ar": Rapportperiod("ar", "Årsbokslut", "per 31 december", 12, 31, "arsbokslut"),
}
