"""The appraisal tracker as a table: one row per obligation (task × unit).

Item 64 of the Dongcheng plan makes 政务公开 weigh at least 4% of each unit's
performance appraisal.  :func:`tracker_frame` lists the obligations a unit
reports on; :func:`simulate_tracker` fills them with seeded statuses for
demonstration (its rows say ``模拟`` in the 数据来源 column).  The workbook
is written by :mod:`gongkai_analysis.output.tracker` and read back by
:mod:`gongkai_analysis.reading.tracker`.

Examples
--------
>>> import gongkai_analysis as gk
>>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT)
>>> frame = tracker_frame(doc)
>>> len(frame), bool(frame["status"].isna().all())
(132, True)
>>> simulate_tracker(doc, seed=0)["status"].value_counts().sort_index().to_dict()
{'按时完成': 74, '逾期完成': 28, '部分完成': 8, '未完成': 11, '不适用': 11}
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..schema import require_columns
from ..vocab import ROLE_LABELS, SOURCE_REAL, SOURCE_SIMULATED, STATUS_DTYPE, STATUSES
from .cadence import plan_year



def tracker_frame(doc) -> pd.DataFrame:
    """The empty tracker: one row per (task, unit), the unit's first role on the task.

    Parameters
    ----------
    doc : Document
        A parsed plan (with or without tokens; without them ``dimensions`` is empty).

    Returns
    -------
    DataFrame
        ``doc_id``, ``task_id``, ``unit``, ``role`` (its Chinese label), ``section``,
        ``task``, ``dimensions``, and the columns a unit fills: ``status`` (empty,
        ordered categorical), ``completed_on``, ``evidence``, ``note``; ``source``
        is 实际.  In task order.

    Examples
    --------
    >>> import gongkai_analysis as gk
    >>> doc = gk.parse_document("2024年政务公开工作要点\\n一、总体\\n1.做好公开工作。（财政局牵头，教委配合）\\n"
    ...                         "2.加强解读。（财政局负责）\\n", tokens=False, doc_id="d")
    >>> frame = tracker_frame(doc)
    >>> frame[["task_id", "unit", "role", "section"]].values.tolist()
    [['1', '财政局', '牵头', '1 总体'], ['1', '教委', '配合', '1 总体'], ['2', '财政局', '负责', '1 总体']]
    >>> int(frame["status"].isna().sum())
    3
    """
    from .dimensions import classify_dimensions

    resp = doc.responsibilities.sort_values("role", kind="stable")
    obligations = resp.drop_duplicates(["doc_id", "task_id", "unit"], keep="first")
    order = doc.tasks[["doc_id", "task_id", "seq"]]
    obligations = obligations.merge(order, on=["doc_id", "task_id"]).sort_values(["doc_id", "seq", "role"], kind="stable")
    tasks = doc.tasks.set_index(["doc_id", "task_id"])
    if "tokens" in doc.tasks.columns:
        dims = classify_dimensions(doc.tasks).reset_index()
        if "doc_id" not in dims.columns:
            dims.insert(0, "doc_id", doc.tasks["doc_id"].iloc[0])
        dims = dims.set_index(["doc_id", "task_id"])["dimensions"]
    else:
        dims = pd.Series([[]] * len(tasks), index=tasks.index)
    keys = list(zip(obligations["doc_id"], obligations["task_id"]))
    frame = pd.DataFrame({
        "doc_id": obligations["doc_id"].to_numpy(),
        "task_id": obligations["task_id"].to_numpy(),
        "unit": obligations["unit"].to_numpy(),
        "role": obligations["role"].astype(str).map(ROLE_LABELS).to_numpy(),
        "section": [f"{tasks.loc[k, 'section_no']} {tasks.loc[k, 'section_title']}" for k in keys],
        "task": [tasks.loc[k, "text"] for k in keys],
        "dimensions": [list(dims.loc[k]) for k in keys],
        "status": pd.Series([pd.NA] * len(keys), dtype=STATUS_DTYPE),
        "completed_on": pd.Series([pd.NaT] * len(keys), dtype="datetime64[ns]"),
        "evidence": pd.Series([None] * len(keys), dtype="str"),
        "note": pd.Series([None] * len(keys), dtype="str"),
        "source": SOURCE_REAL,
    })
    return frame.reset_index(drop=True)


def simulate_tracker(doc, *, seed: int = 0, year: int | None = None) -> pd.DataFrame:
    """A filled tracker with seeded random statuses, for demonstration only.

    Each unit gets its own propensity to finish on time, so units differ.
    Every row says 模拟 in ``source``; never present these as real results.

    Parameters
    ----------
    doc : Document
        A parsed plan.
    seed : int, default 0
        Seed of the random generator (the same seed gives the same tracker).
    year : int, optional
        The year of the completion dates; the plan's year by default.

    Returns
    -------
    DataFrame
        :func:`tracker_frame` with ``status`` filled, ``completed_on`` and
        ``evidence`` for the tasks done, and ``source`` 模拟.

    Examples
    --------
    >>> import gongkai_analysis as gk
    >>> doc = gk.parse_document("2024年政务公开工作要点\\n一、总体\\n1.做好公开工作。（财政局牵头，教委配合）\\n"
    ...                         "2.加强解读。（财政局负责）\\n", tokens=False, doc_id="d")
    >>> sim = simulate_tracker(doc, seed=0, year=2024)
    >>> len(sim), set(sim["source"]), bool(sim["status"].notna().all())
    (3, {'模拟'}, True)
    >>> sim.equals(simulate_tracker(doc, seed=0, year=2024))
    True
    """
    rng = np.random.default_rng(seed)
    frame = tracker_frame(doc)
    year = plan_year(doc.meta) if year is None else year
    units = sorted(frame["unit"].unique())
    propensity = dict(zip(units, rng.beta(3.5, 1.4, size=len(units))))
    statuses = []
    for unit in frame["unit"]:
        p = propensity[unit]
        weights = np.array([p, (1 - p) * 0.45, (1 - p) * 0.25, (1 - p) * 0.3, 0.0]) * 0.96
        weights[-1] = 0.04
        statuses.append(rng.choice(STATUSES, p=weights / weights.sum()))
    frame["status"] = pd.Series(statuses, dtype=STATUS_DTYPE)
    done = frame["status"].isin(["按时完成", "逾期完成", "部分完成"])
    days = rng.integers(0, 365, size=len(frame))
    frame["completed_on"] = pd.to_datetime([dt.date(year, 1, 1) + dt.timedelta(days=int(d)) if ok else None
                                            for d, ok in zip(days, done)])
    frame["evidence"] = [f"https://example.invalid/{year}/{t}/{i}" if ok else None
                         for i, (t, ok) in enumerate(zip(frame["task_id"], done))]
    frame["evidence"] = frame["evidence"].astype("str")
    frame["source"] = SOURCE_SIMULATED
    return frame
