"""One plan as a :class:`Document`, many plans as a :class:`Corpus`.

This module sits between parsing and analysis: it asks :mod:`gongkai_analysis.parsing`
for rows, has :mod:`gongkai_analysis.schema` make them into tables, and hands
the tables on.  Analyses take the tables (``doc.tasks``, ``doc.responsibilities``)
of either kind; a table always carries ``doc_id``.

Examples
--------
>>> doc = Document.from_text("一、公开\\n1.做好A。(甲局牵头,乙局负责落实)\\n2.做好B。\\n", tokens=False)
>>> doc.tasks[["task_id", "section_no", "text", "clause"]].values.tolist()
[['1', 1, '做好A。', '(甲局牵头,乙局负责落实)'], ['2', 1, '做好B。', nan]]
>>> doc.responsibilities[["task_id", "unit", "role", "mode", "known"]].values.tolist()
[['1', '甲局', 'lead', 'sole', False], ['1', '乙局', 'responsible', 'sole', False]]
>>> doc.summary()
'text-...: 2 tasks, 2 units, 1 unassigned task'
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from . import schema
from .errors import ParseError
from .parsing.build import Parsed, parse_rows
from .reading.source import SourceText


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


@dataclass
class Document:
    """One parsed plan: its tables, its clean text and what the parser noticed.

    Attributes
    ----------
    meta : pandas.DataFrame
        One row: doc_id, source, title, notice_title, issuer, doc_number,
        date, year, recipients, preamble, closing, counts and warnings.
    sections : pandas.DataFrame
        One row per section and sub-section header.
    tasks : pandas.DataFrame
        One row per task (see the README for the schema).
    responsibilities : pandas.DataFrame
        One row per (task, unit, role).
    text : str
        The clean text the tables were read from.
    warnings : list of str
        What the parser noticed but could carry on with.
    """

    meta: pd.DataFrame
    sections: pd.DataFrame
    tasks: pd.DataFrame
    responsibilities: pd.DataFrame
    text: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        """The document's identifier in every table."""
        return str(self.meta["doc_id"].iloc[0])

    def summary(self) -> str:
        """One line: how many tasks, units and unassigned tasks.

        Examples
        --------
        >>> Document.from_text("一、甲\\n1.做好A。(甲局负责)\\n", doc_id="d", tokens=False).summary()
        'd: 1 task, 1 unit, 0 unassigned tasks'
        """
        return (f"{self.doc_id}: {_plural(len(self.tasks), 'task')}, "
                f"{_plural(self.responsibilities['unit'].nunique(), 'unit')}, "
                f"{_plural(int(self.meta['n_unassigned'].sum()), 'unassigned task')}")

    @classmethod
    def from_rows(cls, parsed: Parsed) -> Document:
        """The document of one parser result (:func:`gongkai_analysis.parsing.parse_rows`)."""
        t = schema.tables_from_rows([parsed])
        return cls(t.meta, t.sections, t.tasks, t.responsibilities, parsed.text, list(parsed.warnings))

    @classmethod
    def from_path(cls, path: str | os.PathLike[str], **options) -> Document:
        """Parse one file (.txt, .html, .docx, .pdf); options as for :func:`parse_document`."""
        return parse_document(os.fspath(path) if not isinstance(path, os.PathLike) else path, **options)

    @classmethod
    def from_text(cls, text: str, **options) -> Document:
        """Parse a document given as text; options as for :func:`parse_document`."""
        if not isinstance(text, str):
            raise TypeError(f"expected a str, got {type(text).__name__}")
        return parse_document(SourceText.from_text(text), **options)


@dataclass
class Corpus:
    """Many parsed plans: their stacked tables, and the files that could not be read.

    Attributes
    ----------
    meta, sections, tasks, responsibilities : pandas.DataFrame
        As for :class:`Document`, one ``doc_id`` per document.
    errors : pandas.DataFrame
        Files that could not be parsed: file, error.
    warnings : list of str
        What the parser noticed in any document, each prefixed with its doc_id.
    """

    meta: pd.DataFrame
    sections: pd.DataFrame
    tasks: pd.DataFrame
    responsibilities: pd.DataFrame
    errors: pd.DataFrame = field(default_factory=lambda: schema.errors_frame([]))
    warnings: list[str] = field(default_factory=list)

    @property
    def doc_ids(self) -> list[str]:
        """The documents' identifiers, in order."""
        return self.meta["doc_id"].astype(str).tolist()

    def __len__(self) -> int:
        return len(self.meta)

    def __getitem__(self, doc_id: str) -> Document:
        """One document of the corpus (its text is not kept)."""
        if doc_id not in self.doc_ids:
            raise KeyError(doc_id)

        def rows(frame: pd.DataFrame) -> pd.DataFrame:
            return frame.loc[frame["doc_id"] == doc_id].reset_index(drop=True)

        prefix = f"{doc_id}: "
        return Document(rows(self.meta), rows(self.sections), rows(self.tasks), rows(self.responsibilities),
                        "", [w.removeprefix(prefix) for w in self.warnings if w.startswith(prefix)])

    def summary(self) -> str:
        """One line across all documents: documents, tasks, units, unassigned tasks, failed files.

        Examples
        --------
        >>> a = Document.from_text("一、甲\\n1.做好A。(甲局负责)\\n", doc_id="a", tokens=False)
        >>> b = Document.from_text("一、甲\\n1.做好B。(乙局负责)\\n2.做好C。\\n", doc_id="b", tokens=False)
        >>> Corpus.from_documents([a, b]).summary()
        '2 documents: 3 tasks, 2 units, 1 unassigned task, 0 files failed'
        """
        return (f"{_plural(len(self), 'document')}: {_plural(len(self.tasks), 'task')}, "
                f"{_plural(self.responsibilities['unit'].nunique(), 'unit')}, "
                f"{_plural(int(self.meta['n_unassigned'].sum()), 'unassigned task')}, "
                f"{len(self.errors)} file{'s' * (len(self.errors) != 1)} failed")

    @classmethod
    def from_tables(cls, chunks: Iterable[schema.Tables], warnings: Iterable[str] = ()) -> Corpus:
        """Stack tables made chunk by chunk (as the corpus runner yields them)."""
        chunks = list(chunks)
        if not chunks:
            empty = schema.tables_from_rows([])
            chunks = [empty]
        stacked = [pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
                   for frames in zip(*chunks)]
        corpus = cls(*stacked[:4], errors=stacked[4], warnings=list(warnings))
        _check_unique(corpus.doc_ids)
        return corpus

    @classmethod
    def from_documents(cls, docs: Iterable[Document | Corpus]) -> Corpus:
        """Stack documents (or corpora) into one corpus; doc_ids must differ."""
        docs = list(docs)
        if not docs:
            raise ParseError("no documents given")
        empty_errors = schema.errors_frame([])
        chunks = [schema.Tables(d.meta, d.sections, d.tasks, d.responsibilities,
                                getattr(d, "errors", empty_errors)) for d in docs]
        warnings = [w if isinstance(d, Corpus) else f"{d.doc_id}: {w}" for d in docs for w in d.warnings]
        return cls.from_tables(chunks, warnings)

    @classmethod
    def from_paths(cls, inputs: Iterable[str | os.PathLike[str]], **options) -> Corpus:
        """Parse files and folders; options as for :func:`parse_documents`."""
        return parse_documents(inputs, **options)


