"""`gongkai parse` builds Arrow tables straight from the parser's rows (no pandas); the files it writes
are the very files the library's DataFrames give."""

from pathlib import Path

import pyarrow as pa
import pytest

import gongkai_analysis as gk
from gongkai_analysis import schema
from gongkai_analysis.output.tables import write_part
from gongkai_analysis.parsing.build import parse_rows
from gongkai_analysis.parsing.segment import make_segmenter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DOCUMENTS = [gk.config.BUNDLED_DOCUMENT, *sorted(p for p in FIXTURES.iterdir() if p.name != "no_tasks.txt")]


@pytest.fixture(scope="module")
def parsed():
    segmenter = make_segmenter("rjieba")
    return {tokens: [parse_rows(path, strict=False, segmenter=segmenter if tokens else None) for path in DOCUMENTS]
            for tokens in (False, True)}


ERRORS = [{"file": "a.doc", "error": "a.doc: =unsupported"}]


@pytest.mark.parametrize("tokens", [False, True])
def test_arrow_tables_equal_the_frames_converted(parsed, tokens):
    frames = schema.tables_from_rows(parsed[tokens], ERRORS)
    tables = schema.arrow_tables_from_rows(parsed[tokens], ERRORS)
    for name in schema.Tables._fields:
        expected = pa.Table.from_pandas(getattr(frames, name), preserve_index=False)
        got = getattr(tables, name)
        assert got.schema.equals(expected.schema, check_metadata=True), name
        assert got.equals(expected), name


@pytest.mark.parametrize("tokens", [False, True])
def test_written_files_are_byte_identical(parsed, tokens, tmp_path):
    frames = schema.tables_from_rows(parsed[tokens], ERRORS)
    tables = schema.arrow_tables_from_rows(parsed[tokens], ERRORS)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    part_a = write_part(frames, tmp_path / "a", 0)
    part_b = write_part(tables, tmp_path / "b", 0)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b and len(files_a) == 7  # five CSV parts, two Parquet parts
    for name in files_a:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert part_a == part_b
    assert part_b.documents == len(DOCUMENTS) and part_b.errors == [("a.doc", "a.doc: =unsupported")]


def test_parquet_read_back_with_pandas_keeps_the_library_dtypes(parsed, tmp_path):
    import pandas as pd

    write_part(schema.arrow_tables_from_rows(parsed[True]), tmp_path, 0)
    frames = schema.tables_from_rows(parsed[True])
    for name in ("tasks", "responsibilities"):
        back = pd.read_parquet(tmp_path / f"{name}.parquet")
        expected = getattr(frames, name)
        assert back.dtypes.astype(str).tolist() == expected.dtypes.astype(str).tolist(), name
        assert back.drop(columns=["tokens", "keywords"], errors="ignore").equals(
            expected.drop(columns=["tokens", "keywords"], errors="ignore")), name


def test_a_bad_role_is_named_on_the_arrow_road_too():
    row = {name: None for name in schema.RESPONSIBILITY_COLUMNS}
    row.update(collective=False, open_ended=False, known=False, role="owner", mode="sole")
    with pytest.raises(gk.ColumnError, match="column role: 'owner' is not one of lead, responsible, support"):
        schema.arrow_table([row], schema.RESPONSIBILITY_COLUMNS)
    row.update(role="lead", collective=None)
    with pytest.raises(gk.ColumnError, match="column collective"):
        schema.arrow_table([row], schema.RESPONSIBILITY_COLUMNS)
