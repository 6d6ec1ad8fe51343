"""Clean text to rows: metadata, sections, tasks and responsibilities of one document.

The metadata and sections are plain dicts; the tasks and responsibilities are
kept as columns (:class:`gongkai_analysis.schema.Rows`, a tuple per column,
read row by row as mappings), cheap to pickle and to stack.
:mod:`gongkai_analysis.schema` makes them into tables and
:mod:`gongkai_analysis.document` wraps the tables.

Examples
--------
>>> rows = parse_rows("一、公开\\n1.做好A。(甲局牵头,乙局负责落实)\\n2.做好B。\\n")
>>> [(r["task_id"], r["clause"]) for r in rows.tasks]
[('1', '(甲局牵头,乙局负责落实)'), ('2', None)]
>>> [(r["unit"], r["role"]) for r in rows.responsibilities]
[('甲局', 'lead'), ('乙局', 'responsible')]
"""

from __future__ import annotations

import functools
import itertools
import logging
import operator
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import clauses
from .. import config
from .. import patterns
from .. import schema
from .departments import Registry, load_registry
from .metadata import document_place, read_metadata
from ..errors import ParseError
from ..reading.files import SourceText, read_bytes, read_path, to_simplified
from .structure import Item, scan

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------
@dataclass
class Parsed:
    """One document's rows, before they become DataFrames (cheap to pickle and stack).

    The parser keeps the tasks and responsibilities as columns
    (:class:`~gongkai_analysis.schema.Rows`: read row by row they give read-only mappings);
    lists of row dicts are taken too.

    Examples
    --------
    >>> parsed = Parsed(meta={"doc_id": "d"}, sections=[], tasks=[], responsibilities=[])
    >>> parsed.text, parsed.warnings
    ('', [])
    """

    meta: dict
    sections: list[dict]
    tasks: schema.Rows | list[dict]
    responsibilities: schema.Rows | list[dict]
    text: str = ""
    warnings: list[str] = field(default_factory=list)


def parse_rows(
    source: str | os.PathLike[str] | SourceText,
    *,
    doc_id: str | None = None,
    registry: Registry | None = None,
    segmenter=None,
    strict: bool = True,
) -> Parsed:
    """Parse one document into rows (no DataFrames); tokens and keywords when a segmenter is given.

    Parameters
    ----------
    source : path, str or SourceText
        A path is read from disk; any other string is the document's text.
    doc_id : str, optional
        Identifier of the document in every row (the file's stem by default).
    registry : Registry, optional
        Department registry (the bundled one by default).
    segmenter : Segmenter, optional
        Fill ``tokens`` and ``keywords`` of every task.
    strict : bool, default True
        Raise on skipped or repeated task numbers and on clauses that landed
        nowhere; when false, record warnings instead.

    Returns
    -------
    Parsed
        The rows of the four tables, the clean text and the warnings.

    Raises
    ------
    ParseError
        Empty, binary or undecodable input, or a text with no tasks.

    Examples
    --------
    >>> parsed = parse_rows("2024年政务公开工作要点\\n一、总体\\n1.做好公开工作。（区政务公开办负责）\\n"
    ...                     "2.加强解读。（区政务公开办负责）\\n", doc_id="d")
    >>> [(row["task_id"], row["text"], row["section_title"]) for row in parsed.tasks]
    [('1', '做好公开工作。', '总体'), ('2', '加强解读。', '总体')]
    >>> [(row["unit"], row["unit_raw"], row["role"]) for row in parsed.responsibilities]
    [('政务公开办', '区政务公开办', 'responsible'), ('政务公开办', '区政务公开办', 'responsible')]
    >>> parsed.warnings
    ['line 3: unknown unit 政务公开办 (not in the registry) in tasks 1, 2']
    """
    src = to_simplified(_as_source(source))
    registry = registry or load_registry()
    parsed = _Builder(src, doc_id or _default_doc_id(src), registry, strict).build()
    if segmenter is not None:
        columns = parsed.tasks.columns
        columns["tokens"] = tuple(segmenter.tokens_many([text or "" for text in columns["text"]]))
        columns["keywords"] = tuple(segmenter.keywords(words) for words in columns["tokens"])
    return parsed


def _as_source(source) -> SourceText:
    if isinstance(source, SourceText):
        return source
    if isinstance(source, os.PathLike):
        return read_path(source)
    if isinstance(source, bytes):
        return read_bytes(source)
    if not isinstance(source, str):
        raise TypeError(f"expected a path or a text, got {type(source).__name__}")
    if "\n" not in source and len(source) < 260:
        try:
            is_path = Path(source).exists() or Path(source).suffix.lower() in config.SUFFIXES
        except (OSError, ValueError):  # too long for a file name, or a NUL in it: a text
            is_path = False
        if is_path:
            return read_path(source)
    return SourceText.from_text(source)


def _default_doc_id(src: SourceText) -> str:
    """The file's stem (as :attr:`pathlib.PurePath.stem` gives it), or ``text-<digest>`` for a text.

    >>> _default_doc_id(SourceText("", "plans/2017/a.b.txt")), _default_doc_id(SourceText("", "plans/.txt"))
    ('a.b', '.txt')
    """
    if src.source.startswith("<"):
        return f"text-{src.digest}"
    # (os.path, not Path: a tenth of the time, once per document)
    name = os.path.basename(os.path.normpath(src.source))
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


