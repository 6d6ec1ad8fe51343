"""The overview a leadership report shows: every number of it, computed once.

:mod:`gongkai_analysis.output.workbook` only lays this out: the key figures
with their plain labels and definitions, the tasks, each unit's obligations,
the per-unit table, the disclosures due per month from the plan's date (and
the assumption behind them), and — with a filled tracker — the scores and the
units below 合格.

Examples
--------
>>> import gongkai_analysis as gk
>>> data = overview(gk.parse_document(gk.config.BUNDLED_DOCUMENT))
>>> data.start_month, data.months.to_dict()
(6, {6: 4, 7: 2, 8: 2, 9: 5, 10: 2, 11: 2, 12: 16})
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ..errors import ParseError
from ..vocab import ASPECT_LABELS, CADENCE_LABELS, CADENCES, DUE_MONTHS, GRADES, ROLES, STATUSES


#: How the unit view names an obligation whose status was left empty.
UNREPORTED = "未填报"


@dataclass
class Overview:
    """Every table the workbook shows, computed once.

    Attributes
    ----------
    doc : Document
        The plan.
    tasks : DataFrame
        One row per task: its text, units by role, when (cadence and deadline),
        channels, dimensions and item-54 completeness.
    responsibilities : DataFrame
        The document's responsibilities.
    workload, calendar, completeness, by_unit : DataFrame
        As :func:`~gongkai_analysis.workload_table`,
        :func:`~gongkai_analysis.disclosure_calendar`,
        :func:`~gongkai_analysis.completeness_table` and
        :func:`~gongkai_analysis.completeness_by_unit` give them.
    scores : DataFrame or None
        :func:`~gongkai_analysis.score_departments` of the tracker.
    figures : DataFrame
        The key figures: ``label``, ``value``, ``kind`` (count or share) and
        a one-line ``definition``.
    unit_view : DataFrame
        One row per unit, sorted by name: the ids of its tasks by role
        (``lead``, ``responsible``, ``support``), ``when`` (each task's
        cadence and deadline) and, with a tracker, ``status``: its tasks by
        status in words (``按时完成：1、5；未完成：12``; 未填报 for empty ones).
    units : DataFrame
        One row per unit, busiest first: tasks by role, disclosures due each
        month from `start_month`, completeness and (with a tracker) score.
    unit_totals : Series
        The column totals of `units` that add up (tasks by role, obligations
        in all, disclosures due per month and in all).
    months : Series
        Disclosures due in each month from `start_month` to December.
    start_month : int
        The month of the plan's date (1 when it has none).
    month_note : str
        The assumption behind `months`, in words.
    below : DataFrame or None
        Units graded below 合格, lowest score first (with a tracker).
    by_section : DataFrame
        :func:`~gongkai_analysis.completeness_by_section`.
    edges : DataFrame
        :func:`~gongkai_analysis.co_responsibility_edges`.

    Examples
    --------
    >>> empty = pd.DataFrame()
    >>> data = Overview(doc=None, tasks=empty, responsibilities=empty, workload=empty, calendar=empty,
    ...                 completeness=empty, by_unit=empty, scores=None)
    >>> data.start_month, data.month_note, data.below is None, data.units.empty
    (1, '', True, True)
    """

    doc: object
    tasks: pd.DataFrame
    responsibilities: pd.DataFrame
    workload: pd.DataFrame
    calendar: pd.DataFrame
    completeness: pd.DataFrame
    by_unit: pd.DataFrame
    scores: pd.DataFrame | None
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)
    unit_view: pd.DataFrame = field(default_factory=pd.DataFrame)
    units: pd.DataFrame = field(default_factory=pd.DataFrame)
    unit_totals: pd.Series = field(default_factory=pd.Series)
    months: pd.Series = field(default_factory=pd.Series)
    start_month: int = 1
    month_note: str = ""
    below: pd.DataFrame | None = None
    by_section: pd.DataFrame = field(default_factory=pd.DataFrame)
    edges: pd.DataFrame = field(default_factory=pd.DataFrame)


def overview(doc, *, tracker: pd.DataFrame | None = None) -> Overview:
    """Every table the leadership report shows, computed once from a parsed document.

    Parameters
    ----------
    doc : Document
        One plan, parsed with tokens.
    tracker : DataFrame, optional
        A filled tracker (:func:`gongkai_analysis.read_tracker`): adds scores,
        grades, each obligation's status and the units below 合格.

    Returns
    -------
    Overview

    Raises
    ------
    ParseError
        When `doc` holds several documents, was parsed without tokens or
        names no responsible unit.

    Examples
    --------
    >>> import gongkai_analysis as gk
    >>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT)
    >>> data = overview(doc)
    >>> len(data.tasks), data.scores is None, data.below is None
    (65, True, True)
    >>> data.figures.set_index("label").loc["任务数", "value"]
    65
    >>> sim = overview(doc, tracker=gk.simulate_tracker(doc, seed=0))
    >>> len(sim.below), sim.unit_view.set_index("unit").loc["财政局", ["lead", "responsible", "status"]].tolist()
    (4, ['8、9', '2、6、7', '按时完成：7；逾期完成：2、9；部分完成：8；不适用：6'])
    """
    from .cadence import cadence_table, disclosure_calendar, named_months
    from .compliance import completeness_by_section, completeness_by_unit, completeness_table
    from .dimensions import classify_dimensions
    from .rules import cadence_rules
    from .scoring import score_departments
    from .workload import co_responsibility_edges, workload_table

    if doc.meta["doc_id"].nunique() != 1:
        raise ParseError("the report covers one document; parse one plan at a time")
    if "tokens" not in doc.tasks.columns:
        raise ParseError("the report needs tokens: parse with tokens=True", source=doc.doc_id)
    if doc.responsibilities.empty:
        raise ParseError("no task names a responsible unit, so there is no one to report on "
                         "(the plan's clauses such as （财政局负责落实） were not found)", source=doc.doc_id)
    names = cadence_rules().set_index(["kind", "label"])["name"]
    cadence = cadence_table(doc.tasks)
    dims = classify_dimensions(doc.tasks)
    completeness = completeness_table(doc.tasks, doc.responsibilities, cadence=cadence)
    resp = doc.responsibilities
    by_role = {role: resp[resp["role"] == role].groupby("task_id", sort=False)["unit"].agg("、".join).to_dict()
               for role in ROLES}
    task_ids = doc.tasks["task_id"]
    when = [_when(row, limit) for (_, row), limit in zip(cadence.iterrows(), doc.tasks["time_limit"])]
    tasks = pd.DataFrame({
        "task_id": task_ids.to_numpy(),
        "section": (doc.tasks["section_no"].astype("str") + " " + doc.tasks["section_title"].fillna("")).to_numpy(),
        "text": doc.tasks["text"].to_numpy(),
        "clause": doc.tasks["clause"].to_numpy(),
        "lead": [by_role["lead"].get(t, "") for t in task_ids],
        "responsible": [by_role["responsible"].get(t, "") for t in task_ids],
        "support": [by_role["support"].get(t, "") for t in task_ids],
        "when": when,
        "channels": ["、".join(names[("channel", c)] for c in row) for row in cadence["channels"]],
        "dimensions": ["、".join(d) for d in dims["dimensions"]],
        "completeness": completeness["score"].to_numpy(),
        "missing": ["、".join(m) for m in completeness["missing"]],
    })
    scores = score_departments(tracker) if tracker is not None else None
    workload = workload_table(resp)
    calendar = disclosure_calendar(doc.tasks, resp)
    by_unit = completeness_by_unit(completeness, resp)
    start = _start_month(doc.meta)
    due = calendar.reindex(columns=range(1, 13), fill_value=0)
    months = due.sum().loc[start:].astype("int64")
    months.index.name = "month"
    data = Overview(
        doc=doc, tasks=tasks, responsibilities=resp, workload=workload, calendar=calendar,
        completeness=completeness, by_unit=by_unit, scores=scores,
        unit_view=_unit_view(doc, tasks, tracker),
        units=_units(workload, due.loc[:, start:], by_unit, scores),
        months=months, start_month=start, month_note=_month_note(doc.meta, start, _annual_named(cadence, named_months(doc.tasks))),
        below=_below(scores), by_section=completeness_by_section(completeness, doc.tasks),
        edges=co_responsibility_edges(resp),
    )
    summable = ["lead", "responsible", "support", "total", *(c for c in data.units.columns if c.startswith("month_")),
                "due_total"]
    data.unit_totals = data.units[summable].sum().astype("int64")
    data.figures = _figures(data, cadence)
    return data


def _when(row: pd.Series, limit) -> str:
    """Cadence labels and deadlines of one task, in words."""
    parts = [CADENCE_LABELS[c] for c in CADENCES if row[c]]
    parts += [f"{h}小时内" for h in row["deadline_hours"]] + [f"{d}日内" for d in row["deadline_days"]]
    if row["statutory"]:
        parts.append("法定时限")
    if isinstance(limit, str) and limit:
        parts.append(limit)
    return "、".join(parts)


def _start_month(meta: pd.DataFrame) -> int:
    date = meta["date"].iloc[0]
    try:
        return dt.date.fromisoformat(str(date)).month
    except ValueError:
        return 1


def _annual_named(cadence: pd.DataFrame, named: dict) -> int:
    """How many yearly tasks name the month they fall due in."""
    return sum(1 for key in cadence.index[cadence["annual"]] if key in named)


def _month_note(meta: pd.DataFrame, start: int, named: int = 0) -> str:
    """The assumption behind the month counts, from the vocabulary of due months."""
    due = "；".join(f"{CADENCE_LABELS[c]}的在{'、'.join(str(m) for m in months)}月" if len(months) < 12
                   else f"{CADENCE_LABELS[c]}的每月一次" for c, months in DUE_MONTHS.items())
    date = meta["date"].iloc[0]
    since = f"自成文日期（{date}）所在的{start}月算起；" if start > 1 else ""
    if named:  # some yearly tasks name their month (每年3月底前): those are counted there
        return (f"说明：原文多只写频次。本图假设{due}；{named}项每年的任务原文写明了月份，按原文计；"
                f"{since}每项分工（任务×单位）计一次。")
    return (f"说明：原文只写频次，没写月份。本图假设{due}，所以年度公开都落在12月；"
            f"{since}每项分工（任务×单位）计一次。")


def _unit_view(doc, tasks: pd.DataFrame, tracker: pd.DataFrame | None) -> pd.DataFrame:
    """One row per unit: its tasks by role, the timing of each, and (with a tracker) by status."""
    resp = doc.responsibilities.merge(doc.tasks[["task_id", "seq"]], on="task_id")
    resp = resp.sort_values(["seq", "role"], kind="stable").drop_duplicates(["task_id", "unit"])
    when = tasks.set_index("task_id")["when"]
    units = resp["unit"].drop_duplicates().sort_values(kind="stable")
    grouped = resp.groupby("unit", sort=False)
    view = pd.DataFrame(index=pd.Index(units, name="unit"))
    for role in ROLES:
        ids = resp[resp["role"] == role].groupby("unit", sort=False)["task_id"].agg("、".join)
        view[role] = ids.reindex(view.index).fillna("").astype(str)
    view["when"] = grouped["task_id"].agg(
        lambda ids: "；".join(f"{t} {when[t]}" for t in ids if when.get(t))).reindex(view.index).fillna("")
    if tracker is not None:
        filled = tracker.drop_duplicates(["task_id", "unit"]).set_index(["task_id", "unit"])["status"]
        status = [filled.get((t, u)) for t, u in zip(resp["task_id"], resp["unit"])]
        status = resp.assign(status=[UNREPORTED if pd.isna(v) else str(v) for v in status])
        order = {name: k for k, name in enumerate((*STATUSES, UNREPORTED))}

        def in_words(rows: pd.DataFrame) -> str:
            groups = rows.groupby("status", sort=False)["task_id"].agg("、".join)
            return "；".join(f"{name}：{groups[name]}" for name in sorted(groups.index, key=order.get))

        view["status"] = status.groupby("unit", sort=False)[["status", "task_id"]].apply(in_words).reindex(view.index)
    return view.reset_index()


def _units(workload: pd.DataFrame, due: pd.DataFrame, by_unit: pd.DataFrame, scores: pd.DataFrame | None) -> pd.DataFrame:
    """Per unit, busiest first: tasks by role, disclosures due per month, completeness, score."""
    out = workload[["lead", "responsible", "support", "total", "share"]].copy()
    months = due.reindex(out.index, fill_value=0).astype("int64")
    for month in months.columns:
        out[f"month_{month}"] = months[month]
    out["due_total"] = months.sum(axis=1)
    out["complete"] = by_unit["complete"].reindex(out.index)
    out["mean_score"] = by_unit["mean_score"].reindex(out.index)
    if scores is not None:
        scored = scores.reindex(out.index)
        for column in ("score", "grade", "points", "unreported", "reason"):
            if column in scored.columns:
                out[column] = scored[column]
    out.index.name = "unit"
    return out


def _below(scores: pd.DataFrame | None) -> pd.DataFrame | None:
    """Units graded below 合格, lowest score first."""
    if scores is None:
        return None
    low = scores[scores["grade"].astype("object") == GRADES[0]]
    return low[["score", "grade"]].sort_values("score", kind="stable")


#: What each item-54 aspect asks a task to name, in words.
_ASPECT_MEANING = {"who": "写明由哪个单位落实", "what": "写明公开什么信息", "when": "写明频次或期限",
                   "how": "写明通过什么渠道公开"}


def _figures(data: Overview, cadence: pd.DataFrame) -> pd.DataFrame:
    """The key figures, each with a plain label and a one-line definition."""
    resp = data.responsibilities
    monthly = set(cadence.index[cadence["monthly"]].get_level_values("task_id"))
    quarterly = set(cadence.index[cadence["quarterly"]].get_level_values("task_id"))
    collective_tasks = resp.loc[resp["collective"].astype(bool), "task_id"].nunique()
    rows = [
        ("任务数", len(data.tasks), "count", "原文编了号的工作任务"),
        ("点名的责任单位", int(resp["unit"].nunique()), "count",
         "不同的单位名称；“各街道办事处”这类集体说法各算一个"),
        ("牵头单位", int(resp.loc[resp["role"] == "lead", "unit"].nunique()), "count", "至少牵头一项任务的单位"),
        ("交给集体承担的任务", int(collective_tasks), "count",
         "责任单位里有“区政府各部门”“各街道办事处”等集体说法的任务"),
        ("每月要公开的分工", int(resp["task_id"].isin(monthly).sum()), "count", "按月公开的任务，每个承担单位算一项"),
        ("每季度要公开的分工", int(resp["task_id"].isin(quarterly).sum()), "count", "按季度公开的任务，每个承担单位算一项"),
        ("没写责任单位的任务", int(data.doc.meta["n_unassigned"].iloc[0]), "count", "原文未指定由谁落实"),
        *((f"写明“{cn}”的任务", float(data.completeness[key].mean()), "share",
           _ASPECT_MEANING[key]) for key, cn in ASPECT_LABELS.items()),
        ("四个要素都写明的任务", float(data.completeness["complete"].mean()), "share",
         "主体、内容、时限、方式齐全（第54条）"),
    ]
    label, value, kind, definition = zip(*rows)
    # counts stay whole numbers beside the shares
    return pd.DataFrame({"label": label, "value": pd.Series(value, dtype=object), "kind": kind, "definition": definition})
