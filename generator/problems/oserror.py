"""A failure of the file system (OSError), told in Swedish: which file, and what went wrong.

The operating system's own text (strerror) is English, so the common causes are said in
Swedish and anything else is named by its errno code, which a maintainer can look up.
"""

from __future__ import annotations

import errno
from pathlib import PurePath

from generator import outputs
from generator.problems import BuildError, show_value

_REASONS = {
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "åtgärden är inte tillåten",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.ENOENT: "filen eller mappen finns inte",
    errno.ENOTDIR: "en del av sökvägen är inte en mapp",
    errno.EISDIR: "det är en mapp, inte en fil",
    errno.EEXIST: "det finns redan något med det namnet",
    errno.ENAMETOOLONG: "namnet är för långt",
    errno.ELOOP: "för många symboliska länkar i rad",
    errno.EMFILE: "för många öppna filer",
    errno.EDQUOT: "lagringskvoten är slut",
    errno.EIO: "läs- eller skrivfel på disken",
    errno.EBUSY: "filen eller mappen används av ett annat program",
    errno.EXDEV: "mappen ligger på ett annat filsystem",
    errno.EADDRINUSE: "ett annat program använder den redan",
    errno.EADDRNOTAVAIL: "adressen finns inte på den här datorn",
}


def reason(error: OSError) -> str:
    """Why, in Swedish: the common causes by name, others by their errno code; an error with no
    code (Python raises some, such as "AF_UNIX path too long") by the system's own words."""
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    name = errno.errorcode.get(error.errno or 0)
    if name:
        return f"fel i filsystemet ({name})"
    said = error.strerror or (error.args[0] if len(error.args) == 1 and isinstance(error.args[0], str) else "")
    return f"okänt fel i filsystemet ({show_value(said, limit=120)})" if said else "okänt fel i filsystemet"


def as_build_error(error: OSError) -> BuildError:
    """`error` as the BuildError the command line reports with exit 1. Its hint does not say
    that the previous site is untouched: a full disk can also come after the new site was
    published, and the command line's last line says which."""
    where = f" {show_value(error.filename, limit=200)}" if error.filename else ""
    if error.errno == errno.ENOSPC:
        return BuildError("disk-full", f"Det gick inte att skriva{where}. Disken är full.",
                          "Frigör plats på disken och bygg igen.")
    cache = _cache_of(error.filename)
    if cache is not None and error.errno == errno.EIO:
        return BuildError("filesystem-failed", f"Det gick inte att läsa{where}: filen är skadad eller går inte att läsa från disken.",
                          f"Filen hör till Insyns minne av förra bygget. Ta bort mappen {show_value(cache, limit=200)} "
                          "och bygg igen: då blir det ett helt bygge.")
    return BuildError("filesystem-failed", f"Det gick inte att läsa eller skriva{where}: {reason(error)}.",
                      "Kontrollera att mappen finns och att du får läsa och skriva i den, och bygg igen.")


def _cache_of(filename: object) -> str | None:
    """The cache folder of Insyn's that holds `filename`, if any: what it holds can always be
    removed (the next build is then a full one), and a damaged file in it stays damaged."""
    if not isinstance(filename, str):
        return None
    path = PurePath(filename)
    return next((str(folder) for folder in path.parents if folder.name.endswith(outputs.CACHE_SUFFIX)), None)
