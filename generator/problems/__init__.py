"""Problems are data: every fault found in a dataset becomes one `Problem`.

The loader and validator collect them all and return them; only `cli.py` prints them and
chooses an exit code. Tests assert the stable `code`, `file` and `line`, never the prose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from generator.problems.build_codes import BUILD_CODES
from generator.problems.codes import entry
from generator.sv.personnummer import redact


@dataclass(frozen=True, order=True)
class Problem:
    """One fault in the data, located so that a staff member can find and fix it."""

    file: str
    line: int | None
    code: str
    field: str = ""
    message: str = ""
    hint: str = ""
    value: str | None = dataclass_field(default=None, compare=False)

    def __post_init__(self) -> None:
        entry(self.code)  # an unregistered code is a bug: it would have no README row and no test

    @classmethod
    def of(cls, code: str, file: str, line: int | None, field: str = "", value: str | None = None,
           **params: object) -> Problem:
        """The problem `code` with its registry wording; `params` fill the templates (`falt`, the
        field as staff write it, defaults to `field`), and `variant` names one of the code's
        variants (its own wording of the same fault; taken from `params`, so that a caller's
        `**params` stays one mapping of words)."""
        params.setdefault("falt", field)
        variant = params.pop("variant", "")
        if not isinstance(variant, str):
            raise TypeError(f"variant ska vara en text, inte {variant!r}")
        message, hint = entry(code).render(params, variant)
        return cls(file, line, code, field, message, hint.strip(), value)

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line or 0, self.field, self.code)


class DataError(Exception):
    """The dataset has problems; nothing may be written."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(f"{len(self.problems)} problem i datan")


class BuildError(Exception):
    """A build step failed after the data was valid (MkDocs, packaging, verification).

    `code` is stable and listed in `BUILD_CODES`; `stage` is its Swedish label for the report.
    """

    def __init__(self, code: str, message: str, hint: str = ""):
        self.code = code
        self.stage = BUILD_CODES[code].steg
        self.message = message
        self.hint = hint
        super().__init__(f"{code}: {message}")


def show_value(value: object, *, limit: int = 60) -> str:
    """A value as it may be echoed back: shortened, control characters made visible, and any
    personnummer in it masked (a typo can put one in any field, even an id)."""
    text = redact(str(value))
    text = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def mask(value: object) -> str:
    """A value that may be personal data: only enough to find it, never the whole."""
    text = str(value)
    if len(text) <= 4:
        return "****"
    return text[:2] + "*" * (len(text) - 4) + text[-2:]
