"""Rebuild gongkai_analysis/data/t2s_changed.txt from the installed OpenCC (a maintainer's tool).

The file lists every CJK character that OpenCC's ``t2s`` conversion changes on
its own; the reader counts them to tell a traditional document from a
simplified one (:mod:`gongkai_analysis.reading.script`).  Shipping the list
saves every run the 40–80 ms of converting the CJK blocks; a test fails when
the installed OpenCC changes a different set, and this tool brings the file
up to date:

    .venv/bin/python tools/make_t2s_changed.py
"""

from __future__ import annotations

from importlib.metadata import version

from gongkai_analysis import config
from gongkai_analysis.reading.script import CHANGED_FILE, converted_characters

#: Characters per line of the file (a line of a text editor, not one of 4,000 characters).
WIDTH = 50


def main() -> None:
    chars = converted_characters()
    lines = [
        "# Every CJK character (U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF) that OpenCC's t2s changes on its own,",
        f"# in code-point order: {len(chars)} characters, from OpenCC {version('opencc')} (Apache-2.0).",
        "# Written by tools/make_t2s_changed.py; tests/reading/test_script.py holds it equal to OpenCC's.",
        *(chars[i : i + WIDTH] for i in range(0, len(chars), WIDTH)),
    ]
    path = config.package_data(CHANGED_FILE)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(chars)} characters)")


if __name__ == "__main__":
    main()
