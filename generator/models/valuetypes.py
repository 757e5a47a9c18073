"""Reusable value types: ids, dates, periods, URLs, numbers; and the mailto: link of an
e-mail address they accept.

The YAML loader hands every scalar over as the string that was written, so these types
decide: `true`/`false` only for booleans, ISO dates only, https only. A value type names
the fault, not its words: it raises a problem code, one of the code's variants and the
values the wording needs, and the registry (`generator/problems/codes.py`) says it in Swedish.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError
from stdnum.se import orgnr as stdnum_orgnr

from generator.models.patterns import (
    FIRST_PUBLISHED_YEAR,
    FIRST_YEAR,
    ID_MAX,
    KOMMUNKOD_PATTERN,
    KRAV_ID_MAX,
    LAST_YEAR,
    MONTH,
    PERIOD,
    is_id,
)
from generator.sv.personnummer import is_personnummer

_HOST = re.compile(r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# Digits are [0-9] here, never \d, which takes any script's: a full-width kommunkod or
# postnummer was published as written, and joined nothing.
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_KOMMUNKOD = re.compile(KOMMUNKOD_PATTERN)
_POSTNUMMER = re.compile(r"^[0-9]{3} [0-9]{2}$")
_HSA = re.compile(r"^SE[0-9]+-[A-Za-z0-9]+$")
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


def _fail(code: str, variant: str = "", **fields: object) -> PydanticCustomError:
    """The registry's `code` (and `variant`) with the values its templates take; pydantic's own
    message is only the code, for a developer who prints the error."""
    return PydanticCustomError(code, f"{code} {variant}".strip(), {"variant": variant, **fields})


def _yaml_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value in _TRUE:
        return True
    if isinstance(value, str) and value in _FALSE:
        return False
    raise _fail("invalid-bool")


def _iso_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _DATE.match(value):
        raise _fail("invalid-date")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise _fail("invalid-date", "kalender") from None
    _check_year(day.year, "datum")
    return day


def _check_year(year: int, variant: str, first: int = FIRST_YEAR) -> None:
    """`variant` is out-of-range's wording for what has the year: a date, a period or a month."""
    if not first <= year <= LAST_YEAR:
        raise _fail("out-of-range", variant, forsta=first, sista=LAST_YEAR)


def _published_date(value: Any) -> dt.date:
    """A day that can be shown as when the data was last updated."""
    day = _iso_date(value)
    _check_year(day.year, "datum", FIRST_PUBLISHED_YEAR)
    return day


def _period(value: Any) -> str:
    if not isinstance(value, str) or not PERIOD.match(value):
        raise _fail("invalid-period")
    _check_year(int(value[:4]), "period")
    return value


def _month(value: Any) -> str:
    if not isinstance(value, str) or not MONTH.match(value):
        raise _fail("invalid-month")
    _check_year(int(value[:4]), "manad")
    return value


def _id(value: Any) -> str:
    if not isinstance(value, str) or not is_id(value):
        raise _fail("invalid-reference-id", max=ID_MAX)
    return value


def _krav_id(value: Any) -> str:
    """A requirement's id as the contract numbers it: K1, 3.2.1, Krav 4 a."""
    if not isinstance(value, str):
        raise _fail("invalid-krav-id")
    text = value.strip()
    if not text or len(text) > KRAV_ID_MAX or any(c in "\r\n" for c in text):
        raise _fail("invalid-krav-id", "rad", max=KRAV_ID_MAX)
    return text


def _https(value: Any) -> str:
    if not isinstance(value, str):
        raise _fail("url-not-https", "inte-text")
    text = value.strip()
    if not text.lower().startswith("https://") or any(c.isspace() or not c.isprintable() for c in text):
        raise _fail("url-not-https")
    if len(text) > URL_MAX or _URL_UNSAFE.search(text):
        raise _fail("url-not-https", "tecken", max=URL_MAX)
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").encode("idna").decode("ascii")  # åre.se is fine
    except (ValueError, UnicodeError):
        host = ""
    if not _HOST.match(host) or "@" in parts.netloc or "\\" in text:
        raise _fail("url-not-https", "doman")
    return text


def site_url(value: Any) -> str:
    """The site's own address becomes the base of every absolute link: no query or fragment.
    Also what `insyn build --site-url` is checked by."""
    text = _https(value)
    parts = urlsplit(text)
    if parts.query or parts.fragment or "?" in text or "#" in text:
        raise _fail("url-not-https", "webbplats")
    return text


def _sprak(value: Any) -> str:
    if not isinstance(value, str) or not _SPRAK.match(value):
        raise _fail("invalid-sprak")
    return value


def _snake_key(value: Any) -> str:
    if not isinstance(value, str) or not _KEY.match(value):
        raise _fail("invalid-key")
    return value


def _orgnr(value: Any) -> str:
    if isinstance(value, str) and is_personnummer(value):  # passes the checksum, but is a person
        raise _fail("sole-trader-number")
    if not isinstance(value, str) or not stdnum_orgnr.is_valid(value):
        raise _fail("orgnr-checksum")
    return stdnum_orgnr.format(value)


def _kommunkod(value: Any) -> str:
    if not isinstance(value, str) or not _KOMMUNKOD.match(value):
        raise _fail("invalid-kommunkod")
    return value


def _postnummer(value: Any) -> str:
    if not isinstance(value, str) or not _POSTNUMMER.match(value):
        raise _fail("invalid-postnummer")
    return value


