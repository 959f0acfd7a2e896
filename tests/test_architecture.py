"""The apps form layers: no import cycle between them, and docs/architecture.md says which truthfully.

Every module of src/govkpi is parsed (imports at module level, in `if TYPE_CHECKING`, and inside
functions), each import of another govkpi app is an edge of the app graph, and the layer table of
docs/architecture.md is read back: an app may import only apps in lower layers.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "govkpi"
DOC = ROOT / "docs" / "architecture.md"


@dataclass(frozen=True)
class Import:
    source: str  # app importing
    target: str  # app imported
    where: str  # "path:line"
    in_function: bool


def apps() -> list[str]:
    return sorted(p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists())


def _module_name(path: Path) -> list[str]:
    parts = ["govkpi", *path.relative_to(SRC).with_suffix("").parts]
    return parts[:-1] if parts[-1] == "__init__" else parts


def _targets(node: ast.AST, path: Path) -> list[str]:
    """Absolute module names an import statement names (relative imports resolved)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            package = _module_name(path)
            if path.name != "__init__.py":
                package = package[:-1]
            base = package[: len(package) - (node.level - 1)]
            module = ".".join(base + ([node.module] if node.module else []))
        else:
            module = node.module or ""
        # `from govkpi import kpis` names an app by its imported name
        if module == "govkpi":
            return [f"govkpi.{a.name}" for a in node.names]
        return [module]
    return []


def imports() -> list[Import]:
    known = set(apps())
    found: list[Import] = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if len(rel.parts) < 2 or rel.parts[0] not in known or "migrations" in rel.parts:
            continue
        source = rel.parts[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        inside: set[int] = set()
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                inside |= {id(n) for n in ast.walk(fn) if n is not fn}
        for node in ast.walk(tree):
            for module in _targets(node, path):
                parts = module.split(".")
                if len(parts) > 1 and parts[0] == "govkpi" and parts[1] in known and parts[1] != source:
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"  # type: ignore[attr-defined]
                    found.append(Import(source, parts[1], where, id(node) in inside))
    return found


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for imp in imports():
        edges[imp.source].add(imp.target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one app (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(set(edges) | {w for ws in edges.values() for w in ws}):
        if v not in index:
            visit(v)
    return found


def documented_layers() -> dict[str, int]:
    """App → layer number, from the table under "## Layers" in docs/architecture.md."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    layers: dict[str, int] = {}
    for line in section.splitlines():
        row = re.match(r"\|\s*(\d+)\s*\|([^|]*)\|", line)
        if row:
            for app in re.findall(r"`([a-z_]+)`", row.group(2)):
                layers[app] = int(row.group(1))
    return layers


def test_the_parser_sees_imports_inside_functions_and_relative_ones(tmp_path: Path) -> None:
    tree = ast.parse("from .models import X\nfrom govkpi import kpis\n")
    relative, package = (_targets(n, SRC / "results" / "services.py") for n in tree.body)
    assert relative == ["govkpi.results.models"]
    assert package == ["govkpi.kpis"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_there_is_no_import_cycle_between_apps() -> None:
    assert cycles(graph()) == []


def test_no_app_imports_another_inside_a_function() -> None:
    """An import inside a function is how a cycle hides; imports of another app go at the top."""
    hidden = [f"{i.where} imports {i.target}" for i in imports() if i.in_function]
    assert hidden == []


def test_every_app_has_a_layer_in_the_architecture_doc() -> None:
    assert sorted(set(apps()) - set(documented_layers())) == []
    assert sorted(set(documented_layers()) - set(apps())) == []


def test_each_app_imports_only_apps_in_lower_layers_as_documented() -> None:
    layer = documented_layers()
    upward = sorted(
        f"{i.where}: {i.source} (layer {layer[i.source]}) imports {i.target} (layer {layer[i.target]})"
        for i in imports()
        if layer[i.target] >= layer[i.source]
    )
    assert upward == []
