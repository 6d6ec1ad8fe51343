"""Write parsed tables to disk: CSV (UTF-8 with BOM, for Excel) and Parquet, whole or not at all.

An output folder holds:

- ``tasks.csv``, ``responsibilities.csv``, ``documents.csv`` (one row of
  metadata per document), ``sections.csv``, and ``errors.csv`` when some file
  failed;
- ``tasks.parquet/`` and ``responsibilities.parquet/``: Parquet *datasets*,
  folders of one file per part (``part-000000.parquet`` …, in corpus order),
  which ``pandas.read_parquet``, pyarrow, polars and DuckDB read as one table;
  list columns (``tokens``, ``keywords``) stay lists there.

**Parts.**  A corpus is written in parts, one per chunk of documents, each by
the process that parsed it (:func:`write_part`); the parent only appends the
CSV parts in order and leaves the Parquet parts where they are
(:meth:`CorpusWriter.close`).

**Whole or not at all.**  Everything is written into a temporary folder beside
the output folder (``.NAME.partial-…``) and moved into place, file by file,
only when every table is complete; an error or an interrupt leaves the
previous output as it was (where the folder's parent cannot be written to,
the temporary folder goes inside it).  A lock file beside the folder (``.NAME.lock``)
refuses a second run into the same folder while one is writing.  Files of the
folder that are not ours (a workbook, figures) are never touched; an old
``errors.csv`` goes when the new run had no failures.

**Safe to open in Excel.**  A CSV cell that starts with ``=`` ``+`` ``-``
``@``, a tab or a carriage return gets a leading apostrophe (``'=1+1``), as
OWASP advises, so that Excel shows it as text instead of running it as a
formula; the workbook does the same with Excel's quote prefix
(:mod:`gongkai_analysis.output.excel`).  The Parquet files keep the exact values.

Examples
--------
>>> import tempfile, gongkai_analysis as gk
>>> doc = gk.parse_document("一、公开\\n1.做好A。(甲局负责落实)\\n", tokens=False)
>>> out = tempfile.mkdtemp()
>>> sorted(p.name for p in write_tables(doc, out))
['documents.csv', 'responsibilities.csv', 'responsibilities.parquet', 'sections.csv', 'tasks.csv', 'tasks.parquet']
"""

from __future__ import annotations

import contextlib
import csv
import errno
import functools
import io
import logging
import os
import shutil
import signal
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .. import arrow
from ..errors import GongkaiError

log = logging.getLogger(__name__)

#: First characters that make a spreadsheet read a cell as a formula (CSV and the workbook alike).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Columns that hold lists of words; CSV joins them with spaces.
LIST_COLUMNS = ("tokens", "keywords")
#: Every table, in the order they are written; the last one only when some file failed.
TABLE_NAMES = ("tasks", "responsibilities", "documents", "sections", "errors")
#: Tables also written as Parquet datasets.
PARQUET_TABLES = ("tasks", "responsibilities")
#: Where the parts wait inside the temporary folder before they are assembled.
PARTS = ".parts"
#: Characters that make a spreadsheet read a cell as a formula, as one RE2 class.
_FORMULA_CLASS = "[" + "".join("\\-" if c == "-" else {"\t": "\\t", "\r": "\\r"}.get(c, c)
                               for c in FORMULA_START) + "]"


# --------------------------------------------------------------------------
# One part: a chunk's tables as CSV and Parquet files
# --------------------------------------------------------------------------
@dataclass
class Part:
    """What one written part holds: counts for the summary, and each table's columns.

    Small and picklable: a worker process returns it to the parent.

    Examples
    --------
    >>> part = Part(0, documents=2, tasks=5, units={"甲局"})
    >>> part.index, part.documents, part.errors
    (0, 2, [])
    """

    index: int
    rows: dict[str, int] = field(default_factory=dict)
    columns: dict[str, list[str]] = field(default_factory=dict)
    schemas: dict = field(default_factory=dict)  # Arrow schema of each Parquet table (for an empty one)
    documents: int = 0
    tasks: int = 0
    unassigned: int = 0
    warnings: int = 0
    units: set[str] = field(default_factory=set)
    errors: list[tuple[str, str]] = field(default_factory=list)


