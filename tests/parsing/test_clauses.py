"""Reading responsibility clauses, unit by unit."""

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gongkai_analysis as gk
from gongkai_analysis import patterns
from gongkai_analysis.parsing.build import parse_rows
from gongkai_analysis.parsing.clauses import find_clauses, is_clause, parse_clause, read_clause, split_units, suspect_reasons


def rows(content):
    return [(a.name, a.alias, a.role, a.mode, a.open_ended) for a in read_clause(content)]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("X局负责落实", [("X局", None, "responsible", "sole", False)]),
        ("X局负责", [("X局", None, "responsible", "sole", False)]),
        ("X局牵头负责落实", [("X局", None, "lead", "sole", False)]),
        ("X局牵头，Y局负责落实", [("X局", None, "lead", "sole", False), ("Y局", None, "responsible", "sole", False)]),
        ("X局、Y局分别负责落实", [("X局", None, "responsible", "separate", False), ("Y局", None, "responsible", "separate", False)]),
        ("X局、Y局等部门分别负责落实", [("X局", None, "responsible", "separate", True), ("Y局", None, "responsible", "separate", True)]),
        ("X局等相关单位牵头", [("X局", None, "lead", "joint", True)]),
        ("责任单位：X局", [("X局", None, "responsible", "sole", False)]),
        ("牵头单位：X局；责任单位：Y局、Z委", [("X局", None, "lead", "sole", False),
                                        ("Y局", None, "responsible", "joint", False), ("Z委", None, "responsible", "joint", False)]),
        ("X局、Y委负责", [("X局", None, "responsible", "joint", False), ("Y委", None, "responsible", "joint", False)]),
        ("城管委（交通委）负责落实", [("城管委", "交通委", "responsible", "sole", False)]),
        ("X局牵头，Y局配合", [("X局", None, "lead", "sole", False), ("Y局", None, "support", "sole", False)]),
        ("X局、Y局", [("X局", None, "responsible", "joint", False), ("Y局", None, "responsible", "joint", False)]),
        ("由X局负责落实。", [("X局", None, "responsible", "sole", False)]),
    ],
)
def test_read_clause(content, expected):
    assert rows(content) == expected


def test_half_width_clause_reads_like_full_width():
    assert rows("X局牵头,Y局负责落实") == rows("X局牵头，Y局负责落实")


def test_split_units_keeps_names_that_contain_he():
    assert split_units("人力资源和社会保障局") == ["人力资源和社会保障局"]
    assert split_units("住房和城乡建设委员会、区政府各部门和各街道办事处") == [
        "住房和城乡建设委员会", "区政府各部门", "各街道办事处"]
    assert split_units("科委〔知识产权局〕、宣传部〔文促中心〕") == ["科委〔知识产权局〕", "宣传部〔文促中心〕"]


@pytest.mark.parametrize("content", ["以下简称“五公开”", "明确“五公开”主体、内容、时限、方式等", "社区", "2017年"])
def test_ordinary_parentheses_are_not_clauses(content):
    assert not is_clause(content)


def test_find_clauses_handles_nested_brackets():
    text = "做好公开（以下简称“五公开”）。（城管委（交通委）负责落实）"
    spans = find_clauses(text)
    assert [s.content for s in spans] == ["城管委（交通委）负责落实"]
    assert text[spans[0].start : spans[0].end] == "（城管委（交通委）负责落实）"


def test_every_role_verb_ends_with_a_role_ending():
    verbs = patterns.ROLE_VERB.pattern.split("|")
    assert verbs and all(verb.endswith(patterns.ROLE_ENDINGS) for verb in verbs)


# the definitions the fast functions must agree with, written as plain regular expressions
_CLAUSE_CONTENT = re.compile(rf"^\s*(?:{patterns.UNIT_LABEL.pattern}.*|.*(?:{patterns.ROLE_VERB.pattern})\s*[。]?\s*)$"
                             rf"|^.*[，；]\s*{patterns.UNIT_LABEL.pattern.replace('?P<label>', '')}", re.S)
_SIGNATURE = re.compile(rf"(?:{patterns.ROLE_VERB.pattern})\s*。?\s*）"
                        rf"|（(?:[^（）]*[，；])?\s*{patterns.UNIT_LABEL.pattern}[^（）]*）")
_ENDS_WITH_ROLE = re.compile(rf"(?:{patterns.ROLE_VERB.pattern})\s*。?\s*$")
_PIECES = st.lists(st.sampled_from(["负责", "落实", "牵头", "配合", "分别", "。", "）", "（", " ", "\n", "\u3000",
                                    "（牵头）", "（牵头单位）", "负责落实",
                                    "责任单位：", "牵头单位 ：", "财政局", "实", "负", "、", "协助",
                                    "，", "；", "5月底完成", "牵头考核单位：", "持续推进"]), max_size=12).map("".join)


def _role_then_when(content: str) -> bool:
    """Units and a role verb, then one to three groups that say when (``财政局负责，5月底完成``)."""
    for separator in re.finditer("[，；]", content):
        head, groups = content[: separator.start()], re.split("[，；]", content[separator.start() + 1 :])
        if separator.start() > 0 and len(groups) <= 3 and _ENDS_WITH_ROLE.search(head) and all(
                patterns.is_time_group(group.strip().rstrip("。").rstrip()) for group in groups):
            return True
    return False


def _clause_content_by_definition(content: str) -> bool:
    return bool(_CLAUSE_CONTENT.match(content)) or _role_then_when(content)


_ROLE_MARKER = re.compile("（(?:" + "|".join(sorted(patterns.ROLE_MARKERS, key=len, reverse=True)) + ")）")


def _signatures_by_definition(text: str) -> int:
    """The brackets that close a clause: the signatures, and the innermost brackets whose content is a
    role verb then when (not counted twice); a role word alone in brackets marks the unit before it
    (市财政局（牵头）) and is read as if it were not there."""
    removed = 1
    while removed:
        text, removed = _ROLE_MARKER.subn("", text)
    return len(_SIGNATURE.findall(text)) + sum(
        1 for bracket in re.finditer("（([^（）]*)）", text)
        if _role_then_when(bracket[1]) and not _SIGNATURE.search(bracket[0]))


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(_PIECES)
def test_fast_clause_tests_match_their_definitions(text):
    assert patterns.is_clause_content(text) == _clause_content_by_definition(text)
    assert patterns.count_clause_signatures(text) == _signatures_by_definition(text)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(st.one_of(_PIECES, _PIECES.map("（{}）".format)), max_size=4).map("".join))
def test_the_signature_count_matches_its_definition_on_bracketed_texts(text):
    assert patterns.count_clause_signatures(text) == _signatures_by_definition(text)


@pytest.mark.parametrize("text", ["（财政局负责，5月底完成）", "（财政局协助；持续推进。）", "做好（负责，5月底完成）（详见，5月底完成）"])
def test_a_role_then_when_is_a_clause_by_definition_and_by_the_fast_tests(text):
    assert patterns.count_clause_signatures(text) == _signatures_by_definition(text) == 1


_BODIES = st.lists(st.sampled_from(["做好公开", "（", "）", "〔", "〕", "财政局", "负责落实", "。", "\n", "以下简称",
                                    "〔知识产权局〕"]),
                   max_size=10).map("".join)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(_BODIES)
def test_the_one_pair_shortcut_finds_what_balancing_every_bracket_finds(body):
    from gongkai_analysis.parsing.clauses import _find_nested_clauses

    assert find_clauses(body) == _find_nested_clauses(body)


def test_unit_raw_and_alias_keep_the_printed_characters():
    doc = gk.parse_document("一、甲\n1.做好A。(科委[知识产权局]负责落实)\n2.做好B。（城管委【拆违办】、教委负责）\n",
                            tokens=False)
    resp = doc.responsibilities
    assert resp["unit_raw"].tolist() == ["科委[知识产权局]", "城管委【拆违办】", "教委"]
    assert resp["alias"].tolist()[:2] == ["知识产权局", "拆违办"]
    assert resp["unit"].tolist() == ["科委", "城管委", "教委"]


