"""Whether a build had published its new site when it stopped, so that what it says is true.

After the swap (publish.swap_in) a build still keeps what the next build starts from and
removes what it set aside. Stopped there (Ctrl+C, a CI timeout's SIGTERM, a full disk), it
used to say that the previous site was untouched, while the new one was already in place.
The exception that stops it is marked with where the site was published; the command line
asks `published_in` before it says anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.site import publish

_MARK = "insyn_publicerad_i"


class Publication:
    """The swap of one build, and whether it has been made."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.done = False

    def swap_in(self, new: Path) -> None:
        publish.swap_in(new, self.out)
        self.done = True


@contextmanager
def publication(out: Path) -> Iterator[Publication]:
    """Around all of a build: whatever stops it once `swap_in` has been made is marked with
    `out` and raised as it was (its type unchanged, so Ctrl+C still stops a preview)."""
    made = Publication(out)
    try:
        yield made
    except BaseException as error:
        if made.done:
            setattr(error, _MARK, out)
        raise


def published_in(error: BaseException) -> Path | None:
    """Where the new site had been published before `error`, or the error it was raised from
    (click turns Ctrl+C into its own Abort), stopped the build; None when nothing was."""
    seen: BaseException | None = error
    for _ in range(10):  # a chain of causes is short; never walk a loop
        if seen is None:
            return None
        out = getattr(seen, _MARK, None)
        if isinstance(out, Path):
            return out
        seen = seen.__cause__ or seen.__context__
    return None
