"""The `insyn` command: the only place that prints problems and picks exit codes.

Exit codes: 0 ok, 1 the data has errors or the build failed (nothing published),
2 usage error, 3 internal error in Insyn itself (not the data's fault).
"""

from __future__ import annotations

import atexit
import gc
import os
import re
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click
from pydantic_core import PydanticCustomError

from generator import forhandsgranska as granska
from generator import pipeline, preview
from generator import rapport as rapporter
from generator.domain import rapportval
from generator.domain.catalog import Catalog
from generator.models import valuetypes
from generator.problems import BuildError, DataError, github, oserror
from generator.problems.report import format_problems
from generator.progress import wants_progress
from generator.settings import BuildSettings, reference_day
from generator.site.published import published_in
from generator.sv.personnummer import redact

EXIT_DATA = 1
EXIT_INTERNAL = 3

_DATA_HELP = "Datamappen med region.yaml, utforare/, avtal/ … (standard: data)."

_COMMANDS = "Kommandona är validate, build, rapport, serve och forhandsgranska."
# Click speaks English; staff read Swedish. Its usage errors, said in Swedish.
_USAGE_ERRORS = (
    (r"No such command '(.+?)'\. Did you mean '(.+?)'\?", "Kommandot {0} finns inte. Menade du {1}? " + _COMMANDS),
    (r"No such command '(.+?)'\.", "Kommandot {0} finns inte. " + _COMMANDS),
    (r"No such option '(.+?)'\. \(?Did you mean (?:one of: )?(.+?)\?\)?", "Flaggan {0} finns inte. Menade du {1}?"),
    (r"No such option '?(.+?)'?\.?$", "Flaggan {0} finns inte."),
    (r"Got unexpected extra arguments? \((.+)\)", "För många argument: {0}."),
    (r"Option '(.+?)' requires an argument\.", "Flaggan {0} behöver ett värde."),
    (r"Invalid value for '(.+?)': '(.*)' is not a valid integer\.", "Ogiltigt värde för {0}: {1} är inte ett heltal."),
    (r"Invalid value for '(.+?)': '(.*)' is not one of (.+)\.", "Ogiltigt värde för {0}: {1}. Välj ett av {2}."),
    (r"Invalid value for '(.+?)': (.*)", "Ogiltigt värde för {0}."),
    (r"Missing argument '(.+?)'\.", "Argumentet {0} saknas."),
    (r"Missing option '(.+?)'\.", "Flaggan {0} saknas."),
    (r"Missing command\.", "Ange ett kommando: validate, build, rapport, serve eller forhandsgranska."),
)
_HEADINGS = {"Options": "Flaggor", "Commands": "Kommandon", "Arguments": "Argument"}


def _swedish_usage(message: str) -> str:
    for pattern, swedish in _USAGE_ERRORS:
        match = re.fullmatch(pattern, message.strip())
        if match:
            return swedish.format(*(g.replace("'", "") for g in match.groups()))
    return message


