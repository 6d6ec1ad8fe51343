"""Scoring units from a filled tracker, at the appraisal weight item 64 sets.

Each obligation's status earns points: 按时完成 100, 逾期完成 80, 部分完成 50,
未完成 0; 不适用 is left out and an empty status counts as 未完成 (and as
``unreported``).  These points are this project's assumption, not the plan's:
pass ``status_points=`` to use your own.  A unit's ``score`` is the mean
over its obligations, each dimension score the mean over the obligations of
tasks in that dimension; its ``points`` in the appraisal are
``score / 100 × weight × total_points``.

Examples
--------
>>> import pandas as pd
>>> tracker = pd.DataFrame({"unit": ["甲局", "甲局", "乙局"], "task_id": ["1", "2", "1"],
...                         "status": ["按时完成", "部分完成", "未完成"],
...                         "dimensions": [["信息公开"], ["政策解读"], ["信息公开"]]})
>>> scores = score_departments(tracker)
>>> float(scores.loc["甲局", "score"]), scores.loc["甲局", "grade"], float(scores.loc["甲局", "points"])
(75.0, '良好', 3.0)
>>> scores.loc["乙局", "grade"]
'不合格'
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ColumnError
from ..schema import require_columns
from ..vocab import DIMENSIONS, SOURCE_SIMULATED, STATUS_POINTS, WEIGHT_FLOOR, grade_of



class AppraisalWeightWarning(UserWarning):
    """The appraisal weight is below the floor set by item 64."""


def score_departments(
    tracker: pd.DataFrame,
    *,
    weight: float = WEIGHT_FLOOR,
    total_points: float = 100,
    status_points: Mapping[str, float | None] | None = None,
) -> pd.DataFrame:
    """Score every unit of a filled tracker.

    Returns
    -------
    DataFrame
        Index ``unit``: ``obligations`` (applicable), ``unreported``, one
        0–100 column per dimension (NaN where the unit has none), ``score``,
        ``grade``, ``rank`` (1 = best), ``weight``, ``points``,
        ``below_floor`` and ``simulated``; sorted by rank.

    Warns
    -----
    AppraisalWeightWarning
        When `weight` is below 0.04, the floor of item 64.
    """
    require_columns(tracker, ["unit", "status"], "tracker")
    if not 0 < weight <= 1:
        raise ColumnError(f"weight must be a share between 0 and 1, got {weight}", source="weight")
    below = weight < WEIGHT_FLOOR
    if below:
        warnings.warn(
            f"appraisal weight {weight:.1%} is below the {WEIGHT_FLOOR:.0%} floor of item 64 "
            "(政务公开工作分值权重不低于4%)", AppraisalWeightWarning, stacklevel=2)
    table = status_points or STATUS_POINTS
    status = tracker["status"].astype("object")
    unknown = sorted({str(s) for s in status.dropna()} - set(table))
    if unknown:
        raise ColumnError(f"status(es) with no points: {', '.join(unknown)}", source="status_points")
    points = status.map(lambda s: table[s] if s in table else None)
    unreported = status.isna()
    points = points.where(~unreported, 0.0)
    applicable = ~(status.notna() & points.isna())
    frame = tracker.assign(_points=pd.to_numeric(points, errors="coerce"), _unreported=unreported)[applicable]
    grouped = frame.groupby("unit")
    out = pd.DataFrame({"obligations": grouped.size(), "unreported": grouped["_unreported"].sum().astype("int64")})
    if "dimensions" in frame.columns:
        long = frame[["unit", "dimensions", "_points"]].explode("dimensions")
        by_dim = long.dropna(subset=["dimensions"]).pivot_table(index="unit", columns="dimensions",
                                                                 values="_points", aggfunc="mean")
        for dim in DIMENSIONS:
            out[dim] = by_dim[dim] if dim in by_dim.columns else np.nan
    out["score"] = grouped["_points"].mean().round(2)
    out["grade"] = grade_of(out["score"])
    out["rank"] = out["score"].rank(ascending=False, method="min").astype("int64")
    out["weight"] = weight
    out["points"] = (out["score"] / 100 * weight * total_points).round(4)
    out["below_floor"] = below
    out["simulated"] = bool("source" in tracker.columns and (tracker["source"] == SOURCE_SIMULATED).any())
    out.index.name = "unit"
    return out.sort_values(["rank", "obligations"], ascending=[True, False], kind="stable")


def weight_sensitivity(
    tracker: pd.DataFrame,
    *,
    weights: Sequence[float] = (0.04, 0.05, 0.06, 0.08, 0.10),
    other: pd.Series | None = None,
    total_points: float = 100,
) -> pd.DataFrame:
    """How points and ranks move as the weight of 政务公开 rises from 4%.

    Points alone rise in proportion and cannot reorder units.  Pass `other`
    (each unit's score on the rest of the appraisal, 0–100) to rank units by
    the whole appraisal, ``(1 − w) × other + w × score``: then a heavier
    weight rewards units that do openness well.

    Returns
    -------
    DataFrame
        One row per (weight, unit): ``score``, ``points``, ``appraisal``
        (the composite, or the points when `other` is None), ``rank`` and
        ``rank_change`` against the first weight (positive = moved up).
    """
    frames = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AppraisalWeightWarning)
        for w in weights:
            s = score_departments(tracker, weight=w, total_points=total_points)
            part = s[["score", "points"]].assign(weight=w)
            if other is not None:
                base = other.reindex(part.index)
                if base.isna().any():
                    raise ColumnError(f"lacks units: {', '.join(base.index[base.isna()])}", source="other")
                part["appraisal"] = ((1 - w) * base + w * part["score"]).round(4)
            else:
                part["appraisal"] = part["points"]
            part["rank"] = part["appraisal"].rank(ascending=False, method="min").astype("int64")
            frames.append(part.reset_index())
    out = pd.concat(frames, ignore_index=True)
    first = out[out["weight"] == weights[0]].set_index("unit")["rank"]
    out["rank_change"] = (out["unit"].map(first) - out["rank"]).astype("int64")
    return out[["weight", "unit", "score", "points", "appraisal", "rank", "rank_change"]]


def simulate_other_appraisal(units: Sequence[str], *, seed: int = 0) -> pd.Series:
    """Seeded scores (60–95) for the rest of the appraisal, for demonstration only."""
    rng = np.random.default_rng(seed + 1)
    return pd.Series(rng.uniform(60, 95, size=len(units)).round(2), index=pd.Index(list(units), name="unit"),
                     name="other")
