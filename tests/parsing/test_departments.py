"""The department registry."""

import pytest

import gongkai_analysis as gk


def test_bundled_registry_resolves_prefixes_and_aliases():
    reg = gk.load_registry()
    assert reg.lookup("区财政局").unit == "财政局"
    assert reg.lookup("北京市东城区财政局").unit == "财政局"
    assert reg.lookup("东城区人民政府办公室").unit == "政府办"
    assert reg.lookup("各街道").unit == "各街道办事处"
    assert reg.lookup("区政府有关部门").unit == "区政府相关部门"
    assert reg.lookup("试点部门").collective


def test_unknown_name_is_kept_verbatim():
    match = gk.load_registry().lookup("区档案馆")
    assert (match.unit, match.known, match.collective) == ("区档案馆", False, False)
    assert gk.load_registry().lookup("各社区居委会").collective


def test_user_registry(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("unit,full_name,aliases,category\n档案馆,某区档案馆,区档案馆|档案局,institution\n", encoding="utf-8")
    reg = gk.load_registry(path)
    assert len(reg) == 1 and reg.lookup("区档案馆").unit == "档案馆"
    doc = gk.parse_document("一、公开\n1.做好A。(档案局负责落实)\n", tokens=False, registry=reg)
    assert doc.responsibilities[["unit", "unit_raw", "known"]].values.tolist() == [["档案馆", "档案局", True]]


def test_bad_registry_names_file_and_line(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("unit,full_name,aliases,category\nA局,,X,government\nB局,,X,government\n", encoding="utf-8")
    with pytest.raises(gk.ParseError, match=r"units.csv:3: name 'X' belongs to both"):
        gk.load_registry(path)
    path.write_text("unit,aliases\nA局,X\n", encoding="utf-8")
    with pytest.raises(gk.ParseError, match="lacks the column"):
        gk.load_registry(path)
