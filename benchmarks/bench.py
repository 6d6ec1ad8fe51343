"""Speed and memory of corpus parsing, measured against jieba itself.

Run with ``make bench`` (or ``python benchmarks/bench.py --docs 300 --repeat 3``).
It builds a corpus of N documents from the bundled plan and re-typeset copies
of it (full-width punctuation, CRLF in GB18030, no blank lines, one long line,
an HTML page), then prints, measured in the same run, medians of `repeat` runs:

1. parse with tokens and keywords, one worker (jieba) ÷ a bare private
   ``jieba.Tokenizer().lcut`` over the same texts in its own process (≤ 1.25);
2. parse without tokens: MB/s, one worker and two (≥ 20 MB/s), from a fresh
   process and warm (start-up left out);
3. ``--jobs 2`` ÷ ``--jobs 1`` speed-up, with tokens (≥ 1.6 on two cores);
4. peak memory of ``gongkai parse`` on the whole corpus (≤ 500 MB);
5. cold start of ``gongkai parse`` on the bundled plan ÷
   ``python -c "import pandas, jieba"`` plus one tokenizer initialisation (≤ 1.5);
6. parse with the rjieba segmenter ÷ the bare jieba pass (≤ 0.35);
7. the structure pass alone: texts already read, parsed to rows without tokens
   and made into DataFrames, one worker, warm (≥ 20 MB/s) — with
   ``--baseline REV``, the same figure for the code of git revision REV,
   measured side by side in the same run (``--structure-only`` skips 1–6).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import gongkai_analysis as gk

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {
    "tokens_vs_jieba": ("≤", 1.25),
    "no_tokens_mb_s": ("≥", 20.0),
    "jobs2_speedup": ("≥", 1.6),
    "peak_mb": ("≤", 500.0),
    "cold_start_ratio": ("≤", 1.5),
    "rjieba_vs_jieba": ("≤", 0.35),
}


# --------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------
def _variants(text: str):
    lines = text.split("\n")
    full = text.replace("(", "（").replace(")", "）").replace(",", "，").replace(":", "：")
    yield "utf8", ".txt", text.encode("utf-8")
    yield "fullwidth", ".txt", full.encode("utf-8")
    yield "gb18030-crlf", ".txt", text.replace("\n", "\r\n").encode("gb18030")
    yield "compact", ".txt", "\n".join(line for line in lines if line.strip()).encode("utf-8")
    yield "one-line", ".txt", " ".join(line for line in lines if line.strip()).encode("utf-8")
    body = "".join(f"<p>{line}</p>\n" for line in lines if line.strip())
    page = (f"<html><head><meta charset=\"utf-8\"><title>plan</title></head><body>"
            f"<div class=\"nav\">首页 &gt; 信息公开</div><div id=\"zoom\">{body}</div>"
            f"<div class=\"footer\">版权所有</div></body></html>")
    yield "html", ".html", page.encode("utf-8")


def build_corpus(folder: Path, n: int) -> list[Path]:
    """Write `n` documents into `folder` (years and districts vary the text a little)."""
    text = gk.config.BUNDLED_DOCUMENT.read_text(encoding="utf-8")
    districts = ["东城区", "西城区", "朝阳区", "海淀区", "丰台区", "石景山区", "通州区", "顺义区"]
    paths = []
    i = 0
    while len(paths) < n:
        district, year = districts[i % len(districts)], 2015 + (i // len(districts)) % 8
        varied = text.replace("东城区", district).replace("2017", str(year))
        for name, suffix, data in _variants(varied):
            if len(paths) == n:
                break
            path = folder / f"{year}" / f"{i:04d}-{name}{suffix}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            paths.append(path)
        i += 1
    return paths


# --------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------
def _median_time(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


BARE_JIEBA = """
import sys, time, jieba, logging
jieba.setLogLevel(logging.WARNING)
from gongkai_analysis.reading.files import read_path
texts = [read_path(p).text for p in sys.argv[1:]]
start = time.perf_counter()
tokenizer = jieba.Tokenizer()
tokenizer.initialize()
for text in texts:
    tokenizer.lcut(text)
print(time.perf_counter() - start)
"""


def bare_jieba(paths: list[Path]) -> float:
    """Seconds for a private jieba tokenizer (initialisation included) to cut every text."""
    done = subprocess.run([sys.executable, "-c", BARE_JIEBA, *map(str, paths)], check=True,
                          capture_output=True, text=True)
    return float(done.stdout.strip().splitlines()[-1])


def parse_seconds(paths, *, warm: bool = False, **options) -> float:
    """Seconds for parse_corpus in a fresh process (segmenter initialisation included).

    With `warm`, the process first parses a few documents (imports, registry
    and segmenter loaded, worker pool code paths run) and only then starts the
    clock: the steady rate a long corpus run settles at, start-up left out.
    """
    code = ("import sys, time, json\n"
            "from gongkai_analysis.document import parse_documents as parse_corpus\n"
            "options = json.loads(sys.argv[1])\n"
            "warm = options.pop('warm')\n"
            "if warm:\n"
            "    parse_corpus(sys.argv[2:12], progress=False, **options)\n"
            "start = time.perf_counter()\n"
            "parse_corpus(sys.argv[2:], progress=False, **options)\n"
            "print(time.perf_counter() - start)\n")
    done = subprocess.run([sys.executable, "-c", code, json.dumps({**options, "warm": warm}), *map(str, paths)],
                          check=True, capture_output=True, text=True)
    return float(done.stdout.strip().splitlines()[-1])


STRUCTURE_PASS = """
import sys, time, logging
logging.disable(logging.CRITICAL)
from gongkai_analysis.parsing.build import parse_rows
from gongkai_analysis.reading.files import read_path
from gongkai_analysis import schema
sources = [read_path(p) for p in sys.argv[1:]]
for src in sources[:10]:
    parse_rows(src, strict=False)
