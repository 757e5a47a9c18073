"""Build failures carry stable codes: every code raised is in the registry, every entry is
raised somewhere and explained in the README's table."""

from __future__ import annotations

import ast
import errno

import pytest

from generator.problems import BuildError, oserror
from generator.problems.build_codes import BUILD_CODES, markdown_table
from tests.support.build import ROOT

_SOURCES = [p for p in (ROOT / "generator").rglob("*.py") if p.name != "build_codes.py"]


def _trees() -> list[ast.AST]:
    return [ast.parse(path.read_text(encoding="utf-8")) for path in _SOURCES]


def _literal_codes_raised() -> set[str]:
    """The first argument of every BuildError(...) call that writes its code out."""
    return {node.args[0].value for tree in _trees() for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "BuildError" and node.args
            and isinstance(node.args[0], ast.Constant)}


def _string_constants() -> set[str]:
    return {node.value for tree in _trees() for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_every_code_the_generator_raises_is_registered() -> None:
    raised = _literal_codes_raised()
    assert len(raised) > 10  # the walk sees the calls; an empty result would prove nothing
    assert raised - set(BUILD_CODES) == set()


def test_every_registered_code_is_used_by_the_generator() -> None:
    assert set(BUILD_CODES) - _string_constants() == set()


def test_every_build_code_is_explained_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "kör: python -c 'from generator.problems.build_codes import markdown_table; print(markdown_table())'"


def test_a_code_outside_the_registry_is_a_bug_in_insyn_not_a_message() -> None:
    with pytest.raises(KeyError):
        BuildError("inget-sadant-fel", "text")


def test_the_swedish_stage_label_comes_from_the_code() -> None:
    error = BuildError("page-name-clash", "Den handskrivna sidan content/index.md har samma namn som en genererad sida.")
    assert (error.code, error.stage) == ("page-name-clash", "sidor")


def test_a_file_system_error_without_a_code_says_what_the_system_said() -> None:
    """Python raises some OSErrors with no errno (a socket's path too long for the system): the
    build said only "okänt fel i filsystemet", which no one could look up."""
    error = oserror.as_build_error(OSError("AF_UNIX path too long"))
    assert error.code == "filesystem-failed"
    assert "okänt fel i filsystemet (AF_UNIX path too long)" in error.message
    assert oserror.reason(OSError(None, "AF_UNIX path too long")) == "okänt fel i filsystemet (AF_UNIX path too long)"
    assert oserror.reason(OSError()) == "okänt fel i filsystemet"
    assert oserror.reason(OSError(errno.EACCES, "Permission denied")) == "behörighet saknas"
