"""One fixture per layout of real plans; exact tables for each."""

import pandas as pd
import pytest

import gongkai_analysis as gk
from conftest import units_of


def parse(path, **kw):
    return gk.parse_document(path, tokens=False, **kw)


def test_three_levels_with_restarting_numbers(fixture_path):
    doc = parse(fixture_path("three_levels.txt"))
    assert doc.tasks["task_id"].tolist() == ["S1.1.1", "S1.1.2", "S1.2.1", "S2.1.1", "S2.1.2", "S2.1.3"]
    assert doc.tasks["subsection_title"].tolist()[:3] == ["完善决策机制", "完善决策机制", "做好解读回应"]
    # the city's commission, not the Dongcheng registry's 发改委: its level prefix goes, it stays unknown
    assert units_of(doc, "S1.1.2", "lead") == ["发展改革委"]
    assert doc.responsibilities.query("unit == '发展改革委'")["unit_function"].item() == "发展改革"
    assert units_of(doc, "S1.1.2", "responsible") == ["各区政府"]
    assert doc.responsibilities.query("unit == '各区政府'")["collective"].item()
    assert doc.meta.loc[0, "closing"] == "各单位要认真落实本要点。"
    assert len(doc.sections) == 5


def test_clause_forms(fixture_path):
    doc = parse(fixture_path("clause_forms.txt"))
    r = doc.responsibilities
    got = {tid: list(zip(g["unit"], g["role"], g["mode"], g["open_ended"])) for tid, g in r.groupby("task_id", sort=False)}
    assert got["1"] == [("财政局", "responsible", "sole", False)]
    assert got["2"] == [("财政局", "responsible", "sole", False)]
    assert got["3"] == [("财政局", "lead", "sole", False)]
    assert got["4"] == [("财政局", "lead", "sole", False), ("区政府各部门", "responsible", "sole", False)]
    assert got["5"] == [("财政局", "responsible", "separate", False), ("审计局", "responsible", "separate", False)]
    assert got["6"] == [("财政局", "responsible", "separate", True), ("审计局", "responsible", "separate", True)]
    assert got["7"] == [("财政局", "responsible", "sole", False)]
    assert got["8"] == [("政府办", "lead", "sole", False), ("区政府各部门", "responsible", "joint", False),
                        ("各街道办事处", "responsible", "joint", False)]
    assert got["10"] == [("发改委", "lead", "sole", False), ("财政局", "support", "sole", False)]
    assert got["11"] == [("档案馆", "responsible", "sole", False)]  # the level prefix goes, as from known names
    assert not r.query("task_id == '11'")["known"].item()


def test_clause_before_the_final_stop(fixture_path):
    doc = parse(fixture_path("clause_forms.txt"))
    task = doc.tasks.set_index("task_id").loc["9"]
    assert task["text"] == "任务九。" and task["clause"] == "（统计局负责落实）"
    # a parenthesis that is not a clause stays in the text
    task = doc.tasks.set_index("task_id").loc["12"]
    assert task["text"] == "任务十二（明确主体、内容、时限、方式等）。"


def test_several_clauses_in_one_paragraph(fixture_path):
    doc = parse(fixture_path("run_on_clauses.txt"))
    assert doc.tasks["task_id"].tolist() == ["1a", "1b", "1c", "2"]
    assert doc.tasks["number"].tolist() == [1, 1, 1, 2]
    assert doc.tasks["piece"].tolist()[:3] == [1, 2, 3]
    assert doc.tasks["text"].tolist() == ["公开预算。", "公开决算。", "推进清单管理。", "公开采购信息。"]
    assert units_of(doc, "1c") == ["编办", "区政府各部门"]


def test_responsibility_lines_under_the_task(fixture_path):
    doc = parse(fixture_path("label_lines.txt"))
    tasks = doc.tasks.set_index("task_id")
    assert tasks.loc["1", "text"] == "全面公开财政预决算信息。"
    assert tasks.loc["1", "time_limit"] == "2020年12月底前"
    assert tasks.loc["3", "time_limit"] == "持续推进"
    assert units_of(doc, "1", "lead") == ["财政局"]
    assert units_of(doc, "1", "responsible") == ["区政府各部门", "各街道办事处"]
    assert units_of(doc, "2") == ["发改委"]
    assert units_of(doc, "3") == ["政府办"]


def test_single_line_document(fixture_path):
    doc = parse(fixture_path("single_line.txt"))
    assert doc.tasks["task_id"].tolist() == ["1", "2", "3", "4"]
    assert doc.tasks["section_no"].tolist() == [1, 1, 2, 2]
    assert doc.tasks["text"].iloc[-1] == "加大食品药品监管信息公开力度。"
    assert doc.meta.loc[0, "closing"] == "各单位要认真落实。"
    assert doc.meta.loc[0, "title"] == "某区2017年政务公开工作要点"


