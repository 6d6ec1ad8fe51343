"""What ``gongkai parse DIR --out OUT`` does, end to end: parse a corpus and write its tables.

The parent process finds the documents and cuts them into batches; each
worker (or this process, with ``jobs=1``) parses a batch and writes its tables
as one part of the output itself (:func:`gongkai_analysis.output.tables.write_part`),
and hands back only counts.  The parent then appends the CSV parts in order,
leaves the Parquet parts as a dataset, and moves everything into `out` at once
(:class:`gongkai_analysis.output.tables.CorpusWriter`): an error or an
interrupt leaves the previous output as it was, and a second run into the
same folder is refused while one is writing.

Examples
--------
>>> import tempfile, gongkai_analysis as gk
>>> out = tempfile.mkdtemp()
>>> result = parse_to_folder([gk.config.BUNDLED_DOCUMENT, "missing.txt"], out, jobs=1, tokens=False)
>>> result.documents, result.tasks, result.errors
(1, 65, 1)
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


def default_jobs() -> int:
    """Worker processes by default: the cores this process may run on.

    ``os.process_cpu_count()`` where Python has it (3.13), else the CPU
    affinity mask, else every core of the machine.

    Returns
    -------
    int
        At least 1.

    Examples
    --------
    >>> default_jobs() >= 1
    True
    """
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        return counter() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


@dataclass(frozen=True)
class _Job:
    """One batch for a worker: which part it is, its documents, and where to write."""

    index: int
    items: list
    folder: Path
    out: Path

    def __len__(self) -> int:  # the progress bar counts documents
        return len(self.items)


def _parse_and_write(job: _Job):
    """Parse one batch and write its part (runs in a worker process, or here with one job)."""
    from .output.tables import write_part
    from .parsing.corpus import parse_batch

    return write_part(parse_batch(job.items, arrow=True), job.folder, job.index, out=job.out)


def parse_to_folder(
    inputs: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    tokens: bool = True,
    segmenter: str = "auto",
    registry=None,
    strict: bool = True,
    progress: bool | None = None,
    on_error: Callable[[str], None] | None = None,
):
    """Parse files and folders and write their tables into `out`, whole or not at all.

    Parameters
    ----------
    inputs : iterable of paths
        Files (.txt .html .docx .pdf) and folders (searched recursively).
    out : path
        The output folder (see :mod:`gongkai_analysis.output.tables` for what
        it holds).
    jobs : int, optional
        Worker processes (the cores available by default, :func:`default_jobs`);
        1 parses and writes in this process.
    tokens : bool, default True
        Segment the tasks (``tokens``, ``keywords``).
    segmenter : {"auto", "jieba", "rjieba"}
        Which segmenter (``auto`` is rjieba; jieba is the reference).
    registry : Registry, optional
        The department registry (the bundled one by default).
    strict : bool, default True
        See :func:`gongkai_analysis.parse_document`.
    progress : bool, optional
        Show a progress bar; by default when stderr is a terminal.
    on_error : callable, optional
        Called with each failed file's message as soon as its batch is done.

    Returns
    -------
    CorpusWriter
        The closed writer: ``documents``, ``tasks``, ``units``, ``unassigned``,
        ``errors`` and :meth:`~gongkai_analysis.output.tables.CorpusWriter.paths`.
        When no document could be parsed, nothing is written and `out` stays
        as it was (``documents == 0``).

    Raises
    ------
    ParseError
        When the inputs hold no document at all.
    GongkaiError
        When another run is writing into `out`.
    OutputError
        When a file cannot be written (it names the file); `out` stays as it was.
    KeyboardInterrupt
        When interrupted; `out` stays as it was.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> plan = folder / "plan.txt"
    >>> _ = plan.write_text("2024年政务公开工作要点\\n一、总体\\n1.做好公开工作。（区政务公开办负责）\\n"
    ...                     "2.加强解读。（区政务公开办负责）\\n", encoding="utf-8")
    >>> writer = parse_to_folder([plan], folder / "out", jobs=1, tokens=False, progress=False)
    >>> writer.documents, writer.tasks, writer.errors
    (1, 2, 0)
    >>> sorted(path.name for path in writer.paths())[:2]
    ['documents.csv', 'responsibilities.csv']
    """
    from .output.tables import CorpusWriter
    from .parsing.corpus import plan_batches, run_batches

    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    batches = plan_batches(inputs, jobs=jobs)
    if jobs > 1:  # the writers' modules, imported once here rather than in every worker
        import pyarrow.csv  # noqa: F401
        import pyarrow.parquet  # noqa: F401

        from .arrow import compute

        compute()
    options = {"tokens": tokens, "segmenter": segmenter, "registry": registry, "strict": strict}
    with CorpusWriter(out) as writer:
        work = [_Job(index, batch, writer.folder, Path(out)) for index, batch in enumerate(batches)]
        for part in run_batches(_parse_and_write, work, options=options, jobs=jobs, progress=progress,
                                initializer=_ignore_interrupts):
            if on_error is not None:
                for _, message in part.errors:
                    on_error(message)
            writer.add(part)
        if not writer.documents:
            writer.discard()  # nothing parsed: the previous output is worth more than empty tables
    return writer


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops them and cleans up (no traceback from each)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