# --------------------------------------------------------------------------
# Building the tables
# --------------------------------------------------------------------------
class _Builder:
    def __init__(self, src: SourceText, doc_id: str, registry: Registry, strict: bool) -> None:
        self.src, self.doc_id, self.registry, self.strict = src, doc_id, registry, strict
        self.warnings: list[str] = []
        #: unknown unit → task ids naming it; suspect unit names (as printed)
        self.unknown_units: dict[str, list[str]] = {}
        self.suspect_units: set[str] = set()
        self.unit_lines: dict[str, int] = {}
        #: tasks that took the clause of the header above them
        self.n_inherited = 0
        #: the named levels of the document's place, with their level (``("包头市", "市")``), where the
        #: registry is another place's: a unit named with them is read as with its level alone
        self.place_levels: list[tuple[str, str]] = []
        self.original_lines = src.original.split("\n") if src.original is not None else []
        #: whether warnings are logged: asked once per document, not once per warning
        self.log_warnings = log.isEnabledFor(logging.INFO)

    def warn(self, message: str, line: int | None = None) -> None:
        where = f"line {line}: " if line is not None else ""
        self.warnings.append(where + message)
        if self.log_warnings:
            log.info("%s: %s%s", self.src.source, where, message)

    def fail_or_warn(self, message: str, line: int | None) -> None:
        if self.strict:
            raise ParseError(message, source=self.src.source, line=line)
        self.warn(message, line)

    def build(self) -> Parsed:
        # the text is folded once here and shared by the scan and the clause count (two whole-text passes before)
        for doubt in self.src.doubts:  # what the reader could not read, or overruled
            self.warn(doubt)
        self.folded = patterns.fold(self.src.text)
        items = scan(self.src.text, folded=self.folded)
        tasks, sections, preamble, loose = self._walk(items)
        if not any(t.task_kind != "box" for t in tasks):
            first = next((i.line for i in items if i.body.strip()), None)
            raise ParseError("no numbered tasks found (expected lines such as '1.…' under '一、…')",
                             source=self.src.source, line=first)
        info = read_metadata([i.body for i in preamble], self.src.meta)
        place = document_place(info)
        if not self.registry.applies_to(place):
            self.warn(f"the document is from {place} and the registry is {'、'.join(self.registry.places)}'s: "
                      "its units are kept as printed, none is taken for a unit of the registry (known = False)")
            self.registry = self.registry.foreign()
            self.place_levels = [(m["name"] + m["level"], m["level"]) for m in patterns.PLACE_LEVEL.finditer(place)]
        groups = _numbering_groups(tasks)
        restarts = {key: _numbers_restart(group) for key, group in groups.items()}
        self._check_numbers(groups, restarts, sections)
        n_parts = max(tasks[-1].part, sections[-1]["part"] if sections else 1)  # parts only ever grow
        task_rows, resp_rows, closing = self._rows(tasks, n_parts, restarts)
        if place is None and self.registry.places:
            self._warn_no_place(resp_rows)
        self._warn_unknown_units()
        closing = [*loose, *closing]
        intros = [Item("text", None, s["intro"], s["line"]) for s in sections if s["intro"]]
        boxes = [Item("text", None, t.body, t.line) for t in tasks if t.task_kind == "box"]
        self._check_clauses(task_rows, closing + preamble + intros + boxes,
                            n_headers=sum(1 for s in sections if s.get("clause")))
        meta = self._meta(info, closing, task_rows, resp_rows, sections)
        meta["n_parts"] = n_parts
        levels = [t.level for t in tasks if t.task_kind != "box" and t.level]
        meta["task_level"] = "+".join(dict.fromkeys(levels)) or None
        if n_parts > 1:  # the first part's title is the document's
            sections.insert(0, {"level": "part", "number": 1, "title": meta["title"], "line": tasks[0].line,
                                "framing": False, "intro": "", "part": 1})
        else:
            for section in sections:
                section["part"] = None
        return Parsed(meta, schema.section_rows(sections, self.doc_id), task_rows, resp_rows,
                      self.src.text, self.warnings)

    # -- structure ---------------------------------------------------------
    def _walk(self, items: list[Item]):
        """Gather tasks, headers, preamble and closing text from the scanned items.

        Loose paragraphs after a task are held back: a later task in the same
        part makes them a continuation of the task before them (with a
        warning); a new part or the end of the text makes them closing text.
        """
        tasks: list[Item] = []  # the scan's task items, each told where it stands
        sections: list[dict] = []
        preamble: list[Item] = []
        closing: list[Item] = []
        pending: list[Item] = []
        no_header = (None, None)  # (number, title) of the section and sub-section a task stands under
        section_clause = subsection_clause = None  # the clauses that end their titles
        section = subsection = no_header
        part = 1

        def settle_pending(into_task: bool) -> None:
            for held in pending:
                if into_task:
                    owner = tasks[-1]
                    owner.body += "\n" + held.body
                    owner.folded = None
                    self.warn(f"paragraph without a number joined to task {owner.number}", held.line)
                else:
                    closing.append(held)
            pending.clear()

        for item in items:
            kind = item.kind
            if kind == "task":  # (the commonest kind first)
                if pending:
                    settle_pending(bool(tasks) and tasks[-1].part == part and item.task_kind != "box")
                if item.scoped and subsection is not no_header:  # a （二） task ends the （一） header before it
                    subsection, subsection_clause = no_header, None
                item.part = part
                item.section_no, item.section_title = section
                item.subsection_no, item.subsection_title = subsection
                if section_clause is not None or subsection_clause is not None:
                    item.header_clause = subsection_clause or section_clause
                tasks.append(item)
            elif kind == "part":
                settle_pending(False)
                part = item.number
                section = subsection = no_header
                section_clause = subsection_clause = None
                sections.append({"level": "part", "number": part, "title": item.body, "line": item.line,
                                 "framing": False, "intro": "", "part": part})
            elif kind == "division":  # 第二部分 …: above sections, which may number afresh under it
                settle_pending(False)
                section = subsection = no_header
                section_clause = subsection_clause = None
                sections.append({"level": "division", "number": item.number, "title": item.body, "line": item.line,
                                 "framing": item.framing, "intro": "", "part": part})
            elif kind == "section":
                title, section_clause = _title_and_clause(item.body)
                section, subsection, subsection_clause = (item.number, title), no_header, None
                sections.append({"level": "section", "number": item.number, "title": title, "clause": section_clause,
                                 "line": item.line, "framing": item.framing, "intro": "", "part": part})
            elif kind == "subsection":
                title, subsection_clause = _title_and_clause(item.body)
                subsection = (item.number, title)
                sections.append({"level": "subsection", "number": item.number, "title": title,
                                 "clause": subsection_clause, "line": item.line, "framing": item.framing, "intro": "",
                                 "section_no": section[0], "part": part})
            elif not tasks and not sections:
                preamble.append(item)
            elif tasks and tasks[-1].part == part and tasks[-1].task_kind != "box" \
                    and (not sections or sections[-1]["line"] < tasks[-1].line) and not item.framing:
                if _is_label_line(item.body) and not pending:
                    tasks[-1].body += "\n" + item.body
                    tasks[-1].folded = None
                else:
                    pending.append(item)
            elif tasks and tasks[-1].task_kind == "box" and (not sections or sections[-1]["line"] < tasks[-1].line):
                pending.append(item)
            else:
                sections[-1]["intro"] = "\n".join(filter(None, [sections[-1]["intro"], item.body]))
        settle_pending(False)
        return tasks, sections, preamble, closing

    def _check_numbers(self, groups: dict[tuple, list[Item]], restarts: dict[tuple, bool],
                       sections: list[dict]) -> None:
        """Task numbers run 1..N in each part and kind of numbering (per section where they restart)."""
        for key, group in groups.items():
            if group[0].task_kind == "box":
                continue
            if group[0].scoped and (key[0], "task", False) in groups:  # （一） tasks among arabic ones
                self._check_paren_numbers(group, sections)
                continue
            restart = group[0].scoped or restarts[key]
            if [t.number for t in group] == list(range(1, len(group) + 1)) and not restarts[key]:
                # one sequence without a gap (the usual plan; also （一） tasks numbered on across sections)
                continue
            previous: dict[tuple, int] = {}
            for task in group:
                scope = (task.section_no, task.subsection_no if not task.scoped else None) if restart else ()
                expected = previous.get(scope, 0) + 1
                if task.number != expected:
                    what = "repeats" if task.number < expected else "skips"
                    self.fail_or_warn(f"task number {task.number} {what} the sequence (expected {expected})",
                                      task.line)
                previous[scope] = task.number

    def _check_paren_numbers(self, group: list[Item], sections: list[dict]) -> None:
        """``（一）`` tasks among arabic ones share their numbers with the ``（一）`` headers: each follows the
        item of that level before it, in its section (numbers that restart) or in the part (numbers that run on).

        (（一） a header over arabic tasks, （二） a task with its clause: the header's number is no gap.)
        """
        items = sorted([(s["line"], 0, s["part"], s.get("section_no"), s["number"], None)
                        for s in sections if s["level"] == "subsection"]
                       + [(t.line, 1, t.part, t.section_no, t.number, t) for t in group], key=lambda i: i[:2])
        in_part: dict[int, int] = {}
        in_section: dict[tuple, int] = {}
        for _, _, part, section_no, number, task in items:
            if task is not None:
                allowed = sorted({in_section.get((part, section_no), 0) + 1, in_part.get(part, 0) + 1})
                if number not in allowed:
                    what = "repeats" if number < allowed[0] else "skips"
                    self.fail_or_warn(f"task number {number} {what} the sequence (expected "
                                      f"{' or '.join(map(str, allowed))})", task.line)
            in_part[part] = in_section[(part, section_no)] = number

    # -- rows --------------------------------------------------------------
    def _rows(self, tasks: list[Item], n_parts: int, restarts: dict[tuple, bool]):
        """The tasks' and responsibilities' rows (as columns, see :class:`~gongkai_analysis.schema.Rows`),
        and the closing text found after the last task of each part."""
        rows: list[tuple] = []  # one tuple per task row, the cells in the order of TASK_COLUMNS
        unit_ids: list[str] = []  # per unit named: its task row's id, and its cells (see _clause_units)
        unit_rows: list[tuple] = []
        any_clause = False
        closing: list[Item] = []
        used_ids: set[str] = set()
        if n_parts == 1:  # one part: its last task, looked for from the end
            last = next((i for i in range(len(tasks) - 1, -1, -1) if tasks[i].task_kind in ("task", "paragraph")),
                        None)
            last_of_part = {} if last is None else {1: last}
        else:
            last_of_part = {t.part: i for i, t in enumerate(tasks) if t.task_kind in ("task", "paragraph")}
        # ids are the printed numbers (not where some are （一） items among arabic tasks: S1.2 names those)
        plain = n_parts == 1 and not any(restarts.values()) \
            and not any(scoped and (part, "task", False) in restarts for part, _, scoped in restarts)
        cursor = 0  # where the previous task's body was found in the text (for text_original)
        doc_id, has_original = self.doc_id, self.src.original is not None
        last_indexes = set(last_of_part.values())
        registry, unknown_units, unit_lines = self.registry, self.unknown_units, self.unit_lines
        number_ids = _number_ids()
        for index, task in enumerate(tasks):
            number, kind, line = task.number, task.task_kind, task.line
            if plain and kind != "box":
                base_id = number_ids[number] if number < 1000 else str(number)
            else:
                base_id = task_id(number, part=task.part if n_parts > 1 else None, kind=kind,
                                  section_no=task.section_no, subsection_no=task.subsection_no,
                                  scoped=task.scoped, restart=restarts[_numbering_key(task)])
            if base_id in used_ids:  # a repeated number (kept with a warning when lenient)
                base_id = next(f"{base_id}#{k}" for k in range(2, len(tasks) + 2) if f"{base_id}#{k}" not in used_ids)
            used_ids.add(base_id)
            parts = _split_body(task)
            original = None
            if has_original:
                original, cursor = self._original_of(task, cursor)
            if index in last_indexes:  # the last task of its part
                if len(parts) > 1 and parts[-1][1] is None:
                    tail = parts[-1][0]
                    if parts[-2][0].endswith(_SENTENCE_ENDS) or _tail_on_its_own_line(task.body, parts[-2][1], tail):
                        # the paragraphs or sentences after the last clause of the part's last task, where that
                        # clause ends a sentence, close the document (a run-on line, a PDF line joined to the next)
                        parts.pop()
                        closing.append(Item("text", None, tail, line))
                    elif "\n" in tail:
                        # the text after a clause that stands mid-sentence (推进X，（甲局牵头）做好Y。) stays the
                        # task's, a piece of its own; the paragraphs after it close the document
                        own, _, rest = tail.partition("\n")
                        parts[-1] = (own.strip(), *parts[-1][1:])
                        closing.append(Item("text", None, rest.strip(),
                                            line + 1 + task.body[: task.body.rfind(own)].count("\n")))
                elif not any_clause and parts[0][1] is None and "\n" in parts[0][0]:
                    # a plan with no clauses at all: the paragraphs after the last task close the plan
                    first, _, rest = parts[0][0].partition("\n")
                    parts = [(first.strip(), None, None, parts[0][3], True)]
                    closing.append(Item("text", None, rest.strip(), line + 1))
            if task.header_clause is not None and len(parts) == 1 and parts[0][2] is None \
                    and kind in ("task", "paragraph"):
                # no clause of its own under a header whose title ends with one: the header's clause
                clause = task.header_clause
                parts = [(parts[0][0], clause, clause[1:-1], parts[0][3], True)]
                self.n_inherited += 1
            pieces = len(parts) > 1
            part_no = task.part if n_parts > 1 else None
            for k, (text, clause, content, time_limit, closed) in enumerate(parts, start=1):
                row_id = base_id + _piece_letter(k) if pieces else base_id
                if content is not None:
                    # the responsibility rows of the clause (read once per clause and registry)
                    units, repeated, doubts, clause_time, suspects, unknown, named = _clause_units(content, registry)
                    if named and self.place_levels:  # 包头市财政局 in a plan of 包头市: the unit 财政局
                        units, unknown, twice = self._without_place(units)
                        repeated = (*repeated, *twice)
                    if time_limit is None:  # a time qualifier inside the clause: 5月底完成，牵头…
                        time_limit = clause_time
                rows.append((doc_id, row_id, len(rows) + 1, number, part_no, task.section_no, task.section_title,
                             task.subsection_no, task.subsection_title, text, clause, time_limit, line, original,
                             kind, task.extra, k if pieces else None))
                if not closed:
                    self.warn(f"task {row_id}: its clause has no closing bracket (read up to the end)", line)
                if pieces and not text:
                    self.warn(f"task {row_id}: a clause with no text before it (the task's clauses may stand before "
                              "their text: read each piece's clause against the text beside it)", line)
                any_clause = any_clause or clause is not None
                if content is None:
                    continue
                if not units or repeated or doubts or suspects:
                    self._clause_warnings(row_id, content, line, units, repeated, doubts, suspects)
                for unit in unknown:  # (no new list per unit and task, as setdefault would make)
                    task_ids = unknown_units.get(unit)
                    if task_ids is None:
                        unknown_units[unit] = [row_id]
                        unit_lines[unit] = line
                    else:
                        task_ids.append(row_id)
                if units:  # the clause's rows, cached with the clause
                    unit_rows.extend(units)
                    unit_ids.extend(itertools.repeat(row_id, len(units)))
        return _task_columns(rows), _responsibility_columns(doc_id, unit_ids, unit_rows), closing

    def _without_place(self, units: tuple) -> tuple[tuple, tuple, list]:
        """A clause's rows with the document's own place read off its units' names (``包头市财政局`` in a
        plan of 包头市 is the unit 财政局, as ``市财政局`` is); the unit as printed keeps it.

        Returns the rows (a unit named twice so, once per role), the unknown units among them and the
        (unit, role) pairs so named twice (reported as any unit named twice is).
        """
        rows, seen, twice = [], set(), []
        for row in units:
            name, level = row[0], None
            above = patterns.PLACE_LEVEL.match(name)  # a level above the place's own: 内蒙古自治区 in a plan of 包头市
            if above and any(name.startswith(piece, above.end()) for piece, _ in self.place_levels):
                name = name[above.end():]
            for piece, piece_level in self.place_levels:  # 北京市东城区财政局: each level in turn
                if name.startswith(piece) and len(name) > len(piece):
                    name, level = name[len(piece):], piece_level
            if level is not None:
                match = self.registry.lookup(level + name)
                row = (match.unit, *row[1:5], match.collective, row[6], match.known, match.category, match.function)
            if (row[0], row[3]) in seen:
                twice.append((row[0], row[3]))
                continue
            seen.add((row[0], row[3]))
            rows.append(row)
        return tuple(rows), tuple(row[0] for row in rows if not row[7]), twice

    def _original_of(self, task: Item, cursor: int) -> tuple[str, int]:
        """The task's wording before conversion from traditional characters, and where it was found.

        Where conversion kept the text's length (character for character, as
        OpenCC's ``t2s`` almost always does), the task's own span is cut out of
        the original, found from where the previous task was (linear over the
        document, and never a whole run-on line per task); else its lines.
        """
        text, original = self.src.text, self.src.original
        if len(text) == len(original) and task.body:
            at = text.find(task.body, cursor)
            if at >= 0:
                start = text.rfind(task.marker, max(cursor, at - len(task.marker) - 8), at) if task.marker else -1
                start = at if start < 0 else start  # with the marker as printed, as a line would have it
                return original[start : at + len(task.body)], at + len(task.body)
        first = task.line - 1
        return "\n".join(self.original_lines[first : first + task.body.count("\n") + 1]), cursor

    def _clause_warnings(self, task_id: str, content: str, line: int, units, repeated, doubts, suspects) -> None:
        """Warn about a clause read in part, a unit named twice, a suspect unit name."""
        if not units and not repeated and not doubts:
            self.warn(f"task {task_id}: clause names no unit: {content!r}", line)
        elif doubts:
            self.warn(f"task {task_id}: clause read in part: " + "; ".join(doubts), line)
        for unit, role in repeated:
            self.warn(f"task {task_id}: {unit} named twice as {role}", line)
        for unit_raw, reasons in suspects:
            self.suspect_units.add(unit_raw)
            self.warn(f"task {task_id}: suspect unit name {unit_raw!r} ({', '.join(reasons)})", line)

    def _warn_no_place(self, resp_rows: schema.Rows) -> None:
        """Say that a plan which names no place had its units taken for the registry's, by name alone.

        A plan whose title, notice title and issuer name no place (``2017年…``,
        ``某区…``) may be from anywhere: its 财政局 is taken for the registry's
        财政局 only because the names agree.  Where that made a unit known, one
        warning says so, so that a plan from elsewhere is not silently counted
        among the registry's units.
        """
        known = {unit for unit, is_known in zip(resp_rows.values("unit"), resp_rows.values("known")) if is_known}
        if known:
            self.warn(f"the document names no place (in its title, notice title or issuer): {len(known)} of its units "
                      f"were taken for units of the registry of {'、'.join(self.registry.places)} by their names "
                      "alone (known = True); if it is from elsewhere, read it with that place's registry")

    def _warn_unknown_units(self) -> None:
        """One warning per unit the registry does not know, naming the tasks that name it."""
        unit_lines = self.unit_lines
        # (a plan from elsewhere names dozens: the warnings made in one pass, as warn makes them)
        warnings = [
            f"line {unit_lines[unit]}: unknown unit {unit} (not in the registry) in task {task_ids[0]}"
            if len(task_ids) == 1 else
            f"line {unit_lines[unit]}: unknown unit {unit} (not in the registry) in tasks "
            + ", ".join(dict.fromkeys(task_ids[:10])) + (" …" if len(task_ids) > 10 else "")
            for unit, task_ids in self.unknown_units.items()]
        self.warnings.extend(warnings)
        if self.log_warnings:
            for warning in warnings:
                log.info("%s: %s", self.src.source, warning)

    # -- self-checks -------------------------------------------------------
    def _check_clauses(self, task_rows: schema.Rows, outside: list[Item], *, n_headers: int = 0) -> None:
        """Every bracketed clause of the text lands on a task (or ends a header's title, `n_headers` of them);
        none hides elsewhere, nor is left in a task's text unread (see :meth:`_check_left_in_text`)."""
        n_outside = n_bare_outside = 0
        for item in outside:
            body = item.body
            if "（" not in body and "(" not in body:
                if "：" in body or ":" in body:
                    self._check_labels_outside(item, patterns.fold(body))
                continue  # no bracket that folds to （: no clause (and no need to fold)
            folded = patterns.fold(body)
            self._check_labels_outside(item, folded)
            bare = clauses.find_bare_clauses(folded)
            n_bare_outside += len(bare)
            for span in [*clauses.find_clauses(folded), *bare]:
                n_outside += 1
                self.warn(f"a responsibility clause outside any task: ({span.content})", item.line)
        columns = task_rows.columns
        self._check_left_in_text(columns)
        bracketed = [clause for clause in columns["clause"]
                     if clause is not None and clause[:1] in "(（" and clause[-1:] in ")）"]
        n_tasks = len(bracketed) - self.n_inherited + n_headers  # (a header's clause counted once, on the header)
        if self.n_inherited:
            self.warn(f"{self.n_inherited} task{'s' if self.n_inherited > 1 else ''} with no clause of "
                      f"{'their' if self.n_inherited > 1 else 'its'} own take the clause that ends the title of the "
                      "header above (the clause column holds it as printed there)", None)
        # an independent count: how many clause endings (or labelled openings) the whole text has, and, where
        # a clause on a task or outside them does not end with a role verb (so it may name units with none),
        # how many brackets at the end of a line name units with no verb (the text searched only then)
        n_bare = 0
        if n_bare_outside or not all(map(_ENDS_WITH_ROLE, bracketed)):  # (each clause asked in C)
            n_bare = len(clauses.find_bare_clauses(self.folded))
        n_text = patterns.count_clause_signatures(self.folded) + n_bare
        if n_bare:
            self.warn(f"{n_bare} bracket{'s' if n_bare > 1 else ''} at the end of a line name{'' if n_bare > 1 else 's'} "
                      "units with no role verb or label (such as （市财政局、市审计局））: where one closes a task, "
                      "its units are read as responsible", None)
        if n_text != n_tasks + n_outside:
            self.fail_or_warn(f"the text holds {n_text} bracketed clauses but {n_tasks} landed on tasks "
                              f"(or headers) and {n_outside} outside them", None)

    def _check_labels_outside(self, item: Item, folded: str) -> None:
        """Warn about a labelled clause (``责任单位：市财政局``) in text outside any task (`folded`: its body,
        folded): units assigned where no task takes them.  A site's labels (主办单位 of a web page's
        footer) are not looked at."""
        line_end = -1  # (one warning per line: 牵头单位：X；配合单位：Y is one clause)
        for m in patterns.LABEL_CLAUSE.finditer(folded):
            if m.start() > line_end and m["label"] not in patterns.SITE_LABELS:
                line_end = folded.find("\n", m.start())
                line_end = len(folded) if line_end < 0 else line_end
                clause = item.body[m.start() : line_end].strip().rstrip("。；;")
                self.warn(f"a labelled clause outside any task: {clause}", item.line)

    def _check_left_in_text(self, columns: dict) -> None:
        """Warn about what a task's text holds that the parser did not read: a clause label (a clause
        that was not read), items numbered ``1.1``, ``1.2`` … and ``第X部分`` headings (levels it does
        not read).  The whole document is searched once for each; only then are the tasks looked at."""
        texts = columns["text"]
        joined = "\n" + "\n".join(filter(None, texts))  # (the numbering patterns start with a line break)

        def rows():  # (only where the whole text holds something to look for)
            return zip(columns["task_id"], columns["line"], (text or "" for text in texts))

        if ("：" in joined or ":" in joined) and patterns.search_unit_label(self.folded):
            # (each text is cut from the document, folded character by character: no label in the whole
            # folded document, none in any text; the document was folded once, the texts need not be)
            for row_id, line, text in rows():
                if "：" in text or ":" in text:
                    label = patterns.search_unit_label(patterns.fold(text))
                    if label:
                        self.warn(f"task {row_id}: {label.group()!r} in its text was not read as a clause", line)
        for pattern, what in (
            (patterns.DECIMAL_ITEM, "items numbered {}, a numbering the parser does not read as tasks "
                                    "(the items keep their numbers in the text)"),
            (patterns.PART_HEADING, "the heading {}, a division above sections it does not read here"),
        ):
            if pattern.search(joined) is None:
                continue
            for row_id, line, text in rows():
                numbers = [m["number"] for m in pattern.finditer("\n" + text)]
                if numbers:
                    self.warn(f"task {row_id}: its text holds " + what.format(", ".join(numbers)), line)

    # -- metadata ----------------------------------------------------------
    def _meta(self, info, closing, task_rows, resp_rows, sections) -> dict:
        columns = task_rows.columns
        unassigned = [(row_id, line) for row_id, line, clause, kind
                      in zip(columns["task_id"], columns["line"], columns["clause"], columns["kind"])
                      if clause is None and kind in ("task", "paragraph")] if None in columns["clause"] else []
        if unassigned:
            texts = dict(zip(columns["task_id"], columns["text"]))
            for row_id, line in unassigned:
                self.warn(f"task {row_id} has no responsibility clause{_unread_bracket(texts[row_id])}", line)
        return {
            "doc_id": self.doc_id, "source": self.src.source, "encoding": self.src.encoding,
            "script": "traditional" if self.src.original is not None else "simplified",
            **info,
            "closing": "\n".join(i.body for i in closing) or None,
            "n_sections": sum(1 for s in sections if s["level"] == "section" and not s["framing"]),
            "n_tasks": len(task_rows) - columns["kind"].count("box"),
            "n_units": len(set(resp_rows.values("unit"))),
            "n_responsibilities": len(resp_rows), "n_unassigned": len(unassigned),
            "warnings": "\n".join(self.warnings) or None,
            "n_warnings": len(self.warnings), "n_unknown_units": len(self.unknown_units),
            "n_suspect_units": len(self.suspect_units),
        }


