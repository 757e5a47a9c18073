"""Table Schemas for every published table, built from the models' own descriptions.

One place says what each column is: the CSV header, the Frictionless schema, the Excel
explanation sheet and the data-dictionary page all read these specs, so they cannot drift.
A column that mirrors a model field takes its Swedish description and its allowed values
from the pydantic field; derived columns say what they are here.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from generator.models import (
    Atgard,
    Avtal,
    Brist,
    Kommun,
    Krav,
    Mal,
    Namnd,
    Nyckeltal,
    NyckeltalsVarde,
    PlanPost,
    Uppfoljning,
    Uppfoljningsplan,
    Utforare,
    Verksamhetsomrade,
)
from generator.models.patterns import (
    ID_PATTERN,
    KOMMUNKOD_PATTERN,
    KRAV_ID_PATTERN,
    MONTH_PATTERN,
    PERIOD_PATTERN,
    YEAR_PATTERN,
)
from generator.models.plan import Beslut
from generator.models.uppfoljning import Redovisad
from generator.models.utforare import Besoksadress, Position, UtforarKontakt
from generator.sv.vocabulary import PLANUTFALL, i_utgivarens_ord

ColumnType = Literal["string", "integer", "number", "boolean", "date"]

# One form for every column that holds several values: separated by "|" without spaces. Not a
# comma or semicolon: free text (tjänster, öppettider) may hold commas, and Swedish Excel
# splits a CSV on semicolons.
LIST_SEP = "|"
LIST_NOTE = " Flera värden skrivs åtskilda med lodrätt streck (|) utan mellanslag, t.ex. halsoval|specialistvard."
REPEATED_NOTE = " Upprepas här från utforare.csv så att tabellen går att läsa utan att slå upp utföraren."
WITHHELD_NOTE = " Tomt om uppgiften omfattas av sekretess (se kolumnen sekretess)."


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    type: ColumnType
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    minimum: float | None = None

    def descriptor(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "title": self.title, "type": self.type,
                               "description": self.description}
        if self.type == "date":
            out["format"] = "%Y-%m-%d"
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default=())

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"fields": [c.descriptor() for c in self.columns],
                               "missingValues": [""], "primaryKey": list(self.primary_key)}
        if self.foreign_keys:
            out["foreignKeys"] = [
                {"fields": list(fk.fields), "reference": {"resource": fk.resource, "fields": list(fk.reference)}}
                for fk in self.foreign_keys
            ]
        return out


def _enum_of(annotation: Any) -> tuple[str, ...]:
    """The allowed codes of a Literal field (also inside Optional)."""
    for arg in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(arg) is Literal:
            return tuple(str(a) for a in typing.get_args(arg))
    return ()


def col(name: str, title: str, type_: ColumnType, model: type[BaseModel] | None = None, source: str | None = None,
        *, extra: str = "", description: str | None = None, required: bool = False, pattern: str | None = None,
        minimum: float | None = None, enum: tuple[str, ...] | None = None) -> Column:
    """A column; with a model, its description and allowed values come from the model field."""
    text = description or ""
    codes: tuple[str, ...] = enum or ()
    if model is not None:
        info = model.model_fields[source or name]
        text = description or info.description or ""
        if enum is None:
            codes = _enum_of(info.annotation)
    return Column(name, title, type_, (text + extra).strip(), required, codes, pattern, minimum)


def _id(what: str) -> Column:
    return col("id", "Id", "string", description=f"Id för {what}; samma som filnamnet i datan och sista delen av sidans adress.",
               required=True, pattern=ID_PATTERN)


def _ref(name: str, title: str, model: type[BaseModel], source: str | None = None, required: bool = True,
         extra: str = "") -> Column:
    return col(name, title, "string", model, source, required=required, pattern=ID_PATTERN, extra=extra)


def _fk(column: str, resource: str, target: str = "id") -> ForeignKey:
    return ForeignKey((column,), resource, (target,))


def _namn_och_driftsform() -> tuple[Column, ...]:
    """The provider's name and driftsform repeated beside its id: one lookup fewer per question."""
    return (col("utforare_namn", "Utförarens namn", "string", description="Utförarens namn." + REPEATED_NOTE,
                required=True),
            col("driftsform", "Driftsform", "string", Utforare, required=True, extra=REPEATED_NOTE))


