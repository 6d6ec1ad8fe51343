"""The department registry and department-name normalisation.

The registry is a CSV with the columns ``unit`` (canonical short name),
``full_name``, ``aliases`` (separated by ``|``) and ``category``.  The bundled
one (``gongkai_analysis/data/departments.csv``) covers the units of the
Dongcheng District plan and the collective forms of the genre; pass your own
file to :func:`load_registry` for another district.

Examples
--------
>>> reg = load_registry()
>>> reg.lookup("区财政局").unit
'财政局'
>>> reg.lookup("街道办事处").unit, reg.lookup("街道办事处").collective
('各街道办事处', True)
>>> match = reg.lookup("区档案馆")
>>> match.unit, match.known
('区档案馆', False)
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import config
from .. import patterns
from ..errors import ParseError
from ..vocab import COLLECTIVE

REQUIRED_COLUMNS = ("unit", "full_name", "aliases", "category")


@dataclass(frozen=True)
class UnitMatch:
    """The result of looking a department name up in a :class:`Registry`."""

    unit: str
    known: bool
    collective: bool
    category: str | None


class Registry:
    """Canonical department names with their full names, aliases and categories.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per unit with the columns ``unit``, ``full_name``, ``aliases``
        and ``category``.
    source : str, optional
        Where the table came from, used in error messages.
    """

    def __init__(self, table: pd.DataFrame, *, source: str = "<registry>") -> None:
        missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
        if missing:
            raise ParseError(f"registry lacks the column(s) {', '.join(missing)}", source=source)
        self.table = table.loc[:, list(REQUIRED_COLUMNS)].copy()
        self.source = source
        self._index: dict[str, str] = {}
        for row_no, row in enumerate(self.table.itertuples(index=False), start=2):
            unit = str(row.unit).strip()
            if not unit:
                raise ParseError("empty unit name", source=source, line=row_no)
            names = [unit, str(row.full_name or "").strip()]
            names += [a.strip() for a in str(row.aliases or "").split("|")]
            for name in filter(None, names):
                key = patterns.fold(name)
                previous = self._index.setdefault(key, unit)
                if previous != unit:
                    raise ParseError(
                        f"name {name!r} belongs to both {previous!r} and {unit!r}",
                        source=source,
                        line=row_no,
                    )
        self._category = dict(zip(self.table["unit"], self.table["category"]))
        self._cache: dict[str, UnitMatch] = {}

    def __len__(self) -> int:
        return len(self.table)

    def names(self) -> list[str]:
        """Every name the registry knows (canonical names, full names, aliases)."""
        return sorted(self._index)

    def lookup(self, name: str) -> UnitMatch:
        """Return the canonical unit for `name`, or `name` itself with ``known=False``.

        Administrative prefixes (区, 市, 东城区 …) are tried off when the exact
        name is not in the registry.
        """
        cached = self._cache.get(name)
        if cached is None:
            cached = self._cache[name] = self._lookup(name)
        return cached

    def _lookup(self, name: str) -> UnitMatch:
        key = patterns.fold(name).strip()
        candidates = [key]
        stripped = key
        while (shorter := patterns.UNIT_PREFIX.sub("", stripped, count=1)) != stripped and shorter:
            candidates.append(shorter)
            stripped = shorter
        for candidate in candidates:
            unit = self._index.get(candidate)
            if unit is not None:
                category = self._category[unit]
                return UnitMatch(unit, True, category == COLLECTIVE, category)
        collective = bool(patterns.COLLECTIVE_HINT.search(key))
        return UnitMatch(name.strip(), False, collective, None)


def load_registry(path: str | Path | None = None) -> Registry:
    """Read a department registry CSV (the bundled one when `path` is None).

    Raises
    ------
    ParseError
        When the file lacks a column or a name belongs to two units.
    """
    if path is None:
        return _bundled_registry()
    return _read_registry(Path(path))


@functools.lru_cache(maxsize=1)
def _bundled_registry() -> Registry:
    return _read_registry(config.package_data("departments.csv"))


def _read_registry(path: Path) -> Registry:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError) as exc:
        raise ParseError(f"cannot read registry: {exc}", source=str(path)) from exc
    table = pd.DataFrame(rows, columns=list(rows[0].keys()) if rows else list(REQUIRED_COLUMNS))
    return Registry(table.fillna(""), source=str(path))
