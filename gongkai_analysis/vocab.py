"""Every fixed vocabulary of the package, once: codes, Chinese labels and ordered dtypes.

Tables carry short codes (``lead``, ``sole``, ``annual`` …) or the document's own
words (``按时完成``); people read Chinese labels.  Both, and the order in which
tables sort and charts draw them, are defined here and nowhere else (as
seaborn's ``categorical_order`` takes order from the dtype).

The ordered pandas dtypes (``ROLE_DTYPE`` …) are made on first use, so that
the parser, which needs only the codes, runs without importing pandas.

Examples
--------
>>> import pandas as pd
>>> from gongkai_analysis.vocab import ROLE_DTYPE
>>> ROLE_DTYPE.categories.tolist()
['lead', 'responsible', 'support']
>>> label(pd.Series(["support", "lead"], dtype=ROLE_DTYPE)).tolist()
['配合', '牵头']
>>> grade_of(pd.Series([59.9, 60, 89.99, 90])).tolist()
['不合格', '合格', '良好', '优秀']
"""

from __future__ import annotations

#: Roles of a unit on a task, strongest first.
ROLES = ("lead", "responsible", "support")
ROLE_LABELS = {"lead": "牵头", "responsible": "负责", "support": "配合"}

#: How the units of one clause share a task.
MODES = ("sole", "joint", "separate")
MODE_LABELS = {"sole": "单独", "joint": "共同", "separate": "分别"}

#: Kinds of unit in a department registry (``category`` column of the responsibilities).
CATEGORIES = ("government", "party", "coordination", "agency", "institution", "vertical", "collective")
CATEGORY_LABELS = {
    "government": "政府工作部门",
    "party": "党委部门",
    "coordination": "议事协调机构",
    "agency": "派出机构",
    "institution": "事业单位",
    "vertical": "垂直管理单位",
    "collective": "集体责任主体",
}
#: The category of a collective ("各街道办事处", "区政府相关部门").
COLLECTIVE = "collective"

#: How often a disclosure recurs, in display order.
CADENCES = ("monthly", "quarterly", "semiannual", "annual", "academic_year",
            "regular", "timely", "realtime", "continuous", "within_year")
CADENCE_LABELS = {
    "monthly": "按月", "quarterly": "按季度", "semiannual": "半年", "annual": "每年",
    "academic_year": "按学年", "regular": "定期", "timely": "及时", "realtime": "实时",
    "continuous": "持续", "within_year": "年内",
}
#: Months in which a periodic obligation falls due (the last month of each period;
#: an academic year's disclosure in September, when it starts).
DUE_MONTHS = {
    "monthly": tuple(range(1, 13)),
    "quarterly": (3, 6, 9, 12),
    "semiannual": (6, 12),
    "annual": (12,),
    "academic_year": (9,),
}

#: Item 54: every disclosure item names who, what, when and how.
ASPECTS = ("who", "what", "when", "how")
ASPECT_LABELS = {"who": "主体", "what": "内容", "when": "时限", "how": "方式"}

#: Item 64's appraisal dimensions, plus 机制建设; and the 五公开 stages.
DIMENSIONS = ("信息公开", "政策解读", "回应关切", "公众参与", "机制建设")
STAGES = ("决策", "执行", "管理", "服务", "结果")

#: Statuses a unit reports in the tracker, best first, and the points each earns
#: (不适用: not counted).
STATUSES = ("按时完成", "逾期完成", "部分完成", "未完成", "不适用")
STATUS_POINTS = {"按时完成": 100.0, "逾期完成": 80.0, "部分完成": 50.0, "未完成": 0.0, "不适用": None}
#: Where a tracker row comes from.
SOURCE_REAL, SOURCE_SIMULATED = "填报", "模拟"

#: Appraisal grades, lowest first, each with its lower bound (a score of 60 is 合格).
GRADES = ("不合格", "合格", "良好", "优秀")
GRADE_BOUNDS = (0, 60, 70, 90)
#: Item 64: 政务公开 weighs at least this share of each unit's performance appraisal.
WEIGHT_FLOOR = 0.04

