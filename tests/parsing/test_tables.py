"""The tidy tables' schemas: fast column building gives the frames pandas itself would."""

import pandas as pd
import pytest

import gongkai_analysis as gk
from gongkai_analysis import schema as tables
from gongkai_analysis.parsing.build import parse_rows
from gongkai_analysis.reading.source import SourceText

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


def _as_columns(rows: tables.Rows) -> tables.Rows:
    """The same rows held as columns (what a record-backed Rows gives when its columns are read)."""
    copy = tables.Rows(rows.columns)
    copy.columns = {name: list(values) for name, values in rows.columns.items()}
    return copy


def test_responsibilities_are_kept_as_records_until_read():
    parsed = parse_rows(gk.config.BUNDLED_DOCUMENT)
    resp = parsed.responsibilities
    assert resp._records is not None  # (not turned into columns by the parse itself)
    units = resp.values("unit")
    assert resp._records is not None and len(resp) == 132  # (neither reading one column nor counting rows)
    assert units == tuple(row["unit"] for row in resp) and units[:2] == ("统计局", "产促局")
    assert list(resp.columns) == list(tables.RESPONSIBILITY_COLUMNS) and resp._records is None


def test_record_rows_stack_to_the_columns_they_stand_for():
    """Stacking record-backed rows in one pass gives the table that stacking their columns gives,
    also when some parts are columns and others records, and for a part with no row."""
    texts = ["一、公开\n1.做好A。（甲局牵头，乙局配合）\n2.做好B。（丙局负责）",
             "一、公开\n1.做好C。（丁局负责）",
             "一、公开\n1.做好D。\n2.做好E。（甲局负责）"]
    parsed = [parse_rows(SourceText.from_text(text, source=f"d{i}.txt"), strict=False) for i, text in enumerate(texts)]
    parsed.append(parse_rows(SourceText.from_text("一、公开\n1.做好F。", source="none.txt"), strict=False))
    fresh = lambda: [parse_rows(SourceText.from_text(text, source=f"d{i}.txt"), strict=False)  # noqa: E731
                     for i, text in enumerate(texts)]
    names = tables.RESPONSIBILITY_COLUMNS
    as_records = tables._stacked([p.responsibilities for p in parsed], names)
    as_columns = tables._stacked([_as_columns(p.responsibilities) for p in parsed], names)
    assert {name: list(values) for name, values in as_records.columns.items()} == as_columns.columns
    mixed = fresh()
    mixed[1].responsibilities.columns  # one part read as columns, the others still records
    assert list(tables._stacked([p.responsibilities for p in mixed], names).columns["unit"]) == ["甲局", "乙局", "丙局",
                                                                                             "丁局", "甲局"]
    pd.testing.assert_frame_equal(tables.tables_from_rows(fresh()).responsibilities,
                                  tables.responsibilities_frame(_as_columns(_stacked_all(fresh()))))


def _stacked_all(parsed):
    return tables._stacked([_as_columns(p.responsibilities) for p in parsed], tables.RESPONSIBILITY_COLUMNS)
