"""Word's automatic numbering: the numbers Word draws, read as if typed.

The Word files are written here with python-docx, their lists defined in
``word/numbering.xml`` as Word writes them: the bundled plan with its sections
numbered by a paragraph style and its tasks by a list, and a task table whose
序号 column is numbered by a list that restarts under each section.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import gongkai_analysis as gk
from gongkai_analysis.reading.files import read_path
from gongkai_analysis.reading.numbering import printed_number

docx = pytest.importorskip("docx")
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402


def _define_list(document, abstract_id: int, levels: list[tuple], *, start: str = "1") -> None:
    """An abstract list definition: (number format, level text[, the paragraph style it numbers]) per level."""
    numbering = document.part.numbering_part.element
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{level[0]}"/>'
                   + (f'<w:pStyle w:val="{level[2]}"/>' if len(level) > 2 else "")
                   + f'<w:lvlText w:val="{level[1]}"/></w:lvl>' for i, level in enumerate(levels))
    definition = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    first = numbering.find(qn("w:num"))
    if first is not None:  # (the schema puts every abstractNum before the first num)
        first.addprevious(definition)
    else:
        numbering.append(definition)


def _add_list(document, num_id: int, abstract_id: int, *, restart: bool = False) -> None:
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
    document.part.numbering_part.element.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'))


def _number(properties, num_id: int, level: int | None = 0) -> None:
    ilvl = "" if level is None else f'<w:ilvl w:val="{level}"/>'
    properties.append(parse_xml(f'<w:numPr {nsdecls("w")}>{ilvl}<w:numId w:val="{num_id}"/></w:numPr>'))


def test_the_bundled_plan_numbered_by_word_reads_as_typed(tmp_path, bundled_text, bundled):
    document = docx.Document()
    _define_list(document, 90, [("chineseCounting", "%1、")])
    _define_list(document, 91, [("decimal", "%1.")])
    _add_list(document, 90, 90)
    _add_list(document, 91, 91)
    sections = document.styles.add_style("Section", WD_STYLE_TYPE.PARAGRAPH)  # numbered by its style
    _number(sections.element.get_or_add_pPr(), 90)
    typed = [line for line in bundled_text.split("\n") if line.strip()]
    for line in typed:
        if re.match("[一二三四五六七八]、", line):
            document.add_paragraph(line[2:], style="Section")
        elif task := re.match(r"\d+\.", line):
            _number(document.add_paragraph(line[task.end():])._p.get_or_add_pPr(), 91)
        else:
            document.add_paragraph(line)
    path = tmp_path / "numbered.docx"
    document.save(path)
    assert read_path(path).text.split("\n")[:-1] == typed  # every number back where it was typed
    doc = gk.parse_document(path, tokens=False)
    assert doc.tasks["text"].tolist() == bundled.tasks["text"].tolist()
    assert doc.sections["title"].tolist() == bundled.sections["title"].tolist()
    cols = ["task_id", "unit", "role", "mode"]
    pd.testing.assert_frame_equal(doc.responsibilities[cols], bundled.responsibilities[cols])


def test_a_table_numbered_by_word_restarting_under_each_section(tmp_path):
    document = docx.Document()
    _define_list(document, 92, [("decimal", "%1")])
    _add_list(document, 92, 92)
    _add_list(document, 93, 92, restart=True)  # "restart numbering" in Word: a new list with a start override
    rows = [("序号", "工作任务", "责任单位"), "一、推进决策公开", (92, "公开重大决策草案。", "区政府办公室"),
            (92, "公开决策执行情况。", "区统计局\n区审计局"), "二、推进执行公开", (93, "公开重点工作进展。", "区发展改革委")]
    table = document.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        if isinstance(row, str):
            table.cell(r, 0).merge(table.cell(r, 2)).text = row
            continue
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            if isinstance(value, int):  # an empty cell Word numbers
                _number(cell.paragraphs[0]._p.get_or_add_pPr(), value)
            else:
                cell.text = value
    path = tmp_path / "table.docx"
    document.save(path)
    lines = read_path(path).text.split("\n")[:-1]
    assert lines == ["序号\t工作任务\t责任单位", "一、推进决策公开", "1\t公开重大决策草案。\t区政府办公室",
                     "2\t公开决策执行情况。\t区统计局\u2028区审计局", "二、推进执行公开", "1\t公开重点工作进展。\t区发展改革委"]
    doc = gk.parse_document(path, tokens=False, strict=False)
    assert doc.responsibilities[["task_id", "unit_raw"]].values.tolist() == [
        ["S1.1", "区政府办公室"], ["S1.2", "区统计局"], ["S1.2", "区审计局"], ["S2.1", "区发展改革委"]]


@pytest.mark.parametrize(("n", "fmt", "printed"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCountingThousand", "二十"), (105, "chineseCounting", "一百零五"), (3, "chineseLegalSimplified", "叁"),
    (12, "decimalFullWidth", "１２"), (2, "decimalEnclosedParen", "⑵"), (1, "ideographTraditional", "甲"),
    (28, "lowerLetter", "bb"), (4, "lowerRoman", "iv"), (7, "decimalZero", "07"), (5, "ordinal", "5"),
])
def test_number_formats(n, fmt, printed):
    assert printed_number(n, fmt) == printed


def test_bullets_and_unnumbered_paragraphs_get_no_label(tmp_path):
    document = docx.Document()
    _define_list(document, 94, [("bullet", "\uf0b7")])
    _add_list(document, 94, 94)
    _number(document.add_paragraph("做好公开。")._p.get_or_add_pPr(), 94)
    _number(document.add_paragraph("加强解读。")._p.get_or_add_pPr(), 0)  # numId 0: numbering switched off
    path = tmp_path / "bullets.docx"
    document.save(path)
    assert read_path(path).text == "做好公开。\n加强解读。\n"


PAGE = """<html><head><meta charset="utf-8"><title>某区2024年政务公开工作要点</title></head><body>
<h1>某区2024年政务公开工作要点</h1>
<ol style="list-style-type: cjk-ideographic">
 <li>推进决策公开
  <ol><li>公开重大决策草案，听取公众意见。（区政府办公室负责）</li><li>公开决策执行情况。（区统计局负责）</li></ol></li>
 <li>推进执行公开
  <ol start="3"><li>公开重点工作进展。（区发展改革委负责）</li></ol></li>
