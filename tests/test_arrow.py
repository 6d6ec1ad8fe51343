"""Arrow columns built from buffers (gongkai_analysis.arrow) equal pyarrow's own conversion."""

import subprocess
import sys

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gongkai_analysis as gk
from gongkai_analysis import arrow

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=6)
# few distinct values (the dictionary road) or many (the direct one), with and without missing ones
TEXTS = st.one_of(st.lists(st.one_of(st.none(), TEXT), max_size=40),
                  st.lists(st.sampled_from(["甲局", "乙局", "", None]), max_size=40))


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.booleans())
def test_strings_equal_pa_array(values, large):
    kind = pa.large_string() if large else pa.string()
    assert arrow.strings(values, large=large).equals(pa.array(values, type=kind))


@settings(max_examples=50, deadline=None)
@given(st.integers(257, 400), st.randoms(), st.booleans())
def test_strings_with_more_codes_than_a_byte_holds_equal_pa_array(distinct, rnd, large):
    # more than 256 distinct values, each about twice: the dictionary road with int32 codes
    values = [None if i >= 2 * distinct else f"词{i % distinct}" for i in range(2 * distinct + 10)]
    rnd.shuffle(values)
    kind = pa.large_string() if large else pa.string()
    assert len(set(values)) > 256
    assert arrow.strings(values, large=large).equals(pa.array(values, type=kind))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-2**63, 2**63 - 1)), max_size=30))
def test_integers_equal_pa_array(values):
    assert arrow.integers(values).equals(pa.array(values, type=pa.int64()))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.booleans()), max_size=40))
def test_booleans_equal_pa_array(values):
    assert arrow.booleans(values).equals(pa.array(values, type=pa.bool_()))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(["lead", "responsible", "support"])), max_size=30))
def test_dictionary_equals_pa_dictionary_array(values):
    categories = ("lead", "responsible", "support")
    expected = pa.DictionaryArray.from_arrays(
        pa.array([None if v is None else categories.index(v) for v in values], type=pa.int8()),
        pa.array(categories, type=pa.large_string()), ordered=True)
    assert arrow.dictionary(values, categories).equals(expected)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.lists(TEXT.filter(bool), max_size=5)), max_size=20))
def test_string_lists_equal_pa_array(values):
    assert arrow.string_lists(values).equals(pa.array(values, type=pa.list_(pa.string())))


@pytest.mark.parametrize("build, values", [(arrow.strings, ["a", 3]), (arrow.strings, [["a"]]),
                                           (arrow.integers, [1.5]), (arrow.integers, ["1"]),
                                           (arrow.booleans, [2]), (arrow.booleans, ["yes"]),
                                           (arrow.booleans, [None, 300]), (arrow.booleans, [-1]),
                                           (arrow.string_lists, ["ab"])])
def test_a_value_of_the_wrong_kind_is_a_type_error(build, values):
    with pytest.raises(TypeError):
        build(values)


@pytest.mark.parametrize("build, kind", [(arrow.strings, pa.large_string()), (arrow.integers, pa.int64()),
                                         (arrow.booleans, pa.bool_())])
@pytest.mark.parametrize("n", [1, 2, 300])
def test_a_column_no_row_fills_equals_pa_array(build, kind, n):
    assert build([None] * n).equals(pa.array([None] * n, type=kind))


def test_a_value_outside_the_vocabulary_is_named():
    with pytest.raises(ValueError, match="'owner'"):
        arrow.dictionary(["lead", "owner"], ("lead", "support"))


@pytest.mark.parametrize("flags", [["--jobs", "1"], ["--jobs", "2", "--no-tokens"]])
def test_gongkai_parse_never_imports_pandas(tmp_path, flags):
    # pandas costs some 0.4 s to import and 0.1 s at exit: the command that parses a corpus does without it
    code = ("import sys; from gongkai_analysis.cli import main; "
            f"status = main(['parse', {str(gk.config.BUNDLED_DOCUMENT)!r}, '--out', {str(tmp_path / 'out')!r}, "
            f"'-q', *{flags!r}]); "
            "print(status, 'pandas' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "False"]
    assert (tmp_path / "out" / "tasks.csv").is_file()


def test_a_dictionary_of_more_categories_than_int8_codes_hold_is_refused():
    categories = tuple(f"c{k}" for k in range(128))
    assert arrow.dictionary(["c126"], categories[:127]).indices.to_pylist() == [126]
    with pytest.raises(ValueError, match="128 categories"):
        arrow.dictionary(["c127"], categories)


FORMULA_TEXT = st.text(alphabet=st.sampled_from("=+-@\t\r甲a "), max_size=4)


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.lists(st.lists(st.one_of(st.none(), FORMULA_TEXT, TEXT), max_size=12), min_size=1, max_size=3),
       st.booleans(), st.integers(0, 3))
def test_csv_cells_skip_the_formula_regex_only_where_no_value_starts_a_formula(chunks, large, cut):
    # csv_table reads the first byte of each value before it runs the regex; chunked and sliced columns too
    from gongkai_analysis.output.tables import FORMULA_START, _may_start_formula, csv_table

    kind = pa.large_string() if large else pa.string()
    column = pa.chunked_array([pa.array(chunk, type=kind) for chunk in chunks], type=kind)
    column = column.slice(min(cut, len(column)))
    if not _may_start_formula(column):
        assert not any(value and value.startswith(FORMULA_START) for value in column.to_pylist())
    quoted = [None if v is None else ("'" + v if v.startswith(FORMULA_START) else v) for v in column.to_pylist()]
    assert csv_table(pa.table({"c": column})).column("c").to_pylist() == quoted


def test_pandas_version_read_from_its_metadata_file_is_importlib_metadata_s():
    # written into every Parquet file's pandas metadata; read without importing importlib.metadata (30 ms)
    import importlib.metadata

    from gongkai_analysis import schema

    assert schema._pandas_version.__wrapped__() == importlib.metadata.version("pandas")


def test_version_is_printed_when_asked(capsys):
    from gongkai_analysis.cli import main

    main(["--version"])
    assert capsys.readouterr().out == f"gongkai {gk.config.version()}\n"
