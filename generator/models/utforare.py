"""utforare/<id>.yaml: one provider unit, egen regi or private, described on equal terms."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models.base import Record
from generator.models.valuetypes import (
    Epost,
    HsaId,
    HttpsUrl,
    Id,
    IsoDate,
    Kommunkod,
    ListItem,
    Postnummer,
    SnakeKey,
    Sprakkod,
    Telefon,
    YamlBool,
)

Driftsform = Literal["egen_regi", "privat"]


class Besoksadress(Record):
    gatuadress: str = Field(description="Gatuadress.", min_length=1)
    postnummer: Postnummer = Field(description="Postnummer, NNN NN.")
    ort: str = Field(description="Postort.", min_length=1)
    kommun: Kommunkod = Field(description="Kommunkod för kommunen där mottagningen ligger.")


class Position(Record):
    lat: float = Field(description="Latitud (WGS84).", ge=-90, le=90)
    lon: float = Field(description="Longitud (WGS84).", ge=-180, le=180)


class UtforarKontakt(Record):
    telefon: Telefon | None = Field(None, description="Telefonnummer.")
    epost: Epost | None = Field(None, description="E-postadress.")
    webbplats: HttpsUrl | None = Field(None, description="Webbplats (https).")


class Oppettid(Record):
    dagar: ListItem = Field(description="Dagar, t.ex. mån–fre.", min_length=1)
    tider: ListItem = Field(description="Tider, t.ex. 08.00–17.00.", min_length=1)


class Utforare(Record):
    namn: str = Field(description="Enhetens namn.", min_length=1)
    driftsform: Driftsform = Field(description="egen_regi: regionen driver enheten själv. privat: ett privat företag driver den på uppdrag av regionen.")
    organisationsnummer: str | None = Field(None, description="Organisationsnummer (krävs för privata utförare). För enskild firma är det ett personnummer och publiceras aldrig.")
    enskild_firma: YamlBool = Field(False, description="true om utföraren är en enskild firma; då är organisationsnumret ett personnummer som aldrig publiceras.")
    hsa_id: HsaId | None = Field(None, description="Enhetens HSA-id.")
    koncern: str | None = Field(None, description="Ägarkoncern, om enheten ingår i en koncern.")
    verksamhetsomraden: tuple[Id, ...] = Field(description="Verksamhetsområden som enheten utför.", min_length=1)
    besoksadress: Besoksadress | None = Field(None, description="Besöksadress.")
    position: Position | None = Field(None, description="Läge på kartan (WGS84).")
    kontakt: UtforarKontakt | None = Field(None, description="Kontaktuppgifter.")
    oppettider: tuple[Oppettid, ...] = Field((), description="Öppettider.")
    tillganglighet: dict[SnakeKey, YamlBool] = Field(default_factory=dict, description="Tillgänglighet, t.ex. rullstol, horslinga, parkering_rorelsehindrade: true eller false.")
    sprak: tuple[Sprakkod, ...] = Field((), description="Språk som personalen talar, som ISO 639-koder (sv, en, sma = sydsamiska).")
    tjanster: tuple[ListItem, ...] = Field((), description="Tjänster som enheten erbjuder.")
    startdatum: IsoDate | None = Field(None, description="Dag då enheten började.")
    slutdatum: IsoDate | None = Field(None, description="Dag då enheten stängde. En stängd enhet visas som stängd, inte dold.")
    beskrivning: str | None = Field(None, description="Kort beskrivning av enheten.")
