"""YAML read so that nothing is guessed.

PyYAML's resolver would turn `NO` into False, `01234` into 668 and `12:30` into 750. We
compose the node graph with no implicit resolvers, so every scalar stays the string the
staff member wrote (plain `null`/`~`/empty become None), and the models decide types.
Duplicate keys, aliases and explicit tags such as `!!python/object` are problems.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.load.document import Document, Loc, field_name
from generator.load.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_TEXT_CHARS
from generator.load.text import decode_utf8
from generator.problems import Problem, show_value

_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {_STR, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_NULLS = {"", "~", "null", "Null", "NULL"}


class _AliasFound(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


class _StrictLoader(yaml.SafeLoader):
    """Composes nodes only; every untagged scalar resolves to str."""

    yaml_implicit_resolvers: dict[Any, Any] = {}

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        if self.check_event(AliasEvent):
            raise _AliasFound(self.peek_event().start_mark)
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


class _Converter:
    """Node graph → plain data, collecting problems and line numbers."""

    def __init__(self, file: str):
        self.file = file
        self.lines: dict[Loc, int] = {}
        self.problems: list[Problem] = []

    def problem(self, node: Node, code: str, message: str, hint: str, field: str = "") -> None:
        self.problems.append(
            Problem(self.file, node.start_mark.line + 1, code, field, message, hint)
        )

    def convert(self, node: Node, loc: Loc) -> Any:
        self.lines.setdefault(loc, node.start_mark.line + 1)
        field = field_name(loc)
        if len(loc) > MAX_DEPTH:
            self.problem(node, "yaml-too-deep", "Filen är nästlad i för många nivåer.",
                         f"Högst {MAX_DEPTH} nivåer stöds.", field)
            return None
        if node.tag not in _ALLOWED_TAGS:
            self.problem(node, "yaml-tag", f"Taggen {show_value(node.tag)} är inte tillåten.",
                         "Ta bort taggen (det som börjar med ! eller !!); skriv bara värdet.", field)
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node, field)
        if isinstance(node, SequenceNode):
            return [self.convert(item, (*loc, i)) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, loc)
        return None  # pragma: no cover - PyYAML has no other node kinds

    def _scalar(self, node: ScalarNode, field: str) -> str | None:
        value = str(node.value)
        if node.style is None and value in _NULLS:
            return None
        if len(value) > MAX_TEXT_CHARS:
            self.problem(node, "value-too-long",
                         f"Värdet är {len(value)} tecken långt.",
                         f"Högst {MAX_TEXT_CHARS} tecken stöds i ett fält; korta texten eller länka till ett dokument.",
                         field)
            return value[:MAX_TEXT_CHARS]
        return unicodedata.normalize("NFC", value)

    def _mapping(self, node: MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.value == "":
                self.problem(key_node, "yaml-key", "En nyckel måste vara ett enkelt ord.",
                             "Skriv nycklar som namn: värde.")
                continue
            key = str(key_node.value)
            if key == "<<":
                self.problem(key_node, "yaml-alias", "Sammanslagning med << stöds inte.",
                             "Skriv ut alla fält i stället för att hänvisa till ett ankare.")
                continue
            if key in result:
                where = field_name((*loc, key))
                self.problem(key_node, "yaml-duplicate-key",
                             f"Nyckeln {show_value(key)} finns två gånger.",
                             f"Ta bort den ena (den första står på rad {self.lines.get((*loc, key), '?')}).",
                             where)
                continue
            self.lines[(*loc, key)] = key_node.start_mark.line + 1
            result[key] = self.convert(value_node, (*loc, key))
        return result


def _syntax_problem(file: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    text = str(getattr(error, "problem", "") or error)
    hint = "Kontrollera indrag (mellanslag, inte tabb), kolon efter nyckeln och citattecken runt text som innehåller : eller #."
    if "\\t" in text or "\t" in text:
        return Problem(file, line, "yaml-tab", "", "Filen innehåller ett tabbtecken där YAML kräver mellanslag.",
                       "Byt tabbar mot mellanslag (två per nivå).")
    return Problem(file, line, "yaml-syntax", "", f"Filen går inte att läsa som YAML ({show_value(text, limit=80)}).", hint)


def read_yaml(raw: bytes, file: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file to a Document; problems instead of exceptions."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(file, None, "file-too-large",
                              "", f"Filen är {len(raw) // 1024} KiB.",
                              f"Högst {MAX_FILE_BYTES // 1024} KiB stöds; dela upp innehållet.")]
    text, problem = decode_utf8(raw, file)
    if problem:
        return None, [problem]
    try:
        node = yaml.compose(text, Loader=_StrictLoader)  # noqa: S506 - composes only; no constructors run
    except _AliasFound as found:
        return None, [Problem(file, found.mark.line + 1, "yaml-alias", "",
                              "Ankare och alias (& och *) stöds inte.",
                              "Skriv ut värdet på varje ställe i stället för att hänvisa till det.")]
    except yaml.YAMLError as error:
        return None, [_syntax_problem(file, error)]
    except RecursionError:
        return None, [Problem(file, None, "yaml-too-deep", "", "Filen är nästlad i för många nivåer.",
                              f"Högst {MAX_DEPTH} nivåer stöds.")]
    if node is None:
        return None, [Problem(file, 1, "yaml-empty", "", "Filen är tom.", "Fyll i fälten eller ta bort filen.")]
    converter = _Converter(file)
    data = converter.convert(node, ())
    return Document(file, data, converter.lines), converter.problems
