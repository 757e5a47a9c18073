"""The promises around the code: README's two commands, CI running the second, and the
publishing workflow testing before it builds and building before it publishes, and every install
coming from the hash-locked files in requirements/."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def snabbstart() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Snabbstart\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```[a-z]*\n(.*?)```", section, re.S)
    assert block, "Snabbstart has no code block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip() and not line.strip().startswith("#")]


def test_snabbstart_is_exactly_two_commands() -> None:
    assert snabbstart() == ["make site", "make test"]



def test_snabbstart_shows_the_site_through_a_web_server(example_site: Path) -> None:
    """The pages link to folders (`jamfor/halsoval/`), and a browser shows a folder on the disk
    as a list of files: opened as site/index.html, the example site's first link led there."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = " ".join(readme.split("\n## Snabbstart\n", 1)[1].split("\n## ", 1)[0].split())
    assert 'href="jamfor/halsoval/"' in (example_site / "index.html").read_text(encoding="utf-8")
    assert "Öppna `site/index.html`" not in section
    assert "`make serve` på http://127.0.0.1:8000" in section



@pytest.mark.parametrize("written", [
    "site/index.html", ".site.las", ".site.insyn-cache/.insyn", ".site.bygge-x/.insyn-bygge",
    "forhandsgranskning-halsocentralen-lit/halsocentralen-lit.html", ".forhandsgranskning-halsocentralen-lit.las",
    "rapporter/regionstyrelsen-2026-t1.pdf"])
def test_what_the_commands_write_in_the_project_is_not_committed_by_mistake(written: str) -> None:
    """make site, insyn forhandsgranska and insyn rapport write beside data/ by default: the
    preview and the reports (and the preview's lock file, which stays) stood among the changes
    to commit, e.g. in GitHub Desktop."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    result = subprocess.run(["git", "check-ignore", "--no-index", "-q", written], cwd=ROOT)
    assert result.returncode == 0, f"{written} is not in .gitignore"


def test_ci_runs_the_second_command_and_stops_on_failure() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in run
    assert run.strip().splitlines()[-1] == snabbstart()[1]


def test_workflow_tests_then_builds_then_publishes_from_main_only() -> None:
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    jobs = flow["jobs"]
    assert any(step.get("run") == snabbstart()[1] for step in jobs["test"]["steps"]), "tests as README says"
    assert "bookworm" in jobs["test"]["container"], "Debian, for Debian's chromium"
    assert "test" in jobs["build"]["needs"]
    assert "insyn build --data data --out site" in " ".join(s.get("run", "") for s in jobs["build"]["steps"])
    assert jobs["publish"]["needs"] == "build"
    assert "refs/heads/main" in jobs["publish"]["if"] and "pull_request" in jobs["publish"]["if"]


# --- reproducible installs: everything comes from the hash-locked files in requirements/ ---
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def _locked(name: str) -> dict[str, tuple[str, int]]:
    """Package → (version, number of hashes) in one lock file; every entry pinned and hashed."""
    text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
    pins: dict[str, tuple[str, int]] = {}
    for entry in re.split(r"\n(?=\S)", text):
        if not entry.strip() or entry.startswith("#"):
            continue
        match = _PIN.match(entry)
        assert match, f"{name}: a requirement that is not pinned with ==: {entry.splitlines()[0]}"
        hashes = entry.count("--hash=sha256:")
        assert hashes, f"{name}: {match.group(1)} has no hash"
        pins[canonicalize_name(match.group(1))] = (match.group(2), hashes)
    return pins


def _declared(extra: str | None) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])
    return [Requirement(n) for n in names]


@pytest.mark.parametrize(("lock", "extra"), [("runtime.txt", None), ("test.txt", "test")])
def test_the_lock_pins_every_dependency_within_its_bounds(lock: str, extra: str | None) -> None:
    pins = _locked(lock)
    for req in _declared(extra):
        name = canonicalize_name(req.name)
        assert name in pins, f"{req} is in pyproject.toml but not in requirements/{lock}: run make lock"
        version = pins[name][0]
        assert req.specifier.contains(version, prereleases=True), (
            f"requirements/{lock} has {name}=={version}, outside {req}: run make lock")


def test_the_test_lock_holds_the_runtime_lock() -> None:
    runtime, test = _locked("runtime.txt"), _locked("test.txt")
    assert {n: v for n, (v, _) in runtime.items()} == {n: test[n][0] for n in runtime if n in test}
    assert set(runtime) <= set(test)


def test_pip_and_the_build_backend_are_locked_too() -> None:
    assert {"pip", "setuptools"} <= set(_locked("bootstrap.txt"))
    assert "uv" in _locked("uv.txt")


def _dry_run(*targets: str) -> list[str]:
    """The commands make would run on a fresh machine (a venv that does not exist yet)."""
    out = subprocess.run(["make", "-n", "-B", "VENV=/nonexistent/venv", *targets], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


@pytest.mark.parametrize(("target", "locks"), [
    ("site", ["bootstrap.txt", "runtime.txt"]),
    ("/nonexistent/venv/.test-deps", ["bootstrap.txt", "runtime.txt", "test.txt"]),
])
def test_both_snabbstart_commands_install_only_from_the_lock(target: str, locks: list[str]) -> None:
    commands = _dry_run(target)
    installs = [c for c in commands if "pip install" in c]
    assert installs, commands
    for command in installs:
        locked = "--require-hashes" in command and re.search(r"-r requirements/\S+\.txt", command)
        own_code = "--no-deps" in command and command.endswith("-e .")
        assert locked or own_code, f"installs something not from the lock: {command}"
    used = [m for c in installs for m in re.findall(r"-r requirements/(\S+\.txt)", c)]
    assert used == locks
    assert any("pip check" in c for c in commands), "a stale lock must stop the install, not surface later"


def test_make_lock_regenerates_every_lock_file_with_hashes() -> None:
    commands = [c for c in _dry_run("lock") if "uv pip compile" in c]
    outputs = sorted(m.group(1) for c in commands if (m := re.search(r"-o requirements/(\S+)", c)))
    assert outputs == sorted(p.name for p in (ROOT / "requirements").glob("*.txt"))
    assert all("--generate-hashes" in c and "--python-version 3.11" in c for c in commands)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`make lock`" in readme


def test_installing_the_test_tools_never_empties_a_linked_node_modules(tmp_path: Path) -> None:
    """npm ci empties node_modules first; through a link that is someone else's folder."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "install-test-tools.sh", tmp_path / "scripts")
    shared = tmp_path / "shared-node_modules"
    shared.mkdir()
    (shared / "kvar.txt").write_text("rör inte\n", encoding="utf-8")
    (tmp_path / "node_modules").symlink_to(shared, target_is_directory=True)
    result = subprocess.run(["bash", "scripts/install-test-tools.sh"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1 and "node_modules är en länk" in result.stderr
    assert [p.name for p in shared.iterdir()] == ["kvar.txt"]
