"""The leadership workbook: one Excel file a district office prints and hands over as is.

Sheets, in order: 汇总 (a one-page A4 dashboard: title block, key figures
with their definitions, a native workload chart, a native month chart with
its assumption written under it, and — with a tracker — the units below
合格 by name), 任务清单, 单位任务 (each unit's tasks by role, their timing
and status), 单位统计 and 说明 (every column defined in a sentence).  Every
sheet prints on A4 with the plan's title and page numbers in header and
footer, its header row repeated and text no smaller than 8 pt; columns
with nothing in them are left out.  The numbers all come from
:func:`gongkai_analysis.overview`; this module only lays them out, with
labels from :mod:`gongkai_analysis.vocab`.  Document or tracker text is
written as text that Excel never evaluates (see :mod:`.excel`).

Examples
--------
>>> import tempfile, gongkai_analysis as gk
>>> from openpyxl import load_workbook
>>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT)
>>> path = build_report(doc, tempfile.mkdtemp() + "/report.xlsx")
>>> load_workbook(path).sheetnames
['汇总', '任务清单', '单位任务', '单位统计', '说明']
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

import pandas as pd

from ..analysis.overview import UNREPORTED, Overview, overview
from ..vocab import GRADES, ROLE_LABELS, ROLES, STATUS_POINTS, STATUSES, grade_rule

log = logging.getLogger(__name__)

SHEETS = ("汇总", "任务清单", "单位任务", "单位统计", "说明")
GRADE_FILLS = dict(zip(GRADES, ("FFCDD2", "FFF9C4", "DCEDC8", "C8E6C9")))
#: Text size (points) of the big printed tables and of the dashboard.
LIST_PT, DASHBOARD_PT = 8, 9
GREY = "808080"

TASK_HEADERS = {
    "task_id": "任务编号", "text": "任务内容", **{role: f"{ROLE_LABELS[role]}单位" for role in ROLES},
    "when": "频次与时限", "channels": "公开渠道", "missing": "缺少要素",
}
TASK_WIDTHS = {"task_id": 5, "text": 84, "lead": 11, "responsible": 14, "support": 11, "when": 9, "channels": 10,
               "missing": 7}
UNIT_VIEW_HEADERS = {
    "unit": "单位", **{role: f"{ROLE_LABELS[role]}的任务" for role in ROLES}, "when": "有频次或时限的任务",
    "status": "完成情况",
}
UNIT_HEADERS = {
    "unit": "单位", **{role: f"{ROLE_LABELS[role]}任务" for role in ROLES}, "total": "任务合计",
    "share": "折算任务量", "due_total": "应公开合计", "complete": "四要素齐全率", "mean_score": "平均要素数",
    "score": "考核得分", "grade": "等次", "points": "折算分值", "unreported": "未填报事项", "reason": "备注",
}
#: One sentence per column, as a 科员 would explain it to a colleague.
DEFINITIONS = {
    "任务编号": "任务在原文中的编号；一个编号下有几条分工时写作“编号-序号”。",
    "任务内容": "原文中这项任务的文字（不含括号里的分工）。",
    "牵头单位": "原文写明“牵头”的单位，负责组织这项任务。",
    "负责单位": "原文写明“负责落实”的单位。",
    "配合单位": "原文写明“配合”的单位。",
    "频次与时限": "原文写的公开频次（如按月、每年）或期限（如5个工作日内）。",
    "公开渠道": "原文点名的公开渠道，如政府网站、政务微博。",
    "缺少要素": "第54条要求写明主体、内容、时限、方式，这里列出原文没写明的。",
    "单位": "单位的规范简称；“各街道办事处”这类集体说法算一个单位。",
    "牵头的任务": "该单位牵头的任务编号。",
    "负责的任务": "该单位负责落实的任务编号。",
    "配合的任务": "该单位配合的任务编号。",
    "有频次或时限的任务": "该单位承担的、写了频次或时限的任务编号，后面是频次或时限。",
    "完成情况": f"跟踪表中该单位各任务的完成状态（{'、'.join(STATUSES)}），后面是任务编号；{UNREPORTED}的计0分。",
    "牵头任务": "该单位牵头的任务数。",
    "负责任务": "该单位负责落实的任务数。",
    "配合任务": "该单位配合的任务数。",
    "任务合计": "该单位承担的不同任务数（一项任务只算一次）。",
    "折算任务量": "几个单位共同负责的任务，每个单位只算几分之一，再相加。",
    "应公开合计": "从成文当月到12月，该单位按频次应公开的次数之和（月份按汇总页的假设）。",
    "四要素齐全率": "该单位承担的任务中，主体、内容、时限、方式都写明的比例。",
    "平均要素数": "该单位承担的任务平均写明了四个要素中的几个。",
    "考核得分": "该单位各考核事项得分的平均数（按时完成100分、逾期完成80分、部分完成50分、未完成或未填0分，不适用不计）。",
    "等次": "按得分评定：" + grade_rule() + "。",
    "折算分值": "得分折算到绩效考核总分中的分值：得分÷100×权重（4%）×100。",
    "未填报事项": "跟踪表中该单位没有填写完成状态的事项数。",
    "备注": "不计分等情况的说明。",
}


def build_report(
    doc,
    path: str | os.PathLike[str],
    *,
    tracker: pd.DataFrame | None = None,
    figures_dir: str | os.PathLike[str] | None = None,
) -> Path:
    """Write the leadership workbook for one parsed document.

    Parameters
    ----------
    doc : Document
        A document parsed with tokens.
    path : path
        The .xlsx to write.
    tracker : DataFrame, optional
        A filled tracker (:func:`gongkai_analysis.read_tracker`); adds each
        unit's statuses, scores, grades and points at the 4% weight, and the
        units below 合格 on the dashboard.
    figures_dir : path, optional
        Also write the charts there: PNG (matplotlib) and offline HTML (plotly).

    Returns
    -------
    Path
        The workbook written.

    Raises
    ------
    ParseError
        When `doc` holds several documents or has no tokens.

    Examples
    --------
    >>> import tempfile, gongkai_analysis as gk
    >>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT)
    >>> build_report(doc, tempfile.mkdtemp() + "/r.xlsx").name
    'r.xlsx'
    """
    from openpyxl import Workbook

    data = overview(doc, tracker=tracker)
    meta = data.doc.meta.iloc[0]
    title = _text(meta["title"]) or str(meta["doc_id"])
    wb = Workbook()
    wb.remove(wb.active)
    sheets = {name: wb.create_sheet(name) for name in SHEETS}
    _tasks_sheet(sheets["任务清单"], data, title)
    _unit_view_sheet(sheets["单位任务"], data, title)
    _units_sheet(sheets["单位统计"], data, title)
    _notes_sheet(sheets["说明"], data, title)
    _summary_sheet(sheets["汇总"], data, title)
    wb.properties.title = title
    if figures_dir is not None:
        _figures(data, figures_dir)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    log.info("wrote %s", path)
    return path


def _text(value) -> str:
    return value if isinstance(value, str) else ""


# --------------------------------------------------------------------------
# Sheets
# --------------------------------------------------------------------------
def _tasks_sheet(ws, data: Overview, title: str) -> None:
    """The tasks in the plan's order, a bold line naming each section."""
    from openpyxl.styles import Font, PatternFill

    from .excel import HEADER_FILL, drop_empty_columns, fit_row_heights, print_setup, write_cell, write_frame

    frame = drop_empty_columns(data.tasks[list(TASK_HEADERS)], keep=("task_id", "text"))
    first, last = write_frame(ws, frame, headers=TASK_HEADERS, size=LIST_PT, widths=TASK_WIDTHS)
    # a section heading above its first task: rows go in from the bottom so earlier rows keep their place
    sections = data.tasks["section"].tolist()
    starts = [i for i, s in enumerate(sections) if i == 0 or s != sections[i - 1]]
    text_col = frame.columns.get_loc("text") + 1
    for i in reversed(starts):
        row = first + 1 + i
        ws.insert_rows(row)
        cell = write_cell(ws, row, text_col, sections[i])
        cell.font = Font(bold=True, size=LIST_PT)
        for j in range(1, len(frame.columns) + 1):
            ws.cell(row=row, column=j).fill = PatternFill("solid", fgColor=HEADER_FILL)
    last += len(starts)
    ws.auto_filter.ref = f"A{first}:{ws.cell(row=first, column=len(frame.columns)).column_letter}{last}"
    fit_row_heights(ws, first, last, len(frame.columns), size=LIST_PT)
    print_setup(ws, title=title, columns=len(frame.columns), size=LIST_PT)


