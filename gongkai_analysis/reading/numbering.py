"""List numbering: the ``一、`` ``（一）`` ``1.`` a .docx (or an HTML ``<ol>``) prints but does not hold as text.

A plan typed in Word often numbers its sections and tasks with list numbering
(a paragraph's ``w:numPr``, or its style's): the numbers are drawn by Word
from ``word/numbering.xml`` and are not in the paragraph's text.  Read as text
alone, such a plan loses every marker — its sections, its task numbers, the
序号 column of a task table.  :class:`WordNumbering` counts the numbered
paragraphs in document order, as Word does, and gives each its printed label:

- each list level's format (``decimal`` 1, ``chineseCounting`` 一 … 十一,
  ``chineseLegalSimplified`` 壹, ``decimalFullWidth`` １, ``decimalEnclosedCircle``
  ①, ``decimalEnclosedParen`` ⑴, ``ideographTraditional`` 甲, letters and roman
  numerals), its start value and its text (``%1、``, ``（%1）``, ``%1.%2``);
- a level restarts when a level above it advances; lists that share one
  abstract definition share its counters (as Word continues them), and a
  list's ``startOverride`` restarts a level where that list is first used;
- bullets and levels with no number give no label.

Examples
--------
>>> printed_number(12, "chineseCounting"), printed_number(3, "decimalEnclosedCircle"), printed_number(2, "upperRoman")
('十二', '③', 'II')
"""

from __future__ import annotations

from dataclasses import dataclass

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False  # isLgl: every number of the label in decimal


