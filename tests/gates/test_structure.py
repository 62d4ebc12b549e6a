"""The package's rooms and what may import what (README, "For developers"; docs/design.md).

The flow is load -> validate -> model -> render -> outputs -> runners, and the imports
follow it: a room imports only from rooms below it, only the MkDocs runner imports
MkDocs or Material, and no two modules import each other, even for type checking.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "plugins" / "mkdocs_course"
# Each room and the rooms it may import from (its own included).
ROOMS = {
    "model": {"model"},
    "load": {"model", "load"},
    "render": {"model", "load", "render"},
    "outputs": {"model", "load", "render", "outputs"},
    "mkdocs": {"model", "load", "render", "outputs", "mkdocs"},
    "cli": {"model", "load", "render", "outputs", "cli"},
}
ENGINES = ("mkdocs", "material", "properdocs", "zensical")  # only the `mkdocs` room may import these


def module_name(path: Path, package: Path) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, package: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, type-checking ones included."""
    name = module_name(path, package)
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # `from . import track` imports the module track, not a name of the package.
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                if (package.parent / Path(*candidate.split("."))).with_suffix(".py").exists() or (package.parent / Path(*candidate.split("."))).is_dir():
                    found.append((node.lineno, candidate))
    return found


def room_of(module: str, package_name: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == package_name and len(parts) > 1 else None


def broken_rules(package: Path) -> list[str]:
    """Every import that goes against the rooms' order, and every cycle between modules."""
    package_name = package.name
    problems = []
    graph: dict[str, set[str]] = {}
    for path in sorted(package.rglob("*.py")):
        me = module_name(path, package)
        room = room_of(me, package_name)
        graph.setdefault(me, set())
        for line, target in imports(path, package):
            where = f"{path.relative_to(package)}:{line}"
            top = target.split(".")[0]
            if top in ENGINES and room != "mkdocs":
                problems.append(f"{where}: {room or 'the package'} imports {target}; only mkdocs/ talks to an engine")
            if top != package_name:
                continue
            other = room_of(target, package_name)
            if room is not None and other is not None and other not in ROOMS[room]:
                problems.append(f"{where}: {room}/ imports {target}, a room above it")
            if target != me and target != package_name and not me.startswith(target + "."):
                graph[me].add(target)
    problems += [f"import cycle: {' -> '.join(cycle)}" for cycle in _cycles(graph)]
    return problems


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append(trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_every_module_is_in_a_room() -> None:
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert loose == [], "each module belongs in one of the rooms: " + ", ".join(ROOMS)
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()) == sorted(ROOMS)


def test_imports_follow_the_flow_and_make_no_cycle() -> None:
    assert broken_rules(PACKAGE) == []


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"model/a.py": "from ..render import pages\n", "render/pages.py": ""}, "model/ imports pkg.render.pages, a room above it"),
        ({"render/a.py": "import mkdocs.plugins\n"}, "render imports mkdocs.plugins; only mkdocs/ talks to an engine"),
        ({"model/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import B\n", "model/b.py": "from .a import A\n"}, "import cycle: pkg.model.a -> pkg.model.b -> pkg.model.a"),
        ({"outputs/a.py": "from ..mkdocs import plugin\n", "mkdocs/plugin.py": ""}, "outputs/ imports pkg.mkdocs.plugin, a room above it"),
    ],
)
def test_the_rule_finds_a_wrong_import(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    package = tmp_path / "pkg"
    for room in ROOMS:
        (package / room).mkdir(parents=True)
        (package / room / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    for rel, text in files.items():
        (package / rel).write_text(text)
    assert any(p.endswith(expected) for p in broken_rules(package)), broken_rules(package)
