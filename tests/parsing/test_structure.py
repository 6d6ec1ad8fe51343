"""The structure pass: task levels, document parts, boxes, ids, run-on text and the #10 structure cases.

Exact values on the real documents in ../shared/corpus are read in place (never copied).
"""

from __future__ import annotations

import gc
import re
import time

import pytest

import gongkai_analysis as gk
from gongkai_analysis.errors import ParseError
from gongkai_analysis.parsing.build import parse_rows

BAOTOU = "baotou-2022-digital-government-appraisal.txt"
ANHUI = "anhui-2021-industrial-internet.txt"
REG_2007 = "regulation-on-open-government-information-2007.md"
REG_2019 = "regulation-on-open-government-information-2019.md"


def parse(source, **kw):
    return gk.parse_document(source, tokens=False, **kw)


# --------------------------------------------------------------------------
# Task levels, on small invented texts
# --------------------------------------------------------------------------
def test_paren_items_are_tasks_where_there_is_no_arabic_level():
    doc = parse("一、甲\n（一）做好A。（甲局负责）\n（二）做好B。（乙局负责）\n二、乙\n（一）做好C。（丙局负责）\n")
    assert doc.tasks["task_id"].tolist() == ["S1.1", "S1.2", "S2.1"]
    assert doc.tasks["kind"].tolist() == ["task"] * 3
    assert doc.meta.loc[0, "task_level"] == "paren"
    assert doc.responsibilities["unit"].tolist() == ["甲局", "乙局", "丙局"]


def test_unnumbered_paragraphs_ending_with_a_clause_are_tasks():
    text = ("某省若干政策\n一、支持平台\n培育平台。给予奖补。（责任单位：省经信厅、省财政厅）\n"
            "推动上云。\n分批推进。（责任单位：省经信厅）\n二、支持人才\n培养人才。（责任单位：省人社厅）\n"
            "本政策自发布之日起执行。\n")
    doc = parse(text)
    tasks = doc.tasks
    assert tasks["kind"].tolist() == ["paragraph"] * 3
    assert tasks["task_id"].tolist() == ["1", "2", "3"]
    assert tasks["section_no"].tolist() == [1, 1, 2]
    assert tasks.loc[1, "text"].splitlines() == ["推动上云。", "分批推进。"]  # two paragraphs, one task
    assert doc.meta.loc[0, "task_level"] == "paragraph"
    assert doc.meta.loc[0, "closing"] == "本政策自发布之日起执行。"


def test_boxes_are_kept_apart_never_glued_into_a_task():
    text = ("一、行动\n1﹒建设网络。（责任单位：甲局）\n专栏1  网络工程\n优化网络。建设外网。\n"
            "2﹒建设平台。\n推广平台。（责任单位：乙局）\n")
    doc = parse(text)
    tasks = doc.tasks.set_index("task_id")
    assert doc.tasks["task_id"].tolist() == ["1", "B1", "2"]
    assert tasks.loc["B1", "kind"] == "box" and tasks.loc["B1", "text"].startswith("专栏1")
    assert "优化网络" in tasks.loc["B1", "text"] and "优化网络" not in tasks.loc["1", "text"]
    assert tasks.loc["2", "text"].splitlines() == ["建设平台。", "推广平台。"]
    assert doc.meta.loc[0, "n_tasks"] == 2 and doc.meta.loc[0, "n_unassigned"] == 0


def test_articles_are_the_units_of_a_regulation():
    text = ("某某条例\n第一章 总则\n第一条 为了公开，制定本条例。\n第二条 本条例所称信息：\n（一）甲；\n（二）乙。\n"
            "第二章 附则\n第三条 本条例自公布之日起施行。\n")
    doc = parse(text)
    assert doc.tasks["task_id"].tolist() == ["1", "2", "3"]
    assert doc.tasks["kind"].tolist() == ["article"] * 3
    assert doc.tasks["section_no"].tolist() == [1, 1, 2]
    assert doc.tasks.loc[1, "text"].splitlines() == ["本条例所称信息：", "（一）甲；", "（二）乙。"]
    assert doc.meta.loc[0, "task_level"] == "article" and doc.meta.loc[0, "n_unassigned"] == 0


def test_arabic_markers_of_every_printed_form():
    for first, second in [("1.", "2."), ("1．", "2．"), ("1、", "2、"), ("1\ufe52", "2\ufe52"), ("１．", "２．"),
                          ("1）", "2）"), ("(1)", "(2)"), ("①", "②")]:
        doc = parse(f"一、甲\n{first}做好A。（甲局负责）\n{second}做好B。（乙局负责）\n")
        assert doc.tasks["task_id"].tolist() == ["1", "2"], first
        assert doc.meta.loc[0, "task_level"] == "arabic"


def test_several_documents_in_one_file_are_parts_with_ids_that_never_collide():
    text = ("某市人民政府办公室关于印发两个文件的通知\n各区：\n现印发给你们。\n附件：1．某市若干政策\n2．某市行动计划\n"
            "附件1\n某市若干政策\n一、支持\n1.做好A。（甲局负责）\n2.做好B。（乙局负责）\n"
            "附件2\n某市行动计划\n一、行动\n1.做好C。（丙局负责）\n二、保障\n1.做好D。（丁局负责）\n")
    doc = parse(text)
    assert doc.meta.loc[0, "n_parts"] == 2
    assert doc.tasks["task_id"].tolist() == ["P1.1", "P1.2", "P2.S1.1", "P2.S2.1"]
    assert doc.tasks["part"].tolist() == [1, 1, 2, 2]
    parts = doc.sections.query("level == 'part'")
    assert parts["title"].tolist() == ["某市若干政策", "某市行动计划"]
    assert doc.sections.query("level == 'section'")["part"].tolist() == [1, 2, 2]
    assert doc.responsibilities["task_id"].tolist() == ["P1.1", "P1.2", "P2.S1.1", "P2.S2.1"]


def test_a_single_document_has_no_part_numbers(bundled):
    assert bundled.tasks["part"].isna().all() and bundled.meta.loc[0, "n_parts"] == 1
    assert bundled.meta.loc[0, "task_level"] == "arabic"
    assert set(bundled.tasks["kind"]) == {"task"}


# --------------------------------------------------------------------------
# Ids that survive a spreadsheet
# --------------------------------------------------------------------------
_SPREADSHEET_NUMBER = re.compile(r"^\d+([./-]\d+)*$")


@pytest.mark.parametrize("name", ["three_levels.txt", "run_on_clauses.txt", "paren_tasks.txt", "label_lines.txt"])
def test_ids_are_whole_numbers_or_hold_a_letter(fixture_path, name):
    ids = parse(fixture_path(name), strict=False).tasks["task_id"]
    assert ids.is_unique
    assert all(i.isdigit() or not _SPREADSHEET_NUMBER.match(i) for i in ids), ids.tolist()
    assert all(i.isdigit() or re.search("[A-Za-z]", i) for i in ids), ids.tolist()


def test_ids_of_the_corpus_are_unique_and_spreadsheet_safe(corpus_path):
    for name in (BAOTOU, ANHUI, REG_2007, REG_2019):
        ids = parse(corpus_path(name), strict=False).tasks["task_id"]
        assert ids.is_unique, name
        assert all(i.isdigit() or re.search("[A-Za-z]", i) for i in ids), name


