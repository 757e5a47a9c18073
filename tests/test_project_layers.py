"""The layers stay as CONTRIBUTING.md draws them: cli → preview → pipeline → site, no cycles
between packages, MkDocs behind one module, no import hidden inside a function in the build."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.support.build import ROOT

GENERATOR = ROOT / "generator"


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_only(tree: ast.AST) -> set[ast.AST]:
    """Imports under `if TYPE_CHECKING:`: names for the type checker, no dependency at run time."""
    return {node for block in ast.walk(tree)
            if isinstance(block, ast.If) and getattr(block.test, "id", getattr(block.test, "attr", "")) == "TYPE_CHECKING"
            for stmt in block.body for node in ast.walk(stmt)}


def _imports(path: Path) -> list[tuple[ast.AST, str]]:
    """Every import that `path` runs, with the node it is in, as full dotted names."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_only(tree)
    for node in ast.walk(tree):
        if node in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [(node, node.module)] + [(node, f"{node.module}.{a.name}") for a in node.names]
        elif isinstance(node, ast.Import):
            found += [(node, a.name) for a in node.names]
    return found


def _unit(module: str) -> str | None:
    """The package or top-level module of generator that `module` belongs to, if it is one."""
    parts = module.split(".")
    if parts[0] != "generator" or len(parts) < 2:
        return None
    path = GENERATOR.joinpath(*parts[1:2])
    return ".".join(parts[:2]) if path.is_dir() or path.with_suffix(".py").is_file() else None


def _graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in GENERATOR.rglob("*.py"):
        source = _unit(_module(path))
        for _, name in _imports(path):
            target = _unit(name)
            if source and target and target != source:
                edges.setdefault(source, set()).add(target)
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []

    def walk(node: str, path: list[str]) -> None:
        for nxt in sorted(edges.get(node, ())):
            if nxt in path:
                found.append(path[path.index(nxt):] + [nxt])
            else:
                walk(nxt, path + [nxt])
    for start in sorted(edges):
        walk(start, [start])
    return found


def test_no_import_cycle_between_the_packages() -> None:
    edges = _graph()
    assert "generator.pipeline" in edges["generator.preview"] and "generator.site" in edges["generator.pipeline"]
    assert _cycles(edges) == []


def test_the_site_package_knows_neither_the_pipeline_nor_the_commands() -> None:
    assert not _graph()["generator.site"] & {"generator.pipeline", "generator.preview", "generator.cli"}


def test_only_the_engine_module_imports_mkdocs() -> None:
    importers = {_module(path) for path in GENERATOR.rglob("*.py")
                 if any(name == "mkdocs" or name.startswith("mkdocs.") for _, name in _imports(path))}
    assert importers == {"generator.site.engine"}


def test_the_build_imports_nothing_inside_a_function() -> None:
    build = [GENERATOR / "cli.py", GENERATOR / "preview.py", GENERATOR / "pipeline.py",
             *sorted((GENERATOR / "site").glob("*.py"))]
    hidden = []
    for path in build:
        for func in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                hidden += [f"{path.name}:{n.lineno}" for n in ast.walk(func) if isinstance(n, ast.Import | ast.ImportFrom)]
    assert hidden == []


_FOLLOW_UP_USES = {"uppfoljningar", "path_uppfoljning", "uppfoljning_namn", "uppfoljningsrad", "oppna_atgarder",
                   "omrade_for_uppfoljning", "utforare_for_uppfoljning", "sort_key"}
# Calls whose result is follow-up ids, besides the catalog's own `uppfoljningar…`.
_FOLLOW_UP_SOURCES = ("uppfoljningar", "kandidater")
_PROVIDER_SHORT = {"uid", "uids"}  # CONTRIBUTING: short for utforare_id (and a list of them), nothing else


def _names(node: ast.AST) -> set[str]:
    """The plain names in `node`, not those inside a call within it (`f(uid)` hands on a provider's id)."""
    if isinstance(node, ast.Name):
        return {node.id}
    if isinstance(node, ast.Tuple | ast.List | ast.Starred):
        return {n for elt in ast.iter_child_nodes(node) for n in _names(elt)}
    return set()


def _follow_up_uids(path: Path) -> list[int]:
    """Lines where the name `uid` (or `uids`) holds a follow-up's id: it indexes or iterates the
    follow-ups, is handed to something that takes a follow-up's id, or collects follow-up ids."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Subscript) and getattr(node.value, "attr", None) == "uppfoljningar":
            used = _names(node.slice)
        elif isinstance(node, ast.comprehension | ast.For) and any(s in ast.unparse(node.iter) for s in _FOLLOW_UP_SOURCES):
            used = _names(node.target)
        elif isinstance(node, ast.Call) and (getattr(node.func, "attr", None) or getattr(node.func, "id", None)) in _FOLLOW_UP_USES:
            used = {n for arg in node.args for n in _names(arg)}
        elif isinstance(node, ast.Assign) and any(isinstance(g, ast.comprehension) and any(s in ast.unparse(g.iter) for s in _FOLLOW_UP_SOURCES)
                                                  for g in ast.walk(node.value)):
            used = {n for target in node.targets for n in _names(target)}
        else:
            continue
        if used & _PROVIDER_SHORT:
            lines.append(node.target.lineno if isinstance(node, ast.comprehension) else node.lineno)
    return sorted(set(lines))


def test_uid_means_a_providers_id_everywhere() -> None:
    """CONTRIBUTING's naming rule, across the whole generator package: `uid` is short for
    utforare_id only; a follow-up's id is uppfoljning_id."""
    found = {str(path.relative_to(ROOT)): lines for path in sorted(GENERATOR.rglob("*.py"))
             if (lines := _follow_up_uids(path))}
    assert found == {}


# CONTRIBUTING: ids are named in full (avtal_id, omrade_id, nyckeltal_id, namnd_id, plan_id, mal_id …);
# `uid` (utforare_id) is the one short name left. A process id is `process_id`, a table's `table_id`.
_SHORT_ID = re.compile(r"^[a-z]ids?$")


def _identifiers(node: ast.AST) -> list[str]:
    """The names a node binds or uses: variables, parameters, keywords, attributes, functions."""
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.arg):
        return [node.arg]
    if isinstance(node, ast.keyword) and node.arg:
        return [node.arg]
    if isinstance(node, ast.Attribute):
        return [node.attr]
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.alias):
        return [node.asname or node.name]
    return []


def test_ids_are_named_in_full_everywhere() -> None:
    """No `aid`, `oid`, `nid`, `fid`, `sid`, `pid`, `mid` … anywhere in generator/: a reader should
    not have to guess whether `nid` is a key figure's or a committee's id."""
    found = {f"{path.relative_to(ROOT)}:{node.lineno}": name for path in sorted(GENERATOR.rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             for name in _identifiers(node) if _SHORT_ID.match(name) and name not in _PROVIDER_SHORT}
    assert found == {}
