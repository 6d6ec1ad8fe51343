"""Arrow arrays from Python values, built from their buffers, without importing pandas.

pyarrow converts Python objects (``pa.array(a_list)``, ``pa.scalar("x")``, a
Python string given to a compute function) through code that first imports
pandas, to recognise pandas' missing values: some 0.4 s at the start of every
``gongkai parse`` and 0.1 s at its exit, before and after any work.  The
parser's tables hold only a few plain types (text, whole numbers, flags, the
codes of a vocabulary, lists of words), so their columns are built here from
the buffers Arrow keeps them in: UTF-8 bytes, offsets and validity bitmaps,
made by ``str.encode``, :mod:`array` and :func:`itertools.accumulate`.
``tests/test_arrow.py`` holds every builder equal to ``pa.array`` over
Hypothesis examples, and checks that a ``gongkai parse`` run never imports pandas.

A missing value is ``None``.  A value of the wrong kind raises
:class:`TypeError`, so that the caller decides what to do with it.

Arrow's compute functions (``take``, ``cast`` …) are called through
:func:`call`, without importing :mod:`pyarrow.compute`, which makes a Python
wrapper for each of its some 300 functions (70 ms at every start).

Examples
--------
>>> strings(["政务", None]).to_pylist(), integers([1, None]).to_pylist()
(['政务', None], [1, None])
>>> dictionary(["lead", None], ("lead", "support")).type
DictionaryType(dictionary<values=large_string, indices=int8, ordered=1>)
"""

from __future__ import annotations

import array as _array
import functools
import operator
from collections import defaultdict
from itertools import accumulate, chain, count, repeat


@functools.lru_cache(maxsize=1)
def compute():
    """The module of Arrow's compute functions and their options: ``pyarrow._compute``.

    ``pyarrow.compute`` (its public face) imports it and then writes a Python
    wrapper with a docstring for each of some 300 functions: 70 ms at every
    start of ``gongkai parse``, for the handful called here.  Where a pyarrow
    has no ``_compute``, the public module serves.

    Returns
    -------
    module
        With ``call_function`` and the options classes (``CastOptions`` …).

    Examples
    --------
    >>> compute().call_function("add", [integers([1, 2]), integers([1, 1])]).to_pylist()
    [2, 3]
    """
    try:
        import pyarrow._compute as module
    except ImportError:  # a pyarrow laid out otherwise
        import pyarrow.compute as module
    return module


def call(name: str, args: list, options=None):
    """Arrow's compute function `name` on `args`, as ``pyarrow.compute.call_function`` runs it.

    Parameters
    ----------
    name : str
        The function (``take``, ``cast``, ``sum`` …).
    args : list
        Arrays, chunked arrays or scalars.
    options : FunctionOptions, optional
        Its options (the function's defaults when None).

    Returns
    -------
    pyarrow.Array, pyarrow.ChunkedArray or pyarrow.Scalar

    Examples
    --------
    >>> call("take", [strings(["a", "b"]), integers([1, 1, 0])]).to_pylist()
    ['b', 'b', 'a']
    """
    return compute().call_function(name, args, options)


def cast(values, kind):
    """`values` as Arrow type `kind`, checked as ``values.cast(kind)`` checks it.

    Parameters
    ----------
    values : pyarrow.Array or pyarrow.ChunkedArray
    kind : pyarrow.DataType

    Returns
    -------
    pyarrow.Array or pyarrow.ChunkedArray

    Examples
    --------
    >>> import pyarrow as pa
    >>> cast(integers([1, None]), pa.int8()).type
    DataType(int8)
    """
    return call("cast", [values], compute().CastOptions.safe(kind))


def _validity(values: list):
    """The validity bitmap of `values` (None is missing), or None when nothing is missing."""
    import pyarrow as pa

    if values.count(None) == 0:
        return None
    flags = bytes(map(operator.is_not, values, repeat(None)))  # in C: twice as fast as a comprehension
    return cast(pa.Array.from_buffers(pa.uint8(), len(values), [None, pa.py_buffer(flags)]), pa.bool_()).buffers()[1]


