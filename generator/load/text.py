"""Bytes to text: UTF-8 with or without BOM, and a clear word when a file is not; and text
from the files (names, keys) made safe to print."""

from __future__ import annotations

from generator.problems import Problem


def decode_utf8(raw: bytes, file: str) -> tuple[str, Problem | None]:
    """Decode UTF-8 (BOM allowed). A file saved as Windows-1252 or Latin-1 gets a fix hint."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", Problem(
            file, 1, "encoding", "", "Filen är sparad som UTF-16 (i Excel kallat Unicode-text), inte UTF-8.",
            "Spara om filen som UTF-8. I Excel: Spara som → CSV UTF-8 (kommaavgränsad).",
        )
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return "", Problem(
            file, line, "encoding", "",
            "Filen är inte sparad som UTF-8 (den ser ut att vara sparad som Windows-1252 eller Latin-1, t.ex. från Excel).",
            "Spara om filen som UTF-8. I Excel: Spara som → CSV UTF-8 (kommaavgränsad). I en texteditor: välj kodning UTF-8.",
        )


def escape(text: str) -> str:
    """Text safe to print on one line: every control, format or unpaired character as \\uXXXX,
    so a newline or a bidi override in a file name or key cannot forge or hide a report line."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)