# --------------------------------------------------------------------------
# Real documents (read in place)
# --------------------------------------------------------------------------
def test_baotou_appraisal_plan_has_its_90_tasks_in_the_attachment(corpus_path):
    doc = parse(corpus_path(BAOTOU), strict=False)
    tasks = doc.tasks
    assert doc.meta.loc[0, "n_parts"] == 2 and doc.meta.loc[0, "task_level"] == "arabic"
    assert doc.meta.loc[0, "n_tasks"] == 90
    assert tasks["task_id"].tolist() == [f"P2.{n}" for n in range(1, 91)]
    assert tasks["part"].tolist() == [2] * 90 and set(tasks["kind"]) == {"task"}
    assert tasks.groupby("section_no").size().to_dict() == {1: 38, 2: 15, 3: 5, 4: 9, 5: 10, 6: 8, 7: 5}
    assert tasks["subsection_no"].notna().all()
    # every task ends with its own clause (a time qualifier and a labelled lead), none leaks into the next
    whole = tasks["text"] + tasks["clause"].fillna("")
    assert whole.str.contains("牵头考核单位").all()
    assert (tasks["clause"].fillna(tasks["text"]).str.rstrip("。").str.endswith("）")).all()
    assert whole.str.count("牵头考核单位").max() == 1
    parts = doc.sections.query("level == 'part'")
    assert parts["title"].tolist() == [doc.meta.loc[0, "title"], "包头市数字政府建设考评指标"]
    assert doc.meta.loc[0, "title"] == "包头市2022年数字政府建设考评办法"
    assert doc.meta.loc[0, "doc_number"] == "包府办发〔2022〕43号"
    # the 办法 (part 1): four sections, its （一）… items kept as section text, not tasks
    part1 = doc.sections.query("part == 1")
    assert part1.groupby("level").size().to_dict() == {"part": 1, "section": 4, "subsection": 4}
    assert doc.sections.query("part == 2 and level == 'section'")["number"].tolist() == list(range(1, 8))


def test_anhui_policy_and_action_plan_are_two_parts(corpus_path):
    doc = parse(corpus_path(ANHUI), strict=False)
    tasks = doc.tasks
    meta = doc.meta.iloc[0]
    assert meta["n_parts"] == 2 and meta["task_level"] == "paragraph+arabic"
    assert meta["title"] == "支持工业互联网发展若干政策" and meta["doc_number"] == "皖政办秘〔2021〕82号"
    policy, plan = tasks.query("part == 1"), tasks.query("part == 2")
    # the policy: unnumbered paragraphs with clauses, under 一、…八、
    assert set(policy["kind"]) == {"paragraph"} and len(policy) == 16
    assert policy["clause"].notna().all()
    assert policy.groupby("section_no").size().tolist() == [2, 3, 3, 1, 2, 1, 1, 3]
    # the action plan: 1﹒…24﹒ across （一）… sub-sections, then （一）… items with clauses in 三、 and 四、
    numbered = plan.query("kind == 'task'")
    assert numbered["task_id"].tolist() == ([f"P2.{n}" for n in range(1, 25)]
                                            + [f"P2.S3.{n}" for n in range(1, 6)]
                                            + [f"P2.S4.{n}" for n in range(1, 5)])
    assert numbered["clause"].notna().all()
    assert numbered.query("section_no == 2")["subsection_no"].nunique() == 9
    # a task over several paragraphs up to its clause is one task
    assert plan.set_index("task_id").loc["P2.13", "text"].count("\n") >= 5
    # 专栏 boxes: their own rows, never inside a task
    boxes = plan.query("kind == 'box'")
    assert boxes["task_id"].tolist() == [f"P2.B{n}" for n in range(1, 13)]
    assert boxes["text"].str.startswith("专栏").all() and boxes["clause"].isna().all()
    assert not numbered["text"].str.contains("专栏").any()
    # framing: 一、总体要求 and its （一）（二） stay section text
    framing = doc.sections.query("part == 2 and framing")
    assert framing["title"].tolist()[:3] == ["总体要求", "指导思想", "发展目标"]
    assert meta["n_tasks"] == 16 + 33 and meta["n_unassigned"] == 0
    assert not any("joined to task" in w for w in doc.warnings)


@pytest.mark.parametrize("name, chapters, per_chapter, reply", [
    (REG_2007, ["总则", "公开的范围", "公开的方式和程序", "监督和保障", "附则"], [8, 6, 14, 7, 3], ("24", "15个工作日")),
    (REG_2019, ["总则", "公开的主体和范围", "主动公开", "依申请公开", "监督和保障", "附则"], [9, 9, 8, 19, 8, 3],
     ("33", "20个工作日")),
])
def test_regulation_article_by_article(corpus_path, name, chapters, per_chapter, reply):
    doc = parse(corpus_path(name))
    tasks = doc.tasks
    n = sum(per_chapter)
    assert tasks["task_id"].tolist() == [str(i) for i in range(1, n + 1)]
    assert set(tasks["kind"]) == {"article"} and doc.meta.loc[0, "task_level"] == "article"
    assert doc.sections["title"].tolist() == chapters
    assert tasks.groupby("section_no").size().tolist() == per_chapter
    assert doc.meta.loc[0, "title"] == "中华人民共和国政府信息公开条例"
    article, days = reply
    assert days in tasks.set_index("task_id").loc[article, "text"]
    assert tasks["clause"].isna().all() and doc.meta.loc[0, "n_unassigned"] == 0


# --------------------------------------------------------------------------
# Issue #10: structure cases that failed before
# --------------------------------------------------------------------------
def test_task_numbers_past_999_are_tasks_not_pieces_of_999():
    text = "一、甲\n" + "".join(f"{n}.做好第{n}项。（甲局负责）\n" for n in range(1, 1003))
    rows = parse_rows(text)
    assert [r["task_id"] for r in rows.tasks[-3:]] == ["1000", "1001", "1002"]
    assert len(rows.tasks) == 1002 and not any(r["piece"] for r in rows.tasks)


def test_a_malformed_numeral_is_text_not_a_crash():
    doc = parse("一、甲\n1.做好A，\n十十、这一行是正文。（甲局负责）\n2.做好B。（乙局负责）\n", strict=False)
    assert doc.tasks["task_id"].tolist() == ["1", "2"]
    assert doc.tasks.loc[0, "text"].splitlines() == ["做好A，", "十十、这一行是正文。"]
    with pytest.raises(ValueError):
        gk.patterns.cn_to_int("十十")


def test_preamble_is_kept_whole_and_the_first_title_wins():
    text = ("某区人民政府办公室\n某政办发〔2020〕5号印发给你们，请认真贯彻执行。\n某区2020年政务公开工作要点\n"
            "某区人民政府2020年政务公开工作要点\n一、甲\n1.做好A。（甲局负责）\n")
    meta = parse(text).meta.iloc[0]
    assert meta["doc_number"] == "某政办发〔2020〕5号"
    assert "某政办发〔2020〕5号印发给你们，请认真贯彻执行。" in meta["preamble"].splitlines()
    assert meta["title"] == "某区2020年政务公开工作要点"
    assert meta["preamble"].splitlines()[-1] == "某区人民政府2020年政务公开工作要点"


