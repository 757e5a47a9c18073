"""Reusable value types with Swedish errors: ids, dates, periods, URLs, numbers.

The YAML loader hands every scalar over as the string that was written, so these types
decide: `true`/`false` only for booleans, ISO dates only, https only.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError
from stdnum.se import orgnr as stdnum_orgnr

from generator.models.patterns import (
    FIRST_PUBLISHED_YEAR,
    FIRST_YEAR,
    KRAV_ID_MAX,
    LAST_YEAR,
    MONTH,
    PERIOD,
    is_id,
)
from generator.sv.personnummer import is_personnummer

_HOST = re.compile(r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KOMMUNKOD = re.compile(r"^\d{4}$")
_POSTNUMMER = re.compile(r"^\d{3} \d{2}$")
_HSA = re.compile(r"^SE\d+-[A-Za-z0-9]+$")
_EPOST = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}$", re.IGNORECASE)
# Digits with the spacing people use; 1177 and 112 are real Swedish numbers too.
_TELEFON = re.compile(r"^\+?[0-9][0-9 ()\-–]{1,24}$")
_URL_UNSAFE = re.compile(r'["<>`{}|\\^]|%(?![0-9A-Fa-f]{2})')
URL_MAX = 2000
MAX_KRONOR = 10**12  # a contract's yearly value: a thousand billion kronor is far above any real one
MAX_ANTAL = 10**9  # respondents or cases behind one value
MAX_VARDE = 10**12  # a key-figure value or target, in any unit
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_SPRAK = re.compile(r"^[a-z]{2,3}$")
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


def _fail(kind: str, message: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, ctx)


def _yaml_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value in _TRUE:
        return True
    if isinstance(value, str) and value in _FALSE:
        return False
    raise _fail("insyn_bool", "Skriv true eller false (ja/nej, yes/no och on/off tolkas inte).")


def _iso_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _DATE.match(value):
        raise _fail("insyn_date", "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2025-03-31.")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise _fail("insyn_date", "Datumet finns inte i kalendern.") from None
    _check_year(day.year, "Datumet")
    return day


def _check_year(year: int, what: str, first: int = FIRST_YEAR) -> None:
    if not first <= year <= LAST_YEAR:
        raise _fail("insyn_range", f"{what} ska ligga mellan år {first} och {LAST_YEAR}. Kontrollera årtalet.")


def _published_date(value: Any) -> dt.date:
    """A day that can be shown as when the data was last updated."""
    day = _iso_date(value)
    _check_year(day.year, "Datumet", FIRST_PUBLISHED_YEAR)
    return day


def _period(value: Any) -> str:
    if not isinstance(value, str) or not PERIOD.match(value):
        raise _fail("insyn_period", "Skriv perioden som ÅÅÅÅ, ÅÅÅÅ-T1 till ÅÅÅÅ-T3 (tertial) eller ÅÅÅÅ-MM.")
    _check_year(int(value[:4]), "Perioden")
    return value


def _month(value: Any) -> str:
    if not isinstance(value, str) or not MONTH.match(value):
        raise _fail("insyn_month", "Skriv månaden som ÅÅÅÅ-MM, t.ex. 2026-04.")
    _check_year(int(value[:4]), "Månaden")
    return value


def _id(value: Any) -> str:
    if not isinstance(value, str) or not is_id(value):
        raise _fail("insyn_id", "Ett id har bara små bokstäver a–z, siffror och bindestreck (högst 100 tecken), t.ex. halsocentralen-lit.")
    return value


def _krav_id(value: Any) -> str:
    """A requirement's id as the contract numbers it: K1, 3.2.1, Krav 4 a."""
    if not isinstance(value, str):
        raise _fail("insyn_krav", "Skriv kravets id som en kort text, t.ex. K1, 3.2.1 eller Krav 4 a.")
    text = value.strip()
    if not text or len(text) > KRAV_ID_MAX or any(c in "\r\n" for c in text):
        raise _fail("insyn_krav", f"Kravets id ska vara en kort rad (högst {KRAV_ID_MAX} tecken), t.ex. K1, 3.2.1 eller Krav 4 a.")
    return text


def _https(value: Any) -> str:
    if not isinstance(value, str):
        raise _fail("insyn_url", "Skriv en webbadress som börjar med https://.")
    text = value.strip()
    if not text.lower().startswith("https://") or any(c.isspace() or not c.isprintable() for c in text):
        raise _fail("insyn_url", "Bara webbadresser som börjar med https:// är tillåtna (inte http:, javascript: eller data:).")
    if len(text) > URL_MAX or _URL_UNSAFE.search(text):
        raise _fail("insyn_url", f"Webbadressen får inte innehålla mellanslag eller tecknen \" < > ` {{ }} | \\ ^, "
                    f"och varje % ska följas av två tecken 0–9 eller A–F (högst {URL_MAX} tecken). Kopiera adressen från webbläsaren.")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").encode("idna").decode("ascii")  # åre.se is fine
    except (ValueError, UnicodeError):
        host = ""
    if not _HOST.match(host) or "@" in parts.netloc or "\\" in text:
        raise _fail("insyn_url", "Webbadressen saknar ett giltigt domännamn. Skriv hela adressen, t.ex. https://www.regionjh.se/sida.")
    return text


def _site_url(value: Any) -> str:
    """The site's own address becomes the base of every absolute link: no query or fragment."""
    text = _https(value)
    parts = urlsplit(text)
    if parts.query or parts.fragment or "?" in text or "#" in text:
        raise _fail("insyn_url", "Webbplatsens adress ska vara en ren adress utan ? eller #, t.ex. https://insyn.regionjh.se/.")
    return text


