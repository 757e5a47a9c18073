"""Every problem code in one registry, as frictionless-py keeps one error class per code.

An entry says what the code means (`title`, for the README's table of codes), the message a
staff member reads and how to fix it, as templates; `fields` are the template's parameters.
A code that is not here cannot be raised: `Problem` refuses it, so a new rule must add its
entry, and the tests then ask for a README row and a case in the bad-input catalogue.
"""

from __future__ import annotations

import string
from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    """Another case of the same fault in its own words: a folder rather than a file, rows
    rather than bytes. The code stays the same, so the README and the tests see one fault."""

    name: str
    message: str
    hint: str


@dataclass(frozen=True)
class Kod:
    """One kind of problem: a stable code and its Swedish wording."""

    code: str
    title: str
    message: str
    hint: str
    variants: tuple[Variant, ...] = ()

    def wording(self, variant: str = "") -> tuple[str, str]:
        """The message and hint templates of the code, or of one of its variants."""
        if not variant:
            return self.message, self.hint
        for v in self.variants:
            if v.name == variant:
                return v.message, v.hint
        raise ValueError(f"felkoden {self.code!r} har ingen variant {variant!r} i generator/problems/codes.py")

    def fields_of(self, variant: str = "") -> tuple[str, ...]:
        """The parameters the message and hint templates take, in order of first use."""
        names: list[str] = []
        for template in self.wording(variant):
            for _, name, _, _ in string.Formatter().parse(template):
                if name and name not in names:
                    names.append(name)
        return tuple(names)

    @property
    def fields(self) -> tuple[str, ...]:
        return self.fields_of()

    def render(self, params: dict[str, object], variant: str = "") -> tuple[str, str]:
        message, hint = self.wording(variant)
        return message.format(**params), hint.format(**params)


