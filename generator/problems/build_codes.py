"""Every way a build can fail after the data was valid: a stable code, the Swedish stage label
and what it means, in the style of the data problems' registry (problems/codes.py).

Tests and scripts match the code (`BuildError.code`); people read the label and the message.
A code that is not here cannot be raised: `BuildError` refuses it. The README's table of
build codes is `markdown_table()`, and tests/test_build_codes.py keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BuildCode:
    """One kind of build failure: `steg` names the stage in the report, `title` says what it means."""

    code: str
    steg: str
    title: str


_ENTRIES = (
    BuildCode("out-refused", "utmapp", "Mappen i --out är inte Insyns att ersätta (den har andra filer, eller är datamappen, hemmappen, en fil eller en länk)."),
    BuildCode("previous-unreadable", "ändringsregister", "Det förra datapaketet (--previous) går inte att läsa helt, så ändringsregistret skulle bli ofullständigt."),
    BuildCode("extension-refused", "inställningar", "mkdocs.yml slår på ett Markdown-tillägg som skulle kunna göra text i datan till kod."),
    BuildCode("page-name-clash", "sidor", "En sida i content/ har samma namn som en sida som görs av datan."),
    BuildCode("datapackage-invalid", "öppna data", "Datapaketet klarar inte kontrollen med Frictionless eller går inte att läsa."),
    BuildCode("dcat-invalid", "öppna data", "Katalogen för Sveriges dataportal (DCAT) går inte att läsa som RDF."),
    BuildCode("engine-failed", "webbplats", "MkDocs kunde inte bygga sidorna, till exempel för att en länk i content/ är trasig."),
    BuildCode("report-layout-failed", "rapporter", "Typst kunde inte göra en nämnds rapport som PDF (ett fel i Insyn, inte i datan)."),
    BuildCode("link-broken", "länkkontroll", "En länk i den byggda webbplatsen leder ingenstans."),
    BuildCode("page-without-head", "säkerhet", "En byggd sida saknar <head>, så ingen säkerhetspolicy kan läggas in."),
    BuildCode("search-index-missing", "sökning", "Den byggda webbplatsen saknar ett sökindex som går att använda."),
    BuildCode("site-incomplete", "kontroll", "Den byggda webbplatsen saknar en fil som varje webbplats måste ha."),
    BuildCode("disk-full", "skrivning", "Disken blev full medan den nya webbplatsen skrevs."),
    BuildCode("filesystem-failed", "filsystem", "En fil eller mapp gick inte att läsa eller skriva (behörighet, mapp som saknas …)."),
    BuildCode("port-unavailable", "förhandsvisning", "insyn serve kan inte använda porten (ett annat program använder den)."),
    BuildCode("step-killed", "process", "En del av bygget som gick i en egen process stoppades utifrån, oftast av systemet när minnet tog slut."),
    BuildCode("publish-failed", "publicering", "Den färdiga webbplatsen gick inte att flytta på plats."),
)
BUILD_CODES: dict[str, BuildCode] = {c.code: c for c in _ENTRIES}


def markdown_table() -> str:
    """The README's table of build codes, so a code in a failed build's message can be looked up."""
    rows = ["| Kod | Steg | Vad det betyder |", "|---|---|---|"]
    rows += [f"| `{c.code}` | {c.steg} | {c.title} |" for c in _ENTRIES]
    return "\n".join(rows)
