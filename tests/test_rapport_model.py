"""The report model on a fixture year with a known plan and outcome: plan-against-outcome
rows, late measures with days late, the reference list, results side by side, the count
of non-public follow-ups, and the report's day (a report per 30 April does not count what
was done in June)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import types

import pytest
import yaml

from generator import pipeline
from generator.models import Namnd, NyckeltalsVarde, Uppfoljning, Uppfoljningsplan
from generator.rapport import bygg_rapport
from generator.rapport.dokument import Stycke, Tabell
from generator.rapport.innehall import dokument, om_rapporten
from generator.rapport.model import Traff
from generator.rapport.nyckeltal import prognos, serie
from generator.settings import reference_day
from tests.support.build import MINIMAL

# Done in June 2026: answers the plan's oral follow-up (planned May) in the year's report,
# but not in the report per 30 April.
JUNI = {
    "avtal": "uppdrag-centrum", "typ": "muntlig_uppfoljning", "period": "2026", "status": "genomford",
    "genomford": "2026-06-10", "resultat": "uppfyller_inte",
    "brister": [{"krav": "tillganglighet", "beskrivning": "Telefonen stängd på fredagar.", "allvarlighet": "hog"}],
    "handlingsplan": {"atgarder": [{"beskrivning": "Öppna telefonen på fredagar.", "senast": "2026-09-30",
                                     "status": "klar", "klar": "2026-09-01"}]},
}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("rapport") / "data"
    shutil.copytree(MINIMAL, data)
    (data / "uppfoljningar" / "2026").mkdir()
    (data / "uppfoljningar" / "2026" / "muntlig-centrum-2026.yaml").write_text(
        yaml.safe_dump(JUNI, allow_unicode=True), encoding="utf-8")
    c = pipeline.check(data, reference_day())
    assert c.idag == dt.date(2026, 11, 23)
    return c


def test_plan_rows_for_the_year(catalog) -> None:
    r = bygg_rapport(catalog, "regionstyrelsen", 2026)
    (plan,) = r.planer
    rows = [(row.avtal, row.omrade, row.typ, row.redovisas_i, row.i_denna_rapport, row.utfall,
             [t.uppfoljning for t in row.traffar]) for row in plan.rader]
    assert rows == [
        ("lov-fjallvarden", "halsoval", "verksamhetsberattelse", "arsbokslut", True, "genomford", ["vb-fjallvarden-2025"]),
        (None, "halsoval", "muntlig_uppfoljning", "namndsammantrade", False, "genomford", ["muntlig-centrum-2026"]),
    ]
    assert dict(plan.antal) == {"genomford": 2, "pagaende": 0, "installd": 0, "forsenad": 0, "ej_paborjad": 0}
    assert r.per == dt.date(2026, 11, 23)  # the year is not over: the report says how things stand today


def test_a_post_whose_follow_up_answered_a_nearer_one_says_so(catalog) -> None:
    """Two posts for the contract's annual report: the one done in March answers the March post,
    and the September post says where it went, not that there was none."""
    plan = catalog.planer["regionstyrelsen-2026"]
    march = plan.poster[0]
    twice = plan.model_copy(update={"poster": (march, march.model_copy(update={"planerad": "2026-09"}))})
    r = bygg_rapport(catalog.replaced(planer=types.MappingProxyType({"regionstyrelsen-2026": twice})), "regionstyrelsen", 2026)
    first, second = r.planer[0].rader
    assert [t.uppfoljning for t in first.traffar] == ["vb-fjallvarden-2025"] and second.traffar == ()
    assert second.varfor_ingen.startswith("Det finns uppföljningar av det här slaget för avtalet för 2026, men var och en "
                                          "hör till en annan planerad uppföljning")
    assert "Ingen offentlig uppföljning" not in second.varfor_ingen


def test_report_per_april_leaves_out_what_came_later(catalog) -> None:
    r = bygg_rapport(catalog, "regionstyrelsen", 2026, "T1")
    assert r.per == dt.date(2026, 4, 30)
    (plan,) = r.planer
    oral = plan.rader[1]
    assert (oral.utfall, oral.traffar) == ("ej_paborjad", ())
    assert "inte kommit än" in oral.varfor_ingen
    assert not plan.rader[0].i_denna_rapport and plan.rader[0].utfall == "genomford"
    # The June follow-up and its deficiency are not in the April results.
    egen = {d.driftsform: d for d in r.resultat[0].drift}["egen_regi"]
    assert dict(egen.antal)["uppfyller_inte"] == 0 and dict(egen.brister)["hog"] == 0
    # "Utbilda personalen" was finished 15 May: open, but not late, on 30 April.
    summary = {u.utforare: u for u in r.utforaratgarder}["fjallvarden"]
    assert (summary.klara, summary.oppna, summary.forsenade) == (0, 2, 0)


def test_report_per_april_leaves_out_an_action_plan_decided_later(catalog) -> None:
    """A plan decided 8 May had no measures on 30 April: none open, none late, none listed."""
    u = catalog.uppfoljningar["vb-fjallvarden-2025"]
    later = u.model_copy(update={"handlingsplan": u.handlingsplan.model_copy(update={"beslutad": dt.date(2026, 5, 8)})})
    c = catalog.replaced(uppfoljningar=types.MappingProxyType({**catalog.uppfoljningar, "vb-fjallvarden-2025": later}))
    april = bygg_rapport(c, "regionstyrelsen", 2026, "T1")
    assert "fjallvarden" not in {s.utforare for s in april.utforaratgarder}
    assert [a.beskrivning for s in april.strategiska for a in s.atgarder] == []
    assert [a.beskrivning for s in april.sakomraden for a in s.atgarder] == []
    assert "vb-fjallvarden-2025" in {r.uppfoljning for r in april.referenser}  # the follow-up itself was done
    august = bygg_rapport(c, "regionstyrelsen", 2026, "delar")
    assert {s.utforare: (s.klara, s.oppna) for s in august.utforaratgarder}["fjallvarden"] == (1, 1)


def test_a_missing_value_of_the_region_is_not_said_to_lack_a_target(catalog) -> None:
    """The region's newest value missing: 'Når målet' is '–' beside the target in both tables
    that show it, never 'Inget målvärde' (the key figure has a target of 90 %)."""
    missing = tuple(v.model_copy(update={"varde": None, "anmarkning": "Inte rapporterat"})
                    if v.utforare == "region" and v.nyckeltal == "medicinsk-bedomning-3-dagar" else v
                    for v in catalog.varden)
    r = bygg_rapport(catalog.replaced(varden=missing), "regionstyrelsen", 2026)
    tables = {b.id: b for s in dokument(catalog, r).sektioner for b in s.block if isinstance(b, Tabell)}
    (lage,) = [row for row in tables["fraga-lage"].rader if row[0] == "Medicinsk bedömning inom 3 dagar"]
    (mal,) = [row for row in tables["mal-nyckeltal-god-och-nara-vard"].rader if row[0] == "Medicinsk bedömning inom 3 dagar"]
    assert (lage[2], lage[3], lage[4]) == ("Uppgift saknas", "90\u00a0%", "–")
    assert (mal[2], mal[5], mal[6]) == ("Uppgift saknas", "90\u00a0%", "–")


def test_a_plan_row_answered_by_many_follow_ups_counts_them_in_words(catalog) -> None:
    """Over three follow-ups the row counts them by status: it said "5 uppföljningar: 4 genomförd"."""
    r = bygg_rapport(catalog, "regionstyrelsen", 2026)
    plan = r.planer[0]
    traff = Traff("vb-centrum-2025", "verksamhetsberattelse", "2025", "Hälsocentralen Centrum", "genomford")
    many = (*[traff] * 4, dataclasses.replace(traff, status="planerad"))
    r = dataclasses.replace(r, planer=(dataclasses.replace(plan, rader=(dataclasses.replace(plan.rader[0], traffar=many),)),))
    (table,) = [b for s in dokument(catalog, r).sektioner for b in s.block
                if isinstance(b, Tabell) and b.id == f"plan-rader-{plan.plan}"]
    assert table.rader[0][-1] == "5 uppföljningar: 4 genomförda, 1 planerad"


def test_late_measures_with_days_late(catalog) -> None:
    year = bygg_rapport(catalog, "regionstyrelsen", 2026)
    assert [(a.utforare, a.beskrivning, a.senast, a.dagar_sen) for a in year.forsenade] == [
        ("Fjällvårdens Hälsocentral", "Inför återuppringning.", dt.date(2026, 6, 30), 146)]
    delar = bygg_rapport(catalog, "regionstyrelsen", 2026, "delar")
    assert [a.dagar_sen for a in delar.forsenade] == [62]  # 31 August − 30 June
    summary = {u.utforare: (u.klara, u.oppna, u.forsenade) for u in year.utforaratgarder}
    assert summary == {"fjallvarden": (1, 1, 1), "halsocentralen-centrum": (1, 0, 0)}


def test_measures_of_an_earlier_follow_up_still_open_when_the_year_began(catalog) -> None:
    """A measure of a 2024 follow-up, due at the end of 2025 and not done: late in 2026, and in the
    2026 report (it was in no report: the 2025 report's day came before it was late). One done
    in 2026 counts as done in the year; one done in 2025 is not the year's."""
    earlier = Uppfoljning.model_validate({
        "avtal": "lov-fjallvarden", "typ": "revision", "period": "2024", "status": "genomford", "genomford": "2024-10-01",
        "resultat": "uppfyller_delvis", "handlingsplan": {"atgarder": [
            {"beskrivning": "Öppen sedan 2025.", "senast": "2025-12-31", "status": "pagaende"},
            {"beskrivning": "Klar 2025.", "senast": "2025-06-30", "status": "klar", "klar": "2025-06-01"},
            {"beskrivning": "Klar 2026.", "senast": "2026-03-31", "status": "klar", "klar": "2026-02-01"}]}})
    c = catalog.replaced(uppfoljningar=types.MappingProxyType({**catalog.uppfoljningar, "revision-2024": earlier}))
    year = bygg_rapport(c, "regionstyrelsen", 2026)
    assert [(a.beskrivning, a.dagar_sen) for a in year.forsenade] == [("Öppen sedan 2025.", 327), ("Inför återuppringning.", 146)]
    summary = {u.utforare: (u.klara, u.oppna, u.forsenade) for u in year.utforaratgarder}
    assert summary == {"fjallvarden": (2, 2, 2), "halsocentralen-centrum": (1, 0, 0)}
    assert "Öppen sedan 2025." in [a.beskrivning for s in year.sakomraden for a in s.atgarder]
    assert "Klar 2026." in [a.beskrivning for s in year.strategiska for a in s.atgarder]
    assert "revision-2024" not in {r.uppfoljning for r in year.referenser}  # not one of the year's follow-ups
    assert year.uppfoljningar == bygg_rapport(catalog, "regionstyrelsen", 2026).uppfoljningar


@pytest.mark.parametrize("namnd", ["regionstyrelsen", "patientnamnden"])
def test_an_empty_plan_gives_words_not_empty_tables(catalog, namnd: str) -> None:
    """A plan with no posts, of a nämnd with contracts and of one with none: every table of the
    report has rows; where there is nothing, a sentence says so."""
    plan = Uppfoljningsplan(ar=2026, namnd=namnd, poster=())
    c = catalog.replaced(namnder=types.MappingProxyType({**catalog.namnder, "patientnamnden": Namnd(id="patientnamnden", namn="Patientnämnden")}),
                         planer=types.MappingProxyType({f"{namnd}-2026": plan}))
    r = bygg_rapport(c, namnd, 2026)
    blocks = [b for s in dokument(c, r).sektioner for b in s.block]
    assert [b.id for b in blocks if isinstance(b, Tabell) and not b.rader] == []
    words = [b.text for b in blocks if isinstance(b, Stycke)]
    assert "Planen har inga planerade uppföljningar." in words
    if namnd == "patientnamnden":
        assert words.count("Patientnämnden har inga avtal, uppdrag eller verksamhetsområden att följa upp 2026.") == 2


def test_results_side_by_side_and_deficiencies(catalog) -> None:
    r = bygg_rapport(catalog, "regionstyrelsen", 2026)
    halsoval = {o.omrade: o for o in r.resultat}["halsoval"]
    drift = {d.driftsform: (dict(d.antal), dict(d.brister)) for d in halsoval.drift}
    assert drift["egen_regi"][0]["uppfyller"] == 1 and drift["egen_regi"][0]["uppfyller_inte"] == 1
    assert drift["privat"][0]["uppfyller_delvis"] == 1
    assert drift["egen_regi"][1] == {"hog": 1, "medel": 0, "lag": 0}
    assert drift["privat"][1] == {"hog": 0, "medel": 1, "lag": 0}
    (krav,) = halsoval.krav
    assert (krav.krav, dict(krav.antal)) == ("tillganglighet", {"egen_regi": 1, "privat": 1})


def test_reference_list(catalog) -> None:
    r = bygg_rapport(catalog, "regionstyrelsen", 2026)
    assert [(d.titel, d.diarienummer, d.datum, d.utforare, d.url) for d in r.referenser] == [
        ("Verksamhetsberättelse 2025", "RS/99/2026", dt.date(2026, 3, 10), "Fjällvårdens Hälsocentral", "https://www.regionjh.se/vb2025")]


def test_non_public_follow_ups_are_counted_never_shown(catalog) -> None:
    r2025 = bygg_rapport(catalog, "regionstyrelsen", 2025)
    assert r2025.dolda == 1
    assert "avvikelse-fjallvarden-2025" not in repr(r2025)
    assert "HEMLIG-KANARIE" not in repr(r2025)
    assert bygg_rapport(catalog, "regionstyrelsen", 2026).dolda == 0


def test_goals_touched_by_deficiencies_with_key_figures(catalog) -> None:
    r = bygg_rapport(catalog, "regionstyrelsen", 2026)
    (goal,) = r.mal
    assert goal.mal == "god-och-nara-vard" and goal.brister == 1  # vb-fjallvarden; the June one has no goal
    assert goal.paverkan == ("Sämre tillgänglighet påverkar målet om god och nära vård.",)


def test_strategic_contracts_answer_the_four_questions(catalog) -> None:
    r = bygg_rapport(catalog, "regionstyrelsen", 2026)
    (s,) = r.strategiska
    assert (s.avtal, s.arligt_varde_kr, s.resultat) == ("lov-fjallvarden", 25_000_000, "uppfyller_delvis")
    assert [b.krav for b in s.brister] == ["tillganglighet"]
    assert [a.beskrivning for a in s.atgarder] == ["Inför återuppringning.", "Utbilda personalen."]


def test_forecast_is_a_labelled_linear_trend(catalog) -> None:
    n = catalog.nyckeltal["medicinsk-bedomning-3-dagar"]
    p = prognos(n, [("2023", 80.0), ("2024", 82.0), ("2025", 84.0)], 2026, "regionen")
    assert p is not None and p.varde == pytest.approx(86.0) and p.ar == 2026
    assert "Prognos" in p.metod and "2023–2025" in p.metod and "uppskattning" in p.metod
    assert prognos(n, [("2025", 84.0), ("2026", 85.0)], 2026, "regionen") is None  # the year is measured: no forecast
    assert prognos(n, [("2025", 84.0)], 2026, "regionen") is None  # one point is no trend
    assert prognos(n, [("2024", 96.0), ("2025", 99.0)], 2026, "regionen").varde == 100.0  # a share stops at 100 %


def test_units_reaching_the_target_count_each_providers_newest_total_up_to_the_year(catalog) -> None:
    """"X av Y enheter når målvärdet": each provider's newest value for all (kön T) up to the
    report's year. A later year, a value for women alone and a missing value do not count."""
    n = next(n for n in catalog.nyckeltal.values() if n.malvarde is not None and n.riktning == "hogre_ar_battre")
    high, low = n.malvarde + 1, n.malvarde - 1

    def value(uid: str, period: str, varde: float | None, kon: str = "T") -> NyckeltalsVarde:
        return NyckeltalsVarde(utforare=uid, nyckeltal=n.id, period=period, kon=kon, varde=varde)

    values = (value("a", "2024", high), value("a", "2025", low), value("a", "2026", high), value("a", "2025", high, "K"),
              value("b", "2024", high), value("b", "2025", None), value("c", "2026", high))
    s = serie(dataclasses.replace(catalog, varden=values), n.id, 2025, ("a", "b", "c"))
    assert (s.enheter_nar, s.enheter_med_varde) == (1, 2)


def test_the_report_counts_one_follow_up_in_the_singular(catalog) -> None:
    """'Den bygger på 1 offentliga uppföljningar' stood in a report with one follow-up."""
    r = bygg_rapport(catalog, "regionstyrelsen", 2026)
    text = " ".join(b.text for b in om_rapporten(catalog, dataclasses.replace(r, uppfoljningar=1)).block)
    assert "bygger på 1 offentlig uppföljning av utförare som nämnden ansvarar för" in text
    text = " ".join(b.text for b in om_rapporten(catalog, dataclasses.replace(r, uppfoljningar=2)).block)
    assert "bygger på 2 offentliga uppföljningar av utförare" in text