def _unit_view_sheet(ws, data: Overview, title: str) -> None:
    """Each unit on one row: its tasks by role, their timing and (with a tracker) their status."""
    from .excel import A4_PIXELS, drop_empty_columns, print_setup, write_frame

    frame = data.unit_view[[c for c in UNIT_VIEW_HEADERS if c in data.unit_view.columns]]
    frame = drop_empty_columns(frame, keep=("unit",))
    # portrait A4 is 718 px: the unit, then its tasks by role, timing and status share the rest
    widths = {"unit": 12, "lead": 8, "responsible": 11, "support": 8, "when": 28, "status": 30}
    n = len(frame.columns)
    spare = int((A4_PIXELS["portrait"][0] - 5 * n) / 7) - 1 - sum(w for c, w in widths.items() if c in frame.columns)
    if "status" in frame.columns:
        widths["when"], widths["status"] = widths["when"] + spare // 2, widths["status"] + spare - spare // 2
    else:
        widths["when"] += spare
    write_frame(ws, frame, headers=UNIT_VIEW_HEADERS, size=LIST_PT, widths=widths)
    print_setup(ws, title=title, landscape=False, columns=len(frame.columns), size=LIST_PT)


def _units_sheet(ws, data: Overview, title: str) -> None:
    """Per unit: tasks by role, disclosures due per month, completeness and score; a total row."""
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Font, PatternFill

    from .excel import drop_empty_columns, print_setup, write_cell, write_frame

    month_cols = [c for c in data.units.columns if c.startswith("month_")]
    headers = {**UNIT_HEADERS, **{c: f"{c.split('_')[1]}月" for c in month_cols}}
    order = ["lead", "responsible", "support", "total", "share", *month_cols, "due_total", "complete", "mean_score",
             "score", "grade", "points", "unreported", "reason"]
    frame = data.units.reset_index()[["unit", *[c for c in order if c in data.units.columns]]]
    frame = drop_empty_columns(frame, keep=("unit",))
    if "grade" in frame.columns:
        frame["grade"] = frame["grade"].astype("object")
    widths = {"unit": 13, "reason": 16, **{c: 4.5 for c in month_cols}}
    first, last = write_frame(ws, frame, headers=headers, size=LIST_PT, widths=widths, max_width=9)
    formats = {"share": "0.0", "complete": "0%", "mean_score": "0.0", "score": "0.0", "points": "0.00"}
    for column, number_format in formats.items():
        if column in frame.columns:
            j = frame.columns.get_loc(column) + 1
            for row in range(first + 1, last + 1):
                ws.cell(row=row, column=j).number_format = number_format
    if "grade" in frame.columns:
        j = frame.columns.get_loc("grade") + 1
        for row in range(first + 1, last + 1):
            grade = ws.cell(row=row, column=j).value
            if grade in GRADE_FILLS:
                ws.cell(row=row, column=j).fill = PatternFill("solid", fgColor=GRADE_FILLS[grade])
    # totals below the table (outside its filter): the dashboard's charts read them
    total_row = last + 1
    write_cell(ws, total_row, 1, "合计").font = Font(bold=True, size=LIST_PT)
    for column, value in data.unit_totals.items():
        if column in frame.columns:
            write_cell(ws, total_row, frame.columns.get_loc(column) + 1, value).font = Font(bold=True, size=LIST_PT)
    ws.row_dimensions[total_row].height = ws.row_dimensions[first + 1].height
    if month_cols and len(frame):
        a = ws.cell(row=first + 1, column=frame.columns.get_loc(month_cols[0]) + 1).coordinate
        b = ws.cell(row=last, column=frame.columns.get_loc(month_cols[-1]) + 1).coordinate
        ws.conditional_formatting.add(f"{a}:{b}", ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF",
                                                                 end_type="max", end_color="5B9BD5"))
    if data.scores is not None and bool(data.scores["simulated"].any()):
        note = write_cell(ws, total_row + 1, 1, "注意：考核得分来自模拟的跟踪表，仅用于演示方法，不代表真实考核结果。")
        note.font = Font(bold=True, color="C00000", size=LIST_PT)
    print_setup(ws, title=title, columns=len(frame.columns), size=LIST_PT)


