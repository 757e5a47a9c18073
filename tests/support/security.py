"""Helpers for the security tests: plant values in a dataset, read every output byte.

Kept apart from the tests so the markup and leak tests share one notion of "the site's
structure" and "every byte the build produced".
"""

from __future__ import annotations

import gzip
import io
import re
import unicodedata
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

# Where hostile text is planted: (file in the minimal fixture, path inside the YAML).
TEXT_FIELDS: list[tuple[str, tuple[Any, ...]]] = [
    ("utforare/fjallvarden.yaml", ("namn",)),
    ("utforare/fjallvarden.yaml", ("koncern",)),
    ("utforare/fjallvarden.yaml", ("beskrivning",)),
    ("utforare/halsocentralen-centrum.yaml", ("tjanster", 0)),
    ("utforare/halsocentralen-centrum.yaml", ("oppettider", 0, "dagar")),
    ("avtal/lov-fjallvarden.yaml", ("krav", 0, "beskrivning")),
    ("avtal/lov-fjallvarden.yaml", ("dokument", 0, "titel")),
    ("avtal/lov-fjallvarden.yaml", ("diarienummer",)),
    ("uppfoljningar/2025/vb-fjallvarden-2025.yaml", ("sammanfattning",)),
    ("uppfoljningar/2025/vb-fjallvarden-2025.yaml", ("granskare",)),
    ("uppfoljningar/2025/vb-fjallvarden-2025.yaml", ("kommentar_utforare",)),
    ("uppfoljningar/2025/vb-fjallvarden-2025.yaml", ("brister", 0, "beskrivning")),
    ("uppfoljningar/2025/vb-fjallvarden-2025.yaml", ("brister", 0, "paverkan")),
    ("uppfoljningar/2025/vb-fjallvarden-2025.yaml", ("handlingsplan", "atgarder", 0, "beskrivning")),
    ("uppfoljningar/2025/vb-fjallvarden-2025.yaml", ("redovisad", "organ")),
    ("uppfoljningar/2025/vb-fjallvarden-2025.yaml", ("dokument", 0, "titel")),
    ("nyckeltal.yaml", (0, "namn")),
    ("nyckeltal.yaml", (0, "beskrivning")),
    ("region.yaml", ("mal", 0, "namn")),
    ("region.yaml", ("verksamhetsomraden", 0, "beskrivning")),
]


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def set_value(data: Any, path: tuple[Any, ...], value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def plant(dataset: Path, values: list[str]) -> None:
    """Write values[i] into TEXT_FIELDS[i] of a copy of the minimal dataset."""
    docs: dict[str, Any] = {}
    for (file, path), value in zip(TEXT_FIELDS, values, strict=False):
        doc = docs.setdefault(file, _load(dataset / file))
        set_value(doc, path, value)
    for file, doc in docs.items():
        (dataset / file).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def as_shown(value: str) -> str:
    """What a reader should see: NFC, trimmed, whitespace collapsed as HTML collapses it."""
    return " ".join(unicodedata.normalize("NFC", value).split())


class _Shape(HTMLParser):
    """Every element and attribute name, every link target and every text node of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: Counter[tuple[str, tuple[str, ...]]] = Counter()
        self.targets: Counter[str] = Counter()
        self.text: list[str] = []
        self.title: list[str] = []
        self._in_title = False
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements[(tag, tuple(sorted(name for name, _ in attrs)))] += 1
        for name, value in attrs:
            if name in {"href", "src", "action", "srcset", "formaction", "xlink:href"} and value:
                self.targets[value] += 1
        self._in_title = tag == "title"
        if tag in {"script", "style"}:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        if not self._skip:
            self.text.append(data)


def shape(html: str) -> _Shape:
    parser = _Shape()
    parser.feed(html)
    parser.close()
    return parser


def html_pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def every_byte(root: Path) -> list[tuple[str, bytes]]:
    """(where, bytes) for every file below root, with gzip and zip members opened up, and
    every file and folder name as bytes of its own."""
    found: list[tuple[str, bytes]] = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        found.append((f"name:{rel}", rel.encode()))
        if path.is_file():
            found.extend(_expand(rel, path.read_bytes()))
    return found


def _expand(where: str, data: bytes) -> list[tuple[str, bytes]]:
    out = [(where, data)]
    if data[:2] == b"\x1f\x8b":
        out.extend(_expand(where + "!gunzip", gzip.decompress(data)))
    elif data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                out.append((f"{where}!name:{name}", name.encode()))
                out.extend(_expand(f"{where}!{name}", archive.read(name)))
    return out


def leaks(chunks: list[tuple[str, bytes]], secrets: list[str]) -> list[str]:
    """Where any secret occurs, in plain, lower-case or HTML/JSON/URL-escaped form."""
    found = []
    for secret in secrets:
        forms = {secret, secret.lower(), secret.upper()}
        patterns = [re.escape(f).encode() for f in forms]
        for where, data in chunks:
            lowered = data.lower()
            if any(re.search(p.lower(), lowered) for p in patterns):
                found.append(f"{secret!r} i {where}")
    return found
