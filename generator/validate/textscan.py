"""Checks on every text value wherever it stands: personal data, hidden characters, formulas.

These hold for all fields, so they walk the raw documents instead of living in each model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.load.document import Document, Loc, field_name, text_values
from generator.problems import Problem, mask
from generator.sv.personnummer import could_hold_one, find_personnummer, holds_candidate

# An enskild firma's number is a personnummer by design: its own rule validates it, and the
# catalog withholds it. Every other string is scanned, phone numbers and HSA-ids included.
_OWN_RULE = {"organisationsnummer"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Not allowed in XML 1.0 (lone surrogates, U+FFFE, U+FFFF) or a Unicode non-character:
# the Atom feed, sitemap, RDF and the worksheets inside the xlsx could not carry it.
_NOT_XML = re.compile("[\ud800-\udfff\ufdd0-\ufdef" + "".join(f"{chr(p + 0xfffe)}{chr(p + 0xffff)}" for p in range(0, 0x110000, 0x10000)) + "]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# Zero-width and other invisible format characters, invisible fillers, Unicode line
# separators and "tag" characters (which can hide whole sentences in plain sight).
_INVISIBLE = re.compile("[\u00ad\u034f\u115f\u1160\u180e\u200b-\u200d\u2028\u2029\u2060-\u2064"
                        "\u3164\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")  # not \d: a sign before other digits is a formula
# The field a personnummer stands in → the registry's variant with the likeliest fix.
_PN_VARIANT = {"telefon": "telefon", "hsa_id": "hsa-id"}


def keys(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every mapping key inside parsed YAML, with the path to it (keys are data too: map keys
    such as those under tillganglighet are published)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield (*loc, key), key
            yield from keys(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from keys(item, (*loc, i))


def _problem(doc: Document, loc: Loc, code: str, value: str | None = None, **params: object) -> Problem:
    return Problem.of(code, doc.file, doc.line_of(loc), field_name(loc), value, **params)


# Any of the four above: most values hold none, and one search says so.
_ANY = re.compile("|".join(p.pattern for p in (_CONTROL, _NOT_XML, _BIDI, _INVISIBLE)))


def _characters(doc: Document, loc: Loc, text: str) -> list[Problem]:
    """Characters that must not be published, wherever they stand."""
    if not _ANY.search(text):
        return []
    found = []
    if _CONTROL.search(text):
        found.append(_problem(doc, loc, "control-character"))
    bad = _NOT_XML.search(text)
    if bad:
        found.append(_problem(doc, loc, "xml-character", f"\\u{ord(bad.group(0)):04x}", tecken=f"U+{ord(bad.group(0)):04X}"))
    if _BIDI.search(text):
        found.append(_problem(doc, loc, "bidi-character"))
    if _INVISIBLE.search(text):
        found.append(_problem(doc, loc, "invisible-character"))
    return found


def _personnummer(doc: Document, loc: Loc, text: str, key: str) -> list[Problem]:
    return [_problem(doc, loc, "personnummer", mask(found), variant=_PN_VARIANT.get(key, ""))
            for found in find_personnummer(text)]


# In plain ASCII, the only things the checks below can find: a control character, or a start
# that a spreadsheet takes for a formula (after what str.lstrip strips); a personnummer is
# asked of personnummer.could_hold_one.
_ASCII_SUSPECT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|^[\s\x1c-\x1f]*[=+\-@\t\r]")


def _clean(text: str) -> bool:
    """True when no check can find anything in `text`: most values, at two searches each (a
    national dataset has two and a half million of them)."""
    return text.isascii() and not _ASCII_SUSPECT.search(text) and not could_hold_one(text)


# The searches of `_all_clean`. A string's start stands after a line break there, so one
# search for a line break, whitespace (what str.lstrip strips: \s is str.isspace) and a
# formula's first character finds every formula start. Text that Latin-1 can hold (most of
# it: å, ä and ö are Latin-1) is searched for the few characters of _ANY in Latin-1 alone, a
# fifth of the time of the full search.
_FORMULA_AT_START = re.compile(r"\n\s*[=+\-@\t\r]")
_ANY_LATIN1 = re.compile("[" + "".join(re.escape(c) for c in map(chr, range(256)) if _ANY.match(c)) + "]")


def _suspect_character(text: str) -> bool:
    """Whether `text` holds any character of _ANY."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return _ANY.search(text) is not None
    return _ANY_LATIN1.search(text) is not None


def _strings(value: Any, out: list[str]) -> list[str]:
    """Every string inside parsed YAML, keys included, without the paths to them."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                out.append(key)
            _strings(item, out)
    elif isinstance(value, list):
        for item in value:
            _strings(item, out)
    return out


def _all_clean(doc: Document) -> bool:
    """True when no check can find anything in any value or key of `doc`: the searches of
    `scan`, once, over all its strings with a line break between and around them.

    Nothing one string holds can hide in the whole: a line break is no suspect character, one
    stands before each string's start, NFKC leaves a line break and what is around it as they
    were, and a personnummer candidate, which may have no digit before it nor a digit or date
    separator after it, sees the same at a string's ends. The whole may find what no single
    string holds (a date at one's end and four digits at the next's start, a line of a text
    that starts with a dash); then every string is scanned on its own. Most documents hold
    nothing, and this walk without paths costs a fraction of the walk with them."""
    whole = "\n" + "\n".join(_strings(doc.data, [])) + "\n"
    return not _FORMULA_AT_START.search(whole) and not _suspect_character(whole) and not holds_candidate(whole)


def scan(doc: Document) -> list[Problem]:
    """Problems in the text values and keys of one document."""
    return [] if _all_clean(doc) else _scan_each(doc)


def _scan_each(doc: Document) -> list[Problem]:
    """Problems in the text values and keys of one document, each string scanned on its own."""
    problems: list[Problem] = []
    for loc, text in text_values(doc.data):
        if _clean(text):
            continue
        key = next((p for p in reversed(loc) if isinstance(p, str)), "")
        if key not in _OWN_RULE:
            problems += _personnummer(doc, loc, text, key)
        problems += _characters(doc, loc, text)
        # Leading spaces are trimmed before publishing, so " =1+1" is a formula too.
        if (text.startswith(_FORMULA_START) or text.lstrip().startswith(_FORMULA_START)) and key != "telefon" \
                and not _NUMBER.match(text.strip()):
            problems.append(_problem(doc, loc, "formula-start", text[:12]))
    for loc, key in keys(doc.data):
        if _clean(key):
            continue
        problems += _personnummer(doc, loc, key, "")
        problems += _characters(doc, loc, key)
    return problems

