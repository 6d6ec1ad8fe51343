"""The tidy tables' schemas: column order, dtypes, the task key, and the checks on them.

Every table the parser returns is made here, so that the columns, their
dtypes and the order of the fixed vocabularies (from :mod:`gongkai_analysis.vocab`)
are the same everywhere.  Analyses check their input with :func:`require_columns`
and key their output by :data:`TASK_KEY`.

Examples
--------
>>> responsibilities_frame([])["role"].cat.categories.tolist()
['lead', 'responsible', 'support']
>>> list(TASK_COLUMNS)[:4]
['doc_id', 'task_id', 'seq', 'number']
"""

from __future__ import annotations

import operator
from collections.abc import Iterable

from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa


from .vocab import MODE_DTYPE, ROLE_DTYPE

TASK_COLUMNS = {
    "doc_id": "str", "task_id": "str", "seq": "int64", "number": "int64", "part": "Int64",
    "section_no": "Int64", "section_title": "str", "subsection_no": "Int64", "subsection_title": "str",
    "text": "str", "clause": "str", "time_limit": "str", "line": "int64", "text_original": "str",
    "kind": "str", "extra": "str", "piece": "Int64",
}
RESPONSIBILITY_COLUMNS = {
    "doc_id": "str", "task_id": "str", "unit": "str", "unit_raw": "str", "alias": "str",
    "role": ROLE_DTYPE, "mode": MODE_DTYPE, "collective": "bool", "open_ended": "bool", "known": "bool",
    "category": "str", "unit_function": "str",
}
SECTION_COLUMNS = {
    "doc_id": "str", "level": "str", "section_no": "Int64", "number": "int64", "title": "str",
    "framing": "bool", "intro": "str", "line": "int64", "part": "Int64",
}
META_COLUMNS = {
    "doc_id": "str", "source": "str", "encoding": "str", "script": "str", "title": "str",
    "notice_title": "str", "issuer": "str", "doc_number": "str", "date": "str",
    "year": "Int64", "recipients": "str", "index_no": "str", "preamble": "str",
    "closing": "str", "n_sections": "int64", "n_tasks": "int64", "n_units": "int64",
    "n_responsibilities": "int64", "n_unassigned": "int64", "warnings": "str",
    "n_warnings": "int64", "n_unknown_units": "int64", "n_suspect_units": "int64",
    "task_level": "str", "n_parts": "int64",
}


ERROR_COLUMNS = {"file": "str", "error": "str"}
#: Columns of lists, present when the tasks were segmented.
TOKEN_COLUMNS = ("tokens", "keywords")


