"""Bytes to text: UTF-8 with or without BOM, and a clear word when a file is not; and text
from the files (names, keys) made safe to print."""

from __future__ import annotations

from generator.problems import Problem


def decode_utf8(raw: bytes, file: str) -> tuple[str, Problem | None]:
    """Decode UTF-8 (BOM allowed). A file saved as Windows-1252 or Latin-1 gets a fix hint."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", Problem.of("encoding", file, 1, variant="utf-16")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return "", Problem.of("encoding", file, line)


def escape(text: str) -> str:
    """Text safe to print on one line: every control, format or unpaired character as \\uXXXX,
    so a newline or a bidi override in a file name or key cannot forge or hide a report line."""
    if text.isprintable():  # nearly every name: one pass in C instead of one call per character
        return text
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)
