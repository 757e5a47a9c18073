"""region.yaml: the publisher and the shared vocabularies every other file refers to."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models.base import Record
from generator.models.valuetypes import (
    Epost,
    HttpsUrl,
    Id,
    Kommunkod,
    Orgnr,
    PublishedDate,
    SiteUrl,
    Telefon,
    WholeNumber,
    YamlBool,
)

Lag = Literal["LOV", "LOU", "egen_regi", "annan"]


class Kontakt(Record):
    epost: Epost = Field(description="E-postadress dit allmänheten kan vända sig med frågor om uppgifterna.")
    telefon: Telefon | None = Field(None, description="Telefonnummer till regionens eller kommunens växel.")


class RegionInfo(Record):
    namn: str = Field(description="Namnet på regionen eller kommunen som publicerar uppgifterna.", min_length=1)
    organisationsnummer: Orgnr = Field(description="Organisationsnummer för den som publicerar.")
    webbplats: HttpsUrl = Field(description="Regionens eller kommunens webbplats.")
    kontakt: Kontakt = Field(description="Kontaktuppgifter för frågor om uppgifterna.")
    licens: str = Field(description="Licens för öppna data som SPDX-id, t.ex. CC0-1.0 eller CC-BY-4.0.", pattern=r"^[A-Za-z0-9.\-+]+$")
    exempeldata: YamlBool = Field(description="true om uppgifterna är påhittade exempeldata; då visas en tydlig markering på varje sida.")
    typ: Literal["region", "kommun"] = Field("region", description="Slag av offentlig organisation: region eller kommun.")


class Publicering(Record):
    webbadress: SiteUrl | None = Field(None, description="Adressen där webbplatsen publiceras; används för absoluta länkar i katalog och webbplatskarta.")
    uppdaterad: PublishedDate | None = Field(None, description="Dag då uppgifterna senast uppdaterades. Saknas den används det senaste datumet i datan.")
    minsta_antal: WholeNumber = Field(10, ge=1, le=1_000_000, description="Minsta antal svar eller fall bakom ett nyckeltalsvärde för att det ska visas. Färre än så redovisas inte, varken på sidorna eller i öppna data.")


class SaValjerDu(Record):
    text: str = Field(description="Kort text i klarspråk om hur man väljer eller listar sig hos en utförare, t.ex. via 1177.", min_length=1)
    url: HttpsUrl = Field(description="Sidan där man gör valet, med https.")


class Kommun(Record):
    kod: Kommunkod = Field(description="Kommunkod med fyra siffror enligt SCB, t.ex. 2380.")
    namn: str = Field(description="Kommunens namn.", min_length=1)


class Namnd(Record):
    id: Id = Field(description="Id för nämnden eller styrelsen.")
    namn: str = Field(description="Nämndens eller styrelsens namn.", min_length=1)


class Mal(Record):
    id: Id = Field(description="Id för det övergripande målet.")
    namn: str = Field(description="Målet i klartext, som i regionplanen.", min_length=1)
    malomrade: str = Field(description="Målområdet som målet hör till, t.ex. Hälso- och sjukvård.", min_length=1)
    beskrivning: str | None = Field(None, description="Kort förklaring av vad målet innebär.")


class Verksamhetsomrade(Record):
    id: Id = Field(description="Id för verksamhetsområdet.")
    namn: str = Field(description="Namnet som invånare känner igen, t.ex. Hälsocentraler (Hälsoval).", min_length=1)
    valfrihet: YamlBool = Field(description="true om invånare själva väljer utförare; då krävs jämförbar information om alla utförare och en jämförelsesida skapas.")
    lag: Lag = Field(description="Hur uppdraget lämnas: LOV (valfrihetssystem), LOU (upphandling), egen_regi eller annan.")
    namnd: Id = Field(description="Nämnden som ansvarar för verksamheten.")
    mal: tuple[Id, ...] = Field((), description="De övergripande mål som verksamheten bidrar till.")
    beskrivning: str | None = Field(None, description="Vad verksamheten gör, i klarspråk.")
    sa_valjer_du: SaValjerDu | None = Field(None, description="Hur invånare väljer eller listar sig hos en utförare inom verksamheten; visas överst på varje utförares sida.")
    uppfoljningscykel: WholeNumber = Field(12, ge=1, le=120, description="Antal månader inom vilka varje utförare ska ha följts upp (uppföljningsplanens intervall). En utförare utan avslutad uppföljning inom den tiden markeras.")


class RegionFile(Record):
    """The whole of region.yaml."""

    region: RegionInfo = Field(description="Den som publicerar uppgifterna.")
    publicering: Publicering = Field(default_factory=Publicering, description="Inställningar för publiceringen.")
    kommuner: tuple[Kommun, ...] = Field(description="Kommunerna i regionen.", min_length=1)
    namnder: tuple[Namnd, ...] = Field(description="Styrelse och nämnder som ansvarar för avtal och planer.", min_length=1)
    mal: tuple[Mal, ...] = Field((), description="De övergripande målen i regionplanen.")
    verksamhetsomraden: tuple[Verksamhetsomrade, ...] = Field(description="Verksamheterna som programmet omfattar.", min_length=1)
