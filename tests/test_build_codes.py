"""Build failures carry stable codes: every code raised is in the registry, every entry is raised."""

from __future__ import annotations

import re

import pytest

from generator.problems import BuildError
from generator.problems.build_codes import BUILD_CODES
from tests.support.build import ROOT

_RAISED = re.compile(r'BuildError\(\s*"([^"]+)"')


def _codes_in_source() -> set[str]:
    return {code for path in (ROOT / "generator").rglob("*.py")
            for code in _RAISED.findall(path.read_text(encoding="utf-8"))}


def test_every_code_the_generator_raises_is_registered_and_every_registered_code_is_raised():
    assert _codes_in_source() == set(BUILD_CODES)


def test_a_code_outside_the_registry_is_a_bug_in_insyn_not_a_message():
    with pytest.raises(KeyError):
        BuildError("inget-sadant-fel", "text")


def test_the_swedish_stage_label_comes_from_the_code():
    error = BuildError("page-name-clash", "Den handskrivna sidan content/index.md har samma namn som en genererad sida.")
    assert (error.code, error.stage) == ("page-name-clash", "sidor")
