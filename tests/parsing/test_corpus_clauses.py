"""Clauses and units of real documents from other places, read in place from ../shared/corpus.

Exact values: the Baotou appraisal plan parsed whole (90 tasks, each with its lead
units and time limit), and the Anhui file's responsibility clauses read by the
grammar one by one (the clauses are found with :func:`find_clauses` on the whole
text, so these assertions do not depend on how the file is split into tasks).
Then a walk over every fixture and every corpus document: no unit name in the
output holds whitespace, a role word, a label or a time word.
"""

import re
from collections import Counter

import pandas as pd
import pytest

import gongkai_analysis as gk
from gongkai_analysis import patterns
from gongkai_analysis.parsing.clauses import find_clauses, parse_clause

BAOTOU = "baotou-2022-digital-government-appraisal.txt"
ANHUI = "anhui-2021-industrial-internet.txt"

#: The words ../shared/tools/corpus-check looks for in unit names (an independent definition).
SUSPECT = re.compile(r"\s|牵头|负责|落实|配合|按职责|分工|分别|责任单位|牵头单位|考核单位|完成|持续推进|月底|年底")


def _suspect(name: str) -> bool:
    name = name.replace("牵头单位", "", 1) if name.endswith("牵头单位") else name
    return bool(SUSPECT.search(name)) or len(name) > 30


@pytest.fixture(scope="module")
def baotou(corpus_path):
    return gk.parse_document(corpus_path(BAOTOU), tokens=False)


def _leads(doc, task_id):
    rows = doc.responsibilities[doc.responsibilities["task_id"] == task_id]
    assert set(rows["role"]) == {"lead"}
    return rows["unit_raw"].tolist()


# --------------------------------------------------------------------------
# Baotou: every task's clause is ``（time，牵头考核单位：units）``
# --------------------------------------------------------------------------
def test_baotou_every_task_has_its_lead_units_and_time_limit(baotou):
    tasks, resp = baotou.tasks, baotou.responsibilities
    assert len(tasks) == 90 and tasks["clause"].notna().all()
    assert tasks["time_limit"].notna().all()
    assert len(resp) == 101 and set(resp["role"]) == {"lead"}
    assert resp["task_id"].nunique() == 90  # every task has at least one lead
    assert resp["unit"].nunique() == 27 and resp["unit_raw"].nunique() == 28
    assert Counter(resp["mode"]) == {"sole": 80, "joint": 21}
    assert not resp["known"].any()  # a city's units are not the Dongcheng registry's
    assert resp["unit_function"].notna().all()


def test_baotou_time_limits(baotou):
    counts = baotou.tasks["time_limit"].value_counts()
    assert counts["持续推进"] == 34
    assert counts["6月底完成"] == 13
    assert counts["10月底完成"] == 9
    assert counts["5月底完成"] == 2
    assert counts["5月底取得阶段性成效并持续推进"] == 4
    assert counts["按进度推进"] == 2 and counts["持续优化"] == 1
    assert len(counts) == 23


@pytest.mark.parametrize(("task_id", "leads", "time_limit"), [
    ("P2.1", ["市审批服务局"], "5月底取得明显成效并持续推进"),
    ("P2.3", ["市政府办公室", "市公安局"], "6月底完成"),
    ("P2.5", ["市政府办公室", "市审批服务局"], "7月底完成"),
    ("P2.8", ["市住建局", "审批服务局"], "持续优化"),
    ("P2.28", ["市人社局"], "10月底完成"),
    ("P2.36", ["市政府金融办", "市工信局"], "6月底完成"),
    ("P2.46", ["市市场监管局"], "6月底取得阶段性成效"),
    ("P2.82", ["市委网信办"], "持续推进"),
    ("P2.86", ["市政府办公室", "市委组织部"], "4月底完成"),
    ("P2.87", ["市财政局", "市发改委", "市政府金融办"], "持续推进"),
    ("P2.90", ["市委宣传部", "市政府办公室"], "持续推进"),
])
def test_baotou_sample_tasks(baotou, task_id, leads, time_limit):
    assert _leads(baotou, task_id) == leads
    assert baotou.tasks.set_index("task_id").loc[task_id, "time_limit"] == time_limit