#: Whether a clause (as printed) closes with a role verb: ``…负责）`` or ``…负责)``.
_ENDS_WITH_ROLE = operator.methodcaller("endswith", tuple(verb + bracket for bracket in "）)" for verb in
                                                          (*patterns.ROLE_ENDINGS, *patterns.ROLE_WORD_ENDINGS)))


@functools.lru_cache(maxsize=8192)
def _clause_units(content: str, registry: Registry):
    """The responsibility rows of a clause, the (unit, role) pairs named twice, the clause's doubts, its
    time qualifier, its suspect names with their reasons, its unknown units, and whether a unit's name
    begins with a named place (``包头市财政局``: see :meth:`_Builder._without_place`).

    A row is a tuple of the cells of :data:`~gongkai_analysis.schema.RESPONSIBILITY_COLUMNS` after
    ``doc_id`` and ``task_id``.  Clauses repeat within a plan and across plans (各街道办事处负责落实),
    so each is read and looked up once per registry.
    """
    units, seen, repeated = [], set(), []
    clause = clauses.parse_clause(content)
    for a in clause.assignments:
        match = registry.lookup(a.name)
        key = (match.unit, a.role)
        if key in seen:
            repeated.append(key)
            continue
        seen.add(key)
        units.append((match.unit, a.unit_raw, a.alias, a.role, a.mode, match.collective, a.open_ended,
                      match.known, match.category, match.function))
    suspects = tuple((unit[1], r) for unit in units if (r := clauses.suspect_reasons(unit[1])))
    unknown = tuple(unit[0] for unit in units if not unit[7])
    named = any(patterns.NAMED_PLACE_PREFIX.match(unit[0]) for unit in units)
    return tuple(units), tuple(repeated), clause.doubts, clause.time_limit, suspects, unknown, named


