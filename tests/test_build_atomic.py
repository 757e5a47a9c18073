"""A build that fails or is interrupted at any stage leaves the previous site byte-identical.

Each test starts from a real, previously published site, breaks one stage of the next
build for real (MkDocs, the open-data writer, the link check, Ctrl+C, a full disk) and
then compares every byte of the output folder with what was there before.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from generator.problems import BuildError
from tests.support.build import (
    CONTENT,
    INSYN,
    MINIMAL,
    ROOT,
    as_from_a_terminal,
    build_site,
    run_insyn,
)
from tests.support.files import snapshot


def leftovers(parent: Path) -> list[str]:
    """Anything beside the output folder except the output itself, its lock file and the cache
    of the last successful build (tests/test_build_incremental.py shows a failed build leaves it as it was)."""
    return sorted(p.name for p in parent.iterdir() if p.name not in {"site", ".site.las", ".site.insyn-cache"})


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(MINIMAL, tmp_path_factory.mktemp("publicerad") / "site")


@pytest.fixture
def old_site(published: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of a published site, and its fingerprint before the next build."""
    out = tmp_path / "publicera" / "site"
    shutil.copytree(published, out)
    return out, snapshot(out)


def assert_untouched(out: Path, before: dict[str, str]) -> None:
    assert snapshot(out) == before
    assert leftovers(out.parent) == []


def test_forced_error_inside_mkdocs_leaves_old_site(old_site, dataset, monkeypatch):
    out, before = old_site
    import mkdocs.commands.build as mkdocs_build

    real = mkdocs_build._build_page
    calls = []

    def failing(*args, **kwargs):  # fail half-way, after some pages were written
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("tvingat fel i MkDocs")
        return real(*args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", failing)
    with pytest.raises(RuntimeError, match="tvingat fel"):
        build_site(dataset, out)
    assert len(calls) == 3
    assert_untouched(out, before)


def test_failing_open_data_writer_leaves_old_site(old_site, dataset, monkeypatch):
    out, before = old_site
    from generator import opendata

    real = opendata.write

    def failing(catalog, folder, site_url, *register):
        real(catalog, folder, site_url, *register)
        raise BuildError("datapackage-invalid", "Datapaketet klarade inte kontrollen.")

    monkeypatch.setattr(opendata, "write", failing)
    with pytest.raises(BuildError):
        build_site(dataset, out)
    assert_untouched(out, before)


def test_a_writer_killed_outright_leaves_nothing_in_the_systems_temporary_folder(old_site, dataset, tmp_path,
                                                                              monkeypatch):
    """A writer the system kills (SIGKILL, as when memory runs out) unwinds nothing: what it had
    on disk stays where it is. The workbook's rows on disk are in the build's scratch folder,
    which goes with the failed build, not in the system's temporary folder (up to 30 MB a time
    at national size, left there for good before)."""
    out, before = old_site
    system = tmp_path / "systemets-tillfalliga-mapp"
    system.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system))
    from generator.opendata import workbook

    about = workbook._about

    def killed_while_writing(book, catalog):
        about(book, catalog)
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(workbook, "_about", killed_while_writing)
    with pytest.raises(BuildError) as failure:
        build_site(dataset, out)
    assert failure.value.code == "step-killed"
    assert_untouched(out, before)
    # This process's own multiprocessing folder (pymp-*) may be made here too; it goes when the process ends.
    assert [p.name for p in system.iterdir() if not p.name.startswith("pymp-")] == []


def test_broken_link_found_after_mkdocs_leaves_old_site(old_site, dataset, tmp_path):
    out, before = old_site
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    # Raw HTML passes MkDocs' own link check; the check of the built folder catches it.
    (content / "om" / "trasig.md").write_text('# Trasig\n\n<p><a href="../../finns-inte/">Hit</a></p>\n',
                                             encoding="utf-8")
    with pytest.raises(BuildError) as failure:
        build_site(dataset, out, content=content)
    assert failure.value.code == "link-broken"
    assert "om/trasig/index.html" in failure.value.message and "../../finns-inte/" in failure.value.message
    assert_untouched(out, before)


def test_keyboard_interrupt_just_before_the_swap_leaves_old_site(old_site, dataset, monkeypatch):
    out, before = old_site
    from generator.site import search

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(search, "index", interrupted)  # the last step before the swap
    with pytest.raises(KeyboardInterrupt):
        build_site(dataset, out)
    assert_untouched(out, before)


