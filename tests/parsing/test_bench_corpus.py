"""The benchmark's re-typeset copies of the bundled plan parse to the same tables."""

import importlib.util
from pathlib import Path

import gongkai_analysis as gk

import pytest

pytestmark = pytest.mark.slow

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_variant_parses_like_the_original(tmp_path):
    paths = _bench().build_corpus(tmp_path, 6)
    assert sorted(p.suffix for p in paths) == [".html", ".txt", ".txt", ".txt", ".txt", ".txt"]
    corpus = gk.parse_documents(paths, tokens=False)
    assert corpus.errors.empty
    assert corpus.meta["n_tasks"].tolist() == [65] * 6
    tables = [g[["task_id", "unit", "role", "mode"]].astype(str).values.tolist()
              for _, g in corpus.responsibilities.groupby("doc_id", sort=False)]
    assert all(t == tables[0] for t in tables)
    texts = [g["text"].str.replace(r"[，（）：]", "", regex=True).str.replace(r"[,():]", "", regex=True).tolist()
             for _, g in corpus.tasks.groupby("doc_id", sort=False)]
    assert all(t == texts[0] for t in texts)
