"""Leftovers of the Markdown step removed from every built page, so every page is valid HTML."""

from __future__ import annotations

# Leftovers of the Markdown step that are not HTML: Material's empty tabindex on section
# labels (nav-item.html; browsers ignore an empty tabindex) and the md_in_html switch
# markdown="0" that keeps generated pages raw. Data values cannot produce these strings:
# Jinja2 escapes every quote in them.
_NOT_HTML = (' tabindex=""', ' markdown="0"')


def clean(html: str) -> str:
    """One page without `_NOT_HTML`; readers see no change."""
    for leftover in _NOT_HTML:
        html = html.replace(leftover, "")
    return html