def test_a_simplified_plan_with_common_characters_is_not_read_as_traditional():
    sentence = "做好预算核算，报告环境监测情况，计算境内外数据。"
    text = "一、甲\n" + "".join(f"{n}.{sentence}（甲局负责）\n" for n in range(1, 40))
    doc = parse(text)
    assert doc.meta.loc[0, "script"] == "simplified"
    assert doc.tasks["text_original"].isna().all()


def test_a_traditional_plan_is_still_converted(fixture_path):
    doc = parse(fixture_path("traditional.txt"))
    assert doc.meta.loc[0, "script"] == "traditional"


# --------------------------------------------------------------------------
# Run-on text
# --------------------------------------------------------------------------
def test_the_plan_on_one_line_gives_the_same_tasks_and_units(bundled, bundled_text):
    one_line = "".join(line.strip() for line in bundled_text.split("\n"))
    doc = parse(one_line)
    assert doc.tasks["task_id"].tolist() == bundled.tasks["task_id"].tolist()
    squeeze = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    assert [squeeze(t) for t in doc.tasks["text"]] == [squeeze(t) for t in bundled.tasks["text"]]
    cols = ["task_id", "unit", "role", "mode"]
    assert doc.responsibilities[cols].values.tolist() == bundled.responsibilities[cols].values.tolist()


def test_a_run_on_plan_whose_first_section_follows_its_title_directly_is_read():
    # …实施方案一、总体要求…: no full stop or space before the first section, only the title's end.  Before:
    # "no numbered tasks found"
    text = ("包头市人民政府办公室关于印发包头市数字政府建设实施方案的通知包政办发〔2022〕3号各旗县区人民政府："
            "现印发给你们。包头市数字政府建设实施方案一、总体要求为推进数字政府建设。二、重点任务1.建设平台。"
            "（市大数据局负责）2.完善制度。（市司法局负责）")
    doc = parse(text)
    assert doc.tasks[["task_id", "section_no", "text", "clause"]].values.tolist() == [
        ["1", 2, "建设平台。", "（市大数据局负责）"], ["2", 2, "完善制度。", "（市司法局负责）"]]
    assert doc.sections[["number", "title", "framing"]].values.tolist()[:2] == [
        [1, "总体要求为推进数字政府建设。", True], [2, "重点任务", False]]
    # its header's fields, with no space between them, found where each begins or ends
    assert doc.meta.loc[0, ["title", "notice_title", "issuer", "doc_number", "recipients"]].tolist() == [
        "包头市数字政府建设实施方案", "关于印发包头市数字政府建设实施方案的通知", "包头市人民政府办公室",
        "包政办发〔2022〕3号", "各旗县区人民政府"]
    assert doc.warnings[0].startswith("the document is from 包头市")


@pytest.mark.slow
def test_run_on_text_parses_in_linear_time(bundled):
    """A 4 MB run-on line takes about eight times as long as a 0.5 MB one (quadratic would be 64).

    Before, the same line took 3.5 times as long at twice the size (0.73 s for 1.9 MB, 2.54 s for 3.7 MB),
    some 40 times as long at eight times the size, and was read as traditional characters, every
    task keeping the whole line as its original.

    The line is a real plan's tasks, 130 to a section, numbered afresh in each
    of up to 99 sections, with no whitespace anywhere between items.

    The bound is three times linear: the parser's Python function calls grow exactly
    fourfold from 24 to 96 sections, but the seconds of a larger working set do not (memory
    and caches: 8 to 12.6 times at eight times the size on a loaded 2-core machine, and a
    ratio of 6.5 at four times the size once failed a tighter bound in CI).
    """
    tasks = [t + (c or "") for t, c in zip(bundled.tasks["text"], bundled.tasks["clause"])]
    per_section = 130

    def line(n_sections: int) -> str:
        pieces = ["某区政务公开工作要点。"]
        for k in range(1, n_sections + 1):
            pieces.append(f"{gk.patterns.int_to_cn(k)}、第{k}部分")
            pieces.extend(f"{i}.{tasks[(k * per_section + i) % len(tasks)]}" for i in range(1, per_section + 1))
        return "".join(pieces).replace("\n", "")

    def seconds(text: str) -> tuple[float, int]:
        gc.collect()
        gc.disable()  # the collector's full passes grow with all live objects: the interpreter's cost
        try:
            start = time.process_time()
            rows = parse_rows(text, strict=False)
            return time.process_time() - start, rows
        finally:
            gc.enable()

    small, large = line(12), line(96)
    assert 3.5e6 < len(large.encode()) < 5e6 and len(large) > 7.8 * len(small), len(large.encode())
    seconds(line(2))  # warm
    # interleaved rounds, the best of each: a shared machine's load only ever adds time
    t_small = t_large = float("inf")
    for _ in range(3):
        (ts, rows_small), (tl, rows_large) = seconds(small), seconds(large)
        t_small, t_large = min(t_small, ts), min(t_large, tl)
    for rows in (rows_small, rows_large):  # before, the hand-listed detector misread it as traditional
        assert rows.meta["script"] == "simplified"
    # every task found in the run-on line
    assert len(rows_small.tasks) >= 12 * per_section and len(rows_large.tasks) >= 96 * per_section
    assert t_large / t_small < 24, (t_small, t_large)  # linear: about 8; before: about 40


def test_extra_table_columns_are_kept_not_dropped():
    text = ("某区工作要点\n序号\t工作任务\t具体措施\t责任单位\t完成时限\t备注\n"
            "1\t公开预算\t按月公开\t财政局\t年底前\t\n2\t公开决算\t\t审计局\t年底前\t重点\n")
    doc = parse(text)
    assert doc.tasks["extra"].tolist() == ["具体措施：按月公开", "备注：重点"]
    assert doc.meta.loc[0, "task_level"] == "table"


def test_a_support_section_without_clauses_is_section_text():
    text = ("一、重点任务\n1.公开预算。（财政局负责）\n2.公开决算。（审计局负责）\n"
            "二、保障措施\n1.加强组织领导。\n2.强化督查考核。\n")
    doc = parse(text)
    assert doc.tasks["task_id"].tolist() == ["1", "2"]
    support = doc.sections.set_index("title").loc["保障措施"]
    assert bool(support["framing"]) and support["intro"].splitlines() == ["1.加强组织领导。", "2.强化督查考核。"]


def test_a_traditional_plan_on_one_line_keeps_each_task_s_own_original():
    import pathlib

    here = pathlib.Path(__file__).parent.parent / "fixtures" / "traditional.txt"
    one_line = " ".join(here.read_text(encoding="utf-8").split("\n"))
    doc = parse(one_line, strict=False)  # a string too long for a file name is a text, not an OSError
    assert doc.meta.loc[0, "script"] == "traditional"
    originals = doc.tasks["text_original"]
    # each task's own wording before conversion, not the whole line again for every task
    assert originals.str.len().sum() < len(one_line)
    assert originals.str.startswith(("1.按月度公開", "2.每年度主動公開", "3.將信息公開", "4.建立健全政務輿情")).all()