@pytest.mark.parametrize(("content", "expected", "time_limit"), [
    ("5月底完成，牵头考核单位：市审批服务局", [("市审批服务局", "lead", "sole", 1)], "5月底完成"),
    ("持续推进，牵头考核单位：市政府办公室、市公安局",
     [("市政府办公室", "lead", "joint", 1), ("市公安局", "lead", "joint", 1)], "持续推进"),
    ("2024年底前，省财政厅牵头", [("省财政厅", "lead", "sole", 1)], "2024年底前"),
    ("省财政厅牵头，省税务局配合，2024年底前完成",
     [("省财政厅", "lead", "sole", 1), ("省税务局", "support", "sole", 2)], "2024年底前完成"),
    ("责任单位：省发展改革委、省商务厅按职责分工",
     [("省发展改革委", "responsible", "separate", 1), ("省商务厅", "responsible", "separate", 1)], None),
    ("X局、Y局共同负责", [("X局", "responsible", "joint", 1), ("Y局", "responsible", "joint", 1)], None),
    ("X局协助", [("X局", "support", "sole", 1)], None),
    ("X局承办", [("X局", "responsible", "sole", 1)], None),
    ("主办单位：X局；协办单位：Y局、Z委", [("X局", "responsible", "sole", 1), ("Y局", "support", "joint", 2),
                                      ("Z委", "support", "joint", 2)], None),
    ("参与单位：X局等相关单位", [("X局", "support", "joint", 1)], None),
    ("各省、自治区、直辖市人民政府，国务院各部委、各直属机构负责落实",
     [("各省、自治区、直辖市人民政府", "responsible", "sole", 1), ("国务院各部委", "responsible", "joint", 2),
      ("各直属机构", "responsible", "joint", 2)], None),
    ("各县（市、区）人民政府负责", [("各县（市、区）人民政府", "responsible", "sole", 1)], None),
    ("市交通委（市道运局）牵头", [("市交通委", "lead", "sole", 1)], None),
    ("省推进工作专班牵头单位负责", [("省推进工作专班牵头单位", "responsible", "sole", 1)], None),
    ("区发展改革委\u2028区住房城乡建设委", [("区发展改革委", "responsible", "joint", 1),
                                     ("区住房城乡建设委", "responsible", "joint", 1)], None),
    ("牵头单位：X局\u2028配合单位：Y局\u20282017年12月底前",
     [("X局", "lead", "sole", 1), ("Y局", "support", "sole", 2)], "2017年12月底前"),
    ("牵头：X局\u20282017年6月底前", [("X局", "lead", "sole", 1)], "2017年6月底前"),
])
def test_clause_grammar(content, expected, time_limit):
    clause = parse_clause(content)
    assert [(a.name, a.role, a.mode, a.group) for a in clause.assignments] == expected
    assert clause.time_limit == time_limit
    assert clause.doubts == ()


def test_alias_in_round_brackets_is_kept_as_alias():
    assert [(a.name, a.alias) for a in read_clause("市交通委（市道运局）牵头")] == [("市交通委", "市道运局")]


def test_a_group_that_names_no_unit_is_a_doubt():
    assert parse_clause("牵头单位：；责任单位：X局").doubts == ("'牵头单位：' names no unit",)


def test_clause_words_never_stay_in_a_name():
    for verb in patterns.ROLE_VERBS:
        for modifier in ["", *patterns.CLAUSE_MODIFIERS]:
            for open_word in ["", *patterns.OPEN_LIST_WORDS]:
                names = [a.name for a in read_clause(f"甲局、乙委{open_word}{modifier}{verb}")]
                assert names == ["甲局", "乙委"], (open_word, modifier, verb)


def test_time_qualifier_clause_is_found_in_a_body():
    spans = find_clauses(patterns.fold("做好A。（6月底完成，牵头考核单位：市工信局）"))
    assert [s.content for s in spans] == ["6月底完成，牵头考核单位：市工信局"]
    assert not is_clause("包括牵头单位自身") and not is_clause("持续推进")


@pytest.mark.parametrize(("body", "content", "time_limit"), [
    ("做好公开。（市财政局负责，12月底前完成）", "市财政局负责，12月底前完成", "12月底前完成"),
    ("做好解读。（市政府办公室牵头，市直各部门按职责分工落实，全年持续推进）",
     "市政府办公室牵头，市直各部门按职责分工落实，全年持续推进", "全年持续推进"),
    ("做好回应。（县司法局负责；2024年6月底前；长期坚持）", "县司法局负责；2024年6月底前；长期坚持",
     "2024年6月底前，长期坚持"),
])
def test_a_clause_that_ends_with_when_is_a_clause(body, content, time_limit):
    """When printed after the units and their role (``（X局负责，12月底前完成）``) is still the task's clause."""
    (span,) = find_clauses(patterns.fold(body))
    assert span.content == content and span.end == len(body)
    assert parse_clause(content).time_limit == time_limit
    assert patterns.count_clause_signatures(patterns.fold(body)) == 1
    rows = parse_rows(f"一、公开\n1.{body}\n", strict=True)
    assert [(r["text"], r["time_limit"]) for r in rows.tasks] == [(body[: body.index("（")], time_limit)]


@pytest.mark.parametrize("joiner", [" ", "\u3000", "\n", ""])
def test_a_label_opens_a_group_without_a_separator_before_it(joiner):
    """``牵头单位：X 配合单位：Y``: groups parted by a space, or by a line break inside the brackets
    (a clause wrapped over two lines), never run the second label into the first group's unit."""
    body = f"做好公开。（牵头单位：市财政局{joiner}配合单位：市审计局、市统计局）"
    rows = parse_rows(f"一、公开\n1.{body}\n2.做好解读。（市审计局负责）\n", strict=True)
    assert [r["text"] for r in rows.tasks] == ["做好公开。", "做好解读。"]
    assert rows.tasks[0]["clause"] == body[body.index("（"):]
    assert [(r["task_id"], r["unit_raw"], r["role"]) for r in rows.responsibilities] == [
        ("1", "市财政局", "lead"), ("1", "市审计局", "support"), ("1", "市统计局", "support"),
        ("2", "市审计局", "responsible")]
    assert not any("suspect" in w or "clause" in w for w in rows.warnings)


def test_a_labelled_clause_after_the_last_sentence_is_the_tasks_clause():
    """``做好X。责任单位：市财政局；完成时限：2024年底。`` on one line: the labels after the task's last
    sentence are its clause, as they are on lines of their own; a label inside a sentence is not."""
    rows = parse_rows("一、公开\n1.做好财政信息公开工作。责任单位：市财政局。\n"
                      "2.做好审计结果公开；牵头单位：市审计局；配合单位：市财政局、市统计局；完成时限：2024年底。\n"
                      "3.明确责任单位：各区政府。（市政府办公室负责）\n", strict=True)
    assert [(r["text"], r["clause"], r["time_limit"]) for r in rows.tasks] == [
        ("做好财政信息公开工作。", "责任单位：市财政局。", None),
        ("做好审计结果公开；", "牵头单位：市审计局；配合单位：市财政局、市统计局；完成时限：2024年底。", "2024年底"),
        ("明确责任单位：各区政府。", "（市政府办公室负责）", None)]
    assert [(r["task_id"], r["unit_raw"], r["role"]) for r in rows.responsibilities] == [
        ("1", "市财政局", "responsible"), ("2", "市审计局", "lead"), ("2", "市财政局", "support"),
        ("2", "市统计局", "support"), ("3", "市政府办公室", "responsible")]


@pytest.mark.parametrize("label", ["完成时限", "时限要求", "完成时间", "时间要求", "时间节点", "完成期限", "截止时间",
                                   "时限", "期限"])
def test_every_deadline_label_gives_the_time_limit(label):
    rows = parse_rows(f"一、公开\n1.做好公开。\n责任单位：市财政局\n{label}：2024年底\n"
                      f"2.做好解读。（市审计局负责，{label}：6月底）\n", strict=True)
    assert [(r["text"], r["time_limit"]) for r in rows.tasks] == [("做好公开。", "2024年底"), ("做好解读。", "6月底")]
    assert [r["unit_raw"] for r in rows.responsibilities] == ["市财政局", "市审计局"]


@pytest.mark.parametrize(("opening", "closing"), [("【", "】"), ("［", "］"), ("[", "]")])
def test_a_labelled_clause_in_square_brackets_that_ends_the_task_is_its_clause(opening, closing):
    clause = f"{opening}牵头单位：市审计局；配合单位：市财政局、市统计局{closing}"
    rows = parse_rows(f"一、公开\n1.做好审计结果公开。{clause}\n2.做好解读。{opening}详见附件{closing}\n", strict=False)
    assert [(r["text"], r["clause"]) for r in rows.tasks] == [
        ("做好审计结果公开。", clause), (f"做好解读。{opening}详见附件{closing}", None)]
    assert [(r["task_id"], r["unit_raw"], r["role"]) for r in rows.responsibilities] == [
        ("1", "市审计局", "lead"), ("1", "市财政局", "support"), ("1", "市统计局", "support")]


