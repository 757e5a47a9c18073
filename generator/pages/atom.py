"""Atom 1.0 feeds (RFC 4287): the one skeleton both of the site's feeds are written with.

Atom needs absolute addresses and RFC 3339 times; the data has days, not hours, so every
time is midnight UTC. ElementTree writes the XML, so no value can become markup.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from generator.domain.catalog import Catalog

NS = "http://www.w3.org/2005/Atom"


def dag(day: dt.date) -> str:
    """A day as the date-time Atom requires: midnight UTC, the data has no hour."""
    return f"{day.isoformat()}T00:00:00Z"


class Feed:
    """One feed: its head from the publisher in the catalog, then entries, then text."""

    def __init__(self, catalog: Catalog, site_url: str, path: str, page: str, *, title: str,
                 subtitle: str, updated: dt.date) -> None:
        self.base = site_url if site_url.endswith("/") else site_url + "/"
        ET.register_namespace("", NS)
        self.root = ET.Element(f"{{{NS}}}feed", {"xml:lang": "sv"})
        self._sub(self.root, "id", self.url(path))
        self._sub(self.root, "title", title)
        self._sub(self.root, "subtitle", subtitle)
        self._sub(self.root, "updated", dag(updated))
        self._sub(self.root, "link", rel="self", type="application/atom+xml", href=self.url(path))
        self._sub(self.root, "link", rel="alternate", type="text/html", href=self.url(page))
        author = self._sub(self.root, "author")
        self._sub(author, "name", catalog.region.namn)
        self._sub(self.root, "rights", f"Licens för uppgifterna: {catalog.region.licens}")

    def url(self, path: str) -> str:
        return urljoin(self.base, path)

    @staticmethod
    def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{NS}}}{tag}", attrs)
        element.text = text
        return element

    def entry(self, *, entry_id: str, title: str, updated: dt.date, href: str, summary: str) -> None:
        entry = self._sub(self.root, "entry")
        self._sub(entry, "id", entry_id)
        self._sub(entry, "title", title)
        self._sub(entry, "updated", dag(updated))
        self._sub(entry, "link", rel="alternate", type="text/html", href=href)
        self._sub(entry, "summary", summary, type="text")

    def text(self) -> str:
        ET.indent(self.root)
        return ET.tostring(self.root, encoding="unicode", xml_declaration=True) + "\n"
