"""Hostile and extreme input at the reading stage: nothing cut short, nothing forged, no hang.

Pages are built at test time from the bundled plan (65 tasks): unclosed tags,
an 11 MB data-URI image, a lying ``<meta charset>``, furniture-classed
elements that hold tasks; special files; control and bidirectional characters.
"""

from __future__ import annotations

import html
import os
import signal

import pytest

import gongkai_analysis as gk
from gongkai_analysis.reading.files import read_path
from gongkai_analysis.reading.html import read_html
from gongkai_analysis.reading.text import clean_cell, clean_text


def _paragraphs(bundled_text):
    return [html.escape(line) for line in bundled_text.split("\n") if line.strip()]


def _page(body: str, head: str = '<meta charset="utf-8">') -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>t</title></head><body>{body}</body></html>"


def _tasks(page, source="page.html"):
    data = page.encode("utf-8") if isinstance(page, str) else page
    return gk.parse_document(read_html(data, source=source), tokens=False).tasks


def test_unclosed_tags_on_every_line_lose_no_task(bundled_text, bundled):
    body = "".join(f"<div><font color=red><div><font><div>{p}<br>" for p in _paragraphs(bundled_text))
    tasks = _tasks(_page(f'<div class="content">{body}'))
    assert tasks["text"].tolist() == bundled.tasks["text"].tolist()


def test_a_large_navigation_menu_is_not_taken_for_a_cut(bundled_text, bundled):
    menu = "<nav>" + "".join(f"<a>栏目{i}政务公开信息</a>" for i in range(500)) + "</nav>"
    page = _page(f'<header>{menu}</header><div class="content">' + "".join(f"<p>{p}</p>" for p in
                                                                         _paragraphs(bundled_text)) + "</div>")
    assert _tasks(page)["text"].tolist() == bundled.tasks["text"].tolist()


def test_a_page_the_parser_cuts_short_is_an_error(bundled_text):
    # nesting deeper than lxml goes even with huge_tree: the tree ends early, and that is an error
    body = "".join("<div>" * 100 + p for p in _paragraphs(bundled_text))
    with pytest.raises(gk.ParseError, match=r"page.html: the page was cut short while parsing: \d+ of its \d+"):
        read_html(_page(body).encode(), source="page.html")


def test_an_11_mb_data_uri_image_loses_no_task(bundled_text, bundled):
    paragraphs = _paragraphs(bundled_text)
    image = '<img src="data:image/png;base64,' + "iVBORw0KGgo" * 1_000_000 + '">'
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:30]) + f"<p>{image}</p>" + \
        "".join(f"<p>{p}</p>" for p in paragraphs[30:])
    assert len(body) > 11_000_000
    tasks = _tasks(_page(f'<div class="article">{body}</div>'))
    assert tasks["text"].tolist() == bundled.tasks["text"].tolist()


def test_an_11_mb_text_node_loses_no_task(bundled_text, bundled):
    paragraphs = _paragraphs(bundled_text)
    blob = "<noscript>" + "iVBORw0KGgo" * 1_000_000 + "</noscript>"
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:30]) + blob + "".join(f"<p>{p}</p>" for p in paragraphs[30:])
    tasks = _tasks(_page(f'<div class="article">{body}</div>'))
    assert tasks["text"].tolist() == bundled.tasks["text"].tolist()


def test_furniture_classes_inside_the_content_keep_their_tasks(bundled_text, bundled):
    paragraphs = _paragraphs(bundled_text)
    classes = ["share-box", "bottom-line", "head2", "title-head"]
    body = "".join(f'<p class="{classes[i % 4]}">{p}</p>' for i, p in enumerate(paragraphs))
    page = _page('<div class="share-box">分享到：微信 微博</div>'
                 f'<div class="content">{body}<div class="share-box">【打印】【关闭】</div></div>'
                 '<div class="bottom-line">版权所有：某区人民政府</div>')
    src = read_html(page.encode())
    assert "分享到" not in src.text and "【打印】" not in src.text and "版权所有" not in src.text
    tasks = gk.parse_document(src, tokens=False).tasks
    assert tasks["text"].tolist() == bundled.tasks["text"].tolist()


