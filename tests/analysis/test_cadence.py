"""Cadence labels, deadlines, channels and the disclosure calendar on the bundled plan."""

import pandas as pd
import pytest

import gongkai_analysis as gk
from gongkai_analysis.analysis.cadence import cadence_table
from gongkai_analysis.vocab import CADENCES as CADENCE_LABELS


@pytest.fixture(scope="module")
def cadence(bundled):
    table = cadence_table(bundled.tasks)
    assert table.index.names == ["doc_id", "task_id"]  # one key always, even for one document
    return table.droplevel("doc_id")


def ids(cadence, label):
    return cadence.index[cadence[label]].tolist()


def test_exact_labels(cadence):
    assert ids(cadence, "monthly") == ["2", "36"]
    assert ids(cadence, "quarterly") == ["11", "36"]
    assert ids(cadence, "academic_year") == ["36"]
    assert ids(cadence, "realtime") == ["20"]
    assert ids(cadence, "within_year") == ["23", "54"]
    assert ids(cadence, "semiannual") == []
    assert "65" not in ids(cadence, "continuous")  # 继续教育 is not a cadence
    assert list(cadence.columns[: len(CADENCE_LABELS)]) == list(CADENCE_LABELS)


def test_deadlines_and_statutory(cadence):
    assert cadence.loc["60", "deadline_hours"] == [5, 24]
    assert cadence["deadline_hours"].map(len).sum() == 2
    assert ids(cadence, "statutory") == ["62"]


def test_channels(cadence):
    assert cadence.loc["4", "channels"] == ["website", "new_media", "kiosk"]
    assert cadence.loc["20", "platforms"] == ["北京市社会组织公共服务平台"]
    assert cadence.loc["18", "platforms"] == ["网上政务服务平台"]
    assert "press_conference" in cadence.loc["60", "channels"]
    assert cadence.loc["52", "channels"] == ["new_media", "hotline"]


def test_events_per_year(cadence):
    assert cadence.loc["36", "events_per_year"] == 12 + 4 + 1 + 1
    assert cadence.loc["2", "events_per_year"] == 12


def test_calendar(bundled):
    cal = gk.disclosure_calendar(bundled.tasks, bundled.responsibilities)
    assert list(cal.columns) == list(range(1, 13))
    assert cal.loc["民政局"].tolist() == [1, 1, 2, 1, 1, 2, 1, 1, 3, 1, 1, 4]
    assert cal.loc["财政局"].sum() == 12
    assert cal.index[0] == "民政局"
    events = gk.disclosure_events(bundled.tasks, bundled.responsibilities, year=2017)
    assert events["due"].min() == pd.Timestamp("2017-01-31")
    assert events.query("unit == '房管局'")["cadence"].astype(str).value_counts().to_dict() == {"quarterly": 4, "annual": 1}


def test_rules_file_is_editable(tmp_path, bundled):
    rules = None
    from gongkai_analysis.analysis.rules import cadence_rules

    path = tmp_path / "rules.csv"
    table = cadence_rules()
    table.loc[table["label"] == "monthly", "pattern"] = "每月"
    table.to_csv(path, index=False)
    custom = cadence_table(bundled.tasks, rules=cadence_rules(path))
    assert ids(custom, "monthly") == []
    path.write_text("kind,label,name,pattern\ncadence,monthly,按月,(\n", encoding="utf-8")
    with pytest.raises(gk.ParseError, match=r"rules.csv:2: bad pattern"):
        cadence_rules(path)
    del rules


def test_input_is_not_mutated(bundled):
    before = bundled.tasks.copy()
    cadence_table(bundled.tasks)
    pd.testing.assert_frame_equal(bundled.tasks, before)


def test_missing_column_is_named():
    with pytest.raises(gk.ColumnError, match="missing column"):
        cadence_table(pd.DataFrame({"task_id": ["1"]}))

def test_an_annual_disclosure_falls_due_in_the_month_its_text_names():
    import pandas as pd
    from gongkai_analysis.analysis.cadence import disclosure_events

    tasks = pd.DataFrame({"doc_id": "d", "task_id": ["1", "2", "3"],
                          "text": ["每年3月底前公开上一年度政府信息公开工作年度报告。", "每年公开部门决算。",
                                   "每季度公开财政收支，每年十一月公开全年情况。"]})
    resp = pd.DataFrame({"doc_id": "d", "task_id": ["1", "2", "3"], "unit": ["办公室", "财政局", "统计局"],
                         "role": ["lead", "lead", "lead"]})
    events = disclosure_events(tasks, resp, year=2024)
    annual = events[events["cadence"] == "annual"]
    assert annual[["task_id", "month"]].values.tolist() == [["1", 3], ["2", 12], ["3", 11]]
    assert annual["due"].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-31", "2024-12-31", "2024-11-30"]
    assert events.loc[events["cadence"] == "quarterly", "month"].tolist() == [3, 6, 9, 12]


def test_the_report_counts_a_named_month_there_and_says_so(bundled_text):
    import gongkai_analysis as gk
    from gongkai_analysis.analysis.overview import overview

    before = overview(gk.parse_document(bundled_text, doc_id="d"))
    after = overview(gk.parse_document(bundled_text.replace("每年度主动公开当年国民经济", "每年11月底前主动公开当年国民经济"),
                                       doc_id="d"))
    assert before.month_note.startswith("说明：原文只写频次，没写月份。")
    assert "1项每年的任务原文写明了月份，按原文计" in after.month_note
    assert (after.months - before.months).to_dict() == {6: 0, 7: 0, 8: 0, 9: 0, 10: 0, 11: 1, 12: -1}