def test_parenthesised_task_numbers_with_inner_list(fixture_path):
    doc = parse(fixture_path("paren_tasks.txt"))
    assert doc.tasks["task_id"].tolist() == ["1", "2", "3"]
    assert "1.预算执行审计；2.专项审计。" in doc.tasks["text"].iloc[1]
    assert units_of(doc, "3") == ["政府办", "各乡镇"]
    assert doc.responsibilities.query("task_id == '3'")["unit_raw"].tolist() == ["县政府办", "各乡镇"]
    assert not doc.responsibilities.query("task_id == '3'")["known"].iloc[0]  # a county's office, not Dongcheng's


def test_web_page(fixture_path):
    doc = parse(fixture_path("web_page.html"))
    assert doc.tasks["text"].tolist() == [
        "按月度公开财政收支情况。",
        "通过政府网站、新媒体等渠道公开减税降费政策。",
        "将政务公开纳入绩效考核体系，分值权重不低于4%。",
    ]
    meta = doc.meta.iloc[0]
    assert meta["doc_number"] == "某政办发〔2017〕13号"
    assert meta["date"] == "2017-06-21"
    assert meta["issuer"] == "某区人民政府办公室"
    assert meta["index_no"] == "11010100/2017-00013"
    assert meta["title"] == "某区2017年政务公开工作要点"
    assert "首页" not in doc.text and "var x" not in doc.text and "版权所有" not in doc.text


def test_task_table_in_a_gb2312_web_page(fixture_path):
    doc = parse(fixture_path("table_page.html"))
    assert doc.meta.loc[0, "encoding"] == "gb18030"
    tasks = doc.tasks.set_index("task_id")
    assert tasks["section_no"].tolist() == [1, 1, 2]
    assert tasks.loc["1", "clause"] == "财政局牵头，区政府各部门负责落实"
    assert tasks.loc["2", "time_limit"] == "2018年底前"
    assert units_of(doc, "1", "lead") == ["财政局"]
    assert units_of(doc, "2") == ["住建委", "房管局"]
    assert set(doc.responsibilities.query("task_id == '2'")["mode"]) == {"joint"}


def _docx(path, paragraphs, table=None):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.add_paragraph("各单位要抓好落实。")
    document.save(path)
    return path


def test_word_document_with_paragraphs(tmp_path, bundled_text, bundled):
    lines = [line for line in bundled_text.split("\n") if line.strip()]
    doc = parse(_docx(tmp_path / "plan.docx", lines))
    assert doc.tasks["text"].tolist() == bundled.tasks["text"].tolist()
    cols = ["task_id", "unit", "role", "mode"]
    pd.testing.assert_frame_equal(doc.responsibilities[cols], bundled.responsibilities[cols])


def test_word_document_with_a_task_table(tmp_path):
    table = [
        ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"],
        ["1", "公开财政预算。", "区财政局", "区政府各部门", "2018年6月"],
        ["2", "公开审计结果。", "区审计局", "", "每季度"],
    ]
    doc = parse(_docx(tmp_path / "table.docx", ["某区2018年政务公开工作要点"], table))
    assert doc.tasks["text"].tolist() == ["公开财政预算。", "公开审计结果。"]
    assert doc.tasks["time_limit"].tolist() == ["2018年6月", "每季度"]
    assert units_of(doc, "1", "lead") == ["财政局"]
    assert units_of(doc, "1", "responsible") == ["区政府各部门"]
    assert units_of(doc, "2", "lead") == ["审计局"]


