"""Reading a corpus of tasks: keyword in context, keyness and word co-occurrence.

The counterparts, for Chinese policy tasks, of quanteda's ``kwic``,
``textstat_keyness`` and ``fcm``.  Words are the jieba ``tokens`` the parser
makes (``parse_document(..., tokens=True)``); the genre's function words
(加强, 推进, 落实, 进一步 …; ``data/genre_stopwords.txt``) are left out of
keyness and co-occurrence unless you pass ``stopwords=()``.

Examples
--------
>>> import pandas as pd
>>> tasks = pd.DataFrame({"doc_id": "d", "task_id": ["1", "2"], "text": ["主动公开预算", "加强考核"],
...                       "tokens": [["主动", "公开", "预算"], ["考核"]]})
>>> kwic(tasks, "公开", window=2)[["left", "keyword", "right"]]
  left keyword right
0   主动      公开    预算
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .. import config
from .align import CompareError

#: Keyness measures.  (Belongs in ``vocab.py``.)
KEYNESS_MEASURES = ("chi2", "g2", "log_ratio")


def load_stopwords(path=None) -> frozenset[str]:
    """The genre's function words (one a line, ``#`` a comment); the package's list by default.

    Parameters
    ----------
    path : path, optional
        A UTF-8 word list; the bundled ``genre_stopwords.txt`` by default.

    Returns
    -------
    frozenset of str
        The words, stripped, without blank and comment lines.

    Raises
    ------
    OSError
        When `path` cannot be read.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as handle:
    ...     _ = handle.write("# genre words\\n加强\\n\\n 推进 \\n")
    >>> sorted(load_stopwords(handle.name))
    ['加强', '推进']
    >>> {"加强", "推进", "落实", "进一步"} <= load_stopwords()
    True
    """
    path = config.package_data("genre_stopwords.txt") if path is None else path
    with open(path, encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip() and not line.startswith("#"))


def _need(frame: pd.DataFrame, columns, name: str = "tasks") -> None:
    if not isinstance(frame, pd.DataFrame):
        raise CompareError(f"expected a DataFrame, got {type(frame).__name__}", source=name)
    for column in columns:
        if column not in frame.columns:
            hint = " (parse with tokens=True)" if column == "tokens" else ""
            raise CompareError(f"missing column {column!r}{hint}", source=name)


def _units_by_task(responsibilities: pd.DataFrame | None) -> pd.Series | None:
    if responsibilities is None:
        return None
    _need(responsibilities, ("doc_id", "task_id", "unit"), "responsibilities")
    frame = responsibilities[["doc_id", "task_id", "unit"]].astype("string").drop_duplicates()
    return frame.groupby(["doc_id", "task_id"], sort=False)["unit"].agg(lambda s: "、".join(s.dropna()))


# --------------------------------------------------------------------------- kwic

def kwic(tasks: pd.DataFrame, pattern: str, *, window: int = 10, by: str = "char", regex: bool = True,
         responsibilities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Keyword in context: every match of `pattern` in the tasks, with what stands around it.

    Parameters
    ----------
    tasks : DataFrame
        ``doc_id``, ``task_id``, ``text`` (and ``tokens`` for ``by="word"``).
    pattern : str
        A regular expression (or, with ``regex=False``, a literal string).
    window : int
        Context on each side: characters (``by="char"``) or tokens (``by="word"``).
    by : {"char", "word"}
        ``"char"`` searches the printed text; ``"word"`` matches whole jieba tokens
        (the regex must match the entire token) and gives the neighbouring tokens,
        joined by spaces (the tokens have the parser's stop words removed).
    regex : bool
        Read `pattern` as a regular expression.
    responsibilities : DataFrame, optional
        Adds ``units``: the task's units joined by 、.

    Returns
    -------
    DataFrame
        One row per match: ``doc_id``, ``task_id``, ``position`` (character or token index),
        ``left``, ``keyword``, ``right`` (and ``units``).  Write it to Excel with
        ``frame.to_excel`` or the package's workbook helpers.

    Raises
    ------
    CompareError
        When `by` is neither ``char`` nor ``word``, `window` is negative, `pattern`
        is not a regular expression, or `tasks` lacks a column.

    Examples
    --------
    >>> tasks = pd.DataFrame({"doc_id": "d", "task_id": ["1"], "text": ["公开预算，公开决算"],
    ...                       "tokens": [["公开", "预算", "公开", "决算"]]})
    >>> resp = pd.DataFrame({"doc_id": "d", "task_id": ["1", "1"], "unit": ["财政局", "审计局"]})
    >>> kwic(tasks, "公开", window=3, responsibilities=resp)
      doc_id task_id  position left keyword right    units
    0      d       1         0           公开   预算， 财政局、审计局
    1      d       1         5  预算，      公开    决算 财政局、审计局
    >>> kwic(tasks, "决算", by="word", window=1)[["position", "left", "keyword", "right"]]
       position left keyword right
    0         3   公开      决算
    """
    if by not in ("char", "word"):
        raise CompareError(f"by must be 'char' or 'word', not {by!r}", source="kwic")
    if window < 0:
        raise CompareError(f"window must be 0 or more, not {window!r}", source="kwic")
    _need(tasks, ("doc_id", "task_id", "text") + (("tokens",) if by == "word" else ()))
    try:
        compiled = re.compile(pattern if regex else re.escape(pattern))
    except re.error as exc:
        raise CompareError(f"pattern {pattern!r} is not a regular expression: {exc}", source="kwic") from None
    records = []
    ids = zip(tasks["doc_id"].astype("string"), tasks["task_id"].astype("string"))
    if by == "char":
        for (doc_id, task_id), text in zip(ids, tasks["text"].fillna("").astype(str)):
            for m in compiled.finditer(text):
                if m.end() == m.start():
                    continue
                records.append((doc_id, task_id, m.start(), text[max(0, m.start() - window):m.start()],
                                m.group(), text[m.end():m.end() + window]))
    else:
        for (doc_id, task_id), tokens in zip(ids, tasks["tokens"]):
            tokens = list(tokens) if tokens is not None and not isinstance(tokens, float) else []
            for i, token in enumerate(tokens):
                if compiled.fullmatch(token):
                    records.append((doc_id, task_id, i, " ".join(tokens[max(0, i - window):i]), token,
                                    " ".join(tokens[i + 1:i + 1 + window])))
    out = pd.DataFrame(records, columns=["doc_id", "task_id", "position", "left", "keyword", "right"])
    for column in ("doc_id", "task_id", "left", "keyword", "right"):
        out[column] = out[column].astype("string")
    out["position"] = out["position"].astype(int)
    units = _units_by_task(responsibilities)
    if units is not None:
        keys = pd.MultiIndex.from_frame(out[["doc_id", "task_id"]])
        out["units"] = pd.array(units.reindex(keys).to_numpy(), dtype="string")
    return out


