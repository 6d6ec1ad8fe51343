"""When disclosures fall due and where they appear: cadence labels, deadlines, channels.

The labels and channels come from the rule table
``gongkai_analysis/data/cadence_rules.csv`` (one readable regex per label);
pass ``rules=`` to use your own.

Examples
--------
>>> import pandas as pd
>>> tasks = pd.DataFrame({"task_id": ["1", "2"], "doc_id": "d",
...                       "text": ["按月公开财政收支。", "最迟5小时内发布信息，24小时内举行新闻发布会。"]})
>>> table = cadence_table(tasks)
>>> table.loc[("d", "1"), ["monthly", "quarterly"]].tolist(), int(table.loc[("d", "1"), "events_per_year"])
([True, False], 12)
>>> table.loc[("d", "2"), "deadline_hours"], table.loc[("d", "2"), "channels"]
([5, 24], ['press_conference'])
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re

import pandas as pd

from .. import patterns
from ..schema import TASK_KEY, require_columns, task_index
from ..vocab import CADENCE_DTYPE, CADENCES, DUE_MONTHS
from .rules import cadence_rules

def cadence_table(tasks: pd.DataFrame, *, rules: pd.DataFrame | None = None) -> pd.DataFrame:
    """Label every task with its cadence, explicit deadlines and disclosure channels.

    Parameters
    ----------
    tasks : DataFrame
        The parser's tasks table (needs ``doc_id``, ``task_id`` and ``text``).
    rules : DataFrame, optional
        A rule table like :func:`gongkai_analysis.analysis.rules.cadence_rules`
        (the bundled one by default).

    Returns
    -------
    DataFrame
        One row per task, indexed by ``(doc_id, task_id)`` (however many
        documents): a boolean column per cadence label,
        ``events_per_year`` (disclosures a year from the periodic labels),
        ``deadline_hours`` and ``deadline_days`` (lists of int),
        ``statutory`` (法定时限), ``channels`` (channel labels) and
        ``platforms`` (named platforms, as written).

    Raises
    ------
    ColumnError
        When `tasks` lacks ``doc_id``, ``task_id`` or ``text``.

    Examples
    --------
    >>> tasks = pd.DataFrame({"doc_id": "d", "task_id": ["1", "2"],
    ...                       "text": ["每季度在政府网站公开财政收支。", "15个工作日内通过政务服务平台公示结果。"]})
    >>> table = cadence_table(tasks)
    >>> bool(table.loc[("d", "1"), "quarterly"]), int(table.loc[("d", "1"), "events_per_year"])
    (True, 4)
    >>> table.loc[("d", "1"), "channels"]
    ['website']
    >>> table.loc[("d", "2"), ["deadline_days", "channels", "platforms"]].tolist()
    [[15], ['platform'], ['政务服务平台']]
    """
    require_columns(tasks, ["task_id", "text"], "tasks")
    rules = cadence_rules() if rules is None else rules
    texts = tasks["text"].fillna("").map(patterns.fold)
    out = pd.DataFrame(index=task_index(tasks))
    cadence = rules[rules["kind"] == "cadence"]
    for label, group in cadence.groupby("label", sort=False):
        regex = re.compile("|".join(f"(?:{p})" for p in group["pattern"]))
        out[label] = texts.map(lambda t, r=regex: bool(r.search(t))).to_numpy()
    for label in CADENCES:
        if label not in out:
            out[label] = False
    out["events_per_year"] = sum(out[label].astype(int) * len(months) for label, months in DUE_MONTHS.items())
    out["deadline_hours"] = [[int(n) for n in patterns.DEADLINE_HOURS.findall(t)] for t in texts]
    out["deadline_days"] = [[int(n) for n, _ in patterns.DEADLINE_DAYS.findall(t)] for t in texts]
    out["statutory"] = texts.map(lambda t: bool(patterns.STATUTORY.search(t))).to_numpy()
    channels = rules[rules["kind"] == "channel"]
    compiled = [(label, re.compile("|".join(f"(?:{p})" for p in group["pattern"])))
                for label, group in channels.groupby("label", sort=False)]
    out["channels"] = [[label for label, regex in compiled if regex.search(t)] for t in texts]
    platform = dict(compiled).get("platform")
    out["platforms"] = [_platforms(t, platform) for t in texts]
    return out


def _platforms(text: str, regex: re.Pattern[str] | None) -> list[str]:
    if regex is None:
        return []
    names = [patterns.PLATFORM_LEAD.sub("", m.group()).strip("“”\"") for m in regex.finditer(text)]
    return list(dict.fromkeys(n for n in names if n))


def plan_year(meta: pd.DataFrame) -> int:
    """The year a plan is for: its ``year`` in the metadata, else this calendar year.

    Parameters
    ----------
    meta : DataFrame
        The metadata table (one row per document; the first year found is used).

    Returns
    -------
    int
        The first non-missing ``year``, else today's calendar year.

    Raises
    ------
    ColumnError
        When `meta` has no ``year`` column.

    Examples
    --------
    >>> plan_year(pd.DataFrame({"year": pd.array([2017], dtype="Int64")}))
    2017
    >>> plan_year(pd.DataFrame({"year": pd.array([None], dtype="Int64")})) == dt.date.today().year
    True
    """
    require_columns(meta, ["year"], "meta")
    years = meta["year"].dropna()
    return int(years.iloc[0]) if len(years) else dt.date.today().year


def _periodic(tasks: pd.DataFrame, responsibilities: pd.DataFrame, roles: tuple[str, ...],
              rules: pd.DataFrame | None) -> pd.DataFrame:
    """One row per (task, unit, cadence, month) a periodic disclosure falls due in."""
    require_columns(responsibilities, ["doc_id", "task_id", "unit", "role"], "responsibilities")
    labels = cadence_table(tasks, rules=rules).reset_index()
    key = list(TASK_KEY)
    periodic = labels.melt(id_vars=key, value_vars=list(DUE_MONTHS), var_name="cadence", value_name="due")
    periodic = periodic[periodic["due"]].drop(columns="due")
    periodic["month"] = periodic["cadence"].map(DUE_MONTHS)
    annual = periodic["cadence"] == "annual"
    if annual.any():  # an annual disclosure whose text names its month (每年3月底前) is due then, not in December
        named = named_months(tasks)
        periodic.loc[annual, "month"] = [(named[k],) if k in named else DUE_MONTHS["annual"]
                                         for k in zip(periodic.loc[annual, "doc_id"], periodic.loc[annual, "task_id"])]
    periodic = periodic.explode("month").astype({"month": "int64"})
    owners = responsibilities.loc[responsibilities["role"].isin(roles), [*key, "unit", "role"]]
    events = owners.merge(periodic, on=key, how="inner")
    events["cadence"] = events["cadence"].astype(CADENCE_DTYPE)
    return events


def named_months(tasks: pd.DataFrame) -> dict[tuple[str, str], int]:
    """The month each task's text names for a yearly disclosure (每年3月底前 → 3), by task key.

    Parameters
    ----------
    tasks : DataFrame
        ``doc_id``, ``task_id``, ``text``.

    Returns
    -------
    dict
        ``(doc_id, task_id)`` → month (1–12), for the tasks whose text names one
        (:data:`gongkai_analysis.patterns.ANNUAL_MONTH`).

    Examples
    --------
    >>> named_months(pd.DataFrame({"doc_id": "d", "task_id": ["1", "2"],
    ...                            "text": ["每年十二月底前公开年度报告。", "每年公开决算。"]}))
    {('d', '1'): 12}
    """
    require_columns(tasks, ["doc_id", "task_id", "text"], "tasks")
    found = tasks["text"].astype("str").str.extract(patterns.ANNUAL_MONTH)["month"]
    return {(doc, task): _month_number(month)
            for doc, task, month in zip(tasks["doc_id"], tasks["task_id"], found) if isinstance(month, str)}


def _month_number(month: str) -> int:
    """A month as 每年…月 writes it (``3``, ``十二``) as a number."""
    if month.isdigit():
        return int(month)
    digits = "一二三四五六七八九"
    return 10 + (digits.index(month[1]) + 1 if len(month) > 1 else 0) if month.startswith("十") \
        else digits.index(month) + 1


def disclosure_events(
    tasks: pd.DataFrame,
    responsibilities: pd.DataFrame,
    *,
    year: int,
    roles: tuple[str, ...] = ("lead", "responsible"),
    rules: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every expected periodic disclosure: one row per (unit, task, cadence, due date).

    Monthly obligations give 12 events a year, quarterly 4, semi-annual 2,
    annual 1 and academic-year 1, each due at the end of its period's last
    month (an academic year's in September); an annual one whose text names
    its month (``每年3月底前``) at the end of that month.  Every unit with one of `roles`
    on the task owes the event.

    Parameters
    ----------
    tasks, responsibilities : DataFrame
        The parser's tables (tasks: ``doc_id``, ``task_id``, ``text``;
        responsibilities: ``doc_id``, ``task_id``, ``unit``, ``role``).
    year : int
        The calendar year of the due dates (:func:`plan_year` gives the plan's).
    roles : tuple of str
        The roles that owe a disclosure.
    rules : DataFrame, optional
        Cadence rules (the bundled ``data/cadence_rules.csv`` by default).

    Returns
    -------
    DataFrame
        doc_id, task_id, unit, role, cadence (ordered categorical), month,
        due (a timestamp, the last day of the month); sorted by task, unit,
        cadence and month.

    Raises
    ------
    ColumnError
        When a table lacks one of the columns above.

    Examples
    --------
    >>> import gongkai_analysis as gk
    >>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
    >>> events = disclosure_events(doc.tasks, doc.responsibilities, year=plan_year(doc.meta))
    >>> events.loc[events["unit"] == "财政局", "due"].dt.strftime("%Y-%m-%d").iloc[:2].tolist()
    ['2017-01-31', '2017-02-28']

    On a hand-made table: a quarterly task owes four events, the supporting
    unit none.

    >>> tasks = pd.DataFrame({"doc_id": "d", "task_id": ["1"], "text": ["每季度公开财政收支。"]})
    >>> resp = pd.DataFrame({"doc_id": "d", "task_id": ["1", "1"], "unit": ["财政局", "审计局"],
    ...                      "role": ["lead", "support"]})
    >>> events = disclosure_events(tasks, resp, year=2024)
    >>> events[["unit", "cadence", "month"]].values.tolist()
    [['财政局', 'quarterly', 3], ['财政局', 'quarterly', 6], ['财政局', 'quarterly', 9], ['财政局', 'quarterly', 12]]
    >>> events["due"].dt.strftime("%Y-%m-%d").iloc[0]
    '2024-03-31'
    """
    events = _periodic(tasks, responsibilities, roles, rules)
    events["due"] = pd.to_datetime(
        [f"{year}-{m:02d}-{_calendar.monthrange(year, m)[1]}" for m in events["month"]]
    )
    key = list(TASK_KEY)
    columns = [*key, "unit", "role", "cadence", "month", "due"]
    return events[columns].sort_values([*key, "unit", "cadence", "month"], ignore_index=True)