def test_every_role_verb_of_the_grammar_but_taking_part_or_coordinating_closes_a_clause():
    """A bracket that ends with 协助 or 承办 is a clause, as the grammar reads them; 参与, 协同 and 统筹 close none
    alone (鼓励社会公众参与, 部门协同 and 城乡统筹 are asides)."""
    assert is_clause("市财政局牵头，市审计局协助") and is_clause("市档案馆承办")
    assert not is_clause("鼓励社会公众参与")
    assert set(patterns.ROLE_VERBS) - {"参与", "协同", "统筹", "统筹协调"} == {
        verb for verb in patterns.ROLE_VERBS if verb.endswith((*patterns.ROLE_ENDINGS, *patterns.ROLE_WORD_ENDINGS))}
    assert set(patterns.WEAK_ROLE_ENDINGS) == {"参与", "协同", "统筹", "统筹协调"}


@pytest.mark.parametrize("content", ["详见附件，12月底前", "含2024年，年底前完成", "市财政局负责的项目，年内完成"])
def test_a_bracket_that_ends_with_when_but_names_no_role_is_no_clause(content):
    assert not is_clause(content)


def test_table_cell_with_one_unit_a_line():
    text = ("某区工作要点\n一、公开\n序号\t工作任务\t责任单位\t完成时限\n"
            "1\t做好A\t区发展改革委\u2028区住房城乡建设委\t2017年底\n2\t做好B\t牵头：区财政局\u20282017年6月底前\t\n")
    doc = gk.parse_document(text, tokens=False)
    resp = doc.responsibilities
    assert resp["unit_raw"].tolist() == ["区发展改革委", "区住房城乡建设委", "区财政局"]
    assert resp["unit"].tolist() == ["发改委", "住建委", "财政局"]
    assert resp["role"].tolist() == ["responsible", "responsible", "lead"]
    assert doc.tasks["time_limit"].tolist() == ["2017年底", "2017年6月底前"]
    # (某区 names no place: the units are the bundled registry's by their names alone, and a warning says so)
    assert doc.warnings == [
        "the document names no place (in its title, notice title or issuer): 3 of its units were taken for units of "
        "the registry of 东城 by their names alone (known = True); if it is from elsewhere, read it with that "
        "place's registry"]


_CLAUSE_PIECES = st.lists(st.sampled_from([
    "甲局", "乙委", "各市人民政府", "、", "，", "；", ",", "[", "]", "（", "）", "〔", "〕", "：", "责任单位", "牵头考核单位",
    "牵头", "负责落实", "配合", "按职责分工", "分别", "等", "等相关单位", "5月底完成", "持续推进", " ", "\u2028", "\n",
    "和", "及", "由", "。"]), max_size=14).map("".join)


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(_CLAUSE_PIECES)
def test_any_clause_text_reads_without_error_and_keeps_the_printed_names(content):
    clause = parse_clause(content)
    for a in clause.assignments:
        assert a.unit_raw and a.unit_raw in content.replace("\n", "")  # as printed (a wrap is no character)
        assert not a.name.endswith(tuple(patterns.ROLE_VERBS)) or a.name in content
        assert a.role in ("lead", "responsible", "support") and a.mode in ("sole", "joint", "separate")
    assert clause.time_limit is None or set(clause.time_limit) - {"，"} <= set(content)


@pytest.mark.parametrize(("content", "expected"), [
    ("X局牵头Y局负责落实", [("X局", "lead", 1), ("Y局", "responsible", 2)]),
    ("X局牵头Y局、Z委配合", [("X局", "lead", 1), ("Y局", "support", 2), ("Z委", "support", 2)]),
    ("省推进工作专班牵头单位负责", [("省推进工作专班牵头单位", "responsible", 1)]),
    ("X局负责落实", [("X局", "responsible", 1)]),
])
def test_a_role_verb_between_units_splits_the_group(content, expected):
    assert [(a.name, a.role, a.group) for a in read_clause(content)] == expected


def test_a_clause_wrapped_over_two_lines_reads_on():
    clause = parse_clause("6月\n底完成，牵头考核单位：市市场\n监管局")
    assert clause.time_limit == "6月底完成"
    assert [(a.unit_raw, a.role) for a in clause.assignments] == [("市市场监管局", "lead")]


_TASK_BODIES = st.one_of(
    st.lists(st.sampled_from(["做好公开", "（", "）", "(", ")", "〔", "〕", "财政局", "负责落实", "。", " ",
                              "\u3000", "；", "以下简称"]), max_size=10).map("".join),
    # a body, then something like a clause at its end
    st.tuples(st.lists(st.sampled_from(["做好公开", "（以下简称）", "(", "）", "〔", " ", "\u3000", "。"]),
                       max_size=5).map("".join),
              st.sampled_from(["（", "(", ""]),
              st.sampled_from(["财政局负责落实", "财政局（甲）负责", " 负责 ", "以下简称", "牵头单位：财政局", ""]),
              st.sampled_from(["）", ")", "", "）。", "）\u3000", "）做好"])).map("".join),
)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(_TASK_BODIES)
def test_the_one_clause_shortcut_cuts_a_body_as_the_loop_does(body):
    from gongkai_analysis.errors import ParseError
    from gongkai_analysis.parsing.build import _cut_at_clauses, _split_body
    from gongkai_analysis.parsing.structure import Item

    body = body.strip()
    task = Item("task", 1, body, 1, marker="1.", folded=patterns.fold(body))
    folded = patterns.fold(body)
    spans = find_clauses(folded)
    try:
        expected = _cut_at_clauses(task, body, folded, spans) if spans else [(body, None, None, None, True)]
    except ParseError:
        return  # (the loop's own check; the shortcut never takes such a body)
    assert _split_body(task) == expected


_FLAT_BODIES = st.lists(st.tuples(st.sampled_from(["做好公开", "", "。", " "]),
                                  st.sampled_from(["（", "（", "）", "〔", ""]),
                                  st.sampled_from(["以下简称", "财政局负责落实", "", "牵头单位：财政局", "负责",
                                                   "科委〔知识产权局〕负责落实", "〔2017〕", "〔", "〕"]),
                                  st.sampled_from(["）", "）", "（", ""])).map("".join),
                        max_size=5).map("".join)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(_FLAT_BODIES)
def test_brackets_one_after_another_are_paired_as_balancing_every_bracket_pairs_them(body):
    from gongkai_analysis.parsing.clauses import _find_nested_clauses

    assert find_clauses(body) == _find_nested_clauses(body)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(_BODIES)
def test_the_closing_clause_shortcut_answers_only_where_find_clauses_agrees(body):
    from gongkai_analysis.parsing.clauses import closing_clause

    spans = find_clauses(body)
    usual = len(spans) == 1 and spans[0].closed and spans[0].end == len(body)
    start = closing_clause(body)
    assert start == (spans[0].start if usual else -1) or (start == -1 and usual)


def test_the_closing_clause_shortcut_takes_the_usual_bodies():
    from gongkai_analysis.parsing.clauses import closing_clause

    assert closing_clause("做好公开。（科委〔知识产权局〕负责落实）") == 5
    assert closing_clause("做好公开。（财政局牵头，各街道办事处负责落实）") == 5


# -- clauses that name units with no role verb or label ---------------------------------------------
BARE_PLAN = ("某市2024年政务公开工作要点\n一、公开\n"
             "1.做好预算公开。（市财政局、市审计局）\n"
             "2.做好决策公开。（市发展改革委牵头，市统计局）\n"
             "3.做好解读回应。（市政府办公室，2024年底前）\n"
             "4.按时报送市政府办公室（市政务服务局）。\n"
             "5.推进标准化建设（试行）\n"
             "6.规范公开流程（以下简称市政务办）\n")


