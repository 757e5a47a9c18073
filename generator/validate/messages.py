"""pydantic's errors in Swedish, as Problems with a stable code and a fix hint."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.load.document import Document, Loc, field_name
from generator.problems import Problem, show_value
from generator.problems.codes import CODES


def _description(model: type[BaseModel], loc: Loc) -> str:
    """The model's own description of the field at `loc`, to tell what the field is for."""
    current: Any = model
    description = ""
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return description
        info = fields[part]
        description = info.description or ""
        current = _inner_model(info.annotation)
    return description


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    return list(getattr(current, "model_fields", {}) or {})


def _translate(error: dict[str, Any], model: type[BaseModel], loc: Loc) -> tuple[str, dict[str, object]]:
    """The registry code for one pydantic error, and the parameters of its templates."""
    kind = error["type"]
    described = _description(model, loc)
    if error.get("input", "") is None and kind not in {"missing", "extra_forbidden"}:
        return "missing-field", {"variant": "tomt", "beskrivning": described}
    if kind in CODES:  # a value type (models/valuetypes.py) names its code, variant and values
        return kind, dict(error.get("ctx") or {})
    if kind == "missing":
        return "missing-field", {"nyckel": str(loc[-1]), "beskrivning": described}
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        variant = "forslag" if close else "" if allowed else "okant-stalle"
        return "unknown-field", {"variant": variant, "forslag": close[0] if close else "", "tillatna": ", ".join(allowed)}
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return "invalid-choice", {"tillatna": expected.replace(" or ", ", ")}
    if kind in {"int_parsing", "int_parsing_size", "int_from_float", "float_parsing", "int_type", "float_type", "finite_number"}:
        return "invalid-number", {}
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        limit = next(iter(error.get("ctx", {}).values()), "")
        return "out-of-range", {"grans": str(limit)}
    if kind == "too_short":
        return "too-short", {"beskrivning": described}
    if kind == "string_too_short":
        return "missing-field", {"variant": "tom-text", "beskrivning": described}
    if kind == "string_type":
        return "invalid-type", {}
    if kind in {"list_type", "tuple_type"}:
        return "invalid-type", {"variant": "lista"}
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "invalid-type", {"variant": "underfalt", "under": str(loc[-1]) if loc else "filen", "beskrivning": described}
    if kind == "string_pattern_mismatch":
        return "invalid-value", {"variant": "format" if described else "format-okant", "beskrivning": described}
    return "invalid-value", {"variant": "" if described else "okant", "beskrivning": described}


def problems_from(error: ValidationError, doc: Document, model: type[BaseModel], strip: int = 0) -> list[Problem]:
    """Every error in a pydantic ValidationError as a located Swedish Problem.

    `strip` drops leading loc parts that the document does not have (a wrapper model).
    """
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        model_loc = loc
        doc_loc = loc[strip:]
        code, params = _translate(dict(item), model, model_loc)
        value = item.get("input")
        # An empty field (`namn:` with nothing after it) has no value to show, not "None".
        shown = None if item["type"] == "missing" or value is None or isinstance(value, (dict, list)) else show_value(value)
        problems.append(Problem.of(code, doc.file, doc.line_of(doc_loc), field_name(doc_loc), shown,
                                   falt=field_name(model_loc), **params))
    return problems
