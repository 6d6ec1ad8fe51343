"""Office files → lines: Word (.docx), Excel (.xlsx), and legacy files through LibreOffice.

A .docx or .xlsx is a zip archive: its members are checked before anything
is inflated (total uncompressed size within
:data:`gongkai_analysis.config.MAX_UNPACKED_MB`, raised with
``GONGKAI_MAX_UNPACKED_MB``; no encrypted member; a compression Python can
read), and any failure of the XML inside becomes a :class:`ParseError`
naming the file.  Table rows are lines with cells separated by tabs; the
paragraphs of one cell are joined by U+2028.  Legacy ``.doc``, ``.wps``,
``.rtf``, ``.xls`` and ``.et`` files are converted with a headless
LibreOffice (``soffice``) in a temporary folder, within a time limit.

Examples
--------
>>> import io, docx
>>> document = docx.Document()
>>> cell = document.add_table(rows=1, cols=2).cell(0, 1)
>>> cell.text = "区财政局"
>>> _ = cell.add_paragraph("区审计局")
>>> buffer = io.BytesIO()
>>> document.save(buffer)
>>> read_docx(buffer.getvalue(), source="t.docx").text
'\\t区财政局\\u2028区审计局\\n'
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from pathlib import Path

from .. import config
from ..errors import ParseError
from .source import IMAGE_SHARE, SourceText
from .text import clean_cell, clean_text
from .numbering import WordNumbering

log = logging.getLogger(__name__)

#: What the zip and XML libraries raise on a damaged archive (turned into ParseError).
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, NotImplementedError, RuntimeError,
               EOFError, OSError, zlib.error, IndexError, TypeError, AttributeError)


def check_archive(data: bytes, *, source: str, kind: str) -> None:
    """Check a zip archive before it is read: size once inflated, encryption, compression.

    Parameters
    ----------
    data : bytes
        The archive.
    source : str
        The file's name, for errors.
    kind : str
        What it should be (``.docx``, ``.xlsx``), for errors.

    Raises
    ------
    ParseError
        When it is not a zip archive, inflates beyond the limit, or holds an
        encrypted member or one compressed in a way Python cannot read.

    Examples
    --------
    >>> check_archive(b"not a zip", source="a.docx", kind=".docx")
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.ParseError: a.docx: not a readable .docx file (not a zip archive)
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, IndexError):
        raise ParseError(f"not a readable {kind} file (not a zip archive)", source=source) from None
    limit_mb = config.limit("MAX_UNPACKED_MB")
    total = sum(member.file_size for member in members)
    if total > limit_mb * 1e6:
        raise ParseError(f"the {kind} file would inflate to {total / 1e6:.0f} MB, more than the limit of "
                         f"{limit_mb:g} MB (a decompression bomb?); raise it with the environment variable "
                         "GONGKAI_MAX_UNPACKED_MB", source=source)
    for member in members:
        if member.flag_bits & 0x1:
            raise ParseError(f"not a readable {kind} file: its member {member.filename} is encrypted", source=source)
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                                        zipfile.ZIP_LZMA):
            raise ParseError(f"not a readable {kind} file: its member {member.filename} uses compression method "
                             f"{member.compress_type}, which cannot be read", source=source)


# --------------------------------------------------------------------------
# Word
# --------------------------------------------------------------------------
def read_docx(data: bytes, *, source: str = "<docx>") -> SourceText:
    """The paragraphs and tables of a Word document, in order.

    Parameters
    ----------
    data : bytes
        The .docx file.
    source : str
        Its name, for errors.

    Returns
    -------
    SourceText
        One line per paragraph; one line per table row, cells separated by
        tabs and the paragraphs (or manual breaks) of a cell by U+2028.  A
        merged cell appears once in its row; a cell merged down several rows
        appears in each.

    Raises
    ------
    ParseError
        When the file is not a readable .docx (bad archive, bad XML,
        encrypted, too large once inflated) or has no text.

    Examples
    --------
    >>> read_docx(b"PK\x03\x04 not really a zip", source="plan.docx")
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.ParseError: plan.docx: not a readable .docx file (not a zip archive)
    """
    check_archive(data, source=source, kind=".docx")
    from lxml import etree

    try:
        import docx  # python-docx, imported on demand
        from docx.table import Table

        document = docx.Document(io.BytesIO(data))
        lines = _docx_block_lines(document.element.body, document, Table, WordNumbering.of_document(document))
    except etree.LxmlError as exc:
        raise ParseError(f"not a readable .docx file (bad XML: {exc})", source=source) from None
    except _ZIP_ERRORS as exc:
        raise ParseError(f"not a readable .docx file ({type(exc).__name__}: {exc})", source=source) from None
    text = "\n".join(lines).strip("\n")
    large = _large_pictures(document)
    if not text.strip():
        raise ParseError("the Word document has no text" + (f" (it holds {large} picture(s) the size of a page: "
                                                            "a scan needs OCR first)" if large else ""), source=source)
    src = SourceText(clean_text(text + "\n"), source, "docx")
    if large:
        src.note(f"the document holds {large} picture(s) over {IMAGE_SHARE:.0%} of a page: any text they print "
                 "is not read", doubt=True)
    return src


