"""Ruled tables on a PDF page → rows of cells, as a Word or HTML task table is read.

A 任务分工表 printed to PDF draws its grid with thin ruling lines.  Read as
lines of text, its cells would interleave (the first line of the task, of the
lead unit and of the deadline on one printed line, then the second lines …).
This module finds the grid in the page's path objects, cell by cell (merged
cells included: where a rule is missing between two grid cells they are one),
gives each character to the cell its centre falls in, and reads each cell on
its own:

- a cell's lines are joined where a line runs to the cell's right edge (a
  wrap: where the next line's first character, or its first two where they
  may not be parted — ``容，`` ``〔查`` —, or its first number or Latin
  word, would not have fitted), unless the text so far ends as a unit's name
  ends and the next line starts with a name (``市市场监管局`` / ``市商务局``,
  ``网格中心`` / ``宣传部〔新闻…``: two units, the first filling the cell; not
  ``东城园管委`` / ``会``); the other line breaks stay, as a Word cell's
  paragraphs do (U+2028);
- a cell spanning several rows is repeated in each of them and a cell
  spanning columns is followed by empty cells, as :mod:`.html` reads
  ``rowspan`` and ``colspan``; empty cells at the end of a row are dropped
  (a section row merged across the table is one cell);
- a grid needs two columns and two rows: a ruled box around a paragraph
  (``专栏``) stays text; a table with open sides (no outer vertical rules)
  ends where its horizontal rules end;
- across a page break (:func:`continues_row`, :func:`joined_across_pages`,
  :func:`merged_across_pages`): a row cut in two is put together, and a
  merged cell's text, printed on the first page only, is each row's.

Tables without vertical rules (a three-line table) are not found here; their
text is read as lines.

Examples
--------
>>> rules = Rules([(700, 100, 400), (680, 100, 400), (600, 100, 400)], [(100, 600, 700), (200, 600, 700),
...               (400, 600, 700)])
>>> [(cell.top, cell.left, cell.rows, cell.columns) for cell in grid_cells(rules)[0].cells]
[(0, 0, 1, 1), (0, 1, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1)]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .. import patterns
from .text import CELL_LINE, clean_cell

#: A path thinner than this (points) is a rule; a line's ends may miss each other by as much.
THIN = 3.0
#: Rules this close (points) are one grid line.
SNAP = 2.0
#: Another name in brackets at the end of a line (``〔拆违办〕``).
_ALIAS_AT_END = re.compile(r"[〔（(【［][^〔〕（）()【】［］]{1,20}[〕）)】］]$")
#: Marks that never end a line, and marks that never start one (a character moves to the next line with them).
_OPENING = "〔（(【［“‘《「"
_CLOSING = "，。、；：！？）)〕】］”’》」,.;:"
#: A character followed by one of these moves to the next line with it (LibreOffice binds “ to the character
#: before it as well as after).
_PAIRED = _CLOSING + "“‘"
#: A number or a Latin word, which a line is never broken inside.
_LATIN_WORD = re.compile(r"[0-9A-Za-z.%]+")


class Rules(NamedTuple):
    """A page's ruling lines: horizontal ``(y, x0, x1)`` and vertical ``(x, y0, y1)``, in PDF points.

    Examples
    --------
    >>> Rules([(700.0, 100.0, 400.0)], []).horizontal
    [(700.0, 100.0, 400.0)]
    """

    horizontal: list[tuple[float, float, float]]
    vertical: list[tuple[float, float, float]]


@dataclass
class Cell:
    """A cell of a grid: its top row and left column, how many rows and columns it spans, its left and right
    edges (points), and the characters found in it.

    Examples
    --------
    >>> Cell(0, 2, 1, 1, 300.0, 360.0).columns
    1
    """

    top: int
    left: int
    rows: int
    columns: int
    x0: float
    x1: float
    chars: list[tuple] = field(default_factory=list)


@dataclass
class Grid:
    """A ruled table: its column edges (left to right), row edges (top to bottom, descending y) and cells.

    Examples
    --------
    >>> grid = Grid([100.0, 200.0, 300.0], [700.0, 680.0], [Cell(0, 0, 1, 1, 100.0, 200.0),
    ...                                                      Cell(0, 1, 1, 1, 200.0, 300.0)])
    >>> grid.contains(250, 690), grid.cell_at(250, 690).left, grid.contains(250, 600)
    (True, 1, False)
    """

    xs: list[float]
    ys: list[float]
    cells: list[Cell]

    def contains(self, x: float, y: float) -> bool:
        """Whether the point ``(x, y)`` lies inside the grid's outer rules.

        Parameters
        ----------
        x, y : float
            A point on the page (points; y grows upwards).

        Returns
        -------
        bool

        Examples
        --------
        >>> Grid([0.0, 10.0, 20.0], [20.0, 10.0, 0.0], []).contains(5, 5)
        True
        """
        return self.xs[0] < x < self.xs[-1] and self.ys[-1] < y < self.ys[0]

    def cell_at(self, x: float, y: float) -> Cell | None:
        """The cell the point ``(x, y)`` falls in (a merged cell for each grid cell it covers).

        Parameters
        ----------
        x, y : float
            A point inside the grid (points; y grows upwards).

        Returns
        -------
        Cell or None
            None where no cell covers the point.

        Examples
        --------
        >>> Grid([0.0, 10.0], [10.0, 0.0], [Cell(0, 0, 1, 1, 0.0, 10.0)]).cell_at(5, 5).top
        0
        """
        column = bisect.bisect(self.xs, x) - 1
        row = bisect.bisect(self._downwards, -y) - 1
        return self._at.get((row, column))

    def __post_init__(self) -> None:
        self._downwards = [-y for y in self.ys]  # (ascending: what bisect searches)
        self._at = {(row, column): cell for cell in self.cells
                    for row in range(cell.top, cell.top + cell.rows)
                    for column in range(cell.left, cell.left + cell.columns)}


class TableRow(NamedTuple):
    """One printed row of a table: its cells' texts (one per column), whether each cell's last line runs to
    its right edge (a cell that goes on in the next page's row), whether the row is the first of its table on
    its page, and, per column, the row its cell starts in and how many rows it spans (a merged cell).

    Examples
    --------
    >>> row = TableRow(("1", "做好公开。", "市财政局", ""), (False,) * 4, True, (0, 0, 0, 0), (1, 1, 1, 1))
    >>> row.cells[2], row.text
    ('市财政局', '1\\t做好公开。\\t市财政局')
    """

    cells: tuple[str, ...]
    full: tuple[bool, ...]
    first_on_page: bool
    tops: tuple[int, ...] = ()
    spans: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        """The row as a line: its cells joined by tabs, the empty cells at its end left out.

        Returns
        -------
        str

        Examples
        --------
        >>> TableRow(("一、推进决策公开", "", ""), (False,) * 3, False).text  # a section row merged across
        '一、推进决策公开'
        """
        return "\t".join(self.cells).rstrip("\t")


def page_rules(page, paths=None) -> Rules:
    """The ruling lines of a pdfium page: thin paths, and the edges of stroked rectangles.

    Parameters
    ----------
    page : pypdfium2.PdfPage
        An open page.
    paths : iterable of pypdfium2.PdfObject, optional
        Its path objects, where the caller has walked the page's objects already (one walk, not two).

    Returns
    -------
    Rules

    Examples
    --------
    >>> import pypdfium2 as pdfium
    >>> document = pdfium.PdfDocument.new()
    >>> page_rules(document.new_page(595, 842))
    Rules(horizontal=[], vertical=[])
    """
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    horizontal, vertical = [], []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,)) if paths is None else paths:
        try:
            left, bottom, right, top = obj.get_bounds()
        except (pdfium.PdfiumError, ValueError):  # a path with no bounds draws no rule (the text is still read)
            continue
        width, height = right - left, top - bottom
        if height <= THIN < width:
            horizontal.append(((bottom + top) / 2, left, right))
        elif width <= THIN < height:
            vertical.append(((left + right) / 2, bottom, top))
        elif width > THIN and height > THIN and raw.FPDFPath_CountSegments(obj.raw) <= 5 \
                and raw.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke)) and stroke.value:
            # a stroked rectangle (a cell's border drawn as one box): its four edges
            horizontal += [(top, left, right), (bottom, left, right)]
            vertical += [(left, bottom, top), (right, bottom, top)]
    return Rules(horizontal, vertical)


def rows_by_baseline(chars: list[tuple]) -> list[list[tuple]]:
    """Characters in printed lines, top to bottom: those whose baselines lie within four tenths of their size
    of the line's first character's.

    Parameters
    ----------
    chars : list of tuple
        ``(char, x, y, left, right, size, …)`` each, ``y`` its baseline.

    Returns
    -------
    list of list of tuple
        Each line's characters in the order met (not yet sorted along the line).

    Examples
    --------
    >>> [[c[0] for c in row] for row in rows_by_baseline([("b", 0, 690, 0, 9, 10), ("a", 9, 700, 9, 18, 10),
    ...                                                   ("c", 9, 689, 9, 18, 10)])]
    [['a'], ['b', 'c']]
    """
    rows: list[list[tuple]] = []
    for char in sorted(chars, key=lambda c: -c[2]):
        if rows and abs(rows[-1][0][2] - char[2]) <= 0.4 * char[5]:
            rows[-1].append(char)
        else:
            rows.append([char])
    return rows


def grid_cells(rules: Rules) -> list[Grid]:
    """The grids the rules draw (rules that cross each other, two columns and two rows at least).

    Parameters
    ----------
    rules : Rules
        A page's ruling lines.

    Returns
    -------
    list of Grid
        Top to bottom; each cell is a group of grid cells no rule separates.

    Examples
    --------
    >>> grid_cells(Rules([(700, 100, 300), (600, 100, 300)], [(100, 600, 700), (300, 600, 700)]))  # one box
    []
    """
    grids = []
    for horizontal, vertical in _crossing_groups(rules):
        # (a table drawn with open sides has no outer vertical rules: its horizontal rules' ends are its edges)
        xs = _snapped([x for x, _, _ in vertical] + [min(x0 for _, x0, _ in horizontal),
                                                     max(x1 for _, _, x1 in horizontal)])
        ys = _snapped([y for y, _, _ in horizontal])[::-1]
        if len(xs) < 3 or len(ys) < 3:
            continue  # one column or one row: a box around text, not a table
        cells = _merged_cells(xs, ys, horizontal, vertical)
        if any(cell.columns < len(xs) - 1 for cell in cells):
            grids.append(Grid(xs, ys, cells))
    return sorted(grids, key=lambda grid: -grid.ys[0])


def _crossing_groups(rules: Rules) -> list[tuple[list, list]]:
    """The rules in groups that touch each other (each group one table)."""
    from networkx.utils import UnionFind  # (imported where a page has rules both ways)

    horizontal, vertical = rules
    keys = [*(("h", i) for i in range(len(horizontal))), *(("v", j) for j in range(len(vertical)))]
    touching = UnionFind(keys)
    for i, (y, x0, x1) in enumerate(horizontal):
        for j, (x, y0, y1) in enumerate(vertical):
            if x0 - SNAP <= x <= x1 + SNAP and y0 - SNAP <= y <= y1 + SNAP:
                touching.union(("h", i), ("v", j))
    groups = []
    for group in touching.to_sets():
        across = [horizontal[i] for kind, i in sorted(group) if kind == "h"]
        down = [vertical[j] for kind, j in sorted(group) if kind == "v"]
        if across and down:
            groups.append((across, down))
    return groups


def _snapped(values: list[float]) -> list[float]:
    """The distinct positions among `values`, those within SNAP of each other taken as one (ascending)."""
    positions: list[list[float]] = []
    for value in sorted(values):
        if positions and value - positions[-1][-1] <= SNAP:
            positions[-1].append(value)
        else:
            positions.append([value])
    return [sum(group) / len(group) for group in positions]


def _covers(rules, at: float, point: float) -> bool:
    """Whether a rule at position `at` runs through `point` along its length."""
    return any(abs(position - at) <= SNAP and low - SNAP <= point <= high + SNAP for position, low, high in rules)


def _merged_cells(xs: list[float], ys: list[float], horizontal, vertical) -> list[Cell]:
    """The cells of a grid: neighbouring grid cells with no rule between them are one cell."""
    from networkx.utils import UnionFind

    n_rows, n_columns = len(ys) - 1, len(xs) - 1
    merged = UnionFind((r, c) for r in range(n_rows) for c in range(n_columns))
    for r in range(n_rows):
        middle = (ys[r] + ys[r + 1]) / 2
        for c in range(n_columns - 1):
            if not _covers(vertical, xs[c + 1], middle):
                merged.union((r, c), (r, c + 1))
    for c in range(n_columns):
        middle = (xs[c] + xs[c + 1]) / 2
        for r in range(n_rows - 1):
            if not _covers(horizontal, ys[r + 1], middle):
                merged.union((r, c), (r + 1, c))
    cells = []
    for keys in merged.to_sets():
        rows, columns = [r for r, _ in keys], [c for _, c in keys]
        top, left = min(rows), min(columns)
        cells.append(Cell(top, left, max(rows) - top + 1, max(columns) - left + 1, xs[left], xs[max(columns) + 1]))
    return sorted(cells, key=lambda cell: (cell.top, cell.left))


def table_rows(grid: Grid, line_of) -> list[tuple[float, TableRow]]:
    """The rows of a grid whose cells hold their characters, each with the y of its top edge.

    A row is kept where some cell starts in it; a cell spanning rows is repeated
    in each, one spanning columns is followed by empty cells.

    Parameters
    ----------
    grid : Grid
        Its cells' ``chars`` filled.
    line_of : callable
        Makes a printed line (``text``, ``x0``, ``x1``, ``size``) of a list of characters (``pdf._line_of``).

    Returns
    -------
    list of (float, TableRow)

    Examples
    --------
    >>> from gongkai_analysis.reading.pdf import _line_of
    >>> grid = Grid([0.0, 40.0, 100.0], [700.0, 680.0], [Cell(0, 0, 1, 1, 0.0, 40.0), Cell(0, 1, 1, 1, 40.0, 100.0)])
    >>> grid.cells[0].chars.append(("1", 6, 686, 6, 11, 10, False))
    >>> grid.cells[1].chars += [(c, 46 + 10 * k, 686, 46 + 10 * k, 56 + 10 * k, 10, False) for k, c in enumerate("做好")]
    >>> table_rows(grid, _line_of)
    [(700.0, TableRow(cells=('1', '做好'), full=(False, False), first_on_page=True, tops=(0, 0), spans=(1, 1)))]
    """
    read = {id(cell): _cell_text(cell, line_of) for cell in grid.cells}
    rows = []
    for r in range(len(grid.ys) - 1):
        in_row = [cell for cell in grid.cells if cell.top <= r < cell.top + cell.rows]
        if not any(cell.top == r for cell in in_row):
            continue
        texts: list[str] = []
        full: list[bool] = []
        tops: list[int] = []
        spans: list[int] = []
        for cell in sorted(in_row, key=lambda cell: cell.left):
            text, last_full = read[id(cell)]
            texts += [text, *[""] * (cell.columns - 1)]
            full += [last_full, *[False] * (cell.columns - 1)]
            tops += [cell.top] * cell.columns
            spans += [cell.rows] * cell.columns
        if any(texts):
            rows.append((grid.ys[r], TableRow(tuple(texts), tuple(full), not rows, tuple(tops), tuple(spans))))
    return rows


def _cell_text(cell: Cell, line_of) -> tuple[str, bool]:
    """A cell's text (its line breaks as U+2028) and whether its last line runs to the cell's right edge."""
    if not cell.chars:
        return "", False
    lines = [line for line in map(line_of, rows_by_baseline(cell.chars)) if line.text.strip()]
    if not lines:
        return "", False
    padding = max(min(line.x0 for line in lines) - cell.x0, 0.0)
    edge = cell.x1 - padding  # the right edge of the cell's text

    def full(line, following=None) -> bool:
        # the next line's first piece did not fit after this line: a number or Latin word whole, two characters
        # where the first may not end a line (〔 “) or the second may not start one (， 。 〕), else one; a
        # punctuation mark's ink is narrower than its place
        head = following.text if following is not None else "一"
        word = _LATIN_WORD.match(head)
        needed = 0.6 * len(word.group()) if word else 2 if head[0] in _OPENING or head[1:2] in _PAIRED else 1
        slack = 0.8 if line.text[-1] in _CLOSING else 0.3
        return line.x1 + (needed + slack) * line.size > edge

    paragraphs = [lines[0].text]
    for line, following in zip(lines, lines[1:]):
        if full(line, following) and not _second_name(paragraphs[-1], following.text):
            paragraphs[-1] += following.text
        else:
            paragraphs.append(following.text)
    return clean_cell("\n".join(paragraphs)), full(lines[-1])


def _second_name(text: str, following: str) -> bool:
    """Whether the line after a cell's text that fills the cell starts a second name rather than going on.

    Where the text ends as a body's name ends (its other name in brackets aside: ``城管执法局〔拆违办〕``),
    the next line is a second name when it starts with a level (``市市场监管局`` / ``市自然资源和规…``), or,
    after an ending that no longer name goes on from (局, 中心 …, not 政府, 办, 委, 会: ``市政府`` /
    ``办公室``, ``市人力资源和社会`` / ``保障局`` are one name) or after another name in brackets, when it is
    a whole name (``工商分局`` / ``文化委``, ``宣传部〔新闻中心〕`` / ``政府办``).

    >>> _second_name("市生态环境局", "市自然资源和规"), _second_name("工商分局", "文化委"), _second_name("市政府", "办公室")
    (True, True, False)
    """
    name = _ALIAS_AT_END.sub("", text)
    if patterns.UNIT_SUFFIX.search(name) is None:
        return False
    if patterns.CELL_LEVEL_START.match(following):
        return True
    final = name != text or patterns.CELL_FINAL_ENDING.search(name) is not None  # (another name closes one)
    return final and patterns.CELL_NAME_START.match(following) is not None


def joined_across_pages(previous: TableRow, continued: TableRow) -> TableRow:
    """A row split by a page break, put together: each cell goes on where it stopped (in the same line where
    its last line ran to the edge, unless the next starts a second name: see :func:`_second_name`).

    Parameters
    ----------
    previous : TableRow
        The last row of the table on one page.
    continued : TableRow
        The first row of it on the next page (see :func:`continues_row`).

    Returns
    -------
    TableRow

    Examples
    --------
    >>> joined_across_pages(TableRow(("3", "做好重大建设", "市财政局"), (False, True, False), False),
    ...                     TableRow(("", "项目公开。", "市审计局"), (False, False, False), True)).text
    '3\\t做好重大建设项目公开。\\t市财政局\\u2028市审计局'
    """
    n = max(len(previous.cells), len(continued.cells))
    cells, full = [], []
    for k in range(n):
        a = previous.cells[k] if k < len(previous.cells) else ""
        b = continued.cells[k] if k < len(continued.cells) else ""
        a_full = k < len(previous.full) and previous.full[k]
        goes_on = a_full and not _second_name(a.rsplit(CELL_LINE, 1)[-1], b.split(CELL_LINE, 1)[0])
        cells.append(a + b if goes_on or not a or not b else a + CELL_LINE + b)
        full.append(continued.full[k] if b else a_full)
    return previous._replace(cells=tuple(cells), full=tuple(full))


def merged_across_pages(previous: TableRow, row: TableRow, first_row: int) -> TableRow:
    """`row`, on a new page, with the text of a merged cell a page break cut in two.

    A cell merged over several rows (a lead unit shared by several tasks) is
    printed with its text on the page where it starts; its part on the next
    page is an empty cell.  A cell of `row` is given the text of the same
    column of `previous` (the last row before the break) where it is empty,
    starts in the page's first row (`first_row`), and either side spans
    several rows; never the first column (the number).

    Parameters
    ----------
    previous : TableRow
        The table's last row on the page before.
    row : TableRow
        A row of the table on the new page.
    first_row : int
        The grid row where the table's rows on the new page start.

    Returns
    -------
    TableRow
        `row` itself where nothing is carried over.

    Examples
    --------
    >>> before = TableRow(("8", "做好A。", "市政府办公室"), (False,) * 3, False, (7, 7, 0), (1, 1, 8))
    >>> merged_across_pages(before, TableRow(("9", "做好B。", ""), (False,) * 3, True, (0, 0, 0), (1, 1, 3)), 0).cells
    ('9', '做好B。', '市政府办公室')
    """
    cells = list(row.cells)
    for k in range(1, min(len(cells), len(previous.cells), len(row.tops), len(previous.spans))):
        if not cells[k] and previous.cells[k] and row.tops[k] == first_row \
                and (previous.spans[k] > 1 or row.spans[k] > 1):
            cells[k] = previous.cells[k]
    return row if cells == list(row.cells) else row._replace(cells=tuple(cells))


def continues_row(row: TableRow, previous: TableRow | None) -> bool:
    """Whether `row` (the first of a table on a page) is the rest of `previous` (the last row of the page
    before): its first cell (the number) is empty, another is not, and it has no more cells.

    Parameters
    ----------
    row : TableRow
        The first row of a table on a page.
    previous : TableRow or None
        The last row of a table on the page before.

    Returns
    -------
    bool

    Examples
    --------
    >>> continues_row(TableRow(("", "项目公开。"), (False, False), True), TableRow(("3", "做好"), (False, True), False))
    True
    """
    return previous is not None and len(previous.cells) >= 2 and len(row.cells) <= len(previous.cells) \
        and not row.cells[0].strip() and any(cell.strip() for cell in row.cells[1:])
