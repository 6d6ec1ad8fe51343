"""Write parsed tables to disk: CSV (UTF-8 with BOM, for Excel) and Parquet.

Examples
--------
>>> import tempfile, gongkai_analysis as gk
>>> doc = gk.parse_document("一、公开\\n1.做好A。(甲局负责落实)\\n", tokens=False)
>>> out = tempfile.mkdtemp()
>>> sorted(p.name for p in write_tables(doc, out))
['documents.csv', 'responsibilities.csv', 'responsibilities.parquet', 'sections.csv', 'tasks.csv', 'tasks.parquet']
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pandas as pd

from ..schema import errors_frame

log = logging.getLogger(__name__)

#: Columns that hold lists of words; CSV joins them with spaces.
LIST_COLUMNS = ("tokens", "keywords")


def for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of `frame` with list columns joined by spaces."""
    joined = {c: frame[c].map(lambda v: " ".join(v) if isinstance(v, list) else v)
              for c in LIST_COLUMNS if c in frame.columns}
    return frame.assign(**joined)


def write_tables(doc, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write a document's (or corpus's) tables into `out_dir` and return the paths.

    Files: ``tasks.csv``, ``responsibilities.csv``, ``documents.csv`` (one row of
    metadata per document), ``sections.csv``, Parquet copies of the tasks and
    responsibilities (list columns stay lists there), and ``errors.csv`` when
    the corpus had failures.
    """
    with CorpusWriter(out_dir) as writer:
        writer.write(doc)
    written = writer.paths()
    log.info("wrote %d files to %s", len(written), writer.out)
    return written


class CorpusWriter:
    """Write a corpus chunk by chunk: one CSV and one Parquet file per table, growing as it goes.

    Memory holds one chunk at a time.  Use as a context manager; the summary
    counts (documents, tasks, units, unassigned tasks, warnings, errors) are kept on the way.

    Examples
    --------
    >>> import tempfile, gongkai_analysis as gk
    >>> out = tempfile.mkdtemp()
    >>> with CorpusWriter(out) as writer:
    ...     writer.write(gk.parse_document("一、公开\\n1.做好A。(甲局负责落实)\\n", tokens=False))
    >>> writer.documents, writer.tasks, sorted(writer.units), writer.warnings
    (1, 1, ['甲局'], 1)
    """

    TABLES = ("tasks", "responsibilities")
    CSV_ONLY = ("documents", "sections", "errors")

    def __init__(self, out_dir: str | os.PathLike[str]) -> None:
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self._parquet: dict = {}
        self._started: set[str] = set()
        self._empty: dict[str, pd.DataFrame] = {}
        self.documents = self.tasks = self.unassigned = self.errors = self.warnings = 0
        self.units: set[str] = set()

    def __enter__(self) -> CorpusWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def write(self, doc) -> None:
        """Append one chunk (a :class:`Document`, :class:`Corpus` or :class:`~gongkai_analysis.schema.Tables`) to every table."""
        errors = getattr(doc, "errors", None)
        if errors is None:  # a single Document has no failed files
            errors = errors_frame([])
        frames = {"tasks": doc.tasks, "responsibilities": doc.responsibilities, "documents": doc.meta,
                  "sections": doc.sections, "errors": errors}
        for name, frame in frames.items():
            if not len(frame):  # an empty chunk may lack optional columns: it must not set the header
                self._empty.setdefault(name, frame)
                continue
            self._append_csv(name, frame)
            if name in self.TABLES:
                self._append_parquet(name, frame)
        self.documents += len(doc.meta)
        self.tasks += len(doc.tasks)
        self.unassigned += int(doc.meta["n_unassigned"].sum()) if len(doc.meta) else 0
        if len(doc.meta) and "n_warnings" in doc.meta:
            self.warnings += int(doc.meta["n_warnings"].sum())
        self.errors += len(errors)
        self.units.update(doc.responsibilities["unit"].unique())

    def paths(self) -> list[Path]:
        """The files written so far."""
        names = sorted(f"{name}.csv" for name in self._started)
        names += [f"{name}.parquet" for name in self.TABLES if (self.out / f"{name}.parquet").exists()]
        return [self.out / name for name in names]

    def _append_csv(self, name: str, frame: pd.DataFrame) -> None:
        path = self.out / f"{name}.csv"
        first = name not in self._started
        for_csv(frame).to_csv(path, index=False, encoding="utf-8-sig" if first else "utf-8",
                              mode="w" if first else "a", header=first)
        self._started.add(name)

    def _append_parquet(self, name: str, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(frame, preserve_index=False)
        writer = self._parquet.get(name)
        if writer is None:
            table = table.cast(_settled_schema(table.schema))
            writer = self._parquet[name] = pq.ParquetWriter(self.out / f"{name}.parquet", table.schema)
        else:
            table = table.cast(writer.schema)
        writer.write_table(table)

    def close(self) -> None:
        """Finish the Parquet files; a table that got no rows is written with its header only."""
        for writer in self._parquet.values():
            writer.close()
        self._parquet.clear()
        for name, frame in self._empty.items():
            if name not in self._started and name != "errors":
                self._append_csv(name, frame)
                if name in self.TABLES:
                    frame.to_parquet(self.out / f"{name}.parquet", index=False)
        stale = self.out / "errors.csv"
        if "errors" not in self._started and stale.exists():
            stale.unlink()  # an old run's errors must not pass for this one's


def _settled_schema(schema):
    """A schema later chunks can be cast to: lists of nothing become lists of strings."""
    import pyarrow as pa

    fields = []
    for field in schema:
        kind = field.type
        if pa.types.is_null(kind):
            kind = pa.large_string()
        elif pa.types.is_list(kind) and pa.types.is_null(kind.value_type):
            kind = pa.list_(pa.large_string())
        fields.append(field.with_type(kind))
    return pa.schema(fields, metadata=schema.metadata)
