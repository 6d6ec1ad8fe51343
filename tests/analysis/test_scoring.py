"""Scores that cannot be gamed or crash: units with nothing to score stay, bad point tables are refused."""

import math

import pandas as pd
import pytest

import gongkai_analysis as gk


def test_unit_with_every_obligation_not_applicable_stays(bundled):
    sim = gk.simulate_tracker(bundled, seed=0)
    sim.loc[sim["unit"] == "财政局", "status"] = "不适用"
    scores = gk.score_departments(sim)
    assert len(scores) == sim["unit"].nunique() == 39
    row = scores.loc["财政局"]
    assert row["obligations"] == 0 and math.isnan(row["score"]) and pd.isna(row["grade"]) and pd.isna(row["rank"])
    assert row["reason"] == "全部事项为不适用，不计分"
    assert scores.index[-1] == "财政局"  # the unscored last
    assert scores["reason"].notna().sum() == 1


@pytest.mark.parametrize("points", [
    {"按时完成": float("nan"), "逾期完成": 80, "部分完成": 50, "未完成": 0, "不适用": None},
    {},
    {"按时完成": 100, "逾期完成": 80, "部分完成": 50, "未完成": -1, "不适用": None},
    {"按时完成": "100", "逾期完成": 80, "部分完成": 50, "未完成": 0, "不适用": None},
])
def test_bad_status_points_are_refused(points):
    tracker = pd.DataFrame({"unit": ["甲"], "status": ["按时完成"]})
    with pytest.raises(gk.ColumnError, match="status_points"):
        gk.score_departments(tracker, status_points=points)


@pytest.mark.parametrize("total", [float("nan"), 0, -100, float("inf")])
def test_bad_total_points_are_refused(total):
    tracker = pd.DataFrame({"unit": ["甲"], "status": ["按时完成"]})
    with pytest.raises(gk.ColumnError, match="total_points must be a positive number"):
        gk.score_departments(tracker, total_points=total)


def test_weight_sensitivity_on_nothing_to_score():
    tracker = pd.DataFrame({"unit": ["甲", "乙"], "status": ["不适用", "不适用"]})
    with pytest.raises(gk.TrackerError, match="every obligation of the tracker is 不适用"):
        gk.weight_sensitivity(tracker)
    with pytest.raises(gk.ColumnError, match="no weights given"):
        gk.weight_sensitivity(pd.DataFrame({"unit": ["甲"], "status": ["按时完成"]}), weights=[])


def test_weight_sensitivity_leaves_out_units_without_a_score(bundled):
    sim = gk.simulate_tracker(bundled, seed=0)
    sim.loc[sim["unit"] == "财政局", "status"] = "不适用"
    table = gk.weight_sensitivity(sim, weights=(0.04, 0.08))
    assert "财政局" not in set(table["unit"]) and len(table) == 2 * 38
