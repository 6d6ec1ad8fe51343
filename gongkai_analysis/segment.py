"""Word segmentation with a private jieba tokenizer, and TF-IDF keywords.

The :class:`Segmenter` owns a ``jieba.Tokenizer`` of its own (never the
global ``jieba.dt``), loads it on first use, keeps its cache in a per-user
cache folder, keeps jieba's log quiet while loading, and adds a user
dictionary made of the department registry and the genre's policy terms
(``gongkai_analysis/data/terms.txt``).

Keywords are ranked by jieba's own TF-IDF weights (its ``idf.txt``), computed
on the tokens already cut, so a task is segmented once.

Examples
--------
>>> seg = Segmenter()
>>> seg.cut("推进双随机、一公开监管")
['推进', '双随机', '、', '一公开', '监管']
>>> seg.tokens("深入推进互联网+政务服务和政务舆情回应工作")
['互联网+政务服务', '政务舆情', '回应']
"""

from __future__ import annotations

import logging
import math
import os
import re
import threading
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from . import config
from .departments import Registry, load_registry

log = logging.getLogger(__name__)

#: A token worth keeping has a Han character or a Latin letter.
_WORDLIKE = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def _read_list(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def policy_terms() -> list[str]:
    """The genre's policy terms, split at punctuation jieba cannot match.

    ``双随机、一公开`` becomes ``双随机`` and ``一公开``; ``互联网+政务服务`` stays
    whole because jieba keeps ``+`` inside words.
    """
    terms: list[str] = []
    for term in _read_list(config.package_data("terms.txt")):
        terms.extend(part for part in re.split(r"[、，,（）()〔〕“”\"《》\s]+", term) if part)
    return list(dict.fromkeys(terms))


def stop_words() -> frozenset[str]:
    """The bundled stop-word list (function words, removed from tokens)."""
    return frozenset(_read_list(config.package_data("stopwords.txt")))


def keyword_stop_words() -> frozenset[str]:
    """Words of the genre kept in tokens but never chosen as keywords."""
    return stop_words() | frozenset(_read_list(config.package_data("keyword_stopwords.txt")))


class Segmenter:
    """A lazily loaded private jieba tokenizer with the project's dictionary.

    Parameters
    ----------
    registry : Registry, optional
        Department names to add to the dictionary (the bundled registry when
        omitted).
    extra_words : iterable of str, optional
        More words to add.
    cache_dir : path, optional
        Where jieba keeps its dictionary cache (``config.cache_dir()`` when
        omitted; a per-user temp folder when that is not writable).
    """

    def __init__(
        self,
        *,
        registry: Registry | None = None,
        extra_words: Iterable[str] = (),
        cache_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        self._registry = registry
        self._extra = list(extra_words)
        self._cache_dir = Path(cache_dir) if cache_dir is not None else None
        self._tokenizer = None
        self._idf: dict[str, float] | None = None
        self._median_idf = 0.0
        self._stop = stop_words()
        self._keyword_stop = keyword_stop_words()
        self._lock = threading.Lock()

    # -- loading -----------------------------------------------------------
    def user_words(self) -> list[str]:
        """Every word this segmenter adds to jieba's dictionary."""
        registry = self._registry if self._registry is not None else load_registry()
        names = [n for n in registry.names() if not re.search(r"[、，（）〔〕()\s]", n)]
        return list(dict.fromkeys([*policy_terms(), *names, *self._extra]))

    @property
    def tokenizer(self):
        """The private ``jieba.Tokenizer``, initialised on first access."""
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    self._tokenizer = self._load()
        return self._tokenizer

    def _load(self):
        import jieba

        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = str(self._writable_cache_dir())
        jieba_log = logging.getLogger("jieba")
        level = jieba_log.level
        jieba_log.setLevel(logging.CRITICAL + 1)  # quiet while loading, restored below
        try:
            tokenizer.initialize()
        finally:
            jieba_log.setLevel(level)
        for word in self.user_words():
            tokenizer.add_word(word)
        log.debug("jieba tokenizer ready (cache in %s)", tokenizer.tmp_dir)
        return tokenizer

    def _writable_cache_dir(self) -> Path:
        for folder in (self._cache_dir or config.cache_dir(), config.fallback_cache_dir()):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                probe = folder / f".probe-{os.getpid()}"
                probe.write_bytes(b"")
                probe.unlink()
                return folder
            except OSError:
                log.debug("cache folder %s is not writable", folder)
        return config.fallback_cache_dir()

    # -- segmentation ------------------------------------------------------
    def cut(self, text: str) -> list[str]:
        """Segment `text` with jieba's default (HMM) mode, keeping every piece."""
        return self.tokenizer.lcut(text)

    def tokens(self, text: str) -> list[str]:
        """Segment `text` and drop stop words, punctuation, spaces and bare numbers."""
        return [w for w in self.cut(text) if _WORDLIKE.search(w) and w not in self._stop]

    def keywords(self, tokens: list[str], *, top_k: int = 5) -> list[str]:
        """Rank `tokens` by jieba's TF-IDF weights and return the `top_k` best.

        Words of one character, stop words and the genre's generic words
        (``keyword_stopwords.txt``) are never keywords; ties keep
        the order of first appearance.
        """
        counts = Counter(w for w in tokens if len(w) >= 2 and w not in self._keyword_stop)
        if not counts:
            return []
        idf, median = self._idf_table()
        total = sum(counts.values())
        weights = {w: n / total * idf.get(w, median) for w, n in counts.items()}
        return sorted(weights, key=lambda w: -weights[w])[:top_k]

    def _idf_table(self) -> tuple[dict[str, float], float]:
        if self._idf is None:
            import jieba

            path = Path(jieba.__file__).parent / "analyse" / "idf.txt"
            idf: dict[str, float] = {}
            with open(path, encoding="utf-8") as handle:
                for line in handle:
                    word, _, value = line.strip().partition(" ")
                    if value:
                        idf[word] = float(value)
            values = sorted(idf.values())
            self._median_idf = values[len(values) // 2] if values else math.log(2)
            self._idf = idf
        return self._idf, self._median_idf