def _task_columns(rows: list[tuple]) -> schema.Rows:
    """The tasks' rows, a tuple each (the cells in the order of the table's columns), as columns (in C).

    The columns are tuples: a tuple of strings and numbers is left out of the
    garbage collector's passes once it has seen it, where a list is walked,
    item by item, at every pass over its generation.
    """
    table = schema.Rows(schema.TASK_COLUMNS)
    if rows:
        table.columns = dict(zip(schema.TASK_COLUMNS, zip(*rows)))
    return table


def _responsibility_columns(doc_id: str, task_ids: list[str], units: list[tuple]) -> schema.Rows:
    """The responsibilities: each unit's cells (see :func:`_clause_units`, the clause's cached tuples, one
    reference per row) under its task's id, turned into columns only when read (see
    :meth:`~gongkai_analysis.schema.Rows.from_records`)."""
    return schema.Rows.from_records(schema.RESPONSIBILITY_COLUMNS, units, repeated={"doc_id": doc_id},
                                    per_row={"task_id": task_ids})


@functools.lru_cache(maxsize=1)
def _number_ids() -> tuple[str, ...]:
    """The ids of tasks numbered 0–999, made once: one string shared by every plan's task 12, where
    ``str(12)`` made a new one for each (a megabyte over 300 plans, held until their tables are made)."""
    return tuple(map(str, range(1000)))


