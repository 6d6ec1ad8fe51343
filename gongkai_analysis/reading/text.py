"""Text and bytes: decoding, and the one place where characters are cleaned.

Every reader (plain text, HTML, Word, Excel, PDF) passes its text through
:func:`clean_text`, and the cells of a table through :func:`clean_cell`, so
that line breaks, invisible characters, bidirectional marks and control
characters are treated the same whatever the file was.

Examples
--------
>>> clean_text("1.做好\\u202e公开\\u202c。\\x0b(财政局\\x00负责落实)\\r\\n")
'1.做好公开。\\n(财政局负责落实)\\n'
>>> clean_cell("区财政局\\x0b区审计局\\n2018年底前")
'区财政局\\u2028区审计局\\u20282018年底前'
"""

from __future__ import annotations

import functools
import re

from .. import patterns
from ..errors import ParseError

#: The separator of lines inside one table cell (the contract with parsing).
CELL_LINE = "\u2028"

#: Controls that end a line: vertical tab (Word's manual break), form feed, NEL, paragraph separator.
_LINE_CONTROLS = re.compile("[\x0b\x0c\x85\u2029]")
#: Characters dropped on reading: C0/C1 controls other than tab and newline, DEL,
#: bidirectional marks and embeddings (they can hide or reorder text), and the
#: invisible characters of :data:`gongkai_analysis.patterns.INVISIBLE`.
_DROPPED = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    + patterns.INVISIBLE.pattern.strip("[]") + "]+"
)
_CELL_BREAKS = re.compile("[\r\n\x0b\x0c\x85\u2028\u2029]+")


