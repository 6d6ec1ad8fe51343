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

from ..errors import ColumnError, TrackerError
from ..schema import require_columns
from ..vocab import DIMENSIONS, SOURCE_SIMULATED, STATUS_POINTS, WEIGHT_FLOOR, grade_of



class AppraisalWeightWarning(UserWarning):
    """The appraisal weight is below the floor set by item 64.

    Examples
    --------
    >>> import warnings
    >>> tracker = pd.DataFrame({"unit": ["甲局"], "status": ["按时完成"]})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = score_departments(tracker, weight=0.01)
    >>> [w.category.__name__ for w in caught]
    ['AppraisalWeightWarning']
    """


#: Why a unit of the tracker has no score.
NO_SCORE_REASON = "全部事项为不适用，不计分"


def score_departments(
    tracker: pd.DataFrame,
    *,
    weight: float = WEIGHT_FLOOR,
    total_points: float = 100,
    status_points: Mapping[str, float | None] | None = None,
) -> pd.DataFrame:
    """Score every unit of a filled tracker.

    Parameters
    ----------
    tracker : DataFrame
        Columns ``unit`` and ``status`` (and ``dimensions``, ``source`` when present).
    weight : float
        The share of 政务公开 in each unit's appraisal (item 64: at least 0.04).
    total_points : float
        The appraisal's full marks.
    status_points : mapping, optional
        Points (0–100) of each status, ``None`` for a status not counted;
        default :data:`~gongkai_analysis.vocab.STATUS_POINTS`.

    Returns
    -------
    DataFrame
        Index ``unit``: ``obligations`` (applicable), ``unreported``, one
        0–100 column per dimension (NaN where the unit has none), ``score``,
        ``grade``, ``rank`` (1 = best), ``weight``, ``points``,
        ``below_floor``, ``simulated`` and ``reason`` (why a unit has no
        score: every obligation 不适用; NA otherwise); sorted by rank, the
        units without a score last.

    Raises
    ------
    ColumnError
        A missing column, a weight outside (0, 1], `total_points` that is not
        a positive number, `status_points` that is empty or gives a status
        NaN or a value outside 0–100, or a status it has no points for.

    Warns
    -----
    AppraisalWeightWarning
        When `weight` is below 0.04, the floor of item 64.

    Examples
    --------
    >>> t = pd.DataFrame({"unit": ["甲", "乙"], "status": ["按时完成", "不适用"]})
    >>> score_departments(t)[["score", "reason"]]
          score        reason
    unit
    甲     100.0           NaN
    乙       NaN  全部事项为不适用，不计分
    >>> score_departments(t, status_points={})
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.ColumnError: status_points: gives no status any points
    """
    require_columns(tracker, ["unit", "status"], "tracker")
    if not 0 < weight <= 1:
        raise ColumnError(f"weight must be a share between 0 and 1, got {weight}", source="weight")
    if not (isinstance(total_points, (int, float)) and np.isfinite(total_points) and total_points > 0):
        raise ColumnError(f"total_points must be a positive number, got {total_points}", source="total_points")
    table = _points_table(status_points)
    below = weight < WEIGHT_FLOOR
    if below:
        warnings.warn(
            f"appraisal weight {weight:.1%} is below the {WEIGHT_FLOOR:.0%} floor of item 64 "
            "(政务公开工作分值权重不低于4%)", AppraisalWeightWarning, stacklevel=2)
    status = tracker["status"].astype("object").where(tracker["status"].notna(), None)
    unknown = sorted({str(s) for s in status.dropna()} - set(table))
    if unknown:
        raise ColumnError(f"status(es) with no points: {', '.join(unknown)}", source="status_points")
    points = status.map(lambda s: table[s] if s is not None else 0.0)
    unreported = status.isna()
    applicable = points.notna()
    frame = tracker.assign(_points=pd.to_numeric(points, errors="coerce"), _unreported=unreported)[applicable]
    units = pd.Index(sorted(pd.unique(tracker["unit"].dropna())), name="unit")
    grouped = frame.groupby("unit")
    out = pd.DataFrame({"obligations": grouped.size(), "unreported": grouped["_unreported"].sum()}).reindex(units)
    out = out.fillna(0).astype("int64")
    if "dimensions" in frame.columns:
        long = frame[["unit", "dimensions", "_points"]].explode("dimensions")
        by_dim = long.dropna(subset=["dimensions"]).pivot_table(index="unit", columns="dimensions",
                                                                 values="_points", aggfunc="mean")
        for dim in DIMENSIONS:
            out[dim] = by_dim[dim].reindex(units) if dim in by_dim.columns else np.nan
    out["score"] = grouped["_points"].mean().round(2).reindex(units)
    out["grade"] = grade_of(out["score"])
    out["rank"] = out["score"].rank(ascending=False, method="min").astype("Int64")
    out["weight"] = weight
    out["points"] = (out["score"] / 100 * weight * total_points).round(4)
    out["below_floor"] = below
    out["simulated"] = bool("source" in tracker.columns and (tracker["source"] == SOURCE_SIMULATED).any())
    out["reason"] = pd.Series(pd.NA, index=units, dtype="str").where(out["obligations"] > 0, NO_SCORE_REASON)
    out.index.name = "unit"
    return out.sort_values(["rank", "obligations"], ascending=[True, False], kind="stable", na_position="last")


