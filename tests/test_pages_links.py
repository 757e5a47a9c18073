"""A page's links to other pages: computed from strings for speed, they must be the links the
standard library's relpath gives, or a reader would follow a link into the void."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from generator.pages.render import relative_url, site_path

_SEGMENT = st.sampled_from(["utforare", "avtal", "x", "hc-lugnvik", "", ".", "index", "jamfor"])
_PATH = st.lists(_SEGMENT, max_size=4).map("/".join)


def _reference(from_doc: str, to_site_path: str) -> str:
    """The link as posixpath.relpath gives it (the implementation before the fast one)."""
    base = site_path(from_doc).rstrip("/")
    target, fragment = (to_site_path or "./"), ""
    if "#" in target:
        target, fragment = target.split("#", 1)
        fragment = "#" + fragment
    rel = posixpath.relpath(target.rstrip("/") or ".", base or ".")
    if rel == ".":
        rel = "./"
    elif target.endswith("/") or target == "./":
        rel += "/"
    return rel + fragment


@given(_PATH, _PATH, st.booleans(), st.sampled_from(["", "#brister"]))
def test_relative_url_is_relpath(from_stem: str, to: str, slash: bool, fragment: str) -> None:
    from_doc = (from_stem or "index") + ".md"
    target = to + ("/" if slash and to else "") + fragment
    assert relative_url(from_doc, target) == _reference(from_doc, target)


def test_links_between_entity_pages() -> None:
    assert relative_url("utforare/hc-lugnvik.md", "utforare/hc-odenslund/") == "../hc-odenslund/"
    assert relative_url("utforare/hc-lugnvik.md", "avtal/a-1/#brister") == "../../avtal/a-1/#brister"
    assert relative_url("index.md", "utforare/hc-lugnvik/") == "utforare/hc-lugnvik/"
    assert relative_url("utforare/index.md", "") == "../"
    assert relative_url("utforare/hc-lugnvik.md", "utforare/hc-lugnvik/") == "./"
