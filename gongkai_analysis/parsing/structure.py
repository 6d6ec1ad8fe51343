"""Text to an ordered list of structural items: parts, headers, tasks and loose text.

This is the first half of the parser: it decides which numbers are section,
sub-section and task markers.  :mod:`gongkai_analysis.parsing.build` turns the
items into tables.

* Lines whose cells are separated by tabs, under a header row with 序号, a task
  column and a unit column, are read as a task table.
* Running text is split into **parts** first: a file may print several
  documents (a notice with 附件1/附件2, a policy and its action plan).  A part
  starts at an ``附件`` heading line or at a title line (``…行动计划``, ``…办法``)
  that follows numbered structure; a part without any structure stays text.
* In each part the **task level is found, not assumed**: ``第X条`` articles
  (under ``第X章``) in a regulation; else arabic items (``1.`` ``1．`` ``1、``
  ``1﹒`` ``１．`` ``（1）`` ``1）`` ``①``) at the start of a line; else ``（一）``
  items that end with a responsibility clause; else unnumbered paragraphs that
  end with one.  Boxed inserts (``专栏3 …工程``) are items of their own.
* A part with no task at the start of a line may be *run on* (a whole plan on
  one line): a marker inside a line counts when its number is the next one
  expected and it follows the end of a sentence or a header (the first section may follow the
  document's title: ``…实施方案一、总体要求``).

Every step is a regular-expression pass over the whole text, or a loop over the
markers it found; nothing is done per character or per line pair, so the scan
is linear in the size of the text.

Examples
--------
>>> items = scan("一、公开\\n1.做好A。(甲局负责落实)\\n2.做好B。(乙局负责)\\n")
>>> [(i.kind, i.number, i.body) for i in items]
[('section', 1, '公开'), ('task', 1, '做好A。(甲局负责落实)'), ('task', 2, '做好B。(乙局负责)')]
>>> [(i.kind, i.number) for i in scan("一、公开 1.做好A。(甲局负责) 2.做好B。(乙局负责)")]
[('section', 1), ('task', 1), ('task', 2)]
>>> [(i.kind, i.task_kind, i.number) for i in scan("第一章 总则\\n第一条 为了公开。\\n第二条 本条例所称。")]
[('section', 'task', 1), ('task', 'article', 1), ('task', 'article', 2)]
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from dataclasses import dataclass
from typing import NamedTuple

from .. import patterns
from . import clauses

HEADER_KINDS = ("section", "subsection")
#: A marker after a line break and indentation (searched in "\n" + text: a literal first is fast).
_LINE_START_MARKER = re.compile(rf"\n[ \t#]*(?:{patterns.MARKER.pattern})")
_HEADER_OR_ARTICLE = frozenset(("section", "chapter", "article"))
#: Arabic task styles, in the order a document would use them.
_ARABIC = ("dot", "paren", "rparen", "circle")


@dataclass(slots=True)  # (slots: a fifth cheaper to make, once per item)
class Item:
    """A piece of the document in reading order.

    ``kind`` is ``part`` (a new document in the file; ``body`` is its title),
    ``section``, ``subsection``, ``task`` or ``text`` (anything outside a task:
    preamble, intros, the closing paragraph).  A task's ``task_kind`` is
    ``task`` (a numbered item), ``article`` (a regulation's 第X条), ``paragraph``
    (an unnumbered paragraph ending with a clause) or ``box`` (a boxed insert).
    For a task, ``body`` is everything after its marker up to the next marker,
    in the document's own wording; table rows carry their unit and time cells apart.

    Examples
    --------
    >>> item = Item("task", 1, "做好公开工作。", 3, marker="1.")
    >>> item.kind, item.number, item.task_kind, item.unit_cell
    ('task', 1, 'task', None)
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
    task_kind: str = "task"
    #: The task level of the part the item belongs to (arabic, paren, article, paragraph, table).
    level: str | None = None
    #: A task whose number restarts under every section however the others run (``（一）`` items
    #: with clauses in a part whose other tasks are arabic).
    scoped: bool = False
    #: A table row's other cells (具体内容, 备注 …) as ``header：value`` lines.
    extra: str | None = None
    #: Where a task stands, filled in by :mod:`gongkai_analysis.parsing.build` as it walks the items
    #: (the document part, the section and the sub-section above it; not set by the scan).
    part: int = 1
    section_no: int | None = None
    section_title: str | None = None
    subsection_no: int | None = None
    subsection_title: str | None = None
    #: The clause that ends the title of the header a task stands under (its sub-section's, else its section's).
    header_clause: str | None = None


class _Marker(NamedTuple):
    kind: str
    number: int
    start: int
    end: int
    style: str


def scan(text: str, *, folded: str | None = None) -> list[Item]:
    """Split a document's clean text into structural items (see the module docs).

    Parameters
    ----------
    text : str
        Clean text, lines separated by ``"\\n"``; table rows with cells separated by tabs.
    folded : str, optional
        ``patterns.fold(text)``, when the caller has it (the text is then not folded again).

    Returns
    -------
    list of Item
        In reading order; every character of the text outside markers lands in one item.

    Examples
    --------
    >>> [i.kind for i in scan("前言\\n一、甲\\n1.做A。（甲局负责）")]
    ['text', 'section', 'task']
    """
    lines = text.split("\n")
    if "\t" not in text:  # no table rows: the whole text is running text
        return _scan_lines(1, lines, folded, text)
    items: list[Item] = []
    run: list[tuple[int, str]] = []
    table: _Table | None = None
    numbered = False  # a task table before this point numbered its rows (since the last part began)
    for line_no, line in enumerate(lines, start=1):
        if "\t" in line:
            header = _Table.from_header(line)
            if header is not None:
                between = _scan_text(run)
                title = _table_part_title(between) if numbered and header.first_number(lines, line_no) == 1 else None
                if title is not None:
                    # a task table numbered from 1 again after another, under its heading alone (附件2 / 考核细则)
                    # or under nothing (the next sheet of a workbook): a document of its own
                    items.append(Item("part", 0, title, run[0][0] if run else line_no))
                    numbered = False
                else:
                    items.extend(between)
                run, table = [], header
                continue
            if table is not None:
                rows = table.row(line, line_no)
                items.extend(rows)
                if rows:  # (a row that spans the table and heads a section: numbers restart under it)
                    numbered = rows[0].kind == "task" or (numbered and rows[0].kind not in HEADER_KINDS)
                continue
        elif table is not None and (not line.strip() or _is_header_line(line)):
            items.extend(table.row(line, line_no))  # a row that spans the table
            numbered = numbered and not line.strip()  # (after a section header, numbers restart under it)
            continue
        table = None
        run.append((line_no, line))
    items.extend(_scan_text(run))
    part = 1  # (the parts of the runs of text between tables count on from those before them)
    for item in items:
        if item.kind == "part":
            part += 1
            item.number = part
    return items


def _table_part_title(between: list[Item]) -> str | None:
    """The title of a task table that starts a document of its own, from the items between it and the table
    before it (None where they are more than a heading: text or structure of the document before).

    Nothing between gives an empty title; ``附件2`` / ``考核细则`` gives 考核细则.
    """
    lines = [item.body for item in between]
    if any(item.kind != "text" for item in between) or len(lines) > 2 \
            or any(len(line) > 60 or line.endswith(("。", "；")) for line in lines):
        return None
    if len(lines) == 2 and not patterns.ATTACHMENT_HEADING.match("\n" + patterns.fold(lines[0])):
        return None
    titles = [line for line in lines if not patterns.ATTACHMENT_HEADING.match("\n" + patterns.fold(line))]
    return titles[-1] if titles else ""


# --------------------------------------------------------------------------
# Running text
# --------------------------------------------------------------------------
class _Text:
    """A run of lines, folded once, with positions mapped back to line numbers.

    `lines` start at line number `first_line`; `raw` is ``"\\n".join(lines)`` when the caller has it.
    """

    def __init__(self, first_line: int, lines: list[str], folded: str | None = None, raw: str | None = None) -> None:
        self.first_line = first_line
        self.raw = "\n".join(lines) if raw is None else raw
        self.folded = folded if folded is not None and len(folded) == len(self.raw) else patterns.fold(self.raw)
        # line k starts after the k lines before it and their k line breaks (in C: no Python loop per line)
        self.line_starts = list(map(operator.add, itertools.accumulate(map(len, lines), initial=0),
                                    itertools.count()))

    def line_of(self, pos: int) -> int:
        return self.first_line + bisect.bisect_right(self.line_starts, pos) - 1

    def text_items(self, start: int, end: int) -> list[Item]:
        """Loose text between markers, one item per non-empty line."""
        items = []
        position = start
        for piece in self.raw[start:end].split("\n"):
            if piece.strip():
                items.append(Item("text", None, piece.strip(), self.line_of(position)))
            position += len(piece) + 1
        return items


def _scan_text(run: list[tuple[int, str]]) -> list[Item]:
    """The items of a run of consecutive ``(line number, line)`` pairs (between tables)."""
    if not run:
        return []
    return _scan_lines(run[0][0], [line for _, line in run])


def _scan_lines(first_line: int, lines: list[str], folded: str | None = None, raw: str | None = None) -> list[Item]:
    """The items of consecutive lines of running text, the first numbered `first_line`."""
    doc = _Text(first_line, lines, folded, raw)
    folded = doc.folded
    # markers at the start of a line first: a regex anchored there is cheap
    starts = _candidates(_LINE_START_MARKER.finditer("\n" + folded), -1)
    items: list[Item] = []
    bounds = _part_bounds(doc, starts)
    for k, (lo, hi, title) in enumerate(bounds, start=1):
        if k > 1:
            items.append(Item("part", k, title[2], doc.line_of(title[0]), "", framing=False))
            lo = title[1]
        part_starts = starts if lo == 0 and hi == len(folded) else [c for c in starts if lo <= c.start < hi]
        items.extend(_scan_part(doc, lo, hi, part_starts, alone=len(bounds) == 1))
    return items


def _part_bounds(doc: _Text, starts: list[_Marker]) -> list[tuple[int, int, tuple[int, int, str]]]:
    """Where each document part of the text starts and ends, and its heading.

    Returns ``(start, end, (heading start, heading end, title))`` per part; the
    first part's heading is empty (its title is in the preamble).
    """
    folded = doc.folded
    headers = [c for c in starts if c.kind in _HEADER_OR_ARTICLE]
    # a second document numbers its sections (or articles) from 1 again, or is announced by 附件
    restart = any(c.number == 1 for c in headers[1:])
    first = headers[0].start if headers else (starts[0].start if starts else -1)
    if first < 0 or (not restart and folded.find("附件", first) < 0):
        return [(0, len(folded), (0, 0, ""))]
    # numbered structure: headers, and tasks after the first header (a notice's numbered list of
    # attachments before it is not a document's structure)
    first_header = headers[0].start if headers else None
    structure = [c.start for c in starts if c.kind in _HEADER_OR_ARTICLE
                 or (c.kind == "task" and (first_header is None or c.start > first_header))]
    if not structure:
        return [(0, len(folded), (0, 0, ""))]
    titles = [m for end in patterns.DOC_TITLE_END.finditer(folded, structure[0])
              if (m := patterns.DOC_TITLE_LINE.match(folded, folded.rfind("\n", 0, end.start())))
              and m.end() == end.end()]
    if not titles and "附件" not in folded:
        return [(0, len(folded), (0, 0, ""))]
    heads: list[tuple[int, int, str]] = []  # (line start, end of heading, title)
    for m in patterns.ATTACHMENT_HEADING.finditer(folded):
        title_match = patterns.DOC_TITLE_LINE.match(folded, m.end())
        # the title is the line right after the heading, never a later one (the lines between would be lost)
        nxt = patterns.NEXT_SHORT_LINE.match(folded, m.end())
        title, end = ("", m.end())
        if title_match:
            title, end = doc.raw[title_match.start("title"):title_match.end("title")].strip(), title_match.end()
        elif nxt and not nxt.group("title").strip().endswith("。") and not patterns.MARKER.match(nxt.group("title")):
            title, end = doc.raw[nxt.start("title"):nxt.end("title")].strip(), nxt.end()
        heads.append((m.start() + 1, end, title))
    attachment_spans = [(a, b) for a, b, _ in heads]
    for m in titles:
        if any(a <= m.start("title") < b for a, b in attachment_spans):
            continue
        if patterns.MARKER.match(folded, m.start("title")):
            continue  # a numbered line, not a title
        if patterns.ATTACHMENT_LIST.match(_previous_line(folded, m.start())):
            continue  # an entry of the notice's list of attachments
        heads.append((m.start() + 1, m.end(), doc.raw[m.start("title"):m.end("title")].strip()))
    heads.sort()
    bounds: list[tuple[int, int, tuple[int, int, str]]] = []
    lo, heading = 0, (0, 0, "")
    index = 0  # into `structure`
    for head in heads:
        if head[0] < lo or head[0] < heading[1]:
            continue
        # a part needs numbered structure before the new heading, and some after it
        i = bisect.bisect_left(structure, max(lo, heading[1]))
        if i >= len(structure) or structure[i] >= head[0]:
            continue
        j = bisect.bisect_left(structure, head[1])
        if j >= len(structure):
            continue
        bounds.append((lo, head[0], heading))
        lo, heading = head[0], head
        index = j
    bounds.append((lo, len(folded), heading))
    return bounds


def _previous_line(folded: str, newline: int) -> str:
    """The last non-blank line before the line break at `newline` (looks back two lines at most)."""
    end = newline
    for _ in range(2):
        start = folded.rfind("\n", 0, end) + 1
        line = folded[start:end]
        if line.strip():
            return line
        if start == 0:
            break
        end = start - 1
    return ""


def _scan_part(doc: _Text, lo: int, hi: int, starts: list[_Marker], *, alone: bool) -> list[Item]:
    """The items of one document part, ``doc.folded[lo:hi]`` (`alone`: the file's only part)."""
    folded = doc.folded
    level, accepted, task_paren = _accept(doc, lo, hi, starts, alone=alone)
    if level == "paragraph":
        return _paragraph_items(doc, lo, hi, accepted)
    items: list[Item] = []
    first = accepted[0].start if accepted else hi
    if first > lo:
        items.extend(doc.text_items(lo, first))
    raw = doc.raw
    framing = False
    support = _support_without_clauses(doc, accepted, hi) if level != "article" else set()
    line_starts, line_offset = doc.line_starts, doc.first_line - 1  # doc.line_of, inlined: once per marker
    ends = [c.start for c in accepted[1:]] + [hi]
    for (kind, number, start, marker_end, _), end in zip(accepted, ends):
        content = raw[marker_end:end]
        line = line_offset + bisect.bisect_right(line_starts, start)
        token = raw[start:marker_end]
        if kind == "task" and not framing:  # the commonest item first (the chain below gives it the same)
            # positional arguments (marker, unit and time cells, framing, folded, task_kind, level, scoped):
            # this runs once per task, and keywords make the dataclass's __init__ half as fast again
            items.append(Item("task", number, content.strip(), line, token, None, None, False,
                              folded[marker_end:end].strip(), "task", level, start in task_paren))
        elif (kind in HEADER_KINDS or kind == "division") and not (kind == "subsection" and start in task_paren):
            first_line, newline, rest = content.partition("\n")
            title = first_line.strip()
            if kind == "section":
                framing = _is_framing(folded, marker_end) or start in support
            elif kind == "division":  # 第二部分 重点任务: above sections; what it frames starts afresh
                framing = False
            items.append(Item(kind, number, title, line, token, level=level,
                              framing=_is_framing(folded, marker_end) if kind == "division" else framing))
            if newline:
                items.extend(doc.text_items(marker_end + len(first_line) + 1, end))
        elif kind == "box":
            items.append(Item("task", number, (token + content).strip(), line, token,
                              task_kind="box", level=level))
        elif framing and kind != "article":
            items.append(Item("text", None, (token + content).strip(), line, framing=True))
        else:
            items.append(Item("task", number, content.strip(), line, token, None, None, False,
                              folded[marker_end:end].strip(), "article" if kind == "article" else "task",
                              level, start in task_paren))
    return items


def _accept(doc: _Text, lo: int, hi: int, starts: list[_Marker], *,
            alone: bool) -> tuple[str | None, list[_Marker], set[int]]:
    """Decide the part's task level and which markers count.

    Returns the level, the accepted markers in order, and the starts of
    ``（一）`` markers read as tasks (not headers).  ``（一）`` items without
    any clause are tasks only in a file that is one document with no clause
    at all (a 指导意见 that assigns nothing); in a file of several documents
    they are the text of a part that has no tasks (a 办法 before its 考评指标).
    """
    folded = doc.folded
    kinds = [c.kind for c in starts]
    if kinds.count("article") >= 2:
        accepted = [c for c in starts if c.kind in ("chapter", "article", "box")]
        accepted = [_Marker("section", c.number, c.start, c.end, "chapter") if c.kind == "chapter" else c
                    for c in accepted]
        return "article", accepted, set()
    if "chapter" in kinds or "article" in kinds:
        starts = [c for c in starts if c.kind not in ("chapter", "article")]
    has_sections = "section" in kinds
    task_style = _task_style(starts, has_sections)
    n_style = [c.style for c in starts].count(task_style)
    if n_style >= 2:
        accepted = _accept_sequence(doc, starts, task_style, has_sections, run_on=False)
        if "subsection" not in kinds:  # only （一） markers can be such tasks: no need to look
            return "arabic", _sub_items_as_tasks(doc, accepted, starts, hi), set()
        paren = _paren_tasks(doc, accepted, hi, only_without_tasks=True)
        if paren:  # （一） items are tasks here: one whose clause closes its list of 1. items is one too
            accepted, paren = _items_with_sub_items(doc, accepted, hi, paren)
            if not any(c.kind == "task" for c in accepted):  # every 1. item was a sub-item
                return "paren", accepted, paren
        return "arabic", accepted, paren
    # no arabic level at the start of lines: (一) items with clauses, then paragraphs, then run-on text
    headers = [c for c in starts if c.kind in ("section", "subsection", "box", "division")]
    if n_style == 0:
        paren = _paren_tasks(doc, headers, hi, only_without_tasks=False)
        if paren:
            return "paren", headers, paren
        if _count_clause_lines(folded, lo, hi) >= 2:
            return "paragraph", headers, set()
    candidates = _candidates(patterns.MARKER.finditer(folded, lo, hi))
    line_starts = {c.start for c in starts}
    style = task_style or _task_style([c for c in candidates if c.style in _ARABIC or c.kind == "section"],
                                      has_sections)
    accepted = _accept_sequence(doc, candidates, style, has_sections, run_on=True, line_starts=line_starts)
    if any(c.kind == "task" for c in accepted):
        return "arabic", accepted, _paren_tasks(doc, accepted, hi, only_without_tasks=True)
    if n_style == 0 and _count_clause_lines(folded, lo, hi) >= 1:
        return "paragraph", headers, set()
    subsections = [c for c in starts if c.kind == "subsection"]
    if alone and len(subsections) >= 2 and not patterns.count_clause_signatures(folded):
        framing = _framing_sections(doc, starts)
        return "paren", headers, {c.start for c in subsections if c.start not in framing}
    return None, headers, set()


def _accept_sequence(doc: _Text, candidates: list[_Marker], task_style: str | None, has_sections: bool,
                     *, run_on: bool, line_starts: set[int] | None = None) -> list[_Marker]:
    """The markers that count in a part with arabic tasks (at line starts, or inside run-on lines)."""
    folded = doc.folded
    accepted: list[_Marker] = []
    section = subsection = task = 0
    header_since_task = False
    framing = False
    seen_section = not has_sections and not run_on
    for c in candidates:
        kind = c.kind
        if kind == "chapter" or kind == "article":
            continue
        if kind == "task" and c.style != task_style:
            continue
        if run_on and c.start not in line_starts:  # inside a line
            if kind == "box" or kind == "division":
                continue
            expected = {"section": section + 1, "subsection": subsection + 1, "task": task + 1}[kind]
            restart_ok = kind in ("task", "subsection") and c.number == 1 and header_since_task
            if c.number != expected and not restart_ok:
                continue
            if not _fits_midline(folded, c, header_since_task and kind == "task"):
                continue
        if kind == "task":  # (the commonest kind first)
            if not seen_section:
                if has_sections and not _leads_into_structure(folded, c.end):
                    continue  # numbered lines before the first section (a notice's list of attachments), unless
                    # they close with a responsibility clause and the structure goes on right after them: then
                    # they are tasks that stand before any header
                if run_on and not has_sections and task == 0 and c.number != 1:
                    continue
            accepted.append(c)
            if not framing:
                task = c.number
                header_since_task = False
        elif kind == "section":
            seen_section = True
            accepted.append(c)
            section, subsection = c.number, 0
            header_since_task = True
            framing = _is_framing(folded, c.end)
        else:
            accepted.append(c)
            if kind == "subsection":
                subsection = c.number
                header_since_task = True
    return accepted


def _paren_tasks(doc: _Text, accepted: list[_Marker], hi: int, *, only_without_tasks: bool) -> set[int]:
    """Starts of ``（一）`` markers that are tasks: their text ends with a responsibility clause.

    With `only_without_tasks`, only items that hold no arabic task of their own
    (the closing sections of an action plan; a （二） with its clause among
    （一） items whose arabic items carry theirs); never in framing sections.
    """
    folded = doc.folded
    found: set[int] = set()
    framing = False
    holds_tasks: set[int] = set()  # the （一） items with an arabic task under them
    if only_without_tasks:
        if all(c.kind != "subsection" for c in accepted):
            return found
        current = None
        for c in accepted:
            if c.kind == "subsection":
                current = c.start
            elif c.kind == "task":
                if current is not None:
                    holds_tasks.add(current)
            else:  # a section (or division, box) ends the （一） item before it
                current = None
    for i, c in enumerate(accepted):
        if c.kind == "section":
            framing = _is_framing(folded, c.end)
            continue
        if c.kind != "subsection" or framing or c.start in holds_tasks:
            continue
        end = accepted[i + 1].start if i + 1 < len(accepted) else hi
        if _count_clause_lines(folded, c.end, end):
            found.add(c.start)
    return found


def _sub_items_as_tasks(doc: _Text, accepted: list[_Marker], starts: list[_Marker], hi: int) -> list[_Marker]:
    """In a part with no ``（一）`` level: an arabic item whose own text closes with no clause while each of its
    numbered sub-items (``（1）`` ``①`` ``1）`` at the start of a line, numbered from 1) closes with one is a
    header, the sub-items its tasks (``一、`` / ``1.推进决策公开`` / ``（1）做好X。（甲局负责）``): the item takes the
    sub-section level.  Items that close with their own clause stay tasks.

    Before, such an item was one task cut into pieces at its sub-items' clauses, its title glued into the
    first piece's text.
    """
    task_style = next((c.style for c in accepted if c.kind == "task"), None)
    subs = [c for c in starts if c.kind == "task" and c.style != task_style and c.style in _ARABIC]
    if len(subs) < 2:
        return accepted
    folded = doc.folded
    sub_starts = [c.start for c in subs]
    ends = [c.start for c in accepted[1:]] + [hi]
    result: list[_Marker] = []
    for c, end in zip(accepted, ends):
        result.append(c)
        if c.kind != "task":
            continue
        inside = subs[bisect.bisect_right(sub_starts, c.start) : bisect.bisect_left(sub_starts, end)]
        inside = [s for s in inside if s.style == inside[0].style]
        if not inside or [s.number for s in inside] != list(range(1, len(inside) + 1)) \
                or _count_clause_lines(folded, c.end, inside[0].start):
            continue
        item_ends = [s.start for s in inside[1:]] + [end]
        if all(_count_clause_lines(folded, s.end, e) == 1 for s, e in zip(inside, item_ends)):
            result[-1] = _Marker("subsection", c.number, c.start, c.end, c.style)
            result.extend(_Marker("task", s.number, s.start, s.end, s.style) for s in inside)
    return result


def _items_with_sub_items(doc: _Text, accepted: list[_Marker], hi: int,
                          paren: set[int]) -> tuple[list[_Marker], set[int]]:
    """In a part whose ``（一）`` items with clauses are tasks: a ``（一）`` item whose arabic items carry no
    clause, and whose one clause closes the list (on a line of its own, or after a title that ends with
    ``：``), is a task too, its arabic items its text.

    ``（一）做好预算公开。具体包括：`` / ``1.公开预算；`` / ``2.公开决算。`` / ``（市财政局负责）``: the clause is
    the （一） item's, not its last sub-item's.
    """
    folded = doc.folded
    dropped: set[int] = set()
    found = set(paren)
    for i, c in enumerate(accepted):
        if c.kind != "subsection" or c.start in paren:
            continue
        j = i + 1
        while j < len(accepted) and accepted[j].kind == "task":
            j += 1
        items = accepted[i + 1 : j]
        end = accepted[j].start if j < len(accepted) else hi
        if len(items) < 2 or _count_clause_lines(folded, c.end, items[-1].start) \
                or _count_clause_lines(folded, items[-1].start, end) != 1:
            continue
        lead_in = folded[c.end : items[0].start].rstrip()  # the （一） item's own text, before its 1.
        last = folded[items[-1].start : end].rstrip()
        cut = last.rfind("\n")
        last_line = last[cut + 1 :].strip() if cut >= 0 else ""  # the clause's line, when not the item's own
        if (last_line.startswith("（") and _ends_with_clause(last_line)) or lead_in.endswith("："):
            found.add(c.start)
            dropped.update(item.start for item in items)
    if not dropped:
        return accepted, paren
    return [c for c in accepted if c.start not in dropped], found


def _is_framing(folded: str, title_start: int) -> bool:
    """True when the section title starting at `title_start` frames the plan (总体要求 …).

    Only the title's first characters are looked at, so that a run-on line is
    not read to its end for every section.
    """
    return bool(patterns.NON_TASK_SECTION.match(folded[title_start : title_start + 20].lstrip()))


def _support_without_clauses(doc: _Text, accepted: list[_Marker], hi: int) -> set[int]:
    """Starts of 保障措施-like sections none of whose lines ends with a clause: framing, not tasks.

    In a plan whose tasks carry no clause at all, such a section keeps its tasks.
    """
    folded = doc.folded
    sections = [c for c in accepted if c.kind == "section"]
    found: set[int] = set()
    any_clause = None
    for i, c in enumerate(sections):
        if not patterns.SUPPORT_SECTION.match(folded[c.end : c.end + 20].lstrip()):
            continue
        end = sections[i + 1].start if i + 1 < len(sections) else hi
        if _count_clause_lines(folded, c.end, end):
            continue
        if any_clause is None:
            any_clause = _count_clause_lines(folded, accepted[0].start if accepted else 0, hi) > 0
        if any_clause:
            found.add(c.start)
    return found


def _framing_sections(doc: _Text, starts: list[_Marker]) -> set[int]:
    """Starts of the markers that stand in framing sections (总体要求, 指导思想 …)."""
    folded = doc.folded
    inside: set[int] = set()
    framing = False
    for c in starts:
        if c.kind == "section":
            framing = _is_framing(folded, c.end)
        elif framing:
            inside.add(c.start)
    return inside


#: A line (of folded text) that ends with a closing bracket, maybe followed by 。 or ；.
_CLAUSE_LINE_END = re.compile(r"）[。；;.]?[ \t]*(?=\n|$)")


def _leads_into_structure(folded: str, start: int) -> bool:
    """Whether the line from `start` on ends with a responsibility clause and the next line is numbered."""
    end = folded.find("\n", start)
    if end < 0 or not _ends_with_clause(folded[start:end]):
        return False
    following = patterns.NEXT_SHORT_LINE.match(folded, end) or re.compile(r"\s*(?P<title>\S)").match(folded, end)
    return bool(following) and patterns.MARKER.match(folded, following.start("title")) is not None


def _ends_with_clause(folded: str) -> bool:
    """True when `folded` (a task's text) ends with a responsibility clause."""
    text = folded.rstrip().rstrip("。；.").rstrip()
    if not text.endswith("）"):
        return False
    spans = clauses.find_clauses(text)
    return bool(spans) and spans[-1].end == len(text)


def _count_clause_lines(folded: str, lo: int, hi: int) -> int:
    """How many lines of ``folded[lo:hi]`` end with a responsibility clause, bracketed or labelled
    (see :func:`_count_label_clauses`)."""
    count = 0
    for m in _CLAUSE_LINE_END.finditer(folded, lo, hi):
        line_start = folded.rfind("\n", lo, m.start()) + 1
        if _ends_with_clause(folded[max(line_start, lo) : m.end()]):
            count += 1
    return count + _count_label_clauses(folded, lo, hi)


def _count_label_clauses(folded: str, lo: int, hi: int) -> int:
    """How many labelled clauses close the lines of text of ``folded[lo:hi]``.

    A clause is labelled where a line of text is followed by lines of labels of which one names units
    (``做好X。`` / ``完成时限：年底`` / ``责任单位：市财政局``: one clause), or where units' labels follow
    the last sentence of a line (``做好X。责任单位：市财政局。``).  Label lines with no line of text above
    them close nothing.

    >>> _count_label_clauses("做好X。\\n责任单位：甲局\\n完成时限：年底\\n做好Y。牵头单位：乙局", 0, 37)
    2
    >>> _count_label_clauses("做好X。\\n完成时限：年底", 0, 12), _count_label_clauses("责任单位：甲局", 0, 7)
    (0, 0)
    """
    if folded.find("：", lo, hi) < 0 or patterns.search_unit_label(folded[lo:hi]) is None:
        return 0  # (no units' label, found from the colons: no line need be looked at)
    count = 0
    under_text = counted = False  # the label lines since the last line of text stand under one; one named units
    for line in folded[lo:hi].split("\n"):
        line = line.strip()
        if not line:
            continue
        is_label, closes = _labelled_line(line, under_text and not counted)
        count += closes
        if is_label:
            counted = counted or closes
        else:
            under_text, counted = True, closes
    return count


def _labelled_line(line: str, under_text: bool) -> tuple[bool, bool]:
    """Whether a line (folded, stripped) is a line of labels, and whether a labelled clause closes on it: a
    line of units' labels `under_text` (a line of text above it, not yet closed), or a line of text whose last
    sentence is followed by units' labels (``做好X。责任单位：市财政局``).

    >>> _labelled_line("责任单位：甲局", True), _labelled_line("完成时限：年底", True), _labelled_line("做好X。牵头单位：甲局", False)
    ((True, True), (True, False), (False, True))
    """
    if patterns.ANY_LABEL.match(line):
        return True, under_text and patterns.UNIT_LABEL.match(line) is not None
    return False, patterns.INLINE_LABEL.search(line) is not None


def _paragraph_items(doc: _Text, lo: int, hi: int, headers: list[_Marker]) -> list[Item]:
    """Items of a part whose tasks are unnumbered paragraphs ending with a clause.

    The paragraphs since the previous task or header, up to one that ends with
    a clause, make one task; what follows the last such paragraph under a
    header stays text.
    """
    folded, raw = doc.folded, doc.raw
    items: list[Item] = []
    number = 0
    framing = False
    bounds = [(c.start, c) for c in headers] + [(hi, None)]
    position = lo
    region_header: _Marker | None = None
    for start, header in bounds:
        # the text between the previous header (or the part's start) and this one
        pending: list[tuple[int, int]] = []  # (start, end) of lines waiting for a clause
        body_start = position
        if region_header is not None:
            title_end = folded.find("\n", region_header.end, start)
            title_end = start if title_end < 0 else title_end
            token = raw[region_header.start : region_header.end]
            if region_header.kind == "box":
                items.append(Item("task", region_header.number, raw[region_header.start : start].strip(),
                                  doc.line_of(region_header.start), token, task_kind="box", level="paragraph"))
                position = start
                region_header = header
                continue
            if region_header.kind == "section":
                framing = bool(patterns.NON_TASK_SECTION.match(folded[region_header.end : title_end].strip()))
            items.append(Item(region_header.kind, region_header.number, raw[region_header.end : title_end].strip(),
                              doc.line_of(region_header.start), token, framing=framing, level="paragraph"))
            body_start = title_end + 1
        line_start = body_start
        closed = has_text = False  # the pending lines end with a clause (label lines after it are its own)
        while line_start < start:
            line_end = folded.find("\n", line_start, start)
            line_end = start if line_end < 0 else line_end
            line = folded[line_start:line_end].strip()
            if line:
                is_label, labelled = _labelled_line(line, has_text)
                if closed and not is_label:
                    number = _paragraph_task(doc, items, pending, number)
                    pending, closed, has_text = [], False, False
                pending.append((line_start, line_end))
                if not closed and not framing and region_header is not None:
                    closed = labelled or (not is_label and _ends_with_clause(line))
                    has_text = has_text or not is_label
            line_start = line_end + 1
        if closed:
            number = _paragraph_task(doc, items, pending, number)
            pending = []
        for a, b in pending:
            items.append(Item("text", None, raw[a:b].strip(), doc.line_of(a), framing=framing))
        position = start
        region_header = header
    return items


def _paragraph_task(doc: _Text, items: list[Item], lines: list[tuple[int, int]], number: int) -> int:
    """Append the task made of the paragraphs at `lines` (``(start, end)`` spans) to `items`; its number."""
    a, b = lines[0][0], lines[-1][1]
    items.append(Item("task", number + 1, doc.raw[a:b].strip(), doc.line_of(a), "",
                      folded=doc.folded[a:b].strip(), task_kind="paragraph", level="paragraph"))
    return number + 1


def _circle_number(circle: str) -> int:
    return ord(circle) - 0x245F


#: Each alternative of :data:`patterns.MARKER`, by the name of its group: the marker's kind, the group
#: of its number, how the number is read and the marker's style (one look-up instead of a chain of tests).
_MARKER_READINGS = {
    "task_dot": ("task", "dot_no", int, "dot"),
    "section": ("section", "sec_no", patterns.cn_to_int, "section"),
    "subsection": ("subsection", "sub_no", patterns.cn_to_int, "subsection"),
    "task_paren": ("task", "paren_no", int, "paren"),
    "task_rparen": ("task", "rparen_no", int, "rparen"),
    "task_circle": ("task", "circle_no", _circle_number, "circle"),
    "task_pdigit": ("task", "pdigit_no", lambda c: ord(c) - 0x2473, "paren"),
    "task_fdigit": ("task", "fdigit_no", lambda c: ord(c) - 0x2487, "dot"),
    "division": ("division", "div_no", patterns.cn_to_int, "division"),
    "chapter": ("chapter", "chap_no", patterns.cn_to_int, "chapter"),
    "article": ("article", "art_no", patterns.cn_to_int, "article"),
    "box": ("box", "box_no", int, "box"),
}


def _candidate(match: re.Match, offset: int = 0) -> _Marker:
    """The marker a match of :data:`patterns.MARKER` (or of the line-start pattern) found."""
    return _candidates((match,), offset)[0]


def _candidates(matches, offset: int = 0) -> list[_Marker]:
    """The marker each match of :data:`patterns.MARKER` (or of the line-start pattern) found, in one loop.

    The markers are made with ``tuple.__new__``, half the cost of calling the named tuple's class.
    """
    readings, new = _MARKER_READINGS, tuple.__new__
    markers = []
    for match in matches:
        group = match.lastgroup  # the outer group of the alternative that matched
        kind, number, read, style = readings[group]
        start, end = match.span(group)
        markers.append(new(_Marker, (kind, read(match[number]), start + offset, end + offset, style)))
    return markers


def _task_style(candidates: list[_Marker], has_sections: bool) -> str | None:
    """The printed form of the part's task numbers: that of the first task under a section, else the first's."""
    seen_section = not has_sections
    first = None
    for c in candidates:
        if c.kind == "section":
            seen_section = True
        elif c.kind == "task":
            if seen_section:
                return c.style
            first = first or c.style
    return first


def _fits_midline(folded: str, c: _Marker, after_header: bool) -> bool:
    """Whether a marker inside a run-on line may open an item: after a sentence's end, a space or a header,
    or, for the first section, right after the document's title (``…实施方案一、总体要求``)."""
    before = folded[max(c.start - 1, 0) : c.start]
    if not before or before in patterns.MIDLINE_BEFORE or before.isspace():
        return True
    if c.kind == "section" and c.number == 1 and patterns.TITLE_END.search(folded, max(c.start - 6, 0), c.start):
        return True
    return after_header and not before.isdigit()


def _is_header_line(line: str) -> bool:
    match = patterns.MARKER.match(patterns.fold(line).strip())
    return bool(match and (match["section"] or match["subsection"]))


# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------
class _Table:
    """A task table: column positions found in its header row."""

    def __init__(self, no: int, task: int, units: list[tuple[int, str]], time: int | None,
                 headers: list[str] | None = None) -> None:
        self.no, self.task, self.units, self.time = no, task, units, time
        used = {no, task, time, *(i for i, _ in units)}
        #: Columns kept as ``extra`` text: every other column with a header.
        self.extra = [(i, h) for i, h in enumerate(headers or []) if i not in used and h]

    @classmethod
    def from_header(cls, line: str) -> _Table | None:
        cells = [patterns.fold(c).strip() for c in line.split("\t")]
        no = next((i for i, c in enumerate(cells) if patterns.TABLE_NO.match(c)), None)
        units = [(i, _unit_label(c)) for i, c in enumerate(cells)
                 if patterns.TABLE_UNIT.search(c) or patterns.TABLE_SUPPORT.search(c)]
        task = next((i for pattern in (patterns.TABLE_TASK, patterns.TABLE_MEASURES) for i, c in enumerate(cells)
                     if i != no and pattern.search(c) and i not in dict(units)), None)
        if task is None or not units:
            return None
        if no is None and (len(cells[task]) > 8 or any(len(c) > 8 for _, c in units)):
            return None  # (with no 序号 column, only a row of short headings is a header: not a task's row)
        time = next((i for i, c in enumerate(cells) if patterns.TABLE_TIME.search(c) and i not in dict(units)), None)
        return cls(no, task, units, time, [c.strip() for c in line.split("\t")])

    def first_number(self, lines: list[str], line_no: int) -> int | None:
        """The number of the first numbered row after the header at line `line_no` (looked for in the next
        five lines; None where the table has no 序号 column or no such row)."""
        if self.no is None:
            return None
        for line in lines[line_no : line_no + 5]:
            cells = line.split("\t")
            if len(cells) > self.no:
                number = patterns.fold(cells[self.no]).strip().rstrip(".．、")
                if number.isdigit():
                    return int(number)
        return None

    def row(self, line: str, line_no: int) -> list[Item]:
        cells = line.split("\t")

        def cell(i: int | None) -> str:
            return cells[i].strip() if i is not None and i < len(cells) else ""

        number = patterns.fold(cell(self.no)).strip().rstrip(".．、")
        filled = [c.strip() for c in cells if c.strip()]
        token, task_text = cell(self.no), cell(self.task)
        if self.no is None and (own := _numbered_task(task_text, any(cell(i) for i, _ in self.units))):
            # no 序号 column: the task cell starts with its own number (1.做好… , （一）做好… beside its units)
            number, token, task_text = own
        elif (decimal := _DECIMAL_NO.fullmatch(number)) is not None:
            number = decimal["task"]  # 1.2: task 2 of section 1 (its id S1.2 where the section rows say so)
        elif (header := _HEADER_NO.fullmatch(number)) is not None and task_text:
            # a section numbered in the 序号 cell alone (一 | 决策公开, （一） | 推进决策公开)
            kind = "subsection" if header["paren"] else "section"
            title = " ".join(c for k, c in enumerate(cells) if k != self.no and c.strip()).strip()
            return [Item(kind, patterns.cn_to_int(header["number"]), title, line_no, token, level="table")]
        if not number.isdigit():
            # a row that spans the table: a section or sub-section header, or a note
            text = " ".join(filled)
            match = patterns.MARKER.match(patterns.fold(text))
            if match and (match["section"] or match["subsection"]):
                marker = _candidate(match)
                return [Item(marker.kind, marker.number, text[match.end():].strip(), line_no, text[: match.end()],
                             level="table")]
            return [Item("text", None, text, line_no)] if text else []
        deadlines: list[str] = []
        if len(self.units) == 1:
            (i, label), = self.units
            unit_cell = _unit_lines(cell(i), deadlines)
            if patterns.CLAUSE_LABELS[label] != "responsible" and unit_cell \
                    and not patterns.ANY_LABEL.match(patterns.fold(unit_cell)):
                unit_cell = f"{label}：{unit_cell}"  # the one column of lead units: they lead
        else:
            unit_cell = "；".join(f"{label}：{_unit_lines(cell(i), deadlines)}" for i, label in self.units if cell(i))
        time_cell = cell(self.time).replace(patterns.CELL_LINE_BREAK, "\n") or "\n".join(deadlines) or None
        extra = "\n".join(f"{header}：{cell(i).replace(patterns.CELL_LINE_BREAK, '；')}"
                          for i, header in self.extra if cell(i)) or None
        task_text = task_text.replace(patterns.CELL_LINE_BREAK, "\n")
        return [Item("task", int(number), task_text, line_no, token,
                     unit_cell=unit_cell, time_cell=time_cell, level="table", extra=extra)]


#: A task table's 序号 that numbers a task within its section: ``1.2``, ``1．2``, ``1-2`` (folded).
_DECIMAL_NO = re.compile(r"\d{1,3}[.．\-－]\s*(?P<task>\d{1,3})")
#: A 序号 cell that numbers a section (``一``) or a sub-section (``（一）``) alone (folded).
_HEADER_NO = re.compile(rf"(?P<paren>（)?(?P<number>{patterns.CN_NUM})(?(paren)）)")


def _unit_label(header: str) -> str:
    """The label a unit column's cells are read under: its header where that is a clause label, else the
    label of the role it names (``牵头单位（部门）`` → 牵头单位, ``主要牵头单位`` → 牵头单位, ``协同配合单位`` → 配合单位),
    else 责任单位 (a header that names both roles, ``牵头单位及配合单位``, or neither).

    >>> _unit_label("牵头部门"), _unit_label("牵头单位（部门）"), _unit_label("配合单位（部门）"), _unit_label("责任单位（部门）")
    ('牵头部门', '牵头单位', '配合单位', '责任单位')
    >>> _unit_label("牵头单位及配合单位")
    '责任单位'
    """
    if header in patterns.CLAUSE_LABELS:
        return header
    lead, support = patterns.TABLE_LEAD.search(header), patterns.TABLE_SUPPORT.search(header)
    return "牵头单位" if lead and not support else ("配合单位" if support and not lead else "责任单位")


def _numbered_task(text: str, has_units: bool) -> tuple[str, str, str] | None:
    """The number, marker and text of a task cell that starts with its number, in a table with no 序号 column.

    An arabic number (``1.`` ``1、`` ``（1）`` ``①``) always; a ``（一）`` only beside units (without, it heads
    the rows below it).

    >>> _numbered_task("2.做好解读。", True), _numbered_task("（一）推进决策公开", False)
    (('2', '2.', '做好解读。'), None)
    """
    match = patterns.MARKER.match(patterns.fold(text))
    if match is None:
        return None
    marker = _candidate(match)
    if marker.kind != "task" and not (marker.kind == "subsection" and has_units):
        return None
    return str(marker.number), text[: match.end()], text[match.end() :].strip()


def _unit_lines(text: str, deadlines: list[str]) -> str:
    """A unit cell read line by line: one unit per line (joined with 、), deadline lines set apart.

    >>> found = []
    >>> _unit_lines("区发展改革委\u2028区住房城乡建设委\u20282024年底前", found), found
    ('区发展改革委、区住房城乡建设委', ['2024年底前'])
    """
    if patterns.CELL_LINE_BREAK not in text:
        return text
    units = []
    for line in text.split(patterns.CELL_LINE_BREAK):
        line = line.strip()
        if not line:
            continue
        if patterns.CELL_DEADLINE.match(patterns.fold(line)):
            deadlines.append(line)
        else:
            units.append(line.rstrip("、，；,;"))
    return "、".join(units)
