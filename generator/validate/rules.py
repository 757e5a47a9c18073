"""Rules across files: every reference resolves, dates are in order, the contract's
conditional requirements hold. Each rule adds located Problems; none stops the others."""

from __future__ import annotations

import datetime as dt
import difflib

from stdnum.se import orgnr

from generator.load.document import Document, Loc
from generator.models import REFERENCE_ROWS, Utforare
from generator.models.uppfoljning import Uppfoljning as _U
from generator.problems import Problem, mask, show_value
from generator.sv import vocabulary as voc
from generator.sv.personnummer import is_personnummer
from generator.validate.checker import Checker, Parsed, duplicates

# Fields of a follow-up that may be withheld under OSL. The fields that say which follow-up
# it is cannot be (to hide a follow-up altogether, write publik: false); the period can, and
# the page and the open data then say that it is withheld.
SECRET_FIELDS = tuple(f for f in _U.model_fields if f not in {"avtal", "typ", "status", "sekretess", "publik"})

# Ids become folders on the site (utforare/<id>/, jamfor/<id>/ …): `index` is each folder's own
# page, and Windows cannot create folders with the device names.
RESERVED_IDS = {
    "index": "index är namnet på varje mapps egen sida på webbplatsen",
    **{name: f"{name} är ett reserverat namn i Windows, så webbplatsen går inte att spara där"
       for name in ("con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10)))},
}
# A provider's id stands in the key figures' first column, where these two name the reference
# values instead (the region as a whole, the country): a provider so named had its own values
# published as the country's, and the country's shown on its page.
RESERVED_PROVIDER_IDS = {
    name: f"{name} står i nyckeltalsvärdenas första kolumn för {what}, inte för en utförare"
    for name, what in (("region", "regionen som helhet"), ("riket", "riket"))
}

__all__ = ["SECRET_FIELDS", "Parsed", "check_all"]


def check_region(ch: Checker) -> None:
    r, doc = ch.p.region, ch.p.region_doc
    if r is None or doc is None:
        return
    duplicates(ch, doc, "kommuner", [k.kod for k in r.kommuner], "Kommunkoden", "kod")
    duplicates(ch, doc, "namnder", [n.id for n in r.namnder], "Nämnden")
    duplicates(ch, doc, "mal", [m.id for m in r.mal], "Målet")
    duplicates(ch, doc, "verksamhetsomraden", [v.id for v in r.verksamhetsomraden], "Verksamhetsområdet")
    for i, area in enumerate(r.verksamhetsomraden):
        ch.ref(doc, ("verksamhetsomraden", i, "namnd"), area.namnd, _namnder(ch), "Nämnden")
        for j, goal in enumerate(area.mal):
            ch.ref(doc, ("verksamhetsomraden", i, "mal", j), goal, _mal(ch), "Målet")


def _region_ids(ch: Checker, key: str, attr: str) -> set[str] | None:
    """Ids listed in region.yaml; read from the raw file when the file has other errors, so
    references are still checked in the same run (None: the list itself is unreadable)."""
    if ch.p.region is not None:
        return {getattr(item, attr) for item in getattr(ch.p.region, key)}
    data = ch.p.region_doc.data if ch.p.region_doc is not None else None
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) and isinstance(i.get(attr), str) for i in items):
        return None
    return {i[attr] for i in items}


def _namnder(ch: Checker) -> set[str] | None:
    return _region_ids(ch, "namnder", "id")


def _mal(ch: Checker) -> set[str] | None:
    return _region_ids(ch, "mal", "id")


def _omraden(ch: Checker) -> set[str] | None:
    return _region_ids(ch, "verksamhetsomraden", "id")


def _kommuner(ch: Checker) -> set[str] | None:
    return _region_ids(ch, "kommuner", "kod")


