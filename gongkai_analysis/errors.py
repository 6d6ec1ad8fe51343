"""The project's exception family: one base, derived from ``ValueError``.

Every error says which document, line, sheet cell or column is wrong and what
was expected; the command line prints it as one line.

Examples
--------
>>> str(ParseError("no numbered tasks found", source="plan.txt", line=12))
'plan.txt:12: no numbered tasks found'
>>> issubclass(TrackerError, GongkaiError) and issubclass(GongkaiError, ValueError)
True
"""

from __future__ import annotations


class GongkaiError(ValueError):
    """Base of every error the package raises on bad input.

    Parameters
    ----------
    message : str
        What is wrong, and what was expected.
    source : str, optional
        The file, table or object it is wrong in.
    line : int or str, optional
        The line, or the sheet cell (``跟踪表!H7``), it is wrong at.

    Examples
    --------
    >>> str(GongkaiError("x", source="tasks"))
    'tasks: x'
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | str | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        where = source or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


class ParseError(GongkaiError):
    """A document or a package-data table that cannot be read as expected.

    Examples
    --------
    >>> isinstance(ParseError("x"), ValueError)
    True
    """


class TrackerError(ParseError):
    """A filled tracker workbook that cannot be accepted (names the sheet cells).

    Examples
    --------
    >>> str(TrackerError("unknown status '完成'", source="t.xlsx", line="跟踪表!H7"))
    "t.xlsx:跟踪表!H7: unknown status '完成'"
    """


class ColumnError(GongkaiError):
    """A table given to an analysis lacks a column, or holds a value it cannot use.

    Examples
    --------
    >>> str(ColumnError("missing column(s) unit", source="responsibilities"))
    'responsibilities: missing column(s) unit'
    """
