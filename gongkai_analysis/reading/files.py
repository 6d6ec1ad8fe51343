"""Bytes and files to clean text: encodings, HTML pages, Word documents.

Everything here returns a :class:`SourceText`: the document's text with line
breaks normalised to ``\\n`` and invisible characters (zero-width spaces, byte
order marks, soft hyphens) removed, nothing else changed.  A table becomes one
line per row with its cells separated by tabs; the parser reads such rows.

Examples
--------
>>> src = read_bytes("1.做好公开。(财政局负责落实)\\r\\n".encode("gb18030"), source="plan.txt")
>>> src.text
'1.做好公开。(财政局负责落实)\\n'
>>> src.encoding
'gb18030'
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import patterns
from ..errors import ParseError

log = logging.getLogger(__name__)

#: Tags whose text is never part of a document body.
_HTML_DROP = ("script", "style", "noscript", "iframe", "form", "nav", "header", "footer", "button", "select", "svg")
#: class or id fragments of page furniture.
_HTML_FURNITURE = re.compile(r"(^|[-_ ])(nav|menu|footer|foot|header|head|breadcrumb|crumb|share|bottom|topbar|sidebar|banner|copyright|position|location)([-_ ]|\d|$)", re.I)
#: class or id fragments of the element holding the document body.
_HTML_CONTENT = re.compile(r"(content|article|zoom|trs_editor|detail|zwnr|xxgk|main[-_]?text|text[-_]?con|view)", re.I)
_HTML_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
                "tr", "table", "ul", "ol", "center", "blockquote", "pre", "dd", "dt", "dl"}


@dataclass
class SourceText:
    """A document's clean text and what was learnt while reading it."""

    text: str
    source: str
    encoding: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    #: The text before conversion from traditional characters (None when not converted).
    original: str | None = None

    @classmethod
    def from_text(cls, text: str, *, source: str = "<text>") -> SourceText:
        """A document given as text: line breaks normalised, invisible characters dropped.

        Raises
        ------
        ParseError
            When the text is empty or blank.

        Examples
        --------
        >>> SourceText.from_text("一、甲\\r\\n1.乙").text
        '一、甲\\n1.乙'
        """
        if not text.strip():
            raise ParseError("the text is empty", source=source)
        return cls(clean_text(text), source)

    @property
    def digest(self) -> str:
        """A short, stable hash of the text."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:10]


def clean_text(text: str) -> str:
    """Normalise line breaks and drop invisible characters; keep the wording."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return patterns.INVISIBLE.sub("", text)


def read_path(path: str | os.PathLike[str]) -> SourceText:
    """Read a .txt, .html, .docx or .pdf file into a :class:`SourceText`.

    Raises
    ------
    ParseError
        When the file is missing, empty, binary or cannot be decoded.
    """
    path = Path(path)
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ParseError("no such file", source=name) from None
    except IsADirectoryError:
        raise ParseError("is a folder, not a document", source=name) from None
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror or exc}", source=name) from None
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _read_docx(data, name)
    if suffix == ".pdf":
        return _read_pdf(data, name)
    if suffix in (".html", ".htm", ".shtml", ".xhtml"):
        return read_html(data, source=name)
    return read_bytes(data, source=name)


def read_bytes(data: bytes, *, source: str = "<bytes>") -> SourceText:
    """Decode plain-text bytes (UTF-8 with or without BOM, GB18030/GBK, …)."""
    text, encoding = decode(data, source=source)
    return SourceText(clean_text(text), source, encoding)


