"""Task ids survive a spreadsheet: tasks.csv opened in LibreOffice keeps every id as written.

A plan whose numbers restart under each section gives ids such as ``S1.10``;
were they ``1.10``, a spreadsheet would read the number 1.1 and two tasks would
share an id.  The CSV the command line writes is opened with a headless
LibreOffice (as a user opens it: comma-separated, UTF-8) and read back.
"""

from __future__ import annotations

import shutil
import subprocess

import pandas as pd
import pytest
from openpyxl import load_workbook

from gongkai_analysis.cli import main

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("soffice") is None,
                                 reason="LibreOffice (soffice) is not installed: .ci/run installs it")]


def _plan() -> str:
    lines = ["某区工作要点"]
    for number, name in ((1, "一"), (2, "二")):
        lines.append(f"{name}、第{number}部分")
        lines += [f"{t}.做好第{number}部分第{t}项工作。（财政局负责落实）" for t in range(1, 12)]
    lines.append("三、第3部分\n1.做好甲工作。（财政局负责）做好乙工作。（审计局负责）")
    return "\n".join(lines) + "\n"


def test_task_ids_round_trip_through_a_spreadsheet(tmp_path):
    (tmp_path / "plan.txt").write_text(_plan(), encoding="utf-8")
    assert main(["parse", str(tmp_path / "plan.txt"), "--out", str(tmp_path / "out"), "--no-tokens", "-q"]) == 0
    written = pd.read_csv(tmp_path / "out" / "tasks.csv", encoding="utf-8-sig", dtype=str)
    assert {"S1.10", "S2.10", "S3.1a", "S3.1b"} <= set(written["task_id"])
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp_path / "xlsx"),
                    str(tmp_path / "out" / "tasks.csv")], check=True, capture_output=True, timeout=180)
    rows = list(load_workbook(tmp_path / "xlsx" / "tasks.xlsx").active.iter_rows(values_only=True))
    header = [str(h).lstrip("\ufeff") for h in rows[0]]
    read_back = [str(r[header.index("task_id")]) for r in rows[1:]]
    assert read_back == written["task_id"].tolist()
    assert len(set(read_back)) == len(read_back)
    assert [r[header.index("section_title")] for r in rows[1:3]] == ["第1部分", "第1部分"]
