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
from generator.validate.messages import _CUSTOM_CODES
from tests.support.build import ROOT
from tests.test_validate_catalogue import CASES

# Where a call passes a problem code as a literal, and at which argument position.
_CODE_ARGUMENT = {"Problem": 2, "of": 0, "add": 2, "stop": 1, "problem": 1}


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
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "_CUSTOM_CODES" for t in node.targets):
                assert isinstance(node.value, ast.Dict)
                found |= {v.value for v in node.value.values if isinstance(v, ast.Constant)}
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
    opaque = sorted(code for code in only_loader for variant in ("", *(v.name for v in CODES[code].variants))
                    if {"vad", "tips"} & set(CODES[code].fields_of(variant)))
    assert opaque == []


def _calls_in(folder: str) -> list[tuple[str, ast.Call]]:
    return [(path.name, node) for path in sorted((ROOT / "generator" / folder).glob("*.py"))
            for node in ast.walk(ast.parse(path.read_text("utf-8"))) if isinstance(node, ast.Call)]


def _prose_keys(folder: str) -> list[tuple[str, int]]:
    """`"vad"`/`"tips"` written as keys of a dict of template parameters (messages.py returns them)."""
    return [(path.name, node.lineno) for path in sorted((ROOT / "generator" / folder).glob("*.py"))
            for node in ast.walk(ast.parse(path.read_text("utf-8"))) if isinstance(node, ast.Dict)
            for key in node.keys if isinstance(key, ast.Constant) and key.value in ("vad", "tips")]


# The value types (models/valuetypes.py) word their own rule; it reaches these codes' hint as {tips}.
_VALUE_TYPE_BRIDGE = ("messages.py", 1)


def test_the_validator_takes_every_word_from_the_registry() -> None:
    """The validator names a code, a variant and data fields, as the loader does: no Problem is
    built from prose, no vad/tips carries a sentence in (but for the value types' own rule)."""
    built = [name for name, call in _calls_in("validate") if getattr(call.func, "id", "") == "Problem"]
    prose = [(name, kw.arg) for name, call in _calls_in("validate") for kw in call.keywords if kw.arg in ("vad", "tips")]
    assert (built, prose) == ([], [])
    keys = _prose_keys("validate")
    assert [name for name, _ in keys] == [_VALUE_TYPE_BRIDGE[0]] * _VALUE_TYPE_BRIDGE[1]
    validate = sorted((ROOT / "generator" / "validate").glob("*.py"))
    bridged = set(_CUSTOM_CODES.values())
    made = _codes_made_in(validate)
    assert len(made - bridged) > 20
    # Only a bridged code's main wording takes {tips}; its other cases, and every other code, have their own words.
    opaque = sorted((code, variant) for code in made for variant in ("", *(v.name for v in CODES[code].variants))
                    if "vad" in CODES[code].fields_of(variant)
                    or "tips" in CODES[code].fields_of(variant) and (code not in bridged or variant))
    assert opaque == []
