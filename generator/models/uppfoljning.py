"""uppfoljningar/<id>.yaml: one follow-up with findings, deficiencies and an action plan."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models.base import Record
from generator.models.valuetypes import (
    HttpsUrl,
    Id,
    IsoDate,
    KravId,
    Period,
    PublishedDate,
    YamlBool,
)

Typ = Literal["verksamhetsberattelse", "muntlig_uppfoljning", "statistik", "fordjupad_uppfoljning", "revision", "avvikelse"]
Status = Literal["planerad", "pagaende", "genomford", "installd"]
Resultat = Literal["uppfyller", "uppfyller_delvis", "uppfyller_inte", "ej_bedomd"]
Allvarlighet = Literal["lag", "medel", "hog"]
AtgardStatus = Literal["planerad", "pagaende", "klar"]


class Redovisad(Record):
    organ: str = Field(description="Var resultatet redovisades, t.ex. Regionstyrelsen.", min_length=1)
    datum: PublishedDate = Field(description="Dag då resultatet redovisades.")
    paragraf: str | None = Field(None, description="Paragraf i protokollet, t.ex. § 45.")


class Brist(Record):
    krav: KravId = Field(description="Id för kravet i avtalet som inte uppfylldes, skrivet exakt som i avtalet.")
    beskrivning: str = Field(description="Vad bristen består av.", min_length=1)
    allvarlighet: Allvarlighet = Field(description="Hur allvarlig bristen är: lag (låg), medel eller hog (hög).")
    paverkan: str | None = Field(None, description="Hur bristen påverkar måluppfyllelsen.")


class Atgard(Record):
    beskrivning: str = Field(description="Vad som ska göras.", min_length=1)
    senast: IsoDate = Field(description="Dag då åtgärden senast ska vara klar.")
    status: AtgardStatus = Field(description="planerad, pagaende (pågående) eller klar.")
    klar: IsoDate | None = Field(None, description="Dag då åtgärden blev klar.")


class Handlingsplan(Record):
    beslutad: IsoDate | None = Field(None, description="Dag då handlingsplanen beslutades.")
    atgarder: tuple[Atgard, ...] = Field((), description="Åtgärderna i handlingsplanen.")


class UppfoljningsDokument(Record):
    titel: str = Field(description="Dokumentets titel.", min_length=1)
    url: HttpsUrl | None = Field(None, description="Länk till dokumentet (https).")
    diarienummer: str | None = Field(None, description="Diarienummer för dokumentet.")


class Uppfoljning(Record):
    avtal: Id = Field(description="Avtalet som följdes upp.")
    typ: Typ = Field(description="Slag av uppföljning.")
    period: Period = Field(description="Perioden som följdes upp.")
    status: Status = Field(description="planerad, pagaende (pågående), genomford (genomförd) eller installd (inställd).")
    genomford: PublishedDate | None = Field(None, description="Dag då uppföljningen blev klar. Krävs när status är genomford.")
    granskare: str | None = Field(None, description="Funktionen som granskade (inte en person).")
    redovisad: Redovisad | None = Field(None, description="Var och när resultatet redovisades.")
    resultat: Resultat | None = Field(None, description="Resultatet. Krävs när status är genomford.")
    sammanfattning: str | None = Field(None, description="Sammanfattning i klarspråk för invånare.")
    brister: tuple[Brist, ...] = Field((), description="Brister mot avtalets krav.")
    handlingsplan: Handlingsplan | None = Field(None, description="Handlingsplan för att rätta bristerna.")
    mal: tuple[Id, ...] = Field((), description="Övergripande mål som uppföljningen gäller.")
    dokument: tuple[UppfoljningsDokument, ...] = Field((), description="Uppföljningsdokument.")
    kommentar_utforare: str | None = Field(None, description="Utförarens egen kommentar till resultatet.")
    sekretess: tuple[str, ...] = Field((), description="Fält som omfattas av sekretess enligt OSL; deras värden publiceras aldrig.")
    publik: YamlBool = Field(True, description="false: uppföljningen publiceras inte alls, bara räknas per område och år.")
