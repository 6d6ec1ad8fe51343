"""The appraisal tracker: one row per obligation (task × unit), kept in Excel.

Item 64 of the Dongcheng plan makes 政务公开 weigh at least 4% of each unit's
performance appraisal.  :func:`tracker_template` writes a workbook for the
people who report progress — with a drop-down of the five statuses, date and
evidence columns — and :func:`read_tracker` reads a filled one back,
checking every row.  :func:`simulate_tracker` makes a seeded example for
demonstration; its rows say ``模拟`` in the 数据来源 column.

Examples
--------
>>> import gongkai_analysis as gk
>>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT)
>>> frame = tracker_frame(doc)
>>> len(frame), bool(frame["status"].isna().all())
(132, True)
>>> simulate_tracker(doc, seed=0)["status"].value_counts().sort_index().to_dict()
{'按时完成': 74, '逾期完成': 28, '部分完成': 8, '未完成': 11, '不适用': 11}
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import ParseError

#: The statuses of the drop-down, best first.
STATUSES = ("按时完成", "逾期完成", "部分完成", "未完成", "不适用")
STATUS_DTYPE = pd.CategoricalDtype(list(STATUSES), ordered=True)
#: Internal column → header in the workbook.
COLUMNS = {
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
ROLE_NAMES = {"lead": "牵头", "responsible": "负责", "support": "配合"}
SOURCE_REAL, SOURCE_SIMULATED = "填报", "模拟"
SHEET = "跟踪表"
_HEADERS_BACK = {v: k for k, v in COLUMNS.items()}
_REQUIRED = ("task_id", "unit", "status")


def tracker_frame(doc) -> pd.DataFrame:
    """The empty tracker: one row per (task, unit), the unit's first role on the task."""
    from .dimensions import classify_dimensions

    resp = doc.responsibilities.sort_values("role", kind="stable")
    obligations = resp.drop_duplicates(["doc_id", "task_id", "unit"], keep="first")
    order = doc.tasks[["doc_id", "task_id", "seq"]]
    obligations = obligations.merge(order, on=["doc_id", "task_id"]).sort_values(["doc_id", "seq", "role"], kind="stable")
    tasks = doc.tasks.set_index(["doc_id", "task_id"])
    if "tokens" in doc.tasks.columns:
        dims = classify_dimensions(doc.tasks).reset_index()
        if "doc_id" not in dims.columns:
            dims.insert(0, "doc_id", doc.tasks["doc_id"].iloc[0])
        dims = dims.set_index(["doc_id", "task_id"])["dimensions"]
    else:
        dims = pd.Series([[]] * len(tasks), index=tasks.index)
    keys = list(zip(obligations["doc_id"], obligations["task_id"]))
    frame = pd.DataFrame({
        "doc_id": obligations["doc_id"].to_numpy(),
        "task_id": obligations["task_id"].to_numpy(),
        "unit": obligations["unit"].to_numpy(),
        "role": obligations["role"].astype(str).map(ROLE_NAMES).to_numpy(),
        "section": [f"{tasks.loc[k, 'section_no']} {tasks.loc[k, 'section_title']}" for k in keys],
        "task": [tasks.loc[k, "text"] for k in keys],
        "dimensions": [list(dims.loc[k]) for k in keys],
        "status": pd.Series([pd.NA] * len(keys), dtype=STATUS_DTYPE),
        "completed_on": pd.Series([pd.NaT] * len(keys), dtype="datetime64[ns]"),
        "evidence": pd.Series([None] * len(keys), dtype="str"),
        "note": pd.Series([None] * len(keys), dtype="str"),
        "source": SOURCE_REAL,
    })
    return frame.reset_index(drop=True)


def simulate_tracker(doc, *, seed: int = 0, year: int | None = None) -> pd.DataFrame:
    """A filled tracker with seeded random statuses, for demonstration only.

    Each unit gets its own propensity to finish on time, so units differ.
    Every row says 模拟 in ``source``; never present these as real results.
    """
    rng = np.random.default_rng(seed)
    frame = tracker_frame(doc)
    year = year or int(doc.meta["year"].dropna().iloc[0]) if doc.meta["year"].notna().any() else 2017
    units = sorted(frame["unit"].unique())
    propensity = dict(zip(units, rng.beta(3.5, 1.4, size=len(units))))
    statuses = []
    for unit in frame["unit"]:
        p = propensity[unit]
        weights = np.array([p, (1 - p) * 0.45, (1 - p) * 0.25, (1 - p) * 0.3, 0.0]) * 0.96
        weights[-1] = 0.04
        statuses.append(rng.choice(STATUSES, p=weights / weights.sum()))
    frame["status"] = pd.Series(statuses, dtype=STATUS_DTYPE)
    done = frame["status"].isin(["按时完成", "逾期完成", "部分完成"])
    days = rng.integers(0, 365, size=len(frame))
    frame["completed_on"] = pd.to_datetime([dt.date(year, 1, 1) + dt.timedelta(days=int(d)) if ok else None
                                            for d, ok in zip(days, done)])
    frame["evidence"] = [f"https://example.invalid/{year}/{t}/{i}" if ok else None
                         for i, (t, ok) in enumerate(zip(frame["task_id"], done))]
    frame["evidence"] = frame["evidence"].astype("str")
    frame["source"] = SOURCE_SIMULATED
    return frame