def strings(values: list, *, large: bool = True):
    """A string array (``large_string``, or ``string`` with `large` false) of `values`.

    A table's text columns repeat themselves (a doc_id on every row, a few
    dozen unit names, a few thousand words): each distinct value is encoded
    once (a missing one as the dictionary's null), every value's code is
    found in one pass in C (a dictionary whose default is the next code), and Arrow spells the codes out
    (``take``, which carries the nulls over).  That is
    twice as fast as encoding every value.

    Parameters
    ----------
    values : list of str or None
    large : bool, default True
        64-bit offsets (``large_string``, what pandas' ``str`` dtype gives) or 32-bit.

    Returns
    -------
    pyarrow.Array

    Raises
    ------
    TypeError
        When a value is neither a str nor None.

    Examples
    --------
    >>> strings(["a", None, "公开", "a"]).to_pylist()
    ['a', None, '公开', 'a']
    >>> strings([1])
    Traceback (most recent call last):
    ...
    TypeError: not a str: 1
    """
    import pyarrow as pa

    kind = pa.large_string() if large else pa.string()
    if values and values[0] is None and values.count(None) == len(values):  # a column no row fills (extra …)
        return pa.nulls(len(values), kind)
    # Each value's code in one pass in C: a value not seen before gets the next number (the
    # dictionary's default), so the codes count the distinct values in order of first appearance.
    code = defaultdict(count().__next__)
    try:
        try:  # bytes() packs codes below 256 without converting each to a C int
            codes = pa.Array.from_buffers(pa.uint8(), len(values),
                                          [None, pa.py_buffer(bytes(map(code.__getitem__, values)))])
        except ValueError:  # a 257th distinct value: int32 codes (the values seen keep theirs)
            looked_up = operator.itemgetter(*values)(code)
            codes = pa.Array.from_buffers(pa.int32(), len(values), [None, pa.py_buffer(_array.array("i", looked_up))])
    except TypeError:  # an unhashable value (a list)
        raise TypeError(f"not a str: {next(v for v in values if not isinstance(v, (str, type(None))))!r}") from None
    missing = None in code
    if len(code) * 2 > len(values):  # mostly distinct (task texts): encode them all, skip the codes
        return _encoded(values, kind, _validity(values) if missing else None)
    distinct = list(code)  # None among them when a value is missing: a null word, which take copies
    words = _encoded(distinct, kind, _validity(distinct) if missing else None)
    return call("take", [words, codes])  # Arrow spells the codes out (a little faster than casting a dictionary array)


def _encoded(values: list, kind, validity=None):
    """A string array of `kind` from `values`, each encoded to UTF-8 (None, where `validity` says so)."""
    import pyarrow as pa

    try:
        encoded = [b"" if value is None else value.encode("utf-8") for value in values]
    except AttributeError:
        raise TypeError(f"not a str: {next(v for v in values if not isinstance(v, (str, type(None))))!r}") from None
    offsets = _array.array("q" if kind == pa.large_string() else "i", accumulate(map(len, encoded), initial=0))
    return pa.Array.from_buffers(kind, len(values), [validity, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))])


def integers(values: list):
    """An ``int64`` array of `values`.

    Parameters
    ----------
    values : list of int or None

    Returns
    -------
    pyarrow.Array

    Raises
    ------
    TypeError
        When a value is not a whole number (a float, a str) nor None.

    Examples
    --------
    >>> integers([3, None, 5]).to_pylist()
    [3, None, 5]
    """
    import pyarrow as pa

    if values and values[0] is None and values.count(None) == len(values):  # a column no row fills (part …)
        return pa.nulls(len(values), pa.int64())
    numbers, validity = _packed("q", values)
    return pa.Array.from_buffers(pa.int64(), len(values), [validity, pa.py_buffer(numbers)])


def _packed(code: str, values: list):
    """`values` as an :mod:`array` of type `code` (None as 0) and their validity bitmap (None: none missing).

    Raises TypeError (or OverflowError) for a value the array type cannot hold.
    """
    try:
        return _array.array(code, values), None
    except TypeError:  # None among the values
        return _array.array(code, [0 if value is None else value for value in values]), _validity(values)


