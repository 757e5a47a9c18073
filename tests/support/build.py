"""Paths of the fixtures and the real validators, and the two ways the tests build: in-process
through the real pipeline, and through the real command line."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from generator import pipeline
from generator.settings import BuildSettings, reference_day
from generator.site import incremental, search

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "minimal"
EXAMPLE = ROOT / "data"
CONTENT = ROOT / "content"
# 2026-11-23: the day the example data's late measures are judged against.
FIXED_EPOCH = "1795392000"
os.environ.setdefault("SOURCE_DATE_EPOCH", FIXED_EPOCH)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The command line as the tests start it: `insyn` itself, with the outputs a run makes many
# times made once (tests/support/insyn.py). Found from the project's folder (cwd=ROOT).
INSYN = [sys.executable, "-m", "tests.support.insyn"]


def as_from_a_terminal() -> None:
    """For Popen's preexec_fn: the command takes Ctrl+C and a closed terminal as it does when
    staff run it, not ignored as a background job (`make test &`) or `nohup` hands them on."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def build_site(data: Path, out: Path, content: Path = CONTENT, site_url: str | None = None) -> Path:
    """Build `data` into `out` in-process, exactly as `insyn build` does."""
    settings = BuildSettings(data_dir=data, out_dir=out, content_dir=content, site_url=site_url,
                             idag=reference_day(), show_progress=False)
    pipeline.build(settings)
    return out


def handwritten_pages(content: Path = CONTENT) -> set[str]:
    """The built pages (site-relative HTML) of `content`'s Markdown and the search page: those a
    build renders again once its writers are done."""
    return {incremental.html_path(md) for md in [search.PAGE, *(md.relative_to(content).as_posix()
                                                               for md in content.rglob("*.md"))]}


def render_pages(data: Path) -> dict[str, str]:
    """Every page source of `data`, as the build renders them before the engine runs (milliseconds)."""
    catalog, register = pipeline.compare(pipeline.check(data, reference_day()), None, reference_day())
    return pipeline.page_sources(catalog, catalog.publicering.webbadress, register)


def run_insyn(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command line, as staff run it."""
    # `tests` found from any folder `cwd` names.
    full_env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
                **(env or {})}
    return subprocess.run([*INSYN, *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=600)


def page_memo_written_by(out: Path, sql: str) -> None:
    """Change what the page memo beside `out` says of the version of Insyn that wrote it (as
    after an upgrade: "UPDATE skrivet_av SET kod = 'en äldre version'")."""
    memo = incremental._last_page_memo(out)
    assert memo is not None and memo.is_file()
    with closing(sqlite3.connect(memo)) as db, db:
        db.execute(sql)
