"""The tidy tables' schemas: column order, dtypes and ordered categoricals.

Every table the parser returns is made here, so that the columns, their
dtypes and the order of the fixed vocabularies are the same everywhere.

Examples
--------
>>> responsibilities_frame([])["role"].cat.categories.tolist()
['lead', 'responsible', 'support']
>>> list(TASK_COLUMNS)[:4]
['doc_id', 'task_id', 'seq', 'number']
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from .clauses import MODES, ROLES

ROLE_DTYPE = pd.CategoricalDtype(list(ROLES), ordered=True)
MODE_DTYPE = pd.CategoricalDtype(list(MODES), ordered=True)

TASK_COLUMNS = {
    "doc_id": "str", "task_id": "str", "seq": "int64", "number": "int64", "part": "Int64",
    "section_no": "Int64", "section_title": "str", "subsection_no": "Int64", "subsection_title": "str",
    "text": "str", "clause": "str", "time_limit": "str", "line": "int64", "text_original": "str",
}
RESPONSIBILITY_COLUMNS = {
    "doc_id": "str", "task_id": "str", "unit": "str", "unit_raw": "str", "alias": "str",
    "role": ROLE_DTYPE, "mode": MODE_DTYPE, "collective": "bool", "open_ended": "bool", "known": "bool",
    "category": "str",
}
SECTION_COLUMNS = {
    "doc_id": "str", "level": "str", "section_no": "Int64", "number": "int64", "title": "str",
    "framing": "bool", "intro": "str", "line": "int64",
}
META_COLUMNS = {
    "doc_id": "str", "source": "str", "encoding": "str", "script": "str", "title": "str",
    "notice_title": "str", "issuer": "str", "doc_number": "str", "date": "str",
    "year": "Int64", "recipients": "str", "index_no": "str", "preamble": "str",
    "closing": "str", "n_sections": "int64", "n_tasks": "int64", "n_units": "int64",
    "n_responsibilities": "int64", "n_unassigned": "int64", "warnings": "str",
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
    for name in names:
        try:  # the parser's rows carry every column
            values = [row[name] for row in rows]
        except KeyError:  # rows from elsewhere may lack a column: it is missing there
            values = [row.get(name) for row in rows]
        if name in columns:
            data[name] = _column(values, columns[name])
        else:  # a list column (tokens, keywords): one list per cell
            data[name] = column = np.empty(len(rows), dtype=object)
            for i, value in enumerate(values):
                column[i] = value
    return pd.DataFrame(data, copy=False)


def _column(values: list, dtype):
    """One column in its dtype, by the fastest road there (the same array as ``pd.array(values, dtype)``)."""
    if isinstance(dtype, pd.CategoricalDtype):
        index = {category: code for code, category in enumerate(dtype.categories)}
        codes = np.fromiter((-1 if v is None else index[v] for v in values), dtype=np.int8, count=len(values))
        return pd.Categorical.from_codes(codes, dtype=dtype)
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
        return np.asarray(values, dtype=dtype)
    return pd.array(values, dtype=dtype)


def tasks_frame(rows: list[dict]) -> pd.DataFrame:
    """The tasks table from parser rows (with ``tokens`` and ``keywords`` when present)."""
    return _frame(rows, TASK_COLUMNS, extra=TOKEN_COLUMNS)


def responsibilities_frame(rows: list[dict]) -> pd.DataFrame:
    """The responsibilities table from parser rows."""
    return _frame(rows, RESPONSIBILITY_COLUMNS)


def section_rows(sections: list[dict], doc_id: str) -> list[dict]:
    """Rows of the sections table: one per section and sub-section header."""
    rows = []
    current = None
    for s in sections:
        if s["level"] == "section":
            current = s["number"]
        rows.append({"doc_id": doc_id, "level": s["level"], "number": s["number"],
                     "section_no": current if s["level"] == "subsection" else s["number"],
                     "title": s["title"], "framing": s["framing"], "intro": s["intro"] or None,
                     "line": s["line"]})
    return rows


def sections_frame(rows: list[dict]) -> pd.DataFrame:
    """The sections table."""
    return _frame(rows, SECTION_COLUMNS)


def meta_frame(records: list[dict]) -> pd.DataFrame:
    """The metadata table: one row per document."""
    return _frame(records, META_COLUMNS)


def errors_frame(rows: list[dict]) -> pd.DataFrame:
    """Files that could not be parsed: file, error."""
    return _frame(rows, ERROR_COLUMNS)
