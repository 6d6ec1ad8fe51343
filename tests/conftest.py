"""Shared fixtures: the bundled document, parsed once per test session, and the real corpus.

Tests are grouped by stage (``reading/``, ``parsing/``, ``analysis/``, ``output/``);
the command line, the layout rule and the README are tested at the top.  Tests
marked ``slow`` (property runs, whole corpora, rendering) are left out by
``pytest -m "not slow"`` for a quick loop.

The real documents of ``../shared/corpus/`` are third-party copies read in place,
never copied into the project; where that folder is absent (a fresh clone)
the tests that need it are skipped with the reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import gongkai_analysis as gk

FIXTURES = Path(__file__).parent / "fixtures"
#: Real documents of the genre from other places (see its README.md).
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the real documents are not here ({CORPUS}): "
                                  "they live beside the project in ../shared/corpus, which CI always has")


@pytest.fixture(scope="session")
def corpus_path():
    """The path of a real document in ../shared/corpus (the test skips when the folder is absent)."""
    if not CORPUS.is_dir():
        pytest.skip(f"the real documents are not here ({CORPUS})")

    def get(name: str) -> Path:
        return CORPUS / name

    return get


@pytest.fixture(scope="session")
def bundled() -> gk.Document:
    return gk.parse_document(gk.config.BUNDLED_DOCUMENT)


@pytest.fixture(scope="session")
def bundled_text() -> str:
    return gk.config.BUNDLED_DOCUMENT.read_text(encoding="utf-8")


@pytest.fixture
def fixture_path():
    def get(name: str) -> Path:
        return FIXTURES / name

    return get


def units_of(doc: gk.Document, task_id: str, role: str | None = None) -> list[str]:
    rows = doc.responsibilities[doc.responsibilities["task_id"] == task_id]
    if role is not None:
        rows = rows[rows["role"] == role]
    return rows["unit"].tolist()
