"""Who carries the load: tasks per unit by role and mode, concentration, shared tasks.

Every function takes the responsibilities table (and the tasks table where
sections are needed) and returns a new DataFrame; the input is never changed.

Examples
--------
>>> import gongkai_analysis as gk
>>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
>>> table = workload_table(doc.responsibilities)
>>> table.loc["财政局", ["lead", "responsible", "total"]].tolist()
[2, 3, 5]
>>> table.loc["政府办", ["lead", "total"]].tolist()
[14, 14]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import ColumnError
from ..schema import require_columns
from ..vocab import NO_SECTION

#: Collective units that stand for every department of the government.
DEPARTMENT_COLLECTIVES = ("区政府各部门", "区政府相关部门")
#: The collective unit that stands for every street office.
STREET_COLLECTIVE = "各街道办事处"
_NEEDED = ["task_id", "unit", "role", "mode"]


def _key(resp: pd.DataFrame) -> list[str]:
    return ["doc_id", "task_id"] if "doc_id" in resp.columns else ["task_id"]


def obligation_weights(responsibilities: pd.DataFrame) -> pd.Series:
    """The fractional share of each row: 1 for sole and separate, 1/n for n joint units.

    ``n`` counts the units with the same role on the same task.

    Parameters
    ----------
    responsibilities : DataFrame
        The parser's responsibilities table (needs ``task_id``, ``unit``,
        ``role`` and ``mode``; ``doc_id`` too when it holds several documents).

    Returns
    -------
    Series
        ``weight`` (float), aligned with the rows of `responsibilities`.

    Raises
    ------
    ColumnError
        When `responsibilities` lacks one of the columns.

    Examples
    --------
    >>> import pandas as pd
    >>> resp = pd.DataFrame({"doc_id": "d", "task_id": ["1", "1", "1", "2"], "unit": ["甲局", "乙局", "丙局", "甲局"],
    ...                      "role": ["lead", "responsible", "responsible", "responsible"],
    ...                      "mode": ["sole", "joint", "joint", "sole"]})
    >>> obligation_weights(resp).tolist()
    [1.0, 0.5, 0.5, 1.0]
    """
    require_columns(responsibilities, _NEEDED, "responsibilities")
    joint = responsibilities["mode"].astype(str).eq("joint")
    group = [*_key(responsibilities), "role"]
    # a joint share is split among the joint units of that role only, not a sole unit beside them
    size = joint.groupby([responsibilities[c] for c in group], observed=True).transform("sum")
    return pd.Series(np.where(joint, 1.0 / size.where(size > 0, 1), 1.0), index=responsibilities.index, name="weight")


def expand_collective(
    responsibilities: pd.DataFrame,
    *,
    members: Iterable[str] | None = None,
    streets: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Replace collective obligations with one row per member unit.

    区政府各部门 and 区政府相关部门 become every department in `members` (by
    default every non-collective unit the same document names).  各街道办事处
    stays one row unless `streets` lists the street offices.  A unit already
    named on a task is not added to it again.  New rows keep the role and mode
    of the collective row, carry its name in ``via`` and share its fractional
    ``weight`` evenly.

    Parameters
    ----------
    responsibilities : DataFrame
        The parser's responsibilities table (needs ``task_id``, ``unit``,
        ``role`` and ``mode``; ``doc_id`` and ``collective`` are used when
        present).
    members : iterable of str, optional
        The departments 区政府各部门 and 区政府相关部门 stand for (the same
        list for every document).
    streets : sequence of str, optional
        The street offices 各街道办事处 stands for.

    Returns
    -------
    DataFrame
        The rows of `responsibilities` with collectives replaced, in their
        dtypes, plus ``weight`` (float) and ``via`` (the collective a row
        came from, NA for rows named in the document); a new index.

    Raises
    ------
    ColumnError
        When `responsibilities` lacks one of the columns it needs.

    Examples
    --------
    >>> import pandas as pd
    >>> resp = pd.DataFrame({"task_id": ["1", "1", "2"], "unit": ["甲局", "区政府各部门", "乙局"],
    ...                      "role": ["lead", "responsible", "responsible"], "mode": "sole",
    ...                      "collective": [False, True, False]})
    >>> expand_collective(resp)[["task_id", "unit", "role", "via"]].values.tolist()
    [['1', '甲局', 'lead', nan], ['1', '乙局', 'responsible', '区政府各部门'], ['2', '乙局', 'responsible', nan]]
    """
    require_columns(responsibilities, _NEEDED, "responsibilities")
    resp = responsibilities.assign(weight=obligation_weights(responsibilities), via=np.nan)
    resp["via"] = resp["via"].astype("str")
    key = _key(resp)
    is_collective = resp["collective"] if "collective" in resp.columns else resp["unit"].isin(DEPARTMENT_COLLECTIVES)
    explicit = resp.loc[~is_collective]
    fixed = list(members) if members is not None else None
    expanded = []
    for _, row in resp.iterrows():
        if row["unit"] in DEPARTMENT_COLLECTIVES:
            pool = fixed if fixed is not None else _named_units(explicit, row, key)
        elif row["unit"] == STREET_COLLECTIVE and streets:
            pool = list(streets)
        else:
            expanded.append(row.to_frame().T)
            continue
        on_task = set(resp.loc[(resp[key] == row[key]).all(axis=1), "unit"])
        new = [u for u in pool if u not in on_task]
        if not new:
            continue
        block = pd.DataFrame([row] * len(new)).assign(unit=new, via=row["unit"], weight=row["weight"] / len(new))
        if "collective" in block.columns:
            block["collective"] = False
        expanded.append(block)
    out = pd.concat(expanded, ignore_index=True) if expanded else resp.iloc[0:0]
    out = out.drop_duplicates(subset=[*key, "unit"], keep="first")
    return out.astype({c: responsibilities[c].dtype for c in responsibilities.columns if c in out.columns}) \
        .astype({"weight": "float64"}).reset_index(drop=True)


