"""Charts: matplotlib figures that render Chinese anywhere, and interactive plotly figures.

Static charts use the CJK font shipped in ``gongkai_analysis/data/fonts``
(Gongkai Sans SC, a subset of Noto Sans CJK SC under the SIL Open Font
License), registered with matplotlib the first time a chart is made — never at
import — so Chinese labels render on a machine with no CJK system font.  Every
function returns a new ``matplotlib.figure.Figure`` (no pyplot state) or a
``plotly.graph_objects.Figure``.

Examples
--------
>>> import gongkai_analysis as gk
>>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
>>> fig = workload_bar(gk.workload_table(doc.responsibilities), top=10)
>>> fig.axes[0].get_title()
'各单位承担任务数（前10）'
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
from pathlib import Path

import pandas as pd

from .. import config
from ..vocab import ASPECT_LABELS, ASPECTS, CATEGORY_LABELS, GRADE_BOUNDS, GRADES, ROLE_LABELS

FONT_FILE = "fonts/GongkaiSansSC-Regular.otf"
FONT_FAMILY = "Gongkai Sans SC"
ROLE_COLOURS = {"lead": "#1f4e79", "responsible": "#5b9bd5", "support": "#bdd7ee"}
GRADE_COLOURS = dict(zip(GRADES, ("#c62828", "#f9a825", "#7cb342", "#2e7d32")))


@functools.lru_cache(maxsize=1)
def register_font() -> str:
    """Add the bundled CJK font to matplotlib (once) and return its family name.

    Returns
    -------
    str
        :data:`FONT_FAMILY`.

    Examples
    --------
    >>> register_font()
    'Gongkai Sans SC'
    """
    from matplotlib import font_manager

    path = config.package_data(FONT_FILE)
    font_manager.fontManager.addfont(str(path))
    return FONT_FAMILY


@contextlib.contextmanager
def chinese_style():
    """A matplotlib rc context whose text renders Chinese with the bundled font.

    Yields
    ------
    None
        Inside the block, matplotlib's rc parameters use the bundled font.

    Examples
    --------
    >>> import matplotlib
    >>> with chinese_style():
    ...     matplotlib.rcParams["font.family"][0]
    'Gongkai Sans SC'
    """
    import matplotlib

    family = register_font()
    with matplotlib.rc_context({
        # named families, not the generic "sans-serif": text resolves its font at
        # draw time, after this context has closed
        "font.family": [family, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }):
        yield


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    _show_in_notebooks()
    return Figure(figsize=(width, height), layout="constrained")


def _show_in_notebooks() -> None:
    """In IPython or Jupyter, show a returned Figure as a PNG even when pyplot was never imported."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    from matplotlib.figure import Figure

    png = shell.display_formatter.formatters["image/png"]
    if Figure not in png.type_printers:
        png.for_type(Figure, _png_bytes)


def _png_bytes(fig, dpi: int = 100) -> bytes:
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def _whole_numbers():
    """A tick locator for counts (tasks, disclosures): whole numbers only, never 2.5."""
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def workload_bar(workload: pd.DataFrame, *, top: int = 20, title: str | None = None):
    """Horizontal bars of tasks per unit, split into lead, responsible and support.

    Parameters
    ----------
    workload : DataFrame
        The output of :func:`gongkai_analysis.workload_table`.
    top : int
        How many units to show (the busiest).
    title : str, optional
        The chart's title (by default it names how many units are shown).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> workload = pd.DataFrame({"lead": [2, 0], "responsible": [1, 1], "support": [0, 2], "total": [3, 3]},
    ...                         index=pd.Index(["甲局", "乙局"], name="unit"))
    >>> fig = workload_bar(workload)
    >>> type(fig).__name__, len(fig.axes[0].patches)  # three roles × two units
    ('Figure', 6)
    """
    data = workload.head(top).iloc[::-1]
    with chinese_style():
        fig = _figure(8, max(3.0, 0.32 * len(data) + 1.2))
        ax = fig.add_subplot()
        left = pd.Series(0, index=data.index)
        for role in ("lead", "responsible", "support"):
            if role in data and data[role].sum() > 0:
                ax.barh(data.index, data[role], left=left, color=ROLE_COLOURS[role], label=ROLE_LABELS[role])
                left = left + data[role]
        for y, (unit, total) in enumerate(data["total"].items()):
            ax.text(left[unit] + 0.2, y, str(int(total)), va="center", fontsize=8)
        ax.xaxis.set_major_locator(_whole_numbers())
        ax.set_xlabel("任务数")
        ax.set_title(title or f"各单位承担任务数（前{min(top, len(workload))}）")
        ax.legend(loc="lower right", frameon=False)
        ax.margins(x=0.08)
    return fig


