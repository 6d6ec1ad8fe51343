"""Word and Excel files, legacy formats through LibreOffice, and damaged archives."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest

import gongkai_analysis as gk
from gongkai_analysis.reading import office
from gongkai_analysis.reading.files import read_path

docx = pytest.importorskip("docx")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed: .ci/run installs it")

HEADER = ["序号", "工作任务", "牵头单位", "责任单位", "完成时限", "具体措施"]


def _task_table(path, *, units_cell_lines, section_row=True):
    """A Word task table; the 责任单位 cell of task 1 has one unit per paragraph."""
    document = docx.Document()
    document.add_paragraph("某区2018年政务公开工作任务分工")
    table = document.add_table(rows=4 if section_row else 3, cols=len(HEADER))
    for c, value in enumerate(HEADER):
        table.cell(0, c).text = value
    row = 1
    if section_row:
        merged = table.cell(1, 0).merge(table.cell(1, len(HEADER) - 1))
        merged.text = "一、推进决策公开"
        row = 2
    values = ["1", "公开重大决策。", "区政府办公室", "", "2018年6月底前", "建立目录；公开草案"]
    for c, value in enumerate(values):
        table.cell(row, c).text = value
    cell = table.cell(row, 3)
    cell.text = units_cell_lines[0]
    for line in units_cell_lines[1:]:
        cell.add_paragraph(line)
    for c, value in enumerate(["2", "公开审计结果。", "区审计局", "区财政局", "每季度", ""]):
        table.cell(row + 1, c).text = value
    document.save(path)
    return path


def test_word_cell_with_one_unit_per_paragraph_keeps_the_lines_apart(tmp_path):
    path = _task_table(tmp_path / "table.docx", units_cell_lines=["区发展改革委", "区住房城乡建设委", "2018年底前"])
    lines = read_path(path).text.split("\n")[:-1]
    assert lines == [
        "某区2018年政务公开工作任务分工",
        "\t".join(HEADER),
        "一、推进决策公开",  # the section row merged across the table is one cell: a header line
        "1\t公开重大决策。\t区政府办公室\t区发展改革委\u2028区住房城乡建设委\u20282018年底前\t2018年6月底前\t建立目录；公开草案",
        "2\t公开审计结果。\t区审计局\t区财政局\t每季度",
    ]


def test_word_manual_breaks_inside_and_outside_cells(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("一、公开")
    paragraph.add_run().add_break()
    paragraph.add_run("1.做好A。")
    paragraph.add_run().add_break()
    paragraph.add_run("（财政局负责落实）")
    cell = document.add_table(rows=1, cols=2).cell(0, 1)
    cell.paragraphs[0].add_run("区财政局")
    cell.paragraphs[0].add_run().add_break()
    cell.paragraphs[0].add_run("区审计局")
    cell.add_paragraph("区统计局")
    document.save(tmp_path / "breaks.docx")
    text = read_path(tmp_path / "breaks.docx").text
    assert text == "一、公开\n1.做好A。\n（财政局负责落实）\n\t区财政局\u2028区审计局\u2028区统计局\n"


def test_xlsx_task_table(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "工作任务", "牵头单位", "责任单位", "完成时限"])
    sheet.append(["一、推进决策公开"])
    sheet.merge_cells("A2:E2")
    sheet.append([1, "公开重大决策。", "区政府办公室", "区发展改革委\n区住房城乡建设委", "2018年6月底前"])
    sheet.append([2, "公开审计结果。", None, "区审计局", "每季度"])
    sheet.merge_cells("C3:C4")  # one lead unit for both tasks
    book.save(tmp_path / "tasks.xlsx")
    src = read_path(tmp_path / "tasks.xlsx")
    assert src.encoding == "xlsx"
    assert src.text.split("\n")[:-1] == [
        "序号\t工作任务\t牵头单位\t责任单位\t完成时限",
        "一、推进决策公开",
        "1\t公开重大决策。\t区政府办公室\t区发展改革委\u2028区住房城乡建设委\t2018年6月底前",
        "2\t公开审计结果。\t区政府办公室\t区审计局\t每季度",
    ]
    doc = gk.parse_document(tmp_path / "tasks.xlsx", tokens=False)
    assert doc.tasks["text"].tolist() == ["公开重大决策。", "公开审计结果。"]


# --------------------------------------------------------------------------
# damaged and hostile archives
# --------------------------------------------------------------------------
def _docx_bytes(text="1.做好A。（财政局负责落实）") -> bytes:
    document = docx.Document()
    document.add_paragraph("一、公开")
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rewrite(data: bytes, change) -> bytes:
    """The archive with each member passed through change(info, bytes) -> (info, bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            info, content = change(info, source.read(info))
            target.writestr(info, content)
    return out.getvalue()


def _patch_headers(data: bytes, *, method: int | None = None, flags: int = 0) -> bytes:
    """Write compression method `method`, or add `flags`, in every local and central header."""
    buffer = bytearray(data)
    for signature, at_flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := buffer.find(signature, start)) != -1:
            old = int.from_bytes(buffer[start + at_flags : start + at_flags + 2], "little")
            buffer[start + at_flags : start + at_flags + 2] = (old | flags).to_bytes(2, "little")
            if method is not None:
                buffer[start + at_flags + 2 : start + at_flags + 4] = method.to_bytes(2, "little")
            start += 4
    return bytes(buffer)


