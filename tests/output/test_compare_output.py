"""Charts and the KWIC workbook of the comparison and corpus analyses."""

from __future__ import annotations

import pandas as pd
from openpyxl import load_workbook

import gongkai_analysis as gk
from gongkai_analysis.output.compare_charts import (
    alignment_chart,
    keyness_bar,
    network_chart,
    network_plotly,
    networks_side_by_side,
)
from gongkai_analysis.output.compare_workbook import write_kwic

PAIRS = pd.DataFrame({"task_id_a": ["1", "2", "10", None], "task_id_b": ["2", "1", None, "3"],
                      "label": ["copied", "paraphrased", "dropped", "added"]})
RESP = pd.DataFrame({"doc_id": "d", "task_id": ["1", "1", "2", "2"], "unit": ["政府办", "财政局", "财政局", "统计局"],
                     "role": ["lead", "responsible", "responsible", "responsible"]})


def test_alignment_chart_orders_each_side_by_its_own_numbers():
    fig = alignment_chart(PAIRS, names=("2017", "2018"))
    ax = fig.axes[0]
    left = [t.get_text() for t in ax.texts if t.get_position()[0] < 0]
    assert left == ["1", "2", "10"]                          # natural order, not 1, 10, 2
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["沿用（copied）1", "改写（paraphrased）1", "重写（rewritten）0", "新增（added）1", "删除（dropped）1"]


def test_keyness_bar_shows_both_sides():
    table = pd.DataFrame({"word": ["考核", "公开", "网站"], "chi2": [3.0, -0.7, -1.2]})
    ax = keyness_bar(table, top=2).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["网站", "公开", "考核"]


def test_network_charts(tmp_path):
    graph = gk.unit_network(RESP)
    fig = network_chart(graph, title="东城")
    assert fig.axes[0].get_title() == "东城"
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["政府办", "统计局", "财政局"]
    assert len(networks_side_by_side({"a": graph, "b": graph}).axes) == 2
    plotly = network_plotly(graph)
    assert sorted(plotly.data[-1].text) == ["政府办", "统计局", "财政局"]


def test_kwic_workbook(tmp_path, bundled):
    frame = gk.kwic(bundled.tasks, "公开", window=6, responsibilities=bundled.responsibilities)
    ws = load_workbook(write_kwic(frame, tmp_path / "kwic.xlsx")).active
    assert [c.value for c in ws[1]] == ["文件", "任务编号", "位置", "上文", "关键词", "下文", "责任单位"]
    assert ws.max_row == len(frame) + 1 and ws.freeze_panes == "A2"
    assert ws.page_setup.orientation == "landscape"
