"""The program one report's PDF is laid out in: the JSON of pdfkalla on standard input, the PDF
on standard output, Typst's own message on standard error when it fails.

A program of its own, run by rapport.pdf, because Typst's runtime starts threads that a
forked process does not have: the build forks its writers, and a layout in a process
forked after Typst had run in its parent waited for ever. Run as a file, not as a module of
the package, so that it imports Typst and nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import typst

TEMPLATE = Path(__file__).with_name("rapport.typ")
# Typst's words when PDF/UA-1 stops at a character that no font here can show.
NO_GLYPH = "could not be displayed with font"


def _compiled(source: str, when: dt.datetime, ua: bool) -> bytes:
    made = typst.compile(str(TEMPLATE), root=str(TEMPLATE.parent), sys_inputs={"dok": source},
                         pdf_standards="ua-1" if ua else None, timestamp=when)
    assert isinstance(made, bytes)  # one PDF, returned when no output file is given
    return made


def _laid_out(source: str) -> bytes:
    """The PDF/UA-1, or where a character no font here has stops it (valid data may hold any
    text, and PDF/UA-1 requires every character to be shown) a PDF that does not claim it,
    tagged all the same."""
    skapad = dt.date.fromisoformat(json.loads(source)["skapad"])
    when = dt.datetime(skapad.year, skapad.month, skapad.day, tzinfo=dt.UTC)
    try:
        return _compiled(source, when, ua=True)
    except typst.TypstError as error:
        if NO_GLYPH not in error.message:
            raise
        return _compiled(source, when, ua=False)


def main() -> int:
    try:
        made = _laid_out(sys.stdin.buffer.read().decode("utf-8"))
    except typst.TypstError as error:
        sys.stderr.write(f"{error.message}\n{error.diagnostic}\n")
        return 1
    sys.stdout.buffer.write(made)
    return 0


if __name__ == "__main__":
    sys.exit(main())
