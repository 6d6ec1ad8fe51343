"""Reading responsibility clauses, unit by unit."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai_analysis import patterns
from gongkai_analysis.parsing.clauses import find_clauses, is_clause, read_clause, split_units


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
_PIECES = st.lists(st.sampled_from(["负责", "落实", "牵头", "配合", "分别", "。", "）", "（", " ", "\n", "\u3000",
                                    "责任单位：", "牵头单位 ：", "财政局", "实", "负", "、",
                                    "，", "；", "5月底完成", "牵头考核单位："]), max_size=12).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(_PIECES)
def test_fast_clause_tests_match_their_regular_expressions(text):
    assert patterns.is_clause_content(text) == bool(_CLAUSE_CONTENT.match(text))
    assert patterns.count_clause_signatures(text) == len(_SIGNATURE.findall(text))


_BODIES = st.lists(st.sampled_from(["做好公开", "（", "）", "〔", "〕", "财政局", "负责落实", "。", "\n", "以下简称"]),
                   max_size=10).map("".join)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(_BODIES)
def test_the_one_pair_shortcut_finds_what_balancing_every_bracket_finds(body):
    from gongkai_analysis.parsing.clauses import _find_nested_clauses

    assert find_clauses(body) == _find_nested_clauses(body)