</ol>
<ol style="list-style: none"><li>各单位要抓好落实。</li></ol>
<ol type="a"><li>附：任务清单</li></ol>
</body></html>"""


def test_an_html_ordered_list_reads_with_the_numbers_a_browser_draws(tmp_path):
    path = tmp_path / "plan.html"
    path.write_text(PAGE, encoding="utf-8")
    assert read_path(path).text.split("\n")[1:-1] == [
        "一、推进决策公开", "1.公开重大决策草案，听取公众意见。（区政府办公室负责）", "2.公开决策执行情况。（区统计局负责）",
        "二、推进执行公开", "3.公开重点工作进展。（区发展改革委负责）", "各单位要抓好落实。", "a.附：任务清单"]
    doc = gk.parse_document(path, tokens=False)
    assert doc.sections["title"].tolist() == ["推进决策公开", "推进执行公开"]
    assert doc.responsibilities[["task_id", "unit_raw"]].values.tolist() == [
        ["1", "区政府办公室"], ["2", "区统计局"], ["3", "区发展改革委"]]


def test_headings_numbered_through_their_styles(tmp_path):
    """Word's "multilevel list linked to headings": the heading styles name the list, the list's levels
    name the styles (a style that names no level numbers the level linked to it)."""
    document = docx.Document()
    _define_list(document, 95, [("chineseCounting", "%1、", "Heading1"), ("chineseCounting", "（%2）", "Heading2")])
    _add_list(document, 95, 95)
    for name in ("Heading 1", "Heading 2"):
        _number(document.styles[name].element.get_or_add_pPr(), 95, level=None)
    for style, text in [("Heading 1", "推进决策公开"), ("Heading 2", "公开决策草案"), (None, "1.做好A。（区政府办公室负责）"),
                        ("Heading 2", "公开执行情况"), ("Heading 1", "推进执行公开"), ("Heading 2", "公开重点工作")]:
        document.add_paragraph(text, style=style)
    path = tmp_path / "headings.docx"
    document.save(path)
    assert read_path(path).text.split("\n")[:-1] == [
        "一、推进决策公开", "（一）公开决策草案", "1.做好A。（区政府办公室负责）", "（二）公开执行情况", "二、推进执行公开",
        "（一）公开重点工作"]


def test_a_damaged_list_definition_is_read_without_numbers_it_cannot_make(tmp_path):
    document = docx.Document()
    _define_list(document, 96, [("upperRoman", "%1.")], start="999999999999")
    _add_list(document, 96, 96)
    paragraph = document.add_paragraph("做好公开。")
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="x"/><w:numId w:val="96"/></w:numPr>'))
    path = tmp_path / "damaged.docx"
    document.save(path)
    assert read_path(path).text == "I.做好公开。\n"  # a start of twelve digits is no start: I, as from 1