def _arrow_tables(doc) -> dict:
    """Each table of `doc` as a ``pyarrow.Table``, by file name (Arrow tables are taken as they are)."""
    import pyarrow as pa

    from ..schema import ArrowTables, ERROR_COLUMNS, arrow_table

    if isinstance(doc, ArrowTables):
        tables = doc._asdict()
    else:
        errors = getattr(doc, "errors", None)
        tables = {name: pa.Table.from_pandas(getattr(doc, name), preserve_index=False, nthreads=1)
                  for name in ("meta", "sections", "tasks", "responsibilities")}  # threads cost more than they save
        tables["errors"] = (arrow_table([], ERROR_COLUMNS) if errors is None  # a single Document has no failed files
                            else pa.Table.from_pandas(errors, preserve_index=False, nthreads=1))
    return {"tasks": tables["tasks"], "responsibilities": tables["responsibilities"], "documents": tables["meta"],
            "sections": tables["sections"], "errors": tables["errors"]}


def write_part(doc, folder: str | os.PathLike[str], index: int, *, out: str | os.PathLike[str] | None = None) -> Part:
    """Write one chunk's tables as part `index` of the output being built in `folder`.

    Parameters
    ----------
    doc : Document, Corpus, Tables or ArrowTables
        The chunk (its ``errors`` are written too when it has them); Arrow
        tables (what ``gongkai parse`` builds) are written without pandas.
    folder : path
        The temporary folder of a :class:`CorpusWriter` (``writer.folder``).
    index : int
        The part's place in the corpus; parts are assembled in this order.
    out : path, optional
        The final output folder, named in an error message.

    Returns
    -------
    Part

    Raises
    ------
    OutputError
        When a file cannot be written (a full disk); the message names the
        table's final file.

    Examples
    --------
    >>> import tempfile, gongkai_analysis as gk
    >>> doc = gk.parse_document("一、公开\\n1.做好A。(甲局负责落实)\\n", tokens=False)
    >>> part = write_part(doc, tempfile.mkdtemp(), 0)
    >>> part.rows["tasks"], part.units, part.columns["errors"]
    (1, {'甲局'}, ['file', 'error'])
    """
    folder = Path(folder)
    out = Path(out) if out is not None else folder
    part = Part(index)
    tables = _arrow_tables(doc)
    for name, table in tables.items():
        part.rows[name] = table.num_rows
        part.columns[name] = list(table.column_names)
        if name in PARQUET_TABLES:
            settled = _settled_schema(table.schema)
            if not table.schema.equals(settled, check_metadata=True):  # casting to the same types changes nothing
                table = table.cast(settled)
            part.schemas[name] = table.schema
        if not table.num_rows:  # an empty chunk may lack optional columns: it writes nothing
            continue
        with _naming(out / f"{name}.csv"):
            _write_csv(csv_table(table), folder / PARTS / f"{name}-{index:06d}.csv")
        if name in PARQUET_TABLES:
            with _naming(out / f"{name}.parquet"):
                _write_parquet(table, folder / f"{name}.parquet" / f"part-{index:06d}.parquet")
    meta = tables["documents"]
    part.documents, part.tasks = meta.num_rows, tables["tasks"].num_rows
    part.unassigned = arrow.call("sum", [meta.column("n_unassigned")]).as_py() or 0 if meta.num_rows else 0
    part.warnings = (arrow.call("sum", [meta.column("n_warnings")]).as_py() or 0
                     if meta.num_rows and "n_warnings" in meta.column_names else 0)
    units = arrow.call("drop_null", [tables["responsibilities"].column("unit")])
    part.units = set(arrow.call("unique", [units]).to_pylist())
    errors = tables["errors"]
    part.errors = list(zip(errors.column("file").to_pylist(), errors.column("error").to_pylist()))
    return part