start = time.perf_counter()
schema.tables_from_rows([parse_rows(src, strict=False) for src in sources])
print(time.perf_counter() - start)
"""


def structure_pass(paths: list[Path], *, code_root: Path | None = None) -> float:
    """Seconds for the structure pass alone: rows without tokens, then DataFrames, one worker, warm.

    The texts are read before the clock starts; `code_root` runs another
    checkout of the package (a baseline) on the same texts.
    """
    env = dict(os.environ)
    if code_root is not None:
        env["PYTHONPATH"] = str(code_root)
    done = subprocess.run([sys.executable, "-c", STRUCTURE_PASS, *map(str, paths)], check=True,
                          capture_output=True, text=True, env=env, cwd=code_root or ROOT)
    return float(done.stdout.strip().splitlines()[-1])


def checkout(revision: str, folder: Path) -> Path:
    """The package at git `revision`, unpacked into `folder` (for a side-by-side baseline)."""
    folder.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def peak_memory_mb(corpus: Path, out: Path) -> float:
    """Peak resident memory of ``gongkai parse`` over the corpus (one worker, tokens)."""
    code = ("import resource, subprocess, sys\n"
            "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    cli = [sys.executable, "-m", "gongkai_analysis", "parse", str(corpus), "--out", str(out), "--quiet"]
    done = subprocess.run([sys.executable, "-c", code, *cli], check=True, capture_output=True, text=True)
    return int(done.stdout.strip().splitlines()[-1]) / 1024


def cold_start(out: Path, repeat: int) -> tuple[float, float]:
    """Wall time of ``gongkai parse`` on the bundled plan, and of the import-plus-tokenizer baseline."""
    ours = [sys.executable, "-m", "gongkai_analysis", "parse", str(gk.config.BUNDLED_DOCUMENT), "--out", str(out), "--quiet"]
    base = [sys.executable, "-c", "import logging, pandas, jieba; jieba.setLogLevel(logging.WARNING); "
                                  "jieba.Tokenizer().initialize()"]
    for command in (ours, base):  # warm the caches (jieba's and ours) once
        subprocess.run(command, check=True, capture_output=True)
    run = lambda command: lambda: subprocess.run(command, check=True, capture_output=True)  # noqa: E731
    return _median_time(run(ours), repeat), _median_time(run(base), repeat)


SPIN = "import time\nstart = time.perf_counter()\nx = 0\nfor i in range(20_000_000):\n    x += i\nprint(time.perf_counter() - start)"


def parallel_ceiling(repeat: int) -> float:
    """How much faster two independent CPU-bound Python processes finish than one after the other.

    This machine's own limit for any two-worker speed-up (2.0 on two free cores).
    """
    def one():
        subprocess.run([sys.executable, "-c", SPIN], check=True, capture_output=True)

    def two():
        running = [subprocess.Popen([sys.executable, "-c", SPIN], stdout=subprocess.DEVNULL) for _ in range(2)]
        for process in running:
            process.wait()

    return 2 * _median_time(one, repeat) / _median_time(two, repeat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="documents in the corpus (default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; medians are printed")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--baseline", help="git revision whose structure pass is measured side by side")
    parser.add_argument("--structure-only", action="store_true", help="measure only the structure pass")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    try:
        paths = build_corpus(work / "corpus", args.docs)
        size_mb = sum(p.stat().st_size for p in paths) / 1e6
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"{platform.system()} {platform.release()}")
        print(f"corpus: {len(paths)} documents, {size_mb:.1f} MB; medians of {args.repeat} runs\n")
        r = args.repeat
        if args.structure_only:
            return _structure_figures(paths, size_mb, r, work, args)
        runs = {
            "jieba": lambda: bare_jieba(paths),
            "tokens": lambda: parse_seconds(paths, jobs=1, segmenter="jieba"),
            "tokens2": lambda: parse_seconds(paths, jobs=2, segmenter="jieba"),
            "fast": lambda: parse_seconds(paths, jobs=1, segmenter="rjieba"),
            "plain": lambda: parse_seconds(paths, jobs=1, tokens=False),
            "plain2": lambda: parse_seconds(paths, jobs=2, tokens=False),
            "warm": lambda: parse_seconds(paths, jobs=1, tokens=False, warm=True),
            "warm2": lambda: parse_seconds(paths, jobs=2, tokens=False, warm=True),
            "structure": lambda: structure_pass(paths),
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(r):  # round-robin, so that drift in the machine's speed hits every figure alike
            for name, run in runs.items():
                times[name].append(run())
        jieba_s, tokens_s, tokens2_s, fast_s, plain_s, plain2_s, warm_s, warm2_s, structure_s = (
            statistics.median(times[n]) for n in runs)
        peak = peak_memory_mb(work / "corpus", work / "out")
        ours_cold, base_cold = cold_start(work / "cold", r)
        ceiling = parallel_ceiling(r)
        figures = {
            "bare_jieba_s": jieba_s, "tokens_1job_s": tokens_s, "tokens_2jobs_s": tokens2_s,
            "rjieba_1job_s": fast_s, "no_tokens_1job_s": plain_s, "no_tokens_2jobs_s": plain2_s,
            "tokens_vs_jieba": tokens_s / jieba_s,
            "no_tokens_mb_s": size_mb / plain_s, "no_tokens_2jobs_mb_s": size_mb / plain2_s,
            "no_tokens_warm_s": warm_s, "no_tokens_warm_2jobs_s": warm2_s,
            "no_tokens_warm_mb_s": size_mb / warm_s, "no_tokens_warm_2jobs_mb_s": size_mb / warm2_s,
            "jobs2_speedup": tokens_s / tokens2_s,
            "peak_mb": peak,
            "cold_start_s": ours_cold, "cold_baseline_s": base_cold, "cold_start_ratio": ours_cold / base_cold,
            "rjieba_vs_jieba": fast_s / jieba_s,
            "machine_parallel_ceiling": ceiling,
            "structure_pass_mb_s": size_mb / structure_s,
        }
        rows = [
            ("parse + tokens, 1 worker ÷ bare jieba", f"{tokens_s:.2f} s ÷ {jieba_s:.2f} s", "tokens_vs_jieba"),
            ("parse, no tokens, 1 worker", f"{size_mb:.1f} MB in {plain_s:.2f} s", "no_tokens_mb_s"),
            ("parse, no tokens, 2 workers", f"{size_mb:.1f} MB in {plain2_s:.2f} s", "no_tokens_2jobs_mb_s"),
            ("  warm (start-up left out), 1 worker", f"{size_mb:.1f} MB in {warm_s:.2f} s", "no_tokens_warm_mb_s"),
            ("  warm (start-up left out), 2 workers", f"{size_mb:.1f} MB in {warm2_s:.2f} s", "no_tokens_warm_2jobs_mb_s"),
            ("--jobs 2 speed-up (tokens)", f"{tokens_s:.2f} s → {tokens2_s:.2f} s", "jobs2_speedup"),
            ("  this machine: 2 processes ÷ 1 (pure Python)", "the ceiling for any speed-up", "machine_parallel_ceiling"),
            ("peak memory, gongkai parse (MB)", "", "peak_mb"),
            ("cold start ÷ import pandas, jieba + tokenizer", f"{ours_cold:.2f} s ÷ {base_cold:.2f} s", "cold_start_ratio"),
            ("parse + tokens with rjieba ÷ bare jieba", f"{fast_s:.2f} s ÷ {jieba_s:.2f} s", "rjieba_vs_jieba"),
            ("structure pass (texts read), rows + frames, warm", f"{size_mb:.1f} MB in {structure_s:.2f} s",
             "structure_pass_mb_s"),
        ]
        for label, detail, key in rows:
            value = figures[key]
            detail = detail or ""
            target = TARGETS.get(key) or (TARGETS["no_tokens_mb_s"] if key.endswith("mb_s") else None)
            verdict = ""
            if target:
                sign, bound = target
                ok = value <= bound if sign == "≤" else value >= bound
                verdict = f"target {sign} {bound:g}: {'met' if ok else 'MISSED'}"
            print(f"{label:<48} {value:>8.2f}   {detail:<28} {verdict}")
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _structure_figures(paths, size_mb: float, repeat: int, work: Path, args) -> int:
    """Print the structure pass, ours and (with ``--baseline``) the baseline's, medians of `repeat` runs."""
    runs = {"ours": lambda: structure_pass(paths)}
    if args.baseline:
        base = checkout(args.baseline, work / "baseline")
        runs["baseline"] = lambda: structure_pass(paths, code_root=base)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):  # round-robin, as above
        for name, run in runs.items():
            times[name].append(run())
    figures = {}
    for name, values in times.items():
        seconds = statistics.median(values)
        figures[f"structure_pass_{name}_mb_s"] = size_mb / seconds
        label = "structure pass, rows + frames, warm" + (f" ({args.baseline})" if name == "baseline" else "")
        sign, bound = TARGETS["no_tokens_mb_s"]
        verdict = f"target {sign} {bound:g}: {'met' if size_mb / seconds >= bound else 'MISSED'}"
        print(f"{label:<48} {size_mb / seconds:>8.2f}   {size_mb:.1f} MB in {seconds:.2f} s{'':<12} {verdict}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
