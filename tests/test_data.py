"""The raw folder holds the bundled document byte for byte."""

import hashlib

import gongkai_analysis as gk

SHA256 = "88e8c2ef0e7dec1d0e8c7b128095b3d38d20a9d9b62ea2080d90257edb7b0f69"


def test_bundled_document_is_unchanged():
    digest = hashlib.sha256(gk.config.BUNDLED_DOCUMENT.read_bytes()).hexdigest()
    assert digest == SHA256


def test_sources_md_names_the_document():
    sources = (gk.config.RAW_DIR / "SOURCES.md").read_text(encoding="utf-8")
    assert gk.config.BUNDLED_DOCUMENT.name in sources
    assert "东政办发〔2017〕13号" in sources
