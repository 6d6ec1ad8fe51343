"""The leadership workbook, read back with openpyxl."""

import re
import zipfile

import pytest
from openpyxl import load_workbook

import gongkai_analysis as gk
from gongkai_analysis.cli import main
from gongkai_analysis.output.workbook import SHEETS, build_report


@pytest.fixture(scope="module")
def workbook_path(bundled, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    tracker = gk.simulate_tracker(bundled, seed=0)
    return build_report(bundled, out / "report.xlsx", tracker=tracker, figures_dir=out / "figures")


@pytest.fixture(scope="module")
def workbook(workbook_path):
    return load_workbook(workbook_path)


def test_sheets_in_order(workbook):
    assert workbook.sheetnames == list(SHEETS) == ["汇总", "任务清单", "单位任务", "单位统计", "说明"]


def column(ws, label, header_row=1):
    headers = [c.value for c in ws[header_row]]
    return [ws.cell(row=r, column=headers.index(label) + 1).value for r in range(header_row + 1, ws.max_row + 1)]


def test_task_list(workbook, bundled):
    tasks = workbook["任务清单"]
    headers = [c.value for c in tasks[1]]
    assert headers == ["任务编号", "任务内容", "牵头单位", "负责单位", "频次与时限", "公开渠道", "缺少要素"]
    ids = [v for v in column(tasks, "任务编号") if v is not None]
    assert ids == bundled.tasks["task_id"].tolist()  # every task, in order
    sections = [tasks.cell(row=r, column=2).value for r in range(2, tasks.max_row + 1) if tasks.cell(row=r, column=1).value is None]
    assert len(sections) == 8 and sections[0].startswith("1 ")
    assert tasks.max_row == 1 + 65 + 8
    row = next(r for r in range(2, tasks.max_row + 1) if tasks.cell(row=r, column=1).value == "2")
    assert tasks.cell(row=row, column=4).value == "财政局" and tasks.cell(row=row, column=5).value == "按月"


def test_unit_view(workbook):
    ws = workbook["单位任务"]
    assert [c.value for c in ws[1]] == ["单位", "牵头的任务", "负责的任务", "有频次或时限的任务", "完成情况"]
    rows = {ws.cell(row=r, column=1).value: [c.value for c in ws[r]] for r in range(2, ws.max_row + 1)}
    assert len(rows) == 39 and list(rows) == sorted(rows)
    assert rows["财政局"][1:] == ["8、9", "2、6、7", "2 按月；7 及时；8 及时", "按时完成：7；逾期完成：2、9；部分完成：8；不适用：6"]
    assert ws.page_setup.orientation == "portrait"


def test_units_sheet_numbers_are_numbers(workbook, bundled):
    ws = workbook["单位统计"]
    headers = [c.value for c in ws[1]]
    assert headers[:6] == ["单位", "牵头任务", "负责任务", "配合任务", "任务合计", "折算任务量"]
    assert [h for h in headers if h and h.endswith("月")] == [f"{m}月" for m in range(6, 13)]
    assert ws["A2"].value == "各街道办事处" and ws["E2"].value == 19 and ws["E2"].data_type == "n"
    total = ws.max_row - 1  # the totals row, then the note on simulated data
    assert ws.cell(row=total, column=1).value == "合计"
    months = [ws.cell(row=total, column=headers.index(f"{m}月") + 1).value for m in range(6, 13)]
    assert months == [4, 2, 2, 5, 2, 2, 16]
    assert ws.cell(row=total, column=5).value == sum(column(ws, "任务合计")[:39])
    assert "考核得分" in headers and "等次" in headers and "备注" not in headers  # every unit has a score: no note


def test_dashboard(workbook_path, workbook):
    summary = workbook["汇总"]
    assert summary["A1"].value == "东城区2017年政务公开工作要点"
    assert summary["A2"].value.startswith("文号：东政办发〔2017〕13号　　发文机关：北京市东城区人民政府办公室　　成文日期：2017-06-21")
    figures = {summary.cell(row=r, column=1).value: summary.cell(row=r, column=2) for r in range(5, 17)}
    assert figures["任务数"].value == 65 and figures["任务数"].data_type == "n"
    assert figures["点名的责任单位"].value == 39 and figures["交给集体承担的任务"].value == 20
    assert figures["四个要素都写明的任务"].number_format == "0.0%"
    texts = [c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("说明：原文只写频次，没写月份") and "12月" in t for t in texts)
    assert "各月应公开次数（2017年6–12月）" in texts
    assert "考核等次低于“合格”的单位：4个（模拟数据，仅作演示）" in texts
    assert "审计局 0.0分、网格中心 0.0分、民政局 50.0分、各街道办事处 58.8分" in texts
    with zipfile.ZipFile(workbook_path) as z:
        names = z.namelist()
        charts = [z.read(n).decode() for n in names if n.startswith("xl/charts/chart")]
    assert len(charts) == 2  # native, editable; no picture of the same figures
    assert not any(n.startswith("xl/media/") for n in names)
    for chart in charts:  # every chart text at 9 pt or more
        sizes = [int(v) for v in re.findall(r'sz="(\d+)"', chart)]
        assert sizes and min(sizes) >= 900
    assert summary.page_setup.orientation == "landscape" and summary.page_setup.fitToHeight == 1


def test_every_sheet_prints_with_title_and_page_numbers(workbook):
    for ws in workbook:
        assert int(ws.page_setup.paperSize) == 9, ws.title  # A4
        assert ws.oddHeader.left.text == "东城区2017年政务公开工作要点", ws.title
        assert ws.oddFooter.center.text == "第 &P 页，共 &N 页", ws.title
        if ws.title != "汇总":
            assert ws.print_title_rows == "$1:$1" and ws.freeze_panes == "A2" and ws.auto_filter.ref, ws.title
        fonts = {c.font.sz for row in ws.iter_rows() for c in row if c.value is not None}
        assert min(fonts) >= 8, ws.title


def test_no_english_codes_shown(workbook):
    codes = {"lead", "responsible", "support", "sole", "joint", "separate", "government", "party", "collective",
             "monthly", "annual", "quarterly", "who", "what", "when", "how", "nan", "None", "True", "False"}
    for ws in workbook:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    assert not (set(re.findall(r"[A-Za-z]+", c.value)) & codes), (ws.title, c.coordinate, c.value)


def test_calendar_colours_are_conditional_formatting(workbook):
    rules = workbook["单位统计"].conditional_formatting
    assert any(rule.type == "colorScale" for cf in rules for rule in cf.rules)


def test_scores_with_simulated_tracker(workbook):
    values = [c.value for row in workbook["单位统计"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any("模拟的跟踪表" in v for v in values)
    assert "等次" in values and "折算分值" in values


def test_without_tracker_says_so_in_plain_words(bundled, tmp_path):
    wb = load_workbook(build_report(bundled, tmp_path / "r.xlsx"))
    notes = {wb["说明"].cell(row=r, column=1).value: wb["说明"].cell(row=r, column=2).value
             for r in range(2, wb["说明"].max_row + 1)}
    assert notes["考核评分"].startswith("本工作簿没有考核得分")
    assert "--" not in " ".join(notes.values())  # no command-line instruction
    assert "考核得分" not in [c.value for c in wb["单位统计"][1]]
    assert "完成情况" not in [c.value for c in wb["单位任务"][1]]
    texts = [c.value for row in wb["汇总"].iter_rows() for c in row if isinstance(c.value, str)]
    assert not any("合格" in t for t in texts)


def test_notes_define_every_column_once(workbook):
    ws = workbook["说明"]
    notes = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(2, ws.max_row + 1)}
    shown = {c.value for name in ("任务清单", "单位任务", "单位统计") for c in workbook[name][1]}
    shown = {h for h in shown if not h.endswith("月")}
    assert shown <= set(notes)
    for label, text in notes.items():
        assert text and text != label and len(text) > len(label), label
    assert notes["折算任务量"].startswith("几个单位共同负责的任务")
    assert {"来源文件", "怎么得到的", "每月应公开次数", "考核评分", "制表时间"} <= set(notes)


def test_figures_written(workbook_path):
    figures = workbook_path.parent / "figures"
    names = sorted(p.name for p in figures.iterdir())
    assert {"workload.png", "calendar.png", "completeness.png", "scores.png", "co-responsibility-network.html"} <= set(names)
    html = (figures / "calendar.html").read_text(encoding="utf-8")
    assert "<script src=\"http" not in html


HOSTILE = """某区2020年政务公开工作要点
一、公开
1.=HYPERLINK("http://evil.example","点击")公开财政信息。(财政局负责落实)
2.+SUM(1,2)公开审计结果。(@审计局负责落实)
3.-2+3公开名单。(财政局负责落实)
4.\t=1+1公开目录。(财政局负责落实)
"""


def test_hostile_document_is_data_not_formulas(tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    doc = gk.parse_document(path)
    out = build_report(doc, tmp_path / "hostile.xlsx")
    wb = load_workbook(out)
    formulas = [(ws.title, c.coordinate) for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    texts = [c.value for row in wb["任务清单"].iter_rows() for c in row if isinstance(c.value, str)]
    assert '=HYPERLINK("http://evil.example","点击")公开财政信息。' in texts
    assert "+SUM(1,2)公开审计结果。" in texts and "-2+3公开名单。" in texts
    cell = next(c for row in wb["任务清单"].iter_rows() for c in row if c.value == "-2+3公开名单。")
    assert cell.quotePrefix
    units = [c.value for c in wb["单位任务"]["A"]]
    assert "@审计局" in units
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any("<f>" in s for s in sheets)


def test_cli_report(tmp_path, capsys):
    tracker = tmp_path / "sim.xlsx"
    assert main(["tracker", str(gk.config.BUNDLED_DOCUMENT), "--out", str(tracker), "--simulate", "0"]) == 0
    out = tmp_path / "report.xlsx"
    assert main(["report", str(gk.config.BUNDLED_DOCUMENT), "--out", str(out), "--tracker", str(tracker)]) == 0
    assert "132 tracker rows scored" in capsys.readouterr().out
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"nope")
    assert main(["report", str(gk.config.BUNDLED_DOCUMENT), "--out", str(out), "--tracker", str(bad)]) == 2
    assert "bad.xlsx: not a readable" in capsys.readouterr().err


def test_plan_without_responsible_units_is_one_clear_error(fixture_path, tmp_path, capsys):
    doc = gk.parse_document(fixture_path("no_clauses.txt"))
    with pytest.raises(gk.ParseError, match="no task names a responsible unit"):
        build_report(doc, tmp_path / "r.xlsx")
    assert main(["report", str(fixture_path("no_clauses.txt")), "--out", str(tmp_path / "r.xlsx")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