def _numbers_restart(tasks: list[Item]) -> bool:
    """True when numbering starts again at 1 under a new section or sub-section header."""
    # only the tasks numbered 1 after the first are looked at (one pass in a list comprehension)
    ones = [i for i, t in enumerate(tasks) if t.number == 1 and i]
    return any((tasks[i].section_no, tasks[i].subsection_no) != (tasks[i - 1].section_no, tasks[i - 1].subsection_no)
               for i in ones)


#: Tasks numbered in one sequence: same part, same kind, scoped or not (the key of a task, read in C).
_numbering_key = operator.attrgetter("part", "task_kind", "scoped")


def _numbering_groups(tasks: list[Item]) -> dict[tuple, list[Item]]:
    """The tasks of each numbering sequence (see :func:`_numbering_key`), in order of their first task."""
    keys = list(map(_numbering_key, tasks))
    if keys and keys.count(keys[0]) == len(keys):  # the usual plan: one sequence
        return {keys[0]: list(tasks)}
    groups: dict[tuple, list[Item]] = {}
    for key, task in zip(keys, tasks):
        groups.setdefault(key, []).append(task)
    return groups


def task_id(number: int, *, part: int | None = None, kind: str = "task", section_no: int | None = None,
            subsection_no: int | None = None, scoped: bool = False, restart: bool = False) -> str:
    """The id of a task, unique in its document and safe to open in a spreadsheet.

    An id is the task's own number where numbers run through the document
    (``"12"``).  Where they restart under each header, the header numbers come
    first after an ``S``: ``"S2.3"`` (section 2, task 3), ``"S1.2.3"`` (section 1,
    sub-section 2, task 3).  A boxed insert is ``"B3"`` (专栏3).  In a file that
    holds several documents, ``"P2."`` names the part: ``"P2.10"``.  A task cut
    into pieces at its clauses gets a letter per piece (``"12a"``, ``"12b"``).
    Every id with more than a number holds a letter, so a spreadsheet never reads
    it as a decimal (``1.10`` → 1.1) or a date (``1-2`` → 2 January).

    Parameters
    ----------
    number : int
        The task's number (the article's number, the paragraph's ordinal, the box's number).
    part : int, optional
        The document part, when the file holds several.
    kind : str
        ``task``, ``article``, ``paragraph`` or ``box``.
    section_no, subsection_no : int, optional
        The headers the task stands under.
    scoped : bool
        The task is a ``（一）`` item numbered within its section.
    restart : bool
        The numbering of the task's kind restarts under each header.

    Returns
    -------
    str

    Examples
    --------
    >>> task_id(12), task_id(10, part=2), task_id(3, section_no=2, restart=True)
    ('12', 'P2.10', 'S2.3')
    >>> task_id(3, section_no=1, subsection_no=2, restart=True), task_id(8, kind="box", part=2)
    ('S1.2.3', 'P2.B8')
    >>> task_id(1, section_no=3, subsection_no=None, scoped=True, part=2)
    'P2.S3.1'
    """
    prefix = f"P{part}." if part is not None else ""
    if kind == "box":
        return f"{prefix}B{number}"
    path = [section_no] if scoped else [section_no, subsection_no] if restart else []
    path = [str(p) for p in path if p is not None]
    if path:
        return f"{prefix}S{'.'.join(path)}.{number}"
    return f"{prefix}{number}"


