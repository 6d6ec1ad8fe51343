"""Collections of plans: many files, many formats, several processes, nothing lost.

Each document is parsed into plain rows (:class:`gongkai_analysis.parsing.build.Parsed`)
and a chunk's tables are built once, in the process that parsed it.  A file
that fails is recorded in the chunk's ``errors`` and never stops the others.

Examples
--------
>>> import gongkai_analysis as gk
>>> chunks = list(iter_tables([gk.config.BUNDLED_DOCUMENT, "missing.txt"], tokens=False))
>>> len(chunks[0].tasks), chunks[0].errors["error"].str.contains("no such file").tolist()
(65, [True])
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import config
from ..errors import ParseError
from ..schema import Tables, tables_from_rows

log = logging.getLogger(__name__)

# state of a worker process, set once by _init_worker
_WORKER: dict = {}


def find_documents(inputs: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, str]]:
    """Expand files and folders into ``(path, doc_id)`` pairs.

    A folder is searched recursively, and *every* entry below it is returned,
    not only the documents it can read: a file of an unsupported type, a
    FIFO, a dangling symbolic link, a link to a folder or a sub-folder that
    cannot be opened becomes an item whose reading fails with the reason, so
    that it is listed among the errors (``errors.csv``) instead of vanishing.
    Names starting with a dot (``.git``, ``.DS_Store``) are left out.  A
    document's ``doc_id`` is its path below that folder without the suffix
    (``2017/dongcheng``), stable whatever else the folder holds.  A file
    given directly has its stem.  Where two ids collide, both take their
    path as given, without suffix.

    Parameters
    ----------
    inputs : iterable of paths
        Files and folders.

    Returns
    -------
    list of (Path, str)
        Each entry with its ``doc_id``, folders' entries in sorted order.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for name in ("2017/plan.txt", "2017/notes.jpg", ".git/HEAD"):
    ...         (Path(tmp) / name).parent.mkdir(parents=True, exist_ok=True)
    ...         _ = (Path(tmp) / name).write_text("x")
    ...     [doc_id for _, doc_id in find_documents([tmp])]
    ['2017/notes', '2017/plan']
    """
    found: list[tuple[Path, str]] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            entries = _folder_entries(path)
            if not any(p.suffix.lower() in config.SUFFIXES for p in entries):
                log.warning("%s: no readable documents in this folder", path)
            found.extend((p, p.relative_to(path).with_suffix("").as_posix()) for p in entries)
        else:
            found.append((path, path.stem))
    return _unique_ids(found)


def _folder_entries(folder: Path) -> list[Path]:
    """Every non-hidden entry below `folder` that is not a readable sub-folder (sorted)."""
    entries: list[Path] = []

    def unreadable(error: OSError) -> None:
        if error.filename and Path(error.filename) != folder:
            entries.append(Path(error.filename))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        here = Path(root)
        for sub in list(dirs):
            if sub.startswith(".") or (here / sub).is_symlink():
                dirs.remove(sub)
                if not sub.startswith("."):
                    entries.append(here / sub)  # a link to a folder: not followed, listed
        entries.extend(here / name for name in files if not name.startswith("."))
    return sorted(entries)


def _unique_ids(found: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """Where two documents would share an id, both take their path as given, without suffix."""
    ids = [doc_id for _, doc_id in found]
    return [(path, path.with_suffix("").as_posix() if ids.count(doc_id) > 1 else doc_id) for path, doc_id in found]


def iter_tables(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    tokens: bool = True,
    segmenter: str = "auto",
    registry=None,
    strict: bool = True,
    progress: bool | None = None,
    chunk: int = 64,
) -> Iterator:
    """Parse a corpus in chunks of `chunk` documents, yielding the tables of each chunk.

    A caller that writes each chunk away (as ``gongkai parse`` does) keeps
    memory flat however many documents there are.

    Parameters
    ----------
    inputs : iterable of paths
        Files (.txt .html .docx .pdf) and folders (searched recursively); see
        :func:`find_documents` for the doc_ids they get.
    jobs : int, default 1
        Worker processes; the segmenter is loaded once and shared.
    tokens : bool, default True
        Segment the tasks (``tokens``, ``keywords``).
    segmenter : {"auto", "jieba", "rjieba"}
        Which segmenter to use (see :func:`gongkai_analysis.parsing.segment.make_segmenter`).
    registry : Registry, optional
        The department registry (the bundled one by default).
    strict : bool, default True
        See :func:`gongkai_analysis.parse_document`.
    progress : bool, optional
        Show a tqdm progress bar; by default only when stderr is a terminal.
    chunk : int, default 64
        Documents per chunk when parsing in this process.

    Yields
    ------
    gongkai_analysis.schema.Tables
        One chunk's tables; its ``errors`` lists the files of that chunk that failed.

    Raises
    ------
    ParseError
        When the inputs hold no document at all.
    """
    items = find_documents(inputs)
    if not items:
        raise ParseError("no documents to parse")
    if progress is None:
        progress = sys.stderr.isatty()
    options = {"tokens": tokens, "segmenter": segmenter, "registry": registry, "strict": strict}
    size = chunk if jobs <= 1 else _worker_chunk(len(items), jobs, tokens, chunk)
    batches = [items[i : i + size] for i in range(0, len(items), size)]
    bar = _progress_bar(len(items), progress)
    try:
        for doc in _batches(batches, options, jobs):
            if bar is not None:
                bar.update(len(doc.meta) + len(doc.errors))
            yield doc
    finally:
        if bar is not None:
            bar.close()


def _worker_chunk(n_items: int, jobs: int, tokens: bool, chunk: int) -> int:
    """Documents per hand-over to a worker process.

    Segmenting costs some 20 ms a document: small chunks (about 16 per worker)
    keep both workers busy to the end.  Without tokens a document takes about
    2 ms and each hand-over costs a few: fewer, larger chunks (up to 32).

    >>> _worker_chunk(300, 2, True, 64), _worker_chunk(300, 2, False, 64), _worker_chunk(3, 2, True, 64)
    (10, 32, 1)
    """
    per_worker, largest = (16, 16) if tokens else (4, 32)
    return max(1, min(chunk, largest, -(-n_items // (jobs * per_worker))))


def _batches(batches: list[list[tuple[Path, str]]], options: dict, jobs: int) -> Iterator:
    """One Document per batch, parsed here or in `jobs` worker processes (frames built there)."""
    if jobs <= 1 or len(batches) == 1:
        _init_worker(options)
        try:
            yield from map(_parse_batch, batches)
        finally:
            _WORKER.clear()
        return
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        # load the registry and the segmenter once, here; forked workers share them
        _init_worker(options)
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                yield from pool.imap(_parse_batch, batches)
        finally:
            _WORKER.clear()
        return
    with multiprocessing.get_context("spawn").Pool(jobs, initializer=_init_worker, initargs=(options,)) as pool:
        yield from pool.imap(_parse_batch, batches)


def _parse_batch(batch: list[tuple[Path, str]]) -> Tables:
    """Parse a batch of documents into its tables (failures in their ``errors``)."""
    parsed, errors = [], []
    with _collector_paused():
        for item in batch:
            result = _parse_one(item)
            (errors if isinstance(result, dict) else parsed).append(result)
        return tables_from_rows(parsed, errors)


@contextlib.contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while a batch is parsed.

    A batch makes some ten thousand small dicts and lists, none of them in a
    reference cycle, and the collector would walk them over and over (about a
    tenth of the time without tokens).  It is switched back on afterwards, and
    left alone when something else had switched it off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _init_worker(options: dict) -> None:
    from .departments import load_registry

    registry = options["registry"] or load_registry()
    segmenter = None
    if options["tokens"]:
        from .segment import make_segmenter

        segmenter = make_segmenter(options["segmenter"], registry=registry)
        segmenter.warm_up()
    _WORKER.update(registry=registry, segmenter=segmenter, strict=options["strict"])


def _parse_one(item: tuple[Path, str]):
    from .build import parse_rows

    path, doc_id = item
    try:
        parsed = parse_rows(path, doc_id=doc_id, registry=_WORKER["registry"],
                            segmenter=_WORKER["segmenter"], strict=_WORKER["strict"])
        parsed.text = ""  # the corpus keeps tables, not every text
        return parsed
    except ParseError as exc:
        return {"file": str(path), "error": str(exc)}
    except Exception as exc:  # a bug must not sink the batch: record it with its type
        log.exception("unexpected error in %s", path)
        return {"file": str(path), "error": f"{path}: unexpected {type(exc).__name__}: {exc}"}


def _progress_bar(total: int, show: bool):
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="parsing", file=sys.stderr)
