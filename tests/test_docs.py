"""Everything a user or a data dictionary reads about the interface is written down:
every command has Swedish help, every model field a description."""

from __future__ import annotations

import inspect
from typing import Any, get_args

import click
import pytest
from pydantic import BaseModel

import generator.models as models
from generator.cli import cli
from tests.support.build import run_insyn

_SWEDISH_WORDS = {"och", "med", "för", "att", "som", "den", "där", "på", "av", "till", "om", "när", "är", "inte"}


def _is_swedish(text: str | None) -> bool:
    words = {w.strip(".,:;()`").lower() for w in (text or "").split()}
    return bool(words & _SWEDISH_WORDS) and not words & {"the", "and", "show", "this", "of"}


def _commands() -> list[tuple[str, click.Command]]:
    return [("insyn", cli), *((f"insyn {name}", command) for name, command in cli.commands.items())]


@pytest.mark.parametrize(("path", "command"), _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_and_option_has_swedish_help(path: str, command: click.Command) -> None:
    assert _is_swedish(command.help), f"{path} saknar hjälptext på svenska"
    for param in command.params:
        if isinstance(param, click.Option):
            assert _is_swedish(param.help), f"{path} {param.opts[0]} saknar hjälptext på svenska"


def test_every_command_shows_its_help() -> None:
    for name in cli.commands:
        result = run_insyn(name, "--help")
        assert result.returncode == 0
        assert result.stdout.startswith(f"Användning: insyn {name}")
        assert (cli.commands[name].help or "").split("\n")[0][:40] in result.stdout


def _models() -> list[type[BaseModel]]:
    """Every pydantic model reachable from generator.models, nested ones included."""
    found: dict[str, type[BaseModel]] = {}

    def visit(annotation: Any) -> None:
        if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
            if annotation.__qualname__ not in found:
                found[annotation.__qualname__] = annotation
                for info in annotation.model_fields.values():
                    visit(info.annotation)
            return
        for arg in get_args(annotation):
            visit(arg)

    for value in vars(models).values():
        visit(value)
    return list(found.values())


def test_walk_finds_nested_models() -> None:
    names = {m.__name__ for m in _models()}
    assert {"RegionFile", "Kontakt", "Besoksadress", "Redovisad", "Atgard", "Beslut", "NyckeltalsVarde"} <= names


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_every_model_field_has_a_description(model: type[BaseModel]) -> None:
    if model.__name__ == "NyckeltalFile":  # a wrapper for nyckeltal.yaml's list; not a contract field
        return
    missing = [name for name, info in model.model_fields.items() if not (info.description or "").strip()]
    assert not missing, f"{model.__name__}: fält utan beskrivning: {', '.join(missing)}"
