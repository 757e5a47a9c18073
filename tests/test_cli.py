"""The `insyn` command as staff meet it: exit codes, Swedish messages, and no leaks.

Runs the real command line in a subprocess (`run_insyn`), except for the internal-error
case, which needs a fault that no data can cause and so patches the pipeline in-process,
and for `main` called by a program of its own, which goes on after the command.
"""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from generator import cli, pipeline
from generator.site import postprocess
from tests.support.build import MINIMAL, run_insyn

PNR = "19121212-1212"


def _break(dataset: Path, file: str, find: str, replace: str) -> None:
    path = dataset / file
    text = path.read_text("utf-8")
    assert find in text
    path.write_text(text.replace(find, replace, 1), "utf-8")


def test_valid_data_exits_0_with_summary() -> None:
    result = run_insyn("validate", str(MINIMAL))
    assert result.returncode == 0, result.stderr
    assert "Datan är giltig." in result.stdout
    assert "3 utförare" in result.stdout


_VALIDATE_AND_LIST_MODULES = """
import sys
from generator import cli
sys.argv = ["insyn", "validate", sys.argv[1]]
try:
    cli.main()
finally:
    print(sorted(m for m in ("pandas", "pptx", "docx", "frictionless", "rdflib", "rich") if m in sys.modules))
"""


