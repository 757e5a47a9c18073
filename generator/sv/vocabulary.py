"""Swedish words for the contract's codes, shared by pages, open data and messages.

The data holds ASCII codes (`uppfyller_delvis`); people read words ("Uppfyller delvis").
"""

from __future__ import annotations

import re


def organisation(typ: str) -> str:
    """'regionen' or 'kommunen': the word the pages use for the publisher (region.yaml's typ)."""
    return "kommunen" if typ == "kommun" else "regionen"


# A fixed text written about a region, as a kommun says it. The reserved code `region` (the key
# figures' reference rows) is a code, not a word, and stays.
_REGIONENS_ORD = re.compile(r"\b(Kommunerna i regionen|[Rr]egion(?:en|ens|planen|styrelsen|styrelsens))\b")
_KOMMUNENS_ORD = {"Kommunerna i regionen": "Kommunerna där enheterna ligger", "regionplanen": "kommunens plan"}


def i_utgivarens_ord(text: str, typ: str) -> str:
    """`text` (a table's or column's description, written for a region) in the publisher's words:
    'regionen' becomes 'kommunen', 'Regionstyrelsen' 'Kommunstyrelsen' … when typ is kommun."""
    if typ != "kommun":
        return text

    def kommunens(match: re.Match[str]) -> str:
        word = match.group(1)
        if word in _KOMMUNENS_ORD:
            return _KOMMUNENS_ORD[word]
        return ("K" if word[0] == "R" else "k") + "ommun" + word[len("region"):]

    return _REGIONENS_ORD.sub(kommunens, text)


DRIFTSFORM_KORT = {"egen_regi": "Egen regi", "privat": "Privat"}
LAG = {"LOV": "Valfrihetssystem (LOV)", "LOU": "Upphandling (LOU)", "egen_regi": "Egen regi", "annan": "Annan"}
AVTALSFORM = {
    "LOV": "Avtal enligt lagen om valfrihetssystem (LOV)",
    "LOU": "Avtal enligt lagen om offentlig upphandling (LOU)",
    "direktupphandling": "Direktupphandling",
    "egen_regi": "Uppdrag till egen regi",
}
UPPFOLJNINGSTYP = {
    "verksamhetsberattelse": "Verksamhetsberättelse",
    "muntlig_uppfoljning": "Muntlig uppföljning",
    "statistik": "Statistikuppföljning",
    "fordjupad_uppfoljning": "Fördjupad uppföljning",
    "revision": "Revision",
    "avvikelse": "Avvikelse",
}
# What each kind of follow-up is, for a reader who does not know the staff's words ("Avvikelse",
# "Revision"): the follow-up page says it beside the kind. {org}: 'regionen' or 'kommunen';
# {avtalet}: 'avtalet' or, for egen regi, 'uppdraget'.
UPPFOLJNINGSTYP_FORKLARING = {
    "verksamhetsberattelse": "utföraren lämnar en skriftlig berättelse om året till {org}",
    "muntlig_uppfoljning": "{org} och utföraren möts och går igenom verksamheten",
    "statistik": "{org} tar fram siffror om verksamheten ur sina system och jämför dem med kraven",
    "fordjupad_uppfoljning": "en noggrannare granskning av ett visst område, när det behövs",
    "revision": "en granskning av om utföraren följer {avtalet} och lagarna, till exempel på plats",
    "avvikelse": "en uppföljning som görs för att något har gått fel eller någon har klagat",
}
STATUS = {"planerad": "Planerad", "pagaende": "Pågår", "genomford": "Genomförd", "installd": "Inställd"}
# After a count of more than one: "3 genomförda" (a count of one takes STATUS's word).
STATUS_FLERA = {"planerad": "planerade", "pagaende": "pågår", "genomford": "genomförda", "installd": "inställda"}
RESULTAT = {
    "uppfyller": "Uppfyller kraven",
    "uppfyller_delvis": "Uppfyller kraven delvis",
    "uppfyller_inte": "Uppfyller inte kraven",
    "ej_bedomd": "Inte bedömd",
}
ALLVARLIGHET = {"lag": "Låg", "medel": "Medel", "hog": "Hög"}
ATGARDSSTATUS = {"planerad": "Planerad", "pagaende": "Pågår", "klar": "Klar"}
REDOVISAS_I = {
    "tertialrapport": "Tertialrapport",
    "delarsrapport": "Delårsrapport",
    "arsbokslut": "Årsbokslut",
    "namndsammantrade": "Nämndsammanträde",
}
PLANUTFALL = {
    "genomford": "Genomförd",
    "forsenad": "Försenad",
    "ej_paborjad": "Ej påbörjad",
    "installd": "Inställd",
    "pagaende": "Pågår",
}
ENHET = {"procent": "procent", "antal": "antal", "dagar": "dagar", "index": "index", "kronor": "kronor"}
ENHET_SUFFIX = {"procent": " %", "antal": "", "dagar": " dagar", "index": "", "kronor": " kr"}
RIKTNING = {
    "hogre_ar_battre": "Högre värde är bättre",
    "lagre_ar_battre": "Lägre värde är bättre",
    "neutral": "Varken högre eller lägre är bättre",
}
# The same, short, for table headings and phone-card labels.
RIKTNING_KORT = {
    "hogre_ar_battre": "Högre är bättre",
    "lagre_ar_battre": "Lägre är bättre",
    "neutral": RIKTNING["neutral"],
}
KON = {"T": "Totalt", "K": "Kvinnor", "M": "Män"}
TILLGANGLIGHET = {
    "rullstol": "Tillgängligt med rullstol",
    "horslinga": "Hörslinga",
    "parkering_rorelsehindrade": "Parkering för rörelsehindrade",
    "automatisk_dorr": "Automatisk dörr",
    "taktila_ledstrak": "Taktila ledstråk",
    "anpassad_toalett": "Anpassad toalett",
}


