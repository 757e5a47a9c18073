"""`insyn forhandsgranska --utforare ID`: one provider's pages and data rows exactly as they
would be published, for the provider to check the facts before publication (as CQC sends
a draft report to the provider).

Built from the public Catalog, like the site: withheld fields and non-public follow-ups
never reach it. The folder holds one printable, self-contained HTML file (the page texts,
charts and the data rows, styles inline, no scripts) and the provider's rows as CSV and
xlsx. It replaces only a folder it made itself (its marker file says so), an empty one or
a missing one, and is written beside and swapped in, so a failure leaves nothing half-done.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from pathlib import Path
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from generator import pages
from generator.domain.catalog import Catalog
from generator.memo import content
from generator.opendata import perprovider, resources
from generator.opendata.cells import cell
from generator.opendata.schema import BY_NAME
from generator.pages.render import site_path
from generator.problems import BuildError
from generator.site import ownership, publish, published

THEME_CSS = Path(__file__).parent / "site" / "theme" / "assets"
MARKER_TEXT = "Förhandsgranskning från Insyn. Nästa insyn forhandsgranska ersätter hela mappen.\n"
TABLES = ("utforare", "avtal", "krav", "uppfoljningar", "brister", "atgarder", "nyckeltalsvarden")
_PRINT_CSS = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
.granskning{border:2px solid #8a6d00;background:#fff4ce;padding:1rem;margin-bottom:2rem}
section.sida{border-top:1px solid #999;margin-top:2rem;padding-top:1rem}
table.rader{border-collapse:collapse;font-size:.8rem;margin:.5rem 0 1.5rem}
table.rader th,table.rader td{border:1px solid #999;padding:.2rem .4rem;vertical-align:top;text-align:left}
form,[data-filter-status]{display:none}
@media print{section.sida{break-before:page}a{color:inherit}}
"""


def provider_rows(catalog: Catalog, uid: str) -> dict[str, list[dict[str, object]]]:
    """The provider's rows of each published table, exactly as the data package has them."""
    rows = resources.all_rows(catalog)
    contracts = set(catalog.avtal_for(uid))
    follow_ups = set(catalog.uppfoljningar_for(uid))

    def mine(table: str, row: dict[str, object]) -> bool:
        if table == "utforare":
            return row["id"] == uid
        if table == "avtal":
            return row["id"] in contracts
        if table == "krav":
            return row["avtal"] in contracts
        if table == "uppfoljningar":
            return row["id"] in follow_ups
        if table in ("brister", "atgarder"):
            return row["uppfoljning"] in follow_ups
        return row["utforare"] == uid

    return {t: [r for r in rows[t] if mine(t, r)] for t in TABLES}


def _page_docs(catalog: Catalog, uid: str) -> list[str]:
    return [f"utforare/{uid}.md", *(f"avtal/{avtal_id}.md" for avtal_id in catalog.avtal_for(uid)),
            *(f"uppfoljningar/{uppfoljning_id}.md" for uppfoljning_id in catalog.uppfoljningar_for(uid))]


def _relative(href: str) -> bool:
    """A link within the site (`../../avtal/x/`, `#krav`): no scheme before its fragment."""
    return ":" not in href.partition("#")[0]


def _links(block: LexborNode, doc: str, site_url: str | None) -> None:
    """The block's links point at the published site, or become plain text (the file stands alone)."""
    if not site_url:
        for node in block.css("a[href]"):
            if _relative(node.attributes["href"] or ""):
                node.unwrap()
        return
    base = urljoin(site_url if site_url.endswith("/") else site_url + "/", site_path(doc))
    for node in block.css("[href]"):
        path, hash_, fragment = (node.attributes["href"] or "").partition("#")
        if _relative(path):
            node.attrs["href"] = urljoin(base, path) + hash_ + fragment


# The attributes that hold ids: the id itself and the references to it.
_IDREFS = frozenset({"id", "for", "aria-labelledby", "aria-describedby", "aria-controls", "headers"})


def _prefixed(block: LexborNode, prefix: str) -> None:
    """Ids made unique per page, since the pages share one file, and the references with them
    (no link to a fragment is left to follow: _links pointed each at the site or made it text)."""
    for node in block.traverse():
        for name in _IDREFS & node.attributes.keys():
            node.attrs[name] = " ".join(f"{prefix}-{v}" for v in (node.attributes[name] or "").split())


def _section(doc: str, text: str, site_url: str | None, prefix: str) -> str:
    """A page's generated block, its links and ids edited on the parsed tree: in the markup a data
    value ending in `href=` or `id=` inside an attribute would be taken for the attribute itself."""
    block = LexborHTMLParser(text).css_first("div.insyn")
    if block is None:
        return ""
    _links(block, doc, site_url)
    _prefixed(block, prefix)
    return block.html or ""


