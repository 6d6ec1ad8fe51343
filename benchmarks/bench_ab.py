"""`gongkai parse` of two revisions side by side: the same corpora, the same interleaved rounds.

A slow or busy machine moves every absolute figure; a figure of the old code
and of the new one taken in the same round moves with it.  This runs the
command line of git revision REV (unpacked into a temporary folder and run
with ``PYTHONPATH``) and of this checkout, round after round, with a bare
jieba pass and the two-process ceiling in each round, and prints medians::

    .venv/bin/python benchmarks/bench_ab.py 9e038ed --rounds 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench

ROOT = Path(__file__).resolve().parent.parent

RUNS = {"default_1job@300": (300, ["--jobs", "1"]), "default_2jobs@300": (300, ["--jobs", "2"]),
        "no_tokens_1job@300": (300, ["--no-tokens", "--jobs", "1"]),
        "no_tokens_2jobs@300": (300, ["--no-tokens", "--jobs", "2"]),
        "no_tokens_1job@1000": (1000, ["--no-tokens", "--jobs", "1"])}


def run(code: Path, corpus: Path, out: Path, flags: list[str]) -> float:
    """Wall seconds of ``python -m gongkai_analysis parse`` with the package of `code`."""
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(code))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "gongkai_analysis", "parse", str(corpus), "--out", str(out), "-q", *flags],
                   check=True, env=env, cwd=code)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="the git revision to compare with this checkout")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        # both sides compiled: a side without __pycache__ recompiles in every run where
        # PYTHONDONTWRITEBYTECODE is set (runs before this fix favoured the checkout)
        code = {"base": bench.checkout(args.revision, work / "base"), "head": bench.compiled(ROOT)}
        corpora = {n: work / f"corpus-{n}" for n in (300, 1000)}
        for n, path in corpora.items():
            bench.build_corpus(path, n)
        sizes = {n: sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6 for n, path in corpora.items()}
        paths = sorted(p for p in corpora[300].rglob("*") if p.is_file())
        times: dict[str, list[float]] = {}
        for _ in range(args.rounds):
            times.setdefault("jieba", []).append(bench.bare_jieba_times(paths)[0])
            for name, (n, flags) in RUNS.items():
                for which in ("base", "head"):
                    times.setdefault(f"{which} {name}", []).append(run(code[which], corpora[n], work / "out", flags))
            one, two = bench.ceiling_round(20_000_000)
            times.setdefault("one", []).append(one)
            times.setdefault("two", []).append(two)
    med = {key: statistics.median(values) for key, values in times.items()}
    ceiling = 2 * med["one"] / med["two"]
    print(f"{args.revision} (base) and this checkout (head), medians of {args.rounds} interleaved rounds")
    print(f"bare jieba pass over the 300 documents: {med['jieba']:.2f} s; two-process ceiling {ceiling:.2f}")
    for which in ("base", "head"):
        m = {key.split(" ", 1)[1]: value for key, value in med.items() if key.startswith(which)}
        print(f"{which}: " + ", ".join(f"{key} {value:.2f} s" for key, value in m.items()))
        print(f"  default ÷ jieba: 1 job {m['default_1job@300'] / med['jieba']:.3f}, "
              f"2 jobs {m['default_2jobs@300'] / med['jieba']:.3f}; --jobs 2 speed-up ÷ ceiling: tokens "
              f"{m['default_1job@300'] / m['default_2jobs@300'] / ceiling:.2f}, none "
              f"{m['no_tokens_1job@300'] / m['no_tokens_2jobs@300'] / ceiling:.2f}; --no-tokens --jobs 1 at 1,000: "
              f"{sizes[1000] / m['no_tokens_1job@1000']:.2f} MB/s")
    for name in RUNS:
        print(f"head ÷ base, {name}: {med['head ' + name] / med['base ' + name]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