#: The ordered pandas dtype of each vocabulary, by name; each is made on first use (:func:`__getattr__`).
_DTYPE_OF = {"ROLE_DTYPE": ROLES, "MODE_DTYPE": MODES, "CADENCE_DTYPE": CADENCES, "DIMENSION_DTYPE": DIMENSIONS,
             "STAGE_DTYPE": STAGES, "STATUS_DTYPE": STATUSES, "GRADE_DTYPE": GRADES}


def __getattr__(name: str):
    """``ROLE_DTYPE``, ``MODE_DTYPE`` …: an ordered ``pandas.CategoricalDtype`` of the vocabulary, made once.

    Parameters
    ----------
    name : str
        One of the dtype names (``ROLE_DTYPE``, ``MODE_DTYPE``, ``CADENCE_DTYPE``,
        ``DIMENSION_DTYPE``, ``STAGE_DTYPE``, ``STATUS_DTYPE``, ``GRADE_DTYPE``).

    Returns
    -------
    pandas.CategoricalDtype

    Raises
    ------
    AttributeError
        For any other name.

    Examples
    --------
    >>> from gongkai_analysis import vocab
    >>> vocab.MODE_DTYPE.categories.tolist(), vocab.MODE_DTYPE.ordered
    (['sole', 'joint', 'separate'], True)
    """
    if name in _DTYPE_OF:
        import pandas as pd

        dtype = globals()[name] = pd.CategoricalDtype(list(_DTYPE_OF[name]), ordered=True)
        return dtype
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

#: The label of tasks that stand under no numbered section (in tables grouped by section).
NO_SECTION = "（不属任何部分）"

#: Chinese labels of every coded vocabulary, by code.
LABELS = {**ROLE_LABELS, **MODE_LABELS, **CATEGORY_LABELS, **CADENCE_LABELS, **ASPECT_LABELS}


def label(values: pd.Series) -> pd.Series:
    """The Chinese labels of coded values, keeping their order (and NA).

    Parameters
    ----------
    values : Series
        Codes from any vocabulary here (categorical or strings).

    Returns
    -------
    Series
        An ordered categorical of labels where the input was categorical,
        else strings; codes without a label are kept as they are.

    Examples
    --------
    >>> import pandas as pd
    >>> label(pd.Series(["joint", None, "sole"])).tolist()
    ['共同', nan, '单独']
    """
    import pandas as pd

    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = [LABELS.get(c, c) for c in values.cat.categories]
        return values.cat.rename_categories(categories)
    return values.map(lambda v: LABELS.get(v, v) if isinstance(v, str) else v)


def grade_of(score: pd.Series) -> pd.Series:
    """The grade of each score: 优秀 ≥ 90, 良好 70–89, 合格 60–69, 不合格 < 60.

    Parameters
    ----------
    score : Series
        Scores from 0 to 100 (NaN stays NaN).

    Returns
    -------
    Series
        Ordered categorical of ``GRADE_DTYPE``.

    Examples
    --------
    >>> import pandas as pd
    >>> grade_of(pd.Series([95.0, float("nan")])).tolist()
    ['优秀', nan]
    """
    import math

    import pandas as pd

    bins = [-math.inf, *GRADE_BOUNDS[1:], math.inf]
    return pd.cut(score, bins=bins, labels=list(GRADES), right=False).astype(__getattr__("GRADE_DTYPE"))


def grade_rule() -> str:
    """The grade bounds in words, for notes shown to people.

    Returns
    -------
    str
        Each grade of :data:`GRADES` with its range, from
        :data:`GRADE_BOUNDS`, best first.

    Examples
    --------
    >>> grade_rule()
    '优秀≥90，良好70–89，合格60–69，不合格<60'
    """
    _, b1, b2, b3 = GRADE_BOUNDS
    return f"优秀≥{b3}，良好{b2}–{b3 - 1}，合格{b1}–{b2 - 1}，不合格<{b1}"
