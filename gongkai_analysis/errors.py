"""The project's one exception type."""

from __future__ import annotations


class ParseError(ValueError):
    """A document, registry or tracker that cannot be read as expected.

    The message names the source and, where it applies, the line (or the
    sheet cell) that is wrong.

    Examples
    --------
    >>> str(ParseError("no numbered tasks found", source="plan.txt", line=12))
    'plan.txt:12: no numbered tasks found'
    >>> isinstance(ParseError("x"), ValueError)
    True
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | str | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        where = source or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")
