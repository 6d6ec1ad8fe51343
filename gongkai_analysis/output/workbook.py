"""The leadership workbook: one Excel file that reads well on screen and on paper.

Sheets, in order: 汇总 (a one-page dashboard with native charts and two chart
images), 任务清单, 责任分工, 工作量, 公开日历 (a heat-map by conditional
formatting), 合规评分 and 说明.  Every sheet has Chinese headers, a frozen
header row, a filter, fitted and wrapped columns and its header repeated on
every printed page; numbers are written as numbers, and document or tracker
text as text that Excel never evaluates (see :mod:`gongkai_analysis.output.excel`).

Examples
--------
>>> import tempfile, gongkai_analysis as gk
>>> from openpyxl import load_workbook
>>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT)
>>> path = build_report(doc, tempfile.mkdtemp() + "/report.xlsx")
>>> load_workbook(path).sheetnames
['汇总', '任务清单', '责任分工', '工作量', '公开日历', '合规评分', '说明']
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
from pathlib import Path

import pandas as pd

from ..analysis.overview import Overview, overview
from ..vocab import ASPECT_LABELS, CATEGORY_LABELS, GRADES, MODE_LABELS, ROLE_LABELS, grade_rule

log = logging.getLogger(__name__)

SHEETS = ("汇总", "任务清单", "责任分工", "工作量", "公开日历", "合规评分", "说明")
GRADE_FILLS = dict(zip(GRADES, ("FFCDD2", "FFF9C4", "DCEDC8", "C8E6C9")))

TASK_HEADERS = {
    "task_id": "任务编号", "section": "所属部分", "text": "任务内容", "clause": "责任条款",
    "lead": "牵头单位", "responsible": "责任单位", "cadence": "公开频次", "deadline": "时限要求",
    "channels": "公开渠道", "dimensions": "考核维度", "completeness": "要素完备数（0–4）", "missing": "缺少要素",
}
RESPONSIBILITY_HEADERS = {
    "task_id": "任务编号", "unit": "单位", "unit_raw": "原文名称", "alias": "另称", "role": "角色",
    "mode": "方式", "collective": "集体责任", "open_ended": "“等”开放列举", "known": "登记在册", "category": "类别",
}
WORKLOAD_HEADERS = {
    "unit": "单位", "lead": "牵头任务", "responsible": "负责任务", "support": "配合任务", "sole": "单独承担",
    "joint": "共同承担", "separate": "分别承担", "total": "任务总数", "share": "折算任务量", "collective": "集体责任",
}
COMPLETENESS_HEADERS = {
    "unit": "单位", "tasks": "任务数", "who": "主体明确率", "what": "内容明确率", "when": "时限明确率",
    "how": "方式明确率", "mean_score": "平均要素数", "complete": "四要素齐全率",
}
SCORE_HEADERS = {
    "unit": "单位", "obligations": "考核事项数", "unreported": "未填报", "信息公开": "信息公开", "政策解读": "政策解读",
    "回应关切": "回应关切", "公众参与": "公众参与", "机制建设": "机制建设", "score": "得分", "grade": "等次",
    "rank": "排名", "weight": "权重", "points": "折算分值", "below_floor": "低于4%下限", "simulated": "模拟数据",
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
        A filled tracker (:func:`gongkai_analysis.read_tracker`); adds the
        appraisal scores, grades and points at the 4% weight.
    figures_dir : path, optional
        Also write the charts there: PNG (matplotlib) and offline HTML (plotly).
    """
    from openpyxl import Workbook

    data = overview(doc, tracker=tracker)
    wb = Workbook()
    wb.remove(wb.active)
    sheets = {name: wb.create_sheet(name) for name in SHEETS}
    _tasks_sheet(sheets["任务清单"], data)
    _responsibilities_sheet(sheets["责任分工"], data)
    _workload_sheet(sheets["工作量"], data)
    _calendar_sheet(sheets["公开日历"], data)
    _compliance_sheet(sheets["合规评分"], data)
    _notes_sheet(sheets["说明"], data)
    pngs = _figures(data, figures_dir)
    _summary_sheet(sheets["汇总"], data, pngs)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    log.info("wrote %s", path)
    return path


