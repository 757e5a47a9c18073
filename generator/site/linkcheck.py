"""Check every internal link of a built site folder: the target file exists, the anchor too.

MkDocs checks the links of Markdown pages, but the generated pages are raw HTML it passes
through untouched, so this walks the finished folder instead: every `href` and `src` in
every HTML file that stays on the site must reach a file, and every `#fragment` an `id`
on the target page. External links (only data `url` fields) are not fetched.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from generator.problems import BuildError
from generator.site import tree

_LINK_ATTRS = {"href", "src", "poster", "action", "data"}
_SKIP_SCHEMES = {"mailto", "tel", "data", "javascript", "blob", "about"}


@dataclass(frozen=True)
class BrokenLink:
    page: str
    link: str
    reason: str


@dataclass(frozen=True)
class PageLinks:
    """The ids a page offers and the links it makes."""

    ids: frozenset[str]
    links: tuple[str, ...]


def page_links(tree: LexborHTMLParser) -> PageLinks:
    """Ids and links of one parsed page (post-processing parses each page once)."""
    ids: set[str] = set()
    links: list[str] = []
    for node in tree.root.traverse() if tree.root else ():
        attrs = node.attributes
        if not attrs:
            continue
        tag = node.tag
        preconnect = tag == "link" and attrs.get("rel") == "preconnect"
        for name, value in attrs.items():
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                ids.add(value)
            elif name in _LINK_ATTRS and not preconnect:
                links.append(value)
            elif name == "srcset":
                links.extend(part.strip().split(" ")[0] for part in value.split(",") if part.strip())
    return PageLinks(frozenset(ids), tuple(links))


def _parse(path: Path) -> PageLinks:
    return page_links(LexborHTMLParser(path.read_text(encoding="utf-8", errors="replace")))


def _target(folders: set[str], above: list[str], url_path: str, base_path: str) -> str | None:
    """The site-relative file a link's path points at, or None if it leaves the site (`above`:
    the linking page's folder and the folders above it, _ancestors)."""
    if url_path.startswith("/"):
        if not url_path.startswith(base_path):
            return None
        normal = _normal("", url_path[len(base_path):])
    else:
        up, rest = _climb(url_path)
        normal = None if up >= len(above) else _normal(above[up], rest)
    if normal is None:
        return None
    if normal in folders or url_path.endswith("/"):
        return "index.html" if normal == "." else f"{normal}/index.html"
    return normal


def _ancestors(page_dir: str) -> list[str]:
    """A page's folder (site-relative, without `.` or `..`), then each folder above it, up to the root ""."""
    parts = page_dir.split("/") if page_dir else []
    return ["/".join(parts[:depth]) for depth in range(len(parts), -1, -1)]


@functools.lru_cache(maxsize=65536)
def _climb(url_path: str) -> tuple[int, str]:
    """How many folders a relative link first goes up (`../../avtal/`: 2), and what is left of it.

    The link is then joined to the folder it goes up to, so that the pages of one depth share
    the answer: a national site's 570,000 links, each from a folder of its own, are mostly
    the navigation's few dozen, the same on every page."""
    up = 0
    while url_path.startswith("../", up * 3):
        up += 1
    rest = url_path[up * 3:]
    return (0, url_path) if rest.startswith("/") else (up, rest)


@functools.lru_cache(maxsize=65536)
def _normal(folder: str, path: str) -> str | None:
    joined = posixpath.join(folder, path)
    normal = posixpath.normpath(joined) if joined else "."
    return None if normal.startswith("..") else normal


@functools.lru_cache(maxsize=65536)
def _parts(link: str) -> tuple[str, str, str, str]:
    """A link's scheme, host, path and fragment, unquoted: a national site's 570,000 links are
    30,000 different strings (the navigation repeats on every page)."""
    parts = urlsplit(link)
    return parts.scheme, parts.netloc, unquote(parts.path), unquote(parts.fragment)


def broken_links(pages: Mapping[str, PageLinks], files: Iterable[str], site_url: str | None = None,
                 settled: Collection[str] = frozenset()) -> list[BrokenLink]:
    """Every broken internal link or anchor among `pages` (site-relative path → its links).

    `settled`: pages whose links all reached their files when the same files were there
    before (a rebuild's unchanged pages, site.incremental.links_settled). Of those only the
    links to an anchor are checked, since a page made anew may have lost it: at national
    size 2,300 of 570,000 links."""
    own = urlsplit(site_url) if site_url else None
    base_path = (own.path.rstrip("/") + "/") if own else "/"
    present = set(files)
    folders = {"."} | {posixpath.dirname(f) for f in present}
    for folder in list(folders):
        while folder not in ("", "."):
            folder = posixpath.dirname(folder) or "."
            folders.add(folder)
    broken: list[BrokenLink] = []
    for page_rel in sorted(pages):
        above = _ancestors(posixpath.dirname(page_rel))
        links = pages[page_rel].links
        for link in [link for link in links if "#" in link] if page_rel in settled else links:
            scheme, netloc, path, fragment = _parts(link)
            if scheme in _SKIP_SCHEMES:
                continue
            if scheme or netloc:
                if not own or (scheme, netloc) != (own.scheme, own.netloc):
                    continue  # external: a data url field, not fetched
                if not (path.rstrip("/") + "/").startswith(base_path):
                    continue  # the same host outside the site (https://kommun.se/dokument/ beside /insyn/): external too
            target = page_rel if not path else _target(folders, above, path, base_path)
            if target is None:
                broken.append(BrokenLink(page_rel, link, "pekar utanför webbplatsen"))
                continue
            if target not in present:
                broken.append(BrokenLink(page_rel, link, "sidan eller filen finns inte"))
                continue
            if fragment and fragment != "top" and target.endswith(".html") and fragment not in pages[target].ids:
                broken.append(BrokenLink(page_rel, link, f"ankaret #{fragment} finns inte på sidan"))
    return broken


def check_folder(root: Path, site_url: str | None = None) -> list[BrokenLink]:
    """Every broken internal link or anchor in the HTML files under `root`."""
    files = tree.files(root)
    pages = {rel: _parse(root / rel) for rel in files if rel.endswith(".html")}
    return broken_links(pages, files, site_url)


def raise_if_broken(broken: list[BrokenLink]) -> None:
    """Raise a BuildError naming the pages and links that are broken."""
    if not broken:
        return
    shown = "; ".join(f"{b.page} länkar till {b.link} ({b.reason})" for b in broken[:10])
    more = f" och {len(broken) - 10} till" if len(broken) > 10 else ""
    raise BuildError("link-broken", f"{len(broken)} trasiga länkar i den byggda webbplatsen: {shown}{more}.",
                     "Rätta länken i content/ eller i sidmallen. En länk ska gå till en sida som finns.")

