"""Specification completeness (item 54): does each task name who, what, when and how?

Item 54 of the Dongcheng plan asks every disclosure item to name its 主体
(who), 内容 (what), 时限 (when) and 方式 (how).  From the text alone a task
scores one point for each:

* 主体 — the task assigns at least one unit;
* 内容 — its text names a disclosure object (信息, 情况, 名单, 目录, 结果 …);
* 时限 — it has a cadence label, an explicit deadline, a statutory limit or a
  时限 line or cell;
* 方式 — it names a channel (government web site, new media, a platform …).

Examples
--------
>>> import gongkai_analysis as gk
>>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
>>> table = completeness_table(doc.tasks, doc.responsibilities)
>>> row = table.xs("4", level="task_id").iloc[0]
>>> row[["who", "what", "when", "how"]].astype(bool).tolist(), int(row["score"])
([True, True, True, True], 4)
>>> table.xs("34", level="task_id")["missing"].iloc[0]
['时限', '方式']
"""

from __future__ import annotations

import pandas as pd

from .. import patterns
from .cadence import cadence_table
from ..schema import require_columns, task_index
from ..errors import ColumnError
from ..vocab import ASPECT_LABELS, ASPECTS, CADENCES, NO_SECTION

#: The four elements of item 54, in order, with their Chinese names.


