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


def test_unknown_name_loses_its_level_prefix_like_a_known_one():
    reg = gk.load_registry()
    match = reg.lookup("区档案馆")
    assert (match.unit, match.known, match.collective) == ("档案馆", False, False)
    assert reg.lookup("各社区居委会").collective
    # one rule on known and unknown names alike: the level prefix goes, a word starting with 市 stays
    assert [reg.lookup(n).unit for n in ("区财政局", "区市场监管局", "市市场监管局", "市场监管局", "市民政局",
                                         "市委网信办", "区委宣传部", "市政府办公室", "县（市、区）人民政府",
                                         "市、县人民政府", "市直各部门")] == [
        "财政局", "市场监管局", "市场监管局", "市场监管局", "民政局", "市委网信办", "宣传部", "政府办公室",
        "县（市、区）人民政府", "市、县人民政府", "市直各部门"]
    # 市政 is a word (municipal works), 市政务… is the city's 政务… (the genre's 政务服务 and 政务公开 units)
    assert [reg.lookup(n).unit for n in ("市政务服务中心", "县政务服务局", "省政务服务管理办公室", "区政务服务中心",
                                         "市政管理委员会", "市政市容委", "市政协")] == [
        "政务服务中心", "政务服务局", "政务服务管理办公室", "政务服务中心", "市政管理委员会", "市政市容委", "市政协"]
    assert [reg.lookup(n).known for n in ("区政务服务中心", "县政务服务中心")] == [True, False]


def test_names_from_another_level_are_not_the_districts_units():
    reg = gk.load_registry()
    assert [(reg.lookup(n).unit, reg.lookup(n).known) for n in ("区财政局", "市财政局", "省财政厅", "财政局")] == [
        ("财政局", True), ("财政局", False), ("财政厅", False), ("财政局", True)]


@pytest.mark.parametrize(("name", "function"), [
    ("财政局", "财政"), ("财政厅", "财政"), ("财政部", "财政"), ("市财政局", "财政"),
    ("发改委", "发展改革"), ("发展改革委", "发展改革"), ("省发展改革委", "发展改革"), ("发展和改革委员会", "发展改革"),
    ("市委网信办", "网信"), ("市审批服务局", "政务服务"), ("市政府办公室", "政府办公室"), ("省政府办公厅", "政府办公室"),
    ("省经济和信息化厅", "工业和信息化"), ("市工信局", "工业和信息化"), ("市卫健委", "卫生健康"),
    ("市文旅广电局", "文化旅游"), ("市人社局", "人力资源社会保障"), ("市住建局", "住房城乡建设"),
    ("市政府金融办", "金融"), ("省通信管理局", "通信管理"), ("市委宣传部", "宣传"), ("市委组织部", "组织"),
    ("市公共资源交易中心", "公共资源交易"), ("中共北京市东城区委宣传部", "宣传"),
    ("各市人民政府", None), ("科技园区管委会", None), ("省铁塔公司", None), ("区档案馆", None),
    # the mass organisations and more offices of a province's or a city's plan
    ("省总工会", "工会"), ("团省委", "共青团"), ("团市委", "共青团"), ("省妇联", "妇联"), ("市残联", "残联"),
    ("省科协", "科协"), ("省广电局", "广播电视"), ("省乡村振兴局", "乡村振兴"), ("县扶贫开发办", "乡村振兴"),
    ("省粮食和储备局", "粮食和物资储备"), ("省能源局", "能源"), ("市城市管理综合执法局", "城市管理"),
    ("市住房公积金管理中心", "住房公积金"), ("市政府研究室", "政策研究"), ("市消防救援支队", "消防救援"),
    ("市融媒体中心", "融媒体"), ("市公安局交通管理支队", None),
])
def test_unit_function(name, function):
    assert gk.parsing.departments.unit_function(name) == function
    assert gk.load_registry().lookup(name).function == function


def test_every_bundled_function_stem_is_read_back():
    from gongkai_analysis.parsing.departments import load_unit_functions, unit_function

    table = load_unit_functions()
    assert len(table) >= 100 and table["function"].nunique() >= 40
    assert all(unit_function(stem + "局") == function for stem, function in zip(table["stem"], table["function"])
               if not stem.endswith(("办", "厅", "室", "委")))


def test_bad_function_table_names_file_and_line(tmp_path):
    from gongkai_analysis.parsing.departments import load_unit_functions

    path = tmp_path / "f.csv"
    path.write_text("stem,function\n财政,财政\n财政,税务\n", encoding="utf-8")
    with pytest.raises(gk.ParseError, match=r"f.csv:3: stem '财政' has two functions"):
        load_unit_functions(path)


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


def test_a_registry_built_from_a_frame_with_empty_cells_learns_no_name_nan():
    import pandas as pd

    table = pd.DataFrame({"unit": ["财政局"], "full_name": [None], "aliases": [None], "category": ["government"]})
    registry = gk.Registry(table)
    assert "nan" not in registry.names() and registry.lookup("财政局").known


PLAN = "{title}\n一、公开\n1.做好A。（财政局牵头，区发展改革委、各街道办事处负责落实）\n"


