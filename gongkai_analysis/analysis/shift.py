"""Who gained and who lost work between two aligned documents.

:func:`responsibility_shift` compares the units of each pair from
:func:`~gongkai_analysis.analysis.align.align_tasks`: units added or dropped,
a change of lead, a named unit replaced by a collective (区政府各部门,
各街道办事处 …) or the reverse.  :func:`unit_shift` sums the same per unit:
tasks gained, lost and kept, leads gained and lost.  Pairs are counted as
pairs: with a one-to-many alignment a unit of a split task counts once per part.

Examples
--------
>>> import pandas as pd
>>> pairs = pd.DataFrame({"doc_id_a": ["a"], "task_id_a": ["1"], "doc_id_b": ["b"], "task_id_b": ["1"],
...                       "label": ["copied"]})
>>> ra = pd.DataFrame({"doc_id": "a", "task_id": "1", "unit": ["财政局", "发改委"], "role": ["lead", "responsible"],
...                    "collective": False})
>>> rb = pd.DataFrame({"doc_id": "b", "task_id": "1", "unit": ["发改委", "区政府各部门"], "role": ["lead", "responsible"],
...                    "collective": [False, True]})
>>> responsibility_shift(pairs, ra, rb)[["units_added", "units_dropped", "lead_changed", "to_collective"]]
    units_added units_dropped  lead_changed  to_collective
0  [区政府各部门]         [财政局]          True           True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .align import CompareError

SHIFT_COLUMNS = ["doc_id_a", "task_id_a", "doc_id_b", "task_id_b", "label", "units_a", "units_b",
                 "units_added", "units_dropped", "lead_a", "lead_b", "lead_changed", "to_collective",
                 "from_collective"]


def _check(frame: pd.DataFrame, name: str, columns) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise CompareError(f"expected a DataFrame, got {type(frame).__name__}", source=name)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise CompareError(f"missing column {missing[0]!r}", source=name)


def _collective(resp: pd.DataFrame, name: str) -> pd.Series:
    if "collective" in resp.columns:
        return resp["collective"].fillna(False).astype(bool)
    if "category" in resp.columns:
        return resp["category"].astype("string").eq("collective").fillna(False).astype(bool)
    raise CompareError("missing column 'collective' (or 'category') to tell collective units", source=name)


def _side(pairs: pd.DataFrame, resp: pd.DataFrame, side: str) -> pd.DataFrame:
    """Long table (pair, unit, lead, collective) of one side's units."""
    keys = pairs[[f"doc_id_{side}", f"task_id_{side}"]].astype("string")
    keys.columns = ["doc_id", "task_id"]
    keys = keys.assign(pair=np.arange(len(pairs))).dropna(subset=["task_id"])
    units = pd.DataFrame({"doc_id": resp["doc_id"].astype("string"), "task_id": resp["task_id"].astype("string"),
                          "unit": resp["unit"].astype(object), "lead": resp["role"].astype("string").eq("lead"),
                          "collective": _collective(resp, side)})
    units = units.groupby(["doc_id", "task_id", "unit"], as_index=False, sort=False).agg(
        lead=("lead", "any"), collective=("collective", "any"))
    return keys.merge(units, on=["doc_id", "task_id"], how="inner")[["pair", "unit", "lead", "collective"]]


