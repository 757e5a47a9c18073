"""A record read from one file, with the line of every value so problems can point at it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.load.text import escape

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """One YAML file or CSV row: plain data (dict/list/str/None) plus where each value stood."""

    file: str  # path relative to the data folder, with forward slashes
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    stem: str = ""  # the id, for one-entity-per-file folders

    def line_of(self, loc: Loc) -> int | None:
        """The line of `loc`, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while True:
            if loc in self.lines:
                return self.lines[loc]
            if not loc:
                return None
            loc = loc[:-1]


def field_name(loc: Loc) -> str:
    """`brister[1].krav`: dotted, list positions counted from 1 as staff count them; keys
    escaped, since they are the staff member's text and are printed in reports."""
    out = ""
    for part in loc:
        if part == "[key]":  # pydantic's mark for a mapping key that is wrong
            part = "[nyckel]"
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{escape(part)}" if out else escape(part))
    return out
