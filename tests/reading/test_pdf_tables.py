"""Ruled task tables in a PDF: cells read one by one, as the Word table they were printed from.

The PDFs are made at test time by LibreOffice from Word tables written with
python-docx: the bundled plan as a 任务分工表 over several pages (its header
row repeated on each, rows cut by page breaks), and a small table with merged
cells.  The grid logic itself is tested on rules given by hand.
"""

from __future__ import annotations

import shutil
import subprocess

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gongkai_analysis as gk
from gongkai_analysis.reading import pdf, pdf_table
from gongkai_analysis.reading.files import read_path

docx = pytest.importorskip("docx")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed: .ci/run installs it")

HEADER = ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"]
#: Column widths (cm): narrow unit columns, so that unit names wrap inside their cells.
WIDTHS = [1.2, 8.0, 2.4, 2.6, 2.2]


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _table_docx(path, title: str, rows: list[list[str] | str], *, merge_down: list[tuple[int, int, int]] = (),
                widths: list[float] = WIDTHS):
    """A Word file: a title, then a ruled table; a str row is a section row merged across the table.

    ``merge_down`` lists ``(first row, last row, column)`` cells merged over rows (the text of the first).
    """
    from docx.shared import Cm

    document = docx.Document()
    document.add_paragraph(title)
    table = document.add_table(rows=len(rows) + 1, cols=len(HEADER))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    for c, value in enumerate(HEADER):
        table.cell(0, c).text = value
    _repeat_header(table.rows[0])
    for r, values in enumerate(rows, start=1):
        if isinstance(values, str):
            table.cell(r, 0).merge(table.cell(r, len(HEADER) - 1)).text = values
            continue
        for c, value in enumerate(values):
            lines = value.split("\n")
            cell = table.cell(r, c)
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    for first, last, column in merge_down:
        text = table.cell(first, column).text
        table.cell(first, column).merge(table.cell(last, column)).text = text
    document.save(path)
    return path


def _pdf_of(path):
    folder = path.parent
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(path)],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(folder), "PATH": "/usr/bin:/bin"})
    return path.with_suffix(".pdf")


def _bundled_as_table(bundled) -> list[list[str] | str]:
    """The bundled plan as a task table: each task's lead and responsible units one per line in their cells."""
    units = bundled.responsibilities.groupby(["task_id", "role"], observed=True)["unit_raw"].agg("\n".join)
    rows: list[list[str] | str] = []
    section = None
    for task in bundled.tasks.itertuples():
        if task.section_no != section:
            section = task.section_no
            rows.append(f"{'一二三四五六七八'[section - 1]}、{task.section_title}")
        rows.append([task.task_id, task.text, units.get((task.task_id, "lead"), ""),
                     units.get((task.task_id, "responsible"), ""), ""])
    return rows


@pytest.fixture(scope="module")
def bundled_table_pdf(tmp_path_factory, bundled):
    folder = tmp_path_factory.mktemp("table")
    word = _table_docx(folder / "plan-table.docx", "北京市东城区2017年政务公开工作要点任务分工", _bundled_as_table(bundled))
    return word, _pdf_of(word)


@needs_soffice
@pytest.mark.slow
def test_bundled_plan_as_a_pdf_table_reads_as_its_word_table(bundled_table_pdf, bundled):
    word, printed = bundled_table_pdf
    from_word, from_pdf = gk.parse_document(word, tokens=False), gk.parse_document(printed, tokens=False)
    text = read_path(printed).text
    assert text.count("\n序号\t") == 1  # the header printed again on every page is read once
    assert len(from_pdf.tasks) == 65 and from_pdf.meta["task_level"].iloc[0] == "table"
    columns = ["task_id", "section_no", "section_title", "text", "clause"]
    pd.testing.assert_frame_equal(from_pdf.tasks[columns], from_word.tasks[columns])
    pd.testing.assert_frame_equal(from_pdf.responsibilities, from_word.responsibilities)
    # and the table gives each task the units and roles the plan's own clauses give it
    key = ["task_id", "unit", "role"]
    pd.testing.assert_frame_equal(from_pdf.responsibilities[key].reset_index(drop=True),
                                  bundled.responsibilities[key].reset_index(drop=True))
    assert from_pdf.meta["n_suspect_units"].iloc[0] == 0


