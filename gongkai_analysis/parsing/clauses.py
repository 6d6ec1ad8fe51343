"""Responsibility clauses: find them in a task's body and read their units.

A clause is the bracketed text that assigns a task, e.g.
``（财政局牵头，区政府相关部门和各街道办事处负责落实）``.  jieba cannot match
names with 〔〕、（） in them, so clauses are cut with the patterns of
:mod:`gongkai_analysis.patterns`, never with the segmenter.

Examples
--------
>>> [(a.unit_raw, a.role, a.mode) for a in read_clause("财政局牵头，区政府相关部门和各街道办事处负责落实")]
[('财政局', 'lead', 'sole'), ('区政府相关部门', 'responsible', 'joint'), ('各街道办事处', 'responsible', 'joint')]
>>> [(a.name, a.alias) for a in read_clause("科委〔知识产权局〕负责落实")]
[('科委', '知识产权局')]
>>> [(a.name, a.mode, a.open_ended) for a in read_clause("教委、卫计委等部门分别负责落实")]
[('教委', 'separate', True), ('卫计委', 'separate', True)]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from .. import patterns

#: The fixed vocabularies, in their display order.

_LABEL_ROLE = {
    "牵头单位": "lead", "牵头部门": "lead",
    "责任单位": "responsible", "责任部门": "responsible", "主责单位": "responsible", "落实单位": "responsible",
    "配合单位": "support", "配合部门": "support", "协办单位": "support",
}


@dataclass(frozen=True)
class Assignment:
    """One unit named in a clause, with the role the clause gives it."""

    unit_raw: str
    name: str
    alias: str | None
    role: str
    mode: str
    open_ended: bool


class ClauseSpan(NamedTuple):
    """Where a clause sits in a task's body: ``body[start:end]`` including brackets."""

    start: int
    end: int
    content: str
    closed: bool = True


def find_clauses(folded: str) -> list[ClauseSpan]:
    """Return the top-level bracketed clauses in a folded task body.

    An opening bracket left unclosed at the end of the body counts as a clause
    when what follows it reads as one (a clause cut at the end of a file).

    Examples
    --------
    >>> [c.content for c in find_clauses("做好公开（明确主体）。（财政局负责落实）")]
    ['财政局负责落实']
    >>> find_clauses("做好公开（财政局负责落实")[0].closed
    False
    """
    if "（" not in folded:
        return []
    if "〔" not in folded and "〕" not in folded and folded.count("（") == 1 and folded.count("）") == 1:
        start, end = folded.find("（"), folded.find("）")
        if start < end:  # the usual task: one pair of brackets, nothing nested
            content = folded[start + 1 : end]
            return [ClauseSpan(start, end + 1, content)] if is_clause(content) else []
    return _find_nested_clauses(folded)


def _find_nested_clauses(folded: str) -> list[ClauseSpan]:
    """:func:`find_clauses` for any text: balance every bracket."""
    spans: list[ClauseSpan] = []
    stack: list[int] = []
    for bracket in _BRACKETS.finditer(folded):
        pos = bracket.start()
        ch = folded[pos]
        if ch in patterns.OPEN_BRACKETS:
            stack.append(pos)
        elif stack:
            start = stack.pop()
            if folded[start] == "（" and ch == "）" and not stack:
                content = folded[start + 1 : pos]
                if is_clause(content):
                    spans.append(ClauseSpan(start, pos + 1, content))
    if stack:
        start = stack[0]
        content = folded[start + 1 :]
        if folded[start] == "（" and is_clause(content) and "\n" not in content.strip():
            spans.append(ClauseSpan(start, len(folded), content, closed=False))
    return spans


_BRACKETS = re.compile(f"[{patterns.OPEN_BRACKETS}{patterns.CLOSE_BRACKETS}]")


@functools.lru_cache(maxsize=8192)
def is_clause(content: str) -> bool:
    """True when bracket content reads as a responsibility clause."""
    content = content.strip()
    if not 0 < len(content) <= 200 or "。" in content.rstrip("。"):
        return False
    return patterns.is_clause_content(content)


def read_clause(content: str) -> list[Assignment]:
    """Read the units of a clause (see :func:`_read_clause`); results are cached."""
    return list(_read_clause(content))


