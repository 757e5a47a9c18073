"""Every way a build can fail after the data was valid: a stable code, the Swedish stage label.

Tests and scripts match the code (`BuildError.code`); people read the label and the message.
Kept in the same shape as the data problems' codes, so that one registry can hold both.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BuildCode:
    """One kind of build failure: `steg` names the stage in the Swedish report."""

    code: str
    steg: str
    means: str


BUILD_CODES: dict[str, BuildCode] = {c.code: c for c in (
    BuildCode("out-refused", "utmapp", "--out names a folder Insyn did not make, or one that holds the data"),
    BuildCode("previous-unreadable", "ändringsregister", "the previous data package (--previous) cannot be read whole, so the change record would have holes"),
    BuildCode("extension-refused", "inställningar", "mkdocs.yml switches on a Markdown extension that could run data as code"),
    BuildCode("page-name-clash", "sidor", "a page in content/ has the name of a generated page"),
    BuildCode("datapackage-invalid", "öppna data", "the written data package fails Frictionless' check or cannot be read"),
    BuildCode("dcat-invalid", "öppna data", "the DCAT catalog cannot be parsed as RDF"),
    BuildCode("engine-failed", "webbplats", "the site engine (MkDocs) stopped, e.g. on a broken link in content/"),
    BuildCode("link-broken", "länkkontroll", "a link in the built site points nowhere"),
    BuildCode("page-without-head", "säkerhet", "a built page has no <head> to put the security policy in"),
    BuildCode("search-index-missing", "sökning", "the built site has no usable search index"),
    BuildCode("site-incomplete", "kontroll", "the built site lacks a file every site must have"),
    BuildCode("disk-full", "skrivning", "the disk filled up while the new site was written"),
    BuildCode("filesystem-failed", "filsystem", "a file or folder could not be read or written (permissions, missing folder …)"),
    BuildCode("port-unavailable", "förhandsvisning", "insyn serve cannot listen on the chosen port (in use, or not allowed)"),
    BuildCode("publish-failed", "publicering", "the finished site could not be moved into place"),
)}
