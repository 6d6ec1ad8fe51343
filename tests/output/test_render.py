"""The leadership workbook as it prints: converted to PDF with a headless LibreOffice, page by page.

Slow (a LibreOffice start takes seconds); skipped with the reason where
``soffice`` or poppler's ``pdftotext`` is not installed (``.ci/run`` installs both).
"""

import re
import shutil
import subprocess

import pytest

import gongkai_analysis as gk
from gongkai_analysis.output.workbook import build_report

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
                       reason="poppler-utils (pdftotext, pdfinfo) is not installed"),
    pytest.mark.skipif(shutil.which("fc-list") is None or not subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout.strip(),
        reason="no Chinese font for LibreOffice (such as fonts-wqy-microhei): the pages would print no Chinese"),
]
#: A page whose text is no more than this many lines holds a few spill-over rows.
MIN_LINES = 12


def to_pdf(xlsx, tmp_path):
    profile = tmp_path / "lo-profile"
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(xlsx.parent), str(xlsx)], capture_output=True, text=True, timeout=300)
    pdf = xlsx.with_suffix(".pdf")
    assert pdf.exists(), done.stderr
    return pdf


def pages(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    texts = [subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout for i in range(1, count + 1)]
    return (float(size.group(1)), float(size.group(2))), texts, pdf


def word_heights(pdf, page):
    """Heights (points) of the words on a page: a glyph box is about the font size, a little more."""
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    return [float(y1) - float(y0) for y0, y1 in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" '
                                                            r'yMax="([\d.]+)">', boxes)]


@pytest.fixture(scope="module")
def rendered(bundled, tmp_path_factory):
    out = tmp_path_factory.mktemp("render")
    with_tracker = build_report(bundled, out / "with-tracker.xlsx", tracker=gk.simulate_tracker(bundled, seed=0))
    without = build_report(bundled, out / "without.xlsx")
    return {name: pages(to_pdf(path, out)) for name, path in (("tracker", with_tracker), ("plain", without))}


@pytest.mark.parametrize("name", ["tracker", "plain"])
def test_prints_in_at_most_8_a4_pages(rendered, name):
    (width, height), texts, _ = rendered[name]
    assert {round(width), round(height)} == {842, 595}  # A4 in points
    assert 5 <= len(texts) <= 8


@pytest.mark.parametrize("name", ["tracker", "plain"])
def test_every_page_is_numbered_and_full(rendered, name):
    _, texts, _ = rendered[name]
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页，共 {len(texts)} 页" in text, number
        assert "东城区2017年政务公开工作要点" in text, number
        lines = [line for line in text.splitlines() if line.strip()]
        assert len(lines) > MIN_LINES, (number, lines)


@pytest.mark.parametrize("name", ["tracker", "plain"])
def test_no_text_prints_under_8_pt(rendered, name):
    _, texts, pdf = rendered[name]
    for page in range(1, len(texts) + 1):
        heights = word_heights(pdf, page)
        # 8 pt text gives boxes of 8.0–8.3 pt; a sheet shrunk to fit (0.95 × 8 pt) gives under 7.8
        assert heights and min(heights) >= 7.84, (page, min(heights))


def test_dashboard_is_one_page_with_each_figure_once(rendered):
    _, texts, _ = rendered["tracker"]
    dashboard = texts[0]
    assert "主要数字" in dashboard and "各月应公开次数（2017年6–12月）" in dashboard
    assert "说明：原文只写频次" in dashboard and "审计局 0.0分" in dashboard
    assert dashboard.count("各单位承担任务数") == 1
    assert not any("主要数字" in t for t in texts[1:])  # the dashboard does not spill over
    axis = next(line for line in dashboard.splitlines() if re.match(r"^\s*\d+\s?月\s+\d+\s?月", line))
    assert re.findall(r"(\d+)\s?月", axis) == [str(m) for m in range(6, 13)]  # from the plan's date
