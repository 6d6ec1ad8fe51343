"""A filled tracker read back: no row lost, no value changed unnoticed, every problem at once."""

import datetime as dt

import pytest
from openpyxl import load_workbook

import gongkai_analysis as gk

# The template's layout: a title, a note, then the header on row 3 and the first obligation on row 4.
UNIT, TASK, STATUS, DATE = "A", "B", "G", "H"
FIRST = 4


@pytest.fixture(scope="module")
def doc():
    return gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)


@pytest.fixture
def template(doc, tmp_path):
    return gk.tracker_template(doc, tmp_path / "t.xlsx")


@pytest.fixture
def simulated(doc, tmp_path):
    return gk.write_tracker(gk.simulate_tracker(doc, seed=0), tmp_path / "sim.xlsx")


def edit(path, change):
    wb = load_workbook(path)
    change(wb["跟踪表"])
    wb.save(path)
    return path


def problems(path, doc=None):
    with pytest.raises(gk.TrackerError) as info:
        gk.read_tracker(path, doc=doc)
    return info.value, getattr(info.value, "problems", None)


def test_template_layout(template, doc):
    ws = load_workbook(template)["跟踪表"]
    assert ws["A1"].value == "东城区2017年政务公开工作要点（东政办发〔2017〕13号）完成情况跟踪表"
    assert [c.value for c in ws[3]][:3] == ["责任单位", "任务编号", "角色"]
    assert "文件" not in [c.value for c in ws[3]]  # the document is named once, above the table
    assert ws.max_row == FIRST - 1 + 132
    units = [ws[f"A{r}"].value for r in range(FIRST, ws.max_row + 1)]
    assert units == sorted(units)  # a unit's rows together
    mine = [ws[f"B{r}"].value for r in range(FIRST, ws.max_row + 1) if ws[f"A{r}"].value == "政府办"]
    assert mine == [str(t) for t in range(51, 65)]  # in the plan's order
    assert str(ws.data_validations.dataValidation[0].sqref) == f"{STATUS}{FIRST}:{STATUS}{ws.max_row}"
    widths = {ws.cell(row=3, column=j).value: ws.column_dimensions[ws.cell(row=3, column=j).column_letter].width
              for j in range(1, ws.max_column + 1)}
    assert widths["备注"] >= 10 and widths["任务内容"] >= 40 and widths["责任单位"] <= 16
    assert sum(7 * w + 5 for w in widths.values()) <= 1047  # every column on one A4 landscape width at 9 pt
    back = gk.read_tracker(template, doc=doc)
    assert len(back) == 132 and back["status"].isna().all() and (back["doc_id"] == doc.doc_id).all()


def test_deleted_rows_are_refused(simulated, doc):
    ws = load_workbook(simulated)["跟踪表"]
    unfinished = [r for r in range(FIRST, ws.max_row + 1) if ws[f"{STATUS}{r}"].value == "未完成"]
    assert len(unfinished) == 11

    def delete(sheet):
        for r in reversed(unfinished):
            sheet.delete_rows(r)

    error, found = problems(edit(simulated, delete), doc)
    missing = [m for _, m in found if m.endswith("is missing (no row for it)")]
    assert len(missing) == 11 and len(found) == 11
    assert "11 problems" in str(error)


def test_header_only_tracker_is_refused(template, doc):
    path = edit(template, lambda ws: ws.delete_rows(FIRST, ws.max_row))
    with pytest.raises(gk.TrackerError, match="no rows under its header"):
        gk.read_tracker(path, doc=doc)
    with pytest.raises(gk.TrackerError, match="no rows under its header"):
        gk.read_tracker(path)


def test_extra_and_duplicated_obligations_are_named(template, doc):
    def change(ws):
        ws.append(["档案馆", "1", "负责"])
        ws.append([ws[f"A{FIRST}"].value, ws[f"B{FIRST}"].value, "负责"])

    _, found = problems(edit(template, change), doc)
    messages = dict(found)
    assert messages[f"跟踪表!A{FIRST + 132}"].startswith("task 1 × 档案馆 is not an obligation")
    duplicated = [m for m in messages.values() if "appears more than once" in m]
    assert duplicated == [f"obligation 31 × 东城园管委会 appears more than once (rows {FIRST}, {FIRST + 133})"]


def test_merged_status_and_unit_cells_are_refused(simulated, doc):
    def merge(ws):
        ws.merge_cells(f"{STATUS}5:{STATUS}7")
        ws.merge_cells(f"{UNIT}9:{UNIT}10")

    _, found = problems(edit(simulated, merge), doc)
    cells = [cell for cell, _ in found]
    assert f"跟踪表!{STATUS}5:{STATUS}7" in cells and f"跟踪表!{UNIT}9:{UNIT}10" in cells
    assert any("merged cells in 完成状态" in m for _, m in found)


def test_formula_without_saved_value_is_refused(simulated, doc):
    path = edit(simulated, lambda ws: ws.__setitem__(f"{STATUS}6", '=IF(1,"按时完成","")'))
    _, found = problems(path, doc)
    assert found == [(f"跟踪表!{STATUS}6", 'a formula (=IF(1,"按时完成","")) with no saved value: type the value itself')]


@pytest.mark.parametrize(("value", "reason"), [
    ("01/02/03", "ambiguous"),
    ("2017", "ambiguous"),
    (2017, "not a plausible date: 1905-07-09"),  # a number in a date cell is a day count
    (3.5, "is a number"),
    ("9999-12-31", "not a plausible date"),
    (dt.datetime(9999, 12, 31), "not a plausible date"),
    ("2017-02-30", "no such day"),
])
def test_ambiguous_dates_are_refused(simulated, doc, value, reason):
    def change(ws):
        ws[f"{DATE}5"] = value
        if isinstance(value, float):
            ws[f"{DATE}5"].number_format = "General"

    path = edit(simulated, change)
    _, found = problems(path, doc)
    assert len(found) == 1 and found[0][0] == f"跟踪表!{DATE}5" and reason in found[0][1]