def check_nyckeltal(ch: Checker) -> None:
    n, doc = ch.p.nyckeltal, ch.p.nyckeltal_doc
    if n is None or doc is None:
        return
    duplicates(ch, doc, None, [k.id for k in n.nyckeltal], "Nyckeltalet")
    for i, k in enumerate(n.nyckeltal):
        ch.ref(doc, (i, "mal"), k.mal, _mal(ch), "Målet")
        for j, area in enumerate(k.verksamhetsomraden):
            ch.ref(doc, (i, "verksamhetsomraden", j), area, _omraden(ch), "Verksamhetsområdet")


def _order(ch: Checker, doc: Document, loc: Loc, first: dt.date | None, then: dt.date | None, variant: str = "") -> None:
    """`then` must not come before `first`; `variant` names the pair of dates in the registry (slutdatum by default)."""
    if first is not None and then is not None and then < first:
        ch.add(doc, loc, "date-order", then.isoformat(), variant=variant, senare=then.isoformat(), tidigare=first.isoformat())


def check_utforare(ch: Checker) -> None:
    for u, doc in ch.p.utforare.values():
        for j, area in enumerate(u.verksamhetsomraden):
            ch.ref(doc, ("verksamhetsomraden", j), area, _omraden(ch), "Verksamhetsområdet")
        if u.besoksadress is not None:
            ch.ref(doc, ("besoksadress", "kommun"), u.besoksadress.kommun, _kommuner(ch), "Kommunkoden")
        _order(ch, doc, ("slutdatum",), u.startdatum, u.slutdatum)
        _check_number(ch, u, doc)


def _check_number(ch: Checker, u: Utforare, doc: Document) -> None:
    number = u.organisationsnummer
    loc: Loc = ("organisationsnummer",)
    line = doc.line_of(loc)
    if number is None:
        if u.driftsform == "privat" and not ch.failed(doc, "organisationsnummer"):
            ch.add(doc, loc, "missing-field", variant="organisationsnummer")
        return
    if u.enskild_firma:
        if not is_personnummer(number):
            ch.problems.append(Problem.of("orgnr-checksum", doc.file, line, "organisationsnummer", mask(number),
                                          variant="enskild-firma"))
        return
    if is_personnummer(number):
        ch.problems.append(Problem.of("sole-trader-number", doc.file, line, "organisationsnummer", mask(number)))
        return
    if not orgnr.is_valid(number):
        ch.add(doc, loc, "orgnr-checksum", number)


def check_avtal(ch: Checker) -> None:
    for a, doc in ch.p.avtal.values():
        ch.ref(doc, ("utforare",), a.utforare, ch.p.utforare, "Utföraren", "utforare")
        ch.ref(doc, ("verksamhetsomrade",), a.verksamhetsomrade, _omraden(ch), "Verksamhetsområdet")
        ch.ref(doc, ("namnd",), a.namnd, _namnder(ch), "Nämnden")
        for j, goal in enumerate(a.mal):
            ch.ref(doc, ("mal", j), goal, _mal(ch), "Målet")
        _order(ch, doc, ("slutdatum",), a.startdatum, a.slutdatum)
        ids = [k.id for k in a.krav]
        duplicates(ch, doc, "krav", ids, "Kravet")
        provider = ch.p.utforare.get(a.utforare)
        if provider is None:
            continue
        u = provider[0]
        if a.verksamhetsomrade in (_omraden(ch) or ()) and u.verksamhetsomraden \
                and a.verksamhetsomrade not in u.verksamhetsomraden:
            ch.add(doc, ("verksamhetsomrade",), "area-not-in-provider", a.verksamhetsomrade,
                   utforare=a.utforare, omrade=a.verksamhetsomrade, omraden=", ".join(u.verksamhetsomraden))
        if u.driftsform == "privat" and a.insynsklausul is None and not ch.failed(doc, "insynsklausul"):
            ch.add(doc, ("insynsklausul",), "missing-field", variant="insynsklausul")
        if u.driftsform == "privat" and a.form == "egen_regi":
            ch.add(doc, ("form",), "form-driftsform", a.form)
        if u.driftsform == "egen_regi" and a.form not in (None, "egen_regi"):
            ch.add(doc, ("form",), "form-driftsform", a.form, variant="egen-regi")


