"""Calls into the C library that the build makes where the system offers them (glibc on
Linux): memory handed back (heap), two folders swapped in one step (publish). None is needed
for a correct build, so where one is missing the caller does without."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable
from typing import Any


@functools.cache
def function(name: str) -> Callable[..., Any] | None:
    """The C library's function `name` (errno kept for ctypes.get_errno), or None."""
    try:
        library = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    except OSError:
        return None
    found = getattr(library, name, None)
    return found if callable(found) else None