def _utforare_ref(description: str) -> Column:
    return col("utforare", "Utförare", "string", description=description, required=True, pattern=ID_PATTERN)


KOMMUNER = Table("kommuner", "Kommuner", "Kommunerna i regionen.", (
    col("kod", "Kommunkod", "string", Kommun, required=True, pattern=KOMMUNKOD_PATTERN),
    col("namn", "Namn", "string", Kommun, required=True),
), ("kod",))

NAMNDER = Table("namnder", "Nämnder", "Styrelse och nämnder som ansvarar för avtal och uppföljningsplaner.", (
    _id("nämnden"),
    col("namn", "Namn", "string", Namnd, required=True),
), ("id",))

MAL = Table("mal", "Övergripande mål", "De övergripande målen i regionplanen.", (
    _id("målet"),
    col("namn", "Mål", "string", Mal, required=True),
    col("malomrade", "Målområde", "string", Mal, required=True),
    col("beskrivning", "Beskrivning", "string", Mal),
), ("id",))

VERKSAMHETSOMRADEN = Table("verksamhetsomraden", "Verksamhetsområden", "Verksamheterna som uppföljningen omfattar.", (
    _id("verksamhetsområdet"),
    col("namn", "Namn", "string", Verksamhetsomrade, required=True),
    col("valfrihet", "Valfrihet", "boolean", Verksamhetsomrade, required=True),
    col("lag", "Lag", "string", Verksamhetsomrade, required=True),
    _ref("namnd", "Nämnd", Verksamhetsomrade),
    col("mal", "Mål", "string", Verksamhetsomrade, extra=LIST_NOTE),
    col("beskrivning", "Beskrivning", "string", Verksamhetsomrade),
), ("id",), (_fk("namnd", "namnder"),))

UTFORARE = Table("utforare", "Utförare", "Alla enheter som utför verksamhet på uppdrag: egen regi och privata på samma villkor.", (
    _id("utföraren"),
    col("namn", "Namn", "string", Utforare, required=True),
    col("driftsform", "Driftsform", "string", Utforare, required=True),
    col("organisationsnummer", "Organisationsnummer", "string", Utforare,
        extra=" Alltid tomt för enskild firma."),
    col("enskild_firma", "Enskild firma", "boolean", Utforare, required=True),
    col("hsa_id", "HSA-id", "string", Utforare),
    col("koncern", "Koncern", "string", Utforare),
    col("verksamhetsomraden", "Verksamhetsområden", "string", Utforare, required=True, extra=LIST_NOTE),
    col("gatuadress", "Gatuadress", "string", Besoksadress),
    col("postnummer", "Postnummer", "string", Besoksadress),
    col("ort", "Ort", "string", Besoksadress),
    col("kommun", "Kommunkod", "string", Besoksadress),
    col("lat", "Latitud", "number", Position),
    col("lon", "Longitud", "number", Position),
    col("telefon", "Telefon", "string", UtforarKontakt),
    col("epost", "E-post", "string", UtforarKontakt),
    col("webbplats", "Webbplats", "string", UtforarKontakt),
    col("sprak", "Språk", "string", Utforare, extra=LIST_NOTE),
    col("tjanster", "Tjänster", "string", Utforare, extra=LIST_NOTE),
    col("oppettider", "Öppettider", "string", Utforare,
        extra=" Dagar och tider, t.ex. mån–fre 08.00–17.00." + LIST_NOTE),
    col("tillganglighet", "Tillgänglighet", "string", Utforare,
        extra=" Skrivs namn=true eller namn=false, t.ex. rullstol=true|horslinga=false." + LIST_NOTE),
    col("startdatum", "Startdatum", "date", Utforare),
    col("slutdatum", "Slutdatum", "date", Utforare),
    col("beskrivning", "Beskrivning", "string", Utforare),
    col("senast_uppfoljd", "Senast uppföljd", "date",
        description="Dagen då den senaste avslutade, publika uppföljningen av utföraren blev klar."),
    col("uppfoljning_forsenad", "Uppföljning försenad", "boolean", required=True,
        description="true om utföraren är öppen, har funnits längre än verksamhetens uppföljningscykel (normalt "
                    "12 månader) och inte har någon avslutad uppföljning inom den tiden, räknat den dag filerna skapades."),
), ("id",), (_fk("kommun", "kommuner", "kod"),))

