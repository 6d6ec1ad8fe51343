"""Responsibility clauses: find them in a task's body and read them with a small grammar.

A clause is a bracketed span at the end of a sentence or task
(``（财政局牵头，区政府相关部门和各街道办事处负责落实）``), a
``牵头单位：…／责任单位：…`` line, or a table cell.  It is read as *groups*
separated by ``，`` ``；`` (half-width ``,`` ``;`` fold to them), each group::

    [label：] units [open-list word] [modifier] [role verb]

* a label (``责任单位：``, ``牵头考核单位：`` …) gives the role of its group and
  of the unlabelled groups after it that have no role verb;
* a role verb (``牵头`` → lead; ``负责`` ``负责落实`` ``落实`` ``承办`` →
  responsible; ``配合`` ``协助`` ``参与`` → support) gives the role of its group;
* a modifier (``按职责分工``, ``分别``, ``共同``) sets the mode and is never
  part of a name; an open-list word (``等``, ``等部门`` …) sets ``open_ended``;
* a group that says when rather than who (``5月底完成``, ``持续推进``,
  ``2024年底前``) goes to the clause's ``time_limit``;
* units are joined by ``、`` (and by 和/及/与 where every part ends like a
  unit's name); a line break inside a table cell separates units too.  A name
  that holds a role word keeps it (``…工作专班牵头单位``), a collective whose
  areas are listed with ``、`` stays whole (``各省、自治区、直辖市人民政府``),
  and a name in 〔〕 or （） after a unit is its alias (``市交通委（市道运局）``).

The vocabularies are in :mod:`gongkai_analysis.patterns` (``CLAUSE_LABELS``,
``ROLE_VERBS``, ``CLAUSE_MODIFIERS``, ``OPEN_LIST_WORDS``), one place.  jieba
cannot match names with 〔〕、（） in them, so clauses are cut here, never with
the segmenter.  ``unit_raw`` and ``alias`` are sliced from the clause *as
printed*; folding (``[`` → ``〔``) is only for matching.

Examples
--------
>>> [(a.unit_raw, a.role, a.mode) for a in read_clause("财政局牵头，区政府相关部门和各街道办事处负责落实")]
[('财政局', 'lead', 'sole'), ('区政府相关部门', 'responsible', 'joint'), ('各街道办事处', 'responsible', 'joint')]
>>> [(a.unit_raw, a.name, a.alias) for a in read_clause("科委[知识产权局]负责落实")]
[('科委[知识产权局]', '科委', '知识产权局')]
>>> [(a.name, a.mode, a.open_ended) for a in read_clause("教委、卫计委等部门分别负责落实")]
[('教委', 'separate', True), ('卫计委', 'separate', True)]
>>> clause = parse_clause("5月底完成，牵头考核单位：市政府办公室、市公安局")
>>> clause.time_limit, [(a.name, a.role, a.mode) for a in clause.assignments]
('5月底完成', [('市政府办公室', 'lead', 'joint'), ('市公安局', 'lead', 'joint')])
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from .. import patterns

_LABELS = tuple(sorted(patterns.CLAUSE_LABELS, key=len, reverse=True))
#: Every word that may close a group after its units, by its last character, longest first
#: (one dict look-up instead of trying every word at the end of every group).
_TAIL_WORDS: dict[str, tuple[str, ...]] = {}
for _word in sorted({*patterns.ROLE_VERBS, *patterns.CLAUSE_MODIFIERS, *patterns.OPEN_LIST_WORDS,
                     *patterns.OVERSIGHT_VERBS},
                    key=len, reverse=True):
    _TAIL_WORDS[_word[-1]] = (*_TAIL_WORDS.get(_word[-1], ()), _word)
del _word
_OVERSIGHT = frozenset(patterns.OVERSIGHT_VERBS)
_FILLERS = tuple(sorted(patterns.LEADING_FILLERS, key=len, reverse=True))
_FILLER_STARTS = frozenset(w[0] for w in _FILLERS)
#: A run of modifiers and role verbs (``分别负责落实``), longest words first.
_VERB_RUN = re.compile(
    "(?:" + "|".join(sorted(patterns.CLAUSE_MODIFIERS, key=len, reverse=True)) + ")*"
    "(?:" + "|".join(sorted(patterns.ROLE_VERBS, key=len, reverse=True)) + ")+"
)
#: Words that make a role verb before them part of a name (``牵头单位``, ``配合部门``).
_NAME_WORDS = ("单位", "部门", "小组", "机构", "工作组", "专班")
_TRIM = " \t\n\u2028。、："
_ANY_BRACKET = re.compile(f"[{patterns.OPEN_BRACKETS}{patterns.CLOSE_BRACKETS}]")
_SEPARATORS = {seps: re.compile(f"[{seps}]") for seps in ("，；", "、")}
#: (及其, "and its", joins no two units: 各市、县人民政府及其部门 is one collective.)
_CONJUNCTION = re.compile(r"以及|会同|和|及(?!其)|与")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Assignment:
    """One unit named in a clause, with the role the clause gives it.

    ``unit_raw`` and ``alias`` are the document's own characters; ``name`` is
    the folded name without whitespace, the form that is looked up.

    Examples
    --------
    >>> a = Assignment("财政局", "财政局", None, "lead", "sole", False)
    >>> a.role, a.group
    ('lead', 1)
    """

    unit_raw: str
    name: str
    alias: str | None
    role: str
    mode: str
    open_ended: bool
    group: int = 1


@dataclass(frozen=True)
class Clause:
    """A clause read by the grammar.

    Attributes
    ----------
    assignments : tuple of Assignment
        Every unit in order, with its group number (1, 2 … in the clause).
    time_limit : str or None
        The time qualifiers of the clause as printed, joined by ``，``.
    doubts : tuple of str
        Parts of the clause that could not be read (a group naming no unit).

    Examples
    --------
    >>> clause = Clause((Assignment("财政局", "财政局", None, "responsible", "sole", False),))
    >>> clause.time_limit, clause.doubts, len(clause.assignments)
    (None, (), 1)
    """

    assignments: tuple[Assignment, ...]
    time_limit: str | None = None
    doubts: tuple[str, ...] = ()


class ClauseSpan(NamedTuple):
    """Where a clause sits in a task's body: ``body[start:end]`` including brackets.

    Examples
    --------
    >>> span = find_clauses("做好公开工作（财政局负责）")[0]
    >>> span
    ClauseSpan(start=6, end=13, content='财政局负责', closed=True)
    >>> "做好公开工作（财政局负责）"[span.start:span.end]
    '（财政局负责）'
    """

    start: int
    end: int
    content: str
    closed: bool = True


# --------------------------------------------------------------------------
# Finding clauses
# --------------------------------------------------------------------------
def find_clauses(folded: str) -> list[ClauseSpan]:
    """Return the top-level bracketed clauses in a folded task body.

    An opening bracket left unclosed at the end of the body counts as a clause
    when what follows it reads as one (a clause cut at the end of a file).

    Parameters
    ----------
    folded : str
        A task's body, folded (:func:`gongkai_analysis.patterns.fold`).

    Returns
    -------
    list of ClauseSpan

    Examples
    --------
    >>> [c.content for c in find_clauses("做好公开（明确主体）。（财政局负责落实）")]
    ['财政局负责落实']
    >>> find_clauses("做好公开（财政局负责落实")[0].closed
    False
    """
    if "（" not in folded:
        return []
    if ("〔" not in folded and "〕" not in folded) or _squares_pair_alone(folded):
        # the usual task: one pair of brackets, nothing nested; cut with two partitions and tested with
        # `in`, which cost a third of str.count and str.find (each a method call)
        before, _, rest = folded.partition("（")
        content, closing, after = rest.partition("）")
        if closing and "）" not in before:
            if "（" not in rest and "）" not in after:
                if not is_clause(content):
                    return []
                start = len(before)
                return [_new_tuple(ClauseSpan, (start, start + len(content) + 2, content, True))]
            spans = _find_flat_clauses(folded)  # several pairs, maybe one after the other
            if spans is not None:
                return spans
    return _find_nested_clauses(folded)


def find_bare_clauses(folded: str) -> list[ClauseSpan]:
    """Clauses that name units without a role verb or label: ``做好公开。（市财政局、市审计局）``.

    Many task lists print the responsible units in brackets with no verb, or
    a lead group followed by a bare one (``（市财政局牵头，市审计局）``).  Such
    a bracket is a clause only where it ends a task or a line
    (:data:`~gongkai_analysis.patterns.BARE_BRACKET_AT_END`), every group of it
    names units, says when or ends with a role verb, and it does not directly
    follow a unit's name (``报送市政府办公室（市政务服务局）`` is that office's
    other name).  Its bare groups are read as responsible, the role of a unit
    named with no verb (see :func:`parse_clause`).

    Parameters
    ----------
    folded : str
        A task's body or a whole text, folded.

    Returns
    -------
    list of ClauseSpan

    Examples
    --------
    >>> [c.content for c in find_bare_clauses("做好公开。（市财政局、市审计局）")]
    ['市财政局、市审计局']
    >>> find_bare_clauses("报送市政府办公室（市政务服务局）。"), find_bare_clauses("全面推进（以下简称市政务办）")
    ([], [])
    """
    spans = []
    for m in patterns.BARE_BRACKET_AT_END.finditer(folded):
        content = m["content"]
        if not patterns.is_bare_clause(content) or is_clause(content):
            continue
        before = folded[max(m.start() - 12, 0) : m.start()].rstrip()
        if before and patterns.UNIT_SUFFIX.search(before):
            continue  # right after a unit's name: its other name, not a clause
        spans.append(_new_tuple(ClauseSpan, (m.start(), m.end(), content, True)))
    return spans


def closing_clause(folded: str) -> int:
    """Where the one clause of the usual task body starts: a clause that closes the body, the only one.

    The answer of :func:`find_clauses` for the commonest body, reached without
    making its list: the start of the clause when ``find_clauses(folded)``
    finds one closed clause that ends the body, else -1 (any other body, with
    no clause, several, or text after it: ask :func:`find_clauses`).

    Parameters
    ----------
    folded : str
        A task's body, folded and stripped.

    Returns
    -------
    int

    Examples
    --------
    >>> closing_clause("做好公开。（财政局负责落实）"), closing_clause("做好（以下简称）公开。（财政局负责）")
    (5, -1)
    >>> closing_clause("做好公开。（财政局负责落实）。"), closing_clause("做好公开（以下简称）")
    (-1, -1)
    """
    # one （ and one ）, the ） last (searched in place: no copy of the body but the clause's content)
    last = len(folded) - 1
    if last < 1 or folded.find("）") != last:
        return -1
    start = folded.find("（")
    if start < 0 or folded.rfind("（") != start:
        return -1
    if ("〔" in folded or "〕" in folded) and not _squares_pair_alone(folded):
        return -1
    return start if is_clause(folded[start + 1 : last]) else -1


def _squares_pair_alone(folded: str) -> bool:
    """True when every ``〔`` closes at the next ``〕`` with no bracket between (``科委〔知识产权局〕``).

    Such a pair leaves the nesting of the round brackets as it was, so the
    round brackets can be paired as if it were plain text.
    """
    n_open = folded.count("〔")
    return n_open == folded.count("〕") == len(_LONE_SQUARE_PAIR.findall(folded))


_LONE_SQUARE_PAIR = re.compile("〔[^（）〔〕]*〕")


def _find_flat_clauses(folded: str) -> list[ClauseSpan] | None:
    """:func:`find_clauses` for a text whose round brackets never nest (``（…）…（…）``), else None.

    Each （ then closes at the next ）: one partition per pair, where balancing
    every bracket took a regular-expression match and a dozen steps per bracket.
    """
    pieces = folded.split("（")
    if "）" in pieces[0]:
        return None
    spans = []
    start = len(pieces[0])
    for piece in pieces[1:]:
        content, closing, after = piece.partition("）")
        if not closing or "）" in after:
            return None
        if is_clause(content):
            spans.append(_new_tuple(ClauseSpan, (start, start + len(content) + 2, content, True)))
        start += len(piece) + 1
    return spans


#: ``tuple.__new__``: makes a named tuple at half the cost of calling its class.
_new_tuple = tuple.__new__


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
    """True when bracket content (folded) reads as a responsibility clause.

    Parameters
    ----------
    content : str
        The text inside the brackets, folded (:func:`gongkai_analysis.patterns.fold`).

    Returns
    -------
    bool
        False for empty content, content over 200 characters or holding a full
        stop before its end; else whether it carries a clause's signature.

    Examples
    --------
    >>> is_clause("持续推进，牵头考核单位：市委网信办"), is_clause("以下简称“五公开”")
    (True, False)
    """
    # (a line break inside the brackets is where the line wrapped: 市财政局负\n责 reads 市财政局负责)
    content = content.replace("\n", "").strip() if "\n" in content else content.strip()
    if not 0 < len(content) <= 200 or "。" in content.rstrip("。") or content in patterns.ROLE_MARKERS:
        return False  # (a role word alone names no unit: 市财政局（牵头） marks the unit before it)
    return patterns.is_clause_content(content)


# --------------------------------------------------------------------------
# Reading a clause
# --------------------------------------------------------------------------
def read_clause(content: str) -> list[Assignment]:
    """The units of a clause in order (see :func:`parse_clause`).

    Parameters
    ----------
    content : str
        The clause without its brackets, as printed, or a table cell.

    Returns
    -------
    list of Assignment

    Examples
    --------
    >>> [(a.name, a.role) for a in read_clause("责任单位：省经济和信息化厅、省财政厅")]
    [('省经济和信息化厅', 'responsible'), ('省财政厅', 'responsible')]
    """
    return list(parse_clause(content).assignments)


@functools.lru_cache(maxsize=8192)
def parse_clause(content: str) -> Clause:
    """Read a clause with the grammar of this module; results are cached by text.

    Parameters
    ----------
    content : str
        The clause without its brackets, as printed (a line break in it is a
        wrap, and the clause reads on), or a table cell (whose lines, separated
        by U+2028, hold one unit or a deadline each).

    Returns
    -------
    Clause
        Its units with roles and modes, its time qualifiers and its doubts.

    Examples
    --------
    >>> c = parse_clause("责任单位：省通信管理局，省铁塔公司、各基础电信企业，各市人民政府")
    >>> [(a.name, a.role, a.mode, a.group) for a in c.assignments]  # doctest: +NORMALIZE_WHITESPACE
    [('省通信管理局', 'responsible', 'sole', 1), ('省铁塔公司', 'responsible', 'joint', 2),
     ('各基础电信企业', 'responsible', 'joint', 2), ('各市人民政府', 'responsible', 'sole', 3)]
    >>> [(a.name, a.mode) for a in parse_clause("责任单位：省发展改革委、省商务厅按职责分工").assignments]
    [('省发展改革委', 'separate'), ('省商务厅', 'separate')]
    >>> c = parse_clause("区发展改革委\\u2028区住房城乡建设委\\u20282017年底前")
    >>> [(a.unit_raw, a.mode) for a in c.assignments], c.time_limit
    ([('区发展改革委', 'joint'), ('区住房城乡建设委', 'joint')], '2017年底前')
    >>> parse_clause("牵头单位：").doubts
    ("'牵头单位：' names no unit",)
    """
    # a line break inside a bracketed clause is where the line wrapped (a PDF, a hard-wrapped text):
    # the clause reads on; only a table cell's own line break (U+2028) separates its lines
    raw = content.replace("\n", "") if "\n" in content else content
    folded = patterns.fold(raw)
    marked = _mark_line_breaks(folded) if any(c in folded for c in patterns.CLAUSE_LINE_BREAK) else folded
    assignments: list[Assignment] = []
    times: list[str] = []
    doubts: list[str] = []
    carried_role: str | None = None
    group_no = 0
    for a0, b0 in _split_at_labels(marked, _top_level_spans(marked, "，；", 0, len(marked))):
        a, b = _trim(marked, a0, b0, _TRIM[:-1])  # a label's colon may end the group
        if a >= b:
            continue
        label_role = None
        colon = marked.find("：", a, b)
        if colon > a:
            label_role = patterns.label_role(marked[a:colon].rstrip(" \t"))
            if label_role is not None:
                a, b = _trim(marked, colon + 1, b)
        if label_role is None:
            if patterns.LEADER_LABEL.match(marked, a, b):  # 责任领导：张三 — a person, not a unit (the clause keeps it)
                continue
            time_label = patterns.TIME_LABEL.match(marked[a:b])
            if time_label:
                value = raw[a + time_label.start("value") : b].strip()
                if value:
                    times.append(value)
                continue
            if patterns.is_time_group(marked[a:b]):
                times.append(raw[a:b].strip())
                continue
        else:
            carried_role = label_role
        if patterns.NO_UNIT.match(marked, a, b):  # 配合单位：无 (or / or —, or a table cell that says so): no unit
            continue
        for a, b in _split_at_inner_verbs(marked, a, b):
            group_no = _read_group(raw, folded, marked, a, b, carried_role, group_no, assignments, doubts,
                                   printed=raw[a0:b0].strip())
    return Clause(tuple(assignments), "，".join(times) or None, tuple(doubts))


def _split_at_inner_verbs(marked: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split a group where a role verb follows a unit's name and more units follow (``X牵头Y负责``), also
    past a space or a 、 (``X牵头 Y配合``, ``X牵头、Y配合``: groups printed without a comma).

    A verb that a name's own word follows (``…专班牵头单位``) is part of the name.

    >>> text = "财政局牵头 审计局配合"
    >>> [text[x:y] for x, y in _split_at_inner_verbs(text, 0, len(text))]
    ['财政局牵头', '审计局配合']
    """
    spans = []
    for verb in _VERB_RUN.finditer(marked, a, b):
        end = nxt = verb.end()
        while nxt < b and marked[nxt] in _GROUP_GAP:
            nxt += 1
        if nxt >= b or marked[nxt] in _TRIM or marked.startswith(_NAME_WORDS, nxt):
            continue
        if patterns.UNIT_SUFFIX.search(marked, a, verb.start()) is None:
            continue
        spans.append((a, end))
        a = nxt
    spans.append((a, b))
    return spans


