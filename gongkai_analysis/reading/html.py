"""Government web pages → the document's lines, and the metadata block of the page.

The page is parsed with lxml with its size limits lifted (``huge_tree``: a
data-URI image of several MB, or hundreds of unclosed tags, must not end the
page early), and the text the tree holds is checked against the text of the
page itself: a page that the parser cut short is an error, never a shorter
plan.  Page furniture (navigation, share buttons, footers) is removed by its
position outside the content and by its content, never by a class name
alone.  A ``<meta charset>`` that does not fit the bytes is overruled, with
a note.

Examples
--------
>>> src = read_html("<html><body><div class='content'><p>1.做好公开。<br>(财政局负责落实)</p></div></body></html>")
>>> src.text
'1.做好公开。\\n(财政局负责落实)\\n'
"""

from __future__ import annotations

import logging
import re

from .. import patterns
from ..errors import ParseError
from .numbering import printed_number
from .source import SourceText
from .text import check_text, clean_cell, clean_text, count_hanzi, decode, normal_encoding

log = logging.getLogger(__name__)

#: Tags whose content is not text the page shows (left out of the completeness check too).
_HTML_UNSEEN = ("script", "style", "noscript", "template")
#: Tags whose text is never part of a document body.
_HTML_DROP = ("iframe", "form", "nav", "header", "footer", "button", "select", "svg")
#: class or id fragments of page furniture.
_HTML_FURNITURE = re.compile(r"(^|[-_ ])(nav|menu|footer|foot|header|head|breadcrumb|crumb|share|bottom|topbar|sidebar|banner|copyright|position|location)([-_ ]|\d|$)", re.I)
#: class or id fragments of the element holding the document body.
_HTML_CONTENT = re.compile(r"(content|article|zoom|trs_editor|detail|zwnr|xxgk|main[-_]?text|text[-_]?con|view)", re.I)
_HTML_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
                "tr", "table", "ul", "ol", "center", "blockquote", "pre", "dd", "dt", "dl"}