def test_a_short_line_too_long_for_a_file_name_is_read_as_text():
    with pytest.raises(ParseError, match="no numbered tasks"):
        parse_rows("某" * 200)  # 600 bytes: not a path (OSError before), but a text without tasks


def test_a_unit_cell_with_one_unit_per_line_is_read_line_by_line():
    # reading emits a line break inside a table cell as U+2028
    text = ("某区工作要点\n序号\t工作任务\t责任单位\n"
            "1\t推进公开\u2028细化清单\t区发展改革委\u2028区住房城乡建设委\u20282024年底前\n"
            "2\t公开决算\t区财政局\n")
    doc = parse(text)
    tasks = doc.tasks
    assert tasks["time_limit"].tolist()[0] == "2024年底前"
    assert tasks["text"].tolist()[0].splitlines() == ["推进公开", "细化清单"]
    units = doc.responsibilities.query("task_id == '1'")["unit_raw"].tolist()
    assert units == ["区发展改革委", "区住房城乡建设委"]


def test_tasks_before_the_first_header_are_tasks_when_they_close_with_a_clause():
    text = ("关于印发某办法的通知\n各单位：\n现印发给你们。\n附件\n1.做好A。（甲局负责）\n2.做好B。（乙局负责）\n"
            "一、其他\n3.做好C。（丙局负责）\n")
    assert gk.parse_document(text, tokens=False).tasks["task_id"].tolist() == ["1", "2", "3"]
    listing = "关于印发某办法的通知\n各单位：\n1.某办法\n2.某指标\n一、其他\n1.做好C。（丙局负责）\n"
    doc = gk.parse_document(listing, tokens=False)
    assert doc.tasks["task_id"].tolist() == ["1"] and "2.某指标" in doc.meta.loc[0, "preamble"]


def test_an_attachment_heading_takes_its_title_from_the_next_line_only():
    # a task right after 附件 is neither the part's title nor skipped to find a later, shorter line
    text = ("某办法\n一、总则\n二、要求\n附件\n"
            "1．做好A，这一项任务的说明写得很长很长，超过了一个标题能有的长度，要写满六十个字才行，所以再多写几个字。（5月底完成，牵头考核单位：市审批服务局）\n"
            "（二）其他（2分）\n2．做好B。（6月底完成，牵头考核单位：市审批服务局）\n")
    doc = gk.parse_document(text, tokens=False, strict=False)
    assert doc.tasks["text"].str.startswith("做好A").any()
    assert len(doc.tasks) == 2


# --------------------------------------------------------------------------
# Speed devices, pinned to what they replace
# --------------------------------------------------------------------------
def test_every_alternative_of_the_marker_pattern_has_a_reading():
    from gongkai_analysis import patterns
    from gongkai_analysis.parsing.structure import _MARKER_READINGS, _candidate

    outer = {name for name in patterns.MARKER.groupindex if not name.endswith("_no")}
    assert set(_MARKER_READINGS) == outer
    for kind, number_group, _, _ in _MARKER_READINGS.values():
        assert number_group in patterns.MARKER.groupindex
    found = [(c.kind, c.number, c.style) for m in patterns.MARKER.finditer("一、（二）3.（4）5）⑥第七章第八条专栏9")
             if (c := _candidate(m))]
    assert found == [("section", 1, "section"), ("subsection", 2, "subsection"), ("task", 3, "dot"),
                     ("task", 4, "paren"), ("task", 5, "rparen"), ("task", 6, "circle"),
                     ("chapter", 7, "chapter"), ("article", 8, "article"), ("box", 9, "box")]


def test_unknown_unit_warnings_are_the_same_whether_or_not_they_are_logged(caplog):
    import logging

    text = "一、公开\n" + "".join(f"{k}.做好第{k}项。（档案馆、甲乙局负责落实）\n" for k in range(1, 13)) \
        + "13.做好末项。（丙丁中心负责）\n"
    quiet = parse_rows(text, strict=False).warnings
    with caplog.at_level(logging.INFO, logger="gongkai_analysis"):
        logged = parse_rows(text, strict=False).warnings
    assert quiet == logged
    assert any("in tasks 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 …" in w for w in quiet)
    assert any(w.endswith("unknown unit 丙丁中心 (not in the registry) in task 13") for w in quiet)
    assert [r.getMessage().split(": ", 1)[1] for r in caplog.records if "unknown unit" in r.getMessage()] \
        == [w for w in logged if "unknown unit" in w]


@pytest.mark.parametrize("dot", ["．", ".", "﹒"])
@pytest.mark.parametrize("joiner", ["\n", ""])
def test_a_section_numbered_with_a_dot_is_a_section(dot, joiner):
    """``一．加强公开`` (Word's numbering) heads a section as ``一、`` does, on its own line or run on;
    it never lands in the task before it."""
    lines = [f"一{dot}加强公开", "1.做好公开。（市财政局负责）", "2.做好解读。（市政府办公室负责）",
             f"二{dot}强化保障", "3.加强培训。（市政府办公室负责）"]
    parsed = parse_rows("某市要点\n" + joiner.join(lines) + "\n", strict=True)
    assert [(r["task_id"], r["section_no"], r["section_title"], r["text"]) for r in parsed.tasks] == [
        ("1", 1, "加强公开", "做好公开。"), ("2", 1, "加强公开", "做好解读。"), ("3", 2, "强化保障", "加强培训。")]
    assert parsed.meta["n_sections"] == 2


def test_items_numbered_1_1_left_in_a_task_are_reported():
    """Decimal item numbers (1.1, 1.2 …) are not a task level the parser reads: where such items stay in
    a task's text, each task that holds them says so; a decimal amount at a line's start does not."""
    text = ("某市要点\n一、公开\n1.推进决策公开\n1.1 建立预公开制度。（市政府办公室负责）\n"
            "1.2 完善意见征集。（市司法局负责）\n2.推进执行公开。资金\n2.5亿元用于平台。（市政府督查室负责）\n"
            "3.推进结果公开。资金\n1.5 亿元用于评估。（市审计局负责）\n")
    parsed = parse_rows(text, strict=False)
    numbering = [w for w in parsed.warnings if "numbered" in w]
    assert numbering == [
        "line 3: task 1a: its text holds items numbered 1.1, a numbering the parser does not read as tasks "
        "(the items keep their numbers in the text)",
        "line 3: task 1b: its text holds items numbered 1.2, a numbering the parser does not read as tasks "
        "(the items keep their numbers in the text)"]
    assert parsed.meta["n_warnings"] == len(parsed.warnings)