AVTAL = Table("avtal", "Avtal och uppdrag", "Avtal med privata utförare och uppdrag till egen regi.", (
    _id("avtalet"),
    _ref("utforare", "Utförare", Avtal),
    _ref("verksamhetsomrade", "Verksamhetsområde", Avtal),
    col("form", "Avtalsform", "string", Avtal, required=True),
    col("diarienummer", "Diarienummer", "string", Avtal),
    _ref("namnd", "Nämnd", Avtal),
    col("startdatum", "Startdatum", "date", Avtal, required=True),
    col("slutdatum", "Slutdatum", "date", Avtal),
    col("arligt_varde_kr", "Årligt värde (kr)", "integer", Avtal, minimum=0),
    col("strategiskt", "Strategiskt", "boolean", Avtal, required=True),
    col("insynsklausul", "Insynsklausul", "boolean", Avtal,
        extra=" Tomt för uppdrag till egen regi: klausulen om insyn (kommunallagen 10:9) gäller bara avtal med "
              "privata utförare, så frågan är inte tillämplig."),
    col("mal", "Mål", "string", Avtal, extra=LIST_NOTE),
), ("id",), (_fk("utforare", "utforare"), _fk("verksamhetsomrade", "verksamhetsomraden"), _fk("namnd", "namnder")))

KRAV = Table("krav", "Avtalskrav", "De väsentliga krav i varje avtal som uppföljningar bedöms mot.", (
    col("avtal", "Avtal", "string", description="Avtalet som kravet hör till.", required=True, pattern=ID_PATTERN),
    col("id", "Krav-id", "string", Krav, required=True, pattern=KRAV_ID_PATTERN),
    col("beskrivning", "Krav", "string", Krav, required=True),
), ("avtal", "id"), (_fk("avtal", "avtal"),))

UPPFOLJNINGAR = Table("uppfoljningar", "Uppföljningar",
    "Publika uppföljningar av avtal och uppdrag. Uppföljningar som inte är publika finns inte med; "
    "de räknas bara i tabellen dolda_uppfoljningar.", (
    _id("uppföljningen"),
    _ref("avtal", "Avtal", Uppfoljning),
    _utforare_ref("Utföraren som har avtalet (för enklare filtrering)."),
    *_namn_och_driftsform(),
    col("verksamhetsomrade", "Verksamhetsområde", "string", description="Avtalets verksamhetsområde.",
        required=True, pattern=ID_PATTERN),
    col("typ", "Typ", "string", Uppfoljning, required=True),
    col("period", "Period", "string", Uppfoljning, pattern=PERIOD_PATTERN, extra=WITHHELD_NOTE),
    col("status", "Status", "string", Uppfoljning, required=True),
    col("genomford", "Genomförd", "date", Uppfoljning, extra=WITHHELD_NOTE),
    col("granskare", "Granskare", "string", Uppfoljning, extra=WITHHELD_NOTE),
    col("redovisad_organ", "Redovisad i", "string", Redovisad, "organ", extra=WITHHELD_NOTE),
    col("redovisad_datum", "Redovisad den", "date", Redovisad, "datum", extra=WITHHELD_NOTE),
    col("redovisad_paragraf", "Paragraf", "string", Redovisad, "paragraf", extra=WITHHELD_NOTE),
    col("resultat", "Resultat", "string", Uppfoljning, extra=WITHHELD_NOTE),
    col("sammanfattning", "Sammanfattning", "string", Uppfoljning, extra=WITHHELD_NOTE),
    col("kommentar_utforare", "Utförarens kommentar", "string", Uppfoljning, extra=WITHHELD_NOTE),
    col("mal", "Mål", "string", Uppfoljning, extra=LIST_NOTE + WITHHELD_NOTE),
    col("antal_brister", "Antal brister", "integer", minimum=0,
        description="Antal brister (rader i brister.csv)." + WITHHELD_NOTE),
    col("handlingsplan_beslutad", "Handlingsplan beslutad", "date",
        description="Dag då handlingsplanen beslutades." + WITHHELD_NOTE),
    col("antal_atgarder", "Antal åtgärder", "integer", minimum=0,
        description="Antal åtgärder i handlingsplanen (rader i atgarder.csv)." + WITHHELD_NOTE),
    col("sekretess", "Sekretess", "string",
        description="Fält som omfattas av sekretess enligt offentlighets- och sekretesslagen. Deras värden är "
                    "tomma här, och står brister eller handlingsplan här finns uppföljningens brister respektive "
                    "åtgärder inte med i brister.csv och atgarder.csv. Tomt betyder att inget är sekretessbelagt."
                    + LIST_NOTE),
), ("id",), (_fk("avtal", "avtal"), _fk("utforare", "utforare"), _fk("verksamhetsomrade", "verksamhetsomraden")))

