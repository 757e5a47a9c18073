"""The id, period and month formats of the data contract, written once.

The loader checks file names with `ID`, the models check values with all three, and the
open-data schema publishes the same patterns to Frictionless, so the three cannot drift.
Ids are at most 100 characters: an id becomes a folder and a file name on the site.
"""

from __future__ import annotations

import re

ID_MAX = 100
# Published as they are in the open-data schema (Frictionless reads them as regular expressions).
# A digit is [0-9]: Python's \d matches every script's digits, so "２０２５" passed as a period
# and was published beside 2025, neither sorted nor joined with it.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PERIOD_PATTERN = r"^[0-9]{4}(-T[1-3]|-(0[1-9]|1[0-2]))?$"
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
KOMMUNKOD_PATTERN = r"^[0-9]{4}$"
YEAR_PATTERN = r"^[0-9]{4}$"  # a year alone, as the table of withheld follow-ups counts them
# A requirement's id as the contract numbers it ("K1", "3.2.1", "Krav 4 a"): one trimmed line.
KRAV_ID_MAX = 40
KRAV_ID_PATTERN = r"^\S(.{0,38}\S)?$"

ID = re.compile(ID_PATTERN)  # and at most ID_MAX characters: see `is_id`
PERIOD = re.compile(PERIOD_PATTERN)
MONTH = re.compile(MONTH_PATTERN)

# The years a date, month or period may name: wide enough for any record a region keeps,
# narrow enough that every later step (gzip headers, Excel, calendars) can write it.
FIRST_YEAR = 1900
LAST_YEAR = 2100
# Dates that can become the site's own "last updated" day, which the site engine writes as a
# Unix time (gzip headers, sitemap): those start in 1970.
FIRST_PUBLISHED_YEAR = 1970


def is_id(text: str) -> bool:
    return len(text) <= ID_MAX and ID.match(text) is not None