def test_validate_answers_without_loading_the_libraries_that_write_files() -> None:
    """`insyn validate` is what staff run after each edit. pandas, python-pptx,
    python-docx and Frictionless take about a second to import and write or compare files it
    never writes: each is imported where it is used (1.7 s -> 0.5 s before the first line).
    Likewise rdflib (the DCAT catalog, 0.05 s) and rich (the stages on a terminal)."""
    result = subprocess.run([sys.executable, "-c", _VALIDATE_AND_LIST_MODULES, str(MINIMAL)],  # noqa: S603 - this interpreter
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "Datan är giltig." in result.stdout, result.stderr
    assert result.stdout.strip().endswith("[]")


def test_data_error_exits_1_and_says_where_and_how(dataset: Path) -> None:
    _break(dataset, "avtal/lov-stangda.yaml", "startdatum: 2019-01-01", "startdatum: 2024-02-30")
    result = run_insyn("validate", str(dataset))
    assert result.returncode == 1
    err = result.stderr
    assert "avtal/lov-stangda.yaml" in err
    assert "rad 5" in err
    assert "fältet startdatum" in err
    assert "Värde: 2024-02-30" in err
    assert "Så rättar du: Datumet finns inte i kalendern." in err
    assert "Inget har publicerats" in err
    assert "Traceback" not in err


def test_personnummer_is_never_printed_in_full(dataset: Path) -> None:
    _break(dataset, "utforare/fjallvarden.yaml", "koncern: Fjällvården Holding", f"koncern: Holding {PNR}")
    # The same number typed into an id and a CSV cell must not be echoed either.
    _break(dataset, "avtal/lov-stangda.yaml", "utforare: stangda-mottagningen", "utforare: '1212121212'")
    _break(dataset, "nyckeltalsvarden/halsoval.csv", "fjallvarden,vantetid,2025,T", "fjallvarden,vantetid,2025,121212-1212")
    result = run_insyn("validate", str(dataset))
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "fältet koncern" in output and "personnummer" in output
    for shown in (PNR, "1212121212", "121212-1212", "121212121212"):
        assert shown not in output
    assert "19*********12" in output  # masked: enough to find it, never the whole


def test_missing_folder_is_a_swedish_usage_error() -> None:
    result = run_insyn("validate", "finns-inte")
    assert result.returncode == 2
    assert "Fel: Mappen finns-inte finns inte." in result.stderr
    assert "Se insyn validate --help" in result.stderr


@pytest.mark.parametrize(("args", "expected"), [
    (["bygg"], "Kommandot bygg finns inte."),
    (["build", "--ut", "x"], "Flaggan --ut finns inte."),
    (["validate", "a", "b"], "För många argument: b."),
    (["serve", "--port", "åtta"], "Ogiltigt värde för --port: åtta är inte ett heltal."),
    (["valdate"], "Kommandot valdate finns inte. Menade du validate?"),
    (["bulid"], "Kommandot bulid finns inte. Menade du build?"),
    (["build", "--site-url", "http://insyn.example.org"], "--site-url ska vara en https-adress"),
    # The rules of publicering.webbadress: a space (easily left in a CI variable) stopped the
    # build with an English rdflib error, a query published broken addresses in the catalog.
    (["build", "--site-url", "https://region.github.io/insyn/ x"], "--site-url ska vara en https-adress"),
    (["build", "--site-url", "https://x.se/?a=1"], "utan mellanslag, ? eller #"),
    (["build", "--site-url", "https://x.se/#top"], "utan mellanslag, ? eller #"),
    (["build", "--site-url", "https://"], "--site-url ska vara en https-adress"),
    (["build", "--content", "finns-inte"], "Mappen finns-inte finns inte. Ange mappen med handskrivna sidor"),
    (["validate", "README.md"], "README.md är en fil, inte en mapp."),
    (["forhandsgranska", "--utforare", "nej"], "Utföraren nej finns inte i data/utforare/."),
])
def test_usage_errors_exit_2_in_swedish(args: list[str], expected: str) -> None:
    result = run_insyn(*args)
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr
    assert not [english for english in ("Usage", "Error", "Invalid", "Did you mean", "No such") if english in result.stderr], \
        result.stderr


def test_help_is_swedish() -> None:
    result = run_insyn("build", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Användning: insyn build [FLAGGOR]")
    assert "Flaggor:" in result.stdout and "Visa den här hjälpen och avsluta." in result.stdout
    assert "Options" not in result.stdout and "Show this" not in result.stdout


def test_failed_build_writes_nothing(dataset: Path, tmp_path: Path) -> None:
    _break(dataset, "uppfoljningar/2025/avvikelse-fjallvarden-2025.yaml", "publik: false", "publik: nej")
    out = tmp_path / "site"
    result = run_insyn("build", "--data", str(dataset), "--out", str(out))
    assert result.returncode == 1
    assert "fältet publik" in result.stderr
    assert not out.exists()


def test_a_file_system_error_in_any_command_is_swedish_with_exit_1(monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    def unreadable(*_: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(MINIMAL / "region.yaml"))

    monkeypatch.setattr(pipeline, "check", unreadable)
    monkeypatch.setattr(sys, "argv", ["insyn", "validate", str(MINIMAL)])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == cli.EXIT_DATA
    err = capsys.readouterr().err
    assert "[filesystem-failed]" in err and "region.yaml" in err and "behörighet saknas" in err
    assert "Permission denied" not in err and "Traceback" not in err


def test_internal_error_says_it_is_one(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*_: object) -> None:
        raise KeyError(f"oväntat {PNR}")

    monkeypatch.setattr(pipeline, "check", broken)
    monkeypatch.setattr(sys, "argv", ["insyn", "validate", str(MINIMAL)])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == cli.EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "Internt fel i Insyn (det är inte ett fel i din data)" in err
    assert "KeyError" in err  # the maintainer gets the details ...
    assert PNR not in err  # ... but never a personnummer


def test_a_build_prints_its_summary_and_where_the_site_is_when_its_output_is_a_pipe(tmp_path: Path) -> None:
    """The program ends without tearing down once the build succeeded (cli.run): all it
    prints must be out by then, also to a pipe (CI's log), the last line included."""
    out = tmp_path / "site"
    result = run_insyn("build", "--data", str(MINIMAL), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "3 utförare" in result.stdout
    assert result.stdout.rstrip().endswith(f"Webbplatsen är byggd i {out}/.")


_BUILD_AND_SAY_HOW_IT_ENDS = """
import gc, os, sys
from generator import cli
from generator.site import heap
real_exit = os._exit
def ending(code):
    print("kvar", len(heap._LEFT), gc.get_freeze_count() > 0, code, flush=True)
    real_exit(code)
os._exit = ending
sys.argv = ["insyn", "build", "--data", sys.argv[1], "--out", sys.argv[2]]
cli.run()
print("avslutades som vanligt")
"""


def test_the_program_leaves_what_its_build_held_to_the_system_and_a_caller_gets_it_back(tmp_path: Path) -> None:
    """The `insyn` program keeps its catalog frozen and ends at once after the build; `main`
    called within another program (insyn serve builds in its own process) lets go of it and
    returns, leaving nothing kept or frozen."""
    result = subprocess.run([sys.executable, "-c", _BUILD_AND_SAY_HOW_IT_ENDS, str(MINIMAL), str(tmp_path / "a")],  # noqa: S603 - this interpreter
                            capture_output=True, text=True, check=False, cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "kvar 1 True 0"

    caller = subprocess.run([sys.executable, "-c", _BUILD_AND_SAY_HOW_IT_ENDS.replace("cli.run()", "cli.main()")
                             + "print('kvar', len(heap._LEFT), gc.get_freeze_count() > 0)\n",
                             str(MINIMAL), str(tmp_path / "b")],  # noqa: S603 - this interpreter
                            capture_output=True, text=True, check=False, cwd=Path(__file__).resolve().parents[1])
    assert caller.returncode == 0, caller.stderr
    assert caller.stdout.splitlines()[-2:] == ["avslutades som vanligt", "kvar 0 False"]


# A national site's pages are finished over both cores by workers from a forkserver once the
# writers are done (site.postprocess): here with the minimal dataset, pages one by one.
_BUILD_WITH_A_FORKSERVER = """
import sys
from generator import cli, writers
from generator.site import postprocess
postprocess.FRESH_WORKERS_FROM, postprocess._CHUNK = 1, 1
writers.Writers.done = lambda self: True
sys.argv = ["insyn", "build", "--data", sys.argv[1], "--out", sys.argv[2]]
cli.run()
"""


def _build_with_a_forkserver(temporary: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _BUILD_WITH_A_FORKSERVER, str(MINIMAL), str(site)],  # noqa: S603 - this interpreter
                          capture_output=True, text=True, check=False, cwd=Path(__file__).resolve().parents[1],
                          env={**os.environ, "TMPDIR": str(temporary)})


def test_the_program_ending_at_once_leaves_nothing_in_the_temporary_folder(tmp_path: Path) -> None:
    """The program ends without tearing down after a build (cli.run), but its exit handlers run:
    the forkserver's folder (pymp-*) stayed in the system's temporary folder after every
    national build whose pages it finished."""
    # A folder of its own, at the top of the system's temporary folder: the forkserver's socket
    # must fit under it (pytest's own folders grow deeper with each run; see the next test).
    with tempfile.TemporaryDirectory(prefix="insyn-t-") as name:
        temporary = Path(name)
        assert postprocess.forkserver_fits(name), "the test's temporary folder is too deep for a forkserver"
        result = _build_with_a_forkserver(temporary, tmp_path / "site")
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "site" / "index.html").is_file()
        assert list(temporary.iterdir()) == []


def test_a_build_under_a_deep_temporary_folder_finishes_its_pages_without_a_forkserver(tmp_path: Path) -> None:
    """The forkserver's socket path holds at most 107 bytes: under a deeper TMPDIR a national
    build stopped with "okänt fel i filsystemet" (AF_UNIX path too long) before its pages were
    finished. The workers are forked instead, and the site is built."""
    temporary = tmp_path / ("djup-" * 16)
    temporary.mkdir()
    assert not postprocess.forkserver_fits(str(temporary))
    result = _build_with_a_forkserver(temporary, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert list(temporary.iterdir()) == []


def test_an_empty_field_is_said_to_be_empty_without_a_value(dataset: Path) -> None:
    """`namn:` with nothing after it showed "Värde: None", Python's word for nothing."""
    provider = dataset / "utforare" / "fjallvarden.yaml"
    provider.write_text(re.sub(r"(?m)^namn: .*$", "namn:", provider.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_insyn("validate", str(dataset))
    assert result.returncode == 1 and "Fältet namn är tomt." in result.stderr
    assert "None" not in result.stderr


@pytest.mark.parametrize("mistake", ["name", "extension", "not-a-record", "linked-folder"])
def test_one_misnamed_or_empty_provider_file_is_one_problem_not_dozens(dataset: Path, mistake: str) -> None:
    """A provider file saved as "Fjällvården.yaml", as .yml or holding only `---`, or the folder
    of providers a link: each contract and value row naming a provider was reported as well
    ("finns inte … Menade du …"), and the file's own problem came last, under them."""
    provider = dataset / "utforare" / "fjallvarden.yaml"
    if mistake == "linked-folder":
        elsewhere = dataset.parent / "utforare-annanstans"
        (dataset / "utforare").rename(elsewhere)
        (dataset / "utforare").symlink_to(elsewhere, target_is_directory=True)
    elif mistake == "name":
        provider.rename(provider.with_name("Fjällvården.yaml"))
    elif mistake == "extension":
        provider.rename(provider.with_suffix(".yml"))
    else:
        provider.write_text("---\n", encoding="utf-8")
    result = run_insyn("validate", str(dataset))
    assert result.returncode == 1
    assert "har 1 problem i 1 fil" in result.stderr, result.stderr
