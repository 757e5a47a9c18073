"""Shared fixtures: datasets to copy and break, built sites, and the real validators.

Sites are built once per run, by whichever xdist worker asks first, through the real
pipeline (real MkDocs, real Frictionless) with a fixed SOURCE_DATE_EPOCH (set in
tests/support/build.py) so results do not depend on the day. Helpers live in tests/support/;
nothing imports this module.
"""

from __future__ import annotations

import fcntl
import importlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import made_once
from tests.support.build import CHROMIUM, EXAMPLE, MINIMAL, build_site, render_pages

# Markers follow from the fixtures a test uses (directly or through another fixture).
_MARKED_BY_FIXTURE = {"browser": ("browser",), "slow": ("minimal_site", "example_site")}


def pytest_configure() -> None:
    """Every build forks its writers, its layouts and its package check from the test process.
    Imported here once, the libraries they use are inherited by each fork instead of imported
    again in each: about 1.3 s of CPU per build of the minimal dataset, which a run builds some
    two hundred times. (The command line imports each where it is used: see test_cli.)"""
    for library in ("docx", "frictionless", "jsonschema", "pptx", "rdflib"):
        importlib.import_module(library)


@pytest.fixture(scope="session", autouse=True)
def _made_once_in_the_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every layout, Word and PowerPoint file and package check made once in the run
    (tests/support/made_once.py), here and by the command line the tests start, in a folder
    both xdist workers share: the run's temporary folder, which pytest removes with the others."""
    folder = _run_folder(tmp_path_factory) / "made-once"
    folder.mkdir(exist_ok=True)
    made_once.install(folder)
    yield
    made_once.uninstall()


@pytest.fixture(autouse=True)
def _made_each_time(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that watches the making sees every output made (tests/support/made_once.py)."""
    if request.node.get_closest_marker("made_each_time"):
        made_once.each_time(monkeypatch)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for marker, fixtures in _MARKED_BY_FIXTURE.items():
            if used.intersection(fixtures):
                item.add_marker(marker)


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """A fresh copy of the minimal valid dataset, to break one thing in."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


def _run_folder(factory: pytest.TempPathFactory) -> Path:
    """The run's temporary folder, which both xdist workers' folders are in."""
    base = factory.getbasetemp()
    return base.parent if base.name.startswith("popen-gw") else base


def _built_once(factory: pytest.TempPathFactory, name: str, data: Path) -> Path:
    """`data` built by the first worker that asks; the other waits for it and reads the same
    site (the tests only read it). A build that failed is tried again by the next one."""
    folder = _run_folder(factory) / name
    with (_run_folder(factory) / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "byggd").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            build_site(data, folder / "site")
            (folder / "byggd").touch()
    return folder / "site"


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example dataset in data/, built once."""
    return _built_once(tmp_path_factory, "example", EXAMPLE)


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture dataset, built once (golden files are taken from it)."""
    return _built_once(tmp_path_factory, "minimal", MINIMAL)


@pytest.fixture(scope="session")
def minimal_pages() -> dict[str, str]:
    """The small fixture dataset's page sources from pages.render_all: golden files are checked here."""
    return render_pages(MINIMAL)


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
