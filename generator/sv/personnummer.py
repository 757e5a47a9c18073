"""Personnummer and samordningsnummer: recognised however they are typed, so none is published.

One scanner for every string in the data (values, keys, file and folder names). The text is
normalised first (NFKC: full-width and other digit forms become 0–9, no-break and thin spaces
become spaces; then every other script's decimal digit, such as Arabic-Indic ٠–٩, which NFKC
keeps, becomes its 0–9 too). A number is a date part, `ÅÅMMDD` or `ÅÅÅÅMMDD`, possibly written with
separators (`ÅÅÅÅ-MM-DD`), then any short run of characters that are not letters or digits
(`-`, `+`, ` - `, `/`, `.`, `:`, `_`, a line break …), then four digits. Only numbers whose date
exists (samordningsnummer: day + 60) and whose Luhn digit is right count, so dates, phone
numbers written with spaces and diarienummer pass. stdnum's `se.personnummer` rejects
samordningsnummer, so the date is checked here and the checksum by `stdnum.luhn`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from stdnum import luhn

# A separator: one to four characters that are neither letters nor digits.
_SEP = r"[\W_]{1,4}"
_DATE_SEP = r"[\W_]?"  # inside the date part, one at most: 2012-12-12, 12.12.12
# The first digit is matched before the look back for a digit in front of it, so the pattern
# starts with a digit and the search skips to digits (at national size, 2.1 s -> 0.5 s).
_CANDIDATE = re.compile(
    rf"(?P<date>\d(?<!\d\d)"  # not the end of a longer number (letters may stand before: SE + the number is an HSA-id)
    rf"\d(?:\d{{2}})?{_DATE_SEP}\d{{2}}{_DATE_SEP}\d{{2}})"
    rf"(?P<sep>{_SEP})?"
    rf"(?P<tail>\d{{4}})"
    rf"(?!\d)(?![-–/.:]\d)",  # not inside a longer number, nor the year of a date range
)


# A decimal digit of any script but 0–9 (`\d` matches every script's, and so does the pattern above).
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def normalise(text: str) -> str:
    normal = unicodedata.normalize("NFKC", text)
    return normal if normal.isascii() else _OTHER_DIGIT.sub(_ascii_digit, normal)


def _ascii_digit(match: re.Match[str]) -> str:
    return str(unicodedata.decimal(match.group()))


def _plausible_date(century_digits: str | None, yymmdd: str) -> bool:
    month = int(yymmdd[2:4])
    day = int(yymmdd[4:6])
    if day > 60:
        day -= 60  # samordningsnummer
    if century_digits not in (None, "18", "19", "20"):
        return False
    centuries = [century_digits] if century_digits else ["18", "19", "20"]
    for century in centuries:
        try:
            dt.date(int(century + yymmdd[:2]), month, day)
            return True
        except ValueError:
            continue
    return False


def _valid(match: re.Match[str]) -> bool:
    digits = re.sub(r"\D", "", match.group("date"))
    if len(digits) not in (6, 8):
        return False
    century = digits[:2] if len(digits) == 8 else None
    yymmdd = digits[-6:]
    return _plausible_date(century, yymmdd) and luhn.is_valid(yymmdd + match.group("tail"))


def _matches(text: str) -> list[re.Match[str]]:
    """Valid numbers, trying every start position: a failed candidate must not hide one inside it."""
    found = []
    pos = 0
    while (m := _CANDIDATE.search(text, pos)) is not None:
        if _valid(m):
            found.append(m)
            pos = m.end()
        else:
            pos = m.start() + 1
    return found


def could_hold_one(text: str) -> bool:
    """False when `text` surely holds no number: plain ASCII (which NFKC leaves as it is) in
    which not even a candidate stands. One search instead of the whole scan, for the many
    values (ids, dates, figures, names) that hold none."""
    return not text.isascii() or _CANDIDATE.search(text) is not None


def holds_candidate(text: str) -> bool:
    """Whether `text`, normalised, holds anything shaped like a number (valid or not): when it
    does not, find_personnummer finds nothing in it, nor in any part of it."""
    return _CANDIDATE.search(normalise(text)) is not None


def find_personnummer(text: str) -> list[str]:
    """Every personnummer or samordningsnummer in `text` (normalised), in any format."""
    if not could_hold_one(text):
        return []
    return [m.group(0) for m in _matches(normalise(text))]


def is_personnummer(text: str) -> bool:
    """True if `text` is exactly one personnummer or samordningsnummer with a valid checksum."""
    found = _matches(normalise(text).strip())
    return len(found) == 1 and found[0].group(0) == normalise(text).strip()


def redact(text: str) -> str:
    """`text` with every personnummer or samordningsnummer masked, for anything printed.

    Matching is done on the normalised text; the rest of the text is kept as it was."""
    normal: list[str] = []
    origin: list[int] = []  # for each normalised character, the index of the original one
    for i, char in enumerate(text):
        for piece in normalise(char):
            normal.append(piece)
            origin.append(i)
    out: list[str] = []
    last = 0
    for m in _matches("".join(normal)):
        start, end = origin[m.start()], origin[m.end() - 1] + 1
        out += [text[last:start], _masked(m.group(0))]
        last = end
    return "".join([*out, text[last:]])


def _masked(number: str) -> str:
    return number[:2] + "*" * (len(number) - 4) + number[-2:] if len(number) > 4 else "****"