def _hsa(value: Any) -> str:
    if not isinstance(value, str) or not _HSA.match(value):
        raise _fail("invalid-hsa-id")
    return value


def _epost(value: Any) -> str:
    if not isinstance(value, str) or not _EPOST.match(value):
        raise _fail("invalid-epost")
    return value


# RFC 6068: in a mailto: URI an address keeps its letters, digits, "-._~", its "@" and the
# delimiters the URI allows there; anything else is percent-encoded (as UTF-8). A "?", "&",
# "=", "#", "%" or "," that _EPOST lets into a local part (RFC 5322 allows them) would
# otherwise start the link's headers or fragment, name a second recipient, or be decoded.
_MAILTO_SAFE = "@!$'()*+;:"


def mailto_uri(epost: str) -> str:
    """'insyn@regionjh.se' → 'mailto:insyn@regionjh.se'; 'a?cc=b@x.se' → 'mailto:a%3Fcc%3Db@x.se',
    still one recipient and no headers. Every mailto: link to an address from the data is made here."""
    return "mailto:" + quote(epost, safe=_MAILTO_SAFE)


def _list_item(value: str) -> str:
    """A list's values stand in one CSV cell, joined by | (opendata.schema.LIST_SEP): a | in a
    value split it into two for every reader of the CSV, while the page showed one."""
    if "|" in value:
        raise _fail("list-separator")
    return value


def _telefon(value: Any) -> str:
    if not isinstance(value, str) or not _TELEFON.match(value):
        raise _fail("invalid-telefon")
    return value


def _blank_is_none(value: Any) -> Any:
    return None if isinstance(value, str) and value.strip() == "" else value


def _decimal(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+,[0-9]+", value.strip()):
        raise _fail("decimal-comma")
    if isinstance(value, str) and re.search(r"[0-9][eE][-+]?[0-9]", value):  # Excel's 1,2E+05 loses digits
        raise _fail("invalid-number", "exponent")
    return value


# A whole number is digits only (a minus sign, so a negative one is told it is out of range):
# pydantic's own int read "9.000" as 9 and "230.000" as 230, and Python's "1_000" as 1000.
_WHOLE = re.compile(r"-?[0-9]+")
_WHOLE_DIGITS_MAX = 30  # more digits than any bound has; int() refuses over 4,300 of them


def _whole_number(value: Any) -> Any:
    """A thousands separator is refused, not read: "9.000" meant nine thousand, never nine."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if not _WHOLE.fullmatch(text):
        raise _fail("invalid-number", "heltal")
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    digits = digits.lstrip("0") or "0"
    if len(digits) > _WHOLE_DIGITS_MAX:  # still too large for every bound, which then says its limit
        digits = "9" * _WHOLE_DIGITS_MAX
    return int(sign + digits)


def _bounded(limit: float) -> Any:
    def check(value: Any) -> Any:
        if value is not None and abs(value) > limit:
            raise _fail("out-of-range", "for-stort", max=f"{limit:,.0f}".replace(",", " "))
        return value
    return AfterValidator(check)


YamlBool = Annotated[bool, BeforeValidator(_yaml_bool)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
PublishedDate = Annotated[dt.date, BeforeValidator(_published_date)]
Period = Annotated[str, BeforeValidator(_period)]
Month = Annotated[str, BeforeValidator(_month)]
Id = Annotated[str, BeforeValidator(_id)]
HttpsUrl = Annotated[str, BeforeValidator(_https)]
SiteUrl = Annotated[str, BeforeValidator(site_url)]
KravId = Annotated[str, BeforeValidator(_krav_id)]
Orgnr = Annotated[str, BeforeValidator(_orgnr)]
Kommunkod = Annotated[str, BeforeValidator(_kommunkod)]
Postnummer = Annotated[str, BeforeValidator(_postnummer)]
HsaId = Annotated[str, BeforeValidator(_hsa)]
Epost = Annotated[str, BeforeValidator(_epost)]
Telefon = Annotated[str, BeforeValidator(_telefon)]
ListItem = Annotated[str, AfterValidator(_list_item)]
SnakeKey = Annotated[str, BeforeValidator(_snake_key)]
Sprakkod = Annotated[str, BeforeValidator(_sprak)]
Decimal = Annotated[float, BeforeValidator(_decimal), _bounded(MAX_VARDE)]
OptionalDecimal = Annotated[float | None, BeforeValidator(_decimal), BeforeValidator(_blank_is_none), _bounded(MAX_VARDE)]
WholeNumber = Annotated[int, BeforeValidator(_whole_number)]
OptionalCount = Annotated[int | None, BeforeValidator(_whole_number), BeforeValidator(_blank_is_none), _bounded(MAX_ANTAL)]
Kronor = Annotated[int, BeforeValidator(_whole_number), _bounded(MAX_KRONOR)]
OptionalText = Annotated[str | None, BeforeValidator(_blank_is_none)]


__all__ = [
    "AfterValidator", "Decimal", "Epost", "HsaId", "HttpsUrl", "Id", "IsoDate", "Kommunkod", "KravId", "Kronor", "Month",
    "ListItem", "OptionalCount", "OptionalDecimal", "OptionalText", "Orgnr", "Period", "Postnummer", "PublishedDate", "SiteUrl", "SnakeKey",
    "Sprakkod", "Telefon", "WholeNumber", "YamlBool", "mailto_uri", "site_url",
]
