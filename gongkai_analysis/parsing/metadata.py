"""Document metadata from the lines before the first section.

Examples
--------
>>> info = read_metadata(["北京市东城区人民政府办公室", "东政办发〔2017〕13号",
...                       "各街道办事处,区政府各委、办、局:", "东城区2017年政务公开工作要点",
...                       "2017年6月21日"])
>>> info["doc_number"], info["date"], info["year"], info["title"]
('东政办发〔2017〕13号', '2017-06-21', 2017, '东城区2017年政务公开工作要点')
>>> read_metadata(["二〇一八年三月五日"])["date"], read_metadata(["二○二四年五月六日"])["date"]
('2018-03-05', '2024-05-06')

The preamble is kept whole: fields are read *from* it, never cut out of it.

>>> read_metadata(["东政办发〔2017〕13号印发给你们，请认真执行。"])["preamble"]
'东政办发〔2017〕13号印发给你们，请认真执行。'
"""

from __future__ import annotations

import datetime as dt
import re

from .. import patterns

FIELDS = ("title", "notice_title", "issuer", "doc_number", "date", "year", "recipients", "preamble")
_CN_YEAR_DIGITS = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "O": "0", "一": "1", "二": "2", "三": "3", "四": "4",
                   "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}


def read_metadata(lines: list[str], page_meta: dict[str, str] | None = None) -> dict:
    """Read title, 文号, issuer, date, year and recipients from preamble lines.

    `page_meta` is the metadata block of a web page (索引号, 发文字号, 成文日期 …);
    its values win over what the lines suggest.  The first title-like line is
    the title (a later one never overwrites it); ``preamble`` holds every
    non-blank line as printed.

    Parameters
    ----------
    lines : list of str
        The lines before the first section.
    page_meta : dict, optional
        A web page's metadata block.

    Returns
    -------
    dict
        ``title``, ``notice_title``, ``issuer``, ``doc_number``, ``date``, ``year``,
        ``recipients``, ``preamble`` (and ``index_no`` from a web page).

    Examples
    --------
    >>> info = read_metadata(["某市工作方案", "某市另一个方案"])
    >>> info["title"], info["preamble"].splitlines()
    ('某市工作方案', ['某市工作方案', '某市另一个方案'])
    """
    page_meta = page_meta or {}
    info: dict = dict.fromkeys(FIELDS)
    kept: list[str] = []
    notice: list[str] = []
    kept_folded: list[str] = []  # the kept and notice lines folded (folding maps whitespace to whitespace
    notice_folded: list[str] = []  # only, so a folded line stripped is the stripped line folded)
    whole_preamble = [line.strip() for line in lines if line.strip()]
    if len(whole_preamble) == 1 and len(whole_preamble[0]) > _RUN_ON_PREAMBLE:
        lines = _run_on_fields(whole_preamble[0])
    joined = "\n".join(lines)
    if lines and joined.count("\n") == len(lines) - 1:  # lines without a line break: folded at once
        folded_lines = patterns.fold(joined).split("\n")
    else:
        folded_lines = [patterns.fold(line) for line in lines]
    for line, folded in zip(lines, folded_lines):
        folded = folded.strip()
        if crumb := patterns.BREADCRUMB.match(folded):
            line, folded = line.strip()[crumb.end():], folded[crumb.end():]
        if not folded:
            continue
        if info["doc_number"] is None and (m := patterns.DOC_NUMBER.search(folded)) and len(folded) < 40:
            info["doc_number"] = line.strip()[m.start():m.end()]
            continue
        if info["date"] is None and len(folded) <= 20 and (date := _date(folded)):
            info["date"] = date
            continue
        if info["title"] is None and patterns.PLAN_TITLE.match(folded):
            info["title"] = line.strip()
            continue
        if info["notice_title"] is None and not notice and len(folded) <= 120 \
                and patterns.NOTICE_TITLE_LINE.match(folded):
            info["notice_title"] = line.strip()
            continue
        if info["title"] is None and (m := patterns.DOC_TITLE_LINE.match("\n" + folded)) \
                and not patterns.MARKER.match(folded):
            info["title"] = line.strip()[m.start("title") - 1 : m.end("title") - 1].strip()
            continue
        if notice or patterns.NOTICE_TITLE.match(folded) or patterns.NOTICE_TITLE_START.match(folded):
            if not info["notice_title"] and len(folded) < 40:  # (a title wrapped over lines: 关于印发 / 《X》的通知)
                notice.append(line.strip())
                notice_folded.append(folded)
                if folded.endswith("通知"):
                    info["notice_title"] = "".join(notice)
                    notice, notice_folded = [], []
                continue
        if info["issuer"] is None and patterns.ISSUER.match(folded):
            info["issuer"] = line.strip()
            continue
        if info["recipients"] is None and patterns.RECIPIENTS.match(folded) and len(folded) < 80:
            info["recipients"] = line.strip().rstrip(":：")
            continue
        kept.append(line.strip())
        kept_folded.append(folded)
    kept.extend(notice)
    kept_folded.extend(notice_folded)
    if info["issuer"] is None:  # the issuer of the red head (…办公室文件), or the one the notice's title names
        notice_title = info["notice_title"] or ""
        for text, folded in (*zip(kept, kept_folded), (notice_title, patterns.fold(notice_title))):
            if head := patterns.ISSUER_IN_HEAD.match(folded):
                info["issuer"] = text[: head.end("issuer")]
                break
    if info["title"] is None and kept and (m := patterns.PLAN_TITLE_START.match(kept_folded[0])):
        # the line up to 工作要点, and on to the line's end or to the first section (a run-on line) where what
        # follows is the title's own tail (（试行）, 任务分解表: short, no sentence in it)
        tail = patterns.TITLE_TAIL.match(kept_folded[0], m.end())
        end = tail.end() if tail.end() == len(kept[0]) or patterns.MARKER.match(kept_folded[0], tail.end()) else m.end()
        info["title"] = re.sub(r"^.*关于印发", "", kept[0][:end]).strip()
    if info["title"] is None and info["notice_title"] and (m := patterns.ISSUED_PLAN.search(info["notice_title"])):
        info["title"] = m.group("title")  # the notice names the plan it issues: 关于印发《X》的通知
    info["preamble"] = "\n".join(whole_preamble) or None
    whole = "\n".join(kept_folded)
    if info["doc_number"] is None and (m := patterns.DOC_NUMBER.search(whole)):
        info["doc_number"] = re.sub(r"^.*(?:通知|意见|要点|方案|的|》)", "", m.group())
    if info["date"] is None:
        dates = [d for m in patterns.DATE_ARABIC.finditer(whole) if (d := _date(m.group()))]
        info["date"] = dates[-1] if dates else None
    if page_meta.get("发文字号") or page_meta.get("文号"):
        info["doc_number"] = page_meta.get("发文字号") or page_meta.get("文号")
    for key in ("成文日期", "发布日期"):
        if page_meta.get(key) and (date := _date(patterns.fold(page_meta[key]))):
            info["date"] = date
            break
    if page_meta.get("发布机构") or page_meta.get("发文机关") or page_meta.get("发布机关"):
        info["issuer"] = page_meta.get("发布机构") or page_meta.get("发文机关") or page_meta.get("发布机关")
    if page_meta.get("索引号"):
        info["index_no"] = page_meta["索引号"]
    for text in (info["title"], info["doc_number"], info["date"], info["notice_title"]):
        if text and (year := patterns.YEAR.search(text) or _iso_year(text)):
            info["year"] = int(year.group(1)) if hasattr(year, "group") else year
            break
    return info


