"""What the cross-file rules work on: every readable record, and a way to report on it.

A record that failed its own model still takes part (with the fields that were valid), so a
misspelt contract id is reported in the same run as a bad date in the same file.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from generator.load.dataset import WHOLE_FOLDER
from generator.load.document import Document, Loc, field_name
from generator.models import (
    Avtal,
    NyckeltalFile,
    NyckeltalsVarde,
    RegionFile,
    Uppfoljning,
    Uppfoljningsplan,
    Utforare,
)
from generator.problems import Problem, show_value

# Where each kind of id is defined, for the message about a reference that does not resolve.
_SOURCES = {
    "Kommunkoden": "region.yaml (kommuner)", "Nämnden": "region.yaml (namnder)", "Målet": "region.yaml (mal)",
    "Verksamhetsområdet": "region.yaml (verksamhetsomraden)", "Nyckeltalet": "nyckeltal.yaml",
    "Utföraren": "mappen utforare", "Avtalet": "mappen avtal",
}


@dataclass
class Parsed:
    """Readable models with the documents they came from, keyed by id."""

    region: RegionFile | None = None
    region_doc: Document | None = None
    nyckeltal: NyckeltalFile | None = None
    nyckeltal_doc: Document | None = None
    utforare: dict[str, tuple[Utforare, Document]] = field(default_factory=dict)
    avtal: dict[str, tuple[Avtal, Document]] = field(default_factory=dict)
    uppfoljningar: dict[str, tuple[Uppfoljning, Document]] = field(default_factory=dict)
    planer: dict[str, tuple[Uppfoljningsplan, Document]] = field(default_factory=dict)
    varden: list[tuple[NyckeltalsVarde, Document]] = field(default_factory=list)
    # Ids of files that exist but could not be read: references to them are not "dangling".
    invalid: dict[str, set[str]] = field(default_factory=dict)
    # Per record (see `failed_key`), the top-level fields that failed their own check: rules that would only
    # repeat that fault ("genomford is missing") stay quiet about them.
    failed: dict[tuple[str, int | None], set[str]] = field(default_factory=dict)


def failed_key(doc: Document) -> tuple[str, int | None]:
    """A record's identity: its file, and its line for the rows of a CSV file."""
    return (doc.file, doc.line_of(()))


def suggestion(value: str, known: Iterable[str]) -> str:
    """The closest existing ids ("x eller y"), as a staff member would misspell them; "" if none."""
    return " eller ".join(difflib.get_close_matches(value, sorted(known), n=3, cutoff=0.6))


class Checker:
    def __init__(self, parsed: Parsed):
        self.p = parsed
        self.problems: list[Problem] = []

    def failed(self, doc: Document, name: str) -> bool:
        """Whether `name` failed the record's own check. Asked of records that passed too, and
        of a remembered one (load.remembered) only where something failed: finding a record's
        line unpickles its document."""
        return bool(self.p.failed) and name in self.p.failed.get(failed_key(doc), set())

    def add(self, doc: Document, loc: Loc, code: str, value: object = None, **params: object) -> None:
        shown = None if value is None else show_value(value)
        self.problems.append(Problem.of(code, doc.file, doc.line_of(loc), field_name(loc), shown, **params))

    def ref(self, doc: Document, loc: Loc, value: str | None, known: Collection[str] | None, what: str,
            folder: str = "", where: str = "", helhet: str = "") -> None:
        """`known` None means the list itself failed validation: its own errors are reported instead.
        Asked as it is, not copied: a national dataset has 300,000 references to 1,500 providers.
        `helhet` ("kommunen", "regionen"): the key figures' first column, where the reserved words
        region and riket also stand; a value like none of them says so."""
        if value is None or known is None:
            return
        unreadable = self.p.invalid.get(folder, set())
        if value in known or value in unreadable or WHOLE_FOLDER in unreadable:
            return
        # A kommunkod one digit from a listed one is another kommun as often as a typo (0180
        # Stockholm, 0182 Nacka): a unit outside the publisher's kommuner needs its kommun listed.
        guess = "" if what == "Kommunkoden" else suggestion(value, known)
        variant = ("inga" if not known else "forslag" if guess else "referensrad" if helhet
                   else "kommunkod" if what == "Kommunkoden" else "")
        self.add(doc, loc, "dangling-reference", value, variant=variant, begrepp=what, id=show_value(value),
                 kalla=where or _SOURCES[what], forslag=guess, helhet=helhet)


def duplicates(ch: Checker, doc: Document, key: str | None, ids: list[str], what: str, attr: str = "id") -> None:
    """Report the second occurrence of every id listed twice (`key` None: a top-level list)."""
    count: dict[str, int] = {}
    for index, value in enumerate(ids):
        count[value] = count.get(value, 0) + 1
        if count[value] == 2:
            loc: Loc = (index, attr) if key is None else (key, index, attr)
            ch.add(doc, loc, "duplicate-id", value, begrepp=what, id=show_value(value))