def _chinese(n: int, digits: str = _DIGITS, ten: str = "十", hundred: str = "百") -> str:
    """1–9999 in Chinese numerals (十一, 二十, 一百零五), beyond that in decimal."""
    if not 0 < n < 10000:
        return str(n)
    parts, zero = [], False
    for value, unit in ((1000, "千"), (100, hundred), (10, ten), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero:
                parts.append(digits[0])
            parts.append(("" if (value == 10 and digit == 1 and not parts) else digits[digit]) + unit)
            zero = False
        elif parts:
            zero = True
    return "".join(parts)


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = []
    for value, mark in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                        (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        count, n = divmod(n, value)
        out.append(mark * count)
    return "".join(out)


def printed_number(n: int, fmt: str) -> str:
    """The number `n` as a list prints it in Word's number format `fmt`.

    Parameters
    ----------
    n : int
        The number.
    fmt : str
        Word's ``w:numFmt`` (``decimal``, ``chineseCounting``, ``decimalEnclosedCircle`` …); a format not
        listed here prints decimal.

    Returns
    -------
    str

    Examples
    --------
    >>> printed_number(11, "chineseCounting"), printed_number(105, "chineseCounting"), printed_number(3, "upperLetter")
    ('十一', '一百零五', 'C')
    """
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting"):
        return _chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital"):  # digit by digit: 一〇五
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _LEGAL, "拾", "佰")
    if fmt == "ideographTraditional" and 0 < n <= 10:
        return _STEMS[n - 1]
    if fmt == "ideographZodiac" and 0 < n <= 12:
        return _BRANCHES[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 0 < n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "decimalEnclosedParen" and 0 < n <= 20:
        return chr(0x2474 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate({ord(d): chr(0xFF10 + int(d)) for d in "0123456789"})
    if fmt == "decimalZero":
        return f"{n:02d}"
    if not 0 < n <= 9999:  # (a damaged file's start value: no letters or numerals by the thousand)
        return str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n).upper() if fmt == "upperLetter" else _letters(n)
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return str(n)


def _int(text: str | None, default):
    """A whole number written in an attribute, else `default` (a damaged file's value is no number)."""
    return int(text) if text is not None and text.strip().isdecimal() and len(text) < 10 else default


def _value(element, tag: str) -> str | None:
    child = element.find(_W + tag) if element is not None else None
    return child.get(_W + "val") if child is not None else None


class WordNumbering:
    """The list numbering of one Word document, counted paragraph by paragraph in document order.

    Parameters
    ----------
    numbering : lxml element or None
        The root of ``word/numbering.xml``.
    styles : lxml element or None
        The root of ``word/styles.xml`` (a style may number its paragraphs).

    Examples
    --------
    >>> from lxml import etree
    >>> W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    >>> numbering = etree.fromstring(f'<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
    ...     '<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    ...     '</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    >>> first, second = (etree.fromstring(f'<w:p {W}><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/>'
    ...                                   '</w:numPr></w:pPr></w:p>') for _ in range(2))
    >>> lists = WordNumbering(numbering, None)
    >>> lists.label(first), lists.label(second), lists.label(first)  # (a paragraph met again keeps its number)
    ('一、', '二、', '一、')
    """

    def __init__(self, numbering, styles) -> None:
        abstract = {}
        linked = {}  # (abstract id, style id) → the level a heading style numbers (w:lvl's w:pStyle)
        for element in numbering.iterfind(_W + "abstractNum") if numbering is not None else ():
            abstract_id = element.get(_W + "abstractNumId")
            abstract[abstract_id] = self._levels(element)
            for lvl in element.iterfind(_W + "lvl"):
                if _value(lvl, "pStyle"):
                    linked[(abstract_id, _value(lvl, "pStyle"))] = _int(lvl.get(_W + "ilvl"), 0)
        #: list id → (its abstract definition's id, its levels with overrides, its start overrides)
        self.lists: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        for element in numbering.iterfind(_W + "num") if numbering is not None else ():
            base = _value(element, "abstractNumId")
            levels, starts = dict(abstract.get(base, {})), {}
            for override in element.iterfind(_W + "lvlOverride"):
                level = _int(override.get(_W + "ilvl"), 0)
                start = _value(override, "startOverride")
                if start is not None and start.lstrip("-").isdecimal() and len(start) < 10:
                    starts[level] = int(start)
                replaced = override.find(_W + "lvl")
                if replaced is not None:
                    levels.update(self._levels(override))
            self.lists[element.get(_W + "numId")] = (base, levels, starts)
        #: style id → (list id, level); a style that names no level numbers the level linked to it, else the first
        self.style_lists = {
            style: (list_id, level if level is not None
                    else linked.get((self.lists.get(list_id, ("",))[0], style), 0))
            for style, (list_id, level) in (self._style_lists(styles) if styles is not None else {}).items()}
        self.counters: dict[str, dict[int, int]] = {}  # abstract id → level → last number given
        self.used: set[str] = set()
        #: paragraph → its label: a cell merged down several rows is met once per row, and counted once
        self.given: dict = {}

    @staticmethod
    def _levels(element) -> dict[int, _Level]:
        levels = {}
        for lvl in element.iterfind(_W + "lvl"):
            start = _value(lvl, "start")
            levels[_int(lvl.get(_W + "ilvl"), 0)] = _Level(
                _value(lvl, "numFmt") or "decimal", _value(lvl, "lvlText") or "",
                int(start) if start is not None and start.lstrip("-").isdecimal() and len(start) < 10 else 1,
                lvl.find(_W + "isLgl") is not None)
        return levels

    @staticmethod
    def _style_lists(styles) -> dict[str, tuple[str, int | None]]:
        """Style id → (list id, level or None) for paragraph styles that number their paragraphs (basedOn
        followed)."""
        own, based = {}, {}
        for style in styles.iterfind(_W + "style"):
            style_id = style.get(_W + "styleId")
            numbered = style.find(f"{_W}pPr/{_W}numPr")
            if numbered is not None:
                own[style_id] = (_value(numbered, "numId"), _int(_value(numbered, "ilvl"), None))
            parent = _value(style, "basedOn")
            if parent:
                based[style_id] = parent
        found = {}
        for style_id in {*own, *based}:
            seen, current = set(), style_id
            while current is not None and current not in own and current not in seen:
                seen.add(current)
                current = based.get(current)
            if current in own:
                found[style_id] = own[current]
        return found

    @classmethod
    def of_document(cls, document) -> WordNumbering | None:
        """The numbering of a Word document python-docx has opened (None when it numbers nothing).

        The parts python-docx has already parsed are read, not the archive again.

        Parameters
        ----------
        document : docx.document.Document
            The open document.

        Returns
        -------
        WordNumbering or None

        Examples
        --------
        >>> import docx
        >>> WordNumbering.of_document(docx.Document()) is not None  # (python-docx's template has lists)
        True
        """
        from docx.opc.constants import RELATIONSHIP_TYPE

        def part(kind):
            try:
                return document.part.part_related_by(kind).element
            except KeyError:  # (python-docx would make an empty numbering part, which it cannot)
                return None

        numbering = part(RELATIONSHIP_TYPE.NUMBERING)
        return None if numbering is None else cls(numbering, part(RELATIONSHIP_TYPE.STYLES))

    def label(self, paragraph) -> str:
        """The number Word prints before `paragraph` (``""`` for none); counts it.

        Parameters
        ----------
        paragraph : lxml element
            A ``w:p``, met in document order.

        Returns
        -------
        str
            The label as printed, ``一、`` ``（三）`` ``2.1`` …; empty for a paragraph not numbered, a bullet
            or a level with no number.

        Examples
        --------
        >>> from lxml import etree
        >>> WordNumbering(None, None).label(etree.fromstring(
        ...     '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'))
        ''
        """
        if paragraph in self.given:
            return self.given[paragraph]
        self.given[paragraph] = label = self._count(paragraph)
        return label

    def _count(self, paragraph) -> str:
        properties = paragraph.find(_W + "pPr")
        numbered = properties.find(_W + "numPr") if properties is not None else None
        list_id, level = None, 0
        style = _value(properties, "pStyle")
        if style in self.style_lists:
            list_id, level = self.style_lists[style]
        if numbered is not None:
            own_id, own_level = _value(numbered, "numId"), _value(numbered, "ilvl")
            list_id = own_id if own_id is not None else list_id
            level = _int(own_level, level)
        if list_id is None or list_id == "0" or list_id not in self.lists:
            return ""
        base, levels, starts = self.lists[list_id]
        definition = levels.get(level)
        if definition is None or definition.fmt in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(base, {})
        if list_id not in self.used:  # a list that restarts its numbering where it is first used
            self.used.add(list_id)
            for restarted, start in starts.items():
                counters[restarted] = start - 1
        counters[level] = counters.get(level, definition.start - 1) + 1
        for deeper in [k for k in counters if k > level]:  # a level restarts when one above it advances
            del counters[deeper]
        text = definition.text
        for k in range(level, -1, -1):  # %10 never occurs: levels are 0–8
            above = levels.get(k, _Level())
            number = counters.get(k, above.start)
            fmt = "decimal" if definition.legal and k < level else above.fmt
            text = text.replace(f"%{k + 1}", printed_number(number, fmt))
        return text