def csv_table(table):
    """The Arrow `table` as it goes into a CSV file: text only, lists joined, formulas neutralised.

    Every column becomes text in one vectorised pass each: lists are joined by
    spaces, booleans read ``True``/``False`` (as pandas writes them), and a
    cell that starts with ``=`` ``+`` ``-`` ``@``, a tab or a carriage return
    gets a leading apostrophe.  Numbers stay numbers; missing values stay missing.

    Parameters
    ----------
    table : pyarrow.Table

    Returns
    -------
    pyarrow.Table

    Examples
    --------
    >>> import pyarrow as pa
    >>> t = pa.table({"text": ["=1+1", "做好", None, "@SUM(A1)", "\\tx"], "n": [1, 2, 3, 4, 5],
    ...               "tokens": [["a", "b"], [], None, ["-c"], ["d"]]})
    >>> csv_table(t).to_pydict()
    {'text': ["'=1+1", '做好', None, "'@SUM(A1)", "'\\tx"], 'n': [1, 2, 3, 4, 5], 'tokens': ['a b', '', None, "'-c", 'd']}
    """
    import pyarrow as pa

    columns = []
    for column in table.columns:
        kind = column.type
        if pa.types.is_list(kind) or pa.types.is_large_list(kind):
            if pa.types.is_null(kind.value_type):
                column = arrow.cast(column, pa.list_(pa.string()))
            column = arrow.call("binary_join", [column, arrow.scalar(" ")])
        elif pa.types.is_boolean(kind):  # as pandas writes them: True, False
            words = arrow.strings(["False", "True"])
            column = pa.chunked_array([pa.DictionaryArray.from_arrays(arrow.cast(chunk, pa.int8()), words)
                                       for chunk in column.chunks], pa.dictionary(pa.int8(), words.type))
            column = arrow.cast(column, pa.large_string())
        elif pa.types.is_dictionary(kind) or pa.types.is_null(kind):
            column = arrow.cast(column, pa.large_string())
        if (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)) and _may_start_formula(column):
            options = arrow.compute().ReplaceSubstringOptions(f"^({_FORMULA_CLASS})", "'\\1", max_replacements=1)
            column = arrow.call("replace_substring_regex", [column], options)
        columns.append(column)
    return pa.table(columns, names=table.column_names)


def _may_start_formula(column) -> bool:
    """Whether a value of the string `column` may start with a formula character (False: none does).

    The first byte of each value is read from the column's buffers with numpy
    (which pyarrow has imported): some microseconds, where the regex that
    neutralises formulas costs a tenth of a millisecond a column, and hardly
    any column has such a value.  The byte at a missing or empty value's
    offset is read too, which at worst sends the column through the regex for nothing.
    """
    import numpy as np
    import pyarrow as pa

    starting = _formula_bytes()
    for chunk in column.chunks:
        _, offsets, data = chunk.buffers()
        if data is None or not data.size or not len(chunk):
            continue
        width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        starts = np.frombuffer(offsets, dtype=width, count=chunk.offset + len(chunk))[chunk.offset:]
        first = np.frombuffer(data, dtype=np.uint8)[starts[starts < data.size]]
        if starting[first].any():
            return True
    return False


