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

from .tables import FORMULA_START
HEADER_FILL = "DDE6F0"


def is_formula_like(value: object) -> bool:
    """True for text Excel would read as a formula.

    Parameters
    ----------
    value : object
        A cell's value.

    Returns
    -------
    bool
        Whether `value` is a string starting with one of :data:`FORMULA_START`.

    Examples
    --------
    >>> is_formula_like("=1+1"), is_formula_like("-财政局"), is_formula_like("财政局"), is_formula_like(3)
    (True, True, False, False)
    """
    return isinstance(value, str) and value.startswith(FORMULA_START)


def cell_value(value: object) -> object:
    """Turn pandas and numpy values into what openpyxl writes (None for missing).

    Parameters
    ----------
    value : object
        A value from a DataFrame.

    Returns
    -------
    object
        None for a missing value, lists joined by ``、``, numpy scalars as
        Python ones, a Timestamp as a datetime, other unknown objects as text.

    Examples
    --------
    >>> cell_value(pd.NA), cell_value(float("nan")), cell_value(np.int64(3)), cell_value(["甲局", "乙局"])
    (None, None, 3, '甲局、乙局')
    >>> cell_value(pd.Timestamp("2024-05-01")), cell_value(np.datetime64("2024-05-01")), cell_value(np.datetime64("NaT"))
    (datetime.datetime(2024, 5, 1, 0, 0), datetime.datetime(2024, 5, 1, 0, 0), None)
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (list, tuple, np.ndarray)):
        return "、".join(str(v) for v in value)
    if isinstance(value, np.datetime64):  # .item() would give nanoseconds as an int, NaT as None-text
        return None if np.isnat(value) else pd.Timestamp(value).to_pydatetime()
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
    """Write one value; formula-like text stays text (see the module docs).

    Parameters
    ----------
    ws : Worksheet
        The sheet to write in.
    row, column : int
        The cell, counted from 1.
    value : object
        The value, converted by :func:`cell_value`.

    Returns
    -------
    openpyxl.cell.Cell
        The cell written.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> cell = write_cell(ws, 1, 1, "=SUM(A2:A3)")
    >>> cell.value, cell.data_type, cell.quotePrefix
    ('=SUM(A2:A3)', 's', True)
    >>> write_cell(ws, 2, 1, pd.NA).value is None
    True
    """
    value = cell_value(value)
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def display_width(text: object) -> int:
    """Width of `text` in Excel columns: East Asian wide characters count two.

    Parameters
    ----------
    text : object
        A cell's value (None counts as empty; anything else as its ``str``).

    Returns
    -------
    int

    Examples
    --------
    >>> display_width("政务ab"), display_width(None), display_width(12)
    (6, 0, 2)
    """
    text = "" if text is None else str(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


#: Printed text size (points) of tables and its floor: nothing prints smaller than 8 pt.
TABLE_PT = 9
MIN_PT = 8
#: Printable width and height of an A4 page at the margins below, in pixels at 96 dpi
#: (Excel's unit for column widths): 29.7 cm less 2 × 1 cm; 21 cm less 2 × 1.6 cm.
A4_PIXELS = {"landscape": (1047, 668), "portrait": (718, 997)}
MARGIN_SIDE_IN, MARGIN_TOP_IN, HEADER_IN = 0.4, 0.63, 0.25


def column_pixels(width: float) -> int:
    """Pixels of a column `width` (Excel's character units) at 96 dpi, as Excel and LibreOffice draw it.

    Parameters
    ----------
    width : float
        The column width in characters.

    Returns
    -------
    int

    Examples
    --------
    >>> column_pixels(10)
    75
    """
    return int(7 * width + 5)


def write_frame(ws, frame: pd.DataFrame, *, headers: dict[str, str] | None = None, start_row: int = 1,
                max_width: int = 40, wrap: bool = True, size: float = TABLE_PT,
                widths: dict[str, float] | None = None) -> tuple[int, int]:
    """Write `frame` (header row and values) with a frozen header, filter, fitted widths and row heights.

    Parameters
    ----------
    ws : Worksheet
        The sheet to write in.
    frame : DataFrame
        The table; its columns are written in order.
    headers : dict, optional
        Column → label shown to people.
    start_row : int
        Row of the header.
    max_width : int
        Widest a fitted column gets; longer text wraps.
    wrap : bool
        Wrap long text within the column.
    size : float
        Font size in points.
    widths : dict, optional
        Column → fixed width, instead of fitting it to its text.

    Returns
    -------
    tuple of int
        The header row and the last row written.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> write_frame(ws, pd.DataFrame({"a": ["x", "y"]}), headers={"a": "甲"})
    (1, 3)
    >>> ws["A1"].value, ws.print_title_rows, ws.auto_filter.ref
    ('甲', '$1:$1', 'A1:A3')
    """
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    headers, widths = headers or {}, widths or {}
    names = [headers.get(c, c) for c in frame.columns]
    bold, plain, fill = Font(bold=True, size=size), Font(size=size), PatternFill("solid", fgColor=HEADER_FILL)
    align = Alignment(wrap_text=wrap, vertical="top")
    for j, name in enumerate(names, start=1):
        cell = write_cell(ws, start_row, j, name)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i, row in enumerate(frame.itertuples(index=False), start=start_row + 1):
        for j, value in enumerate(row, start=1):
            cell = write_cell(ws, i, j, value)
            cell.alignment, cell.font = align, plain
    last = start_row + len(frame)
    for j, (column, name) in enumerate(zip(frame.columns, names), start=1):
        if column in widths:
            width = widths[column]
        else:
            values = [cell_value(v) for v in frame.iloc[:, j - 1].tolist()[:500]]
            longest = max((display_width(v) for v in values), default=0)
            # a header may wrap onto two lines; the values set the width
            width = min(max(longest + 2, -(-display_width(name) // 2) + 2, 5), max_width)
        ws.column_dimensions[get_column_letter(j)].width = width
    fit_row_heights(ws, start_row, last, len(frame.columns), size=size)
    ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
    if len(frame.columns):
        ws.auto_filter.ref = f"A{start_row}:{get_column_letter(len(frame.columns))}{max(last, start_row)}"
    ws.print_title_rows = f"{start_row}:{start_row}"
    return start_row, last


def drop_empty_columns(frame: pd.DataFrame, *, keep: tuple[str, ...] = ()) -> pd.DataFrame:
    """`frame` without the columns that hold nothing (NA or empty text), for a printed sheet.

    Parameters
    ----------
    frame : DataFrame
        The table to print.
    keep : tuple of str, default ()
        Columns kept even when empty.

    Returns
    -------
    DataFrame
        A new frame; `frame` is not changed.

    Examples
    --------
    >>> drop_empty_columns(pd.DataFrame({"a": [1], "b": [""], "c": [None]})).columns.tolist()
    ['a']
    >>> drop_empty_columns(pd.DataFrame({"a": [1], "b": [""], "c": [None]}), keep=("b",)).columns.tolist()
    ['a', 'b']
    """
    empty = [c for c in frame.columns if c not in keep
             and frame[c].map(lambda v: cell_value(v) in (None, "")).all()]
    return frame.drop(columns=empty)


def fit_row_heights(ws, first: int, last: int, columns: int, *, size: float = TABLE_PT) -> None:
    """Set each row's height to show its wrapped text (Excel and LibreOffice do not on opening).

    A wide (CJK) character is about `size` points wide, a narrow one half that;
    a line is 1.3 × `size` high.

    Parameters
    ----------
    ws : Worksheet
        The sheet, its column widths already set.
    first, last : int
        The first and last rows to fit.
    columns : int
        How many columns (from the first) to measure.
    size : float, default :data:`TABLE_PT`
        The font size in points.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> ws.column_dimensions["A"].width = 10
    >>> ws["A1"] = "政" * 12
    >>> fit_row_heights(ws, 1, 1, 1, size=9)
    >>> ws.row_dimensions[1].height
    38.1
    """
    line = round(size * 1.3 + 0.6, 1)
    unit = size * 4 / 3 / 2  # pixels of one display-width unit (half a CJK character)
    widths = [column_width(ws, j) for j in range(1, columns + 1)]
    for row in range(first, last + 1):
        lines = 1
        for j, width in enumerate(widths, start=1):
            value = ws.cell(row=row, column=j).value
            if isinstance(value, str):
                per_line = max(int((column_pixels(width) - 8) / unit), 1)
                lines = max(lines, sum(-(-display_width(part) // per_line) or 1 for part in value.split("\n")))
        ws.row_dimensions[row].height = min(round(line * lines + 1.2, 1), 409)


def column_width(ws, column: int) -> float:
    """The width of a column as Excel shows it: its own, else Excel's default 8.43.

    Parameters
    ----------
    ws : Worksheet
        The sheet.
    column : int
        The column, counted from 1.

    Returns
    -------
    float

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> column_width(Workbook().active, 1)
    8.43
    """
    from openpyxl.utils import get_column_letter

    dimension = ws.column_dimensions.get(get_column_letter(column))
    return dimension.width if dimension is not None and dimension.customWidth else 8.43


def sheet_pixels(ws, columns: int) -> int:
    """Printed width of the first `columns` columns, in pixels.

    Parameters
    ----------
    ws : Worksheet
        The sheet.
    columns : int
        How many columns, from the first.

    Returns
    -------
    int

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> ws.column_dimensions["A"].width = 10
    >>> sheet_pixels(ws, 2)  # the second column has the default width
    139
    """
    return sum(column_pixels(column_width(ws, j)) for j in range(1, columns + 1))


def print_setup(ws, *, title: str = "", landscape: bool = True, fit_width: bool = True,
                columns: int | None = None, size: float = TABLE_PT) -> None:
    """A4 with page numbers and the plan's title in header and footer.

    The sheet is fitted to the page width only when its text stays at least
    :data:`MIN_PT` points; otherwise it prints at full size (the columns
    should then be laid out to fit).

    Parameters
    ----------
    ws : Worksheet
    title : str
        The plan's short title, printed at the top of every page.
    landscape : bool
        Landscape (default) or portrait.
    fit_width : bool
        Fit to one page width when that keeps the text legible.
    columns : int, optional
        How many columns print (default: the sheet's).
    size : float
        The sheet's text size in points.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> ws.column_dimensions["A"].width = 300
    >>> ws["A1"] = "x"
    >>> print_setup(ws, title="某区工作要点")
    >>> ws.oddFooter.center.text, bool(ws.sheet_properties.pageSetUpPr.fitToPage)
    ('第 &P 页，共 &N 页', False)
    """
    orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = orientation
    width = sheet_pixels(ws, columns or ws.max_column)
    scale = A4_PIXELS[orientation][0] / max(width, 1)
    if fit_width and scale * size >= MIN_PT:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = MARGIN_SIDE_IN
    ws.page_margins.top = ws.page_margins.bottom = MARGIN_TOP_IN
    ws.page_margins.header = ws.page_margins.footer = HEADER_IN
    for part, text in ((ws.oddHeader.left, title), (ws.oddHeader.right, "&A"),
                       (ws.oddFooter.center, "第 &P 页，共 &N 页")):
        part.text, part.size = text, MIN_PT + 1