_F = "Fältet {falt}"
_OGILTIGT = _F + " har ett ogiltigt värde."
_UTANFOR = _F + " har ett värde utanför det tillåtna."
_ARTAL = " ska ligga mellan år {forsta} och {sista}. Kontrollera årtalet."
# Wording that more than one entry shares.
_SPARA_CSV = "Spara som CSV UTF-8 (kommaavgränsad) i Excel, eller välj komma som avgränsare i din editor."
_RUBRIK = "Första raden ska vara exakt: {rubrik}"
_CITAT = "ett citattecken (\") är inte avslutat eller står mitt i ett fält."
_CITAT_TIPS = "Ett fält som börjar med \" måste sluta med \". Skriv \"\" för ett citattecken inuti texten."
_LANGT_CSV_FALT = "Högst {max} tecken stöds i ett fält. Kontrollera också att alla citattecken är avslutade."
_PN_NAMN = "Fil- eller mappnamnet innehåller ett personnummer eller samordningsnummer."
_PN_TEXT = "Texten innehåller ett personnummer eller samordningsnummer."
_PN_BORT = "Ta bort numret: personnummer får aldrig publiceras."
_PN_FUNKTION = "Skriv i stället en funktion eller ett namn utan nummer."
_PN_TELEFON = "Är det ett telefonnummer? Skriv det med riktnummer och mellanslag, t.ex. 070-123 45 67."
_SAKNAS_ID = "{begrepp} {id} finns inte i {kalla}."
_DATUMORDNING = "Kontrollera datumen; det senare datumet får inte ligga före det tidigare."
_SEKRETESS = "Skriv fältnamnet exakt. Fält som kan sekretessmarkeras: {tillatna}."
_ENTRIES = (
    # --- files and folders
    Kod("missing-file", "En fil som måste finnas saknas.", "Filen {fil} saknas.", "Skapa {fil} i datamappen enligt datakontraktet.",
        (Variant("for-varden", "Filen {fil} saknas, men det finns nyckeltalsvärden.",
                 "Skapa {fil} med en beskrivning av varje nyckeltal som används i {mapp}/."),)),
    Kod("unknown-file", "En fil eller mapp som inte hör till datakontraktet.", "Filen {namn} ingår inte i datakontraktet.",
        "Datamappen ska ha region.yaml och nyckeltal.yaml (små bokstäver) och mapparna för övriga filer.",
        (Variant("mapp", "Mappen {namn} ingår inte i datakontraktet.",
                 "Mapparna heter {mappar} (utan å, ä, ö). Byt namn på mappen eller flytta den ur datamappen."),
         Variant("ska-vara-mapp", "{namn} ska vara en mapp men är en fil.", "Skapa mappen {namn} och lägg filerna i den."))),
    Kod("file-extension", "En fil med fel filändelse läses inte.", "Filen {fil} läses inte: bara filer som slutar på {andelse} läses här.",
        "Byt filändelsen till {andelse} (små bokstäver), eller flytta filen ur datamappen.",
        (Variant("varden", "Filen {fil} läses inte: bara filer som slutar på {andelse} läses här.",
                 "Spara värdena som CSV UTF-8 (kommaavgränsad) med filändelsen {andelse}."),)),
    Kod("file-symlink", "En fil eller mapp är en symbolisk länk.", "Filen är en symbolisk länk och läses inte.",
        "Lägg själva filen i datamappen i stället för en länk.",
        (Variant("mapp", "Mappen är en symbolisk länk och läses inte.", "Lägg själva mappen i datamappen i stället för en länk."),)),
    Kod("file-unreadable", "En fil eller mapp går inte att läsa.", "Filen går inte att läsa ({orsak}).",
        "Kontrollera att det är en vanlig fil eller mapp och att du har behörighet att läsa den.",
        (Variant("mapp", "Mappen går inte att läsa ({orsak}).",
                 "Kontrollera att det är en vanlig fil eller mapp och att du har behörighet att läsa den."),)),
    Kod("file-too-large", "En fil är för stor.", "Filen är {kib} KiB.", "Högst {max_kib} KiB stöds; dela upp innehållet på flera filer.",
        (Variant("csv", "Filen är {kib} KiB.", "Högst {max_kib} KiB per fil stöds; dela upp värdena på flera filer."),
         Variant("rader", "Filen har fler än {max} rader.", "Dela upp värdena på flera filer, t.ex. en per nyckeltal eller år."))),
    Kod("encoding", "En fil är inte sparad som UTF-8.",
        "Filen är inte sparad som UTF-8 (den ser ut att vara sparad som Windows-1252 eller Latin-1, t.ex. från Excel).",
        "Spara om filen som UTF-8. I Excel: Spara som → CSV UTF-8 (kommaavgränsad). I en texteditor: välj kodning UTF-8.",
        (Variant("utf-16", "Filen är sparad som UTF-16 (i Excel kallat Unicode-text), inte UTF-8.",
                 "Spara om filen som UTF-8. I Excel: Spara som → CSV UTF-8 (kommaavgränsad)."),
         Variant("nolltecken", "Filen innehåller nolltecken och är inte en textfil.", _SPARA_CSV))),
    Kod("invalid-id", "Ett filnamn går inte att använda som id.", "Filnamnet {namn} går inte att använda som id.",
        "Använd bara små bokstäver a–z, siffror och bindestreck, högst 100 tecken, t.ex. halsocentralen-lit.yaml "
        "(inte å, ä, ö eller mellanslag)."),
    Kod("reserved-id", "Ett id krockar med webbplatsens egna adresser.", "Id:t {id} kan inte användas: {orsak}.",
        "Välj ett annat id, t.ex. med ett ord till: {id}-1 eller halsocentralen-{id}."),
    Kod("duplicate-id", "Samma id finns två gånger.", "{begrepp} {id} finns flera gånger.", "Varje id får bara finnas en gång.",
        (Variant("fil", "Id:t {id} finns redan i {fil}.", "Varje fil i mappen (undermappar inräknade) måste ha ett eget namn."),)),
    # --- YAML
    Kod("yaml-syntax", "En YAML-fil går inte att läsa.", "Filen går inte att läsa som YAML: {fel}.",
        "Kontrollera indrag (mellanslag, inte tabb), kolon efter nyckeln och citattecken runt text som innehåller : eller #.",
        (Variant("flera-dokument", "Filen innehåller flera YAML-dokument (fler än en rad med ---).",
                 "Ta bort raden --- och dela upp innehållet på flera filer."),)),
    Kod("yaml-empty", "En YAML-fil är tom.", "Filen är tom.", "Fyll i fälten eller ta bort filen."),
    Kod("yaml-tab", "Tabbtecken i indraget.", "Filen innehåller ett tabbtecken där YAML kräver mellanslag.", "Byt tabbar mot mellanslag (två per nivå)."),
    Kod("yaml-duplicate-key", "Samma nyckel står två gånger.", "Nyckeln {nyckel} finns två gånger.",
        "Ta bort den ena (den första står på rad {forsta_rad})."),
    Kod("yaml-alias", "Ankare, alias eller sammanslagning (&, *, <<).", "Ankare och alias (& och *) stöds inte.",
        "Skriv ut värdet på varje ställe i stället för att hänvisa till det.",
        (Variant("sammanslagning", "Sammanslagning med << stöds inte.",
                 "Skriv ut alla fält i stället för att hänvisa till ett ankare."),)),
    Kod("yaml-tag", "En YAML-tagg (! eller !!).", "Taggen {tagg} är inte tillåten.", "Ta bort taggen (det som börjar med ! eller !!); skriv bara värdet."),
    Kod("yaml-key", "En nyckel som inte är ett enkelt ord.", "En nyckel måste vara ett enkelt ord.", "Skriv nycklar som namn: värde."),
    Kod("yaml-too-deep", "För många nivåer i en YAML-fil.", "Filen är nästlad i för många nivåer.", "Högst {max} nivåer stöds; kontrollera indragen."),
    Kod("yaml-too-large", "För många värden i en YAML-fil.", "Filen har fler än {max} värden.", "Dela upp innehållet på flera filer."),
    Kod("value-too-long", "Ett värde är för långt.", "Värdet är {langd} tecken långt.",
        "Högst {max} tecken stöds i ett fält; korta texten eller länka till ett dokument.",
        (Variant("csv-cell", "Värdet är för långt.", "Högst {max} tecken stöds i ett fält."),
         Variant("csv-rad", "Raden har ett fält som är för långt.", _LANGT_CSV_FALT),
         Variant("csv-rubrik", "Rubrikraden har ett fält som är för långt.", _LANGT_CSV_FALT))),
    # --- CSV
    Kod("csv-header", "Fel rubrikrad i en CSV-fil.", "Rubrikraden stämmer inte ({skillnad}).", _RUBRIK,
        (Variant("saknas", "Filen saknar rubrikrad.", _RUBRIK),
         Variant("tomma", "Rubrikraden har tomma kolumnnamn (kolumn {kolumner}).", _RUBRIK),
         Variant("dubbletter", "Rubrikraden har samma kolumnnamn flera gånger: {namn}.", _RUBRIK))),
    Kod("csv-delimiter", "En CSV-fil har fel avgränsare.", "Filen använder {tecken} som avgränsare, inte komma.", _SPARA_CSV),
    Kod("csv-ragged", "En CSV-rad har fel antal fält.", "Raden har {antal} fält men rubrikraden har {rubriker}.",
        "Varje rad ska ha lika många fält som rubriken. Decimaltal skrivs med punkt (85.3), inte komma."),
    Kod("csv-syntax", "En CSV-rad går inte att läsa.", "Raden går inte att läsa: " + _CITAT, _CITAT_TIPS,
        (Variant("rubrik", "Rubrikraden går inte att läsa: " + _CITAT, _CITAT_TIPS),
         Variant("radbrytning", "Ett fält på raden fortsätter över {antal} rader till, som ser ut som egna rader i "
                 "filen: troligen är ett citattecken (\") inte avslutat.", _CITAT_TIPS))),
    # --- text anywhere
    Kod("personnummer", "Ett personnummer eller samordningsnummer i datan.", _PN_TEXT, _PN_BORT + " " + _PN_FUNKTION + " " + _PN_TELEFON,
        (Variant("telefon", _PN_TEXT, _PN_BORT + " " + _PN_TELEFON),
         Variant("hsa-id", _PN_TEXT, _PN_BORT + " Ett HSA-id som bildats av en enskild firmas personnummer publiceras inte: "
                                     "ta bort hsa_id för utföraren."),
         Variant("filnamn", _PN_NAMN, "Ta bort numret: personnummer får aldrig publiceras. "
                                      "Byt namn på filen eller mappen: filnamnet blir en webbadress."),
         Variant("vardefil", _PN_NAMN, "Ta bort numret: personnummer får aldrig publiceras. "
                                       "Byt namn på filen eller mappen, t.ex. efter nyckeltalet eller året."))),
    Kod("control-character", "Ett osynligt styrtecken.", "Texten innehåller ett osynligt styrtecken.",
        "Skriv om texten för hand eller klistra in den som oformaterad text.",
        (Variant("yaml", "Filen innehåller ett osynligt styrtecken som YAML inte tillåter.",
                 "Ta bort tecknet: skriv om raden för hand eller klistra in texten som oformaterad text."),)),
    Kod("xml-character", "Ett tecken som inte får finnas i en textfil (XML 1.0).", "Texten innehåller tecknet {tecken}, som inte får finnas i en text.",
        "Ta bort tecknet: skriv om texten för hand eller klistra in den som oformaterad text."),
    Kod("bidi-character", "Ett osynligt tecken som vänder läsriktningen.", "Texten innehåller ett osynligt tecken som vänder läsriktningen.",
        "Ta bort tecknet (det kan få texten att se ut att säga något annat än den gör)."),
    Kod("invisible-character", "Ett osynligt tecken, t.ex. nollbredds mellanslag.", "Texten innehåller ett osynligt tecken (t.ex. nollbredds mellanslag).",
        "Skriv om ordet för hand eller klistra in texten som oformaterad text."),
    Kod("formula-start", "En text som Excel tolkar som en formel.", "Texten börjar med ett tecken som Excel tolkar som en formel (=, +, -, @).",
        "Börja texten med en bokstav eller siffra, t.ex. skriv ”Minus 5” eller sätt ordet först."),
    # --- one field
    Kod("invalid-type", "Ett värde av fel slag (text, lista eller underfält).", _F + " ska vara en text.",
        "Skriv texten direkt efter kolon, inte som lista eller underfält.",
        (Variant("lista", _F + " ska vara en lista.", "Skriv en rad per värde som börjar med - (bindestreck och mellanslag)."),
         Variant("underfalt", _F + " ska ha underfält.", "Skriv underfälten indragna under {under}. {beskrivning}"),
         Variant("fil", "Filen ska bestå av fält (namn: värde).", "Se datakontraktet för vilka fält filen ska ha."),
         Variant("nyckeltal", "nyckeltal.yaml ska vara en lista.", "Börja varje nyckeltal med - id: ..."))),
    Kod("missing-field", "Ett fält som krävs saknas eller är tomt.", _F + " saknas.", "Lägg till en rad {nyckel}: med värdet. {beskrivning}",
        (Variant("tomt", _F + " är tomt.", "Fyll i fältet eller ta bort raden. {beskrivning}"),
         Variant("tom-text", _F + " är tomt.", "Fyll i fältet. {beskrivning}"),
         Variant("organisationsnummer", _F + " saknas.",
                 "Privata utförare ska ha organisationsnummer (för enskild firma: personnumret, som aldrig publiceras)."),
         Variant("insynsklausul", _F + " saknas.", "Avtal med privata utförare ska ange insynsklausul: true eller false."),
         Variant("genomford", _F + " saknas i en genomförd uppföljning.",
                 "Lägg till genomford: med datumet då uppföljningen blev klar (ÅÅÅÅ-MM-DD)."),
         Variant("resultat", _F + " saknas i en genomförd uppföljning.",
                 "Lägg till resultat: uppfyller, uppfyller_delvis, uppfyller_inte eller ej_bedomd."),
         Variant("klar", _F + " saknas i en klar åtgärd.", "Lägg till klar: med datumet då åtgärden blev klar."))),
    Kod("unknown-field", "Ett fält som inte finns i datakontraktet (ofta en felstavning).", _F + " finns inte i datakontraktet.",
        "Ta bort fältet eller kontrollera stavningen. Tillåtna fält här: {tillatna}.",
        (Variant("forslag", _F + " finns inte i datakontraktet.", "Menade du {forslag}? Tillåtna fält här: {tillatna}."),
         Variant("okant-stalle", _F + " finns inte i datakontraktet.", "Ta bort fältet eller kontrollera stavningen."))),
    Kod("invalid-choice", "Ett värde som inte är ett av de tillåtna.", _F + " har ett värde som inte är tillåtet.", "Tillåtna värden: {tillatna}."),
    # The value types (models/valuetypes.py) name a code and a variant; the words are here.
    Kod("invalid-number", "Ett tal som inte går att läsa.", _F + " ska vara ett tal.",
        "Skriv bara siffror; decimaltal med punkt (85.3), utan mellanslag eller enhet.",
        (Variant("exponent", _F + " ska vara ett tal.", "Skriv hela talet utan E, t.ex. 120000 i stället för 1.2E+05. "
                 "I Excel: gör kolumnen bredare eller välj formatet Tal innan du sparar."),
         Variant("heltal", _F + " ska vara ett heltal.",
                 "Skriv talet med bara siffror, utan mellanslag, punkter eller andra avgränsare: 9000, inte 9.000, 9 000 eller 9_000."))),
    Kod("out-of-range", "Ett tal eller datum utanför gränserna.", _UTANFOR, "Gränsen är {grans}.",
        (Variant("datum", _UTANFOR, "Datumet" + _ARTAL),
         Variant("period", _UTANFOR, "Perioden" + _ARTAL),
         Variant("manad", _UTANFOR, "Månaden" + _ARTAL),
         Variant("for-stort", _UTANFOR, "Talet är för stort: högst {max} (utan tecken) stöds."))),
    Kod("too-short", "En lista som ska ha minst ett värde är tom.", _F + " är tomt.", "Fyll i minst ett värde. {beskrivning}"),
    Kod("invalid-value", "Ett värde med fel format.", _F + " har ett ogiltigt värde.", "{beskrivning}",
        (Variant("okant", _F + " har ett ogiltigt värde.", "Kontrollera värdet mot datakontraktet."),
         Variant("format", _F + " har fel format.", "{beskrivning}"),
         Variant("format-okant", _F + " har fel format.", "Kontrollera formatet."))),
    Kod("invalid-bool", "Ja eller nej skrivet på annat sätt än true/false.", _OGILTIGT,
        "Skriv true eller false (ja/nej, yes/no och on/off tolkas inte)."),
    Kod("invalid-date", "Ett datum som inte är ÅÅÅÅ-MM-DD eller inte finns.", _OGILTIGT, "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2025-03-31.",
        (Variant("kalender", _OGILTIGT, "Datumet finns inte i kalendern."),)),
    Kod("invalid-period", "En period som inte är ÅÅÅÅ, ÅÅÅÅ-T1..T3 eller ÅÅÅÅ-MM.", _OGILTIGT,
        "Skriv perioden som ÅÅÅÅ, ÅÅÅÅ-T1 till ÅÅÅÅ-T3 (tertial) eller ÅÅÅÅ-MM."),
    Kod("invalid-month", "En månad som inte är ÅÅÅÅ-MM.", _OGILTIGT, "Skriv månaden som ÅÅÅÅ-MM, t.ex. 2026-04."),
    Kod("invalid-reference-id", "En hänvisning som inte är skriven som ett id.", _OGILTIGT,
        "Ett id har bara små bokstäver a–z, siffror och bindestreck (högst {max} tecken), t.ex. halsocentralen-lit."),
    Kod("invalid-krav-id", "Ett kravs id är tomt, för långt eller har flera rader.", _OGILTIGT,
        "Skriv kravets id som en kort text, t.ex. K1, 3.2.1 eller Krav 4 a.",
        (Variant("rad", _OGILTIGT, "Kravets id ska vara en kort rad (högst {max} tecken), t.ex. K1, 3.2.1 eller Krav 4 a."),)),
    Kod("invalid-key", "Ett namn under t.ex. tillganglighet med fel tecken.", _OGILTIGT,
        "Skriv namnet med små bokstäver a–z, siffror och understreck, t.ex. parkering_rorelsehindrade."),
    Kod("invalid-sprak", "En språkkod som inte är en ISO 639-kod.", _OGILTIGT,
        "Skriv språket som en ISO 639-kod med små bokstäver, t.ex. sv, en, fi eller sma (sydsamiska)."),
    Kod("url-not-https", "En webbadress som inte är en ren https-adress.", _OGILTIGT,
        "Bara webbadresser som börjar med https:// är tillåtna (inte http:, javascript: eller data:).",
        (Variant("inte-text", _OGILTIGT, "Skriv en webbadress som börjar med https://."),
         Variant("tecken", _OGILTIGT, "Webbadressen får inte innehålla mellanslag eller tecknen \" < > ` {{ }} | \\ ^, "
                 "och varje % ska följas av två tecken 0–9 eller A–F (högst {max} tecken). Kopiera adressen från webbläsaren."),
         Variant("doman", _OGILTIGT, "Webbadressen saknar ett giltigt domännamn. Skriv hela adressen, t.ex. https://www.regionjh.se/sida."),
         Variant("webbplats", _OGILTIGT, "Webbplatsens adress ska vara en ren adress utan ? eller #, t.ex. https://insyn.regionjh.se/."))),
    Kod("url-inside-site", "En länk till ett dokument inom webbplatsens egen adress.",
        "Länken pekar in i webbplatsens egen adress ({webbadress}), där bara Insyns egna sidor finns.",
        "Lägg dokumentet på en annan adress, t.ex. regionens webbplats, eller ändra publicering.webbadress."),
    Kod("invalid-kommunkod", "En kommunkod som inte har fyra siffror.", _OGILTIGT, "En kommunkod har fyra siffror, t.ex. 2380 för Östersund."),
    Kod("invalid-postnummer", "Ett postnummer som inte är NNN NN.", _OGILTIGT, "Skriv postnumret som NNN NN, t.ex. 831 30."),
    Kod("invalid-hsa-id", "Ett HSA-id med fel format.", _OGILTIGT,
        "Ett HSA-id skrivs SE, siffror, bindestreck och bokstäver/siffror, t.ex. SE2321000214-E000123."),
    Kod("invalid-epost", "En e-postadress med fel format.", _OGILTIGT, "Skriv en e-postadress, t.ex. halsocentralen@regionjh.se."),
    Kod("list-separator", "Ett lodrätt streck i ett värde i en lista.",
        "Texten innehåller tecknet |, som skiljer värdena åt i CSV-filerna.",
        "Skriv varje värde som en egen rad i listan, eller byt | mot ett annat tecken, t.ex. / eller ett komma."),
    Kod("invalid-telefon", "Ett telefonnummer med fel tecken.", _OGILTIGT,
        "Skriv telefonnumret med siffror, mellanslag och bindestreck, t.ex. 063-14 75 00."),
    Kod("decimal-comma", "Ett decimaltal med komma i stället för punkt.", _OGILTIGT, "Skriv decimaltal med punkt, inte komma (t.ex. 85.3)."),
    Kod("orgnr-checksum", "Ett organisationsnummer eller personnummer med fel kontrollsiffra.",
        "Organisationsnumret är inte giltigt (fel format eller kontrollsiffra).",
        "Skriv det som NNNNNN-NNNN och kontrollera siffrorna mot Bolagsverket.",
        (Variant("enskild-firma", "Numret för en enskild firma ska vara ett giltigt personnummer.",
                 "Kontrollera siffrorna (ÅÅMMDD-NNNN). Numret publiceras aldrig."),)),
    Kod("sole-trader-number", "Ett personnummer i fältet för organisationsnummer.", "Numret är ett personnummer, inte ett organisationsnummer.",
        "Är utföraren en enskild firma? Skriv då enskild_firma: true, så publiceras numret aldrig."),
    # --- across fields and files
    Kod("dangling-reference", "En hänvisning till något som inte finns.", _SAKNAS_ID, "Kontrollera stavningen i {kalla}.",
        (Variant("forslag", _SAKNAS_ID, "Menade du {forslag}? Kontrollera stavningen i {kalla}."),
         Variant("inga", _SAKNAS_ID, "Lägg först till {id} i {kalla}."),
         Variant("kommunkod", _SAKNAS_ID, "Ligger enheten i en kommun som inte står där: lägg till den under "
                 "kommuner i region.yaml, med kod: \"{id}\" och kommunens namn. Annars: rätta koden."),
         Variant("referensrad", _SAKNAS_ID, "Kontrollera stavningen i {kalla}. Ett värde för hela {helhet} skrivs region "
                 "och ett för hela Sverige riket, som datakontraktet säger (också för en kommun)."))),
    Kod("date-order", "Ett datum som ligger före det datum det följer på.", "Slutdatum: {senare} ligger före {tidigare}.", _DATUMORDNING,
        (Variant("redovisad", "Redovisningsdatum: {senare} ligger före {tidigare}.", _DATUMORDNING),
         Variant("atgard", "Sista dag för åtgärden: {senare} ligger före {tidigare}.", _DATUMORDNING))),
    Kod("month-outside-year", "En planerad månad utanför planens år.", "Månaden {manad} ligger inte under planens år {ar}.",
        "Skriv en månad under {ar}, t.ex. {ar}-04."),
    Kod("status-mismatch", "En uppföljning har genomford eller resultat fast den inte är genomförd.", "Uppföljningen har {falt} men status är {status}.",
        "Skriv status: genomford om uppföljningen är klar; annars ta bort {falt}:."),
    Kod("klar-status-mismatch", "En åtgärd har ett klardatum men status är inte klar.", "Åtgärden har ett klardatum men status är {status}.",
        "Sätt status: klar, eller ta bort klar:."),
    Kod("form-driftsform", "Avtalsformen passar inte utförarens driftsform.", "En privat utförare kan inte ha formen egen_regi.",
        "Välj LOV, LOU eller direktupphandling.",
        (Variant("egen-regi", "En enhet i egen regi har ett uppdrag, inte ett upphandlat avtal.", "Skriv form: egen_regi."),)),
    Kod("kon-not-split", "Ett värde för kvinnor eller män för ett nyckeltal som inte är könsuppdelat.",
        "Nyckeltalet {nyckeltal} är inte könsuppdelat.", "Skriv T, eller sätt konsuppdelad: true i nyckeltal.yaml."),
    Kod("area-not-in-provider", "Avtalets verksamhetsområde är inte ett av utförarens.", "Utföraren {utforare} har inte verksamhetsområdet {omrade}.",
        "Lägg till {omrade} under verksamhetsomraden i utforare/{utforare}.yaml, eller välj ett av: {omraden}"),
    Kod("invalid-secrecy", "Ett fält under sekretess som inte kan sekretessmarkeras.",
        "Fältnamnet {namn} kan inte sekretessmarkeras, så ingenting publiceras förrän det är rättat.", _SEKRETESS,
        (Variant("forslag", "Fältnamnet {namn} kan inte sekretessmarkeras, så ingenting publiceras förrän det är rättat.",
                 "Menade du {forslag}? " + _SEKRETESS),)),
    Kod("duplicate-plan", "Två uppföljningsplaner för samma nämnd och år.", "Nämnden {namnd} har redan en plan för {ar} ({fil}).",
        "Varje nämnd har en uppföljningsplan per år: lägg posterna i den befintliga filen."),
    Kod("plan-target", "En post i planen anger inte exakt ett av avtal och verksamhetsområde.",
        "En post ska ange antingen avtal eller verksamhetsomrade (ett av dem).",
        "Skriv avtal: <id> för ett enskilt avtal, eller verksamhetsomrade: <id> för alla avtal i området."),
    Kod("missing-reason", "Ett nyckeltalsvärde saknas utan förklaring.", "Värdet saknas men anmarkning säger inte varför.",
        "Skriv i anmarkning varför värdet saknas, t.ex. För få svar för att redovisa."),
    Kod("duplicate-row", "Två rader för samma utförare, nyckeltal, period och kön.", "Samma utförare, nyckeltal, period och kön finns redan.",
        "Ta bort den ena raden (den första står i {fil} rad {rad})."),
)

CODES: dict[str, Kod] = {k.code: k for k in _ENTRIES}
assert len(CODES) == len(_ENTRIES), "en felkod står två gånger i registret"


def entry(code: str) -> Kod:
    """The registry entry for `code`; an unknown code is a bug in Insyn, not in the data."""
    try:
        return CODES[code]
    except KeyError:
        raise ValueError(f"felkoden {code!r} finns inte i generator/problems/codes.py") from None


def markdown_table() -> str:
    """The README's table of codes, so a staff member can look up a code from a report."""
    rows = ["| Kod | Vad det betyder |", "|---|---|"]
    rows += [f"| `{k.code}` | {k.title} |" for k in _ENTRIES]
    return "\n".join(rows)
