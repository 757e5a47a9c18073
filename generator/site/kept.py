"""The pages the next rebuild starts from, kept in the cache: the site a rebuild replaced, or a full build's own.

After publishing, the scratch folder holds the site this build replaced, and most of its pages
are the published pages themselves: hard links made when they were reused
(incremental.reuse_into). A national rebuild made 11,500 such links in a new folder every
time (with a folder for each: 1.4-2.4 s of CPU beside the engine) and the next build removed
the old folder's 26,000 files (0.7 s). Kept, that folder becomes the next rebuild's site
folder, with those links already in place.

A file in it stays only if this build reuses the page and the file *is* the published one
(the same device and inode). Everything else is moved out of the folder before the engine
writes anything, in two steps: while the pages are made, all but the last build's pages that
are the published ones (`sorted_out`); once the build knows what it reuses, the few of those it
does not (`taken`). The engine, post-processing and the search index write only files the
build makes, and none of them may meet a link to a published file there (writing into it
would change the published site, even if the build then failed). A full build starts from
an empty folder, and shares no file with the site it replaced: it links its own finished
pages into its scratch folder instead (`linked`), which are the published pages once it has
published, and keeps those. So the first rebuild after it starts from them too (national:
11,500 pages not linked in beside its engine).
"""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Collection, Iterable
from pathlib import Path

from generator.site import incremental

NAME = "forra-webbplatsen"
_AWAY = "forra-webbplatsens-rester"  # in the scratch folder: goes with it (site.aside)
OWN = "egna-sidor"  # in a full build's scratch folder: its pages, linked, to be kept


def linked(scratch: Path, built: Path, pages: Iterable[str]) -> None:
    """A full build's finished `pages` (site-relative HTML paths of `built`) linked into
    `scratch / OWN`, for `put` once `built` is published. Called when no later stage writes
    into them: they are the pages as published. Links only: a copy could never be kept (it is
    not the published file), so where a link cannot be made the rest is left, and the next
    rebuild links in what it lacks itself, as it does after a failed move in `put`."""
    try:
        incremental.reuse_into(scratch / OWN, built, pages, copies=False)
    except OSError:
        return


def put(out: Path, replaced: Path) -> None:
    """After publishing: the site the build replaced (`replaced`, in its scratch folder; a full
    build's own pages, `linked`) kept in the cache of `out`. Where the cache is not Insyn's, or
    the move fails, it goes with the scratch folder as before."""
    folder = incremental.cache_dir(out)
    if not incremental.ours(folder) or replaced.is_symlink() or not replaced.is_dir():
        return
    try:
        os.rename(replaced, folder / NAME)
    except OSError:
        return


def sorted_out(out: Path, scratch: Path, built: Path) -> frozenset[str]:
    """The kept site moved to `built` (not there yet), holding only the last build's pages (by
    its record) that are the published ones in `out`; returns those. Whatever else the folder
    held is moved into `scratch`, to go with it. Called under the build's lock while the pages
    are made (beside them at scale: national, 0.25 s alone and 0.5 s beside the writers, before
    the engine could start), and followed by `taken` before the engine. Without a kept site or
    a record, or when the folder cannot be sorted out, `built` is not made here."""
    folder = incremental.cache_dir(out)
    kept = folder / NAME
    if not incremental.ours(folder) or kept.is_symlink() or not kept.is_dir():
        return frozenset()
    away = scratch / _AWAY
    try:
        away.mkdir()
        os.rename(kept, away / NAME)  # out of the cache at once: a failed build takes it along
        pages = incremental.recorded_pages(out)
        if not pages:
            return frozenset()
        os.rename(away / NAME, built)
    except OSError:
        return frozenset()
    try:
        in_place = frozenset(_pruned(built, out, pages, away))
    except OSError:
        in_place = frozenset()  # never half sorted out: the build starts empty
    if not in_place:
        os.rename(built, away / "halvt-genomgangen")
    return in_place


def taken(scratch: Path, built: Path, published: frozenset[str], reuse: Collection[str] | None) -> set[str]:
    """Of the pages `sorted_out` left in `built` (`published`), those this build reuses
    (`reuse`: site-relative HTML paths; None in a full build, which starts empty); returns them.
    The others go into `scratch` before the engine writes anything."""
    if not published:
        return set()
    away = scratch / _AWAY
    if reuse is None:
        os.rename(built, away / "helt-bygge")
        return set()
    try:
        for number, html in enumerate(sorted(published.difference(reuse))):
            os.rename(built / html, away / f"sida-{number}")
            _without_empty_folders(built, (built / html).parent)
    except OSError:
        os.rename(built, away / "halvt-genomgangen")
        return set()
    return set(published.intersection(reuse))


def _without_empty_folders(built: Path, folder: Path) -> None:
    """The folders a page moved out left empty, removed up to `built`: a page removed from the
    data leaves no empty folder in the site (a full build makes none)."""
    while folder != built:
        try:
            os.rmdir(folder)  # only an empty one
        except OSError:
            return
        folder = folder.parent


def _pruned(built: Path, out: Path, reuse: frozenset[str], away: Path) -> set[str]:
    """Keep in `built` only the files of `reuse` that are the published ones; move everything
    else into `away`, a folder at a time where no page of `reuse` is in it."""
    folders = {"/".join(parts[:depth]) for parts in (html.split("/") for html in reuse) for depth in range(1, len(parts))}
    in_place: set[str] = set()
    numbers = itertools.count()
    todo = [""]
    while todo:
        prefix = todo.pop()
        with os.scandir(built / prefix) as entries:
            listed = list(entries)
        for entry in listed:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if rel in folders:
                    todo.append(rel + "/")
                    continue
            elif rel in reuse and _same_file(entry, out / rel):
                in_place.add(rel)
                continue
            os.rename(entry.path, away / str(next(numbers)))
    return in_place


def _same_file(entry: os.DirEntry[str], published: Path) -> bool:
    """Whether `entry` is the published file itself (a hard link to it), not a copy or a link by name."""
    try:
        mine = entry.stat(follow_symlinks=False)
        theirs = os.stat(published, follow_symlinks=False)
    except OSError:
        return False
    return stat.S_ISREG(mine.st_mode) and (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino)
