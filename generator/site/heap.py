"""Memory the build has let go of, handed back to the system.

CPython frees a large string to the C allocator, which keeps the pages for later instead of
returning them; the build's peak memory then counts text it no longer holds. After the page
sources (about 300 MB at national size) are written to the engine's input folder, glibc's
`malloc_trim` returns what is free, before the engine, the post-processing pool and the
search index add their own memory. Elsewhere (another C library) it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable


@functools.cache
def _trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
    except OSError:
        return None
    trim = getattr(libc, "malloc_trim", None)
    return trim if callable(trim) else None


def give_back() -> None:
    """Return the allocator's free memory to the system where it can (what was let go of
    without a reference cycle is free already: no garbage collection is needed first)."""
    trim = _trim()
    if trim is not None:
        trim(0)