#: What may part two groups of a clause printed without a comma: spaces, a 、.
_GROUP_GAP = " \t\u3000、"


def _read_group(raw: str, folded: str, marked: str, a: int, b: int, carried_role: str | None, group_no: int,
                assignments: list[Assignment], doubts: list[str], *, printed: str) -> int:
    """Read one group ``units [open-list word] [modifier] [role verb]``; return the new group count.

    The group's assignments are appended to `assignments`; a group that names no
    unit adds a doubt quoting `printed`, the group as printed.
    """
    mode = None
    if a < b and marked[a] in _FILLER_STARTS:
        for filler in _FILLERS:
            if marked.startswith(filler, a):
                mode = "separate" if filler.startswith("分别") else None
                a, b = _trim(marked, a + len(filler), b)
                break
    roles: set[str] = set()
    oversight = None  # an oversight verb among the group's words
    open_ended = False
    while a < b:
        word = None
        for candidate in _TAIL_WORDS.get(marked[b - 1], ()):
            if marked.endswith(candidate, a, b):
                word = candidate
                break
        if word is None:
            break
        if word in patterns.ROLE_VERBS:
            roles.add(patterns.ROLE_VERBS[word])
        elif word in _OVERSIGHT:
            oversight = word
        elif word in patterns.CLAUSE_MODIFIERS:
            mode = mode or patterns.CLAUSE_MODIFIERS[word]
        else:
            open_ended = True
        a, b = _trim(marked, a, b - len(word))
    names = _names(marked, a, b) if a < b else []
    if not names:
        doubts.append(f"{printed!r} names no unit")
        return group_no
    if oversight is not None:  # 市政府办公室督导: named, but as overseeing the task, which no role holds
        doubts.append(f"{printed!r} names units that oversee the task ({oversight}), a part the roles lead, "
                      "responsible and support do not hold: no row")
        return group_no
    for shared in patterns.SHARED_ENDING.finditer(marked, a, b):  # 市委、市政府督查室
        doubts.append(f"{shared.group()!r} may name {shared['party']}{shared['ending']} (an ending shared with "
                      f"{shared['government']}{shared['ending']}); read as {shared['party']} and "
                      f"{shared['government']}{shared['ending']}")
    group_no += 1
    if roles:
        role = "lead" if "lead" in roles else ("support" if "support" in roles else "responsible")
    else:
        role = carried_role or "responsible"
    read = []  # (unit as printed, name, alias, role) of each name
    for x, y in names:
        alias, unit_role = None, role
        unit_end = y
        match = patterns.ALIAS.match(marked[x:y])
        if match:
            unit_end = x + match.end("unit")
            marker = _SPACE.sub("", marked[x + match.start("alias") : x + match.end("alias")])
            marked_role = patterns.ROLE_VERBS.get(marker) or patterns.CLAUSE_LABELS.get(marker)
            if marked_role is not None:  # 市财政局（牵头）: the unit's role in brackets after its name, not an alias
                unit_role, y = marked_role, unit_end
            elif not patterns.NOT_A_UNIT_LIST.match(marker):
                alias = raw[x + match.start("alias") : x + match.end("alias")].strip()
            # (else a note on the unit's scope, 各区政府（含经开区）: no alias; the name as printed keeps it)
        name = _SPACE.sub("", folded[x:unit_end])
        read.append((raw[x:y].strip(), name, alias, unit_role))
    # the mode among the units of one role in the group (a unit marked 牵头 leads alone, the others share)
    per_role = {}
    for *_, unit_role in read:
        per_role[unit_role] = per_role.get(unit_role, 0) + 1
    for unit_raw, name, alias, unit_role in read:
        unit_mode = mode or ("sole" if per_role[unit_role] == 1 and not open_ended else "joint")
        assignments.append(Assignment(unit_raw, name, alias, unit_role, unit_mode, open_ended, group_no))
    return group_no


