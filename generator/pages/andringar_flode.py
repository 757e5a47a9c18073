"""An Atom feed of the change record: one entry per provider and publication, newest first.

Linked from the head of every page (theme/overrides/main.html). Like the follow-up feed it
needs absolute addresses, so it exists only when the site's address is known. It reads the
change record only, which holds published facts only.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import defaultdict
from urllib.parse import urljoin

from generator.andringar.record import Andring, Andringsregister
from generator.domain.catalog import Catalog
from generator.pages.andringar import FEED_PATH, SITE_PATH, beskrivning, lank

MAX_ENTRIES = 50
MAX_LINES = 20
ATOM = "http://www.w3.org/2005/Atom"


def _dag(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entries(register: Andringsregister) -> list[tuple[dt.date, str, list[Andring]]]:
    """(publication, provider id, its changes) newest publication first, then by provider name."""
    groups: dict[tuple[dt.date, str], list[Andring]] = defaultdict(list)
    for row in sorted(register.rows, key=lambda r: (r.publicering, r.nr)):
        groups[(row.publicering, row.utforare or "")].append(row)
    ordered = sorted(groups.items(), key=lambda kv: kv[0][1])
    ordered.sort(key=lambda kv: kv[0][0], reverse=True)  # stable: newest day first, then providers by id
    return [(day, uid, rows) for (day, uid), rows in ordered[:MAX_ENTRIES]]


def atom(catalog: Catalog, register: Andringsregister, site_url: str) -> str:
    base = site_url if site_url.endswith("/") else site_url + "/"
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "sv"})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    chosen = entries(register)
    sub(feed, "id", urljoin(base, FEED_PATH))
    sub(feed, "title", f"Ändringar – {catalog.region.namn}")
    sub(feed, "subtitle", f"Vad som har lagts till, ändrats och tagits bort i uppgifterna som {catalog.region.namn} publicerar.")
    sub(feed, "updated", _dag(chosen[0][0] if chosen else register.sedan))
    sub(feed, "link", rel="self", type="application/atom+xml", href=urljoin(base, FEED_PATH))
    sub(feed, "link", rel="alternate", type="text/html", href=urljoin(base, SITE_PATH))
    author = sub(feed, "author")
    sub(author, "name", catalog.region.namn)
    sub(feed, "rights", f"Licens för uppgifterna: {catalog.region.licens}")
    for day, uid, rows in chosen:
        name = rows[0].utforare_namn or uid or "Övrigt"
        target = lank(catalog, rows[0])
        entry = sub(feed, "entry")
        sub(entry, "id", f"{urljoin(base, SITE_PATH)}#{day.isoformat()}-{uid or 'ovrigt'}")
        count = f"{len(rows)} ändring" if len(rows) == 1 else f"{len(rows)} ändringar"
        sub(entry, "title", f"{name}: {count} {day.isoformat()}")
        sub(entry, "updated", _dag(day))
        sub(entry, "link", rel="alternate", type="text/html", href=urljoin(base, target or SITE_PATH))
        lines = [beskrivning(r) for r in rows[:MAX_LINES]]
        if len(rows) > MAX_LINES:
            lines.append(f"… och {len(rows) - MAX_LINES} till på sidan Ändringar.")
        sub(entry, "summary", " ".join(lines), type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
