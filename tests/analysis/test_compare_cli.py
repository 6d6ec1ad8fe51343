"""`gongkai compare`: the pairs table, the diff and the comparison workbook."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook

from gongkai_analysis.cli import main
from gongkai_analysis.output.compare_workbook import write_pairs

from test_compare import CORPUS, PLAN_A, PLAN_B, REGULATION


@pytest.fixture
def plan_files(tmp_path):
    a, b = tmp_path / "plan-2017.txt", tmp_path / "plan-2018.txt"
    a.write_text(PLAN_A, encoding="utf-8")
    b.write_text(PLAN_B.replace("5.建立健全", "5.=建立健全"), encoding="utf-8")
    return a, b


def test_compare_writes_pairs_diff_and_workbook(plan_files, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["compare", *map(str, plan_files), "--out", str(out), "--one-to-many"]) == 0
    assert "compared 4 with 5 tasks: 4 copied, 1 added, 1 dropped" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == ["compare.xlsx", "diff.csv", "diff.parquet", "pairs.csv",
                                                     "pairs.parquet"]
    raw = (out / "pairs.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    csv = pd.read_csv(out / "pairs.csv", encoding="utf-8-sig", dtype=str)
    assert csv["text_b"].iloc[-1].startswith("'=建立健全")            # kept as text in Excel
    parquet = pd.read_parquet(out / "pairs.parquet")
    assert parquet["text_b"].iloc[-1].startswith("=建立健全")          # the data itself unchanged
    assert parquet["label"].tolist() == ["copied", "copied", "copied", "copied", "dropped", "added"]

    book = load_workbook(out / "compare.xlsx", rich_text=True)
    assert book.sheetnames == ["对照", "单位变化", "条目变化", "说明"]
    ws = book["对照"]
    assert [c.value for c in ws[1]][:7] == ["序号", "A编号", "A文本", "B编号", "B文本", "相似度", "对照结果"]
    assert ws.freeze_panes == "A2"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws["J2"].value == "新增：审计局；减少：财政局；牵头：财政局 → 审计局"
    # B's task 2 is A's task 2 cut short: the dropped half is red in A's text
    red = [str(b.text) for b in ws["C3"].value if hasattr(b, "font")]
    assert red == ["，公开公共资源配置信息"]
    assert ws["E7"].value == "=建立健全政务舆情回应机制。" and ws["E7"].quotePrefix
    units = book["单位变化"]
    rows = {r[0]: r[1:] for r in units.iter_rows(min_row=2, values_only=True)}
    assert rows["审计局"][:7] == (0, 1, 0, 1, 0, 1, 1)


@pytest.mark.skipif(not (CORPUS / REGULATION.format(2007)).exists(),
                    reason="../shared/corpus/ (the real documents) is not next to this clone")
def test_compare_reads_a_regulation_article_by_article(tmp_path, capsys):
    out = tmp_path / "reg"
    code = main(["compare", str(CORPUS / REGULATION.format(2007)), str(CORPUS / REGULATION.format(2019)),
                 "--out", str(out)])
    assert code == 0
    assert "compared 38 with 56 tasks" in capsys.readouterr().out
    book = load_workbook(out / "compare.xlsx", rich_text=True)
    assert book.sheetnames == ["对照", "说明"]                      # no units, no unit sheets
    assert book["对照"].max_column == 7
    diff = pd.read_csv(out / "diff.csv", encoding="utf-8-sig", dtype=str)
    first = diff[diff["task_id_a"] == "24"].iloc[0]
    assert (first["old"], first["new"]) == ("15", "20")


def test_compare_errors_are_one_line(plan_files, tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert main(["compare", str(missing), str(plan_files[1]), "--out", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("gongkai: error:") and "nope.txt" in err
    assert "Traceback" not in err
    assert main(["compare", str(plan_files[0]), "--out", str(tmp_path / "x")]) == 2


def test_pairs_csv_prefixes_every_formula_start(tmp_path):
    frame = pd.DataFrame({"t": ["=a", "+b", "-c", "@d", "\te", "\rf", "公开", None], "n": range(8),
                          "units": [["=x", "乙局"], [], None, ["丙局"], [], [], [], []]})
    csv, parquet = write_pairs(frame, tmp_path)
    back = pd.read_csv(csv, encoding="utf-8-sig", keep_default_na=False)
    assert back["t"].tolist()[:7] == ["'=a", "'+b", "'-c", "'@d", "'\te", "'\rf", "公开"]
    assert back["units"].iloc[0] == "'=x 乙局"                        # a list cell joined, never array([...]) text
    assert frame["t"].iloc[0] == "=a"                                 # input not changed
    assert pd.read_parquet(parquet)["t"].iloc[0] == "=a"
