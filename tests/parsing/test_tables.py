"""The tidy tables' schemas: fast column building gives the frames pandas itself would."""

import pandas as pd
import pytest

import gongkai_analysis as gk
from gongkai_analysis import schema as tables
from gongkai_analysis.parsing.build import parse_rows

SCHEMAS = {
    "tasks": (tables.tasks_frame, tables.TASK_COLUMNS),
    "responsibilities": (tables.responsibilities_frame, tables.RESPONSIBILITY_COLUMNS),
    "sections": (tables.sections_frame, tables.SECTION_COLUMNS),
    "meta": (tables.meta_frame, tables.META_COLUMNS),
}


@pytest.fixture(scope="module")
def rows():
    parsed = parse_rows(gk.config.BUNDLED_DOCUMENT)
    return {"tasks": parsed.tasks, "responsibilities": parsed.responsibilities,
            "sections": parsed.sections, "meta": [parsed.meta]}


@pytest.mark.parametrize("table", list(SCHEMAS))
def test_frames_equal_pandas_own_construction(rows, table):
    build, columns = SCHEMAS[table]
    expected = pd.DataFrame(rows[table], columns=list(columns)).astype(tables.pandas_dtypes(columns))
    pd.testing.assert_frame_equal(build(rows[table]), expected)


@pytest.mark.parametrize("table", list(SCHEMAS))
def test_empty_frames_keep_their_dtypes(table):
    build, columns = SCHEMAS[table]
    frame = build([])
    assert list(frame.columns) == list(columns)
    dtypes = tables.pandas_dtypes(columns).values()
    assert [str(t) for t in frame.dtypes] == [str(pd.Series([], dtype=t).dtype) for t in dtypes]


def test_rows_from_elsewhere_may_lack_columns_and_hold_other_types():
    frame = tables.tasks_frame([{"doc_id": 7, "task_id": "1", "seq": 1, "number": 1, "line": 3, "part": pd.NA}])
    assert frame.loc[0, "doc_id"] == "7"  # converted, not dropped
    assert frame["text"].isna().all() and frame["part"].isna().all()
    assert str(frame["part"].dtype) == "Int64" and str(frame["doc_id"].dtype) == "str"


def test_an_unknown_role_is_an_error_not_a_missing_value():
    row = {name: None for name in tables.RESPONSIBILITY_COLUMNS}
    row.update(collective=False, open_ended=False, known=False, role="owner", mode="sole")
    with pytest.raises(gk.ColumnError, match="column role: 'owner' is not one of lead, responsible, support"):
        tables.responsibilities_frame([row])


def test_a_missing_flag_is_an_error_not_false():
    row = {name: None for name in tables.RESPONSIBILITY_COLUMNS}
    row.update(collective=None, open_ended=False, known=False, role="lead", mode="sole")
    with pytest.raises(gk.ColumnError, match="column collective"):
        tables.responsibilities_frame([row])