def completeness_table(
    tasks: pd.DataFrame,
    responsibilities: pd.DataFrame,
    *,
    cadence: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Score every task on who, what, when and how (0–4).

    Parameters
    ----------
    tasks : DataFrame
        The parser's tasks table (needs ``doc_id``, ``task_id`` and ``text``;
        a ``time_limit`` column counts towards 时限 where it is filled).
    responsibilities : DataFrame
        The parser's responsibilities table (needs ``task_id`` and ``unit``,
        and ``doc_id`` to match tasks by the full key).
    cadence : DataFrame, optional
        :func:`gongkai_analysis.analysis.cadence.cadence_table` of `tasks`,
        when already computed; its rows must be in the order of `tasks`.

    Returns
    -------
    DataFrame
        Indexed like :func:`gongkai_analysis.analysis.cadence.cadence_table`;
        boolean ``who``, ``what``, ``when``, ``how``; ``score`` (0–4),
        ``complete`` (all four) and ``missing`` (the Chinese names of what is
        missing).

    Raises
    ------
    ColumnError
        When a table lacks one of the columns it needs.

    Examples
    --------
    >>> tasks = pd.DataFrame({"doc_id": "d", "task_id": ["1", "2"],
    ...                       "text": ["每季度在政府网站公开财政收支信息。", "做好政策解读。"]})
    >>> resp = pd.DataFrame({"doc_id": "d", "task_id": ["1"], "unit": ["财政局"]})
    >>> table = completeness_table(tasks, resp)
    >>> table[["who", "what", "when", "how"]].values.tolist()
    [[True, True, True, True], [False, True, False, False]]
    >>> table["score"].tolist(), table["missing"].tolist()
    ([4, 1], [[], ['主体', '时限', '方式']])
    """
    require_columns(tasks, ["task_id", "text"], "tasks")
    require_columns(responsibilities, ["task_id", "unit"], "responsibilities")
    index = task_index(tasks)
    if cadence is None:
        cadence = cadence_table(tasks)
    else:  # matched by task key, never by row position
        cadence = cadence.reindex(index)
        if cadence["statutory"].isna().any():
            missing = [f"{d}/{t}" for d, t in cadence.index[cadence["statutory"].isna()]]
            raise ColumnError(f"no row for task(s) {', '.join(missing[:5])}", source="cadence")
    assigned = set(map(tuple, responsibilities[[c for c in index.names if c in responsibilities]].astype(str).to_numpy()))
    keys = [tuple(map(str, k)) if isinstance(k, tuple) else (str(k),) for k in index]
    out = pd.DataFrame(index=index)
    out["who"] = [k in assigned for k in keys]
    out["what"] = tasks["text"].fillna("").map(lambda t: bool(patterns.CONTENT_OBJECT.search(t))).to_numpy()
    timing = cadence[list(CADENCES)].any(axis=1) | cadence["statutory"]
    timing |= cadence["deadline_hours"].map(bool) | cadence["deadline_days"].map(bool)
    if "time_limit" in tasks.columns:
        timing |= tasks["time_limit"].notna().to_numpy()
    out["when"] = timing.to_numpy()
    out["how"] = cadence["channels"].map(bool).to_numpy()
    aspects = list(ASPECTS)
    out["score"] = out[aspects].sum(axis=1).astype("int64")
    out["complete"] = out["score"] == len(aspects)
    out["missing"] = [[ASPECT_LABELS[a] for a in aspects if not row[a]] for _, row in out[aspects].iterrows()]
    return out


def completeness_by_unit(completeness: pd.DataFrame, responsibilities: pd.DataFrame) -> pd.DataFrame:
    """Per unit: its tasks, the share naming each element, the mean score and the share complete.

    Parameters
    ----------
    completeness : DataFrame
        The output of :func:`completeness_table`.
    responsibilities : DataFrame
        The responsibilities table it was computed with (needs the columns
        of the completeness index and ``unit``).

    Returns
    -------
    DataFrame
        Index ``unit``; ``tasks`` (distinct tasks), ``who``, ``what``,
        ``when``, ``how`` (the share of the unit's tasks naming each),
        ``mean_score`` and ``complete`` (the share complete); sorted by
        tasks, then mean score, most first.

    Raises
    ------
    ColumnError
        When `responsibilities` lacks one of those columns.

    Examples
    --------
    >>> tasks = pd.DataFrame({"doc_id": "d", "task_id": ["1", "2"],
    ...                       "text": ["每季度在政府网站公开财政收支信息。", "做好政策解读。"]})
    >>> resp = pd.DataFrame({"doc_id": "d", "task_id": ["1", "2", "2"], "unit": ["财政局", "财政局", "审计局"]})
    >>> table = completeness_by_unit(completeness_table(tasks, resp), resp)
    >>> table[["tasks", "when", "mean_score"]].reset_index().values.tolist()
    [['财政局', 2, 0.5, 3.0], ['审计局', 1, 0.0, 2.0]]
    >>> import gongkai_analysis as gk
    >>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
    >>> table = completeness_by_unit(completeness_table(doc.tasks, doc.responsibilities), doc.responsibilities)
    >>> int(table.loc["财政局", "tasks"]), float(table.loc["财政局", "who"])
    (5, 1.0)
    """
    key = list(completeness.index.names)
    require_columns(responsibilities, [*key, "unit"], "responsibilities")
    scored = completeness.reset_index()
    pairs = responsibilities[[*key, "unit"]].drop_duplicates()
    merged = pairs.merge(scored, on=key, how="inner")
    return _rollup(merged, "unit")


def completeness_by_section(completeness: pd.DataFrame, tasks: pd.DataFrame) -> pd.DataFrame:
    """Per section: its tasks, the share naming each element, the mean score and the share complete.

    Parameters
    ----------
    completeness : DataFrame
        The output of :func:`completeness_table`.
    tasks : DataFrame
        The tasks table it was computed from (needs the columns of the
        completeness index, ``section_no`` and ``section_title``).

    Returns
    -------
    DataFrame
        Index ``section`` (``"1 公开"``: number and title); columns as for
        :func:`completeness_by_unit`; sorted by section number.

    Raises
    ------
    ColumnError
        When `tasks` lacks one of those columns.

    Examples
    --------
    >>> tasks = pd.DataFrame({"doc_id": "d", "task_id": ["1", "2"], "section_no": [2, 10],
    ...                       "section_title": ["公开", "解读"],
    ...                       "text": ["每季度在政府网站公开财政收支信息。", "做好政策解读。"]})
    >>> resp = pd.DataFrame({"doc_id": "d", "task_id": ["1"], "unit": ["财政局"]})
    >>> table = completeness_by_section(completeness_table(tasks, resp), tasks)
    >>> table[["tasks", "mean_score"]].reset_index().values.tolist()
    [['2 公开', 1, 4.0], ['10 解读', 1, 1.0]]
    """
    key = list(completeness.index.names)
    require_columns(tasks, [*key, "section_no", "section_title"], "tasks")
    merged = tasks[[*key, "section_no", "section_title"]].merge(completeness.reset_index(), on=key)
    numbered = merged["section_no"].notna()
    label = merged["section_no"].astype("Int64").astype(str) + " " + merged["section_title"].fillna("")
    merged = merged.assign(section=label.where(numbered, NO_SECTION))
    table = _rollup(merged, "section")
    order = {s: (int(s.split(" ")[0]) if s != NO_SECTION else float("inf")) for s in table.index}
    return table.sort_index(key=lambda s: s.map(order))


def _rollup(merged: pd.DataFrame, by: str) -> pd.DataFrame:
    grouped = merged.groupby(by)
    out = pd.DataFrame({"tasks": grouped.size()})
    for aspect in ASPECTS:
        out[aspect] = grouped[aspect].mean()
    out["mean_score"] = grouped["score"].mean()
    out["complete"] = grouped["complete"].mean()
    return out.sort_values(["tasks", "mean_score"], ascending=[False, False], kind="stable")