@needs_soffice
def test_merged_cells_and_units_filling_their_cells(tmp_path):
    rows = [
        "一、推进决策公开",
        ["1", "公开重大决策草案，听取公众意见。", "区政府办公室", "区发展改革委\n区司法局", "2024年6月底前"],
        ["2", "公开重大决策执行情况。", "", "区统计局", "持续推进"],
        ["3", "做好政策解读。", "区政务服务局", "区市场监管局\n区商务局\n区住房城乡建设委", "每季度"],
    ]
    # the lead unit of tasks 1 and 2 in one cell merged over both rows; 区市场监管局 fills its cell's width
    printed = _pdf_of(_table_docx(tmp_path / "merged.docx", "某区2024年政务公开工作任务分工", rows,
                                  merge_down=[(2, 3, 2)]))
    lines = read_path(printed).text.split("\n")
    assert lines[1:4] == ["\t".join(HEADER), "一、推进决策公开",
                          "1\t公开重大决策草案，听取公众意见。\t区政府办公室\t区发展改革委\u2028区司法局\t2024年6月底前"]
    assert lines[4] == "2\t公开重大决策执行情况。\t区政府办公室\t区统计局\t持续推进"  # the merged cell in each row
    doc = gk.parse_document(printed, tokens=False)
    assert doc.responsibilities[["task_id", "unit_raw", "role"]].values.tolist() == [
        ["1", "区政府办公室", "lead"], ["1", "区发展改革委", "responsible"], ["1", "区司法局", "responsible"],
        ["2", "区政府办公室", "lead"], ["2", "区统计局", "responsible"],
        ["3", "区政务服务局", "lead"], ["3", "区市场监管局", "responsible"], ["3", "区商务局", "responsible"],
        ["3", "区住房城乡建设委", "responsible"]]
    assert doc.tasks["time_limit"].tolist() == ["2024年6月底前", "持续推进", "每季度"]


def _rules(rows_y, columns_x, *, missing_vertical=(), missing_horizontal=()):
    """Rules of a full grid, less the pieces named: ``(x, row)`` vertical and ``(y, column)`` horizontal."""
    horizontal = [(y, columns_x[c], columns_x[c + 1]) for y in rows_y for c in range(len(columns_x) - 1)
                  if (y, c) not in missing_horizontal]
    vertical = [(x, rows_y[r + 1], rows_y[r]) for x in columns_x for r in range(len(rows_y) - 1)
                if (x, r) not in missing_vertical]
    return pdf_table.Rules(horizontal, vertical)


def test_grid_cells_merge_where_a_rule_is_missing():
    ys, xs = [700, 680, 660, 640], [100, 130, 300, 360]
    # row 0 is one cell across the table (a section row); column 2 is one cell over rows 1 and 2
    rules = _rules(ys, xs, missing_vertical={(130, 0), (300, 0)}, missing_horizontal={(660, 2)})
    [grid] = pdf_table.grid_cells(rules)
    assert [(c.top, c.left, c.rows, c.columns) for c in grid.cells] == [
        (0, 0, 1, 3), (1, 0, 1, 1), (1, 1, 1, 1), (1, 2, 2, 1), (2, 0, 1, 1), (2, 1, 1, 1)]
    assert grid.cell_at(310, 650) is grid.cell_at(350, 675)


def test_a_ruled_box_around_text_is_no_table():
    assert pdf_table.grid_cells(_rules([700, 600], [100, 400])) == []  # one cell: a 专栏 box
    assert pdf_table.grid_cells(_rules([700, 680, 600], [100, 400])) == []  # one column, a title row


def _char(text, x, y, size=10.0):
    return (text, x, y, x, x + size, size, False)


def test_cell_lines_join_at_the_edge_unless_two_names_fill_it():
    cell = pdf_table.Cell(0, 0, 1, 1, 100.0, 172.0)  # room for six characters of 10 pt beside 6 pt padding
    for y, line in [(690, "市市场监管局"), (678, "市商务局"), (666, "市工业和信息"), (654, "化局")]:
        cell.chars += [_char(ch, 106 + 10 * k, y) for k, ch in enumerate(line)]
    text, last_full = pdf_table._cell_text(cell, pdf._line_of)
    assert text.split("\u2028") == ["市市场监管局", "市商务局", "市工业和信息化局"] and not last_full


def test_a_row_cut_by_a_page_break_goes_on_and_a_repeated_header_is_dropped():
    def line(cells, full, first, y):
        return pdf._Line("\t".join(cells), 0, 100, y, 10, pdf_table.TableRow(cells, full, first))

    header = ("序号", "工作任务", "牵头单位")
    lines = [line(header, (False,) * 3, True, 700), line(("1", "做好重大建设", "市财政局"), (False, True, False), False, 600),
             pdf._Line("— 1 —", 0, 100, 50, 10),  # (page furniture is gone before this step; text ends a table)
             ]
    kept = pdf._join_split_rows(lines[:2] + [line(header, (False,) * 3, True, 700),
                                             line(("", "项目公开。", "市审计局"), (False,) * 3, False, 680)])
    assert [k.text for k in kept] == ["序号\t工作任务\t牵头单位", "1\t做好重大建设项目公开。\t市财政局\u2028市审计局"]
    kept = pdf._join_split_rows(lines + [line(("", "项目公开。", "市审计局"), (False,) * 3, True, 680)])
    assert len(kept) == 4  # text between the two rows: nothing joined


_position = st.floats(min_value=0, max_value=60).map(lambda v: round(v) * 10.0)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(horizontal=st.lists(st.tuples(_position, _position, _position), max_size=12),
       vertical=st.lists(st.tuples(_position, _position, _position), max_size=12),
       points=st.lists(st.tuples(st.floats(0, 600), st.floats(0, 600)), max_size=30))