def check_uppfoljningar(ch: Checker) -> None:
    for u, doc in ch.p.uppfoljningar.values():
        ch.ref(doc, ("avtal",), u.avtal, ch.p.avtal, "Avtalet", "avtal")
        for j, goal in enumerate(u.mal):
            ch.ref(doc, ("mal", j), goal, _mal(ch), "Målet")
        if u.status == "genomford":
            if u.genomford is None and not ch.failed(doc, "genomford"):
                ch.add(doc, ("status",), "missing-field", variant="genomford", falt="genomford")
            if u.resultat is None and not ch.failed(doc, "resultat"):
                ch.add(doc, ("status",), "missing-field", variant="resultat", falt="resultat")
        elif u.status is not None:  # a result shown for a follow-up that is not done would mislead
            for name in ("genomford", "resultat"):
                if getattr(u, name) is not None:
                    ch.add(doc, (name,), "status-mismatch", getattr(u, name), falt=name, status=u.status)
        if u.redovisad is not None:
            _order(ch, doc, ("redovisad", "datum"), u.genomford, u.redovisad.datum, "redovisad")
        for j, name in enumerate(u.sekretess):
            if name not in SECRET_FIELDS:
                close = difflib.get_close_matches(name.strip().lower(), SECRET_FIELDS, n=1)
                ch.add(doc, ("sekretess", j), "invalid-secrecy", name, variant="forslag" if close else "",
                       namn=show_value(name), forslag=close[0] if close else "", tillatna=", ".join(SECRET_FIELDS))
        avtal = ch.p.avtal.get(u.avtal) if u.avtal is not None else None
        if avtal is not None and ch.failed(avtal[1], "krav"):
            avtal = None  # the contract's own list of requirements is wrong: reported there
        krav = {k.id for k in avtal[0].krav} if avtal else set()
        for j, brist in enumerate(u.brister):
            if avtal is not None:
                ch.ref(doc, ("brister", j, "krav"), brist.krav, krav, "Kravet", where=f"avtal/{u.avtal}.yaml (krav)")
        if u.handlingsplan is not None:
            for j, atgard in enumerate(u.handlingsplan.atgarder):
                loc: Loc = ("handlingsplan", "atgarder", j)
                _order(ch, doc, (*loc, "senast"), u.handlingsplan.beslutad, atgard.senast, "atgard")
                if atgard.status == "klar" and atgard.klar is None:
                    ch.add(doc, (*loc, "status"), "missing-field", variant="klar", falt="klar")
                if atgard.klar is not None and atgard.status != "klar":
                    ch.add(doc, (*loc, "klar"), "klar-status-mismatch", atgard.status, status=atgard.status)


def check_planer(ch: Checker) -> None:
    seen: dict[tuple[str, int], str] = {}
    for plan, doc in ch.p.planer.values():
        ch.ref(doc, ("namnd",), plan.namnd, _namnder(ch), "Nämnden")
        if plan.namnd is not None and plan.ar is not None and (plan.namnd, plan.ar) in seen:
            ch.add(doc, ("ar",), "duplicate-plan", plan.ar, namnd=plan.namnd, ar=plan.ar, fil=seen[plan.namnd, plan.ar])
        elif plan.namnd is not None and plan.ar is not None:
            seen[(plan.namnd, plan.ar)] = doc.file
        for j, post in enumerate(plan.poster):
            loc: Loc = ("poster", j)
            if (post.avtal is None) == (post.verksamhetsomrade is None):
                ch.add(doc, loc, "plan-target")
            ch.ref(doc, (*loc, "avtal"), post.avtal, ch.p.avtal, "Avtalet", "avtal")
            ch.ref(doc, (*loc, "verksamhetsomrade"), post.verksamhetsomrade, _omraden(ch), "Verksamhetsområdet")
            if plan.ar is not None and post.planerad is not None and not post.planerad.startswith(f"{plan.ar}-"):
                ch.add(doc, (*loc, "planerad"), "month-outside-year", post.planerad, manad=post.planerad, ar=plan.ar)


