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

import pandas as pd

from .clauses import MODES, ROLES

ROLE_DTYPE = pd.CategoricalDtype(list(ROLES), ordered=True)
MODE_DTYPE = pd.CategoricalDtype(list(MODES), ordered=True)

TASK_COLUMNS = {
    "doc_id": "str", "task_id": "str", "seq": "int64", "number": "int64", "part": "Int64",
    "section_no": "Int64", "section_title": "str", "subsection_no": "Int64", "subsection_title": "str",
    "text": "str", "clause": "str", "time_limit": "str", "line": "int64",
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
    "doc_id": "str", "source": "str", "encoding": "str", "title": "str",
    "notice_title": "str", "issuer": "str", "doc_number": "str", "date": "str",
    "year": "Int64", "recipients": "str", "index_no": "str", "preamble": "str",
    "closing": "str", "n_sections": "int64", "n_tasks": "int64", "n_units": "int64",
    "n_responsibilities": "int64", "n_unassigned": "int64", "warnings": "str",
}


def _frame(rows: list[dict], columns: dict) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns))
    return frame.astype(columns)


def tasks_frame(rows: list[dict]) -> pd.DataFrame:
    """The tasks table from parser rows (no tokens yet)."""
    return _frame(rows, TASK_COLUMNS)


def responsibilities_frame(rows: list[dict]) -> pd.DataFrame:
    """The responsibilities table from parser rows."""
    return _frame(rows, RESPONSIBILITY_COLUMNS)


def sections_frame(sections: list[dict], doc_id: str) -> pd.DataFrame:
    """The sections table: one row per section and sub-section header."""
    rows = []
    current = None
    for s in sections:
        if s["level"] == "section":
            current = s["number"]
        rows.append({"doc_id": doc_id, "level": s["level"], "number": s["number"],
                     "section_no": current if s["level"] == "subsection" else s["number"],
                     "title": s["title"], "framing": s["framing"], "intro": s["intro"] or None,
                     "line": s["line"]})
    return _frame(rows, SECTION_COLUMNS)


def meta_frame(record: dict) -> pd.DataFrame:
    """The one-row metadata table."""
    return _frame([{k: record.get(k) for k in META_COLUMNS}], META_COLUMNS)


def with_tokens(tasks: pd.DataFrame, segmenter, *, top_k: int = 5) -> pd.DataFrame:
    """Return `tasks` with ``tokens`` and ``keywords`` (lists of str) added.

    The input is not changed.
    """
    tokens = [segmenter.tokens(text) for text in tasks["text"].fillna("")]
    keywords = [segmenter.keywords(t, top_k=top_k) for t in tokens]
    return tasks.assign(tokens=pd.Series(tokens, index=tasks.index, dtype=object),
                        keywords=pd.Series(keywords, index=tasks.index, dtype=object))
