"""Problems printed for a person: grouped by file, in Swedish, each with a fix.

Nothing printed here may show a whole personnummer, whatever field it was typed into.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from generator.problems import Problem
from generator.sv.personnummer import redact


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# The same fault on every row of a CSV file is one fault to fix: show a few, count the rest.
SHOWN_PER_KIND = 10


def _entry(p: Problem) -> list[str]:
    where = [f"rad {p.line}" if p.line else "", f"fältet {p.field}" if p.field else ""]
    prefix = ", ".join(w for w in where if w)
    lines = [f"  {prefix + ': ' if prefix else ''}{p.message} [{p.code}]"]
    if p.value is not None:
        lines.append(f"      Värde: {p.value}")
    if p.hint:
        lines.append(f"      Så rättar du: {p.hint}")
    return lines


def format_problems(problems: Sequence[Problem], data_dir: str,
                    again: str = "Rätta felen och kör kommandot igen.") -> str:
    """The Swedish report of `problems`, file by file; `again` says what to do once they are
    put right (the preview builds again by itself when a file is saved)."""
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for p in problems:
        by_file[p.file].append(p)
    lines = [
        f"Datan i {data_dir} har {_plural(len(problems), 'problem', 'problem')} i "
        f"{_plural(len(by_file), 'fil', 'filer')}. Inget har publicerats.",
        "",
    ]
    for file in sorted(by_file):
        lines.append(file)
        shown: Counter[tuple[str, str]] = Counter()
        for p in sorted(by_file[file], key=Problem.sort_key):
            kind = (p.code, p.field)
            shown[kind] += 1
            if shown[kind] <= SHOWN_PER_KIND:
                lines.extend(_entry(p))
        for (code, field), count in sorted(shown.items()):
            if count > SHOWN_PER_KIND:
                lines.append(f"  … och {count - SHOWN_PER_KIND} rader till med samma fel i fältet {field or '(hela raden)'} [{code}].")
        lines.append("")
    lines.append(f"{again} Alla fel visas på en gång.")
    # Last line of defence: field names and messages can quote the data too.
    return redact("\n".join(lines))
