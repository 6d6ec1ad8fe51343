"""Speed and memory of comparing documents and finding near-duplicate tasks in a corpus.

Run with ``make bench-compare`` (or ``python benchmarks/bench_compare.py --repeat 3``).
Every measurement runs in a fresh Python process (imports excluded from the
time, included in the memory); time is the median of ``--repeat`` runs, memory
the largest peak resident set size (``ru_maxrss`` of the child) over them.

1. ``align_tasks`` on two synthetic 1,000-task documents (one-to-one, optimal
   assignment; and one-to-many), plus ``diff_tasks`` over the aligned pairs.
2. ``align_corpus`` on corpora of 75, 150 and 300 documents of 65 tasks each,
   a sparse and a dense one, with MinHash LSH blocking and without (every
   pair that shares a trigram, by sparse products), and the share of the
   exact method's pairs that blocking finds (recall).

The synthetic texts use the bundled plan's characters (fixed seed).  In
part 1 a task is 30 characters drawn at random; document B copies 40 % of
A's tasks, changes a third of the characters of another 40 %, drops the
rest, adds 100 new tasks and swaps 50 pairs.  Each corpus document of part 2
holds 5 tasks of the bundled plan (one character in 50 changed) and 60
tasks of its own (the first 8 characters of a phrase of the plan, then 30
random characters: the genre's shared wording without a shared task), so a bundled task recurs in
about 8 % of the documents: those are the near-duplicates to find.  The
dense corpus makes the 60 own tasks of three of the plan's phrases each, so
that almost every pair of tasks shares a trigram (and tasks that share two
of their three phrases are near-duplicates too).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def inventory_and_tasks():
    """The Chinese characters of the bundled plan, and its tasks' texts."""
    import gongkai_analysis as gk

    doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
    text = gk.config.BUNDLED_DOCUMENT.read_text(encoding="utf-8")
    return sorted(set(re.findall(r"[\u4e00-\u9fff]", text))), doc.tasks["text"].tolist()


def _task(rng, chars, length: int = 30) -> str:
    return "".join(rng.choices(chars, k=length)) + "。"