def test_units_in_a_bracket_with_no_verb_at_the_end_of_a_task_are_its_responsible_units():
    parsed = parse_rows(BARE_PLAN, strict=False)
    assert [(r["task_id"], r["text"], r["clause"], r["time_limit"]) for r in parsed.tasks] == [
        ("1", "做好预算公开。", "（市财政局、市审计局）", None),
        ("2", "做好决策公开。", "（市发展改革委牵头，市统计局）", None),
        ("3", "做好解读回应。", "（市政府办公室，2024年底前）", "2024年底前"),
        # another name of the unit just named, a document's status and an abbreviation: no clause
        ("4", "按时报送市政府办公室（市政务服务局）。", None, None),
        ("5", "推进标准化建设（试行）", None, None),
        ("6", "规范公开流程（以下简称市政务办）", None, None)]
    assert [(r["task_id"], r["unit_raw"], r["role"], r["mode"]) for r in parsed.responsibilities] == [
        ("1", "市财政局", "responsible", "joint"), ("1", "市审计局", "responsible", "joint"),
        ("2", "市发展改革委", "lead", "sole"), ("2", "市统计局", "responsible", "sole"),
        ("3", "市政府办公室", "responsible", "sole")]
    notes = [w for w in parsed.warnings if "unknown unit" not in w]
    # loud: one note says how the bare clauses were read; the three tasks without one are named; the
    # self-check (clauses in the text against clauses on tasks) agrees
    assert notes == ["3 brackets at the end of a line name units with no role verb or label (such as "
                     "（市财政局、市审计局））: where one closes a task, its units are read as responsible",
                     "line 6: task 4 has no responsibility clause", "line 7: task 5 has no responsibility clause",
                     "line 8: task 6 has no responsibility clause"]


def test_bare_unit_clauses_are_read_in_run_on_text_and_at_the_end_of_an_inner_line():
    run_on = parse_rows("某市要点 一、公开 1.做好A。（市财政局、市审计局）2.做好B。（市统计局）", strict=False)
    assert [(r["task_id"], r["clause"]) for r in run_on.tasks] == [("1", "（市财政局、市审计局）"),
                                                                   ("2", "（市统计局）")]
    assert not [w for w in run_on.warnings if "bracketed clauses" in w]
    inner = parse_rows("一、公开\n1.做好A。（市财政局）\n做好B。（市审计局负责）\n2.做好C。（市统计局负责）\n",
                       strict=False)
    assert [(r["task_id"], r["text"], r["clause"]) for r in inner.tasks] == [
        ("1a", "做好A。", "（市财政局）"), ("1b", "做好B。", "（市审计局负责）"), ("2", "做好C。", "（市统计局负责）")]
    assert not [w for w in inner.warnings if "bracketed clauses" in w]


@pytest.mark.parametrize(("group", "expected"), [
    ("市财政局、市审计局", True), ("区政府各部门、各街道办事处", True), ("市交通委〔市道运局〕", True),
    ("市财政局等相关单位", True), ("科委", True), ("人民银行东城支行", True), ("各县区、市直各部门", True),
    ("各乡镇", True), ("各项任务", False),
    ("试行", False), ("暂行", False), ("全局", False), ("以下简称市政务办", False), ("含街道", False),
    ("2021-2023年", False), ("详见附件", False), ("市财政局负责", False)])
def test_a_bare_group_names_units_only(group, expected):
    assert patterns.is_bare_unit_group(group) is expected


def test_a_bracket_mid_sentence_is_never_a_bare_clause():
    """Only a bracket that ends a task or a line is read as a bare clause: 依托市政务服务中心（市行政审批局）开展…
    names the centre's other nameplate."""
    parsed = parse_rows("一、公开\n1.依托市政务服务中心（市行政审批局）开展公开。（市财政局负责）\n", strict=True)
    assert [(r["text"], r["clause"]) for r in parsed.tasks] == [
        ("依托市政务服务中心（市行政审批局）开展公开。", "（市财政局负责）")]


def test_a_role_in_brackets_after_a_unit_is_its_role_not_an_alias():
    """责任单位：市财政局（牵头）、市审计局 — the bracket marks the lead among the units of a group; it is
    neither an alias nor a clause of its own (the self-check counts one clause per task)."""
    text = ("某市2024年政务公开工作要点\n一、公开\n1.做好A项工作。\n责任单位：市财政局（牵头）、市审计局\n"
            "2.做好B项工作。（责任单位：市发展改革委（牵头），市统计局）\n"
            "3.做好C项工作。（市财政局（牵头）、市审计局、市统计局负责）\n4.做好D。（市交通委（市道运局）负责）\n")
    parsed = parse_rows(text, strict=True)
    assert [(r["task_id"], r["unit_raw"], r["alias"], r["role"], r["mode"]) for r in parsed.responsibilities] == [
        ("1", "市财政局", None, "lead", "sole"), ("1", "市审计局", None, "responsible", "sole"),
        ("2", "市发展改革委", None, "lead", "sole"), ("2", "市统计局", None, "responsible", "sole"),
        ("3", "市财政局", None, "lead", "sole"), ("3", "市审计局", None, "responsible", "joint"),
        ("3", "市统计局", None, "responsible", "joint"), ("4", "市交通委（市道运局）", "市道运局", "responsible", "sole")]
    assert not [w for w in parsed.warnings if "unknown unit" not in w]
    assert not is_clause("牵头") and patterns.count_clause_signatures("（市财政局（牵头）、市审计局负责）") == 1
    labelled = parse_rows("一、公开\n1.做好A。（责任单位：市财政局（牵头单位），市审计局（配合单位））\n", strict=True)
    assert [(r["unit_raw"], r["role"]) for r in labelled.responsibilities] == [("市财政局", "lead"),
                                                                              ("市审计局", "support")]


def test_a_bracket_that_only_says_when_gives_the_time_limit_and_stays_in_the_text():
    """做好X。（2024年底前完成） assigns no unit (the task stays unassigned, and says so) but says when it
    is due; a plan's years (（2021-2023年）) or a year alone do not."""
    text = ("某市2024年政务公开工作要点\n一、公开\n1.做好A项工作。（2024年底前完成）\n2.做好B项工作（持续推进）\n"
            "3.编制规划（2021-2023年）\n4.做好C项工作。（2024年）\n5.做好D项工作。（市财政局、\n市审计局）\n")
    parsed = parse_rows(text, strict=False)
    assert [(r["text"], r["clause"], r["time_limit"]) for r in parsed.tasks] == [
        ("做好A项工作。（2024年底前完成）", None, "2024年底前完成"), ("做好B项工作（持续推进）", None, "持续推进"),
        ("编制规划（2021-2023年）", None, None), ("做好C项工作。（2024年）", None, None),
        ("做好D项工作。", "（市财政局、\n市审计局）", None)]  # (a bare clause wrapped over two lines reads on)
    assert parsed.meta["n_unassigned"] == 4
    assert [(r["unit_raw"], r["role"]) for r in parsed.responsibilities] == [("市财政局", "responsible"),
                                                                           ("市审计局", "responsible")]


def test_a_deadline_bracket_right_after_the_clause_is_the_clauses_when():
    """（市财政局负责）（2024年6月底前）: the second bracket says when; it belongs to the clause (as printed)
    and its time limit — not to the document's closing text, nor to a piece of the task of its own."""
    text = ("某市2024年政务公开工作要点\n一、公开\n1.做好A项工作。（市统计局负责）（2024年底前）\n"
            "2.做好B项工作。（市财政局负责）（2024年6月底前）\n")
    parsed = parse_rows(text, strict=True)
    assert [(r["task_id"], r["text"], r["clause"], r["time_limit"]) for r in parsed.tasks] == [
        ("1", "做好A项工作。", "（市统计局负责）（2024年底前）", "2024年底前"),
        ("2", "做好B项工作。", "（市财政局负责）（2024年6月底前）", "2024年6月底前")]
    assert parsed.meta["closing"] is None and not [w for w in parsed.warnings if "unknown unit" not in w]


def test_a_labelled_square_clause_before_the_text_or_after_the_title_is_the_tasks_clause():
    text = ("某市2024年政务公开工作要点\n一、公开\n1.【牵头单位：市财政局】做好A项工作。\n"
            "2.加强政策解读【牵头单位：市政府办公室；配合单位：市审计局】。做好B项工作。\n")
    parsed = parse_rows(text, strict=True)
    assert [(r["text"], r["clause"]) for r in parsed.tasks] == [
        ("做好A项工作。", "【牵头单位：市财政局】"),
        ("加强政策解读。做好B项工作。", "【牵头单位：市政府办公室；配合单位：市审计局】")]
    assert [(r["task_id"], r["unit_raw"], r["role"]) for r in parsed.responsibilities] == [
        ("1", "市财政局", "lead"), ("2", "市政府办公室", "lead"), ("2", "市审计局", "support")]
    assert not [w for w in parsed.warnings if "unknown unit" not in w]


def test_a_unit_name_holding_a_sentence_end_or_a_stray_closing_bracket_is_suspect():
    from gongkai_analysis.parsing.clauses import suspect_reasons

    assert suspect_reasons("市审计局】。做好B项工作") == ("holds '】'",)
    assert suspect_reasons("市财政局。做好") == ("holds '。'",)
    assert suspect_reasons("科委[知识产权局]") == () and suspect_reasons("科委〔知识产权局〕") == ()


