"""The one module that knows MkDocs: stage content/ and generated pages, build, swap in.

Material for MkDocs reaches end of life in 2027; everything MkDocs-specific lives here so
that a move to its successor touches this module only.
"""

from __future__ import annotations

import calendar
import datetime as dt
import errno
import logging
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import markupsafe
import yaml

from generator.domain.catalog import Catalog
from generator.problems import BuildError
from generator.progress import Progress
from generator.settings import BuildSettings
from generator.site import parallel, postprocess, search
from generator.site import publish as publishing
from generator.sv.telefon import tel_uri

THEME_DIR = Path(__file__).parent / "theme"
REPO_CONFIG = "mkdocs.yml"

OpenDataWriter = Callable[[Catalog, Path, str | None], None]


def _base_config(settings: BuildSettings) -> dict[str, Any]:
    candidates = [settings.content_dir.parent / REPO_CONFIG, Path(REPO_CONFIG), THEME_DIR / REPO_CONFIG]
    for path in candidates:
        if path.is_file():
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
            return loaded if isinstance(loaded, dict) else {}
    return {}


# Generated top-level pages that belong in the navigation: few, whatever the data's size.
# Entity pages (providers, contracts, follow-ups …) are never listed one by one: every page
# renders the whole navigation, so listing thousands of pages makes the build quadratic.
_NAV_SECTIONS = (("Jämför utförare", "jamfor/"), ("Uppföljning och avtal", "listor/"))


def _nav_order(catalog: Catalog) -> dict[str, int]:
    """Comparison pages in region.yaml's order of areas; the list of all follow-ups first."""
    order = {f"jamfor/{area}.md": i for i, area in enumerate(catalog.omraden)}
    order["listor/uppfoljningar.md"] = -1
    return order


def _nav(config: dict[str, Any], rendered: Mapping[str, str], catalog: Catalog) -> list[Any]:
    """mkdocs.yml's hand-written navigation with the generated sections after its first entry."""
    written = list(config.get("nav") or [{"Start": "index.md"}])
    order = _nav_order(catalog)
    generated = []
    for title, folder in _NAV_SECTIONS:
        pages = sorted((rel for rel in rendered if rel.startswith(folder) and rel.count("/") == 1),
                       key=lambda rel: (order.get(rel, len(order)), rel))
        if pages:
            generated.append({title: pages})
    return written[:1] + generated + written[1:]


# Markdown extensions that would let text pull in files or set attributes. They would apply
# to the generated pages too, where text comes from the data, so mkdocs.yml may not add them.
_REFUSED_EXTENSIONS = ("pymdownx.snippets", "attr_list", "pymdownx.b64")


def _refuse_unsafe_extensions(config: dict[str, Any]) -> None:
    names = [next(iter(e)) if isinstance(e, dict) else str(e) for e in config.get("markdown_extensions") or []]
    for name in names:
        if name in _REFUSED_EXTENSIONS:
            raise BuildError("inställningar", f"Tillägget {name} i mkdocs.yml är inte tillåtet.",
                             f"Ta bort {name} från markdown_extensions i mkdocs.yml. Det skulle gälla även "
                             "sidorna som görs av datan, och text i datan får aldrig bli kod.")


def _config(settings: BuildSettings, catalog: Catalog, docs: Path, out: Path, site_url: str | None,
            rendered: Mapping[str, str]) -> dict[str, Any]:
    config = _base_config(settings)
    _refuse_unsafe_extensions(config)
    config.setdefault("site_name", f"Insyn – {catalog.region.namn}")
    config["nav"] = _nav(config, rendered, catalog)
    theme = dict(config.get("theme") or {"name": "material"})
    theme["custom_dir"] = str(THEME_DIR / "overrides")
    theme.setdefault("language", "sv")
    theme["font"] = False
    config.update(
        docs_dir=str(docs), site_dir=str(out), strict=True, theme=theme,
        use_directory_urls=True,
        plugins=[],
        validation={
            "nav": {"omitted_files": "ignore", "not_found": "warn", "absolute_links": "ignore"},
            "links": {"not_found": "warn", "anchors": "warn", "absolute_links": "relative_to_docs", "unrecognized_links": "warn"},
        },
    )
    if site_url:
        config["site_url"] = site_url
    extra = dict(config.get("extra") or {})
    extra.update(exempeldata=catalog.region.exempeldata, organisation=catalog.region.namn,
                 uppdaterad=catalog.uppdaterad.isoformat(), kontakt=_kontakt(catalog))
    config["extra"] = extra
    config["extra_css"] = list(dict.fromkeys([*(config.get("extra_css") or []), "assets/insyn.css", "assets/insyn-ansvar.css", "assets/insyn-sok.css"]))
    config["extra_javascript"] = list(dict.fromkeys([*(config.get("extra_javascript") or []), "assets/insyn.js", "assets/insyn-sok.js"]))
    return config