# --------------------------------------------------------------------------
# Sheets
# --------------------------------------------------------------------------
def _tasks_sheet(ws, data: Overview) -> None:
    from .excel import fit_row_heights, print_setup, write_frame

    first, last = write_frame(ws, data.tasks, headers=TASK_HEADERS, max_width=24)
    for letter, width in (("A", 8), ("B", 16), ("C", 56), ("D", 24)):
        ws.column_dimensions[letter].width = width
    fit_row_heights(ws, first + 1, last, len(data.tasks.columns))
    print_setup(ws)


def _responsibilities_sheet(ws, data: Overview) -> None:
    from .excel import print_setup, write_frame

    frame = data.responsibilities[list(RESPONSIBILITY_HEADERS)].copy()
    frame["role"] = frame["role"].astype(str).map(ROLE_LABELS)
    frame["mode"] = frame["mode"].astype(str).map(MODE_LABELS)
    frame["category"] = frame["category"].map(lambda c: CATEGORY_LABELS.get(c, c) if isinstance(c, str) else c)
    for column in ("collective", "open_ended", "known"):
        frame[column] = frame[column].map({True: "是", False: "否"})
    write_frame(ws, frame, headers=RESPONSIBILITY_HEADERS)
    print_setup(ws, landscape=False)


def _workload_sheet(ws, data: Overview) -> None:
    from .excel import print_setup, write_frame

    frame = data.workload.reset_index()
    frame["collective"] = frame["collective"].map({True: "是", False: "否"})
    write_frame(ws, frame[list(WORKLOAD_HEADERS)], headers=WORKLOAD_HEADERS)
    for row in range(2, len(frame) + 2):
        ws.cell(row=row, column=9).number_format = "0.00"
    print_setup(ws)


def _calendar_sheet(ws, data: Overview) -> None:
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.utils import get_column_letter

    from .excel import print_setup, write_frame

    frame = data.calendar.copy()
    frame.columns = [f"{m}月" for m in frame.columns]
    frame["全年"] = frame.sum(axis=1)
    frame = frame.reset_index().rename(columns={"unit": "单位"})
    write_frame(ws, frame)
    last_row, last_month = len(frame) + 1, get_column_letter(13)
    if len(frame):
        ws.conditional_formatting.add(
            f"B2:{last_month}{last_row}",
            ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF",
                           end_type="max", end_color="2F75B5"),
        )
    for j in range(2, 15):
        ws.column_dimensions[get_column_letter(j)].width = 6
    print_setup(ws)


def _compliance_sheet(ws, data: Overview) -> None:
    from openpyxl.styles import Font, PatternFill

    from .excel import print_setup, write_cell, write_frame

    by_unit = data.by_unit.reset_index()
    write_cell(ws, 1, 1, "一、公开要素完备度（第54条：主体、内容、时限、方式）").font = Font(bold=True)
    first, last = write_frame(ws, by_unit[list(COMPLETENESS_HEADERS)], headers=COMPLETENESS_HEADERS, start_row=2)
    for row in range(first + 1, last + 1):
        for col in range(3, 9):
            ws.cell(row=row, column=col).number_format = "0%" if col != 7 else "0.00"
    row = last + 2
    write_cell(ws, row, 1, "二、绩效考核评分（第64条：政务公开分值权重不低于4%）").font = Font(bold=True)
    if data.scores is None:
        write_cell(ws, row + 1, 1, "未提供跟踪表（--tracker），本表不含考核评分。填写跟踪表后重新生成报告即可得到各单位得分、等次和折算分值。")
        print_setup(ws)
        return
    scores = data.scores.reset_index()
    scores["below_floor"] = scores["below_floor"].map({True: "是", False: "否"})
    scores["simulated"] = scores["simulated"].map({True: "是（模拟）", False: "否"})
    if scores["simulated"].str.startswith("是").any():
        write_cell(ws, row + 1, 1, "注意：跟踪表为模拟数据，仅用于演示方法，不代表真实考核结果。").font = Font(bold=True, color="C00000")
        row += 1
    columns = [c for c in SCORE_HEADERS if c in scores.columns]
    start, end = row + 1, row + 1 + len(scores)
    _write_block(ws, scores[columns], SCORE_HEADERS, start)
    grade_col = columns.index("grade") + 1
    for r in range(start + 1, end + 1):
        grade = ws.cell(row=r, column=grade_col).value
        fill = PatternFill("solid", fgColor=GRADE_FILLS.get(str(grade), "FFFFFF"))
        for c in range(1, len(columns) + 1):
            ws.cell(row=r, column=c).fill = fill
        ws.cell(row=r, column=columns.index("weight") + 1).number_format = "0%"
    print_setup(ws)


