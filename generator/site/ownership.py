"""Which folder `--out` may replace: only one that Insyn made itself, or one that is empty or missing.

Publishing replaces the whole output folder, so a careless `--out ~/Dokument`, `--out data`
or `--out .` would otherwise delete someone's files. Every build writes `MARKER` into the
site; a folder without it is replaced only if it is empty, or if it is plainly a site built
by an earlier version of Insyn (which wrote no marker): it has the start page, the sitemap
and the data package, and no file anywhere in it that the new build does not make too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator import outputs
from generator.problems import BuildError, show_value
from generator.site import tree

MARKER = ".insyn"
_MARKER_TEXT = "Den här mappen är en webbplats byggd av Insyn. Nästa bygge ersätter hela mappen.\n"
# What every site from an earlier version of Insyn has, to tell it from someone's own folder.
_EARLIER_SITE = (outputs.START, outputs.SITEMAP, f"{outputs.OPPNA_DATA}/{outputs.DATAPACKAGE}")
_HINT = "Ange en ny eller tom mapp med --out, t.ex. --out site."


def _refuse(out: Path, why: str, hint: str = _HINT) -> BuildError:
    return BuildError("out-refused", f"Insyn skriver inte webbplatsen i {show_value(out, limit=200)}: {why}", hint)


def _relation(out: Path, other: Path) -> str | None:
    """How `out` and `other` overlap: 'är', 'innehåller', 'ligger i' or None."""
    if out == other:
        return "är"
    if out in other.parents:
        return "innehåller"
    if other in out.parents:
        return "ligger i"
    return None


def refuse_unsafe(out: Path, protected: Sequence[tuple[str, Path]]) -> None:
    """Raise BuildError `out-refused` unless `out` is missing, empty or a site Insyn made.

    `protected` names folders that must never be replaced or emptied, such as the data and
    content folders, as (Swedish description, path). The file-system root and the home
    folder are always protected.
    """
    given = Path(out).absolute()
    if given.is_symlink():
        raise _refuse(out, "det är en symbolisk länk, och Insyn ersätter aldrig en länk eller det den pekar på.",
                      "Ange den riktiga mappen, eller en ny mapp, med --out.")
    if given.exists() and not given.is_dir():
        raise _refuse(out, "det är en fil, inte en mapp.")
    real = given.resolve()
    if real == Path(real.anchor):
        raise _refuse(out, "det är filsystemets rot.")
    for what, folder in protected:
        relation = _relation(real, folder.resolve())
        if relation:
            raise _refuse(out, f"mappen {relation} {what}, och den får bygget aldrig ersätta eller tömma.")
    relation = _relation(real, Path.home().resolve())
    if relation in ("är", "innehåller"):  # a folder inside the home folder is fine
        raise _refuse(out, f"mappen {relation} din hemmapp.")
    if real.is_dir() and not is_insyn_site(real) and any(real.iterdir()):
        raise _refuse(out, "mappen finns redan och har filer som Insyn inte har gjort. Insyn ersätter bara "
                      "en mapp som den själv har byggt, så att inga andra filer försvinner.",
                      "Ange en ny eller tom mapp med --out. Är mappen en webbplats från en äldre version av "
                      "Insyn? Flytta eller ta bort den själv och bygg igen.")


def is_insyn_site(folder: Path) -> bool:
    """True if `folder` carries the marker, or has the files every earlier Insyn site had."""
    return (folder / MARKER).is_file() or all((folder / rel).is_file() for rel in _EARLIER_SITE)


def refuse_foreign_files(old: Path, new: Path) -> None:
    """Before the swap: an old site without the marker may hold nothing the new build lacks,
    in no folder (someone's own analysis in oppna-data/ was deleted with the site before);
    a link to a folder counts as a file of its own."""
    if not old.is_dir() or (old / MARKER).is_file():
        return
    linked: set[str] = set()
    unknown = sorted((tree.files(old, linked) | linked) - tree.files(new))
    if unknown:
        shown = ", ".join(show_value(name) for name in unknown[:5])
        raise _refuse(old, f"mappen ser ut som en äldre webbplats från Insyn men har filer som bygget inte gör: {shown}.",
                      "Flytta de filerna om de ska sparas, eller ta bort mappen själv, och bygg igen.")


def mark(site: Path) -> None:
    """Write the marker that lets the next build replace `site`."""
    (site / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
