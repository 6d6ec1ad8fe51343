"""Markdown files (laws and plans kept in text repositories): the text as a reader sees it.

Heading marks (``## 第二章 …``), block quotes, emphasis and HTML comments are
markup, not wording: they are removed here, and nothing else is.  A comment's
line breaks are kept, so line numbers still point into the file.

Examples
--------
>>> src = read_markdown("# 条例\\n<!-- 来源 -->\\n## 第一章 总则\\n第一条 **为了**保障公开。\\n".encode(), source="law.md")
>>> src.text
'条例\\n\\n第一章 总则\\n第一条 为了保障公开。\\n'
"""

from __future__ import annotations

from .. import patterns
from .source import SourceText
from .text import clean_text, decode


def strip_markdown(text: str) -> str:
    """Remove Markdown markup from `text`, keeping its wording and its line breaks.

    Parameters
    ----------
    text : str
        Markdown.

    Returns
    -------
    str
        The text without heading marks, block-quote marks, ``**``/``__``
        emphasis and ``<!-- … -->`` comments.

    Examples
    --------
    >>> strip_markdown("> ## 第三章 监督 ##\\n<!-- a\\nb -->x")
    '第三章 监督\\n\\nx'
    """
    text = patterns.MD_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    text = patterns.MD_QUOTE.sub("", text)
    text = patterns.MD_HEADING.sub(r"\g<title>", text)
    return patterns.MD_EMPHASIS.sub(r"\g<inner>", text)


def read_markdown(data: bytes, *, source: str = "<markdown>") -> SourceText:
    """Decode a Markdown file and remove its markup (see :func:`strip_markdown`).

    Parameters
    ----------
    data : bytes
        The file's bytes (UTF-8, GB18030 …, as for plain text).
    source : str
        Its name, for errors.

    Returns
    -------
    SourceText

    Raises
    ------
    ParseError
        When the bytes are empty, binary or fit no encoding.

    Examples
    --------
    >>> read_markdown("### 1. 做好公开\\n".encode()).text
    '1. 做好公开\\n'
    """
    text, encoding = decode(data, source=source)
    return SourceText(clean_text(strip_markdown(text)), source, encoding)
