"""A record read from one file, with the line of every value so problems can point at it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.load.text import escape

Loc = tuple[str | int, ...]
Link = tuple[Loc, str]

LINK_KEYS = frozenset({"url", "webbplats"})


@dataclass(frozen=True)
class Document:
    """One YAML file or CSV row: plain data (dict/list/str/None) plus where each value stood."""

    file: str  # path relative to the data folder, with forward slashes
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    stem: str = ""  # the id, for one-entity-per-file folders

    def links(self) -> tuple[Link, ...]:
        """Every text under a key named url or webbplats, with its place: what the rule on links
        into the site asks of every file (validate.rules), kept for a remembered one."""
        return tuple((loc, text) for loc, text in text_values(self.data) if loc and loc[-1] in LINK_KEYS)

    def line_of(self, loc: Loc) -> int | None:
        """The line of `loc`, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while True:
            if loc in self.lines:
                return self.lines[loc]
            if not loc:
                return None
            loc = loc[:-1]


def text_values(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string inside parsed YAML, with its path of keys and indexes."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_values(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from text_values(item, (*loc, i))


def field_name(loc: Loc) -> str:
    """`brister[1].krav`: dotted, list positions counted from 1 as staff count them; keys
    escaped, since they are the staff member's text and are printed in reports."""
    out = ""
    for part in loc:
        if part == "[key]":  # pydantic's mark for a mapping key that is wrong
            part = "[nyckel]"
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{escape(part)}" if out else escape(part))
    return out
