"""Writing a comparison: the pairs table (CSV + Parquet) and an Excel workbook.

The workbook's sheets: 对照 (one row per pair, the two texts side by side with
the changed characters in red bold rich text, A4 landscape, frozen header),
单位变化 (per unit: tasks gained, lost, kept, leads), 条目变化 (per pair: units
added, dropped, lead changed) and 说明 (how it was made).  Text that starts
with = + - @, a tab or a carriage return stays text: the CSV prefixes it with
``'``, the workbook stores it with Excel's quote prefix.

Examples
--------
>>> import tempfile
>>> csv, _ = write_pairs(pd.DataFrame({"text": ["=1+1", "公开"], "n": [1, 2]}), tempfile.mkdtemp())
>>> pd.read_csv(csv, encoding="utf-8-sig")["text"].tolist()
["'=1+1", '公开']
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd

from ..analysis.align import ALIGN_LABEL_NAMES
from .excel import is_formula_like, print_setup, write_cell, write_frame
from .tables import write_csv

PAIR_HEADERS = {"doc_id_a": "文件A", "task_id_a": "A编号", "text_a": "A文本", "doc_id_b": "文件B",
                "task_id_b": "B编号", "text_b": "B文本", "containment_a": "A在B中占比", "containment_b": "B在A中占比",
                "similarity": "相似度", "parts": "拆分数", "label": "对照结果", "units_a": "A责任单位",
                "units_b": "B责任单位", "changes": "责任变化"}
UNIT_HEADERS = {"unit": "单位", "tasks_a": "A任务数", "tasks_b": "B任务数", "kept": "保留", "gained": "新增",
                "lost": "减少", "net": "净变化", "lead_gained": "新任牵头", "lead_lost": "不再牵头", "collective": "集合单位"}
SHIFT_HEADERS = {"task_id_a": "A编号", "task_id_b": "B编号", "label": "对照结果", "units_a": "A责任单位",
                 "units_b": "B责任单位", "units_added": "新增单位", "units_dropped": "减少单位", "lead_a": "A牵头",
                 "lead_b": "B牵头", "lead_changed": "牵头变化", "to_collective": "改为集合单位",
                 "from_collective": "集合单位改为具体单位"}
KWIC_HEADERS = {"doc_id": "文件", "task_id": "任务编号", "position": "位置", "left": "上文", "keyword": "关键词",
                "right": "下文", "units": "责任单位"}
CHANGED_COLOUR = "C00000"


def write_pairs(pairs: pd.DataFrame, out_dir: str | os.PathLike[str], *, stem: str = "pairs") -> list[Path]:
    """Write the pairs as ``{stem}.csv`` (UTF-8 with BOM, safe for Excel) and ``{stem}.parquet``; return the paths.

    Parameters
    ----------
    pairs : DataFrame
        From :func:`~gongkai_analysis.analysis.align.align_tasks` (any table will do).
    out_dir : path
        The folder (created when missing).
    stem : str, default "pairs"
        The files' name without suffix.

    Returns
    -------
    list of Path
        The CSV file and the Parquet file.

    Examples
    --------
    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> [p.name for p in write_pairs(pd.DataFrame({"task_id_a": ["1"], "label": ["copied"]}), out)]
    ['pairs.csv', 'pairs.parquet']
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    csv, parquet = out / f"{stem}.csv", out / f"{stem}.parquet"
    write_csv(pairs, csv)  # formulas neutralised as in every CSV the package writes
    pairs.to_parquet(parquet, index=False)
    return [csv, parquet]


