"""Check every internal link of a built site folder: the target file exists, the anchor too.

MkDocs checks the links of Markdown pages, but the generated pages are raw HTML it passes
through untouched, so this walks the finished folder instead: every `href` and `src` in
every HTML file that stays on the site must reach a file, and every `#fragment` an `id`
on the target page. External links (only data `url` fields) are not fetched.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.problems import BuildError

_LINK_ATTRS = {"href", "src", "poster", "action", "data"}
_SKIP_SCHEMES = {"mailto", "tel", "data", "javascript", "blob", "about"}


@dataclass(frozen=True)
class BrokenLink:
    page: str
    link: str
    reason: str


class _Page(HTMLParser):
    """The ids a page offers and the links it makes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name in _LINK_ATTRS and not (tag == "link" and ("rel", "preconnect") in attrs):
                self.links.append(value)
            elif name == "srcset":
                self.links.extend(part.strip().split(" ")[0] for part in value.split(",") if part.strip())


@cache
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    page.close()
    return page


def _target(root: Path, page_rel: str, url_path: str, base_path: str) -> Path | None:
    """The file a link's path points at, or None if it leaves the site."""
    if url_path.startswith("/"):
        if not url_path.startswith(base_path):
            return None
        joined = url_path[len(base_path):]
    else:
        joined = posixpath.join(posixpath.dirname(page_rel), url_path)
    normal = posixpath.normpath(joined) if joined else "."
    if normal.startswith(".."):
        return None
    candidate = root / normal
    if candidate.is_dir() or url_path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate


def check_folder(root: Path, site_url: str | None = None) -> list[BrokenLink]:
    """Every broken internal link or anchor in the HTML files under `root`."""
    _parse.cache_clear()
    own = urlsplit(site_url) if site_url else None
    base_path = (own.path.rstrip("/") + "/") if own else "/"
    broken: list[BrokenLink] = []
    for html in sorted(root.rglob("*.html")):
        page_rel = html.relative_to(root).as_posix()
        for link in _parse(html).links:
            parts = urlsplit(link)
            if parts.scheme in _SKIP_SCHEMES:
                continue
            if parts.scheme or parts.netloc:
                if not own or (parts.scheme, parts.netloc) != (own.scheme, own.netloc):
                    continue  # external: a data url field, not fetched
            path = unquote(parts.path)
            target = html if not path else _target(root, page_rel, path, base_path)
            if target is None:
                broken.append(BrokenLink(page_rel, link, "pekar utanför webbplatsen"))
                continue
            if not target.is_file():
                broken.append(BrokenLink(page_rel, link, "sidan eller filen finns inte"))
                continue
            fragment = unquote(parts.fragment)
            if fragment and fragment != "top" and target.suffix == ".html" and fragment not in _parse(target).ids:
                broken.append(BrokenLink(page_rel, link, f"ankaret #{fragment} finns inte på sidan"))
    _parse.cache_clear()
    return broken


def verify(root: Path, site_url: str | None = None) -> None:
    """Raise a BuildError naming the pages and links that are broken."""
    broken = check_folder(root, site_url)
    if not broken:
        return
    shown = "; ".join(f"{b.page} länkar till {b.link} ({b.reason})" for b in broken[:10])
    more = f" och {len(broken) - 10} till" if len(broken) > 10 else ""
    raise BuildError("link-broken", f"{len(broken)} trasiga länkar i den byggda webbplatsen: {shown}{more}.",
                     "Rätta länken i content/ eller i sidmallen. En länk ska gå till en sida som finns.")
