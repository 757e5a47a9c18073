"""A small DOM for page tests: enough to find things on a built page the way a reader does.

Shared by the page tests so they read HTML one way. `text` joins a node's text with the
whitespace a browser would show (block and inline children alike separated by spaces).
"""

from __future__ import annotations

import dataclasses
import os
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclasses.dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = dataclasses.field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(c if isinstance(c, str) else " " + c.text + " " for c in self.children).split())

    @property
    def flat_text(self) -> str:
        """Text with child elements joined as written (no added spaces)."""
        parts = [c if isinstance(c, str) else c.flat_text for c in self.children]
        return " ".join("".join(parts).split())

    def iter(self) -> list[Node]:
        found = [self]
        for c in self.children:
            if isinstance(c, Node):
                found.extend(c.iter())
        return found

    def all(self, tag: str, **attrs: str) -> list[Node]:
        """Every `tag` with these attributes (`class_=` for class)."""
        return [n for n in self.iter() if n.tag == tag and all(n.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def one(self, tag: str, **attrs: str) -> Node:
        found = self.all(tag, **attrs)
        assert len(found) == 1, f"expected one <{tag} {attrs}>, found {len(found)}"
        return found[0]

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        return self.all(tag, **attrs)

    def find(self, tag: str, **attrs: str) -> Node:
        found = self.all(tag, **attrs)
        assert found, f"no <{tag} {attrs}>"
        return found[0]

    def section(self, heading: str) -> Node:
        """Everything after the <h2> with this text until the next <h2>, as one node."""
        parent = next(n for n in self.iter() if any(isinstance(c, Node) and c.tag == "h2" and c.text == heading
                                                    for c in n.children))
        out, inside = Node("#section", {}), False
        for c in parent.children:
            if isinstance(c, Node) and c.tag == "h2":
                inside = c.text == heading
                continue
            if inside:
                out.children.append(c)
        return out


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    return builder.root


def insyn_block(html: str) -> str:
    """The generated `<div class="insyn">` block of a built page, exactly as written."""
    start = html.index('<div class="insyn"')
    depth, pos = 0, start
    while True:
        opening, closing = html.find("<div", pos), html.find("</div>", pos)
        if opening != -1 and opening < closing:
            depth, pos = depth + 1, opening + 4
        else:
            depth, pos = depth - 1, closing + 6
            if depth == 0:
                return html[start:pos]


def page_source(rendered: dict[str, str], page: str) -> str:
    """A page as `pages.render_all` made it ("index", "avtal/x" …), without the Markdown switch
    markdown="0" that site.tidy removes from the built page: its generated block is then the
    built page's, byte for byte (tests/test_build_pages.py holds the two together)."""
    return rendered["index.md" if page == "index" else f"{page}.md"].replace(' markdown="0"', "")


def assert_matches_golden(html: str, golden: Path) -> None:
    """The page's generated block equals its golden file; INSYN_UPDATE_GOLDEN=1 rewrites the file."""
    block = insyn_block(html) + "\n"
    if os.environ.get("INSYN_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(block, encoding="utf-8")
    assert golden.is_file(), f"golden file missing: run with INSYN_UPDATE_GOLDEN=1 ({golden.name})"
    assert block == golden.read_text(encoding="utf-8")