#: Words of page furniture: a furniture-classed element inside the content is removed only when its
#: whole text is made of these (and punctuation), so one that holds tasks is kept.
_FURNITURE_WORDS = re.compile(
    r"分享到|分享|打印本页|打印|关闭窗口|关闭|收藏|字号|[大中小]|默认|返回顶部|返回|上一篇|下一篇|微信|微博|QQ空间|"
    r"扫一扫|在手机打开|【|】|\[|\]|：|:|\||丨|\s"
)
_TAG = re.compile(r"<!--.*?-->|<(script|style|noscript|template)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)
_SINGLE_BYTE = re.compile(r"^(iso-?8859-?\d+|latin-?\d|windows-?125\d|cp125\d|us-?ascii|ascii)$")


def read_html(data: bytes | str, *, source: str = "<html>") -> SourceText:
    """Return the body of a government web page as lines, with its metadata block.

    Scripts, styles, navigation, headers and footers are dropped; the
    索引号/发布机构/发文字号/成文日期 block fills ``meta`` instead of the text.
    A table row becomes one line, its cells separated by tabs and the lines
    inside a cell by U+2028; a cell spanning several rows is repeated in each.

    Parameters
    ----------
    data : bytes or str
        The page.
    source : str
        Its name, for errors.

    Returns
    -------
    SourceText

    Raises
    ------
    ParseError
        When the page cannot be parsed, has no text, or the parser kept less
        than the text the page holds (a page cut short).

    Examples
    --------
    >>> page = "<table><tr><td>1</td><td>公开预算</td><td>财政局<br>审计局</td></tr></table>"
    >>> read_html(page).text
    '1\\t公开预算\\t财政局\\u2028审计局\\n'
    """
    from lxml import etree  # imported on demand

    notes: list[str] = []
    if isinstance(data, bytes):
        text, encoding = _decode_page(data, source, notes)
    else:
        check_text(data, source=source)
        text, encoding = data, None
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses str input with an encoding declaration
    # lxml's own HTML parser, not lxml.html's: that one gives each element a Python class looked up by
    # a Python function whenever the element is touched (a tenth of the page's time); the tree is the same.
    parser = etree.HTMLParser(huge_tree=True, remove_comments=True)
    try:
        root = etree.fromstring(text, parser)
        if root is None:  # as lxml.html.document_fromstring says it
            raise etree.ParserError("Document is empty")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ParseError(f"not a readable HTML page ({exc})", source=source) from None
    for element in root.iter(*_HTML_UNSEEN):
        if element.getparent() is not None:
            _drop_tree(element)
    _check_complete(text, root, source)
    for element in root.iter(*_HTML_DROP):
        if element.getparent() is not None:
            _drop_tree(element)
    meta = _html_meta(root) if any(label in text for label in _HTML_META_LABELS) else {}
    body = _html_content(root)
    _drop_furniture(root, body)
    notes.extend(_unread_content(body))
    lines = [line for line in _html_lines(body) if line.strip()]
    lines = [line for line in lines if not _is_meta_line(line)]
    if not lines:
        raise ParseError("the page has no text in its body", source=source)
    src = SourceText(clean_text("\n".join(lines) + "\n"), source, encoding, meta)
    for message in notes:
        src.note(message, doubt=True)
    return src


_HTML_META_LABELS = ("索引号", "发文字号", "成文日期", "发布机构", "发文机关")
#: Files a page links as its attachments (a 任务分工表 published beside the notice).
_ATTACHMENT = re.compile(r"\.(?:docx?|wps|pdf|ofd|xlsx?|et|rtf|zip|rar|7z)(?:[?#]|$)", re.IGNORECASE)


def _unread_content(content) -> list[str]:
    """What the document's element holds that no text of the page gives: linked attachment files and
    pictures (a task table published as a file or a scan beside its notice), one note for each kind.

    >>> from lxml import etree
    >>> page = etree.fromstring('<div><p>附件：<a href="/files/fenggong.xlsx">任务分工表</a></p><img src="t.jpg"/></div>')
    >>> _unread_content(page)  # doctest: +NORMALIZE_WHITESPACE
    ['the page links 1 attachment file(s) (任务分工表): what they hold is not read (parse the files themselves)',
     'the page shows 1 picture(s) in its text: any text they print is not read']
    """
    links = [a for a in content.iter("a") if _ATTACHMENT.search((a.get("href") or "").strip())]
    notes = []
    if links:
        names = "、".join(dict.fromkeys(" ".join(a.xpath("string()").split()) or a.get("href") for a in links))
        notes.append(f"the page links {len(links)} attachment file(s) ({names[:120]}): what they hold is not read "
                     "(parse the files themselves)")
    # (an attachment link's own icon is none; lxml gives an element the same proxy while one is held)
    icons = [img for a in links for img in a.iter("img")]
    pictures = sum(1 for img in content.iter("img") if img not in icons and not _declared_small(img))
    if pictures:
        notes.append(f"the page shows {pictures} picture(s) in its text: any text they print is not read")
    return notes


def _declared_small(img) -> bool:
    """Whether an ``<img>`` says it is an icon's size (width and height of 64 pixels or less)."""
    sizes = [re.match(r"\s*(\d+)", img.get(name) or "") for name in ("width", "height")]
    return all(sizes) and all(int(size[1]) <= 64 for size in sizes)


def _decode_page(data: bytes, source: str, notes: list[str]) -> tuple[str, str]:
    """Decode a page: its declared charset when the bytes fit it, else what they are.

    UTF-8 bytes declared as a single-byte encoding (iso-8859-1, windows-1252 …)
    are read as UTF-8; Chinese bytes declared so are read as what detection
    finds.  Either way a note says the declaration was overruled.
    """
    declared = _html_declared_encoding(data)
    if declared and declared not in ("utf-8", "utf8") and not data.isascii():
        try:  # bytes that are valid UTF-8 are UTF-8, whatever the page says (GBK text almost never is)
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            notes.append(f"the page declares charset {declared} but its bytes are utf-8: read as utf-8")
            return text, "utf-8"
    text = None
    if declared:
        try:
            text = data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            text = None
    if text is not None and declared not in ("utf-8", "utf8") and _SINGLE_BYTE.match(declared) \
            and not data.isascii():
        detected, encoding = decode(data, source=source)
        if count_hanzi(detected) > count_hanzi(text):
            notes.append(f"the page declares charset {declared} but its bytes are {encoding}: read as {encoding}")
            return detected, encoding
    if text is not None:
        return text, declared
    text, encoding = decode(data, source=source)
    if declared:
        notes.append(f"the page declares charset {declared}, which does not fit its bytes: read as {encoding}")
    return text, encoding


def _check_complete(page: str, root, source: str) -> None:
    """Refuse a tree that holds less Chinese text than the page (the parser stopped early)."""
    got = count_hanzi(root.xpath("string()"))
    # The hanzi of the whole page, tags included, are at least those outside its tags, and the
    # bound below grows with them: a tree that passes it passes the exact one, and the pass of
    # _TAG over the page (a fifth of the check) is left out.
    if got >= _least_kept(count_hanzi(page)):
        return
    expected = count_hanzi(_TAG.sub(" ", page))
    if got < _least_kept(expected):
        raise ParseError(f"the page was cut short while parsing: {got} of its {expected} Chinese characters were "
                         "read (broken or deeply nested markup); save it as text or repair it", source=source)


def _drop_tree(element) -> None:
    """Remove `element` with its children and text; its tail joins the text before it (lxml.html's ``drop_tree``)."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + element.tail
        else:
            previous.tail = (previous.tail or "") + element.tail
    parent.remove(element)


def _least_kept(expected: int) -> int:
    """The fewest hanzi a tree may hold of the `expected` ones of its page (never more when fewer are expected)."""
    return expected - max(5, expected // 100)


def _marks(element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _text_of(element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _html_declared_encoding(data: bytes) -> str | None:
    match = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
    if not match:
        return None
    return normal_encoding(match.group(1).decode("ascii")).replace("utf8", "utf-8")


def _drop_furniture(root, content) -> None:
    """Remove page furniture by position and content, never by class alone.

    An element classed as furniture (share, bottom, head …) outside the
    content element is removed; inside it, only when its text is furniture
    wording (share buttons, font size, print, close) or empty.
    """
    for element in root.xpath("//*[@class or @id]"):
        if element.getparent() is None or element.tag in ("html", "body") or element is content:
            continue
        marks = _marks(element)
        if not _HTML_FURNITURE.search(marks) or _HTML_CONTENT.search(marks):
            continue
        if element in content.iterancestors():  # the content lies inside it: keep
            continue
        inside = element in content.iterdescendants()
        if inside and _FURNITURE_WORDS.sub("", _text_of(element)):
            continue
        _drop_tree(element)


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
            _drop_tree(element)
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
        if element not in sizes:  # XPath's string value: the element's text nodes joined, in C (a third of itertext's time)
            sizes[element] = len(element.xpath("string()").strip())
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
            # most pieces have no run of spaces to fold: four finds cost a fifth of a regex call
            if not text.strip(" \t\r\n"):  # a run of them alone (the line break between two tags)
                text = " "
            elif "\n" in text or "\t" in text or "\r" in text or "  " in text:
                text = _SPACES.sub(" ", text)
            current.append(text)

    def walk(element) -> None:
        add(element.text)
        for child in element:
            tag = child.tag  # lxml makes a new str at each reading
            if not isinstance(tag, str):  # a comment or processing instruction
                add(child.tail)
                continue
            if tag == "table":
                flush()
                lines.extend(_table_lines(child))
            elif tag == "ol":
                flush()
                walk_list(child)
                flush()
            elif tag in _HTML_BLOCKS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)
            add(child.tail)

    def walk_list(ordered) -> None:
        """An ordered list: each item a line, with the number a browser draws before it."""
        fmt, suffix = _list_style(ordered)
        start = (ordered.get("start") or "").strip()
        number = int(start) - 1 if start.isdecimal() and len(start) < 10 else 0
        add(ordered.text)
        for item in ordered:
            tag = item.tag
            if isinstance(tag, str) and tag == "li":
                value = item.get("value") or ""
                number = int(value) if value.isdecimal() and len(value) < 10 else number + 1
                flush()
                if fmt:
                    add(printed_number(number, fmt) + suffix)
                walk(item)
                flush()
            elif isinstance(tag, str):
                walk(item)
            add(item.tail)

    walk(root)
    flush()
    return lines


#: ``<ol type>`` and CSS ``list-style-type`` → (the number format of :func:`.numbering.printed_number`,
#: what follows the number); ``none`` draws no number.
_LIST_STYLES = {
    "1": ("decimal", "."), "decimal": ("decimal", "."), "a": ("lowerLetter", "."), "lower-alpha": ("lowerLetter", "."),
    "lower-latin": ("lowerLetter", "."), "A": ("upperLetter", "."), "upper-alpha": ("upperLetter", "."),
    "upper-latin": ("upperLetter", "."), "i": ("lowerRoman", "."), "lower-roman": ("lowerRoman", "."),
    "I": ("upperRoman", "."), "upper-roman": ("upperRoman", "."), "cjk-ideographic": ("chineseCounting", "、"),
    "simp-chinese-informal": ("chineseCounting", "、"), "trad-chinese-informal": ("chineseCounting", "、"),
    "cjk-decimal": ("ideographDigital", "、"), "none": (None, ""),
}
_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)")


def _list_style(ordered) -> tuple[str | None, str]:
    """How an ``<ol>`` numbers its items: its inline CSS ``list-style-type``, else its ``type``, else 1. 2. 3."""
    css = _LIST_STYLE.search((ordered.get("style") or "").lower())
    if css and css.group(1) in _LIST_STYLES:
        return _LIST_STYLES[css.group(1)]
    return _LIST_STYLES.get((ordered.get("type") or "1").strip(), _LIST_STYLES["1"])


def _table_lines(table) -> list[str]:
    """One line per row: cells joined by tabs, lines inside a cell by U+2028.

    A cell spanning several rows (``rowspan``) is repeated in each of them, a
    cell spanning several columns is followed by empty cells, so columns stay
    under their headers; empty cells at the end of a row are dropped (a
    section row merged across the table is one cell, a header line).
    """
    rows = [tr for tr in table.iter("tr") if _nearest_table(tr) is table]
    pending: dict[int, tuple[str, int]] = {}  # column → (text, rows still to fill)
    lines = []
    for tr in rows:
        cells: list[str] = []
        column = 0

        def fill() -> None:
            nonlocal column
            while column in pending:
                text, left = pending[column]
                cells.append(text)
                if left <= 1:
                    del pending[column]
                else:
                    pending[column] = (text, left - 1)
                column += 1

        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            fill()
            text = clean_cell("\n".join(_html_lines(cell)))
            cells.append(text)
            span = _span(cell.get("rowspan"))
            if span > 1:
                pending[column] = (text, span - 1)
            column += 1
            for _ in range(_span(cell.get("colspan")) - 1):
                cells.append("")
                column += 1
        fill()
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append("\t".join(cells))
    return lines


def _nearest_table(element):
    for ancestor in element.iterancestors("table"):
        return ancestor
    return None


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


_SPACES = re.compile(r"[ \t\r\n]+")
