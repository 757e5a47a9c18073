"""avtal/<id>.yaml: a contract or, for egen regi, the assignment (uppdrag)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models.base import Record
from generator.models.valuetypes import HttpsUrl, Id, IsoDate, KravId, Kronor, YamlBool

Avtalsform = Literal["LOV", "LOU", "direktupphandling", "egen_regi"]


class Krav(Record):
    id: KravId = Field(description="Kravets id som avtalet numrerar det, t.ex. K1, 3.2.1 eller Krav 4 a; en kort rad, unikt inom avtalet.")
    beskrivning: str = Field(description="Kravet i klarspråk.", min_length=1)


class Dokument(Record):
    titel: str = Field(description="Dokumentets titel.", min_length=1)
    url: HttpsUrl = Field(description="Länk till dokumentet (https).")


class Avtal(Record):
    utforare: Id = Field(description="Utföraren som har avtalet.")
    verksamhetsomrade: Id = Field(description="Verksamhetsområdet avtalet gäller; ett av utförarens.")
    form: Avtalsform = Field(description="LOV, LOU, direktupphandling eller egen_regi (uppdrag till regionens egen verksamhet).")
    diarienummer: str | None = Field(None, description="Diarienummer, t.ex. RS/123/2024.")
    namnd: Id = Field(description="Nämnden som ansvarar för avtalet.")
    startdatum: IsoDate = Field(description="Dag då avtalet börjar gälla.")
    slutdatum: IsoDate | None = Field(None, description="Dag då avtalet upphör. Tomt betyder tills vidare.")
    arligt_varde_kr: Kronor | None = Field(None, description="Ungefärligt värde per år i kronor.", ge=0)
    strategiskt: YamlBool = Field(False, description="true om nämnden klassat avtalet som strategiskt (stort värde och stor påverkan för invånarna).")
    insynsklausul: YamlBool | None = Field(None, description="true om avtalet har en klausul om allmänhetens insyn. Krävs för privata utförare.")
    krav: tuple[Krav, ...] = Field((), description="De väsentliga krav som uppföljningar bedöms mot.")
    mal: tuple[Id, ...] = Field((), description="Övergripande mål som avtalet bidrar till.")
    dokument: tuple[Dokument, ...] = Field((), description="Avtalsdokument och förfrågningsunderlag.")
