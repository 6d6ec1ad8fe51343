"""The tidy tables' schemas: column order, dtypes, the task key, and the checks on them.

Every table the parser returns is made here, so that the columns, their
dtypes and the order of the fixed vocabularies (from :mod:`gongkai_analysis.vocab`)
are the same everywhere.  Analyses check their input with :func:`require_columns`
and key their output by :data:`TASK_KEY`.

Each table's columns are given once, by the name of their type: ``str``,
``int64``, ``Int64`` (whole numbers that may be missing), ``bool``, and the
names of the categorical vocabularies (``role``, ``mode``).  The same rows
become pandas DataFrames (:func:`tables_from_rows`, for the library) or
Arrow tables (:func:`arrow_tables_from_rows`, for ``gongkai parse``, which
writes them without importing pandas), with the same checks.

Examples
--------
>>> responsibilities_frame([])["role"].cat.categories.tolist()
['lead', 'responsible', 'support']
>>> arrow_table([], RESPONSIBILITY_COLUMNS).schema.field("role").type
DictionaryType(dictionary<values=large_string, indices=int8, ordered=1>)
>>> list(TASK_COLUMNS)[:4]
['doc_id', 'task_id', 'seq', 'number']
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import operator
from collections.abc import Iterable
from types import MappingProxyType
from typing import NamedTuple

from .vocab import MODES, ROLES

TASK_COLUMNS = {
    "doc_id": "str", "task_id": "str", "seq": "int64", "number": "int64", "part": "Int64",
    "section_no": "Int64", "section_title": "str", "subsection_no": "Int64", "subsection_title": "str",
    "text": "str", "clause": "str", "time_limit": "str", "line": "int64", "text_original": "str",
    "kind": "str", "extra": "str", "piece": "Int64",
}
RESPONSIBILITY_COLUMNS = {
    "doc_id": "str", "task_id": "str", "unit": "str", "unit_raw": "str", "alias": "str",
    "role": "role", "mode": "mode", "collective": "bool", "open_ended": "bool", "known": "bool",
    "category": "str", "unit_function": "str",
}
SECTION_COLUMNS = {
    "doc_id": "str", "level": "str", "section_no": "Int64", "number": "int64", "title": "str", "clause": "str",
    "framing": "bool", "intro": "str", "line": "int64", "part": "Int64",
}
META_COLUMNS = {
    "doc_id": "str", "source": "str", "encoding": "str", "script": "str", "title": "str",
    "notice_title": "str", "issuer": "str", "doc_number": "str", "date": "str",
    "year": "Int64", "recipients": "str", "index_no": "str", "preamble": "str",
    "closing": "str", "n_sections": "int64", "n_tasks": "int64", "n_units": "int64",
    "n_responsibilities": "int64", "n_unassigned": "int64", "warnings": "str",
    "n_warnings": "int64", "n_unknown_units": "int64", "n_suspect_units": "int64",
    "task_level": "str", "n_parts": "int64",
}


ERROR_COLUMNS = {"file": "str", "error": "str"}
#: Columns of lists, present when the tasks were segmented.
TOKEN_COLUMNS = ("tokens", "keywords")
#: The vocabulary of each categorical column type, in its order.
CATEGORICAL = {"role": ROLES, "mode": MODES}


def pandas_dtypes(columns: dict) -> dict:
    """The pandas dtype of each column of a table's columns (:data:`TASK_COLUMNS` …).

    Parameters
    ----------
    columns : dict
        Column name → type name, as the ``…_COLUMNS`` dicts give them.

    Returns
    -------
    dict
        Column name → what ``DataFrame.astype`` takes: the categorical
        vocabularies become their ordered dtypes from :mod:`gongkai_analysis.vocab`.

    Examples
    --------
    >>> dtypes = pandas_dtypes(RESPONSIBILITY_COLUMNS)
    >>> dtypes["unit"], dtypes["role"].categories.tolist(), dtypes["role"].ordered
    ('str', ['lead', 'responsible', 'support'], True)
    """
    from . import vocab

    return {name: getattr(vocab, f"{kind.upper()}_DTYPE") if kind in CATEGORICAL else kind
            for name, kind in columns.items()}


class Rows:
    """The rows of one table kept as columns: one sequence per column (a list, or the parser's tuples).

    The parser's tasks and responsibilities are kept this way (the tables are
    then built column by column, with no row dict made and no transposing).
    Read row by row, they give one read-only mapping per row (a value is
    changed through :attr:`columns`; assigning to a row raises, rather than
    changing a copy that nothing reads).

    Parameters
    ----------
    names : iterable of str
        The columns, in order.

    Examples
    --------
    >>> rows = Rows(["unit", "role"])
    >>> rows.columns["unit"] += ["甲局", "乙局"]
    >>> rows.columns["role"] += ["lead", "responsible"]
    >>> len(rows), dict(rows[0]), [row["unit"] for row in rows]
    (2, {'unit': '甲局', 'role': 'lead'}, ['甲局', '乙局'])
    >>> [dict(row) for row in rows[-1:]]
    [{'unit': '乙局', 'role': 'responsible'}]
    >>> rows[0]["role"] = "support"
    Traceback (most recent call last):
    TypeError: 'mappingproxy' object does not support item assignment
    >>> rows.columns["role"][0] = "support"
    >>> rows[0]["role"]
    'support'
    """

    __slots__ = ("_columns", "_records")

    def __init__(self, names: Iterable[str]) -> None:
        self._columns: dict[str, list | tuple] | None = {name: [] for name in names}
        self._records: _Records | None = None

    @classmethod
    def from_records(cls, names: Iterable[str], records: list[tuple], *, repeated: dict | None = None,
                     per_row: dict | None = None) -> Rows:
        """Rows kept as the tuples they were made as, turned into columns only when :attr:`columns` is read.

        The parser's responsibilities are the cached tuples of each clause's
        units (shared by every task that names the clause), under their task's
        id: kept so, a document holds one reference per row instead of a
        column per cell, and :func:`tables_from_rows` turns the rows of every
        document into columns in one pass.

        Parameters
        ----------
        names : iterable of str
            Every column, in order: those of `repeated`, of `per_row`, then one per field of a record.
        records : list of tuple
            The remaining cells of each row.
        repeated : dict, optional
            Columns with one value for every row (a document's ``doc_id``).
        per_row : dict, optional
            Columns given as a sequence, one value per row.

        Returns
        -------
        Rows

        Examples
        --------
        >>> rows = Rows.from_records(["doc_id", "task_id", "unit", "role"], [("甲局", "lead"), ("乙局", "support")],
        ...                          repeated={"doc_id": "d"}, per_row={"task_id": ["1", "2"]})
        >>> len(rows), dict(rows[1])
        (2, {'doc_id': 'd', 'task_id': '2', 'unit': '乙局', 'role': 'support'})
        >>> rows.values("unit")
        ('甲局', '乙局')
        """
        names = list(names)
        repeated, per_row = repeated or {}, per_row or {}
        fields = names[len(repeated) + len(per_row):]
        if names[: len(repeated) + len(per_row)] != [*repeated, *per_row]:
            raise ValueError("the columns of repeated and per_row come first, in that order")
        table = cls.__new__(cls)
        table._columns, table._records = None, _Records(names, fields, records, repeated, per_row)
        return table

    @property
    def columns(self) -> dict[str, list | tuple]:
        """Column name → its values, one per row (a new table's columns are empty lists).

        Rows kept as records (:meth:`from_records`) are turned into columns
        the first time this is read, and kept so.

        Returns
        -------
        dict

        Examples
        --------
        >>> rows = Rows.from_records(["doc_id", "unit"], [("甲局",)], repeated={"doc_id": "d"})
        >>> rows.columns
        {'doc_id': ['d'], 'unit': ('甲局',)}
        """
        if self._columns is None:
            self._columns, self._records = self._records.columns(), None
        return self._columns

    @columns.setter
    def columns(self, value: dict[str, list | tuple]) -> None:
        """Replace every column (records kept before are dropped).

        Parameters
        ----------
        value : dict
            Column name → its values.

        Examples
        --------
        >>> rows = Rows(["unit"])
        >>> rows.columns = {"unit": ["甲局", "乙局"]}
        >>> len(rows)
        2
        """
        self._columns, self._records = value, None

    def values(self, name: str) -> list | tuple:
        """The values of one column (of records, without turning the others into columns).

        Parameters
        ----------
        name : str
            A column of the rows.

        Returns
        -------
        list or tuple

        Examples
        --------
        >>> rows = Rows(["unit"])
        >>> rows.columns["unit"].append("甲局")
        >>> rows.values("unit")
        ['甲局']
        """
        if self._records is None:
            return self.columns[name]
        return self._records.values(name)

    def __len__(self) -> int:
        if self._records is not None:
            return len(self._records.records)
        return len(next(iter(self._columns.values()), ()))

    def __iter__(self):
        names = list(self.columns)
        return (MappingProxyType(dict(zip(names, values))) for values in zip(*self.columns.values()))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(self)[index]
        return MappingProxyType({name: values[index] for name, values in self.columns.items()})

    def __eq__(self, other) -> bool:
        if isinstance(other, Rows):
            return self.columns == other.columns
        return isinstance(other, list) and [dict(row) for row in self] == other

    def __repr__(self) -> str:
        return f"Rows({len(self)} rows: {', '.join(self.columns)})"


class _Records(NamedTuple):
    """Rows kept as records (see :meth:`Rows.from_records`)."""

    names: list[str]
    fields: list[str]
    records: list[tuple]
    repeated: dict
    per_row: dict

    def columns(self) -> dict[str, list | tuple]:
        return _record_columns([self])

    def values(self, name: str) -> tuple:
        if name in self.repeated:
            return (self.repeated[name],) * len(self.records)
        if name in self.per_row:
            return tuple(self.per_row[name])
        return tuple(map(operator.itemgetter(self.fields.index(name)), self.records))


def _record_columns(kept: list[_Records]) -> dict[str, list | tuple]:
    """The columns of records of one shape, one part's after another's (each column chained, the records'
    fields turned into columns by one ``zip``, in C)."""
    chain = itertools.chain.from_iterable
    first = kept[0]
    columns = {name: list(chain([itertools.repeat(r.repeated[name], len(r.records)) for r in kept]))
               for name in first.repeated}
    columns.update((name, list(chain([r.per_row[name] for r in kept]))) for name in first.per_row)
    records = list(chain([r.records for r in kept]))
    columns.update(zip(first.fields, zip(*records) if records else [()] * len(first.fields)))
    return {name: columns[name] for name in first.names}


def _columns_of(rows, names: list[str]) -> list[list]:
    """The values of each column named, from :class:`Rows` or from row dicts (a missing key: missing values)."""
    if isinstance(rows, Rows):
        data, n = rows.columns, len(rows)
        return [data[name] if name in data else [None] * n for name in names]
    return _transposed(rows, names)


def _has_column(rows, name: str) -> bool:
    """Whether `rows` carry the column `name` (row dicts: whether the first row has it)."""
    if isinstance(rows, Rows):
        return name in rows.columns
    return bool(rows) and name in rows[0]


def _stacked(parts: list, names: Iterable[str]):
    """The rows of many documents as one :class:`Rows` (lists of row dicts are transposed first)."""
    parts = list(parts)
    if all(isinstance(part, list) for part in parts):
        return [row for part in parts for row in part]
    names = list(names)
    if isinstance(parts[0], Rows):  # the list columns (tokens) go where the first part has them
        first = parts[0]._records.names if parts[0]._records is not None else parts[0].columns
        names += [name for name in first if name not in names]
    parts = [part if isinstance(part, Rows) else _as_rows(part, names) for part in parts]
    stacked = Rows(names)
    kept = [part._records for part in parts]
    if all(records is not None and records.names == names and records.repeated.keys() == kept[0].repeated.keys()
           and records.per_row.keys() == kept[0].per_row.keys() for records in kept):
        # every part kept as records of the same shape: the records of all, chained, turned into columns at once
        stacked.columns = _record_columns(kept)
        return stacked
    stacked.columns = {  # each column chained in C; a part without the column gives missing values
        name: list(itertools.chain.from_iterable(
            [part.columns[name] if name in part.columns else (None,) * len(part) for part in parts]))
        for name in names}
    return stacked


def _as_rows(rows: list[dict], names: list[str]) -> Rows:
    """Row dicts as :class:`Rows` of the columns named (a missing key is a missing value)."""
    table = Rows(names)
    if rows:
        table.columns = dict(zip(names, _transposed(rows, names)))
    return table


def _transposed(rows: list[dict], names: list[str]) -> list[list]:
    """The values of each column named, from row dicts (a missing key is a missing value)."""
    if len(names) > 1 and rows:
        try:  # the parser's rows carry every column: transpose them in one pass in C
            return [list(values) for values in zip(*map(operator.itemgetter(*names), rows))]
        except KeyError:  # rows from elsewhere may lack a column: column by column below
            pass
    columns = []
    for name in names:
        try:
            columns.append([row[name] for row in rows])
        except KeyError:  # a column missing from some rows is missing there
            columns.append([row.get(name) for row in rows])
    return columns


def _frame(rows, columns: dict, *, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """Build a frame from row dicts or :class:`Rows`, column by column, each with its dtype (lists stay objects).

    Building each column straight into its dtype is several times faster than
    ``pd.DataFrame(rows).astype(columns)`` and gives the same frame.
    """
    import numpy as np
    import pandas as pd

    names = [*columns, *(name for name in extra if _has_column(rows, name))]
    data = {}
    for name, values in zip(names, _columns_of(rows, names)):
        if name in columns:
            data[name] = _column(values, columns[name], name)
        else:  # a list column (tokens, keywords): one list per cell
            data[name] = column = np.empty(len(values), dtype=object)
            for i, value in enumerate(values):
                column[i] = value
    return pd.DataFrame(data, copy=False)


def _column(values: list, dtype, name: str = "?"):
    """One column in its dtype, by the fastest road there (the same array as ``pd.array(values, dtype)``).

    A value outside a categorical's vocabulary, or a missing value in a column
    that admits none (``int64``, ``bool``), raises :class:`ColumnError` naming
    the column; nothing is coerced.
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from .errors import ColumnError

    if dtype in CATEGORICAL:
        dtype = pandas_dtypes({name: dtype})[name]
        index = {category: code for code, category in enumerate(dtype.categories)}
        index[None] = 255  # read as the int8 code -1 (at most 127 categories: pandas' int8 codes)
        try:  # each code looked up by map in C, packed by bytearray (writable, unlike bytes)
            codes = np.frombuffer(bytearray(map(index.__getitem__, values)), dtype=np.int8)
        except KeyError as exc:
            raise ColumnError(f"{exc.args[0]!r} is not one of {', '.join(map(str, dtype.categories))}",
                              source=f"column {name}") from None
        return pd.Categorical.from_codes(codes, dtype=dtype)
    if dtype == "bool":
        try:  # bools (and 0/1) taken as bytes in C, five times as fast as numpy's look at each object
            flags = bytearray(values)  # (writable, unlike bytes: the frame's column may be written to)
        except (TypeError, ValueError):  # None, pd.NA or another kind of value among them: the checks below
            flags = None
        if flags is not None and not flags.translate(None, b"\x00\x01"):
            return np.frombuffer(flags, dtype=bool)
        if _holds(values, None) or _holds(values, pd.NA):  # numpy would read None as False
            raise ColumnError("a value is missing where every row needs one (bool)", source=f"column {name}")
    if dtype == "str":
        try:  # through Arrow directly: twice as fast as pandas' own checks
            strings = pa.array(values, type=pa.large_string(), from_pandas=True)
        except (pa.ArrowTypeError, pa.ArrowInvalid):  # not all strings: let pandas convert them
            return pd.array(values, dtype="str")
        return pd.arrays.ArrowStringArray(strings, dtype=_str_dtype())  # what pd.array makes of it, ten times as fast
    if dtype == "Int64":
        if not _holds(values, pd.NA):
            try:  # whole numbers and None: packed by array in C (a value of another kind takes the road below)
                numbers, missing = _int64_with_missing(values)
            except (TypeError, OverflowError):
                pass
            else:
                return pd.arrays.IntegerArray(numbers, missing)
        missing = np.fromiter((v is None or v is pd.NA for v in values), dtype=bool, count=len(values))
        if not all(isinstance(v, (int, np.integer)) for v, m in zip(values, missing) if not m):
            # (numpy would cut 1.5 to 1 and read "2" as 2: nothing is coerced)
            raise ColumnError("a value is not a whole number (Int64)", source=f"column {name}")
        numbers = np.fromiter((0 if m else v for v, m in zip(values, missing)), dtype=np.int64, count=len(values))
        return pd.arrays.IntegerArray(numbers, missing)
    if dtype in ("int64", "bool"):
        try:
            return np.asarray(values, dtype=dtype)
        except (TypeError, ValueError):
            raise ColumnError(f"a value is missing or not a whole number ({dtype})", source=f"column {name}") from None
    return pd.array(values, dtype=dtype)


def _holds(values: list, missing) -> bool:
    """Whether `missing` (None or pandas' NA) is among `values`, by identity, in C."""
    return any(map(operator.is_, values, itertools.repeat(missing)))


def _int64_with_missing(values: list):
    """`values` (whole numbers and None) as int64 numbers (0 where None) and the mask of the Nones.

    Raises TypeError or OverflowError for any other value.
    """
    import array

    import numpy as np

    n = len(values)
    n_missing = values.count(None)  # (identity first: in C, without a call per value)
    if n_missing == n:  # a column no row fills (part, piece …)
        return np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool)
    if n_missing == 0:
        return np.frombuffer(array.array("q", values), dtype=np.int64), np.zeros(n, dtype=bool)
    missing = np.frombuffer(bytearray(map(operator.is_, values, itertools.repeat(None))), dtype=bool)
    numbers = np.frombuffer(array.array("q", [0 if value is None else value for value in values]), dtype=np.int64)
    return numbers, missing


@functools.lru_cache(maxsize=1)
def _str_dtype():
    """pandas' ``str`` dtype (read once: looking it up by name costs a tenth of a column)."""
    import pandas as pd

    return pd.api.types.pandas_dtype("str")


def tasks_frame(rows: list[dict]) -> pd.DataFrame:
    """The tasks table from parser rows (with ``tokens`` and ``keywords`` when present).

    Parameters
    ----------
    rows : list of dict
        One dict per row, keyed by column name.  A missing key gives a
        missing value in a string or ``Int64`` column; an ``int64`` column
        must be filled by every row (a missing one raises :class:`ColumnError`).

    Returns
    -------
    DataFrame
        The columns of :data:`TASK_COLUMNS` in their dtypes, then ``tokens``
        and ``keywords`` (lists, as objects) when the first row has them.

    Raises
    ------
    TypeError
        When a row lacks ``seq``, ``number`` or ``line``.

    Examples
    --------
    >>> tasks = tasks_frame([{"doc_id": "d", "task_id": "1", "seq": 1, "number": 1, "line": 2,
    ...                       "text": "做好A。", "tokens": ["做好", "A"]}])
    >>> tasks[["task_id", "section_no", "text", "tokens"]].values.tolist()
    [['1', <NA>, '做好A。', ['做好', 'A']]]
    >>> str(tasks["section_no"].dtype), str(tasks["line"].dtype)
    ('Int64', 'int64')
    """
    return _frame(rows, TASK_COLUMNS, extra=TOKEN_COLUMNS)


def responsibilities_frame(rows: list[dict]) -> pd.DataFrame:
    """The responsibilities table from parser rows.

    Parameters
    ----------
    rows : list of dict
        One dict per row, keyed by column name.  A missing key gives a
        missing value in a string or ``Int64`` column; an ``int64`` column
        must be filled by every row (a missing one raises :class:`ColumnError`).

    Returns
    -------
    DataFrame
        The columns of :data:`RESPONSIBILITY_COLUMNS` in their dtypes:
        ``role`` and ``mode`` are the ordered categoricals of
        :mod:`gongkai_analysis.vocab`.

    Raises
    ------
    ColumnError
        When a ``role`` or ``mode`` is not in its vocabulary, or a ``bool``
        column has a missing value.

    Examples
    --------
    >>> resp = responsibilities_frame([{"doc_id": "d", "task_id": "1", "unit": "甲局", "role": "lead",
    ...                                 "mode": "sole", "collective": False, "open_ended": False,
    ...                                 "known": True}])
    >>> resp[["unit", "role", "mode", "known"]].values.tolist()
    [['甲局', 'lead', 'sole', True]]
    >>> resp["mode"].cat.categories.tolist()
    ['sole', 'joint', 'separate']
    """
    return _frame(rows, RESPONSIBILITY_COLUMNS)


def section_rows(sections: list[dict], doc_id: str) -> list[dict]:
    """Rows of the sections table: one per section and sub-section header.

    A sub-section gets the number of the section above it as
    ``section_no``; an empty intro becomes None.
    In a file that holds several documents, each part has a row of level
    ``part`` (its title, and the text before its first section as intro) and
    every row names its part.

    Parameters
    ----------
    sections : list of dict
        The builder's headers in reading order (``level``, ``number``, ``title``,
        ``framing``, ``intro``, ``line`` and, optionally, ``part``).
    doc_id : str
        The document's id, written into every row.

    Returns
    -------
    list of dict
        One row per header, with ``section_no`` the section a sub-section stands under.

    Examples
    --------
    >>> rows = section_rows([{"level": "section", "number": 2, "title": "甲", "framing": False, "intro": "",
    ...                       "line": 3},
    ...                      {"level": "subsection", "number": 1, "title": "乙", "framing": False, "intro": "",
    ...                       "line": 4}], "d")
    >>> [(r["level"], r["section_no"], r["number"], r["part"]) for r in rows]
    [('section', 2, 2, None), ('subsection', 2, 1, None)]
    """
    rows = []
    current = None
    for s in sections:
        if s["level"] == "section":
            current = s["number"]
        elif s["level"] in ("part", "division"):
            current = None
        rows.append({"doc_id": doc_id, "level": s["level"], "number": s["number"],
                     "section_no": current if s["level"] == "subsection" else
                     (None if s["level"] in ("part", "division") else s["number"]),
                     "title": s["title"], "clause": s.get("clause"), "framing": s["framing"],
                     "intro": s["intro"] or None,
                     "line": s["line"], "part": s.get("part")})
    return rows


def sections_frame(rows: list[dict]) -> pd.DataFrame:
    """The sections table.

    Parameters
    ----------
    rows : list of dict
        One dict per row (as :func:`section_rows` makes them), keyed by column name.  A missing key gives a
        missing value in a string or ``Int64`` column; an ``int64`` column
        must be filled by every row (a missing one raises :class:`ColumnError`).

    Returns
    -------
    DataFrame
        The columns of :data:`SECTION_COLUMNS` in their dtypes.

    Raises
    ------
    TypeError
        When a row lacks ``number`` or ``line``.

    Examples
    --------
    >>> rows = [{"doc_id": "d", "level": "section", "number": 1, "section_no": 1, "title": "公开",
    ...          "framing": False, "intro": None, "line": 1}]
    >>> sections_frame(rows)[["level", "section_no", "title", "intro"]].values.tolist()
    [['section', 1, '公开', nan]]
    """
    return _frame(rows, SECTION_COLUMNS)


def meta_frame(records: list[dict]) -> pd.DataFrame:
    """The metadata table: one row per document.

    Parameters
    ----------
    records : list of dict
        One dict per document, keyed by column name.  A missing key gives a
        missing value, except in the ``n_…`` counts, which every record must
        fill.

    Returns
    -------
    DataFrame
        The columns of :data:`META_COLUMNS` in their dtypes.

    Raises
    ------
    ColumnError
        When a record lacks one of the counts.

    Examples
    --------
    >>> counts = dict.fromkeys(["n_sections", "n_tasks", "n_units", "n_responsibilities", "n_unassigned",
    ...                         "n_warnings", "n_unknown_units", "n_suspect_units", "n_parts"], 0)
    >>> meta = meta_frame([{"doc_id": "d", "year": 2017, **counts, "n_tasks": 2}])
    >>> meta[["doc_id", "year", "title", "n_tasks"]].values.tolist()
    [['d', 2017, nan, 2]]
    """
    return _frame(records, META_COLUMNS)


def errors_frame(rows: list[dict]) -> pd.DataFrame:
    """Files that could not be parsed: file, error.

    Parameters
    ----------
    rows : list of dict
        One ``{"file": …, "error": …}`` per failed file.

    Returns
    -------
    DataFrame
        The columns of :data:`ERROR_COLUMNS`, as strings.

    Examples
    --------
    >>> errors_frame([{"file": "a.doc", "error": "unsupported"}]).values.tolist()
    [['a.doc', 'unsupported']]
    >>> errors_frame([]).columns.tolist()
    ['file', 'error']
    """
    return _frame(rows, ERROR_COLUMNS)


#: The key of a task in every table and every analysis output: one key always,
#: whether the tables hold one document or many.
TASK_KEY = ("doc_id", "task_id")


def require_columns(frame: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    """Raise :class:`~gongkai_analysis.errors.ColumnError` naming the columns `frame` lacks.

    Parameters
    ----------
    frame : DataFrame
        The table an analysis was given.
    columns : iterable of str
        The columns it needs.
    name : str
        What the table is (``tasks``, ``responsibilities`` …), for the message.

    Raises
    ------
    ColumnError
        Naming `name` and every column it lacks, in the order asked.

    Examples
    --------
    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"a": [1]}), ["a", "b"], "tasks")
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.ColumnError: tasks: missing column(s) b
    """
    from .errors import ColumnError

    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ColumnError(f"missing column(s) {', '.join(missing)}", source=name)


def task_index(tasks: pd.DataFrame) -> pd.MultiIndex:
    """The task key of each row, ``(doc_id, task_id)``, whatever the number of documents.

    Parameters
    ----------
    tasks : DataFrame
        Any table with ``doc_id`` and ``task_id`` (tasks, responsibilities …).

    Returns
    -------
    MultiIndex
        Levels ``doc_id`` and ``task_id``, one entry per row of `tasks`.

    Raises
    ------
    ColumnError
        When `tasks` lacks ``doc_id`` or ``task_id``.

    Examples
    --------
    >>> import pandas as pd
    >>> task_index(pd.DataFrame({"doc_id": ["d"], "task_id": ["1"]})).tolist()
    [('d', '1')]
    """
    import pandas as pd

    require_columns(tasks, TASK_KEY, "tasks")
    return pd.MultiIndex.from_frame(tasks[list(TASK_KEY)])


class Tables(NamedTuple):
    """The five tables of one or many documents, as the parser makes them.

    Attributes
    ----------
    meta, sections, tasks, responsibilities, errors : DataFrame
        As :func:`meta_frame`, :func:`sections_frame`, :func:`tasks_frame`,
        :func:`responsibilities_frame` and :func:`errors_frame` make them.

    Examples
    --------
    >>> tables = tables_from_rows([])
    >>> Tables._fields
    ('meta', 'sections', 'tasks', 'responsibilities', 'errors')
    >>> len(tables.tasks), tables.tasks.columns[:2].tolist()
    (0, ['doc_id', 'task_id'])
    """

    meta: pd.DataFrame
    sections: pd.DataFrame
    tasks: pd.DataFrame
    responsibilities: pd.DataFrame
    errors: pd.DataFrame


def tables_from_rows(parsed: list, errors: list[dict] | None = None) -> Tables:
    """Build the tables, each once, from the rows of many parsed documents.

    Parameters
    ----------
    parsed : list of Parsed
        Rows of each document (:func:`gongkai_analysis.parsing.parse_rows`).
    errors : list of dict, optional
        Files that could not be parsed: ``{"file": …, "error": …}``.

    Returns
    -------
    Tables

    Examples
    --------
    >>> tables_from_rows([], [{"file": "a.doc", "error": "unsupported"}]).errors.values.tolist()
    [['a.doc', 'unsupported']]
    """
    return Tables(**_built(parsed, errors, _frame))


def _built(parsed: list, errors: list[dict] | None, build) -> dict:
    """Each of the five tables, built once by `build` (:func:`_frame` or :func:`arrow_table`) from all rows."""
    with collector_paused():  # (many rows at once: see collector_paused)
        return {
            "meta": build([p.meta for p in parsed], META_COLUMNS),
            "sections": build([row for p in parsed for row in p.sections], SECTION_COLUMNS),
            "tasks": build(_stacked((p.tasks for p in parsed), TASK_COLUMNS), TASK_COLUMNS, extra=TOKEN_COLUMNS),
            "responsibilities": build(_stacked((p.responsibilities for p in parsed), RESPONSIBILITY_COLUMNS),
                                      RESPONSIBILITY_COLUMNS),
            "errors": build(errors or [], ERROR_COLUMNS),
        }


@contextlib.contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while rows are made or stacked into tables.

    Parsing a batch makes some ten thousand small dicts and lists, and
    transposing a corpus's rows into columns a tuple per row, none of them in
    a reference cycle: the collector would walk them over and over, and more
    often the more rows are already held (a tenth of the parse without
    tokens, a third of building the tables of 300 plans).  It is switched back
    on afterwards, and left alone when something else had switched it off.

    Yields
    ------
    None
        The block runs with the collector paused.

    Examples
    --------
    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: The tracker: internal column → its header in the workbook units fill in.
TRACKER_HEADERS = {
    "doc_id": "文件",
    "task_id": "任务编号",
    "unit": "责任单位",
    "role": "角色",
    "section": "所属部分",
    "task": "任务内容",
    "dimensions": "考核维度",
    "status": "完成状态",
    "completed_on": "完成日期",
    "evidence": "佐证材料链接",
    "note": "备注",
    "source": "数据来源",
}
#: The tracker's sheet.
TRACKER_SHEET = "跟踪表"


# --------------------------------------------------------------------------
# The same tables as Arrow tables (``gongkai parse`` writes them without pandas)
# --------------------------------------------------------------------------
class ArrowTables(NamedTuple):
    """The five tables as ``pyarrow.Table`` s, with the columns and checks of :class:`Tables`.

    Attributes
    ----------
    meta, sections, tasks, responsibilities, errors : pyarrow.Table

    Examples
    --------
    >>> tables = arrow_tables_from_rows([], [{"file": "a.doc", "error": "unsupported"}])
    >>> tables.errors.to_pylist(), tables.tasks.num_rows
    ([{'file': 'a.doc', 'error': 'unsupported'}], 0)
    """

    meta: object
    sections: object
    tasks: object
    responsibilities: object
    errors: object


def arrow_tables_from_rows(parsed: list, errors: list[dict] | None = None) -> ArrowTables:
    """Build the Arrow tables, each once, from the rows of many parsed documents.

    The same columns, types and checks as :func:`tables_from_rows`; the
    tables written from these hold the same values as those written from
    the DataFrames (``tests/output/test_arrow_path.py`` compares them).

    Parameters
    ----------
    parsed : list of Parsed
        Rows of each document (:func:`gongkai_analysis.parsing.parse_rows`).
    errors : list of dict, optional
        Files that could not be parsed: ``{"file": …, "error": …}``.

    Returns
    -------
    ArrowTables

    Raises
    ------
    ColumnError
        As :func:`tables_from_rows`: a role or mode outside its vocabulary, a
        missing value in an ``int64`` or ``bool`` column.

    Examples
    --------
    >>> from gongkai_analysis.parsing.build import parse_rows
    >>> tables = arrow_tables_from_rows([parse_rows("一、公开\\n1.做好A。(甲局牵头,乙局负责落实)\\n")])
    >>> tables.responsibilities.column("role").to_pylist(), tables.tasks.column("section_no").type
    (['lead', 'responsible'], DataType(int64))
    """
    return ArrowTables(**_built(parsed, errors, arrow_table))


def arrow_table(rows, columns: dict, *, extra: tuple[str, ...] = ()):
    """One table as a ``pyarrow.Table`` from row dicts (or :class:`Rows`), each column in its Arrow type.

    ``str`` → ``large_string``, ``int64`` and ``Int64`` → ``int64`` (the latter
    with nulls), ``bool`` → ``bool``, a vocabulary → an ordered
    ``dictionary<string, int8>``, list columns (`extra`, when the first row
    has them) → ``list<string>``: the types pandas' own conversion gives the
    DataFrames of :func:`tables_from_rows`.  The schema carries the pandas
    metadata that conversion writes, so ``pandas.read_parquet`` gives back
    the library's dtypes.

    Parameters
    ----------
    rows : list of dict or Rows
        One dict per row, keyed by column name (a missing key is a missing value).
    columns : dict
        The table's columns (:data:`TASK_COLUMNS` …).
    extra : tuple of str
        List columns kept when the first row has them.

    Returns
    -------
    pyarrow.Table

    Raises
    ------
    ColumnError
        A value outside its vocabulary, or a missing value where none may be.

    Examples
    --------
    >>> table = arrow_table([{"file": "a.doc", "error": "unsupported"}], ERROR_COLUMNS)
    >>> table.schema.types
    [DataType(large_string), DataType(large_string)]
    """
    import pyarrow as pa

    names = [*columns, *(name for name in extra if _has_column(rows, name))]
    arrays = [_arrow_column(values, columns.get(name, "list"), name)
              for name, values in zip(names, _columns_of(rows, names))]
    if not len(rows):
        arrays = [_arrow_column([], columns[name], name) for name in names]
    schema = pa.schema([pa.field(name, array.type) for name, array in zip(names, arrays)],
                       metadata={b"pandas": _pandas_metadata(names, columns)})
    return pa.Table.from_arrays(arrays, schema=schema)


def _arrow_column(values: list, kind: str, name: str):
    """One column as an Arrow array of its type (built by :mod:`gongkai_analysis.arrow`); the checks of
    :func:`_column`."""
    from . import arrow
    from .errors import ColumnError

    if kind in CATEGORICAL:
        try:
            return arrow.dictionary(values, CATEGORICAL[kind])
        except ValueError as exc:
            raise ColumnError(f"{exc.args[0]} is not one of {', '.join(CATEGORICAL[kind])}",
                              source=f"column {name}") from None
    if kind == "str":
        try:
            return arrow.strings(values)
        except TypeError:  # not all strings: as pandas' "str" dtype converts them
            return arrow.strings([None if _missing(v) else str(v) for v in values])
    if kind == "list":
        return arrow.string_lists(values)
    build = arrow.booleans if kind == "bool" else arrow.integers
    try:
        array = build(values)
    except TypeError:  # NaN or pandas' NA for a missing value
        try:
            array = build([None if _missing(v) else v for v in values])
        except TypeError:
            raise ColumnError(f"a value is missing or not a whole number ({kind})", source=f"column {name}") from None
    if array.null_count and kind == "bool":
        raise ColumnError("a value is missing where every row needs one (bool)", source=f"column {name}")
    if array.null_count and kind == "int64":
        raise ColumnError(f"a value is missing or not a whole number ({kind})", source=f"column {name}")
    return array


def _missing(value) -> bool:
    """None, NaN or pandas' NA (recognised without importing pandas)."""
    return value is None or (isinstance(value, float) and value != value) or type(value).__name__ == "NAType"


#: What pandas' conversion to Arrow records of each column type: (pandas_type, numpy_type).
_PANDAS_TYPES = {"str": ("object", "str"), "int64": ("int64", "int64"), "Int64": ("int64", "Int64"),
                 "bool": ("bool", "bool"), "list": ("list[unicode]", "object")}


def _pandas_metadata(names: list[str], columns: dict) -> bytes:
    """The ``pandas`` schema metadata pyarrow writes for such a DataFrame (no index), made without pandas.

    It lets ``pandas.read_parquet`` restore ``str``, ``Int64`` and the ordered
    categoricals; a test holds it equal to what ``pa.Table.from_pandas`` writes.
    """
    import json

    import pyarrow as pa

    described = []
    for name in names:
        kind = columns.get(name, "list")
        if kind in CATEGORICAL:
            pandas_type, numpy_type = "categorical", "int8"
            metadata = {"num_categories": len(CATEGORICAL[kind]), "ordered": True}
        else:
            (pandas_type, numpy_type), metadata = _PANDAS_TYPES[kind], None
        described.append({"name": name, "field_name": name, "pandas_type": pandas_type,
                          "numpy_type": numpy_type, "metadata": metadata})
    return json.dumps({
        "index_columns": [], "column_indexes": [], "columns": described, "attributes": {},
        "creator": {"library": "pyarrow", "version": pa.__version__},
        "pandas_version": _pandas_version(),
    }).encode("utf-8")


@functools.lru_cache(maxsize=1)
def _pandas_version() -> str:
    """The installed pandas' version, read from its distribution's metadata (pandas is not imported; read once).

    The ``Version:`` line of the ``METADATA`` file beside the pandas that
    would be imported, read directly: importing importlib.metadata to read it
    costs 30 ms at every start of ``gongkai parse``.  Anything else (no such
    file, or several) asks importlib.metadata; a test holds the two equal.
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("pandas")
    if spec is not None and spec.origin:
        found = list(Path(spec.origin).parent.parent.glob("pandas-*.dist-info/METADATA"))
        if len(found) == 1:
            with open(found[0], encoding="utf-8") as handle:
                for line in handle:  # the header, up to the blank line before the description
                    if line.startswith("Version:"):
                        return line.removeprefix("Version:").strip()
                    if not line.strip():
                        break
    import importlib.metadata

    return importlib.metadata.version("pandas")