def test_a_scope_note_in_brackets_is_no_alias_and_a_shared_ending_is_reported():
    text = ("某市2024年政务公开工作要点\n一、公开\n1.做好A项工作。（各区政府（含经开区）负责）\n"
            "2.做好B项工作。（市委、市政府督查室负责）\n3.做好C项工作。（市委、市政府负责）\n")
    parsed = parse_rows(text, strict=False)
    assert [(r["task_id"], r["unit_raw"], r["alias"]) for r in parsed.responsibilities] == [
        ("1", "各区政府（含经开区）", None), ("2", "市委", None), ("2", "市政府督查室", None),
        ("3", "市委", None), ("3", "市政府", None)]
    # 市委、市政府督查室 may be 市委督查室 and 市政府督查室, or one joint office: read as printed, and said
    assert [w for w in parsed.warnings if "unknown unit" not in w] == [
        "line 4: task 2: clause read in part: '市委、市政府督查室' may name 市委督查室 (an ending shared with "
        "市政府督查室); read as 市委 and 市政府督查室"]


def test_a_task_with_no_clause_takes_the_clause_that_ends_its_headers_title():
    """一、推进决策公开（市政府办公室牵头） over tasks that name no unit: the header's clause is theirs (the
    sub-section's before the section's); a task's own clause wins; the header keeps its title and its clause
    apart, and one warning says how many tasks took one."""
    text = ("某市2024年政务公开工作要点\n一、推进决策公开（市政府办公室牵头）\n1.做好A项工作。\n"
            "2.做好B项工作。（市审计局负责）\n二、推进执行公开\n（一）加强解读（牵头单位：市政府新闻办）\n"
            "3.做好C项工作。\n（二）回应关切\n4.做好D项工作。\n")
    parsed = parse_rows(text, strict=False)
    assert [(r["task_id"], r["section_title"], r["subsection_title"], r["clause"]) for r in parsed.tasks] == [
        ("1", "推进决策公开", None, "（市政府办公室牵头）"), ("2", "推进决策公开", None, "（市审计局负责）"),
        ("3", "推进执行公开", "加强解读", "（牵头单位：市政府新闻办）"), ("4", "推进执行公开", "回应关切", None)]
    assert [(r["task_id"], r["unit_raw"], r["role"]) for r in parsed.responsibilities] == [
        ("1", "市政府办公室", "lead"), ("2", "市审计局", "responsible"), ("3", "市政府新闻办", "lead")]
    assert [(s["level"], s["title"], s["clause"]) for s in parsed.sections] == [
        ("section", "推进决策公开", "（市政府办公室牵头）"), ("section", "推进执行公开", None),
        ("subsection", "加强解读", "（牵头单位：市政府新闻办）"), ("subsection", "回应关切", None)]
    assert [w for w in parsed.warnings if "unknown unit" not in w] == [
        "2 tasks with no clause of their own take the clause that ends the title of the header above (the clause "
        "column holds it as printed there)", "line 9: task 4 has no responsibility clause"]


def test_a_clause_that_opens_the_task_is_the_task_s_clause():
    # （牵头…）做好X。: before, the task was cut into a piece of no text holding the clause and a piece of text
    # with none, and the last task's text was taken for the plan's closing paragraph
    text = ("东城区2019年政务公开工作要点\n一、公开\n1.（区财政局牵头，各街道办事处配合）做好预算公开。\n"
            "2.（区审计局负责）做好审计公开。\n")
    doc = gk.parse_document(text, tokens=False)
    assert doc.tasks[["task_id", "text", "clause"]].values.tolist() == [
        ["1", "做好预算公开。", "（区财政局牵头，各街道办事处配合）"], ["2", "做好审计公开。", "（区审计局负责）"]]
    assert doc.responsibilities[["task_id", "unit", "role"]].values.tolist() == [
        ["1", "财政局", "lead"], ["1", "各街道办事处", "support"], ["2", "审计局", "responsible"]]
    assert pd.isna(doc.meta.loc[0, "closing"]) and doc.warnings == []


def test_a_piece_of_a_task_with_a_clause_and_no_text_is_reported():
    text = "东城区2019年政务公开工作要点\n一、公开\n1.（区财政局牵头）做好预算公开（各街道办事处配合）。\n"
    doc = gk.parse_document(text, tokens=False, strict=False)
    assert doc.tasks[["task_id", "text", "clause"]].values.tolist() == [
        ["1a", "", "（区财政局牵头）"], ["1b", "做好预算公开。", "（各街道办事处配合）"]]
    assert doc.warnings == ["line 3: task 1a: a clause with no text before it (the task's clauses may stand before "
                            "their text: read each piece's clause against the text beside it)"]


def test_units_that_take_part_after_a_group_with_its_role_make_a_clause():
    # 参与 alone ends no clause (鼓励公众参与 is an aside), but after a group with its role verb it closes one
    text = "东城区2019年政务公开工作要点\n一、公开\n1.做好预算公开。（区财政局牵头，各街道办事处参与）\n2.鼓励公众参与。（区民政局负责）\n"
    doc = gk.parse_document(text, tokens=False)
    assert doc.tasks["clause"].tolist() == ["（区财政局牵头，各街道办事处参与）", "（区民政局负责）"]
    assert doc.responsibilities[["task_id", "unit", "role"]].values.tolist() == [
        ["1", "财政局", "lead"], ["1", "各街道办事处", "support"], ["2", "民政局", "responsible"]]
    assert doc.warnings == []
    assert not patterns.is_clause_content("鼓励公众参与") and patterns.is_clause_content("甲局牵头，乙局参与")


def test_a_deadline_label_after_a_space_opens_a_group_of_its_own():
    # （责任单位：X 完成时限：Y）: before, the unit was read as 'X 完成时限：Y' (reported as suspect)
    clause = parse_clause("责任单位：市财政局 完成时限：2024年12月")
    assert [(a.unit_raw, a.role) for a in clause.assignments] == [("市财政局", "responsible")]
    assert clause.time_limit == "2024年12月" and clause.doubts == ()


def test_labels_in_square_brackets_without_a_colon_are_a_clause():
    text = ("东城区2019年政务公开工作要点\n一、公开\n1.做好预算公开。【牵头单位】区财政局【配合单位】各街道办事处"
            "【完成时限】2019年底\n2.做好审计公开。［责任单位］区审计局。\n")
    doc = gk.parse_document(text, tokens=False)
    assert doc.tasks[["text", "clause", "time_limit"]].fillna("NA").values.tolist() == [
        ["做好预算公开。", "【牵头单位】区财政局【配合单位】各街道办事处【完成时限】2019年底", "2019年底"],
        ["做好审计公开。", "［责任单位］区审计局。", "NA"]]
    assert doc.responsibilities[["task_id", "unit", "role"]].values.tolist() == [
        ["1", "财政局", "lead"], ["1", "各街道办事处", "support"], ["2", "审计局", "responsible"]]
    assert doc.warnings == []


def test_a_hard_wrapped_label_line_and_a_clause_wrapped_inside_its_verb_read_on():
    # a text wrapped at a fixed width (a PDF's lines kept as they were): 责任单位：区财政局、区审 / 计局, and
    # （区财政局负 / 责）.  Before, the unit was 区审 and 计局 went into the task's text, with no warning; and
    # the clause was not read at all
    text = ("东城区2019年政务公开工作要点\n一、公开\n1.做好预算公开。\n责任单位：区财政局、区审\n计局\n"
            "完成时限：2019年\n底前\n2.做好审计公开。（区审计局负\n责）\n3.做好决策公开。（区民政局负责）\n")
    doc = gk.parse_document(text, tokens=False)
    assert doc.tasks[["text", "clause", "time_limit"]].fillna("NA").values.tolist() == [
        ["做好预算公开。", "责任单位：区财政局、区审计局\n完成时限：2019年底前", "2019年底前"],
        ["做好审计公开。", "（区审计局负\n责）", "NA"], ["做好决策公开。", "（区民政局负责）", "NA"]]
    assert doc.responsibilities[["task_id", "unit_raw"]].values.tolist() == [
        ["1", "区财政局"], ["1", "区审计局"], ["2", "区审计局"], ["3", "区民政局"]]
    assert doc.warnings == []
    assert patterns.count_clause_signatures(patterns.fold(text)) == 2  # the self-check counts the wrapped one