# --------------------------------------------------------------------------- keyness

def _mask(tasks: pd.DataFrame, selector, name: str) -> np.ndarray:
    if isinstance(selector, pd.Series) and selector.dtype == bool:
        if not selector.index.equals(tasks.index):
            raise CompareError(f"the {name} mask's index does not match the tasks' index", source="keyness")
        return selector.to_numpy()
    if isinstance(selector, np.ndarray) and selector.dtype == bool:
        if len(selector) != len(tasks):
            raise CompareError(f"the {name} mask has {len(selector)} values for {len(tasks)} tasks", source="keyness")
        return selector
    docs = [selector] if isinstance(selector, str) else list(selector)
    unknown = sorted(set(docs) - set(tasks["doc_id"].astype(str)))
    if unknown:
        raise CompareError(f"{name}: no doc_id {unknown[0]!r} in the tasks", source="keyness")
    return tasks["doc_id"].astype(str).isin(docs).to_numpy()


def _word_counts(tokens: pd.Series, stop: frozenset[str]) -> pd.Series:
    words = tokens.explode().dropna().astype(str)
    words = words[~words.isin(stop)]
    return words.value_counts()


def keyness(tasks: pd.DataFrame, target, reference=None, *, measure: str = "chi2",
            stopwords: Iterable[str] | None = None, min_count: int = 1) -> pd.DataFrame:
    """Words that mark the target tasks against the reference tasks.

    Parameters
    ----------
    tasks : DataFrame
        ``doc_id`` and ``tokens``.
    target, reference : boolean mask (Series on the tasks' index, or array) or doc_id(s)
        The two groups, e.g. ``tasks["doc_id"] == "dongcheng"`` or ``["2021", "2022"]``.
        The reference defaults to every task not in the target; the groups must not overlap.
    measure : {"chi2", "g2", "log_ratio"}
        Sorts the table and gives ``p_value`` (chi², 1 degree of freedom, for chi2; the G²
        test for g2 and log_ratio).  All three are computed.
    stopwords : iterable of str, optional
        Left out; the genre's list (:func:`load_stopwords`) by default, ``()`` for none.
    min_count : int
        Keep words seen at least this often in both groups together.

    Returns
    -------
    DataFrame
        One row per word: ``word``, ``count_target``, ``count_reference``, ``per_10k_target``,
        ``per_10k_reference`` (per 10,000 tokens), ``chi2`` (Pearson, 2 × 2, no continuity
        correction), ``g2`` (log-likelihood), both signed negative when the word is relatively
        rarer in the target, ``log_ratio`` (log2 of the ratio of relative frequencies, a zero
        count taken as 0.5) and ``p_value``; the most key word first.

    Raises
    ------
    CompareError
        When `measure` is unknown, `tasks` lacks ``doc_id`` or ``tokens``, a mask does
        not fit the tasks, a doc_id is not in them, or target and reference share
        tasks or hold none.

    Examples
    --------
    >>> tasks = pd.DataFrame({"doc_id": ["a", "b"], "tokens": [["考核", "考核", "公开"], ["公开", "公开", "网站"]]})
    >>> keyness(tasks, "a", stopwords=())[["word", "count_target", "count_reference", "chi2", "log_ratio"]].round(3)
      word  count_target  count_reference   chi2  log_ratio
    0   考核             2                0  3.000        2.0
    1   公开             1                2 -0.667       -1.0
    2   网站             0                1 -1.200       -1.0
    """
    from scipy import stats

    if measure not in KEYNESS_MEASURES:
        raise CompareError(f"measure must be one of {', '.join(KEYNESS_MEASURES)}, not {measure!r}", source="keyness")
    _need(tasks, ("doc_id", "tokens"))
    stop = load_stopwords() if stopwords is None else frozenset(stopwords)
    in_target = _mask(tasks, target, "target")
    in_reference = ~in_target if reference is None else _mask(tasks, reference, "reference")
    if (in_target & in_reference).any():
        raise CompareError("target and reference share tasks", source="keyness")
    if not in_target.any() or not in_reference.any():
        raise CompareError("target or reference holds no task", source="keyness")
    a = _word_counts(tasks.loc[in_target, "tokens"], stop)
    b = _word_counts(tasks.loc[in_reference, "tokens"], stop)
    counts = pd.DataFrame({"count_target": a, "count_reference": b}).fillna(0).astype(int)
    counts = counts[counts.sum(axis=1) >= min_count]
    big_a, big_b = float(a.sum()), float(b.sum())
    n = big_a + big_b
    o11, o21 = counts["count_target"].to_numpy(float), counts["count_reference"].to_numpy(float)
    o12, o22 = big_a - o11, big_b - o21
    row1 = o11 + o21
    expected = [(o11, big_a * row1 / n), (o21, big_b * row1 / n), (o12, big_a * (n - row1) / n),
                (o22, big_b * (n - row1) / n)]
    sign = np.sign(o11 / big_a - o21 / big_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        chi2 = sum(np.where(e > 0, (o - e) ** 2 / e, 0.0) for o, e in expected)
        g2 = 2 * sum(np.where(o > 0, o * np.log(o / e), 0.0) for o, e in expected)
    log_ratio = np.log2((np.where(o11 > 0, o11, 0.5) / big_a) / (np.where(o21 > 0, o21, 0.5) / big_b))
    out = counts.rename_axis("word").reset_index()
    out["word"] = out["word"].astype("string")
    out["per_10k_target"] = (o11 / big_a * 10_000).round(2)
    out["per_10k_reference"] = (o21 / big_b * 10_000).round(2)
    out["chi2"], out["g2"], out["log_ratio"] = sign * chi2, sign * g2, log_ratio
    out["p_value"] = stats.chi2.sf(chi2 if measure == "chi2" else g2, 1)
    return out.sort_values([measure, "word"], ascending=[False, True], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- co-occurrence

def cooccurrence(tasks: pd.DataFrame, *, within: str = "task", min_count: int = 2,
                 stopwords: Iterable[str] | None = None) -> pd.DataFrame:
    """Pairs of words that occur in the same task (or document), with counts and PMI.

    Parameters
    ----------
    tasks : DataFrame
        ``doc_id``, ``task_id`` and ``tokens``.
    within : {"task", "doc"}
        The context unit: a word pair counts once per task (or per document) holding both.
    min_count : int
        Keep pairs seen in at least this many contexts.
    stopwords : iterable of str, optional
        Left out; the genre's list by default, ``()`` for none.

    Returns
    -------
    DataFrame
        A tidy edge list: ``word_a`` < ``word_b``, ``count`` (contexts holding both),
        ``count_a``, ``count_b`` (contexts holding each), ``pmi`` = log2(count · N / (count_a ·
        count_b)) with N contexts, and ``npmi`` (PMI / −log2(count / N), 1 when the two words
        always occur together); the most frequent pairs first.

    Raises
    ------
    CompareError
        When `within` is neither ``task`` nor ``doc``, or `tasks` lacks a column.

    Examples
    --------
    >>> tasks = pd.DataFrame({"doc_id": "d", "task_id": ["1", "2", "3", "4"],
    ...     "tokens": [["预算", "决算"], ["预算", "决算", "公开"], ["公开"], ["网站"]]})
    >>> cooccurrence(tasks, stopwords=())
      word_a word_b  count  count_a  count_b  pmi  npmi
    0     决算     预算      2        2        2  1.0   1.0
    """
    from scipy import sparse

    if within not in ("task", "doc"):
        raise CompareError(f"within must be 'task' or 'doc', not {within!r}", source="cooccurrence")
    _need(tasks, ("doc_id", "task_id", "tokens"))
    stop = load_stopwords() if stopwords is None else frozenset(stopwords)
    keys = tasks["doc_id"].astype(str) if within == "doc" else \
        tasks["doc_id"].astype(str) + "\x1f" + tasks["task_id"].astype(str)
    long = pd.DataFrame({"context": keys.to_numpy(), "word": tasks["tokens"].to_numpy()}).explode("word")
    long = long.dropna(subset=["word"])
    long = long[~long["word"].astype(str).isin(stop)].drop_duplicates()
    contexts = keys.nunique()
    rows, context_index = pd.factorize(long["context"])
    cols, words = pd.factorize(long["word"].astype(str))
    x = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)),
                          shape=(len(context_index), len(words)))
    pair_counts = sparse.triu(x.T @ x, k=1).tocoo()
    single = np.asarray(x.sum(axis=0)).ravel()
    keep = pair_counts.data >= min_count
    i, j, c = pair_counts.row[keep], pair_counts.col[keep], pair_counts.data[keep].astype(int)
    word_i, word_j = np.asarray(words)[i], np.asarray(words)[j]
    swap = word_i > word_j
    first, second = np.where(swap, word_j, word_i), np.where(swap, word_i, word_j)
    count_first, count_second = np.where(swap, single[j], single[i]), np.where(swap, single[i], single[j])
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log2(c * contexts / (count_first * count_second.astype(float)))
        npmi = np.where(c < contexts, pmi / -np.log2(c / contexts), 1.0)
    out = pd.DataFrame({"word_a": pd.array(first, dtype="string"), "word_b": pd.array(second, dtype="string"),
                        "count": c, "count_a": count_first.astype(int), "count_b": count_second.astype(int),
                        "pmi": pmi.round(4), "npmi": npmi.round(4)})
    return out.sort_values(["count", "pmi", "word_a", "word_b"], ascending=[False, False, True, True],
                           kind="stable").reset_index(drop=True)
