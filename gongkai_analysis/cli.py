"""The ``gongkai`` command.

``gongkai parse INPUT… --out DIR`` parses documents (files or folders) and
writes the tables; ``gongkai tracker`` and ``gongkai report`` write the Excel
tracker and the leadership workbook of one document; ``gongkai compare A B
--out DIR`` aligns the tasks of two documents and writes the pairs and a
comparison workbook.  Each prints one summary
line; each error is one line on stderr.  Exit status: 0 when every input
parsed, 1 when some failed, 2 when nothing could be parsed or the command was
used wrongly.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from . import config
from .errors import GongkaiError
from .pipeline import default_jobs

log = logging.getLogger(__name__)


class _Version(argparse.Action):
    """``--version``: the version is read when asked (its metadata brings importlib.metadata, 30 ms at every start)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS,
                 help="show program's version number and exit"):
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"{parser.prog} {config.version()}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--registry", type=Path, metavar="CSV", help="your own department registry")
    common.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    common.add_argument("-v", "--verbose", action="store_true", help="log what the parser noticed")
    one_document = argparse.ArgumentParser(add_help=False, parents=[common])
    one_document.add_argument("input", metavar="INPUT", help="one document (.txt .html .docx .pdf)")

    parser = argparse.ArgumentParser(prog="gongkai", description="Parse and analyse 政务公开工作要点.")
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", parents=[common], help="parse documents into task and responsibility tables")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files (.txt .html .docx .pdf) or folders")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the tables")
    p.add_argument("--no-tokens", action="store_true", help="skip segmentation (no tokens or keywords)")
    p.add_argument("--lenient", action="store_true", help="warn instead of failing on skipped task numbers")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help=f"worker processes (default: the cores available, {default_jobs()} here; 1 parses in "
                        "this process)")
    p.add_argument("--segmenter", choices=["auto", "jieba", "rjieba"], default="auto",
                   help="auto: rjieba (the same tokens as jieba, faster); jieba: the reference")

    r = sub.add_parser("report", parents=[one_document], help="write the leadership Excel workbook for one document")
    r.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help="the workbook to write")
    r.add_argument("--tracker", type=Path, metavar="FILLED.xlsx", help="a filled tracker: adds scores and grades")
    r.add_argument("--figures", type=Path, metavar="DIR", help="also write the charts (PNG and offline HTML) here")

    t = sub.add_parser("tracker", parents=[one_document],
                       help="write the Excel tracker (one row per task × unit) for one document")
    t.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help="the tracker to write")
    t.add_argument("--simulate", type=int, metavar="SEED", help="fill it with seeded random statuses (marked 模拟)")
    c = sub.add_parser("compare", parents=[common],
                       help="align the tasks of two documents; write the pairs and a comparison workbook")
    c.add_argument("input_a", metavar="A", help="the older or parent document")
    c.add_argument("input_b", metavar="B", help="the newer or child document")
    c.add_argument("--out", required=True, type=Path, metavar="DIR",
                   help="folder for pairs.csv, pairs.parquet, diff.csv and compare.xlsx")
    c.add_argument("--one-to-many", action="store_true", help="let a task of A align with several of B (a split)")
    c.add_argument("--min-similarity", type=float, default=0.15, metavar="X",
                   help="pairs below this are added/dropped (default 0.15)")
    return parser


def _tasks_and_units(path: Path, registry):
    """Parse one document (a plan's tasks, or a regulation's articles) into its tasks and responsibilities."""
    from .document import parse_document

    doc = parse_document(path, registry=registry, tokens=False)
    return doc.tasks, doc.responsibilities


def _run_compare(args: argparse.Namespace) -> int:
    """``gongkai compare A B``: align two documents' tasks and write pairs, diffs and a workbook."""
    from .analysis.align import align_tasks, diff_tasks
    from .analysis.shift import responsibility_shift, unit_shift
    from .parsing.departments import load_registry
    from .output.compare_workbook import write_compare_workbook, write_pairs

    registry = load_registry(args.registry)
    (a, units_a), (b, units_b) = (_tasks_and_units(Path(p), registry) for p in (args.input_a, args.input_b))
    pairs = align_tasks(a, b, mode="one_to_many" if args.one_to_many else "one_to_one",
                        min_similarity=args.min_similarity)
    diff = diff_tasks(pairs)
    shift = responsibility_shift(pairs, units_a, units_b)
    units = unit_shift(pairs, units_a, units_b)
    write_pairs(pairs, args.out)
    write_pairs(diff, args.out, stem="diff")
    book = write_compare_workbook(pairs, args.out / "compare.xlsx", diff=diff, shift=shift, units=units,
                                  names=(Path(args.input_a).stem, Path(args.input_b).stem))
    if not args.quiet:
        counts = pairs["label"].value_counts()
        summary = ", ".join(f"{counts[k]} {k}" for k in counts.index if counts[k])
        print(f"compared {len(a)} with {len(b)} tasks: {summary} → {book.parent}")
    return 0


