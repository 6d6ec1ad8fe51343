"""Traditional → simplified characters (OpenCC ``t2s``), decided by conversion.

A document counts as traditional when conversion changes a fair share of its
characters (each character judged by OpenCC on its own): at least
:data:`MIN_CHANGED` of them, and at least :data:`MIN_SHARE` of the characters
of the sample.  A plan in traditional characters changes about a quarter of
its characters; a simplified plan almost none.  No hand-made list of
"traditional-looking" characters is used (the old one took 算, 告 or 境 for
traditional).

Examples
--------
>>> src = to_simplified(SourceText("一、政務公開\\n1.按月公開財政收支。（財政局負責落實）" * 3, "<text>"))
>>> src.text.splitlines()[1][:10], src.original.splitlines()[1][:6]
('1.按月公开财政收支', '1.按月公開')
>>> to_simplified(SourceText("1.做好预算公告和环境信息公开。（财政局负责落实）" * 20, "<text>")).original is None
True
"""

from __future__ import annotations

import functools
import re

from .. import config
from .source import SourceText

#: Fewest characters the conversion must change for a document to count as traditional.
MIN_CHANGED = 20
#: Least share of the sample's characters the conversion must change.
MIN_SHARE = 0.05
#: Characters of the document looked at to decide.
SAMPLE = 50_000
#: The CJK blocks whose characters are put through OpenCC once to find those it changes.
_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc  # imported on demand

    return opencc.OpenCC("t2s")


#: The package-data file of the characters ``t2s`` changes (see :func:`converted_characters`).
CHANGED_FILE = "t2s_changed.txt"


def converted_characters() -> str:
    """Every CJK character that OpenCC's ``t2s`` changes on its own, in code-point order.

    Computed by converting the 28,000 characters of the CJK blocks (some 40–80 ms
    with OpenCC's import).  The package ships the result (:data:`CHANGED_FILE`,
    written by ``tools/make_t2s_changed.py``) so that no run pays this; a test
    holds the shipped file equal to what the installed OpenCC gives.

    Returns
    -------
    str

    Examples
    --------
    >>> chars = converted_characters()
    >>> "開" in chars, "开" in chars, list(chars) == sorted(chars)
    (True, False, True)
    """
    chars = [chr(code) for start, stop in _BLOCKS for code in range(start, stop)]
    converted = _converter().convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # conversion merged lines: judge one by one
        converted = [_converter().convert(ch) for ch in chars]
    return "".join(a for a, b in zip(chars, converted) if a != b)


def shipped_characters() -> str:
    """The characters of :data:`CHANGED_FILE` (lines starting with ``#`` are comments).

    Returns
    -------
    str
        The characters, in code-point order.

    Examples
    --------
    >>> "開" in shipped_characters()
    True
    """
    text = config.package_data(CHANGED_FILE).read_text(encoding="utf-8")
    return "".join(line.strip() for line in text.splitlines() if not line.startswith("#"))


@functools.lru_cache(maxsize=1)
def _changed_by_conversion() -> re.Pattern:
    """A character class of every character ``t2s`` changes (read once per process; 5 ms to compile)."""
    return re.compile("[" + shipped_characters() + "]")


def changed_characters(text: str) -> int:
    """How many characters of `text` OpenCC's ``t2s`` changes (each judged on its own).

    Parameters
    ----------
    text : str
        The text to judge.

    Returns
    -------
    int
        The number of characters that are traditional forms.

    Examples
    --------
    >>> changed_characters("政務公開，計算報告")  # 務 開 計 報
    4
    """
    return len(_changed_by_conversion().findall(text))


def to_simplified(src: SourceText, *, threshold: int = MIN_CHANGED) -> SourceText:
    """Convert a document in traditional characters to simplified (OpenCC ``t2s``).

    Parameters
    ----------
    src : SourceText
        The document as read.
    threshold : int, default :data:`MIN_CHANGED`
        Fewest characters the conversion must change in the sample.

    Returns
    -------
    SourceText
        `src` itself when it is simplified; else a converted copy whose
        ``original`` holds the text before conversion.

    Examples
    --------
    >>> to_simplified(SourceText("政務公開" * 10, "<text>")).text[:4]
    '政务公开'
    """
    sample = src.text[:SAMPLE]
    changed = changed_characters(sample)
    if changed < threshold or changed < MIN_SHARE * len(sample):
        return src
    converter = _converter()
    text = "\n".join(converter.convert(line) for line in src.text.split("\n"))
    return SourceText(text, src.source, src.encoding, src.meta, original=src.text, notes=list(src.notes))
