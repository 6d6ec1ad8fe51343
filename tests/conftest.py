"""Shared fixtures: the bundled document, parsed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import gongkai_analysis as gk

FIXTURES = Path(__file__).parent / "fixtures"


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