def _named_units(explicit: pd.DataFrame, row: pd.Series, key: list[str]) -> list[str]:
    same_doc = explicit if "doc_id" not in key else explicit[explicit["doc_id"] == row["doc_id"]]
    return sorted(same_doc["unit"].unique())


def workload_table(
    responsibilities: pd.DataFrame,
    *,
    expand_collective: bool = False,
    members: Iterable[str] | None = None,
    streets: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Tasks per unit: by role, by mode, in total, and as a fractional share.

    Parameters
    ----------
    responsibilities : DataFrame
        The parser's responsibilities table.
    expand_collective : bool, default False
        Count 区政府各部门 / 区政府相关部门 obligations for every named
        department (see :func:`expand_collective`).
    members, streets : optional
        Passed to :func:`expand_collective`.

    Returns
    -------
    DataFrame
        Index ``unit``; columns ``lead``, ``responsible``, ``support``
        (tasks in that role), ``sole``, ``joint``, ``separate`` (tasks in
        that mode), ``total`` (distinct tasks), ``share`` (a joint obligation
        of n units counts 1/n to each) and ``collective`` (when the input
        has that column); sorted by total, then lead, most first, then by
        unit name.

    Raises
    ------
    ColumnError
        When `responsibilities` lacks ``task_id``, ``unit``, ``role`` or
        ``mode``.

    Examples
    --------
    >>> import pandas as pd
    >>> resp = pd.DataFrame({"doc_id": "d", "task_id": ["1", "1", "1", "2"], "unit": ["甲局", "乙局", "丙局", "甲局"],
    ...                      "role": ["lead", "responsible", "responsible", "responsible"],
    ...                      "mode": ["sole", "joint", "joint", "sole"]})
    >>> table = workload_table(resp)
    >>> table[["lead", "responsible", "joint", "total", "share"]].reset_index().values.tolist()
    [['甲局', 1, 1, 0, 2, 2.0], ['丙局', 0, 1, 1, 1, 0.5], ['乙局', 0, 1, 1, 1, 0.5]]

    With ``expand_collective=True`` a collective counts for the departments
    the document names:

    >>> resp = pd.DataFrame({"doc_id": "d", "task_id": ["1", "1", "2"], "unit": ["甲局", "区政府各部门", "乙局"],
    ...                      "role": ["lead", "responsible", "responsible"], "mode": "sole"})
    >>> workload_table(resp, expand_collective=True)["total"].to_dict()
    {'乙局': 2, '甲局': 1}
    """
    resp = responsibilities
    if expand_collective:
        resp = _expand(resp, members=members, streets=streets)
    else:
        resp = resp.assign(weight=obligation_weights(resp))
    key = _key(resp)
    task = resp[key].astype(str).agg("|".join, axis=1) if len(key) > 1 else resp["task_id"]
    resp = resp.assign(_task=task.to_numpy(), role=resp["role"].astype(str), mode=resp["mode"].astype(str))
    out = pd.DataFrame(index=pd.Index(sorted(resp["unit"].unique()), name="unit"))
    for role in ("lead", "responsible", "support"):
        out[role] = resp[resp["role"] == role].groupby("unit")["_task"].nunique()
    for mode in ("sole", "joint", "separate"):
        out[mode] = resp[resp["mode"] == mode].groupby("unit")["_task"].nunique()
    out["total"] = resp.groupby("unit")["_task"].nunique()
    out = out.fillna(0).astype("int64")
    out["share"] = resp.groupby("unit")["weight"].sum().round(6)
    if "collective" in resp.columns:
        out["collective"] = resp.groupby("unit")["collective"].any().astype(bool)
    order = out.reset_index().sort_values(["total", "lead", "unit"], ascending=[False, False, True], kind="stable")
    return out.loc[order["unit"]]


def workload_by_section(tasks: pd.DataFrame, responsibilities: pd.DataFrame) -> pd.DataFrame:
    """Distinct tasks per unit in each section: units × section numbers.

    Parameters
    ----------
    tasks : DataFrame
        The parser's tasks table (needs ``task_id`` and ``section_no``).
    responsibilities : DataFrame
        The parser's responsibilities table (needs ``task_id`` and ``unit``).
        Rows are matched on ``doc_id`` as well when both tables have it.

    Returns
    -------
    DataFrame
        Index ``unit``, one column per ``section_no``: the number of distinct
        tasks; sorted by the unit's total, most first.

    Raises
    ------
    ColumnError
        When `tasks` lacks ``task_id`` or ``section_no``.

    Examples
    --------
    >>> import pandas as pd
    >>> resp = pd.DataFrame({"doc_id": "d", "task_id": ["1", "1", "1", "2"], "unit": ["甲局", "乙局", "丙局", "甲局"],
    ...                      "role": ["lead", "responsible", "responsible", "responsible"],
    ...                      "mode": ["sole", "joint", "joint", "sole"]})
    >>> tasks = pd.DataFrame({"doc_id": "d", "task_id": ["1", "2"], "section_no": [1, 2]})
    >>> workload_by_section(tasks, resp).reset_index().values.tolist()
    [['甲局', 1, 1], ['丙局', 1, 0], ['乙局', 1, 0]]
    >>> import gongkai_analysis as gk
    >>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
    >>> workload_by_section(doc.tasks, doc.responsibilities).loc["政府办"].tolist()
    [0, 0, 0, 0, 0, 0, 3, 11]
    """
    require_columns(tasks, ["task_id", "section_no"], "tasks")
    key = [c for c in ("doc_id", "task_id") if c in tasks.columns and c in responsibilities.columns]
    merged = responsibilities[[*key, "unit"]].drop_duplicates().merge(tasks[[*key, "section_no"]], on=key)
    # tasks under no numbered section keep their units' counts, in a column of their own
    sections = merged["section_no"].astype("Int64").astype(object).where(merged["section_no"].notna(), NO_SECTION)
    table = pd.crosstab(merged["unit"], sections)
    table.columns.name = "section_no"
    return table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]


def concentration(workload: pd.DataFrame, *, column: str = "total", top: int = 5) -> pd.Series:
    """How concentrated the load is: top-`top` share, Herfindahl index and Gini.

    ``hhi`` is the sum of squared shares (1/n when equal, 1 when one unit has
    everything); ``gini`` is 0 when every unit carries the same.

    Parameters
    ----------
    workload : DataFrame
        One row per unit, such as :func:`workload_table` returns.
    column : str, default "total"
        The column holding each unit's load.
    top : int, default 5
        How many of the largest units the top share counts.

    Returns
    -------
    Series
        Named after `column`: ``units`` (the number of units, as a float),
        ``top<top>_share``, ``hhi`` and ``gini``.

    Raises
    ------
    ColumnError
        When `workload` lacks `column`, or the column sums to zero or less.

    Examples
    --------
    >>> import pandas as pd
    >>> concentration(pd.DataFrame({"total": [1, 1, 1, 1]}), top=2).round(3).tolist()
    [4.0, 0.5, 0.25, 0.0]
    >>> concentration(pd.DataFrame({"total": [3, 1]}), top=1).round(3).to_dict()
    {'units': 2.0, 'top1_share': 0.75, 'hhi': 0.625, 'gini': 0.25}
    """
    require_columns(workload, [column], "workload")
    values = workload[column].astype(float).to_numpy()
    total = values.sum()
    if total <= 0:
        raise ColumnError(f"workload column {column!r} sums to zero", source="workload")
    shares = values / total
    ordered = np.sort(values)
    n = len(values)
    gini = float((2 * np.arange(1, n + 1) - n - 1).dot(ordered) / (n * total))
    return pd.Series({
        "units": float(n),
        f"top{top}_share": float(np.sort(shares)[::-1][:top].sum()),
        "hhi": float((shares ** 2).sum()),
        "gini": gini,
    }, name=column)


def co_responsibility(responsibilities: pd.DataFrame) -> pd.DataFrame:
    """Units × units: how many tasks each pair shares (the diagonal: the unit's tasks).

    Parameters
    ----------
    responsibilities : DataFrame
        The parser's responsibilities table (needs ``task_id`` and ``unit``;
        ``doc_id`` is part of the task key when present).

    Returns
    -------
    DataFrame
        A symmetric int64 matrix, index and columns ``unit`` in sorted order.

    Raises
    ------
    ColumnError
        When `responsibilities` lacks ``task_id`` or ``unit``.

    Examples
    --------
    >>> import pandas as pd
    >>> resp = pd.DataFrame({"task_id": ["1", "1", "2"], "unit": ["甲", "乙", "甲"]})
    >>> co_responsibility(resp).values.tolist()
    [[1, 1], [1, 2]]
    """
    require_columns(responsibilities, ["task_id", "unit"], "responsibilities")
    key = _key(responsibilities)
    pairs = responsibilities[[*key, "unit"]].drop_duplicates()
    task = pairs[key].astype(str).agg("|".join, axis=1) if len(key) > 1 else pairs["task_id"]
    incidence = pd.crosstab(task.rename("task"), pairs["unit"]).clip(upper=1)
    matrix = incidence.T.dot(incidence)
    matrix.index.name, matrix.columns.name = "unit", "unit"
    return matrix.astype("int64")


def co_responsibility_edges(responsibilities: pd.DataFrame, *, min_tasks: int = 1) -> pd.DataFrame:
    """The shared-task matrix as an edge list: unit_a, unit_b, tasks (a < b).

    Parameters
    ----------
    responsibilities : DataFrame
        As for :func:`co_responsibility`.
    min_tasks : int, default 1
        Leave out pairs that share fewer tasks.

    Returns
    -------
    DataFrame
        unit_a, unit_b (``unit_a`` sorts before ``unit_b``), tasks; most
        shared tasks first, then by the names.

    Raises
    ------
    ColumnError
        When `responsibilities` lacks ``task_id`` or ``unit``.

    Examples
    --------
    >>> import pandas as pd
    >>> resp = pd.DataFrame({"task_id": ["1", "1", "1", "2", "2"], "unit": ["甲", "乙", "丙", "甲", "乙"]})
    >>> co_responsibility_edges(resp).values.tolist()
    [['乙', '甲', 2], ['丙', '乙', 1], ['丙', '甲', 1]]
    >>> co_responsibility_edges(resp, min_tasks=2).values.tolist()
    [['乙', '甲', 2]]
    """
    matrix = co_responsibility(responsibilities)
    units = matrix.index.tolist()
    rows = [(a, b, int(matrix.iat[i, j])) for i, a in enumerate(units) for j, b in enumerate(units)
            if i < j and matrix.iat[i, j] >= min_tasks]
    edges = pd.DataFrame(rows, columns=["unit_a", "unit_b", "tasks"])
    return edges.sort_values(["tasks", "unit_a", "unit_b"], ascending=[False, True, True], ignore_index=True)


#: The module-level name of :func:`expand_collective`, for :func:`workload_table`,
#: whose keyword argument of the same name hides the function inside it.
_expand = expand_collective
