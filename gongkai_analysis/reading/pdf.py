"""PDF text layer → the document's paragraphs, as an analyst would read them.

An official document printed to PDF wraps its paragraphs at about 28
characters a line, numbers its pages (``— 3 —``), may repeat a running header
or footer, and ends with a 版记 (抄送 … / … 印发).  pdfium's own text keeps
every wrap as a line break, so a unit name split across two lines
(``各街道办`` / ``事处``) would become two names.  This module reads each
character with its position from pdfium, rebuilds the lines in reading order
(characters sorted along their baseline, so quotation marks land where they
are printed), and then:

- drops page numbers and lines repeated at the top or bottom of most pages;
- drops the 版记 (its 抄送 and 印发 lines), with a note saying so;
- maps Kangxi radicals and compatibility ideographs (``⼯`` for ``工``, an
  artefact of a font's character map) to the ideographs they print;
- joins a line that runs to the right margin to the next line unless that one
  is indented (a new paragraph) or starts a numbered item after a finished
  sentence; a line that ends mid-sentence near the margin is joined too.

Examples
--------
>>> lines = [_Line("1.做好政务公开，及时发布各街道办", 79, 515, 700, 16),
...          _Line("事处的信息。（财政局负责落实）", 79, 320, 680, 16),
...          _Line("2.公开预算。（财政局负责落实）", 111, 340, 660, 16)]
>>> _reflow(lines)
['1.做好政务公开，及时发布各街道办事处的信息。（财政局负责落实）', '2.公开预算。（财政局负责落实）']
"""

from __future__ import annotations

import ctypes
import logging
import re
from collections import Counter
from dataclasses import dataclass

from .. import patterns
from ..errors import ParseError
from . import pdf_table
from .source import IMAGE_SHARE, SourceText
from .text import clean_text, fold_radicals

log = logging.getLogger(__name__)


@dataclass
class _Line:
    """One printed line: its text, left and right edges, baseline and font size (points); a row of a ruled
    table carries its cells (``text`` is then the cells joined by tabs, a line of its own)."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    row: pdf_table.TableRow | None = None


def read_pdf(data: bytes, *, source: str = "<pdf>") -> SourceText:
    """The text layer of a PDF as paragraphs, without page numbers, running heads or 版记.

    Parameters
    ----------
    data : bytes
        The PDF file.
    source : str
        Its name, for errors.

    Returns
    -------
    SourceText
        One line per paragraph; ``notes`` says what page furniture was dropped.

    Raises
    ------
    ParseError
        When the PDF cannot be read (damaged, encrypted, a broken page tree)
        or has no text layer (a scan needs OCR first).

    Examples
    --------
    >>> read_pdf(b"%PDF-1.4 nothing else", source="plan.pdf")
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.ParseError: plan.pdf: not a readable PDF (...)
    """
    import pypdfium2 as pdfium  # imported on demand

    try:
        document = pdfium.PdfDocument(data)
    except (pdfium.PdfiumError, ValueError, OSError) as exc:
        raise ParseError(f"not a readable PDF ({exc})", source=source) from None
    pages: list[list[_Line]] = []
    images: list[tuple[int, bool, float]] = []  # (page number, whether it has text, share of it an image covers)
    try:
        for number, page in enumerate(_pages(document), start=1):
            paths, share = _paths_and_image_share(page)
            pages.append(_page_lines(page, paths))
            if share >= IMAGE_SHARE:
                images.append((number, bool(pages[-1]), share))
    except (pdfium.PdfiumError, ValueError, OSError, IndexError, ctypes.ArgumentError) as exc:
        raise ParseError(f"not a readable PDF ({type(exc).__name__}: {exc})", source=source) from None
    finally:
        document.close()
    if not any(line.text.strip() for lines in pages for line in lines):
        raise ParseError(f"the PDF has no text layer ({len(pages)} page(s); a scanned PDF needs OCR first)",
                         source=source)
    pages, dropped = _drop_page_furniture(pages)
    lines = _join_split_rows([line for page in pages for line in page])
    lines, board = _drop_banji(lines)
    text, n_radicals = fold_radicals(clean_text("\n".join(_reflow(lines)) + "\n"))
    src = SourceText(text, source, "pdf")
    if n_radicals:
        src.note(f"mapped {n_radicals} Kangxi radical or compatibility character(s) to the ideographs they print")
    if dropped:
        src.note(f"dropped {dropped} page number or running header/footer line(s)")
    if board:
        src.note("dropped the 版记 at the end: " + " / ".join(board))
    for number, has_text, share in images:  # (a scanned page among printed ones: its text is not read)
        src.note(f"page {number} is an image with no text layer (a scan?): what it prints is not read (OCR it first)"
                 if not has_text else
                 f"page {number} holds an image over {share:.0%} of the page: any text it prints is not read",
                 doubt=True)
    return src


def _paths_and_image_share(page) -> tuple[list, float]:
    """The page's path objects (its rules, see :func:`.pdf_table.page_rules`) and the share of the page its
    largest image covers (0.0 where it holds none), in one walk over its objects."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    width, height = page.get_size()
    area = max(width * height, 1.0)
    paths, share = [], 0.0
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE)):
        if obj.type == raw.FPDF_PAGEOBJ_PATH:
            paths.append(obj)
            continue
        try:
            left, bottom, right, top = obj.get_bounds()
        except pdfium.PdfiumError:
            continue
        share = max(share, min((right - left) * (top - bottom) / area, 1.0))
    return paths, share


