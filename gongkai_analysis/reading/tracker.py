"""A filled tracker workbook, read back and checked cell by cell.

The tracker is how units report on themselves, so reading it back must not
let a row vanish or a value change unnoticed.  Every problem of the sheet is
collected and reported at once — an unknown status, an ambiguous date, a
merged or blank cell, a formula with no saved value, a duplicated, missing
or extra obligation — each naming its cell, so a unit fixes them all in one
pass.

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

import pandas as pd

from ..errors import TrackerError
from ..patterns import TRACKER_DATE
from ..schema import TRACKER_HEADERS as COLUMNS
from ..schema import TRACKER_SHEET as SHEET
from ..vocab import STATUS_DTYPE, STATUSES

_HEADERS_BACK = {v: k for k, v in COLUMNS.items()}
_REQUIRED = ("task_id", "unit", "status")
#: Columns whose cells carry the obligation and its result: never merged.
_KEY_CELLS = ("task_id", "unit", "status", "completed_on")
#: The header row is looked for in the first rows (a title and a note may come first).
_HEADER_SEARCH = 10
#: Completion dates outside these years are typing slips (9999-12-31), not dates.
DATE_YEARS = (1990, 2100)
#: At most this many problems are spelt out in the message (all are in ``.problems``).
MESSAGE_PROBLEMS = 30


def read_tracker(path: str | os.PathLike[str], *, doc=None) -> pd.DataFrame:
    """Read a filled tracker back and check every cell.

    Parameters
    ----------
    path : path
        An .xlsx written by :func:`~gongkai_analysis.tracker_template` (and filled in).
    doc : Document, optional
        When given, the rows must be exactly the document's obligations: every
        (task, unit) of the document once, and nothing else.

    Returns
    -------
    DataFrame
        One row per obligation: ``doc_id``, ``task_id``, ``unit``, ``status``
        (ordered categorical, NA when not filled in), ``completed_on`` and the
        other columns of the sheet.

    Raises
    ------
    TrackerError
        Listing every problem of the sheet at once, each with its cell
        (``跟踪表!H7``): an unknown status, an ambiguous or implausible date,
        a blank task or unit cell, a merged cell, a formula with no saved
        value, a duplicated obligation, an obligation the document does not
        have or one it has that the sheet lacks.  The list is also in the
        error's ``problems`` attribute as ``(cell, message)`` pairs.  A file
        that is not a workbook, a sheet without the needed columns and a
        sheet without rows are refused too.

    Examples
    --------
    >>> import tempfile, gongkai_analysis as gk
    >>> from openpyxl import load_workbook
    >>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
    >>> path = gk.tracker_template(doc, tempfile.mkdtemp() + "/t.xlsx")
    >>> wb = load_workbook(path)
    >>> wb["跟踪表"]["G4"] = "完成了"
    >>> wb["跟踪表"].delete_rows(5)
    >>> wb.save(path)
    >>> read_tracker(path, doc=doc)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.TrackerError: ...t.xlsx:跟踪表: 2 problems: 跟踪表!G4: unknown status '完成了' ...; 跟踪表: obligation 1 × 产促局 is missing (no row for it)
    """
    from openpyxl import load_workbook

    path = Path(path)
    source = str(path)
    try:
        wb = load_workbook(path, data_only=True)
        formulas = load_workbook(path, data_only=False)
    except FileNotFoundError:
        raise TrackerError("no such file", source=source) from None
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise TrackerError(f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})", source=source) from None
    title = SHEET if SHEET in wb.sheetnames else wb.sheetnames[0]
    ws, ws_formulas = wb[title], formulas[title]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header_at = _header_row(rows)
    if header_at is None:
        found = [c for c in (str(v).strip() for v in (rows[0] if rows else []) if v is not None) if c]
        missing = [COLUMNS[c] for c in _REQUIRED if COLUMNS[c] not in found]
        raise TrackerError(f"sheet {title} lacks the column(s) {', '.join(missing) or '、'.join(COLUMNS[c] for c in _REQUIRED)}",
                           source=source, line=f"{title}!1")
    header = [str(h).strip() if h is not None else "" for h in rows[header_at]]
    names = [_HEADERS_BACK.get(h, h or f"_{i}") for i, h in enumerate(header)]
    letter = {n: _letter(i + 1) for i, n in enumerate(names)}
    problems: list[tuple[str, str]] = []

    def problem(cell: str, message: str) -> None:
        problems.append((f"{title}!{cell}" if cell else title, message))

    first_body = header_at + 2  # Excel row number of the first row under the header
    _merged(ws, names, first_body, problem)
    _formulas(ws, ws_formulas, first_body, problem)
    body, excel_rows = [], []
    for row_no, row in enumerate(rows[header_at + 1:], start=first_body):
        if all(_blank(v) for v in row):
            continue
        body.append(row[:len(names)] + [None] * (len(names) - len(row)))
        excel_rows.append(row_no)
    if not body:
        raise TrackerError(f"sheet {title} has no rows under its header: a tracker lists every obligation",
                           source=source, line=f"{title}!{first_body}")
    frame = pd.DataFrame(body, columns=names, dtype=object)
    for i, row_no in enumerate(excel_rows):
        for column in ("task_id", "unit"):
            if _blank(frame.at[i, column]):
                problem(f"{letter[column]}{row_no}", f"empty {COLUMNS[column]}")
    frame["task_id"] = frame["task_id"].map(_text_id)
    frame["unit"] = frame["unit"].map(lambda v: None if _blank(v) else str(v).strip())
    statuses = []
    for i, (row_no, value) in enumerate(zip(excel_rows, frame["status"])):
        status = None if _blank(value) else str(value).strip()
        if status is not None and status not in STATUSES:
            problem(f"{letter['status']}{row_no}", f"unknown status {value!r} (expected one of {'、'.join(STATUSES)})")
            status = None
        statuses.append(status)
    frame["status"] = pd.Series(statuses, dtype=STATUS_DTYPE)
    if "completed_on" in frame.columns:
        dates = []
        for row_no, value in zip(excel_rows, frame["completed_on"]):
            date, message = _date(value)
            if message:
                problem(f"{letter['completed_on']}{row_no}", message)
            dates.append(date)
        frame["completed_on"] = pd.to_datetime(pd.Series(dates, dtype=object))
    doc_id = _doc_id(wb, frame, doc)
    if doc is not None and doc_id and doc_id != doc.doc_id:
        raise TrackerError(f"this tracker is for {doc_id}, not for {doc.doc_id}", source=source)
    if "doc_id" not in frame.columns or frame["doc_id"].map(_blank).all():
        frame["doc_id"] = doc_id
    frame["doc_id"] = frame["doc_id"].map(lambda v: "" if _blank(v) else str(v).strip()).astype(str)
    keyed = frame["task_id"].notna() & frame["unit"].notna()
    key = ["doc_id", "task_id", "unit"]
    seen: dict[tuple, list[int]] = {}
    for i in range(len(frame)):
        if keyed.iat[i]:
            seen.setdefault(tuple(frame.loc[i, key]), []).append(excel_rows[i])
    for k, rows_of in seen.items():
        if len(rows_of) > 1:
            problem(f"{rows_of[0]}", f"obligation {k[1]} × {k[2]} appears more than once (rows {', '.join(map(str, rows_of))})")
    if doc is not None:
        _check_obligations(frame, doc, seen, letter, problem)
    if problems:
        raise _error(problems, source, title)
    if "dimensions" in frame.columns:
        frame["dimensions"] = frame["dimensions"].map(lambda v: [d for d in str(v).split("、") if d] if not _blank(v) else [])
    for column in ("evidence", "note", "role", "section", "task", "source", "unit"):
        if column in frame.columns:
            frame[column] = frame[column].map(lambda v: None if _blank(v) else str(v)).astype("str")
    frame = frame[[c for c in frame.columns if not c.startswith("_")]]
    frame.attrs["source"] = source
    return frame


def _header_row(rows: list[list]) -> int | None:
    """Index of the first row that holds the required headers."""
    wanted = {COLUMNS[c] for c in _REQUIRED}
    for i, row in enumerate(rows[:_HEADER_SEARCH]):
        if wanted <= {str(v).strip() for v in row if v is not None}:
            return i
    return None


def _merged(ws, names: list[str], first_body: int, problem) -> None:
    """A merged range over an obligation's cells hides which row a value belongs to."""
    columns = {i + 1: n for i, n in enumerate(names) if n in _KEY_CELLS}
    for merged in ws.merged_cells.ranges:
        if merged.max_row < first_body:
            continue
        hit = [columns[c] for c in range(merged.min_col, merged.max_col + 1) if c in columns]
        if hit:
            problem(merged.coord, f"merged cells in {'、'.join(COLUMNS[h] for h in hit)}: each obligation needs its own cell")


