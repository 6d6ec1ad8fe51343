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

log = logging.getLogger(__name__)

#: Columns that hold lists of words; CSV joins them with spaces.
LIST_COLUMNS = ("tokens", "keywords")


def for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of `frame` with list columns joined by spaces."""
    joined = {c: frame[c].map(lambda v: " ".join(v) if isinstance(v, list) else v)
              for c in LIST_COLUMNS if c in frame.columns}
    return frame.assign(**joined)


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write `frame` as UTF-8 CSV with a byte-order mark, so Excel shows the Chinese."""
    path = Path(path)
    for_csv(frame).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def write_tables(doc, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write a document's (or corpus's) tables into `out_dir` and return the paths.

    Files: ``tasks.csv``, ``responsibilities.csv``, ``documents.csv`` (one row of
    metadata per document), ``sections.csv``, and Parquet copies of the tasks
    and responsibilities (list columns stay lists there).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = [
        write_csv(doc.tasks, out / "tasks.csv"),
        write_csv(doc.responsibilities, out / "responsibilities.csv"),
        write_csv(doc.meta, out / "documents.csv"),
        write_csv(doc.sections, out / "sections.csv"),
    ]
    for name, frame in (("tasks", doc.tasks), ("responsibilities", doc.responsibilities)):
        path = out / f"{name}.parquet"
        frame.to_parquet(path, index=False)
        written.append(path)
    log.info("wrote %d files to %s", len(written), out)
    return written
