"""The characters OpenCC's t2s changes: shipped as package data, held equal to OpenCC's own."""

from __future__ import annotations

from gongkai_analysis.reading import script


def test_shipped_characters_are_what_the_installed_opencc_changes():
    # a newer OpenCC that changes other characters fails here: rebuild with tools/make_t2s_changed.py
    assert script.shipped_characters() == script.converted_characters()


def test_the_count_uses_the_shipped_list_without_converting_anything():
    script._changed_by_conversion.cache_clear()
    script._converter.cache_clear()
    try:
        assert script.changed_characters("政務公開，計算報告，政务公开") == 4  # 務 開 計 報
        assert script._converter.cache_info().currsize == 0  # OpenCC was not asked
    finally:
        script._changed_by_conversion.cache_clear()