def test_part_headings_are_divisions_above_sections():
    """``第一部分 总体要求`` / ``第二部分 重点任务`` divide a plan above its sections (which may number afresh
    under each): each is a row of level ``division`` in the sections table; the text under it before a
    section is its intro; no task takes a heading into its text."""
    text = ("某市2024年政务公开工作要点\n第一部分 总体要求\n坚持以人民为中心。\n"
            "第二部分 重点任务\n一、推进决策公开\n1.做好A项工作。（市财政局负责）\n2.做好B项工作。（市审计局负责）\n"
            "二、推进执行公开\n3.做好C项工作。（市统计局负责）\n"
            "第三部分 保障措施\n一、加强组织领导\n4.做好D项工作。（市政府办公室负责）\n")
    parsed = parse_rows(text, strict=True)
    assert [(r["level"], r["number"], r["section_no"], r["title"], r["framing"], r["intro"]) for r in parsed.sections] == [
        ("division", 1, None, "总体要求", True, "坚持以人民为中心。"), ("division", 2, None, "重点任务", False, None),
        ("section", 1, 1, "推进决策公开", False, None), ("section", 2, 2, "推进执行公开", False, None),
        ("division", 3, None, "保障措施", False, None), ("section", 1, 1, "加强组织领导", False, None)]
    assert [(r["task_id"], r["section_no"], r["text"]) for r in parsed.tasks] == [
        ("1", 1, "做好A项工作。"), ("2", 1, "做好B项工作。"), ("3", 2, "做好C项工作。"), ("4", 1, "做好D项工作。")]
    assert parsed.meta["n_sections"] == 3 and parsed.meta["n_parts"] == 1


def test_a_part_heading_left_in_an_article_is_reported():
    """A regulation's articles are its units: a ``第X部分`` heading among them lands in an article's text, and
    the article says so (it is not silently part of the article)."""
    text = "某办法\n第一条 为了公开。\n第二部分 附则\n第二条 本办法自发布之日起施行。\n"
    parsed = parse_rows(text, strict=False)
    assert [w for w in parsed.warnings if "heading" in w] == [
        "line 2: task 1: its text holds the heading 第二部分, a division above sections it does not read here"]


def test_paren_tasks_numbered_on_across_sections_need_no_warning():
    """（一）…（二） under 一、 and （三） under 二、 (as State Council plans number them) is one sequence; a
    sequence that restarts under each section is one too; a gap is reported either way."""
    on = ("某省2024年政务公开工作要点\n一、推进决策公开\n（一）做好A项工作。（省财政厅负责）\n"
          "（二）做好B项工作。（省审计厅负责）\n二、强化保障\n（三）做好C项工作。（省政府办公厅负责）\n")
    parsed = parse_rows(on, strict=True)
    assert [r["task_id"] for r in parsed.tasks] == ["1", "2", "3"] and parsed.meta["task_level"] == "paren"
    restarting = parse_rows(on.replace("（三）", "（一）"), strict=True)
    assert [r["task_id"] for r in restarting.tasks] == ["S1.1", "S1.2", "S2.1"]
    gap = parse_rows(on.replace("（二）", "（四）"), strict=False)
    # (with a gap the sequence is read as restarting under each section: both places are reported)
    assert [w for w in gap.warnings if "sequence" in w] == ["line 4: task number 4 skips the sequence (expected 2)",
                                                           "line 6: task number 3 skips the sequence (expected 1)"]


def test_a_paren_item_with_its_clause_among_paren_headers_over_arabic_tasks_is_a_task():
    # （一） a header over arabic tasks that carry their clauses, （二） and （三） tasks with their own: before,
    # （二） and （三） were read as headers and their clauses landed nowhere (reported, but two tasks lost)
    text = ("某市2024年政务公开工作要点\n一、加强公开\n（一）做好预算公开。\n1.公开预算。（市财政局负责）\n"
            "2.公开决算。（市审计局负责）\n（二）做好解读。（市政府办公室负责）\n（三）做好回应。（市政府办公室负责）\n"
            "二、强化平台\n（四）优化网站。（市大数据局负责）\n")
    doc = gk.parse_document(text, tokens=False)
    assert doc.tasks[["task_id", "section_no", "subsection_no", "text", "clause"]].fillna(-1).values.tolist() == [
        ["1", 1, 1, "公开预算。", "（市财政局负责）"], ["2", 1, 1, "公开决算。", "（市审计局负责）"],
        ["S1.2", 1, -1, "做好解读。", "（市政府办公室负责）"], ["S1.3", 1, -1, "做好回应。", "（市政府办公室负责）"],
        ["S2.4", 2, -1, "优化网站。", "（市大数据局负责）"]]
    assert not [w for w in doc.warnings if "unknown unit" not in w]
    # a gap among them is still reported: （五） after （三）, where （四） is neither task nor header
    gap = text.replace("（四）优化网站", "（五）优化网站")
    assert "line 9: task number 5 skips the sequence (expected 1 or 4)" in gk.parse_document(
        gap, tokens=False, strict=False).warnings


def test_a_paren_task_s_numbered_sub_items_before_its_clause_stay_in_its_text():
    # （一） items are tasks with their clauses; （一） lists 1. and 2. and closes the list with its clause:
    # before, 1. and 2. were read as tasks (1. unassigned, 2. taking （一）'s clause), （一） as their header
    text = ("某市2024年政务公开工作要点\n一、加强公开\n（一）做好预算公开。具体包括：\n1.公开预算；\n2.公开决算。\n"
            "（市财政局负责）\n（二）做好解读。（市政府办公室负责）\n二、强化平台\n（三）优化网站。（市大数据局负责）\n")
    doc = gk.parse_document(text, tokens=False)
    assert doc.tasks[["task_id", "section_no", "text", "clause"]].values.tolist() == [
        ["1", 1, "做好预算公开。具体包括：\n1.公开预算；\n2.公开决算。", "（市财政局负责）"],
        ["2", 1, "做好解读。", "（市政府办公室负责）"], ["3", 2, "优化网站。", "（市大数据局负责）"]]
    assert doc.meta.loc[0, "task_level"] == "paren"
    assert not [w for w in doc.warnings if "unknown unit" not in w and "names no place" not in w]
    # where each 1. item carries its own clause, they stay the tasks (and （一） their header)
    own = text.replace("1.公开预算；", "1.公开预算。（市财政局负责）").replace(
        "2.公开决算。\n（市财政局负责）", "2.公开决算。（市审计局负责）")
    assert gk.parse_document(own, tokens=False).tasks["task_id"].tolist() == ["1", "2", "S1.2", "S2.3"]


@pytest.mark.parametrize("date", ["二〇二四年五月六日", "二○二四年五月六日", "二Ｏ二四年五月六日", "二零二四年五月六日",
                                  "2024年5月6日"])
def test_a_date_in_chinese_numerals_is_read_whatever_its_zero(date):
    # 二○二四 typed with ○ (U+25CB), as many official documents print it: before, no date
    text = (f"包头市人民政府办公室关于印发包头市2024年政务公开工作要点的通知\n各旗县区人民政府：\n包头市人民政府办公室\n{date}\n"
            "包头市2024年政务公开工作要点\n一、公开\n1.做好预算公开。（市财政局负责）\n2.做好决算公开。（市审计局负责）\n")
    assert gk.parse_document(text, tokens=False).meta.loc[0, "date"] == "2024-05-06"


@pytest.mark.parametrize("number", ["包府办发〔2024〕12号", "包府办发[2024]12号", "包府办发【2024】12号",
                                    "包府办发﹝2024﹞12号", "包府办发（2024）12号", "包府办发〔2024〕第12号"])
