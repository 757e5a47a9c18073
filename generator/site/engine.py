"""The site engine behind a small interface; the only module that imports MkDocs.

Material for MkDocs reaches end of life in 2027. Anything that can turn a folder of Markdown
pages and a configuration in mkdocs.yml's format into a folder of HTML can take MkDocs'
place (Zensical reads the same configuration): write a class with `name` and `build` and
hand it to the pipeline.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

import markupsafe
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.problems import BuildError


class Engine(Protocol):
    """Builds `pages` (Markdown, assets, static files) into the empty or missing folder `out`."""

    name: str

    def build(self, pages: Path, out: Path, config: Mapping[str, Any]) -> None: ...


class _Collect(logging.Handler):
    """MkDocs' warnings, kept so that a failed build can say what went wrong."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class MkDocs:
    """MkDocs with Material, run in-process; its warnings stop the build (strict mode)."""

    name = "MkDocs"

    def build(self, pages: Path, out: Path, config: Mapping[str, Any]) -> None:
        config_file = pages.parent / "mkdocs.yml"
        full = {**config, "docs_dir": str(pages), "site_dir": str(out)}
        config_file.write_text(yaml.safe_dump(full, allow_unicode=True, sort_keys=False), encoding="utf-8")
        collect = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collect)
        try:
            cfg = load_config(config_file=str(config_file))
            # Material prints site_name into every page without escaping (MkDocs' theme
            # templates do not autoescape), and it holds the region's name from the data.
            # Escaped once here, as Markup, so the templates' own `| e` leaves it alone.
            cfg["site_name"] = markupsafe.escape(cfg["site_name"])
            mkdocs_build(cfg)
        except (MkDocsException, SystemExit) as error:
            detail = "; ".join(collect.messages[:5]) or str(error)
            raise BuildError("engine-failed", f"MkDocs kunde inte bygga sidorna: {detail}",
                             "Kontrollera länkarna i content/. En trasig länk stoppar bygget.") from None
        finally:
            logger.removeHandler(collect)