def two_documents(n: int = 1000, seed: int = 0):
    """Documents A and B: B copies 40 % of A, changes a third of the characters of another 40 %,
    drops the rest, adds n/10 new tasks and swaps n/20 pairs of tasks."""
    import pandas as pd

    chars, _ = inventory_and_tasks()
    rng = random.Random(seed)
    a = [_task(rng, chars) for _ in range(n)]
    b = []
    for text in a:
        r = rng.random()
        if r < 0.4:
            b.append(text)
        elif r < 0.8:
            changed = list(text)
            for k in rng.sample(range(len(text) - 1), (len(text) - 1) // 3):
                changed[k] = rng.choice(chars)
            b.append("".join(changed))
    b += [_task(rng, chars) for _ in range(n // 10)]
    for _ in range(n // 20):
        i, j = rng.randrange(len(b)), rng.randrange(len(b))
        b[i], b[j] = b[j], b[i]
    def frame(doc, texts):
        return pd.DataFrame({"doc_id": doc, "task_id": [str(i + 1) for i in range(len(texts))], "text": texts})

    return frame("A", a), frame("B", b)


def corpus(docs: int, seed: int = 0, *, dense: bool = False):
    """`docs` documents of 65 tasks: 5 of the bundled plan's (one character in 50 changed), 60 of their own."""
    import pandas as pd

    chars, bundled = inventory_and_tasks()
    phrases = sorted({p for t in bundled for p in re.split(r"[，；。]", t) if len(p) >= 6})
    rng = random.Random(seed)
    rows = []
    for d in range(docs):
        taken = []
        for text in rng.sample(bundled, 5):
            changed = list(text)
            for k in rng.sample(range(len(changed)), max(1, len(changed) // 50)):
                changed[k] = rng.choice(chars)
            taken.append("".join(changed))
        if dense:  # every task made of the plan's own phrases: most pairs share some trigram
            own = ["，".join(rng.sample(phrases, 3)) + "。" for _ in range(60)]
        else:
            own = [rng.choice(phrases)[:8] + "，" + _task(rng, chars, 30) for _ in range(60)]
        texts = taken + own
        rng.shuffle(texts)
        rows += [(f"doc{d:04d}", str(i + 1), t) for i, t in enumerate(texts)]
    return pd.DataFrame(rows, columns=["doc_id", "task_id", "text"])


# --------------------------------------------------------------------------- one measurement (child process)

def measure(kind: str, docs: int, dense: bool = False) -> dict:
    import gongkai_analysis as gk

    if kind in ("align", "align_many"):
        a, b = two_documents()
        start = time.perf_counter()
        pairs = gk.align_tasks(a, b, mode="one_to_one" if kind == "align" else "one_to_many")
        seconds = time.perf_counter() - start
        start = time.perf_counter()
        diff = gk.diff_tasks(pairs)
        diff_seconds = time.perf_counter() - start
        labels = pairs["label"].value_counts().to_dict()
        return {"seconds": seconds, "diff_seconds": diff_seconds, "pairs": len(pairs), "spans": len(diff),
                "labels": {str(k): int(v) for k, v in labels.items()}}
    tasks = corpus(docs, dense=dense)
    start = time.perf_counter()
    found = gk.align_corpus(tasks, blocking=None if kind == "exact" else "lsh")
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "tasks": len(tasks), "pairs": len(found)}


def run_child(kind: str, docs: int, dense: bool = False) -> dict:
    proc = subprocess.Popen([sys.executable, __file__, "--child", kind, "--docs", str(docs)] + ["--dense"] * dense,
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"child {kind} {docs} failed ({proc.returncode})")
    result = json.loads(out)
    result["peak_mb"] = usage.ru_maxrss / 1024
    return result


def recall(docs: int, dense: bool = False) -> tuple[int, int]:
    """Pairs the exact method finds, and how many of them LSH blocking finds too."""
    import gongkai_analysis as gk

    tasks = corpus(docs, dense=dense)
    exact = gk.align_corpus(tasks, blocking=None)
    lsh = gk.align_corpus(tasks, blocking="lsh")
    key = lambda f: set(zip(f["doc_id_a"], f["task_id_a"], f["doc_id_b"], f["task_id_b"]))  # noqa: E731
    return len(key(exact)), len(key(exact) & key(lsh))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--docs", type=int, nargs="*", default=[75, 150, 300])
    parser.add_argument("--dense", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=["align", "align_many", "exact", "lsh"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.docs[0], args.dense)))
        return 0

    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    runs = [("align", 0, False), ("align_many", 0, False)] + [
        (k, d, dense) for dense in (False, True) for d in args.docs for k in ("lsh", "exact")]
    results: dict = {run: [] for run in runs}
    for _ in range(args.repeat):  # round-robin, so that drift hits every figure alike
        for run in runs:
            results[run].append(run_child(*run))
    for (kind, docs, dense), got in results.items():
        seconds = statistics.median(r["seconds"] for r in got)
        peak = max(r["peak_mb"] for r in got)
        if kind.startswith("align"):
            print(f"{kind:10} 1,000 × 1,000 tasks: {seconds:.2f} s, peak {peak:.0f} MB, "
                  f"diff {statistics.median(r['diff_seconds'] for r in got):.2f} s ({got[0]['spans']} spans), "
                  f"labels {got[0]['labels']}")
        else:
            print(f"{kind:10} {'dense' if dense else 'sparse':6} {docs:4d} documents ({got[0]['tasks']} tasks): "
                  f"{seconds:.2f} s, peak {peak:.0f} MB, {got[0]['pairs']} pairs")
    for dense in (False, True):
        for docs in args.docs:
            total, found = recall(docs, dense)
            print(f"recall of LSH blocking, {'dense' if dense else 'sparse'} corpus, {docs} documents: "
                  f"{found} of {total} pairs ({found / max(total, 1):.4f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
