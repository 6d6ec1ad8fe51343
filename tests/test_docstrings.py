"""Every public function, method and class of the documented modules has a numpydoc docstring.

Read with ``ast`` (nothing is imported): a public function or method needs a
``Parameters`` section naming each of its arguments (when it has any), a
``Returns`` or ``Yields`` section (unless it is annotated ``-> None``) and an
``Examples`` section with a doctest; a public class needs the doctest.  The
doctests themselves run under ``pytest --doctest-modules``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "gongkai_analysis"

#: Every module with public names (``test_every_module_is_listed`` keeps it whole).
DOCUMENTED = (
    "arrow.py",
    "analysis/align.py",
    "analysis/appraisal.py",
    "analysis/cadence.py",
    "analysis/compliance.py",
    "analysis/dimensions.py",
    "analysis/network.py",
    "analysis/overview.py",
    "analysis/rules.py",
    "analysis/scoring.py",
    "analysis/shift.py",
    "analysis/textstats.py",
    "analysis/workload.py",
    "cli.py",
    "config.py",
    "document.py",
    "errors.py",
    "output/charts.py",
    "output/compare_charts.py",
    "output/compare_workbook.py",
    "output/excel.py",
    "output/tables.py",
    "output/tracker.py",
    "output/workbook.py",
    "output/text.py",
    "parsing/build.py",
    "parsing/clauses.py",
    "parsing/corpus.py",
    "parsing/departments.py",
    "parsing/metadata.py",
    "parsing/segment.py",
    "parsing/structure.py",
    "patterns.py",
    "pipeline.py",
    "reading/files.py",
    "reading/html.py",
    "reading/markdown.py",
    "reading/numbering.py",
    "reading/office.py",
    "reading/pdf.py",
    "reading/pdf_table.py",
    "reading/script.py",
    "reading/source.py",
    "reading/text.py",
    "reading/tracker.py",
    "schema.py",
    "vocab.py",
)


def _section(doc: str, name: str) -> str | None:
    """The body of a numpydoc section (``Name`` over a line of dashes), or None."""
    match = re.search(rf"^{name}\n-{{3,}}\n(.*?)(?=^\S[^\n]*\n-{{3,}}\n|\Z)", doc, re.M | re.S)
    return match.group(1) if match else None


def _documented_names(parameters: str) -> set[str]:
    """The names a Parameters section describes: ``a, b : type`` lines, ``*args``, ``**options``."""
    names: set[str] = set()
    for line in parameters.splitlines():
        if line and not line[0].isspace():
            head = line.split(" : ")[0]
            names.update(n.strip().lstrip("*") for n in head.split(","))
    return names


def _public(tree: ast.Module):
    """(name, node) of every public top-level function and class, and the public methods of public classes."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            yield node.name, node
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and not item.name.startswith("_"):
                        yield f"{node.name}.{item.name}", item


def _problems(node: ast.FunctionDef | ast.ClassDef) -> list[str]:
    doc = ast.get_docstring(node) or ""
    problems = []
    if not doc:
        return ["no docstring"]
    examples = _section(doc, "Examples")
    if ">>>" not in doc or examples is None:
        problems.append("no Examples section with a doctest")
    if isinstance(node, ast.FunctionDef):
        args = [a.arg for a in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
                if a.arg not in ("self", "cls")]
        parameters = _section(doc, "Parameters")
        if args and parameters is None:
            problems.append("no Parameters section")
        elif args:
            missing = [a for a in args if a not in _documented_names(parameters)]
            if missing:
                problems.append(f"Parameters does not describe {', '.join(missing)}")
        returns_none = node.returns is not None and ast.unparse(node.returns) == "None"
        if not returns_none and _section(doc, "Returns") is None and _section(doc, "Yields") is None:
            problems.append("no Returns (or Yields) section")
    return problems


def test_every_module_is_listed():
    modules = {str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
               if p.name not in ("__init__.py", "__main__.py") and list(_public(ast.parse(p.read_text("utf-8"))))}
    assert sorted(modules - set(DOCUMENTED)) == []


def test_the_documented_modules_exist():
    missing = [m for m in DOCUMENTED if not (PACKAGE / m).is_file()]
    assert not missing, f"listed in DOCUMENTED but not in the package: {missing}"


@pytest.mark.parametrize("module", DOCUMENTED)
def test_public_names_have_numpydoc_docstrings(module):
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    public = list(_public(tree))
    assert public, f"{module} has no public function or class: drop it from DOCUMENTED"
    bad = [f"{module}:{node.lineno} {name}: {'; '.join(p)}" for name, node in public if (p := _problems(node))]
    assert not bad, "\n".join(bad)


def test_the_check_catches_what_is_missing():
    source = '''
def good(a, *, b=1):
    """Do it.

    Parameters
    ----------
    a, b : int
        Numbers.

    Returns
    -------
    int

    Examples
    --------
    >>> good(1)
    1
    """

def no_example(a):
    """Do it.

    Parameters
    ----------
    a : int

    Returns
    -------
    int
    """

def half_documented(a, b) -> None:
    """Do it.

    Parameters
    ----------
    a : int

    Examples
    --------
    >>> half_documented(1, 2)
    """

def no_returns():
    """Do it.

    Examples
    --------
    >>> no_returns()
    """
'''
    found = {name: _problems(node) for name, node in _public(ast.parse(source))}
    assert found == {
        "good": [],
        "no_example": ["no Examples section with a doctest"],
        "half_documented": ["Parameters does not describe b"],
        "no_returns": ["no Returns (or Yields) section"],
    }