BRISTER = Table("brister", "Brister",
    "Brister mot avtalets krav som uppföljningarna hittat. Brister som omfattas av sekretess finns inte med; "
    "då står brister i kolumnen sekretess i uppfoljningar.csv.", (
    col("uppfoljning", "Uppföljning", "string", description="Uppföljningen som hittade bristen.", required=True,
        pattern=ID_PATTERN),
    col("nr", "Nr", "integer", description="Bristens ordningsnummer inom uppföljningen, från 1.", required=True,
        minimum=1),
    col("avtal", "Avtal", "string", description="Avtalet som följdes upp.", required=True, pattern=ID_PATTERN),
    _utforare_ref("Utföraren som har avtalet."),
    *_namn_och_driftsform(),
    col("krav", "Krav", "string", Brist, required=True, pattern=KRAV_ID_PATTERN),
    col("beskrivning", "Beskrivning", "string", Brist, required=True),
    col("allvarlighet", "Allvarlighet", "string", Brist, required=True),
    col("paverkan", "Påverkan", "string", Brist),
), ("uppfoljning", "nr"), (_fk("uppfoljning", "uppfoljningar"), ForeignKey(("avtal", "krav"), "krav", ("avtal", "id")),
                          _fk("utforare", "utforare")))

ATGARDER = Table("atgarder", "Åtgärder",
    "Åtgärder i handlingsplanerna. En åtgärd är försenad om dagen i senast har passerat och status inte är klar; "
    "det bedöms mot referensdagen, som står i datapackage.json (referensdag) och på fliken Om filen i Excel-filen. "
    "Åtgärder som omfattas av sekretess finns inte med; då står handlingsplan i kolumnen sekretess i uppfoljningar.csv.", (
    col("uppfoljning", "Uppföljning", "string", description="Uppföljningen som handlingsplanen hör till.",
        required=True, pattern=ID_PATTERN),
    col("nr", "Nr", "integer", description="Åtgärdens ordningsnummer i handlingsplanen, från 1.", required=True,
        minimum=1),
    _utforare_ref("Utföraren som handlingsplanen gäller."),
    *_namn_och_driftsform(),
    col("beskrivning", "Åtgärd", "string", Atgard, required=True),
    col("senast", "Senast", "date", Atgard, required=True),
    col("status", "Status", "string", Atgard, required=True),
    col("klar", "Klar", "date", Atgard),
    col("forsenad", "Försenad", "boolean", required=True,
        description="true om dagen i senast hade passerat på referensdagen (se referensdag i datapackage.json) och "
                    "status inte är klar. Samma bedömning som på webbplatsen, så att antalet stämmer med sidorna."),
), ("uppfoljning", "nr"), (_fk("uppfoljning", "uppfoljningar"), _fk("utforare", "utforare")))

UPPFOLJNINGSPLANER = Table("uppfoljningsplaner", "Uppföljningsplaner", "Nämndernas årliga planer för uppföljning.", (
    _id("planen"),
    col("ar", "År", "integer", Uppfoljningsplan, required=True),
    _ref("namnd", "Nämnd", Uppfoljningsplan),
    col("beslutad_datum", "Beslutad", "date", Beslut, "datum"),
    col("beslutad_paragraf", "Paragraf", "string", Beslut, "paragraf"),
), ("id",), (_fk("namnd", "namnder"),))