def test_any_rules_give_grids_whose_rows_can_be_read(horizontal, vertical, points):
    """Rules in any arrangement (crossing, touching, missing, one on another): the grids found are whole,
    each point lands in at most one cell, and reading the rows never fails."""
    rules = pdf_table.Rules([(y, min(a, b), max(a, b)) for y, a, b in horizontal],
                            [(x, min(a, b), max(a, b)) for x, a, b in vertical])
    for grid in pdf_table.grid_cells(rules):
        assert grid.xs == sorted(grid.xs) and grid.ys == sorted(grid.ys, reverse=True)
        for x, y in points:
            if grid.contains(x, y) and (cell := grid.cell_at(x, y)) is not None:
                cell.chars.append(("字", x, y - 3, x - 5, x + 5, 10.0, False))
        rows = pdf_table.table_rows(grid, pdf._line_of)
        assert all(len(row.cells) == len(row.full) for _, row in rows)
        assert len(rows) <= len(grid.ys) - 1


def test_a_table_with_open_sides_ends_where_its_horizontal_rules_end():
    ys, xs = [700, 680, 660], [100, 130, 300, 360]
    rules = _rules(ys, xs, missing_vertical={(x, r) for x in (100, 360) for r in range(2)})
    [grid] = pdf_table.grid_cells(rules)
    assert grid.xs == xs and [(c.top, c.left) for c in grid.cells] == [(r, c) for r in range(2) for c in range(3)]


@needs_soffice
@pytest.mark.slow
def test_a_lead_unit_merged_over_rows_across_page_breaks(tmp_path):
    """One lead unit for tasks 1–20, in a cell merged over their rows, over three pages: LibreOffice prints its
    name on the first page only; every task keeps it, as in the Word file."""
    long_text = "围绕优化营商环境，及时公开涉企政策，做好政策解读和推送，推动惠企政策直达快享，提升企业获得感。" * 2
    rows = ["一、推进决策公开", *([str(i), f"第{i}项：{long_text}", "市政府办公室" if i <= 20 else "区政务服务局",
                                 f"市第{i}局", "2024年底前"] for i in range(1, 31))]
    word = _table_docx(tmp_path / "merged.docx", "某市2024年政务公开工作要点任务分工", rows, merge_down=[(2, 21, 2)])
    printed = _pdf_of(word)
    from_word, from_pdf = (gk.parse_document(path, tokens=False) for path in (word, printed))
    leads = from_pdf.responsibilities.query("role == 'lead'")
    assert leads["task_id"].tolist() == [str(i) for i in range(1, 31)]
    assert leads["unit_raw"].tolist() == ["市政府办公室"] * 20 + ["区政务服务局"] * 10
    pd.testing.assert_frame_equal(from_pdf.responsibilities, from_word.responsibilities)
    assert from_pdf.tasks["text"].tolist() == from_word.tasks["text"].tolist()


_UNITS = ["市发展改革委", "市财政局", "市审计局", "市统计局", "市市场监管局", "市商务局", "市住房和城乡建设局", "市自然资源和规划局",
          "市公共资源交易中心", "市政务服务数据管理局", "市委网信办", "市委宣传部（市新闻出版局）", "各区县人民政府", "市直各有关部门",
          "市工业和信息化局", "市人力资源和社会保障局", "市卫生健康委", "市生态环境局", "市政府办公室", "市司法局"]
_CLAUSES = ["围绕优化营商环境，及时公开涉企政策", "做好政策解读和推送", "推动惠企政策直达快享", "加大财政预决算公开力度",
            "推进部门预算、决算和三公经费公开", "公开2024年度重点工作进展情况", "按季度公开PPP项目信息"]


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("seed", [2, 5, 7, 13])
def test_random_task_tables_printed_to_pdf_read_as_their_word_files(tmp_path, seed):
    """Tables of random column widths (cells two to nine characters wide), units one a line or joined by 、,
    rows cut by page breaks: each unit where the Word file has it (each seed's table runs names together when
    a name that fills its cell is taken for a wrap)."""
    import random

    rnd = random.Random(seed)
    widths = [1.2, rnd.uniform(5, 9), rnd.uniform(1.8, 3.5), rnd.uniform(1.8, 3.5), rnd.uniform(1.8, 2.8)]
    rows: list = ["一、推进决策公开"]
    for i in range(1, rnd.randint(8, 25) + 1):
        units = rnd.sample(_UNITS, rnd.randint(1, 4))
        rows.append([str(i), "，".join(rnd.sample(_CLAUSES, rnd.randint(1, 4))) + "。", rnd.choice(_UNITS),
                     ("\n" if rnd.random() < 0.7 else "、").join(units), rnd.choice(["2024年6月底前", "持续推进"])])
    word = _table_docx(tmp_path / "random.docx", "某市2024年政务公开工作要点任务分工", rows, widths=widths)
    from_word, from_pdf = (gk.parse_document(path, tokens=False) for path in (word, _pdf_of(word)))
    columns = ["task_id", "unit_raw", "role"]
    assert from_pdf.responsibilities[columns].values.tolist() == from_word.responsibilities[columns].values.tolist()
    assert from_pdf.tasks["time_limit"].tolist() == from_word.tasks["time_limit"].tolist()
