"""scripts/audit.py (run by `make test`) turns pip-audit's report into a verdict: a known
vulnerability fails the run; a report where nothing could be checked warns instead of
claiming all is well. pip-audit itself is replaced by a stand-in printing a fixed report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "audit.py"
SKIPPED = {"name": "attrs", "skip_reason": "Dependency not found on PyPI and could not be audited: attrs (26.1.0)"}
CLEAN = {"name": "click", "version": "8.1.8", "vulns": []}
VULNERABLE = {"name": "mkdocs-material", "version": "9.7.6",
              "vulns": [{"id": "GHSA-xvg9-69gf-fjrf", "fix_versions": ["9.7.7"], "aliases": [], "description": ""}]}


def audit(tmp_path: Path, *deps: dict) -> subprocess.CompletedProcess[str]:
    stand_in = tmp_path / "pip-audit"
    stand_in.write_text(f"#!{sys.executable}\nprint({json.dumps(json.dumps({'dependencies': list(deps), 'fixes': []}))})\n",
                        encoding="utf-8")
    stand_in.chmod(0o755)
    return subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True,
                          env={**os.environ, "INSYN_PIP_AUDIT": str(stand_in)})


def test_a_known_vulnerability_fails_and_names_the_fix(tmp_path: Path) -> None:
    result = audit(tmp_path, CLEAN, VULNERABLE)
    assert result.returncode == 1
    assert "SÅRBAR: mkdocs-material 9.7.6: GHSA-xvg9-69gf-fjrf (rättat i 9.7.7)" in result.stderr


@pytest.mark.parametrize("deps", [[SKIPPED], [SKIPPED, SKIPPED]])
def test_nothing_checked_is_a_warning_not_a_clean_bill(tmp_path: Path, deps: list[dict]) -> None:
    result = audit(tmp_path, *deps)
    assert result.returncode == 0
    assert "inget av" in result.stderr and "granskades" in result.stderr
    assert "inga kända sårbarheter" not in result.stdout


def test_clean_report_says_how_many_were_checked(tmp_path: Path) -> None:
    result = audit(tmp_path, CLEAN, SKIPPED)
    assert result.returncode == 0
    assert result.stdout.strip() == "pip-audit: 1 av 2 paket granskade, inga kända sårbarheter."
