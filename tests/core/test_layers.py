"""The layout of core/ is its architecture: imports run downward only, and the rule is checked here.

Layers, lowest first: ``i18n`` ← ``store`` ← ``domain`` ← ``simulation`` / ``demo`` ← ``files`` /
``views`` ← ``sharing`` ← the CLI. A module may import its own package and the packages listed for it
below; every import counts, including one inside a function. Nothing in core imports streamlit; the
domain, the simulator and below never import plotly; and no module imports itself back through others.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "core"

# package → the core packages it may import (besides itself)
ALLOWED: dict[str, frozenset[str]] = {
    "i18n": frozenset(),
    "store": frozenset({"i18n"}),
    "domain": frozenset({"i18n", "store"}),
    "simulation": frozenset({"i18n", "store", "domain"}),
    "demo": frozenset({"i18n", "store", "domain"}),
    "files": frozenset({"i18n", "store", "domain", "simulation", "demo"}),
    "views": frozenset({"i18n", "store", "domain", "simulation"}),
    "sharing": frozenset({"i18n", "store", "domain", "simulation", "views", "files"}),
    "cli": frozenset({"i18n", "store", "domain", "simulation", "demo", "files", "views", "sharing"}),
}
NO_PLOTLY = frozenset({"i18n", "store", "domain", "simulation", "demo", "files"})


def module_name(path: Path) -> str:
    """``core/store/repo.py`` → ``core.store.repo`` (a package's ``__init__`` is the package)."""
    parts = path.relative_to(CORE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(module: str) -> str:
    """The layer a module belongs to: ``core.store.repo`` → ``store``; ``core.__main__`` → ``cli``."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in ("__main__", "__init__"):
        return "cli"
    return parts[1]


def imports(path: Path) -> Iterator[tuple[str, int]]:
    """Every module a file imports (absolute names, relative ones resolved), with the line, wherever
    the import statement stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path)
    pkg = here if path.name == "__init__.py" else here.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = pkg.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base, node.lineno
            for alias in node.names:  # `from core.store import repo` imports the module core.store.repo
                yield f"{base}.{alias.name}", node.lineno


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(CORE.rglob("*.py")) if "migrations" not in p.parts}


def core_edges() -> dict[str, set[str]]:
    """Module → the core modules it imports (only names that are modules)."""
    known = modules()
    graph: dict[str, set[str]] = {m: set() for m in known}
    for m, path in known.items():
        for name, _ in imports(path):
            if name in known and name != m:
                graph[m].add(name)
    return graph


def violations() -> list[str]:
    found = []
    for m, path in modules().items():
        layer = package_of(m)
        for name, line in imports(path):
            where = f"{path.relative_to(CORE.parent)}:{line}"
            top = name.split(".")[0]
            if top == "streamlit":
                found.append(f"{where} imports streamlit (core never does)")
            elif top == "plotly" and layer in NO_PLOTLY:
                found.append(f"{where} imports plotly ({layer} computes, views draw)")
            elif top == "core" and "." in name:
                target = package_of(name)
                if target not in (layer, "cli") and target not in ALLOWED[layer]:
                    found.append(f"{where} imports {name}: {layer} may not import {target}")
                elif target == "cli" and layer != "cli":
                    found.append(f"{where} imports {name}: nothing imports the CLI")
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), i.e. every import circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_every_import_runs_downward():
    found = violations()
    assert not found, "imports against the layers:\n" + "\n".join(found)


def test_there_is_no_import_circle_in_core():
    found = cycles(core_edges())
    assert not found, "import circles:\n" + "\n".join(" → ".join(c) for c in found)


def test_the_rule_sees_a_violation_when_there_is_one(tmp_path, monkeypatch):
    # a domain module that draws, imports a view inside a function, and closes a circle with the store
    bad = {
        "domain/drawing.py": "def f():\n    import plotly.graph_objects as go\n    from core.views import charts\n",
        "store/up.py": "from core.domain import drawing\n",
        "domain/back.py": "from core.store import up\n",
        "domain/__init__.py": "",
        "store/__init__.py": "",
    }
    for rel, text in bad.items():
        (tmp_path / "core" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "core" / rel).write_text(text)
    monkeypatch.setattr(sys.modules[__name__], "CORE", tmp_path / "core")
    found = violations()
    assert any("drawing.py:2 imports plotly" in v for v in found)
    assert any("drawing.py:3 imports core.views" in v for v in found)
    assert any("up.py:1 imports core.domain" in v and "store may not import domain" in v for v in found)
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


@pytest.mark.parametrize("package", ["core.simulation", "core.domain", "core.store"])
def test_the_engine_loads_without_plotly_or_streamlit(package):
    names = [m for m in modules() if m.startswith(package)]
    code = ("import importlib, sys\n"
            f"for m in {names!r}: importlib.import_module(m)\n"
            "print(sorted({n.split('.')[0] for n in sys.modules} & {'plotly', 'streamlit'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=CORE.parent, check=True)
    assert done.stdout.strip() == "[]"