@functools.lru_cache(maxsize=1)
def _formula_bytes():
    """A table of the 256 byte values: True for the (ASCII) characters that start a formula."""
    import numpy as np

    table = np.zeros(256, dtype=bool)
    table[[ord(c) for c in FORMULA_START]] = True
    return table


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write one table as a CSV file a spreadsheet opens safely (UTF-8 with BOM, formulas neutralised).

    The cells go through :func:`csv_table`, as every table of ``gongkai parse`` does.

    Parameters
    ----------
    frame : DataFrame
        Any table; it is not changed.
    path : path
        The file to write (its folder is created).

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> path = write_csv(pd.DataFrame({"text": ["=1+1", "公开"], "n": [1, 2]}), Path(tempfile.mkdtemp()) / "t.csv")
    >>> path.read_text(encoding="utf-8-sig").splitlines()[1:]
    ['"\\'=1+1",1', '"公开",2']
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = csv_table(pa.Table.from_pandas(frame, preserve_index=False))
    with open(path, "wb") as out:
        out.write(b"\xef\xbb\xbf")
        pacsv.write_csv(table, out)
    return path


def _write_csv(table, path: Path) -> None:
    import pyarrow.csv as pacsv

    path.parent.mkdir(exist_ok=True)
    pacsv.write_csv(table, str(path), write_options=pacsv.WriteOptions(include_header=False))


def _write_parquet(table, path: Path) -> None:
    import pyarrow.parquet as pq

    path.parent.mkdir(exist_ok=True)
    pq.write_table(table, str(path))


def _settled_schema(schema):
    """One schema for every part: lists of nothing become lists of strings, nothing becomes strings."""
    import pyarrow as pa

    fields = []
    for f in schema:
        kind = f.type
        if pa.types.is_null(kind):
            kind = pa.large_string()
        elif pa.types.is_list(kind) and pa.types.is_null(kind.value_type):
            kind = pa.list_(pa.string())
        fields.append(f.with_type(kind))
    return pa.schema(fields, metadata=schema.metadata)


class OutputError(OSError):
    """A table could not be written (a full disk, a folder without permission); names the file.

    Examples
    --------
    >>> str(OutputError(28, "No space left on device", "out/tasks.csv"))
    'cannot write out/tasks.csv: No space left on device'
    """

    def __str__(self) -> str:
        return f"cannot write {self.filename}: {self.strerror}"


@contextlib.contextmanager
def _naming(path: Path):
    """Re-raise an error of the file system as an :class:`OutputError` naming the output file being written."""
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        code = exc.errno if exc.errno is not None else errno.EIO
        raise OutputError(code, exc.strerror or str(exc), str(path)) from exc


# --------------------------------------------------------------------------
# The writer: a temporary folder, a lock, parts, and the move into place
# --------------------------------------------------------------------------
def write_tables(doc, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write a document's (or corpus's) tables into `out_dir` and return the paths.

    Parameters
    ----------
    doc : Document or Corpus
        The tables to write.
    out_dir : path
        The output folder (created when missing); see the module docs for
        what it holds and how it is replaced.

    Returns
    -------
    list of Path
        The files and Parquet folders written.

    Raises
    ------
    GongkaiError
        When another run is writing into the same folder.
    OutputError
        When a file cannot be written (the previous output stays as it was).

    Examples
    --------
    >>> import tempfile, gongkai_analysis as gk
    >>> doc = gk.parse_document("一、公开\\n1.做好A。(甲局负责落实)\\n", tokens=False)
    >>> [path.name for path in write_tables(doc, tempfile.mkdtemp())]  # doctest: +NORMALIZE_WHITESPACE
    ['documents.csv', 'responsibilities.csv', 'sections.csv', 'tasks.csv',
     'tasks.parquet', 'responsibilities.parquet']
    """
    with CorpusWriter(out_dir) as writer:
        writer.write(doc)
    written = writer.paths()
    log.info("wrote %d files to %s", len(written), writer.out)
    return written


class CorpusWriter:
    """Write a corpus part by part into a temporary folder; move it into `out_dir` when complete.

    Use as a context manager: leaving the block normally assembles the parts
    and moves the tables into place (:meth:`close`); leaving it with an
    exception (an interrupt included) throws the temporary folder away and
    leaves `out_dir` as it was.  Worker processes may write parts themselves
    (:func:`write_part` into :attr:`folder`) and hand the :class:`Part` to
    :meth:`add`.  Memory holds one chunk at a time.

    Parameters
    ----------
    out_dir : path
        The output folder.

    Raises
    ------
    GongkaiError
        When another run holds the folder's lock, or `out_dir` is a file.

    Examples
    --------
    >>> import tempfile, gongkai_analysis as gk
    >>> out = tempfile.mkdtemp()
    >>> with CorpusWriter(out) as writer:
    ...     writer.write(gk.parse_document("一、公开\\n1.做好A。(甲局负责落实)\\n", tokens=False))
    >>> writer.documents, writer.tasks, sorted(writer.units), writer.warnings
    (1, 1, ['甲局'], 1)
    """

    def __init__(self, out_dir: str | os.PathLike[str]) -> None:
        self.out = Path(out_dir)
        self._target = Path(os.path.realpath(self.out))  # beside the real folder, so that moves stay on its disk
        if self._target.exists() and not self._target.is_dir():
            raise GongkaiError("exists and is not a folder", source=str(self.out))
        # beside the folder; inside it when its parent cannot be written to (a home folder under /home)
        self._base, self._prefix = self._target.parent, f".{self._target.name}."
        with _naming(self._base):
            self._base.mkdir(parents=True, exist_ok=True)
        if not os.access(self._base, os.W_OK | os.X_OK):
            self._base, self._prefix = self._target, ".gongkai."
            with _naming(self._base):
                self._base.mkdir(exist_ok=True)
        self._lock = _FolderLock(self._base / f"{self._prefix}lock", self.out)
        try:
            _remove_leftovers(self._base, self._prefix)
            with _naming(self._base):
                self.folder = Path(tempfile.mkdtemp(dir=self._base, prefix=f"{self._prefix}partial-"))
        except BaseException:
            self._lock.release()
            raise
        self._parts: list[Part] = []
        self._written: list[str] = []
        self._closed = False
        self.documents = self.tasks = self.unassigned = self.errors = self.warnings = 0
        self.units: set[str] = set()

    def __enter__(self) -> CorpusWriter:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is None:
            self.close()
        else:
            self.discard()

    def write(self, doc) -> None:
        """Write one chunk (a :class:`Document`, :class:`Corpus` or :class:`~gongkai_analysis.schema.Tables`).

        Parameters
        ----------
        doc : Document, Corpus or Tables
            The chunk's tables; they become the next part.

        Raises
        ------
        OutputError
            When a file of the part cannot be written.

        Examples
        --------
        >>> import tempfile, gongkai_analysis as gk
        >>> writer = CorpusWriter(tempfile.mkdtemp())
        >>> writer.write(gk.parse_document("一、公开\\n1.做好A。(甲局负责落实)\\n", tokens=False))
        >>> writer.documents, writer.tasks
        (1, 1)
        >>> writer.discard()
        """
        self.add(write_part(doc, self.folder, len(self._parts), out=self.out))

    def add(self, part: Part) -> None:
        """Count a part written by :func:`write_part` (in this process or another).

        Parameters
        ----------
        part : Part
            What :func:`write_part` returned.

        Examples
        --------
        >>> import tempfile
        >>> writer = CorpusWriter(tempfile.mkdtemp())
        >>> writer.add(Part(0, documents=2, tasks=5, units={"甲局"}))
        >>> writer.documents, writer.tasks, writer.units
        (2, 5, {'甲局'})
        >>> writer.discard()
        """
        self._parts.append(part)
        self.documents += part.documents
        self.tasks += part.tasks
        self.unassigned += part.unassigned
        self.warnings += part.warnings
        self.errors += len(part.errors)
        self.units.update(part.units)

    def paths(self) -> list[Path]:
        """The files and Parquet folders written (once closed).

        Returns
        -------
        list of Path
            The CSV files by name, then the Parquet datasets; empty before
            :meth:`close` and after :meth:`discard`.

        Examples
        --------
        >>> import tempfile, gongkai_analysis as gk
        >>> with CorpusWriter(tempfile.mkdtemp()) as writer:
        ...     writer.write(gk.parse_document("一、公开\\n1.做好A。(甲局负责落实)\\n", tokens=False))
        ...     before = writer.paths()
        >>> before, [path.name for path in writer.paths()][:2]
        ([], ['documents.csv', 'responsibilities.csv'])
        """
        names = sorted(n for n in self._written if n.endswith(".csv"))
        names += [n for n in self._written if n.endswith(".parquet")]
        return [self.out / name for name in names]

    def close(self) -> None:
        """Assemble the parts and move every table into the output folder.

        Does nothing when already closed or discarded; on failure the parts are
        discarded and the output folder stays as it was.

        Raises
        ------
        OutputError
            When a table cannot be written or moved into place.

        Examples
        --------
        >>> import tempfile, gongkai_analysis as gk
        >>> from pathlib import Path
        >>> out = Path(tempfile.mkdtemp())
        >>> writer = CorpusWriter(out)
        >>> writer.write(gk.parse_document("一、公开\\n1.做好A。(甲局负责落实)\\n", tokens=False))
        >>> writer.close()
        >>> (out / "tasks.csv").is_file()
        True
        """
        if self._closed:
            return
        try:
            written = self._assemble()
            self._commit(written)
            self._written = written
        except BaseException:
            self.discard()
            raise
        self._closed = True
        shutil.rmtree(self.folder, ignore_errors=True)
        self._lock.release()

    def discard(self) -> None:
        """Throw the temporary folder away; the output folder stays as it was.

        Examples
        --------
        >>> import tempfile
        >>> from pathlib import Path
        >>> out = Path(tempfile.mkdtemp())
        >>> writer = CorpusWriter(out)
        >>> writer.discard()
        >>> writer.folder.exists(), writer.paths(), list(out.iterdir())
        (False, [], [])
        """
        if self._closed:
            return
        self._closed = True
        shutil.rmtree(self.folder, ignore_errors=True)
        self._lock.release()

    # -- assembling --------------------------------------------------------
    def _assemble(self) -> list[str]:
        """Each table's CSV from its parts, in order; Parquet datasets stay as the parts wrote them."""
        parts = sorted(self._parts, key=lambda p: p.index)
        written = []
        for name in TABLE_NAMES:
            full = [p for p in parts if p.rows.get(name)]
            if name == "errors" and not full:
                continue
            header = _header(name, full or parts)
            final = self.folder / f"{name}.csv"
            with _naming(self.out / final.name), open(final, "wb") as handle:
                handle.write(header)
                for part in full:
                    piece = self.folder / PARTS / f"{name}-{part.index:06d}.csv"
                    with open(piece, "rb") as source:
                        shutil.copyfileobj(source, handle, 1 << 20)
                    piece.unlink()
            written.append(final.name)
            if name in PARQUET_TABLES:
                dataset = self.folder / f"{name}.parquet"
                if not full:  # no rows anywhere: one part with the columns only
                    import pyarrow as pa

                    schema = parts[0].schemas[name] if parts else None
                    if schema is not None:
                        with _naming(self.out / dataset.name):
                            _write_parquet(pa.table({f.name: pa.array([], f.type) for f in schema},
                                                    schema=schema), dataset / f"part-{0:06d}.parquet")
                if dataset.is_dir():
                    written.append(dataset.name)
        return written

    def _commit(self, written: list[str]) -> None:
        """Move the finished tables into place, each replacing its older copy (an interrupt waits)."""
        target = self._target
        with _naming(target):
            target.mkdir(exist_ok=True)
        trash = Path(tempfile.mkdtemp(dir=self._base, prefix=f"{self._prefix}old-"))
        replaced = written if "errors.csv" in written else [*written, "errors.csv"]
        with _interrupts_deferred():
            for name in replaced:  # an old run's errors must not pass for this one's
                old = target / name
                if old.exists() or old.is_symlink():
                    with _naming(old):
                        os.replace(old, trash / name)
                if name in written:
                    with _naming(old):
                        os.replace(self.folder / name, old)
        shutil.rmtree(trash, ignore_errors=True)


def _header(name: str, parts: list[Part]) -> bytes:
    """The CSV header (with the byte-order mark Excel needs) that every part of the table shares."""
    if parts:
        columns = parts[0].columns[name]
        for part in parts[1:]:
            if part.columns[name] != columns:  # never expected: parts come from one parser
                raise ValueError(f"{name}: part {part.index} has columns {part.columns[name]}, "
                                 f"part {parts[0].index} has {columns}")
    else:
        from .. import schema

        columns = list({"tasks": schema.TASK_COLUMNS, "responsibilities": schema.RESPONSIBILITY_COLUMNS,
                        "documents": schema.META_COLUMNS, "sections": schema.SECTION_COLUMNS,
                        "errors": schema.ERROR_COLUMNS}[name])
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow(columns)
    return b"\xef\xbb\xbf" + line.getvalue().encode("utf-8")


def _remove_leftovers(base: Path, prefix: str) -> None:
    """Temporary folders of runs that were killed before they could clean up (we hold the lock)."""
    for pattern in (f"{prefix}partial-*", f"{prefix}old-*"):
        for leftover in base.glob(pattern):
            log.info("removing %s, left by an earlier run that was stopped", leftover)
            shutil.rmtree(leftover, ignore_errors=True)


@contextlib.contextmanager
def _interrupts_deferred():
    """Hold Ctrl-C back while the tables are moved into place: a few renames, never half of them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received = []
    previous = signal.signal(signal.SIGINT, lambda *_: received.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received:
            log.warning("interrupted while the tables were moved into place; they were all moved first")


class _FolderLock:
    """An exclusive lock on a file beside the output folder, released (and the file removed) at the end.

    The operating system releases it when the process ends, however it ends,
    so a killed run never leaves a folder locked.
    """

    def __init__(self, path: Path, out: Path) -> None:
        self.path = path
        self.fd: int | None = None
        while self.fd is None:
            with _naming(path):
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                os.close(fd)
                raise GongkaiError(f"another run is writing into this folder (lock {path.name}); "
                                   "wait for it to finish or choose another --out", source=str(out))
            try:  # the file we locked may have been removed by the run that just finished
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except OSError:
                same = False
            if same:
                self.fd = fd
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
            else:
                os.close(fd)

    def release(self) -> None:
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        os.close(self.fd)  # closing releases the lock
        self.fd = None


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
