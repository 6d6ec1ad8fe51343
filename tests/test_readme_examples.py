"""The README's Python examples run as written."""

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_has_python_examples():
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_block_runs(block, capsys):
    exec(compile(block, str(README), "exec"), {})


def test_readme_summary_line_is_what_the_code_prints(capsys):
    exec(compile(BLOCKS[0], str(README), "exec"), {})
    out = capsys.readouterr().out
    assert "65 tasks, 39 units, 0 unassigned tasks" in out
    assert "政府办    14" in out
