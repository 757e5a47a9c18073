"""The engine's input folder: content/ as the staff wrote it, the generated pages, the theme assets.

Generated pages never overwrite a hand-written one: a name clash stops the build, so
neither the staff's page nor the data's page silently disappears.

The folder may start as the last build's input (site.incremental keeps it): a file whose
bytes are already right stays, every other file is written anew or removed. A page found in
the last build's page sources comes as its hash (textmemo.Found): its file stays when its
bytes have that hash, and only otherwise is its text fetched. A rebuild after
one edit then writes a handful of its 11,500 pages instead of all of them, which was 4 to 5
seconds of a national rebuild while the writers filled the disk. Where the last build's
record says which file held that very text (its inode, size and time, incremental.staged_sources),
a file found so is not even read.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.memo import link
from generator.problems import BuildError
from generator.site import incremental, search, tree
from generator.site.config import THEME_DIR
from generator.textmemo import Found, texts_of


def stage(content_dir: Path, rendered: Mapping[str, bytes | Found], docs: Path,
          recorded: Mapping[str, tuple[str, list[int]]] | None = None) -> None:
    """Make `docs` hold exactly content/, then `rendered` (docs-relative path → UTF-8 text, as
    pipeline.page_sources_utf8 gives them), the search page and the theme's assets (which win over a file of content/
    with the same name). `recorded`: the pages the last build left in `docs`, as its record
    has them (incremental.staged_sources)."""
    content = _files_in(content_dir)
    taken = content.keys() | _folders_of(content)
    for rel in rendered:
        if rel in taken:
            raise BuildError("page-name-clash", f"Den handskrivna sidan content/{rel} har samma namn som en genererad sida.",
                             f"Byt namn på content/{rel}.")
    files: dict[str, Path | bytes] = dict(content)
    page, text = search.page(content.keys())
    files[page] = text.encode("utf-8")
    files.update(_files_in(THEME_DIR / "assets", prefix="assets/"))
    _fill(docs, files, rendered, recorded or {})


def _files_in(folder: Path, prefix: str = "") -> dict[str, Path]:
    """Every file under `folder`, through linked folders too (as shutil.copytree copies them)."""
    found: dict[str, Path] = {}
    if not folder.is_dir():
        return found
    for parent, _, names in os.walk(folder, followlinks=True):
        rel = os.path.relpath(parent, folder)
        start = prefix if rel == "." else prefix + rel.replace(os.sep, "/") + "/"
        found.update((start + name, Path(parent, name)) for name in names)
    return found


def _folders_of(files: Iterable[str]) -> set[str]:
    """The folders that hold `files` (a page cannot take a folder's name either)."""
    folders: set[str] = set()
    for rel in files:
        parts = rel.split("/")
        folders.update("/".join(parts[:depth]) for depth in range(1, len(parts)))
    return folders


def _fill(docs: Path, files: Mapping[str, Path | bytes], pages: Mapping[str, bytes | Found],
          recorded: Mapping[str, tuple[str, list[int]]]) -> None:
    """Remove what `docs` holds beyond `files` and `pages`, then write each file whose bytes
    differ (`files` win over `pages` of the same name). A link to a folder goes first (the link
    alone): written through, the pages went into someone's folder and its files were published.
    A file is removed before it is written, never written into: it may be linked to a published
    one. The pages are read one at a time,
    as they are written: their texts may be packed (site.packed). A page found in the last
    build is fetched only where its file does not hold it already, all of them at once."""
    docs.mkdir(parents=True, exist_ok=True)
    linked: set[str] = set()
    present = tree.files(docs, linked)
    for rel in linked:  # put into the kept input by hand
        (docs / rel).unlink()
    gone = present - files.keys() - pages.keys()
    for rel in gone:
        (docs / rel).unlink()
    _remove_emptied(docs, gone)
    folders = {os.fspath(docs)}
    to_fetch: list[tuple[Path, Found]] = []
    wanted = itertools.chain(((rel, pages[rel]) for rel in pages if rel not in files), files.items())
    for rel, source in wanted:
        target = docs / rel
        if rel in present:
            if _same(target, source, recorded.get(rel)):
                continue
            target.unlink()
        tree.make_folder_of(os.fspath(target), folders)
        if isinstance(source, Found):
            to_fetch.append((target, source))
        elif isinstance(source, bytes):
            target.write_bytes(source)
        else:
            shutil.copy2(source, target)
    for (target, _), (_, text) in zip(to_fetch, texts_of(found for _, found in to_fetch), strict=True):
        target.write_bytes(text.encode("utf-8"))


def _same(target: Path, source: Path | bytes | Found, recorded: tuple[str, list[int]] | None) -> bool:
    """Whether `target` holds `source` already (a page found in the last build: by its hash, or
    unread where the last build's record says it left that text in this very file)."""
    if isinstance(source, Found) and recorded is not None and recorded[0] == source.sha256 \
            and incremental.as_seen(target, recorded[1]):
        return True
    try:
        held = target.read_bytes()
    except OSError:
        return False
    if isinstance(source, Found):
        return hashlib.sha256(held).hexdigest() == source.sha256
    return held == (source if isinstance(source, bytes) else source.read_bytes())


def _remove_emptied(docs: Path, gone: Iterable[str]) -> None:
    """The folders of the files in `gone` that are empty now (folders are only ever made for
    files), deepest first, so that a folder whose folders all went goes too."""
    for folder in sorted(_folders_of(gone), key=lambda rel: rel.count("/"), reverse=True):
        try:
            (docs / folder).rmdir()
        except OSError:  # not empty
            pass


def add_files(files: Path, docs: Path, built: Path) -> None:
    """Open data and the reports, written in `files`, into the engine's input and the built site.

    A file of content/ with the same name stops the build: neither may silently replace the other."""
    if not files.is_dir():
        return
    folders: set[str] = set()
    # Paths as text: after the writers, on the rebuild's last path (as Path objects 0.1 s more).
    written, into_docs, into_site = os.fspath(files), os.fspath(docs), os.fspath(built)
    for rel in sorted(tree.files(files)):
        source, target = os.path.join(into_docs, rel), os.path.join(into_site, rel)
        if os.path.exists(source):
            raise BuildError("page-name-clash", f"Den handskrivna filen content/{rel} har samma namn som en fil som "
                             "bygget gör av datan.", f"Byt namn på content/{rel}.")
        tree.make_folder_of(source, folders)
        tree.make_folder_of(target, folders)
        os.replace(os.path.join(written, rel), source)
        link(source, target)  # nothing writes into these files again; the scratch copy goes