def disclosure_calendar(
    tasks: pd.DataFrame,
    responsibilities: pd.DataFrame,
    *,
    roles: tuple[str, ...] = ("lead", "responsible"),
    rules: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Expected disclosures per unit per month: units × months 1–12.

    Rows are sorted by the year's total, most first; units with no periodic
    obligation are left out.

    Parameters
    ----------
    tasks, responsibilities : DataFrame
        The parser's tables, as for :func:`disclosure_events`.
    roles : tuple of str
        The roles that owe a disclosure.
    rules : DataFrame, optional
        Cadence rules (the bundled ``data/cadence_rules.csv`` by default).

    Returns
    -------
    DataFrame
        Index ``unit``, columns ``month`` 1 to 12: the number of periodic
        disclosures the unit owes in that month.

    Raises
    ------
    ColumnError
        When a table lacks one of the columns :func:`disclosure_events` needs.

    Examples
    --------
    >>> tasks = pd.DataFrame({"doc_id": "d", "task_id": ["1", "2"],
    ...                       "text": ["每季度公开财政收支。", "每半年公开一次。"]})
    >>> resp = pd.DataFrame({"doc_id": "d", "task_id": ["1", "1", "2"], "unit": ["财政局", "审计局", "财政局"],
    ...                      "role": ["lead", "support", "responsible"]})
    >>> disclosure_calendar(tasks, resp).loc["财政局"].tolist()
    [0, 0, 1, 0, 0, 2, 0, 0, 1, 0, 0, 2]
    >>> import gongkai_analysis as gk
    >>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
    >>> cal = disclosure_calendar(doc.tasks, doc.responsibilities)
    >>> cal.loc["财政局"].tolist()
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    """
    events = _periodic(tasks, responsibilities, roles, rules)
    table = pd.crosstab(events["unit"], events["month"]).reindex(columns=range(1, 13), fill_value=0)
    table.columns.name = "month"
    order = table.sum(axis=1).sort_values(ascending=False, kind="stable").index
    return table.loc[order]
