"""No personnummer or samordningsnummer in any free-text field, in any format staff type it,
and no problem message ever repeats it in full."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load.document import Document
from generator.sv import personnummer
from generator.sv.personnummer import find_personnummer, is_personnummer, redact
from generator.validate import textscan
from tests.test_validate_catalogue import make_case, problems_of

PERSONNUMMER = ["19121212-1212", "191212121212", "19121212 1212", "121212-1212", "121212+1212", "1212121212", "121212 1212"]
SAMORDNINGSNUMMER = ["19701063-2391", "197010632391", "19701063 2391", "701063-2391", "701063+2391", "7010632391", "701063 2391"]

# (field, file, text to find, replacement with {n} for the number, line)
FIELDS = [
    ("namn", "utforare/fjallvarden.yaml", "namn: Fjällvårdens Hälsocentral", "namn: Fjällvården {n}", 1),
    ("beskrivning", "region.yaml", "beskrivning: Hälsocentralen är", "beskrivning: Ring {n}. Hälsocentralen är", 32),
    ("sammanfattning", "uppfoljningar/2025/vb-centrum-2025.yaml", "sammanfattning: Enheten", "sammanfattning: Patient {n} klagade. Enheten", 7),
    ("kommentar_utforare", "uppfoljningar/2025/vb-fjallvarden-2025.yaml", "kommentar_utforare: Vi har", "kommentar_utforare: Vi ({n}) har", 29),
    ("brister.beskrivning", "uppfoljningar/2025/vb-fjallvarden-2025.yaml", "beskrivning: Tre av tio", "beskrivning: Gäller {n}. Tre av tio", 15),
    ("atgarder.beskrivning", "uppfoljningar/2025/vb-fjallvarden-2025.yaml", "beskrivning: Inför återuppringning.", "beskrivning: Ring {n} först.", 21),
    ("anmarkning", "nyckeltalsvarden/halsoval.csv", "För få svar för att redovisa", "Uppgift från {n}", 7),
]


@pytest.mark.parametrize("number", PERSONNUMMER + SAMORDNINGSNUMMER)
def test_every_format_is_recognised_and_masked(number: str) -> None:
    assert is_personnummer(number)
    assert find_personnummer(f"text {number}, mer text") == [number]
    masked = redact(f"text {number}.")
    assert number not in masked and "*" in masked


@pytest.mark.parametrize("zero", [0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1D7CE],
                         ids=["full-width", "arabic-indic", "persian", "devanagari", "bengali", "thai", "math-bold"])
def test_digits_of_any_script_are_read_as_digits(zero: int) -> None:
    """NFKC makes full-width digits 0–9 but keeps Arabic-Indic, Devanagari and other scripts' own."""
    number = "19121212-1212".translate(str.maketrans("0123456789", "".join(chr(zero + i) for i in range(10))))
    assert is_personnummer(number)
    assert find_personnummer(f"text {number} text") == ["19121212-1212"]
    assert redact(f"Ring {number}.") == "Ring 19*********12."


def test_a_number_in_arabic_indic_digits_is_refused_in_free_text(tmp_path: Path) -> None:
    field, file, find, replace, line = FIELDS[2]
    case = {"edits": [{"file": file, "find": find, "replace": replace.format(n="١٢١٢١٢-١٢١٢")}]}
    assert [(p.code, p.file, p.line) for p in problems_of(make_case(tmp_path / "data", case))] == [("personnummer", file, line)]


@pytest.mark.parametrize("number", ["556036-0793", "232100-0214", "121212-1213", "063-14 75 00", "2025-09-15", "12121212121212"])
def test_numbers_that_are_not_personnummer_pass(number: str) -> None:
    assert find_personnummer(f"text {number} text") == []


@pytest.mark.parametrize(("field", "file", "find", "replace", "line"), FIELDS, ids=[f[0] for f in FIELDS])
@pytest.mark.parametrize("number", PERSONNUMMER + SAMORDNINGSNUMMER)
def test_number_in_free_text_is_an_error_that_does_not_echo_it(
        tmp_path: Path, field: str, file: str, find: str, replace: str, line: int, number: str) -> None:
    case = {"edits": [{"file": file, "find": find, "replace": replace.format(n=number)}]}
    problems = problems_of(make_case(tmp_path / "data", case))
    assert [(p.code, p.file, p.line) for p in problems] == [("personnummer", file, line)]
    problem = problems[0]
    assert re.sub(r"\[\d+\]", "", problem.field).endswith(field)
    assert number not in f"{problem.message} {problem.hint} {problem.value} {problem.field}"