def test_full_disk_leaves_old_site_and_says_so_in_swedish(old_site, dataset, monkeypatch):
    out, before = old_site
    from mkdocs import utils

    real = utils.write_file
    calls = []

    def disk_full(content, path):
        calls.append(path)
        if len(calls) > 5:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
        return real(content, path)

    monkeypatch.setattr(utils, "write_file", disk_full)
    with pytest.raises(BuildError) as failure:
        build_site(dataset, out)
    assert failure.value.code == "disk-full"
    assert_untouched(out, before)


def _stages_done(timings: Path) -> list[str]:
    try:
        return [json.loads(line)["stage"] for line in timings.read_text(encoding="utf-8").splitlines()]
    except (OSError, ValueError):
        return []


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "sigterm", "terminal-closed"])
def test_stopping_a_real_build_half_way_leaves_old_site(old_site, dataset, stop, tmp_path):
    out, before = old_site
    command = [*INSYN, "build", "--data", str(dataset), "--out", str(out)]
    timings = tmp_path / "tider.jsonl"
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "INSYN_TIMINGS": str(timings)}, preexec_fn=as_from_a_terminal)
    deadline = time.monotonic() + 120
    # Wait until the engine has built the pages into the temporary folder, then pause the
    # build (SIGSTOP) so that a busy machine cannot let it run on to publishing before the
    # signal arrives: the stages it has finished show that it is half way.
    while not any(stage.startswith("Bygger webbplatsen") for stage in _stages_done(timings)):
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail("bygget blev klart innan det hann avbrytas")
        time.sleep(0.02)
    process.send_signal(signal.SIGSTOP)
    assert "Publicerar" not in _stages_done(timings) and list(out.parent.glob(".site.bygge-*"))
    process.send_signal(stop)
    process.send_signal(signal.SIGCONT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode in (1, 130), stderr  # click turns Ctrl+C into Abort (1)
    assert "Avbrutet. Förra webbplatsen är orörd." in stderr
    assert_untouched(out, before)


# `insyn build` stopped just after its swap, while it keeps what the next build starts from: by
# a signal sent to itself, or by a full disk.
_STOPPED_AFTER_THE_SWAP = """
import errno, os, signal, sys
from generator.site import incremental
keep, stop = incremental.keep, sys.argv[1]
def kept_then_stopped(*args, **kwargs):
    keep(*args, **kwargs)
    if stop == "disk-full":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "cache")
    os.kill(os.getpid(), getattr(signal, stop))
incremental.keep = kept_then_stopped
from generator import cli
sys.argv = ["insyn", *sys.argv[2:]]
cli.run()
"""


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM", "disk-full"])
def test_a_build_stopped_after_publishing_says_the_new_site_is_published(old_site, dataset, stop):
    """The new site is in place once the swap is made: a stop after it must not say that the
    previous site is untouched (it said so, and a CI job took the published update for failed)."""
    out, before = old_site
    provider = dataset / "utforare/fjallvarden.yaml"
    provider.write_text(provider.read_text(encoding="utf-8").replace("Fjällvårdens Hälsocentral", "Fjällvårdens Nya Hälsocentral"),
                        encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _STOPPED_AFTER_THE_SWAP, stop, "build", "--data", str(dataset),
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          preexec_fn=as_from_a_terminal)
    assert done.returncode in (1, 130), done.stderr
    assert not [said for said in ("orörd", "Inget har publicerats", "ligger kvar") if said in done.stderr], done.stderr
    assert f"Den nya webbplatsen hade redan publicerats i {out.resolve()} och är hel." in done.stderr
    assert snapshot(out) != before
    assert "Fjällvårdens Nya Hälsocentral" in (out / "utforare/fjallvarden/index.html").read_text(encoding="utf-8")


# A process that does nothing but fork, as the build does often, with the build's handling of
# signals, and logging used once it stops (it needs the lock logging takes to fork).
_FORKING = """
import logging, os, signal, sys
from generator.site.stopping import stop_cleanly
with stop_cleanly():
    print("redo", flush=True)
    try:
        while True:
            child = os.fork()
            if child == 0:
                os._exit(0)
            os.waitpid(child, 0)
    except KeyboardInterrupt:
        logging.getLogger("insyn").warning("avbrutet")
        sys.exit(130)
"""


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_stop_that_comes_while_the_build_forks_still_stops_it(stop: signal.Signals) -> None:
    """A signal that came during a fork met logging's fork handler, which dropped the
    KeyboardInterrupt and kept its lock: the build ran on or hung instead of stopping (about
    one stop in three in this loop; test_stopping_a_real_build_half_way_leaves_old_site timed
    out in about one run in ten under load). Each of twenty stops must end the process."""
    for _ in range(20):
        process = subprocess.Popen([sys.executable, "-c", _FORKING], cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, preexec_fn=as_from_a_terminal)
        assert process.stdout is not None and process.stdout.readline() == "redo\n"
        time.sleep(0.2)
        process.send_signal(stop)
        try:
            _, stderr = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            pytest.fail("processen stannade inte när den avbröts under en fork")
        assert process.returncode == 130, stderr
        assert "avbrutet" in stderr and "Exception ignored" not in stderr


def test_two_builds_started_at_once_give_one_correct_site(dataset, tmp_path, published):
    out = tmp_path / "samtidigt" / "site"
    command = [*INSYN, "build", "--data", str(dataset), "--out", str(out)]
    processes = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
    results = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], results
    assert snapshot(out) == snapshot(published)
    assert leftovers(out.parent) == []


