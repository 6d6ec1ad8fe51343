"""Text to an ordered list of structural items: headers, tasks and loose text.

This is the first half of the parser: it decides which numbers are section,
sub-section and task markers.  :mod:`gongkai_analysis.parsing.build` turns the items
into tables.

* Lines whose cells are separated by tabs, under a header row with 序号, a task
  column and a unit column, are read as a task table.
* Everywhere else, markers (``一、`` ``（一）`` ``1.`` ``1．`` ``1、`` ``（1）``)
  count at the start of a line.  A document with fewer than two tasks at the
  start of a line is *run on* (for example saved as a single line): then a
  marker inside a line counts when its number is the next one expected and it
  follows the end of a sentence or a header.

Examples
--------
>>> items = scan("一、公开\\n1.做好A。(甲局负责落实)\\n2.做好B。(乙局负责)\\n")
>>> [(i.kind, i.number, i.body) for i in items]
[('section', 1, '公开'), ('task', 1, '做好A。(甲局负责落实)'), ('task', 2, '做好B。(乙局负责)')]
>>> [(i.kind, i.number) for i in scan("一、公开 1.做好A。(甲局负责) 2.做好B。(乙局负责)")]
[('section', 1), ('task', 1), ('task', 2)]
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from typing import NamedTuple

from .. import patterns

HEADER_KINDS = ("section", "subsection")
#: A marker after a line break and indentation (searched in "\n" + text: a literal first is fast).
_LINE_START_MARKER = re.compile(rf"\n[ \t]*(?P<marker>{patterns.MARKER.pattern})")


@dataclass
class Item:
    """A piece of the document in reading order.

    ``kind`` is ``section``, ``subsection``, ``task`` or ``text`` (anything
    outside a task: preamble, intros, the closing paragraph).  For a task,
    ``body`` is everything after its marker up to the next marker, in the
    document's own wording; table rows carry their unit and time cells apart.
    """

    kind: str
    number: int | None
    body: str
    line: int
    marker: str = ""
    unit_cell: str | None = None
    time_cell: str | None = None
    framing: bool = False
    #: ``body`` folded (see :func:`gongkai_analysis.patterns.fold`), where the scan had it at hand.
    folded: str | None = None


class _Marker(NamedTuple):
    kind: str
    number: int
    start: int
    end: int
    style: str


def scan(text: str) -> list[Item]:
    """Split a document's clean text into structural items (see the module docs)."""
    lines = text.split("\n")
    if "\t" not in text:  # no table rows: the whole text is running text
        return _scan_text(list(enumerate(lines, start=1)))
    items: list[Item] = []
    run: list[tuple[int, str]] = []
    table: _Table | None = None
    for line_no, line in enumerate(lines, start=1):
        if "\t" in line:
            header = _Table.from_header(line)
            if header is not None:
                items.extend(_scan_text(run))
                run, table = [], header
                continue
            if table is not None:
                items.extend(table.row(line, line_no))
                continue
        elif table is not None and (not line.strip() or _is_header_line(line)):
            items.extend(table.row(line, line_no))  # a row that spans the table
            continue
        table = None
        run.append((line_no, line))
    items.extend(_scan_text(run))
    return items


# --------------------------------------------------------------------------
# Running text
# --------------------------------------------------------------------------
def _scan_text(run: list[tuple[int, str]]) -> list[Item]:
    if not run:
        return []
    first_line = run[0][0]
    raw = "\n".join([line for _, line in run])
    folded = patterns.fold(raw)
    line_starts = list(itertools.accumulate([len(line) + 1 for _, line in run], initial=0))

    def line_of(pos: int) -> int:
        return first_line + bisect.bisect_right(line_starts, pos) - 1

    def at_line_start(pos: int) -> bool:
        start = line_starts[bisect.bisect_right(line_starts, pos) - 1]
        return not folded[start:pos].strip()

    # markers at the start of a line first: a regex anchored there is cheap
    starts = [_candidate(m, "marker", -1) for m in _LINE_START_MARKER.finditer("\n" + folded)]
    has_sections = any(c.kind == "section" for c in starts)
    task_style = _task_style(starts, has_sections)
    run_on = sum(1 for c in starts if c.style == task_style) < 2
    if run_on:  # a run-on text: every marker anywhere is a candidate
        candidates = [_candidate(m) for m in patterns.MARKER.finditer(folded)]
        task_style = task_style or _task_style(candidates, has_sections)
    else:
        candidates = starts

    accepted: list[_Marker] = []
    section = subsection = task = 0
    header_since_task = False
    framing = False
    seen_section = not has_sections and not run_on
    for c in candidates:
        line_start = not run_on or at_line_start(c.start)  # without run-on, every candidate starts a line
        if not line_start and not run_on:
            continue
        if c.kind == "task" and c.style != task_style:
            continue
        if not line_start:
            expected = {"section": section + 1, "subsection": subsection + 1, "task": task + 1}[c.kind]
            restart_ok = c.kind in ("task", "subsection") and c.number == 1 and header_since_task
            if c.number != expected and not restart_ok:
                continue
            if not _fits_midline(folded, c, header_since_task and c.kind == "task"):
                continue
        if c.kind == "section":
            seen_section = True
        elif not seen_section and c.kind == "task" and has_sections:
            continue  # numbered lines in the preamble of a document with sections
        elif not seen_section and run_on and c.kind == "task" and not has_sections and task == 0 and c.number != 1:
            continue
        accepted.append(c)
        if c.kind == "section":
            section, subsection = c.number, 0
            header_since_task = True
            title_end = folded.find("\n", c.end)
            title = folded[c.end : title_end if title_end >= 0 else len(folded)]
            framing = bool(patterns.NON_TASK_SECTION.match(title.strip()))
        elif c.kind == "subsection":
            subsection = c.number
            header_since_task = True
        elif not framing:
            task = c.number
            header_since_task = False

    items: list[Item] = []
    if not accepted or accepted[0].start > 0:
        end = accepted[0].start if accepted else len(raw)
        items.extend(_text_items(raw, 0, end, line_of))
    framing = False
    for i, marker in enumerate(accepted):
        end = accepted[i + 1].start if i + 1 < len(accepted) else len(raw)
        content = raw[marker.end : end]
        line = line_of(marker.start)
        token = raw[marker.start : marker.end]
        if marker.kind in HEADER_KINDS:
            first, newline, rest = content.partition("\n")
            title = first.strip()
            if marker.kind == "section":
                framing = bool(patterns.NON_TASK_SECTION.match(folded[marker.end : marker.end + len(first)].strip()))
            items.append(Item(marker.kind, marker.number, title, line, token, framing=framing))
            if newline:
                items.extend(_text_items(raw, marker.end + len(first) + 1, end, line_of))
        elif framing:
            items.append(Item("text", None, (token + content).strip(), line, framing=True))
        else:
            items.append(Item("task", marker.number, content.strip(), line, token,
                              folded=folded[marker.end : end].strip()))
    return items


