"""mkdocs.yml plus the build's settings → the engine's configuration, and the extension policy.

mkdocs.yml is the staff's to edit (site name, theme colours, hand-written navigation), but
the build owns what keeps the site safe and reproducible: strict mode, the theme overrides,
no web fonts, the search language, and no Markdown extension that would let text from the
data pull in files or set attributes. The result is a plain mapping in mkdocs.yml's format,
which MkDocs and its successor Zensical both read.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import yaml

from generator.domain.catalog import Catalog
from generator.problems import BuildError

THEME_DIR = Path(__file__).parent / "theme"
REPO_CONFIG = "mkdocs.yml"

# Generated top-level pages that belong in the navigation: few, whatever the data's size.
# Entity pages (providers, contracts, follow-ups …) are never listed one by one: every page
# renders the whole navigation, so listing thousands of pages makes the build quadratic.
_NAV_SECTIONS = (("Jämför utförare", ("jamfor/",)), ("Uppföljning och avtal", ("listor/", "rapporter/")))

# Markdown extensions that would let text pull in files or set attributes. They would apply
# to the generated pages too, where text comes from the data, so mkdocs.yml may not add them.
_REFUSED_EXTENSIONS = ("pymdownx.snippets", "attr_list", "pymdownx.b64")


def base_config(content_dir: Path) -> dict[str, Any]:
    """The staff's mkdocs.yml: beside content/, else in the working folder, else the theme's own."""
    candidates = [content_dir.parent / REPO_CONFIG, Path(REPO_CONFIG), THEME_DIR / REPO_CONFIG]
    for path in candidates:
        if path.is_file():
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
            return loaded if isinstance(loaded, dict) else {}
    return {}


def _nav_order(catalog: Catalog) -> dict[str, int]:
    """Comparison pages in region.yaml's order of areas; the list of all follow-ups first."""
    order = {f"jamfor/{area}.md": i for i, area in enumerate(catalog.omraden)}
    order["listor/uppfoljningar.md"] = -1
    return order


def _nav(config: Mapping[str, Any], rendered: Collection[str], catalog: Catalog) -> list[Any]:
    """mkdocs.yml's hand-written navigation with the generated sections after its first entry."""
    written = list(config.get("nav") or [{"Start": "index.md"}])
    order = _nav_order(catalog)
    generated = []
    for title, folders in _NAV_SECTIONS:
        pages = sorted((rel for rel in rendered if rel.startswith(folders) and rel.count("/") == 1),
                       key=lambda rel: (order.get(rel, len(order)), rel))
        if pages:
            generated.append({title: pages})
    return written[:1] + generated + written[1:]


def nav_pages(nav: Any) -> set[str]:
    """Every Markdown page named in a navigation in mkdocs.yml's format."""
    found: set[str] = set()
    if isinstance(nav, str):
        if nav.endswith(".md"):
            found.add(nav)
    elif isinstance(nav, list):
        for entry in nav:
            found |= nav_pages(entry)
    elif isinstance(nav, dict):
        for value in nav.values():
            found |= nav_pages(value)
    return found


def refuse_unsafe_extensions(config: Mapping[str, Any]) -> None:
    """Stop the build if mkdocs.yml switches on an extension in `_REFUSED_EXTENSIONS`."""
    names = [next(iter(e)) if isinstance(e, dict) else str(e) for e in config.get("markdown_extensions") or []]
    for name in names:
        if name in _REFUSED_EXTENSIONS:
            raise BuildError("extension-refused", f"Tillägget {name} i mkdocs.yml är inte tillåtet.",
                             f"Ta bort {name} från markdown_extensions i mkdocs.yml. Det skulle gälla även "
                             "sidorna som görs av datan, och text i datan får aldrig bli kod.")


def engine_config(content_dir: Path, catalog: Catalog, rendered: Collection[str], site_url: str | None,
                  extra: Mapping[str, object]) -> dict[str, Any]:
    """The full configuration for one build (`rendered`: the generated pages' paths); the
    engine adds where the pages are and go."""
    config = base_config(content_dir)
    refuse_unsafe_extensions(config)
    config.setdefault("site_name", f"Insyn – {catalog.region.namn}")
    # Every page's description for search engines, naming the publisher of the data (mkdocs.yml
    # may say it otherwise). Escaped here: Material's base.html writes it into an attribute as
    # it is, and the name is data.
    config.setdefault("site_description", f"Uppföljning av alla utförare i {html.escape(catalog.region.namn)}, egen regi "
                                          "och privata, med öppna data.")
    config["nav"] = _nav(config, rendered, catalog)
    theme = dict(config.get("theme") or {"name": "material"})
    theme["custom_dir"] = str(THEME_DIR / "overrides")
    theme.setdefault("language", "sv")
    theme["font"] = False
    config.update(
        strict=True, theme=theme,
        use_directory_urls=True,
        plugins=[],  # no lunr: the search is Pagefind's, built after the site (site/search.py)
        validation={
            "nav": {"omitted_files": "ignore", "not_found": "warn", "absolute_links": "ignore"},
            "links": {"not_found": "warn", "anchors": "warn", "absolute_links": "relative_to_docs", "unrecognized_links": "warn"},
        },
    )
    if site_url:
        config["site_url"] = site_url
    config["extra"] = {**(config.get("extra") or {}), **extra}
    config["extra_css"] = list(dict.fromkeys([*(config.get("extra_css") or []), "assets/insyn.css", "assets/insyn-ansvar.css", "assets/insyn-rapport.css", "assets/insyn-sok.css"]))
    config["extra_javascript"] = list(dict.fromkeys([*(config.get("extra_javascript") or []), "assets/insyn.js", "assets/insyn-sok.js", "assets/insyn-meny.js"]))
    return config


def without_files(config: Mapping[str, Any]) -> dict[str, Any]:
    """The configuration for building the pages before open data and the reports are written.

    The generated pages are raw HTML that the engine passes through, so nothing in them
    depends on those files; only the hand-written Markdown pages, whose links to the files the
    engine resolves, do, and they are built again afterwards with `config` itself (site.split).
    Until then a link to a file that is still being written must not stop the build."""
    validation = dict(config.get("validation") or {})
    validation["links"] = {**(validation.get("links") or {}), "not_found": "info", "anchors": "info"}
    return {**config, "validation": validation}
