"""Editable rule tables shipped as package data (cadence labels, channels, dimensions).

Examples
--------
>>> rules = cadence_rules()
>>> rules.query("kind == 'cadence'")["label"].tolist()[:3]
['monthly', 'quarterly', 'semiannual']
>>> sorted(dimension_rules()["scheme"].unique())
['dimension', 'stage']
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import pandas as pd

from .. import config
from ..errors import ParseError


def _read_rules(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise ParseError(f"cannot read rule table: {exc}", source=str(path)) from None
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ParseError(f"rule table lacks the column(s) {', '.join(missing)}", source=str(path))
    return table


def cadence_rules(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The cadence and channel rules: kind, label, name, pattern (a regex), note.

    Every pattern is compiled here, so a bad one is reported with its line.

    Parameters
    ----------
    path : str or path-like, optional
        A CSV file (UTF-8, with or without BOM) with the columns ``kind``
        (``cadence`` or ``channel``), ``label``, ``name`` and ``pattern``
        (``note`` and any other column are kept as they are).  By default
        the bundled ``gongkai_analysis/data/cadence_rules.csv``.

    Returns
    -------
    DataFrame
        One row per rule, every cell a string (a new copy on each call).

    Raises
    ------
    ParseError
        When the file cannot be read, lacks one of the columns, holds a
        pattern that does not compile (naming its line) or a kind other than
        ``cadence`` and ``channel``.

    Examples
    --------
    >>> rules = cadence_rules()
    >>> rules.loc[rules["label"] == "monthly", ["kind", "name"]].values.tolist()
    [['cadence', '按月']]
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "rules.csv")
    ...     _ = path.write_text("kind,label,name,pattern\\ncadence,monthly,按月,每月(\\n", encoding="utf-8")
    ...     cadence_rules(path)
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.ParseError: ...rules.csv:2: bad pattern '每月(': missing ), unterminated subpattern at position 2
    """
    if path is None:
        return _bundled_cadence_rules().copy()
    return _load_cadence_rules(Path(path))


@functools.lru_cache(maxsize=1)
def _bundled_cadence_rules() -> pd.DataFrame:
    return _load_cadence_rules(config.package_data("cadence_rules.csv"))


def _load_cadence_rules(path: Path) -> pd.DataFrame:
    table = _read_rules(path, ("kind", "label", "name", "pattern"))
    for line, pattern in enumerate(table["pattern"], start=2):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ParseError(f"bad pattern {pattern!r}: {exc}", source=str(path), line=line) from None
    unknown = sorted(set(table["kind"]) - {"cadence", "channel"})
    if unknown:
        raise ParseError(f"unknown rule kind(s) {', '.join(unknown)} (expected cadence or channel)", source=str(path))
    return table


def dimension_rules(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The keyword table for appraisal dimensions and 五公开 stages.

    Parameters
    ----------
    path : str or path-like, optional
        A CSV file (UTF-8, with or without BOM) with the columns ``scheme``
        (``dimension`` or ``stage``), ``label`` and ``keywords`` (jieba
        tokens separated by ``|``); by default the bundled
        ``gongkai_analysis/data/dimensions.csv``.

    Returns
    -------
    DataFrame
        One row per label, every cell a string: scheme, label, keywords and
        whatever other columns the file has (the bundled one adds ``note``).

    Raises
    ------
    ParseError
        When the file cannot be read, lacks one of the columns or names a
        scheme other than ``dimension`` and ``stage``.

    Examples
    --------
    >>> rules = dimension_rules()
    >>> rules.loc[rules["scheme"] == "stage", "label"].tolist()
    ['决策', '执行', '管理', '服务', '结果']
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "dims.csv")
    ...     _ = path.write_text("scheme,label,keywords\\ntopic,财政,预算|决算\\n", encoding="utf-8")
    ...     dimension_rules(path)
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.ParseError: ...dims.csv: unknown scheme(s) topic (expected dimension or stage)
    """
    path = Path(path) if path is not None else config.package_data("dimensions.csv")
    table = _read_rules(path, ("scheme", "label", "keywords"))
    unknown = sorted(set(table["scheme"]) - {"dimension", "stage"})
    if unknown:
        raise ParseError(f"unknown scheme(s) {', '.join(unknown)} (expected dimension or stage)", source=str(path))
    return table