#: A preamble of one line longer than this is a run-on text's (a page copied onto one line): its fields are
#: read from the pieces between its spaces (see :func:`_run_on_fields`).
_RUN_ON_PREAMBLE = 60


def _run_on_fields(line: str) -> list[str]:
    """The pieces of a run-on preamble, one field each (its breadcrumb set aside).

    A web page's header copied onto one line keeps the issuer, the notice's
    title, the 文号, the recipients, the date and the plan's title side by side:
    cut where spaces part them, and, in a piece with no space, where a field
    ends or begins — before ``关于印发``, after ``的通知``, around the 文号, after
    the recipients' ``：`` and after each sentence — each is read as a line is.

    >>> _run_on_fields("首页 > 信息公开 > 正文 某市人民政府办公室 关于印发某市2017年政务公开 工作要点的通知 某政办发〔2017〕3号")
    ['某市人民政府办公室', '关于印发某市2017年政务公开', '工作要点的通知', '某政办发〔2017〕3号']
    >>> _run_on_fields("某市人民政府办公室关于印发某市数字政府建设方案的通知某政办发〔2022〕3号各区政府：现印发给你们。某市数字政府建设方案")
    ['某市人民政府办公室', '关于印发某市数字政府建设方案的通知', '某政办发〔2022〕3号', '各区政府：', '现印发给你们。', '某市数字政府建设方案']
    """
    crumb = patterns.BREADCRUMB.match(patterns.fold(line))
    fields = []
    for piece in patterns.FIELD_GAP.split(line[crumb.end() if crumb else 0 :]):
        if len(piece) <= _RUN_ON_FIELD:
            fields.append(piece)
            continue
        folded = patterns.fold(piece)
        cuts = {m.start() for m in patterns.FIELD_START.finditer(folded)} | {m.end() for m in patterns.FIELD_END.finditer(folded)}
        cuts |= {edge for m in patterns.DOC_NUMBER.finditer(folded) for edge in _doc_number_edges(folded, m)}
        edges = [0, *sorted(cut for cut in cuts if 0 < cut < len(piece)), len(piece)]
        fields.extend(piece[a:b] for a, b in zip(edges, edges[1:]))
    return [field for field in fields if field.strip()]