def test_a_doc_number_is_read_whatever_brackets_hold_its_year(number):
    # ﹝﹞ (U+FE5D, U+FE5E), （）, and 第12号, as documents print them: before, no 文号
    text = (f"包头市人民政府办公室\n{number}\n包头市2024年政务公开工作要点\n一、公开\n1.做好预算公开。（市财政局负责）\n"
            "2.做好决算公开。（市审计局负责）\n")
    assert gk.parse_document(text, tokens=False).meta.loc[0, "doc_number"] == number


@pytest.mark.parametrize(("first_line", "title", "place_warned"), [
    ("包头市2024年政务公开工作要点（试行）", "包头市2024年政务公开工作要点（试行）", True),
    ("包头市2024年政务公开工作要点任务分解表", "包头市2024年政务公开工作要点任务分解表", True),
    # the year first: the place is still the document's (before, none: the district's registry applied)
    ("2024年包头市政务公开工作要点", "2024年包头市政务公开工作要点", True),
])
def test_a_plan_s_title_keeps_its_tail_and_its_place_may_follow_the_year(first_line, title, place_warned):
    # before, the title was cut after 工作要点 (（试行） and 任务分解表 lost)
    text = f"{first_line}\n一、公开\n1.做好预算公开。（市财政局负责）\n2.做好决算公开。（市审计局负责）\n"
    doc = gk.parse_document(text, tokens=False)
    assert doc.meta.loc[0, "title"] == title
    assert any(w.startswith("the document is from 包头市") for w in doc.warnings) is place_warned
    # a run-on line goes on with its text after the title: the title stops at 工作要点
    run_on = gk.parse_document(f"{first_line}一、公开 1.做好预算公开。（市财政局负责）2.做好决算公开。（市审计局负责）",
                               tokens=False, strict=False)
    assert run_on.meta.loc[0, "title"] == title and run_on.meta.loc[0, "n_tasks"] == 2


@pytest.mark.parametrize("preamble", [
    # the red head names the issuer; the notice's title is on one line
    "包头市人民政府办公室文件\n包府办发〔2024〕12号\n包头市人民政府办公室关于印发包头市2024年政务公开工作要点的通知\n",
    # the notice's title wrapped after 关于印发, its issuer before it, no signature line
    "包头市人民政府办公室关于印发\n包头市2024年政务公开工作要点的通知\n",
])
def test_the_issuer_and_a_wrapped_notice_title_are_read_where_the_head_prints_them(preamble):
    # before: no issuer (no line of the preamble held it alone), and a notice title wrapped after its issuer unread
    text = (f"{preamble}各旗县区人民政府：\n2024年5月6日\n包头市2024年政务公开工作要点\n一、公开\n"
            "1.做好预算公开。（市财政局负责）\n2.做好决算公开。（市审计局负责）\n")
    meta = gk.parse_document(text, tokens=False).meta.iloc[0]
    assert (meta["issuer"], meta["notice_title"]) == (
        "包头市人民政府办公室", "包头市人民政府办公室关于印发包头市2024年政务公开工作要点的通知")
    assert meta["title"] == "包头市2024年政务公开工作要点" and meta["recipients"] == "各旗县区人民政府"


@pytest.mark.parametrize("header", ["重点工作", "工作要点", "具体措施", "工作举措", "事项"])
def test_a_task_table_whose_task_column_is_named_otherwise(header):
    text = f"某市2024年政务公开工作要点\n序号\t{header}\t责任单位\t完成时间\n1\t公开政策文件。\t市财政局\t6月底前\n"
    doc = gk.parse_document(text, tokens=False)
    assert doc.tasks[["text", "time_limit"]].values.tolist() == [["公开政策文件。", "6月底前"]]
    assert doc.responsibilities["unit_raw"].tolist() == ["市财政局"]


def test_measures_beside_a_task_column_are_kept_apart():
    text = ("某市2024年政务公开工作要点\n序号\t具体措施\t重点工作\t责任单位\n"
            "1\t建立目录；定期更新。\t公开政策文件。\t市财政局\n")
    doc = gk.parse_document(text, tokens=False)
    assert doc.tasks[["text", "extra"]].values.tolist() == [["公开政策文件。", "具体措施：建立目录；定期更新。"]]


def test_a_task_table_with_no_number_column_whose_task_cells_are_numbered():
    text = ("某市2024年政务公开工作要点\n工作任务\t责任单位\t完成时限\n一、推进决策公开\n"
            "1.公开政策文件。\t市财政局\t6月底前\n2.做好解读。\t市审计局\t年底前\n二、推进执行公开\n"
            "（一）公开进展。\t市统计局\t每季度\n")
    doc = gk.parse_document(text, tokens=False, strict=False)
    assert doc.tasks[["section_title", "text", "time_limit"]].values.tolist() == [
        ["推进决策公开", "公开政策文件。", "6月底前"], ["推进决策公开", "做好解读。", "年底前"],
        ["推进执行公开", "公开进展。", "每季度"]]
    assert doc.responsibilities["unit_raw"].tolist() == ["市财政局", "市审计局", "市统计局"]


def test_with_no_number_column_only_short_headings_make_a_header_row():
    """A task's own row that names 任务 and 责任单位 in its cells is no header."""
    text = "某市2024年政务公开工作要点\n一、公开\n1.完成重点任务清单编制工作。\t责任单位：市财政局\n"
    assert gk.parse_document(text, tokens=False).meta["task_level"].iloc[0] == "arabic"


# --------------------------------------------------------------------------
# Labelled clauses (责任单位：…) close paren and paragraph tasks as bracketed ones do
# --------------------------------------------------------------------------
LABELLED_PAREN = ("某市2024年政务公开工作任务分工方案\n一、深化重点领域信息公开\n"
                  "（一）做好财政预决算公开。按要求公开部门预决算。\n责任单位：市财政局，各区县政府\n"
                  "完成时限：2024年12月底前\n（二）做好重大项目公开。责任单位：市发展改革委。\n二、加强平台建设\n"
                  "（三）优化政府网站。\n牵头单位：市政务服务数据管理局\n配合单位：市委网信办\n"
                  "（四）规范政务新媒体。（市委网信办牵头，各区县政府负责）\n")


def test_paren_items_closed_by_label_lines_or_inline_labels_are_tasks():
    """Before, only a bracketed clause made a （一） item a task: of these four, three were read as
    sub-section headers, their units as the headers' intro text, and one task was left."""
    parsed = parse_rows(LABELLED_PAREN, strict=True)
    assert parsed.meta["task_level"] == "paren"
    tasks = parsed.tasks
    assert [(t["task_id"], t["text"], t["time_limit"]) for t in tasks] == [
        ("1", "做好财政预决算公开。按要求公开部门预决算。", "2024年12月底前"),
        ("2", "做好重大项目公开。", None),
        ("3", "优化政府网站。", None),
        ("4", "规范政务新媒体。", None)]
    doc = parse(LABELLED_PAREN)
    assert doc.responsibilities[["task_id", "unit", "role"]].values.tolist() == [
        ["1", "财政局", "responsible"], ["1", "各区县政府", "responsible"], ["2", "发展改革委", "responsible"],
        ["3", "政务服务数据管理局", "lead"], ["3", "市委网信办", "support"],
        ["4", "市委网信办", "lead"], ["4", "各区县政府", "responsible"]]


