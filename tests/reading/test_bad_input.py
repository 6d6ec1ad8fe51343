"""Bad input gives one ParseError naming the file and line; nothing is lost."""

import pytest

import gongkai_analysis as gk
from gongkai_analysis.reading.files import read_bytes


def test_parse_error_is_a_value_error():
    assert issubclass(gk.ParseError, ValueError)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("关于做好政务公开工作的通知\n各单位要高度重视。\n".encode(), "no numbered tasks"),
    ],
)
def test_bad_files(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(gk.ParseError, match=message) as info:
        gk.parse_document(path, tokens=False)
    assert str(path) in str(info.value)


def test_undecodable_bytes_name_the_line(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("一、公开\n1.做好A。\n".encode() + b"\xff\xfe\xfa\xfb\x00garbage" * 1)
    with pytest.raises(gk.ParseError) as info:
        gk.parse_document(path, tokens=False)
    assert str(path) in str(info.value)


def test_no_tasks_names_the_first_line(fixture_path):
    with pytest.raises(gk.ParseError, match=r"no_tasks.txt:1: no numbered tasks"):
        gk.parse_document(fixture_path("no_tasks.txt"), tokens=False)


def test_missing_file():
    with pytest.raises(gk.ParseError, match="no such file"):
        gk.parse_document("does-not-exist.txt")


def test_skipped_number_names_the_line():
    text = "一、公开\n1.做好A。(财政局负责落实)\n3.做好C。(财政局负责落实)\n"
    with pytest.raises(gk.ParseError, match=r"<text>:3: task number 3 skips the sequence \(expected 2\)"):
        gk.parse_document(text, tokens=False)
    doc = gk.parse_document(text, tokens=False, strict=False)
    assert doc.tasks["task_id"].tolist() == ["1", "3"]
    assert "skips" in doc.warnings[0]


def test_repeated_number_gets_a_unique_id_when_lenient():
    text = "一、公开\n1.做好A。(财政局负责落实)\n2.做好B。(财政局负责落实)\n2.做好C。(审计局负责落实)\n"
    with pytest.raises(gk.ParseError, match="repeats"):
        gk.parse_document(text, tokens=False)
    doc = gk.parse_document(text, tokens=False, strict=False)
    assert doc.tasks["task_id"].is_unique
    assert doc.tasks["text"].tolist() == ["做好A。", "做好B。", "做好C。"]


def test_gb18030_crlf_and_bom_read_alike(bundled, bundled_text):
    variants = {
        "gb18030": bundled_text.replace("\n", "\r\n").encode("gb18030"),
        "utf-8-sig": b"\xef\xbb\xbf" + bundled_text.encode("utf-8"),
        "utf-8": bundled_text.encode("utf-8"),
    }
    for encoding, data in variants.items():
        src = read_bytes(data, source=f"plan-{encoding}.txt")
        assert src.encoding == encoding
        doc = gk.parse_document(src, tokens=False)
        assert doc.tasks["text"].tolist() == bundled.tasks["text"].tolist()


def test_hz_bytes_are_read_as_hz_not_as_ascii():
    # HZ is 7-bit: read as UTF-8 it gives ~{...~} escapes that look like text and are not
    text = "一、公开\n1.做好政务公开工作。（区政务公开办负责）\n2.加强政策解读。（区政务公开办负责）\n"
    src = read_bytes(text.encode("hz"), source="plan-hz.txt")
    assert src.encoding == "hz"
    doc = gk.parse_document(src, tokens=False, strict=False)
    assert doc.tasks["text"].tolist() == ["做好政务公开工作。", "加强政策解读。"]
    assert doc.responsibilities["unit_raw"].tolist() == ["区政务公开办", "区政务公开办"]
    assert doc.responsibilities["unit"].tolist() == ["政务公开办", "政务公开办"]  # the level prefix set aside


def test_ascii_with_a_tilde_brace_stays_utf8():
    text = "一、公开\n1.做好A。(甲局负责落实)\n".encode("utf-8") + b"~{ not HZ ~}"
    assert read_bytes(b"see ~{ this ~} and 1. a\n" * 3).encoding == "utf-8"
    assert read_bytes(text).encoding == "utf-8"


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        ("政府資訊公開工作要點，各區縣政府負責落實。" * 20, "big5", "big5"),
        ("대한민국 정부는 공공기관의 정보공개에 관한 법률에 따라 정보를 공개합니다. " * 20, "euc-kr", "cp949"),
    ],
)
def test_other_double_byte_encodings_are_not_taken_for_gb18030(text, codec, expected):
    # such bytes often decode as GB18030 too, into nonsense: detection must decide instead
    src = read_bytes(text.encode(codec))
    assert (src.encoding, src.text) == (expected, text)


def test_zero_width_and_non_breaking_spaces_do_not_change_tables(bundled, bundled_text):
    noisy = bundled_text.replace("负责落实", "负责\u200b落实").replace("1.", "1.\u00a0", 1)
    doc = gk.parse_document(noisy, tokens=False)
    assert doc.responsibilities["unit"].tolist() == bundled.responsibilities["unit"].tolist()


def test_full_width_punctuation_reads_like_half_width(bundled, bundled_text):
    full = bundled_text.replace("(", "（").replace(")", "）").replace(",", "，").replace(":", "：")
    doc = gk.parse_document(full, tokens=False)
    cols = ["task_id", "unit", "role", "mode", "alias"]
    assert doc.responsibilities[cols].values.tolist() == bundled.responsibilities[cols].values.tolist()
    assert doc.tasks["text"].iloc[0].startswith("及时发布全区经济社会发展重要指标数据，")


def test_clause_outside_tasks_is_reported_not_lost():
    text = "一、公开\n（财政局负责落实）\n1.做好A。(财政局负责落实)\n"
    doc = gk.parse_document(text, tokens=False)
    assert "outside any task" in doc.meta.loc[0, "warnings"]
    assert "财政局负责落实" in doc.sections.loc[0, "intro"]


def test_clause_cut_before_its_closing_bracket_is_read_and_reported():
    doc = gk.parse_document("一、公开\n1.做好A。(财政局负责落实\n", tokens=False)
    assert doc.responsibilities["unit"].tolist() == ["财政局"]
    assert doc.warnings[0] == "line 2: task 1: its clause has no closing bracket (read up to the end)"
    assert doc.warnings[1:] == [_NO_PLACE.format(1)]


#: The warning on a plan that names no place and names units of the bundled registry (see build._warn_no_place).
_NO_PLACE = ("the document names no place (in its title, notice title or issuer): {} of its units were taken for "
             "units of the registry of 东城 by their names alone (known = True); if it is from elsewhere, read it "
             "with that place's registry")