def _points_table(status_points: Mapping[str, float | None] | None) -> Mapping[str, float | None]:
    """The points of each status, checked: numbers from 0 to 100, or None for 不适用."""
    if status_points is None:
        return STATUS_POINTS
    if not isinstance(status_points, Mapping) or not status_points:
        raise ColumnError("gives no status any points", source="status_points")
    for status, value in status_points.items():
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)) or not np.isfinite(value) \
                or not 0 <= value <= 100:
            raise ColumnError(f"{status}: points must be a number from 0 to 100 (or None for not counted), "
                              f"got {value!r}", source="status_points")
    return status_points


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
        ``rank_change`` against the first weight (positive = moved up); units
        without a score (every obligation 不适用) are left out.

    Parameters
    ----------
    tracker : DataFrame
        A filled tracker (as for :func:`score_departments`).
    weights : sequence of float
        The weights to try, the first the baseline.
    other : Series, optional
        Each unit's score on the rest of the appraisal.
    total_points : float
        The appraisal's full marks.

    Raises
    ------
    ColumnError
        No weights, or `other` lacks a scored unit.
    TrackerError
        No unit has a score (every obligation 不适用).

    Examples
    --------
    >>> t = pd.DataFrame({"unit": ["甲", "乙"], "status": ["按时完成", "部分完成"]})
    >>> weight_sensitivity(t, weights=(0.04, 0.08))["points"].tolist()
    [4.0, 2.0, 8.0, 4.0]
    >>> weight_sensitivity(t, weights=())
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.ColumnError: weights: no weights given: pass at least one share, such as (0.04, 0.06)
    """
    weights = list(weights)
    if not weights:
        raise ColumnError("no weights given: pass at least one share, such as (0.04, 0.06)", source="weights")
    frames = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AppraisalWeightWarning)
        for w in weights:
            s = score_departments(tracker, weight=w, total_points=total_points)
            s = s[s["score"].notna()]
            if s.empty:
                raise TrackerError("no unit has a score: every obligation of the tracker is 不适用", source="tracker")
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
    """Seeded scores (60–95) for the rest of the appraisal, for demonstration only.

    Parameters
    ----------
    units : sequence of str
        The units to score.
    seed : int, default 0
        Seed of the random generator (the same seed gives the same scores).

    Returns
    -------
    Series
        ``other``: one score per unit, rounded to two decimals, indexed by ``unit``.

    Examples
    --------
    >>> simulate_other_appraisal(["甲局", "乙局"], seed=0).to_dict()
    {'甲局': 77.91, '乙局': 93.27}
    >>> simulate_other_appraisal(["甲局", "乙局"], seed=0).equals(simulate_other_appraisal(["甲局", "乙局"], seed=0))
    True
    """
    rng = np.random.default_rng(seed + 1)
    return pd.Series(rng.uniform(60, 95, size=len(units)).round(2), index=pd.Index(list(units), name="unit"),
                     name="other")
