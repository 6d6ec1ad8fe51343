"""The private jieba tokenizer, its dictionary, cache and quiet loading."""

import subprocess
import sys

import gongkai_analysis as gk
from gongkai_analysis.parsing.segment import Segmenter, policy_terms


def test_policy_terms_are_split_where_jieba_cannot_match():
    terms = policy_terms()
    assert "双随机" in terms and "一公开" in terms and "双随机、一公开" not in terms
    assert "互联网+政务服务" in terms


def test_private_tokenizer_leaves_global_jieba_alone(tmp_path):
    import jieba

    seg = Segmenter(cache_dir=tmp_path)
    assert seg.cut("推进互联网+政务服务") == ["推进", "互联网+政务服务"]
    assert seg.tokenizer is not jieba.dt
    assert "互联网+政务服务" not in jieba.dt.FREQ
    assert (tmp_path / "jieba.cache").exists()


def test_registry_names_are_words(tmp_path):
    seg = Segmenter(cache_dir=tmp_path)
    assert "人力社保局" in seg.cut("人力社保局牵头落实")
    assert "东城园管委会" in seg.cut("东城园管委会负责")


def test_keywords_use_tfidf_and_skip_stop_words(tmp_path):
    seg = Segmenter(cache_dir=tmp_path)
    tokens = seg.tokens("按月度公开财政收支情况，解读财政收支增减变化及原因。")
    assert "的" not in tokens and "情况" not in tokens
    assert seg.keywords(tokens, top_k=2) == ["财政收支", "增减"]
    assert seg.keywords([]) == []


def test_unwritable_cache_folder_falls_back(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    seg = Segmenter(cache_dir=blocker / "cache")
    assert seg.cut("政务公开") == ["政务公开"]


def test_loading_is_quiet_and_import_is_light(tmp_path):
    code = (
        "import sys, gongkai_analysis as gk\n"
        "assert 'jieba' not in sys.modules, 'jieba imported at import time'\n"
        "assert 'matplotlib' not in sys.modules\n"
        "doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT)\n"
        "print(len(doc.tasks))\n"
    )
    env = {"GONGKAI_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "65"
    assert done.stderr == ""


def test_parse_without_tokens_has_no_token_columns():
    doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
    assert "tokens" not in doc.tasks.columns


def _fixture_texts():
    from pathlib import Path

    from gongkai_analysis.reading.files import read_path

    folder = Path(__file__).resolve().parents[1] / "fixtures"
    texts = [gk.config.BUNDLED_DOCUMENT.read_text(encoding="utf-8")]
    for path in sorted(folder.iterdir()):
        texts.append(read_path(path).text)
    return [line for text in texts for line in text.split("\n") if line.strip()]


def test_rjieba_gives_jieba_tokens_with_the_user_dictionary(tmp_path):
    """jieba is the reference: any difference is listed, line by line."""
    from gongkai_analysis.parsing.segment import compare_segmenters

    texts = _fixture_texts()
    assert len(texts) > 150
    differences = compare_segmenters(texts)
    assert differences == [], "\n".join(f"{d['jieba']} != {d['rjieba']}" for d in differences[:5])


def test_make_segmenter(tmp_path):
    from gongkai_analysis.parsing.segment import RustSegmenter, make_segmenter

    assert isinstance(make_segmenter("auto"), RustSegmenter)  # rjieba is in the dev extra
    assert type(make_segmenter("jieba")) is Segmenter
    import pytest

    with pytest.raises(ValueError, match="unknown segmenter"):
        make_segmenter("thulac")


def test_keywords_do_not_depend_on_the_segmenter():
    from gongkai_analysis.parsing.segment import make_segmenter

    a = gk.parse_document(gk.config.BUNDLED_DOCUMENT, segmenter=make_segmenter("jieba"))
    b = gk.parse_document(gk.config.BUNDLED_DOCUMENT, segmenter=make_segmenter("rjieba"))
    assert a.tasks["tokens"].tolist() == b.tasks["tokens"].tolist()
    assert a.tasks["keywords"].tolist() == b.tasks["keywords"].tolist()


def test_hostile_temp_dir_and_unwritable_home(tmp_path):
    """A junk, read-only jieba.cache in the shared temp dir, a world-writable folder
    squatting our fallback name and a home that cannot hold a cache: parsing still works."""
    import os

    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    junk = shared / "jieba.cache"
    junk.write_bytes(b"not a marshal cache")
    junk.chmod(0o444)
    squatted = shared / f"gongkai_analysis-{os.getuid()}"
    squatted.mkdir()
    squatted.chmod(0o777)
    home = tmp_path / "home-is-a-file"
    home.write_text("")
    code = ("import gongkai_analysis as gk\n"
            "from gongkai_analysis.parsing.segment import make_segmenter\n"
            "for name in ('jieba', 'rjieba'):\n"
            "    doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, segmenter=make_segmenter(name))\n"
            "    print(name, len(doc.tasks), doc.tasks['tokens'].map(len).sum() > 1000)\n")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "TMPDIR": str(shared)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["jieba", "65", "True", "rjieba", "65", "True"]
    assert done.stderr == ""
    assert list(squatted.iterdir()) == []  # nothing written where others can write
    assert junk.read_bytes() == b"not a marshal cache"


def test_tokens_many_cuts_each_text_as_on_its_own():
    from gongkai_analysis.parsing.segment import make_segmenter

    doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
    texts = [*doc.tasks["text"], "有\u2029分隔符的文本", "", "双随机、一公开"]
    for name in ("jieba", "rjieba"):
        seg = make_segmenter(name)
        assert seg.tokens_many(texts) == [seg.tokens(t) for t in texts]
        assert seg.tokens_many(texts[:-3]) == [seg.tokens(t) for t in texts[:-3]]


def _corrupt(path):
    import json

    cached = json.loads(path.read_text(encoding="utf-8"))
    first = next(iter(cached))
    cached[first] = "not a number"
    path.write_text(json.dumps(cached, ensure_ascii=False), encoding="utf-8")
    return first


def test_a_corrupt_user_dictionary_cache_is_rebuilt_with_one_log_line(tmp_path, caplog):
    import json
    import logging

    from gongkai_analysis.parsing.segment import RustSegmenter

    for kind in (Segmenter, RustSegmenter):
        folder = tmp_path / kind.__name__
        expected = kind(cache_dir=folder).tokens("深入推进互联网+政务服务和政务舆情回应工作")
        (cache,) = folder.glob("userdict-*.json")
        word = _corrupt(cache)
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="gongkai_analysis"):
            seg = kind(cache_dir=folder)
            assert seg.tokens("深入推进互联网+政务服务和政务舆情回应工作") == expected
        messages = [r.getMessage() for r in caplog.records]
        assert len(messages) == 1 and "rebuilding it" in messages[0] and cache.name in messages[0]
        assert isinstance(json.loads(cache.read_text(encoding="utf-8"))[word], int)  # rebuilt
        cache.write_text("{not json", encoding="utf-8")
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="gongkai_analysis"):
            assert kind(cache_dir=folder).cut("推进互联网+政务服务") == ["推进", "互联网+政务服务"]
        assert len(caplog.records) == 1


