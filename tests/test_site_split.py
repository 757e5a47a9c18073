"""The engine over both cores (site.split): what it leaves behind in the build's process."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from mkdocs.structure.pages import Page

from generator import pipeline
from generator.settings import BuildSettings, reference_day
from generator.site import split
from tests.support.build import CONTENT, MINIMAL


def test_the_engines_pages_are_gone_when_the_generated_pages_are_built(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs's pages, files and navigation hold reference cycles. Left to the collector they
    stayed in the build's memory while the reports were laid out, the national build's peak."""
    left: list[int] = []
    build = split.build

    def watched(*args: Any, **kwargs: Any) -> None:
        build(*args, **kwargs)
        left.append(sum(1 for thing in gc.get_objects() if isinstance(thing, Page)))

    monkeypatch.setattr(split, "MIN_PAGES", 2)  # the pages over both cores, as at national size
    monkeypatch.setattr(split, "build", watched)
    was = gc.isenabled()
    gc.disable()  # no collection by chance: only the build's own
    try:
        pipeline.build(BuildSettings(data_dir=MINIMAL, out_dir=tmp_path / "site", content_dir=CONTENT,
                                     idag=reference_day()))
    finally:
        if was:
            gc.enable()
    assert left == [0]