def tracker_template(doc, path: str | os.PathLike[str]) -> Path:
    """Write the empty tracker of `doc` to an Excel file and return its path."""
    return write_tracker(tracker_frame(doc), path)


def write_tracker(tracker: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a tracker (empty or filled) with a status drop-down on every row."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    from .excel import print_setup, write_frame

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    frame = tracker[[c for c in COLUMNS if c in tracker.columns]]
    first, last = write_frame(ws, frame, headers=COLUMNS)
    for name in ("task", "section"):
        if name in frame.columns:
            letter = ws.cell(row=1, column=frame.columns.get_loc(name) + 1).column_letter
            ws.column_dimensions[letter].width = 50 if name == "task" else 24
    status_col = frame.columns.get_loc("status") + 1
    letter = ws.cell(row=1, column=status_col).column_letter
    rows = max(last, first + 1)
    validation = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="完成状态",
                                error="请从下拉列表中选择：" + "、".join(STATUSES))
    validation.add(f"{letter}{first + 1}:{letter}{rows}")
    ws.add_data_validation(validation)
    if "completed_on" in frame.columns:
        date_letter = ws.cell(row=1, column=frame.columns.get_loc("completed_on") + 1).column_letter
        for row in range(first + 1, last + 1):
            ws[f"{date_letter}{row}"].number_format = "yyyy-mm-dd"
        ws.column_dimensions[date_letter].width = 12
    print_setup(ws)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


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
    ParseError
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
        raise ParseError("no such file", source=source) from None
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise ParseError(f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})", source=source) from None
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    wb.close()
    if not rows:
        raise ParseError(f"sheet {ws.title} is empty", source=source)
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    names = [_HEADERS_BACK.get(h, h) for h in header]
    missing = [COLUMNS[c] for c in _REQUIRED if c not in names]
    if missing:
        raise ParseError(f"sheet {ws.title} lacks the column(s) {', '.join(missing)}", source=source, line=f"{ws.title}!1")
    body = [r for r in rows[1:] if any(v not in (None, "") for v in r)]
    frame = pd.DataFrame(body, columns=names, dtype=object)
    letters = {n: _letter(i + 1) for i, n in enumerate(names)}
    excel_rows = [i + 2 for i, r in enumerate(rows[1:]) if any(v not in (None, "") for v in r)]
    frame["task_id"] = frame["task_id"].map(lambda v: _text_id(v))
    frame["unit"] = frame["unit"].map(lambda v: None if v is None else str(v).strip())
    for i, (row_no, status) in enumerate(zip(excel_rows, frame["status"])):
        if status is not None and str(status).strip() and str(status).strip() not in STATUSES:
            raise ParseError(f"unknown status {status!r} (expected one of {'、'.join(STATUSES)})",
                             source=source, line=f"{ws.title}!{letters['status']}{row_no}")
        if not frame.at[i, "task_id"] or not frame.at[i, "unit"]:
            column = "task_id" if not frame.at[i, "task_id"] else "unit"
            raise ParseError(f"empty {COLUMNS[column]}", source=source, line=f"{ws.title}!{letters[column]}{row_no}")
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
        raise ParseError(f"obligation {first[1]} × {first[2]} appears more than once (rows {', '.join(map(str, rows_dup))})",
                         source=source, line=f"{ws.title}!{rows_dup[0]}")
    if doc is not None:
        known = set(map(tuple, doc.responsibilities[key].astype(str).to_numpy()))
        for i, k in enumerate(map(tuple, frame[key].astype(str).to_numpy())):
            if k not in known:
                raise ParseError(f"task {k[1]} × {k[2]} is not an obligation of {k[0] or doc.doc_id}",
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
        raise ParseError(f"not a date: {value!r} (expected YYYY-MM-DD)", source=source, line=cell) from None