def _piece_letter(k: int) -> str:
    """The letter of the k-th piece of a task cut at its clauses: a, b, … z, aa, ab …

    >>> [_piece_letter(k) for k in (1, 2, 26, 27)]
    ['a', 'b', 'z', 'aa']
    """
    letters = ""
    while k:
        k, rest = divmod(k - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _title_and_clause(title: str) -> tuple[str, str | None]:
    """A header's title and the bracketed clause that ends it, if any: ``推进决策公开（市政府办公室牵头）``.

    >>> _title_and_clause("推进决策公开（市政府办公室牵头）"), _title_and_clause("推进决策公开（试行）")
    (('推进决策公开', '（市政府办公室牵头）'), ('推进决策公开（试行）', None))
    """
    if "（" not in title and "(" not in title:
        return title, None
    folded = patterns.fold(title)
    spans = clauses.find_clauses(folded)
    if not spans or not spans[-1].closed:
        return title, None
    start, end = spans[-1].start, spans[-1].end
    after = patterns.AFTER_CLAUSE.match(folded, end).end()
    head = folded[:start].strip()
    if after != len(folded) or not head or len(head) > _HEADER_TITLE_MAX or "。" in head or "；" in head:
        return title, None  # (a long title, or one with a sentence in it, is text run into the header's line)
    return (title[:start] + title[end:after]).strip(), title[start:end]


#: The longest header title before a clause that ends it (a longer one is text run into the header's line).
_HEADER_TITLE_MAX = 40


_SENTENCE_ENDS = ("。", "；", "！", "？", ";", "!", "?")


def _tail_on_its_own_line(body: str, clause: str | None, tail: str) -> bool:
    """Whether the text `tail`, after the last `clause` of a task's `body`, starts on a line of its own.

    >>> _tail_on_its_own_line("做好X。（甲局负责）\\n各单位要认真落实。", "（甲局负责）", "各单位要认真落实。")
    True
    >>> _tail_on_its_own_line("推进X，（甲局牵头）做好Y。", "（甲局牵头）", "做好Y。")
    False
    """
    end = body.rfind(clause) + len(clause) if clause else -1
    start = body.find(tail[:20], max(end, 0)) if tail else -1
    return end < 0 or start < 0 or "\n" in body[end:start]


def _is_label_line(text: str) -> bool:
    return patterns.ANY_LABEL.match(patterns.fold(text).strip()) is not None


def _second_clause(body: str, line: str) -> bool:
    """Whether a line of units' labels (folded) would give a text that already ends with its clause a second one.

    Such a line is not read as the task's: a web page's footer (``主办单位：X 承办单位：Y``) after the last
    task is the document's closing text (see :func:`_split_body`).

    >>> _second_clause("做好X。（市财政局负责）", "主办单位：市政府办公室"), _second_clause("做好X。", "责任单位：市财政局")
    (True, False)
    >>> _second_clause("做好X。（市财政局负责）", "完成时限：年底")
    False
    >>> _second_clause("做好X。（市财政局负责）\\n【打印本页】", "主办单位：Y")
    True
    """
    if not patterns.UNIT_LABEL.match(line):
        return False
    folded = patterns.fold(body).rstrip()
    after = patterns.AFTER_CLAUSE.match
    # a clause that ends the text or one of its lines (a line of page furniture may stand between: 【打印本页】)
    return any(span.closed and ((end := after(folded, span.end).end()) == len(folded) or "\n" in folded[span.end:end])
               for span in clauses.find_clauses(folded))


def _split_body(task: Item) -> list[tuple]:
    """Cut a task's body at its clauses; every character lands in one part.

    Each part is a tuple ``(text, clause, clause content, time limit, closed)``
    (plain tuples: a named tuple per task cost more than the rest of the cut).
    Separate lines such as ``牵头单位：X`` / ``责任单位：Y`` / ``完成时限：…`` form
    the clause of the whole task (a line that wraps onto the next reads on),
    and so do such labels after its last sentence on the same line, bare or in
    square brackets (``【责任单位：X】``, also before the task's text, or the
    label alone in them: ``【责任单位】X``); a table row brings its unit cell.
    A clause that opens the body is the clause of the text after it.  Units in
    brackets with no verb that end the body or a line of it are a clause
    (:func:`~gongkai_analysis.parsing.clauses.find_bare_clauses`); a bracket
    that only says when, right after a clause or at the body's end, is the
    time limit (one with no clause stays in the text).
    """
    kind, body = task.task_kind, task.body
    if kind == "article" or kind == "box":
        return [(body, None, None, None, True)]
    if task.unit_cell is not None:
        return [(body, task.unit_cell or None, task.unit_cell or None, task.time_cell, True)]
    if "\n" in body:
        body_lines, label_lines, time_limit = [], [], None
        depth = 0  # brackets open at the start of the line: a line inside a clause wrapped over lines reads on
        lines = body.split("\n")
        for k, line in enumerate(lines):
            folded = patterns.fold(line).strip()
            opened, depth = depth, max(depth + folded.count("（") - folded.count("）"), 0)
            if opened > 0:
                body_lines.append(line)
            elif body_lines and patterns.ANY_LABEL.match(folded):  # a line of units', a deadline's or a leader's
                if not label_lines and _second_clause("\n".join(body_lines), folded):
                    # units' labels after a text that ends with its clause (a web page's footer, 主办单位：X
                    # 承办单位：Y): not the task's clause, but a paragraph after it (the closing text, after the
                    # last task; elsewhere a piece with no clause, reported)
                    head = "\n".join(body_lines).strip()
                    parts = _split_text(task, head, patterns.fold(head))
                    rest = "\n".join(lines[k:]).strip()
                    if parts[-1][1] is None:  # the lines before it that follow the clause go with it
                        rest = f"{parts.pop()[0]}\n{rest}"
                    return [*parts, (rest, None, None, None, True)]
                label_lines.append(line.strip())
            elif label_lines and folded and "：" not in folded and not folded.startswith("（") \
                    and not label_lines[-1].endswith(("。", "；", ";")):
                # a label line wrapped (a hard-wrapped text: 责任单位：市财政局、市审 / 计局): it reads on
                label_lines[-1] += line.strip()
            else:
                body_lines.append(line)
        if label_lines:
            for line in label_lines:  # (the last deadline line gives the time limit)
                time_limit = _deadline(line) or time_limit
            unit_lines = [line for line in label_lines if patterns.UNIT_LABEL.match(patterns.fold(line))]
            text = "\n".join(body_lines).strip()
            if unit_lines:
                return [(text, "\n".join(label_lines), "；".join(unit_lines), time_limit, True)]
            # a deadline or a leader, no unit: the text is cut as any other (its own clause, if any, is the
            # task's), the label lines stay at the end of its last part, the deadline is that part's
            parts = _split_text(task, text, patterns.fold(text))
            last_text, clause, content, when, closed = parts[-1]
            parts[-1] = ("\n".join(filter(None, [last_text, *label_lines])), clause, content, when or time_limit,
                         closed)
            return parts
    folded = task.folded
    if folded is None or len(folded) != len(body):
        folded = patterns.fold(body)
    return _split_text(task, body, folded)


def _split_text(task: Item, body: str, folded: str) -> list[tuple]:
    """:func:`_split_body` for a body with no label lines, `folded` its folded form."""
    start = clauses.closing_clause(folded)
    if start >= 0:
        # the usual task: one closed clause that ends the body; :func:`_cut_at_clauses` gives the same in
        # more steps (a test holds the two equal)
        return [(body[:start].strip(), body[start:], body[start + 1 : -1], None, True)]
    spans = clauses.find_clauses(folded)
    # units in brackets with no verb: 做好X。（市财政局、市审计局）; such a bracket ends the body or a line of it
    # (looked for only where no clause found ends the body, or where the body has several lines)
    bare = clauses.find_bare_clauses(folded) \
        if not spans or "\n" in folded or patterns.AFTER_CLAUSE.match(folded, spans[-1].end).end() < len(folded) \
        else []
    if bare:
        spans = sorted([*spans, *(b for b in bare if not any(s.start < b.end and b.start < s.end for s in spans))])
    if spans:
        return _cut_at_clauses(task, body, folded, spans)
    square = patterns.SQUARE_CLAUSE.search(folded)
    if square and body[: square.start()].strip():
        # a labelled clause in square brackets that ends the task: 做好X。【责任单位：市财政局】
        clause = body[square.start() :].strip()
        closing = folded.rindex("〕", square.start())
        return [(body[: square.start()].strip(), clause, body[square.start() + 1 : closing].strip(), None, True)]
    squares = list(patterns.SQUARE_CLAUSE_ANYWHERE.finditer(folded))
    if len(squares) == 1:
        # one labelled clause in square brackets before the task's text or after its title: the task's clause
        # (【牵头单位：市财政局】做好X。); the text is what stands around it
        a, b = squares[0].span()
        return [((body[:a] + body[b:]).strip(), body[a:b], body[a + 1 : b - 1].strip(), None, True)]
    labels = list(patterns.SQUARE_LABEL.finditer(folded))
    if labels and body[: labels[0].start()].strip() and patterns.CLAUSE_LABELS.get(labels[0]["label"]):
        # labels in square brackets with no colon, each before its units, after the task's text:
        # 做好X。【牵头单位】市财政局【配合单位】市审计局 — read as the groups 牵头单位：市财政局；配合单位：市审计局
        ends = [m.start() for m in labels[1:]] + [len(body)]
        content = "；".join(f"{m['label']}：{body[m.end() : end].strip().rstrip('。；;，,').rstrip()}"
                           for m, end in zip(labels, ends))
        return [(body[: labels[0].start()].strip(), body[labels[0].start() :].strip(), content, None, True)]
    inline = patterns.INLINE_LABEL.search(folded)
    if inline and body[: inline.start()].strip():
        # the clause after the last sentence, unbracketed: 做好X。责任单位：市财政局；完成时限：年底。
        clause = body[inline.end() :].strip()
        return [(body[: inline.start()].strip(), clause, clause.rstrip("。；;").rstrip(), None, True)]
    sentence = patterns.SENTENCE_CLAUSE.search(folded)
    if sentence and _names_units_only(body[sentence.start("clause") : sentence.end("clause")]):
        # the clause written as the last part of the sentence: 做好X，由市财政局负责。 — read where every name
        # it gives ends as a unit's does (由企业自主负责 is no assignment)
        a = sentence.start("clause")
        return [(body[:a].strip(), body[a:].strip(), body[a : sentence.end("clause")], None, True)]
    when = patterns.DEADLINE_BRACKET_AT_END.search(folded)
    if when:  # no unit, but when it is due: 做好X。（2024年底前完成） (the text keeps it; no clause)
        return [(body, None, None, body[when.start("when") : when.end("when")].strip(), True)]
    return [(body, None, None, None, True)]


def _deadline(line: str) -> str | None:
    """The deadline a line labelled ``完成时限：…`` gives, as printed without its full stop (None for another line).

    >>> _deadline("完成时限：2024年6月底前。"), _deadline("责任单位：市财政局")
    ('2024年6月底前', None)
    """
    time = patterns.TIME_LABEL.match(patterns.fold(line))
    return (line[time.start("value") :].strip().rstrip("。；;").rstrip() or None) if time else None


def _unread_bracket(text: str) -> str:
    """What an unassigned task's last bracket says, when it names roles the clause grammar does not read.

    >>> _unread_bracket("做好X。（市政府办公室牵头，市委网信办审核）")
    "; its last bracket names roles in words the clause grammar does not read: '（市政府办公室牵头，市委网信办审核）'"
    >>> _unread_bracket("做好X（试行）。"), _unread_bracket("做好X。")
    ('', '')
    """
    if "）" not in text and ")" not in text:
        return ""
    bracket = patterns.LAST_BRACKET.search(patterns.fold(text))
    if bracket is None or not patterns.ROLE_OR_LABEL_WORD.search(bracket["content"]):
        return ""
    printed = text[bracket.start() : bracket.end("content") + 1]
    return f"; its last bracket names roles in words the clause grammar does not read: {printed!r}"


def _names_units_only(content: str) -> bool:
    """Whether a clause names at least one unit and every name it gives looks like one (none is suspect)."""
    assignments = clauses.parse_clause(content).assignments
    return bool(assignments) and not any(clauses.suspect_reasons(a.unit_raw) for a in assignments)


def _cut_at_clauses(task: Item, body: str, folded: str, spans: list[clauses.ClauseSpan]) -> list[tuple]:
    """The parts of a task's body cut at the clauses `spans` found in its folded form (see :func:`_split_body`)."""
    parts: list[tuple] = []
    after_clause = patterns.AFTER_CLAUSE.match
    if len(spans) == 1 and spans[0].start == 0 and spans[0].closed \
            and after_clause(folded, spans[0].end).end() < len(folded):
        # the one clause opens the task, its text follows: （市财政局牵头，各区政府配合）做好X。
        end = spans[0].end
        return [(body[end:].strip(), body[:end], body[1 : end - 1], None, True)]
    position = 0  # the parts must tile the body exactly: each span starts where the last part ended or later
    for start, end, _, closed in spans:
        if start < position:
            raise ParseError(f"internal check failed: task {task.number} lost characters while splitting",
                             line=task.line)
        # (a clause that ends the body has nothing after it: no match to try)
        after = end if end == len(folded) else after_clause(folded, end).end()
        content = body[start + 1 : end - 1] if closed else body[start + 1 : end]
        clause_end, when = end, None
        if after < len(folded) and folded[after] == "（":  # （市财政局负责）（2024年6月底前）: the clause's when
            deadline = patterns.DEADLINE_BRACKET.match(folded, after)
            if deadline:
                clause_end, when = deadline.end(), body[deadline.start("when") : deadline.end("when")].strip()
                after = after_clause(folded, clause_end).end()
        parts.append(((body[position:start] + body[clause_end:after]).strip(), body[start:clause_end], content, when,
                      closed))
        position = after
    tail = body[position:].strip()
    # (a deadline label after the clause, bare or in its own brackets: 完成时限：6月底前 or （时限：6月底前）)
    labelled = tail[1:-1] if tail[:1] in "（(" and tail[-1:] in "）)" else tail
    when = _deadline(labelled) if tail and parts and parts[-1][3] is None and "\n" not in tail else None
    if when:
        # the clause's deadline after it on the same line: （市财政局负责）完成时限：6月底前。 — the text keeps it,
        # as it keeps a deadline bracket (no piece of its own, unassigned)
        text, clause, content, _, closed = parts[-1]
        parts[-1] = (f"{text}{tail}" if text else tail, clause, content, when, closed)
    elif tail:
        parts.append((tail, None, None, None, True))
    return parts
