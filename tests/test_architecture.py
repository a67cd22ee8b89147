"""The package's layers: no import cycles (imports inside functions count), commands depend on the library
and never the reverse, and no module imports another module's private names."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "spacecoop"
#: Modules that sit above the library: the thin commands, the command line that registers them, and the
#: web face (a server whose pages call the library), ``python -m spacecoop``.
ENTRY_POINTS = ("spacecoop.commands", "spacecoop.cli", "spacecoop.__main__", "spacecoop.web")


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, root: Path = PACKAGE) -> list[tuple[str, list[str], int]]:
    """Every import in ``path``, at any depth (inside functions too): (module, names imported, line)."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.append((base, [alias.name for alias in node.names], node.lineno))
    return found


def import_graph(root: Path = PACKAGE) -> nx.DiGraph:
    """Modules of the package as nodes; an edge a → b when a imports b (or a name from b)."""
    modules = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        for target, names, line in imports(path, root):
            for candidate in [f"{target}.{n}" for n in names] + [target]:
                if candidate in modules and candidate != name:
                    graph.add_edge(name, candidate, line=line)
                    break
    return graph


def _is_entry_point(module: str) -> bool:
    return any(module == entry or module.startswith(entry + ".") for entry in ENTRY_POINTS)


def test_no_import_cycles():
    cycles = sorted(
        sorted(component) for component in nx.strongly_connected_components(import_graph()) if len(component) > 1
    )
    assert not cycles, f"import cycles (imports inside functions count): {cycles}"


def test_the_library_never_imports_the_commands():
    graph = import_graph()
    wrong = sorted(
        f"{a} → {b} (line {data['line']})"
        for a, b, data in graph.edges(data=True)
        if not _is_entry_point(a) and b.startswith("spacecoop.commands")
    )
    assert not wrong, "the library imports a command: " + "; ".join(wrong)


def test_no_module_imports_another_modules_private_names():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for target, names, line in imports(path):
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if private and target.startswith("spacecoop"):
                wrong.append(f"{module_name(path)}:{line} imports {', '.join(private)} from {target}")
    assert not wrong, "; ".join(wrong)


def test_a_cycle_through_a_function_level_import_is_found(tmp_path):
    """The checks see imports inside functions and relative imports."""
    package = tmp_path / "spacecoop"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from spacecoop.sub import b\n")
    (package / "sub" / "b.py").write_text("def f():\n    from .. import a\n    from .c import _hidden\n")
    (package / "sub" / "c.py").write_text("_hidden = 1\n")
    graph = import_graph(package)
    assert {
        ("spacecoop.a", "spacecoop.sub.b"),
        ("spacecoop.sub.b", "spacecoop.a"),
        ("spacecoop.sub.b", "spacecoop.sub.c"),
    } <= set(graph.edges)
    assert ["spacecoop.a", "spacecoop.sub.b"] in [sorted(c) for c in nx.strongly_connected_components(graph)]
