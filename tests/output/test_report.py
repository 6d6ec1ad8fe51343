"""The leadership workbook, read back with openpyxl."""

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
    assert workbook.sheetnames == list(SHEETS)


def test_headers_and_row_counts(workbook, bundled):
    tasks = workbook["任务清单"]
    assert [c.value for c in tasks[1]][:5] == ["任务编号", "所属部分", "任务内容", "责任条款", "牵头单位"]
    assert tasks.max_row == 1 + len(bundled.tasks)
    assert tasks["A2"].value == "1" and tasks["A66"].value == "65"
    resp = workbook["责任分工"]
    assert resp.max_row == 1 + len(bundled.responsibilities)
    assert [c.value for c in resp[1]][:2] == ["任务编号", "单位"]
    workload = workbook["工作量"]
    assert workload.max_row == 1 + bundled.responsibilities["unit"].nunique()
    assert [workload["A2"].value, workload["H2"].value] == ["各街道办事处", 19]
    calendar = workbook["公开日历"]
    assert [c.value for c in calendar[1]][:3] == ["单位", "1月", "2月"]
    assert calendar["A2"].value == "民政局" and calendar["N2"].value == 19


def test_numbers_are_numbers(workbook):
    workload = workbook["工作量"]
    assert workload["H2"].data_type == "n" and isinstance(workload["I2"].value, float)
    summary = workbook["汇总"]
    figures = {summary.cell(row=r, column=1).value: summary.cell(row=r, column=2) for r in range(5, 18)}
    assert figures["任务数"].value == 65 and figures["任务数"].data_type == "n"
    assert figures["责任单位数"].value == 39
    assert figures["四要素齐全的任务占比"].number_format == "0.0%"


def test_every_sheet_is_set_up_for_print_and_filter(workbook):
    for ws in workbook:
        assert ws.freeze_panes is not None, ws.title
        assert ws.auto_filter.ref, ws.title
        assert ws.print_title_rows, ws.title
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert workbook["汇总"].page_setup.orientation == "landscape"


def test_dashboard_has_native_charts_and_images(workbook_path, workbook):
    summary = workbook["汇总"]
    assert summary["A1"].value == "东城区2017年政务公开工作要点"
    assert "东政办发〔2017〕13号" in summary["A2"].value
    with zipfile.ZipFile(workbook_path) as z:
        names = z.namelist()
    assert sum(n.startswith("xl/charts/chart") for n in names) == 2
    assert sum(n.startswith("xl/media/") and n.endswith(".png") for n in names) == 2


def test_calendar_heat_map_is_conditional_formatting(workbook):
    rules = workbook["公开日历"].conditional_formatting
    assert any(rule.type == "colorScale" for cf in rules for rule in cf.rules)


def test_scores_with_simulated_tracker(workbook):
    ws = workbook["合规评分"]
    values = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("模拟数据" in v for v in values)
    assert "等次" in values and "折算分值" in values


def test_without_tracker_says_so(bundled, tmp_path):
    wb = load_workbook(build_report(bundled, tmp_path / "r.xlsx"))
    values = [c.value for row in wb["合规评分"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(v.startswith("未提供跟踪表") for v in values)


def test_notes_sheet(workbook):
    ws = workbook["说明"]
    keys = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert {"来源文件", "发文字号", "方法", "生成时间", "程序版本"} <= set(keys)
    assert "任务清单：任务内容" in keys and "工作量：折算任务量" in keys


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
    units = [c.value for c in wb["责任分工"]["B"]]
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