def _formulas(ws, ws_formulas, first_body: int, problem) -> None:
    """A formula whose value was never saved reads as empty: refuse it rather than score it 0."""
    for row in ws_formulas.iter_rows(min_row=first_body):
        for cell in row:
            if cell.data_type == "f" and ws[cell.coordinate].value is None:
                problem(cell.coordinate, f"a formula ({cell.value}) with no saved value: type the value itself")


def _check_obligations(frame: pd.DataFrame, doc, seen: dict, letter: dict, problem) -> None:
    """The rows must be the document's obligations, each once: none missing, none extra."""
    resp = doc.responsibilities
    expected = list(dict.fromkeys(zip(resp["doc_id"].astype(str), resp["task_id"].astype(str), resp["unit"].astype(str))))
    known = set(expected)
    for k, rows_of in seen.items():
        if k not in known:
            where = k[0] or doc.doc_id
            same_task = sorted({u for d, t, u in expected if t == k[1] and d == k[0]})
            hint = f" (its units: {'、'.join(same_task)})" if same_task else " (the document has no such task)"
            problem(f"{letter['unit']}{rows_of[0]}", f"task {k[1]} × {k[2]} is not an obligation of {where}{hint}")
    for k in expected:
        if k not in seen:
            problem("", f"obligation {k[1]} × {k[2]} is missing (no row for it)")


