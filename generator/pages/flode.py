"""An Atom feed of the newest completed follow-ups, for journalists and anyone who wants to
know when a provider has been followed up without checking the site every week.

Atom needs absolute addresses, so the feed exists only when the site's address is known
(publicering.webbadress or --site-url). Dates are the data's own, so two builds of the same
data give the same feed. Only the public catalog reaches this module.
"""

from __future__ import annotations

import datetime as dt

from generator import outputs
from generator.domain.catalog import Catalog
from generator.pages.atom import Feed
from generator.pages.render import path_uppfoljning
from generator.pages.uppf_common import uppfoljning_namn
from generator.sv import vocabulary as voc

PATH = outputs.FLODE
LIST_PATH = "listor/uppfoljningar/"
MAX_ENTRIES = 50


def _klar(catalog: Catalog, uppfoljning_id: str) -> dt.date | None:
    """When a follow-up was done, or failing that reported; None keeps it out of the feed."""
    u = catalog.uppfoljningar[uppfoljning_id]
    if u.status != "genomford":
        return None
    return u.genomford or (u.redovisad.datum if u.redovisad else None)


def _sammanfattning(catalog: Catalog, uppfoljning_id: str) -> str:
    u = catalog.uppfoljningar[uppfoljning_id]
    parts = [voc.label(voc.RESULTAT, u.resultat) + "." if u.resultat else ""]
    if u.sammanfattning:
        parts.append(" ".join(u.sammanfattning.split()))
    elif "sammanfattning" in u.sekretess:
        parts.append("Sammanfattningen omfattas av sekretess.")
    return " ".join(p for p in parts if p)


def atom(catalog: Catalog, site_url: str) -> str:
    """The feed as XML text: newest first, at most MAX_ENTRIES entries."""
    done = [(day, uppfoljning_id) for uppfoljning_id in catalog.uppfoljningar if (day := _klar(catalog, uppfoljning_id))]
    newest = sorted(done, key=lambda d: (d[0], d[1]), reverse=True)[:MAX_ENTRIES]
    feed = Feed(catalog, site_url, PATH, LIST_PATH, title=f"Nya uppföljningar – {catalog.region.namn}",
                subtitle=f"De senast genomförda uppföljningarna av utförare som {catalog.region.namn} följer upp.",
                updated=newest[0][0] if newest else catalog.uppdaterad)
    for day, uppfoljning_id in newest:
        u = catalog.uppfoljningar[uppfoljning_id]
        utforare = catalog.utforare[catalog.avtal[u.avtal].utforare].namn
        url = feed.url(path_uppfoljning(uppfoljning_id))
        feed.entry(entry_id=url, title=f"{uppfoljning_namn(catalog, uppfoljning_id)}: {utforare}", updated=day, href=url,
                   summary=_sammanfattning(catalog, uppfoljning_id))
    return feed.text()
