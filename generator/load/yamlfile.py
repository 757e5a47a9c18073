"""YAML read so that nothing is guessed, and so that no file can make Insyn hang.

PyYAML's resolver would turn `NO` into False, `01234` into 668 and `12:30` into 750. We
never resolve or construct: the data is built straight from the parser's event stream, so
every scalar stays the string the staff member wrote (plain `null`/`~`/empty become None)
and the models decide types. Building from events is also what keeps hostile files cheap:
anchors and aliases are refused at the first one (no "billion laughs" expansion), nesting
and the number of values are counted as they stream past, and nothing recurses.
Duplicate keys and explicit tags such as `!!python/object` are problems.

Two parsers, one answer. libyaml (PyYAML's C parser, when PyYAML was built with it) reads
first, for speed alone; its events go to the same builder, under the same limits. Its answer
is taken only for a file it reads to the end without a single problem. On any error, limit or
problem, and for the few constructs libyaml reads more leniently, the pure-Python parser
reads the file and its answer is the one given: every code, line and Swedish message is the
pure parser's, on every machine, with libyaml or without.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

import yaml
from yaml import events as ev

from generator.load.document import Document, Loc, field_name
from generator.load.files import too_large
from generator.load.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, MAX_TEXT_CHARS
from generator.load.text import decode_utf8
from generator.load.yamlmessages import in_swedish
from generator.problems import Problem, show_value

# Issue 10 chose the pure parser alone: libyaml may be absent, it stops deep nesting with its
# own English message, and only the pure parser's messages are a fixed set that yamlmessages.py
# says in Swedish. All three still hold, since the pure parser decides whenever anything is
# wrong. libyaml reads first because it is about six times faster: the national dataset's
# 11,500 files take 2.5 s instead of 15. It yields events as it parses, so MAX_DEPTH and
# MAX_NODES stop a hostile file first; only on a line of a thousand [ (it looks a line ahead for
# a key, as the pure scanner does) does its own limit of 1000 speak, and that too just hands
# the file to the pure parser.
_PURE = yaml.SafeLoader
_LIBYAML: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None) if yaml.__with_libyaml__ else None
# libyaml takes a tab for a space between tokens, skips a BOM at the start of any line and
# allows a comment right after | or >, where the pure parser refuses all three.
_NOT_FOR_LIBYAML = re.compile(r"[\t\ufeff]|[|>][-+0-9]*#")
_ALLOWED_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_NULLS = {"", "~", "null", "Null", "NULL"}


def _line(event: ev.Event) -> int:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else 1


class _Stop(Exception):
    """The file cannot be read further; the problem says why."""

    def __init__(self, problem: Problem):
        self.problem = problem


class _Builder:
    """Event stream → plain data, collecting problems and the line of every value."""

    def __init__(self, file: str):
        self.file = file
        self.lines: dict[Loc, int] = {}
        self.problems: list[Problem] = []
        self.count = 0
        # Each open collection: [container, its loc (None inside a key), pending key of a mapping]
        self.stack: list[list[Any]] = []
        self.root: Any = None
        self.done = False

    def stop(self, event: ev.Event, code: str, variant: str = "", **params: object) -> None:
        raise _Stop(Problem.of(code, self.file, _line(event), "", None, variant=variant, **params))

    def problem(self, line: int, code: str, field: str = "", variant: str = "", **params: object) -> None:
        self.problems.append(Problem.of(code, self.file, line, field, None, variant=variant, **params))

    def feed(self, event: ev.Event) -> None:
        if isinstance(event, (ev.StreamStartEvent, ev.StreamEndEvent, ev.DocumentEndEvent)):
            return
        if isinstance(event, ev.DocumentStartEvent):
            if self.done:
                self.stop(event, "yaml-syntax", "flera-dokument")
            return
        if isinstance(event, ev.AliasEvent) or getattr(event, "anchor", None) is not None:
            self.stop(event, "yaml-alias")
        self.count += 1
        if self.count > MAX_NODES:
            self.stop(event, "yaml-too-large", max=MAX_NODES)
        if isinstance(event, (ev.SequenceEndEvent, ev.MappingEndEvent)):
            self.place(self.stack.pop()[0], event, closing=True)
            return
        tag = getattr(event, "tag", None)
        if tag not in _ALLOWED_TAGS:
            self.problem(_line(event), "yaml-tag", self.field_here(), tagg=show_value(tag))
        if isinstance(event, ev.ScalarEvent):
            self.place(self.scalar(event, tag), event)
        elif isinstance(event, (ev.SequenceStartEvent, ev.MappingStartEvent)):
            if len(self.stack) >= MAX_DEPTH:
                self.stop(event, "yaml-too-deep", max=MAX_DEPTH)
            container: Any = [] if isinstance(event, ev.SequenceStartEvent) else {}
            loc = self.child_loc()
            if loc is not None:
                self.lines.setdefault(loc, _line(event))
            self.stack.append([container, loc, None])

    def scalar(self, event: ev.ScalarEvent, tag: str | None) -> str | None:
        value = str(event.value)
        if event.style in (None, "") and tag is None and value in _NULLS:
            return None
        if len(value) > MAX_TEXT_CHARS:
            self.problem(_line(event), "value-too-long", self.field_here(), langd=len(value), max=MAX_TEXT_CHARS)
            value = value[:MAX_TEXT_CHARS]
        return unicodedata.normalize("NFC", value)

    def child_loc(self) -> Loc | None:
        """Where the next value goes; None while it is a mapping key."""
        if not self.stack:
            return ()
        container, loc, key = self.stack[-1]
        if loc is None:  # inside a collection used as a key: reported, not kept
            return None
        if isinstance(container, list):
            return (*loc, len(container))
        if key is None:
            return None
        return None if key is _INVALID else (*loc, key)

    def field_here(self) -> str:
        loc = self.child_loc()
        if loc is None and self.stack:
            loc = self.stack[-1][1]
        return field_name(loc or ())

    def place(self, value: Any, event: ev.Event, closing: bool = False) -> None:
        line = _line(event)
        if not self.stack:
            self.root, self.done = value, True
            self.lines.setdefault((), line)
            return
        top = self.stack[-1]
        container, loc, key = top
        if isinstance(container, list):
            if not closing and loc is not None:
                self.lines.setdefault((*loc, len(container)), line)
            container.append(value)
            return
        if key is None:  # this value is a key
            if closing or not isinstance(value, str) or value == "":
                self.problem(line, "yaml-key")
                top[2] = _INVALID
            elif value == "<<":
                self.problem(line, "yaml-alias", variant="sammanslagning")
                top[2] = _INVALID
            elif value in container:
                first = self.lines.get((*loc, value), "?") if loc is not None else "?"
                self.problem(line, "yaml-duplicate-key", field_name((*(loc or ()), value)), nyckel=show_value(value),
                             forsta_rad=first)
                top[2] = _INVALID
            else:
                top[2] = value
                if loc is not None:
                    self.lines[(*loc, value)] = line
            return
        if key is not _INVALID:
            container[key] = value
        top[2] = None


_INVALID = object()  # marks a key whose value is read but dropped


def _syntax_problem(file: str, text: str, error: yaml.YAMLError) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        at = text[: error.position].count("\n") + 1
        return Problem.of("control-character", file, at, value=f"\\u{error.character:04x}" if isinstance(error.character, int) else None,
                          variant="yaml")
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line: int | None = mark.line + 1 if mark is not None else None
    message = str(getattr(error, "problem", "") or error)
    lines = text.splitlines()
    here = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "\t" in here[: len(here) - len(here.lstrip())] or "\\t" in message or (
            "\t" in here and "cannot start any token" in message):
        return Problem.of("yaml-tab", file, line)
    said = in_swedish(getattr(error, "context", None), getattr(error, "problem", None))
    return Problem.of("yaml-syntax", file, line, fel=said)


def _for_libyaml(text: str) -> bool:
    """Whether libyaml may read the text first: not when the parsers would read it differently
    (_NOT_FOR_LIBYAML), nor when its last line has no line break (libyaml ends that line, so a
    value at the very end gets a line one lower)."""
    return text.endswith("\n") and not _NOT_FOR_LIBYAML.search(text)


class _Unsure(Exception):
    """libyaml reached something it reads more leniently than the pure parser."""


def _agreed(events: Iterable[ev.Event]) -> Iterator[ev.Event]:
    """libyaml's events while they are ones the pure parser would give too. libyaml (since
    0.2.5) ends a tag at , [ or ] and lets a plain value inside [ ] or { } hold a ?, where the
    pure parser reads on or stops; a tag, or such a value, hands the file to the pure parser."""
    flow = 0  # open [ ] and { }; no block collection opens inside one
    for event in events:
        if getattr(event, "tag", None) is not None:
            raise _Unsure
        if isinstance(event, ev.CollectionStartEvent) and (flow or event.flow_style):
            flow += 1
        elif isinstance(event, ev.CollectionEndEvent) and flow:
            flow -= 1
        elif flow and isinstance(event, ev.ScalarEvent) and not event.style and "?" in event.value:
            raise _Unsure
        yield event


def _read_with_libyaml(text: str, file: str, loader: type[yaml.CSafeLoader]) -> Document | None:
    """The Document libyaml reads without a problem, or None: then the pure parser decides."""
    builder = _Builder(file)
    try:
        for event in _agreed(yaml.parse(text, Loader=loader)):
            builder.feed(event)
    except Exception:  # a syntax error, a limit, _Unsure, anything from the C side: the pure parser says
        return None
    if builder.problems or not builder.done:
        return None
    return Document(file, builder.root, builder.lines)


def _read_with_pure_parser(text: str, file: str) -> tuple[Document | None, list[Problem]]:
    builder = _Builder(file)
    try:
        for event in yaml.parse(text, Loader=_PURE):
            builder.feed(event)
    except _Stop as stopped:
        return None, [*builder.problems, stopped.problem]
    except yaml.YAMLError as error:
        return None, [*builder.problems, _syntax_problem(file, text, error)]
    except ValueError:  # the pure scanner's chr() on an escape past U+10FFFF, such as "\U00110000"
        return None, [*builder.problems, _beyond_unicode(file, text)]
    if not builder.done:
        return None, [Problem.of("yaml-empty", file, 1)]
    return Document(file, builder.root, builder.lines), builder.problems


_ESCAPE = re.compile(r"\\U([0-9A-Fa-f]{8})")


def _beyond_unicode(file: str, text: str) -> Problem:
    """The line of the first \\U escape that names no Unicode character."""
    at = next((m for m in _ESCAPE.finditer(text) if int(m.group(1), 16) > sys.maxunicode), None)
    line = text[: at.start()].count("\n") + 1 if at else None
    return Problem.of("yaml-syntax", file, line, fel=_NO_SUCH_CHARACTER)


_NO_SUCH_CHARACTER = "en teckenkod (\\U och åtta siffror) pekar på ett tecken som inte finns; skriv tecknet som det är"


_REMEMBERED_BYTES = 64 * 1024


def read_yaml(raw: bytes, file: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file to a Document; problems instead of exceptions.

    Parsing is the slowest part of reading, and `insyn serve` rebuilds in the same process
    after every edit: each unchanged file of ordinary size is parsed only once (what this
    returns is never changed by its callers)."""
    return _remembered(raw, file) if len(raw) <= _REMEMBERED_BYTES else parse_yaml(raw, file)


@functools.lru_cache(maxsize=16384)
def _remembered(raw: bytes, file: str) -> tuple[Document | None, list[Problem]]:
    return parse_yaml(raw, file)


def parse_yaml(raw: bytes, file: str, libyaml: bool = True) -> tuple[Document | None, list[Problem]]:
    """read_yaml without remembering; libyaml=False reads with the pure parser alone, which
    gives the same answer (tests compare the two)."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [too_large(file, len(raw))]
    text, problem = decode_utf8(raw, file)
    if problem:
        return None, [problem]
    if libyaml and _LIBYAML is not None and _for_libyaml(text):
        doc = _read_with_libyaml(text, file, _LIBYAML)
        if doc is not None:
            return doc, []
    return _read_with_pure_parser(text, file)