def _candidate(match, group: int | str = 0, offset: int = 0) -> _Marker:
    start, end = match.span(group)
    start, end = start + offset, end + offset
    section, sec_no, subsection, sub_no, dot_no, paren_no = match.group(
        "section", "sec_no", "subsection", "sub_no", "dot_no", "paren_no")
    if section:
        return _Marker("section", patterns.cn_to_int(sec_no), start, end, "section")
    if subsection:
        return _Marker("subsection", patterns.cn_to_int(sub_no), start, end, "subsection")
    if dot_no:
        return _Marker("task", int(dot_no), start, end, "dot")
    return _Marker("task", int(paren_no), start, end, "paren")


def _task_style(candidates: list[_Marker], has_sections: bool) -> str | None:
    seen_section = not has_sections
    for c in candidates:
        if c.kind == "section":
            seen_section = True
        elif c.kind == "task" and seen_section:
            return c.style
    return None


def _fits_midline(folded: str, c: _Marker, after_header: bool) -> bool:
    before = folded[max(c.start - 1, 0) : c.start]
    if not before or before in patterns.MIDLINE_BEFORE or before.isspace():
        return True
    return after_header and not before.isdigit()


def _text_items(raw: str, start: int, end: int, line_of) -> list[Item]:
    """Loose text between markers, one item per non-empty line."""
    items = []
    position = start
    for piece in raw[start:end].split("\n"):
        if piece.strip():
            items.append(Item("text", None, piece.strip(), line_of(position)))
        position += len(piece) + 1
    return items


def _is_header_line(line: str) -> bool:
    match = patterns.MARKER.match(patterns.fold(line).strip())
    return bool(match and (match["section"] or match["subsection"]))


# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------
class _Table:
    """A task table: column positions found in its header row."""

    def __init__(self, no: int, task: int, units: list[tuple[int, str]], time: int | None) -> None:
        self.no, self.task, self.units, self.time = no, task, units, time

    @classmethod
    def from_header(cls, line: str) -> _Table | None:
        cells = [patterns.fold(c).strip() for c in line.split("\t")]
        no = next((i for i, c in enumerate(cells) if patterns.TABLE_NO.match(c)), None)
        units = [(i, c) for i, c in enumerate(cells) if patterns.TABLE_UNIT.search(c) or patterns.TABLE_SUPPORT.search(c)]
        task = next((i for i, c in enumerate(cells) if i != no and patterns.TABLE_TASK.search(c)
                     and i not in dict(units)), None)
        if no is None or task is None or not units:
            return None
        time = next((i for i, c in enumerate(cells) if patterns.TABLE_TIME.search(c) and i not in dict(units)), None)
        return cls(no, task, units, time)

    def row(self, line: str, line_no: int) -> list[Item]:
        cells = line.split("\t")

        def cell(i: int | None) -> str:
            return cells[i].strip() if i is not None and i < len(cells) else ""

        number = patterns.fold(cell(self.no)).strip().rstrip(".．、")
        filled = [c.strip() for c in cells if c.strip()]
        if not number.isdigit():
            # a row that spans the table: a section or sub-section header, or a note
            text = " ".join(filled)
            match = patterns.MARKER.match(patterns.fold(text))
            if match and (match["section"] or match["subsection"]):
                marker = _candidate(match)
                return [Item(marker.kind, marker.number, text[match.end():].strip(), line_no, text[: match.end()])]
            return [Item("text", None, text, line_no)] if text else []
        if len(self.units) == 1:
            unit_cell = cell(self.units[0][0])
        else:
            unit_cell = "；".join(f"{label}：{cell(i)}" for i, label in self.units if cell(i))
        return [Item("task", int(number), cell(self.task), line_no, cell(self.no),
                     unit_cell=unit_cell, time_cell=cell(self.time) or None)]
