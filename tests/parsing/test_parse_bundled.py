"""Exact values on the bundled Dongcheng 2017 plan."""

import pandas as pd
import pytest

from conftest import units_of


def test_sixty_five_tasks_in_eight_sections(bundled):
    assert bundled.tasks["task_id"].tolist() == [str(i) for i in range(1, 66)]
    assert bundled.tasks["seq"].tolist() == list(range(1, 66))
    assert bundled.tasks["section_no"].nunique() == 8
    assert len(bundled.sections) == 8
    assert bundled.tasks.groupby("section_no").size().tolist() == [13, 13, 6, 10, 3, 5, 3, 12]
    assert bundled.tasks["subsection_no"].isna().all()


def test_metadata(bundled):
    meta = bundled.meta.iloc[0]
    assert meta["title"] == "东城区2017年政务公开工作要点"
    assert meta["notice_title"] == "关于印发东城区2017年政务公开工作要点的通知"
    assert meta["doc_number"] == "东政办发〔2017〕13号"
    assert meta["issuer"] == "北京市东城区人民政府办公室"
    assert meta["date"] == "2017-06-21"
    assert meta["year"] == 2017
    assert meta["recipients"] == "各街道办事处,区政府各委、办、局,各区属机构"
    assert meta["closing"].startswith("区政府各部门和各街道办事处要高度重视政务公开工作")
    assert meta["n_tasks"] == 65 and meta["n_sections"] == 8 and meta["n_unassigned"] == 0
    assert pd.isna(meta["warnings"])


def test_section_titles(bundled):
    assert bundled.sections["title"].iloc[0] == "以政务公开助力社会经济健康发展"
    assert bundled.sections["title"].iloc[-1] == "完善政务公开机制建设"


def test_task_text_keeps_the_documents_wording_without_clause(bundled):
    first = bundled.tasks.iloc[0]
    assert first["text"].startswith("及时发布全区经济社会发展重要指标数据,并对经济形势进行解读。")
    assert first["text"].endswith("及时准确传递政策意图。")
    assert first["clause"] == "(统计局、产促局、人力社保局负责落实)"
    # an ordinary parenthesis inside a task is text, not a clause
    assert "居委会(社区)" in bundled.tasks.loc[bundled.tasks.task_id == "61", "text"].item()
    assert "(明确“五公开”主体、内容、时限、方式等)" in bundled.tasks.loc[bundled.tasks.task_id == "54", "text"].item()


def test_every_character_of_every_task_is_in_one_row(bundled, bundled_text):
    for row in bundled.tasks.itertuples():
        line = bundled_text.split("\n")[row.line - 1]
        body = line.split(".", 1)[1]
        assert row.text + row.clause == body


def test_task_9(bundled):
    assert units_of(bundled, "9", "lead") == ["财政局"]
    assert units_of(bundled, "9", "responsible") == ["区政府相关部门", "各街道办事处"]
    rows = bundled.responsibilities.query("task_id == '9'")
    assert rows["mode"].tolist() == ["sole", "joint", "joint"]
    assert rows["collective"].tolist() == [False, True, True]


def test_task_45_aliases(bundled):
    rows = bundled.responsibilities.query("task_id == '45'")
    assert rows["unit"].tolist() == ["城管执法局", "工商分局"]
    assert rows["alias"].tolist() == ["拆违办", "查无办"]
    assert rows["unit_raw"].tolist() == ["城管执法局〔拆违办〕", "工商分局〔查无办〕"]
    assert set(rows["mode"]) == {"joint"}
    assert set(rows["role"]) == {"responsible"}


def test_task_38_separate_and_open_ended(bundled):
    rows = bundled.responsibilities.query("task_id == '38'")
    assert rows["unit"].tolist() == ["教委", "卫计委"]
    assert set(rows["mode"]) == {"separate"}
    assert rows["open_ended"].all()


def test_task_63_street_offices_are_one_unit(bundled):
    rows = bundled.responsibilities.query("task_id == '63'")
    assert rows["unit"].tolist() == ["政府办", "区政府各部门", "各街道办事处"]
    assert rows["unit_raw"].tolist()[-1] == "街道办事处"


def test_task_21_alias_in_tortoise_brackets(bundled):
    rows = bundled.responsibilities.query("task_id == '21'")
    assert rows[["unit", "alias"]].values.tolist() == [["科委", "知识产权局"]]