def _trim(text: str, a: int, b: int, chars: str = _TRIM) -> tuple[int, int]:
    while a < b and text[a] in chars:
        a += 1
    while b > a and text[b - 1] in chars:
        b -= 1
    return a, b


def _mark_line_breaks(folded: str) -> str:
    """Turn the line breaks of a cell into separators: ``；`` between groups, ``、`` between units.

    A line that starts with a label or says when is a group of its own, and so
    is the line after one that ends with a role verb; other lines are units of
    one list.  One character for one, so positions stay those of the clause.
    """
    lines = re.split(f"([{patterns.CLAUSE_LINE_BREAK}])", folded)
    out = [lines[0]]
    for k in range(1, len(lines), 2):
        before, line = lines[k - 1].strip(), lines[k + 1].strip()
        own_group = (patterns.UNIT_LABEL.match(line) or patterns.TIME_LABEL.match(line)
                     or patterns.is_time_group(line) or patterns.is_time_group(before)
                     or before.endswith(tuple(patterns.ROLE_VERBS)))
        out.append("；" if own_group else "、")
        out.append(lines[k + 1])
    return "".join(out)


def _top_level_spans(text: str, separators: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` between separators outside brackets."""
    if _ANY_BRACKET.search(text, start, end) is None:
        spans, a = [], start
        for m in _SEPARATORS[separators].finditer(text, start, end):
            spans.append((a, m.start()))
            a = m.end()
        spans.append((a, end))
        return spans
    spans, depth, a = [], 0, start
    for pos in range(start, end):
        ch = text[pos]
        if ch in patterns.OPEN_BRACKETS:
            depth += 1
        elif ch in patterns.CLOSE_BRACKETS:
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in separators:
            spans.append((a, pos))
            a = pos + 1
    spans.append((a, end))
    return spans


def _split_at_labels(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` (groups of a clause) cut again where a label opens inside one: ``牵头单位：X 配合单位：Y``,
    ``责任单位：X 完成时限：Y``.

    A clause printed over two lines, or with a space between its groups, has
    no separator before its second label; the label (of units or of a
    deadline) still opens a group.

    >>> text = "牵头单位：财政局 配合单位：审计局 完成时限：年底"
    >>> [text[a:b] for a, b in _split_at_labels(text, [(0, len(text))])]
    ['牵头单位：财政局 ', '配合单位：审计局 ', '完成时限：年底']
    """
    if "：" not in text:
        return spans
    cut = []
    for a, b in spans:
        for label in patterns.ANY_LABEL.finditer(text, a, b):
            if text[a : label.start()].strip():
                cut.append((a, label.start()))
                a = label.start()
        cut.append((a, b))
    return cut


def _names(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the unit names in ``folded[start:end]``, split at 、 and conjunctions."""
    pieces = [_trim(folded, a, b) for a, b in _top_level_spans(folded, "、", start, end)]
    pieces = [(a, b) for a, b in pieces if a < b]
    joined: list[tuple[int, int]] = []
    after_area = False
    for a, b in pieces:  # 各省、自治区、直辖市人民政府: area pieces stay with what follows them
        piece = folded[a:b]
        area = patterns.AREA_PIECE.match(piece) is not None
        if after_area and (area or patterns.AREA_COLLECTIVE.match(piece) is not None):
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
        after_area = area
    names: list[tuple[int, int]] = []
    for a, b in joined:
        names.extend(_split_conjunctions_at(folded, a, b))
    return names


def split_units(text: str) -> list[str]:
    """Split a list of unit names at 、，； and, where both sides are names, at 和/及/与.

    Parameters
    ----------
    text : str
        Unit names (folded).

    Returns
    -------
    list of str

    Examples
    --------
    >>> split_units("区政府各部门和各街道办事处")
    ['区政府各部门', '各街道办事处']
    >>> split_units("人力资源和社会保障局、城管执法局〔拆违办〕")
    ['人力资源和社会保障局', '城管执法局〔拆违办〕']
    >>> split_units("各省、自治区、直辖市人民政府")
    ['各省、自治区、直辖市人民政府']
    """
    names = []
    for a, b in _top_level_spans(text, "，；", 0, len(text)):
        names.extend(text[x:y].strip() for x, y in _names(text, a, b))
    return [n for n in names if n]


def _split_conjunctions_at(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split at 和/及/与/以及/会同 where the words before it end like a unit's name, and so do the last ones.

    A conjunction inside a name (人力资源和社会保障局, 工业和信息化局) has no unit's
    ending before it and stays; one between names does:
    ``市工业和信息化局和市文化和旅游局`` is two units, cut at its second 和 only.

    >>> [(a, b) for a, b in _split_conjunctions_at("工业和信息化局和文化和旅游局", 0, 14)]
    [(0, 7), (8, 14)]
    >>> _split_conjunctions_at("人力资源和社会保障局", 0, 10), _split_conjunctions_at("财政局和有关情况", 0, 8)
    ([(0, 10)], [(0, 8)])
    """
    if _CONJUNCTION.search(folded, start, end) is None:
        return [(start, end)]
    piece = folded[start:end]
    bare = re.sub(r"[〔（][^〔〕（）]*[〕）]", lambda m: "〔" + "_" * (len(m.group()) - 2) + "〕", piece)
    parts, a = [], 0
    for cut in _CONJUNCTION.finditer(bare):
        if _ends_like_unit(bare[a : cut.start()]):
            parts.append((a, cut.start()))
            a = cut.end()
    parts.append((a, len(piece)))
    while len(parts) > 1 and not _ends_like_unit(bare[parts[-1][0] : parts[-1][1]]):
        parts[-2:] = [(parts[-2][0], parts[-1][1])]  # what follows the last cut names no unit: no cut there
    if len(parts) == 1:
        return [(start, end)]
    return [_trim(folded, start + x, start + y) for x, y in parts]


def _ends_like_unit(bare: str) -> bool:
    """Whether a piece of a unit list (its aliases blanked, see :func:`_split_conjunctions_at`) ends like a name."""
    bare = re.sub(r"〔_*〕$", "", bare)
    return bool(bare) and patterns.UNIT_SUFFIX.search(bare) is not None


# --------------------------------------------------------------------------
# Doubts about a name
# --------------------------------------------------------------------------
#: Marks a unit's name never holds: a sentence's end, a closing square bracket (as printed).
_SENTENCE_MARK = re.compile(r"[。！？!?】］\]]")
#: Aliases or notes in brackets at the end of a name (``市大数据局〔市政务服务局〕``, ``各县（市、区）``).
_TRAILING_ALIASES = re.compile(r"(?:[（〔][^（）〔〕]*[）〕])+$")


@functools.lru_cache(maxsize=8192)
def suspect_reasons(unit_raw: str) -> tuple[str, ...]:
    """Why a unit's name as printed looks misread (empty when it looks right).

    A name should hold no whitespace, role verb, modifier, label or time word,
    and be at most :data:`~gongkai_analysis.patterns.MAX_UNIT_NAME` characters.
    A name that *ends* with a label (``…工作专班牵头单位``) or holds ``成员单位``
    names a unit and is not suspect.

    Parameters
    ----------
    unit_raw : str
        A unit's name as printed.

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> suspect_reasons("省商务厅按职责分工")
    ("holds '按职责分工'",)
    >>> suspect_reasons("各街道办\\n事处"), suspect_reasons("省推进工作专班牵头单位")
    (('holds whitespace',), ())
    >>> suspect_reasons("市审计局】。做好B项工作"), suspect_reasons("科委[知识产权局]")
    (("holds '】'",), ())
    >>> suspect_reasons("市财政局相关工作"), suspect_reasons("各旗县区"), suspect_reasons("市妇联")
    (("does not end as a unit's name does",), (), ())
    >>> suspect_reasons("要求各区政府"), suspect_reasons("和平区政府")
    (("starts with '要求'",), ())
    """
    reasons = []
    if _SPACE.search(unit_raw):
        reasons.append("holds whitespace")
    text = _SPACE.sub("", patterns.fold(unit_raw)).replace("成员单位", "")
    for label in _LABELS:
        if text.endswith(label) and len(text) > len(label):
            text = text[: -len(label)]
            break
    word = patterns.SUSPECT_WORD.search(text)
    if word:
        reasons.append(f"holds {word.group()!r}")
    start = patterns.NAME_START.match(text)
    if start:
        reasons.append(f"starts with {start.group()!r}")
    supervision = patterns.SUPERVISION_END.search(text)
    if supervision:
        reasons.append(f"ends with {supervision.group()!r}")
    mark = _SENTENCE_MARK.search(unit_raw)
    if mark and (mark.group() in "。！？!?" or not any(c in unit_raw[: mark.start()] for c in "【［[")):
        # a sentence's end, or a square bracket that closes nothing in the name: text read into it
        reasons.append(f"holds {mark.group()!r}")
    if len(unit_raw) > patterns.MAX_UNIT_NAME:
        reasons.append(f"is longer than {patterns.MAX_UNIT_NAME} characters")
    if not reasons and patterns.NAME_END.search(_TRAILING_ALIASES.sub("", text)) is None:
        reasons.append("does not end as a unit's name does")  # (words read into it: 市财政局相关工作)
    return tuple(reasons)
