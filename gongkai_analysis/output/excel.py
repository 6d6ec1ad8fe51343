"""Writing DataFrames into openpyxl sheets safely and readably.

Text from a document or a tracker is data, never a formula: a string that
starts with ``=`` ``+`` ``-`` ``@``, a tab or a carriage return is stored as a
string cell with Excel's quote prefix, so Excel neither evaluates it nor turns
it into a formula when someone edits the cell.  Numbers stay numbers.

Examples
--------
>>> from openpyxl import Workbook
>>> ws = Workbook().active
>>> cell = write_cell(ws, 1, 1, "=HYPERLINK(\\"http://x\\")")
>>> cell.data_type, cell.quotePrefix, cell.value
('s', True, '=HYPERLINK("http://x")')
>>> write_cell(ws, 1, 2, 4.5).data_type
'n'
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata

import numpy as np
import pandas as pd

#: First characters that make Excel read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = "DDE6F0"


def is_formula_like(value: object) -> bool:
    """True for text Excel would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def cell_value(value: object) -> object:
    """Turn pandas and numpy values into what openpyxl writes (None for missing)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (list, tuple, np.ndarray)):
        return "、".join(str(v) for v in value)
    if isinstance(value, np.generic):
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, (bool, int, float, str, dt.date, dt.datetime)):
        return value
    return str(value)


def write_cell(ws, row: int, column: int, value: object):
    """Write one value; formula-like text stays text (see the module docs)."""
    value = cell_value(value)
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def display_width(text: object) -> int:
    """Width of `text` in Excel columns: East Asian wide characters count two."""
    text = "" if text is None else str(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def write_frame(ws, frame: pd.DataFrame, *, headers: dict[str, str] | None = None, start_row: int = 1,
                max_width: int = 40, wrap: bool = True) -> tuple[int, int]:
    """Write `frame` (header row and values) with a frozen header, filter and fitted widths.

    Returns the first and last row written.  Long text wraps within
    `max_width`; the header row repeats on every printed page.
    """
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    headers = headers or {}
    names = [headers.get(c, c) for c in frame.columns]
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    align = Alignment(wrap_text=wrap, vertical="top")
    for j, name in enumerate(names, start=1):
        cell = write_cell(ws, start_row, j, name)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i, row in enumerate(frame.itertuples(index=False), start=start_row + 1):
        for j, value in enumerate(row, start=1):
            write_cell(ws, i, j, value).alignment = align
    last = start_row + len(frame)
    for j, name in enumerate(names, start=1):
        values = [name, *(cell_value(v) for v in frame.iloc[:, j - 1].tolist()[:500])]
        width = max((display_width(v) for v in values), default=8)
        ws.column_dimensions[get_column_letter(j)].width = min(max(width + 2, 6), max_width)
    fit_row_heights(ws, start_row, last, len(frame.columns))
    ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
    if len(frame.columns):
        ws.auto_filter.ref = f"A{start_row}:{get_column_letter(len(frame.columns))}{max(last, start_row)}"
    ws.print_title_rows = f"{start_row}:{start_row}"
    return start_row, last


def fit_row_heights(ws, first: int, last: int, columns: int, *, line_height: float = 15.0) -> None:
    """Set each row's height to show its wrapped text (Excel and LibreOffice do not on opening)."""
    from openpyxl.utils import get_column_letter

    widths = [ws.column_dimensions[get_column_letter(j)].width or 8.43 for j in range(1, columns + 1)]
    for row in range(first, last + 1):
        lines = 1
        for j, width in enumerate(widths, start=1):
            value = ws.cell(row=row, column=j).value
            if isinstance(value, str):
                per_line = max(int(width) - 1, 1)
                lines = max(lines, sum(-(-display_width(part) // per_line) or 1 for part in value.split("\n")))
        ws.row_dimensions[row].height = min(line_height * lines, 409)


def print_setup(ws, *, landscape: bool = True, fit_width: bool = True) -> None:
    """A4, landscape by default, fitted one page wide."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
