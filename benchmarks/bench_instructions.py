"""The structure pass counted in machine instructions: two revisions, a figure that does not drift.

On a shared machine the wall-clock figures of ``bench.py`` move by ±10 % from
run to run, and by twice as much from one day's machine to the next: a change
worth 2 % cannot be seen in them.  Valgrind's ``cachegrind`` counts the
instructions a process runs, the same (within some 0.2 %) however busy the
machine is.  This counts those of the structure pass (``parse_rows`` without
tokens, then the DataFrames, as ``bench.py --structure-only`` times it) for git
revision REV and for this checkout::

    .venv/bin/python benchmarks/bench_instructions.py a9a10f4 --docs 300

Each side runs twice, once with the pass and once without (the imports, the
reading of the texts and a warm-up on ten of them), and the difference is the
pass.  The two sides run at once, one per core; a count does not depend on
what else runs.  Instructions are not time (a cache miss or a page fault costs
no instruction), so a change is judged on both: the count for the code's own
work, the interleaved timings of ``bench.py`` for the rest.  Needs valgrind
(``apt-get install valgrind``); a side takes some three minutes at 300
documents.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import bench

ROOT = Path(__file__).resolve().parent.parent

PASS = """
import sys, logging
logging.disable(logging.CRITICAL)
from gongkai_analysis.parsing.build import parse_rows
from gongkai_analysis.reading.files import read_path
from gongkai_analysis import schema
sources = [read_path(p) for p in sys.argv[2:]]
schema.tables_from_rows([parse_rows(src, strict=False) for src in sources[:10]])
for _ in range(int(sys.argv[1])):
    with schema.collector_paused():  # (as bench.py times it, and a worker's batch runs)
        schema.tables_from_rows([parse_rows(src, strict=False) for src in sources])
"""


def instructions(code: Path, paths: list[Path], passes: int) -> int:
    """Instructions run by a process that reads `paths` and runs the structure pass `passes` times."""
    env = dict(os.environ, PYTHONPATH=str(code), PYTHONHASHSEED="0")
    done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                           sys.executable, "-c", PASS, str(passes), *map(str, paths)],
                          check=True, capture_output=True, text=True, env=env, cwd=code)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's report:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def pass_instructions(code: Path, paths: list[Path]) -> int:
    """Instructions of one structure pass: a run with it minus a run without it."""
    return instructions(code, paths, 1) - instructions(code, paths, 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="the git revision to compare with this checkout")
    parser.add_argument("--docs", type=int, default=300, help="documents in the corpus (default 300)")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        code = {args.revision: bench.checkout(args.revision, work / "base"), "this checkout": bench.compiled(ROOT)}
        paths = bench.build_corpus(work / "corpus", args.docs)
        size_mb = sum(p.stat().st_size for p in paths) / 1e6
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            counts = dict(zip(code, pool.map(lambda root: pass_instructions(root, paths), code.values())))
    base = counts[args.revision]
    print(f"structure pass over {args.docs} documents ({size_mb:.1f} MB), instructions (cachegrind):")
    for name, count in counts.items():
        print(f"  {name:<16} {count / 1e6:>9,.0f} M   {count / base:.3f} of {args.revision}   "
              f"{count / args.docs / 1e3:,.0f} k a document")
    return 0


if __name__ == "__main__":
    sys.exit(main())
