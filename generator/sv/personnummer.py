"""Personnummer and samordningsnummer: recognised in any format, so none is ever published.

stdnum's `se.personnummer` checks the Luhn digit but rejects samordningsnummer (day + 60),
so the date part is checked here and the checksum by `stdnum.luhn`.
"""

from __future__ import annotations

import datetime as dt
import re

from stdnum import luhn

# 6 or 8 digits, an optional separator (-, +, space, or the dashes a word processor puts in
# for "-"), 4 digits; not inside a longer number.
_CANDIDATE = re.compile(r"(?<!\d)(\d{8}|\d{6})[-+ \u00a0\u2010-\u2015\u2212]?(\d{4})(?!\d)")


def _plausible_date(century_digits: str | None, yymmdd: str) -> bool:
    month = int(yymmdd[2:4])
    day = int(yymmdd[4:6])
    if day > 60:
        day -= 60  # samordningsnummer
    centuries = [century_digits] if century_digits else ["19", "20"]
    for century in centuries:
        try:
            dt.date(int(century + yymmdd[:2]), month, day)
            return True
        except ValueError:
            continue
    return False


def is_personnummer(text: str) -> bool:
    """True if `text` is exactly one personnummer or samordningsnummer with a valid checksum."""
    match = _CANDIDATE.fullmatch(text.strip())
    return match is not None and _valid(match.group(1), match.group(2))


def _valid(date_part: str, tail: str) -> bool:
    century = date_part[:2] if len(date_part) == 8 else None
    yymmdd = date_part[-6:]
    return _plausible_date(century, yymmdd) and luhn.is_valid(yymmdd + tail)


def find_personnummer(text: str) -> list[str]:
    """Every personnummer or samordningsnummer in a free text, in any common format."""
    return [m.group(0) for m in _CANDIDATE.finditer(text) if _valid(m.group(1), m.group(2))]


def redact(text: str) -> str:
    """`text` with every personnummer or samordningsnummer masked, for anything printed."""
    return _CANDIDATE.sub(lambda m: _masked(m.group(0)) if _valid(m.group(1), m.group(2)) else m.group(0), text)


def _masked(number: str) -> str:
    return number[:2] + "*" * (len(number) - 4) + number[-2:] if len(number) > 4 else "****"