def test_a_plan_from_another_place_is_not_read_with_the_bundled_registry():
    # 包头's 财政局 is not 东城's: kept as printed, known = False, with one warning saying why
    doc = gk.parse_document(PLAN.format(title="包头市2022年政务公开工作要点"), tokens=False, strict=False)
    resp = doc.responsibilities
    assert resp[["unit", "known", "unit_function", "collective"]].fillna("NA").values.tolist() == [
        ["财政局", False, "财政", False], ["发展改革委", False, "发展改革", False], ["各街道办事处", False, "NA", True]]
    assert resp["category"].isna().all()
    assert doc.warnings[0].startswith("the document is from 包头市 and the registry is 东城's")


@pytest.mark.parametrize("title", ["东城区2017年政务公开工作要点", "北京市东城区2017年政务公开工作要点",
                                   "某区2019年政务公开工作要点", "某市某区2019年政务公开工作要点", "2019年政务公开工作要点"])
def test_a_plan_from_the_registrys_place_or_from_no_named_place_is_read_with_it(title):
    doc = gk.parse_document(PLAN.format(title=title), tokens=False, strict=False)
    assert doc.responsibilities[["unit", "known"]].values.tolist() == [
        ["财政局", True], ["发改委", True], ["各街道办事处", True]]
    assert not any("the document is from" in w for w in doc.warnings)
    # a plan that names no place may be from anywhere: its units are the registry's by their names alone, and
    # one warning says so (a plan from 东城 says nothing)
    no_place = [w for w in doc.warnings if w.startswith("the document names no place")]
    if "东城" in title:
        assert no_place == []
    else:
        assert no_place == ["the document names no place (in its title, notice title or issuer): 3 of its units "
                            "were taken for units of the registry of 东城 by their names alone (known = True); if "
                            "it is from elsewhere, read it with that place's registry"]


def test_a_plan_naming_no_place_and_no_unit_of_the_registry_has_no_place_warning():
    doc = gk.parse_document("2019年政务公开工作要点\n一、公开\n1.做好A。（甲局负责）\n", tokens=False)
    assert doc.responsibilities["known"].tolist() == [False]
    assert not any(w.startswith("the document names no place") for w in doc.warnings)


def test_a_registry_without_places_applies_to_every_plan(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("unit,full_name,aliases,category\n财政局,,,government\n", encoding="utf-8")
    doc = gk.parse_document(PLAN.format(title="包头市2022年政务公开工作要点"), tokens=False, strict=False,
                            registry=gk.load_registry(path))
    assert doc.responsibilities["known"].tolist() == [True, False, False]
    baotou = gk.load_registry(path, places=("包头",))
    assert baotou.applies_to("包头市") and not baotou.applies_to("安徽省")


def test_member_units_of_a_working_group_are_a_collective():
    reg = gk.load_registry()
    match = reg.lookup("省推进工业互联网创新发展专项工作组成员单位")
    assert (match.unit, match.known, match.collective) == ("推进工业互联网创新发展专项工作组成员单位", False, True)
    assert not reg.lookup("推进工业互联网创新发展专项工作组").collective  # the group itself is one unit


def test_local_financial_regulators_serve_finance():
    from gongkai_analysis.parsing.departments import unit_function

    assert [unit_function(n) for n in ("省地方金融监管局", "地方金融监督管理局", "市金融工作局")] == ["金融"] * 3


@pytest.mark.parametrize(("name", "function"), [
    ("国家发展改革委", "发展改革"), ("中央网信办", "网信"), ("国务院办公厅", "政府办公室"), ("自治区财政厅", "财政"),
    ("盟财政局", "财政"), ("广东省政务服务数据管理局", "政务服务"), ("内蒙古自治区包头市财政局", "财政"),
    ("包头市委网信办", "网信"), ("中共包头市委宣传部", "宣传"), ("高新区管委会", None), ("市场监管局", "市场监管"),
])
def test_a_unit_s_function_is_found_past_the_nation_s_the_autonomous_areas_and_a_named_place(name, function):
    # (before, each of these with a function gave NA: only 省/市/区/县 and 东城's own prefix were passed over)
    assert gk.parsing.departments.unit_function(name) == function


def test_a_unit_named_with_the_document_s_own_place_is_the_unit_named_with_its_level_alone():
    # 包头市财政局 and 市财政局 in a plan of 包头市: before, two units (the workload of one body split in two)
    text = ("包头市2024年政务公开工作要点\n一、公开\n1.做好预算公开。（包头市财政局牵头，市审计局、包头市委网信办配合）\n"
            "2.做好决算公开。（市财政局、包头市财政局负责）\n3.做好审计公开。（内蒙古自治区包头市审计局、稀土高新区管委会负责）\n")
    doc = gk.parse_document(text, tokens=False, strict=False)
    assert doc.responsibilities[["task_id", "unit_raw", "unit", "role"]].values.tolist() == [
        ["1", "包头市财政局", "财政局", "lead"], ["1", "市审计局", "审计局", "support"],
        ["1", "包头市委网信办", "市委网信办", "support"], ["2", "市财政局", "财政局", "responsible"],
        ["3", "内蒙古自治区包头市审计局", "审计局", "responsible"], ["3", "稀土高新区管委会", "稀土高新区管委会", "responsible"]]
    # the same body named twice in one clause is reported, as any unit named twice is
    assert "line 4: task 2: 财政局 named twice as responsible" in doc.warnings
    assert doc.meta.loc[0, "n_units"] == 4