def test_written_out_dates_are_read(simulated, doc):
    def change(ws):
        ws[f"{DATE}5"] = "2017年7月3日"
        ws[f"{DATE}6"] = "2017/7/4"

    back = gk.read_tracker(edit(simulated, change), doc=doc)
    assert back["completed_on"].iloc[1] == dt.datetime(2017, 7, 3)
    assert back["completed_on"].iloc[2] == dt.datetime(2017, 7, 4)


def test_blank_unit_and_stray_space_name_the_cell(template, doc):
    def change(ws):
        ws[f"{UNIT}8"] = None
        ws[f"{UNIT}9"] = " "  # a stray space where the unit was
        ws[f"J{FIRST + 140}"] = " "  # a stray space far below the table: not a row
        ws[f"J{FIRST + 141}"] = " "
        ws[f"K{FIRST + 141}"] = "备注"  # a row with text but no obligation

    _, found = problems(edit(template, change), doc)
    messages = dict(found)
    assert messages[f"跟踪表!{UNIT}8"] == messages[f"跟踪表!{UNIT}9"] == "empty 责任单位"
    assert messages[f"跟踪表!{UNIT}{FIRST + 141}"] == "empty 责任单位"
    assert messages[f"跟踪表!{TASK}{FIRST + 141}"] == "empty 任务编号"
    assert not any(str(FIRST + 140) in cell for cell in messages)
    assert not any("nan" in m for m in messages.values())


def test_unit_with_a_space_inside_is_named(template, doc):
    path = edit(template, lambda ws: ws.__setitem__(f"{UNIT}{FIRST}", "东城园 管委会"))
    _, found = problems(path, doc)
    messages = dict(found)
    assert messages[f"跟踪表!{UNIT}{FIRST}"].startswith("task 31 × 东城园 管委会 is not an obligation")
    assert "obligation 31 × 东城园管委会 is missing (no row for it)" in messages.values()


def test_every_problem_of_the_sheet_at_once(simulated, doc):
    def change(ws):
        ws[f"{STATUS}5"] = "完成了"
        ws[f"{STATUS}9"] = "done"
        ws[f"{DATE}11"] = "soon"
        ws[f"{UNIT}12"] = None

    error, found = problems(edit(simulated, change), doc)
    cells = [cell for cell, _ in found]
    assert cells[:4] == [f"跟踪表!{UNIT}12", f"跟踪表!{STATUS}5", f"跟踪表!{STATUS}9", f"跟踪表!{DATE}11"]
    text = str(error)
    assert text.startswith(f"{simulated}:跟踪表: ") and all(c in text for c in cells)


def test_one_problem_names_its_cell(template):
    path = edit(template, lambda ws: ws.__setitem__(f"{STATUS}7", "完成了"))
    with pytest.raises(gk.ParseError, match=rf"t.xlsx:跟踪表!{STATUS}7: unknown status '完成了'"):
        gk.read_tracker(path)


def test_not_a_workbook_and_missing_columns(template, tmp_path):
    path = edit(template, lambda ws: ws.__setitem__(f"{STATUS}3", "状态"))
    with pytest.raises(gk.ParseError, match="lacks the column.*完成状态"):
        gk.read_tracker(path)
    (tmp_path / "junk.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(gk.ParseError, match="junk.xlsx: not a readable"):
        gk.read_tracker(tmp_path / "junk.xlsx")


def test_cli_report_lists_every_problem_on_one_line(simulated, tmp_path, capsys):
    from gongkai_analysis.cli import main

    edit(simulated, lambda ws: (ws.__setitem__(f"{STATUS}5", "完成了"), ws.__setitem__(f"{DATE}6", "01/02/03")))
    status = main(["report", str(gk.config.BUNDLED_DOCUMENT), "--out", str(tmp_path / "r.xlsx"),
                   "--tracker", str(simulated)])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1
    assert f"跟踪表!{STATUS}5" in err and f"跟踪表!{DATE}6" in err


def test_tracker_of_another_document_is_refused_in_one_line(template, tmp_path):
    other = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
    other.meta["doc_id"] = "another-plan"
    other.responsibilities["doc_id"] = "another-plan"
    other.tasks["doc_id"] = "another-plan"
    with pytest.raises(gk.TrackerError, match="this tracker is for dongcheng-2017-zhengwu-gongkai-gongzuo-yaodian, "
                                              "not for another-plan$"):
        gk.read_tracker(template, doc=other)


def test_old_layout_with_the_document_in_every_row_still_reads(doc, tmp_path):
    from openpyxl import Workbook

    from gongkai_analysis.schema import TRACKER_HEADERS

    frame = gk.tracker_frame(doc)
    wb = Workbook()
    ws = wb.active
    ws.title = "跟踪表"
    columns = ["doc_id", "task_id", "unit", "status"]
    ws.append([TRACKER_HEADERS[c] for c in columns])
    for row in frame[columns].itertuples(index=False):
        ws.append([row.doc_id, row.task_id, row.unit, "按时完成"])
    wb.save(tmp_path / "old.xlsx")
    back = gk.read_tracker(tmp_path / "old.xlsx", doc=doc)
    assert len(back) == 132 and (back["status"] == "按时完成").all()
