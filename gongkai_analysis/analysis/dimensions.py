"""Classify tasks into the appraisal dimensions of item 64 and the 五公开 stages.

Item 64 of the Dongcheng plan names 信息公开, 政策解读, 回应关切 and 公众参与 as
the parts of 政务公开 that the performance appraisal weighs; 机制建设 covers
the tasks that build the openness mechanism itself.  The 五公开 stages are
决策, 执行, 管理, 服务 and 结果.  A task gets every label one of whose keywords
is among its jieba tokens (``gongkai_analysis/data/dimensions.csv``, editable).

Examples
--------
>>> import pandas as pd
>>> tasks = pd.DataFrame({"doc_id": ["d"], "task_id": ["1"], "tokens": [["政策解读", "回应关切", "发布"]]})
>>> classify_dimensions(tasks).loc[("d", "1"), list(DIMENSIONS)].tolist()
[True, True, True, False, False]
"""

from __future__ import annotations

import pandas as pd

from ..errors import ColumnError
from ..schema import require_columns, task_index
from ..vocab import DIMENSION_DTYPE, DIMENSIONS, STAGE_DTYPE, STAGES
from .rules import dimension_rules

#: Appraisal dimensions, in display order (the first four are item 64's).
#: The 五公开 stages, in display order.


def classify_dimensions(tasks: pd.DataFrame, *, rules: pd.DataFrame | None = None) -> pd.DataFrame:
    """Multi-label classification of every task by keyword tokens.

    Parameters
    ----------
    tasks : DataFrame
        Needs ``doc_id``, ``task_id`` and ``tokens`` (parse with
        ``tokens=True``); a cell of ``tokens`` that is not a list or tuple
        counts as no tokens.
    rules : DataFrame, optional
        A keyword table like :func:`gongkai_analysis.analysis.rules.dimension_rules`
        (the bundled one by default).

    Returns
    -------
    DataFrame
        Indexed like :func:`gongkai_analysis.analysis.cadence.cadence_table`:
        one boolean column per dimension and per stage, plus ``dimensions``
        and ``stages`` (the labels, as lists in the order of the rule table)
        and ``matched`` (the keywords that decided, as ``label:word``
        strings).

    Raises
    ------
    ColumnError
        When `tasks` lacks ``doc_id``, ``task_id`` or ``tokens``.

    Examples
    --------
    >>> tasks = pd.DataFrame({"doc_id": "d", "task_id": ["1", "2"],
    ...                       "tokens": [["政策解读", "发布"], ["征求意见", "决策"]]})
    >>> table = classify_dimensions(tasks)
    >>> table[["dimensions", "stages"]].values.tolist()
    [[['信息公开', '政策解读'], []], [['公众参与'], ['决策']]]
    >>> table.loc[("d", "2"), "matched"]
    ['公众参与:征求意见', '决策:决策', '决策:征求意见']
    """
    require_columns(tasks, ["task_id", "tokens"], "tasks")
    rules = dimension_rules() if rules is None else rules
    keywords = {(row.scheme, row.label): set(str(row.keywords).split("|")) for row in rules.itertuples()}
    out = pd.DataFrame(index=task_index(tasks))
    token_sets = [set(t) if isinstance(t, (list, tuple)) else set() for t in tasks["tokens"]]
    matched: list[list[str]] = [[] for _ in token_sets]
    labels = [(s, lab) for s, lab in keywords]
    for scheme, label in labels:
        words = keywords[(scheme, label)]
        hits = [sorted(words & tokens) for tokens in token_sets]
        out[label] = [bool(h) for h in hits]
        for found, h in zip(matched, hits):
            found.extend(f"{label}:{w}" for w in h)
    for label in (*DIMENSIONS, *STAGES):
        if label not in out:
            out[label] = False
    dims = [lab for s, lab in labels if s == "dimension"]
    stages = [lab for s, lab in labels if s == "stage"]
    out["dimensions"] = [[d for d in dims if row[d]] for _, row in out.iterrows()]
    out["stages"] = [[s for s in stages if row[s]] for _, row in out.iterrows()]
    out["matched"] = matched
    return out


def dimension_long(classified: pd.DataFrame, *, scheme: str = "dimension") -> pd.DataFrame:
    """One row per (task, label): the tidy form of :func:`classify_dimensions`.

    Tasks without a label of the scheme are left out.

    Parameters
    ----------
    classified : DataFrame
        The output of :func:`classify_dimensions`.
    scheme : {"dimension", "stage"}, default "dimension"
        Which labels to list; any other value is taken as ``"stage"``.

    Returns
    -------
    DataFrame
        doc_id, task_id and a column named after `scheme` holding the label,
        an ordered categorical (:data:`~gongkai_analysis.vocab.DIMENSION_DTYPE`
        or :data:`~gongkai_analysis.vocab.STAGE_DTYPE`).

    Raises
    ------
    ColumnError
        When `scheme` is neither ``dimension`` nor ``stage``, or `classified`
        lacks its column.

    Examples
    --------
    >>> tasks = pd.DataFrame({"doc_id": "d", "task_id": ["1", "2"],
    ...                       "tokens": [["政策解读", "发布"], ["征求意见", "决策"]]})
    >>> dimension_long(classify_dimensions(tasks)).values.tolist()
    [['d', '1', '信息公开'], ['d', '1', '政策解读'], ['d', '2', '公众参与']]
    >>> dimension_long(classify_dimensions(tasks), scheme="stage")["stage"].tolist()
    ['决策']
    """
    schemes = {"dimension": ("dimensions", DIMENSION_DTYPE), "stage": ("stages", STAGE_DTYPE)}
    if scheme not in schemes:
        raise ColumnError(f"unknown scheme {scheme!r} (expected dimension or stage)", source="dimension_long")
    column, dtype = schemes[scheme]
    require_columns(classified, [column], "classified")
    long = classified[[column]].explode(column).dropna().reset_index()
    long = long.rename(columns={column: scheme})
    long[scheme] = long[scheme].astype(dtype)
    return long
