"""`gongkai parse DIR --out OUT` end to end: parts, identical tables, safe CSVs, whole-or-nothing output."""

import csv
import errno
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

import gongkai_analysis as gk
from gongkai_analysis.cli import main
from gongkai_analysis.output.tables import FORMULA_START

HOSTILE_PLAN = """=HYPERLINK("http://example.com","政务公开工作要点")
+区政府各部门：
一、=SUM(1,2)公开
1.@做好财政信息公开工作。(=财政局负责落实)
2.-做好B项工作。(+发改委牵头,@教委负责落实)
二、-解读
3.做好政策解读工作。(-统计局负责)
@联系人：张三
"""


@pytest.fixture
def plans(tmp_path, fixture_path):
    """Seven documents in two folders: enough for several parts with two workers."""
    root = tmp_path / "plans"
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    for i in range(3):
        shutil.copy(gk.config.BUNDLED_DOCUMENT, root / "a" / f"plan{i}.txt")
    for name in ("clause_forms.txt", "paren_tasks.txt", "three_levels.txt"):
        shutil.copy(fixture_path(name), root / "b" / name)
    (root / "b" / "empty.txt").write_bytes(b"")
    return root


def _files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _csv_cells(folder):
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    yield path.name, cell


def test_one_job_and_two_jobs_write_identical_tables(plans, tmp_path, capsys):
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["parse", str(plans), "--out", str(one), "--jobs", "1"]) == 1
    assert main(["parse", str(plans), "--out", str(two), "--jobs", "2"]) == 1
    captured = capsys.readouterr()
    assert captured.err.count("empty.txt: the file is empty") == 2
    assert _files(one)[:5] == ["documents.csv", "errors.csv", "responsibilities.csv",
                               "responsibilities.parquet/part-000000.parquet", "sections.csv"]
    assert len([f for f in _files(two) if f.startswith("tasks.parquet/")]) > 1  # one part per batch
    for name in ("tasks.csv", "responsibilities.csv", "documents.csv", "sections.csv", "errors.csv"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    for name in ("tasks.parquet", "responsibilities.parquet"):
        pd.testing.assert_frame_equal(pd.read_parquet(one / name), pd.read_parquet(two / name))
    tasks = pd.read_parquet(one / "tasks.parquet")
    assert tasks["doc_id"].unique().tolist() == ["a/plan0", "a/plan1", "a/plan2", "b/clause_forms",
                                                 "b/paren_tasks", "b/three_levels"]
    whole = gk.parse_documents([plans], segmenter="rjieba")
    pd.testing.assert_frame_equal(tasks.drop(columns=["tokens", "keywords"]),
                                  whole.tasks.drop(columns=["tokens", "keywords"]), check_dtype=False)
    assert tasks["tokens"].map(list).tolist() == whole.tasks["tokens"].tolist()


def test_csv_cells_never_start_a_formula(tmp_path, capsys):
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "=1+1.txt").write_text(HOSTILE_PLAN, encoding="utf-8")
    (plans / "@bad.txt").write_bytes(b"")  # its name goes into errors.csv
    out = tmp_path / "out"
    assert main(["parse", str(plans), "--out", str(out), "--jobs", "1"]) == 1
    cells = list(_csv_cells(out))
    assert {name for name, _ in cells} == {"tasks.csv", "responsibilities.csv", "documents.csv", "sections.csv",
                                           "errors.csv"}
    formulas = [(name, cell) for name, cell in cells if cell.startswith(FORMULA_START)]
    assert formulas == []
    neutralised = {cell for _, cell in cells if cell.startswith("'")}
    assert {"'=1+1", "'=财政局", "'+发改委", "'@教委"} <= neutralised
    assert any(cell.startswith("'=SUM(1,2)") for cell in neutralised)
    # the Parquet files keep the exact values
    tasks = pd.read_parquet(out / "tasks.parquet")
    resp = pd.read_parquet(out / "responsibilities.parquet")
    assert set(tasks["doc_id"]) == {"=1+1"}
    assert tasks["section_title"].iloc[0].startswith("=SUM(1,2)")
    assert {"=财政局", "+发改委", "@教委"} <= set(resp["unit_raw"])