def test_a_conjunction_between_names_is_cut_where_a_conjunction_inside_a_name_is_not():
    # 市工业和信息化局和市文化和旅游局: before, one unit of that whole name, with no warning (every 和 or none)
    assert [a.unit_raw for a in parse_clause("市工业和信息化局和市文化和旅游局负责").assignments] == [
        "市工业和信息化局", "市文化和旅游局"]
    assert [a.unit_raw for a in parse_clause("市自然资源和规划局及各区政府负责").assignments] == [
        "市自然资源和规划局", "各区政府"]
    assert [a.unit_raw for a in parse_clause("市人力资源和社会保障局负责").assignments] == ["市人力资源和社会保障局"]


#: Unit names, several with 和 inside (人力资源和社会保障局), an alias or a collective with brackets.
_NAMES = ["市人力资源和社会保障局", "市住房和城乡建设局", "市工业和信息化局", "市文化和旅游局", "市自然资源和规划局",
          "市发展和改革委员会", "市民族和宗教事务委员会", "市新闻出版和广电局", "市财政局", "各区政府", "市委网信办",
          "市政务服务中心", "各县（市、区）人民政府", "市大数据局〔市政务服务局〕", "市场监管局", "各街道办事处"]


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=4, unique=True),
       st.lists(st.sampled_from(["、", "和", "及", "与"]), min_size=3, max_size=3),
       st.sampled_from(["负责", "牵头", "配合", "按职责分工负责"]))
def test_names_joined_by_any_conjunction_are_read_each_whole(names, joiners, verb):
    text = names[0] + "".join(j + n for j, n in zip(joiners, names[1:])) + verb
    assert [a.unit_raw for a in parse_clause(text).assignments] == names


@pytest.mark.parametrize("content, expected", [
    # groups printed without a comma, parted by a space or a 、 (before: one unit '市财政局牵头 市审计局')
    ("市财政局牵头 市审计局配合", [("市财政局", "lead", "sole"), ("市审计局", "support", "sole")]),
    ("市财政局牵头、市审计局配合", [("市财政局", "lead", "sole"), ("市审计局", "support", "sole")]),
    # modifiers that say each unit acts on its own share (before: the unit '各区政府按照属地原则', no warning)
    ("各区政府按照属地原则负责", [("各区政府", "responsible", "separate")]),
    ("市财政局、市审计局按照各自职责负责落实",
     [("市财政局", "responsible", "separate"), ("市审计局", "responsible", "separate")]),
    ("各部门根据职责分工负责", [("各部门", "responsible", "separate")]),
])
def test_groups_without_a_comma_and_more_modifiers(content, expected):
    clause = parse_clause(content)
    assert [(a.unit_raw, a.role, a.mode) for a in clause.assignments] == expected and clause.doubts == ()


def test_a_unit_name_that_does_not_end_as_a_name_does_is_reported():
    # words read into a name that hold no role verb, modifier, label or time word: the ending gives them away
    text = "东城区2019年政务公开工作要点\n一、公开\n1.做好预算公开。（区财政局相关工作负责）\n"
    doc = gk.parse_document(text, tokens=False, strict=False)
    assert doc.responsibilities["unit_raw"].tolist() == ["区财政局相关工作"]
    assert "line 3: task 1: suspect unit name '区财政局相关工作' (does not end as a unit's name does)" in doc.warnings
    assert doc.meta.loc[0, "n_suspect_units"] == 1
    # names that end as organisations, areas and groups do are not reported
    assert [suspect_reasons(name) for name in ("市妇联", "各旗县区", "各新闻媒体", "市大数据局〔市政务服务局〕")] == [()] * 4


def test_a_cell_or_a_label_that_says_no_unit_names_none():
    # 配合单位：无 (or / or —): before, 无 and / were read as units taking the role
    text = ("东城区2019年政务公开工作要点\n序号\t工作任务\t牵头单位\t配合单位\n1\t做好预算公开\t区财政局\t无\n"
            "2\t做好审计公开\t区审计局\t/\n3\t做好执行公开\t无\t—\n")
    doc = gk.parse_document(text, tokens=False, strict=False)
    assert doc.responsibilities[["task_id", "unit", "role"]].values.tolist() == [
        ["1", "财政局", "lead"], ["2", "审计局", "lead"]]
    assert doc.warnings == ["line 5: task 3: clause names no unit: '牵头单位：无；配合单位：—'"]
    assert [parse_clause(c).assignments for c in ("牵头单位：市财政局；配合单位：无", "无锡市财政局负责")] != [(), ()]
    assert [a.unit_raw for a in parse_clause("牵头单位：市财政局；配合单位：－").assignments] == ["市财政局"]


def test_a_clause_written_as_the_end_of_the_sentence_is_read_where_its_names_are_units():
    text = ("东城区2019年政务公开工作要点\n一、公开\n1.做好预算公开工作，由区财政局负责。\n"
            "2.做好审计公开，由区审计局牵头，各街道办事处配合。\n3.鼓励企业公开，由企业自主负责。\n"
            "4.做好解读工作，请区政府办公室负责落实。\n")
    doc = gk.parse_document(text, tokens=False, strict=False)
    assert doc.tasks[["text", "clause"]].fillna("NA").values.tolist() == [
        ["做好预算公开工作，", "由区财政局负责。"], ["做好审计公开，", "由区审计局牵头，各街道办事处配合。"],
        ["鼓励企业公开，由企业自主负责。", "NA"], ["做好解读工作，", "请区政府办公室负责落实。"]]
    assert doc.responsibilities[["task_id", "unit", "role"]].values.tolist() == [
        ["1", "财政局", "responsible"], ["2", "审计局", "lead"], ["2", "各街道办事处", "support"],
        ["4", "政府办", "responsible"]]
    # 由企业自主负责 names no unit (企业自主 does not end as a name does): the task stays unassigned, and says so
    assert doc.warnings == ["line 5: task 3 has no responsibility clause"]


def test_a_deadline_label_after_the_clause_on_its_line_is_the_clause_s_time_limit():
    # （区财政局负责）完成时限：6月底前。: before, a second piece of the task, unassigned
    text = "东城区2019年政务公开工作要点\n一、公开\n1.做好预算公开。（区财政局负责）完成时限：6月底前。\n"
    doc = gk.parse_document(text, tokens=False)
    assert doc.tasks[["task_id", "text", "clause", "time_limit"]].values.tolist() == [
        ["1", "做好预算公开。完成时限：6月底前。", "（区财政局负责）", "6月底前"]]
    assert doc.warnings == []


@pytest.mark.parametrize(("content", "expected"), [
    # 统筹 (coordinates) leads; before, '市政务服务局统筹' was one unit (reported as suspect)
    ("市政务服务局统筹，各旗县区负责", [("市政务服务局", "lead", "sole"), ("各旗县区", "responsible", "sole")]),
    ("市政府办公室统筹协调，各部门负责落实", [("市政府办公室", "lead", "sole"), ("各部门", "responsible", "sole")]),
    # 主责 and 负总责 bear the (main, overall) responsibility; 具体 before a verb is no part of a name
    ("市财政局主责，各部门具体承办", [("市财政局", "responsible", "sole"), ("各部门", "responsible", "sole")]),
    ("市财政局负总责，市审计局具体负责", [("市财政局", "responsible", "sole"), ("市审计局", "responsible", "sole")]),
    ("市审计局具体落实", [("市审计局", "responsible", "sole")]),
    # 协同 takes part
    ("市财政局牵头，市审计局协同", [("市财政局", "lead", "sole"), ("市审计局", "support", "sole")]),
    # areas listed before the body they share, one of them with its own bracketed list, are one collective
    ("省政府办公厅牵头，各市、县（市、区）人民政府负责",
     [("省政府办公厅", "lead", "sole"), ("各市、县（市、区）人民政府", "responsible", "sole")]),
])
def test_more_role_words_of_the_genre_are_read_and_never_kept_in_a_name(content, expected):
    clause = parse_clause(content)
    assert [(a.unit_raw, a.role, a.mode) for a in clause.assignments] == expected
    assert clause.doubts == ()
    assert not any(suspect_reasons(a.unit_raw) for a in clause.assignments)