def decode(data: bytes, *, source: str = "<bytes>") -> tuple[str, str]:
    """Return the text of `data` and the encoding it was read with.

    UTF-8 (with or without BOM) is tried first, then GB18030 when the bytes
    read as Chinese in it; anything else is detected with charset-normalizer,
    and the GB family is read as GB18030, its superset.
    """
    if not data.strip():
        raise ParseError("the file is empty", source=source)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError("binary file, not text (it contains NUL bytes)", source=source)
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _undecodable(data[3:], exc, source) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_error = utf8_error
    text = _as_gb18030(data)
    if text is not None:  # the usual case for Chinese plans that are not UTF-8: no detection needed
        return text, "gb18030"
    from charset_normalizer import from_bytes  # imported on demand: it loads its models

    best = from_bytes(data).best()
    if best is None:
        raise _undecodable(data, first_error, source)
    encoding = best.encoding.lower().replace("_", "")
    if encoding in ("gb2312", "gbk", "cp936", "hz", "gb18030"):
        encoding = "gb18030"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise _undecodable(data, first_error, source) from None
    if _control_ratio(text) > 0.05:
        raise ParseError(f"binary file, not text (read as {encoding} it is mostly control characters)", source=source)
    return text, encoding


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


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------
def read_html(data: bytes | str, *, source: str = "<html>") -> SourceText:
    """Return the body of a government web page as lines, with its metadata block.

    Scripts, styles, navigation, headers and footers are dropped; the
    索引号/发布机构/发文字号/成文日期 block fills ``meta`` instead of the text.
    Parsed with lxml, which is fast and forgiving of broken markup.
    """
    from lxml import etree
    from lxml import html as lxml_html  # imported on demand

    if isinstance(data, bytes):
        encoding = _html_declared_encoding(data)
        try:
            text = data.decode(encoding) if encoding else None
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is None:
            text, encoding = decode(data, source=source)
    else:
        text, encoding = data, None
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses str input with an encoding declaration
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"not a readable HTML page ({exc})", source=source) from None
    for element in root.iter(*_HTML_DROP):
        if element.getparent() is not None:
            element.drop_tree()
    meta = _html_meta(root) if any(label in text for label in _HTML_META_LABELS) else {}
    for element in root.xpath("//*[@class or @id]"):
        marks = _marks(element)
        if _HTML_FURNITURE.search(marks) and not _HTML_CONTENT.search(marks) and element.getparent() is not None \
                and element.tag not in ("html", "body"):
            element.drop_tree()
    body = _html_content(root)
    lines = [line for line in _html_lines(body) if line.strip()]
    lines = [line for line in lines if not _is_meta_line(line)]
    if not lines:
        raise ParseError("the page has no text in its body", source=source)
    return SourceText(clean_text("\n".join(lines) + "\n"), source, encoding, meta)


_HTML_META_LABELS = ("索引号", "发文字号", "成文日期", "发布机构", "发文机关")


