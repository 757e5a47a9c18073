"""Every problem code has one registry entry, a row in the README and a bad-input case.

A staff member who searches for the code in a report finds it explained; a new rule cannot
ship a code that no test trips.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from generator.problems import Problem
from generator.problems.codes import CODES, markdown_table
from tests.support.build import ROOT
from tests.test_validate_catalogue import CASES

# Where a call passes a problem code as a literal, and at which argument position.
_CODE_ARGUMENT = {"Problem": 2, "of": 0, "add": 2, "stop": 1, "problem": 1, "_fail": 0}


def _codes_in_source() -> set[str]:
    """Every code written as a literal where a problem is made, anywhere in generator/."""
    found: set[str] = set()
    for path in (ROOT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                at = _CODE_ARGUMENT.get(name)
                if at is not None and len(node.args) > at:
                    arg = node.args[at]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.islower():
                        found.add(arg.value)
            if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and path.name == "messages.py":
                first = node.value.elts[0] if node.value.elts else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.add(first.value)
    return found


def test_every_code_made_in_the_source_is_registered() -> None:
    found = _codes_in_source()
    assert len(found) > 40  # the walk sees the calls; an empty result would prove nothing
    assert found - set(CODES) == set()


def test_an_unregistered_code_cannot_be_raised() -> None:
    with pytest.raises(ValueError, match="finns inte"):
        Problem("region.yaml", 1, "no-such-code", "", "Meddelande.", "Tips.")


def test_every_registered_code_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert markdown_table() in readme, "kör: python -c 'from generator.problems.codes import markdown_table; print(markdown_table())'"
    for code in CODES:
        assert f"| `{code}` |" in readme


def test_every_registered_code_is_tripped_by_the_bad_input_catalogue() -> None:
    exercised = {c["expect"]["code"] for c in CASES if not c.get("valid")}
    assert set(CODES) - exercised == set()


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_entry_renders_in_swedish_from_its_fields(code: str) -> None:
    kod = CODES[code]
    params = {name: f"<{name}>" for name in kod.fields}
    message, hint = kod.render(params)
    assert kod.title and message and hint.strip()
    for name in kod.fields:
        assert f"<{name}>" in message + hint
    problem = Problem.of(code, "x.yaml", 1, "falt", **params)
    assert (problem.code, problem.message) == (code, message)


@pytest.mark.parametrize(("code", "variant"), sorted((k.code, v.name) for k in CODES.values() for v in k.variants))
def test_every_variant_renders_in_swedish_from_its_fields(code: str, variant: str) -> None:
    kod = CODES[code]
    params = {name: f"<{name}>" for name in kod.fields_of(variant)}
    message, hint = kod.render(params, variant)
    assert message and hint.strip() and (message, hint) != kod.wording()
    for name in kod.fields_of(variant):
        assert f"<{name}>" in message + hint
    assert Problem.of(code, "x.yaml", 1, variant=variant, **params).message == message


def test_a_variant_the_registry_does_not_have_cannot_be_raised() -> None:
    with pytest.raises(ValueError, match="ingen variant"):
        Problem.of("yaml-alias", "x.yaml", 1, variant="no-such-variant")


def _loader_calls() -> list[tuple[str, ast.Call]]:
    return [(path.name, node) for path in sorted((ROOT / "generator" / "load").glob("*.py"))
            for node in ast.walk(ast.parse(path.read_text("utf-8"))) if isinstance(node, ast.Call)]


def _codes_made_in(paths: list[Path]) -> set[str]:
    """The codes written as a string literal anywhere in `paths`."""
    text = "\n".join(path.read_text("utf-8") for path in paths)
    return {code for code in CODES if f'"{code}"' in text}


def test_the_loader_takes_every_word_from_the_registry() -> None:
    """The loader names a code, a variant and data fields; the registry owns the Swedish text.
    No Problem is built from prose, no {vad}/{tips} carries a sentence in."""
    built = [name for name, call in _loader_calls() if getattr(call.func, "id", "") == "Problem"]
    prose = [(name, kw.arg) for name, call in _loader_calls() for kw in call.keywords if kw.arg in ("vad", "tips")]
    assert (built, prose) == ([], [])
    load = sorted((ROOT / "generator" / "load").glob("*.py"))
    others = [p for p in (ROOT / "generator").rglob("*.py") if p not in load and p.name != "codes.py"]
    only_loader = _codes_made_in(load) - _codes_made_in(others)
    assert len(only_loader) > 15
    assert [(code, variant) for code, variant in _opaque_wordings() if code in only_loader] == []


def _calls_in(folder: str) -> list[tuple[str, ast.Call]]:
    return [(path.name, node) for path in sorted((ROOT / "generator" / folder).glob("*.py"))
            for node in ast.walk(ast.parse(path.read_text("utf-8"))) if isinstance(node, ast.Call)]


def _prose_keys(folder: str) -> list[tuple[str, int]]:
    """`"vad"`/`"tips"` written as keys of a dict of template parameters (messages.py returns them)."""
    return [(path.name, node.lineno) for path in sorted((ROOT / "generator" / folder).glob("*.py"))
            for node in ast.walk(ast.parse(path.read_text("utf-8"))) if isinstance(node, ast.Dict)
            for key in node.keys if isinstance(key, ast.Constant) and key.value in ("vad", "tips")]


def _opaque_wordings() -> list[tuple[str, str]]:
    """Every (code, variant) whose templates take a sentence from the caller ({vad} or {tips})."""
    return sorted((kod.code, variant) for kod in CODES.values() for variant in ("", *(v.name for v in kod.variants))
                  if {"vad", "tips"} & set(kod.fields_of(variant)))


def test_the_validator_takes_every_word_from_the_registry() -> None:
    """The validator and the value types name a code, a variant and data fields, as the loader
    does: no Problem is built from prose, no vad/tips carries a sentence in, and no registry
    wording is left that takes one."""
    calls = _calls_in("validate") + _calls_in("models")
    built = [name for name, call in calls if getattr(call.func, "id", "") == "Problem"]
    prose = [(name, kw.arg) for name, call in calls for kw in call.keywords if kw.arg in ("vad", "tips")]
    assert (built, prose) == ([], [])
    assert _prose_keys("validate") + _prose_keys("models") == []
    made = _codes_made_in(sorted((ROOT / "generator" / "validate").glob("*.py")))
    assert len(made) > 20
    assert _opaque_wordings() == []


def _value_type_faults() -> list[tuple[int, str, str, set[str]]]:
    """Every `_fail(code, variant, **values)` in models/valuetypes.py as (line, code, variant, value
    names). A variant handed on through a parameter is followed to the literals its callers pass."""
    tree = ast.parse((ROOT / "generator" / "models" / "valuetypes.py").read_text("utf-8"))
    functions = {f.name: f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)}
    found = []
    for function in functions.values():
        for call in ast.walk(function):
            if not (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "_fail"):
                continue
            assert call.args and isinstance(call.args[0], ast.Constant), f"rad {call.lineno}: koden ska stå som text"
            assert len(call.args) <= 2 and all(kw.arg for kw in call.keywords), f"rad {call.lineno}"
            values = {kw.arg for kw in call.keywords if kw.arg}
            variant = call.args[1] if len(call.args) == 2 else ast.Constant("")
            if isinstance(variant, ast.Name):  # a parameter of the function it is in
                at = [a.arg for a in function.args.args].index(variant.id)
                passed = [c.args[at] for c in ast.walk(tree) if isinstance(c, ast.Call)
                          and getattr(c.func, "id", "") == function.name]
                assert passed and all(isinstance(a, ast.Constant) for a in passed), f"rad {call.lineno}"
                found += [(call.lineno, call.args[0].value, a.value, values) for a in passed if isinstance(a, ast.Constant)]
            else:
                assert isinstance(variant, ast.Constant), f"rad {call.lineno}: varianten ska stå som text"
                found.append((call.lineno, call.args[0].value, variant.value, values))
    return found


def test_every_value_type_fault_is_a_registry_wording_with_its_values() -> None:
    """A value type raises a registered code and variant and hands over exactly the values its
    templates take (the field's name, `falt`, is added by the validator)."""
    faults = _value_type_faults()
    assert len(faults) > 25  # the walk sees the raises; an empty result would prove nothing
    wrong = [(line, code, variant, values) for line, code, variant, values in faults
             if code not in CODES or variant not in ("", *(v.name for v in CODES[code].variants))
             or values != set(CODES[code].fields_of(variant)) - {"falt"}]
    assert wrong == []
