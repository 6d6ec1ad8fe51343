"""Charts render Chinese with the bundled font, even with every system font hidden."""

import json
import re
import subprocess
import sys
import textwrap

import pytest

import gongkai_analysis as gk
from gongkai_analysis import plots

HIDDEN_FONTS = textwrap.dedent(
    """
    import json, sys, warnings
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.font_manager as fm
    fm.findSystemFonts = lambda *args, **kwargs: []     # hide every system font
    fm.fontManager = fm.FontManager()
    fm.findfont = fm.fontManager.findfont
    assert not any("CJK" in f.name or "Noto" in f.name for f in fm.fontManager.ttflist)
    import gongkai_analysis as gk
    from gongkai_analysis import plots
    doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = plots.workload_bar(gk.workload_table(doc.responsibilities))
        plots.save_png(fig, sys.argv[1])
        cal = gk.disclosure_calendar(doc.tasks, doc.responsibilities)
        plots.save_png(plots.calendar_heatmap(cal), sys.argv[2])
    used = fm.findfont(fm.FontProperties(family=[plots.FONT_FAMILY]))
    glyphs = [str(w.message) for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]
    print(json.dumps({"warnings": glyphs, "font": used}))
    """
)


def test_png_renders_with_system_fonts_hidden(tmp_path):
    bar, heat = tmp_path / "bar.png", tmp_path / "heat.png"
    done = subprocess.run([sys.executable, "-c", HIDDEN_FONTS, str(bar), str(heat)],
                          capture_output=True, text=True, timeout=300,
                          env={"MPLCONFIGDIR": str(tmp_path / "mpl"), "PATH": "/usr/bin:/bin",
                               "GONGKAI_CACHE_DIR": str(tmp_path / "cache")})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["warnings"] == []
    assert report["font"].endswith("GongkaiSansSC-Regular.otf")
    for path in (bar, heat):
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000


def test_font_ships_with_its_licence():
    font = gk.config.package_data(plots.FONT_FILE)
    licence = gk.config.package_data("fonts/OFL.txt").read_text(encoding="utf-8")
    assert font.stat().st_size > 1_000_000
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence


def test_importing_plots_registers_nothing():
    code = ("import sys; import gongkai_analysis.output.charts\n"
            "assert 'matplotlib' not in sys.modules and 'plotly' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_plotly_figures_write_offline_html(bundled, tmp_path):
    workload = gk.workload_table(bundled.responsibilities)
    edges = gk.co_responsibility_edges(bundled.responsibilities)
    fig = plots.network_figure(edges, workload)
    path = plots.write_html(fig, tmp_path / "network.html")
    html = path.read_text(encoding="utf-8")
    assert "<script src=\"http" not in html and "plotly.js" in html.lower()
    assert "区政府各部门" in html or "\\u533a\\u653f\\u5e9c" in html
    sunburst = plots.workload_sunburst(workload)
    roots = [v for v, parent in zip(sunburst.data[0].values, sunburst.data[0].parents) if parent == ""]
    assert sum(roots) == workload["total"].sum()
    cal = plots.calendar_figure(gk.disclosure_calendar(bundled.tasks, bundled.responsibilities))
    assert cal.data[0].x[0] == "1月"


def test_figures_show_as_png_in_ipython_without_pyplot():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
        fig = plots.workload_bar(gk.workload_table(doc.responsibilities), top=5)
        data, _ = shell.display_formatter.format(fig)
        assert data["image/png"][:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        InteractiveShell.clear_instance()


def test_workload_axis_counts_whole_tasks(bundled):
    fig = plots.workload_bar(gk.workload_table(bundled.responsibilities))
    fig.canvas.draw()
    ticks = fig.axes[0].get_xticks()
    assert len(ticks) > 2 and all(float(t).is_integer() for t in ticks)


def test_calendar_colour_bar_counts_whole_disclosures(bundled):
    fig = plots.calendar_heatmap(gk.disclosure_calendar(bundled.tasks, bundled.responsibilities))
    fig.canvas.draw()
    ticks = fig.axes[1].get_yticks()
    assert len(ticks) > 2 and all(float(t).is_integer() for t in ticks)


def test_shared_figure_draws_in_html_over_a_picture():
    doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT, tokens=False)
    calendar = gk.disclosure_calendar(doc.tasks, doc.responsibilities)
    bundle = plots.shareable(plots.calendar_figure(calendar))._repr_mimebundle_()
    again = plots.shareable(plots.calendar_figure(calendar))._repr_mimebundle_()
    html = bundle["text/html"]
    assert html.count("data:image/png;base64,iVBORw0KGgo") == 1  # the static picture
    assert "Plotly.newPlot(" in html and "https://cdn.plot.ly/plotly-" in html
    ids = re.findall(r'id="(gk-[0-9a-f]{12})"', html)
    assert ids and ids == re.findall(r'id="(gk-[0-9a-f]{12})"', again["text/html"])  # stable under strict nbval
    assert bundle["application/vnd.plotly.v1+json"]["data"][0]["type"] == "heatmap"


@pytest.mark.parametrize(("notebook", "figures"), [("2.0-workload.ipynb", 2), ("3.0-cadence-calendar.ipynb", 1)])
def test_exported_notebooks_keep_every_interactive_figure(notebook, figures):
    from nbconvert import HTMLExporter

    html, _ = HTMLExporter().from_filename(str(gk.config.REPO_ROOT / "notebooks" / notebook))
    assert html.count('class="gongkai-figure"') == figures
    assert html.count("Plotly.newPlot(") == figures
    assert len(re.findall(r'src="data:image/png;base64,', html)) >= figures