class _Formatter(click.HelpFormatter):
    """Help pages with Swedish headings."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[FLAGGOR]").replace("COMMAND [ARGS]...", "KOMMANDO [ARGUMENT]...")
        super().write_usage(prog, args, prefix="Användning: ")

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(_HEADINGS.get(name, name)):
            yield


class _Context(click.Context):
    formatter_class = _Formatter


def _swedish_help_option(option: click.Option | None) -> click.Option | None:
    if option is not None:
        option.help = "Visa den här hjälpen och avsluta."
    return option


class _Command(click.Command):
    context_class = _Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _swedish_help_option(super().get_help_option(ctx))


class _Group(click.Group):
    context_class = _Context
    command_class = _Command

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _swedish_help_option(super().get_help_option(ctx))


def _existing_dir(path: str, what: str = "datamappen, t.ex. insyn validate data/") -> Path:
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise click.UsageError(f"{path} är en fil, inte en mapp. Ange {what}")
    if not folder.is_dir():
        raise click.UsageError(f"Mappen {path} finns inte. Ange {what}")
    return folder


def _site_url(address: str) -> str:
    """--site-url checked as publicering.webbadress is: it becomes the base of every absolute link."""
    try:
        return valuetypes.site_url(address)
    except PydanticCustomError:
        raise click.UsageError("--site-url ska vara en https-adress till webbplatsen, utan mellanslag, ? eller #, "
                               "t.ex. https://region.github.io/insyn/") from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="insyn", message="insyn %(version)s", help="Visa versionen och avsluta.")
def cli() -> None:
    """Insyn: bygger en webbplats och öppna data om uppföljning av alla utförare.

    Kör `insyn validate` för att kontrollera datan och `insyn build` för att bygga webbplatsen.
    `insyn rapport` skriver en nämnds rapport för tertial, delår eller årsbokslut.
    """


@cli.command()
@click.argument("data_dir", default="data", required=False, metavar="[DATAMAPP]")
@click.option("--format", "output_format", type=click.Choice(["text", "github"]), default="text",
              help="text: för en människa (standard). github: dessutom en rad ::error per fel, som GitHub visar "
                   "vid raden i filen, och en sammanfattning i $GITHUB_STEP_SUMMARY om den finns.")
def validate(data_dir: str, output_format: str) -> None:
    """Kontrollera datan mot datakontraktet och visa alla fel på en gång."""
    try:
        catalog = pipeline.check(_existing_dir(data_dir), reference_day())
    except DataError as error:
        if output_format == "github":
            _github_report(error, data_dir)
        raise
    click.echo(pipeline.summary(catalog))
    click.echo("Datan är giltig.")


def _github_report(error: DataError, data_dir: str) -> None:
    click.echo(github.error_lines(error.problems, data_dir.rstrip("/")))
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(github.summary(error.problems, data_dir.rstrip("/")))


@cli.command()
@click.option("--data", "data_dir", default="data", metavar="MAPP", help=_DATA_HELP)
@click.option("--out", "out_dir", default="site", metavar="MAPP", help="Mappen där webbplatsen skrivs (standard: site).")
@click.option("--content", "content_dir", default="content", metavar="MAPP", help="Mappen med handskrivna sidor (standard: content).")
@click.option("--site-url", default=None, metavar="ADRESS", help="Adressen där webbplatsen publiceras (ersätter publicering.webbadress).")
@click.option("--previous", default=None, metavar="MAPP_ELLER_ADRESS",
              help="Det förra publicerade datapaketet: en mapp eller https-adressen till dess datapackage.json. "
                   "Ändringarna sedan dess läggs till i ändringsregistret.")
@click.pass_obj
def build(program: bool | None, data_dir: str, out_dir: str, content_dir: str, site_url: str | None,
          previous: str | None) -> None:
    """Kontrollera datan och bygg webbplatsen och de öppna datan. Vid fel lämnas förra webbplatsen orörd."""
    ends = program is True  # the program's own process (run), not a caller's
    if site_url is not None:
        site_url = _site_url(site_url)
    settings = BuildSettings(
        data_dir=_existing_dir(data_dir),
        out_dir=Path(out_dir), content_dir=_existing_dir(content_dir, "mappen med handskrivna sidor, t.ex. --content content"),
        site_url=site_url, idag=reference_day(), show_progress=wants_progress(), previous=previous,
        ends_with_process=ends,
    )
    click.echo(pipeline.build(settings))
    click.echo(f"Webbplatsen är byggd i {out_dir}/.")
    if ends:
        _end_now()


def _end_now() -> NoReturn:
    """End the program once what it printed is out, without Python tearing down what it holds
    (a national rebuild's catalog, left to exit by the build: 0.4 s of CPU to let go of).
    Every file is closed and every child process waited for by then; the system takes the
    memory back with the process."""
    # The exit handlers still run, as at any exit (os._exit alone skips them): multiprocessing's
    # removes the temporary folder (pymp-*) where the forkserver that finishes a large site's
    # pages (site.postprocess) keeps its socket, which stayed after every build that used it.
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


@cli.command()
@click.option("--namnd", required=True, metavar="ID", help="Nämnden som rapporten gäller: dess id i region.yaml, t.ex. regionstyrelsen.")
@click.option("--ar", required=True, type=int, metavar="ÅÅÅÅ", help="Året som rapporten gäller, t.ex. 2026.")
@click.option("--period", default="ar", type=click.Choice(["T1", "T2", "delar", "ar"]), metavar="PERIOD",
              help="Perioden som rapporten gäller: T1 (tertialrapport per 30 april), T2 eller delar (per 31 augusti) eller ar (årsbokslut, standard).")
@click.option("--data", "data_dir", default="data", metavar="MAPP", help=_DATA_HELP)
@click.option("--out", "out_dir", default="rapporter", metavar="MAPP", help="Mappen där filerna skrivs (standard: rapporter).")
def rapport(namnd: str, ar: int, period: str, data_dir: str, out_dir: str) -> None:
    """Skriv nämndens rapport (tertial, delår eller årsbokslut) som PDF, Word (DOCX) och presentation (PPTX)."""
    catalog = pipeline.check_dated(_existing_dir(data_dir), reference_day())
    if namnd not in catalog.namnder:
        known = ", ".join(catalog.namnder)
        raise click.UsageError(f"Nämnden {namnd} finns inte i region.yaml. Nämnderna är: {known}.")
    if not rapportval.har_uppgifter(rapportval.urval(catalog, namnd, ar)):
        raise _nothing_to_report(catalog, namnd, ar)
    out = Path(out_dir)
    files = rapporter.filer(catalog, namnd, ar, period, catalog.publicering.webbadress)
    existing = [name for name in files if os.path.lexists(out / name)]  # a link, even to nothing, too
    if existing:
        raise _report_exists(out / existing[0])
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        try:
            with open(out / name, "xb") as made:  # created here, never through a link nor over a file made meanwhile
                made.write(data)
        except FileExistsError:
            raise _report_exists(out / name) from None
        click.echo(f"Skrev {out / name}")


def _nothing_to_report(catalog: Catalog, namnd: str, ar: int) -> click.UsageError:
    """A mistyped year gave a report of zeros, as if the nämnd had followed nothing up."""
    namn = catalog.namnder[namnd].namn
    years = rapportval.ar_med_uppgifter(catalog, namnd)
    if not years:
        return click.UsageError(f"{namn} har ingen uppföljningsplan och ingen uppföljning att rapportera ännu.")
    listed = ", ".join(str(year) for year in years)
    return click.UsageError(f"{namn} har ingen uppföljningsplan och ingen uppföljning för {ar}, så det finns "
                            f"inget att rapportera. År med uppgifter: {listed}.")


def _report_exists(path: Path) -> click.UsageError:
    return click.UsageError(f"Filen {path} finns redan. Insyn skriver inte över filer; "
                            "ta bort den eller välj en annan mapp med --out.")


@cli.command()
@click.option("--data", "data_dir", default="data", metavar="MAPP", help=_DATA_HELP)
@click.option("--content", "content_dir", default="content", metavar="MAPP", help="Mappen med handskrivna sidor (standard: content).")
@click.option("--port", default=8000, metavar="PORT", help="Porten för förhandsvisningen (standard: 8000).")
@click.option("--previous", default=None, metavar="MAPP_ELLER_ADRESS",
              help="Datapaketet att jämföra med i förhandsvisningens ruta om vad som skulle ändras "
                   "(standard: den publicerade webbplatsen enligt publicering.webbadress).")
def serve(data_dir: str, content_dir: str, port: int, previous: str | None) -> None:
    """Förhandsvisa webbplatsen på http://127.0.0.1:PORT och bygg om när data/ eller content/ ändras."""
    preview.serve(_existing_dir(data_dir), Path(content_dir), port, previous)


@cli.command()
@click.option("--utforare", "utforare_id", required=True, metavar="ID", help="Utförarens id, samma som filnamnet i data/utforare/.")
@click.option("--data", "data_dir", default="data", metavar="MAPP", help=_DATA_HELP)
@click.option("--out", "out_dir", default=None, metavar="MAPP",
              help="Mappen där förhandsgranskningen skrivs (standard: forhandsgranskning-ID).")
def forhandsgranska(utforare_id: str, data_dir: str, out_dir: str | None) -> None:
    """Skriv en utförares sidor och rader i öppna data som de skulle publiceras, för att skicka till utföraren och låta den granska sakuppgifterna."""
    folder = _existing_dir(data_dir)
    day = reference_day()
    catalog = pipeline.check_dated(folder, day)
    if utforare_id not in catalog.utforare:
        raise click.UsageError(f"Utföraren {utforare_id} finns inte i {data_dir}/utforare/. Ange --utforare med "
                               "utförarens id, samma som filnamnet.")
    out = Path(out_dir or f"forhandsgranskning-{utforare_id}")
    protected = [("datamappen", folder), ("mappen med handskrivna sidor", Path("content"))]
    written = granska.write(catalog, utforare_id, out, catalog.publicering.webbadress, day, protected)
    click.echo(f"Förhandsgranskningen av {catalog.utforare[utforare_id].namn} finns i {out}/. "
               f"Skriv ut eller skicka {written.name}; raderna i öppna data finns i {out}/data/.")


def run() -> None:
    """The `insyn` program (its script, and `python -m generator.cli`): `main` in a process of
    its own, which a build that succeeded ends at once (build, _end_now)."""
    main(program=True)


def main(program: bool = False) -> None:
    """Entry point: turns the library's exceptions into messages and exit codes. `program`:
    the process is the command's own (run), not a caller's that goes on after it."""
    # At exit, after the exit handlers, Python's last collection walks everything the command
    # still holds (after a national build about 0.13 s). Frozen, it is skipped: the system
    # takes the memory back with the process all the same, and nothing is left to write then.
    atexit.register(gc.freeze)
    try:
        cli.main(prog_name="insyn", standalone_mode=False, obj=program)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.UsageError as error:
        if type(error).__name__ == "NoArgsIsHelpError":  # plain `insyn`: the help is the answer
            click.echo(error.format_message(), err=True)
            sys.exit(error.exit_code)
        command = error.ctx.command_path if error.ctx else "insyn"
        click.echo(f"Fel: {_swedish_usage(error.format_message())}", err=True)
        click.echo(f"Se {command} --help för hur kommandot används.", err=True)
        sys.exit(error.exit_code)
    except click.ClickException as error:
        click.echo(f"Fel: {error.format_message()}", err=True)
        sys.exit(error.exit_code)
    except click.Abort as stop:
        click.echo("Avbrutet. " + _the_site_after(stop, "Förra webbplatsen är orörd."), err=True)
        sys.exit(EXIT_DATA)
    except DataError as error:
        click.echo(format_problems(error.problems, _data_arg()), err=True)
        sys.exit(EXIT_DATA)
    except BuildError as error:
        _report(error, error)
    except OSError as error:  # e.g. `insyn validate` on a folder it may not read
        _report(oserror.as_build_error(error), error)
    except KeyboardInterrupt as stop:
        click.echo("Avbrutet. " + _the_site_after(stop, "Förra webbplatsen är orörd."), err=True)
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - the one place an unexpected failure becomes a message
        click.echo(f"Internt fel i Insyn (det är inte ett fel i din data). {_the_site_after(error, 'Inget har publicerats.')}",
                   err=True)
        click.echo("Skicka texten nedan till den som förvaltar Insyn:", err=True)
        click.echo(redact(traceback.format_exc()), err=True)
        sys.exit(EXIT_INTERNAL)


def _report(error: BuildError, raised: BaseException) -> NoReturn:
    """`error` as staff read it; `raised`, what stopped the command, says whether the site was published."""
    click.echo(f"Bygget misslyckades i steget {error.stage}: {error.message} [{error.code}]", err=True)
    if error.hint:
        click.echo(f"Så rättar du: {error.hint}", err=True)
    click.echo(_the_site_after(raised, "Inget har publicerats; förra webbplatsen är orörd."), err=True)
    sys.exit(EXIT_DATA)


def _the_site_after(raised: BaseException, untouched: str) -> str:
    """What became of the site: `untouched` says so, unless the build had swapped its new site
    in before `raised` stopped it (site.published); then the new site is whole, and only the
    next build may be slower."""
    out = published_in(raised)
    if out is None:
        return untouched
    return (f"Den nya webbplatsen hade redan publicerats i {out} och är hel. Det som nästa bygge utgår från "
            "hann kanske inte sparas, så nästa bygge kan ta längre tid.")


def _data_arg() -> str:
    args = sys.argv[1:]
    if "--data" in args and args.index("--data") + 1 < len(args):
        return args[args.index("--data") + 1]
    positional = [a for a in args[1:] if not a.startswith("-")]
    return positional[0] if args[:1] == ["validate"] and positional else "data"


if __name__ == "__main__":
    run()
