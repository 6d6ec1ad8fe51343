"""A filled tracker workbook, read back and checked row by row.

Examples
--------
>>> import tempfile, gongkai_analysis as gk
>>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
>>> path = gk.write_tracker(gk.simulate_tracker(doc, seed=0), tempfile.mkdtemp() + "/t.xlsx")
>>> read_tracker(path, doc=doc)["status"].value_counts()["按时完成"]
np.int64(74)
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import TrackerError
from ..schema import TRACKER_HEADERS as COLUMNS
from ..schema import TRACKER_SHEET as SHEET
from ..vocab import STATUS_DTYPE, STATUSES

_HEADERS_BACK = {v: k for k, v in COLUMNS.items()}
_REQUIRED = ("task_id", "unit", "status")


def read_tracker(path: str | os.PathLike[str], *, doc=None) -> pd.DataFrame:
    """Read a filled tracker back and check every row.

    Parameters
    ----------
    path : path
        An .xlsx written by :func:`tracker_template` (and filled in).
    doc : Document, optional
        When given, every (task, unit) must be one of the document's obligations.

    Raises
    ------
    TrackerError
        Naming the file and cell (``跟踪表!H7``) of an unknown status or a bad
        date, the rows of a duplicated obligation, an obligation the document
        does not have, or the missing columns.
    """
    from openpyxl import load_workbook

    path = Path(path)
    source = str(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise TrackerError("no such file", source=source) from None
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise TrackerError(f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})", source=source) from None
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    wb.close()
    if not rows:
        raise TrackerError(f"sheet {ws.title} is empty", source=source)
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    names = [_HEADERS_BACK.get(h, h) for h in header]
    missing = [COLUMNS[c] for c in _REQUIRED if c not in names]
    if missing:
        raise TrackerError(f"sheet {ws.title} lacks the column(s) {', '.join(missing)}", source=source, line=f"{ws.title}!1")
    body = [r for r in rows[1:] if any(v not in (None, "") for v in r)]
    frame = pd.DataFrame(body, columns=names, dtype=object)
    letters = {n: _letter(i + 1) for i, n in enumerate(names)}
    excel_rows = [i + 2 for i, r in enumerate(rows[1:]) if any(v not in (None, "") for v in r)]
    frame["task_id"] = frame["task_id"].map(lambda v: _text_id(v))
    frame["unit"] = frame["unit"].map(lambda v: None if v is None else str(v).strip())
    for i, (row_no, status) in enumerate(zip(excel_rows, frame["status"])):
        if status is not None and str(status).strip() and str(status).strip() not in STATUSES:
            raise TrackerError(f"unknown status {status!r} (expected one of {'、'.join(STATUSES)})",
                             source=source, line=f"{ws.title}!{letters['status']}{row_no}")
        if not frame.at[i, "task_id"] or not frame.at[i, "unit"]:
            column = "task_id" if not frame.at[i, "task_id"] else "unit"
            raise TrackerError(f"empty {COLUMNS[column]}", source=source, line=f"{ws.title}!{letters[column]}{row_no}")
    frame["status"] = frame["status"].map(lambda s: str(s).strip() if s not in (None, "") else None).astype(STATUS_DTYPE)
    if "completed_on" in frame.columns:
        frame["completed_on"] = [
            _date(v, source, f"{ws.title}!{letters['completed_on']}{row_no}") for v, row_no in zip(frame["completed_on"], excel_rows)
        ]
        frame["completed_on"] = pd.to_datetime(frame["completed_on"])
    if "doc_id" not in frame.columns:
        frame["doc_id"] = doc.doc_id if doc is not None else ""
    frame["doc_id"] = frame["doc_id"].fillna("").astype(str)
    key = ["doc_id", "task_id", "unit"]
    duplicated = frame.duplicated(key, keep=False)
    if duplicated.any():
        rows_dup = [excel_rows[i] for i in np.flatnonzero(duplicated.to_numpy())]
        first = frame.loc[duplicated, key].iloc[0].tolist()
        raise TrackerError(f"obligation {first[1]} × {first[2]} appears more than once (rows {', '.join(map(str, rows_dup))})",
                         source=source, line=f"{ws.title}!{rows_dup[0]}")
    if doc is not None:
        known = set(map(tuple, doc.responsibilities[key].astype(str).to_numpy()))
        for i, k in enumerate(map(tuple, frame[key].astype(str).to_numpy())):
            if k not in known:
                raise TrackerError(f"task {k[1]} × {k[2]} is not an obligation of {k[0] or doc.doc_id}",
                                 source=source, line=f"{ws.title}!{excel_rows[i]}")
    if "dimensions" in frame.columns:
        frame["dimensions"] = frame["dimensions"].map(lambda v: [d for d in str(v).split("、") if d] if v else [])
    for column in ("evidence", "note", "role", "section", "task", "source", "unit"):
        if column in frame.columns:
            frame[column] = frame[column].map(lambda v: None if v is None else str(v)).astype("str")
    frame.attrs["source"] = source
    return frame


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _text_id(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


def _date(value, source: str, cell: str):
    if value in (None, ""):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    try:
        return pd.Timestamp(str(value).strip()).to_pydatetime()
    except (ValueError, TypeError):
        raise TrackerError(f"not a date: {value!r} (expected YYYY-MM-DD)", source=source, line=cell) from None