PLANPOSTER = Table("planposter", "Planerade uppföljningar", "De uppföljningar som varje plan innehåller.", (
    col("plan", "Plan", "string", description="Uppföljningsplanen som posten hör till.", required=True,
        pattern=ID_PATTERN),
    col("nr", "Nr", "integer", description="Postens ordningsnummer i planen, från 1.", required=True, minimum=1),
    _ref("avtal", "Avtal", PlanPost, required=False),
    _ref("verksamhetsomrade", "Verksamhetsområde", PlanPost, required=False),
    col("typ", "Typ", "string", PlanPost, required=True),
    col("planerad", "Planerad månad", "string", PlanPost, required=True, pattern=MONTH_PATTERN),
    col("redovisas_i", "Redovisas i", "string", PlanPost, required=True),
    col("utfall", "Utfall", "string", required=True, enum=tuple(PLANUTFALL),
        description="Hur det gick med den planerade uppföljningen, bedömt när filerna skapades: genomford, "
                    "pagaende eller installd efter matchande uppföljning; forsenad om den planerade månaden har "
                    "passerat utan uppföljning; annars ej_paborjad."),
    col("uppfoljningar", "Uppföljningar", "string",
        description="De publika uppföljningar som svarar mot posten, nyast först." + LIST_NOTE),
), ("plan", "nr"), (_fk("plan", "uppfoljningsplaner"), _fk("avtal", "avtal"),
                    _fk("verksamhetsomrade", "verksamhetsomraden")))

NYCKELTAL = Table("nyckeltal", "Nyckeltal", "Nyckeltalen som jämförs mellan utförare.", (
    _id("nyckeltalet"),
    col("namn", "Namn", "string", Nyckeltal, required=True),
    col("beskrivning", "Beskrivning", "string", Nyckeltal, required=True),
    col("enhet", "Enhet", "string", Nyckeltal, required=True),
    col("riktning", "Riktning", "string", Nyckeltal, required=True),
    col("malvarde", "Målvärde", "number", Nyckeltal),
    _ref("mal", "Mål", Nyckeltal, required=False),
    col("verksamhetsomraden", "Verksamhetsområden", "string", Nyckeltal, required=True, extra=LIST_NOTE),
    col("kalla", "Källa", "string", Nyckeltal, required=True),
    col("konsuppdelad", "Könsuppdelad", "boolean", Nyckeltal, required=True),
), ("id",), (_fk("mal", "mal"),))

_VALUE_COLUMNS = (
    _ref("nyckeltal", "Nyckeltal", NyckeltalsVarde),
    col("period", "Period", "string", NyckeltalsVarde, required=True, pattern=PERIOD_PATTERN),
    col("kon", "Kön", "string", NyckeltalsVarde, required=True),
    col("varde", "Värde", "number", NyckeltalsVarde),
    col("antal", "Antal", "integer", NyckeltalsVarde, minimum=0),
    col("anmarkning", "Anmärkning", "string", NyckeltalsVarde),
)

NYCKELTALSVARDEN = Table("nyckeltalsvarden", "Nyckeltalsvärden", "Nyckeltalens värden per utförare, period och kön.", (
    col("utforare", "Utförare", "string", description="Utförarens id.", required=True, pattern=ID_PATTERN),
    *_VALUE_COLUMNS,
), ("utforare", "nyckeltal", "period", "kon"), (_fk("utforare", "utforare"), _fk("nyckeltal", "nyckeltal")))

JAMFORELSEVARDEN = Table("jamforelsevarden", "Jämförelsevärden",
    "Nyckeltalens värden för hela regionen och för riket, att jämföra utförarnas värden med.", (
    col("jamforelse", "Jämförelse", "string", description="region = hela regionen, riket = hela Sverige.",
        required=True, enum=("region", "riket")),
    *_VALUE_COLUMNS,
), ("jamforelse", "nyckeltal", "period", "kon"), (_fk("nyckeltal", "nyckeltal"),))

