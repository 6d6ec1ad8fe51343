"""Files and bytes to clean text: :func:`read_path` picks the reader by the file's suffix.

====================  ===================================================
suffix                reader
====================  ===================================================
.txt .text, none      :func:`read_bytes` (UTF-8, GB18030, detected)
.md                   :func:`gongkai_analysis.reading.markdown.read_markdown` (markup removed)
.html .htm …          :func:`gongkai_analysis.reading.html.read_html`
.docx                 :func:`gongkai_analysis.reading.office.read_docx`
.xlsx                 :func:`gongkai_analysis.reading.office.read_xlsx`
.pdf                  :func:`gongkai_analysis.reading.pdf.read_pdf`
.doc .wps .rtf .xls   :func:`gongkai_analysis.reading.office.convert_legacy`
====================  ===================================================

Any other suffix is refused, and so is anything that is not a regular file
or is larger than the limit (see :mod:`gongkai_analysis.reading.source`).

Examples
--------
>>> src = read_bytes("1.做好公开。(财政局负责落实)\\r\\n".encode("gb18030"), source="plan.txt")
>>> src.text
'1.做好公开。(财政局负责落实)\\n'
>>> src.encoding
'gb18030'
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import config
from ..errors import ParseError
from .html import read_html
from .markdown import read_markdown
from .script import to_simplified
from .source import SourceText, file_kind, read_file_bytes
from .text import clean_text, decode

__all__ = ["SourceText", "clean_text", "decode", "read_bytes", "read_html", "read_path", "to_simplified"]


def read_path(path: str | os.PathLike[str]) -> SourceText:
    """Read a document file into a :class:`SourceText`, by its suffix.

    Parameters
    ----------
    path : str or path-like
        The file (.txt .text .md or no suffix, .html .htm .shtml .xhtml,
        .docx, .xlsx, .pdf; .doc .wps .rtf .xls .et with LibreOffice).

    Returns
    -------
    SourceText

    Raises
    ------
    ParseError
        When the file is missing, not a regular file, too large, of an
        unsupported type, empty, binary or cannot be decoded.

    Examples
    --------
    >>> read_path(config.package_data("fonts/GongkaiSansSC-Regular.otf"))
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.ParseError: ...Regular.otf: unsupported file type '.otf' (readable: .txt .text .md .html ...)
    """
    path = Path(path)
    name = str(path)
    suffix = path.suffix.lower()
    if suffix and suffix not in config.SUFFIXES and not _is_version_suffix(suffix):
        kind = file_kind(path)
        if kind in ("no such file",) or (kind and "folder" in kind):
            raise ParseError(kind, source=name)
        raise ParseError(f"unsupported file type {suffix!r} (readable: {' '.join(config.SUFFIXES)})", source=name)
    if suffix in config.LEGACY_SUFFIXES:
        kind = file_kind(path)
        if kind is not None:
            raise ParseError(kind, source=name)
        from .office import convert_legacy  # the Office and PDF readers imported on demand (subprocess, zipfile)

        return convert_legacy(path, source=name)
    data = read_file_bytes(path)
    if suffix in (".docx", ".xlsx"):
        from .office import read_docx, read_xlsx

        return (read_docx if suffix == ".docx" else read_xlsx)(data, source=name)
    if suffix == ".pdf":
        from .pdf import read_pdf

        return read_pdf(data, source=name)
    if suffix in config.HTML_SUFFIXES:
        return read_html(data, source=name)
    if suffix == ".md":
        return read_markdown(data, source=name)
    return read_bytes(data, source=name)


def _is_version_suffix(suffix: str) -> bool:
    """A dotted number such as ``.1`` in ``plan-v2.1`` is part of the name, not a type."""
    return suffix[1:].isdigit()


def read_bytes(data: bytes, *, source: str = "<bytes>") -> SourceText:
    """Decode plain-text bytes (UTF-8 with or without BOM, GB18030/GBK, …).

    Parameters
    ----------
    data : bytes
        The file's bytes.
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
    >>> read_bytes("一、公开\\x0b1.甲".encode()).text
    '一、公开\\n1.甲'
    """
    text, encoding = decode(data, source=source)
    return SourceText(clean_text(text), source, encoding)