@pytest.mark.made_each_time  # the PDFs too: laid out again, as in another run
def test_same_data_builds_byte_identical_output(published, tmp_path):
    again = build_site(MINIMAL, tmp_path / "igen" / "site")
    assert snapshot(again) == snapshot(published)


def test_the_only_dates_in_the_sitemap_are_the_datas_own(published):
    # tests/fixtures/minimal/region.yaml: uppdaterad 2026-10-01
    sitemap = (published / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<lastmod>") > 5
    assert sitemap.count("<lastmod>2026-10-01</lastmod>") == sitemap.count("<lastmod>")
    with gzip.open(published / "sitemap.xml.gz") as packed:
        packed.read()
        assert time.strftime("%Y-%m-%d", time.gmtime(packed.mtime)) == "2026-10-01"


def test_invalid_data_writes_nothing(dataset, tmp_path):
    (dataset / "region.yaml").write_text("namn: [trasig\n", encoding="utf-8")
    out = tmp_path / "ny" / "site"
    result = run_insyn("build", "--data", str(dataset), "--out", str(out))
    assert result.returncode == 1
    assert not out.parent.exists() or leftovers(out.parent) == []
    assert not out.exists()


def test_a_second_build_waits_for_the_first_to_finish(tmp_path):
    from generator.site.publish import locked

    out = tmp_path / "site"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom pathlib import Path\nfrom generator.site.publish import locked\n"
         "with locked(Path(sys.argv[1])):\n    print('låst', flush=True)\n    time.sleep(2)\n", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "låst"
    waited = []
    started = time.monotonic()
    with locked(out, on_wait=lambda: waited.append(True)):
        held_for = time.monotonic() - started
    holder.wait(timeout=30)
    assert waited == [True]
    assert held_for > 1  # it got the lock only when the first build let go of it


def test_where_the_atomic_exchange_is_missing_two_renames_publish_the_new_site(old_site, dataset, monkeypatch):
    from generator.site import publish

    out, before = old_site
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    (dataset / "region.yaml").write_text(
        (dataset / "region.yaml").read_text(encoding="utf-8").replace("Region Exempelland", "Region Nyland"),
        encoding="utf-8")
    build_site(dataset, out)
    assert snapshot(out) != before
    assert "Region Nyland" in (out / "index.html").read_text(encoding="utf-8")
    assert leftovers(out.parent) == []


def test_open_data_failing_in_its_own_process_fails_the_build_and_leaves_old_site(old_site, dataset, monkeypatch):
    """Open data is written by a second process while MkDocs builds; its error still stops
    the build, with its own Swedish message, and nothing is published."""
    out, before = old_site
    from generator import opendata

    def broken(catalog, folder, site_url, *rest):
        # A first build's two open-data jobs (workbooks, package) both come here, in either order.
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "halvfardig.csv").write_text("utforare\n", encoding="utf-8")
        raise BuildError("datapackage-invalid", "Datapaketet är inte giltigt.", "Rätta datan och bygg igen.")

    monkeypatch.setattr(opendata, "write", broken)
    with pytest.raises(BuildError) as failure:
        build_site(dataset, out)
    assert (failure.value.code, failure.value.stage, failure.value.message) == (
        "datapackage-invalid", "öppna data", "Datapaketet är inte giltigt.")
    assert_untouched(out, before)


def test_a_package_that_fails_its_frictionless_check_leaves_old_site(old_site, dataset, monkeypatch):
    """The package is checked in a process of its own while the pages are finished; its
    verdict still stops the build before anything is published."""
    out, before = old_site
    from generator.opendata import package
    from generator.site import incremental

    shutil.rmtree(incremental.cache_dir(out), ignore_errors=True)  # no memo of an earlier check

    def refused(folder, memo=None):
        raise BuildError("datapackage-invalid", "Datapaketet klarade inte kontrollen.", "Rätta datan och bygg igen.")

    monkeypatch.setattr(package, "validate", refused)
    with pytest.raises(BuildError) as failure:
        build_site(dataset, out)
    assert failure.value.code == "datapackage-invalid"
    assert_untouched(out, before)