def check_varden(ch: Checker) -> None:
    # The first of two definitions with the same id counts; the second is reported on its own.
    definitions = {k.id: k for k in reversed(ch.p.nyckeltal.nyckeltal)} if ch.p.nyckeltal else None
    seen: dict[tuple[str, str, str, str], Document] = {}
    # The reserved word region stands for the publisher as a whole, a kommun too (which may write kommun).
    helhet = voc.organisation(ch.p.region.region.typ) if ch.p.region is not None else "regionen eller kommunen"
    for v, doc in ch.p.varden:
        if v.utforare not in REFERENCE_ROWS:
            ch.ref(doc, ("utforare",), v.utforare, ch.p.utforare, "Utföraren", "utforare", helhet=helhet)
        ch.ref(doc, ("nyckeltal",), v.nyckeltal, definitions, "Nyckeltalet")
        definition = definitions.get(v.nyckeltal) if definitions else None
        if definition is not None and not definition.konsuppdelad and v.kon not in (None, "T"):
            ch.add(doc, ("kon",), "kon-not-split", v.kon, nyckeltal=v.nyckeltal)
        if v.varde is None and not v.anmarkning and not ch.failed(doc, "varde"):
            ch.add(doc, ("anmarkning",), "missing-reason")
        key = (v.utforare, v.nyckeltal, v.period, v.kon)
        if None in key:
            continue
        if key in seen:
            first = seen[key]
            ch.add(doc, (), "duplicate-row", ",".join(str(k) for k in key), fil=first.file, rad=first.line_of(()))
        else:
            seen[key] = doc


def check_reserved(ch: Checker) -> None:
    """Ids that would collide with the site's own structure: refused with the reason."""
    for folder in ("utforare", "avtal", "uppfoljningar", "uppfoljningsplaner"):
        reserved = {**RESERVED_IDS, **RESERVED_PROVIDER_IDS} if folder == "utforare" else RESERVED_IDS
        for item_id, (_, doc) in getattr(ch.p, "planer" if folder == "uppfoljningsplaner" else folder).items():
            if item_id in reserved:
                ch.problems.append(Problem.of("reserved-id", doc.file, None, "", item_id, id=item_id, orsak=reserved[item_id]))
    region, doc = ch.p.region, ch.p.region_doc
    if region is None or doc is None:
        return
    ids = {"verksamhetsomraden": [v.id for v in region.verksamhetsomraden], "mal": [m.id for m in region.mal]}
    for key, values in ids.items():
        for i, item_id in enumerate(values):
            if item_id in RESERVED_IDS:
                ch.add(doc, (key, i, "id"), "reserved-id", item_id, id=item_id, orsak=RESERVED_IDS[item_id])


def check_site_links(ch: Checker) -> None:
    """A link into the site's own address is checked against the pages Insyn makes, and the
    site replaces whatever else was there: a document cannot live inside it."""
    region = ch.p.region
    site = region.publicering.webbadress if region is not None else None
    if not site:
        return
    base = site.rstrip("/").lower() + "/"
    docs = [doc for group in (ch.p.utforare, ch.p.avtal, ch.p.uppfoljningar) for _, doc in group.values()]
    for doc in [d for d in (ch.p.region_doc,) if d is not None] + docs:
        for loc, text in doc.links():
            if (text.strip().lower() + "/").startswith(base):
                ch.add(doc, loc, "url-inside-site", text, webbadress=site)


def check_all(parsed: Parsed) -> list[Problem]:
    ch = Checker(parsed)
    for rule in (check_region, check_nyckeltal, check_utforare, check_avtal, check_uppfoljningar, check_planer, check_varden,
                 check_reserved, check_site_links):
        rule(ch)
    return ch.problems
