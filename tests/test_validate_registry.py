"""Every problem code has one registry entry, a row in the README and a bad-input case.

A staff member who searches for the code in a report finds it explained; a new rule cannot
ship a code that no test trips.
"""

from __future__ import annotations

import ast

import pytest

from generator.problems import Problem
from generator.problems.codes import CODES, markdown_table
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