def clean_text(text: str) -> str:
    """Normalise line breaks and drop invisible and control characters; keep the wording.

    ``\\r\\n`` and ``\\r`` become ``\\n``; vertical tab (Word's manual line
    break), form feed, NEL and U+2029 become ``\\n``; other control
    characters (NUL, ESC, …), bidirectional marks (U+200E/F, U+202A–E,
    U+2066–9) and zero-width characters are dropped.  Tabs (table cells) and
    U+2028 (a line inside a cell) are kept.

    Parameters
    ----------
    text : str
        The text as read.

    Returns
    -------
    str
        The clean text.

    Examples
    --------
    >>> clean_text("甲\\r\\n乙\\x1b[0m\\u200b丙\\x0c丁")
    '甲\\n乙[0m丙\\n丁'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _holds_cleaned(text):  # the usual text: nothing to change, and two regex passes saved
        return text
    return _DROPPED.sub("", _LINE_CONTROLS.sub("\n", text))


def _holds_cleaned(text: str) -> bool:
    """Whether `text` holds a character that :func:`clean_text`'s two regexes change.

    Checked in C at some 20 ns a hundred characters, five times as fast as a
    regex pass: the text's characters up to U+00FF (``encode`` drops the others)
    against a byte table, then each of the few others by ``in``.
    """
    latin, others = _cleaned_characters()
    narrow = text.encode("latin-1", "ignore")
    return len(narrow.translate(None, latin)) != len(narrow) or any(c in text for c in others)


@functools.lru_cache(maxsize=1)
def _cleaned_characters() -> tuple[bytes, str]:
    """The characters :data:`_LINE_CONTROLS` and :data:`_DROPPED` match: those up to U+00FF as bytes, the others.

    Read off the two character classes (their characters and ranges, no
    escapes); tests/reading/test_text.py holds them equal to what the regexes
    match among all characters.
    """
    found = set()
    for pattern in (_LINE_CONTROLS, _DROPPED):
        members = pattern.pattern.removesuffix("+")[1:-1]  # [...] or [...]+
        k = 0
        while k < len(members):
            if k + 2 < len(members) and members[k + 1] == "-":
                found.update(map(chr, range(ord(members[k]), ord(members[k + 2]) + 1)))
                k += 3
            else:
                found.add(members[k])
                k += 1
    found = sorted(found)
    return bytes(ord(c) for c in found if ord(c) < 0x100), "".join(c for c in found if ord(c) >= 0x100)


def clean_cell(text: str) -> str:
    """The text of one table cell: its lines joined by U+2028, tabs as spaces.

    A cell with several paragraphs, ``<br>`` or Word's manual break
    (``\\x0b``) keeps its lines apart with U+2028 (LINE SEPARATOR), so that the
    row stays one line with its cells separated by tabs.

    Parameters
    ----------
    text : str
        The cell's text, lines separated by any line break.

    Returns
    -------
    str
        One line: the cell's non-blank lines, stripped, joined by U+2028.

    Examples
    --------
    >>> clean_cell(" 区财政局\\n\\n区审计局\\t ")
    '区财政局\\u2028区审计局'
    """
    text = _DROPPED.sub("", text.replace("\t", " "))
    return CELL_LINE.join(line.strip() for line in _CELL_BREAKS.split(text) if line.strip())


def fold_radicals(text: str) -> tuple[str, int]:
    """Map Kangxi radicals and CJK compatibility ideographs to the characters they stand for.

    Text taken from a PDF often carries ``⼯`` (U+2F2F KANGXI RADICAL WORK)
    for ``工``, or a compatibility ideograph for a unified one, because of the
    font's character map: the page looks right, the text does not match.
    Each such character (U+2E80–U+2FDF, U+F900–U+FAFF) becomes its NFKC form,
    a unified ideograph; nothing else changes.

    Parameters
    ----------
    text : str
        The text as extracted.

    Returns
    -------
    (str, int)
        The text, and how many characters were mapped.

    Examples
    --------
    >>> fold_radicals("⼀、做好⼯作（财政局负责）")
    ('一、做好工作（财政局负责）', 2)
    """
    table = _radical_table()
    folded = text.translate(table)
    if folded is text or folded == text:
        return text, 0
    return folded, sum(1 for a, b in zip(text, folded) if a != b)


@functools.lru_cache(maxsize=1)
def _radical_table() -> dict[int, str]:
    import unicodedata

    blocks = (*range(0x2E80, 0x2FE0), *range(0xF900, 0xFB00))
    pairs = ((code, unicodedata.normalize("NFKC", chr(code))) for code in blocks)
    return {code: form for code, form in pairs if form != chr(code) and len(form) == 1}


def check_text(text: str, *, source: str) -> None:
    """Refuse a str that cannot be written out: lone surrogates (from a bad decode).

    Parameters
    ----------
    text : str
        The text given.
    source : str
        The name of the document, for the error.

    Raises
    ------
    ParseError
        Naming the line of the first lone surrogate.

    Examples
    --------
    >>> check_text("一、公开\\n1.甲\\udc80", source="<text>")
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.ParseError: <text>:2: a lone surrogate '\\udc80' (not a character; was the text decoded with errors='surrogateescape'?)
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise ParseError(f"a lone surrogate {text[exc.start]!r} (not a character; was the text decoded with "
                         "errors='surrogateescape'?)", source=source, line=line) from None


