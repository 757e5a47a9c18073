"""Bytes to text: UTF-8 with or without BOM, and a clear word when a file is not."""

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
