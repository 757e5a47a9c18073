"""The promises around the code: README's two commands, CI running the second, and the
publishing workflow testing before it builds and building before it publishes."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def snabbstart() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Snabbstart\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```[a-z]*\n(.*?)```", section, re.S)
    assert block, "Snabbstart has no code block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip() and not line.strip().startswith("#")]


def test_snabbstart_is_exactly_two_commands() -> None:
    assert snabbstart() == ["make site", "make test"]


def test_ci_runs_the_second_command_and_stops_on_failure() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in run
    assert run.strip().splitlines()[-1] == snabbstart()[1]


def test_workflow_tests_then_builds_then_publishes_from_main_only() -> None:
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    jobs = flow["jobs"]
    assert any(step.get("run") == snabbstart()[1] for step in jobs["test"]["steps"]), "tests as README says"
    assert "bookworm" in jobs["test"]["container"], "Debian, for Debian's chromium"
    assert jobs["build"]["needs"] == "test"
    assert "insyn build --data data --out site" in " ".join(s.get("run", "") for s in jobs["build"]["steps"])
    assert jobs["publish"]["needs"] == "build"
    assert "refs/heads/main" in jobs["publish"]["if"] and "pull_request" in jobs["publish"]["if"]
