"""A document's clean text (:class:`SourceText`), and reading a file's bytes safely.

Only regular files are read, and only up to a size limit
(:data:`gongkai_analysis.config.MAX_FILE_MB`, raised with the environment
variable ``GONGKAI_MAX_FILE_MB``): a FIFO, a device such as ``/dev/zero``, a
socket or a dangling link is refused with a :class:`ParseError` that says
what it is, before anything is read from it.

Examples
--------
>>> SourceText.from_text("一、甲\\r\\n1.乙").text
'一、甲\\n1.乙'
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .. import config
from ..errors import ParseError
from .text import check_text, clean_text

log = logging.getLogger(__name__)


#: The share of a page a picture must cover to be reported as unread (a scanned page, a table pasted as a
#: picture); a seal, a logo or a red letterhead covers less.
IMAGE_SHARE = 0.3


@dataclass
class SourceText:
    """A document's clean text and what was learnt while reading it.

    Attributes
    ----------
    text : str
        The clean text (see :func:`gongkai_analysis.reading.text.clean_text`).
    source : str
        Where it came from (a path, or ``<text>``).
    encoding : str, optional
        The encoding of a text file, or the format read (``docx``, ``pdf`` …).
    meta : dict
        Metadata found by the reader (the block of a government web page).
    original : str, optional
        The text before conversion from traditional characters.
    notes : list of str
        What the reader did that a careful user would want to know (a
        declared encoding that was wrong, page furniture dropped from a PDF).

    Examples
    --------
    >>> src = SourceText("一、甲", "a.txt", encoding="utf-8")
    >>> src.source, src.encoding, src.notes
    ('a.txt', 'utf-8', [])
    """

    text: str
    source: str
    encoding: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    #: The text before conversion from traditional characters (None when not converted).
    original: str | None = None
    notes: list[str] = field(default_factory=list)
    #: The notes that are doubts (see :meth:`note`): the parser counts each among the document's warnings.
    doubts: list[str] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str, *, source: str = "<text>") -> SourceText:
        """A document given as text: line breaks normalised, invisible characters dropped.

        Parameters
        ----------
        text : str
            The document.
        source : str, default "<text>"
            Its name, for errors.

        Returns
        -------
        SourceText

        Raises
        ------
        ParseError
            When the text is empty or blank, or holds a lone surrogate.

        Examples
        --------
        >>> SourceText.from_text("一、甲\\r\\n1.乙").text
        '一、甲\\n1.乙'
        """
        check_text(text, source=source)
        if not text.strip():
            raise ParseError("the text is empty", source=source)
        return cls(clean_text(text), source)

    @property
    def digest(self) -> str:
        """A short, stable hash of the text.

        Returns
        -------
        str
            The first ten hex digits of the SHA-1 of the UTF-8 text.

        Examples
        --------
        >>> SourceText("x", "a.txt").digest
        '11f6ad8ec5'
        """
        import hashlib  # on demand: it loads OpenSSL (4 ms at every start)

        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:10]

    def note(self, message: str, *, doubt: bool = False) -> None:
        """Record (and log) something the reader did to this document.

        Parameters
        ----------
        message : str
            What was done.
        doubt : bool, default False
            Whether the reader overruled the file (a wrong declared encoding) or
            could not read all of it (a page that is a scan): logged as a warning
            and kept in ``doubts``, which the parser counts among the document's
            warnings; routine work (page numbers dropped) is logged as info.

        Examples
        --------
        >>> src = SourceText("x", "a.pdf")
        >>> src.note("dropped 2 page number line(s)")
        >>> src.notes
        ['dropped 2 page number line(s)']
        """
        log.log(logging.WARNING if doubt else logging.INFO, "%s: %s", self.source, message)
        self.notes.append(message)
        if doubt:
            self.doubts.append(message)


def file_kind(path: Path) -> str | None:
    """What a path is when it is not a regular file that can be read, else None.

    Parameters
    ----------
    path : Path
        The path.

    Returns
    -------
    str or None
        A reason such as ``"a FIFO (named pipe), not a regular file"``.

    Examples
    --------
    >>> file_kind(Path("/dev/null"))
    'a character device, not a regular file'
    >>> file_kind(Path("no-such-file.txt"))
    'no such file'
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a dangling symbolic link (its target does not exist)" if path.is_symlink() else "no such file"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        if path.is_symlink():
            return "a symbolic link to a folder (not followed)"
        try:
            with os.scandir(path) as entries:
                next(entries, None)
        except OSError as exc:
            return f"a folder that cannot be read ({exc.strerror or exc}): its documents were not searched"
        return "is a folder, not a document"
    kinds = {stat.S_ISFIFO: "a FIFO (named pipe)", stat.S_ISCHR: "a character device", stat.S_ISBLK: "a block device",
             stat.S_ISSOCK: "a socket"}
    kind = next((name for test, name in kinds.items() if test(mode)), "a special file")
    return f"{kind}, not a regular file"


def read_file_bytes(path: Path) -> bytes:
    """The bytes of a regular file no larger than the size limit.

    The file is opened without blocking and checked again once open, so a
    FIFO swapped in for a file cannot make the reader wait.

    Parameters
    ----------
    path : Path
        The file.

    Returns
    -------
    bytes

    Raises
    ------
    ParseError
        When the path is missing, not a regular file, unreadable or larger
        than ``GONGKAI_MAX_FILE_MB`` (default :data:`gongkai_analysis.config.MAX_FILE_MB`).

    Examples
    --------
    >>> read_file_bytes(Path("/dev/zero"))
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.ParseError: /dev/zero: a character device, not a regular file
    """
    name = str(path)
    kind = file_kind(path)
    if kind is not None:
        raise ParseError(kind, source=name)
    limit_mb = config.limit("MAX_FILE_MB")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror or exc}", source=name) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ParseError("not a regular file", source=name)
        if info.st_size > limit_mb * 1e6:
            raise ParseError(f"the file is {info.st_size / 1e6:.0f} MB, more than the limit of {limit_mb:g} MB "
                             "(raise it with the environment variable GONGKAI_MAX_FILE_MB)", source=name)
        # os.read of the size the file has (and a byte more, to see it grow), not of the limit: a read of
        # 100 MB allocates that much first, which costs more than reading a small file (70 µs); and no
        # buffered file object around the descriptor (20 µs).
        most = int(limit_mb * 1e6) + 1
        size = min(info.st_size + 1, most)
        pieces, got = [], 0
        try:
            while got < most:  # until the end of the file (an empty read), or a byte past the limit
                piece = os.read(fd, (size if got < size else most) - got)
                if not piece:
                    break
                pieces.append(piece)
                got += len(piece)
        except OSError as exc:
            raise ParseError(f"cannot read: {exc.strerror or exc}", source=name) from None
    finally:
        os.close(fd)
    data = pieces[0] if len(pieces) == 1 else b"".join(pieces)
    if len(data) > limit_mb * 1e6:  # the file grew while it was read
        raise ParseError(f"the file is larger than the limit of {limit_mb:g} MB "
                         "(raise it with the environment variable GONGKAI_MAX_FILE_MB)", source=name)
    return data