# Text made of digits and the separators staff type, control and formula characters, a letter
# or a wide digit now and then, around a real number (shortest forms included) or around nothing.
_NOISE = st.text(alphabet=st.sampled_from("0123456789-+=@ ./:_\n\t\r\x00\x1c\x7fSEab１２٣²\u200b"), max_size=20)
_SCANNED = st.builds("".join, st.lists(st.one_of(_NOISE, st.sampled_from(PERSONNUMMER + SAMORDNINGSNUMMER)), max_size=3))


@given(_SCANNED)
@settings(max_examples=400, deadline=None)
def test_the_quick_skip_never_hides_a_number(text: str) -> None:
    """Every value is scanned, so plain text with no candidate is skipped after one search: the
    answer must be the one the full scan gives."""
    assert find_personnummer(text) == [m.group(0) for m in personnummer._matches(personnummer.normalise(text))]


@given(_SCANNED)
@settings(max_examples=400, deadline=None)
def test_a_value_the_scan_passes_as_clean_holds_nothing_any_check_would_find(text: str) -> None:
    """The scan of every value skips the ones it deems clean: none of them may hold a number, a
    forbidden character or the start of a formula."""
    if not textscan._clean(text):
        return
    doc = Document("x.yaml", {"f": text}, {(): 1, ("f",): 1})
    assert personnummer._matches(personnummer.normalise(text)) == []
    assert textscan._characters(doc, ("f",), text) == []
    assert not text.lstrip().startswith(textscan._FORMULA_START) and not text.startswith(textscan._FORMULA_START)


@pytest.mark.parametrize("text", ["1212121212", "7010632391", "１２１２１２１２１２", "=1+1", " @SUMMA", "-x", "a\x00b", "a\u200bb"])
def test_values_that_hold_something_are_never_skipped(text: str) -> None:
    assert not textscan._clean(text)


@pytest.mark.parametrize("number", ["1212121212", "7010632391", "１２１２１２１２１２"])
def test_the_shortest_numbers_are_found(number: str) -> None:
    """Ten digits, plain or full-width, is the least a number has: never skipped as too short."""
    assert find_personnummer(f"ring {number}") == [personnummer.normalise(number)]


@pytest.mark.parametrize("text", ["halsocentralen-centrum", "2025-T1", "84.3", "2025-09-15", "063-14 75 00", "Region Jamtland"])
def test_ordinary_values_are_passed_after_the_quick_searches(text: str) -> None:
    """Ids, periods, figures, dates and phone numbers are most of the values: they take the quick
    path (which the property test above holds to the full checks)."""
    assert textscan._clean(text)


# Strings for whole documents: plain words and dates, which most values are, or the noise above
# with Latin-1 letters, characters that must not be published (soft hyphen, a C1 control, a line
# separator) and wide ones (an en dash, a CJK letter).
_TEXT = st.one_of(
    st.text(alphabet=st.sampled_from("abcåäöÅé 2025-"), max_size=12),
    st.builds("".join, st.lists(st.one_of(
        _NOISE, st.sampled_from(PERSONNUMMER + SAMORDNINGSNUMMER),
        st.text(alphabet=st.sampled_from("åäöÅ é\xad\x85\u2028–漢 -=\n"), max_size=6)), max_size=3)))
_YAML = st.recursive(st.one_of(st.none(), _TEXT),
                     lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_TEXT, inner, max_size=3)),
                     max_leaves=8)


@given(st.dictionaries(_TEXT, _YAML, max_size=4))
@settings(max_examples=400, deadline=None)
def test_a_document_scanned_whole_gives_what_scanning_each_string_gives(data: dict[str, object]) -> None:
    """A document is first searched as one text; only when that finds something is every value
    and key scanned on its own. The problems must be the same either way, in any field."""
    doc = Document("x.yaml", data, {(): 1})
    assert textscan.scan(doc) == textscan._scan_each(doc)


_PLAIN_CANDIDATE = re.compile(personnummer._CANDIDATE.pattern.replace(r"(?P<date>\d(?<!\d\d)\d", r"(?<!\d)(?P<date>\d\d"))


@given(_TEXT)
@settings(max_examples=400, deadline=None)
def test_the_candidate_pattern_that_starts_with_a_digit_finds_what_the_plain_one_finds(text: str) -> None:
    """The pattern looks back for a digit only after its first digit, so the search can skip to
    digits: every candidate must be the one the plain pattern (look back first) finds."""
    assert _PLAIN_CANDIDATE.pattern != personnummer._CANDIDATE.pattern
    assert [m.groupdict() | {"at": m.span()} for m in personnummer._CANDIDATE.finditer(text)] == \
        [m.groupdict() | {"at": m.span()} for m in _PLAIN_CANDIDATE.finditer(text)]