def test_paren_items_with_labels_among_bracketed_ones_number_on_without_a_gap():
    mixed = ("某省2024年政务公开工作要点\n一、推进公开\n（一）做好A。（省财政厅负责）\n二、加强平台\n"
             "（二）优化网站。加强集约化建设。责任单位：省政务服务管理局，各市州人民政府。\n"
             "（三）规范新媒体。（省委网信办负责）\n")
    parsed = parse_rows(mixed, strict=True)  # (before: "task number 3 skips the sequence", and task 2 lost)
    assert [(t["task_id"], t["clause"]) for t in parsed.tasks] == [
        ("1", "（省财政厅负责）"), ("2", "责任单位：省政务服务管理局，各市州人民政府。"), ("3", "（省委网信办负责）")]


def test_paragraphs_closed_by_label_lines_are_tasks_and_the_labels_after_a_clause_stay_with_it():
    text = ("某县2023年政务公开重点工作安排\n一、加强政策公开\n深入推进决策公开。严格落实决策程序规定。\n"
            "责任单位：县司法局\n完成时限：2023年12月底前\n"
            "做好政策解读。坚持同步组织、同步审签。责任单位：县政府办公室，县直各部门。\n"
            "二、加强平台建设\n优化政府网站。（县政府办公室负责）\n完成时限：持续推进\n"
            "规范政务新媒体。（县委网信办负责）\n")
    parsed = parse_rows(text, strict=True)
    assert parsed.meta["task_level"] == "paragraph"
    assert [(t["task_id"], t["text"], t["time_limit"]) for t in parsed.tasks] == [
        ("1", "深入推进决策公开。严格落实决策程序规定。", "2023年12月底前"),
        ("2", "做好政策解读。坚持同步组织、同步审签。", None),
        # (before: the deadline line opened task 4's text; as under an arabic task, it stays in the text too)
        ("3", "优化政府网站。\n完成时限：持续推进", "持续推进"),
        ("4", "规范政务新媒体。", None)]


def test_a_labelled_clause_outside_any_task_is_reported():
    text = ("某县2023年政务公开重点工作安排\n一、加强政策公开\n责任单位：县司法局\n"
            "1.深入推进决策公开。（县司法局负责）\n2.做好政策解读。（县政府办公室负责）\n"
            "二、强化保障\n各单位要加强组织领导。牵头单位：县政府办公室。\n")
    warnings = [w for w in parse_rows(text, strict=False).warnings if "outside" in w]
    assert warnings == ["line 2: a labelled clause outside any task: 责任单位：县司法局",
                        "line 6: a labelled clause outside any task: 牵头单位：县政府办公室"]
    # a web page's footer names the site's hosts, not a task's units: not reported
    footer = text.replace("责任单位：县司法局\n", "") + "主办单位：某县人民政府办公室\n"
    assert [w for w in parse_rows(footer, strict=False).warnings if "outside" in w] == [
        "line 5: a labelled clause outside any task: 牵头单位：县政府办公室"]
    # each line of labels is reported (one warning for a line that holds several labels)
    two = text.replace("责任单位：县司法局\n", "做好A。责任单位：县司法局；配合单位：县审计局\n做好B。\n牵头单位：县统计局\n")
    assert [w for w in parse_rows(two, strict=False).warnings if "outside" in w][:2] == [
        "line 2: a labelled clause outside any task: 责任单位：县司法局；配合单位：县审计局",
        "line 2: a labelled clause outside any task: 牵头单位：县统计局"]


@pytest.mark.parametrize(("headers", "expected"), [
    (["牵头单位"], [("市甲局", "lead")]),  # before: responsible (the column's role dropped with its header)
    (["配合单位"], [("市甲局", "support")]),
    (["责任单位"], [("市甲局", "responsible")]),
    (["责任单位（部门）"], [("市甲局", "responsible")]),
    # before: the units '牵头单位（部门）：市甲局' and '主要' (reported as suspect), '协同' a group with no unit
    (["牵头单位（部门）", "配合单位（部门）"], [("市甲局", "lead"), ("市乙局", "support")]),
    (["主要牵头单位", "协同配合单位"], [("市甲局", "lead"), ("市乙局", "support")]),
    (["牵头部门", "责任部门"], [("市甲局", "lead"), ("市乙局", "responsible")]),
    # (before, no task table: "no numbered tasks found")
    (["责任主体"], [("市甲局", "responsible")]),
    (["主责部门", "支持单位"], [("市甲局", "responsible"), ("市乙局", "support")]),
])
def test_a_task_table_s_unit_columns_give_their_roles_however_their_headers_are_worded(headers, expected):
    head = "\t".join(["序号", "工作任务", *headers, "完成时限"])
    row = "\t".join(["1", "做好公开。", *["市甲局", "市乙局"][: len(headers)], "年底前"])
    parsed = parse_rows(f"{head}\n{row}\n", strict=True)
    assert [(r["unit_raw"], r["role"]) for r in parsed.responsibilities] == expected
    assert parsed.tasks[0]["time_limit"] == "年底前"
    # a cell that labels its own units keeps its labels, whatever the column
    own = parse_rows(f"{head}\n{row.replace('市甲局', '配合：市甲局')}\n", strict=True)
    assert own.responsibilities[0]["role"] == "support"


def test_arabic_items_whose_numbered_sub_items_carry_the_clauses_are_headers_over_them():
    """一、 / 1.推进决策公开 / （1）做好X。（甲局负责）: the （1） items are the tasks, the 1. item their header.
    Before, each 1. item was one task cut into pieces at its sub-items' clauses, its title glued into the
    first piece's text (S1.1a: '推进决策公开\\n（1）做好决策草案公开。')."""
    text = ("某区2024年政务公开工作要点\n一、加强政策公开\n1.推进决策公开\n（1）做好决策草案公开。（区司法局负责）\n"
            "（2）做好决策解读。（区政府办公室负责）\n2.加强平台建设\n（1）优化政府网站。（区政务服务局负责）\n"
            "（2）规范政务新媒体。（区委网信办负责）\n二、强化保障\n1.加强组织领导。（区政府办公室负责）\n")
    parsed = parse_rows(text, strict=True)
    assert [(t["task_id"], t["subsection_no"], t["subsection_title"], t["text"]) for t in parsed.tasks] == [
        ("S1.1.1", 1, "推进决策公开", "做好决策草案公开。"), ("S1.1.2", 1, "推进决策公开", "做好决策解读。"),
        ("S1.2.1", 2, "加强平台建设", "优化政府网站。"), ("S1.2.2", 2, "加强平台建设", "规范政务新媒体。"),
        ("S2.1", None, None, "加强组织领导。")]
    assert [r["unit_raw"] for r in parsed.responsibilities] == [
        "区司法局", "区政府办公室", "区政务服务局", "区委网信办", "区政府办公室"]
    # a 1. item whose sub-items close with no clause of their own is a task with a list in its text, as before
    listed = text.replace("（区司法局负责）\n（2）做好决策解读。", "\n（2）做好决策解读。")
    first = parse_rows(listed, strict=True).tasks[0]
    assert first["task_id"] == "S1.1" and first["text"].startswith("推进决策公开\n（1）")
    # and so is one whose own text closes with a clause before its sub-items
    own = text.replace("1.推进决策公开\n", "1.推进决策公开。（区司法局牵头）\n")
    assert parse_rows(own, strict=False).tasks[0]["task_id"] == "S1.1a"


