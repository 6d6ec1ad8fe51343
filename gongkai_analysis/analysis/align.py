"""Aligning the tasks of two documents, and finding near-duplicate tasks in a corpus.

Texts are compared by **character n-gram containment** after the genre's
boilerplate (进一步, 做好…工作, 加大…力度 …; ``data/boilerplate.txt``) and all
punctuation and spacing have been removed: ``containment_a`` is the share of
task A's n-grams found in task B, ``containment_b`` the share of B's found in
A.  A one-to-one alignment is the optimal assignment
(:func:`scipy.optimize.linear_sum_assignment`) on their mean; a one-to-many
alignment gives each task of B the task of A that contains it most (a parent
task split into several child tasks).  The changed spans of each aligned pair
come from :mod:`rapidfuzz`'s edit operations.

Works on any tasks-shaped frame (``doc_id``, ``task_id``, ``text``): two years
of one plan, a city's plan against its district's, or two versions of a
regulation article by article (the parser reads a regulation's articles as
tasks of kind ``article``).

Examples
--------
>>> import pandas as pd
>>> a = pd.DataFrame({"doc_id": "2017", "task_id": ["1", "2"],
...                   "text": ["进一步做好政府信息公开工作，按时发布年度报告。", "推进财政预决算公开。"]})
>>> b = pd.DataFrame({"doc_id": "2018", "task_id": ["1", "2"],
...                   "text": ["做好政府信息公开工作，按时发布年度报告。", "加强网站集约化建设。"]})
>>> align_tasks(a, b)[["task_id_a", "task_id_b", "similarity", "label"]]
  task_id_a task_id_b  similarity    label
0         1         1         1.0   copied
1         2      <NA>         0.0  dropped
2      <NA>         2         0.0    added
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd
from .. import config
from ..errors import ParseError

#: Labels of a pair, from most to least similar, then the unaligned ones.
#: (Belongs in ``vocab.py`` once the package is reorganised.)
ALIGN_LABELS = pd.CategoricalDtype(["copied", "paraphrased", "rewritten", "added", "dropped"], ordered=True)
#: Chinese names of the labels, for tables and charts.  (Belongs in ``vocab.py``.)
ALIGN_LABEL_NAMES = {"copied": "沿用", "paraphrased": "改写", "rewritten": "重写", "added": "新增", "dropped": "删除"}
#: Similarity at or above which a pair is ``copied``; at or above ``PARAPHRASED`` it is ``paraphrased``.
COPIED = 0.7
PARAPHRASED = 0.3
#: Edit operations of :func:`diff_tasks`.  (Belongs in ``vocab.py``.)
DIFF_OPS = pd.CategoricalDtype(["replace", "delete", "insert"], ordered=True)

PAIR_COLUMNS = ["doc_id_a", "task_id_a", "doc_id_b", "task_id_b", "text_a", "text_b",
                "containment_a", "containment_b", "similarity", "parts", "label"]

_PUNCT_OR_SPACE = re.compile(r"[\s\W_]+")


class CompareError(ParseError):
    """Tables that cannot be compared: a missing column, a repeated task, a bad option.

    Examples
    --------
    >>> str(CompareError("missing column 'text'", source="a"))
    "a: missing column 'text'"
    """


# --------------------------------------------------------------------------- texts

def load_boilerplate(path=None) -> list[str]:
    """Read a boilerplate list: one phrase a line, ``…`` marks a kept slot, ``#`` a comment.

    Parameters
    ----------
    path : str or Path, optional
        Your own list; the package's ``data/boilerplate.txt`` by default.

    Returns
    -------
    list of str
        The phrases, longest first.

    Examples
    --------
    >>> phrases = load_boilerplate()
    >>> "进一步" in phrases and "做好…工作" in phrases
    True
    """
    path = config.package_data("boilerplate.txt") if path is None else path
    with open(path, encoding="utf-8") as handle:
        lines = [line.strip() for line in handle]
    phrases = [line for line in lines if line and not line.startswith("#")]
    return sorted(dict.fromkeys(phrases), key=len, reverse=True)


@functools.lru_cache(maxsize=8)
def _boilerplate_pattern(phrases: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    patterns = []
    for phrase in phrases:
        if "…" in phrase:
            head, _, tail = phrase.partition("…")
            patterns.append(re.compile(f"{re.escape(head)}(.{{1,20}}?){re.escape(tail)}"))
        else:
            patterns.append(re.compile(re.escape(phrase)))
    return tuple(patterns)


def normalise_texts(texts: pd.Series | Iterable[str], *, boilerplate: Iterable[str] | None = None) -> pd.Series:
    """Texts as they are compared: NFKC, boilerplate removed, no punctuation or spaces.

    Parameters
    ----------
    texts : Series or iterable of str
        Missing values become empty strings.
    boilerplate : iterable of str, optional
        Phrases to remove (``…`` keeps what stands between); :func:`load_boilerplate` by default,
        ``[]`` for none.

    Returns
    -------
    Series of str

    Examples
    --------
    >>> normalise_texts(["进一步做好政务公开工作。", "加大（财政）公开力度"]).tolist()
    ['政务公开', '财政公开']
    """
    phrases = tuple(load_boilerplate() if boilerplate is None else boilerplate)
    patterns = _boilerplate_pattern(tuple(sorted(phrases, key=len, reverse=True)))
    series = pd.Series(list(texts) if not isinstance(texts, pd.Series) else texts, dtype="string")
    out = series.fillna("").map(lambda t: unicodedata.normalize("NFKC", t))
    for pattern in patterns:
        out = out.str.replace(pattern, lambda m: m.group(1) if m.groups() else "", regex=True)
    out = out.str.replace(_PUNCT_OR_SPACE, "", regex=True)
    return out.astype(object).where(out.notna(), "").astype(str).set_axis(series.index)


def _grams(text: str, n: int) -> list[str]:
    """The distinct n-grams of `text` in reading order (so that vocabulary ids, and with them
    the MinHash signatures of :func:`align_corpus`, do not depend on Python's hash seed)."""
    if len(text) <= n:
        return [text] if text else []
    return list(dict.fromkeys(text[i:i + n] for i in range(len(text) - n + 1)))


def ngram_matrix(*groups: Iterable[str], n: int = 3) -> list:
    """Binary texts × n-grams matrices over one shared vocabulary (one matrix per group).

    Parameters
    ----------
    *groups : iterable of str
        Groups of texts; each gives one matrix.
    n : int, default 3
        Characters per gram (a text no longer than `n` is one gram; an empty text none).

    Returns
    -------
    list of scipy.sparse.csr_matrix
        One texts × vocabulary matrix per group, 1 where the text holds the gram;
        all of the same width.

    Examples
    --------
    >>> xa, xb = ngram_matrix(["甲乙丙丁"], ["乙丙丁戊", "戊"], n=3)
    >>> xa.shape[0], xb.shape[0], int((xa @ xb.T).toarray()[0, 0])
    (1, 2, 1)
    """
    from scipy import sparse

    vocab: dict[str, int] = {}
    out = []
    for texts in groups:
        indptr, indices = [0], []
        for text in texts:
            grams = _grams(text, n)
            indices.extend(vocab.setdefault(g, len(vocab)) for g in grams)
            indptr.append(len(indices))
        out.append((np.asarray(indptr), np.asarray(indices, dtype=np.int64)))
    width = max(len(vocab), 1)
    return [sparse.csr_matrix((np.ones(len(ind), dtype=np.int32), ind, ptr), shape=(len(ptr) - 1, width))
            for ptr, ind in out]


def containment(a_texts, b_texts, *, n: int = 3, boilerplate=None) -> tuple[np.ndarray, np.ndarray]:
    """Containment of each text of A in each text of B and the reverse, as two dense matrices.

    Parameters
    ----------
    a_texts, b_texts : iterable of str
        The texts of A and of B.
    n : int, default 3
        Characters per gram.
    boilerplate : iterable of str, optional
        Phrases removed before comparing (see :func:`normalise_texts`).

    Returns
    -------
    (ndarray, ndarray)
        ``ca[i, j]`` = share of A[i]'s n-grams found in B[j]; ``cb[i, j]`` = share of B[j]'s found in A[i].

    Examples
    --------
    >>> ca, cb = containment(["甲乙丙丁"], ["甲乙丙"], n=2)
    >>> ca.round(3).tolist(), cb.round(3).tolist()
    ([[0.667]], [[1.0]])
    """
    na = normalise_texts(a_texts, boilerplate=boilerplate)
    nb = normalise_texts(b_texts, boilerplate=boilerplate)
    xa, xb = ngram_matrix(na, nb, n=n)
    inter = (xa @ xb.T).toarray()
    size_a = np.asarray(xa.sum(axis=1)).ravel()
    size_b = np.asarray(xb.sum(axis=1)).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        ca = np.where(size_a[:, None] > 0, inter / size_a[:, None], 0.0)
        cb = np.where(size_b[None, :] > 0, inter / size_b[None, :], 0.0)
    return ca, cb


# --------------------------------------------------------------------------- checks

def _check_tasks(frame: pd.DataFrame, name: str, columns=("doc_id", "task_id", "text")) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise CompareError(f"expected a tasks DataFrame, got {type(frame).__name__}", source=name)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise CompareError(f"missing column {missing[0]!r} (a tasks table needs {', '.join(columns)})", source=name)
    keys = frame[["doc_id", "task_id"]].astype("string")
    repeated = keys[keys.duplicated()]
    if len(repeated):
        first = repeated.iloc[0]
        raise CompareError(f"task_id {first['task_id']!r} appears twice in document {first['doc_id']!r}",
                           source=name)
    return frame.reset_index(drop=True)


def label_pairs(similarity: pd.Series, aligned: pd.Series, side_a: pd.Series) -> pd.Series:
    """Labels from similarity: copied ≥ 0.7 > paraphrased ≥ 0.3 > rewritten; added / dropped when unaligned.

    Parameters
    ----------
    similarity : Series of float
        The similarity of each pair.
    aligned : Series of bool
        Whether the row is a pair (False: a task on one side only).
    side_a : Series of bool
        For an unaligned row, whether its task is A's (dropped) or B's (added).

    Returns
    -------
    Series
        Categorical of :data:`ALIGN_LABELS`, with the index of `similarity`.

    Examples
    --------
    >>> label_pairs(pd.Series([0.9, 0.5, 0.1, 0.0]), pd.Series([True, True, True, False]),
    ...             pd.Series([True, True, True, True])).tolist()
    ['copied', 'paraphrased', 'rewritten', 'dropped']
    """
    labels = np.select([~aligned & side_a, ~aligned, similarity >= COPIED, similarity >= PARAPHRASED],
                       ["dropped", "added", "copied", "paraphrased"], "rewritten")
    return pd.Series(pd.Categorical(labels, dtype=ALIGN_LABELS), index=similarity.index)


# --------------------------------------------------------------------------- two documents

def align_tasks(a: pd.DataFrame, b: pd.DataFrame, *, mode: str = "one_to_one", n: int = 3,
                min_similarity: float = 0.15, boilerplate: Iterable[str] | None = None) -> pd.DataFrame:
    """Align the tasks of document A with those of document B.

    Parameters
    ----------
    a, b : DataFrame
        Tasks-shaped tables with ``doc_id``, ``task_id`` and ``text`` (the older or parent document as A).
    mode : {"one_to_one", "one_to_many"}
        ``one_to_one``: an optimal assignment maximising the summed similarity, where
        ``similarity`` is the mean of the two containments.  ``one_to_many``: every task of B
        goes to the task of A that contains the largest share of it, and ``similarity`` is
        that share (``containment_b``), so a split parent task has several children.
    n : int
        Length of the character n-grams (3 by default).
    min_similarity : float
        Pairs below this are not aligned: A's task is ``dropped`` and B's ``added``.
    boilerplate : iterable of str, optional
        Phrases removed before comparing; the package's list by default.

    Returns
    -------
    DataFrame
        One row per pair, in B's order with dropped tasks after their predecessor:
        ``doc_id_a``, ``task_id_a``, ``doc_id_b``, ``task_id_b``, ``text_a``, ``text_b``
        (the texts as printed), ``containment_a``, ``containment_b``, ``similarity`` (0–1,
        rounded to 4 places), ``parts`` (how many tasks of B share this task of A) and ``label``
        (ordered: copied < paraphrased < rewritten < added < dropped).

    Raises
    ------
    CompareError
        A column missing, a task_id repeated, or a bad option.

    Examples
    --------
    A task split in two, aligned one-to-many:

    >>> a = pd.DataFrame({"doc_id": "市", "task_id": ["1"], "text": ["公开财政预算决算，公开重大建设项目批准和实施信息。"]})
    >>> b = pd.DataFrame({"doc_id": "区", "task_id": ["1", "2"], "text": ["公开财政预算决算。", "公开重大建设项目批准和实施信息。"]})
    >>> align_tasks(a, b, mode="one_to_many")[["task_id_a", "task_id_b", "similarity", "parts", "label"]]
      task_id_a task_id_b  similarity  parts   label
    0         1         1         1.0      2  copied
    1         1         2         1.0      2  copied
    """
    from scipy.optimize import linear_sum_assignment

    if mode not in ("one_to_one", "one_to_many"):
        raise CompareError(f"mode must be 'one_to_one' or 'one_to_many', not {mode!r}", source="align_tasks")
    if not 0 <= min_similarity <= 1:
        raise CompareError(f"min_similarity must lie in [0, 1], not {min_similarity!r}", source="align_tasks")
    a = _check_tasks(a, "a")
    b = _check_tasks(b, "b")
    ca, cb = containment(a["text"], b["text"], n=n, boilerplate=boilerplate)
    if mode == "one_to_one":
        score = (ca + cb) / 2
        rows, cols = linear_sum_assignment(score, maximize=True) if score.size else (np.array([], int),) * 2
    else:
        score = cb
        cols = np.arange(len(b)) if len(a) else np.array([], int)
        rows = score.argmax(axis=0) if len(a) else np.array([], int)
    keep = score[rows, cols] >= max(min_similarity, 1e-12)
    rows, cols = rows[keep], cols[keep]

    dropped = np.setdiff1d(np.arange(len(a)), rows)
    added = np.setdiff1d(np.arange(len(b)), cols)
    ia = np.concatenate([rows, dropped, np.full(len(added), -1)])
    ib = np.concatenate([cols, np.full(len(dropped), -1), added])
    aligned = (ia >= 0) & (ib >= 0)

    def pick(m, i, j):
        return np.where(aligned, m[np.maximum(i, 0), np.maximum(j, 0)] if m.size else 0.0, 0.0)

    def side(frame, col, idx):
        values = frame[col].astype(object).to_numpy()[np.maximum(idx, 0)] if len(frame) else None
        return pd.array(np.where(idx >= 0, values, None), dtype="string")

    pairs = pd.DataFrame({
        "doc_id_a": side(a, "doc_id", ia), "task_id_a": side(a, "task_id", ia),
        "doc_id_b": side(b, "doc_id", ib), "task_id_b": side(b, "task_id", ib),
        "text_a": side(a, "text", ia), "text_b": side(b, "text", ib),
        "containment_a": pick(ca, ia, ib).round(4), "containment_b": pick(cb, ia, ib).round(4),
        "similarity": pick(score, ia, ib).round(4),
    })
    pairs["parts"] = pd.Series(ia).map(pd.Series(ia[aligned]).value_counts()).fillna(0).astype(int).to_numpy()
    pairs["label"] = label_pairs(pairs["similarity"], pd.Series(aligned), pd.Series(ia >= 0))
    # Order: B's order; a dropped task of A right after the B task its predecessor went to.
    pos_b = pd.Series(np.where(ib >= 0, ib, np.nan))
    by_a = pd.Series(pos_b.to_numpy(), index=ia).loc[lambda s: s.index >= 0].groupby(level=0).max()
    before = by_a.cummax().ffill().fillna(-1)
    key = pos_b.copy()
    is_dropped = ib < 0
    key[is_dropped] = before.reindex(ia[is_dropped]).to_numpy() + 0.5
    order = np.lexsort((np.where(ia >= 0, ia, 0), key.to_numpy()))
    return pairs.iloc[order].reset_index(drop=True)[PAIR_COLUMNS]


def diff_tasks(pairs: pd.DataFrame, *, min_equal: int = 2) -> pd.DataFrame:
    """The changed spans of each aligned pair, character by character.

    Parameters
    ----------
    pairs : DataFrame
        From :func:`align_tasks` (needs ``text_a`` and ``text_b``; unaligned rows are skipped).
    min_equal : int
        Two changes separated by fewer unchanged characters than this are joined into one span,
        so ``如需延长`` → ``需要延长`` reads as one change, not three.

    Returns
    -------
    DataFrame
        One row per changed span: the pair's ids, ``op`` (replace, delete, insert),
        ``start_a``, ``end_a``, ``start_b``, ``end_b`` (0-based, end exclusive, in the printed
        texts) and ``old``, ``new`` (the spans' text).

    Raises
    ------
    CompareError
        When `pairs` lacks a column of :func:`align_tasks`' output.

    Examples
    --------
    >>> pairs = pd.DataFrame({"doc_id_a": ["2007"], "task_id_a": ["24"], "doc_id_b": ["2019"], "task_id_b": ["33"],
    ...                       "text_a": ["自收到申请之日起15个工作日内予以答复"], "text_b": ["自收到申请之日起20个工作日内予以答复"]})
    >>> diff_tasks(pairs)[["op", "start_a", "end_a", "old", "new"]]
            op  start_a  end_a old new
    0  replace        8     10  15  20
    """
    from rapidfuzz.distance import Indel

    for column in ("text_a", "text_b"):
        if column not in pairs.columns:
            raise CompareError(f"missing column {column!r} (expected the pairs of align_tasks)", source="pairs")
    ids = [c for c in ("doc_id_a", "task_id_a", "doc_id_b", "task_id_b") if c in pairs.columns]
    both = pairs[pairs["text_a"].notna() & pairs["text_b"].notna()]
    records = []
    for row in both.itertuples(index=False):
        text_a, text_b = str(row.text_a), str(row.text_b)
        spans = [[op.src_start, op.src_end, op.dest_start, op.dest_end]
                 for op in Indel.opcodes(text_a, text_b) if op.tag != "equal"]
        merged: list[list[int]] = []
        for span in spans:
            if merged and span[0] - merged[-1][1] < min_equal and span[2] - merged[-1][3] < min_equal:
                merged[-1][1], merged[-1][3] = span[1], span[3]
            else:
                merged.append(span)
        key = tuple(getattr(row, c) for c in ids)
        for sa, ea, sb, eb in merged:
            records.append((*key, sa, ea, sb, eb, text_a[sa:ea], text_b[sb:eb]))
    out = pd.DataFrame(records, columns=[*ids, "start_a", "end_a", "start_b", "end_b", "old", "new"])
    op = np.select([(out["end_a"] > out["start_a"]) & (out["end_b"] > out["start_b"]), out["end_a"] > out["start_a"]],
                   ["replace", "delete"], "insert") if len(out) else np.array([], dtype=object)
    out.insert(len(ids), "op", pd.Categorical(op, dtype=DIFF_OPS))
    for column in ("old", "new", *ids):
        out[column] = out[column].astype("string")
    return out


# --------------------------------------------------------------------------- a corpus

def align_corpus(tasks: pd.DataFrame, *, blocking: str | None = "lsh", threshold: float = 0.7, n: int = 3,
                 num_perm: int = 128, lsh_threshold: float | None = None, within: bool = False,
                 boilerplate: Iterable[str] | None = None, chunk: int = 500) -> pd.DataFrame:
    """Near-duplicate tasks across the documents of a corpus.

    Parameters
    ----------
    tasks : DataFrame
        A tasks table of many documents (``doc_id``, ``task_id``, ``text``).
    blocking : {"lsh", None}
        ``"lsh"``: candidate pairs from MinHash LSH (:mod:`datasketch`) on the n-gram sets,
        then exact similarity for the candidates only (near-linear).  ``None``: every pair,
        by sparse matrix products in chunks of `chunk` rows (quadratic, exact).
    threshold : float
        Keep pairs whose ``similarity`` (mean of the two containments) reaches this.
    n : int
        Length of the character n-grams.
    num_perm, lsh_threshold : int, float
        MinHash permutations and the Jaccard threshold of the LSH index.  Pairs the index
        misses are lost, so by default `lsh_threshold` is 0.8 × the Jaccard index that two
        equally long texts at `threshold` have (t / (2 − t): 0.43 for 0.7).
    within : bool
        Also pair tasks of the same document.
    boilerplate : iterable of str, optional
        Phrases removed before comparing.
    chunk : int, default 500
        Rows per sparse matrix product when `blocking` is None.

    Returns
    -------
    DataFrame
        One row per pair (A before B in the table's order): ``doc_id_a``, ``task_id_a``,
        ``doc_id_b``, ``task_id_b``, ``containment_a``, ``containment_b``, ``similarity``, ``label``.

    Raises
    ------
    CompareError
        When `blocking` is neither ``"lsh"`` nor None, `tasks` lacks a column, or a
        task_id appears twice in one document.

    Examples
    --------
    >>> tasks = pd.DataFrame({"doc_id": ["x", "y", "z"], "task_id": ["1", "1", "1"],
    ...     "text": ["主动公开财政预算决算信息", "主动公开财政预算决算信息。", "推进网站集约化建设"]})
    >>> align_corpus(tasks, blocking=None)[["doc_id_a", "doc_id_b", "similarity", "label"]]
      doc_id_a doc_id_b  similarity   label
    0        x        y         1.0  copied
    >>> align_corpus(tasks, blocking="lsh")[["doc_id_a", "doc_id_b", "similarity"]]
      doc_id_a doc_id_b  similarity
    0        x        y         1.0
    """
    if blocking not in ("lsh", None):
        raise CompareError(f"blocking must be 'lsh' or None, not {blocking!r}", source="align_corpus")
    tasks = _check_tasks(tasks, "tasks")
    texts = normalise_texts(tasks["text"], boilerplate=boilerplate)
    (x,) = ngram_matrix(texts, n=n)
    size = np.asarray(x.sum(axis=1)).ravel()
    docs = pd.factorize(tasks["doc_id"].astype("string"))[0]
    if lsh_threshold is None:
        lsh_threshold = max(0.05, 0.8 * threshold / (2 - threshold))
    found = []
    if blocking is None:
        # every pair that shares an n-gram, a block of rows at a time; only pairs above threshold are kept
        xt = x.T.tocsr()
        for start in range(0, x.shape[0], chunk):
            block = (x[start:start + chunk] @ xt).tocoo()
            i, j, inter = block.row + start, block.col, block.data
            keep = (j > i) & (within | (docs[i] != docs[j]))
            found.append(_scored(i[keep], j[keep], inter[keep], size, threshold))
    else:
        i, j = _lsh_candidates(x, num_perm=num_perm, threshold=lsh_threshold)
        if not within:
            keep = docs[i] != docs[j]
            i, j = i[keep], j[keep]
        for start in range(0, len(i), 100_000):
            a, b = i[start:start + 100_000], j[start:start + 100_000]
            inter = np.asarray(x[a].multiply(x[b]).sum(axis=1)).ravel()
            found.append(_scored(a, b, inter, size, threshold))
    empty = (np.array([], int),) * 2 + (np.array([], float),) * 3
    i, j, ca, cb, sim = (np.concatenate(parts) for parts in zip(*found)) if found else empty
    order = np.lexsort((j, i))
    i, j, ca, cb, sim = i[order], j[order], ca[order], cb[order], sim[order]
    out = pd.DataFrame({
        "doc_id_a": tasks["doc_id"].to_numpy()[i], "task_id_a": tasks["task_id"].to_numpy()[i],
        "doc_id_b": tasks["doc_id"].to_numpy()[j], "task_id_b": tasks["task_id"].to_numpy()[j],
        "containment_a": ca.round(4), "containment_b": cb.round(4), "similarity": sim.round(4)})
    for column in ("doc_id_a", "task_id_a", "doc_id_b", "task_id_b"):
        out[column] = out[column].astype("string")
    out["label"] = label_pairs(out["similarity"], pd.Series(True, index=out.index), pd.Series(True, index=out.index))
    return out


def _scored(i, j, inter, size, threshold):
    """Containments and similarity of candidate pairs; those below `threshold` left out."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ca = np.where(size[i] > 0, inter / size[i], 0.0)
        cb = np.where(size[j] > 0, inter / size[j], 0.0)
    sim = (ca + cb) / 2
    keep = sim >= threshold
    return i[keep], j[keep], ca[keep], cb[keep], sim[keep]


def _lsh_candidates(x, *, num_perm: int, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (i < j) whose MinHash signatures agree on a whole band.

    Signatures come from :mod:`datasketch` (``MinHash.bulk``), and so do the number of bands
    and rows per band (those ``MinHashLSH`` chooses for `threshold` and `num_perm`, weighing
    false positives and false negatives alike); the bands are then bucketed for all tasks at
    once with pandas instead of one index query per task.
    """
    from datasketch import MinHash, MinHashLSH

    # each task's n-grams as their column numbers in the shared vocabulary: MinHash's own random
    # permutations do the hashing, so no per-gram SHA-1 is needed
    grams = np.split(x.indices.astype(np.uint64), x.indptr[1:-1])
    present = np.flatnonzero(np.diff(x.indptr) > 0)
    if len(present) < 2:
        return np.array([], int), np.array([], int)
    signatures = np.vstack([m.hashvalues for m in MinHash.bulk([grams[k] for k in present], num_perm=num_perm,
                                                                seed=1, hashfunc=int)])
    index = MinHashLSH(threshold=threshold, num_perm=num_perm)
    bands, rows = index.b, index.r
    width = signatures.dtype.itemsize * rows
    keys = []
    for band in range(bands):
        block = np.ascontiguousarray(signatures[:, band * rows:(band + 1) * rows])
        codes, _ = pd.factorize(block.view(np.dtype((np.void, width))).ravel())
        frame = pd.DataFrame({"code": codes, "task": present})
        frame = frame[frame.duplicated("code", keep=False)]
        if frame.empty:
            continue
        both = frame.merge(frame, on="code", suffixes=("_a", "_b"))
        both = both[both["task_a"] < both["task_b"]]
        keys.append(both["task_a"].to_numpy(np.int64) * x.shape[0] + both["task_b"].to_numpy(np.int64))
    if not keys:
        return np.array([], int), np.array([], int)
    unique = np.unique(np.concatenate(keys))
    return unique // x.shape[0], unique % x.shape[0]
