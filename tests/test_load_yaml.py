"""The YAML reader keeps what staff wrote, where they wrote it, and refuses what it cannot
read safely — tested on the reader itself, below the catalogue of whole-dataset cases."""

from __future__ import annotations

from generator.load.yamlfile import read_yaml


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