def tillganglighet(key: str) -> str:
    """A facility in words: a known one from TILLGANGLIGHET; another, which the contract's map
    allows, as written with its underscores as spaces ('taktila_skyltar' → 'Taktila skyltar')."""
    return TILLGANGLIGHET.get(key) or key.replace("_", " ").capitalize()


SPRAK = {
    "sv": "svenska", "en": "engelska", "sma": "sydsamiska", "sme": "nordsamiska", "smj": "lulesamiska",
    "smn": "enaresamiska", "sms": "skoltsamiska", "fi": "finska", "fit": "meänkieli", "yi": "jiddisch",
    "rom": "romani chib", "rmu": "romani chib", "ar": "arabiska", "so": "somaliska", "fa": "persiska",
    "prs": "dari", "ti": "tigrinja", "ku": "kurdiska", "tr": "turkiska", "pl": "polska", "de": "tyska",
    "es": "spanska", "fr": "franska", "ru": "ryska", "uk": "ukrainska", "bs": "bosniska", "hr": "kroatiska",
    "sr": "serbiska", "th": "thailändska", "no": "norska", "nb": "norska", "da": "danska", "is": "isländska",
    "sgn": "teckenspråk", "swl": "svenskt teckenspråk",
}
# The contract asks for ISO 639 codes, and ISO 639-2 and 639-3 write the same languages with
# three letters (fin beside fi); the Romani varieties spoken in Sweden are romani chib too.
SPRAK |= {
    "swe": "svenska", "eng": "engelska", "fin": "finska", "yid": "jiddisch", "ara": "arabiska", "som": "somaliska",
    "fas": "persiska", "per": "persiska", "tir": "tigrinja", "kur": "kurdiska", "tur": "turkiska", "pol": "polska",
    "deu": "tyska", "ger": "tyska", "spa": "spanska", "fra": "franska", "fre": "franska", "rus": "ryska",
    "ukr": "ukrainska", "bos": "bosniska", "hrv": "kroatiska", "srp": "serbiska", "tha": "thailändska",
    "nor": "norska", "nob": "norska", "dan": "danska", "isl": "isländska", "ice": "isländska",
    **dict.fromkeys(("rmy", "rmf", "rml", "rmn", "rmo", "rmc"), "romani chib"),
}
SEKRETESS_TEXT = "Uppgiften omfattas av sekretess"
SAKNAS_TEXT = "Uppgift saknas"


def label(table: dict[str, str], code: str | None) -> str:
    """The Swedish word for a code; the code itself if the table has none."""
    if code is None:
        return ""
    return table.get(code, code)
