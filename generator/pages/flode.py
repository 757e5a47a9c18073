"""An Atom feed of the newest completed follow-ups, for journalists and anyone who wants to
know when a provider has been followed up without checking the site every week.

Atom needs absolute addresses, so the feed exists only when the site's address is known
(publicering.webbadress or --site-url). Dates are the data's own, so two builds of the same
data give the same feed. Only the public catalog reaches this module.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from generator import outputs
from generator.domain.catalog import Catalog
from generator.pages.render import path_uppfoljning
from generator.pages.uppf_common import uppfoljning_namn
from generator.sv import vocabulary as voc

PATH = outputs.FLODE
LIST_PATH = "listor/uppfoljningar/"
MAX_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"


def _dag(day: dt.date) -> str:
    """A day as the date-time Atom requires (RFC 3339): midnight UTC, the data has no hour."""
    return f"{day.isoformat()}T00:00:00Z"


def _klar(catalog: Catalog, uid: str) -> dt.date | None:
    """When a follow-up was done, or failing that reported; None keeps it out of the feed."""
    u = catalog.uppfoljningar[uid]
    if u.status != "genomford":
        return None
    return u.genomford or (u.redovisad.datum if u.redovisad else None)


def _sammanfattning(catalog: Catalog, uid: str) -> str:
    u = catalog.uppfoljningar[uid]
    parts = [voc.label(voc.RESULTAT, u.resultat) + "." if u.resultat else ""]
    if u.sammanfattning:
        parts.append(" ".join(u.sammanfattning.split()))
    elif "sammanfattning" in u.sekretess:
        parts.append("Sammanfattningen omfattas av sekretess.")
    return " ".join(p for p in parts if p)


def atom(catalog: Catalog, site_url: str) -> str:
    """The feed as XML text: newest first, at most MAX_ENTRIES entries."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    done = [(day, uid) for uid in catalog.uppfoljningar if (day := _klar(catalog, uid))]
    newest = sorted(done, key=lambda d: (d[0], d[1]), reverse=True)[:MAX_ENTRIES]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "sv"})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    sub(feed, "id", urljoin(base, PATH))
    sub(feed, "title", f"Nya uppföljningar – {catalog.region.namn}")
    sub(feed, "subtitle", f"De senast genomförda uppföljningarna av utförare som {catalog.region.namn} följer upp.")
    sub(feed, "updated", _dag(newest[0][0] if newest else catalog.uppdaterad))
    sub(feed, "link", rel="self", type="application/atom+xml", href=urljoin(base, PATH))
    sub(feed, "link", rel="alternate", type="text/html", href=urljoin(base, LIST_PATH))
    author = sub(feed, "author")
    sub(author, "name", catalog.region.namn)
    sub(feed, "rights", f"Licens för uppgifterna: {catalog.region.licens}")
    for day, uid in newest:
        u = catalog.uppfoljningar[uid]
        utforare = catalog.utforare[catalog.avtal[u.avtal].utforare].namn
        url = urljoin(base, path_uppfoljning(uid))
        entry = sub(feed, "entry")
        sub(entry, "id", url)
        sub(entry, "title", f"{uppfoljning_namn(catalog, uid)}: {utforare}")
        sub(entry, "updated", _dag(day))
        sub(entry, "link", rel="alternate", type="text/html", href=url)
        sub(entry, "summary", _sammanfattning(catalog, uid), type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
