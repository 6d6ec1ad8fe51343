"""The DataFrame columns of schema._column equal those of the exact roads they replace, whatever the values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai_analysis import schema
from gongkai_analysis.errors import ColumnError

SETTINGS = settings(max_examples=400, deadline=None, derandomize=True, database=None)
MISSING = st.sampled_from([None, pd.NA])


def exact(values, dtype, name="c"):
    """The roads _column took before its shortcuts (numpy's fromiter, pd.array)."""
    if dtype in schema.CATEGORICAL:
        dtype = schema.pandas_dtypes({name: dtype})[name]
        index = {category: code for code, category in enumerate(dtype.categories)}
        codes = np.fromiter((-1 if v is None else index[v] for v in values), dtype=np.int8, count=len(values))
        return pd.Categorical.from_codes(codes, dtype=dtype)
    if dtype == "bool" and any(v is None or v is pd.NA for v in values):
        raise ColumnError("missing", source=name)
    if dtype == "Int64":
        missing = np.fromiter((v is None or v is pd.NA for v in values), dtype=bool, count=len(values))
        if any(not isinstance(v, (int, np.integer)) for v, m in zip(values, missing) if not m):
            raise ColumnError("not a whole number", source=name)
        numbers = np.fromiter((0 if m else v for v, m in zip(values, missing)), dtype=np.int64, count=len(values))
        return pd.arrays.IntegerArray(numbers, missing)
    if dtype == "str":
        import pyarrow as pa

        try:
            return pd.array(pa.array(values, type=pa.large_string(), from_pandas=True), dtype="str")
        except (pa.ArrowTypeError, pa.ArrowInvalid):
            return pd.array(values, dtype="str")
    return np.asarray(values, dtype=dtype)


def same(values, dtype):
    try:
        expected = exact(values, dtype)
    except (KeyError, ColumnError, TypeError, ValueError, OverflowError) as exc:
        with pytest.raises(ColumnError if isinstance(exc, (KeyError, ColumnError)) else type(exc)):
            schema._column(values, dtype)
        return
    got = schema._column(values, dtype)
    assert type(got) is type(expected) and got.dtype == expected.dtype
    if isinstance(got, np.ndarray):
        np.testing.assert_array_equal(got, expected)
    else:
        pd.testing.assert_extension_array_equal(got, expected)


@SETTINGS
@given(st.lists(st.one_of(MISSING, st.integers(-2**63, 2**63 - 1), st.booleans(),
                          st.integers(2**63, 2**64), st.floats(), st.sampled_from(["2", 2.0])),
                 max_size=30))
def test_int64_columns_equal_the_fromiter_road(values):
    same(values, "Int64")


@SETTINGS
@given(st.lists(st.one_of(MISSING, st.sampled_from(["lead", "responsible", "support", "owner"])), max_size=30))
def test_categorical_columns_equal_the_fromiter_road(values):
    same(values, "role")


@SETTINGS
@given(st.lists(st.one_of(MISSING, st.booleans(), st.integers(-1, 300), st.text(max_size=2)), max_size=30))
def test_bool_columns_equal_the_exact_road(values):
    same(values, "bool")


@SETTINGS
@given(st.lists(st.one_of(st.none(), st.text(max_size=5), st.just(float("nan"))), max_size=30))
def test_str_columns_equal_pd_array(values):
    same(values, "str")
