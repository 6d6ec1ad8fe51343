"""Property tests: whatever the input, tables or a ParseError, and nothing lost."""

from __future__ import annotations

import re

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import gongkai_analysis as gk
from gongkai_analysis.patterns import int_to_cn
from gongkai_analysis.output.text import render_text

import pytest

pytestmark = pytest.mark.slow

BUNDLED = gk.config.BUNDLED_DOCUMENT.read_text(encoding="utf-8")
LINES = BUNDLED.split("\n")
SETTINGS = settings(max_examples=int(__import__("os").environ.get("GONGKAI_HYPOTHESIS_EXAMPLES", "60")), deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def parse_or_error(text, **kw):
    """Parse; return the Document, or None for a ParseError that is not an internal failure."""
    try:
        return gk.parse_document(text, tokens=False, **kw)
    except gk.ParseError as exc:
        assert "internal check failed" not in str(exc), exc
        return None


def assert_nothing_lost(doc, source: str):
    """Each task row's characters come from the source; no character is used twice."""
    available = pd.Series(list(re.sub(r"\s", "", gk.patterns.fold(source)))).value_counts()
    used = "".join(f"{t}{c or ''}" for t, c in zip(doc.tasks["text"], doc.tasks["clause"].fillna("")))
    used_counts = pd.Series(list(re.sub(r"\s", "", gk.patterns.fold(used))), dtype=object).value_counts()
    assert (used_counts <= available.reindex(used_counts.index, fill_value=0)).all()
    assert doc.tasks["task_id"].is_unique


@SETTINGS
@given(st.text(max_size=400))
def test_random_text(text):
    doc = parse_or_error(text, strict=False)
    if doc is not None:
        assert_nothing_lost(doc, text)


FULL = str.maketrans("(),:;", "（），：；")
HALF = str.maketrans("（），：；", "(),:;")


@st.composite
def mutated(draw):
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["drop", "duplicate", "swap", "unbalance", "cut_clause", "renumber",
                                   "width", "invisible", "truncate"]))
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        if op == "drop" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "unbalance" and ("(" in line or ")" in line):
            lines[i] = line.replace(draw(st.sampled_from(["(", ")"])), "", 1)
        elif op == "cut_clause" and "(" in line:
            lines[i] = line[: line.rindex("(") + draw(st.integers(1, 6))]
        elif op == "renumber" and (m := re.match(r"(\d+)\.", line)):
            lines[i] = f"{int(m[1]) + draw(st.sampled_from([-1, 1, 2]))}." + line[m.end():]
        elif op == "width":
            lines[i] = line.translate(draw(st.sampled_from([FULL, HALF])))
        elif op == "invisible" and line:
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + draw(st.sampled_from(["\u200b", "\u00a0", "\ufeff", "\u3000"])) + line[k:]
        elif op == "truncate":
            text = "\n".join(lines)
            cut = draw(st.integers(0, len(text)))
            lines = text[:cut].split("\n")
    return "\n".join(lines)


@SETTINGS
@given(mutated(), st.booleans())
def test_mutated_bundled_document(text, strict):
    doc = parse_or_error(text, strict=strict)
    if doc is not None:
        assert_nothing_lost(doc, text)
        assert set(doc.responsibilities["task_id"]) <= set(doc.tasks["task_id"])
        assert doc.meta.loc[0, "n_unassigned"] == doc.tasks["clause"].isna().sum()


@SETTINGS
@given(mutated())
def test_render_round_trip(text):
    doc = parse_or_error(text, strict=False)
    assume(doc is not None)
    again = gk.parse_document(render_text(doc), tokens=False, strict=False)
    cols = ["task_id", "text", "clause"]
    assert again.tasks[cols].fillna("").values.tolist() == doc.tasks[cols].fillna("").values.tolist()
    rcols = ["task_id", "unit", "role", "mode", "alias", "open_ended"]
    assert again.responsibilities[rcols].astype(str).values.tolist() == doc.responsibilities[rcols].astype(str).values.tolist()


def test_truncated_document_reports_the_cut_task():
    for cut_at in ("(人力社保局牵头", "人力社保局牵头,区政府", "65.将政务公开列入公务员初任培训"):
        cut = BUNDLED[: BUNDLED.index(cut_at) + len(cut_at)]
        doc = gk.parse_document(cut, tokens=False)
        assert len(doc.tasks) == 65
        assert doc.tasks["task_id"].iloc[-1] == "65"
        last = doc.tasks.iloc[-1]
        if pd.isna(last["clause"]):
            assert doc.meta.loc[0, "n_unassigned"] == 1
        else:  # a clause cut after its units but before its closing bracket still assigns
            assert not doc.responsibilities.query("task_id == '65'").empty


UNITS = ["财政局", "审计局", "发改委", "政府办", "区政府各部门", "各街道办事处", "档案馆", "科委〔知识产权局〕"]
VERBS = ["负责落实", "负责", "牵头负责落实", "分别负责落实"]
PHRASES = ["公开财政预算", "按月公开收支情况", "做好政策解读", "及时回应关切", "推进清单管理", "公开审计结果"]


WHENS = ["2020年底前", "6月底前完成", "持续推进"]
#: The clause forms of the genre the generated plans use.
FORMS = ["bracket", "bracket, when", "square label", "label after the sentence", "bare units"]


@st.composite
def plans(draw):
    """A plan built from parts, with the tables it must parse into."""
    lines, expected = ["某区2020年政务公开工作要点"], []
    number = 0
    for s in range(1, draw(st.integers(1, 4)) + 1):
        lines.append(f"{int_to_cn(s)}{draw(st.sampled_from(['、', '．', '.']))}第{s}部分")
        for _ in range(draw(st.integers(1, 4))):
            number += 1
            text = draw(st.sampled_from(PHRASES)) + "。"
            units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True))
            verb = draw(st.sampled_from(VERBS))
            open_paren, close_paren = draw(st.sampled_from([("(", ")"), ("（", "）")]))
            form, when = draw(st.sampled_from(FORMS)), None
            if form == "bracket":
                clause = f"{open_paren}{'、'.join(units)}{verb}{close_paren}"
            elif form == "bracket, when":
                when = draw(st.sampled_from(WHENS))
                clause = f"{open_paren}{'、'.join(units)}{verb}，{when}{close_paren}"
            elif form == "bare units":  # no verb: the units read as responsible
                clause = f"{open_paren}{'、'.join(units)}{close_paren}"
            elif form == "square label":
                clause = f"【责任单位：{'、'.join(units)}】"
            else:
                clause = f"责任单位：{'、'.join(units)}。"
            lines.append(f"{number}.{text}{clause}")
            expected.append((str(number), s, text, clause, [u.split("〔")[0] for u in units], when))
    return "\n".join(lines) + "\n", expected


@SETTINGS
@given(plans())
def test_generated_plans_parse_back(plan):
    text, expected = plan
    doc = gk.parse_document(text, tokens=False)
    got = list(zip(doc.tasks["task_id"], doc.tasks["section_no"], doc.tasks["text"], doc.tasks["clause"]))
    assert got == [e[:4] for e in expected]
    assert [None if pd.isna(v) else v for v in doc.tasks["time_limit"]] == [e[5] for e in expected]
    for task_id, *_, units, _ in expected:
        rows = doc.responsibilities[doc.responsibilities["task_id"] == task_id]
        assert rows["unit_raw"].str.split("〔").str[0].tolist() == units