def _table_html(table: str, rows: list[dict[str, object]]) -> str:
    spec = BY_NAME[table]
    e = html.escape
    head = "".join(f'<th scope="col">{e(c.name)}</th>' for c in spec.columns)
    body = "".join("<tr>" + "".join(f"<td>{e(cell(r[c.name]))}</td>" for c in spec.columns) + "</tr>" for r in rows)
    return (f'<table class="rader"><caption>{e(spec.title)} ({e(spec.path)}, {len(rows)} rader)</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def printable(catalog: Catalog, uid: str, site_url: str | None, day: dt.date) -> str:
    """One self-contained HTML file: what to check, every page, then every data row."""
    e = html.escape
    name = catalog.utforare[uid].namn
    rendered = pages.render_all(catalog, site_url=site_url)
    css = "".join((THEME_CSS / f).read_text(encoding="utf-8") for f in ("insyn.css", "insyn-ansvar.css"))
    rows = provider_rows(catalog, uid)
    region = catalog.region
    sections = [f'<section class="sida">{_section(doc, rendered[doc], site_url, f"s{n}")}</section>'
                for n, doc in enumerate(_page_docs(catalog, uid), start=1)]
    tables = "".join(_table_html(t, r) for t, r in rows.items() if r)
    return (f'<!doctype html>\n<html lang="sv"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Förhandsgranskning: {e(name)}</title><style>{css}{_PRINT_CSS}</style></head><body>"
            f'<div class="granskning"><h1>Förhandsgranskning: {e(name)}</h1>'
            f"<p>Så här kommer {e(region.namn)} att publicera uppgifterna om {e(name)}, gjort {day.isoformat()}. "
            "Kontrollera att sakuppgifterna stämmer: namn, adress, avtal, uppföljningarnas resultat, brister, "
            "åtgärder och nyckeltal. Uppgifter som omfattas av sekretess och uppföljningar som inte är offentliga "
            "finns inte med, eftersom de inte publiceras.</p>"
            f"<p>Hittar du ett fel? Svara till {e(region.kontakt.epost)} och ange sidan och uppgiften.</p></div>"
            f"<main>{''.join(sections)}"
            f'<section class="sida"><h2>Uppgifterna som öppna data</h2>{tables}</section></main></body></html>\n')


def _csv(table: str, rows: list[dict[str, object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = BY_NAME[table].column_names()
    writer.writerow(names)
    for r in rows:
        writer.writerow([cell(r[n]) for n in names])
    return buffer.getvalue().encode("utf-8")


def files(catalog: Catalog, uid: str, site_url: str | None, day: dt.date) -> dict[str, bytes]:
    """Every file of the folder by relative path."""
    rows = provider_rows(catalog, uid)
    out = {f"{uid}.html": printable(catalog, uid, site_url, day).encode("utf-8")}
    out.update({f"data/{t}.csv": _csv(t, r) for t, r in rows.items()})
    everything = resources.all_rows(catalog)
    mine = {k: v for k, v in perprovider.files(everything, catalog).items()
            if k in (f"{perprovider.FOLDER}/{uid}.csv", f"{perprovider.FOLDER}/{uid}.xlsx")}
    out.update({f"data/{Path(k).name}": content(v) for k, v in mine.items()})
    return out


def _refuse_all_but_a_preview(out: Path) -> None:
    """Only a missing or empty folder, or a preview Insyn made (its marker says so), is replaced:
    a site, even one from an earlier version without a marker, or someone's own folder is not."""
    if not out.is_dir() or not any(out.iterdir()):
        return
    marker = out / ownership.MARKER
    said = marker.read_text(encoding="utf-8") if marker.is_file() and not marker.is_symlink() else None
    if said == MARKER_TEXT:
        return
    why = "mappen är en webbplats" if said is not None or ownership.is_insyn_site(out) else "mappen har filer som Insyn inte har gjort"
    raise BuildError("out-refused", f"Insyn skriver inte förhandsgranskningen i {out}: {why}.",
                     "Ange en ny eller tom mapp med --out, t.ex. --out forhandsgranskning.")


def write(catalog: Catalog, uid: str, out: Path, site_url: str | None, day: dt.date,
          protected: list[tuple[str, Path]]) -> Path:
    """Write the folder beside `out` and swap it in; refuses a folder Insyn did not make."""
    ownership.refuse_unsafe(out, protected)
    _refuse_all_but_a_preview(out)
    target = out.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with published.publication(target) as publication, publish.workspace(target) as scratch:
        _refuse_all_but_a_preview(target)  # again under the lock: the folder may have changed meanwhile
        built = scratch / "granskning"
        for rel, data in files(catalog, uid, site_url, day).items():
            path = built / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        (built / ownership.MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        publication.swap_in(built)
    return target / f"{uid}.html"