def test_coordinating_or_taking_part_alone_ends_no_clause_but_a_bracket_of_role_words_is_named_when_unread():
    assert patterns.is_clause_content("市财政局负总责") and patterns.is_clause_content("市财政局统筹，各部门负责")
    # (城乡统筹 would give the unit 城乡, a name's ending: a bracket that only coordinates or takes part is an aside)
    assert not patterns.is_clause_content("城乡统筹") and not patterns.is_clause_content("部门协同")
    assert patterns.is_clause_content("市财政局牵头，市审计局协同")
    text = ("东城区2019年政务公开工作要点\n一、公开\n1.做好预算公开。（区政府办公室牵头，区委网信办审核）\n"
            "2.做好决算公开。（区财政局负总责）\n3.推进城乡统筹（试行）。\n")
    doc = gk.parse_document(text, tokens=False, strict=False)
    assert doc.responsibilities[["task_id", "unit", "role"]].values.tolist() == [["2", "财政局", "responsible"]]
    # 审核 is no word of the grammar: the task stays unassigned, and its warning quotes the bracket it left unread
    assert doc.warnings == [
        "line 3: task 1 has no responsibility clause; its last bracket names roles in words the clause grammar "
        "does not read: '（区政府办公室牵头，区委网信办审核）'",
        "line 5: task 3 has no responsibility clause"]
    # (指导 is read, as overseeing: the units beside it keep their rows, see below)
    doc = gk.parse_document(text.replace("审核", "指导"), tokens=False, strict=False)
    assert doc.responsibilities[["task_id", "unit", "role"]].values.tolist() == [
        ["1", "政府办", "lead"], ["2", "财政局", "responsible"]]
    assert doc.warnings[0] == ("line 3: task 1: clause read in part: '区委网信办指导' names units that oversee the "
                               "task (指导), a part the roles lead, responsible and support do not hold: no row")


def test_a_leader_named_beside_the_units_is_no_unit_and_the_clause_keeps_the_name():
    # (责任领导：张三；…): before, '责任领导：张三' was a unit (reported as suspect)
    clause = parse_clause("责任领导：张三；牵头单位：市财政局 分管领导：李四 完成时限：年底")
    assert [(a.unit_raw, a.role) for a in clause.assignments] == [("市财政局", "lead")]
    assert clause.time_limit == "年底" and clause.doubts == ()
    text = ("东城区2019年政务公开工作要点\n一、公开\n1.做好预算公开。（责任领导：张三；牵头单位：区财政局）\n"
            "2.做好决算公开。\n责任人：李四\n责任单位：区审计局\n")
    doc = gk.parse_document(text, tokens=False)
    assert doc.tasks[["text", "clause"]].values.tolist() == [
        ["做好预算公开。", "（责任领导：张三；牵头单位：区财政局）"], ["做好决算公开。", "责任人：李四\n责任单位：区审计局"]]
    assert doc.responsibilities[["task_id", "unit", "role"]].values.tolist() == [
        ["1", "财政局", "lead"], ["2", "审计局", "responsible"]]
    assert doc.warnings == []


def test_label_lines_that_name_no_unit_leave_the_task_unassigned_and_say_so():
    # a deadline line alone under a task: before, it was the task's clause, and the task, with no unit, was
    # counted neither unassigned nor warned about
    text = ("东城区2019年政务公开工作要点\n一、公开\n1.做好预算公开。\n完成时限：2024年底\n"
            "2.做好决算公开。\n责任领导：李四\n3.做好审计公开。（区审计局负责）\n")
    doc = gk.parse_document(text, tokens=False, strict=False)
    assert doc.tasks[["text", "clause", "time_limit"]].fillna("NA").values.tolist() == [
        ["做好预算公开。\n完成时限：2024年底", "NA", "2024年底"], ["做好决算公开。\n责任领导：李四", "NA", "NA"],
        ["做好审计公开。", "（区审计局负责）", "NA"]]
    assert doc.meta.loc[0, "n_unassigned"] == 2
    assert doc.warnings == ["line 3: task 1 has no responsibility clause",
                            "line 5: task 2 has no responsibility clause"]


@pytest.mark.parametrize(("content", "expected"), [
    ("主要由市财政局负责", ["市财政局"]), ("统一由各区政府负责落实", ["各区政府"]), ("具体由市审计局承办", ["市审计局"]),
])
def test_more_fillers_before_the_units_are_no_part_of_a_name(content, expected):
    clause = parse_clause(content)
    assert [a.unit_raw for a in clause.assignments] == expected and clause.doubts == ()


@pytest.mark.parametrize(("name", "reason"), [
    ("要求各区政府", "starts with '要求'"), ("明确市财政局", "starts with '明确'"), ("会同有关部门", "starts with '会同'"),
    ("督办", "ends with '督办'"), ("市政府督查室督导", "ends with '督导'"),
])
def test_a_name_that_starts_with_a_sentence_s_word_or_ends_with_supervision_is_suspect(name, reason):
    # each passed the ending check before (区, 局, 门, 办 end names): read into a list, they were silent
    assert reason in suspect_reasons(name)


@pytest.mark.parametrize("name", ["和平区政府", "会同县人民政府", "市委督查室", "市就业指导中心", "市纪委监委"])
def test_names_that_start_or_end_like_those_words_are_not_suspect(name):
    assert suspect_reasons(name) == ()


def test_a_deadline_or_leader_line_under_a_task_leaves_its_bracketed_clause_its_own():
    # before, the deadline line was taken for the task's clause and the bracketed clause was left in the text
    text = ("东城区2019年政务公开工作要点\n一、公开\n1.做好预算公开。（区财政局负责）\n完成时限：2024年底\n"
            "2.做好决算公开。\n责任领导：张三\n（区审计局负责）\n")
    doc = gk.parse_document(text, tokens=False)
    assert doc.tasks[["text", "clause", "time_limit"]].fillna("NA").values.tolist() == [
        ["做好预算公开。\n完成时限：2024年底", "（区财政局负责）", "2024年底"],
        ["做好决算公开。\n责任领导：张三", "（区审计局负责）", "NA"]]
    assert doc.responsibilities[["task_id", "unit"]].values.tolist() == [["1", "财政局"], ["2", "审计局"]]
    assert doc.warnings == []


def test_units_labels_after_a_task_that_ends_with_its_clause_are_not_a_second_clause(tmp_path):
    # a web page's footer after the last task: before, 主办单位/承办单位 were task 2's clause (its units the
    # site's), and the task's own clause was left in its text
    page = ("<html><body><div class='wzy'><h1>东城区2019年政务公开工作要点</h1><p>一、公开</p>"
            "<p>1.做好预算公开。（区财政局负责）</p><p>2.做好决算公开。（区审计局负责）</p></div>"
            "<div class='wzdb'><p>主办单位：北京市东城区人民政府办公室　承办单位：东城区信息中心</p>"
            "<p>网站标识码：1101010001</p></div></body></html>")
    (tmp_path / "plan.html").write_text(page, encoding="utf-8")
    doc = gk.parse_document(tmp_path / "plan.html", tokens=False)
    assert doc.tasks[["text", "clause"]].values.tolist() == [
        ["做好预算公开。", "（区财政局负责）"], ["做好决算公开。", "（区审计局负责）"]]
    assert doc.responsibilities["unit"].tolist() == ["财政局", "审计局"]
    assert doc.meta.loc[0, "closing"] == ("主办单位：北京市东城区人民政府办公室\u3000承办单位：东城区信息中心\n"
                                          "网站标识码：1101010001")
    assert doc.warnings == []
    # a text copied from the page, a line of its furniture before the footer: the same
    text = ("东城区2019年政务公开工作要点\n一、公开\n1.做好预算公开。（区财政局负责）\n"
            "【打印本页】 【关闭窗口】\n主办单位：北京市东城区人民政府办公室\n")
    doc = gk.parse_document(text, tokens=False)
    assert doc.tasks[["text", "clause"]].values.tolist() == [["做好预算公开。", "（区财政局负责）"]]
    assert doc.meta.loc[0, "closing"] == "【打印本页】 【关闭窗口】\n主办单位：北京市东城区人民政府办公室"
    assert doc.warnings == []
    # between tasks, such a line is a piece of the task with no clause of its own, and reported
    text = "东城区2019年政务公开工作要点\n一、公开\n1.做好预算公开。（区财政局负责）\n责任单位：区审计局\n2.做好决算公开。（区审计局负责）\n"
    doc = gk.parse_document(text, tokens=False, strict=False)
    assert doc.tasks[["task_id", "clause"]].fillna("NA").values.tolist() == [
        ["1a", "（区财政局负责）"], ["1b", "NA"], ["2", "（区审计局负责）"]]
    assert "line 3: task 1b has no responsibility clause" in doc.warnings