def test_a_file_name_that_is_not_utf8_does_not_sink_the_batch(tmp_path, capsys):
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(gk.config.BUNDLED_DOCUMENT, plans / "good.txt")
    odd = os.path.join(os.fsencode(plans), b"plan-\xb9\xab\xff.txt")
    try:
        with open(odd, "wb") as handle:
            handle.write(gk.config.BUNDLED_DOCUMENT.read_bytes())
    except OSError as exc:  # a file system that refuses such names cannot hold the case
        pytest.skip(f"this file system refuses non-UTF-8 names: {exc}")
    out = tmp_path / "out"
    assert main(["parse", str(plans), "--out", str(out), "--no-tokens"]) == 0
    documents = pd.read_csv(out / "documents.csv", encoding="utf-8-sig")
    assert documents["doc_id"].tolist() == ["good", "plan-\\xb9\\xab\\xff"]
    assert documents["n_tasks"].tolist() == [65, 65]
    from gongkai_analysis.parsing.corpus import file_name

    assert os.fsencode(file_name(documents["source"].iloc[1])) == odd  # the stored name leads back to the file
    assert len(pd.read_parquet(out / "tasks.parquet")) == 130


def test_a_failure_in_one_documents_rows_stays_its_error(plans, tmp_path, monkeypatch, capsys):
    from gongkai_analysis.parsing import build

    real = build.parse_rows

    def parse_rows(source, **options):
        parsed = real(source, **options)
        if parsed.meta["doc_id"] == "a/plan1":
            roles = parsed.responsibilities.columns["role"]
            parsed.responsibilities.columns["role"] = ("overseer", *roles[1:])  # no role of the vocabulary
        return parsed

    monkeypatch.setattr(build, "parse_rows", parse_rows)
    out = tmp_path / "out"
    assert main(["parse", str(plans), "--out", str(out), "--no-tokens", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "plan1.txt: its rows: column role: 'overseer' is not one of lead, responsible, support" in err
    documents = pd.read_csv(out / "documents.csv", encoding="utf-8-sig")
    assert "a/plan1" not in set(documents["doc_id"]) and {"a/plan0", "a/plan2"} <= set(documents["doc_id"])
    errors = pd.read_csv(out / "errors.csv", encoding="utf-8-sig")
    assert sorted(errors["file"].str.rsplit("/", n=1).str[-1]) == ["empty.txt", "plan1.txt"]


def _snapshot(folder):
    return {name: (folder / name).read_bytes() for name in _files(folder)}


def _leftovers(out):
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def test_an_interrupted_run_leaves_the_previous_output(plans, tmp_path, monkeypatch, capsys):
    from gongkai_analysis.output import tables

    out = tmp_path / "out"
    assert main(["parse", str(plans / "a"), "--out", str(out), "--no-tokens"]) == 0
    (out / "report.xlsx").write_bytes(b"not ours")
    before = _snapshot(out)
    real = tables.write_part

    def write_part(doc, folder, index, **options):
        real(doc, folder, index, **options)  # a part is written, then Ctrl-C
        raise KeyboardInterrupt

    monkeypatch.setattr(tables, "write_part", write_part)
    status = main(["parse", str(plans), "--out", str(out), "--no-tokens", "--jobs", "1"])
    monkeypatch.undo()
    assert status == 130
    assert capsys.readouterr().err.strip().endswith(f"gongkai: interrupted; {out} left as it was")
    assert _snapshot(out) == before
    assert _leftovers(out) == []  # no temporary folder, no lock
    fresh = tmp_path / "fresh"
    monkeypatch.setattr(tables, "write_part", write_part)
    assert main(["parse", str(plans), "--out", str(fresh), "--no-tokens", "--jobs", "1"]) == 130
    assert f"nothing written to {fresh}" in capsys.readouterr().err
    assert not fresh.exists() and _leftovers(fresh) == []


@pytest.mark.parametrize("where", ["_write_csv", "_write_parquet"])
def test_a_full_disk_names_the_file_and_keeps_the_previous_output(plans, tmp_path, monkeypatch, capsys, where):
    from gongkai_analysis.output import tables

    out = tmp_path / "out"
    assert main(["parse", str(plans / "a"), "--out", str(out), "--no-tokens"]) == 0
    capsys.readouterr()
    before = _snapshot(out)

    def full(table, path):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tables, where, full)
    assert main(["parse", str(plans), "--out", str(out), "--no-tokens", "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    table = "tasks.csv" if where == "_write_csv" else "tasks.parquet"
    assert err == f"gongkai: error: cannot write {out / table}: No space left on device; {out} left as it was\n"
    assert _snapshot(out) == before and _leftovers(out) == []


def test_a_second_run_into_the_same_folder_is_refused(plans, tmp_path, capsys):
    from gongkai_analysis.output.tables import CorpusWriter

    out = tmp_path / "out"
    writer = CorpusWriter(out)  # a run that is still writing
    try:
        assert main(["parse", str(plans / "a"), "--out", str(out), "--no-tokens"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert f"{out}: another run is writing into this folder" in err
        done = subprocess.run([sys.executable, "-m", "gongkai_analysis", "parse", str(plans / "a"), "--out", str(out),
                               "--no-tokens"], capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and "another run is writing into this folder" in done.stderr
    finally:
        writer.discard()
    assert main(["parse", str(plans / "a"), "--out", str(out), "--no-tokens"]) == 0
    assert _leftovers(out) == []


def test_a_run_that_was_killed_leaves_nothing_in_the_way(plans, tmp_path):
    out = tmp_path / "out"
    stale = tmp_path / ".out.partial-killed"
    (stale / ".parts").mkdir(parents=True)
    (tmp_path / ".out.lock").write_text("12345\n")  # its lock file, no longer locked by anyone
    assert main(["parse", str(plans / "a"), "--out", str(out), "--no-tokens", "-q"]) == 0
    assert _leftovers(out) == []


def test_an_old_errors_table_goes_when_the_new_run_has_none(plans, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["parse", str(plans), "--out", str(out), "--no-tokens"]) == 1
    assert (out / "errors.csv").exists()
    assert main(["parse", str(plans / "a"), "--out", str(out), "--no-tokens"]) == 0
    assert not (out / "errors.csv").exists()
    assert len(pd.read_csv(out / "documents.csv", encoding="utf-8-sig")) == 3


def test_jobs_default_to_the_cores_available():
    from gongkai_analysis.cli import _parser
    from gongkai_analysis.pipeline import default_jobs

    assert _parser().parse_args(["parse", "x", "--out", "o"]).jobs is None
    expected = os.process_cpu_count() if hasattr(os, "process_cpu_count") else len(os.sched_getaffinity(0))
    assert default_jobs() == expected


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["parse", "--help"]])
def test_help_and_version_import_no_pandas(argv):
    code = ("import sys\nfrom gongkai_analysis.cli import main\nmain(sys.argv[1:])\n"
            "print('heavy:', sorted(m for m in ('pandas', 'numpy', 'pyarrow', 'jieba', 'rjieba') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "heavy: []"


def test_a_folder_whose_parent_is_read_only_is_staged_inside_itself(plans, tmp_path, monkeypatch, capsys):
    from gongkai_analysis.output import tables

    home = tmp_path / "home"
    out = home / "me"
    out.mkdir(parents=True)
    (out / "notes.txt").write_text("mine")
    writable = os.access
    monkeypatch.setattr(tables.os, "access", lambda path, mode: os.fspath(path) != str(home) and writable(path, mode))
    assert main(["parse", str(plans / "a"), "--out", str(out), "--no-tokens"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["documents.csv", "notes.txt", "responsibilities.csv",
                                                    "responsibilities.parquet", "sections.csv", "tasks.csv",
                                                    "tasks.parquet"]
    assert sorted(p.name for p in home.iterdir()) == ["me"]
