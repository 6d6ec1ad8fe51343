"""The department registry, the one rule for level prefixes, and the function of a unit.

The registry is a CSV with the columns ``unit`` (canonical short name),
``full_name``, ``aliases`` (separated by ``|``) and ``category``.  The bundled
one (``gongkai_analysis/data/departments.csv``) covers the units of the
Dongcheng District plan and the collective forms of the genre; pass your own
file to :func:`load_registry` for another place.

**Level prefixes, one rule.**  A unit's ``unit`` is its *matching form*: the
name folded, without whitespace, and without one level prefix
(:data:`~gongkai_analysis.patterns.UNIT_LEVEL_PREFIX`: 省, 市, 区, 县, and the
registry's own place names) — on known and unknown names alike, so
``区财政局`` → ``财政局`` and ``区市场监管局`` → ``市场监管局``.  A level
character that starts a word is not a prefix (市场…, 市政…, 市委…, 市直…).
``unit_raw`` keeps the name exactly as printed.  A name is *known* when the
registry holds it as printed, or holds its matching form and the prefix is
one of the registry's own levels (the bundled registry is a district's:
区, 东城区, 北京市东城区); so ``市住房城乡建设委`` in a district's plan is the
city's commission, not the district's 住建委, and stays unknown.

**Function.**  :func:`unit_function` gives the function a unit serves, the
same across levels and places (财政 for 财政局, 财政厅, 财政部, 市财政局), from
the editable table ``gongkai_analysis/data/unit_functions.csv`` of name
stems: a name is its stem followed by an institutional ending (局, 厅, 委,
办, 中心 …, :data:`~gongkai_analysis.patterns.FUNCTION_SUFFIXES`), after its
level prefix and any party-committee prefix (市委…) are set aside.  A name
the table does not cover has no function (None), never a guess.

Examples
--------
>>> reg = load_registry()
>>> reg.lookup("区财政局").unit
'财政局'
>>> reg.lookup("街道办事处").unit, reg.lookup("街道办事处").collective
('各街道办事处', True)
>>> match = reg.lookup("区档案馆")
>>> match.unit, match.known
('档案馆', False)
>>> [reg.lookup(n).function for n in ("市财政局", "省发展改革委", "市委网信办", "区档案馆")]
['财政', '发展改革', '网信', None]
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from .. import config
from .. import patterns
from ..errors import ParseError
from ..vocab import COLLECTIVE

REQUIRED_COLUMNS = ("unit", "full_name", "aliases", "category")


#: The bundled registry's own level prefixes (a district of Beijing).
DONGCHENG_PREFIXES = ("北京市东城区", "东城区", "区")
#: The bundled registry's place: a document whose title or issuer names another place is not read with it.
DONGCHENG_PLACES = ("东城",)


@dataclass(frozen=True)
class UnitMatch:
    """The result of looking a department name up in a :class:`Registry`.

    Examples
    --------
    >>> match = UnitMatch("区财政局", True, False, "政府工作部门")
    >>> match.unit, match.known, match.function
    ('区财政局', True, None)
    """

    unit: str
    known: bool
    collective: bool
    category: str | None
    function: str | None = None


class Registry:
    """Canonical department names with their full names, aliases and categories.

    Parameters
    ----------
    table : pandas.DataFrame or list of dict
        One row per unit with the columns ``unit``, ``full_name``, ``aliases``
        and ``category`` (a list of row dicts, as :mod:`csv` reads them, does
        not need pandas).
    source : str, optional
        Where the table came from, used in error messages.
    own_prefixes : tuple of str, optional
        The level prefixes of the registry's own place (``("区",)`` for a
        district's): a name found only without its prefix is known when the
        prefix is one of these.  None (the default) accepts every level prefix.
    places : tuple of str, optional
        Names of the registry's own place (``("东城",)`` for the bundled one).
        A document whose title, notice title or issuer begins with another
        place is read with :meth:`foreign` instead: its units are not this
        place's, however alike their names (包头's 财政局 is not 东城's).  None
        (the default): the registry applies to every document.

    Raises
    ------
    ParseError
        When a column is missing, a unit name is empty, or one name belongs to
        two units (naming the source and the row).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"unit": ["区财政局", "区教委"],
    ...                       "full_name": ["北京市东城区财政局", ""],
    ...                       "aliases": ["财政局|区财政", ""],
    ...                       "category": ["政府工作部门", "政府工作部门"]})
    >>> reg = Registry(table, source="units.csv")
    >>> len(reg), reg.lookup("区财政").unit
    (2, '区财政局')
    >>> Registry(table.drop(columns="category"), source="units.csv")
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.ParseError: units.csv: registry lacks the column(s) category
    """

    def __init__(self, table, *, source: str = "<registry>",
                 own_prefixes: tuple[str, ...] | None = None, places: tuple[str, ...] | None = None) -> None:
        self.own_prefixes = own_prefixes
        self.places = places
        self._foreign: Registry | None = None
        if isinstance(table, list):  # row dicts: the parser's own road, without pandas
            columns = list(table[0]) if table else list(REQUIRED_COLUMNS)
            rows = table
        else:
            columns = list(table.columns)
            rows = None
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise ParseError(f"registry lacks the column(s) {', '.join(missing)}", source=source)
        if rows is None:
            rows = table.loc[:, list(REQUIRED_COLUMNS)].to_dict("records")
        # a missing cell (NaN from pandas, None from csv) is read as empty, never as the name "nan"
        self._rows = [{c: v if isinstance(v := row.get(c), str) else "" for c in REQUIRED_COLUMNS} for row in rows]
        self.source = source
        self._index: dict[str, str] = {}
        for row_no, row in enumerate(self._rows, start=2):
            unit = row["unit"].strip()
            if not unit:
                raise ParseError("empty unit name", source=source, line=row_no)
            full_name, aliases = row["full_name"], row["aliases"]
            names = [unit, full_name.strip()]
            names += [a.strip() for a in aliases.split("|")]
            for name in filter(None, names):
                key = patterns.fold(name)
                previous = self._index.setdefault(key, unit)
                if previous != unit:
                    raise ParseError(
                        f"name {name!r} belongs to both {previous!r} and {unit!r}",
                        source=source,
                        line=row_no,
                    )
        self._category = {row["unit"]: row["category"] for row in self._rows}
        self._cache: dict[str, UnitMatch] = {}

    @property
    def table(self):
        """The registry as a DataFrame: ``unit``, ``full_name``, ``aliases``, ``category`` (missing cells empty).

        Returns
        -------
        DataFrame

        Examples
        --------
        >>> load_registry().table.columns.tolist()
        ['unit', 'full_name', 'aliases', 'category']
        """
        import pandas as pd

        return pd.DataFrame(self._rows, columns=list(REQUIRED_COLUMNS))

    def __len__(self) -> int:
        return len(self._rows)

    def applies_to(self, place: str | None) -> bool:
        """Whether a document from `place` is read with this registry.

        Parameters
        ----------
        place : str or None
            The document's place (:func:`gongkai_analysis.parsing.metadata.document_place`).

        Returns
        -------
        bool
            True when the registry has no place of its own, the document names
            none, or the document's place holds one of the registry's names.

        Examples
        --------
        >>> reg = load_registry()
        >>> reg.applies_to("北京市东城区"), reg.applies_to(None), reg.applies_to("包头市")
        (True, True, False)
        """
        return self.places is None or place is None or any(name in place for name in self.places)

    def foreign(self) -> Registry:
        """The registry for a document from another place: it knows no unit.

        Every name is kept as printed (with the one rule for level prefixes)
        and ``known = False``; ``unit_function`` and the collective hint work
        as everywhere.

        Returns
        -------
        Registry
            An empty registry (one per registry, so that lookups stay cached).

        Examples
        --------
        >>> reg = load_registry()
        >>> reg.lookup("财政局").known, reg.foreign().lookup("财政局").known, reg.foreign().lookup("财政局").function
        (True, False, '财政')
        """
        if self._foreign is None:
            self._foreign = Registry([], source=f"{self.source} (another place: no unit known)")
        return self._foreign

    def names(self) -> list[str]:
        """Every name the registry knows (canonical names, full names, aliases).

        Returns
        -------
        list of str
            The folded names, sorted.

        Examples
        --------
        >>> table = [{"unit": "区财政局", "full_name": "北京市东城区财政局", "aliases": "财政局",
        ...           "category": "政府工作部门"}]
        >>> Registry(table).names()
        ['北京市东城区财政局', '区财政局', '财政局']
        """
        return sorted(self._index)

    def lookup(self, name: str) -> UnitMatch:
        """Return the canonical unit for `name`, or its matching form with ``known=False``.

        Parameters
        ----------
        name : str
            A unit's name as printed or folded.

        Returns
        -------
        UnitMatch

        Examples
        --------
        >>> reg = load_registry()
        >>> [(m.unit, m.known) for m in map(reg.lookup, ["区市场监管局", "市住房城乡建设委", "北京市东城区财政局"])]
        [('市场监管局', False), ('住房城乡建设委', False), ('财政局', True)]
        """
        cached = self._cache.get(name)
        if cached is None:
            cached = self._cache[name] = self._lookup(name)
        return cached

    def _lookup(self, name: str) -> UnitMatch:
        key = "".join(patterns.fold(name).split())
        prefix = patterns.UNIT_LEVEL_PREFIX.match(key)
        stripped = key[prefix.end():] if prefix and prefix.end() < len(key) else key
        unit = self._index.get(key)
        if unit is None and stripped != key and (self.own_prefixes is None or prefix.group() in self.own_prefixes):
            unit = self._index.get(stripped)
        if unit is not None:
            category = self._category[unit]
            function = unit_function(unit) or unit_function(key)
            return UnitMatch(unit, True, category == COLLECTIVE, category, function)
        collective = bool(patterns.COLLECTIVE_HINT.search(stripped))
        return UnitMatch(stripped, False, collective, None, unit_function(key))


def unit_function(name: str) -> str | None:
    """The function a unit serves, from the table of name stems; None when the table has no stem for it.

    Parameters
    ----------
    name : str
        A unit's name, with or without level prefix.

    Returns
    -------
    str or None

    Examples
    --------
    >>> [unit_function(n) for n in ["财政厅", "财政部", "市财政局", "发改委", "省发展改革委", "市委网信办",
    ...                              "市审批服务局", "省经济和信息化厅", "科技园区管委会"]]
    ['财政', '财政', '财政', '发展改革', '发展改革', '网信', '政务服务', '工业和信息化', None]
    >>> [unit_function(n) for n in ["国家发展改革委", "中央网信办", "国务院办公厅", "自治区财政厅", "旗财政局"]]
    ['发展改革', '网信', '政府办公室', '财政', '财政']
    >>> [unit_function(n) for n in ["广东省政务服务数据管理局", "内蒙古自治区包头市财政局", "包头市委网信办", "高新区管委会"]]
    ['政务服务', '财政', '网信', None]
    """
    return _function_of(name, _function_stems())


@functools.lru_cache(maxsize=8192)
def _function_of(name: str, stems: tuple[tuple[str, str], ...]) -> str | None:
    table = dict(stems)
    key = "".join(patterns.fold(name).split())
    forms = [key]
    prefix = patterns.UNIT_LEVEL_PREFIX.match(key) or patterns.FUNCTION_LEVEL_PREFIX.match(key)
    if prefix and prefix.end() < len(key):
        forms.append(key[prefix.end():])
    place, rest = patterns.NAMED_PLACE_PREFIX.match(key), key
    while place:  # 广东省…, 内蒙古自治区包头市…: each named place off in turn
        rest = rest[place.end():]
        forms.append(rest)
        place = patterns.NAMED_PLACE_PREFIX.match(rest)
    for form in list(forms):
        party = patterns.PARTY_PREFIX.match(form)
        if party and party.end() < len(form):
            forms.append(form[party.end():])
    for form in forms:
        for suffix in patterns.FUNCTION_SUFFIXES:
            if form.endswith(suffix):
                stem = form[: len(form) - len(suffix)] if suffix else form
                if stem in table:
                    return table[stem]
    return None


def load_unit_functions(path: str | Path | None = None):
    """The table of name stems and the function each names (the bundled one when `path` is None).

    Parameters
    ----------
    path : str or Path, optional
        A CSV with the columns ``stem`` and ``function``.

    Returns
    -------
    DataFrame
        Columns ``stem`` and ``function``.

    Raises
    ------
    ParseError
        When the file cannot be read, lacks a column, or gives one stem two functions.

    Examples
    --------
    >>> table = load_unit_functions()
    >>> table.set_index("stem").loc["发改", "function"]
    '发展改革'
    """
    import pandas as pd

    seen = _read_unit_functions(config.package_data("unit_functions.csv") if path is None else Path(path))
    return pd.DataFrame({"stem": list(seen), "function": list(seen.values())}, dtype="str")


def _read_unit_functions(source: Path) -> dict[str, str]:
    """Stem → function, read from a CSV with the columns ``stem`` and ``function`` (checked)."""
    try:
        with open(source, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError) as exc:
        raise ParseError(f"cannot read unit functions: {exc}", source=str(source)) from exc
    seen: dict[str, str] = {}
    for row_no, row in enumerate(rows, start=2):
        stem, function = (row.get("stem") or "").strip(), (row.get("function") or "").strip()
        if not stem or not function:
            raise ParseError("each row needs a stem and a function", source=str(source), line=row_no)
        if seen.setdefault(stem, function) != function:
            raise ParseError(f"stem {stem!r} has two functions", source=str(source), line=row_no)
    return seen


@functools.lru_cache(maxsize=1)
def _function_stems() -> tuple[tuple[str, str], ...]:
    return tuple(_read_unit_functions(config.package_data("unit_functions.csv")).items())


def load_registry(path: str | Path | None = None, *, own_prefixes: tuple[str, ...] | None = None,
                  places: tuple[str, ...] | None = None) -> Registry:
    """Read a department registry CSV (the bundled one when `path` is None).

    Parameters
    ----------
    path : str or Path, optional
        Your registry; the bundled (Dongcheng District) one when None.
    own_prefixes : tuple of str, optional
        The level prefixes of your registry's place (see :class:`Registry`);
        every prefix is accepted when None.  The bundled registry has its own.
    places : tuple of str, optional
        Your registry's place names (see :class:`Registry`); None applies it to
        every document.  The bundled registry's place is 东城.

    Returns
    -------
    Registry

    Examples
    --------
    >>> load_registry().lookup("市财政局").known
    False

    Raises
    ------
    ParseError
        When the file lacks a column or a name belongs to two units.
    """
    if path is None:
        return _bundled_registry()
    return _read_registry(Path(path), own_prefixes, places)


@functools.lru_cache(maxsize=1)
def _bundled_registry() -> Registry:
    return _read_registry(config.package_data("departments.csv"), DONGCHENG_PREFIXES, DONGCHENG_PLACES)


def _read_registry(path: Path, own_prefixes: tuple[str, ...] | None = None,
                   places: tuple[str, ...] | None = None) -> Registry:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError) as exc:
        raise ParseError(f"cannot read registry: {exc}", source=str(path)) from exc
    return Registry(rows, source=str(path), own_prefixes=own_prefixes, places=places)