def _write_block(ws, frame: pd.DataFrame, headers: dict, start_row: int) -> None:
    """A second table on a sheet: bold header, values, no change to the sheet's filter."""
    from openpyxl.styles import Font, PatternFill

    from .excel import HEADER_FILL, write_cell

    for j, column in enumerate(frame.columns, start=1):
        cell = write_cell(ws, start_row, j, headers.get(column, column))
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    for i, row in enumerate(frame.itertuples(index=False), start=start_row + 1):
        for j, value in enumerate(row, start=1):
            write_cell(ws, i, j, value)


def _notes_sheet(ws, data: Overview) -> None:
    from .. import __version__
    from .excel import print_setup, write_frame

    meta = data.doc.meta.iloc[0]
    rows = [
        ("来源文件", meta["title"] or meta["doc_id"]),
        ("发文字号", meta["doc_number"]),
        ("发文机关", meta["issuer"]),
        ("成文日期", meta["date"]),
        ("原始文件", Path(str(meta["source"])).name),
        ("方法", "以程序解析原文：识别部分（一、）、任务（1.）和责任条款（……牵头，……负责落实），按单位名录统一单位名称；"
                 "以jieba分词提取关键词；公开频次、时限和渠道按 cadence_rules.csv 的规则识别；考核维度按 dimensions.csv 的关键词归类。"),
        ("集体责任", "“区政府各部门”“区政府相关部门”“各街道办事处”“试点部门”等按一个单位计；工作量表中“折算任务量”把n个单位共同负责的任务按1/n计。"),
        ("公开日历", "按月公开每年12次、按季度4次（3、6、9、12月）、半年2次（6、12月）、按年度1次（12月）、按学年1次（9月）；任务的牵头和负责单位均计入。"),
        ("要素完备度", "第54条要求明确“主体、内容、时限、方式”：有责任单位、写明公开内容、有频次或时限、写明公开渠道各计1项，满分4项。"),
        ("考核评分", "按时完成100分、逾期完成80分、部分完成50分、未完成（或未填）0分，不适用不计；单位得分为其各事项平均分；"
                 "等次：" + grade_rule() + "；折算分值＝得分/100×权重×100（权重默认4%，第64条下限）。"),
        ("生成时间", dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
        ("程序版本", f"gongkai-analysis {__version__}"),
    ]
    definitions = [("任务清单", TASK_HEADERS), ("责任分工", RESPONSIBILITY_HEADERS), ("工作量", WORKLOAD_HEADERS),
                   ("合规评分", {**COMPLETENESS_HEADERS, **SCORE_HEADERS})]
    for sheet, headers in definitions:
        for key, label in headers.items():
            rows.append((f"{sheet}：{label}", _DEFINITIONS.get(key, label)))
    rows.append(("公开日历：1月–12月", "该单位当月应完成的周期性公开次数"))
    frame = pd.DataFrame(rows, columns=["项目", "说明"])
    write_frame(ws, frame, max_width=90)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 90
    print_setup(ws, landscape=False)


_DEFINITIONS = {
    "task_id": "任务在原文中的编号；一段多个责任条款时按“编号-序号”拆分",
    "section": "任务所在部分（一、二、……）",
    "text": "任务原文（不含责任条款）",
    "clause": "原文的责任条款",
    "lead": "牵头单位（规范名称）",
    "responsible": "负责落实单位（规范名称）",
    "cadence": "按规则识别的公开频次：按月、按季度、半年、每年、按学年、定期、及时、实时、持续、年内",
    "deadline": "明确的时限（小时、日、法定时限）或“完成时限”",
    "channels": "原文提到的公开渠道",
    "dimensions": "考核维度：信息公开、政策解读、回应关切、公众参与、机制建设",
    "completeness": "第54条四要素中明确的项数",
    "missing": "未明确的要素",
    "unit": "单位规范名称",
    "unit_raw": "原文中的单位名称",
    "alias": "原文括注的另一名称（如“拆违办”）",
    "role": "牵头、负责或配合",
    "mode": "单独、共同（“负责落实”）或分别（“分别负责落实”）",
    "collective": "是否为集体表述（如“区政府各部门”）",
    "open_ended": "条款是否以“等”“等部门”结尾",
    "known": "单位名录中是否有此单位",
    "category": "单位类别",
    "total": "承担的不同任务数",
    "share": "折算任务量：共同负责的n个单位各计1/n",
    "tasks": "该单位承担的任务数",
    "who": "明确主体的任务占比", "what": "明确内容的任务占比", "when": "明确时限的任务占比", "how": "明确方式的任务占比",
    "mean_score": "平均明确要素数（0–4）", "complete": "四要素齐全的任务占比",
    "obligations": "计分的考核事项数（不含不适用）", "unreported": "状态未填的事项数（按0分计）",
    "score": "平均得分（0–100）", "grade": "优秀、良好、合格、不合格", "rank": "按得分排名（1为最高）",
    "weight": "政务公开在绩效考核中的权重", "points": "折算到100分制考核中的分值",
    "below_floor": "权重是否低于第64条规定的4%", "simulated": "跟踪表是否为模拟数据",
}


def _summary_sheet(ws, data: Overview, pngs: dict) -> None:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Alignment, Font

    from .excel import print_setup, write_cell, write_frame

    meta = data.doc.meta.iloc[0]
    title = write_cell(ws, 1, 1, meta["title"] or meta["doc_id"])
    title.font = Font(bold=True, size=16)
    write_cell(ws, 2, 1, "　".join(str(v) for v in (meta["doc_number"], meta["issuer"], meta["date"]) if pd.notna(v)))
    resp = data.responsibilities
    figures = [
        ("任务数", len(data.tasks)),
        ("责任单位数", int(resp["unit"].nunique())),
        ("牵头单位数", int(resp.loc[resp["role"] == "lead", "unit"].nunique())),
        ("集体责任事项数", int(resp["collective"].sum())),
        ("按月公开义务（单位×任务）", _obligations(data, "按月")),
        ("按季度公开义务（单位×任务）", _obligations(data, "按季度")),
        ("未明确责任单位的任务数", int(data.doc.meta["n_unassigned"].iloc[0])),
        *((f"明确“{cn}”的任务占比", round(float(data.completeness[key].mean()), 4)) for key, cn in ASPECT_LABELS.items()),
        ("四要素齐全的任务占比", round(float(data.completeness["complete"].mean()), 4)),
    ]
    frame = pd.DataFrame(figures, columns=["指标", "数值"])
    first, last = write_frame(ws, frame, start_row=4)
    for row in range(first + 1, last + 1):
        if str(ws.cell(row=row, column=1).value).endswith("占比"):
            ws.cell(row=row, column=2).number_format = "0.0%"
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 12
    # month totals feed the native chart of disclosures per month
    months_row = last + 2
    write_cell(ws, months_row, 1, "月份").font = Font(bold=True)
    write_cell(ws, months_row, 2, "应公开次数").font = Font(bold=True)
    totals = data.calendar.sum()
    for k, month in enumerate(range(1, 13), start=1):
        write_cell(ws, months_row + k, 1, f"{month}月")
        write_cell(ws, months_row + k, 2, int(totals.get(month, 0)))
    if data.scores is not None:
        grades_row = months_row + 14
        grades = data.scores["grade"].astype(str).value_counts().reindex(["优秀", "良好", "合格", "不合格"], fill_value=0)
        note = "（模拟数据）" if bool(data.scores["simulated"].any()) else ""
        write_cell(ws, grades_row, 1, f"考核等次{note}").font = Font(bold=True)
        write_cell(ws, grades_row, 2, "单位数").font = Font(bold=True)
        for k, (label, count) in enumerate(grades.items(), start=1):
            write_cell(ws, grades_row + k, 1, label)
            write_cell(ws, grades_row + k, 2, int(count))

    workload = data.workload.head(15)
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap, chart.gapWidth = "bar", "stacked", 100, 40
    chart.title, chart.y_axis.title = "各单位承担任务数（前15）", "任务数"
    sheet = ws.parent["工作量"]
    rows = len(workload) + 1
    chart.add_data(Reference(sheet, min_col=2, max_col=3, min_row=1, max_row=rows), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=rows))
    chart.x_axis.scaling.orientation = "maxMin"
    chart.x_axis.tickLblSkip = 1
    chart.height, chart.width = 13, 15
    ws.add_chart(chart, "D4")
    month_chart = BarChart()
    month_chart.gapWidth = 40
    month_chart.title, month_chart.y_axis.title = "每月应公开次数", "次数"
    month_chart.add_data(Reference(ws, min_col=2, min_row=months_row, max_row=months_row + 12), titles_from_data=True)
    month_chart.set_categories(Reference(ws, min_col=1, min_row=months_row + 1, max_row=months_row + 12))
    month_chart.height, month_chart.width, month_chart.legend = 7, 15, None
    ws.add_chart(month_chart, "D31")
    for key, anchor in (("workload", "L4"), ("calendar", "L31")):
        if key in pngs:
            image = Image(io.BytesIO(pngs[key]))
            scale = 400 / image.height if key == "workload" else 260 / image.height
            image.width, image.height = int(image.width * scale), int(image.height * scale)
            ws.add_image(image, anchor)
    ws["A3"].alignment = Alignment(wrap_text=True)
    print_setup(ws)
    ws.page_setup.fitToHeight = 1  # the dashboard is one page