DOLDA = Table("dolda_uppfoljningar", "Uppföljningar som inte publiceras",
    "Antal uppföljningar som inte publiceras alls, per verksamhetsområde och år.", (
    col("verksamhetsomrade", "Verksamhetsområde", "string", description="Verksamhetsområdets id.", required=True,
        pattern=ID_PATTERN),
    col("ar", "År", "string", description="Året (de fyra första tecknen i uppföljningens period).", required=True,
        pattern=YEAR_PATTERN),
    col("antal", "Antal", "integer", description="Antal uppföljningar som inte publiceras.", required=True, minimum=1),
), ("verksamhetsomrade", "ar"), (_fk("verksamhetsomrade", "verksamhetsomraden"),))

ANDRINGAR = Table("andringar", "Ändringar",
    "Vad som har lagts till, ändrats och tagits bort vid varje publicering, den första först. Registret "
    "jämför det som publicerades förra gången med det som publiceras nu; uppgifter som omfattas av sekretess "
    "och uppföljningar som inte är publika jämförs aldrig och syns därför inte här, inte heller i ändringar "
    "som registrerades innan de fick sekretess eller slutade vara publika.", (
    col("publicering", "Publicering", "date", description="Dag då ändringen publicerades.", required=True),
    col("nr", "Nr", "integer", description="Ändringens ordningsnummer inom publiceringen, från 1.", required=True,
        minimum=1),
    col("tabell", "Tabell", "string", description="Tabellen där ändringen finns (samma namn som CSV-filen).",
        required=True, enum=("utforare", "avtal", "krav", "uppfoljningar", "brister", "atgarder",
                             "nyckeltalsvarden", "jamforelsevarden")),
    col("nyckel", "Nyckel", "string", required=True,
        description="Radens nyckel i tabellen. Består nyckeln av flera kolumner skrivs de åtskilda med snedstreck, "
                    "t.ex. uppföljningens id/nr för en brist eller utförare/nyckeltal/period/kön för ett värde."),
    col("handelse", "Händelse", "string", required=True, enum=("tillagd", "andrad", "borttagen"),
        description="tillagd = raden är ny, andrad = ett fält har fått ett nytt värde, borttagen = raden "
                    "publiceras inte längre."),
    col("utforare", "Utförare", "string", pattern=ID_PATTERN,
        description="Utföraren som ändringen gäller. Utföraren kan vara borttagen och finns då inte i utforare.csv."),
    col("utforare_namn", "Utförarens namn", "string", description="Utförarens namn vid publiceringen."),
    col("falt", "Fält", "string", description="Kolumnen som ändrades (bara för händelsen andrad)."),
    col("fore", "Före", "string", description="Värdet före ändringen, som det stod i CSV-filen. Tomt = inget värde."),
    col("efter", "Efter", "string", description="Värdet efter ändringen, som det står i CSV-filen. Tomt = inget värde."),
), ("publicering", "nr"))

TABLES: tuple[Table, ...] = (
    UTFORARE, AVTAL, KRAV, UPPFOLJNINGAR, BRISTER, ATGARDER, UPPFOLJNINGSPLANER, PLANPOSTER, MAL, NYCKELTAL,
    NYCKELTALSVARDEN, JAMFORELSEVARDEN, DOLDA, KOMMUNER, NAMNDER, VERKSAMHETSOMRADEN, ANDRINGAR,
)
BY_NAME = {t.name: t for t in TABLES}

# How each column type is read with pandas (`pd.read_csv(..., dtype=..., parse_dates=...)`): the
# nullable types keep an empty cell empty instead of turning integers into floats.
PANDAS_DTYPE = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}


def pandas_dtypes(table: Table) -> dict[str, str]:
    return {c.name: PANDAS_DTYPE[c.type] for c in table.columns if c.type in PANDAS_DTYPE}


def pandas_dates(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.type == "date"]


@functools.cache
def tables(typ: str) -> tuple[Table, ...]:
    """TABLES as the publisher says them: the descriptions are written for a region, and a
    kommun's package, workbook, catalog and data dictionary say kommunen (sv.vocabulary)."""
    if typ != "kommun":
        return TABLES
    return tuple(dataclasses.replace(
        t, description=i_utgivarens_ord(t.description, typ),
        columns=tuple(dataclasses.replace(c, description=i_utgivarens_ord(c.description, typ)) for c in t.columns))
        for t in TABLES)