@pytest.mark.parametrize("collective", [
    "各市（州）、县（市、区）政府", "各盟市、旗县（市、区）人民政府", "各设区市、县（市、区）人民政府",
    "各市、县（市、区）人民政府及其部门",
])
def test_areas_listed_before_the_body_they_share_are_one_collective(collective):
    # before, each was cut in two (各市（州） and 县（市、区）政府; 其部门 after 及), every piece a plausible name
    clause = parse_clause(f"省政府办公厅牵头，{collective}负责")
    assert [(a.unit_raw, a.role) for a in clause.assignments] == [("省政府办公厅", "lead"), (collective, "responsible")]
    assert split_units(f"省财政厅、{collective}") == ["省财政厅", collective]
    assert "starts with '其'" in suspect_reasons("其部门")


def test_hosting_and_co_hosting_are_roles_as_their_labels_are():
    """主办 is responsible and 协办 takes part, as the labels 主办单位 and 协办单位 give; neither is part of a name."""
    clause = parse_clause("市审计局主办，市统计局协办")
    assert [(a.name, a.role) for a in clause.assignments] == [("市审计局", "responsible"), ("市统计局", "support")]
    assert is_clause("市档案馆主办") and not suspect_reasons("市审计局")
    assert suspect_reasons("市审计局主办")  # a name read with the verb glued on is reported


@pytest.mark.parametrize(("label", "role"), [
    ("主要责任单位", "responsible"), ("牵头责任单位", "lead"), ("参加单位", "support"), ("协同单位", "support"),
    ("责任主体", "responsible"), ("实施主体", "responsible"),
    ("支持单位", "support"), ("牵头处室", "lead"), ("责任处室", "responsible"), ("承办处室", "responsible"),
    ("配合科室", "support"),
])
def test_more_labels_of_the_genre(label, role):
    """Labels of other plans, a department's own divisions (处室, 科室) among them."""
    clause = parse_clause(f"{label}：政策法规处、信息科")
    assert [(a.name, a.role) for a in clause.assignments] == [("政策法规处", role), ("信息科", role)]
    assert not suspect_reasons("信息科")


def test_a_table_whose_unit_columns_name_divisions():
    text = "某局2024年政务公开工作要点\n序号\t工作任务\t牵头处室\t配合处室\n1\t公开政策文件。\t办公室\t政策法规处\n"
    rows = parse_rows(text, doc_id="d")
    assert [(r["unit_raw"], r["role"]) for r in rows.responsibilities] == [("办公室", "lead"), ("政策法规处", "support")]


@pytest.mark.parametrize(("content", "expected"), [
    ("市政府办公室负主体责任", [("市政府办公室", "responsible")]),
    ("各区政府负主要责任", [("各区政府", "responsible")]),
    ("市数据局牵头推进", [("市数据局", "lead")]),
    ("市政府办公室牵头抓总，各区政府负责", [("市政府办公室", "lead"), ("各区政府", "responsible")]),
])
def test_role_verbs_of_more_than_one_word(content, expected):
    """Before, each of these left its task unassigned (the whole bracket unread)."""
    assert is_clause(content)
    assert [(a.name, a.role) for a in read_clause(content)] == expected


@pytest.mark.parametrize(("content", "units", "overseer"), [
    ("各区政府、市直各部门负责，市政府办公室督导", ["各区政府", "市直各部门"], "'市政府办公室督导'"),
    ("市司法局指导，各区政府负责", ["各区政府"], "'市司法局指导'"),
    ("市财政局牵头，市审计局监督", ["市财政局"], "'市审计局监督'"),
    ("市政府办公室督促落实", [], "'市政府办公室督促落实'"),
])
def test_units_that_oversee_a_task_give_no_row_and_say_so(content, units, overseer):
    """指导, 督导, 督促, 监督 … name a part none of the three roles holds. Before, the bracket that ended with
    one was no clause at all (the task unassigned, the units beside it lost) and one before a comma gave the
    unit 市司法局指导."""
    assert is_clause(content)
    clause = parse_clause(content)
    assert [a.name for a in clause.assignments] == units
    assert [d for d in clause.doubts if overseer in d and "oversee" in d] != []
    # an aside that ends with such a verb is no clause
    assert not is_clause("加强业务指导") and not is_clause("接受社会监督")
    assert patterns.count_clause_signatures(f"做好X。（{content}）（接受社会监督）") == 1


def test_a_label_that_says_in_brackets_what_kind_of_unit_it_names_is_read():
    """责任单位（部门）：X, in a line under the task or in its bracket. Before, both tasks were unassigned (reported)."""
    text = ("某市2024年政务公开工作要点\n一、公开\n1.做好X。\n责任单位（部门）：市财政局\n"
            "2.做好Y。（牵头单位（部门）：市审计局；配合单位（部门）：市统计局）\n3.做好Z。（责任单位:市统计局）\n")
    parsed = parse_rows(text, strict=True)  # (the independent count of clauses agrees: no warning, no error)
    assert [(r["task_id"], r["unit_raw"], r["role"]) for r in parsed.responsibilities] == [
        ("1", "市财政局", "responsible"), ("2", "市审计局", "lead"), ("2", "市统计局", "support"),
        ("3", "市统计局", "responsible")]
    assert patterns.count_clause_signatures(patterns.fold(text)) == 2
    # an ordinary bracket before a colon is no qualifier
    assert patterns.UNIT_LABEL.match("责任单位（以下简称甲单位）：") is None


@pytest.mark.parametrize(("content", "expected"), [
    # before: one unit '各乡镇（街道）、县直各部门' (read as a collective such as 各市、县人民政府)
    ("县政府办牵头，各乡镇（街道）、县直各部门负责",
     [("县政府办", "lead"), ("各乡镇（街道）", "responsible"), ("县直各部门", "responsible")]),
    ("县政府办公室负责，各乡镇、县直各部门配合",
     [("县政府办公室", "responsible"), ("各乡镇", "support"), ("县直各部门", "support")]),
    ("各乡镇、县政府各部门负责", [("各乡镇", "responsible"), ("县政府各部门", "responsible")]),
    # (collectives stay whole)
    ("各市、县人民政府负责", [("各市、县人民政府", "responsible")]),
    ("各盟市、旗县（市、区）人民政府负责", [("各盟市、旗县（市、区）人民政府", "responsible")]),
])
def test_the_departments_directly_under_a_level_are_no_part_of_an_area_collective(content, expected):
    assert [(a.unit_raw, a.role) for a in read_clause(content)] == expected


@pytest.mark.parametrize("clause", [
    "（牵头单位：县政府办公室；责任单位：各乡镇（街道）、县直有关单位；完成时限：2024年12月）",
    "（责任单位：市发展改革委，各县（市、区）人民政府）",
])
def test_the_independent_count_reads_a_clause_with_a_bracket_nested_before_its_end(clause):
    """Before, the count missed such a clause: every plan holding one warned that its clauses did not add up,
    and strict parsing failed on it."""
    assert patterns.count_clause_signatures(patterns.fold(f"做好X。{clause}（以下简称甲）")) == 1
    parsed = parse_rows(f"某县2024年政务公开工作要点\n一、公开\n1.做好X。{clause}\n", strict=True)
    assert not [w for w in parsed.warnings if "bracketed clauses" in w]


def test_all_localities_are_a_collective_not_a_suspect_name():
    # （各地、各有关部门负责）: before, 各地 was reported as a name that does not end as a unit's does
    assert suspect_reasons("各地") == () and suspect_reasons("各地区") == ()
    assert suspect_reasons("本地") != () and suspect_reasons("各地相关工作") != ()
    assert [a.unit_raw for a in read_clause("各地、各有关部门负责")] == ["各地", "各有关部门"]


@pytest.mark.parametrize(("clause", "time_limit"), [
    ("（市财政局负责，按时限要求）", "按时限要求"), ("（市财政局负责，按规定时限）", "按规定时限"),
    ("（市财政局负责，全年）", "全年"), ("（市财政局负责，每年更新）", "每年更新"), ("（市财政局负责，定期）", "定期"),
    ("（市财政局负责）（时限：2024年6月）", "2024年6月"), ("（市财政局负责）（完成时限：2024年6月底前）", "2024年6月底前"),
])
def test_more_ways_of_saying_when_in_or_after_a_clause(clause, time_limit):
    """Before: the first four and 定期 left the task unassigned (the whole bracket unread, reported); a labelled
    deadline in brackets after the clause was a piece of the task of its own, unassigned."""
    parsed = parse_rows(f"某市2024年政务公开工作要点\n一、公开\n1.做好X。{clause}\n", strict=True)
    assert [(t["task_id"], t["time_limit"]) for t in parsed.tasks] == [("1", time_limit)]
    assert [r["unit_raw"] for r in parsed.responsibilities] == ["市财政局"]