def _run_parse(args: argparse.Namespace) -> int:
    """``gongkai parse``: parse every input in worker processes and write the tables whole, or not at all."""
    from .output.tables import OutputError
    from .parsing.departments import load_registry
    from .pipeline import parse_to_folder

    if args.jobs is not None and args.jobs < 1:
        print("gongkai: error: --jobs must be at least 1", file=sys.stderr)
        return 2
    registry = load_registry(args.registry)
    kept = f"{args.out} left as it was" if args.out.exists() else f"nothing written to {args.out}"
    try:
        result = parse_to_folder(args.inputs, args.out, jobs=args.jobs, tokens=not args.no_tokens,
                                 segmenter=args.segmenter, registry=registry, strict=not args.lenient,
                                 progress=None if not args.quiet else False,
                                 on_error=lambda message: print(f"gongkai: error: {message}", file=sys.stderr))
    except KeyboardInterrupt:
        print(f"gongkai: interrupted; {kept}", file=sys.stderr)
        return 130
    except OutputError as exc:
        print(f"gongkai: error: {exc}; {kept}", file=sys.stderr)
        return 2
    if not result.documents:
        return 2
    if not args.quiet:
        docs, failed = result.documents, result.errors
        failed_text = f", {failed} failed" if failed else ""
        warned, tasks, units = result.warnings, result.tasks, len(result.units)
        print(f"parsed {docs} document{'s' * (docs != 1)}{failed_text}: {tasks} task{'s' * (tasks != 1)}, "
              f"{units} unit{'s' * (units != 1)}, {result.unassigned} unassigned, "
              f"{warned} warning{'s' * (warned != 1)}{' (see documents.csv)' if warned else ''} → {args.out}")
    return 1 if result.errors else 0


def _run_report(args: argparse.Namespace) -> int:
    """``gongkai report``: write the leadership workbook of one document; return the exit status."""
    from .parsing.departments import load_registry
    from .document import parse_document
    from .output.workbook import build_report
    from .reading.tracker import read_tracker

    doc = parse_document(Path(args.input), registry=load_registry(args.registry))
    tracker = read_tracker(args.tracker, doc=doc) if args.tracker else None
    path = build_report(doc, args.out, tracker=tracker, figures_dir=args.figures)
    if not args.quiet:
        scored = f", {len(tracker)} tracker rows scored" if tracker is not None else ", no tracker"
        print(f"wrote {path}: {len(doc.tasks)} tasks, {doc.responsibilities['unit'].nunique()} units{scored}")
    return 0


def _run_tracker(args: argparse.Namespace) -> int:
    """``gongkai tracker``: write the (empty or simulated) tracker of one document; return the exit status."""
    from .parsing.departments import load_registry
    from .document import parse_document
    from .analysis.appraisal import simulate_tracker, tracker_frame
    from .output.tracker import tracker_template

    doc = parse_document(Path(args.input), registry=load_registry(args.registry))
    frame = tracker_frame(doc) if args.simulate is None else simulate_tracker(doc, seed=args.simulate)
    path = tracker_template(doc, args.out, tracker=frame)
    if not args.quiet:
        kind = "empty tracker" if args.simulate is None else f"simulated tracker (seed {args.simulate})"
        print(f"wrote {path}: {kind}, {len(frame)} obligations")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status.

    The one place that prints: a summary line on stdout (none with
    ``--quiet``), each error as one ``gongkai: error: …`` line on stderr,
    never a traceback for bad input.  Logging goes to stderr, at INFO with
    ``--verbose``.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after the program name (``sys.argv[1:]`` by default),
        such as ``["parse", "plans/", "--out", "tables/"]``.

    Returns
    -------
    int
        0 when every input was handled; 1 when ``gongkai parse`` wrote some
        documents but some inputs failed; 2 when nothing could be parsed, the
        input was bad (a :class:`~gongkai_analysis.errors.GongkaiError` or an
        ``OSError``) or the command was used wrongly; 130 when interrupted.
        ``--help`` and ``--version`` print and return 0.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> plan = pathlib.Path(folder.name, "plan.txt")
    >>> _ = plan.write_text("一、甲\\n1.做好A。(甲局负责)\\n", encoding="utf-8")
    >>> main(["parse", str(plan), "--out", str(plan.with_name("out")), "--no-tokens"])
    parsed 1 document: 1 task, 1 unit, 0 unassigned, 1 warning (see documents.csv) → .../out
    0
    >>> sorted(p.name for p in plan.with_name("out").glob("*.csv"))
    ['documents.csv', 'responsibilities.csv', 'sections.csv', 'tasks.csv']

    A missing input is reported on stderr; the others are still written:

    >>> main(["parse", str(plan), str(plan.with_name("missing.txt")), "--out", str(plan.with_name("out2")),
    ...       "--no-tokens", "--quiet"])
    1
    >>> main(["parse", str(plan.with_name("missing.txt")), "--out", str(plan.with_name("out3")), "--no-tokens", "-q"])
    2
    >>> folder.cleanup()
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its usage line
        return 0 if exc.code == 0 else 2
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="gongkai: %(message)s", stream=sys.stderr)
    try:
        if args.command == "parse":
            return _run_parse(args)
        if args.command == "report":
            return _run_report(args)
        if args.command == "tracker":
            return _run_tracker(args)
        if args.command == "compare":
            return _run_compare(args)
    except GongkaiError as exc:
        print(f"gongkai: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"gongkai: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("gongkai: interrupted", file=sys.stderr)
        return 130
    return 2


def run(argv: list[str] | None = None) -> int:
    """The ``gongkai`` command: :func:`main`, then a quick exit.

    At exit Python runs one last garbage collection over every object the
    run made (the registry, the parser's caches, the segmenter's words):
    about 0.1–0.2 s of each ``gongkai parse``.  Freezing them first
    (``gc.freeze``) leaves them out of it; the process ends all the same.
    Only the command's entry points call this, never a library caller.

    Parameters
    ----------
    argv : list of str, optional
        As for :func:`main`.

    Returns
    -------
    int
        :func:`main`'s exit status.

    Examples
    --------
    >>> run(["--version"])  # doctest: +ELLIPSIS
    gongkai ...
    0
    """
    import gc

    status = main(argv)
    gc.freeze()
    return status

