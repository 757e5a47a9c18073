"""An Atom feed of the change record: one entry per provider and publication, newest first.

Linked from the head of every page (theme/overrides/main.html). Like the follow-up feed it
needs absolute addresses, so it exists only when the site's address is known. It reads the
change record only, which holds published facts only.

An entry's id ends with the number of its newest change. A second publication on the same
day that changes the same provider again adds to that day's entry, and the data has days,
not hours, so `updated` cannot tell: with the same id as well a feed reader would take the
entry for one it has already shown, and the reader would never learn of the new change.
The same changes always give the same id.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from generator.andringar.record import Andring, Andringsregister
from generator.domain.catalog import Catalog
from generator.pages import format as fmt
from generator.pages.andringar import FEED_PATH, SITE_PATH, beskrivning, lank
from generator.pages.atom import Feed

MAX_ENTRIES = 50
MAX_LINES = 20


def entries(register: Andringsregister) -> list[tuple[dt.date, str, list[Andring]]]:
    """(publication, provider id, its changes) newest publication first, then by provider name."""
    groups: dict[tuple[dt.date, str], list[Andring]] = defaultdict(list)
    for row in sorted(register.rows, key=lambda r: (r.publicering, r.nr)):
        groups[(row.publicering, row.utforare or "")].append(row)
    ordered = sorted(groups.items(), key=lambda kv: kv[0][1])
    ordered.sort(key=lambda kv: kv[0][0], reverse=True)  # stable: newest day first, then providers by id
    return [(day, uid, rows) for (day, uid), rows in ordered[:MAX_ENTRIES]]


def atom(catalog: Catalog, register: Andringsregister, site_url: str) -> str:
    """The feed as XML text: one entry per provider and publication, newest first."""
    chosen = entries(register)
    feed = Feed(catalog, site_url, FEED_PATH, SITE_PATH, title=f"Ändringar – {catalog.region.namn}",
                subtitle=f"Vad som har lagts till, ändrats och tagits bort i uppgifterna som {catalog.region.namn} publicerar.",
                updated=chosen[0][0] if chosen else register.sedan)
    for day, uid, rows in chosen:
        name = rows[0].utforare_namn or uid or "Övrigt"
        count = f"{len(rows)} ändring" if len(rows) == 1 else f"{len(rows)} ändringar"
        lines = [beskrivning(catalog, r) for r in rows[:MAX_LINES]]
        if len(rows) > MAX_LINES:
            lines.append(f"… och {len(rows) - MAX_LINES} till på sidan Ändringar.")
        newest = max(r.nr for r in rows)
        feed.entry(entry_id=f"{feed.url(SITE_PATH)}#{day.isoformat()}-{uid or 'ovrigt'}-{newest}",
                   title=f"{name}: {count} den {fmt.datum(day)}", updated=day,
                   href=feed.url(lank(catalog, rows[0]) or SITE_PATH), summary=" ".join(lines))
    return feed.text()