def _sprak(value: Any) -> str:
    if not isinstance(value, str) or not _SPRAK.match(value):
        raise _fail("insyn_sprak", "Skriv språket som en ISO 639-kod med små bokstäver, t.ex. sv, en, fi eller sma (sydsamiska).")
    return value


def _snake_key(value: Any) -> str:
    if not isinstance(value, str) or not _KEY.match(value):
        raise _fail("insyn_key", "Skriv namnet med små bokstäver a–z, siffror och understreck, t.ex. parkering_rorelsehindrade.")
    return value


def _orgnr(value: Any) -> str:
    if isinstance(value, str) and is_personnummer(value):  # passes the checksum, but is a person
        raise _fail("insyn_personnummer", "Numret är ett personnummer, inte ett organisationsnummer, och får inte publiceras.")
    if not isinstance(value, str) or not stdnum_orgnr.is_valid(value):
        raise _fail("insyn_orgnr", "Organisationsnumret är inte giltigt (fel format eller kontrollsiffra). Skriv det som NNNNNN-NNNN.")
    return stdnum_orgnr.format(value)


def _kommunkod(value: Any) -> str:
    if not isinstance(value, str) or not _KOMMUNKOD.match(value):
        raise _fail("insyn_kommunkod", "En kommunkod har fyra siffror, t.ex. 2380 för Östersund.")
    return value


def _postnummer(value: Any) -> str:
    if not isinstance(value, str) or not _POSTNUMMER.match(value):
        raise _fail("insyn_postnummer", "Skriv postnumret som NNN NN, t.ex. 831 30.")
    return value


def _hsa(value: Any) -> str:
    if not isinstance(value, str) or not _HSA.match(value):
        raise _fail("insyn_hsa", "Ett HSA-id skrivs SE, siffror, bindestreck och bokstäver/siffror, t.ex. SE2321000214-E000123.")
    return value


def _epost(value: Any) -> str:
    if not isinstance(value, str) or not _EPOST.match(value):
        raise _fail("insyn_epost", "Skriv en e-postadress, t.ex. halsocentralen@regionjh.se.")
    return value


def _telefon(value: Any) -> str:
    if not isinstance(value, str) or not _TELEFON.match(value):
        raise _fail("insyn_telefon", "Skriv telefonnumret med siffror, mellanslag och bindestreck, t.ex. 063-14 75 00.")
    return value


def _blank_is_none(value: Any) -> Any:
    return None if isinstance(value, str) and value.strip() == "" else value


def _decimal(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"-?\d+,\d+", value.strip()):
        raise _fail("insyn_decimal", "Skriv decimaltal med punkt, inte komma (t.ex. 85.3).")
    if isinstance(value, str) and re.search(r"\d[eE][-+]?\d", value):  # Excel's 1,2E+05 loses digits
        raise _fail("insyn_number", "Skriv hela talet utan E, t.ex. 120000 i stället för 1.2E+05. "
                    "I Excel: gör kolumnen bredare eller välj formatet Tal innan du sparar.")
    return value


def _bounded(limit: float) -> Any:
    def check(value: Any) -> Any:
        if value is not None and abs(value) > limit:
            raise _fail("insyn_range", f"Talet är för stort: högst {limit:,.0f} (utan tecken) stöds.".replace(",", " "))
        return value
    return AfterValidator(check)


YamlBool = Annotated[bool, BeforeValidator(_yaml_bool)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
PublishedDate = Annotated[dt.date, BeforeValidator(_published_date)]
Period = Annotated[str, BeforeValidator(_period)]
Month = Annotated[str, BeforeValidator(_month)]
Id = Annotated[str, BeforeValidator(_id)]
HttpsUrl = Annotated[str, BeforeValidator(_https)]
SiteUrl = Annotated[str, BeforeValidator(_site_url)]
KravId = Annotated[str, BeforeValidator(_krav_id)]
Orgnr = Annotated[str, BeforeValidator(_orgnr)]
Kommunkod = Annotated[str, BeforeValidator(_kommunkod)]
Postnummer = Annotated[str, BeforeValidator(_postnummer)]
HsaId = Annotated[str, BeforeValidator(_hsa)]
Epost = Annotated[str, BeforeValidator(_epost)]
Telefon = Annotated[str, BeforeValidator(_telefon)]
SnakeKey = Annotated[str, BeforeValidator(_snake_key)]
Sprakkod = Annotated[str, BeforeValidator(_sprak)]
Decimal = Annotated[float, BeforeValidator(_decimal), _bounded(MAX_VARDE)]
OptionalDecimal = Annotated[float | None, BeforeValidator(_decimal), BeforeValidator(_blank_is_none), _bounded(MAX_VARDE)]
OptionalCount = Annotated[int | None, BeforeValidator(_blank_is_none), _bounded(MAX_ANTAL)]
Kronor = Annotated[int, _bounded(MAX_KRONOR)]
OptionalText = Annotated[str | None, BeforeValidator(_blank_is_none)]


__all__ = [
    "AfterValidator", "Decimal", "Epost", "HsaId", "HttpsUrl", "Id", "IsoDate", "Kommunkod", "KravId", "Kronor", "Month",
    "OptionalCount", "OptionalDecimal", "OptionalText", "Orgnr", "Period", "Postnummer", "PublishedDate", "SiteUrl", "SnakeKey", "Sprakkod", "Telefon",
    "YamlBool",
]