def _marks(element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _text_of(element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _html_declared_encoding(data: bytes) -> str | None:
    match = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
    if not match:
        return None
    encoding = match.group(1).decode("ascii").lower()
    return "gb18030" if encoding in ("gb2312", "gbk") else encoding


def _html_meta(root) -> dict[str, str]:
    """Find the 索引号/发文字号/成文日期 block anywhere in the page, then drop it."""
    meta: dict[str, str] = {}
    for element in root.iter("table", "div", "ul", "dl"):
        if element.getparent() is None:
            continue
        text = _text_of(element)
        if len(text) >= 600:
            continue
        fields = patterns.HTML_META_FIELDS.findall(patterns.fold(text))
        if len({f for f, _ in fields}) >= 2:
            for label, value in fields:
                if value:
                    meta.setdefault(label, value)
            element.drop_tree()
    return meta


def _is_meta_line(line: str) -> bool:
    if "：" not in line and ":" not in line:  # every field has its colon (full- or half-width)
        return False
    return len({f for f, _ in patterns.HTML_META_FIELDS.findall(line)}) >= 2


def _html_content(root):
    """The element that holds the document: the innermost content-marked element
    that still carries most of the text, else the page body."""
    sizes = {}

    def size(element) -> int:
        if element not in sizes:
            sizes[element] = len("".join(element.itertext()).strip())
        return sizes[element]

    marked = [e for e in root.xpath("//*[@class or @id]") if _HTML_CONTENT.search(_marks(e)) and size(e) > 100]
    if not marked:
        body = root.find("body")
        return body if body is not None else root
    best = max(marked, key=size)
    for element in marked:
        if element is not best and best in element.iterancestors():
            continue
        if element is not best and element in best.iterdescendants() and size(element) >= 0.8 * size(best):
            best = element
    return best


def _html_lines(root) -> list[str]:
    """Flatten an element into lines: blocks end a line, table rows join cells with tabs."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            lines.append("".join(current).strip())
            current.clear()

    def add(text: str | None) -> None:
        if text:
            current.append(_SPACES.sub(" ", text))

    def walk(element) -> None:
        add(element.text)
        for child in element:
            if not isinstance(child.tag, str):  # a comment or processing instruction
                add(child.tail)
                continue
            if child.tag == "tr":
                flush()
                cells = [" ".join(_html_lines(cell)).strip() for cell in child if cell.tag in ("td", "th")]
                lines.append("\t".join(cells))
            elif child.tag in _HTML_BLOCKS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)
            add(child.tail)

    walk(root)
    flush()
    return lines


_SPACES = re.compile(r"[ \t\r\n]+")


# --------------------------------------------------------------------------
# Word
# --------------------------------------------------------------------------
def _read_docx(data: bytes, source: str) -> SourceText:
    import io as _io
    import zipfile

    try:
        import docx  # python-docx, imported on demand
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(_io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ParseError(f"not a readable .docx file ({exc})", source=source) from None
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats itself
                        continue
                    seen.add(id(cell._tc))
                    cells.append("".join(p.text for p in cell.paragraphs).strip())
                lines.append("\t".join(cells))
    text = "\n".join(lines).strip()
    if not text:
        raise ParseError("the Word document has no text", source=source)
    return SourceText(clean_text(text + "\n"), source, "docx")


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------
def _read_pdf(data: bytes, source: str) -> SourceText:
    """The text layer of a PDF, page after page; a scanned PDF has none and is an error."""
    import pypdfium2 as pdfium  # imported on demand

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ParseError(f"not a readable PDF ({exc})", source=source) from None
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    text = "\n".join(pages)
    if not text.strip():
        raise ParseError(f"the PDF has no text layer ({len(pages)} page(s); a scanned PDF needs OCR first)",
                         source=source)
    return SourceText(clean_text(text + "\n"), source, "pdf")


# --------------------------------------------------------------------------
# Traditional characters
# --------------------------------------------------------------------------
_OPENCC = None
#: Characters of a text's sample converted to decide its script (from its start, middle and end).
_SCRIPT_SAMPLE = 500
_HAN = re.compile("[\u4e00-\u9fff]")


def _t2s():
    global _OPENCC
    if _OPENCC is None:
        import opencc  # imported on demand

        _OPENCC = opencc.OpenCC("t2s")
    return _OPENCC


def _script_sample(text: str, sample: int) -> str:
    """Up to `sample` characters from the start, the middle and the end of `text`."""
    if len(text) <= 3 * sample:
        return text
    middle = len(text) // 2
    return text[:sample] + text[middle : middle + sample] + text[-sample:]


def traditional_share(text: str, *, sample: int = _SCRIPT_SAMPLE) -> tuple[int, int]:
    """How many Chinese characters of a sample of `text` OpenCC's ``t2s`` changes, and of how many.

    The script is decided by conversion, not by a list of characters: a
    simplified text comes back (almost) unchanged, a traditional one changes
    in a large share of its characters.  The sample is up to `sample`
    characters from the start, the middle and the end of the text.

    Parameters
    ----------
    text : str
        The document's text.
    sample : int
        Characters taken from each of three places.

    Returns
    -------
    (int, int)
        Changed Chinese characters, Chinese characters in the sample.

    Examples
    --------
    >>> traditional_share("按月公開財政收支")
    (2, 8)
    >>> traditional_share("核算、报告和环境监测")[0]
    0
    """
    text = _script_sample(text, sample)
    converted = _t2s().convert(text)
    han = len(_HAN.findall(text))
    if len(converted) != len(text):  # a phrase changed length: compare character counts of both
        changed = sum(1 for ch in set(text) if _HAN.match(ch) and ch not in converted)
        return min(changed, han), han
    changed = sum(map(str.__ne__, text, converted))  # compared in C, character by character
    return changed, han


def to_simplified(src: SourceText, *, threshold: float = 0.05, minimum: int = 3) -> SourceText:
    """Convert a document in traditional characters to simplified (OpenCC ``t2s``).

    A document counts as traditional when converting a sample of it changes at
    least `threshold` of its Chinese characters (and at least `minimum` of
    them): see :func:`traditional_share`.  The text before conversion stays in
    ``original``; a simplified document is returned as it is.

    Parameters
    ----------
    src : SourceText
        The document as read.
    threshold : float
        Share of the sample's Chinese characters that conversion must change.
    minimum : int
        Fewest changed characters for a document to count as traditional.

    Returns
    -------
    SourceText

    Examples
    --------
    >>> src = to_simplified(SourceText("一、政務公開\\n1.按月公開財政收支。（財政局負責落實）" * 3, "<text>"))
    >>> src.text.splitlines()[1][:10], src.original.splitlines()[1][:6]
    ('1.按月公开财政收支', '1.按月公開')
    >>> to_simplified(SourceText("做好预算核算，报告环境监测情况。" * 50, "<text>")).original is None
    True
    """
    sample = _script_sample(src.text, _SCRIPT_SAMPLE)
    if _t2s().convert(sample) == sample:
        return src  # conversion changes nothing: the usual case, decided without counting
    changed, han = traditional_share(src.text)
    if changed < minimum or changed < threshold * han:
        return src
    lines = src.text.split("\n")
    converter = _t2s()
    converted = [converter.convert(line) for line in lines]
    return SourceText("\n".join(converted), src.source, src.encoding, src.meta, original=src.text)
