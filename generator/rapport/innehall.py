"""Rapport → Dokument: the report's headings, tables and charts in words, for every format.

View code only: the figures come from `generator.rapport` as they are; this module says
them in Swedish (dates, decimal comma, codes as words) and decides the reading order.
The presentation's slides are named here too (`Sektion.bild`), about one per question,
as the governance rules ask of an oral follow-up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from generator.domain.catalog import Catalog
from generator.pages import charts
from generator.pages import format as fmt
from generator.pages.render import path_avtal, path_mal, path_plan, path_uppfoljning
from generator.pages.uppf_common import avtal_namn
from generator.rapport.dokument import (
    Block,
    Cell,
    Diagram,
    Dokument,
    Lank,
    Lista,
    Sektion,
    Stycke,
    Tabell,
    Underrubrik,
)
from generator.rapport.model import (
    Atgardsrad,
    Konsvarde,
    Nyckeltalslage,
    Nyckeltalsserie,
    Rapport,
    Sakomrade,
)
from generator.sv import vocabulary as voc

TREND = {"battre": "Bättre", "samre": "Sämre", "oforandrad": "Oförändrad", "okand": "Går inte att säga",
         "okar": "Ökar", "minskar": "Minskar"}
RESULTAT = {**voc.RESULTAT, "sekretess": "Resultatet omfattas av sekretess"}
JA_NEJ = {True: "Ja", False: "Nej", None: "Inget målvärde"}
# Region Jämtland Härjedalen's governance rules ask these three questions; a kommun's report asks
# them too, without saying that a plan of its own does.
FRAGOR = {"region": "Regionstyrelsens plan ställer tre frågor till varje sakområde som följs upp.",
          "kommun": "Rapporten ställer tre frågor till varje sakområde som följs upp."}
Q_MAL, Q_LAGE, Q_ATGARD = ("Vilka mål, uppdrag och nyckeltal finns?", "Hur ser måluppfyllelsen ut?",
                           "Vilka åtgärder genomförs om målen inte nås?")


# The kinds of table the PDF lays out with fixed column widths (dokument.Tabell.slag).
ATGARDER, BRISTER, STRATEGISKA = "atgarder", "brister", "strategiska"
# The columns of every table of measures in the report.
# A nämnd without contracts, assignments or areas of its own, and no plan posts: nothing to set out by area.
_INGA_OMRADEN = "{namnd} har inga avtal, uppdrag eller verksamhetsområden att följa upp {ar}."
_ATGARD_KOLUMNER = ("Utförare", "Åtgärd", "Skulle vara klar", "Status", "Dagar försenad")


def _n(value: int) -> str:
    return str(value)


def _org(catalog: Catalog) -> str:
    """'regionen' or 'kommunen', as the pages say it (region.yaml's typ)."""
    return voc.organisation(catalog.region.typ)


def _uppf(uppfoljning_id: str, typ: str, period: str | None) -> Lank:
    name = voc.label(voc.UPPFOLJNINGSTYP, typ)
    return Lank(f"{name} {fmt.period(period)}" if period else name, path_uppfoljning(uppfoljning_id))


def _atgardsrad(r: Atgardsrad) -> tuple[Cell, ...]:
    return (r.utforare, r.beskrivning, fmt.datum(r.senast), voc.label(voc.ATGARDSSTATUS, r.status),
            _n(r.dagar_sen) if r.dagar_sen else "–")


def om_rapporten(catalog: Catalog, r: Rapport) -> Sektion:
    text = [f"Rapporten gäller {r.namnd_namn} och år {r.ar}, med läget {fmt.datum(r.per)}. Den bygger på "
            f"{fmt.antal(r.uppfoljningar, 'offentlig uppföljning', 'offentliga uppföljningar')} av utförare som "
            "nämnden ansvarar för, "
            f"både {_org(catalog)}s egna enheter (egen regi) och privata utförare."]
    if r.dolda:
        text.append(f"{fmt.antal(r.dolda, 'uppföljning', 'uppföljningar')} inom nämndens områden år {r.ar} "
                    f"{'är inte offentlig' if r.dolda == 1 else 'är inte offentliga'}. "
                    f"{'Den räknas' if r.dolda == 1 else 'De räknas'} här men visas inte.")
    text.append(f"Siffrorna är desamma som på webbplatsen och i de öppna datan, uppdaterade {fmt.datum(r.uppdaterad)}.")
    if r.exempeldata:
        text.append("Exempeldata – inte verkliga uppgifter.")
    return Sektion("om", "Om rapporten", tuple(Stycke(t) for t in text))


def plan_mot_utfall(catalog: Catalog, r: Rapport) -> Sektion:
    blocks: list[Block] = []
    bild: list[str] = []
    if not r.planer:
        blocks.append(Stycke(f"{r.namnd_namn} har ingen uppföljningsplan för {r.ar}."))
    for p in r.planer:
        beslut = f", beslutad {fmt.datum(p.beslutad)}{', ' + p.paragraf if p.paragraf else ''}" if p.beslutad else ""
        blocks.append(Stycke(f"Uppföljningsplanen för {r.ar}{beslut}. Varje planerad uppföljning och vad som har hänt "
                             f"med den, bedömt {fmt.datum(r.per)}."))
        blocks.append(Lista((Lank(f"Uppföljningsplanen {r.ar} på webbplatsen", path_plan(p.plan)),)))
        if not p.rader:
            blocks.append(Stycke("Planen har inga planerade uppföljningar."))
            continue
        total = sum(n for _, n in p.antal)
        blocks.append(Tabell(f"plan-antal-{p.plan}", f"Planerade uppföljningar {r.ar} efter vad som har hänt",
                             ("Vad som har hänt", "Antal"),
                             tuple((voc.label(voc.PLANUTFALL, code), _n(n)) for code, n in p.antal), ("Totalt", _n(total))))
        bild.append(f"plan-antal-{p.plan}")
        rows = []
        for row in p.rader:
            vad: Cell = (Lank(avtal_namn(catalog, row.avtal), path_avtal(row.avtal)) if row.avtal
                         else f"Alla utförare inom {catalog.omraden[row.omrade].namn}")
            if len(row.traffar) > 3:
                counts = Counter(t.status for t in row.traffar)
                svar = f"{len(row.traffar)} uppföljningar: " + ", ".join(
                    f"{n} {voc.label(voc.STATUS, s).lower() if n == 1 else voc.STATUS_FLERA.get(s, s)}"
                    for s, n in sorted(counts.items()))
            elif row.traffar:
                svar = "; ".join(f"{_uppf(t.uppfoljning, t.typ, t.period).text}, {t.utforare} "
                                 f"({voc.label(voc.STATUS, t.status).lower()})" for t in row.traffar)
            else:
                svar = row.varfor_ingen
            rows.append((vad, voc.label(voc.UPPFOLJNINGSTYP, row.typ), fmt.manad(row.planerad),
                         voc.label(voc.REDOVISAS_I, row.redovisas_i) + (" (den här rapporten)" if row.i_denna_rapport else ""),
                         voc.label(voc.PLANUTFALL, row.utfall), svar))
        blocks.append(Tabell(f"plan-rader-{p.plan}", f"Planerade uppföljningar {r.ar} och vad som har hänt",
                             ("Vad som följs upp", "Slag av uppföljning", "Planerad", "Redovisas i",
                              "Vad som har hänt", "Uppföljningar, eller varför ingen matchade"), tuple(rows)))
    return Sektion("plan", "Plan mot utfall", tuple(blocks), tuple(bild))


def uppfyller_kraven(catalog: Catalog, r: Rapport) -> Sektion:
    blocks: list[Block] = [Stycke("Hur många genomförda uppföljningar som visade att utförarna uppfyller kraven, och "
                                  "vilka brister som hittades. Egen regi och privata utförare står sida vid sida.")]
    bild = []
    forms = ("Egen regi", "Privata utförare")
    if not r.resultat:
        blocks.append(Stycke(_INGA_OMRADEN.format(namnd=r.namnd_namn, ar=r.ar)))
    for o in r.resultat:
        blocks.append(Underrubrik(o.namn, f"resultat-{o.omrade}"))
        egen, privat = o.drift
        rows = tuple((RESULTAT[code], _n(n), _n(dict(privat.antal)[code]))
                     for code, n in egen.antal if n or dict(privat.antal)[code] or code != "sekretess")
        blocks.append(Tabell(f"resultat-{o.omrade}", f"Resultat av genomförda uppföljningar: {o.namn}",
                             ("Resultat", *forms), rows, ("Totalt", _n(egen.uppfoljningar), _n(privat.uppfoljningar))))
        bild.append(f"resultat-{o.omrade}")
        blocks.append(Tabell(f"brister-allvar-{o.omrade}", f"Brister efter allvarlighet: {o.namn}", ("Allvarlighet", *forms),
                             tuple((voc.label(voc.ALLVARLIGHET, code), _n(n), _n(dict(privat.brister)[code]))
                                   for code, n in egen.brister)))
        if o.krav:
            blocks.append(Tabell(f"brister-krav-{o.omrade}", f"Brister efter krav: {o.namn}", ("Krav", "Kravet", *forms),
                                 tuple((k.krav, k.beskrivning, *(_n(n) for _, n in k.antal)) for k in o.krav)))
        else:
            blocks.append(Stycke("Inga brister hittades mot något krav."))
    return Sektion("resultat", "Uppfyller utförarna kraven?", tuple(blocks), tuple(bild))


def _konsvarde(k: Konsvarde | None, enhet: str) -> str:
    """A value for one sex: '–' when the indicator is not split by sex, 'Uppgift saknas' when missing."""
    if k is None:
        return "–"
    return fmt.matvarde(k.varde, enhet) if k.varde is not None else voc.SAKNAS_TEXT


def _lage_rader(lagen: tuple[Nyckeltalslage, ...]) -> tuple[tuple[Cell, ...], ...]:
    rows = []
    for n in lagen:
        values = {k.kon: k for k in n.varden}
        total = values["T"]
        rows.append((n.namn, fmt.period(n.period) if n.period else voc.SAKNAS_TEXT,
                     *(_konsvarde(values.get(kon), n.enhet) for kon in ("T", "K", "M")),
                     fmt.tal(n.malvarde, n.enhet) if n.malvarde is not None else "Inget målvärde",
                     JA_NEJ[total.nar_malet] if n.malvarde is not None and total.varde is not None else "–"))
    return tuple(rows)


LAGE_KOLUMNER = ("Nyckeltal", "Period", "Totalt", "Kvinnor", "Män", "Målvärde", "Når målet")


def paverkan_pa_mal(catalog: Catalog, r: Rapport) -> Sektion:
    blocks: list[Block] = []
    if not r.mal:
        blocks.append(Stycke("Inga brister hittades, så inget övergripande mål påverkades av brister."))
    overview = tuple((Lank(m.namn, path_mal(m.mal)), _n(m.brister)) for m in r.mal)
    if overview:
        blocks.append(Tabell("mal-brister", "Övergripande mål som berörs av brister", ("Mål", "Antal brister"), overview))
    for m in r.mal:
        blocks.append(Underrubrik(m.namn, f"mal-{m.mal}"))
        if m.paverkan:
            blocks.append(Stycke("Så påverkar bristerna målet, enligt uppföljningarna:"))
            blocks.append(Lista(m.paverkan))
        if m.nyckeltal:
            blocks.append(Tabell(f"mal-nyckeltal-{m.mal}", f"Nyckeltal för målet mot målvärdet, {_org(catalog)} som helhet: {m.namn}",
                                 LAGE_KOLUMNER, _lage_rader(m.nyckeltal)))
    return Sektion("mal", "Hur påverkar bristerna målen?", tuple(blocks), ("mal-brister",) if overview else ())


def handlingsplaner(catalog: Catalog, r: Rapport) -> Sektion:
    blocks: list[Block] = []
    if not r.utforaratgarder:
        blocks.append(Stycke("Inga uppföljningar under året har en handlingsplan."))
        return Sektion("atgarder", "Handlingsplaner och åtgärder", tuple(blocks))
    blocks.append(Stycke(f"Åtgärderna i handlingsplanerna från uppföljningarna {r.ar}, och de åtgärder från tidigare "
                         f"uppföljningar som inte var klara när året började."))
    rows = tuple((u.namn, voc.label(voc.DRIFTSFORM_KORT, u.driftsform), _n(u.klara), _n(u.oppna), _n(u.forsenade))
                 for u in r.utforaratgarder)
    total = ("Totalt", "", *(_n(sum(getattr(u, f) for u in r.utforaratgarder)) for f in ("klara", "oppna", "forsenade")))
    blocks.append(Tabell("atgarder-utforare", "Åtgärder i handlingsplanerna per utförare",
                         ("Utförare", "Driftsform", "Klara", "Inte klara", "Varav försenade"), rows, total))
    if r.forsenade:
        blocks.append(Tabell("atgarder-forsenade", f"Försenade åtgärder {fmt.datum(r.per)}",
                             _ATGARD_KOLUMNER,
                             tuple(_atgardsrad(a) for a in r.forsenade), slag=ATGARDER))
    else:
        blocks.append(Stycke(f"Ingen åtgärd var försenad {fmt.datum(r.per)}."))
    return Sektion("atgarder", "Handlingsplaner och åtgärder", tuple(blocks), ("atgarder-utforare",))


def _serie_text(s: Nyckeltalsserie) -> str:
    n = s.lage
    parts = [f"Utvecklingen: {TREND[s.trend].lower()}."]
    if n.malvarde is not None and s.enheter_med_varde:
        parts.append(f"{s.enheter_nar} av {s.enheter_med_varde} enheter når målvärdet.")
    if s.riket is not None and s.riket_period:
        parts.append(f"Riket {fmt.period(s.riket_period)}: {fmt.matvarde(s.riket, n.enhet)}.")
    if s.prognos:
        parts.append(f"Prognos för helåret {s.prognos.ar}: {fmt.matvarde(s.prognos.varde, n.enhet)}.")
    return f"{n.namn}: " + " ".join(parts)


def _diagram(s: Nyckeltalsserie, omrade: str, org: str) -> Diagram | None:
    n = s.lage
    if len(s.serie) < 2:
        return None
    labels = [fmt.period(p) for p, _ in s.serie]
    formatera: Callable[[float], str] = lambda x: fmt.matvarde(x, n.enhet)  # noqa: E731
    axel: Callable[[float], str] = lambda x: fmt.tal(x, n.enhet, None if float(x * 10).is_integer() else 2)  # noqa: E731
    serier = [charts.Serie(f"{org.capitalize()} som helhet", "region", tuple(v for _, v in s.serie))]
    riktning = voc.label(voc.RIKTNING, n.riktning)
    mal_text = axel(n.malvarde) if n.malvarde is not None else ""
    alt = charts.beskriv(labels, serier, formatera, n.malvarde, riktning, mal_text)
    svg = charts.linjediagram(f"diagram-{omrade}--{n.nyckeltal}", f"Diagram: {n.namn}, {org} som helhet", alt,
                              labels, serier, axel, n.malvarde, n.enhet == "procent")
    return Diagram(svg, f"Diagram: {n.namn}, {org} som helhet. {alt}")


def _sakomrade(s: Sakomrade, ar: int, org: str) -> list[Block]:
    blocks: list[Block] = [Underrubrik(s.namn, f"sakomrade-{s.omrade}")]
    blocks.append(Stycke(f"Övergripande mål: {', '.join(s.mal) or 'inga angivna'}. Uppdrag och avtal {ar}: "
                         f"{fmt.antal(s.uppdrag_egen_regi, 'uppdrag', 'uppdrag')} till egen regi och "
                         f"{fmt.antal(s.avtal_privata, 'avtal', 'avtal')} med privata utförare."))
    if not s.nyckeltal:
        blocks.append(Stycke("Området har inga nyckeltal."))
    periods = sorted({p for k in s.nyckeltal for p, _ in k.serie})
    if s.nyckeltal and periods:
        rows = tuple((k.lage.namn, *(fmt.matvarde(dict(k.serie).get(p), k.lage.enhet) or "–" for p in periods),
                      fmt.matvarde(k.prognos.varde, k.lage.enhet) + " (prognos)" if k.prognos else "–")
                     for k in s.nyckeltal)
        blocks.append(Tabell(f"tidsserie-{s.omrade}", f"Nyckeltal över tid, {org} som helhet: {s.namn}",
                             ("Nyckeltal", *(fmt.period(p) for p in periods), f"Prognos helår {ar}"), rows))
    for k in s.nyckeltal:
        blocks.append(Stycke(_serie_text(k)))
        chart = _diagram(k, s.omrade, org)
        if chart:
            blocks.append(chart)
    metod = next((k.prognos.metod for k in s.nyckeltal if k.prognos), None)
    if metod:
        blocks.append(Stycke(metod))
    if s.atgarder:
        blocks.append(Tabell(f"sakomrade-atgarder-{s.omrade}", f"Åtgärder som inte är klara: {s.namn}",
                             _ATGARD_KOLUMNER,
                             tuple(_atgardsrad(a) for a in s.atgarder), slag=ATGARDER))
    else:
        blocks.append(Stycke("Inga åtgärder pågår inom området."))
    return blocks


def styrningens_fragor(catalog: Catalog, r: Rapport) -> Sektion:
    blocks: list[Block] = [Stycke(f"{FRAGOR[catalog.region.typ]} "
                                  "Svaren står först i korthet för alla områden och sedan område för område.")]
    if not r.sakomraden:
        blocks.append(Stycke(_INGA_OMRADEN.format(namnd=r.namnd_namn, ar=r.ar)))
        return Sektion("sakomraden", "Mål och nyckeltal per sakområde", tuple(blocks))
    blocks.append(Underrubrik(Q_MAL, "fraga-mal"))
    blocks.append(Tabell("fraga-mal", Q_MAL, ("Sakområde", "Övergripande mål", "Uppdrag till egen regi",
                                              "Avtal med privata", "Nyckeltal"),
                         tuple((s.namn, "; ".join(s.mal) or "–", _n(s.uppdrag_egen_regi), _n(s.avtal_privata),
                                _n(len(s.nyckeltal))) for s in r.sakomraden)))
    blocks.append(Underrubrik(Q_LAGE, "fraga-lage"))
    lage_rows = tuple((k.lage.namn, fmt.period(k.lage.period) if k.lage.period else voc.SAKNAS_TEXT,
                       fmt.matvarde(k.lage.varden[0].varde, k.lage.enhet) or voc.SAKNAS_TEXT,
                       fmt.tal(k.lage.malvarde, k.lage.enhet) if k.lage.malvarde is not None else "Inget målvärde",
                       JA_NEJ[k.lage.varden[0].nar_malet] if k.lage.malvarde is not None
                       and k.lage.varden[0].varde is not None else "–",
                       TREND[k.trend],
                       fmt.matvarde(k.prognos.varde, k.lage.enhet) + " (prognos)" if k.prognos else "–")
                      for s in r.sakomraden for k in s.nyckeltal)
    blocks.append(Tabell("fraga-lage", Q_LAGE, ("Nyckeltal", "Period", _org(catalog).capitalize(), "Målvärde", "Når målet",
                                                "Utveckling", f"Prognos helår {r.ar}"), lage_rows))
    blocks.append(Underrubrik(Q_ATGARD, "fraga-atgarder"))
    blocks.append(Tabell("fraga-atgarder", Q_ATGARD, ("Sakområde", "Åtgärder som inte är klara", "Varav försenade"),
                         tuple((s.namn, _n(len(s.atgarder)), _n(sum(a.dagar_sen > 0 for a in s.atgarder)))
                               for s in r.sakomraden)))
    for s in r.sakomraden:
        blocks.extend(_sakomrade(s, r.ar, _org(catalog)))
    return Sektion("sakomraden", "Mål och nyckeltal per sakområde", tuple(blocks),
                   ("fraga-mal", "fraga-lage", "fraga-atgarder"))


def strategiska_avtal(catalog: Catalog, r: Rapport) -> Sektion:
    if not r.strategiska:
        return Sektion("strategiska", "Strategiska avtal", (Stycke(f"{r.namnd_namn} har inga avtal klassade som strategiska."),))
    blocks: list[Block] = [Stycke("Avtal som nämnden har klassat som strategiska efter värde och påverkan, största "
                                  "årliga värdet först. För varje avtal: uppfyller utföraren de väsentliga kraven, vilka "
                                  "brister hittades, hur påverkar de målen och vilken handlingsplan finns.")]
    rows = tuple((Lank(avtal_namn(catalog, s.avtal), path_avtal(s.avtal)), fmt.kronor(s.arligt_varde_kr) or voc.SAKNAS_TEXT,
                  s.klass, RESULTAT[s.resultat] if s.resultat else "Inte bedömd under året", _n(len(s.brister)),
                  _n(len(s.atgarder))) for s in r.strategiska)
    blocks.append(Tabell("strategiska", "Strategiska avtal", ("Avtal", "Årligt värde", "Klassning", "Uppfyller kraven",
                                                              "Brister", "Åtgärder"), rows, slag=STRATEGISKA))
    for s in r.strategiska:
        if not s.brister:
            continue
        blocks.append(Underrubrik(avtal_namn(catalog, s.avtal), f"strategiskt-{s.avtal}"))
        blocks.append(Tabell(f"strategiskt-brister-{s.avtal}", f"Brister: {avtal_namn(catalog, s.avtal)}",
                             ("Krav", "Brist", "Allvarlighet", "Påverkan på målen"),
                             tuple((b.krav, b.beskrivning, voc.label(voc.ALLVARLIGHET, b.allvarlighet),
                                    b.paverkan or "Inte angiven") for b in s.brister), slag=BRISTER))
        blocks.append(Stycke(f"Målen som avtalet bidrar till: {', '.join(s.mal) or 'inga angivna'}."))
        if s.atgarder:
            blocks.append(Tabell(f"strategiskt-atgarder-{s.avtal}", f"Handlingsplan: {avtal_namn(catalog, s.avtal)}",
                                 _ATGARD_KOLUMNER,
                                 tuple(_atgardsrad(a) for a in s.atgarder), slag=ATGARDER))
        else:
            blocks.append(Stycke("Ingen handlingsplan är beslutad."))
    return Sektion("strategiska", "Strategiska avtal", tuple(blocks), ("strategiska",))


def referenslista(catalog: Catalog, r: Rapport) -> Sektion:
    if not r.referenser:
        return Sektion("referenser", "Referenslista över uppföljningsdokument",
                       (Stycke("Inga uppföljningsdokument är publicerade för året."),))
    rows = tuple((Lank(d.titel, d.url) if d.url else d.titel, d.diarienummer or "–", fmt.datum(d.datum) or "–",
                  d.utforare, Lank("Uppföljningen", path_uppfoljning(d.uppfoljning))) for d in r.referenser)
    return Sektion("referenser", "Referenslista över uppföljningsdokument", (
        Stycke("Programmet för uppföljning och insyn kräver en referenslista över de uppföljningsdokument som finns."),
        Tabell("referenser", f"Uppföljningsdokument {r.ar}", ("Titel", "Diarienummer", "Datum", "Utförare", "Sida"), rows),
    ), ("referenser",))


def dokument(catalog: Catalog, r: Rapport) -> Dokument:
    ingress = (f"{r.period_namn} {r.ar} för {r.namnd_namn}, läget {fmt.datum(r.per)}.",)
    sidfot = f"{r.titel} · läget {fmt.datum(r.per)} · data uppdaterad {fmt.datum(r.uppdaterad)}"
    builders = (om_rapporten, plan_mot_utfall, uppfyller_kraven, paverkan_pa_mal, handlingsplaner,
                styrningens_fragor, strategiska_avtal, referenslista)
    return Dokument(r.titel, ingress, tuple(b(catalog, r) for b in builders), sidfot)
