"""Charts of comparisons and corpora: alignment, keyness, unit networks.

Static figures are matplotlib ``Figure`` objects drawn with the bundled CJK
font (legible in print, no pyplot state); :func:`network_plotly` gives the
interactive plotly counterpart of :func:`network_chart`.

Examples
--------
>>> import pandas as pd
>>> pairs = pd.DataFrame({"task_id_a": ["1", "2", None], "task_id_b": ["1", None, "2"],
...                       "label": ["copied", "dropped", "added"]})
>>> fig = alignment_chart(pairs, names=("2017", "2018"))
>>> fig.axes[0].get_title()
'任务对照：2017 → 2018'
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..analysis.align import ALIGN_LABEL_NAMES, ALIGN_LABELS
from .charts import _figure, chinese_style

#: Colours of the alignment labels, from kept (dark) to new or gone.  (Belongs in ``vocab.py``.)
LABEL_COLOURS = {"copied": "#1f4e79", "paraphrased": "#5b9bd5", "rewritten": "#f9a825",
                 "added": "#2e7d32", "dropped": "#c62828"}


def _natural(task_id) -> tuple:
    """Sort key of a task id: "2.10" after "2.9", "12-2" after "12"."""
    return tuple(int(part) for part in re.findall(r"\d+", str(task_id))) or (float("inf"),), str(task_id)


def alignment_chart(pairs: pd.DataFrame, *, names: tuple[str, str] = ("A", "B"), title: str | None = None):
    """Tasks of A and B as two columns, aligned pairs as lines coloured by label.

    Parameters
    ----------
    pairs : DataFrame
        From :func:`~gongkai_analysis.analysis.align.align_tasks` (``task_id_a``, ``task_id_b``, ``label``).
    names : (str, str)
        Names of the two documents for the column heads.
    title : str, optional
        The chart's title (by default it names the two documents).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> pairs = pd.DataFrame({"task_id_a": ["1", "2", None], "task_id_b": ["1", None, "2"],
    ...                       "label": ["copied", "dropped", "added"]})
    >>> ax = alignment_chart(pairs, names=("2023", "2024")).axes[0]
    >>> ax.get_title(), sorted(t.get_text() for t in ax.texts)
    ('任务对照：2023 → 2024', ['1', '1', '2', '2', '2023', '2024'])
    """
    labels = pd.Categorical(pairs["label"].astype(str), dtype=ALIGN_LABELS)
    a_ids = sorted(pd.unique(pairs["task_id_a"].dropna()), key=_natural)   # A in its own order
    b_ids = sorted(pd.unique(pairs["task_id_b"].dropna()), key=_natural)
    ya = {t: -i for i, t in enumerate(a_ids)}
    yb = {t: -i for i, t in enumerate(b_ids)}
    rows = max(len(a_ids), len(b_ids), 1)
    with chinese_style():
        fig = _figure(6.5, min(max(3.0, 0.16 * rows + 1.5), 22))
        ax = fig.add_subplot()
        small = 7 if rows <= 70 else 5
        for (ta, tb), label in zip(pairs[["task_id_a", "task_id_b"]].itertuples(index=False), labels):
            colour = LABEL_COLOURS[str(label)]
            if pd.notna(ta) and pd.notna(tb):
                ax.plot([0, 1], [ya[ta], yb[tb]], color=colour, lw=1.2, alpha=0.85)
            elif pd.notna(ta):
                ax.plot([0], [ya[ta]], marker="x", color=colour, ms=6)
            else:
                ax.plot([1], [yb[tb]], marker="o", color=colour, ms=5)
        for t, y in ya.items():
            ax.text(-0.03, y, str(t), ha="right", va="center", fontsize=small)
        for t, y in yb.items():
            ax.text(1.03, y, str(t), ha="left", va="center", fontsize=small)
        counts = pd.Series(labels).value_counts().reindex(ALIGN_LABELS.categories, fill_value=0)
        handles = [ax.plot([], [], color=LABEL_COLOURS[k], lw=2)[0] for k in ALIGN_LABELS.categories]
        ax.legend(handles, [f"{ALIGN_LABEL_NAMES[k]}（{k}）{counts[k]}" for k in ALIGN_LABELS.categories],
                  loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3, frameon=False, fontsize=8)
        ax.set_xlim(-0.25, 1.25)
        ax.set_ylim(-rows + 0.5, 1.2)
        ax.text(0, 0.8, names[0], ha="center", fontsize=10)
        ax.text(1, 0.8, names[1], ha="center", fontsize=10)
        ax.axis("off")
        ax.set_title(title or f"任务对照：{names[0]} → {names[1]}")
    return fig


def keyness_bar(table: pd.DataFrame, *, measure: str = "chi2", top: int = 12, title: str | None = None):
    """Horizontal bars of the most key words of the target (right) and of the reference (left).

    Parameters
    ----------
    table : DataFrame
        From :func:`~gongkai_analysis.analysis.textstats.keyness`.
    measure : {"chi2", "g2", "log_ratio"}
        The column to draw.
    top : int
        Words on each side.
    title : str, optional
        The chart's title.

    Returns
    -------
    matplotlib.figure.Figure
        Positive values in blue, negative in red.

    Examples
    --------
    >>> table = pd.DataFrame({"word": ["考核", "公开"], "chi2": [3.0, -0.7]})
    >>> keyness_bar(table).axes[0].get_xlabel()
    'chi2（正：目标文件更常用；负：参照文件更常用）'
    """
    data = table.sort_values(measure, ascending=False)
    data = pd.concat([data.head(top), data[data[measure] < 0].tail(top)]).drop_duplicates("word")
    data = data.iloc[::-1]
    with chinese_style():
        fig = _figure(7, max(3.0, 0.28 * len(data) + 1.2))
        ax = fig.add_subplot()
        colours = np.where(data[measure] >= 0, "#1f4e79", "#c62828")
        ax.barh(data["word"].astype(str), data[measure], color=colours)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_xlabel(f"{measure}（正：目标文件更常用；负：参照文件更常用）")
        ax.set_title(title or "关键词（keyness）")
    return fig


def _layout(graph, seed: int = 0) -> dict:
    """Kamada-Kawai on the shared-task graph (deterministic), refined by a seeded spring layout."""
    import networkx as nx

    if not len(graph):
        return {}
    undirected = nx.Graph(graph.to_undirected())
    start = nx.kamada_kawai_layout(undirected, weight=None)
    return nx.spring_layout(undirected, pos=start, seed=seed, weight=None, k=1.5 / max(len(graph), 1) ** 0.5,
                            iterations=30)


def network_chart(graph, *, title: str | None = None, seed: int = 0, isolates: bool = False, ax=None):
    """A unit network drawn with matplotlib: node size by tasks, edge width by shared tasks,
    arrows where one unit leads the other.

    Parameters
    ----------
    graph : networkx.DiGraph
        From :func:`~gongkai_analysis.analysis.network.unit_network`.
    title : str, optional
    seed : int
        Seed of the spring layout (the same seed draws the same picture).
    isolates : bool
        Also draw the units that share no task with another (left out by default).
    ax : matplotlib Axes, optional
        Draw into this axes (for networks side by side); a new figure otherwise.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure of `ax`.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.DiGraph()
    >>> graph.add_edge("甲局", "乙局", shared=1, weight=1, led=1)
    >>> graph.add_node("丙局")
    >>> sorted(t.get_text() for t in network_chart(graph).axes[0].texts)
    ['乙局', '甲局']
    >>> sorted(t.get_text() for t in network_chart(graph, isolates=True).axes[0].texts)
    ['丙局', '乙局', '甲局']
    """
    import networkx as nx

    if not isolates:
        graph = graph.subgraph([n for n in graph.nodes if graph.degree(n) > 0])
    pos = _layout(graph, seed)
    with chinese_style():
        if ax is None:
            fig = _figure(8, 7)
            ax = fig.add_subplot()
        else:
            fig = ax.figure
        sizes = [60 + 40 * graph.nodes[n].get("tasks", 1) for n in graph.nodes]
        peer = [(u, v) for u, v, d in graph.edges(data=True) if not d.get("led") and u < v]
        led = [(u, v) for u, v, d in graph.edges(data=True) if d.get("led")]
        width = lambda edges: [0.4 + 0.5 * graph[u][v]["shared"] for u, v in edges]  # noqa: E731
        nx.draw_networkx_edges(graph, pos, edgelist=peer, width=width(peer), edge_color="#9dc3e6", arrows=False, ax=ax)
        nx.draw_networkx_edges(graph, pos, edgelist=led, width=width(led), edge_color="#1f4e79", arrows=True,
                               arrowstyle="-|>", arrowsize=10, node_size=sizes, ax=ax)
        nx.draw_networkx_nodes(graph, pos, node_size=sizes, node_color="#5b9bd5", ax=ax)
        for node, (x, y) in pos.items():
            ax.text(x, y, str(node), fontsize=7, ha="center", va="center",
                    bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.6))
        ax.set_title(title or "共同承担任务的单位网络（箭头：牵头 → 参与）", fontsize=10)
        ax.axis("off")
    return fig


def network_plotly(graph, *, min_tasks: int = 1):
    """The interactive plotly network of a unit graph (drawn by :func:`gongkai_analysis.output.charts.network_figure`).

    Parameters
    ----------
    graph : networkx.DiGraph
        From :func:`~gongkai_analysis.analysis.network.unit_network`.
    min_tasks : int, default 1
        Leave out links of fewer shared tasks.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.DiGraph()
    >>> graph.add_edge("甲局", "乙局", shared=1, weight=1, led=1)
    >>> fig = network_plotly(graph)
    >>> len(fig.data), sorted(fig.data[-1].text)
    (2, ['乙局', '甲局'])
    """
    from ..analysis.network import network_edges
    from .charts import network_figure

    return network_figure(network_edges(graph), min_tasks=min_tasks)


def networks_side_by_side(graphs: dict, *, seed: int = 0, title: str | None = None):
    """Several unit networks in one row of panels, one per document (the dict's keys are the panel titles).

    Parameters
    ----------
    graphs : dict
        Panel title → :class:`networkx.DiGraph`, in the order to draw.
    seed : int, default 0
        Seed of each panel's layout.
    title : str, optional
        The figure's title.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph()
    >>> g.add_edge("甲", "乙", shared=1, weight=1, led=1)
    >>> [ax.get_title() for ax in networks_side_by_side({"东城": g, "包头": g}).axes]
    ['东城', '包头']
    """
    with chinese_style():
        fig = _figure(6 * len(graphs), 6.5)
        axes = fig.subplots(1, len(graphs), squeeze=False)[0]
        for ax, (name, graph) in zip(axes, graphs.items()):
            network_chart(graph, title=name, seed=seed, ax=ax)
        if title:
            fig.suptitle(title)
    return fig