def _kontakt(catalog: Catalog) -> dict[str, str]:
    """Who publishes and how to reach them, for the footer of every page (theme/overrides)."""
    region = catalog.region
    kontakt = {"organisation": region.namn, "epost": region.kontakt.epost}
    if region.kontakt.telefon:
        kontakt.update(telefon=region.kontakt.telefon, telefon_href=tel_uri(region.kontakt.telefon))
    if region.webbplats:
        kontakt["webbplats"] = str(region.webbplats)
        kontakt["webbplats_text"] = str(region.webbplats).split("://", 1)[-1].rstrip("/")
    return kontakt


def _stage(settings: BuildSettings, rendered: Mapping[str, str], docs: Path) -> None:
    if settings.content_dir.is_dir():
        shutil.copytree(settings.content_dir, docs, dirs_exist_ok=True)
    for rel, text in rendered.items():
        target = docs / rel
        if target.exists():
            raise BuildError("sidor", f"Den handskrivna sidan content/{rel} har samma namn som en genererad sida.",
                             f"Byt namn på content/{rel}.")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    search.stage(docs)
    assets = THEME_DIR / "assets"
    if assets.is_dir():
        shutil.copytree(assets, docs / "assets", dirs_exist_ok=True)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _mkdocs(config: dict[str, Any], work: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
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
        raise BuildError("webbplats", f"MkDocs kunde inte bygga sidorna: {detail}",
                         "Kontrollera länkarna i content/. En trasig länk stoppar bygget.") from None
    finally:
        logger.removeHandler(collect)


def _source_date_epoch(day: dt.date) -> str:
    """The data's own date as the build time, so the sitemap and its gzip header repeat."""
    return str(calendar.timegm(day.timetuple()))


@contextmanager
def _build_time(day: dt.date) -> Iterator[None]:
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = _source_date_epoch(day)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def publish(settings: BuildSettings, catalog: Catalog, rendered: Mapping[str, str], site_url: str | None,
            progress: Progress, write_opendata: OpenDataWriter) -> None:
    """Build the whole site in a temporary folder beside `out_dir`, verify it, then swap it in.

    One build at a time (a lock beside the output); any failure or interruption before the
    swap leaves the previous site as it was and the temporary folder removed.
    """
    out = settings.out_dir.resolve()
    with publishing.stop_cleanly_on_sigterm(), \
            publishing.locked(out, on_wait=lambda: progress.done("Väntar på att ett annat bygge blir klart …")), \
            publishing.scratch_folder(out) as scratch:
        try:
            built = _build(settings, catalog, rendered, site_url, progress, write_opendata, scratch)
        except OSError as error:
            reason = "Disken är full." if error.errno == errno.ENOSPC else f"{error.strerror or error}."
            raise BuildError("skrivning", f"Det gick inte att skriva den nya webbplatsen. {reason}",
                             "Frigör plats på disken eller kontrollera att mappen går att skriva i, och bygg igen.") from None
        with progress.stage("Publicerar"):
            publishing.swap_in(built, out)


def _build(settings: BuildSettings, catalog: Catalog, rendered: Mapping[str, str], site_url: str | None,
           progress: Progress, write_opendata: OpenDataWriter, scratch: Path) -> Path:
    """Every output in `scratch/site`, checked; nothing outside `scratch` is touched."""
    docs, built, opendata = scratch / "docs", scratch / "site", scratch / "oppna-data"
    docs.mkdir()
    _stage(settings, rendered, docs)
    # Open data is written by a second process while MkDocs builds (both cores busy), into
    # its own folder that moves into the site once MkDocs has made it.
    with parallel.beside(write_opendata, catalog, opendata, site_url) as waiting:
        with progress.stage("Bygger webbplatsen med MkDocs"), _build_time(catalog.uppdaterad):
            _mkdocs(_config(settings, catalog, docs, built, site_url, rendered), scratch)
        with progress.stage("Skriver och kontrollerar öppna data"):
            waiting()
    opendata.rename(built / "oppna-data")
    with progress.stage("Kontrollerar länkar och lägger in säkerhetspolicy"):
        postprocess.apply(built, site_url)
    with progress.stage("Bygger sökindexet"):
        search.index(built)
    return built
