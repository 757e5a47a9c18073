"""Page texts held compressed until they are staged: a first build at scale makes 160 MB of
them (UTF-8) before the first is written, at the build's peak (pipeline._apart)."""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Mapping

# zlib's fastest level: the pages' HTML shrinks about tenfold already.
_LEVEL = 1


def pack(text: str) -> bytes:
    """A page's text, as its file holds it (UTF-8), compressed."""
    return zlib.compress(text.encode("utf-8"), _LEVEL)


class Packed(Mapping[str, bytes]):
    """Pages (docs-relative path → packed text) read as their UTF-8 texts, unpacked one at a
    time as they are asked for: staging and hashing read each once."""

    def __init__(self, packed: Mapping[str, bytes]):
        self._packed = packed

    def __getitem__(self, path: str) -> bytes:
        return zlib.decompress(self._packed[path])

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)