def test_task_without_clause_is_kept_and_counted(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("一、公开\n1.做好A。(财政局负责落实)\n2.做好B。\n3.做好C。(审计局负责落实)\n", encoding="utf-8")
    doc = parse(path)
    assert doc.tasks["clause"].isna().tolist() == [False, True, False]
    assert doc.meta.loc[0, "n_unassigned"] == 1
    assert "task 2 has no responsibility clause" in doc.meta.loc[0, "warnings"]
    assert doc.summary().endswith("1 unassigned task")


def test_truncated_document_reports_the_cut_task(bundled_text):
    cut = bundled_text[: bundled_text.index("(人力社保局牵头")]
    doc = gk.parse_document(cut, tokens=False)
    assert len(doc.tasks) == 65
    assert doc.tasks["clause"].isna().sum() == 1
    assert pd.isna(doc.tasks["clause"].iloc[-1])


def test_units_with_district_and_city_prefixes(fixture_path):
    doc = parse(fixture_path("prefixed_units.txt"))
    assert units_of(doc, "1", "lead") == ["财政局"]
    assert units_of(doc, "1", "responsible") == ["发改委", "审计局"]
    # 市住房城乡建设委 is the city's commission: not the district's 住建委
    assert units_of(doc, "2") == ["住房城乡建设委", "重大办"]
    assert doc.responsibilities.query("task_id == '2'")["known"].tolist() == [False, True]
    rows = doc.responsibilities.query("task_id == '3'")
    # one rule for the level prefix on known and unknown names; unit_raw as printed
    assert rows["unit"].tolist() == ["市场监管局", "城管执法局"]
    assert rows["unit_raw"].tolist() == ["区市场监管局", "区城管执法局"]
    assert rows["known"].tolist() == [False, True]
    assert rows["unit_function"].tolist() == ["市场监管", "城市管理"]
    assert rows["open_ended"].all() and set(rows["role"]) == {"lead"}
    assert set(doc.responsibilities.query("task_id == '4'")["role"]) == {"responsible"}


def test_general_requirements_are_not_tasks(fixture_path):
    doc = parse(fixture_path("general_requirements.txt"))
    assert doc.tasks["task_id"].tolist() == ["1", "2", "3"]
    assert doc.tasks["section_no"].tolist() == [2, 2, 3]
    assert doc.meta.loc[0, "n_sections"] == 2
    framing = doc.sections.query("framing")
    assert framing["title"].tolist() == ["总体要求"]
    assert "坚持公开为常态" in framing["intro"].item()


def test_plan_without_any_clause(fixture_path):
    doc = parse(fixture_path("no_clauses.txt"))
    assert doc.tasks["text"].tolist() == ["制定重大行政决策事项目录并向社会公布。", "重大决策草案公开征求意见。",
                                          "及时公开审计结果和整改情况。"]
    assert doc.responsibilities.empty
    assert doc.meta.loc[0, "n_unassigned"] == 3
    assert doc.meta.loc[0, "closing"] == "各单位要结合实际抓好落实。"
    assert doc.summary().endswith("3 tasks, 0 units, 3 unassigned tasks")


def test_traditional_characters_are_converted_and_kept(fixture_path):
    doc = parse(fixture_path("traditional.txt"))
    assert doc.meta.loc[0, "script"] == "traditional"
    assert doc.meta.loc[0, "title"] == "某区2018年政务公开工作要点"
    assert doc.tasks["text"].iloc[0] == "按月度公开财政收支情况，解读财政收支增减变化及原因。"
    assert doc.tasks["text_original"].iloc[0] == "1.按月度公開財政收支情況，解讀財政收支增減變化及原因。（財政局負責落實）"
    assert units_of(doc, "3", "responsible") == ["区政府相关部门", "各街道办事处"]
    assert doc.responsibilities.query("task_id == '4' and unit == '宣传部'")["alias"].item() == "新闻中心"
    simplified = parse(fixture_path("clause_forms.txt"))
    assert simplified.meta.loc[0, "script"] == "simplified" and simplified.tasks["text_original"].isna().all()


def test_a_web_page_s_attachment_files_and_pictures_are_warnings(tmp_path):
    """A notice on a web page whose task table is a linked .xlsx or a picture: before, the page parsed with
    the notice's few tasks and no word of what it did not read.  (An attachment link's own icon, and a picture
    declared an icon's size, are not counted.)"""
    page = ('<html><body><div class="article"><p>某区2024年政务公开工作要点</p><p>一、公开</p>'
            '<p>1.做好预算公开。（区财政局负责）</p><p>附件：<a href="/u/2024/fengong.xlsx">1.任务分工表</a>　'
            '<a href="/u/2024/fengong2.PDF?v=2"><img src="/i/pdf.gif">2.考核细则</a></p><p><img src="/u/table.jpg"></p>'
            '<p><img src="/i/dot.png" width="12" height="12">说明</p>'
            '<div class="share"><a href="/x.pdf">分享</a><img src="/i/weixin.png"></div></div></body></html>')
    path = tmp_path / "notice.html"
    path.write_text(page, encoding="utf-8")
    doc = parse(path, strict=False)
    assert doc.warnings[:2] == [
        "the page links 2 attachment file(s) (1.任务分工表、2.考核细则): what they hold is not read "
        "(parse the files themselves)",
        "the page shows 1 picture(s) in its text: any text they print is not read"]
    assert doc.meta.loc[0, "n_warnings"] == len(doc.warnings)