def _frame(rows: list[dict], columns: dict, *, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """Build a frame from row dicts, column by column, each with its dtype (list columns stay objects).

    Building each column straight into its dtype is several times faster than
    ``pd.DataFrame(rows).astype(columns)`` and gives the same frame.
    """
    names = [*columns, *(name for name in extra if rows and name in rows[0])]
    data = {}
    try:  # the parser's rows carry every column: transpose them in one pass in C
        transposed = list(zip(*map(operator.itemgetter(*names), rows))) if len(names) > 1 and rows else None
    except KeyError:  # rows from elsewhere may lack a column: column by column below
        transposed = None
    for k, name in enumerate(names):
        if transposed is not None:
            values = list(transposed[k])
        else:
            try:
                values = [row[name] for row in rows]
            except KeyError:  # a column missing from some rows is missing there
                values = [row.get(name) for row in rows]
        if name in columns:
            data[name] = _column(values, columns[name], name)
        else:  # a list column (tokens, keywords): one list per cell
            data[name] = column = np.empty(len(rows), dtype=object)
            for i, value in enumerate(values):
                column[i] = value
    return pd.DataFrame(data, copy=False)


def _column(values: list, dtype, name: str = "?"):
    """One column in its dtype, by the fastest road there (the same array as ``pd.array(values, dtype)``).

    A value outside a categorical's vocabulary, or a missing value in a column
    that admits none (``int64``, ``bool``), raises :class:`ColumnError` naming
    the column; nothing is coerced.
    """
    from .errors import ColumnError

    if isinstance(dtype, pd.CategoricalDtype):
        index = {category: code for code, category in enumerate(dtype.categories)}
        try:
            codes = np.fromiter((-1 if v is None else index[v] for v in values), dtype=np.int8, count=len(values))
        except KeyError as exc:
            raise ColumnError(f"{exc.args[0]!r} is not one of {', '.join(map(str, dtype.categories))}",
                              source=f"column {name}") from None
        return pd.Categorical.from_codes(codes, dtype=dtype)
    if dtype == "bool" and any(v is None or v is pd.NA for v in values):  # numpy would read None as False
        raise ColumnError("a value is missing where every row needs one (bool)", source=f"column {name}")
    if dtype == "str":
        try:  # through Arrow directly: twice as fast as pandas' own checks
            return pd.array(pa.array(values, type=pa.large_string(), from_pandas=True), dtype="str")
        except (pa.ArrowTypeError, pa.ArrowInvalid):  # not all strings: let pandas convert them
            return pd.array(values, dtype="str")
    if dtype == "Int64":
        missing = np.fromiter((v is None or v is pd.NA for v in values), dtype=bool, count=len(values))
        numbers = np.fromiter((0 if m else v for v, m in zip(values, missing)), dtype=np.int64, count=len(values))
        return pd.arrays.IntegerArray(numbers, missing)
    if dtype in ("int64", "bool"):
        try:
            return np.asarray(values, dtype=dtype)
        except (TypeError, ValueError):
            raise ColumnError(f"a value is missing or not a whole number ({dtype})", source=f"column {name}") from None
    return pd.array(values, dtype=dtype)


def tasks_frame(rows: list[dict]) -> pd.DataFrame:
    """The tasks table from parser rows (with ``tokens`` and ``keywords`` when present).

    Parameters
    ----------
    rows : list of dict
        One dict per row, keyed by column name.  A missing key gives a
        missing value in a string or ``Int64`` column; an ``int64`` column
        must be filled by every row (a missing one raises :class:`ColumnError`).

    Returns
    -------
    DataFrame
        The columns of :data:`TASK_COLUMNS` in their dtypes, then ``tokens``
        and ``keywords`` (lists, as objects) when the first row has them.

    Raises
    ------
    TypeError
        When a row lacks ``seq``, ``number`` or ``line``.

    Examples
    --------
    >>> tasks = tasks_frame([{"doc_id": "d", "task_id": "1", "seq": 1, "number": 1, "line": 2,
    ...                       "text": "做好A。", "tokens": ["做好", "A"]}])
    >>> tasks[["task_id", "section_no", "text", "tokens"]].values.tolist()
    [['1', <NA>, '做好A。', ['做好', 'A']]]
    >>> str(tasks["section_no"].dtype), str(tasks["line"].dtype)
    ('Int64', 'int64')
    """
    return _frame(rows, TASK_COLUMNS, extra=TOKEN_COLUMNS)


def responsibilities_frame(rows: list[dict]) -> pd.DataFrame:
    """The responsibilities table from parser rows.

    Parameters
    ----------
    rows : list of dict
        One dict per row, keyed by column name.  A missing key gives a
        missing value in a string or ``Int64`` column; an ``int64`` column
        must be filled by every row (a missing one raises :class:`ColumnError`).

    Returns
    -------
    DataFrame
        The columns of :data:`RESPONSIBILITY_COLUMNS` in their dtypes:
        ``role`` and ``mode`` are the ordered categoricals of
        :mod:`gongkai_analysis.vocab`.

    Raises
    ------
    ColumnError
        When a ``role`` or ``mode`` is not in its vocabulary, or a ``bool``
        column has a missing value.

    Examples
    --------
    >>> resp = responsibilities_frame([{"doc_id": "d", "task_id": "1", "unit": "甲局", "role": "lead",
    ...                                 "mode": "sole", "collective": False, "open_ended": False,
    ...                                 "known": True}])
    >>> resp[["unit", "role", "mode", "known"]].values.tolist()
    [['甲局', 'lead', 'sole', True]]
    >>> resp["mode"].cat.categories.tolist()
    ['sole', 'joint', 'separate']
    """
    return _frame(rows, RESPONSIBILITY_COLUMNS)


def section_rows(sections: list[dict], doc_id: str) -> list[dict]:
    """Rows of the sections table: one per section and sub-section header.

    A sub-section gets the number of the section above it as
    ``section_no``; an empty intro becomes None.
    In a file that holds several documents, each part has a row of level
    ``part`` (its title, and the text before its first section as intro) and
    every row names its part.

    Parameters
    ----------
    sections : list of dict
        The builder's headers in reading order (``level``, ``number``, ``title``,
        ``framing``, ``intro``, ``line`` and, optionally, ``part``).
    doc_id : str
        The document's id, written into every row.

    Returns
    -------
    list of dict
        One row per header, with ``section_no`` the section a sub-section stands under.

    Examples
    --------
    >>> rows = section_rows([{"level": "section", "number": 2, "title": "甲", "framing": False, "intro": "",
    ...                       "line": 3},
    ...                      {"level": "subsection", "number": 1, "title": "乙", "framing": False, "intro": "",
    ...                       "line": 4}], "d")
    >>> [(r["level"], r["section_no"], r["number"], r["part"]) for r in rows]
    [('section', 2, 2, None), ('subsection', 2, 1, None)]
    """
    rows = []
    current = None
    for s in sections:
        if s["level"] == "section":
            current = s["number"]
        elif s["level"] == "part":
            current = None
        rows.append({"doc_id": doc_id, "level": s["level"], "number": s["number"],
                     "section_no": current if s["level"] == "subsection" else
                     (None if s["level"] == "part" else s["number"]),
                     "title": s["title"], "framing": s["framing"], "intro": s["intro"] or None,
                     "line": s["line"], "part": s.get("part")})
    return rows


def sections_frame(rows: list[dict]) -> pd.DataFrame:
    """The sections table.

    Parameters
    ----------
    rows : list of dict
        One dict per row (as :func:`section_rows` makes them), keyed by column name.  A missing key gives a
        missing value in a string or ``Int64`` column; an ``int64`` column
        must be filled by every row (a missing one raises :class:`ColumnError`).

    Returns
    -------
    DataFrame
        The columns of :data:`SECTION_COLUMNS` in their dtypes.

    Raises
    ------
    TypeError
        When a row lacks ``number`` or ``line``.

    Examples
    --------
    >>> rows = [{"doc_id": "d", "level": "section", "number": 1, "section_no": 1, "title": "公开",
    ...          "framing": False, "intro": None, "line": 1}]
    >>> sections_frame(rows)[["level", "section_no", "title", "intro"]].values.tolist()
    [['section', 1, '公开', nan]]
    """
    return _frame(rows, SECTION_COLUMNS)


def meta_frame(records: list[dict]) -> pd.DataFrame:
    """The metadata table: one row per document.

    Parameters
    ----------
    records : list of dict
        One dict per document, keyed by column name.  A missing key gives a
        missing value, except in the ``n_…`` counts, which every record must
        fill.

    Returns
    -------
    DataFrame
        The columns of :data:`META_COLUMNS` in their dtypes.

    Raises
    ------
    ColumnError
        When a record lacks one of the counts.

    Examples
    --------
    >>> counts = dict.fromkeys(["n_sections", "n_tasks", "n_units", "n_responsibilities", "n_unassigned",
    ...                         "n_warnings", "n_unknown_units", "n_suspect_units", "n_parts"], 0)
    >>> meta = meta_frame([{"doc_id": "d", "year": 2017, **counts, "n_tasks": 2}])
    >>> meta[["doc_id", "year", "title", "n_tasks"]].values.tolist()
    [['d', 2017, nan, 2]]
    """
    return _frame(records, META_COLUMNS)


def errors_frame(rows: list[dict]) -> pd.DataFrame:
    """Files that could not be parsed: file, error.

    Parameters
    ----------
    rows : list of dict
        One ``{"file": …, "error": …}`` per failed file.

    Returns
    -------
    DataFrame
        The columns of :data:`ERROR_COLUMNS`, as strings.

    Examples
    --------
    >>> errors_frame([{"file": "a.doc", "error": "unsupported"}]).values.tolist()
    [['a.doc', 'unsupported']]
    >>> errors_frame([]).columns.tolist()
    ['file', 'error']
    """
    return _frame(rows, ERROR_COLUMNS)


#: The key of a task in every table and every analysis output: one key always,
#: whether the tables hold one document or many.
TASK_KEY = ("doc_id", "task_id")


def require_columns(frame: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    """Raise :class:`~gongkai_analysis.errors.ColumnError` naming the columns `frame` lacks.

    Parameters
    ----------
    frame : DataFrame
        The table an analysis was given.
    columns : iterable of str
        The columns it needs.
    name : str
        What the table is (``tasks``, ``responsibilities`` …), for the message.

    Raises
    ------
    ColumnError
        Naming `name` and every column it lacks, in the order asked.

    Examples
    --------
    >>> require_columns(pd.DataFrame({"a": [1]}), ["a", "b"], "tasks")
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.ColumnError: tasks: missing column(s) b
    """
    from .errors import ColumnError

    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ColumnError(f"missing column(s) {', '.join(missing)}", source=name)


def task_index(tasks: pd.DataFrame) -> pd.MultiIndex:
    """The task key of each row, ``(doc_id, task_id)``, whatever the number of documents.

    Parameters
    ----------
    tasks : DataFrame
        Any table with ``doc_id`` and ``task_id`` (tasks, responsibilities …).

    Returns
    -------
    MultiIndex
        Levels ``doc_id`` and ``task_id``, one entry per row of `tasks`.

    Raises
    ------
    ColumnError
        When `tasks` lacks ``doc_id`` or ``task_id``.

    Examples
    --------
    >>> task_index(pd.DataFrame({"doc_id": ["d"], "task_id": ["1"]})).tolist()
    [('d', '1')]
    """
    require_columns(tasks, TASK_KEY, "tasks")
    return pd.MultiIndex.from_frame(tasks[list(TASK_KEY)])


class Tables(NamedTuple):
    """The five tables of one or many documents, as the parser makes them.

    Attributes
    ----------
    meta, sections, tasks, responsibilities, errors : DataFrame
        As :func:`meta_frame`, :func:`sections_frame`, :func:`tasks_frame`,
        :func:`responsibilities_frame` and :func:`errors_frame` make them.

    Examples
    --------
    >>> tables = tables_from_rows([])
    >>> Tables._fields
    ('meta', 'sections', 'tasks', 'responsibilities', 'errors')
    >>> len(tables.tasks), tables.tasks.columns[:2].tolist()
    (0, ['doc_id', 'task_id'])
    """

    meta: pd.DataFrame
    sections: pd.DataFrame
    tasks: pd.DataFrame
    responsibilities: pd.DataFrame
    errors: pd.DataFrame


def tables_from_rows(parsed: list, errors: list[dict] | None = None) -> Tables:
    """Build the tables, each once, from the rows of many parsed documents.

    Parameters
    ----------
    parsed : list of Parsed
        Rows of each document (:func:`gongkai_analysis.parsing.parse_rows`).
    errors : list of dict, optional
        Files that could not be parsed: ``{"file": …, "error": …}``.

    Returns
    -------
    Tables

    Examples
    --------
    >>> tables_from_rows([], [{"file": "a.doc", "error": "unsupported"}]).errors.values.tolist()
    [['a.doc', 'unsupported']]
    """
    return Tables(
        meta=meta_frame([p.meta for p in parsed]),
        sections=sections_frame([row for p in parsed for row in p.sections]),
        tasks=tasks_frame([row for p in parsed for row in p.tasks]),
        responsibilities=responsibilities_frame([row for p in parsed for row in p.responsibilities]),
        errors=errors_frame(errors or []),
    )


#: The tracker: internal column → its header in the workbook units fill in.
TRACKER_HEADERS = {
    "doc_id": "文件",
    "task_id": "任务编号",
    "unit": "责任单位",
    "role": "角色",
    "section": "所属部分",
    "task": "任务内容",
    "dimensions": "考核维度",
    "status": "完成状态",
    "completed_on": "完成日期",
    "evidence": "佐证材料链接",
    "note": "备注",
    "source": "数据来源",
}
#: The tracker's sheet.
TRACKER_SHEET = "跟踪表"
