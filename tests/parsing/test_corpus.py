"""Corpora: folders, formats, worker processes, errors that do not sink a batch."""

import shutil

import pandas as pd
import pytest

import gongkai_analysis as gk
from gongkai_analysis.cli import main
from gongkai_analysis.document import parse_documents as parse_corpus
from gongkai_analysis.parsing.corpus import find_documents


def _pdf(path, lines):
    from matplotlib.figure import Figure

    from gongkai_analysis import plots

    with plots.chinese_style():
        fig = Figure(figsize=(8.27, 11.69))
        for i, line in enumerate(lines):
            fig.text(0.05, 0.95 - i * 0.03, line, fontsize=9)
        fig.savefig(path, format="pdf")
    return path


def _scanned_pdf(path):
    import numpy as np
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 4))
    fig.add_subplot().imshow(np.random.default_rng(0).random((20, 20)))
    fig.axes[0].set_axis_off()
    fig.savefig(path, format="pdf")
    return path


@pytest.fixture
def corpus_dir(tmp_path, fixture_path, bundled_text):
    root = tmp_path / "plans"
    (root / "2017").mkdir(parents=True)
    (root / "2019" / "html").mkdir(parents=True)
    shutil.copy(gk.config.BUNDLED_DOCUMENT, root / "2017" / "dongcheng.txt")
    shutil.copy(fixture_path("clause_forms.txt"), root / "2019" / "plan.txt")
    shutil.copy(fixture_path("web_page.html"), root / "2019" / "html" / "plan.html")
    lines = [line for line in fixture_path("single_line.txt").read_text(encoding="utf-8").split(" ") if line]
    _pdf(root / "2019" / "scan-free.pdf", lines)
    (root / "2019" / "empty.txt").write_bytes(b"")
    _scanned_pdf(root / "2019" / "scanned.pdf")
    (root / "notes.md").write_text("not a plan", encoding="utf-8")
    return root


def test_find_documents_gives_stable_ids(corpus_dir):
    found = dict((doc_id, path.name) for path, doc_id in find_documents([corpus_dir]))
    assert sorted(found) == ["2017/dongcheng", "2019/empty", "2019/html/plan", "2019/plan", "2019/scan-free",
                             "2019/scanned", "notes"]


def test_corpus_keeps_going_past_bad_files(corpus_dir):
    corpus = parse_corpus([corpus_dir], tokens=False)
    assert sorted(corpus.meta["doc_id"]) == ["2017/dongcheng", "2019/html/plan", "2019/plan", "2019/scan-free"]
    counts = corpus.meta.set_index("doc_id")["n_tasks"].to_dict()
    assert counts == {"2017/dongcheng": 65, "2019/plan": 12, "2019/html/plan": 3, "2019/scan-free": 4}
    errors = corpus.errors.sort_values("file")
    assert errors["file"].str.endswith(("empty.txt", "scanned.pdf", "notes.md")).all() and len(errors) == 3
    assert errors["error"].str.contains("the file is empty").any()
    assert errors["error"].str.contains("no text layer").any()
    assert corpus.tasks.groupby("doc_id").size().sum() == 84


def test_pdf_text_layer(corpus_dir):
    doc = gk.parse_document(corpus_dir / "2019" / "scan-free.pdf", tokens=False)
    assert doc.meta.loc[0, "encoding"] == "pdf"
    assert doc.tasks["text"].tolist()[0] == "按月公开财政收支情况。"
    assert doc.responsibilities["unit"].tolist() == ["财政局", "发改委", "教委", "食药监局"]


def test_two_workers_give_the_same_tables(corpus_dir):
    one = parse_corpus([corpus_dir], jobs=1, tokens=True, segmenter="jieba")
    two = parse_corpus([corpus_dir], jobs=2, tokens=True, segmenter="jieba")
    pd.testing.assert_frame_equal(one.tasks, two.tasks)
    pd.testing.assert_frame_equal(one.responsibilities, two.responsibilities)
    pd.testing.assert_frame_equal(one.errors, two.errors)


def test_nothing_parsed_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    with pytest.raises(gk.ParseError, match="no document could be parsed"):
        parse_corpus([tmp_path], tokens=False)
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    with pytest.raises(gk.ParseError, match="no documents to parse"):
        parse_corpus([empty], tokens=False)


def test_parse_documents_is_the_corpus_parser(corpus_dir):
    corpus = gk.parse_documents([corpus_dir / "2017" / "dongcheng.txt", corpus_dir / "2019" / "empty.txt"], tokens=False)
    assert len(corpus.tasks) == 65 and len(corpus.errors) == 1


def test_cli_corpus_exit_status_and_files(corpus_dir, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["parse", str(corpus_dir), "--out", str(out), "--no-tokens", "--jobs", "2"]) == 1
    captured = capsys.readouterr()
    assert "parsed 4 documents, 3 failed: 84 tasks" in captured.out  # notes.md is listed too
    assert captured.err.count("gongkai: error:") == 3
    documents = pd.read_csv(out / "documents.csv", encoding="utf-8-sig")
    assert set(documents.columns) >= {"doc_id", "title", "n_tasks", "n_units", "n_unassigned", "warnings"}
    errors = pd.read_csv(out / "errors.csv", encoding="utf-8-sig")
    assert len(errors) == 3
    assert main(["parse", str(corpus_dir / "2019" / "empty.txt"), "--out", str(out)]) == 2
    assert main(["parse", str(corpus_dir), "--out", str(out), "--jobs", "0"]) == 2


def test_quiet_prints_nothing(corpus_dir, tmp_path, capsys):
    assert main(["parse", str(corpus_dir / "2017"), "--out", str(tmp_path), "--quiet", "--no-tokens"]) == 0
    assert capsys.readouterr().out == ""


def test_corpus_writer_appends_chunks(corpus_dir, tmp_path):
    from gongkai_analysis.parsing.corpus import iter_tables as iter_corpus
    from gongkai_analysis.output.tables import CorpusWriter

    paths = [corpus_dir / "2019" / "empty.txt", corpus_dir / "2017" / "dongcheng.txt", corpus_dir / "2019" / "plan.txt"]
    chunks = list(iter_corpus(paths, chunk=1, segmenter="jieba"))
    assert [len(c.meta) for c in chunks] == [0, 1, 1] and len(chunks[0].errors) == 1
    with CorpusWriter(tmp_path) as writer:
        for chunk in chunks:
            writer.write(chunk)
    tasks = pd.read_csv(tmp_path / "tasks.csv", encoding="utf-8-sig", dtype={"task_id": str})
    assert len(tasks) == 65 + 12 and "tokens" in tasks.columns
    parquet = pd.read_parquet(tmp_path / "tasks.parquet")
    assert len(parquet) == 77 and list(parquet["tokens"].iloc[0])[:2] == list(chunks[1].tasks["tokens"].iloc[0])[:2]
    assert len(pd.read_csv(tmp_path / "errors.csv", encoding="utf-8-sig")) == 1
    assert (writer.documents, writer.tasks, writer.errors) == (2, 77, 1)
    whole = parse_corpus(paths, segmenter="jieba")
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "responsibilities.parquet")[["task_id", "unit"]],
                                  whole.responsibilities[["task_id", "unit"]].astype(object), check_dtype=False)
