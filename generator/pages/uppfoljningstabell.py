"""The follow-up table's header and rows as HTML, in Python rather than in its template.

Every page that lists follow-ups uses this table (`partials/uppfoljning_macros.html`: tabell),
and a national site has about 60,000 of its rows; goal pages hold thousands each, and one
edited follow-up changes several of them. In the template a row cost about as much as a page
of the site's other kinds. Every value passes through `escape`; only the fixed markup around
it is written here, the same bytes the template wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from generator.models import Uppfoljning
from generator.pages import format as fmt
from generator.pages.rader import Filter, Uppfoljningsrad, Uppfoljningsutdrag
from generator.pages.render import (
    hemlig,
    path_uppfoljning,
    path_utforare,
)
from generator.sv import vocabulary as voc

RUBRIK = {"uppfoljning": "Uppföljning", "utforare": "Utförare", "omrade": "Område", "ar": "År", "status": "Status",
          "klar": "Klar", "resultat": "Resultat", "brister": "Brister", "antal_brister": "Antal brister",
          "handlingsplan": "Handlingsplan"}
# The symbol before a result's words (never colour alone).
RESULTAT_SYMBOL = {"uppfyller": "✓", "uppfyller_delvis": "!", "uppfyller_inte": "✗", "ej_bedomd": "–"}
# "Withheld", wherever a withheld value would stand (also ansvar_macros.html: sekretess).
SEKRETESS = Markup('<span class="insyn-sekretess">{}</span>').format(voc.SEKRETESS_TEXT)
# Each result as the table shows it, made once: Markup.format costs about 60 µs, and a national
# rebuild renders about 18,000 rows again.
_RESULTAT = {code: Markup('<span class="insyn-resultat insyn-resultat--{}"><span aria-hidden="true">{} </span>{}</span>')
             .format(code, symbol, voc.label(voc.RESULTAT, code)) for code, symbol in RESULTAT_SYMBOL.items()}


def klar(u: Uppfoljning | Uppfoljningsutdrag, med_status: bool) -> str:
    """When a follow-up was done: the date, "withheld", or (`med_status`) its status while not done."""
    if hemlig(u, "genomford"):
        return SEKRETESS
    if u.genomford:
        return f'<time datetime="{fmt.iso(u.genomford)}">{escape(fmt.datum(u.genomford))}</time>'
    return str(escape(voc.label(voc.STATUS, u.status))) if med_status else ""


def resultat(u: Uppfoljning | Uppfoljningsutdrag) -> Markup:
    """The result with its symbol and words (never colour alone), or why there is none (also
    the templates' uppf_resultat)."""
    if hemlig(u, "resultat"):
        return SEKRETESS
    if u.resultat:
        return _RESULTAT[u.resultat]
    return escape("Inställd, ingen bedömning" if u.status == "installd" else "Inte klar än")


# A count where a follow-up not done (planned, ongoing, cancelled) has found nothing: it has judged
# nothing yet, so "Inga" or 0 deficiencies would read as a clean result. Its result column says why.
INGET_AN = Markup('<span aria-hidden="true">–</span><span class="insyn-dold">Ingen bedömning</span>')


def _inget_an(r: Uppfoljningsrad) -> bool:
    return r.u.status != "genomford" and not r.brister


def _handlingsplan(r: Uppfoljningsrad) -> str:
    if hemlig(r.u, "handlingsplan"):
        return SEKRETESS
    if not r.atgarder:
        # A plan decided before its measures are written in is a plan all the same (its page says so).
        return "Inga åtgärder än" if r.handlingsplan else INGET_AN if _inget_an(r) else "Ingen handlingsplan"
    text = f"{r.klara} av {r.atgarder} åtgärder klara"
    if r.forsenade:
        text += f', <strong class="insyn-forsenad">{r.forsenade} {"försenad" if r.forsenade == 1 else "försenade"}</strong>'
    return text


def _cell(k: str, r: Uppfoljningsrad, sort: bool, med_status: bool, url: Callable[[str], str]) -> str:
    """One cell of a row, with its line's indentation and line break."""
    if k == "uppfoljning":
        return f'      <th scope="row"><a href="{escape(url(path_uppfoljning(r.id)))}">{escape(r.namn)}</a></th>\n'
    if k == "utforare":
        return f'      <td><a href="{escape(url(path_utforare(r.utforare_id)))}">{escape(r.utforare_namn)}</a></td>\n'
    if k == "omrade":
        return f"      <td>{escape(r.omrade_namn)}</td>\n"
    if k == "ar":
        return f"      <td>{escape(r.ar or '')}</td>\n"
    if k == "status":
        return f"      <td>{escape(voc.label(voc.STATUS, r.u.status))}</td>\n"
    if k == "klar":
        sort_value = f' data-sort-value="{fmt.iso(r.u.genomford)}"' if sort else ""
        return f"      <td{sort_value}>{klar(r.u, med_status)}</td>\n"
    if k == "resultat":
        sort_value = f' data-sort-value="{r.rank}"' if sort else ""
        return f"      <td{sort_value}>{resultat(r.u)}</td>\n"
    if k in ("brister", "antal_brister"):
        sort_value = f' data-sort-value="{r.brister}"' if sort else ""
        shown = (SEKRETESS if hemlig(r.u, "brister") else INGET_AN if _inget_an(r)
                 else r.brister if r.brister or k == "antal_brister" else "Inga")
        return f"      <td{sort_value}>{shown}</td>\n"
    if k == "handlingsplan":
        return f"      <td>{_handlingsplan(r)}</td>\n"
    raise KeyError(k)


def tabellrader(rader: Sequence[Uppfoljningsrad], kolumner: Sequence[str], sorterbar: bool, filter: Filter | None,
                url: Callable[[str], str]) -> Markup:
    """The table's <thead> and <tbody>: `kolumner` by name, in order (RUBRIK); `sorterbar`: each
    cell carries its data-sort-value; `filter`: each row carries data-<falt> for the filter form.
    Without a status column, "klar" says the status of a follow-up not done yet."""
    falt = [f.namn for f in filter.falt] if filter else []
    med_status = "status" not in kolumner
    out = ["  <thead>\n    <tr>\n"]
    out += [f'      <th scope="col">{RUBRIK[k]}</th>\n' for k in kolumner]
    out.append("    </tr>\n  </thead>\n  <tbody>\n")
    for r in rader:
        out.append("    <tr" + "".join(f' data-{escape(f)}="{escape(r.filtervarde(f))}"' for f in falt) + ">\n")
        out += [_cell(k, r, sorterbar, med_status, url) for k in kolumner]
        out.append("    </tr>\n")
    out.append("  </tbody>\n")
    return Markup("".join(out))  # noqa: S704 - every value above went through escape