def test_rjieba_mode_does_not_import_jieba_once_the_cache_is_made(tmp_path):
    code = ("import sys, gongkai_analysis as gk\n"
            "doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT)\n"
            "print(doc.tasks['keywords'].map(len).sum() > 100, 'jieba' in sys.modules, 'rjieba' in sys.modules)\n")
    env = {"GONGKAI_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert first.stdout.split() == ["True", "True", "False"]  # jieba works out the user words' frequencies once
    # and rjieba's package, which builds a tokenizer of its own on import, is not imported either
    assert second.stdout.split() == ["True", "False", "False"]


def test_keywords_are_jiebas_tfidf_ranking(bundled):
    """The cached IDF per word gives exactly the ranking of jieba's TF-IDF over the filtered tokens."""
    from collections import Counter

    from gongkai_analysis.parsing.segment import _load_idf, keyword_stop_words, make_segmenter

    seg = make_segmenter("rjieba")
    idf, median = _load_idf(seg._writable_cache_dir())
    stop = keyword_stop_words()

    def reference(tokens, top_k=5):
        counts = Counter(w for w in tokens if len(w) >= 2 and w not in stop)
        total = sum(counts.values())
        weights = {w: n / total * idf.get(w, median) for w, n in counts.items()}
        return sorted(weights, key=lambda w: -weights[w])[:top_k]

    tokens = [list(t) for t in bundled.tasks["tokens"]]
    assert [seg.keywords(t) for t in tokens] == [reference(t) for t in tokens]
    assert [seg.keywords(t, top_k=2) for t in tokens] == [reference(t, 2) for t in tokens]
    assert sum(map(len, (seg.keywords(t) for t in tokens))) > 250
