"""Small checks and index helpers shared by the analysis functions.

Examples
--------
>>> import pandas as pd
>>> require_columns(pd.DataFrame({"a": [1]}), ["a", "b"], "tasks")
Traceback (most recent call last):
...
gongkai_analysis.errors.ParseError: tasks: missing column(s) b
>>> task_index(pd.DataFrame({"doc_id": ["d"], "task_id": ["1"]})).tolist()
['1']
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .errors import ParseError


def require_columns(frame: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    """Raise :class:`ParseError` naming the columns `frame` lacks."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ParseError(f"missing column(s) {', '.join(missing)}", source=name)


def task_index(tasks: pd.DataFrame) -> pd.Index:
    """``task_id`` for one document, ``(doc_id, task_id)`` for several."""
    if "doc_id" in tasks.columns and tasks["doc_id"].nunique() > 1:
        return pd.MultiIndex.from_frame(tasks[["doc_id", "task_id"]])
    return pd.Index(tasks["task_id"], name="task_id")