def test_unit_counts(bundled):
    resp = bundled.responsibilities
    assert len(resp) == 132
    assert resp["unit"].nunique() == 39
    assert resp["known"].all()
    counts = resp.groupby(["unit", "role"], observed=True).size()
    assert counts[("政府办", "lead")] == 14
    assert counts[("财政局", "lead")] == 2 and counts[("财政局", "responsible")] == 3
    assert counts[("各街道办事处", "responsible")] == 19
    assert resp.query("unit == '编办'")["task_id"].tolist() == ["14", "15", "18", "23"]


def test_vocabularies_are_ordered_categoricals(bundled):
    role, mode = bundled.responsibilities["role"].dtype, bundled.responsibilities["mode"].dtype
    assert role.ordered and role.categories.tolist() == ["lead", "responsible", "support"]
    assert mode.ordered and mode.categories.tolist() == ["sole", "joint", "separate"]


def test_tokens_and_keywords(bundled):
    task = bundled.tasks.set_index("task_id")
    assert "双随机" in task.loc["23", "tokens"] and "一公开" in task.loc["23", "tokens"]
    assert "互联网+政务服务" in task.loc["18", "tokens"]
    assert "政务舆情" in task.loc["60", "tokens"]
    assert "依申请公开" in task.loc["62", "tokens"]
    for tokens in task["tokens"]:
        assert "的" not in tokens and "," not in tokens and "。" not in tokens
    assert task.loc["2", "keywords"][0] == "财政收支"
    assert all(1 <= len(k) <= 5 for k in task["keywords"])


def test_input_frames_are_not_shared_between_calls(bundled):
    import gongkai_analysis as gk

    again = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
    again.tasks.loc[0, "text"] = "changed"
    assert bundled.tasks.loc[0, "text"] != "changed"


@pytest.mark.parametrize("joiner", ["", " "])
def test_the_whole_document_on_one_line(bundled, bundled_text, joiner):
    import gongkai_analysis as gk

    one_line = joiner.join(line for line in bundled_text.split("\n") if line.strip())
    doc = gk.parse_document(one_line, tokens=False)
    assert doc.tasks["text"].tolist() == bundled.tasks["text"].tolist()
    assert doc.tasks["clause"].tolist() == bundled.tasks["clause"].tolist()
    cols = ["task_id", "unit", "role", "mode", "alias"]
    pd.testing.assert_frame_equal(doc.responsibilities[cols], bundled.responsibilities[cols])
    assert doc.meta.loc[0, "doc_number"] == "东政办发〔2017〕13号"
    assert doc.meta.loc[0, "date"] == "2017-06-21"


_FIELDS = ["title", "notice_title", "issuer", "doc_number", "date", "year", "recipients"]


@pytest.mark.parametrize("joiner", ["", " "])
def test_a_run_on_preamble_gives_the_fields_of_the_lines(bundled, bundled_text, joiner):
    # a web page's header copied onto one line: issuer, notice title (wrapped in two), 文号, recipients, date and
    # title side by side, parted by spaces or not at all
    import gongkai_analysis as gk

    one_line = joiner.join(line.strip() for line in bundled_text.split("\n") if line.strip())
    doc = gk.parse_document(one_line, tokens=False)
    assert doc.meta.loc[0, _FIELDS].tolist() == bundled.meta.loc[0, _FIELDS].tolist()
    assert doc.warnings == []


def test_another_district_s_plan_on_one_line_is_read_as_that_district_s(bundled_text):
    # its place is found in its run-on preamble: its units are not taken for 东城's (as they were when the
    # fields of a run-on preamble went unread and the plan seemed to name no place)
    import gongkai_analysis as gk

    lined = bundled_text.replace("东城区", "西城区")
    one_line = " ".join(line for line in lined.split("\n") if line.strip())
    lined_doc, one_doc = (gk.parse_document(text, tokens=False, strict=False) for text in (lined, one_line))
    assert one_doc.meta.loc[0, "title"] == "西城区2017年政务公开工作要点"
    assert not one_doc.responsibilities["known"].any()
    cols = ["task_id", "unit", "unit_raw", "role", "known"]
    pd.testing.assert_frame_equal(one_doc.responsibilities[cols], lined_doc.responsibilities[cols])
    assert one_doc.warnings[0].startswith("the document is from 西城区 and the registry is 东城's")
