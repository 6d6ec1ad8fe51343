"""The house by stages: each module imports only from its own stage or the stages below.

reading → parsing → document → analysis → output, over the shared modules at the
bottom (errors, config, vocab, patterns, then schema); nothing imports ``cli``,
and no two modules import each other.  Imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "gongkai_analysis"

#: Rank of each stage: a module may import modules of its own rank or lower.
RANKS = {
    "errors": 0, "config": 0, "vocab": 0, "patterns": 0, "arrow": 0,
    "schema": 1,
    "reading": 2,
    "parsing": 3,
    "document": 4,
    "analysis": 5,
    "output": 6,
    "pipeline": 7, "cli": 8, "__main__": 8, "__init__": 8,
}


def _modules() -> dict[str, Path]:
    return {".".join(p.relative_to(PACKAGE).with_suffix("").parts): p for p in sorted(PACKAGE.rglob("*.py"))}


def _stage(module: str) -> str:
    head = module.split(".")[0]
    return head


def _imports(module: str, path: Path) -> set[str]:
    """The package modules `module` imports (relative and absolute, at any depth)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module.split(".")[:-1] if not module.endswith("__init__") else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.startswith("gongkai_analysis"):
                target = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:
                found.add(".".join([*target, alias.name]))
                found.add(".".join(target))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("gongkai_analysis."):
                    found.add(alias.name.split(".", 1)[1])
    modules = _modules()
    resolved = set()
    for name in found:
        if name in modules:
            resolved.add(name)
        elif f"{name}.__init__" in modules:
            resolved.add(f"{name}.__init__")
    resolved.discard(module)
    return resolved


def _graph() -> dict[str, set[str]]:
    return {m: _imports(m, p) for m, p in _modules().items()}


def test_every_module_has_a_stage():
    assert {_stage(m) for m in _modules()} <= set(RANKS)


def test_imports_go_only_downward():
    wrong = []
    for module, targets in _graph().items():
        for target in targets:
            if target.endswith("__init__") and _stage(target) == "__init__":
                wrong.append(f"{module} imports the package's __init__")
            elif RANKS[_stage(target)] > RANKS[_stage(module)]:
                wrong.append(f"{module} ({_stage(module)}) imports {target} ({_stage(target)})")
    assert not wrong, "\n".join(sorted(wrong))


def test_nothing_imports_the_cli():
    users = [m for m, targets in _graph().items() if "cli" in targets and m != "__main__"]
    assert not users


def test_no_two_modules_import_each_other():
    graph = _graph()
    pairs = sorted({tuple(sorted((a, b))) for a, targets in graph.items() for b in targets if a in graph.get(b, ())})
    assert not pairs


@pytest.mark.parametrize("stage", ["reading", "parsing", "analysis", "output"])
def test_each_stage_is_a_folder(stage):
    assert (PACKAGE / stage / "__init__.py").is_file()
