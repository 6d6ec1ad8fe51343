"""The tracker workbook units fill in: one row per obligation, sorted by unit then task.

The document is named once, in a title line above the table (and in the
workbook's properties, where :func:`~gongkai_analysis.read_tracker` finds it),
not in every row.  Each unit's rows sit together in the order of the plan's
tasks, with a status drop-down, a date column and room for evidence and notes.

Examples
--------
>>> import tempfile, gongkai_analysis as gk
>>> from openpyxl import load_workbook
>>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
>>> ws = load_workbook(tracker_template(doc, tempfile.mkdtemp() + "/tracker.xlsx"))["跟踪表"]
>>> ws.max_row, ws["A1"].value
(135, '东城区2017年政务公开工作要点（东政办发〔2017〕13号）完成情况跟踪表')
>>> [c.value for c in ws[3]][:3]
['责任单位', '任务编号', '角色']
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..analysis.appraisal import tracker_frame
from ..schema import TRACKER_HEADERS as COLUMNS
from ..schema import TRACKER_SHEET as SHEET
from ..vocab import STATUSES

#: The sheet's columns, left to right: a unit finds its block first, then the task.
LAYOUT = ("doc_id", "unit", "task_id", "role", "section", "task", "dimensions", "status", "completed_on",
          "evidence", "note", "source")
#: Widths (Excel columns) of the columns a unit writes in or reads most.
WIDTHS = {"unit": 14, "task_id": 6, "role": 5, "section": 12, "task": 44, "dimensions": 10, "status": 9,
          "completed_on": 11, "evidence": 13, "note": 11, "source": 6}
#: What the unit is asked to do, in words (no command line).
INSTRUCTION = ("填写说明：每个单位只填本单位的行。“完成状态”从下拉列表选择；“完成日期”写成 2017-06-30 的形式；"
               "请勿增删行、合并单元格或改动前三列。")


def tracker_template(doc, path: str | os.PathLike[str], *, tracker: pd.DataFrame | None = None) -> Path:
    """Write the empty tracker of `doc` (or `tracker`, filled) to an Excel file and return its path.

    Parameters
    ----------
    doc : Document
        One parsed plan; it names the sheet.
    path : path
        The .xlsx to write.
    tracker : DataFrame, optional
        A filled tracker of `doc` (such as :func:`~gongkai_analysis.simulate_tracker`)
        instead of the empty one.

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile, gongkai_analysis as gk
    >>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
    >>> tracker_template(doc, tempfile.mkdtemp() + "/t.xlsx").suffix
    '.xlsx'
    """
    title = _title(doc.meta) if len(doc.meta) == 1 else None
    return write_tracker(tracker_frame(doc) if tracker is None else tracker, path, title=title)


def write_tracker(tracker: pd.DataFrame, path: str | os.PathLike[str], *, title: str | None = None) -> Path:
    """Write a tracker (empty or filled), sorted by unit then task, with a status drop-down on every row.

    Parameters
    ----------
    tracker : DataFrame
        :func:`~gongkai_analysis.tracker_frame` or a filled one.
    path : path
        The .xlsx to write.
    title : str, optional
        The document's name for the title line (default: its ``doc_id``).

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile, gongkai_analysis as gk
    >>> from openpyxl import load_workbook
    >>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
    >>> ws = load_workbook(write_tracker(gk.tracker_frame(doc), tempfile.mkdtemp() + "/t.xlsx"))["跟踪表"]
    >>> ws["A4"].value, ws["B4"].value, ws["A1"].value
    ('东城园管委会', '31', 'dongcheng-2017-zhengwu-gongkai-gongzuo-yaodian 完成情况跟踪表')
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from .excel import print_setup, write_cell, write_frame

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    doc_ids = tracker["doc_id"].dropna().unique().tolist() if "doc_id" in tracker.columns else []
    one_doc = len(doc_ids) == 1
    columns = [c for c in LAYOUT if c in tracker.columns and not (c == "doc_id" and one_doc)]
    # a unit's rows together, in the plan's order of tasks (the frame's order) within it
    frame = tracker.sort_values("unit", kind="stable")[columns] if len(tracker) else tracker[columns]
    name = title or (doc_ids[0] if one_doc else "")
    heading = f"{name} 完成情况跟踪表" if not title else f"{title}完成情况跟踪表"
    write_cell(ws, 1, 1, heading.strip()).font = Font(bold=True, size=13)
    note = write_cell(ws, 2, 1, INSTRUCTION)
    note.alignment = Alignment(wrap_text=False, vertical="center")
    first, last = write_frame(ws, frame, headers=COLUMNS, start_row=3, max_width=48)
    for column, width in WIDTHS.items():
        if column in frame.columns:
            ws.column_dimensions[ws.cell(row=first, column=frame.columns.get_loc(column) + 1).column_letter].width = width
    from .excel import fit_row_heights

    fit_row_heights(ws, first + 1, last, len(frame.columns))
    status = ws.cell(row=first, column=frame.columns.get_loc("status") + 1).column_letter
    validation = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="完成状态",
                                error="请从下拉列表中选择：" + "、".join(STATUSES))
    validation.add(f"{status}{first + 1}:{status}{max(last, first + 1)}")
    ws.add_data_validation(validation)
    if "completed_on" in frame.columns:
        date = ws.cell(row=first, column=frame.columns.get_loc("completed_on") + 1).column_letter
        for row in range(first + 1, last + 1):
            ws[f"{date}{row}"].number_format = "yyyy-mm-dd"
    if one_doc:
        wb.properties.identifier = str(doc_ids[0])
    wb.properties.title = heading.strip()
    print_setup(ws, title=name, fit_width=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _title(meta: pd.DataFrame) -> str:
    """The plan's title and 文号, as a person names it."""
    row = meta.iloc[0]
    title = row["title"] if isinstance(row["title"], str) and row["title"] else row["doc_id"]
    number = row["doc_number"] if isinstance(row["doc_number"], str) and row["doc_number"] else ""
    return f"{title}（{number}）" if number else str(title)
