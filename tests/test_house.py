"""The bugs found while giving the package its stages, each held by a test that failed before."""

from __future__ import annotations

import pandas as pd
import pytest

import gongkai_analysis as gk
from gongkai_analysis.cli import main

PLAN_WITHOUT_YEAR = "一、公开\n1.做好A。（甲局牵头，乙局负责）\n2.做好B。（乙局负责）\n"


def test_cli_and_library_give_the_same_doc_ids(tmp_path, bundled_text):
    folder = tmp_path / "plans"
    (folder / "2017").mkdir(parents=True)
    (folder / "2017" / "plan.txt").write_text(bundled_text, encoding="utf-8")
    library = gk.parse_documents([folder], tokens=False)
    assert main(["parse", str(folder), "--out", str(tmp_path / "out"), "--no-tokens", "-q"]) == 0
    written = pd.read_csv(tmp_path / "out" / "documents.csv", encoding="utf-8-sig")
    assert library.doc_ids == ["2017/plan"]
    assert written["doc_id"].tolist() == library.doc_ids


def test_simulated_tracker_uses_the_year_given():
    doc = gk.parse_document(PLAN_WITHOUT_YEAR, tokens=False)
    assert doc.meta["year"].isna().all()
    years = gk.simulate_tracker(doc, year=2021)["completed_on"].dropna().dt.year
    assert len(years) and set(years) == {2021}


def test_simulated_tracker_defaults_to_the_plans_year(bundled):
    years = gk.simulate_tracker(bundled, seed=1)["completed_on"].dropna().dt.year
    assert set(years) == {2017}


def test_a_clause_outside_the_count_fails_in_strict_mode_and_warns_when_lenient():
    # the closing line holds a responsibility ending without brackets: the independent count sees
    # one more clause signature than landed on tasks
    text = "一、公开\n1.做好A。（甲局负责）\n2.做好B。（乙局负责）\n其他事项由丙局负责落实）\n"
    with pytest.raises(gk.ParseError, match="bracketed clauses"):
        gk.parse_document(text, tokens=False)
    doc = gk.parse_document(text, tokens=False, strict=False)
    assert any("bracketed clauses" in w for w in doc.warnings)


def test_corpus_summary_counts_across_documents(bundled_text):
    a = gk.parse_document(bundled_text, doc_id="a", tokens=False)
    b = gk.parse_document(PLAN_WITHOUT_YEAR, doc_id="b", tokens=False)
    corpus = gk.concat_documents([a, b])
    assert isinstance(corpus, gk.Corpus)
    assert corpus.summary() == "2 documents: 67 tasks, 41 units, 0 unassigned tasks, 0 files failed"
    assert corpus["b"].summary() == "b: 2 tasks, 2 units, 0 unassigned tasks"


def test_analysis_output_has_one_key_whatever_the_number_of_documents(bundled_text):
    one = gk.parse_document(bundled_text, doc_id="a", tokens=False)
    two = gk.concat_documents([one, gk.parse_document(PLAN_WITHOUT_YEAR, doc_id="b", tokens=False)])
    for tables in (one, two):
        assert gk.cadence_table(tables.tasks).index.names == ["doc_id", "task_id"]
        assert gk.completeness_table(tables.tasks, tables.responsibilities).index.names == ["doc_id", "task_id"]


def test_workload_can_expand_collectives_by_keyword(bundled):
    plain = gk.workload_table(bundled.responsibilities)
    expanded = gk.workload_table(bundled.responsibilities, expand_collective=True)
    assert "各街道办事处" in plain.index and len(expanded) != len(plain)


def test_bad_analysis_input_names_the_column():
    with pytest.raises(gk.ColumnError, match="responsibilities: missing column"):
        gk.workload_table(pd.DataFrame({"unit": ["甲局"]}))
    assert issubclass(gk.ColumnError, ValueError)


def test_labels_shown_to_people_come_from_one_vocabulary(bundled):
    labelled = gk.vocab.label(bundled.responsibilities["role"])
    assert list(labelled.cat.categories) == ["牵头", "负责", "配合"]
    assert set(gk.vocab.CATEGORY_LABELS) >= set(bundled.responsibilities["category"].dropna())


def test_plots_is_reached_as_documented():
    assert gk.plots is gk.output.charts
    assert callable(gk.plots.workload_bar)