@functools.lru_cache(maxsize=8192)
def _read_clause(content: str) -> tuple[Assignment, ...]:
    """Read the units of a clause (bracket content, or a table cell) in order.

    Forms: ``X负责落实``, ``X负责``, ``X牵头负责落实``, ``X牵头，Y负责落实``,
    ``X、Y分别负责落实``, ``X、Y等部门分别负责落实``, ``责任单位：X``,
    ``牵头单位：X；责任单位：Y``, ``X牵头，Y配合``, and a bare list ``X、Y``
    (a table cell), which makes every unit responsible.
    """
    text = patterns.fold(content).strip().strip("。").strip()
    groups = _labelled_groups(text) if patterns.UNIT_LABEL.search(text) else _verb_groups(text)
    assignments: list[Assignment] = []
    for units_text, role, separate in groups:
        units_text = patterns.LEADING_FILLER.sub("", units_text.strip(" ，；、：\n"))
        open_ended = bool(patterns.OPEN_ENDED.search(units_text)) and len(units_text) > 1
        if open_ended:
            units_text = patterns.OPEN_ENDED.sub("", units_text)
        names = split_units(units_text)
        if not names:
            continue
        mode = "sole" if len(names) == 1 and not open_ended else ("separate" if separate else "joint")
        for raw in names:
            match = patterns.ALIAS.match(raw)
            name, alias = (match["unit"].strip(), match["alias"].strip()) if match else (raw, None)
            assignments.append(Assignment(raw, name, alias, role, mode, open_ended))
    return tuple(assignments)


def _labelled_groups(text: str) -> list[tuple[str, str, bool]]:
    groups = []
    labels = list(patterns.UNIT_LABEL.finditer(text))
    for i, label in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        groups.append((text[label.end() : end], _LABEL_ROLE[label["label"]], False))
    return groups


def _verb_groups(text: str) -> list[tuple[str, str, bool]]:
    groups = []
    position = 0
    for verb in patterns.ROLE_VERB.finditer(text):
        word = verb.group()
        role = "lead" if "牵头" in word else ("support" if "配合" in word else "responsible")
        groups.append((text[position : verb.start()], role, "分别" in word))
        position = verb.end()
    tail = text[position:].strip(" ，；、。")
    if tail:  # a bare list (a table cell) or units after the last verb
        groups.append((tail, "responsible", False))
    return groups


def split_units(text: str) -> list[str]:
    """Split a list of unit names at 、，； and, where both sides are names, at 和/及/与.

    Examples
    --------
    >>> split_units("区政府各部门和各街道办事处")
    ['区政府各部门', '各街道办事处']
    >>> split_units("人力资源和社会保障局、城管执法局〔拆违办〕")
    ['人力资源和社会保障局', '城管执法局〔拆违办〕']
    """
    pieces: list[str] = []
    for piece in _split_outside_brackets(text, patterns.HARD_SEPARATOR):
        pieces.extend(_split_conjunctions(piece))
    return [p.strip() for p in pieces if p.strip()]


def _split_outside_brackets(text: str, separator: re.Pattern[str]) -> list[str]:
    parts, depth, start = [], 0, 0
    for pos, ch in enumerate(text):
        if ch in patterns.OPEN_BRACKETS:
            depth += 1
        elif ch in patterns.CLOSE_BRACKETS:
            depth = max(depth - 1, 0)
        elif depth == 0 and separator.match(ch):
            parts.append(text[start:pos])
            start = pos + 1
    parts.append(text[start:])
    return parts


def _split_conjunctions(piece: str) -> list[str]:
    """Split at 和/及/与/以及/会同 only when every part ends like a unit's name."""
    bare = re.sub(r"[〔（][^〔〕（）]*[〕）]", lambda m: "〔" + "_" * (len(m.group()) - 2) + "〕", piece)
    cuts = [m for m in re.finditer(r"以及|会同|和|及|与", bare)]
    if not cuts:
        return [piece]
    parts, start = [], 0
    for cut in cuts:
        parts.append((start, cut.start()))
        start = cut.end()
    parts.append((start, len(piece)))
    texts = [piece[a:b] for a, b in parts]
    bare_texts = [re.sub(r"〔_*〕$", "", bare[a:b]) for a, b in parts]
    if all(t and patterns.UNIT_SUFFIX.search(t) for t in bare_texts):
        return texts
    return [piece]
