"""Nothing lost, nothing forged: every character of a document lands in the tables, at scale.

The output of a parse accounts for its source: every character that is not
whitespace and not part of a numbering marker (``1.``, ``一、``, ``（三）``,
``第八条``, ``附件2``) is found in the metadata's preamble or closing, a section's
title or intro, or a task's text, clause, time limit or extra columns — and
no character is found there more often than the source has it.  The real
documents are held to this exactly; Hypothesis then mutates the bundled plan
and the real documents 10,000 times (and tries 10,000 byte strings) and holds
every parse to it, or to a :class:`~gongkai_analysis.errors.ParseError`.
"""

from __future__ import annotations

import collections
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gongkai_analysis as gk
from conftest import CORPUS
from gongkai_analysis.reading.files import read_bytes

pytestmark = pytest.mark.slow

#: Characters a numbering marker is made of: they may be consumed by the structure.
MARKER = re.compile(r"[0-9一二三四五六七八九十百零〇两、.．﹒（）()第条章附件专栏]")
EXAMPLES = int(os.environ.get("GONGKAI_SCALE_EXAMPLES", "10000"))
SCALE = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                 suppress_health_check=list(HealthCheck))


def _fold(text: str) -> str:
    return re.sub(r"\s", "", gk.patterns.fold(text))


def _output_text(doc) -> str:
    """Every piece of the document's text the tables hold, each once."""
    meta = doc.meta.iloc[0]
    pieces = [meta["preamble"], meta["closing"]]
    sections = doc.sections[~((doc.sections["level"] == "part") & (doc.sections["number"] == 1))]  # the title, again
    pieces += [*sections["title"], *sections["intro"], *sections["clause"]]
    # a task with no clause of its own may take its header's (the warnings say so): a copy, not more text
    inherited = set(sections["clause"].dropna()) if any("take the clause" in w for w in doc.warnings) else set()
    for column in ("text", "clause", "extra"):
        pieces += [v for v in doc.tasks[column] if not (column == "clause" and v in inherited)]
    # a time limit read from inside the clause is the clause's, not a second copy of the text
    pieces += [t for t, c in zip(doc.tasks["time_limit"], doc.tasks["clause"])
               if isinstance(t, str) and not (isinstance(c, str) and _fold(t) in _fold(c))]
    return "".join(p for p in pieces if isinstance(p, str))


def assert_accounted_for(doc, source: str) -> None:
    have = collections.Counter(_fold(source))
    used = collections.Counter(_fold(_output_text(doc)))
    forged = used - have
    lost = "".join(c for c in (have - used).elements() if not MARKER.match(c))
    assert not forged, f"characters in the tables that the source does not hold: {''.join(forged.elements())[:80]}"
    assert not lost, f"characters of the source in no table: {lost[:80]}"
    assert doc.tasks["task_id"].is_unique


def parse_or_error(text: str, **options):
    try:
        return gk.parse_document(text, tokens=False, **options)
    except gk.ParseError:
        return None


SOURCES = {"bundled": gk.config.BUNDLED_DOCUMENT.read_text(encoding="utf-8")}
if CORPUS.is_dir():
    for path in sorted(CORPUS.glob("*")):
        if path.name != "README.md":
            SOURCES[path.name] = gk.read_path(path).text


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_real_document_is_accounted_for(name):
    assert_accounted_for(gk.parse_document(SOURCES[name], tokens=False, strict=False), SOURCES[name])


@st.composite
def mutated(draw):
    """A real document with a few lines dropped, doubled, swapped, cut, renumbered or run together."""
    lines = SOURCES[draw(st.sampled_from(sorted(SOURCES)))].split("\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["drop", "double", "swap", "cut", "renumber", "join", "bracket", "truncate"]))
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        if op == "drop" and len(lines) > 1:
            del lines[i]
        elif op == "double":
            lines.insert(i, line)
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut" and line:
            k = draw(st.integers(0, len(line)))
            lines[i:i + 1] = [line[:k], line[k:]]
        elif op == "renumber" and (m := re.match(r"(\d+)", line)):
            lines[i] = str(int(m[1]) + draw(st.sampled_from([-1, 1, 9, 1000]))) + line[m.end():]
        elif op == "join" and i + 1 < len(lines):
            lines[i:i + 2] = [line + lines[i + 1]]
        elif op == "bracket" and line:
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + draw(st.sampled_from(["（", "）", "(", ")", "〔", "：", "。"])) + line[k:]
        elif op == "truncate":
            text = "\n".join(lines)
            lines = text[: draw(st.integers(0, len(text)))].split("\n")
    return "\n".join(lines)


@SCALE
@given(mutated(), st.booleans())
def test_mutated_documents_lose_nothing_or_say_why(text, strict):
    doc = parse_or_error(text, strict=strict)
    if doc is not None:
        assert_accounted_for(doc, text)


@SCALE
@given(st.binary(max_size=600))
def test_byte_strings_give_tables_or_a_parse_error(data):
    try:
        src = read_bytes(data, source="random.bin")
    except gk.ParseError as exc:
        assert "random.bin" in str(exc)
        return
    doc = parse_or_error(src.text, strict=False)
    if doc is not None:
        assert_accounted_for(doc, src.text)
