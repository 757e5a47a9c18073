"""The engine's input folder: content/ as the staff wrote it, the generated pages, the theme assets.

Generated pages never overwrite a hand-written one: a name clash stops the build, so
neither the staff's page nor the data's page silently disappears.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from generator.problems import BuildError
from generator.site import search
from generator.site.config import THEME_DIR


def stage(content_dir: Path, rendered: Mapping[str, str], docs: Path) -> None:
    """Fill the empty folder `docs` with content/, then `rendered` (docs-relative path → text), then assets."""
    docs.mkdir(parents=True, exist_ok=True)
    if content_dir.is_dir():
        shutil.copytree(content_dir, docs, dirs_exist_ok=True)
    for rel, text in rendered.items():
        target = docs / rel
        if target.exists():
            raise BuildError("page-name-clash", f"Den handskrivna sidan content/{rel} har samma namn som en genererad sida.",
                             f"Byt namn på content/{rel}.")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    search.stage(docs)
    assets = THEME_DIR / "assets"
    if assets.is_dir():
        shutil.copytree(assets, docs / "assets", dirs_exist_ok=True)


def add_files(files: Path, docs: Path, built: Path) -> None:
    """Open data and the reports, written in `files`, into the engine's input and the built site.

    A file of content/ with the same name stops the build: neither may silently replace the other."""
    if not files.is_dir():
        return
    for path in sorted(files.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(files).as_posix()
        source, target = docs / rel, built / rel
        if source.exists():
            raise BuildError("page-name-clash", f"Den handskrivna filen content/{rel} har samma namn som en fil som "
                             "bygget gör av datan.", f"Byt namn på content/{rel}.")
        source.parent.mkdir(parents=True, exist_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, source)
        try:
            os.link(source, target)  # nothing writes into these files again; the scratch copy goes
        except OSError:
            shutil.copyfile(source, target)
