"""The preview's banner: what would change on publication, or why nothing can be built.

Shown only by `insyn serve`, never written into the site. Every value is escaped: the
banner repeats data values and problem texts, and data is never markup.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
from pathlib import Path

MAX_ROWS = 30
CSS = b""".insyn-forhandsvisning{background:#fff4ce;color:#1b1b1b;border-bottom:3px solid #8a6d00;
padding:.75rem 1rem;font:1rem/1.5 system-ui,sans-serif}.insyn-forhandsvisning--fel{background:#fde7e9;
border-color:#a4262c}.insyn-forhandsvisning h2{font-size:1.1rem;margin:0 0 .25rem}
.insyn-forhandsvisning ul{margin:.25rem 0 0 1.25rem;padding:0}.insyn-forhandsvisning pre{white-space:pre-wrap;
margin:.25rem 0 0;font:inherit}
"""
LINK = b'<link rel="stylesheet" href="/__insyn/forhandsvisning.css">'


def this_publication(site: Path, day: dt.date) -> list[dict[str, str]]:
    """The change rows this build would add, read back from the built andringar.csv."""
    path = site / "oppna-data" / "andringar.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["publicering"] == day.isoformat()]


def _line(row: dict[str, str]) -> str:
    what = f"{row['tabell']} {row['nyckel']}"
    who = f"{row['utforare_namn']}: " if row.get("utforare_namn") else ""
    if row["handelse"] == "tillagd":
        return f"{who}{what} läggs till"
    if row["handelse"] == "borttagen":
        return f"{who}{what} tas bort"
    return f"{who}{what}, {row['falt']}: {row['fore'] or '(tomt)'} → {row['efter'] or '(tomt)'}"


def changes(rows: list[dict[str, str]], compared_with: str | None, note: str | None) -> str:
    """The banner for a good build: the changes against the published site, or that there are none."""
    e = html.escape
    parts = ['<div class="insyn-forhandsvisning" role="status"><h2>Förhandsvisning – inte publicerad</h2>']
    if compared_with is None:
        parts.append(f"<p>{e(note or 'Ingen publicerad webbplats att jämföra med.')}</p>")
    elif not rows:
        parts.append(f"<p>Inga ändringar jämfört med {e(compared_with)}.</p>")
    else:
        count = f"{len(rows)} ändring" if len(rows) == 1 else f"{len(rows)} ändringar"
        parts.append(f"<p>Det här skulle ändras vid publicering ({count} jämfört med {e(compared_with)}):</p><ul>")
        parts += [f"<li>{e(_line(r))}</li>" for r in rows[:MAX_ROWS]]
        if len(rows) > MAX_ROWS:
            parts.append(f"<li>… och {len(rows) - MAX_ROWS} till (se sidan Ändringar).</li>")
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


def problems(text: str, what: str = "Datan har fel") -> str:
    """The banner for data with faults, or (`what`) a build that failed: the same Swedish report
    as in the terminal."""
    return ('<div class="insyn-forhandsvisning insyn-forhandsvisning--fel" role="alert">'
            f"<h2>{html.escape(what)} – sidan nedan är det senaste fungerande bygget</h2>"
            f"<pre>{html.escape(text)}</pre></div>")