def test_baotou_units_functions_and_the_prefix_rule(baotou):
    resp = baotou.responsibilities
    pairs = dict(zip(resp["unit_raw"], zip(resp["unit"], resp["unit_function"])))
    assert pairs["市审批服务局"] == pairs["审批服务局"] == ("审批服务局", "政务服务")
    assert pairs["市市场监管局"] == ("市场监管局", "市场监管")
    assert pairs["市委网信办"] == ("市委网信办", "网信")
    assert pairs["市政府办公室"] == ("政府办公室", "政府办公室")
    assert pairs["市工信局"] == ("工信局", "工业和信息化")
    assert pairs["市文旅广电局"] == ("文旅广电局", "文化旅游")
    lead_rows = resp["unit"].value_counts()
    assert lead_rows["工信局"] == 28 and lead_rows["审批服务局"] == 19


def test_baotou_preamble_fields(baotou):
    # the issuer is the one its notice's title names (before, none: no line of the preamble holds it alone)
    assert baotou.meta[["title", "issuer"]].values.tolist() == [["包头市2022年数字政府建设考评办法", "包头市人民政府办公室"]]


def test_baotou_every_doubt_is_counted(baotou):
    meta = baotou.meta.iloc[0]
    assert meta["n_unknown_units"] == 27 and meta["n_suspect_units"] == 0
    # one per unknown unit, and one saying the plan is 包头's, not the registry's 东城's
    assert meta["n_warnings"] == len(baotou.warnings) == 28
    assert baotou.warnings[0] == ("the document is from 包头市 and the registry is 东城's: its units are kept as "
                                  "printed, none is taken for a unit of the registry (known = False)")
    assert any(w.endswith("unknown unit 市委网信办 (not in the registry) in tasks 82, 83, 84, 85, 76, 77, 78, 79, 80, 81")
               or "unknown unit 市委网信办" in w for w in baotou.warnings)


# --------------------------------------------------------------------------
# Anhui: ``（责任单位：A、B，C、D，E）`` — one label, groups separated by ，
# --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def anhui_clauses(corpus_path):
    text = corpus_path(ANHUI).read_text(encoding="utf-8")
    spans = find_clauses(patterns.fold(text))
    return [parse_clause(text[s.start + 1 : s.end - 1]) for s in spans]


def _groups(clause):
    groups: dict[int, list] = {}
    for a in clause.assignments:
        groups.setdefault(a.group, []).append(a)
    return [([a.unit_raw for a in g], {a.role for a in g}, {a.mode for a in g}) for g in groups.values()]


def test_anhui_every_clause_is_read_whole(anhui_clauses):
    assert len(anhui_clauses) == 49
    assert all(c.assignments and not c.doubts and c.time_limit is None for c in anhui_clauses)
    rows = [a for c in anhui_clauses for a in c.assignments]
    assert len(rows) == 141
    assert {a.role for a in rows} == {"responsible"}
    assert Counter(a.mode for a in rows) == {"joint": 97, "sole": 44}
    assert Counter(len(_groups(c)) for c in anhui_clauses) == {1: 21, 2: 26, 3: 2}
    assert not [a.unit_raw for a in rows if _suspect(a.unit_raw)]


