"""uppfoljningsplaner/<id>.yaml: a nämnd's annual plan of what will be followed up when."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models.base import Record
from generator.models.patterns import FIRST_YEAR, LAST_YEAR
from generator.models.uppfoljning import Typ
from generator.models.valuetypes import Id, IsoDate, Month, WholeNumber

RedovisasI = Literal["tertialrapport", "delarsrapport", "arsbokslut", "namndsammantrade"]


class Beslut(Record):
    datum: IsoDate = Field(description="Dag då planen beslutades.")
    paragraf: str | None = Field(None, description="Paragraf i protokollet.")


class PlanPost(Record):
    avtal: Id | None = Field(None, description="Avtalet som ska följas upp (eller ange verksamhetsområde).")
    verksamhetsomrade: Id | None = Field(None, description="Verksamhetsområdet som ska följas upp (eller ange avtal).")
    typ: Typ = Field(description="Slag av uppföljning som planeras.")
    planerad: Month = Field(description="Månad då uppföljningen planeras, ÅÅÅÅ-MM.")
    redovisas_i: RedovisasI = Field(description="Var resultatet redovisas: tertialrapport, delarsrapport, arsbokslut eller namndsammantrade.")


class Uppfoljningsplan(Record):
    ar: WholeNumber = Field(description="Året planen gäller.", ge=FIRST_YEAR, le=LAST_YEAR)
    namnd: Id = Field(description="Nämnden som beslutat planen.")
    beslutad: Beslut | None = Field(None, description="När planen beslutades.")
    poster: tuple[PlanPost, ...] = Field((), description="De planerade uppföljningarna.")