TWO_TABLES = ("关于印发某区2024年政务公开工作任务分工的通知\n各街道办事处，区政府各委、办、局：\n"
              "现将有关文件印发给你们，请认真贯彻执行。\n附件：1.政务公开重点任务分工表\n2.政务公开考核细则\n"
              "附件1\n政务公开重点任务分工表\n序号\t工作任务\t牵头单位\t完成时限\n1\t做好预算公开\t区财政局\t6月底前\n"
              "2\t做好决策公开\t区司法局\t年底前\n附件2\n政务公开考核细则\n序号\t考核内容\t责任单位\t时间要求\n"
              "1\t网站考核\t区政务服务局\t年底前\n2\t新媒体考核\t区委网信办\t年底前\n")


def test_a_second_task_table_numbered_afresh_under_its_own_heading_is_a_part():
    """A notice that prints two attached tables (附件1 / 附件2). Before, 附件2 and its title were glued into
    task 2's text and the second table's tasks were 1#2 and 2#2 (three warnings)."""
    parsed = parse_rows(TWO_TABLES, strict=True)
    assert [(t["task_id"], t["part"], t["text"]) for t in parsed.tasks] == [
        ("P1.1", 1, "做好预算公开"), ("P1.2", 1, "做好决策公开"), ("P2.1", 2, "网站考核"), ("P2.2", 2, "新媒体考核")]
    assert parsed.meta["n_parts"] == 2
    assert [(s["level"], s["number"], s["title"]) for s in parsed.sections if s["level"] == "part"][1] == (
        "part", 2, "政务公开考核细则")
    # tables with no heading between them, the second numbered afresh (a workbook's next sheet): a part too
    sheets = TWO_TABLES.replace("附件2\n政务公开考核细则\n", "\n")
    assert [t["task_id"] for t in parse_rows(sheets, strict=True).tasks] == ["P1.1", "P1.2", "P2.1", "P2.2"]


def test_task_tables_that_number_on_or_restart_under_sections_stay_one_document():
    on = TWO_TABLES.replace("\n1\t网站考核", "\n3\t网站考核").replace("\n2\t新媒体考核", "\n4\t新媒体考核")
    on = on.replace("附件2\n政务公开考核细则\n", "")  # the header printed again (a table cut by a page)
    assert [t["task_id"] for t in parse_rows(on, strict=True).tasks] == ["1", "2", "3", "4"]
    under_sections = ("某区2024年政务公开工作任务分工\n序号\t工作任务\t牵头单位\t完成时限\n一、决策公开\n"
                      "1\t做好预算公开\t区财政局\t6月底前\n二、平台建设\n序号\t工作任务\t牵头单位\t完成时限\n"
                      "1\t网站建设\t区政务服务局\t年底前\n")
    parsed = parse_rows(under_sections, strict=True)
    assert [t["task_id"] for t in parsed.tasks] == ["S1.1", "S2.1"] and parsed.meta["n_parts"] == 1
    # text between the tables that is more than a heading belongs to the document before: no part
    longer = TWO_TABLES.replace("附件2\n", "以上任务请于年底前报送进展情况。\n")
    assert parse_rows(longer, strict=False).meta["n_parts"] == 1


def test_a_task_table_numbered_within_its_sections_in_the_number_column():
    """序号 一 / 1.1 / 1.2 / 二 / 2.1 (sections numbered in the 序号 cell alone, tasks by section): before, no
    row was a task ("no numbered tasks found")."""
    text = ("某区2024年政务公开工作任务分工表\n序号\t工作任务\t牵头单位\t完成时限\n一\t决策公开\t\t\n"
            "1.1\t做好预算公开\t区财政局\t6月底前\n1．2\t做好决策公开\t区司法局\t年底前\n（一）\t平台\t\t\n"
            "二\t平台建设\t\t\n2-1\t网站建设\t区政务服务局\t年底前\n")
    parsed = parse_rows(text, strict=True)
    assert [(t["task_id"], t["section_title"], t["text"]) for t in parsed.tasks] == [
        ("S1.1", "决策公开", "做好预算公开"), ("S1.2", "决策公开", "做好决策公开"), ("S2.1", "平台建设", "网站建设")]
    assert [(s["level"], s["number"], s["title"]) for s in parsed.sections] == [
        ("section", 1, "决策公开"), ("subsection", 1, "平台"), ("section", 2, "平台建设")]


def test_text_after_the_last_task_s_clause_on_its_own_line_stays_the_task_s():
    """推进X，（甲局牵头）做好Y。 as the last task: before, 做好Y。 went to the document's closing text without a
    word, the task's text cut to 推进决策公开，."""
    text = "某市2024年政务公开工作要点\n一、公开\n1.做好A。（市财政局负责）\n2.推进决策公开，（市司法局牵头）做好草案公开。\n"
    parsed = parse_rows(text, strict=False)
    assert [(t["task_id"], t["text"], t["clause"]) for t in parsed.tasks] == [
        ("1", "做好A。", "（市财政局负责）"), ("2a", "推进决策公开，", "（市司法局牵头）"), ("2b", "做好草案公开。", None)]
    assert parsed.meta["closing"] is None and "line 4: task 2b has no responsibility clause" in parsed.warnings
    # a paragraph after it is the closing text, as before; so are the sentences after it in a run-on line
    closing = parse_rows(text + "各单位要认真落实。\n", strict=False)
    assert closing.meta["closing"] == "各单位要认真落实。" and closing.tasks[-1]["task_id"] == "2b"
    run_on = parse_rows(text.replace("\n1.", "1.").replace("\n2.", "2.").replace("做好草案公开。\n",
                                                                                  "做好草案公开。（市司法局负责）各单位要认真落实。"),
                        strict=False)
    assert run_on.meta["closing"] == "各单位要认真落实。"


@pytest.mark.parametrize(("first", "second"), [("⒈", "⒉"), ("⑴", "⑵")])
def test_one_character_list_numbers_pasted_from_word_are_task_markers(first, second):
    """⒈ (U+2488) and ⑴ (U+2474), one character each: before, the plan was read as unnumbered paragraphs with the
    numbers left in the texts (ids counted through the plan, not per section)."""
    text = (f"某市2024年政务公开工作要点\n一、公开\n{first}做好A。（市财政局负责）\n{second}做好B。（市审计局负责）\n"
            f"二、平台\n{first}做好C。（市数据局负责）\n")
    parsed = parse_rows(text, strict=True)
    assert [(t["task_id"], t["text"]) for t in parsed.tasks] == [("S1.1", "做好A。"), ("S1.2", "做好B。"),
                                                                ("S2.1", "做好C。")]
    assert parsed.meta["task_level"] == "arabic"
