"""Problems where an editor on GitHub looks: `::error` annotations on the changed file and
line, and a Markdown job summary. The words are the same Swedish ones the terminal shows.

Format: https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from generator.problems import Problem
from generator.sv.personnummer import redact


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _text(p: Problem) -> str:
    parts = [p.message]
    if p.value is not None:
        parts.append(f"Värde: {p.value}")
    if p.hint:
        parts.append(f"Så rättar du: {p.hint}")
    return redact(" ".join(parts))


def error_lines(problems: Sequence[Problem], data_dir: str) -> str:
    """One `::error file=…,line=…,title=…::…` line per problem, paths from the repository root."""
    lines = []
    for p in problems:
        props = [f"file={_property(posixpath.join(data_dir, p.file))}"]
        if p.line:
            props.append(f"line={p.line}")
        title = f"{p.code}" + (f" i fältet {p.field}" if p.field else "")
        props.append(f"title={_property(redact(title))}")
        lines.append(f"::error {','.join(props)}::{_data(_text(p))}")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return redact(text).replace("|", "\\|").replace("\n", " ")


def summary(problems: Sequence[Problem], data_dir: str) -> str:
    """A Markdown table for the job summary: file, line, field, what is wrong and how to fix it."""
    lines = [f"## Datan har {len(problems)} problem", "",
             "Inget publiceras förrän felen är rättade. Varje fel står också vid raden i filen under *Files changed*.", "",
             "| Fil | Rad | Fält | Fel | Så rättar du |", "|---|---|---|---|---|"]
    for p in problems:
        lines.append(f"| {_cell(posixpath.join(data_dir, p.file))} | {p.line or ''} | {_cell(p.field)} | "
                     f"{_cell(p.message)} [{_cell(p.code)}] | {_cell(p.hint)} |")
    return "\n".join(lines) + "\n"