_WORD_EXTENT = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"


def _large_pictures(document) -> int:
    """How many drawings of a Word document cover over :data:`.source.IMAGE_SHARE` of its first section's page."""
    section = document.sections[0] if document.sections else None
    width, height = (section.page_width, section.page_height) if section is not None else (None, None)
    page = (width or 7_560_000) * (height or 10_692_000)  # (EMU; A4 where the document says nothing)
    count = 0
    for extent in document.element.body.iter(_WORD_EXTENT):
        try:
            area = int(extent.get("cx", 0)) * int(extent.get("cy", 0))
        except ValueError:
            continue
        count += area >= IMAGE_SHARE * page
    return count


def _docx_block_lines(parent, document, table_class, numbering: WordNumbering | None = None) -> list[str]:
    """The lines of a body (or a content control inside it): paragraphs, tables, and what controls hold;
    a paragraph numbered by Word's lists gets its number as printed (`numbering`, counted in this order)."""
    lines: list[str] = []
    for child in parent.iterchildren():
        tag = _local(child)
        if tag == "p":
            lines.extend(_paragraph_lines(child, numbering))
        elif tag == "tbl":
            lines.extend(_docx_table_lines(table_class(child, document), numbering))
        elif tag in ("sdt", "sdtContent", "customXml", "ins", "smartTag"):  # content controls, tracked insertions
            lines.extend(_docx_block_lines(child, document, table_class, numbering))
    return lines


def _local(element) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


#: Parts of a paragraph whose text is not printed: deleted text, field codes, properties, and the
#: fallback copy of a drawing (its text is read once, from the choice).
_DOCX_SKIP = frozenset({"del", "delText", "instrText", "rPr", "pPr", "Fallback", "sdtPr", "moveFrom"})


def _paragraph_lines(paragraph, numbering: WordNumbering | None = None) -> list[str]:
    """A Word paragraph as printed: its list number (see :mod:`.numbering`), its text (tracked
    insertions in, deletions out) with manual breaks as line breaks, then the paragraphs of any text box
    anchored in it, each a line.

    python-docx's ``Paragraph.text`` leaves out text inside content controls, tracked insertions
    and text boxes; this walks the XML itself.
    """
    parts: list[str] = []
    boxes: list[str] = []

    def walk(element) -> None:
        for child in element.iterchildren():
            tag = _local(child)
            if tag == "t":
                parts.append(child.text or "")
            elif tag == "tab":
                parts.append("\t")
            elif tag in ("br", "cr"):
                parts.append("\n")
            elif tag == "noBreakHyphen":
                parts.append("-")
            elif tag == "txbxContent":
                for inner in child.iter():
                    if _local(inner) == "p":
                        boxes.extend(_paragraph_lines(inner, numbering))
            elif tag not in _DOCX_SKIP:
                walk(child)

    label = numbering.label(paragraph) if numbering is not None else ""
    walk(paragraph)
    return [label + "".join(parts), *boxes]


def _docx_table_lines(table, numbering: WordNumbering | None = None) -> list[str]:
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a cell merged across columns repeats itself
                continue
            seen.add(id(cell._tc))
            parts = [line for p in cell.paragraphs for line in _paragraph_lines(p._p, numbering)]
            for inner in cell.tables:  # a table inside the cell: its rows are lines of the cell
                parts.extend(line.replace("\t", " ") for line in _docx_table_lines(inner, numbering))
            cells.append(clean_cell("\n".join(parts)))
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append("\t".join(cells))
    return lines


# --------------------------------------------------------------------------
# Excel
# --------------------------------------------------------------------------
def read_xlsx(data: bytes, *, source: str = "<xlsx>") -> SourceText:
    """The rows of every sheet of an Excel workbook, as tab-separated lines.

    Values are read as last computed (``data_only``); a cell merged across
    columns appears once, a cell merged down several rows appears in each of
    them; lines inside a cell are joined by U+2028; dates are written
    ``YYYY-MM-DD``.  Sheets follow each other, separated by a blank line.

    Parameters
    ----------
    data : bytes
        The .xlsx file.
    source : str
        Its name, for errors.

    Returns
    -------
    SourceText

    Raises
    ------
    ParseError
        When the file is not a readable .xlsx or has no text.

    Examples
    --------
    >>> import io, openpyxl
    >>> book = openpyxl.Workbook()
    >>> book.active.append(["序号", "工作任务", "责任单位"])
    >>> book.active.append([1, "公开预算。", "财政局\\n审计局"])
    >>> buffer = io.BytesIO()
    >>> book.save(buffer)
    >>> read_xlsx(buffer.getvalue()).text
    '序号\\t工作任务\\t责任单位\\n1\\t公开预算。\\t财政局\\u2028审计局\\n'
    """
    check_archive(data, source=source, kind=".xlsx")
    from lxml import etree

    try:
        import openpyxl  # imported on demand

        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        blocks = [_sheet_lines(sheet) for sheet in book.worksheets]
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except etree.LxmlError as exc:
        raise ParseError(f"not a readable .xlsx file (bad XML: {exc})", source=source) from None
    except _ZIP_ERRORS as exc:
        raise ParseError(f"not a readable .xlsx file ({type(exc).__name__}: {exc})", source=source) from None
    _check_formulas(formulas, book, source)
    text = "\n\n".join("\n".join(lines) for lines in blocks if lines).strip("\n")
    if not text.strip():
        raise ParseError("the workbook has no text", source=source)
    return SourceText(clean_text(text + "\n"), source, "xlsx")


