"""Readers given damaged bytes raise ParseError and nothing else (a Hypothesis run, in the slow group)."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gongkai_analysis as gk
from gongkai_analysis.reading.files import read_bytes
from gongkai_analysis.reading.html import read_html
from gongkai_analysis.reading.office import read_docx, read_xlsx
from gongkai_analysis.reading.pdf import read_pdf


def _samples() -> dict[str, bytes]:
    import docx
    import openpyxl
    from matplotlib.figure import Figure

    from gongkai_analysis import plots

    text = gk.config.BUNDLED_DOCUMENT.read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if line.strip()][:12]
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(1, 1).text = "区财政局"
    buffer = io.BytesIO()
    document.save(buffer)
    book = openpyxl.Workbook()
    for line in lines:
        book.active.append([line[:10], line])
    sheet = io.BytesIO()
    book.save(sheet)
    pdf = io.BytesIO()
    with plots.chinese_style():
        fig = Figure(figsize=(8.27, 11.69))
        for i, line in enumerate(lines):
            fig.text(0.05, 0.95 - i * 0.03, line[:30], fontsize=9)
        fig.savefig(pdf, format="pdf")
    page = "<html><body><div class='content'>" + "".join(f"<p>{line}</p>" for line in lines) + "</div></body></html>"
    return {"docx": buffer.getvalue(), "xlsx": sheet.getvalue(), "pdf": pdf.getvalue(),
            "html": page.encode("utf-8"), "txt": "\n".join(lines).encode("gb18030")}


SAMPLES = {}
READERS = {"docx": read_docx, "xlsx": read_xlsx, "pdf": read_pdf, "html": read_html, "txt": read_bytes}


@st.composite
def damaged(draw, kind):
    if not SAMPLES:
        SAMPLES.update(_samples())
    data = bytearray(SAMPLES[kind])
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert", "zero"]))
        if action == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 2000))]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        else:
            data[at : at + 64] = bytes(min(64, len(data) - at))
        if not data:
            break
    return bytes(data)


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(READERS))
def test_damaged_files_raise_parse_error_only(kind):
    @settings(max_examples=300, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(damaged(kind))
    def run(data):
        try:
            src = READERS[kind](data, source=f"fuzz.{kind}")
        except gk.ParseError as exc:
            assert str(exc).startswith(f"fuzz.{kind}")
        else:
            src.text.encode("utf-8")  # whatever is read can be written out
            assert "\r" not in src.text and "\x00" not in src.text

    run()


@pytest.mark.slow
@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.binary(max_size=3000))
def test_random_bytes_raise_parse_error_only(data):
    for kind, reader in READERS.items():
        try:
            reader(data, source="random")
        except gk.ParseError:
            pass
