"""Dimensions, item-54 completeness, the tracker and scoring at the 4% weight."""

import warnings

import pandas as pd
import pytest

import gongkai_analysis as gk
from gongkai_analysis.vocab import DIMENSIONS


def test_dimensions(bundled):
    dims = gk.classify_dimensions(bundled.tasks).droplevel("doc_id")
    assert dims.loc["64", "dimensions"] == list(DIMENSIONS)
    assert "回应关切" in dims.loc["60", "dimensions"]
    assert "政策解读" in dims.loc["59", "dimensions"]
    assert "公众参与" in dims.loc["51", "dimensions"]
    assert dims[list(DIMENSIONS)].sum().to_dict() == {"信息公开": 60, "政策解读": 14, "回应关切": 10, "公众参与": 9, "机制建设": 16}
    assert "管理" in dims.loc["23", "stages"]
    long = gk.dimension_long(dims)
    assert long["dimension"].dtype.ordered


def test_dimensions_need_tokens(bundled):
    with pytest.raises(gk.ColumnError, match="tokens"):
        gk.classify_dimensions(bundled.tasks.drop(columns="tokens"))


def test_completeness(bundled):
    table = gk.completeness_table(bundled.tasks, bundled.responsibilities)
    assert table.index.names == ["doc_id", "task_id"]
    assert table["who"].all()
    assert table["complete"].sum() == 10
    assert table["score"].value_counts().to_dict() == {3: 36, 2: 18, 4: 10, 1: 1}
    assert table.loc[(bundled.doc_id, "34"), "missing"] == ["时限", "方式"]
    by_section = gk.completeness_by_section(table, bundled.tasks)
    assert by_section["tasks"].sum() == 65 and len(by_section) == 8
    by_unit = gk.completeness_by_unit(table, bundled.responsibilities)
    assert by_unit.loc["政府办", "tasks"] == 14


def test_scores_on_the_simulated_tracker(bundled, tmp_path):
    sim = gk.simulate_tracker(bundled, seed=0)
    assert (sim["source"] == "模拟").all()
    back = gk.read_tracker(gk.write_tracker(sim, tmp_path / "sim.xlsx"), doc=bundled)
    scores = gk.score_departments(back)
    assert scores["simulated"].all()
    assert scores["grade"].dtype.ordered
    assert (scores["points"] == (scores["score"] / 100 * 0.04 * 100).round(4)).all()
    assert scores["rank"].iloc[0] == 1 and scores["score"].is_monotonic_decreasing
    assert scores["obligations"].sum() == (sim["status"] != "不适用").sum()
    assert scores.loc[scores["score"] >= 90, "grade"].astype(str).eq("优秀").all()
    again = gk.score_departments(gk.simulate_tracker(bundled, seed=0))
    pd.testing.assert_series_equal(again["score"], scores["score"])


def test_grades_and_points():
    tracker = pd.DataFrame({"unit": ["甲", "乙", "丙", "丁"], "status": ["按时完成", "逾期完成", "部分完成", "未完成"]})
    scores = gk.score_departments(tracker, weight=0.05, total_points=200)
    assert scores["grade"].astype(str).tolist() == ["优秀", "良好", "不合格", "不合格"]
    assert scores.loc["甲", "points"] == 10.0
    tracker = pd.DataFrame({"unit": ["甲"], "status": [None]})
    assert gk.score_departments(tracker).loc["甲", ["score", "unreported"]].tolist() == [0.0, 1]


def test_weight_below_floor_warns_and_flags():
    tracker = pd.DataFrame({"unit": ["甲"], "status": ["按时完成"]})
    with pytest.warns(gk.AppraisalWeightWarning, match="item 64"):
        scores = gk.score_departments(tracker, weight=0.03)
    assert scores["below_floor"].all()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not gk.score_departments(tracker, weight=0.04)["below_floor"].any()


def test_weight_sensitivity(bundled):
    sim = gk.simulate_tracker(bundled, seed=0)
    units = gk.score_departments(sim).index
    other = gk.simulate_other_appraisal(units, seed=0)
    table = gk.weight_sensitivity(sim, other=other)
    assert sorted(table["weight"].unique()) == [0.04, 0.05, 0.06, 0.08, 0.1]
    assert (table[table["weight"] == 0.04]["rank_change"] == 0).all()
    plain = gk.weight_sensitivity(sim)
    assert (plain["rank_change"] == 0).all()
    ratio = plain.pivot(index="unit", columns="weight", values="points")
    assert (ratio[0.08] - 2 * ratio[0.04]).abs().max() < 1e-3