def _bad_xml(info, content):
    return info, (b"<w:document><unclosed>" if info.filename == "word/document.xml" else content)


def _stored(info, content):
    info.compress_type = zipfile.ZIP_STORED
    return info, content


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: _rewrite(_docx_bytes(), _bad_xml), "bad XML"),
        (lambda: _patch_headers(_docx_bytes(), flags=0x1), "encrypted"),
        (lambda: _patch_headers(_rewrite(_docx_bytes(), _stored), method=99), "compression method 99"),
        (lambda: _docx_bytes()[:2000], "not a readable .docx"),
        (lambda: b"PK\x03\x04" + b"\x00" * 100, "not a readable .docx"),
    ],
    ids=["bad-xml", "encrypted-member", "unknown-compression", "truncated", "garbage"],
)
def test_damaged_docx_is_a_parse_error_naming_the_file(tmp_path, make, message):
    path = tmp_path / "damaged.docx"
    path.write_bytes(make())
    with pytest.raises(gk.ParseError, match=message) as info:
        read_path(path)
    assert str(info.value).startswith(str(path))


def test_decompression_bomb_is_refused_before_it_is_inflated(tmp_path, monkeypatch):
    def bomb(info, content):
        if info.filename == "word/document.xml":
            content = content.replace(b"</w:body>", b"<!--" + b" " * 3_000_000 + b"--></w:body>")
        return info, content

    path = tmp_path / "bomb.docx"
    path.write_bytes(_rewrite(_docx_bytes(), bomb))
    assert path.stat().st_size < 100_000
    assert read_path(path).text == "一、公开\n1.做好A。（财政局负责落实）\n"  # within the default limit
    monkeypatch.setenv("GONGKAI_MAX_UNPACKED_MB", "2")
    with pytest.raises(gk.ParseError, match=r"inflate to \d MB, more than the limit of 2 MB.*GONGKAI_MAX_UNPACKED_MB"):
        read_path(path)


# --------------------------------------------------------------------------
# legacy formats
# --------------------------------------------------------------------------
def test_legacy_file_without_libreoffice_says_how_to_fix_it(tmp_path, monkeypatch):
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    path = tmp_path / "plan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    with pytest.raises(gk.ParseError, match=r"plan.doc: .doc files are read by converting them with LibreOffice, "
                                            r"which is not installed: install it"):
        read_path(path)


@needs_soffice
@pytest.mark.parametrize("suffix", [".doc", ".rtf"])
def test_legacy_word_file_is_converted(tmp_path, suffix, bundled_text, bundled):
    source = tmp_path / "plan.docx"
    document = docx.Document()
    for line in bundled_text.split("\n"):
        if line.strip():
            document.add_paragraph(line)
    document.save(source)
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", suffix.lstrip("."), "--outdir", str(tmp_path / "legacy"), str(source)],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    src = read_path(tmp_path / "legacy" / f"plan{suffix}")
    assert src.encoding == suffix.lstrip(".")
    assert src.text == read_path(source).text
    doc = gk.parse_document(tmp_path / "legacy" / f"plan{suffix}", tokens=False)
    assert doc.tasks["text"].tolist() == bundled.tasks["text"].tolist()
    assert doc.responsibilities["unit"].tolist() == bundled.responsibilities["unit"].tolist()


