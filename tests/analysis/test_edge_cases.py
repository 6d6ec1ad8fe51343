"""Analyses on tables that are not the bundled plan's: rows in another order, tasks outside sections, mixed modes."""

import pandas as pd
import pytest

import gongkai_analysis as gk
from gongkai_analysis.vocab import NO_SECTION

TASKS = pd.DataFrame({"doc_id": "d", "task_id": ["1", "2", "3"], "section_no": pd.array([1, 1, None], dtype="Int64"),
                      "section_title": ["公开", "公开", None],
                      "text": ["每季度在政府网站公开财政收支信息。", "做好政策解读。", "按月公开预算执行情况。"]})
RESP = pd.DataFrame({"doc_id": "d", "task_id": ["1", "1", "1", "3"], "unit": ["甲局", "乙局", "丙局", "甲局"],
                     "role": ["responsible", "responsible", "responsible", "lead"],
                     "mode": ["sole", "joint", "joint", "sole"]})


def test_completeness_matches_a_given_cadence_table_by_task_not_by_row():
    cadence = gk.cadence_table(TASKS)
    in_order = gk.completeness_table(TASKS, RESP, cadence=cadence)
    reversed_rows = gk.completeness_table(TASKS, RESP, cadence=cadence.iloc[::-1])
    pd.testing.assert_frame_equal(in_order, reversed_rows)
    with pytest.raises(gk.ColumnError, match="no row for task"):
        gk.completeness_table(TASKS, RESP, cadence=cadence.iloc[:2])


def test_tasks_outside_any_section_are_counted_not_dropped():
    table = gk.completeness_by_section(gk.completeness_table(TASKS, RESP), TASKS)
    assert table.index.tolist() == ["1 公开", NO_SECTION]
    assert table["tasks"].sum() == 3
    by_section = gk.workload_by_section(TASKS, RESP)
    assert by_section.loc["甲局"].sum() == 2 and by_section.loc["甲局", NO_SECTION] == 1


def test_a_joint_share_is_split_among_the_joint_units_only():
    weights = gk.analysis.workload.obligation_weights(RESP).tolist()
    assert weights == [1.0, 0.5, 0.5, 1.0]


def test_dimension_long_refuses_an_unknown_scheme():
    classified = pd.DataFrame({"doc_id": ["d"], "task_id": ["1"], "dimensions": [["信息公开"]], "stages": [[]]})
    with pytest.raises(gk.ColumnError, match="unknown scheme 'stages'"):
        gk.dimension_long(classified, scheme="stages")
    with pytest.raises(gk.ColumnError, match="missing column"):
        gk.completeness_by_unit(gk.completeness_table(TASKS, RESP), RESP.drop(columns="unit"))
