"""Networks of units that share tasks: who leads whom, who sits between whom.

:func:`unit_network` turns a responsibilities table into a
:class:`networkx.DiGraph`: one node per unit, an edge u → v when u leads a
task v also carries, and edges both ways when two units share a task with
neither (or both) leading it.  Every edge carries ``shared`` (= ``weight``,
tasks the two units share, the same both ways) and ``led`` (tasks in which
the source leads the target).  :func:`network_table` gives per unit the
degree, weighted degree, betweenness and eigenvector centrality and a
brokerage count, per document or for a whole corpus; ``relabel=`` maps units
to their function (e.g. 财政, 统计, 街道) so that networks from different places
can be compared by function rather than by name.

Examples
--------
>>> import pandas as pd
>>> resp = pd.DataFrame({"doc_id": "d", "task_id": ["1", "1", "2", "2"], "unit": ["政府办", "财政局", "财政局", "统计局"],
...                      "role": ["lead", "responsible", "responsible", "responsible"]})
>>> g = unit_network(resp)
>>> sorted(g.edges(data="led"))
[('政府办', '财政局', 1), ('统计局', '财政局', 0), ('财政局', '统计局', 0)]
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .align import CompareError

NETWORK_COLUMNS = ["unit", "tasks", "leads", "degree", "weighted_degree", "betweenness", "eigenvector",
                   "brokerage", "leads_units"]


def _pairs(responsibilities: pd.DataFrame, relabel: Mapping[str, str] | pd.Series | None) -> pd.DataFrame:
    for column in ("doc_id", "task_id", "unit", "role"):
        if column not in responsibilities.columns:
            raise CompareError(f"missing column {column!r}", source="responsibilities")
    task = responsibilities["doc_id"].astype(str) + "\x1f" + responsibilities["task_id"].astype(str)
    frame = pd.DataFrame({"task": task,
                          "unit": responsibilities["unit"].astype("string"),
                          "lead": responsibilities["role"].astype("string").eq("lead").fillna(False).astype(bool)})
    frame = frame.dropna(subset=["unit"])
    if relabel is not None:
        mapping = pd.Series(relabel, dtype="string") if not isinstance(relabel, pd.Series) else relabel.astype("string")
        frame["unit"] = frame["unit"].map(mapping).fillna(frame["unit"]).astype("string")
    return frame.groupby(["task", "unit"], as_index=False, sort=False)["lead"].any()


def unit_network(responsibilities: pd.DataFrame, *, collective: bool = True,
                 relabel: Mapping[str, str] | pd.Series | None = None):
    """A directed graph of the units that share tasks.

    Parameters
    ----------
    responsibilities : DataFrame
        ``doc_id``, ``task_id``, ``unit``, ``role`` (and ``collective`` to drop collective units).
        Pass one document's rows for its network, a corpus for the corpus's.
    collective : bool
        Keep collective units (区政府各部门, 各街道办事处 …); ``False`` drops them.
    relabel : mapping or Series, optional
        unit → new node name (e.g. its function); units not in it keep their name.  Two units
        with one function on one task count once.

    Returns
    -------
    networkx.DiGraph
        Nodes carry ``tasks`` (tasks naming the unit) and ``leads`` (tasks it leads).  Edge
        u → v: u leads a task v shares, or u and v share a task as peers; attributes ``shared``
        and ``weight`` (shared tasks, the same on both directions) and ``led`` (tasks in which u
        leads v).

    Raises
    ------
    CompareError
        When `responsibilities` is not a DataFrame or lacks a column (``collective``
        when `collective` is false).

    Examples
    --------
    >>> resp = pd.DataFrame({"doc_id": "d", "task_id": ["1", "1"], "unit": ["政府办", "财政局"], "role": ["lead", "support"]})
    >>> g = unit_network(resp)
    >>> list(g.edges(data=True))
    [('政府办', '财政局', {'shared': 1, 'weight': 1, 'led': 1})]
    >>> g.nodes["政府办"]
    {'tasks': 1, 'leads': 1}
    """
    import networkx as nx

    if not isinstance(responsibilities, pd.DataFrame):
        raise CompareError(f"expected a DataFrame, got {type(responsibilities).__name__}", source="responsibilities")
    rows = responsibilities
    if not collective:
        if "collective" not in rows.columns:
            raise CompareError("missing column 'collective' (needed for collective=False)", source="responsibilities")
        rows = rows[~rows["collective"].fillna(False).astype(bool)]
    frame = _pairs(rows, relabel)
    graph = nx.DiGraph()
    nodes = frame.groupby("unit", sort=True).agg(tasks=("task", "nunique"), leads=("lead", "sum"))
    graph.add_nodes_from((u, {"tasks": int(t), "leads": int(l)}) for u, t, l in nodes.itertuples())
    both = frame.merge(frame, on="task", suffixes=("_u", "_v"))
    both = both[both["unit_u"] != both["unit_v"]]
    both = both.assign(led=both["lead_u"] & ~both["lead_v"], peer=both["lead_u"] == both["lead_v"])
    edges = both.groupby(["unit_u", "unit_v"], sort=True).agg(shared=("task", "size"), led=("led", "sum"),
                                                              peer=("peer", "sum")).reset_index()
    edges = edges[(edges["led"] > 0) | (edges["peer"] > 0)]
    graph.add_edges_from((u, v, {"shared": int(s), "weight": int(s), "led": int(l)})
                         for u, v, s, l in edges[["unit_u", "unit_v", "shared", "led"]].itertuples(index=False))
    return graph


def component_sizes(graph, *, min_size: int = 2) -> list[int]:
    """Sizes of the groups of units that shared tasks link, largest first.

    Parameters
    ----------
    graph : networkx.DiGraph
        A unit network (:func:`unit_network`); direction is ignored.
    min_size : int, default 2
        Leave out groups smaller than this (a unit alone on all its tasks is a group of one).

    Returns
    -------
    list of int

    Examples
    --------
    >>> resp = pd.DataFrame({"doc_id": "d", "task_id": ["1", "1", "2", "3", "3", "3"],
    ...                      "unit": ["甲局", "乙局", "丙局", "丁局", "戊局", "甲局"], "role": "responsible"})
    >>> component_sizes(unit_network(resp)), component_sizes(unit_network(resp), min_size=1)
    ([4], [4, 1])
    """
    import networkx as nx

    return sorted((len(c) for c in nx.weakly_connected_components(graph) if len(c) >= min_size), reverse=True)


def network_edges(graph) -> pd.DataFrame:
    """The undirected edge list of a unit network: ``unit_a`` < ``unit_b``, ``tasks`` shared, leads each way.

    The columns ``unit_a``, ``unit_b``, ``tasks`` are those
    :func:`gongkai_analysis.output.charts.network_figure` draws.

    Parameters
    ----------
    graph : networkx.DiGraph
        From :func:`unit_network`.

    Returns
    -------
    DataFrame
        One row per linked pair: ``unit_a``, ``unit_b`` (string), ``tasks``
        (shared tasks), ``a_leads_b`` and ``b_leads_a`` (tasks in which one
        leads and the other supports); most shared tasks first.

    Examples
    --------
    >>> resp = pd.DataFrame({"doc_id": "d", "task_id": ["1", "1"], "unit": ["政府办", "财政局"], "role": ["lead", "support"]})
    >>> network_edges(unit_network(resp))
      unit_a unit_b  tasks  a_leads_b  b_leads_a
    0    政府办    财政局      1          1          0
    """
    records = {}
    for u, v, data in graph.edges(data=True):
        a, b = sorted((u, v))
        rec = records.setdefault((a, b), [a, b, data["shared"], 0, 0])
        rec[3 if u == a else 4] = data["led"]
    out = pd.DataFrame(list(records.values()), columns=["unit_a", "unit_b", "tasks", "a_leads_b", "b_leads_a"])
    out = out.astype({"unit_a": "string", "unit_b": "string", "tasks": int, "a_leads_b": int, "b_leads_a": int})
    return out.sort_values(["tasks", "unit_a", "unit_b"], ascending=[False, True, True], kind="stable",
                           ignore_index=True)


def unit_centrality(graph) -> pd.DataFrame:
    """Per node of a unit network: degree, weighted degree, betweenness, eigenvector centrality, brokerage.

    Parameters
    ----------
    graph : networkx.DiGraph
        From :func:`unit_network`.

    Returns
    -------
    DataFrame
        One row per unit: ``unit``, ``tasks``, ``leads``, ``degree`` (units it shares a task with),
        ``weighted_degree`` (shared tasks summed over them), ``betweenness`` (normalised, on the
        undirected, unweighted graph), ``eigenvector`` (leading eigenvector of the weighted
        adjacency, unit length), ``brokerage`` (pairs of its partners who share no task with each
        other: open triads it alone connects) and ``leads_units`` (units it leads in some task);
        sorted by weighted degree.

    Examples
    --------
    >>> resp = pd.DataFrame({"doc_id": "d", "task_id": ["1", "1", "2", "2"], "unit": ["甲", "乙", "乙", "丙"],
    ...                      "role": "responsible"})
    >>> unit_centrality(unit_network(resp))[["unit", "degree", "weighted_degree", "betweenness", "brokerage"]]
      unit  degree  weighted_degree  betweenness  brokerage
    0    乙       2                2          1.0          1
    1    丙       1                1          0.0          0
    2    甲       1                1          0.0          0
    """
    import networkx as nx

    undirected = nx.Graph()
    undirected.add_nodes_from(graph.nodes)
    undirected.add_edges_from((u, v, {"weight": d["shared"]}) for u, v, d in graph.edges(data=True))
    nodes = list(graph.nodes)
    out = pd.DataFrame({"unit": pd.array(nodes, dtype="string")})
    out["tasks"] = [graph.nodes[u].get("tasks", 0) for u in nodes]
    out["leads"] = [graph.nodes[u].get("leads", 0) for u in nodes]
    out["degree"] = [undirected.degree(u) for u in nodes]
    out["weighted_degree"] = [undirected.degree(u, weight="weight") for u in nodes]
    between = nx.betweenness_centrality(undirected, normalized=True) if len(nodes) > 2 else {}
    out["betweenness"] = [round(between.get(u, 0.0), 4) for u in nodes]
    out["eigenvector"] = _eigenvector(undirected, nodes)
    triangles = nx.triangles(undirected)
    k = out["degree"].to_numpy()
    out["brokerage"] = (k * (k - 1) // 2 - np.array([triangles[u] for u in nodes], dtype=int)).astype(int)
    out["leads_units"] = [sum(1 for _, _, led in graph.out_edges(u, data="led") if led) for u in nodes]
    return out.sort_values(["weighted_degree", "unit"], ascending=[False, True], kind="stable", ignore_index=True)


def _eigenvector(graph, nodes: list) -> np.ndarray:
    import networkx as nx

    if graph.number_of_edges() == 0:
        return np.zeros(len(nodes))
    adjacency = nx.to_numpy_array(graph, nodelist=nodes, weight="weight")
    _, vectors = np.linalg.eigh(adjacency)
    vector = np.abs(vectors[:, -1])
    return (vector / np.linalg.norm(vector)).round(4)


def network_table(responsibilities: pd.DataFrame, *, by: str | None = "doc_id", collective: bool = True,
                  relabel: Mapping[str, str] | pd.Series | None = None) -> pd.DataFrame:
    """Centralities of every unit, one network per document (``by="doc_id"``) or one for the corpus (``by=None``).

    Parameters
    ----------
    responsibilities : DataFrame
        ``doc_id``, ``task_id``, ``unit``, ``role``.
    by : str or None
        A column to split by (one network per value), or None for one network.
    collective, relabel
        As for :func:`unit_network`.

    Returns
    -------
    DataFrame
        :func:`unit_centrality`'s columns, preceded by the `by` column.

    Raises
    ------
    CompareError
        When `responsibilities` lacks the column `by` or another it needs.

    Examples
    --------
    >>> resp = pd.DataFrame({"doc_id": ["x", "x", "y", "y"], "task_id": "1", "unit": ["甲", "乙", "甲", "丙"],
    ...                      "role": ["lead", "responsible", "responsible", "responsible"]})
    >>> network_table(resp)[["doc_id", "unit", "degree", "leads_units"]]
      doc_id unit  degree  leads_units
    0      x    乙       1            0
    1      x    甲       1            1
    2      y    丙       1            0
    3      y    甲       1            0
    """
    if by is None:
        return unit_centrality(unit_network(responsibilities, collective=collective, relabel=relabel))
    if by not in responsibilities.columns:
        raise CompareError(f"missing column {by!r} to split the networks by", source="responsibilities")
    parts = []
    for key, rows in responsibilities.groupby(by, sort=True):
        table = unit_centrality(unit_network(rows, collective=collective, relabel=relabel))
        table.insert(0, by, key)
        parts.append(table)
    if not parts:
        return pd.DataFrame(columns=[by, *NETWORK_COLUMNS])
    out = pd.concat(parts, ignore_index=True)
    out[by] = out[by].astype("string")
    return out