def _pages(document):
    for index in range(len(document)):
        page = document[index]
        try:
            yield page
        finally:
            page.close()


def _page_lines(page, paths=None) -> list[_Line]:
    """The printed lines of a page, top to bottom, each read left to right along its baseline (`paths`: its
    path objects, where the caller has them)."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        chars = []
        x, y = ctypes.c_double(), ctypes.c_double()
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        spaced = False  # pdfium put a space of its own before this character (a gap between words)
        for i in range(raw.FPDFText_CountChars(handle)):
            code = raw.FPDFText_GetUnicode(handle, i)
            if code in (0, 10, 13, 0xFFFE, 0xFFFF):
                continue
            if raw.FPDFText_IsGenerated(handle, i) == 1:
                spaced = code == 32
                continue
            raw.FPDFText_GetCharOrigin(handle, i, ctypes.byref(x), ctypes.byref(y))
            raw.FPDFText_GetCharBox(handle, i, ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom),
                                    ctypes.byref(top))
            size = raw.FPDFText_GetFontSize(handle, i) or (top.value - bottom.value) or 10.0
            chars.append((chr(code) if code < 0x110000 else "\ufffd", x.value, y.value, left.value, right.value, size,
                          spaced))
            spaced = False
    finally:
        textpage.close()
    grids = pdf_table.grid_cells(pdf_table.page_rules(page, paths))
    if grids:  # the characters of ruled tables go to their cells, the others are read as lines
        chars, table_lines = _table_lines(chars, grids)
    lines = [line for line in map(_line_of, pdf_table.rows_by_baseline(chars)) if line.text.strip()]
    if grids:
        lines = sorted([*lines, *table_lines], key=lambda line: -line.y)
    return lines


def _table_lines(chars: list[tuple], grids: list[pdf_table.Grid]) -> tuple[list[tuple], list[_Line]]:
    """The characters outside the grids, and each grid's rows as lines (placed at their rows' top edges)."""
    loose = []
    for char in chars:
        x, y = (char[3] + char[4]) / 2, char[2] + 0.3 * char[5]  # the character's centre
        grid = next((grid for grid in grids if grid.contains(x, y)), None)
        cell = grid.cell_at(x, y) if grid is not None else None
        if cell is None:
            loose.append(char)
        else:
            cell.chars.append(char)
    lines = []
    for grid in grids:
        sizes = sorted(c[5] for cell in grid.cells for c in cell.chars) or [10.0]
        for top, row in pdf_table.table_rows(grid, _line_of):
            lines.append(_Line(row.text, grid.xs[0], grid.xs[-1], top, sizes[len(sizes) // 2], row))
    return loose, lines


def _join_split_rows(lines: list[_Line]) -> list[_Line]:
    """Put a table back together across page breaks: a header row repeated at the top of a page is dropped,
    a row cut by the break goes on in the next page's first row, a merged cell cut by it keeps its text.

    A table that goes on from one page to the next may print its header row
    again (dropped: the table goes on); a row that a page break cut in two
    goes on in the next page's first row, whose number cell is empty
    (:func:`~gongkai_analysis.reading.pdf_table.continues_row`); a cell merged
    over rows on both sides of the break has its text on the first page only
    (:func:`~gongkai_analysis.reading.pdf_table.merged_across_pages`).  Any
    other line between them (text that is not page furniture) ends the table.
    """
    kept: list[_Line] = []
    last_row = None  # index in `kept` of the table row the next line may go on from
    header = None  # the cells of the current table's first row
    page_top = False  # the table's rows on this page so far: none, or its header printed again
    before_break, first_row = None, 0  # the last row before a page break, and the next page's first grid row
    for line in lines:
        row = line.row
        if row is None:
            kept.append(line)
            last_row = header = before_break = None
            continue
        page_top = page_top or row.first_on_page
        if last_row is None:
            header = row.cells
        elif page_top and row.first_on_page and row.cells == header:
            continue  # the header printed again on the new page
        elif page_top:
            before_break, first_row = kept[last_row].row, max(row.tops, default=0)
            page_top = False
            if pdf_table.continues_row(row, before_break):
                joined = pdf_table.joined_across_pages(before_break, row)
                kept[last_row] = _Line(joined.text, line.x0, line.x1, kept[last_row].y, line.size, joined)
                continue
        if before_break is not None:
            merged = pdf_table.merged_across_pages(before_break, row, first_row)
            if merged is not row:
                line = _Line(merged.text, line.x0, line.x1, line.y, line.size, merged)
        page_top = False
        kept.append(line)
        last_row = len(kept) - 1
    return kept


def _line_of(row: list[tuple]) -> _Line:
    row.sort(key=lambda c: c[1])
    sizes = sorted(c[5] for c in row)
    size = sizes[len(sizes) // 2]
    text: list[str] = []
    previous = None
    for char in row:
        if previous is not None and char[0] != " " and previous[0] != " ":
            # a space pdfium found between Latin words or around Latin punctuation among them is kept (not
            # the spacing a typesetter puts between Chinese and digits or a bracket); a wide gap is a space too
            latin = previous[0].isascii() and char[0].isascii()
            if (char[6] and latin) or char[3] - previous[4] > 1.5 * size:
                text.append(" ")
        text.append(char[0])
        previous = char
    printed = [c for c in row if c[0] != " "] or row
    return _Line(re.sub(" {2,}", " ", "".join(text)).strip(), min(c[3] for c in printed),
                 max(c[4] for c in printed), row[0][2], size)


def _drop_page_furniture(pages: list[list[_Line]]) -> tuple[list[list[_Line]], int]:
    """Drop page numbers and running headers/footers from the top and bottom of each page.

    Among the first and last two lines of each page, a decorated page number
    (``— 3 —``, ``第3页 共9页``, ``3/9``) is dropped; a bare number only when
    pages in the same position carry one on at least half of the pages; a
    line of other text only when it does not end a sentence or a clause and
    the same line, digits aside, is among the first or last two lines of at
    least three pages, or of both pages of a two-page document.  A clause that
    happens to end two pages stays.
    """
    ends = [[*text[:2], *text[-2:]] if len(text) > 4 else text
            for text in ([line for line in lines if line.row is None] for lines in pages)]  # (a table's rows stay)
    bare = sum(any(_BARE_NUMBER.match(line.text) for line in edge) for edge in ends)
    apart = [[line for line in edge if not patterns.PDF_SENTENCE_END.search(line.text) and "。" not in line.text]
             for edge in ends]
    counts: Counter = Counter()
    for lines in apart:
        counts.update({_digits_folded(line.text) for line in lines})
    n_pages = len(pages)
    repeated = {text for text, n in counts.items() if n >= 3 or (n_pages >= 2 and n == n_pages)}
    kept, dropped = [], 0
    for lines, edge, aside in zip(pages, ends, apart):
        edge_ids, aside_ids = {id(line) for line in edge}, {id(line) for line in aside}
        page = []
        for line in lines:
            number = patterns.PDF_PAGE_NUMBER.match(line.text)
            if id(line) in edge_ids and number and (not _BARE_NUMBER.match(line.text) or 2 * bare >= n_pages >= 2) \
                    or id(line) in aside_ids and _digits_folded(line.text) in repeated:
                dropped += 1
            else:
                page.append(line)
        kept.append(page)
    return kept, dropped


_BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")


def _digits_folded(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _drop_banji(lines: list[_Line]) -> tuple[list[_Line], list[str]]:
    """Drop the 版记 at the end of the document: its 抄送 lines and the 印发 line."""
    tail = len(lines)
    start = None
    for index in range(len(lines) - 1, max(-1, len(lines) - 12), -1):
        text = lines[index].text.replace(" ", "")
        if patterns.PDF_PRINTED_BY.match(text):
            start = index
        elif patterns.PDF_COPY_TO.match(text):
            start = index
            break
    if start is None:
        return lines, []
    return lines[:start], [line.text for line in lines[start:tail]]


def _reflow(lines: list[_Line]) -> list[str]:
    """Join the lines of a paragraph: a line running to the right margin goes on in the next one.

    The left margin is the leftmost edge shared by a tenth of the lines, the right margin a high
    percentile of the right edges; a line starting more than most of a
    character right of the margin is indented (a new paragraph or a centred
    title).  A full line is joined to the next unless that one is indented or
    starts a numbered item after a finished sentence; a line ending
    mid-sentence within three quarters of the width is joined too.
    """
    rows = [line.row is not None for line in lines]  # (a table's row is a line of its own, never joined)
    lines_of_text = [line for line, is_row in zip(lines, rows) if not is_row]
    if not lines_of_text:
        return [line.text for line in lines]
    starts = Counter(round(line.x0) for line in lines_of_text)
    # the left margin: the leftmost edge shared by a tenth of the lines (in a list of short items
    # most lines start indented, and the continuation lines at the margin are the fewer)
    common = [x for x, n in starts.items() if n >= max(2, 0.1 * len(lines_of_text))]
    left = min(common) if common else starts.most_common(1)[0][0]
    rights = sorted(line.x1 for line in lines_of_text)
    right = rights[int(0.9 * (len(rights) - 1))]
    width = max(right - left, 1.0)
    paragraphs: list[str] = []
    current = ""
    for index, line in enumerate(lines):
        current = _join(current, line.text) if current else line.text
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is None or rows[index] or rows[index + 1] \
                or not _continues(line, following, left, right, width):
            paragraphs.append(current)
            current = ""
    return paragraphs


def _continues(line: _Line, following: _Line, left: float, right: float, width: float) -> bool:
    if following.x0 > left + 0.8 * following.size or line.x0 > left + 0.8 * line.size and line.x1 < right - 2 * line.size:
        return False  # the next line is indented (a new paragraph), or this one is a centred line
    finished = patterns.PDF_SENTENCE_END.search(line.text) is not None
    if finished and patterns.PDF_BLOCK_START.match(following.text):
        return False
    if line.x1 >= right - 1.5 * line.size:
        return True
    return not finished and line.x1 - left >= 0.75 * width and _ends_mid_sentence(line.text)


def _ends_mid_sentence(text: str) -> bool:
    return bool(text) and (text[-1] in "，、" or "\u4e00" <= text[-1] <= "\u9fff")


def _join(text: str, following: str) -> str:
    if text[-1:].isascii() and text[-1:].isalnum() and following[:1].isascii() and following[:1].isalnum():
        return f"{text} {following}"
    return text + following
