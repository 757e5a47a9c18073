"""Files made before, found again by what they were made from: a rebuild lays out only what changed.

The slow outputs (a report's PDF, a provider's workbook) are pure functions of their inputs.
A `Memo` keeps each one under the hash of those inputs and of Insyn's own code, so the
same inputs give the same bytes without doing the work again. A build reads the memo the
last successful build left beside the site (site.incremental) and collects what it uses in
its own scratch folder; only once it has published does that folder replace the old memo,
so a failed build changes nothing and entries nobody uses any more disappear.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

# The libraries whose versions change what a build writes, besides Insyn's own code.
_WRITERS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "markupsafe", "selectolax", "weasyprint",
            "xlsxwriter", "python-docx", "python-pptx", "frictionless", "pagefind-bin")


@functools.cache
def code_version() -> str:
    """A hash of every file of the generator package and the versions of the libraries that write output."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for version in library_versions(_WRITERS):
        digest.update(f"{version}\0".encode())
    return digest.hexdigest()


def library_versions(names: Iterable[str]) -> list[str]:
    """`name=version` for each installed library, `name=-` for one that is missing."""
    versions = []
    for name in names:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return versions


def digest(*parts: str | bytes) -> str:
    """sha256 of `parts`, each ended by a zero byte so that ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


class Memo:
    """Bytes by the hash of their inputs: found in `previous` (the last build's memo) or made, and
    kept in `new` either way, so that `new` holds exactly what this build used. Without a
    `new` folder everything is made anew. Nothing in `previous` is ever changed."""

    def __init__(self, previous: Path | None, new: Path | None):
        self.previous = previous
        self.new = new

    def bytes(self, kind: str, inputs: Iterable[str | bytes], make: Callable[[], bytes]) -> bytes:
        """The bytes `make()` gives for `inputs`, from the memo when they were made before."""
        if self.new is None:
            return make()
        name = f"{digest(code_version(), kind, *inputs)}.{kind}"
        kept = self.new / name
        if kept.is_file():
            return kept.read_bytes()
        self.new.mkdir(parents=True, exist_ok=True)
        if self.previous is not None:
            try:
                data = (self.previous / name).read_bytes()
            except OSError:
                pass
            else:
                _keep(kept, data, self.previous / name)
                return data
        data = make()
        _keep(kept, data, None)
        return data


def _keep(target: Path, data: bytes, same: Path | None) -> None:
    """Put `data` at `target`: a hard link to `same` where possible, else written whole (a rename)."""
    if same is not None:
        try:
            os.link(same, target)
            return
        except OSError:
            pass
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".ny-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except OSError:
        pass  # a memo that cannot be written only makes the next build slower