def _notes_sheet(ws, data: Overview, title: str) -> None:
    """The sources and assumptions, then every column of the other sheets defined once."""
    from .. import __version__
    from .excel import print_setup, write_frame

    meta = data.doc.meta.iloc[0]
    used = {*TASK_HEADERS.values(), *UNIT_VIEW_HEADERS.values(), *UNIT_HEADERS.values()}
    shown = _shown_labels(data)
    rows = [
        ("来源文件", f"{title}（{_text(meta['doc_number'])}，{_text(meta['issuer'])}，{_text(meta['date'])}）"),
        ("怎么得到的", "由程序逐条读取原文：识别各部分、编号任务和括号里的分工（牵头、负责落实、配合），"
                   "统一单位名称，识别公开频次、时限和渠道。数字都从原文数出，没有人工改动。"),
        ("每月应公开次数", data.month_note.removeprefix("说明：")),
        ("考核评分", _scoring_rule() if data.scores is not None
         else "本工作簿没有考核得分：各单位填好跟踪表、交回汇总后，重新生成工作簿即可加入得分和等次。"),
        *((label, DEFINITIONS[label]) for label in shown if label in used and label in DEFINITIONS),
        (f"{data.start_month}月–12月（单位统计）", "该单位当月按频次应公开的次数（月份按上面的假设）。"),
        ("制表时间", dt.datetime.now().strftime("%Y-%m-%d %H:%M") + f"（gongkai-analysis {__version__}）"),
    ]
    frame = pd.DataFrame(rows, columns=["项目", "说明"])
    write_frame(ws, frame, size=DASHBOARD_PT, widths={"项目": 16, "说明": 118})
    print_setup(ws, title=title, columns=2, size=DASHBOARD_PT)


