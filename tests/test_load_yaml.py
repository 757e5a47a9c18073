"""The YAML reader keeps what staff wrote, where they wrote it, and refuses what it cannot
read safely — tested on the reader itself, below the catalogue of whole-dataset cases. It is
the same reader on every machine, and whatever goes wrong is said in Swedish."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from generator.load import yamlfile, yamlmessages
from generator.load.limits import MAX_DEPTH
from generator.load.yamlfile import read_yaml
from generator.problems import Problem
from tests.test_validate_catalogue import CASES, make_case, problems_of


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


# --- the same loader everywhere, and every parser message in Swedish -------------------------
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


def test_the_loader_is_pure_python_on_every_machine() -> None:
    """libyaml's presence depends on how PyYAML was installed; the pure parser is always there,
    so messages, codes and limits are the same everywhere."""
    assert yamlfile._LOADER is yaml.SafeLoader
    assert not any(cls.__module__.startswith("yaml._yaml") for cls in yamlfile._LOADER.__mro__)


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
    for n, case in enumerate(c for c in CASES if not c.get("valid")):
        english += [f"[{case['id']}] {line}" for line in _english_problems(problems_of(make_case(tmp_path / str(n), case)))]
    assert english == [], "\n".join(english)
