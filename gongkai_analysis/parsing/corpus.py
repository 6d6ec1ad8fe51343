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

import gc
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import config
from ..errors import GongkaiError, ParseError
from ..schema import Tables, arrow_tables_from_rows, collector_paused, tables_from_rows

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

    A caller that writes each chunk away keeps memory flat however many
    documents there are (``gongkai parse`` goes further: its workers write
    their chunks themselves, see :mod:`gongkai_analysis.pipeline`).

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

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("a", "b", "c"):
    ...     _ = (folder / f"{name}.txt").write_text(
    ...         "2024年政务公开工作要点\\n一、总体\\n1.做好公开工作。（区政务公开办负责）\\n", encoding="utf-8")
    >>> chunks = list(iter_tables([folder], tokens=False, chunk=2, progress=False))
    >>> [list(tables.tasks["doc_id"]) for tables in chunks]
    [['a', 'b'], ['c']]
    >>> len(chunks[0].errors)
    0
    """
    batches = plan_batches(inputs, jobs=jobs, chunk=chunk)
    options = {"tokens": tokens, "segmenter": segmenter, "registry": registry, "strict": strict}
    yield from run_batches(parse_batch, batches, options=options, jobs=jobs, progress=progress)


def plan_batches(inputs: Iterable[str | os.PathLike[str]], *, jobs: int = 1,
                 chunk: int = 64) -> list[list[tuple[Path, str]]]:
    """The documents of `inputs` in batches, one batch for each hand-over to a worker.

    A doc_id that holds bytes of a file name that are not UTF-8 is stored in
    its :func:`display_name` form.

    Parameters
    ----------
    inputs : iterable of paths
        Files and folders.
    jobs : int, default 1
        Worker processes that will parse them (see :func:`_batch_sizes`).
    chunk : int, default 64
        Documents per batch in this process, and the most per batch anywhere.

    Returns
    -------
    list of list of (Path, str)

    Raises
    ------
    ParseError
        When the inputs hold no document at all.

    Examples
    --------
    >>> import gongkai_analysis as gk
    >>> batches = plan_batches([gk.config.BUNDLED_DOCUMENT, "a.txt", "b.txt"], chunk=2)
    >>> [[doc_id for _, doc_id in batch] for batch in batches]
    [['dongcheng-2017-zhengwu-gongkai-gongzuo-yaodian', 'a'], ['b']]
    """
    items = [(path, display_name(doc_id)) for path, doc_id in find_documents(inputs)]
    if not items:
        raise ParseError("no documents to parse")
    if jobs <= 1:
        return [items[i : i + chunk] for i in range(0, len(items), chunk)]
    batches, start = [], 0
    for size in _batch_sizes(len(items), jobs, chunk):
        batches.append(items[start : start + size])
        start += size
    return batches


def run_batches(func, batches: list, *, options: dict, jobs: int = 1, progress: bool | None = None,
                initializer=None) -> Iterator:
    """Yield ``func(batch)`` for every batch, in order, in this process or in `jobs` worker processes.

    Each process first loads the registry and the segmenter that `options`
    ask for (with ``fork``, once in this process, shared by the workers);
    `func` then finds them where :func:`parse_batch` looks.

    Parameters
    ----------
    func : callable
        A module-level function of one batch (it is sent to the workers by name).
    batches : list
        What `func` takes, one item per call.
    options : dict
        ``tokens``, ``segmenter``, ``registry``, ``strict``.
    jobs : int, default 1
        Worker processes; 1 runs everything here.
    progress : bool, optional
        Show a progress bar counting documents (``len`` of each batch); by
        default when stderr is a terminal.
    initializer : callable, optional
        Run once in each worker process as it starts (not with one job).

    Yields
    ------
    object
        What `func` returns, batch by batch in order.

    Examples
    --------
    >>> import gongkai_analysis as gk
    >>> batches = plan_batches([gk.config.BUNDLED_DOCUMENT, "missing.txt"], chunk=1)
    >>> options = {"tokens": False, "segmenter": "auto", "registry": None, "strict": True}
    >>> [len(t.tasks) for t in run_batches(parse_batch, batches, options=options, progress=False)]
    [65, 0]
    """
    if progress is None:
        progress = sys.stderr.isatty()
    bar = _progress_bar(sum(map(len, batches)), progress)
    try:
        for batch, result in zip(batches, _map(func, batches, options, jobs, initializer)):
            if bar is not None:
                bar.update(len(batch))
            yield result
    finally:
        if bar is not None:
            bar.close()


def _batch_sizes(n_items: int, jobs: int, chunk: int) -> list[int]:
    """Documents per hand-over to a worker: large batches first, smaller ones towards the end.

    Each batch costs a worker some 10 ms whatever its size (its tables are
    built and written as one part, a few dozen Arrow and pandas calls): large
    batches keep that small.  Each batch takes half of what is left per
    worker, so the last ones are small and the workers finish together
    ("guided" scheduling); never more than `chunk`, never fewer than 4.

    >>> _batch_sizes(300, 2, 64)
    [64, 59, 45, 33, 25, 19, 14, 11, 8, 6, 4, 4, 4, 4]
    >>> _batch_sizes(3, 2, 64), sum(_batch_sizes(1000, 2, 64))
    ([3], 1000)
    """
    sizes: list[int] = []
    left = n_items
    while left:
        size = min(left, max(4, min(chunk, -(-left // (2 * jobs)))))
        sizes.append(size)
        left -= size
    return sizes


def _map(func, batches: list, options: dict, jobs: int, initializer=None) -> Iterator:
    """``func`` over the batches, here or in `jobs` worker processes, results in order."""
    if jobs <= 1 or len(batches) == 1:
        _init_worker(options)
        try:
            yield from map(func, batches)
        finally:
            _WORKER.clear()
        return
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        # load the registry, the segmenter and the parser once, here; forked workers share them
        _init_worker(options)
        # Objects made so far are left out of the workers' garbage collections: a
        # collection touches every object it walks, and each page it touches is
        # copied into the worker (the segmenter's tables are some 100 MB).
        gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(min(jobs, len(batches)), initializer=initializer) as pool:
                yield from pool.imap(func, batches)
        finally:
            gc.unfreeze()
            _WORKER.clear()
        return
    with multiprocessing.get_context("spawn").Pool(min(jobs, len(batches)), initializer=_init_worker,
                                                   initargs=(options, initializer)) as pool:
        yield from pool.imap(func, batches)


def parse_batch(batch: list[tuple[Path, str]], *, arrow: bool = False) -> Tables:
    """Parse a batch of documents into its tables (failures in their ``errors``).

    Runs in a process prepared by :func:`run_batches`.  A document whose rows
    cannot be made into tables (a bug, or a value no table can hold) becomes
    that document's error; the others keep their rows.

    Parameters
    ----------
    batch : list of (Path, str)
        Documents and their doc_ids, as :func:`plan_batches` makes them.
    arrow : bool, default False
        Build Arrow tables (:func:`gongkai_analysis.schema.arrow_tables_from_rows`,
        what ``gongkai parse`` writes, without pandas) instead of DataFrames.

    Returns
    -------
    gongkai_analysis.schema.Tables or gongkai_analysis.schema.ArrowTables
        The batch's tables; ``errors`` holds its files that failed.

    Examples
    --------
    >>> import gongkai_analysis as gk
    >>> options = {"tokens": False, "segmenter": "auto", "registry": None, "strict": True}
    >>> (tables,) = run_batches(parse_batch, [[(gk.config.BUNDLED_DOCUMENT, "d"), (Path("no.txt"), "no")]],
    ...                         options=options, progress=False)
    >>> len(tables.meta), tables.errors["error"].tolist()
    (1, ['no.txt: no such file'])
    """
    build = arrow_tables_from_rows if arrow else tables_from_rows
    parsed, errors = [], []
    with collector_paused():
        for item in batch:
            result = _parse_one(item)
            (errors if isinstance(result, dict) else parsed).append((item[0], result))
        rows = [result for _, result in parsed]
        errors = [result for _, result in errors]
        try:
            return build(rows, errors)
        except Exception:  # find the document at fault: each alone, then the good ones together
            good = []
            for path, result in parsed:
                try:
                    build([result])
                except GongkaiError as exc:  # a value the table's schema refuses, named
                    errors.append(_error(path, f"its rows: {exc}"))
                except Exception as exc:
                    log.exception("unexpected error in the tables of %s", display_name(str(path)))
                    errors.append(_error(path, f"unexpected {type(exc).__name__} in its rows: {exc}"))
                else:
                    good.append(result)
            return build(good, errors)


def _init_worker(options: dict, initializer=None) -> None:
    from . import build  # noqa: F401  (the parser's modules, imported before any fork)
    from .departments import load_registry

    if initializer is not None:
        initializer()
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
        parsed.meta["source"] = display_name(parsed.meta["source"])
        return parsed
    except ParseError as exc:
        return _error(path, str(exc))
    except Exception as exc:  # a bug must not sink the batch: record it with its type
        log.exception("unexpected error in %s", display_name(str(path)))
        return _error(path, f"unexpected {type(exc).__name__}: {exc}")


def _error(path: Path, message: str) -> dict:
    """An ``errors`` row; the message names the file (once)."""
    name = display_name(str(path))
    message = display_name(message)
    if not message.startswith(name):
        message = f"{name}: {message}"
    return {"file": name, "error": message}


def display_name(name: str) -> str:
    """`name` as it can be stored and shown: bytes of a file name that are not UTF-8 become ``\\xNN``.

    Python gives such bytes as lone surrogates, which no UTF-8 file can hold.
    A name without them is returned unchanged; :func:`file_name` turns the
    display form back into the name.

    Parameters
    ----------
    name : str
        A file name (or a message holding one) as :func:`os.fsdecode` gives it.

    Returns
    -------
    str
        Valid UTF-8 text.

    Examples
    --------
    >>> import os
    >>> shown = display_name(os.fsdecode(b"plan-\\xb9\\xab.txt"))
    >>> shown
    'plan-\\\\xb9\\\\xab.txt'
    >>> os.fsencode(file_name(shown))
    b'plan-\\xb9\\xab.txt'
    >>> display_name("东城区.txt")
    '东城区.txt'
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def file_name(shown: str) -> str:
    """The file name (with surrogate escapes, as :func:`os.fsdecode` gives) of a :func:`display_name`.

    Parameters
    ----------
    shown : str
        A name in its display form.

    Returns
    -------
    str
        The name with every ``\\x80`` … ``\\xff`` escape turned back into a lone surrogate.

    Examples
    --------
    >>> file_name("plan.txt")
    'plan.txt'
    """
    return re.sub(r"\\x([89a-f][0-9a-f])", lambda m: chr(0xDC00 + int(m[1], 16)), shown)


def _progress_bar(total: int, show: bool):
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="parsing", file=sys.stderr)
