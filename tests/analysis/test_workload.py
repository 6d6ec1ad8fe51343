"""Workload, concentration and co-responsibility on the bundled plan."""

import pandas as pd
import pytest

import gongkai_analysis as gk


@pytest.fixture(scope="module")
def workload(bundled):
    return gk.workload_table(bundled.responsibilities)


def test_exact_workload(workload):
    assert workload.loc["政府办", ["lead", "total"]].tolist() == [14, 14]
    assert workload.loc["财政局", ["lead", "responsible", "total"]].tolist() == [2, 3, 5]
    assert workload.loc["各街道办事处", "responsible"] == 19
    assert workload.loc["编办", "total"] == 4
    assert workload.index[0] == "各街道办事处"
    assert len(workload) == 39


def test_fractional_share(workload, bundled):
    # task 9: 财政局 leads alone (1); 区政府相关部门 and 各街道办事处 share responsibility (1/2 each)
    assert workload.loc["财政局", "share"] == 5.0
    assert workload["share"].sum() == pytest.approx(101.0)
    assert workload.loc["住建委", ["separate", "joint", "sole"]].tolist() == [3, 1, 0]


def test_expand_collective(bundled, workload):
    expanded = gk.workload_table(bundled.responsibilities, expand_collective=True)
    assert "区政府各部门" not in expanded.index and "区政府相关部门" not in expanded.index
    assert expanded.loc["各街道办事处", "responsible"] == 19
    # 财政局: its own 5 tasks plus the collective tasks it is not already named on
    collective_tasks = set(bundled.responsibilities.query("unit in ['区政府各部门', '区政府相关部门']")["task_id"])
    own = set(bundled.responsibilities.query("unit == '财政局'")["task_id"])
    assert expanded.loc["财政局", "total"] == len(own | collective_tasks)
    assert expanded["share"].sum() == pytest.approx(workload["share"].sum())
    rows = gk.expand_collective(bundled.responsibilities)
    assert not rows.duplicated(["task_id", "unit"]).any()
    assert rows.query("task_id == '9' and unit == '财政局'")["role"].astype(str).tolist() == ["lead"]


def test_expand_streets(bundled):
    streets = ["东华门街道", "景山街道"]
    expanded = gk.workload_table(bundled.responsibilities, expand_collective=True, streets=streets)
    assert "各街道办事处" not in expanded.index
    assert expanded.loc["东华门街道", "total"] == 19


def test_concentration(workload):
    c = gk.concentration(workload)
    assert c["units"] == 39
    assert c["top5_share"] == pytest.approx((19 + 15 + 14 + 5 + 5) / 132)
    assert 0 < c["gini"] < 1 and 1 / 39 < c["hhi"] < 1


def test_by_section_and_network(bundled):
    by_section = gk.workload_by_section(bundled.tasks, bundled.responsibilities)
    assert by_section.loc["政府办"].tolist() == [0, 0, 0, 0, 0, 0, 3, 11]
    matrix = gk.co_responsibility(bundled.responsibilities)
    assert (matrix.values == matrix.values.T).all()
    assert matrix.loc["政府办", "政府办"] == 14
    assert matrix.loc["区政府各部门", "各街道办事处"] == 15
    edges = gk.co_responsibility_edges(bundled.responsibilities)
    assert edges.iloc[0].tolist() == ["区政府各部门", "各街道办事处", 15]


def test_functions_do_not_mutate_input(bundled):
    before = bundled.responsibilities.copy()
    gk.workload_table(bundled.responsibilities, expand_collective=True)
    gk.co_responsibility(bundled.responsibilities)
    pd.testing.assert_frame_equal(bundled.responsibilities, before)
