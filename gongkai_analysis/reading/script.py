"""Traditional → simplified characters (OpenCC ``t2s``), decided by conversion.

A document counts as traditional when converting it changes a fair share of
its Chinese characters: at least :data:`MIN_CHANGED` of them, and at least
:data:`MIN_SHARE` of those in the sample.  A plan in traditional characters
changes about a quarter of its characters; a simplified plan almost none (no
hand-made list of "traditional-looking" characters, which took 算, 告 or 境 for
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

from .source import SourceText
from .text import count_hanzi

#: Fewest characters the conversion must change for a document to count as traditional.
MIN_CHANGED = 20
#: Least share of the sample's Chinese characters the conversion must change.
MIN_SHARE = 0.05
#: Characters of the document looked at to decide.
SAMPLE = 20_000


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc  # imported on demand

    return opencc.OpenCC("t2s")


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
    converter = _converter()
    sample = src.text[:SAMPLE]
    converted = converter.convert(sample)
    changed = sum(a != b for a, b in zip(sample, converted)) if len(converted) == len(sample) else threshold
    if changed < threshold or changed < MIN_SHARE * count_hanzi(sample):
        return src
    lines = src.text.split("\n")
    text = "\n".join(converter.convert(line) for line in lines)
    return SourceText(text, src.source, src.encoding, src.meta, original=src.text, notes=list(src.notes))
