"""The overview a leadership report shows: every table of it, computed once.

:mod:`gongkai_analysis.output.workbook` only lays this out.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..errors import ParseError
from ..vocab import CADENCE_LABELS, CADENCES


@dataclass
class Overview:
    """Every table the workbook shows, computed once."""

    doc: object
    tasks: pd.DataFrame
    responsibilities: pd.DataFrame
    workload: pd.DataFrame
    calendar: pd.DataFrame
    completeness: pd.DataFrame
    by_unit: pd.DataFrame
    scores: pd.DataFrame | None
    figures: dict


def overview(doc, *, tracker: pd.DataFrame | None = None) -> Overview:
    """Every table the leadership report shows, computed once from a parsed document.

    Parameters
    ----------
    doc : Document
        One plan, parsed with tokens.
    tracker : DataFrame, optional
        A filled tracker (:func:`gongkai_analysis.read_tracker`): adds scores and grades.

    Returns
    -------
    Overview

    Raises
    ------
    ParseError
        When `doc` holds several documents or was parsed without tokens.

    Examples
    --------
    >>> import gongkai_analysis as gk
    >>> data = overview(gk.parse_document(gk.config.BUNDLED_DOCUMENT))
    >>> len(data.tasks), data.scores is None
    (65, True)
    """
    from .cadence import cadence_table, disclosure_calendar
    from .compliance import completeness_by_unit, completeness_table
    from .dimensions import classify_dimensions
    from .rules import cadence_rules
    from .scoring import score_departments
    from .workload import workload_table

    if doc.meta["doc_id"].nunique() != 1:
        raise ParseError("the report covers one document; parse one plan at a time")
    if "tokens" not in doc.tasks.columns:
        raise ParseError("the report needs tokens: parse with tokens=True", source=doc.doc_id)
    names = cadence_rules().set_index(["kind", "label"])["name"]
    cadence = cadence_table(doc.tasks)
    dims = classify_dimensions(doc.tasks)
    completeness = completeness_table(doc.tasks, doc.responsibilities, cadence=cadence)
    resp = doc.responsibilities

    def units(task_id: str, role: str) -> str:
        rows = resp[(resp["task_id"] == task_id) & (resp["role"] == role)]
        return "、".join(rows["unit"])

    tasks = pd.DataFrame({
        "task_id": doc.tasks["task_id"].to_numpy(),
        "section": (doc.tasks["section_no"].astype("str") + " " + doc.tasks["section_title"].fillna("")).to_numpy(),
        "text": doc.tasks["text"].to_numpy(),
        "clause": doc.tasks["clause"].to_numpy(),
        "lead": [units(t, "lead") for t in doc.tasks["task_id"]],
        "responsible": [units(t, "responsible") for t in doc.tasks["task_id"]],
        "cadence": ["、".join(CADENCE_LABELS[c] for c in CADENCES if row[c]) for _, row in cadence.iterrows()],
        "deadline": [_deadline(row, limit) for (_, row), limit in zip(cadence.iterrows(), doc.tasks["time_limit"])],
        "channels": ["、".join(names[("channel", c)] for c in row) for row in cadence["channels"]],
        "dimensions": ["、".join(d) for d in dims["dimensions"]],
        "completeness": completeness["score"].to_numpy(),
        "missing": ["、".join(m) for m in completeness["missing"]],
    })
    scores = score_departments(tracker) if tracker is not None else None
    return Overview(
        doc=doc, tasks=tasks, responsibilities=resp, workload=workload_table(resp),
        calendar=disclosure_calendar(doc.tasks, resp),
        completeness=completeness, by_unit=completeness_by_unit(completeness, resp), scores=scores, figures={},
    )


def _deadline(row: pd.Series, limit) -> str:
    parts = [f"{h}小时内" for h in row["deadline_hours"]] + [f"{d}日内" for d in row["deadline_days"]]
    if row["statutory"]:
        parts.append("法定时限")
    if isinstance(limit, str) and limit:
        parts.append(limit)
    return "、".join(parts)
