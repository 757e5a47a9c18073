"""The reports' PDF layouts kept for the rest of a test run.

Two thirds of a minimal build's CPU is WeasyPrint laying out its two reports, and a run builds
the minimal dataset some hundred times, mostly unchanged. A layout is a pure function of the
report's HTML and style (rapport.pdf.pdf_bytes; two builds of the same data are byte for byte
the same), so the same HTML and style laid out once in a run are taken from here after that.
Any other document or style is laid out by WeasyPrint. Kept as files: the builds lay out in
forked writers. Tests that watch WeasyPrint itself carry the marker `layout_each_time`.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

LayOut = Callable[[str, str], bytes]


def kept_in(folder: Path, lay_out: LayOut) -> LayOut:
    """`lay_out`, with each result kept in `folder` under the digest of its style and HTML."""

    def laid_out(html: str, css: str) -> bytes:
        kept = folder / (hashlib.sha256(f"{css}\0{html}".encode()).hexdigest() + ".pdf")
        if kept.is_file():
            return kept.read_bytes()
        made = lay_out(html, css)
        handle, partial = tempfile.mkstemp(dir=folder)  # whole or not at all: another writer may read it
        with os.fdopen(handle, "wb") as out:
            out.write(made)
        os.replace(partial, kept)
        return made

    return laid_out
