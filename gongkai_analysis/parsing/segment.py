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

import atexit
import functools
import hashlib
import json
import logging
import math
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from sys import intern

from .. import config
from .departments import Registry, load_registry

log = logging.getLogger(__name__)

#: Joins the texts of one call of the segmenter (a boundary for jieba and jieba-rs alike).
_SEPARATOR = "\u2029"
#: A token worth keeping has a Han character or a Latin letter.
_WORDLIKE = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def _read_list(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def policy_terms() -> list[str]:
    """The genre's policy terms, split at punctuation jieba cannot match.

    ``双随机、一公开`` becomes ``双随机`` and ``一公开``; ``互联网+政务服务`` stays
    whole because jieba keeps ``+`` inside words.

    Returns
    -------
    list of str
        The terms of ``gongkai_analysis/data/terms.txt``, each once, in file order.

    Examples
    --------
    >>> terms = policy_terms()
    >>> "双随机" in terms, "双随机、一公开" in terms, "互联网+政务服务" in terms
    (True, False, True)
    """
    terms: list[str] = []
    for term in _read_list(config.package_data("terms.txt")):
        terms.extend(part for part in re.split(r"[、，,（）()〔〕“”\"《》\s]+", term) if part)
    return list(dict.fromkeys(terms))


def stop_words() -> frozenset[str]:
    """The bundled stop-word list (function words, removed from tokens).

    Returns
    -------
    frozenset of str
        The words of ``gongkai_analysis/data/stopwords.txt``.

    Examples
    --------
    >>> "的" in stop_words(), "公开" in stop_words()
    (True, False)
    """
    return frozenset(_read_list(config.package_data("stopwords.txt")))


def keyword_stop_words() -> frozenset[str]:
    """Words of the genre kept in tokens but never chosen as keywords.

    Returns
    -------
    frozenset of str
        The stop words and the words of ``gongkai_analysis/data/keyword_stopwords.txt``.

    Examples
    --------
    >>> stop_words() < keyword_stop_words()
    True
    """
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

    Examples
    --------
    >>> seg = Segmenter(extra_words=["政务公开工作要点"])
    >>> seg.tokens("印发政务公开工作要点")
    ['印发', '政务公开工作要点']
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
        self._idf: IdfTable | None = None
        self._median_idf = 0.0
        self._stop = stop_words()
        self._keyword_stop = keyword_stop_words()
        self._seen: dict[str, str] = {}  # word -> itself (interned) when kept as a token, else ""
        self._keyword_idf: dict[str, float] = {}  # word -> its IDF, or -1.0 when it is never a keyword
        self._lock = threading.Lock()
        self._cache_ready: Path | None = None
        self._user_words: list[str] | None = None

    # -- loading -----------------------------------------------------------
    def user_words(self) -> list[str]:
        """Every word this segmenter adds to jieba's dictionary.

        Returns
        -------
        list of str
            The policy terms, the registry's names that jieba can match (no
            punctuation or spaces in them) and the extra words, each once.

        Examples
        --------
        >>> words = Segmenter(extra_words=["某某专班"]).user_words()
        >>> "双随机" in words, words[-1]
        (True, '某某专班')
        """
        if self._user_words is None:
            registry = self._registry if self._registry is not None else load_registry()
            names = [n for n in registry.names() if not re.search(r"[、，（）〔〕()\s]", n)]
            self._user_words = list(dict.fromkeys([*policy_terms(), *names, *self._extra]))
        return self._user_words

    @property
    def tokenizer(self):
        """The private tokenizer (a ``jieba.Tokenizer``, or rjieba's), initialised on first access.

        Returns
        -------
        object
            The tokenizer with the user words added.

        Examples
        --------
        >>> type(Segmenter().tokenizer).__name__
        'Tokenizer'
        """
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    self._tokenizer = self._load()
        return self._tokenizer

    def _load(self):
        tokenizer = self._jieba_tokenizer()
        cached = self._cached_freqs()
        if cached is not None:  # the frequencies jieba chose last time: no suggest_freq to run
            for word, freq in cached.items():
                tokenizer.add_word(word, freq)
        else:
            self._add_user_words(tokenizer)
        log.debug("jieba tokenizer ready (cache in %s)", tokenizer.tmp_dir)
        return tokenizer

    def _jieba_tokenizer(self):
        """A private, initialised ``jieba.Tokenizer`` without the user words."""
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
        return tokenizer

    def _add_user_words(self, tokenizer) -> dict[str, int]:
        """Add the user words to a jieba tokenizer at the frequencies jieba suggests; cache and return them."""
        words = self.user_words()
        for word in words:
            tokenizer.add_word(word)
        freqs = {w: int(tokenizer.FREQ[w]) for w in words}
        self._store_freqs(freqs)
        return freqs

    def _freqs_path(self) -> Path:
        digest = hashlib.sha1("\n".join(self.user_words()).encode("utf-8")).hexdigest()[:16]
        return self._writable_cache_dir() / f"userdict-{digest}.json"

    def _cached_freqs(self) -> dict[str, int] | None:
        """jieba's frequency for every user word, as cached by an earlier load (else None).

        A cache that cannot be read or holds anything but a whole number for
        each of today's words is ignored (and rebuilt by the caller), with one
        log line when it was there but broken.
        """
        words = self.user_words()
        path = self._freqs_path()
        try:
            with open(path, encoding="utf-8") as handle:
                cached = json.load(handle)
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("segmenter cache %s cannot be read (%s); rebuilding it", path, exc)
            return None
        if (not isinstance(cached, dict) or list(cached) != words
                or not all(type(cached[w]) is int and cached[w] >= 0 for w in words)):
            log.warning("segmenter cache %s does not hold a frequency for each word; rebuilding it", path)
            return None
        return cached

    def _store_freqs(self, freqs: dict[str, int]) -> None:
        _write_quietly(self._freqs_path(), json.dumps(freqs, ensure_ascii=False).encode("utf-8"))

    def _writable_cache_dir(self) -> Path:
        """The first usable cache folder: the configured one, then a per-user temp one.

        A folder in the shared temp directory is used only when this user owns
        it and nobody else can write to it; failing all, a private folder made
        for this process.
        """
        if self._cache_ready is not None:
            return self._cache_ready
        for folder, shared in ((self._cache_dir or config.cache_dir(), False), (config.fallback_cache_dir(), True)):
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                if shared and not _private(folder):
                    continue
                probe = folder / f".probe-{os.getpid()}"
                probe.write_bytes(b"")
                probe.unlink()
                self._cache_ready = folder
                return folder
            except OSError:
                log.debug("cache folder %s is not usable", folder)
        self._cache_ready = Path(tempfile.mkdtemp(prefix="gongkai-analysis-"))
        atexit.register(shutil.rmtree, self._cache_ready, ignore_errors=True)
        return self._cache_ready

    def warm_up(self) -> Segmenter:
        """Load the tokenizer and the IDF table now rather than on first use.

        Returns
        -------
        Segmenter
            This segmenter, loaded (so that ``make_segmenter().warm_up()`` chains).

        Examples
        --------
        >>> seg = make_segmenter("rjieba").warm_up()
        >>> seg.keywords(["政务", "公开", "预算", "预算"])  # 公开 is never a keyword in this genre
        ['预算', '政务']
        """
        _ = self.tokenizer
        self._idf_table()
        return self

    # -- segmentation ------------------------------------------------------
    def cut(self, text: str) -> list[str]:
        """Segment `text` with jieba's default (HMM) mode, keeping every piece.

        Parameters
        ----------
        text : str

        Returns
        -------
        list of str
            The pieces, which join back into `text`.

        Examples
        --------
        >>> Segmenter().cut("做好政务公开。")
        ['做好', '政务公开', '。']
        """
        return self.tokenizer.lcut(text)

    def tokens(self, text: str) -> list[str]:
        """Segment `text` and drop stop words, punctuation, spaces and bare numbers.

        Parameters
        ----------
        text : str

        Returns
        -------
        list of str
            The words with a Han character or a Latin letter that are not stop words.

        Examples
        --------
        >>> make_segmenter("rjieba").tokens("2024年的政务公开工作。")  # 工作 is a stop word of the genre
        ['政务公开']
        """
        return self._kept(self.cut(text))

    def _kept(self, words: list[str]) -> list[str]:
        """The words worth keeping as tokens, in order (one shared copy of each).

        The vocabulary is small (a corpus repeats the same few thousand words
        millions of times): each distinct word is judged once, in Python, and
        the words are then filtered by ``map``/``filter`` over a dict lookup,
        in C, with no Python code run per word.
        """
        seen = self._seen
        try:
            return list(filter(None, map(seen.__getitem__, words)))
        except KeyError:  # words not judged yet
            for word in set(words).difference(seen):
                seen[word] = intern(word) if _WORDLIKE.search(word) and word not in self._stop else ""
            return list(filter(None, map(seen.__getitem__, words)))

    def tokens_many(self, texts: list[str]) -> list[list[str]]:
        """:meth:`tokens` for many texts at once, in one call of the segmenter.

        The texts are joined with a paragraph separator, which jieba treats as
        a boundary like any space, so every text is cut exactly as on its own;
        one call saves jieba's per-call cost on the many short tasks of a plan.

        Parameters
        ----------
        texts : list of str

        Returns
        -------
        list of list of str
            The tokens of each text, as :meth:`tokens` gives them.

        Examples
        --------
        >>> make_segmenter("rjieba").tokens_many(["做好政务公开。", "", "加强政策解读"])
        [['政务公开'], [], ['政策解读']]
        """
        if not texts or any(_SEPARATOR in t for t in texts):
            return [self.tokens(t) for t in texts]
        words = self.cut(_SEPARATOR.join(texts))
        out: list[list[str]] = []
        start = 0
        for _ in range(len(texts) - 1):  # the separators, found by list.index (in C)
            try:
                end = words.index(_SEPARATOR, start)
            except ValueError:  # never expected; the safe way round
                return [self.tokens(t) for t in texts]
            out.append(self._kept(words[start:end]))
            start = end + 1
        rest = words[start:]
        if _SEPARATOR in rest:  # never expected; the safe way round
            return [self.tokens(t) for t in texts]
        out.append(self._kept(rest))
        return out

    def keywords(self, tokens: list[str], *, top_k: int = 5) -> list[str]:
        """Rank `tokens` by jieba's TF-IDF weights and return the `top_k` best.

        Words of one character, stop words and the genre's generic words
        (``keyword_stopwords.txt``) are never keywords; ties keep
        the order of first appearance.

        Parameters
        ----------
        tokens : list of str
            The tokens of one text (:meth:`tokens`).
        top_k : int, default 5
            How many keywords at most.

        Returns
        -------
        list of str
            The keywords, highest weight first.

        Examples
        --------
        >>> make_segmenter("rjieba").keywords(["财政", "预算", "预算", "公开"], top_k=2)
        ['预算', '财政']
        """
        # the vocabulary is small: each distinct word of the corpus is looked up once
        # (a Counter over map/filter measured no faster: a task has some 20 words)
        known = self._keyword_idf
        counts: dict[str, int] = {}
        for word in tokens:
            if word in counts:
                counts[word] += 1
                continue
            idf = known.get(word)
            if idf is None:
                idf = known[word] = self._word_idf(word)
            if idf >= 0:
                counts[word] = 1
        if not counts:
            return []
        total = sum(counts.values())
        weights = {w: n / total * known[w] for w, n in counts.items()}
        # descending and stable, like jieba's: ties keep the order of first appearance
        return sorted(weights, key=weights.__getitem__, reverse=True)[:top_k]

    def _word_idf(self, word: str) -> float:
        """The IDF weight of a word that may be a keyword, else -1.0."""
        if len(word) < 2 or word in self._keyword_stop:
            return -1.0
        idf, median = self._idf_table()
        return idf.get(word, median)

    def _idf_table(self) -> tuple[IdfTable, float]:
        if self._idf is None:
            self._idf, self._median_idf = _load_idf(self._writable_cache_dir())
        return self._idf, self._median_idf


class RustSegmenter(Segmenter):
    """The same segmentation with rjieba (jieba-rs), many times faster.

    The user dictionary gets the very frequencies jieba gives its words (worked
    out with jieba once, then kept in the cache folder), so both produce the
    same tokens; ``tests/test_segment.py`` checks that on every fixture.
    Keywords keep jieba's TF-IDF weights.

    Examples
    --------
    >>> text = "深入推进互联网+政务服务和政务舆情回应工作"
    >>> RustSegmenter().tokens(text) == Segmenter().tokens(text)
    True
    """

    def _load(self):
        tokenizer = _rjieba_class()()
        for word, freq in self.user_word_freqs().items():
            tokenizer.add_word(word, freq, None)
        return tokenizer

    def user_word_freqs(self) -> dict[str, int]:
        """jieba's frequency for every user word (worked out with jieba once, then cached).

        Returns
        -------
        dict of str to int
            Each of :meth:`user_words` with the frequency jieba's ``add_word`` gives it.

        Examples
        --------
        >>> freqs = RustSegmenter().user_word_freqs()
        >>> all(f > 0 for f in freqs.values()), "双随机" in freqs
        (True, True)
        """
        cached = self._cached_freqs()
        if cached is not None:
            return cached
        return self._add_user_words(self._jieba_tokenizer())

    def cut(self, text: str) -> list[str]:
        """Segment `text` with rjieba's default (HMM) mode, keeping every piece.

        Parameters
        ----------
        text : str

        Returns
        -------
        list of str
            The pieces, as jieba's :meth:`Segmenter.cut` gives them.

        Examples
        --------
        >>> RustSegmenter().cut("做好政务公开。")
        ['做好', '政务公开', '。']
        """
        return self.tokenizer.cut(text, True)


def _rjieba_class():
    """rjieba's ``Jieba`` class, from its compiled module without running the package's ``__init__``.

    ``import rjieba`` builds a module-level tokenizer with the whole default
    dictionary (some 0.3 s of every run) that this package never uses: it owns
    its tokenizer.  Where rjieba's layout is not the one expected, the
    ordinary import is used.
    """
    import importlib.util
    import sys

    module = sys.modules.get("rjieba.rjieba")
    if module is None:
        try:
            spec = importlib.util.find_spec("rjieba")
            folder = Path(list(spec.submodule_search_locations)[0])
            (binary,) = [p for p in folder.iterdir() if p.name.startswith("rjieba.") and p.suffix in (".so", ".pyd")]
            module_spec = importlib.util.spec_from_file_location("rjieba.rjieba", binary)
            module = importlib.util.module_from_spec(module_spec)
            module_spec.loader.exec_module(module)
            sys.modules["rjieba.rjieba"] = module  # loaded once; a later ``import rjieba`` finds it
        except (AttributeError, TypeError, ValueError, OSError, ImportError):
            import rjieba

            return rjieba.Jieba
    return module.Jieba


SEGMENTERS = ("auto", "jieba", "rjieba")


def make_segmenter(name: str = "auto", *, registry: Registry | None = None, **options) -> Segmenter:
    """A segmenter by name: ``jieba``, ``rjieba``, or ``auto`` (rjieba when installed).

    Parameters
    ----------
    name : {"auto", "jieba", "rjieba"}
        Which segmenter; jieba is the reference, rjieba gives the same tokens faster.
    registry : Registry, optional
        Department names for the user dictionary (the bundled registry by default).
    **options
        Passed to :class:`Segmenter` (``extra_words``, ``cache_dir``).

    Returns
    -------
    Segmenter
        Not loaded yet (see :meth:`Segmenter.warm_up`).

    Raises
    ------
    ValueError
        For an unknown name.

    Examples
    --------
    >>> type(make_segmenter("jieba")).__name__
    'Segmenter'
    """
    if name not in SEGMENTERS:
        raise ValueError(f"unknown segmenter {name!r}: expected one of {', '.join(SEGMENTERS)}")
    if name == "auto":
        import importlib.util

        name = "rjieba" if importlib.util.find_spec("rjieba") is not None else "jieba"
    if name == "rjieba":
        return RustSegmenter(registry=registry, **options)
    return Segmenter(registry=registry, **options)


@functools.lru_cache(maxsize=8)
def shared_segmenter(name: str = "auto", registry: Registry | None = None) -> Segmenter:
    """One segmenter per (name, registry) for the whole process, so repeated parses load jieba once.

    Parameters
    ----------
    name : {"auto", "jieba", "rjieba"}
    registry : Registry, optional

    Returns
    -------
    Segmenter

    Examples
    --------
    >>> shared_segmenter("rjieba") is shared_segmenter("rjieba")
    True
    """
    return make_segmenter(name, registry=registry)


def compare_segmenters(texts: Iterable[str], *, registry: Registry | None = None) -> list[dict]:
    """Where rjieba and jieba cut a text differently (jieba is the reference).

    Parameters
    ----------
    texts : iterable of str
    registry : Registry, optional
        Department names for both user dictionaries (the bundled registry by default).

    Returns
    -------
    list of dict
        One record per differing text: its ``index`` and both cuts (``jieba``, ``rjieba``).

    Examples
    --------
    >>> compare_segmenters(["做好政务公开。", "深入推进互联网+政务服务"])
    []
    """
    reference, fast = Segmenter(registry=registry), RustSegmenter(registry=registry)
    differences = []
    for index, text in enumerate(texts):
        expected, got = reference.cut(text), fast.cut(text)
        if expected != got:
            differences.append({"index": index, "jieba": expected, "rjieba": got})
    return differences


def _private(folder: Path) -> bool:
    """Owned by this user and writable by nobody else (always true where there are no uids)."""
    if not hasattr(os, "getuid"):
        return True
    info = folder.stat()
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _idf_source() -> Path:
    """jieba's ``analyse/idf.txt``, found without importing jieba (which takes some 0.2 s).

    jieba (MIT licence) is installed with this package as the reference
    segmenter; only the location of its data file is looked up here.
    """
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed: its IDF table (analyse/idf.txt) gives the keywords")
    return Path(list(spec.submodule_search_locations)[0]) / "analyse" / "idf.txt"


class IdfTable:
    """jieba's IDF weights, looked up by binary search in the sorted words (no dict of 350,000 entries).

    Building a dict of every word took some 60 ms and 40 MB in every process;
    a corpus looks up only a few thousand distinct words, each once
    (:meth:`Segmenter.keywords` keeps what it found).

    Examples
    --------
    >>> import array
    >>> table = IdfTable(["公开", "政务"], array.array("d", [5.5, 7.25]))
    >>> table.get("政务", 1.0), table.get("工作", 1.0), len(table)
    (7.25, 1.0, 2)
    """

    def __init__(self, words: list[str], weights) -> None:
        self._words = words  # sorted
        self._weights = weights

    def __len__(self) -> int:
        return len(self._words)

    def get(self, word: str, default: float) -> float:
        """The weight of `word`, else `default`.

        Parameters
        ----------
        word : str
        default : float
            What a word outside the table weighs (the median, for keywords).

        Returns
        -------
        float

        Examples
        --------
        >>> import array
        >>> IdfTable(["公开"], array.array("d", [5.5])).get("公开", 0.0)
        5.5
        """
        import bisect

        i = bisect.bisect_left(self._words, word)
        if i < len(self._words) and self._words[i] == word:
            return self._weights[i]
        return default


def _load_idf(folder: Path) -> tuple[IdfTable, float]:
    """jieba's IDF table, read from its idf.txt once and then from a compact binary cache.

    The cache holds the weights as an array of doubles and the sorted words as
    one UTF-8 string (no pickle: nothing in it can run code); it loads in a few
    milliseconds.  It is named after the size and time of the idf.txt it was
    made from, so a new jieba makes a new cache; a cache that does not read
    back whole is rebuilt.
    """
    import array
    import struct

    source = _idf_source()
    info = source.stat()
    cache = folder / f"idf-sorted-{info.st_size}-{info.st_mtime_ns}.bin"
    try:
        data = cache.read_bytes()
        count, median = struct.unpack_from("<Qd", data)
        weights = array.array("d")
        weights.frombytes(data[16 : 16 + 8 * count])
        words = data[16 + 8 * count :].decode("utf-8").split("\n")
        if len(words) == count == len(weights):
            return IdfTable(words, weights), median
        log.warning("IDF cache %s is incomplete; rebuilding it", cache)
    except FileNotFoundError:
        pass
    except (OSError, struct.error, ValueError, UnicodeDecodeError) as exc:
        log.warning("IDF cache %s cannot be read (%s); rebuilding it", cache, exc)
    idf: dict[str, float] = {}
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            word, _, value = line.strip().partition(" ")
            if value and "\n" not in word:
                idf[word] = float(value)
    values = sorted(idf.values())
    median = values[len(values) // 2] if values else math.log(2)
    words = sorted(idf)
    weights = array.array("d", (idf[w] for w in words))
    blob = struct.pack("<Qd", len(words), median) + weights.tobytes()
    _write_quietly(cache, blob + "\n".join(words).encode("utf-8"))
    return IdfTable(words, weights), median


def _write_quietly(path: Path, data: bytes) -> None:
    """Write a cache file atomically; a cache that cannot be written is only a slower start."""
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except OSError as exc:
        log.debug("cannot write cache %s: %s", path, exc)

