"""Memory the build has let go of, handed back to the system; no collector while data is read,
and none for what the build holds while the pages are made.

CPython frees a large string to the C allocator, which keeps the pages for later instead of
returning them; the build's peak memory then counts text it no longer holds. After the page
sources (about 300 MB at national size) are written to the engine's input folder, glibc's
`malloc_trim` returns what is free, before the engine, the post-processing pool and the
search index add their own memory. Elsewhere (another C library) it does nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from generator.site import libc


def give_back() -> None:
    """Return the allocator's free memory to the system where it can (what was let go of
    without a reference cycle is free already: no garbage collection is needed first)."""
    trim = libc.function("malloc_trim")
    if trim is not None:
        trim(0)


# Whether the objects alive are frozen for the collector (gc.freeze), by this process or the one
# it was forked from (a child inherits both). Kept here because gc.get_freeze_count counts the
# frozen objects one by one (CPython 3.11): a national rebuild's million, about 20 ms a question,
# asked before every fork and in every child.
_frozen = False


def frozen() -> bool:
    """Whether the build's objects are frozen (`freeze`): a collection walks none of them."""
    return _frozen


def freeze() -> None:
    """Freeze every object alive for the collector (gc.freeze), noted for `frozen`."""
    global _frozen
    gc.freeze()
    _frozen = True


def unfreeze() -> None:
    """Give every frozen object back to the collector's oldest generation (gc.unfreeze)."""
    global _frozen
    gc.unfreeze()
    _frozen = False


@contextmanager
def no_collection() -> Iterator[None]:
    """No cyclic garbage collection within the block (as it was before, after it).

    Reading and checking the data makes hundreds of thousands of objects that all stay alive,
    and each full collection walks every one made so far: at national size, a third of the
    reading and half of the checking (reading 4.0 -> 2.5 s, checking the models 2.5 -> 1.2 s).
    Records hold no reference cycles; what garbage the block leaves in cycles (a failed
    model's exception) is collected by the first full collection after it. Processes forked
    within the block inherit the setting.

    What the block made and still holds goes straight to the oldest generation, as if it had
    survived two collections already: else the first two young collections after the block
    each walk all of it (a national rebuild: 0.6 s each, a million objects). A workbook's
    cells, kept until the file is written, are the same kind of load (writers)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        _to_oldest()
        if was_enabled:
            gc.enable()


@contextmanager
def collecting_only_new() -> Iterator[None]:
    """Cyclic garbage collection within the block for the objects it makes, never for those the
    build holds when it begins (frozen, gc.freeze): a full collection walked all of them, the
    catalog's and the memo's, for the few hundred cycles a rebuild's pages leave (a national
    rebuild: three, 0.5 s). Unlike `no_collection`, the cycles the pages make are still
    collected: rendering every national page without the collector left 1.3 million objects
    and 230 MB of garbage. Within a block already frozen (a forked child keeps its parent's
    frozen for good), as it is."""
    if _frozen:
        yield
        return
    freeze()
    try:
        yield
    finally:
        unfreeze()


def _to_oldest() -> None:
    """Every object the collector follows into its oldest generation (freeze moves all of
    them to the permanent one, unfreeze from there to the oldest). Not while objects are
    frozen: a forked child keeps its parent's frozen for good (site.parallel), where its
    collector never walks them and so never copies the memory they are in."""
    if _frozen:
        return  # frozen for a fork that is still under way: leave them as they are
    gc.freeze()  # and back at once: `_frozen` is as it was
    gc.unfreeze()


# What a Held left to the system (`Held(left_to_exit=True)`): kept for the life of the process.
_LEFT: list[object] = []


class Held:
    """What the build holds but no longer needs, let go of where it waits anyway (`let_go`) and
    frozen for the collector until then (`freeze`): a national rebuild's catalog is a million
    objects, 0.27 s to let go of at once (the pages they are on shared with the writers, copied
    first), what it read 0.12 s more, and each full collection the engine makes would walk
    them all (0.28 s more for it).

    Where the process ends with the build (`left_to_exit`: the `insyn build` program, which
    then ends without tearing down, cli.run), letting go is work for nothing: what is held
    stays, frozen, and the system takes the memory back with the process. The 0.4 s of CPU
    it took were spent while the search index and open data's writer, the rebuild's last
    work, needed both cores."""

    def __init__(self, left_to_exit: bool = False) -> None:
        self._objects: list[object] = []
        self._froze = False
        self._left_to_exit = left_to_exit

    def add(self, value: object) -> None:
        self._objects.append(value)

    def freeze(self) -> None:
        """Freeze what is held (and all else alive now), unless the build is frozen already."""
        if self._objects and not _frozen:
            freeze()
            self._froze = True

    def let_go(self) -> None:
        """Let go of what is held, and unfreeze what `freeze` froze (also when the build fails;
        a second call does nothing). Left to exit: kept, still frozen, for the process's life."""
        if not self._objects and not self._froze:
            return
        if self._left_to_exit:
            _LEFT.append(self._objects)
            self._objects, self._froze = [], False
            return
        self._objects.clear()
        if self._froze:
            unfreeze()
            self._froze = False
        give_back()