def _rich(text: str, spans: list[tuple[int, int]]):
    """`text` as rich text with the characters in `spans` red and bold (plain text when nothing changed)."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    spans = sorted((s, e) for s, e in spans if e > s)
    if not spans or is_formula_like(text):
        return None
    red = InlineFont(color=CHANGED_COLOUR, b=True)
    parts, at = [], 0
    for start, end in spans:
        if start > at:
            parts.append(text[at:start])
        parts.append(TextBlock(red, text[start:end]))
        at = end
    if at < len(text):
        parts.append(text[at:])
    return CellRichText(parts)


def _changes(row) -> str:
    notes = []
    if row.get("units_added"):
        notes.append("新增：" + "、".join(row["units_added"]))
    if row.get("units_dropped"):
        notes.append("减少：" + "、".join(row["units_dropped"]))
    if row.get("lead_changed"):
        notes.append("牵头：" + "、".join(row["lead_a"]) + " → " + "、".join(row["lead_b"]))
    if row.get("to_collective"):
        notes.append("具体单位改为集合单位")
    if row.get("from_collective"):
        notes.append("集合单位改为具体单位")
    return "；".join(notes)


def write_compare_workbook(pairs: pd.DataFrame, path: str | os.PathLike[str], *, diff: pd.DataFrame | None = None,
                           shift: pd.DataFrame | None = None, units: pd.DataFrame | None = None,
                           names: tuple[str, str] = ("A", "B")) -> Path:
    """Write the comparison workbook and return its path.

    Parameters
    ----------
    pairs : DataFrame
        From :func:`~gongkai_analysis.analysis.align.align_tasks`.
    path : str or Path
        The ``.xlsx`` to write.
    diff : DataFrame, optional
        From :func:`~gongkai_analysis.analysis.align.diff_tasks`: the changed characters to highlight.
    shift, units : DataFrame, optional
        From :func:`~gongkai_analysis.analysis.shift.responsibility_shift` and
        :func:`~gongkai_analysis.analysis.shift.unit_shift`; add the units to the 对照 sheet and
        the 条目变化 and 单位变化 sheets (left out when neither document names a unit).
    names : (str, str)
        The two documents' names for the 说明 sheet.

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile
    >>> from gongkai_analysis.analysis.align import align_tasks, diff_tasks
    >>> a = pd.DataFrame({"doc_id": "a", "task_id": ["1"], "text": ["15个工作日内答复"]})
    >>> b = pd.DataFrame({"doc_id": "b", "task_id": ["1"], "text": ["20个工作日内答复"]})
    >>> pairs = align_tasks(a, b)
    >>> book = write_compare_workbook(pairs, Path(tempfile.mkdtemp()) / "c.xlsx", diff=diff_tasks(pairs))
    >>> from openpyxl import load_workbook
    >>> ws = load_workbook(book, rich_text=True)["对照"]
    >>> [str(block.text) for block in ws["E2"].value if hasattr(block, "text")]
    ['20']
    """
    from openpyxl import Workbook

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = ["doc_id_a", "task_id_a", "doc_id_b", "task_id_b"]
    side = pairs.reset_index(drop=True).copy()
    side["label"] = side["label"].astype(str).map(lambda k: f"{ALIGN_LABEL_NAMES.get(k, k)}（{k}）")
    columns = ["task_id_a", "text_a", "task_id_b", "text_b", "similarity", "label"]
    if shift is not None and (shift["units_a"].map(len).sum() + shift["units_b"].map(len).sum()) == 0:
        shift = None  # documents without units (a regulation read article by article): no unit columns or sheets
        units = None
    if shift is not None:
        shift = shift.reset_index(drop=True)
        side["units_a"] = shift["units_a"].map("、".join)
        side["units_b"] = shift["units_b"].map("、".join)
        side["changes"] = [_changes(row) for row in shift.to_dict("records")]
        columns += ["units_a", "units_b", "changes"]
    side.insert(0, "序号", range(1, len(side) + 1))
    table = side[["序号", *columns]]

    wb = Workbook()
    ws = wb.active
    ws.title = "对照"
    write_frame(ws, table, headers=PAIR_HEADERS, max_width=60)
    if diff is not None and len(diff):
        where_a, where_b = columns.index("text_a") + 2, columns.index("text_b") + 2
        spans = {}
        for row in diff.itertuples(index=False):
            key = tuple(None if pd.isna(getattr(row, k)) else str(getattr(row, k)) for k in keys)
            spans.setdefault(key, ([], []))
            spans[key][0].append((row.start_a, row.end_a))
            spans[key][1].append((row.start_b, row.end_b))
        for i, row in enumerate(side[keys + ["text_a", "text_b"]].itertuples(index=False), start=2):
            key = tuple(None if pd.isna(v) else str(v) for v in row[:4])
            if key not in spans:
                continue
            for column, text, found in ((where_a, row.text_a, spans[key][0]), (where_b, row.text_b, spans[key][1])):
                rich = _rich(str(text), found)
                if rich is not None:
                    ws.cell(row=i, column=column).value = rich
    print_setup(ws)

    if units is not None:
        ws = wb.create_sheet("单位变化")
        write_frame(ws, units.reset_index().map(lambda v: "是" if v is True else ("" if v is False else v)),
                    headers=UNIT_HEADERS)
        print_setup(ws)
    if shift is not None:
        ws = wb.create_sheet("条目变化")
        frame = shift[[c for c in SHIFT_HEADERS if c in shift.columns]].copy()
        frame["label"] = frame["label"].astype(str).map(lambda k: ALIGN_LABEL_NAMES.get(k, k))
        frame = frame.map(lambda v: "、".join(v) if isinstance(v, list) else ("是" if v is True else
                                                                              ("" if v is False else v)))
        write_frame(ws, frame, headers=SHIFT_HEADERS)
        print_setup(ws)

    ws = wb.create_sheet("说明")
    notes = [
        ("比较", f"{names[0]} → {names[1]}"),
        ("方法", "去除套话（进一步、做好…工作、加大…力度等）和标点后，按字符三元组计算包含度："
                 "A在B中占比、B在A中占比；相似度为两者平均（一对多比较时为B在A中占比）。"
                 "一对一比较用最优指派（匈牙利算法）配对。"),
        ("对照结果", "沿用（copied）≥ 0.7；改写（paraphrased）0.3–0.7；重写（rewritten）< 0.3 但已配对；"
                     "新增（added）：B有A无；删除（dropped）：A有B无。"),
        ("标红", "对照表中红色加粗的字符为两版之间改动的文字（字符级比较）。"),
        ("生成时间", dt.datetime.now().isoformat(timespec="seconds")),
    ]
    for i, (key, value) in enumerate(notes, start=1):
        write_cell(ws, i, 1, key)
        write_cell(ws, i, 2, value)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 12, 100
    print_setup(ws, landscape=True)
    wb.save(path)
    return path


def write_kwic(frame: pd.DataFrame, path: str | os.PathLike[str], *, title: str = "关键词上下文") -> Path:
    """Write a keyword-in-context table (from :func:`~gongkai_analysis.analysis.textstats.kwic`) as a workbook.

    One sheet, Chinese headers, the keyword column in bold red, frozen header, filter, A4 landscape.

    Parameters
    ----------
    frame : DataFrame
        The KWIC table (``doc_id``, ``task_id``, ``position``, ``left``, ``keyword``, ``right``, ``units``).
    path : path
        The workbook to write (missing folders are created).
    title : str, default "关键词上下文"
        The sheet's name (cut to Excel's 31 characters).

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile
    >>> frame = pd.DataFrame({"doc_id": ["d"], "task_id": ["1"], "position": [0], "left": [""], "keyword": ["公开"],
    ...                       "right": ["预算"]})
    >>> from openpyxl import load_workbook
    >>> ws = load_workbook(write_kwic(frame, Path(tempfile.mkdtemp()) / "k.xlsx")).active
    >>> ws.title, ws["E1"].value, ws["E2"].value, ws["E2"].font.b
    ('关键词上下文', '关键词', '公开', True)
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    write_frame(ws, frame, headers=KWIC_HEADERS, max_width=40)
    columns = list(frame.columns)
    if "keyword" in columns:
        j = columns.index("keyword") + 1
        for i in range(2, len(frame) + 2):
            ws.cell(row=i, column=j).font = Font(b=True, color=CHANGED_COLOUR)
    if "left" in columns:
        j = columns.index("left") + 1
        for i in range(2, len(frame) + 2):
            ws.cell(row=i, column=j).alignment = Alignment(horizontal="right", vertical="top", wrap_text=True)
    print_setup(ws)
    wb.save(path)
    return path