def _long(pairs: pd.DataFrame, a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    for side, frame in (("a", a), ("b", b)):
        _check(frame, side, ("doc_id", "task_id", "unit", "role"))
    _check(pairs, "pairs", ("doc_id_a", "task_id_a", "doc_id_b", "task_id_b"))
    long = _side(pairs, a, "a").merge(_side(pairs, b, "b"), on=["pair", "unit"], how="outer",
                                      suffixes=("_a", "_b"), indicator=True)
    long["unit"] = long["unit"].astype("string")
    long["in_a"] = long["_merge"].isin(["left_only", "both"])
    long["in_b"] = long["_merge"].isin(["right_only", "both"])
    for column in ("lead_a", "lead_b", "collective_a", "collective_b"):
        long[column] = long[column].astype("boolean").fillna(False).astype(bool)
    long["collective"] = long["collective_a"] | long["collective_b"]
    aligned = pairs[["task_id_a", "task_id_b"]].notna().all(axis=1).to_numpy()
    long["aligned"] = aligned[long["pair"].to_numpy()]
    return long.drop(columns="_merge").sort_values(["pair", "unit"], kind="stable")


def responsibility_shift(pairs: pd.DataFrame, a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    """For each pair: the units of both sides and what changed between them.

    Parameters
    ----------
    pairs : DataFrame
        From :func:`~gongkai_analysis.analysis.align.align_tasks` (``doc_id_a``, ``task_id_a``,
        ``doc_id_b``, ``task_id_b``; ``label`` is carried along when present).
    a, b : DataFrame
        The responsibilities tables of documents A and B (``doc_id``, ``task_id``, ``unit``,
        ``role`` and ``collective`` or ``category``).

    Returns
    -------
    DataFrame
        One row per pair, in the pairs' order: the ids, ``label``, ``units_a``, ``units_b``,
        ``units_added``, ``units_dropped``, ``lead_a``, ``lead_b`` (sorted lists of units),
        ``lead_changed`` (an aligned pair whose set of leads differs, both sides naming one),
        ``to_collective`` (an aligned pair that dropped a named unit and added a collective one)
        and ``from_collective`` (the reverse).  An added task's units are all ``units_added``,
        a dropped task's all ``units_dropped``.

    Examples
    --------
    >>> pairs = pd.DataFrame({"doc_id_a": ["a", None], "task_id_a": ["1", None], "doc_id_b": ["b", "b"],
    ...                       "task_id_b": ["1", "2"], "label": ["copied", "added"]})
    >>> ra = pd.DataFrame({"doc_id": "a", "task_id": ["1"], "unit": ["财政局"], "role": ["lead"], "collective": False})
    >>> rb = pd.DataFrame({"doc_id": "b", "task_id": ["1", "2"], "unit": ["财政局", "统计局"], "role": "lead",
    ...                    "collective": False})
    >>> responsibility_shift(pairs, ra, rb)[["task_id_b", "units_added", "lead_changed"]]
      task_id_b units_added  lead_changed
    0         1          []         False
    1         2       [统计局]         False
    """
    long = _long(pairs, a, b)
    index = pd.RangeIndex(len(pairs))

    def units(mask: pd.Series) -> pd.Series:
        lists: list[list[str]] = [[] for _ in index]
        sub = long.loc[mask, ["pair", "unit"]].sort_values(["pair", "unit"], kind="stable")
        for pair, unit in zip(sub["pair"].to_numpy(), sub["unit"].astype(object).to_numpy()):
            lists[pair].append(unit)
        return pd.Series(lists, index=index, dtype=object)

    def count(mask: pd.Series) -> pd.Series:
        return long[mask].groupby("pair").size().reindex(index, fill_value=0)

    added = long["in_b"] & ~long["in_a"]
    dropped = long["in_a"] & ~long["in_b"]
    lead_a, lead_b = units(long["lead_a"]), units(long["lead_b"])
    aligned = pairs[["task_id_a", "task_id_b"]].notna().all(axis=1).to_numpy()
    out = pd.DataFrame({c: pairs[c].astype("string").to_numpy()
                        for c in ("doc_id_a", "task_id_a", "doc_id_b", "task_id_b")}, index=index)
    out["label"] = pairs["label"].to_numpy() if "label" in pairs.columns else pd.NA
    out["units_a"], out["units_b"] = units(long["in_a"]), units(long["in_b"])
    out["units_added"], out["units_dropped"] = units(added), units(dropped)
    out["lead_a"], out["lead_b"] = lead_a, lead_b
    out["lead_changed"] = (aligned & (lead_a.map(len) > 0) & (lead_b.map(len) > 0)
                          & (lead_a.map(tuple) != lead_b.map(tuple)))
    named_dropped, named_added = count(dropped & ~long["collective"]), count(added & ~long["collective"])
    coll_dropped, coll_added = count(dropped & long["collective"]), count(added & long["collective"])
    out["to_collective"] = aligned & (named_dropped > 0) & (coll_added > 0)
    out["from_collective"] = aligned & (coll_dropped > 0) & (named_added > 0)
    return out[SHIFT_COLUMNS]


def unit_shift(pairs: pd.DataFrame, a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    """Per unit: tasks in A and B, gained, lost and kept, leads gained and lost.

    Parameters
    ----------
    pairs, a, b : DataFrame
        As for :func:`responsibility_shift`.

    Returns
    -------
    DataFrame
        Indexed by ``unit``: ``tasks_a``, ``tasks_b`` (pairs naming the unit on each side),
        ``kept`` (aligned pairs naming it on both sides), ``gained`` (named in B only,
        added tasks included), ``lost`` (named in A only, dropped tasks included), ``net``
        (gained − lost), ``lead_gained``, ``lead_lost`` (lead in B and not in A, or the
        reverse) and ``collective``; sorted by ``net``, then name.

    Examples
    --------
    >>> pairs = pd.DataFrame({"doc_id_a": ["a", "a"], "task_id_a": ["1", "2"], "doc_id_b": ["b", None],
    ...                       "task_id_b": ["1", None]})
    >>> ra = pd.DataFrame({"doc_id": "a", "task_id": ["1", "2"], "unit": ["财政局", "统计局"], "role": "lead",
    ...                    "collective": False})
    >>> rb = pd.DataFrame({"doc_id": "b", "task_id": ["1"], "unit": ["统计局"], "role": ["lead"], "collective": False})
    >>> unit_shift(pairs, ra, rb)[["tasks_a", "tasks_b", "kept", "gained", "lost", "net", "lead_gained", "lead_lost"]]
         tasks_a  tasks_b  kept  gained  lost  net  lead_gained  lead_lost
    unit
    统计局        1        1     0       1     1    0            1          1
    财政局        1        0     0       0     1   -1            0          1
    """
    long = _long(pairs, a, b)
    long = long.assign(
        kept=long["in_a"] & long["in_b"],
        gained=long["in_b"] & ~long["in_a"],
        lost=long["in_a"] & ~long["in_b"],
        lead_gained=long["lead_b"] & ~long["lead_a"],
        lead_lost=long["lead_a"] & ~long["lead_b"],
    )
    out = long.groupby("unit").agg(tasks_a=("in_a", "sum"), tasks_b=("in_b", "sum"), kept=("kept", "sum"),
                                   gained=("gained", "sum"), lost=("lost", "sum"),
                                   lead_gained=("lead_gained", "sum"), lead_lost=("lead_lost", "sum"),
                                   collective=("collective", "any"))
    out.insert(5, "net", out["gained"] - out["lost"])
    counts = [c for c in out.columns if c != "collective"]
    out[counts] = out[counts].astype(int)
    out = out.reset_index().sort_values(["net", "unit"], ascending=[False, True], kind="stable")
    return out.set_index("unit")
