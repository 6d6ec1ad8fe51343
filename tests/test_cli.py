"""The gongkai command: outputs, summary line, exit status, one-line errors."""

import subprocess
import sys

import pandas as pd

import gongkai_analysis as gk
from gongkai_analysis.cli import main


def test_parse_writes_tables(tmp_path, capsys):
    status = main(["parse", str(gk.config.BUNDLED_DOCUMENT), "--out", str(tmp_path)])
    assert status == 0
    out = capsys.readouterr().out.strip()
    assert out == f"parsed 1 document: 65 tasks, 39 units, 0 unassigned, 0 warnings → {tmp_path}"
    raw = (tmp_path / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    tasks = pd.read_csv(tmp_path / "tasks.csv", encoding="utf-8-sig", dtype={"task_id": str})
    assert len(tasks) == 65 and tasks["task_id"].iloc[-1] == "65"
    resp = pd.read_parquet(tmp_path / "responsibilities.parquet")
    assert len(resp) == 132
    parquet_tasks = pd.read_parquet(tmp_path / "tasks.parquet")
    assert "互联网+政务服务" in list(parquet_tasks.loc[17, "tokens"])
    assert (tmp_path / "documents.csv").exists() and not (tmp_path / "errors.csv").exists()


def test_folder_input_and_partial_failure(tmp_path, fixture_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_bytes(fixture_path("clause_forms.txt").read_bytes())
    (corpus / "sub").mkdir()
    (corpus / "sub" / "bad.txt").write_bytes(b"")
    status = main(["parse", str(corpus), "--out", str(tmp_path / "out"), "--no-tokens"])
    captured = capsys.readouterr()
    assert status == 1
    assert "1 failed" in captured.out
    assert captured.err.strip().endswith("bad.txt: the file is empty")
    errors = pd.read_csv(tmp_path / "out" / "errors.csv", encoding="utf-8-sig")
    assert errors["file"].str.endswith("bad.txt").all()


def test_single_bad_file_is_one_line_and_status_2(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    done = subprocess.run([sys.executable, "-m", "gongkai_analysis", "parse", str(bad), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert str(bad) in done.stderr and "binary" in done.stderr


def test_usage_error_is_status_2(capsys):
    assert main(["parse"]) == 2
    assert main(["frobnicate"]) == 2


def test_summary_line_counts_warnings(tmp_path, corpus_path, capsys):
    status = main(["parse", str(corpus_path("baotou-2022-digital-government-appraisal.txt")), "--out",
                   str(tmp_path), "--no-tokens"])
    assert status == 0
    out = capsys.readouterr().out.strip()
    assert out == (f"parsed 1 document: 90 tasks, 27 units, 0 unassigned, 28 warnings (see documents.csv)"
                   f" → {tmp_path}")
    meta = pd.read_csv(tmp_path / "documents.csv", encoding="utf-8-sig")
    assert meta[["n_warnings", "n_unknown_units", "n_suspect_units"]].values.tolist() == [[28, 27, 0]]
