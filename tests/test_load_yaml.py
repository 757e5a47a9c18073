"""The YAML reader keeps what staff wrote, where they wrote it, and refuses what it cannot
read safely — tested on the reader itself, below the catalogue of whole-dataset cases. It gives
the same answer on every machine, with libyaml or without, and whatever goes wrong is said in
Swedish."""

from __future__ import annotations

import ast
import re
from itertools import groupby
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.load import yamlfile, yamlmessages
from generator.load.document import Document
from generator.load.limits import MAX_DEPTH
from generator.load.yamlfile import parse_yaml, read_yaml
from generator.problems import Problem
from tests.test_validate_catalogue import CASES, READ_TO_THE_LIMIT, make_case, problems_of


def _read(text: str) -> tuple[object, dict[tuple[object, ...], int], list[str]]:
    doc, problems = read_yaml(text.encode(), "x.yaml")
    return (doc.data if doc else None), (doc.lines if doc else {}), [p.code for p in problems]


def test_every_scalar_stays_the_text_written() -> None:
    data, _, codes = _read("a: NO\nb: 01234\nc: 12:30\nd: 1.10\ne: 2024-01-01\nf: 0x1F\ng: .inf\nh: ~\ni:\nj: ''\nk: 'null'\n")
    assert codes == []
    assert data == {"a": "NO", "b": "01234", "c": "12:30", "d": "1.10", "e": "2024-01-01", "f": "0x1F",
                    "g": ".inf", "h": None, "i": None, "j": "", "k": "null"}


def test_every_value_keeps_its_line() -> None:
    text = "namn: x\nlista:\n  - a\n  - b: 1\n    c:\n      - 2\n"
    _, lines, _ = _read(text)
    assert lines[("namn",)] == 1
    assert lines[("lista", 0)] == 3
    assert lines[("lista", 1)] == 4
    assert lines[("lista", 1, "c")] == 5
    assert lines[("lista", 1, "c", 0)] == 6


def test_windows_line_endings_and_bom_are_fine() -> None:
    doc, problems = read_yaml(b"\xef\xbb\xbfnamn: x\r\nort: \xc3\x85re\r\n", "x.yaml")
    assert problems == [] and doc is not None
    assert doc.data == {"namn": "x", "ort": "Åre"}
    assert doc.lines[("ort",)] == 2


def test_decomposed_letters_are_composed() -> None:
    data, _, _ = _read("ort: A\u030are\n")
    assert data == {"ort": "Åre"}


def test_anchors_are_refused_before_anything_is_expanded() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{k}: &{k} [{', '.join(['*' + p] * 9)}]\n" for p, k in zip("abcdefgh", "bcdefghi", strict=True))
    data, _, codes = _read(bomb)
    assert data is None and codes == ["yaml-alias"]


