"""The layers stay as CONTRIBUTING.md draws them: cli → preview → pipeline → site, no cycles
between packages, MkDocs behind one module, no import hidden inside a function in the build."""

from __future__ import annotations

import ast
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


def _follow_up_uids(path: Path) -> list[int]:
    """Lines where the name `uid` holds a follow-up's id: it indexes or iterates the follow-ups, or is
    handed to something that takes a follow-up's id."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Subscript) and getattr(node.value, "attr", None) == "uppfoljningar":
            used = node.slice
        elif isinstance(node, ast.comprehension | ast.For) and "uppfoljningar" in ast.unparse(node.iter):
            used = node.target
        elif isinstance(node, ast.Call) and (getattr(node.func, "attr", None) or getattr(node.func, "id", None)) in _FOLLOW_UP_USES:
            used = ast.Tuple(elts=list(node.args), ctx=ast.Load())
        else:
            continue
        if any(isinstance(n, ast.Name) and n.id == "uid" for n in ast.walk(used)):
            lines.append(getattr(node, "lineno", None) or used.lineno)
    return lines


def test_uid_means_a_providers_id_in_pages_and_open_data() -> None:
    """CONTRIBUTING's naming rule: `uid` is short for utforare_id only; a follow-up's id is uppfoljning_id."""
    found = {str(path.relative_to(ROOT)): lines for package in ("pages", "opendata")
             for path in sorted((GENERATOR / package).rglob("*.py")) if (lines := _follow_up_uids(path))}
    assert found == {}