def decode(data: bytes, *, source: str = "<bytes>") -> tuple[str, str]:
    """Return the text of `data` and the encoding it was read with.

    UTF-8 (with or without BOM) is tried first (7-bit bytes with HZ escapes
    that read as Chinese in HZ are HZ), then GB18030 when the bytes
    read as Chinese in it; anything else is detected with charset-normalizer,
    and the GB family is read as GB18030, its superset.

    Parameters
    ----------
    data : bytes
        The file's bytes.
    source : str
        The file's name, for errors.

    Returns
    -------
    (str, str)
        The text and the encoding's name.

    Raises
    ------
    ParseError
        When the bytes are empty, binary, or fit no encoding.

    Examples
    --------
    >>> decode("政务公开".encode("gb18030") * 20)[1]
    'gb18030'
    """
    if not data.strip():
        raise ParseError("the file is empty", source=source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _undecodable(data, exc, source) from None
    if b"\x00" in data[:4096]:
        raise ParseError("binary file, not text (it contains NUL bytes)", source=source)
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _undecodable(data[3:], exc, source) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        first_error = utf8_error
    else:
        if b"~{" in data and data.isascii():  # 7-bit HZ: GB2312 between ~{ and ~}, plain ASCII to UTF-8
            hz = _as_hz(data)
            if hz is not None:
                return hz, "hz"
        return text, "utf-8"
    text = _as_gb18030(data)
    if text is not None:  # the usual case for Chinese plans that are not UTF-8: no detection needed
        return text, "gb18030"
    from charset_normalizer import from_bytes  # imported on demand: it loads its models

    best = from_bytes(data).best()
    if best is None:
        raise _undecodable(data, first_error, source)
    encoding = normal_encoding(best.encoding)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise _undecodable(data, first_error, source) from None
    if _control_ratio(text) > 0.05:
        raise ParseError(f"binary file, not text (read as {encoding} it is mostly control characters)", source=source)
    return text, encoding


def _as_hz(data: bytes) -> str | None:
    """The text of 7-bit bytes read as HZ (RFC 1843), when they read as Chinese that way, else None.

    HZ bytes are ASCII, so they decode as UTF-8 without an error and give
    ``~{R;!"9+?*~}`` instead of ``一、公开``: a text that looks read and is not.

    >>> _as_hz("一、公开".encode("hz")), _as_hz(b"~{ is not HZ ~}")
    ('一、公开', None)
    """
    try:
        text = data.decode("hz")
    except UnicodeDecodeError:
        return None
    wide = sum(1 for c in text if ord(c) > 0x7F)
    hanzi = count_hanzi(text)
    return text if hanzi and hanzi * 2 >= wide else None  # mostly Han, as GB2312 text is


def normal_encoding(name: str) -> str:
    """A codec name as Python spells it, the GB family as GB18030 (its superset).

    Parameters
    ----------
    name : str
        A codec name as a file or a detector gives it.

    Returns
    -------
    str
        Lower case, without underscores; GB2312, GBK and CP936 as ``gb18030``
        (HZ stays ``hz``: its bytes are 7-bit escapes, not GB bytes).

    Examples
    --------
    >>> normal_encoding("GB2312"), normal_encoding("utf_8"), normal_encoding("HZ")
    ('gb18030', 'utf8', 'hz')
    """
    encoding = name.lower().replace("_", "")
    return "gb18030" if encoding in ("gb2312", "gbk", "cp936", "gb18030", "x-gbk") else encoding


def count_hanzi(text: str) -> int:
    """The number of CJK unified ideographs in `text`.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    int
        Characters in the CJK Unified Ideographs block and its extension A.

    Examples
    --------
    >>> count_hanzi("1.做好公开。(abc)")
    4
    """
    # The high byte of each UTF-16 code unit, counted in C: a hanzi's is 0x34-0x4C or 0x4E-0x9F
    # (a surrogate's is 0xD8-0xDF).  Ten times as fast as the regex, which stops at every run of
    # other characters; a high byte 0x4D (U+4D00-U+4DFF, where extension A ends and the hexagrams
    # begin, hardly ever seen) takes the regex.  tests/reading/test_text.py holds the two equal.
    high = text.encode("utf-16-be", "surrogatepass")[::2]
    if b"\x4d" in high:
        return _count_hanzi_exactly(text)
    return len(high) - len(high.translate(None, _HANZI_HIGH))


def _count_hanzi_exactly(text: str) -> int:
    return len(_NOT_HANZI.sub("", text))


_NOT_HANZI = re.compile("[^\u4e00-\u9fff\u3400-\u4dbf]+")
#: High bytes of the UTF-16 code units of the hanzi (0x4D, shared with the hexagrams, left out).
_HANZI_HIGH = bytes(range(0x34, 0x4D)) + bytes(range(0x4E, 0xA0))


def _as_gb18030(data: bytes) -> str | None:
    """`data` read as GB18030 when it decodes and reads as Chinese, else None.

    Reads as Chinese: among the first 2,000 characters, at least 50 are not
    ASCII and a fifth of those are among the most common Chinese characters
    (in a plan, about half; in Big5 or EUC-KR bytes read as GB18030 by
    mistake, a few per cent).
    """
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    sample = text[:2000]
    n_wide = len(sample) - len(sample.encode("ascii", "ignore"))
    n_common = sum(map(patterns.COMMON_HANZI.__contains__, sample))
    return text if n_wide >= 50 and n_common >= 0.2 * n_wide else None


def _undecodable(data: bytes, exc: UnicodeDecodeError, source: str) -> ParseError:
    line = data[: exc.start].count(b"\n") + 1
    return ParseError(
        f"undecodable bytes {data[exc.start:exc.start + 4]!r} (not UTF-8, and no other encoding fits)",
        source=source,
        line=line,
    )


def _control_ratio(text: str) -> float:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(len(sample), 1)