def booleans(values: list):
    """A ``bool`` array of `values`.

    Parameters
    ----------
    values : list of bool or None

    Returns
    -------
    pyarrow.Array

    Raises
    ------
    TypeError
        When a value is not a bool (or a number read as one) nor None.

    Examples
    --------
    >>> booleans([True, False, None]).to_pylist()
    [True, False, None]
    """
    import pyarrow as pa

    try:  # bytes() takes the flags as small ints in C, twice as fast as an array of them
        try:
            flags, validity = bytes(values), None
        except TypeError:  # None among them (or a value that is no number at all)
            flags, validity = bytes(0 if value is None else value for value in values), _validity(values)
    except ValueError:  # a number beyond a byte
        raise TypeError("not a bool") from None
    if flags.translate(None, b"\x00\x01"):  # a number other than 0 and 1
        raise TypeError("not a bool")
    as_bytes = pa.Array.from_buffers(pa.uint8(), len(values), [None, pa.py_buffer(flags)])
    bits = cast(as_bytes, pa.bool_()).buffers()[1]
    return pa.Array.from_buffers(pa.bool_(), len(values), [validity, bits])


def dictionary(values: list, categories: tuple[str, ...]):
    """An ordered dictionary array (``int8`` codes into `categories`) of `values`.

    Parameters
    ----------
    values : list of str or None
    categories : tuple of str
        The vocabulary, in its order.

    Returns
    -------
    pyarrow.DictionaryArray

    Raises
    ------
    ValueError
        Naming the first value outside `categories`.

    Examples
    --------
    >>> dictionary(["b", "a", None], ("a", "b")).indices.to_pylist()
    [1, 0, None]
    >>> dictionary(["c"], ("a", "b"))
    Traceback (most recent call last):
    ...
    ValueError: 'c'
    """
    import pyarrow as pa

    if len(categories) > 127:  # int8 indices, the type pandas writes for a small category
        raise ValueError(f"{len(categories)} categories: at most 127 fit int8 codes")
    code = {category: k for k, category in enumerate(categories)}
    code[None] = 0  # any code: the validity bitmap says the value is missing
    try:
        codes = pa.py_buffer(bytes(map(code.__getitem__, values)))  # each code looked up in C; read as int8
    except (KeyError, TypeError):  # TypeError: a value that cannot be a key (a list)
        raise ValueError(repr(next(v for v in values if v is not None and v not in categories))) from None
    indices = pa.Array.from_buffers(pa.int8(), len(values), [_validity(values), codes])
    return pa.DictionaryArray.from_arrays(indices, strings(list(categories)), ordered=True)


def string_lists(values: list):
    """A ``list<string>`` array of `values` (lists of words).

    Parameters
    ----------
    values : list of (list of str) or None

    Returns
    -------
    pyarrow.ListArray

    Raises
    ------
    TypeError
        When a value is not a list (or tuple) of str nor None.

    Examples
    --------
    >>> string_lists([["政务", "公开"], [], None]).to_pylist()
    [['政务', '公开'], [], None]
    """
    import pyarrow as pa

    if not set(map(type, values)) <= {list, tuple, type(None)} and not all(  # the types at once, in C
            value is None or isinstance(value, (list, tuple)) for value in values):
        raise TypeError("not a list of str")
    validity = _validity(values)
    present = values if validity is None else [value for value in values if value is not None]
    words = strings(list(chain.from_iterable(present)), large=False)
    lengths = map(len, values) if validity is None else (0 if value is None else len(value) for value in values)
    offsets = _array.array("i", accumulate(lengths, initial=0))
    offset_array = pa.Array.from_buffers(pa.int32(), len(offsets), [None, pa.py_buffer(offsets)])
    if validity is None:
        return pa.ListArray.from_arrays(offset_array, words)
    present = pa.Array.from_buffers(pa.bool_(), len(values), [None, validity])
    return pa.ListArray.from_arrays(offset_array, words, mask=call("invert", [present]))


def scalar(text: str):
    """A ``string`` scalar of `text` (for a compute function's argument).

    Parameters
    ----------
    text : str

    Returns
    -------
    pyarrow.StringScalar

    Examples
    --------
    >>> scalar(" ").as_py()
    ' '
    """
    return strings([text], large=False)[0]