def test_anhui_groups_separated_by_commas(anhui_clauses):
    three = [c for c in anhui_clauses if len(_groups(c)) == 3]
    assert _groups(three[1]) == [
        (["省经济和信息化厅", "省通信管理局"], {"responsible"}, {"joint"}),
        (["各基础电信企业"], {"responsible"}, {"sole"}),
        (["各市人民政府"], {"responsible"}, {"sole"}),
    ]
    assert _groups(three[0]) == [
        (["省通信管理局"], {"responsible"}, {"sole"}),
        (["省铁塔公司", "各基础电信企业"], {"responsible"}, {"joint"}),
        (["各市人民政府"], {"responsible"}, {"sole"}),
    ]
    first = anhui_clauses[0]
    assert _groups(first) == [(["省经济和信息化厅", "省财政厅"], {"responsible"}, {"joint"})]
    finance = anhui_clauses[41]
    assert _groups(finance) == [
        (["省财政厅", "省经济和信息化厅", "省地方金融监管局", "人行合肥中心支行", "安徽银保监局", "安徽证监局",
          "省投资集团"], {"responsible"}, {"joint"}),
        (["各市人民政府"], {"responsible"}, {"sole"}),
    ]
    members = [a.unit_raw for c in anhui_clauses for a in c.assignments if a.unit_raw.endswith("成员单位")]
    assert members == ["省推进工业互联网创新发展专项工作组成员单位"] * 3


def test_anhui_units_and_functions(anhui_clauses):
    registry = gk.load_registry()
    names = Counter(a.name for c in anhui_clauses for a in c.assignments)
    assert names["省经济和信息化厅"] == 43 and names["各市人民政府"] == 25
    functions = {n: registry.lookup(n).function for n in names}
    assert functions["省经济和信息化厅"] == "工业和信息化"
    assert functions["省人力资源和社会保障厅"] == "人力资源社会保障"
    assert functions["省数据资源局"] == "大数据"
    assert functions["人行合肥中心支行"] is None and functions["各市人民政府"] is None
    assert not any(registry.lookup(n).known for n in names if n.startswith("省"))

@pytest.fixture(scope="module")
def anhui(corpus_path):
    return gk.parse_document(corpus_path(ANHUI), tokens=False)


def test_anhui_parsed_whole_every_task_has_its_groups(anhui):
    tasks, resp = anhui.tasks, anhui.responsibilities
    assert anhui.meta[["task_level", "n_parts", "n_tasks", "n_units", "n_suspect_units"]].values.tolist() == [
        ["paragraph+arabic", 2, 49, 27, 0]]
    work = tasks[tasks["kind"] != "box"]
    assert work["clause"].notna().all() and tasks.loc[tasks["kind"] == "box", "clause"].isna().all()
    assert set(resp["task_id"]) == set(work["task_id"])  # every task names its units, no box does
    assert len(resp) == 141 and set(resp["role"]) == {"responsible"}
    assert resp["mode"].value_counts().to_dict() == {"joint": 97, "sole": 44, "separate": 0}


@pytest.mark.parametrize(("task_id", "groups"), [
    # (unit, mode, collective) in printed order; the groups are the clause's pieces between ，
    ("P1.1", [("经济和信息化厅", "joint", False), ("财政厅", "joint", False)]),
    ("P1.16", [("地方金融监管局", "joint", False), ("人行合肥中心支行", "joint", False), ("安徽银保监局", "joint", False),
               ("安徽证监局", "joint", False), ("各市人民政府", "sole", True)]),
    ("P2.1", [("通信管理局", "sole", False), ("铁塔公司", "joint", False), ("各基础电信企业", "joint", True),
              ("各市人民政府", "sole", True)]),
    ("P2.13", [("经济和信息化厅", "sole", False)]),
    ("P2.24", [("经济和信息化厅", "joint", False), ("发展改革委", "joint", False), ("各市人民政府", "sole", True)]),
    ("P2.S3.1", [("经济和信息化厅", "sole", False), ("各市人民政府", "sole", True)]),
])
def test_anhui_sample_tasks_every_group(anhui, task_id, groups):
    rows = anhui.responsibilities[anhui.responsibilities["task_id"] == task_id]
    assert list(zip(rows["unit"], rows["mode"].astype(str), rows["collective"])) == groups
    assert rows["unit_raw"].str.startswith(("省", "各", "人行", "安徽")).all()  # as printed, prefix kept