def _check_unique(ids: list[str]) -> None:
    seen: set[str] = set()
    duplicated = sorted({i for i in ids if i in seen or seen.add(i)})
    if duplicated:
        raise ParseError(f"doc_id used by more than one document: {', '.join(duplicated)}")


def parse_document(
    source: str | os.PathLike[str] | SourceText,
    *,
    doc_id: str | None = None,
    registry=None,
    segmenter=None,
    tokens: bool = True,
    strict: bool = True,
) -> Document:
    """Parse one work plan from a path, a text, or a :class:`SourceText`.

    Parameters
    ----------
    source : path, str or SourceText
        A ``Path`` (or a string naming an existing file, or ending in a known
        suffix) is read from disk; any other string is the document's text.
    doc_id : str, optional
        Identifier of the document in every table (the file's stem by default).
    registry : Registry, optional
        Department registry (the bundled one by default).
    segmenter : Segmenter, optional
        The segmenter to use; by default one shared by every call in the process
        (rjieba when installed, else jieba).
    tokens : bool, default True
        Fill ``tokens`` and ``keywords``; False skips jieba for structural work.
    strict : bool, default True
        Raise :class:`ParseError` when task numbers skip or repeat or a clause
        lands nowhere; when false, record a warning instead.

    Returns
    -------
    Document

    Raises
    ------
    ParseError
        Empty, binary or undecodable input, or a text with no numbered tasks.

    Examples
    --------
    >>> parse_document("一、甲\\n1.做好A。(甲局负责)\\n", doc_id="d", tokens=False).tasks["task_id"].tolist()
    ['1']
    """
    if tokens and segmenter is None:
        from .parsing.segment import shared_segmenter

        segmenter = shared_segmenter("auto", registry)  # loaded once per process, not per document
    parsed = parse_rows(source, doc_id=doc_id, registry=registry, strict=strict,
                        segmenter=segmenter if tokens else None)
    return Document.from_rows(parsed)


def parse_documents(inputs: Iterable[str | os.PathLike[str]], **options) -> Corpus:
    """Parse many documents (files, or folders searched recursively) into one :class:`Corpus`.

    A file that fails does not stop the others: it lands in ``corpus.errors``
    (file, error).

    Parameters
    ----------
    inputs : iterable of paths
        Files and folders.
    **options
        ``jobs``, ``tokens``, ``segmenter``, ``registry``, ``strict``,
        ``progress``: see :func:`gongkai_analysis.parsing.corpus.iter_tables`.

    Returns
    -------
    Corpus

    Raises
    ------
    ParseError
        When there was nothing to parse, or no file could be parsed.

    Examples
    --------
    >>> import gongkai_analysis as gk
    >>> corpus = parse_documents([gk.config.BUNDLED_DOCUMENT, "missing.txt"], tokens=False)
    >>> len(corpus.tasks), corpus.errors["error"].str.contains("no such file").tolist()
    (65, [True])
    """
    from .parsing.corpus import iter_tables

    chunks = list(iter_tables(inputs, **options))
    corpus = Corpus.from_tables(chunks, [w for c in chunks for w in _chunk_warnings(c)])
    if not len(corpus):
        errors = corpus.errors["error"].tolist()
        first = errors[0] if errors else "nothing parsed"
        raise ParseError(f"no document could be parsed ({len(errors)} failed; first: {first})")
    return corpus


def _chunk_warnings(chunk: schema.Tables) -> list[str]:
    return [f"{doc_id}: {w}" for doc_id, ws in zip(chunk.meta["doc_id"], chunk.meta["warnings"])
            if isinstance(ws, str) for w in ws.split("\n")]


def concat_documents(docs: Iterable[Document | Corpus]) -> Corpus:
    """Stack the tables of several documents into one :class:`Corpus`.

    Raises
    ------
    ParseError
        When two documents share a doc_id.

    Examples
    --------
    >>> a = parse_document("一、甲\\n1.做好A。(甲局负责)\\n", doc_id="a", tokens=False)
    >>> concat_documents([a, a])
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.ParseError: <input>: doc_id used by more than one document: a
    """
    return Corpus.from_documents(docs)
