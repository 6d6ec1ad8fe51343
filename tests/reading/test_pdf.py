"""PDF: paragraphs reflowed, page furniture and 版记 dropped, characters in reading order.

The PDFs are made at test time: the bundled plan typeset by LibreOffice the way
official documents are (16 pt on A4, about 28 characters a line, page numbers
in the footer), and characters drawn one by one in shuffled order.
"""

from __future__ import annotations

import html
import random
import shutil
import subprocess

import pandas as pd
import pytest

import gongkai_analysis as gk
from gongkai_analysis.reading.files import read_path

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed: .ci/run installs it")

#: Page numbers as printed in the footer: (before the number, after it), with the page count field.
FOOTERS = {
    "dash": ("— ", " —"),
    "page-of": ("第", "页 共<text:page-count/>页"),
}


def _fodt(paragraphs: list[str], footer: tuple[str, str], header: str | None) -> str:
    # (punctuation-wrap simple: with LibreOffice's hanging punctuation, a 、 that ends a justified line is
    # printed nowhere — not drawn, not in the text layer — and 保险、基金 would come back as 保险基金)
    body = "".join(f'<text:p text:style-name="P">{html.escape(p)}</text:p>' for p in paragraphs)
    head = f'<style:header><text:p text:style-name="F">{html.escape(header)}</text:p></style:header>' if header else ""
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="P" style:family="paragraph">
  <style:paragraph-properties fo:text-indent="32pt" fo:text-align="justify" style:punctuation-wrap="simple"/>
  <style:text-properties fo:font-size="16pt" style:font-size-asian="16pt"/>
 </style:style>
 <style:style style:name="F" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="14pt" style:font-size-asian="14pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm" fo:margin-top="25mm"
   fo:margin-bottom="20mm" fo:margin-left="28mm" fo:margin-right="26mm"/>
  <style:header-style/><style:footer-style/>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">{head}
  <style:footer><text:p text:style-name="F">{footer[0]}<text:page-number text:select-page="current"/>{footer[1]}</text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>{body}</office:text></office:body></office:document>'''


def _libreoffice_pdf(folder, paragraphs, *, footer, header=None):
    source = folder / "plan.fodt"
    source.write_text(_fodt(paragraphs, footer, header), encoding="utf-8")
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(folder), "PATH": "/usr/bin:/bin"})
    return folder / "plan.pdf"


BANJI = ["抄送：区委办公室，区人大常委会办公室，区政协办公室。", "北京市东城区人民政府办公室        2017年6月22日印发"]


@needs_soffice
@pytest.mark.parametrize(("footer", "header"), [("dash", None), ("page-of", "东城区人民政府办公室文件")])
def test_plan_printed_to_pdf_reads_like_the_text(tmp_path, bundled, bundled_text, footer, header):
    paragraphs = [line for line in bundled_text.split("\n") if line.strip()]
    pdf = _libreoffice_pdf(tmp_path, paragraphs + BANJI, footer=FOOTERS[footer], header=header)
    src = read_path(pdf)
    lines = src.text.splitlines()
    # the plan comes back paragraph for paragraph (the breadcrumb's double spaces aside)
    assert lines[1:] == paragraphs[1:]
    assert not any("印发" in line and "抄送" in line for line in lines) and "区政协办公室" not in src.text
    assert any("版记" in note for note in src.notes) and any("page number" in note for note in src.notes)
    doc = gk.parse_document(pdf, tokens=False)
    assert doc.tasks["text"].tolist() == bundled.tasks["text"].tolist()
    assert doc.tasks["clause"].tolist() == bundled.tasks["clause"].tolist()
    cols = ["task_id", "unit", "role", "mode"]
    pd.testing.assert_frame_equal(doc.responsibilities[cols], bundled.responsibilities[cols])
    units = set(doc.responsibilities["unit"])
    assert not any("\n" in unit or " " in unit for unit in units)
    assert {"各街道办事处", "城管委"} <= units and "科委负" not in src.text.replace("科委负责", "")


def test_characters_drawn_out_of_order_read_in_order(tmp_path):
    """Each character is drawn on its own, in shuffled order: the text follows the page, not the stream."""
    from matplotlib.figure import Figure

    from gongkai_analysis import plots

    lines = ["１．全面推进“五公开”，及时发布信息。", "（财政局负责落实）"]
    placed = [(ch, 0.08 + 0.04 * i, 0.9 - 0.05 * row) for row, line in enumerate(lines) for i, ch in enumerate(line)]
    random.Random(7).shuffle(placed)
    with plots.chinese_style():
        fig = Figure(figsize=(8.27, 11.69))
        for ch, x, y in placed:
            fig.text(x, y, ch, fontsize=14)
        fig.savefig(tmp_path / "shuffled.pdf", format="pdf")
    assert read_path(tmp_path / "shuffled.pdf").text == "１．全面推进“五公开”，及时发布信息。（财政局负责落实）\n"


@pytest.mark.parametrize("number", ["— 3 —", "- 3 -", "第3页 共9页", "3", "3/9", "第 3 页"])
def test_page_number_pattern(number):
    assert gk.patterns.PDF_PAGE_NUMBER.match(number)


@pytest.mark.parametrize("line", ["2017年6月21日", "3.做好公开。", "一、总体要求", "（3分）"])
def test_page_number_pattern_leaves_text(line):
    assert not gk.patterns.PDF_PAGE_NUMBER.match(line)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 5 >>"
         b" endobj\n3 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
         "not a readable PDF"),
        (b"%PDF-1.7\n" + b"\x00" * 200, "not a readable PDF"),
    ],
    ids=["page-tree-loop", "garbage"],
)
def test_broken_pdf_is_a_parse_error_naming_the_file(tmp_path, data, message):
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(gk.ParseError, match=message) as info:
        read_path(path)
    assert str(path) in str(info.value)


def _page(texts, *, footer=None):
    from gongkai_analysis.reading.pdf import _Line

    lines = [_Line(text, 79, 500, 742 - 19 * i, 16) for i, text in enumerate(texts)]
    if footer:
        lines.append(_Line(footer, 280, 320, lines[-1].y - 30, 14))
    return lines


def test_only_lines_set_apart_at_the_page_edges_are_furniture():
    from gongkai_analysis.reading.pdf import _drop_page_furniture

    body = ["1.做好公开工作。", "及时发布信息。", "2.做好解读。", "（财政局负责落实）"]
    pages = [_page(body, footer=f"— {n} —") for n in (1, 2)] + [_page(body[:3] + ["3"], footer="第3页 共3页")]
    kept, dropped = _drop_page_furniture(pages)
    # the footers go; the clause ending two pages and the body line "3" at the foot of the body stay
    assert dropped == 3
    assert [[line.text for line in page] for page in kept] == [body, body, body[:3] + ["3"]]


def test_running_header_repeated_on_three_pages_is_dropped():
    from gongkai_analysis.reading.pdf import _drop_page_furniture, _Line

    pages = []
    for n, heading in enumerate(["一、决策公开", "二、政策解读", "三、回应关切"], start=1):
        page = _page([heading, f"{n}.做好第{n}项。", "（财政局负责落实）", "及时发布。"])
        pages.append([_Line("某区人民政府办公室文件", 200, 400, 790, 14), *page])
    kept, dropped = _drop_page_furniture(pages)
    assert dropped == 3 and [page[0].text for page in kept] == ["一、决策公开", "二、政策解读", "三、回应关切"]


def test_paragraphs_ending_at_the_margin_stay_apart_when_most_lines_start_indented():
    from gongkai_analysis.reading.pdf import _Line, _reflow

    texts = ["加强政策解读，及时发布解读材料，", "做好回应关切工作。", "推进决策公开，重大决策草案公开", "征求意见。",
             "做好结果公开。", "推进管理公开，全面公开权力清单，", "依法公开监管信息。", "做好服务公开。"]
    starts = [111, 79, 111, 79, 111, 111, 79, 111]  # paragraphs start indented; five of eight lines do
    lines = [_Line(text, x0, 520, 700 - 20 * i, 16) for i, (text, x0) in enumerate(zip(texts, starts))]
    assert _reflow(lines) == ["加强政策解读，及时发布解读材料，做好回应关切工作。", "推进决策公开，重大决策草案公开征求意见。",
                              "做好结果公开。", "推进管理公开，全面公开权力清单，依法公开监管信息。", "做好服务公开。"]


def test_kangxi_radicals_from_a_font_map_read_as_ideographs(tmp_path):
    import warnings

    from matplotlib.figure import Figure

    from gongkai_analysis import plots

    with plots.chinese_style(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the subset font has no glyphs for radicals: the text layer keeps them
        fig = Figure(figsize=(8, 4))
        fig.text(0.05, 0.5, "1.做好⼯作⼈员培训。（⼈⼒社保局负责落实）", fontsize=12)
        fig.savefig(tmp_path / "radicals.pdf", format="pdf")
    src = read_path(tmp_path / "radicals.pdf")
    assert src.text == "1.做好工作人员培训。（人力社保局负责落实）\n"
    assert src.notes == ["mapped 4 Kangxi radical or compatibility character(s) to the ideographs they print"]


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("name", ["anhui-2021-industrial-internet.txt", "baotou-2022-digital-government-appraisal.txt"])
def test_real_plans_printed_to_pdf_read_as_their_text(tmp_path, corpus_path, name):
    """Plans of other places and genres (a policy with its action plan and boxed inserts; an appraisal plan
    with labelled clauses), typeset as official documents are: the same tasks, clauses and units."""
    text = read_path(corpus_path(name)).text
    pdf = _libreoffice_pdf(tmp_path, [line for line in text.split("\n") if line.strip()], footer=FOOTERS["dash"])
    from_text, from_pdf = (gk.parse_document(path, tokens=False, strict=False) for path in (corpus_path(name), pdf))
    squeezed = lambda texts: ["".join(t.split()) for t in texts]  # noqa: E731 (indents and blank lines aside)
    assert squeezed(from_pdf.tasks["text"]) == squeezed(from_text.tasks["text"])
    assert from_pdf.tasks["clause"].tolist() == from_text.tasks["clause"].tolist()
    columns = ["task_id", "unit", "unit_raw", "role", "mode"]
    pd.testing.assert_frame_equal(from_pdf.responsibilities[columns], from_text.responsibilities[columns])


LABELLED = ["某县2023年政务公开重点工作安排", "一、加强政策公开", "深入推进决策公开。严格落实重大行政决策程序规定。",
            "责任单位：县司法局", "完成时限：2023年12月底前",
            "做好政策解读。坚持政策文件与解读材料同步组织、同步审签、同步部署。责任单位：县政府办公室，县直各部门。",
            "二、加强平台建设", "优化政府网站。加强集约化建设，提升网站服务能力，推进网站与政务新媒体融合。",
            "牵头单位：县政务服务中心", "配合单位：县委网信办", "规范政务新媒体。（县委网信办负责）"]


@needs_soffice
def test_label_lines_under_tasks_stay_lines_of_their_own(tmp_path):
    """A 责任单位：… line after a line that ends a sentence near the right margin starts a paragraph of its own
    (before, it was joined to the text above it, and the 完成时限 line after it was left in the task's text)."""
    pdf = _libreoffice_pdf(tmp_path, LABELLED, footer=FOOTERS["dash"])
    assert read_path(pdf).text.splitlines() == LABELLED
    from_text = gk.parse_document("\n".join(LABELLED), tokens=False)
    from_pdf = gk.parse_document(pdf, tokens=False)
    columns = ["task_id", "text", "clause", "time_limit"]
    pd.testing.assert_frame_equal(from_pdf.tasks[columns], from_text.tasks[columns])
    assert from_pdf.responsibilities["unit_raw"].tolist() == ["县司法局", "县政府办公室", "县直各部门", "县政务服务中心",
                                                             "县委网信办", "县委网信办"]


@needs_soffice
def test_a_scanned_page_among_printed_ones_is_a_warning_not_a_silent_loss(tmp_path):
    """A notice printed to PDF with its task table scanned as an image: before, the image page was skipped
    and the document parsed without a word about it."""
    import io

    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    printed = _libreoffice_pdf(tmp_path, LABELLED, footer=FOOTERS["dash"])
    scan = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(scan).rectangle((100, 100, 1100, 1600), outline="black")
    buffer = io.BytesIO()
    scan.save(buffer, "PDF", resolution=150)
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(str(printed)))
    mixed.import_pages(pdfium.PdfDocument(buffer.getvalue()))
    path = tmp_path / "mixed.pdf"
    mixed.save(str(path))
    message = "page 2 is an image with no text layer (a scan?): what it prints is not read (OCR it first)"
    src = read_path(path)
    assert src.doubts == [message] and src.text.splitlines() == LABELLED
    doc = gk.parse_document(path, tokens=False)
    assert doc.warnings[0] == message and doc.meta.loc[0, "n_warnings"] == len(doc.warnings)


@needs_soffice
@pytest.mark.parametrize(("size", "doubts"), [
    ((80, 80), []),  # a seal: a small share of the page
    ((450, 400), ["page 1 holds an image over 36% of the page: any text it prints is not read"]),
])
def test_an_image_over_much_of_a_printed_page_is_reported(tmp_path, size, doubts):
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(str(_libreoffice_pdf(tmp_path, LABELLED, footer=FOOTERS["dash"])))
    image = pdfium.PdfImage.new(pdf)
    image.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("RGB", (100, 100), "red")))
    image.set_matrix(pdfium.PdfMatrix().scale(*size).translate(100, 200))
    page = pdf[0]
    page.insert_obj(image)
    page.gen_content()
    pdf.save(str(tmp_path / "with-image.pdf"))
    src = read_path(tmp_path / "with-image.pdf")
    assert src.doubts == doubts and src.text.splitlines() == LABELLED
