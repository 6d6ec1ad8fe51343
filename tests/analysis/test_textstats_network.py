"""KWIC, keyness, co-occurrence and unit networks on tiny frames with hand-computed values."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest
from scipy import stats

from gongkai_analysis.analysis.align import CompareError
from gongkai_analysis.analysis.network import network_edges, network_table, unit_centrality, unit_network
from gongkai_analysis.analysis.textstats import cooccurrence, keyness, kwic


@pytest.fixture
def tasks():
    return pd.DataFrame({
        "doc_id": ["x", "x", "y", "y"],
        "task_id": ["1", "2", "1", "2"],
        "text": ["主动公开预算，加强考核", "公开决算", "考核考核", "推进网站建设"],
        "tokens": [["主动", "公开", "预算", "加强", "考核"], ["公开", "决算"], ["考核", "考核"], ["推进", "网站", "建设"]],
    })


@pytest.fixture
def responsibilities():
    # task x/1: 甲 leads 乙 and 丙; x/2: 乙 and 丙 as peers; y/1: 丙 and 丁 as peers
    return pd.DataFrame({
        "doc_id": ["x", "x", "x", "x", "x", "y", "y"],
        "task_id": ["1", "1", "1", "2", "2", "1", "1"],
        "unit": ["甲", "乙", "丙", "乙", "丙", "丙", "丁"],
        "role": ["lead", "responsible", "responsible", "responsible", "support", "responsible", "responsible"],
        "collective": [False, False, False, False, False, False, True],
    })


def test_kwic_by_character_with_units(tasks, responsibilities):
    out = kwic(tasks, "公开|考核", window=2, responsibilities=responsibilities)
    assert out[["doc_id", "task_id", "position", "left", "keyword", "right"]].values.tolist() == [
        ["x", "1", 2, "主动", "公开", "预算"], ["x", "1", 9, "加强", "考核", ""],
        ["x", "2", 0, "", "公开", "决算"], ["y", "1", 0, "", "考核", "考核"], ["y", "1", 2, "考核", "考核", ""]]
    assert out["units"].tolist()[:3] == ["甲、乙、丙", "甲、乙、丙", "乙、丙"]


def test_kwic_by_word_and_literal(tasks):
    out = kwic(tasks, "公开", by="word", window=1)
    assert out[["task_id", "position", "left", "right"]].values.tolist() == [["1", 1, "主动", "预算"], ["2", 0, "", "决算"]]
    assert kwic(tasks, "开", by="word").empty                # whole tokens only
    assert len(kwic(tasks, "(", regex=False)) == 0
    with pytest.raises(CompareError, match="not a regular expression"):
        kwic(tasks, "(")
    with pytest.raises(CompareError, match="missing column 'tokens'"):
        kwic(tasks.drop(columns="tokens"), "公开", by="word")


def test_keyness_hand_computed(tasks):
    # target x: 主动 公开 预算 考核 公开 决算 (加强 is a stop word) = 6 tokens; reference y: 考核 考核 网站 建设 = 4
    out = keyness(tasks, "x").set_index("word")
    assert out.loc["公开", ["count_target", "count_reference"]].tolist() == [2, 0]
    # 公开: O = [[2, 0], [4, 4]], row totals 2 and 8, columns 6 and 4, N = 10
    e = [6 * 2 / 10, 4 * 2 / 10, 6 * 8 / 10, 4 * 8 / 10]
    o = [2, 0, 4, 4]
    chi2 = sum((oi - ei) ** 2 / ei for oi, ei in zip(o, e))
    g2 = 2 * sum(oi * math.log(oi / ei) for oi, ei in zip(o, e) if oi)
    assert out.loc["公开", "chi2"] == pytest.approx(chi2) and chi2 == pytest.approx(1.6667, abs=1e-4)
    assert out.loc["公开", "g2"] == pytest.approx(g2)
    assert out.loc["公开", "log_ratio"] == pytest.approx(math.log2((2 / 6) / (0.5 / 4)))
    assert out.loc["公开", "p_value"] == pytest.approx(stats.chi2.sf(chi2, 1))
    assert out.loc["考核", "chi2"] < 0                        # rarer in x than in y
    assert "推进" not in out.index and "加强" not in out.index  # the genre's stop list
    assert out.loc["公开", "per_10k_target"] == pytest.approx(3333.33)
    by_mask = keyness(tasks, tasks["doc_id"] == "x", measure="log_ratio")
    assert by_mask["word"].iloc[0] == "公开" or by_mask["log_ratio"].iloc[0] == by_mask["log_ratio"].max()
    assert by_mask["log_ratio"].is_monotonic_decreasing


def test_keyness_errors(tasks):
    with pytest.raises(CompareError, match="measure must be one of"):
        keyness(tasks, "x", measure="tfidf")
    with pytest.raises(CompareError, match="no doc_id 'z'"):
        keyness(tasks, "z")
    with pytest.raises(CompareError, match="share tasks"):
        keyness(tasks, "x", ["x", "y"])


def test_cooccurrence_hand_computed(tasks):
    out = cooccurrence(tasks, min_count=1, stopwords=()).set_index(["word_a", "word_b"])
    # 4 tasks; 公开 in 2 tasks, 预算 in 1, together in 1: PMI = log2(1 * 4 / (2 * 1)) = 1
    assert out.loc[("公开", "预算"), ["count", "count_a", "count_b"]].tolist() == [1, 2, 1]
    assert out.loc[("公开", "预算"), "pmi"] == pytest.approx(1.0)
    assert out.loc[("公开", "预算"), "npmi"] == pytest.approx(1.0 / 2.0)
    assert ("考核", "考核") not in out.index                 # a word never pairs with itself
    by_doc = cooccurrence(tasks, within="doc", min_count=1, stopwords=()).set_index(["word_a", "word_b"])
    # 2 documents; 公开 in x only, 考核 in both: PMI = log2(1 * 2 / (1 * 2)) = 0
    assert by_doc.loc[("公开", "考核"), ["count", "pmi"]].tolist() == [1, 0.0]
    assert cooccurrence(tasks).empty                         # nothing co-occurs twice


def test_unit_network_edges_and_centrality(responsibilities):
    g = unit_network(responsibilities)
    assert isinstance(g, nx.DiGraph)
    assert g.has_edge("甲", "乙") and not g.has_edge("乙", "甲")       # 甲 leads
    assert g.has_edge("乙", "丙") and g.has_edge("丙", "乙")           # peers
    assert g["乙"]["丙"] == {"shared": 2, "weight": 2, "led": 0}
    assert network_edges(g).values.tolist() == [["丙", "乙", 2, 0, 0], ["丁", "丙", 1, 0, 0],
                                                ["丙", "甲", 1, 0, 1], ["乙", "甲", 1, 0, 1]]
    table = unit_centrality(g).set_index("unit")
    assert table["degree"].to_dict() == {"丙": 3, "乙": 2, "甲": 2, "丁": 1}
    assert table["weighted_degree"].to_dict() == {"丙": 4, "乙": 3, "甲": 2, "丁": 1}
    # 丙 alone joins 丁 to 甲 and to 乙: 2 of the 3 pairs of the other nodes
    assert table.loc["丙", "betweenness"] == pytest.approx(2 / 3, abs=1e-4)
    assert table["brokerage"].to_dict() == {"丙": 2, "乙": 0, "甲": 0, "丁": 0}
    assert table.loc["甲", ["tasks", "leads", "leads_units"]].tolist() == [1, 1, 2]
    assert table["eigenvector"].idxmax() == "丙"
    assert sum(v ** 2 for v in table["eigenvector"]) == pytest.approx(1, abs=1e-3)


def test_network_per_document_without_collectives_and_by_function(responsibilities):
    per_doc = network_table(responsibilities)
    assert per_doc.groupby("doc_id")["unit"].apply(sorted).to_dict() == {"x": ["丙", "乙", "甲"], "y": ["丁", "丙"]}
    named = unit_network(responsibilities, collective=False)
    assert "丁" not in named
    functions = unit_network(responsibilities, relabel={"乙": "财政", "丙": "财政"})
    assert sorted(functions.nodes) == ["丁", "甲", "财政"]
    assert functions["甲"]["财政"]["shared"] == 1                   # one task, counted once
    with pytest.raises(CompareError, match="missing column 'role'"):
        unit_network(responsibilities.drop(columns="role"))
