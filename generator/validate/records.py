"""Documents → models. Each file is judged on its own; all problems are kept."""

from __future__ import annotations

import typing
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.load.document import Document
from generator.models import (
    Avtal,
    NyckeltalFile,
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
    return Problem.of("invalid-type", doc.file, 1, variant="fil")


def parse(doc: Document, model: type[M], problems: list[Problem]) -> M | None:
    """One document as `model`, or None with its problems appended."""
    item, failed = parse_salvaged(doc, model, problems)
    return item if failed is None else None


def parse_salvaged(doc: Document, model: type[M], problems: list[Problem]) -> tuple[M | None, set[str] | None]:
    """One document as `model`. When some fields fail, the problems are appended and a record
    is still built from the fields that are valid (the failed ones empty), so the rules across
    files can judge it in the same run; the second item names the failed fields (None: valid)."""
    if not isinstance(doc.data, dict):
        problems.append(_not_mapping(doc))
        return None, None
    try:
        return model.model_validate(doc.data), None
    except ValidationError as error:
        problems.extend(problems_from(error, doc, model))
        return salvage(model, doc.data, error)


@cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    return TypeAdapter(model.model_fields[name].rebuild_annotation())


def _empty(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    return () if origin is tuple else {} if origin is dict else None


def salvage(model: type[M], data: dict[str, Any], error: ValidationError) -> tuple[M | None, set[str]]:
    """`model` built without validation from the fields of `data` that passed on their own."""
    failed = {str(e["loc"][0]) for e in error.errors() if e["loc"]}
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in data and name not in failed:
            try:
                values[name] = _adapter(model, name).validate_python(data[name])
                continue
            except ValidationError:
                failed.add(name)
        if name in failed or info.is_required():
            values[name] = _empty(info.annotation)
    return model.model_construct(**values), failed


def parse_region(doc: Document, problems: list[Problem]) -> RegionFile | None:
    return parse(doc, RegionFile, problems)


def parse_nyckeltal(doc: Document, problems: list[Problem]) -> NyckeltalFile | None:
    if not isinstance(doc.data, list):
        problems.append(Problem.of("invalid-type", doc.file, 1, variant="nyckeltal"))
        return None
    try:
        return NyckeltalFile.model_validate({"nyckeltal": doc.data})
    except ValidationError as error:
        problems.extend(problems_from(error, doc, NyckeltalFile, strip=1))
        return None