def test_anhui_parts_boxes_and_multi_paragraph_tasks(anhui):
    tasks = anhui.tasks.set_index("task_id")
    assert tasks.loc["P2.B1", "kind"] == "box" and tasks.loc["P2.B1", "text"].startswith("专栏1")
    assert tasks.loc["P2.13", "text"].count("\n") == 10  # one task over eleven paragraphs, up to its clause
    assert tasks.loc["P2.1", "subsection_no"] == 1 and tasks.loc["P2.S4.4", "section_no"] == 4



# --------------------------------------------------------------------------
# Every fixture and every corpus document: no corrupted unit name in the output
# --------------------------------------------------------------------------
def _documents(corpus_path):
    fixtures = sorted(p for p in (gk.config.BUNDLED_DOCUMENT.parent.parent.parent / "tests" / "fixtures").iterdir()
                      if p.suffix in (".txt", ".html", ".docx", ".pdf"))
    corpus = sorted(p for p in corpus_path(BAOTOU).parent.iterdir() if p.suffix in (".txt", ".md") and
                    p.name != "README.md")
    return [gk.config.BUNDLED_DOCUMENT, *fixtures, *corpus]


def test_no_output_unit_name_holds_whitespace_or_a_role_word(corpus_path):
    """Parse every document; where one does not parse, read every clause of its text instead."""
    checked, names = 0, []
    for path in _documents(corpus_path):
        try:
            doc = gk.parse_document(path, tokens=False, strict=False)
        except gk.ParseError:
            text = patterns.fold(gk.reading.files.read_path(path).text)
            names += [a.unit_raw for s in find_clauses(text) for a in parse_clause(s.content).assignments]
        else:
            names += doc.responsibilities["unit_raw"].tolist()
            names += doc.responsibilities["unit"].tolist()
            assert int(doc.meta["n_suspect_units"].sum()) == 0, path.name
        checked += 1
    assert checked >= 15 and len(names) > 600
    assert [n for n in names if _suspect(n)] == []


def test_suspect_names_are_warned_and_counted():
    doc = gk.parse_document("一、甲\n1.做好A。（甲局牵头，乙局按职责分工负责）\n2.做好B。（丙 局负责）\n"
                            "3.做好C。（5月底完成，牵头考核单位：丁局）\n", tokens=False)
    resp = doc.responsibilities
    assert resp["unit_raw"].tolist() == ["甲局", "乙局", "丙 局", "丁局"]
    assert resp["unit"].tolist() == ["甲局", "乙局", "丙局", "丁局"]
    assert resp["mode"].tolist() == ["sole", "separate", "sole", "sole"]
    assert doc.tasks["time_limit"].tolist() == [None, None, "5月底完成"] or \
        doc.tasks["time_limit"].isna().tolist() == [True, True, False]
    meta = doc.meta.iloc[0]
    assert (meta["n_suspect_units"], meta["n_unknown_units"]) == (1, 4)
    assert "task 2: suspect unit name '丙 局' (holds whitespace)" in meta["warnings"]
    assert meta["n_warnings"] == len(doc.warnings) == 5
    assert pd.isna(doc.tasks["time_limit"].iloc[0])


def test_a_label_left_in_a_task_text_is_a_warning():
    doc = gk.parse_document("一、甲\n1.做好A，责任单位：甲局。\n2.做好B。（乙局负责）\n", tokens=False, strict=False)
    assert "task 1: '责任单位：' in its text was not read as a clause" in doc.meta.loc[0, "warnings"]


def test_a_clause_read_in_part_is_a_warning_naming_the_task():
    doc = gk.parse_document("一、甲\n1.做好A。（牵头单位：；责任单位：甲局）\n", tokens=False)
    assert doc.responsibilities["unit"].tolist() == ["甲局"]
    assert "line 2: task 1: clause read in part: '牵头单位：' names no unit" in doc.warnings
    assert doc.meta.loc[0, "n_warnings"] == 2  # and 甲局 is unknown