def calendar_heatmap(calendar: pd.DataFrame, *, title: str | None = None):
    """Units × months heat-map of expected disclosures, counts written in the cells.

    Parameters
    ----------
    calendar : DataFrame
        Units × months counts (:func:`gongkai_analysis.disclosure_calendar`).
    title : str, optional
        The chart's title.

    Returns
    -------
    matplotlib.figure.Figure
        With a colour bar; a note instead of the map when `calendar` is empty.

    Examples
    --------
    >>> calendar = pd.DataFrame({1: [1, 0], 2: [0, 2]}, index=["甲局", "乙局"])
    >>> fig = calendar_heatmap(calendar)
    >>> len(fig.axes), [t.get_text() for t in fig.axes[0].texts]  # the map and its colour bar
    (2, ['1', '2'])
    """
    with chinese_style():
        fig = _figure(9, max(2.5, 0.36 * len(calendar) + 1.4))
        ax = fig.add_subplot()
        if calendar.empty:
            ax.text(0.5, 0.5, "没有周期性公开任务", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            ax.set_title(title or "各单位每月应公开次数")
            return fig
        image = ax.imshow(calendar.to_numpy(), aspect="auto", cmap="Blues", vmin=0)
        ax.set_xticks(range(calendar.shape[1]), [f"{m}月" for m in calendar.columns])
        ax.set_yticks(range(calendar.shape[0]), calendar.index)
        peak = calendar.to_numpy().max() if calendar.size else 0
        for i in range(calendar.shape[0]):
            for j in range(calendar.shape[1]):
                value = int(calendar.iat[i, j])
                if value:
                    ax.text(j, i, str(value), ha="center", va="center", fontsize=8,
                            color="white" if value > peak / 2 else "black")
        ax.set_title(title or "各单位每月应公开次数")
        ax.spines[:].set_visible(False)
        bar = fig.colorbar(image, ax=ax, label="次数", shrink=0.8)
        bar.locator = _whole_numbers()
        bar.update_ticks()
    return fig


def completeness_bar(table: pd.DataFrame, *, title: str | None = None):
    """Share of tasks naming 主体, 内容, 时限 and 方式, for each row of `table`.

    `table` is :func:`gongkai_analysis.completeness_by_section` or
    :func:`gongkai_analysis.completeness_by_unit` output (shares 0–1).

    Parameters
    ----------
    table : DataFrame
        One row per section or unit, columns among ``who``, ``what``, ``when``, ``how``.
    title : str, optional
        The chart's title.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> table = pd.DataFrame({a: [1.0, 0.5] for a in ASPECTS}, index=["一、总体", "二、解读"])
    >>> len(completeness_bar(table).axes[0].patches)  # four aspects × two rows
    8
    """
    aspects = [a for a in ASPECTS if a in table.columns]
    data = table[aspects].iloc[::-1]
    colours = ["#1f4e79", "#5b9bd5", "#f4b183", "#a9d18e"]
    with chinese_style():
        fig = _figure(8, max(3.0, 0.5 * len(data) + 1.4))
        ax = fig.add_subplot()
        height = 0.8 / len(aspects)
        for k, aspect in enumerate(aspects):
            positions = [i - (k - (len(aspects) - 1) / 2) * height for i in range(len(data))]
            ax.barh(positions, data[aspect] * 100, height=height, color=colours[k], label=ASPECT_LABELS[aspect])
        ax.set_yticks(range(len(data)), data.index)
        ax.set_xlim(0, 100)
        ax.set_xlabel("任务占比（%）")
        ax.set_title(title or "公开要素完备度（主体、内容、时限、方式）")
        ax.legend(ncols=4, loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
    return fig


def score_bar(scores: pd.DataFrame, *, title: str | None = None):
    """Units' appraisal scores coloured by grade, with the grade thresholds marked.

    Parameters
    ----------
    scores : DataFrame
        Indexed by unit, with ``score`` and ``grade`` (and ``simulated``: the
        title then says 模拟数据).
    title : str, optional
        The chart's title.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> scores = pd.DataFrame({"score": [92.0, 55.0], "grade": ["优秀", "不合格"]}, index=["甲局", "乙局"])
    >>> ax = score_bar(scores).axes[0]
    >>> len(ax.patches), ax.get_title()
    (2, '各单位政务公开考核得分')
    """
    data = scores.sort_values("score").copy()
    simulated = bool(data.get("simulated", pd.Series([False])).any())
    with chinese_style():
        fig = _figure(8, max(3.0, 0.28 * len(data) + 1.4))
        ax = fig.add_subplot()
        colours = [GRADE_COLOURS.get(str(g), "grey") for g in data["grade"]]
        ax.barh(data.index, data["score"], color=colours)
        for bound in GRADE_BOUNDS[1:]:
            ax.axvline(bound, color="grey", linewidth=0.8, linestyle="--")
        ax.set_xlim(0, 100)
        ax.set_xlabel("得分")
        label = title or "各单位政务公开考核得分"
        ax.set_title(label + ("（模拟数据）" if simulated else ""))
        from matplotlib.patches import Patch

        ax.legend(handles=[Patch(color=c, label=g) for g, c in reversed(GRADE_COLOURS.items())], loc="lower right", frameon=False)
    return fig


def sensitivity_lines(sensitivity: pd.DataFrame, *, units: list[str] | None = None, title: str | None = None):
    """Appraisal rank of each unit as the weight of 政务公开 rises (from :func:`weight_sensitivity`).

    Parameters
    ----------
    sensitivity : DataFrame
        ``weight``, ``unit`` and ``rank``, one row per unit and weight.
    units : list of str, optional
        Draw only these units.
    title : str, optional
        The chart's title.

    Returns
    -------
    matplotlib.figure.Figure
        One line per unit.

    Examples
    --------
    >>> sensitivity = pd.DataFrame({"weight": [0.04, 0.1, 0.04, 0.1], "unit": ["甲局", "甲局", "乙局", "乙局"],
    ...                             "rank": [1, 2, 2, 1]})
    >>> len(sensitivity_lines(sensitivity).axes[0].lines), len(sensitivity_lines(sensitivity, units=["甲局"]).axes[0].lines)
    (2, 1)
    """
    data = sensitivity if units is None else sensitivity[sensitivity["unit"].isin(units)]
    with chinese_style():
        fig = _figure(8, 5)
        ax = fig.add_subplot()
        for unit, group in data.groupby("unit", sort=True):
            ax.plot(group["weight"] * 100, group["rank"], marker="o", linewidth=1)
            ax.annotate(unit, (group["weight"].iloc[-1] * 100, group["rank"].iloc[-1]), fontsize=7,
                        xytext=(4, 0), textcoords="offset points", va="center")
        ax.invert_yaxis()
        ax.set_xlabel("政务公开权重（%）")
        ax.set_ylabel("综合排名")
        ax.set_title(title or "权重变化对排名的影响")
    return fig


def save_png(fig, path: str | os.PathLike[str]) -> Path:
    """Write a matplotlib figure as PNG (150 dpi) and return the path.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    path : path
        Where to write it (missing folders are created).

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile
    >>> from matplotlib.figure import Figure
    >>> path = save_png(Figure(figsize=(1, 1)), Path(tempfile.mkdtemp()) / "charts" / "empty.png")
    >>> path.name, path.read_bytes()[:4]
    ('empty.png', b'\\x89PNG')
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="png", dpi=150)
    return path


# --------------------------------------------------------------------------
# plotly
# --------------------------------------------------------------------------
def workload_sunburst(workload: pd.DataFrame, *, registry=None):
    """Plotly sunburst: unit categories → units, sized by tasks.

    Parameters
    ----------
    workload : DataFrame
        Indexed by unit, with ``total`` (:func:`gongkai_analysis.workload_table`).
    registry : Registry, optional
        Gives each unit's category (the bundled one by default).

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> workload = pd.DataFrame({"lead": [2, 0], "responsible": [1, 1], "support": [0, 2], "total": [3, 3]},
    ...                         index=pd.Index(["甲局", "乙局"], name="unit"))
    >>> list(workload_sunburst(workload).data[0].labels)
    ['未登记单位', '甲局', '乙局']
    """
    import plotly.graph_objects as go

    from ..parsing.departments import load_registry

    registry = registry or load_registry()
    categories = [CATEGORY_LABELS.get(registry.lookup(u).category, "未登记单位") for u in workload.index]
    frame = pd.DataFrame({"unit": workload.index, "category": categories, "total": workload["total"].to_numpy()})
    totals = frame.groupby("category", sort=True)["total"].sum()
    ids = [*totals.index, *(f"{c}/{u}" for c, u in zip(frame["category"], frame["unit"]))]
    labels = [*totals.index, *frame["unit"]]
    parents = ["" for _ in totals.index] + list(frame["category"])
    values = [*totals.to_numpy().tolist(), *frame["total"].tolist()]
    fig = go.Figure(go.Sunburst(ids=ids, labels=labels, parents=parents, values=values, branchvalues="total",
                                hovertemplate="%{label}: %{value} 项任务<extra></extra>"))
    fig.update_layout(title="工作量分布（按单位类别）", margin=dict(t=50, l=10, r=10, b=10))
    return fig


def network_figure(edges: pd.DataFrame, workload: pd.DataFrame | None = None, *, min_tasks: int = 1):
    """Plotly network of units that share tasks, laid out on a circle (deterministic).

    Parameters
    ----------
    edges : DataFrame
        ``unit_a``, ``unit_b`` and ``tasks`` (:func:`gongkai_analysis.co_responsibility_edges`).
    workload : DataFrame, optional
        Indexed by unit with ``total``: sizes the markers.
    min_tasks : int, default 1
        Leave out links of fewer shared tasks.

    Returns
    -------
    plotly.graph_objects.Figure
        One line trace per link, then one trace of the units.

    Examples
    --------
    >>> edges = pd.DataFrame({"unit_a": ["甲局"], "unit_b": ["乙局"], "tasks": [2]})
    >>> fig = network_figure(edges)
    >>> len(fig.data), sorted(fig.data[-1].text)
    (2, ['乙局', '甲局'])
    >>> len(network_figure(edges, min_tasks=3).data)
    1
    """
    import plotly.graph_objects as go

    edges = edges[edges["tasks"] >= min_tasks]
    degree = pd.concat([edges.groupby("unit_a")["tasks"].sum(), edges.groupby("unit_b")["tasks"].sum()])
    degree = degree.groupby(level=0).sum().sort_values(ascending=False, kind="stable")
    units = degree.index.tolist()
    angle = {u: 2 * math.pi * i / max(len(units), 1) for i, u in enumerate(units)}
    pos = {u: (math.cos(a), math.sin(a)) for u, a in angle.items()}
    traces = []
    for row in edges.itertuples(index=False):
        (x0, y0), (x1, y1) = pos[row.unit_a], pos[row.unit_b]
        traces.append(go.Scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                                 line=dict(width=0.5 + 0.4 * row.tasks, color="rgba(91,155,213,0.5)")))
    sizes = [8 + 2 * float(workload.loc[u, "total"]) if workload is not None and u in workload.index else 10
             for u in units]
    traces.append(go.Scatter(x=[pos[u][0] for u in units], y=[pos[u][1] for u in units], mode="markers+text",
                             text=units, textposition="top center", marker=dict(size=sizes, color="#1f4e79"),
                             hovertext=[f"{u}: 与其他单位共担 {int(degree[u])} 次" for u in units],
                             hoverinfo="text", showlegend=False))
    fig = go.Figure(traces)
    fig.update_layout(title="共同承担任务的单位网络", xaxis=dict(visible=False), yaxis=dict(visible=False, scaleanchor="x"),
                      margin=dict(t=50, l=10, r=10, b=10), plot_bgcolor="white", height=700)
    return fig


def calendar_figure(calendar: pd.DataFrame):
    """Plotly heat-map of units × months of expected disclosures.

    Parameters
    ----------
    calendar : DataFrame
        Units × months counts (:func:`gongkai_analysis.disclosure_calendar`).

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> calendar = pd.DataFrame({1: [1, 0], 2: [0, 2]}, index=["甲局", "乙局"])
    >>> fig = calendar_figure(calendar)
    >>> fig.data[0].type, list(fig.data[0].x)
    ('heatmap', ['1月', '2月'])
    """
    import plotly.graph_objects as go

    fig = go.Figure(go.Heatmap(z=calendar.to_numpy().tolist(), x=[f"{m}月" for m in calendar.columns],
                               y=calendar.index.tolist(), colorscale="Blues", text=calendar.to_numpy().tolist(),
                               texttemplate="%{text}", hovertemplate="%{y} %{x}: %{z} 次<extra></extra>"))
    fig.update_layout(title="各单位每月应公开次数", yaxis=dict(autorange="reversed"),
                      height=max(300, 28 * len(calendar) + 120), margin=dict(t=50, l=10, r=10, b=10))
    return fig


def write_html(fig, path: str | os.PathLike[str]) -> Path:
    """Write a plotly figure as a standalone offline HTML file (plotly.js embedded).

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure.
    path : path
        Where to write it (missing folders are created).

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile
    >>> import plotly.graph_objects as go
    >>> path = write_html(go.Figure(), Path(tempfile.mkdtemp()) / "empty chart.html")
    >>> 'id="gongkai-empty-chart"' in path.read_text(encoding="utf-8")
    True
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    name = path.stem.replace(" ", "-")
    fig.write_html(path, include_plotlyjs=True, full_html=True, div_id=f"gongkai-{name}")
    return path


# --------------------------------------------------------------------------
# Sharing: interactive where scripts run, a picture where they do not
# --------------------------------------------------------------------------
class Shareable:
    """A plotly figure that survives being shared.

    In JupyterLab it is the interactive plotly figure; in a notebook exported
    with ``jupyter nbconvert --to html`` it draws itself with plotly.js (loaded
    from plotly's CDN) in place of a PNG of the same figure, which stays where
    scripts do not run or there is no network (GitHub's viewer, an e-mail).
    The element ids come from the figure itself, so a re-run gives the same
    output; tests/nbval_sanitize.cfg masks the PNG's bytes, which vary with
    the machine's font rendering.  Build it with :func:`shareable`.

    Parameters
    ----------
    figure : plotly.graph_objects.Figure
        The interactive figure.
    fallback : matplotlib.figure.Figure, optional
        Its static picture (default: :func:`static_figure` of `figure`).

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> from matplotlib.figure import Figure
    >>> shared = Shareable(go.Figure(go.Bar(x=["甲局"], y=[1])), fallback=Figure())
    >>> type(shared.figure).__name__, type(shared.fallback).__name__
    ('Figure', 'Figure')
    """

    def __init__(self, figure, fallback=None) -> None:
        self.figure = figure
        self.fallback = fallback if fallback is not None else static_figure(figure)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        import base64
        import hashlib
        import json

        from plotly.offline import get_plotlyjs_version

        spec = self.figure.to_plotly_json()
        payload = json.dumps({"data": spec.get("data", []), "layout": spec.get("layout", {})},
                             cls=_plotly_encoder(), ensure_ascii=False, sort_keys=True)
        key = "gk-" + hashlib.sha1(payload.encode("utf-8")).hexdigest()[:12]  # the same figure, the same id
        png = base64.b64encode(_png_bytes(self.fallback, dpi=72)).decode("ascii")
        title = self.figure.layout.title.text or "figure"
        html = (
            f'<div class="gongkai-figure" id="{key}">'
            f'<img id="{key}-png" alt="{title}" src="data:image/png;base64,{png}" style="max-width:100%">'
            f'<div id="{key}-plot"></div></div>\n'
            "<script>(function () {\n"
            f"  var spec = {payload};\n"
            "  function draw() {\n"
            f'    Plotly.newPlot("{key}-plot", spec.data, spec.layout, {{responsive: true}}).then(function () {{\n'
            f'      document.getElementById("{key}-png").style.display = "none"; }});\n'
            "  }\n"
            "  if (window.Plotly) { draw(); return; }\n"
            '  var s = document.createElement("script");\n'
            f'  s.src = "https://cdn.plot.ly/plotly-{get_plotlyjs_version()}.min.js"; s.onload = draw;\n'
            "  document.head.appendChild(s);\n"
            "})();</script>"
        )
        return {
            "application/vnd.plotly.v1+json": {"data": json.loads(payload)["data"], "layout": json.loads(payload)["layout"],
                                               "config": {"responsive": True}},
            "text/html": html,  # its <img> is the static picture, for viewers that run no scripts
            "text/plain": f"<interactive figure: {title}>",
        }


def _plotly_encoder():
    from plotly.utils import PlotlyJSONEncoder

    return PlotlyJSONEncoder


def shareable(figure, *, fallback=None) -> Shareable:
    """Wrap a plotly figure so that it shows in Jupyter, in exported HTML and as a picture.

    Parameters
    ----------
    figure : plotly.graph_objects.Figure
        An interactive figure (:func:`network_figure`, :func:`workload_sunburst`, :func:`calendar_figure`).
    fallback : matplotlib.figure.Figure, optional
        The static picture; by default drawn from `figure` by :func:`static_figure`.

    Returns
    -------
    Shareable
        Displays as the plotly figure, an HTML page fragment and a PNG.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> bundle = shareable(go.Figure(go.Scatter(x=[0, 1], y=[1, 0]), layout_title_text="线")).\
_repr_mimebundle_()
    >>> sorted(bundle)
    ['application/vnd.plotly.v1+json', 'text/html', 'text/plain']
    >>> bundle["text/plain"]
    '<interactive figure: 线>'
    """
    return Shareable(figure, fallback)


def static_figure(figure):
    """A matplotlib picture of a plotly figure: its scatter lines, markers and text, heat-maps and sunbursts.

    Parameters
    ----------
    figure : plotly.graph_objects.Figure

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> fig = static_figure(go.Figure(go.Heatmap(z=[[1, 2]], x=["1月", "2月"], y=["甲"]), layout_title_text="热图"))
    >>> fig.axes[0].get_title()
    '热图'
    """
    import numpy as np

    title = figure.layout.title.text or ""
    kinds = {trace.type for trace in figure.data}
    with chinese_style():
        if "heatmap" in kinds:
            trace = next(t for t in figure.data if t.type == "heatmap")
            z = np.array(trace.z, dtype=float)
            fig = _figure(9, max(2.5, 0.36 * len(z) + 1.4))
            ax = fig.add_subplot()
            ax.imshow(z, aspect="auto", cmap="Blues", vmin=0)
            ax.set_xticks(range(z.shape[1]), list(trace.x))
            ax.set_yticks(range(z.shape[0]), list(trace.y))
            for (i, j), value in np.ndenumerate(z):
                if value:
                    ax.text(j, i, f"{value:g}", ha="center", va="center", fontsize=8,
                            color="white" if value > z.max() / 2 else "black")
            ax.spines[:].set_visible(False)
        elif "sunburst" in kinds:
            trace = next(t for t in figure.data if t.type == "sunburst")
            inner = [(i, lab, v) for i, lab, p, v in zip(trace.ids, trace.labels, trace.parents, trace.values) if not p]
            outer = [(lab, v, p) for lab, p, v in zip(trace.labels, trace.parents, trace.values) if p]
            order = {i: k for k, (i, _, _) in enumerate(inner)}
            outer.sort(key=lambda row: order.get(row[2], 0))
            fig = _figure(8, 8)
            ax = fig.add_subplot()
            colours = [f"C{k % 10}" for k in range(len(inner))]
            ax.pie([v for _, _, v in inner], labels=[lab for _, lab, _ in inner], radius=0.62, colors=colours,
                   labeldistance=0.35, textprops={"fontsize": 8}, wedgeprops={"width": 0.6, "edgecolor": "white"})
            ax.pie([v for _, v, _ in outer], labels=[lab for lab, _, _ in outer], radius=1.0,
                   colors=[colours[order.get(p, 0)] for _, _, p in outer], labeldistance=1.05,
                   textprops={"fontsize": 7}, wedgeprops={"width": 0.38, "edgecolor": "white", "alpha": 0.75})
            ax.set_aspect("equal")
        else:
            fig = _figure(9, 9 if figure.layout.yaxis.scaleanchor == "x" else 5)
            ax = fig.add_subplot()
            for trace in figure.data:
                mode = trace.mode or "lines+markers"
                if "lines" in mode:
                    ax.plot(trace.x, trace.y, color=_mpl_colour(trace.line.color or "#5b9bd5"),
                            linewidth=(trace.line.width or 1) * 0.6, zorder=1)
                if "markers" in mode:
                    size = trace.marker.size if trace.marker.size is not None else 8
                    sizes = np.square(np.broadcast_to(np.asarray(size, dtype=float), (len(trace.x),))) * 0.6
                    ax.scatter(trace.x, trace.y, s=sizes, color=_mpl_colour(trace.marker.color or "#1f4e79"), zorder=2)
                if "text" in mode and trace.text is not None:
                    for x, y, text in zip(trace.x, trace.y, trace.text):
                        ax.annotate(str(text), (x, y), xytext=(0, 6), textcoords="offset points", ha="center", fontsize=7)
            if figure.layout.yaxis.scaleanchor == "x":
                ax.set_aspect("equal")
            if figure.layout.xaxis.visible is False:
                ax.set_axis_off()
        ax.set_title(title)
    return fig


def _mpl_colour(colour: str):
    """A plotly colour (``rgba(91,155,213,0.5)``, ``#1f4e79``, a name) as matplotlib takes it."""
    import re

    match = re.fullmatch(r"\s*rgba?\(([^)]*)\)\s*", colour)
    if not match:
        return colour
    parts = [float(v) for v in match.group(1).split(",")]
    return tuple([v / 255 for v in parts[:3]] + parts[3:4])
