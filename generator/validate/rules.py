"""Rules across files: every reference resolves, dates are in order, the contract's
conditional requirements hold. Each rule adds located Problems; none stops the others."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.load.document import Document, Loc, field_name
from generator.models import (
    REFERENCE_ROWS,
    Avtal,
    NyckeltalFile,
    NyckeltalsVarde,
    RegionFile,
    Uppfoljning,
    Uppfoljningsplan,
    Utforare,
)
from generator.models.uppfoljning import Uppfoljning as _U
from generator.problems import Problem, mask, show_value
from generator.sv.personnummer import is_personnummer

# Fields of a follow-up that may be withheld under OSL. The fields that say which follow-up
# it is cannot be: to hide a follow-up altogether, write publik: false.
SECRET_FIELDS = tuple(f for f in _U.model_fields if f not in {"avtal", "typ", "period", "status", "sekretess", "publik"})


# Where each kind of id is defined, for the message about a reference that does not resolve.
_SOURCES = {
    "Kommunkoden": "region.yaml (kommuner)", "Nämnden": "region.yaml (namnder)", "Målet": "region.yaml (mal)",
    "Verksamhetsområdet": "region.yaml (verksamhetsomraden)", "Nyckeltalet": "nyckeltal.yaml",
    "Utföraren": "mappen utforare", "Avtalet": "mappen avtal",
}


@dataclass
class Parsed:
    """Valid models with the documents they came from, keyed by id."""

    region: RegionFile | None = None
    region_doc: Document | None = None
    nyckeltal: NyckeltalFile | None = None
    nyckeltal_doc: Document | None = None
    utforare: dict[str, tuple[Utforare, Document]] = field(default_factory=dict)
    avtal: dict[str, tuple[Avtal, Document]] = field(default_factory=dict)
    uppfoljningar: dict[str, tuple[Uppfoljning, Document]] = field(default_factory=dict)
    planer: dict[str, tuple[Uppfoljningsplan, Document]] = field(default_factory=dict)
    varden: list[tuple[NyckeltalsVarde, Document]] = field(default_factory=list)
    # Ids of files that exist but failed validation: references to them are not "dangling".
    invalid: dict[str, set[str]] = field(default_factory=dict)


class Checker:
    def __init__(self, parsed: Parsed):
        self.p = parsed
        self.problems: list[Problem] = []

    def add(self, doc: Document, loc: Loc, code: str, message: str, hint: str, value: object = None) -> None:
        shown = None if value is None else show_value(value)
        self.problems.append(Problem(doc.file, doc.line_of(loc), code, field_name(loc), message, hint, shown))

    def ref(self, doc: Document, loc: Loc, value: str | None, known: Iterable[str] | None, what: str,
            folder: str = "", where: str = "") -> None:
        """`known` None means the list itself failed validation: its own errors are reported instead."""
        if value is None or known is None:
            return
        known = set(known)
        if value in known or value in self.p.invalid.get(folder, set()):
            return
        sample = ", ".join(sorted(known)[:8]) + (" …" if len(known) > 8 else "")
        where = where or _SOURCES.get(what, "")
        self.add(doc, loc, "dangling-reference", f"{what} {show_value(value)} finns inte{' i ' + where if where else ''}.",
                 f"Kontrollera stavningen. Det som finns: {sample}." if known else f"Lägg först till {what.lower()}.", value)


def _duplicates(ch: Checker, doc: Document, key: str | None, ids: list[str], what: str, attr: str = "id") -> None:
    """Report the second occurrence of every id listed twice (`key` None: a top-level list)."""
    for value, count in Counter(ids).items():
        if count > 1:
            index = [i for i, v in enumerate(ids) if v == value][1]
            loc: Loc = (index, attr) if key is None else (key, index, attr)
            ch.add(doc, loc, "duplicate-id", f"{what} {value} finns flera gånger.",
                   "Varje id får bara finnas en gång.", value)


def check_region(ch: Checker) -> None:
    r, doc = ch.p.region, ch.p.region_doc
    if r is None or doc is None:
        return
    _duplicates(ch, doc, "kommuner", [k.kod for k in r.kommuner], "Kommunkoden", "kod")
    _duplicates(ch, doc, "namnder", [n.id for n in r.namnder], "Nämnden")
    _duplicates(ch, doc, "mal", [m.id for m in r.mal], "Målet")
    _duplicates(ch, doc, "verksamhetsomraden", [v.id for v in r.verksamhetsomraden], "Verksamhetsområdet")
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
    _duplicates(ch, doc, None, [k.id for k in n.nyckeltal], "Nyckeltalet")
    for i, k in enumerate(n.nyckeltal):
        ch.ref(doc, (i, "mal"), k.mal, _mal(ch), "Målet")
        for j, area in enumerate(k.verksamhetsomraden):
            ch.ref(doc, (i, "verksamhetsomraden", j), area, _omraden(ch), "Verksamhetsområdet")


def _order(ch: Checker, doc: Document, loc: Loc, first: dt.date | None, then: dt.date | None, what: str) -> None:
    if first is not None and then is not None and then < first:
        ch.add(doc, loc, "date-order", f"{what}: {then.isoformat()} ligger före {first.isoformat()}.",
               "Kontrollera datumen; det senare datumet får inte ligga före det tidigare.", then.isoformat())


def check_utforare(ch: Checker) -> None:
    for u, doc in ch.p.utforare.values():
        for j, area in enumerate(u.verksamhetsomraden):
            ch.ref(doc, ("verksamhetsomraden", j), area, _omraden(ch), "Verksamhetsområdet")
        if u.besoksadress is not None:
            ch.ref(doc, ("besoksadress", "kommun"), u.besoksadress.kommun, _kommuner(ch), "Kommunkoden")
        _order(ch, doc, ("slutdatum",), u.startdatum, u.slutdatum, "Slutdatum")
        _check_number(ch, u, doc)


def _check_number(ch: Checker, u: Utforare, doc: Document) -> None:
    from stdnum.se import orgnr

    number = u.organisationsnummer
    loc: Loc = ("organisationsnummer",)
    if number is None:
        if u.driftsform == "privat":
            ch.add(doc, loc, "missing-field", "Fältet organisationsnummer saknas.",
                   "Privata utförare ska ha organisationsnummer (för enskild firma: personnumret, som aldrig publiceras).")
        return
    if u.enskild_firma:
        if not is_personnummer(number):
            ch.problems.append(Problem(doc.file, doc.line_of(loc), "orgnr-checksum", "organisationsnummer",
                                       "Numret för en enskild firma ska vara ett giltigt personnummer.",
                                       "Kontrollera siffrorna (ÅÅMMDD-NNNN). Numret publiceras aldrig.", mask(number)))
        return
    if is_personnummer(number):
        ch.problems.append(Problem(doc.file, doc.line_of(loc), "sole-trader-number", "organisationsnummer",
                                   "Numret är ett personnummer, inte ett organisationsnummer.",
                                   "Är utföraren en enskild firma? Skriv då enskild_firma: true, så publiceras numret aldrig.",
                                   mask(number)))
        return
    if not orgnr.is_valid(number):
        ch.add(doc, loc, "orgnr-checksum", "Organisationsnumret är inte giltigt (fel format eller kontrollsiffra).",
               "Skriv det som NNNNNN-NNNN och kontrollera siffrorna mot Bolagsverket.", number)


def check_avtal(ch: Checker) -> None:
    for a, doc in ch.p.avtal.values():
        ch.ref(doc, ("utforare",), a.utforare, ch.p.utforare, "Utföraren", "utforare")
        ch.ref(doc, ("verksamhetsomrade",), a.verksamhetsomrade, _omraden(ch), "Verksamhetsområdet")
        ch.ref(doc, ("namnd",), a.namnd, _namnder(ch), "Nämnden")
        for j, goal in enumerate(a.mal):
            ch.ref(doc, ("mal", j), goal, _mal(ch), "Målet")
        _order(ch, doc, ("slutdatum",), a.startdatum, a.slutdatum, "Slutdatum")
        ids = [k.id for k in a.krav]
        _duplicates(ch, doc, "krav", ids, "Kravet")
        provider = ch.p.utforare.get(a.utforare)
        if provider is None:
            continue
        u = provider[0]
        if a.verksamhetsomrade in (_omraden(ch) or ()) and a.verksamhetsomrade not in u.verksamhetsomraden:
            ch.add(doc, ("verksamhetsomrade",), "area-not-in-provider",
                   f"Utföraren {a.utforare} har inte verksamhetsområdet {a.verksamhetsomrade}.",
                   f"Lägg till {a.verksamhetsomrade} under verksamhetsomraden i utforare/{a.utforare}.yaml, eller välj ett av: "
                   + ", ".join(u.verksamhetsomraden), a.verksamhetsomrade)
        if u.driftsform == "privat" and a.insynsklausul is None:
            ch.add(doc, ("insynsklausul",), "missing-field", "Fältet insynsklausul saknas.",
                   "Avtal med privata utförare ska ange insynsklausul: true eller false.")
        if u.driftsform == "privat" and a.form == "egen_regi":
            ch.add(doc, ("form",), "invalid-choice", "En privat utförare kan inte ha formen egen_regi.",
                   "Välj LOV, LOU eller direktupphandling.", a.form)
        if u.driftsform == "egen_regi" and a.form != "egen_regi":
            ch.add(doc, ("form",), "invalid-choice", "En enhet i egen regi har ett uppdrag, inte ett upphandlat avtal.",
                   "Skriv form: egen_regi.", a.form)


def check_uppfoljningar(ch: Checker) -> None:
    for u, doc in ch.p.uppfoljningar.values():
        ch.ref(doc, ("avtal",), u.avtal, ch.p.avtal, "Avtalet", "avtal")
        for j, goal in enumerate(u.mal):
            ch.ref(doc, ("mal", j), goal, _mal(ch), "Målet")
        if u.status == "genomford":
            if u.genomford is None:
                ch.add(doc, ("status",), "missing-field", "En genomförd uppföljning saknar fältet genomford.",
                       "Lägg till genomford: med datumet då uppföljningen blev klar (ÅÅÅÅ-MM-DD).")
            if u.resultat is None:
                ch.add(doc, ("status",), "missing-field", "En genomförd uppföljning saknar fältet resultat.",
                       "Lägg till resultat: uppfyller, uppfyller_delvis, uppfyller_inte eller ej_bedomd.")
        else:  # a result shown for a follow-up that is not done would mislead
            for name in ("genomford", "resultat"):
                if getattr(u, name) is not None:
                    ch.add(doc, (name,), "status-mismatch", f"Uppföljningen har {name} men status är {u.status}.",
                           f"Skriv status: genomford om uppföljningen är klar; annars ta bort {name}:.", getattr(u, name))
        if u.redovisad is not None:
            _order(ch, doc, ("redovisad", "datum"), u.genomford, u.redovisad.datum, "Redovisningsdatum")
        for j, name in enumerate(u.sekretess):
            if name not in SECRET_FIELDS:
                ch.add(doc, ("sekretess", j), "invalid-secrecy",
                       f"Fältnamnet {show_value(name)} kan inte sekretessmarkeras, så ingenting publiceras förrän det är rättat.",
                       _secret_hint(name), name)
        avtal = ch.p.avtal.get(u.avtal)
        krav = {k.id for k in avtal[0].krav} if avtal else set()
        for j, brist in enumerate(u.brister):
            if avtal is not None:
                ch.ref(doc, ("brister", j, "krav"), brist.krav, krav, "Kravet", where=f"avtal/{u.avtal}.yaml (krav)")
        if u.handlingsplan is not None:
            for j, atgard in enumerate(u.handlingsplan.atgarder):
                loc: Loc = ("handlingsplan", "atgarder", j)
                _order(ch, doc, (*loc, "senast"), u.handlingsplan.beslutad, atgard.senast, "Sista dag för åtgärden")
                if atgard.status == "klar" and atgard.klar is None:
                    ch.add(doc, (*loc, "status"), "missing-field", "En klar åtgärd saknar fältet klar.",
                           "Lägg till klar: med datumet då åtgärden blev klar.")
                if atgard.klar is not None and atgard.status != "klar":
                    ch.add(doc, (*loc, "klar"), "invalid-choice", "Åtgärden har ett klardatum men status är inte klar.",
                           "Sätt status: klar, eller ta bort klar:.", atgard.status)


def _secret_hint(name: str) -> str:
    close = difflib.get_close_matches(name.strip().lower(), SECRET_FIELDS, n=1)
    guess = f"Menade du {close[0]}? " if close else ""
    return guess + "Skriv fältnamnet exakt. Fält som kan sekretessmarkeras: " + ", ".join(SECRET_FIELDS) + "."


def check_planer(ch: Checker) -> None:
    seen: dict[tuple[str, int], str] = {}
    for plan, doc in ch.p.planer.values():
        ch.ref(doc, ("namnd",), plan.namnd, _namnder(ch), "Nämnden")
        if (plan.namnd, plan.ar) in seen:
            ch.add(doc, ("ar",), "duplicate-plan", f"Nämnden {plan.namnd} har redan en plan för {plan.ar} ({seen[plan.namnd, plan.ar]}).",
                   "Varje nämnd har en uppföljningsplan per år: lägg posterna i den befintliga filen.", plan.ar)
        else:
            seen[(plan.namnd, plan.ar)] = doc.file
        for j, post in enumerate(plan.poster):
            loc: Loc = ("poster", j)
            if (post.avtal is None) == (post.verksamhetsomrade is None):
                ch.add(doc, loc, "plan-target", "En post ska ange antingen avtal eller verksamhetsomrade (ett av dem).",
                       "Skriv avtal: <id> för ett enskilt avtal, eller verksamhetsomrade: <id> för alla avtal i området.")
            ch.ref(doc, (*loc, "avtal"), post.avtal, ch.p.avtal, "Avtalet", "avtal")
            ch.ref(doc, (*loc, "verksamhetsomrade"), post.verksamhetsomrade, _omraden(ch), "Verksamhetsområdet")
            if not post.planerad.startswith(str(plan.ar)):
                ch.add(doc, (*loc, "planerad"), "date-order", f"Månaden {post.planerad} ligger inte under planens år {plan.ar}.",
                       f"Skriv en månad under {plan.ar}, t.ex. {plan.ar}-04.", post.planerad)


def check_varden(ch: Checker) -> None:
    # The first of two definitions with the same id counts; the second is reported on its own.
    definitions = {k.id: k for k in reversed(ch.p.nyckeltal.nyckeltal)} if ch.p.nyckeltal else None
    seen: dict[tuple[str, str, str, str], Document] = {}
    for v, doc in ch.p.varden:
        if v.utforare not in REFERENCE_ROWS:
            ch.ref(doc, ("utforare",), v.utforare, ch.p.utforare, "Utföraren", "utforare")
        ch.ref(doc, ("nyckeltal",), v.nyckeltal, definitions, "Nyckeltalet")
        definition = definitions.get(v.nyckeltal) if definitions else None
        if definition is not None and not definition.konsuppdelad and v.kon != "T":
            ch.add(doc, ("kon",), "invalid-choice", f"Nyckeltalet {v.nyckeltal} är inte könsuppdelat.",
                   "Skriv T, eller sätt konsuppdelad: true i nyckeltal.yaml.", v.kon)
        if v.varde is None and not v.anmarkning:
            ch.add(doc, ("anmarkning",), "missing-reason", "Värdet saknas men anmarkning säger inte varför.",
                   "Skriv i anmarkning varför värdet saknas, t.ex. För få svar för att redovisa.")
        key = (v.utforare, v.nyckeltal, v.period, v.kon)
        if key in seen:
            first = seen[key]
            ch.add(doc, (), "duplicate-row", "Samma utförare, nyckeltal, period och kön finns redan.",
                   f"Ta bort den ena raden (den första står i {first.file} rad {first.line_of(())}).", ",".join(key))
        else:
            seen[key] = doc


def check_all(parsed: Parsed) -> list[Problem]:
    ch = Checker(parsed)
    for rule in (check_region, check_nyckeltal, check_utforare, check_avtal, check_uppfoljningar, check_planer, check_varden):
        rule(ch)
    return ch.problems