def test_deep_nesting_stops_at_the_limit() -> None:
    data, _, codes = _read("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert data is None and codes == ["yaml-too-deep"]


def test_every_duplicate_key_is_reported_and_the_first_value_kept() -> None:
    data, _, codes = _read("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n")
    assert codes == ["yaml-duplicate-key", "yaml-duplicate-key"]
    assert data == {"a": "1", "b": {"c": "2"}}


def test_tags_other_than_plain_text_are_problems() -> None:
    for text in ("a: !!python/object/apply:os.system [ls]\n", "a: !!binary aGVq\n", "a: !!int 3\n", "a: !egen x\n"):
        _, _, codes = _read(text)
        assert "yaml-tag" in codes or "yaml-syntax" in codes, text
    data, _, codes = _read("a: !!str 3\nb: ! 4\n")
    assert codes == [] and data == {"a": "3", "b": "4"}


# --- every parser message in Swedish -----------------------------------------------------------
# Words that mark a message as (partly) English. None of them is a Swedish word that a message
# of Insyn's could use ("in", "for", "be", "start", "alias", "extra", "position" and "a" are,
# so they are left out).
_ENGLISH = frozenset("""
    the and of to is are was not but or with while found expected scanning parsing could cannot
    allowed character characters token stream document documents mapping mappings sequence value
    values key keys field required missing invalid error errors input should must string valid
    unexpected exceeded maximum nesting depth did find line file files this that least most
    greater less than equal number integer float dict dictionary forbidden permitted match
    pattern unable parse date datetime time has have only any special indicator indentation
    block flow scalar anchor directive incompatible duplicate undefined unknown escape
    expecting please check here there occurrence composing encoding codec decode byte
""".split())
_WORD = re.compile(r"[A-Za-z]+")


def english_in(text: str) -> set[str]:
    """The English words in a message or hint (empty for Swedish)."""
    return {w for w in _WORD.findall(text) if w.lower() in _ENGLISH}


def _english_problems(problems: list[Problem]) -> list[str]:
    return [f"{p.code} {p.file}:{p.line}: {p.message} / {p.hint} {sorted(english_in(p.message + ' ' + p.hint))}"
            for p in problems if english_in(p.message) or english_in(p.hint)]


def test_the_english_check_catches_a_planted_english_message() -> None:
    planted = [Problem("x.yaml", 3, "yaml-syntax", "", "Filen går inte att läsa som YAML: exceeded maximum nesting depth.",
                       "Kontrollera indragen."),
               Problem("x.yaml", 4, "invalid-value", "ar", "Fältet ar har ett ogiltigt värde.",
                       "Input should be a valid integer, unable to parse string as an integer")]
    assert len(_english_problems(planted)) == 2
    swedish = Problem("x.yaml", 1, "yaml-syntax", "", "Filen går inte att läsa som YAML: ett kolon saknas efter en nyckel.",
                      "Spara om filen som UTF-8. I Excel: Spara som → CSV UTF-8 (kommaavgränsad), a–z.")
    assert _english_problems([swedish]) == []


# --- libyaml reads first, the pure parser decides -------------------------------------------
def _answer(result: tuple[Document | None, list[Problem]]) -> tuple[object, ...]:
    doc, problems = result
    return (doc.data if doc else None, doc.lines if doc else None,
            [(p.code, p.file, p.line, p.field, p.message, p.hint, p.value) for p in problems])


def _both(text: str) -> tuple[tuple[object, ...], tuple[object, ...]]:
    """The answer with libyaml first and with the pure parser alone. parse_yaml is what read_yaml
    remembers, so its cache cannot hand either side the other's answer."""
    raw = text.encode("utf-8", "surrogatepass")
    return _answer(parse_yaml(raw, "x.yaml")), _answer(parse_yaml(raw, "x.yaml", libyaml=False))


@pytest.fixture
def parsers_seen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Which parser made each event the builder is fed, in order: "libyaml" or "pure"."""
    seen: list[str] = []
    feed = yamlfile._Builder.feed

    def spy(builder: yamlfile._Builder, event: yaml.Event) -> None:
        seen.append("libyaml" if type(event.start_mark).__module__ == "yaml._yaml" else "pure")
        feed(builder, event)

    monkeypatch.setattr(yamlfile._Builder, "feed", spy)
    return seen


needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")


@needs_libyaml
def test_libyaml_reads_a_clean_file_alone(parsers_seen: list[str]) -> None:
    text = "namn: Vårdcentralen\nkod: 01234\ntid: 12:30\nja: NO\nlista:\n  - a\n  - [b, 'c']\ntext: |\n  rad 1\n  rad 2\n"
    doc, problems = parse_yaml(text.encode(), "x.yaml")
    assert problems == [] and doc is not None
    assert set(parsers_seen) == {"libyaml"}
    assert _answer((doc, problems)) == _answer(parse_yaml(text.encode(), "x.yaml", libyaml=False))


# (text, a problem the staff member is told, the parsers whose events the builder gets, in order)
_NOT_LIBYAMLS_TO_SAY = [
    ('namn: x\nort: "Åre\n', ("yaml-syntax", 3), ["libyaml", "pure"]),  # unclosed quote
    ("a:\n  b: 1\n c: 2\n", ("yaml-syntax", 3), ["libyaml", "pure"]),
    ("a: 1\nb: 2\na: 3\n", ("yaml-duplicate-key", 3), ["libyaml", "pure"]),
    ("".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 1)) + "  " * (MAX_DEPTH + 1) + "x: y\n",
     ("yaml-too-deep", MAX_DEPTH + 1), ["libyaml", "pure"]),
    ("a: " + "[" * 1000 + "\n", ("yaml-too-deep", 1), ["libyaml", "pure"]),  # libyaml's own limit, in English
    ("a: 1\nb: \x07\n", ("control-character", 2), []),  # both refuse it before the first event
    ("[a?b]\n", ("yaml-syntax", 1), ["libyaml", "pure"]),  # libyaml reads a plain a?b
    ("[!!str,b]\n", ("yaml-tag", 1), ["libyaml", "pure"]),  # libyaml ends the tag at the comma
    ("a: |#\n  x\n", ("yaml-syntax", 1), ["pure"]),  # libyaml reads the comment
    ("a:\tb\n", ("yaml-tab", 1), ["pure"]),  # libyaml reads the tab as a space
    ("a:\n  - b\n\t- c\n", ("yaml-tab", 3), ["pure"]),
    ("a:\n\ufeff  b\n", ("yaml-syntax", 3), ["pure"]),  # libyaml skips the BOM
]


@needs_libyaml
@pytest.mark.parametrize(("text", "told", "parsers"), _NOT_LIBYAMLS_TO_SAY, ids=lambda v: repr(v)[:24])
def test_what_libyaml_cannot_read_cleanly_gets_the_pure_parsers_answer(
        parsers_seen: list[str], text: str, told: tuple[str, int], parsers: list[str]) -> None:
    answer = parse_yaml(text.encode(), "x.yaml")
    assert [parser for parser, _ in groupby(parsers_seen)] == parsers
    pure = parse_yaml(text.encode(), "x.yaml", libyaml=False)
    assert _answer(answer) == _answer(pure)
    problems = pure[1]
    assert told in [(p.code, p.line) for p in problems]
    assert _english_problems(problems) == []


def test_without_libyaml_the_pure_parser_reads_alone(parsers_seen: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "_LIBYAML", None)
    doc, problems = parse_yaml(b"a: 1\nb: [x]\n", "x.yaml")
    assert problems == [] and doc is not None and doc.data == {"a": "1", "b": ["x"]}
    assert set(parsers_seen) == {"pure"}


# YAML-like texts that reach where the two parsers part: documents of every style built from
# nested values, mostly clean (libyaml answers only for those), with scalars the resolver would
# guess at, tags, anchors, tabs, comments and a few edits made at random.
_TRICKY = ["NO", "01234", "12:30", "~", "null", "", "true", "1.10", "Åre", "A\u030are", "x: y", "a #b", "- x", "? q",
           "q?r", "a?", "vad ? nu", "a!", "&a", "*a", "!x", "@x", "[x]", "{x}", "x, y", "it's", 'say "hi"', "a\tb", "é\u2028f",
           "x\x85y", "---", "|", "<<", "back\\slash", "two\nlines", " edge ", "\u200b"]
_SCALARS = st.one_of(st.sampled_from(_TRICKY), st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=10))
_NODES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.tuples(st.just("seq"), st.lists(inner, max_size=4)),
                            st.tuples(st.just("map"), st.lists(st.tuples(_SCALARS, inner), max_size=4))),  # keys may repeat
    max_leaves=14)
_PREFIXES = [""] * 12 + ["!!str ", "!!str", "! ", "!x ", "!x", "!!python/object:os.system ", "&a ", "*a "]
_SUFFIXES = [""] * 8 + [" # c", "\t"]
_HEADERS = ["|", ">", "|-", ">+", "|2", "|#", ">-#", "> #"]
_EDITS = list(":-[]{}&*!|>'\"#?,%@`~ \n\t\\aå0.\r\x85\ufeff\x07") + ["---\n", "...\n", "- ", ": ", "? ", "  ", "\n  ", "\n\ufeff"]


@st.composite
def _yaml_texts(draw: st.DrawFn) -> str:
    def scalar(value: str, in_flow: bool, key: bool = False) -> str:
        style = draw(st.sampled_from(["plain", "plain", "plain", "single", "double", "literal"]))
        if style == "literal" and not in_flow and not key:
            return draw(st.sampled_from(_HEADERS)) + "\n" + value
        text = {"single": "'" + value.replace("'", "''") + "'",
                "double": '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'}.get(style, value)
        return draw(st.sampled_from(_PREFIXES)) + text + ("" if key else draw(st.sampled_from(_SUFFIXES)))

    def flow(node: Any) -> str:  # a str, ("seq", [node, ...]) or ("map", [(str, node), ...])
        if isinstance(node, str):
            return scalar(node, True)
        kind, items = node
        if kind == "seq":
            return "[" + ", ".join(flow(item) for item in items) + "]"
        return "{" + ", ".join(f"{scalar(k, True, key=True)}: {flow(v)}" for k, v in items) + "}"

    def items(node: Any, indent: str) -> str:
        if node[0] == "seq":
            return "".join(f"{indent}-{after(item, indent)}" for item in node[1])
        return "".join(f"{indent}{scalar(k, False, key=True)}:{after(v, indent)}" for k, v in node[1])

    def after(node: Any, indent: str) -> str:
        """A value after `key:` or `-`: on the same line, or its items indented on the next."""
        if isinstance(node, str):
            text = scalar(node, False)
            if text.startswith(tuple(_HEADERS)):  # a block scalar's lines go below, indented
                header, _, body = text.partition("\n")
                return f" {header}\n" + "".join(f"{indent}  {line}\n" for line in body.splitlines())
            return f" {text}\n"
        if not node[1] or draw(st.integers(0, 2)) == 0:
            return f" {flow(node)}\n"
        return "\n" + items(node, indent + draw(st.sampled_from(["  ", "  ", " ", "    "])))

    root = draw(_NODES)
    text = items(root, "") if isinstance(root, tuple) and root[1] else after(root, "")[1:]
    text = draw(st.sampled_from(["", "", "", "", "---\n", "%YAML 1.1\n---\n"])) + text
    text += draw(st.sampled_from(["", "", "", "", "", "...\n", "---\nb: 2\n", "\ufeff\n", "\ufeff  x\n"]))
    if isinstance(root, tuple) and root[0] == "map" and draw(st.integers(0, 5)) == 0:
        depth = draw(st.integers(MAX_DEPTH - 2, MAX_DEPTH + 1))
        text = "deep: " + "[" * depth + "x" + "]" * depth + "\n" + text
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2, 3]))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(_EDITS)) + text[at + draw(st.integers(0, 2)):]
    return text


_ANY_TEXT = st.text(alphabet=st.sampled_from([e for e in _EDITS if len(e) == 1] + list("abc1")), max_size=80)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example("---")  # libyaml ends a last line without a line break: the empty value is a line lower
@example("- x\n-")
@given(text=st.one_of(_yaml_texts(), _ANY_TEXT, _ANY_TEXT.map(lambda t: t + "\n")))
def test_libyaml_first_or_the_pure_parser_alone_give_the_same_answer(text: str) -> None:
    fast, pure = _both(text)
    assert fast == pure


def test_nesting_is_refused_at_the_limit_in_block_and_flow_style() -> None:
    deep_flow = "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"
    deep_block = "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 1)) + "  " * (MAX_DEPTH + 1) + "x: y\n"
    ok_flow = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert _read(deep_flow)[2] == ["yaml-too-deep"]
    assert _read(deep_block)[2] == ["yaml-too-deep"]
    assert _read(ok_flow)[2] == []


def _raise_sites() -> list[tuple[str, str]]:
    """(context, problem) of every ScannerError and ParserError PyYAML's own source can raise,
    with %r, %d and %s filled in; a non-literal problem (str(exc)) becomes "x"."""
    def literal(node: ast.expr | None) -> str | None:
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            node = node.left
        if isinstance(node, ast.Constant):
            return None if node.value is None else str(node.value)
        return "x"

    sites: list[tuple[str, str]] = []
    for module in ("scanner", "parser"):
        tree = ast.parse(Path(yaml.__file__).with_name(f"{module}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and isinstance(node.exc.func, ast.Name)
                    and node.exc.func.id in {"ScannerError", "ParserError"}):
                args = node.exc.args
                context, problem = literal(args[0]) or "", literal(args[2]) or ""
                sites.append((context, problem.replace("%r", "'x'").replace("%d", "2")))
    return sites


def test_every_message_pyyaml_can_raise_has_a_swedish_entry() -> None:
    sites = _raise_sites()
    assert len(sites) >= 40, "PyYAML's raise sites were not found: has its source moved?"
    contexts = ("anchor", "alias", "tag", "directive", "block", "flow")
    missing = [(c, p) for c, p in sites
               if not any(yamlmessages.entry(c.replace("%s", name), p) for name in contexts)]
    assert missing == []


# One hostile input for each kind of message PyYAML's parser gives.
_HOSTILE_YAML = [
    "a: @x\n", "a: `x`\n", "a: [b\nc: d\n", "{a b\n", "a: b\n- c\n", "a: - b\n", "a: ? b\n", "a: b: c\n",
    "a: 1\nb\nc: 2\n", "%\n---\na: b\n", "%YAML x\n---\na\n", "%YAML 1x\n---\na\n", "%YAML 1.1x\n---\na\n",
    "%YAML 1.1 x\n---\na\n", "%TAG x\n---\na\n", "%YAML 1.1\na: b\n", "%YAML 2.0\n---\na\n",
    "%YAML 1.1\n%YAML 1.1\n---\na\n", "%TAG !x! a\n%TAG !x! b\n---\na\n", "a: & b\n", "a: *\n",
    "a: !<x b\n", "a: !<x>y b\n", "a: !<> b\n", "a: !<%4> b\n", "a: !<%ff> b\n", "a: !x!y b\n", "a: |0\n  x\n",
    "a: |x\n  x\n", "a: | x\n  x\n", 'a: "\\x4"\n', 'a: "\\q"\n', 'a: "abc\n', 'a: "abc\n---\n"\n', "a: [}\n",
    "- ]\n", "a:\n  b: 1\n c: 2\n", "a:\n - b\n c: d\n", "[a, b}\n", "{a: b]\n", "{a: b c: d e}\n",
    "a: " + "[" * 100_000 + "\n", "a: " + "{" * 100_000 + "\n", "- " * 10_000 + "x\n", "a: \x07\n", "a:\n\tb: 1\n",
    "---\na: 1\n---\nb: 2\n", "a: &x 1\nb: *x\n", "<<: {a: 1}\n", "a: !!python/object:os.system x\n", "? [a]\n: b\n",
    "a: b\n...\nc: d\n", "a: 'x\n\n",
]


@pytest.mark.parametrize("text", _HOSTILE_YAML, ids=lambda t: repr(t[:24]))
def test_every_parser_fault_is_told_in_swedish_with_a_specific_reason(text: str) -> None:
    doc, problems = read_yaml(text.encode(), "x.yaml")
    assert problems, text
    assert _english_problems(problems) == []
    for p in problems:
        assert yamlmessages.UNKNOWN not in p.message, f"no specific Swedish message for {text!r}"


def test_the_whole_bad_input_catalogue_speaks_swedish(tmp_path: Path) -> None:
    english: list[str] = []
    for n, case in enumerate(c for c in CASES if not c.get("valid") and c["id"] not in READ_TO_THE_LIMIT):
        english += [f"[{case['id']}] {line}" for line in _english_problems(problems_of(make_case(tmp_path / str(n), case)))]
    assert english == [], "\n".join(english)


def test_an_escape_past_the_last_unicode_character_is_a_swedish_problem_not_a_crash() -> None:
    """PyYAML's pure scanner raises a bare ValueError on "\\U00110000"; staff get the line and a
    Swedish sentence instead of an internal error."""
    doc, problems = read_yaml('namn: Fjällvården\nbeskrivning: "Tecken \\U00110000"\n'.encode(), "utforare/x.yaml")
    assert doc is None
    assert [(p.code, p.file, p.line) for p in problems] == [("yaml-syntax", "utforare/x.yaml", 2)]
    assert "teckenkod" in problems[0].message
