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

    Columns: scheme (``dimension`` or ``stage``), label, keywords (jieba
    tokens separated by ``|``).
    """
    path = Path(path) if path is not None else config.package_data("dimensions.csv")
    table = _read_rules(path, ("scheme", "label", "keywords"))
    unknown = sorted(set(table["scheme"]) - {"dimension", "stage"})
    if unknown:
        raise ParseError(f"unknown scheme(s) {', '.join(unknown)} (expected dimension or stage)", source=str(path))
    return table