def _shown_labels(data: Overview) -> list[str]:
    """The column labels the other sheets show, in their order, each once."""
    from .excel import drop_empty_columns

    labels = []
    tasks = drop_empty_columns(data.tasks[list(TASK_HEADERS)], keep=("task_id", "text"))
    labels += [TASK_HEADERS[c] for c in tasks.columns]
    view = drop_empty_columns(data.unit_view[[c for c in UNIT_VIEW_HEADERS if c in data.unit_view.columns]])
    labels += [UNIT_VIEW_HEADERS[c] for c in view.columns]
    units = drop_empty_columns(data.units.reset_index())
    labels += [UNIT_HEADERS[c] for c in units.columns if c in UNIT_HEADERS]
    return list(dict.fromkeys(labels))


def _scoring_rule() -> str:
    points = "、".join(f"{s}{int(p)}分" for s, p in STATUS_POINTS.items() if p is not None)
    skipped = "、".join(s for s, p in STATUS_POINTS.items() if p is None)
    return (f"每个考核事项按完成状态计分：{points}，没填的按0分，{skipped}的不计；单位得分是各事项的平均分；"
            f"等次：{grade_rule()}；折算分值＝得分÷100×权重×100（权重按第64条下限4%）。")


def _summary_sheet(ws, data: Overview, title: str) -> None:
    """The one-page dashboard: title block, key figures, two native charts, the units below 合格."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font, PatternFill

    from .excel import HEADER_FILL, fit_row_heights, print_setup, write_cell

    meta = data.doc.meta.iloc[0]
    small, bold = Font(size=DASHBOARD_PT), Font(size=DASHBOARD_PT, bold=True)
    write_cell(ws, 1, 1, title).font = Font(bold=True, size=16)
    ws.row_dimensions[1].height = 24
    parts = [("文号", meta["doc_number"]), ("发文机关", meta["issuer"]), ("成文日期", meta["date"]),
             ("制表日期", dt.date.today().isoformat())]
    write_cell(ws, 2, 1, "　　".join(f"{k}：{v}" for k, v in parts if _text(v))).font = Font(size=10)
    ws.row_dimensions[2].height = 16
    for j, (text, width) in enumerate((("主要数字", 22), ("数值", 8), ("含义", 40)), start=1):
        cell = write_cell(ws, 4, j, text)
        cell.font, cell.fill = bold, PatternFill("solid", fgColor=HEADER_FILL)
        ws.column_dimensions[cell.column_letter].width = width
    ws.column_dimensions["D"].width = 2
    for i, row in enumerate(data.figures.itertuples(index=False), start=5):
        write_cell(ws, i, 1, row.label).font = small
        value = write_cell(ws, i, 2, row.value)
        value.font = Font(size=DASHBOARD_PT, bold=True)
        value.number_format = "0.0%" if row.kind == "share" else "0"
        value.alignment = Alignment(vertical="center")
        write_cell(ws, i, 3, row.definition).font = Font(size=DASHBOARD_PT, color="404040")
        for j in (1, 3):
            ws.cell(row=i, column=j).alignment = Alignment(wrap_text=True, vertical="center")
    last = 4 + len(data.figures)
    fit_row_heights(ws, 4, last, 3, size=DASHBOARD_PT)
    # the month chart under the figures, its assumption under it
    units = ws.parent["单位统计"]
    total_row = len(data.units) + 2  # 单位统计: header, one row per unit, then the totals
    header = [c.value for c in units[1]]
    month_chart = BarChart()
    month_chart.gapWidth = 50
    start, end = data.months.index[0], data.months.index[-1]
    year = _text(meta["date"])[:4]
    month_title = f"各月应公开次数（{year}年{start}–{end}月）" if year else f"各月应公开次数（{start}–{end}月）"
    first_col, last_col = header.index(f"{start}月") + 1, header.index(f"{end}月") + 1
    month_chart.add_data(Reference(units, min_col=first_col, max_col=last_col, min_row=total_row, max_row=total_row),
                         from_rows=True, titles_from_data=False)
    month_chart.set_categories(Reference(units, min_col=first_col, max_col=last_col, min_row=1, max_row=1))
    month_chart.legend = None
    month_chart.y_axis.majorGridlines = None
    _data_labels(month_chart)
    _chart_text(month_chart, size=DASHBOARD_PT)
    month_chart.width, month_chart.height = 13.6, 6.4
    chart_row = last + 3
    write_cell(ws, chart_row - 1, 1, month_title).font = Font(size=10, bold=True)
    ws.row_dimensions[chart_row - 1].height = 16
    ws.add_chart(month_chart, f"A{chart_row}")
    note_row = chart_row + 14  # 6.4 cm of 13.5-point rows
    for r in range(chart_row, note_row):
        ws.row_dimensions[r].height = 13.5
    ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=3)
    note = write_cell(ws, note_row, 1, data.month_note)
    note.font, note.alignment = Font(size=DASHBOARD_PT, color="404040"), Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[note_row].height = 38
    # the workload chart on the right, from the per-unit table (busiest first)
    workload = BarChart()
    workload.type, workload.grouping, workload.overlap, workload.gapWidth = "bar", "stacked", 100, 40
    top = min(15, len(data.units))
    write_cell(ws, 4, 5, f"各单位承担任务数（最多的{top}个单位）").font = Font(size=10, bold=True)
    roles = [r for r in ROLES if f"{ROLE_LABELS[r]}任务" in header and data.unit_totals[r] > 0]
    for role in roles:
        col = header.index(f"{ROLE_LABELS[role]}任务") + 1
        workload.add_data(Reference(units, min_col=col, min_row=1, max_row=top + 1), titles_from_data=True)
    workload.set_categories(Reference(units, min_col=1, min_row=2, max_row=top + 1))
    workload.x_axis.scaling.orientation = "maxMin"
    workload.x_axis.tickLblSkip = 1
    workload.y_axis.majorGridlines = None
    workload.legend.position = "b"
    _chart_text(workload, size=DASHBOARD_PT)
    workload.width, workload.height = 13.4, 11.6
    ws.add_chart(workload, "E5")
    for j in range(5, 15):  # E:N hold the workload chart: 10 × 51 px
        ws.column_dimensions[ws.cell(row=1, column=j).column_letter].width = 6.6
    if data.below is not None:
        _below_block(ws, data, start_row=_row_below(ws, 5, workload.height))
    print_setup(ws, title=title, columns=14, size=DASHBOARD_PT)
    ws.print_title_rows = None
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = ws.page_setup.fitToHeight = 1  # the dashboard is one page
    ws.print_area = f"A1:N{note_row}"


def _row_below(ws, first: int, height_cm: float) -> int:
    """The first row below a chart `height_cm` tall that starts at the top of row `first`."""
    points, row = height_cm / 2.54 * 72, first
    while points > 0:
        points -= ws.row_dimensions[row].height or 15
        row += 1
    return row


def _below_block(ws, data: Overview, *, start_row: int) -> None:
    """The units graded below 合格, by name with their scores, under the workload chart."""
    from openpyxl.styles import Alignment, Font

    from .excel import write_cell

    simulated = "（模拟数据，仅作演示）" if bool(data.scores["simulated"].any()) else ""
    lowest_pass = GRADES[1]
    below = data.below
    head = write_cell(ws, start_row, 5, f"考核等次低于“{lowest_pass}”的单位：{len(below)}个{simulated}")
    head.font = Font(size=10, bold=True, color="C00000" if len(below) else "000000")
    text = "、".join(f"{unit} {score:.1f}分" for unit, score in below["score"].items()) or "没有。"
    ws.merge_cells(start_row=start_row + 1, start_column=5, end_row=start_row + 1, end_column=14)
    cell = write_cell(ws, start_row + 1, 5, text)
    cell.font, cell.alignment = Font(size=10), Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[start_row + 1].height = max(ws.row_dimensions[start_row + 1].height or 15,
                                                  15 * (1 + len(text) // 48))


def _data_labels(chart) -> None:
    from openpyxl.chart.label import DataLabelList

    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
        setattr(chart.dataLabels, flag, False)


def _chart_text(chart, *, size: float) -> None:
    """Every text of a native chart (axes, legend, data labels) at `size` points: legible in print."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    def rich(points: float, bold: bool = False) -> RichText:
        props = CharacterProperties(sz=int(points * 100), b=bold)
        return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])

    chart.x_axis.txPr = rich(size)
    chart.y_axis.txPr = rich(size)
    chart.x_axis.delete = chart.y_axis.delete = False
    if chart.legend is not None:
        chart.legend.txPr = rich(size)
    if chart.dataLabels is not None:
        chart.dataLabels.txPr = rich(size)


def _figures(data: Overview, figures_dir) -> None:
    """Write every chart into `figures_dir`: PNG (matplotlib) and offline HTML (plotly)."""
    from . import charts as plots

    out = Path(figures_dir)
    plots.save_png(plots.workload_bar(data.workload, top=15), out / "workload.png")
    plots.save_png(plots.calendar_heatmap(data.calendar), out / "calendar.png")
    plots.save_png(plots.completeness_bar(data.by_section), out / "completeness.png")
    if data.scores is not None:
        plots.save_png(plots.score_bar(data.scores.dropna(subset=["score"])), out / "scores.png")
    plots.write_html(plots.workload_sunburst(data.workload), out / "workload-sunburst.html")
    plots.write_html(plots.network_figure(data.edges, data.workload), out / "co-responsibility-network.html")
    plots.write_html(plots.calendar_figure(data.calendar), out / "calendar.html")
