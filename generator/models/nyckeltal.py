"""Indicator definitions (nyckeltal.yaml) and their values (nyckeltalsvarden/*.csv)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models.base import Record
from generator.models.valuetypes import (
    Decimal,
    Id,
    OptionalCount,
    OptionalDecimal,
    OptionalText,
    Period,
    YamlBool,
)

Enhet = Literal["procent", "antal", "dagar", "index", "kronor"]
Riktning = Literal["hogre_ar_battre", "lagre_ar_battre", "neutral"]
Kon = Literal["T", "K", "M"]
REFERENCE_ROWS = ("region", "riket")


class Nyckeltal(Record):
    id: Id = Field(description="Id för nyckeltalet.")
    namn: str = Field(description="Nyckeltalets namn.", min_length=1)
    beskrivning: str = Field(description="Vad nyckeltalet betyder och varför det är viktigt, i klarspråk.", min_length=1)
    enhet: Enhet = Field(description="Enhet: procent, antal, dagar, index eller kronor.")
    riktning: Riktning = Field(description="Om ett högre eller lägre värde är bättre, eller neutral.")
    malvarde: Decimal | None = Field(None, description="Målvärde, om ett sådant är beslutat.")
    mal: Id | None = Field(None, description="Det övergripande mål som nyckeltalet följer upp.")
    verksamhetsomraden: tuple[Id, ...] = Field(description="Verksamhetsområden där nyckeltalet mäts.", min_length=1)
    kalla: str = Field(description="Källa, t.ex. Nationell patientenkät.", min_length=1)
    konsuppdelad: YamlBool = Field(False, description="true om värden redovisas för kvinnor och män (K och M) och totalt (T).")


class NyckeltalFile(Record):
    """nyckeltal.yaml is a list; this wraps it so errors get a location."""

    nyckeltal: tuple[Nyckeltal, ...]


class NyckeltalsVarde(Record):
    utforare: Id = Field(description="Utförarens id, eller region respektive riket för jämförelsevärden.")
    nyckeltal: Id = Field(description="Nyckeltalets id.")
    period: Period = Field(description="Perioden värdet gäller: ÅÅÅÅ, ÅÅÅÅ-T1..T3 eller ÅÅÅÅ-MM.")
    kon: Kon = Field(description="T = totalt, K = kvinnor, M = män (som i Kolada).")
    varde: OptionalDecimal = Field(description="Värdet, med punkt som decimaltecken. Tomt betyder att värdet saknas.")
    antal: OptionalCount = Field(None, description="Antal svar eller fall bakom värdet.", ge=0)
    anmarkning: OptionalText = Field(None, description="Anmärkning; förklarar varför ett värde saknas.")
