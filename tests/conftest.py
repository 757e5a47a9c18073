"""Shared fixtures: datasets to copy and break, built sites, and the real validators.

Sites are built once per session through the real pipeline (real MkDocs, real
Frictionless) with a fixed SOURCE_DATE_EPOCH so results do not depend on the day.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import pipeline
from generator.settings import BuildSettings, reference_day

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal"
EXAMPLE = ROOT / "data"
CONTENT = ROOT / "content"
# 2026-11-23: the day the example data's late measures are judged against.
FIXED_EPOCH = "1795392000"
os.environ.setdefault("SOURCE_DATE_EPOCH", FIXED_EPOCH)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def build_site(data: Path, out: Path, content: Path = CONTENT, site_url: str | None = None) -> Path:
    """Build `data` into `out` in-process, exactly as `insyn build` does."""
    settings = BuildSettings(data_dir=data, out_dir=out, content_dir=content, site_url=site_url,
                             idag=reference_day(), show_progress=False)
    pipeline.build(settings)
    return out


def run_insyn(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command line, as staff run it."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """A fresh copy of the minimal valid dataset, to break one thing in."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example dataset in data/, built once."""
    return build_site(EXAMPLE, tmp_path_factory.mktemp("example") / "site")


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture dataset, built once (golden files are taken from it)."""
    return build_site(MINIMAL, tmp_path_factory.mktemp("minimal") / "site")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright; no downloaded browser."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium saknas: kör scripts/install-test-tools.sh")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()
