"""The report model: one frozen value per nämnd, year and period that every format reads.

The page, the PDF, the DOCX and the presentation are all drawn from this one model, so a
figure can never differ between them. Codes (`uppfyller_delvis`, `forsenad`) stay codes
here; each format turns them into words through the shared vocabulary.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Traff:
    """A public follow-up that answered a planned post."""

    uppfoljning: str
    typ: str
    period: str
    utforare: str  # the provider's name
    status: str


@dataclass(frozen=True)
class Planrad:
    avtal: str | None  # None: every provider in the area
    omrade: str
    typ: str
    planerad: str  # YYYY-MM
    redovisas_i: str
    i_denna_rapport: bool  # the post is to be presented in this kind of report
    utfall: str  # a planutfall.UTFALL code
    traffar: tuple[Traff, ...]
    varfor_ingen: str  # why no follow-up matched; empty when one did


@dataclass(frozen=True)
class Plan:
    plan: str  # the plan's id (its page is uppfoljningsplaner/<id>/)
    beslutad: dt.date | None
    paragraf: str | None
    rader: tuple[Planrad, ...]
    antal: tuple[tuple[str, int], ...]  # (utfall, count), every outcome


@dataclass(frozen=True)
class Driftsresultat:
    driftsform: str
    antal: tuple[tuple[str, int], ...]  # (resultat, count), every result; "sekretess" when withheld
    brister: tuple[tuple[str, int], ...]  # (allvarlighet, count)
    uppfoljningar: int


@dataclass(frozen=True)
class Kravbrist:
    krav: str
    beskrivning: str
    antal: tuple[tuple[str, int], ...]  # (driftsform, count)


@dataclass(frozen=True)
class Omradesresultat:
    omrade: str
    namn: str
    drift: tuple[Driftsresultat, ...]  # egen regi, then private: side by side
    krav: tuple[Kravbrist, ...]


@dataclass(frozen=True)
class Atgardsrad:
    uppfoljning: str
    utforare: str  # name
    beskrivning: str
    senast: dt.date
    status: str
    klar: dt.date | None
    dagar_sen: int  # 0 unless late


@dataclass(frozen=True)
class Utforaratgarder:
    utforare: str  # id
    namn: str
    driftsform: str
    klara: int
    oppna: int
    forsenade: int


@dataclass(frozen=True)
class Konsvarde:
    kon: str  # T, K, M
    varde: float | None
    nar_malet: bool | None  # None: no target, or no value


@dataclass(frozen=True)
class Nyckeltalslage:
    """One key figure for the region against its target value, in the newest period."""

    nyckeltal: str
    namn: str
    enhet: str
    riktning: str
    malvarde: float | None
    period: str | None
    varden: tuple[Konsvarde, ...]  # T first, then K and M where the indicator has them


@dataclass(frozen=True)
class Malpaverkan:
    mal: str
    namn: str
    brister: int  # deficiencies in follow-ups tied to the goal
    paverkan: tuple[str, ...]  # what the follow-ups said about the effect on the goal
    nyckeltal: tuple[Nyckeltalslage, ...]


@dataclass(frozen=True)
class Prognos:
    ar: int
    varde: float
    metod: str  # said in words on every format, with the word "prognos"


@dataclass(frozen=True)
class Nyckeltalsserie:
    lage: Nyckeltalslage
    serie: tuple[tuple[str, float | None], ...]  # the region's values per period, oldest first
    trend: str  # battre, samre, oforandrad, okand
    enheter_nar: int  # providers whose newest value reaches the target
    enheter_med_varde: int
    riket: float | None
    riket_period: str | None
    prognos: Prognos | None


@dataclass(frozen=True)
class Sakomrade:
    """The governance rules' questions for one sakområde (verksamhetsområde)."""

    omrade: str
    namn: str
    mal: tuple[str, ...]  # goal names
    uppdrag_egen_regi: int
    avtal_privata: int
    nyckeltal: tuple[Nyckeltalsserie, ...]
    atgarder: tuple[Atgardsrad, ...]  # measures not yet done in the area


@dataclass(frozen=True)
class Referens:
    titel: str
    diarienummer: str | None
    datum: dt.date | None
    utforare: str
    url: str | None
    uppfoljning: str


@dataclass(frozen=True)
class Bristrad:
    krav: str
    beskrivning: str
    allvarlighet: str
    paverkan: str | None


@dataclass(frozen=True)
class StrategisktAvtal:
    avtal: str
    namn: str
    omrade: str
    arligt_varde_kr: int | None
    klass: str  # value and impact, in words
    uppfoljning: str | None  # the newest assessed follow-up in the period
    resultat: str | None
    brister: tuple[Bristrad, ...]
    mal: tuple[str, ...]  # goal names the contract serves
    atgarder: tuple[Atgardsrad, ...]


@dataclass(frozen=True)
class Rapport:
    namnd: str
    namnd_namn: str
    ar: int
    period: str  # a PERIODER code
    period_namn: str
    per: dt.date  # the day the report describes (period end, or today if sooner)
    titel: str
    region: str
    exempeldata: bool
    uppdaterad: dt.date  # the data's version
    planer: tuple[Plan, ...]
    resultat: tuple[Omradesresultat, ...]
    utforaratgarder: tuple[Utforaratgarder, ...]
    forsenade: tuple[Atgardsrad, ...]
    mal: tuple[Malpaverkan, ...]
    referenser: tuple[Referens, ...]
    sakomraden: tuple[Sakomrade, ...]
    strategiska: tuple[StrategisktAvtal, ...]
    dolda: int  # non-public follow-ups in the nämnd's areas and year: counted, never shown
    uppfoljningar: int  # public follow-ups the report covers
