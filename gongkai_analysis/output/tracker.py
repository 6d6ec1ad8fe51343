"""The tracker workbook units fill in: a status drop-down on every row, dates and evidence.

Examples
--------
>>> import tempfile, gongkai_analysis as gk
>>> from openpyxl import load_workbook
>>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
>>> path = tracker_template(doc, tempfile.mkdtemp() + "/tracker.xlsx")
>>> load_workbook(path)["跟踪表"].max_row
133
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..analysis.appraisal import tracker_frame
from ..schema import TRACKER_HEADERS as COLUMNS
from ..schema import TRACKER_SHEET as SHEET
from ..vocab import STATUSES


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