def _error(problems: list[tuple[str, str]], source: str, title: str) -> TrackerError:
    if len(problems) == 1:
        cell, message = problems[0]
        error = TrackerError(message, source=source, line=cell)
    else:
        shown = "; ".join(f"{cell}: {message}" for cell, message in problems[:MESSAGE_PROBLEMS])
        more = f"; and {len(problems) - MESSAGE_PROBLEMS} more" if len(problems) > MESSAGE_PROBLEMS else ""
        error = TrackerError(f"{len(problems)} problems: {shown}{more}", source=source, line=title)
    error.problems = problems
    return error


def _doc_id(wb, frame: pd.DataFrame, doc) -> str:
    """The document the tracker is for: named once in the workbook, else the one given."""
    identifier = (wb.properties.identifier or "").strip()
    if identifier:
        return identifier
    return doc.doc_id if doc is not None else ""


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _text_id(value) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value) -> tuple[dt.datetime | None, str | None]:
    """A completion date, or the reason it is not one (nothing is guessed)."""
    if _blank(value):
        return None, None
    if isinstance(value, dt.datetime | dt.date):
        date = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, bool | int | float):
        return None, f"not a date: {value!r} is a number (write the date as YYYY-MM-DD)"
    else:
        match = TRACKER_DATE.match(str(value))
        if not match:
            return None, f"not a date: {value!r} is ambiguous or incomplete (write it as YYYY-MM-DD)"
        try:
            date = dt.datetime(*map(int, match.groups()))
        except ValueError:
            return None, f"not a date: {value!r} has no such day (write it as YYYY-MM-DD)"
    if not DATE_YEARS[0] <= date.year <= DATE_YEARS[1]:
        shown = date.date().isoformat() if isinstance(value, dt.date) else repr(value)
        return None, f"not a plausible date: {shown} (expected a year from {DATE_YEARS[0]} to {DATE_YEARS[1]})"
    return date, None