@pytest.mark.parametrize("declared", ["iso-8859-1", "gb2312", "windows-1252"])
def test_a_lying_meta_charset_is_overruled_with_a_note(bundled_text, bundled, declared):
    page = _page("".join(f"<p>{p}</p>" for p in _paragraphs(bundled_text)),
                 head=f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">')
    src = read_html(page.encode("utf-8"), source="page.html")
    assert src.encoding == "utf-8"
    expected = "gb18030" if declared == "gb2312" else declared
    assert src.notes == [f"the page declares charset {expected} but its bytes are utf-8: read as utf-8"]
    assert gk.parse_document(src, tokens=False).tasks["text"].tolist() == bundled.tasks["text"].tolist()
    # an honest declaration is followed without a note
    honest = read_html(page.replace(declared, "utf-8").encode("utf-8"))
    assert honest.notes == []
    gbk = read_html(page.replace(declared, "gb2312").encode("gb18030"))
    assert gbk.encoding == "gb18030" and gbk.notes == [] and gbk.text == honest.text


def test_html_table_cells_keep_their_lines_and_merged_rows():
    page = _page("<table><tr><th>序号</th><th>工作任务</th><th>责任单位</th><th>完成时限</th></tr>"
                 "<tr><td colspan=4>一、推进决策公开</td></tr>"
                 "<tr><td>1</td><td>公开重大决策。</td><td rowspan=2><p>区发展改革委</p><p>区财政局</p></td>"
                 "<td>2018年底前</td></tr>"
                 "<tr><td>2</td><td>公开审计结果。</td><td>每季度</td></tr></table>")
    assert read_html(page).text.split("\n") == [
        "序号\t工作任务\t责任单位\t完成时限",
        "一、推进决策公开",
        "1\t公开重大决策。\t区发展改革委\u2028区财政局\t2018年底前",
        "2\t公开审计结果。\t区发展改革委\u2028区财政局\t每季度",
        "",
    ]


# --------------------------------------------------------------------------
# special files and limits
# --------------------------------------------------------------------------
@pytest.fixture
def no_hang():
    """Fail instead of hanging: SIGALRM after 20 seconds."""
    def alarm(signum, frame):
        raise TimeoutError("the reader hung")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def test_a_fifo_given_directly_is_refused_without_hanging(tmp_path, no_hang):
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    with pytest.raises(gk.ParseError, match=r"plan.txt: a FIFO \(named pipe\), not a regular file"):
        gk.parse_document(fifo, tokens=False)


def test_dev_zero_is_refused_without_reading_it(no_hang):
    with pytest.raises(gk.ParseError, match="/dev/zero: a character device, not a regular file"):
        read_path("/dev/zero")


def test_dangling_symlink_says_so(tmp_path):
    (tmp_path / "plan.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(gk.ParseError, match="dangling symbolic link"):
        read_path(tmp_path / "plan.txt")


def test_file_size_limit_is_documented_and_can_be_raised(tmp_path, monkeypatch):
    path = tmp_path / "plan.txt"
    path.write_bytes(gk.config.BUNDLED_DOCUMENT.read_bytes())
    monkeypatch.setenv("GONGKAI_MAX_FILE_MB", "0.01")
    with pytest.raises(gk.ParseError, match=r"more than the limit of 0.01 MB \(raise it with the environment "
                                            r"variable GONGKAI_MAX_FILE_MB\)"):
        read_path(path)
    monkeypatch.setenv("GONGKAI_MAX_FILE_MB", "1")
    assert read_path(path).text.startswith("首页")
    monkeypatch.setenv("GONGKAI_MAX_FILE_MB", "lots")
    with pytest.raises(gk.GongkaiError, match="GONGKAI_MAX_FILE_MB: 'lots' is not a positive number"):
        read_path(path)


def test_unreadable_sub_folder_is_listed(tmp_path, monkeypatch):
    root = tmp_path / "plans"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "plan.txt").write_text("x", encoding="utf-8")
    (root / "open").mkdir()
    (root / "open" / "plan.txt").write_bytes(gk.config.BUNDLED_DOCUMENT.read_bytes())
    if os.geteuid() == 0:  # root opens any folder: make this one fail to open as it would for a user
        scandir = os.scandir

        def refuse(path="."):
            if os.fspath(path).endswith("locked"):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return scandir(path)

        monkeypatch.setattr(os, "scandir", refuse)
    else:
        (root / "locked").chmod(0)
    try:
        corpus = gk.parse_documents([root], tokens=False)
    finally:
        (root / "locked").chmod(0o755)
    assert corpus.meta["doc_id"].tolist() == ["open/plan"]
    assert corpus.errors["file"].tolist() == [str(root / "locked")]
    assert corpus.errors["error"].str.contains(r"a folder that cannot be read \(Permission denied\)").all()


# --------------------------------------------------------------------------
# characters: one place for controls and bidi marks
# --------------------------------------------------------------------------
def test_bidi_and_control_characters_are_dropped_or_mapped(bundled_text, bundled):
    noisy = (bundled_text.replace("财政局", "\u202e财政局\u202c", 3).replace("负责落实", "负责\x00落实", 5)
             .replace("发改委", "\u200f发改委\x1b", 2).replace("。(", "。\x0b(", 4))
    assert "\x0b" in noisy and "\u202e" in noisy
    doc = gk.parse_document(noisy, tokens=False)
    assert doc.responsibilities["unit"].tolist() == bundled.responsibilities["unit"].tolist()
    assert not any(ch in doc.text for ch in "\x00\x1b\x0b\u202e\u202c\u200f")
    assert clean_text("甲\x0b乙") == "甲\n乙" and clean_cell("甲\x0b乙") == "甲\u2028乙"


def test_bidi_marks_in_a_file_are_dropped(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("一、公开\n1.做好A。（\u202e财政局\u202c负责落实）\n", encoding="utf-8")
    assert read_path(path).text == "一、公开\n1.做好A。（财政局负责落实）\n"


def test_lone_surrogates_are_a_parse_error():
    with pytest.raises(gk.ParseError, match=r"<text>:2: a lone surrogate"):
        gk.parse_document("一、公开\n1.做好A。（财政局负责落实\udc80）\n", tokens=False)


def test_a_simplified_plan_with_many_look_alike_characters_is_not_converted():
    text = "一、公开\n" + "".join(f"{i}.做好预算公告和环境信息公开，计算结果报告。（财政局负责落实）\n" for i in range(1, 40))
    src = gk.reading.script.to_simplified(gk.SourceText.from_text(text))
    assert src.original is None and src.text == text


def test_readme_lists_the_limits_as_the_code_has_them():
    readme = (gk.config.REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What the tool refuses, and why", 1)[1].split("\n## ", 1)[0]
    assert f"larger than {gk.config.MAX_FILE_MB} MB" in section and "GONGKAI_MAX_FILE_MB" in section
    assert f"inflates beyond {gk.config.MAX_UNPACKED_MB} MB" in section and "GONGKAI_MAX_UNPACKED_MB" in section
    assert f"more than {gk.config.CONVERT_TIMEOUT} s" in section and "GONGKAI_CONVERT_TIMEOUT" in section
    assert all(suffix in readme for suffix in gk.config.SUFFIXES)