def _check_formulas(formulas, values, source: str) -> None:
    """Refuse a formula cell whose value was never saved (it would read as an empty cell)."""
    for sheet in formulas.worksheets:
        computed = values[sheet.title]
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("=") \
                        and computed[cell.coordinate].value is None:
                    raise ParseError(f"a formula with no saved value ({cell.value[:40]}); open the workbook in "
                                     "Excel or LibreOffice and save it, so that its values are stored",
                                     source=source, line=f"{sheet.title}!{cell.coordinate}")


def _sheet_lines(sheet) -> list[str]:
    values = {}
    for merged in sheet.merged_cells.ranges:
        top = sheet.cell(merged.min_row, merged.min_col).value
        for row in range(merged.min_row + 1, merged.max_row + 1):
            values[(row, merged.min_col)] = top  # merged down: repeated in each row
    lines = []
    for r, row in enumerate(sheet.iter_rows(), start=1):
        cells = [_cell_text(values.get((r, c), cell.value)) for c, cell in enumerate(row, start=1)]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append("\t".join(cells))
    return lines


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_cell(str(value))


# --------------------------------------------------------------------------
# Legacy formats through LibreOffice
# --------------------------------------------------------------------------
def soffice() -> str | None:
    """The path of LibreOffice's ``soffice`` (or ``libreoffice``), None when not installed.

    Returns
    -------
    str or None
        The executable found on ``PATH``.

    Examples
    --------
    >>> soffice() is None or soffice().endswith(("soffice", "libreoffice"))
    True
    """
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_legacy(path: Path, *, source: str | None = None) -> SourceText:
    """Read a .doc, .wps, .rtf, .xls or .et file by converting it with a headless LibreOffice.

    The file is copied into a temporary folder and converted there (to .docx,
    or .xlsx for spreadsheets) with a private LibreOffice profile, so that
    several conversions can run at once; the conversion may take
    ``GONGKAI_CONVERT_TIMEOUT`` seconds (default
    :data:`gongkai_analysis.config.CONVERT_TIMEOUT`).

    Parameters
    ----------
    path : Path
        The legacy file (already checked to be a regular file).
    source : str, optional
        Its name, for errors (the path by default).

    Returns
    -------
    SourceText
        As read from the converted file; ``encoding`` names the original format.

    Raises
    ------
    ParseError
        When LibreOffice is not installed (saying how to fix it), fails, or
        takes too long.

    Examples
    --------
    >>> convert_legacy(Path("missing.doc"))
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.ParseError: missing.doc: ...
    """
    source = source or str(path)
    suffix = path.suffix.lower()
    target = "xlsx" if suffix in (".xls", ".et") else "docx"
    program = soffice()
    if program is None:
        raise ParseError(f"{suffix} files are read by converting them with LibreOffice, which is not installed: "
                         "install it (Debian/Ubuntu: apt-get install libreoffice-writer libreoffice-calc) or save "
                         f"the file as .{target}", source=source)
    timeout = config.limit("CONVERT_TIMEOUT")
    with tempfile.TemporaryDirectory(prefix="gongkai-convert-") as tmp:
        folder = Path(tmp)
        copy = folder / f"document{suffix}"
        try:
            shutil.copyfile(path, copy)
        except OSError as exc:
            raise ParseError(f"cannot read: {exc.strerror or exc}", source=source) from None
        command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
                   "--nologo", "--convert-to", target, "--outdir", str(folder / "out"), str(copy)]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL,
                                    env={**os.environ, "HOME": tmp}, check=False)
        except subprocess.TimeoutExpired:
            raise ParseError(f"LibreOffice took more than {timeout:g} s to convert it (raise the limit with the "
                             "environment variable GONGKAI_CONVERT_TIMEOUT)", source=source) from None
        except OSError as exc:
            raise ParseError(f"LibreOffice could not be started ({exc})", source=source) from None
        converted = folder / "out" / f"document.{target}"
        if not converted.is_file():
            said = (result.stderr or result.stdout).decode("utf-8", "replace").strip().splitlines()
            raise ParseError(f"LibreOffice could not convert this {suffix} file"
                             + (f" ({said[-1]})" if said else ""), source=source)
        data = converted.read_bytes()
    src = (read_xlsx if target == "xlsx" else read_docx)(data, source=source)
    src.encoding = suffix.lstrip(".")
    return src
