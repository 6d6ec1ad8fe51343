"""Comparing documents: alignment, diffs, responsibility shifts, and the two versions of the regulation."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import gongkai_analysis as gk
from gongkai_analysis.analysis.align import (
    ALIGN_LABELS,
    CompareError,
    align_corpus,
    align_tasks,
    containment,
    diff_tasks,
    normalise_texts,
)
from gongkai_analysis.analysis.shift import responsibility_shift, unit_shift

from conftest import CORPUS
REGULATION = "regulation-on-open-government-information-{}.md"
needs_corpus = pytest.mark.skipif(not (CORPUS / REGULATION.format(2007)).exists(),
                                  reason="../shared/corpus/ (the real documents) is not next to this clone")

# Two small hand-made plans: task 1 changes its lead, task 2 is split into B's 2 and 3,
# task 3's named unit is replaced by a collective, A's task 4 is dropped and B's task 5 added.
PLAN_A = """一、公开
1.做好财政预算决算公开工作，公开部门预算和部门决算。（财政局牵头，区政府各部门负责落实）
2.公开重大建设项目批准和实施信息，公开公共资源配置信息。（发改委负责落实）
3.推进行政许可事项和行政处罚结果公开。（编办负责落实）
4.按时发布统计数据和统计公报。（统计局负责落实）
"""
PLAN_B = """一、公开
1.做好财政预算决算公开工作，公开部门预算和部门决算。（审计局牵头，区政府各部门负责落实）
2.公开重大建设项目批准和实施信息。（发改委负责落实）
3.公开公共资源配置信息。（发改委、住房城乡建设委负责落实）
4.推进行政许可事项和行政处罚结果公开。（区政府各部门负责落实）
5.建立健全政务舆情回应机制。（网信办负责落实）
"""


@pytest.fixture(scope="module")
def plans():
    return gk.parse_document(PLAN_A, tokens=False), gk.parse_document(PLAN_B, tokens=False)


@pytest.fixture(scope="module")
def regulation():
    if not (CORPUS / REGULATION.format(2007)).exists():
        pytest.skip("../shared/corpus/ (the real documents) is not next to this clone")
    frames = [gk.parse_document(CORPUS / REGULATION.format(y), doc_id=str(y), tokens=False).tasks
              for y in (2007, 2019)]
    return frames[0], frames[1], align_tasks(*frames)


def ids(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(None if pd.isna(v) else v for v in row)
            for row in frame[["task_id_a", "task_id_b", "label"]].itertuples(index=False)]


# --------------------------------------------------------------------------- texts

def test_boilerplate_is_removed_and_its_slot_kept():
    assert normalise_texts(["进一步做好政务公开工作", "切实加大督查力度。", "（一）公开"]).tolist() == ["政务公开", "督查", "一公开"]
    assert normalise_texts(["进一步做好政务公开工作"], boilerplate=[]).tolist() == ["进一步做好政务公开工作"]


def test_containment_is_directional():
    ca, cb = containment(["甲乙丙丁戊"], ["甲乙丙"], n=2, boilerplate=[])
    assert ca[0, 0] == pytest.approx(2 / 4)   # two of A's four bigrams are in B
    assert cb[0, 0] == pytest.approx(1.0)     # all of B's in A


# --------------------------------------------------------------------------- small plans

def test_one_to_one_on_hand_made_plans(plans):
    a, b = plans
    pairs = align_tasks(a.tasks, b.tasks)
    assert ids(pairs) == [("1", "1", "copied"), ("2", "2", "copied"), (None, "3", "added"),
                          ("3", "4", "copied"), ("4", None, "dropped"), (None, "5", "added")]
    assert pairs["label"].dtype == ALIGN_LABELS
    split = pairs.iloc[1]
    # B's task 2 lies wholly in A's task 2; 13 of A's 23 trigrams lie in B's task 2
    assert (split["containment_a"], split["containment_b"], split["similarity"]) == (0.5652, 1.0, 0.7826)


def test_one_to_many_finds_the_split_task(plans):
    a, b = plans
    pairs = align_tasks(a.tasks, b.tasks, mode="one_to_many")
    assert ids(pairs) == [("1", "1", "copied"), ("2", "2", "copied"), ("2", "3", "copied"),
                          ("3", "4", "copied"), ("4", None, "dropped"), (None, "5", "added")]
    assert pairs["parts"].tolist() == [1, 2, 2, 1, 0, 0]
    assert pairs["similarity"].tolist() == [1.0, 1.0, 1.0, 1.0, 0.0, 0.0]


def test_responsibility_shift_on_hand_made_plans(plans):
    a, b = plans
    pairs = align_tasks(a.tasks, b.tasks, mode="one_to_many")
    shift = responsibility_shift(pairs, a.responsibilities, b.responsibilities)
    lead = shift.iloc[0]
    assert (lead["lead_a"], lead["lead_b"], lead["lead_changed"]) == (["财政局"], ["审计局"], True)
    assert (lead["units_added"], lead["units_dropped"]) == (["审计局"], ["财政局"])
    assert shift["lead_changed"].tolist() == [True, False, False, False, False, False]
    # task 3: 编办 replaced by 区政府各部门
    assert shift["to_collective"].tolist() == [False, False, False, True, False, False]
    assert shift.iloc[3][["units_dropped", "units_added"]].tolist() == [["编办"], ["区政府各部门"]]
    assert not shift["from_collective"].any()
    assert shift.iloc[2]["units_added"] == ["住建委"]
    assert shift.iloc[4]["units_dropped"] == ["统计局"] and shift.iloc[5]["units_added"] == ["网信办"]


def test_unit_shift_on_hand_made_plans(plans):
    a, b = plans
    pairs = align_tasks(a.tasks, b.tasks, mode="one_to_many")
    units = unit_shift(pairs, a.responsibilities, b.responsibilities)
    cols = ["tasks_a", "tasks_b", "kept", "gained", "lost", "net", "lead_gained", "lead_lost"]
    assert units.loc["区政府各部门", cols].tolist() == [1, 2, 1, 1, 0, 1, 0, 0]
    assert units.loc["发改委", cols].tolist() == [2, 2, 2, 0, 0, 0, 0, 0]   # counted per part of the split task
    assert units.loc["财政局", cols].tolist() == [1, 0, 0, 0, 1, -1, 0, 1]
    assert units.loc["审计局", cols].tolist() == [0, 1, 0, 1, 0, 1, 1, 0]
    assert units.loc["编办", "lost"] == 1 and units.loc["统计局", "lost"] == 1
    assert units.loc["区政府各部门", "collective"]
    assert units["net"].is_monotonic_decreasing


def test_inputs_are_not_changed(plans):
    a, b = plans
    before_a, before_b = a.tasks.copy(), b.responsibilities.copy()
    pairs = align_tasks(a.tasks, b.tasks)
    responsibility_shift(pairs, a.responsibilities, b.responsibilities)
    diff_tasks(pairs)
    pd.testing.assert_frame_equal(a.tasks, before_a)
    pd.testing.assert_frame_equal(b.responsibilities, before_b)


def test_diff_of_a_pair():
    pairs = pd.DataFrame({"doc_id_a": ["a"], "task_id_a": ["1"], "doc_id_b": ["b"], "task_id_b": ["1"],
                          "text_a": ["公开预算。"], "text_b": ["主动公开预算和决算"]})
    diff = diff_tasks(pairs)
    assert diff[["op", "old", "new"]].values.tolist() == [["insert", "", "主动"], ["replace", "。", "和决算"]]
    assert diff[["start_a", "end_a", "start_b", "end_b"]].values.tolist() == [[0, 0, 0, 2], [4, 5, 6, 9]]


def test_errors_name_the_column_and_value(plans):
    a, _ = plans
    with pytest.raises(CompareError, match="missing column 'text'"):
        align_tasks(a.tasks.drop(columns="text"), a.tasks)
    with pytest.raises(CompareError, match="task_id '1' appears twice"):
        align_tasks(pd.concat([a.tasks, a.tasks.head(1)]), a.tasks)
    with pytest.raises(CompareError, match="mode must be"):
        align_tasks(a.tasks, a.tasks, mode="greedy")
    with pytest.raises(ValueError, match="missing column 'role'"):
        responsibility_shift(align_tasks(a.tasks, a.tasks), a.responsibilities.drop(columns="role"),
                             a.responsibilities)


def test_empty_documents_align_to_nothing(plans):
    a, _ = plans
    empty = a.tasks.iloc[0:0]
    pairs = align_tasks(empty, a.tasks)
    assert pairs["label"].tolist() == ["added"] * len(a.tasks)
    assert align_tasks(a.tasks, empty)["label"].tolist() == ["dropped"] * len(a.tasks)


def test_align_corpus_with_and_without_blocking_agree(bundled):
    tasks = bundled.tasks[["doc_id", "task_id", "text"]]
    copy = tasks.assign(doc_id="copy", text=tasks["text"].str.replace("。", "；", regex=False))
    corpus = pd.concat([tasks, copy], ignore_index=True)
    exact = align_corpus(corpus, blocking=None)
    blocked = align_corpus(corpus, blocking="lsh")
    assert len(exact) >= 65
    assert (exact["task_id_a"] == exact["task_id_b"]).sum() == 65
    pd.testing.assert_frame_equal(exact, blocked)


# --------------------------------------------------------------------------- the regulation

@needs_corpus
def test_articles_of_both_versions(regulation):
    a, b, _ = regulation
    assert (len(a), len(b)) == (38, 56)
    assert set(a["kind"]) == set(b["kind"]) == {"article"}
    assert a["task_id"].tolist() == [str(i) for i in range(1, 39)]
    assert a.loc[a["task_id"] == "24", "section_title"].item() == "公开的方式和程序"
    assert b["section_no"].max() == 6


@needs_corpus
def test_reply_time_article_is_aligned_and_its_diff_shows_15_to_20(regulation):
    _, _, pairs = regulation
    row = pairs[pairs["task_id_a"] == "24"]
    assert row["task_id_b"].tolist() == ["33"]
    assert row["label"].tolist() == ["copied"]
    assert row["similarity"].item() == 0.7664
    diff = diff_tasks(row)
    assert diff[["old", "new"]].values.tolist()[0] == ["15", "20"]
    assert (diff["old"] == "15").sum() == 2 and (diff["new"] == "20").sum() == 2


@needs_corpus
def test_new_articles_of_2019_have_no_2007_counterpart(regulation):
    _, _, pairs = regulation
    added = pairs[pairs["label"] == "added"]
    assert {"8", "18"} <= set(added["task_id_b"])
    assert added["task_id_a"].isna().all()
    assert pairs["label"].value_counts().to_dict() == {"paraphrased": 22, "added": 18, "copied": 13,
                                                       "rewritten": 3, "dropped": 0}
    assert pairs["task_id_a"].dropna().nunique() == 38   # every 2007 article has a successor