def test_folder_lists_every_file_it_does_not_read(tmp_path, monkeypatch):
    import os

    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    root = tmp_path / "plans"
    (root / "sub").mkdir(parents=True)
    shutil.copy(gk.config.BUNDLED_DOCUMENT, root / "plan.txt")
    (root / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    (root / "scan.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (root / "sub" / "gone.txt").symlink_to(root / "nowhere.txt")
    os.mkfifo(root / "sub" / "pipe.txt")
    (root / ".DS_Store").write_bytes(b"\x00")
    corpus = gk.parse_documents([root], tokens=False)
    assert corpus.meta["doc_id"].tolist() == ["plan"]
    reasons = dict(zip(corpus.errors["file"].map(lambda f: f.rsplit("/", 1)[-1]), corpus.errors["error"]))
    assert sorted(reasons) == ["gone.txt", "old.doc", "pipe.txt", "scan.jpg"]
    assert "LibreOffice, which is not installed" in reasons["old.doc"]
    assert "unsupported file type '.jpg'" in reasons["scan.jpg"]
    assert "dangling symbolic link" in reasons["gone.txt"]
    assert "a FIFO (named pipe), not a regular file" in reasons["pipe.txt"]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_word_text_in_controls_insertions_and_text_boxes_is_read_once(tmp_path):
    """Content controls, tracked changes and text boxes: what Word prints, nothing twice, nothing lost."""
    sdt = ('<w:sdt><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>1.做好A。（财政局负责落实）'
           '</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    tracked = ('<w:p><w:r><w:t>2.做好B。（</w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>审计局</w:delText>'
               '</w:r></w:del><w:ins w:id="2" w:author="x"><w:r><w:t>统计局</w:t></w:r></w:ins>'
               '<w:r><w:t>负责落实）</w:t></w:r></w:p>')
    box = ('<w:p><w:r><w:t>3.做好C。（发改委负责落实）</w:t></w:r><w:r><mc:AlternateContent '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps">'
           '<w:drawing><w:txbxContent><w:p><w:r><w:t>专栏1 公开工程</w:t></w:r></w:p></w:txbxContent></w:drawing>'
           '</mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>专栏1 公开工程</w:t></w:r></w:p>'
           '</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    field = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>各单位要抓好落实。</w:t></w:r></w:p>')

    def inject(info, content):
        if info.filename == "word/document.xml":
            content = content.replace(b"<w:sectPr", (sdt + tracked + box + field).encode() + b"<w:sectPr", 1)
        return info, content

    document = docx.Document()
    document.add_paragraph("一、公开")
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "controls.docx"
    path.write_bytes(_rewrite(buffer.getvalue(), inject))
    assert read_path(path).text.split("\n") == [
        "一、公开", "1.做好A。（财政局负责落实）", "2.做好B。（统计局负责落实）", "3.做好C。（发改委负责落实）", "专栏1 公开工程",
        "各单位要抓好落实。", "",
    ]


def test_xlsx_formula_without_a_saved_value_is_an_error_naming_the_cell(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "任务"
    sheet.append(["序号", "工作任务", "责任单位"])
    sheet.append([1, "公开预算。", '="区"&"财政局"'])  # saved by openpyxl: no computed value
    book.save(tmp_path / "formula.xlsx")
    with pytest.raises(gk.ParseError) as info:
        read_path(tmp_path / "formula.xlsx")
    assert str(info.value).startswith(f"{tmp_path / 'formula.xlsx'}:任务!C2: a formula with no saved value")


@pytest.mark.parametrize(("size_cm", "doubts"), [
    ((3, 3), []),  # a seal or a logo
    ((15, 20), ["the document holds 1 picture(s) over 30% of a page: any text they print is not read"]),
])
def test_a_word_document_with_a_page_sized_picture_says_so(size_cm, doubts):
    """A task table pasted into a Word file as a scanned picture: before, its tasks were lost without a word."""
    from docx.shared import Cm
    from PIL import Image

    document = docx.Document()
    document.add_paragraph("一、公开")
    document.add_paragraph("1.做好X。（区财政局负责）")
    picture = io.BytesIO()
    Image.new("RGB", (50, 50), "red").save(picture, "PNG")
    picture.seek(0)
    document.add_picture(picture, width=Cm(size_cm[0]), height=Cm(size_cm[1]))
    data = io.BytesIO()
    document.save(data)
    src = office.read_docx(data.getvalue(), source="plan.docx")
    assert src.doubts == doubts
    assert gk.parse_document(src, tokens=False).warnings[: len(doubts)] == doubts
    # a Word file that is nothing but such a picture names it in its error
    only = docx.Document()
    picture.seek(0)
    only.add_picture(picture, width=Cm(size_cm[0]), height=Cm(size_cm[1]))
    data = io.BytesIO()
    only.save(data)
    with pytest.raises(gk.errors.ParseError, match="has no text" + (r" \(it holds 1 picture" if doubts else r"$")):
        office.read_docx(data.getvalue(), source="scan.docx")


def test_a_workbook_whose_sheets_each_number_their_tasks_from_1_reads_each_sheet_as_a_part(tmp_path):
    """Before: the second sheet's tasks were 1#2 … with a warning that task 1 repeats the sequence."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["序号", "工作任务", "牵头单位", "完成时限"])
    book.active.append([1, "做好决策公开", "市司法局", "2024年6月底前"])
    book.active.append([2, "做好政策解读", "市政府办公室", "长期坚持"])
    second = book.create_sheet("第二批")
    second.append(["序号", "工作任务", "责任单位", "完成时限"])
    second.append([1, "优化网站", "市数据局", "年底前"])
    book.save(tmp_path / "tasks.xlsx")
    doc = gk.parse_document(tmp_path / "tasks.xlsx", tokens=False)
    assert doc.tasks["task_id"].tolist() == ["P1.1", "P1.2", "P2.1"]
    assert not [w for w in doc.warnings if "sequence" in w]
    assert doc.responsibilities[["task_id", "unit_raw", "role"]].values.tolist() == [
        ["P1.1", "市司法局", "lead"], ["P1.2", "市政府办公室", "lead"], ["P2.1", "市数据局", "responsible"]]