#: A piece of a run-on preamble longer than this may hold several fields with no space between them.
_RUN_ON_FIELD = 40


def _doc_number_edges(folded: str, match: re.Match) -> tuple[int, int]:
    """Where a 文号 found in a run-on piece begins and ends: it begins after the notice's title or a full stop
    that its issuer's abbreviation may follow (``…的通知包政办发〔2022〕3号``)."""
    start = match.start()
    for mark in ("通知", "。"):
        at = folded.rfind(mark, match.start(), match.end())
        if at >= 0:
            start = max(start, at + len(mark))
    return start, match.end()


def _date(text: str) -> str | None:
    if m := patterns.DATE_ARABIC.search(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := patterns.DATE_CHINESE.search(text):
        year = int("".join(_CN_YEAR_DIGITS[c] for c in m.group(1)))
        month, day = patterns.cn_to_int(m.group(2)), patterns.cn_to_int(m.group(3))
    elif len(text) == 10 and text[4] in "-/." and text[7] in "-/.":
        try:
            year, month, day = int(text[:4]), int(text[5:7]), int(text[8:])
        except ValueError:
            return None
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _iso_year(text: str) -> int | None:
    return int(text[:4]) if len(text) == 10 and text[:4].isdigit() and text[4] == "-" else None


def document_place(info: dict) -> str | None:
    """The place a document is from, as its title, notice title or issuer begins (the first that names one).

    Parameters
    ----------
    info : dict
        What :func:`read_metadata` gives (``title``, ``notice_title``, ``issuer``).

    Returns
    -------
    str or None
        The place as printed (``包头市``, ``北京市东城区``), or None when none of
        them begins with a named place, maybe after its year (``某区…``, ``2017年工作要点``, a regulation's
        title: no place).

    Examples
    --------
    >>> document_place({"title": "包头市2022年数字政府建设考评办法"})
    '包头市'
    >>> document_place({"title": "支持工业互联网发展若干政策", "issuer": "安徽省人民政府办公厅"})
    '安徽省'
    >>> document_place({"notice_title": "关于印发东城区2017年政务公开工作要点的通知"})
    '东城区'
    >>> document_place({"title": "某区2019年政务公开工作要点"}), document_place({"title": "某市某区2019年要点"})
    (None, None)
    >>> document_place({"title": "2024年包头市政务公开工作要点"})  # the year first
    '包头市'
    """
    for field in ("title", "notice_title", "issuer"):
        value = info.get(field)
        match = patterns.DOCUMENT_PLACE.match(value) if isinstance(value, str) else None
        if match and "某" not in match.group("place"):  # 某市某区: a place left anonymous is no place
            return match.group("place")
    return None

