"""Notebooks that read the real documents in ``../shared/corpus/`` are skipped, with the reason, when it is absent.

That folder sits next to the clone on the project's machines (third-party copies, never part of
the repository); on a fresh clone without it, `make test` runs every other notebook.  The hook
lives in the root conftest (not ``notebooks/conftest.py``) so that ``tests/conftest.py`` stays the
module the tests import as ``conftest``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "shared" / "corpus"
#: Notebooks and the files of ../shared/corpus/ each one reads.
NEEDS_CORPUS = {
    "6.0-compare-versions.ipynb": ["regulation-on-open-government-information-2007.md",
                                   "regulation-on-open-government-information-2019.md"],
    "7.0-corpus.ipynb": ["baotou-2022-digital-government-appraisal.txt", "anhui-2021-industrial-internet.txt",
                         "regulation-on-open-government-information-2007.md",
                         "regulation-on-open-government-information-2019.md"],
}


def pytest_configure(config):
    """On CI the real documents are always there: a skip for their absence would hide failures."""
    import os

    if os.environ.get("CI") == "true" and not CORPUS.is_dir():
        raise pytest.UsageError(f"CI=true but the real documents are missing: {CORPUS}")


def pytest_collection_modifyitems(config, items):
    for item in items:
        needed = NEEDS_CORPUS.get(item.path.name)
        if needed is None:
            continue
        missing = [name for name in needed if not (CORPUS / name).exists()]
        if missing:
            item.add_marker(pytest.mark.skip(
                reason=f"needs the real documents in ../shared/corpus/ (missing: {', '.join(missing)})"))
