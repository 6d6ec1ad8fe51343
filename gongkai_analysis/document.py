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
from pathlib import Path

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

    Examples
    --------
    >>> doc = Document.from_text("一、甲\\n1.做好A。(甲局负责)\\n", doc_id="d", tokens=False)
    >>> doc.doc_id, len(doc.tasks), doc.responsibilities["unit"].tolist()
    ('d', 1, ['甲局'])
    """

    meta: pd.DataFrame
    sections: pd.DataFrame
    tasks: pd.DataFrame
    responsibilities: pd.DataFrame
    text: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        """The document's identifier in every table.

        Returns
        -------
        str
            The ``doc_id`` of the metadata's (first) row.

        Examples
        --------
        >>> Document.from_text("一、甲\\n1.做好A。(甲局负责)\\n", doc_id="plan-2017", tokens=False).doc_id
        'plan-2017'
        """
        return str(self.meta["doc_id"].iloc[0])

    def summary(self) -> str:
        """One line: how many tasks, units and unassigned tasks.

        Returns
        -------
        str
            ``"<doc_id>: <n> tasks, <n> units, <n> unassigned tasks"``.

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
        """The document of one parser result (:func:`gongkai_analysis.parsing.build.parse_rows`).

        Parameters
        ----------
        parsed : Parsed
            The rows, text and warnings of one document.

        Returns
        -------
        Document
            Its tables made by :func:`gongkai_analysis.schema.tables_from_rows`.

        Examples
        --------
        >>> from gongkai_analysis.parsing.build import parse_rows
        >>> doc = Document.from_rows(parse_rows("一、甲\\n1.做好A。(甲局负责)\\n", doc_id="d"))
        >>> doc.summary(), doc.text.splitlines()[1]
        ('d: 1 task, 1 unit, 0 unassigned tasks', '1.做好A。(甲局负责)')
        """
        t = schema.tables_from_rows([parsed])
        return cls(t.meta, t.sections, t.tasks, t.responsibilities, parsed.text, list(parsed.warnings))

    @classmethod
    def from_path(cls, path: str | os.PathLike[str], **options) -> Document:
        """Parse one file (.txt, .html, .docx, .pdf); options as for :func:`parse_document`.

        Parameters
        ----------
        path : str or path-like
            The file.
        **options
            ``doc_id``, ``registry``, ``segmenter``, ``tokens``, ``strict``.

        Returns
        -------
        Document
            Its ``doc_id`` is the file's stem unless one is given.

        Raises
        ------
        ParseError
            When the file cannot be read or holds no numbered tasks.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder, "plan.txt")
        ...     _ = path.write_text("一、甲\\n1.做好A。(甲局负责)\\n", encoding="utf-8")
        ...     Document.from_path(path, tokens=False).summary()
        'plan: 1 task, 1 unit, 0 unassigned tasks'
        """
        return parse_document(Path(path), **options)

    @classmethod
    def from_text(cls, text: str, **options) -> Document:
        """Parse a document given as text; options as for :func:`parse_document`.

        Parameters
        ----------
        text : str
            The document's text (never read as a path).
        **options
            ``doc_id``, ``registry``, ``segmenter``, ``tokens``, ``strict``.

        Returns
        -------
        Document
            Its ``doc_id`` is ``text-`` and a hash of the text unless one is given.

        Raises
        ------
        TypeError
            When `text` is not a str.
        ParseError
            When the text holds no numbered tasks.

        Examples
        --------
        >>> Document.from_text("一、甲\\n1.做好A。(甲局负责)\\n", tokens=False).doc_id
        'text-...'
        >>> Document.from_text("没有任务", tokens=False)
        Traceback (most recent call last):
        ...
        gongkai_analysis.errors.ParseError: <text>:1: no numbered tasks found (expected lines such as '1.…' under '一、…')
        """
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

    Examples
    --------
    >>> a = Document.from_text("一、甲\\n1.做好A。(甲局负责)\\n", doc_id="a", tokens=False)
    >>> b = Document.from_text("一、甲\\n1.做好B。(乙局负责)\\n2.做好C。\\n", doc_id="b", tokens=False, strict=False)
    >>> corpus = Corpus.from_documents([a, b])
    >>> len(corpus), corpus.tasks[["doc_id", "task_id"]].values.tolist()
    (2, [['a', '1'], ['b', '1'], ['b', '2']])
    >>> [w for w in corpus.warnings if "responsibility clause" in w]
    ['b: line 3: task 2 has no responsibility clause']
    >>> corpus["b"].summary()
    'b: 2 tasks, 1 unit, 1 unassigned task'
    """

    meta: pd.DataFrame
    sections: pd.DataFrame
    tasks: pd.DataFrame
    responsibilities: pd.DataFrame
    errors: pd.DataFrame = field(default_factory=lambda: schema.errors_frame([]))
    warnings: list[str] = field(default_factory=list)

    @property
    def doc_ids(self) -> list[str]:
        """The documents' identifiers, in order.

        Returns
        -------
        list of str
            One per row of ``meta``.

        Examples
        --------
        >>> a = Document.from_text("一、甲\\n1.做好A。(甲局负责)\\n", doc_id="a", tokens=False)
        >>> b = Document.from_text("一、甲\\n1.做好A。(甲局负责)\\n", doc_id="b", tokens=False)
        >>> Corpus.from_documents([b, a]).doc_ids
        ['b', 'a']
        """
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

        Returns
        -------
        str
            ``"<n> documents: <n> tasks, <n> units, <n> unassigned tasks, <n> files failed"``;
            units are counted once however many documents name them.

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
        """Stack tables made chunk by chunk (as the corpus runner yields them).

        Parameters
        ----------
        chunks : iterable of Tables
            The tables of one or more documents each, with their errors.
        warnings : iterable of str, default ()
            The documents' warnings, each prefixed with its doc_id.

        Returns
        -------
        Corpus
            An empty corpus (with every column) when there are no chunks.

        Raises
        ------
        ParseError
            When two documents share a doc_id.

        Examples
        --------
        >>> from gongkai_analysis.parsing.build import parse_rows
        >>> first = schema.tables_from_rows([parse_rows("一、甲\\n1.做好A。(甲局负责)\\n", doc_id="x")])
        >>> second = schema.tables_from_rows([], [{"file": "y.doc", "error": "unsupported suffix"}])
        >>> Corpus.from_tables([first, second]).summary()
        '1 document: 1 task, 1 unit, 0 unassigned tasks, 1 file failed'
        >>> Corpus.from_tables([]).summary()
        '0 documents: 0 tasks, 0 units, 0 unassigned tasks, 0 files failed'
        """
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
        """Stack documents (or corpora) into one corpus; doc_ids must differ.

        Parameters
        ----------
        docs : iterable of Document or Corpus
            The documents, in order; a corpus brings its errors along.

        Returns
        -------
        Corpus
            The stacked tables; each document's warnings are prefixed with its
            doc_id (a corpus's already are).

        Raises
        ------
        ParseError
            When `docs` is empty or two documents share a doc_id.

        Examples
        --------
        >>> a = Document.from_text("一、甲\\n1.做好A。(甲局负责)\\n", doc_id="a", tokens=False)
        >>> b = Document.from_text("一、甲\\n1.做好B。(乙局负责)\\n2.做好C。\\n", doc_id="b", tokens=False)
        >>> Corpus.from_documents([a, b]).summary()
        '2 documents: 3 tasks, 2 units, 1 unassigned task, 0 files failed'
        >>> Corpus.from_documents([])
        Traceback (most recent call last):
        ...
        gongkai_analysis.errors.ParseError: <input>: no documents given
        """
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
        """Parse files and folders; options as for :func:`parse_documents`.

        Parameters
        ----------
        inputs : iterable of str or path-like
            Files and folders (searched recursively).
        **options
            As for :func:`parse_documents`.

        Returns
        -------
        Corpus
            A document found in a folder gets its path below that folder,
            without suffix, as its doc_id.

        Raises
        ------
        ParseError
            When there was nothing to parse, or no file could be parsed.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     (pathlib.Path(folder) / "2017").mkdir()
        ...     _ = pathlib.Path(folder, "2017", "plan.txt").write_text("一、甲\\n1.做好A。(甲局负责)\\n", encoding="utf-8")
        ...     corpus = Corpus.from_paths([folder], tokens=False)
        >>> corpus.doc_ids, corpus.summary()
        (['2017/plan'], '1 document: 1 task, 1 unit, 0 unassigned tasks, 0 files failed')
        """
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

    The same as :meth:`Corpus.from_documents`.

    Parameters
    ----------
    docs : iterable of Document or Corpus
        The documents, in order.

    Returns
    -------
    Corpus

    Raises
    ------
    ParseError
        When `docs` is empty or two documents share a doc_id.

    Examples
    --------
    >>> a = parse_document("一、甲\\n1.做好A。(甲局负责)\\n", doc_id="a", tokens=False)
    >>> b = parse_document("一、甲\\n1.做好B。(乙局负责)\\n", doc_id="b", tokens=False)
    >>> concat_documents([a, b]).doc_ids
    ['a', 'b']
    >>> concat_documents([a, a])
    Traceback (most recent call last):
    ...
    gongkai_analysis.errors.ParseError: <input>: doc_id used by more than one document: a
    """
    return Corpus.from_documents(docs)
