"""Documents → models. Each file is judged on its own; all problems are kept."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from generator.load.document import Document
from generator.models import (
    Avtal,
    NyckeltalFile,
    NyckeltalsVarde,
    RegionFile,
    Uppfoljning,
    Uppfoljningsplan,
    Utforare,
)
from generator.problems import Problem
from generator.validate.messages import problems_from

M = TypeVar("M", bound=BaseModel)

ENTITY_MODELS: dict[str, type[BaseModel]] = {
    "utforare": Utforare,
    "avtal": Avtal,
    "uppfoljningar": Uppfoljning,
    "uppfoljningsplaner": Uppfoljningsplan,
}


def _not_mapping(doc: Document) -> Problem:
    return Problem(doc.file, 1, "invalid-type", "", "Filen ska bestå av fält (namn: värde).",
                   "Se datakontraktet för vilka fält filen ska ha.")


def parse(doc: Document, model: type[M], problems: list[Problem]) -> M | None:
    """One document as `model`, or None with its problems appended."""
    if not isinstance(doc.data, dict):
        problems.append(_not_mapping(doc))
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as error:
        problems.extend(problems_from(error, doc, model))
        return None


def parse_region(doc: Document, problems: list[Problem]) -> RegionFile | None:
    return parse(doc, RegionFile, problems)


def parse_nyckeltal(doc: Document, problems: list[Problem]) -> NyckeltalFile | None:
    if not isinstance(doc.data, list):
        problems.append(Problem(doc.file, 1, "invalid-type", "", "nyckeltal.yaml ska vara en lista.",
                                "Börja varje nyckeltal med - id: ..."))
        return None
    try:
        return NyckeltalFile.model_validate({"nyckeltal": doc.data})
    except ValidationError as error:
        problems.extend(problems_from(error, doc, NyckeltalFile, strip=1))
        return None


def parse_value(doc: Document, problems: list[Problem]) -> NyckeltalsVarde | None:
    return parse(doc, NyckeltalsVarde, problems)