def _obligations(data: Overview, name: str) -> int:
    tasks = data.tasks.loc[data.tasks["cadence"].str.split("、").map(lambda c: name in c), "task_id"]
    return int(data.responsibilities["task_id"].isin(set(tasks)).sum())


def _figures(data: Overview, figures_dir) -> dict:
    """Render the two key charts as PNG bytes; write every chart to `figures_dir` when given."""
    from . import charts as plots
    from ..analysis.compliance import completeness_by_section
    from ..analysis.workload import co_responsibility_edges

    workload_fig = plots.workload_bar(data.workload, top=15)
    calendar_fig = plots.calendar_heatmap(data.calendar)
    pngs = {}
    for key, fig in (("workload", workload_fig), ("calendar", calendar_fig)):
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=110)
        pngs[key] = buffer.getvalue()
    if figures_dir is not None:
        out = Path(figures_dir)
        plots.save_png(workload_fig, out / "workload.png")
        plots.save_png(calendar_fig, out / "calendar.png")
        by_section = completeness_by_section(data.completeness, data.doc.tasks)
        plots.save_png(plots.completeness_bar(by_section), out / "completeness.png")
        if data.scores is not None:
            plots.save_png(plots.score_bar(data.scores), out / "scores.png")
        plots.write_html(plots.workload_sunburst(data.workload), out / "workload-sunburst.html")
        plots.write_html(plots.network_figure(co_responsibility_edges(data.responsibilities), data.workload),
                         out / "co-responsibility-network.html")
        plots.write_html(plots.calendar_figure(data.calendar), out / "calendar.html")
    return pngs
