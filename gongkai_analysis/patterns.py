"""Every regular expression and character table of the genre, in one place.

The parser matches on a *folded* copy of the text (see :func:`fold`): half-width
punctuation becomes full-width, odd spaces become plain spaces and full-width
digits become ASCII digits.  Folding maps one character to exactly one
character, so a span found in the folded text is the same span in the
document's own wording.

Examples
--------
>>> fold("(财政局负责落实)")
'（财政局负责落实）'
>>> len(fold("１２．\u00a0做好")) == len("１２．\u00a0做好")
True
>>> cn_to_int("十二")
12
"""

from __future__ import annotations

import functools
import re

# --------------------------------------------------------------------------
# Character folding (one character to one character, never changes length)
# --------------------------------------------------------------------------
_FOLD_PAIRS = {
    "(": "（",
    ")": "）",
    ",": "，",
    ":": "：",
    ";": "；",
    "!": "！",
    "?": "？",
    "[": "〔",
    "]": "〕",
    "［": "〔",
    "］": "〕",
    "【": "〔",
    "】": "〕",
    "\u00a0": " ",
    "\u3000": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2009": " ",
    "\t": "\t",
}
_FOLD_PAIRS.update({chr(0xFF10 + i): str(i) for i in range(10)})
_FOLD_ITEMS = tuple((k, v) for k, v in _FOLD_PAIRS.items() if k != v)

#: Characters removed when a document is read (they carry no wording).
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def fold(text: str) -> str:
    """Return `text` with punctuation, spaces and digits folded for matching.

    The result has the same length as `text`, character for character.
    (Chained ``str.replace`` is some twenty times faster here than
    ``str.translate`` on Chinese text.)

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The text with full-width digits as ASCII and ASCII punctuation as its
        full-width form, of the same length.

    Examples
    --------
    >>> fold("（财政局负责）１２3,;:")
    '（财政局负责）123，；：'
    """
    for old, new in _FOLD_ITEMS:
        if old in text:
            text = text.replace(old, new)
    return text


# --------------------------------------------------------------------------
# Character tables
# --------------------------------------------------------------------------
#: The 300 most frequent characters of jieba's dictionary (weighted by word frequency).  In
#: Chinese text they make up half or more of the characters; in bytes of another encoding
#: (Big5, EUC-KR) read as GB18030 by mistake, a few per cent.
COMMON_HANZI = frozenset(
    "一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自之对得主长可过天作分方用"
    "多你着部能市等业全里工公经本都而高政法面门动日进区事代那去心小同北定开产前其军还然起种所如现理机体表力好外与文当两"
    "实重新三么只山水关明从化平建又制南内西没此将员名手最东头者月间无安看见各城十相但已些正口通想度加第她合院物性战由位"
    "常点海意场武使次二向治因立数样身情入原问把路被并利石老教万知级量任江及应省资委务元美特期世湖回系比气汉总展电科金先"
    "声提品设或义王社很统处四首共马形己儿司太目基领队直计别女权话少流命至报米给打变果书清活几州华解议更称程今决张导术府"
    "才保交放管结师便走达族反再题色五"
)


# --------------------------------------------------------------------------
# Numerals
# --------------------------------------------------------------------------
CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@functools.lru_cache(maxsize=1024)
def cn_to_int(text: str) -> int:
    """Convert a Chinese numeral up to 999 (``"二十三"`` → 23, ``"一百零五"`` → 105) to an int.

    Parameters
    ----------
    text : str
        The numeral, without spaces.

    Returns
    -------
    int

    Raises
    ------
    ValueError
        The text is not a well-formed numeral (``"十十"``, ``"二二十"``, ``""``).

    Examples
    --------
    >>> cn_to_int("十"), cn_to_int("五十六"), cn_to_int("一百一十"), cn_to_int("三")
    (10, 56, 110, 3)
    >>> cn_to_int("十十")
    Traceback (most recent call last):
    ...
    ValueError: not a Chinese numeral: '十十'
    """
    if not text:
        raise ValueError("empty numeral")
    if "十" not in text and "百" not in text:
        if len(text) > 4 or any(ch not in CN_DIGITS for ch in text):
            raise ValueError(f"not a Chinese numeral: {text!r}")
        value = 0
        for ch in text:
            value = value * 10 + CN_DIGITS[ch]
        return value
    if not _CN_ORDINAL_FULL.fullmatch(text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    hundreds, _, rest = text.rpartition("百")
    value = CN_DIGITS[hundreds] * 100 if hundreds else 0
    rest = rest.lstrip("零")
    if "十" in rest:
        tens, _, ones = rest.partition("十")
        value += (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)
    elif rest:
        value += CN_DIGITS[rest]
    return value


def int_to_cn(number: int) -> str:
    """Write 1–99 as a Chinese numeral (23 → ``"二十三"``), the inverse of :func:`cn_to_int`.

    Parameters
    ----------
    number : int
        From 1 to 99.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        When `number` is outside 1–99.

    Examples
    --------
    >>> int_to_cn(100)
    Traceback (most recent call last):
    ...
    ValueError: 100 is outside 1–99
    >>> [int_to_cn(n) for n in (1, 10, 12, 20, 99)]
    ['一', '十', '十二', '二十', '九十九']
    """
    if not 0 < number < 100:
        raise ValueError(f"{number} is outside 1–99")
    digits = "〇一二三四五六七八九"
    tens, ones = divmod(number, 10)
    if tens == 0:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + ("" if ones == 0 else digits[ones])


_D = "[一二三四五六七八九]"
#: A well-formed Chinese numeral from 1 to 99 (一, 十, 十二, 二十, 九十九); ``十十`` is not one.
CN_NUM = f"(?:{_D}?十{_D}?|{_D})"
#: A well-formed Chinese numeral from 1 to 999, for article numbers (一百零五, 一百一十).
CN_ORDINAL = f"(?:{_D}百(?:零{_D}|{_D}?十{_D}?)?|{CN_NUM})"
_CN_ORDINAL_FULL = re.compile(CN_ORDINAL)

# --------------------------------------------------------------------------
# Structure markers (matched on folded text)
# --------------------------------------------------------------------------
#: One pattern finds every candidate marker; the parser decides which count.  Sections:
#: ``一、``, or with a dot ``一．`` ``一.`` ``一﹒`` (as Word's numbering prints them); arabic task
#: markers: ``1.`` ``1．`` ``1、`` ``1﹒`` (U+FE52) ``（1）`` ``1）`` ``①``, and ``⑴`` ``⒈`` (one character each, as
#: a list pasted from Word prints them: read as ``（1）`` and ``1.``) (full-width digits are
#: folded to ASCII first); a regulation's ``第X章`` and ``第X条``; a boxed insert ``专栏3``.
MARKER = re.compile(
    # the look-ahead names every marker's first character: the engine then skips other text
    # in C instead of trying nine alternatives at every character (seven times faster on a run-on line)
    r"(?=[一二三四五六七八九十（\d第专\u2460-\u249b])"
    rf"(?:(?P<section>(?P<sec_no>{CN_NUM})(?:、|[.．﹒](?![\d.．])))"  # 一、 and the dotted 一． 一.
    rf"|(?P<subsection>（(?P<sub_no>{CN_NUM})）)"
    r"|(?P<task_dot>(?P<dot_no>\d{1,4})[.．、﹒](?!\d))"
    r"|(?P<task_paren>（(?P<paren_no>\d{1,4})）)"
    r"|(?P<task_rparen>(?P<rparen_no>\d{1,4})）)"
    r"|(?P<task_circle>(?P<circle_no>[\u2460-\u2473]))"
    r"|(?P<task_pdigit>(?P<pdigit_no>[\u2474-\u2487]))"  # ⑴ … ⒇, one character: read as （1）
    r"|(?P<task_fdigit>(?P<fdigit_no>[\u2488-\u249b]))"  # ⒈ … ⒛, one character: read as 1.
    rf"|(?P<division>第(?P<div_no>{CN_NUM})部分)"  # 第二部分 重点任务: a division above sections
    rf"|(?P<chapter>第(?P<chap_no>{CN_ORDINAL})章)"
    rf"|(?P<article>第(?P<art_no>{CN_ORDINAL})条)"
    r"|(?P<box>专栏 *(?P<box_no>\d{1,3})))"
)

#: A line that heads an attached document: ``附件``, ``附件2``, ``附件 2`` (no colon: ``附件：``
#: lists the attachments of a notice).
ATTACHMENT_HEADING = re.compile(r"\n[ \t]*附件[ \t]*\d{0,2}[ \t]*(?=\n|$)")
#: The start of a notice's list of attachments (``附件：1．…``).
ATTACHMENT_LIST = re.compile(r"^[ \t]*附件[ \t]*：")
#: A line that is a document's title: short, no sentence punctuation, ending with the name
#: of a genre (政策, 计划, 方案, 办法, 要点, 意见, 规定, 细则, 条例, 指标, 规划), maybe with a
#: bracketed period ``（2021-2023年）``.  Matched on folded text after a line break.
DOC_TITLE_LINE = re.compile(
    r"\n[ \t#]*(?P<title>[^\n。；：！？，、]{2,50}?"
    r"(?:若干政策|政策措施|行动计划|实施方案|工作方案|方案|办法|工作要点|要点|意见|规定|细则|条例|"
    r"考评指标|考核指标|评价指标|指标体系|规划|计划)(?:（[\d年—\-－~～至]{4,20}）)?)[ \t]*(?=\n|$)"
)
#: The end of a line that may be a document's title (a genre word, maybe a period in brackets):
#: a cheap first pass before :data:`DOC_TITLE_LINE` checks the whole line.
DOC_TITLE_END = re.compile(
    r"(?=[政计方办要意规细条指])(?:政策|计划|方案|办法|要点|意见|规定|细则|条例|指标|指标体系|规划)(?:（[\d年—\-－~～至]{4,20}）)?[ \t]*(?=\n|$)"
)
#: A boxed insert's title line starts with this (``专栏3  …工程``).
BOX = re.compile(r"专栏 *\d{1,3}")

#: What a clause's group says where no unit takes its role: 无, 暂无, a slash or a dash (folded; ``配合单位：无``).
NO_UNIT = re.compile(r"\s*(?:无|暂无|/|／|[—－\-]+|×)\s*[。；]?\s*$")
#: What may stand right before a marker that is not at the start of a line.
MIDLINE_BEFORE = set("。；！？）」”』 \u3000\u00a0")
#: The end of a document's title, right before its first section in a run-on text (``…实施方案一、``).
TITLE_END = re.compile(r"(?:方案|要点|办法|意见|规定|细则|条例|规划|计划|政策措施|若干政策|指标)$")

#: Titles of sections that frame the plan instead of assigning tasks.
NON_TASK_SECTION = re.compile(r"^(总体要求|指导思想|基本原则|工作目标|总体目标|主要目标|目标要求)")
#: Titles of closing sections that frame the plan when none of their items carries a clause.
SUPPORT_SECTION = re.compile(r"^(保障措施|组织保障|工作保障|组织实施|工作要求|保障机制)")

# --------------------------------------------------------------------------
# Responsibility clauses: the vocabulary of the grammar (see parsing/clauses.py)
# --------------------------------------------------------------------------
#: A clause is read as groups ``[label：] units [open-list word] [modifier] [role verb]``
#: separated by ``，；`` (folded).  These tables are the whole vocabulary; edit them here.
#:
#: Labels before ``：`` and the role each gives where the group has no role verb.
CLAUSE_LABELS = {
    "牵头单位": "lead", "牵头部门": "lead", "牵头考核单位": "lead", "牵头责任单位": "lead",
    "责任单位": "responsible", "责任部门": "responsible", "主责单位": "responsible", "主要责任单位": "responsible",
    "主责部门": "responsible", "负责单位": "responsible", "负责部门": "responsible", "落实部门": "responsible",
    "承办部门": "responsible",
    "落实单位": "responsible", "主办单位": "responsible", "承办单位": "responsible",
    "责任主体": "responsible", "实施主体": "responsible",
    "配合单位": "support", "配合部门": "support", "协办单位": "support", "协办部门": "support",
    "参与单位": "support", "参与部门": "support", "参加单位": "support", "协同单位": "support",
    "协同部门": "support", "支持单位": "support",
    # a bureau's own divisions (处室, 科室), in the plans of a department
    "牵头处室": "lead", "牵头科室": "lead", "责任处室": "responsible", "责任科室": "responsible",
    "承办处室": "responsible", "配合处室": "support", "配合科室": "support",
    "牵头": "lead", "配合": "support",  # 牵头：X (a table cell's short form)
}
#: Role verbs after the units.  Several may follow each other (``牵头负责落实``): the
#: strongest role wins (lead, then support, then responsible: ``配合落实`` is support).
#: 统筹 (coordinates) leads; 负总责 and 主责 (bears the overall or main responsibility) are responsible,
#: as the label 主责单位 is, and so is 主办 (hosts), as 主办单位 is; 协办 takes part, as 协办单位 does;
#: 具体 before a verb says nothing of the role.
ROLE_VERBS = {
    "牵头": "lead", "统筹": "lead", "统筹协调": "lead",
    "负责落实": "responsible", "负责": "responsible", "落实": "responsible", "承办": "responsible",
    "具体负责": "responsible", "具体落实": "responsible", "具体承办": "responsible",
    "负总责": "responsible", "主责": "responsible", "主办": "responsible",
    "负主体责任": "responsible", "负主要责任": "responsible",
    "牵头推进": "lead", "牵头抓总": "lead", "牵头组织": "lead",
    "配合": "support", "协助": "support", "参与": "support", "协同": "support", "协办": "support",
}
#: Words between the units and the role verb that say how the units share the task;
#: never part of a name.
CLAUSE_MODIFIERS = {
    "按职责分工": "separate", "按照职责分工": "separate", "根据职责分工": "separate", "按职责": "separate",
    "按照职责": "separate", "按各自职责": "separate", "按照各自职责": "separate", "根据各自职责": "separate",
    "按职能分工": "separate", "按照职能分工": "separate",
    "按属地原则": "separate", "按照属地原则": "separate", "按属地管理原则": "separate", "按照属地管理原则": "separate",
    "分别": "separate", "各自": "separate", "共同": "joint",
}
#: Words that close an open list of units (``X、Y等相关单位``): the list is open-ended.
OPEN_LIST_WORDS = ("等", "等部门", "等单位", "等相关单位", "等相关部门", "等有关单位", "等有关部门",
                   "等其他单位", "等机构", "等成员单位")
#: Words that start a unit list without being part of a name.
LEADING_FILLERS = ("由", "请", "均由", "分别由", "主要由", "统一由", "具体由")

_ROLE_WORDS = (
    "牵头负责落实|牵头负责|牵头落实|牵头|"
    "分别负责落实|分别负责|分别落实|共同负责落实|共同负责|具体负责|具体落实|具体承办|"
    "配合落实|配合|负责落实|负责|负总责|主责|落实|协助|承办|主办|协办"
)
#: A role verb inside a clause, longest alternative first.
ROLE_VERB = re.compile(_ROLE_WORDS)

#: The labels of the labelled clause forms and of separate responsibility lines.
#: A label may say in brackets what kind of unit it names, before its colon: ``责任单位（部门）：``.
_QUALIFIER_BRACKET = r"（[^（）：\n]{1,6}）"
_QUALIFIER = f"(?:{_QUALIFIER_BRACKET})?"
UNIT_LABEL = re.compile(
    "(?P<label>" + "|".join(sorted(CLAUSE_LABELS, key=len, reverse=True)) + r")" + _QUALIFIER + r"\s*："
)
_LONGEST_LABEL = max(map(len, CLAUSE_LABELS)) + 8  # (a qualifier's brackets and six characters)
#: Such a qualifier right after a label (folded), read as if it were not there by the independent count of clauses.
LABEL_QUALIFIER = re.compile("(?:" + "|".join(f"(?<={end})" for end in sorted({label[-2:] for label in CLAUSE_LABELS}))
                             + f"){_QUALIFIER_BRACKET}" + r"(?=\s*：)")


def label_role(label: str) -> str | None:
    """The role a label gives, as printed before its colon, a qualifier included.

    Parameters
    ----------
    label : str
        The text before a colon (folded), such as ``牵头单位`` or ``责任单位（部门）``.

    Returns
    -------
    str or None
        ``lead``, ``responsible`` or ``support``; None where the text is no label.

    Examples
    --------
    >>> label_role("牵头单位"), label_role("责任单位（部门）"), label_role("联系人")
    ('lead', 'responsible', None)
    """
    role = CLAUSE_LABELS.get(label)
    if role is None and label.endswith("）"):  # (a qualifier: read by the label pattern itself)
        match = UNIT_LABEL.fullmatch(label + "：")
        role = CLAUSE_LABELS[match["label"]] if match else None
    return role


def search_unit_label(folded: str) -> re.Match | None:
    """The first clause label of a folded text (``UNIT_LABEL.search(folded)``), found from its colons.

    A label ends with ``：``: only the few characters before each colon are
    matched, where a search of the pattern tries it at every character of the
    text (a whole document, some eight times as long).

    Parameters
    ----------
    folded : str
        A text, folded (:func:`fold`).

    Returns
    -------
    re.Match or None

    Examples
    --------
    >>> search_unit_label("包括：预算。责任单位 ：市财政局").group("label"), search_unit_label("包括：预算")
    ('责任单位', None)
    """
    colon = folded.find("：")
    while colon >= 0:
        start = colon  # a label stands right before the whitespace that may precede its colon
        while start and folded[start - 1].isspace():
            start -= 1
        label = UNIT_LABEL.search(folded, max(start - _LONGEST_LABEL, 0), colon + 1)
        if label:
            return label
        colon = folded.find("：", colon + 1)
    return None
#: A line that starts with a decimal item number (``1.1 建立…``, ``2．3完善…``, ``1.2.1 …``): a numbering the
#: parser does not read as tasks, reported where it is left in a task's text.  A decimal amount
#: (``2.5亿元``, ``2.5 亿元``, ``1.5%``) is not one.  Searched in ``"\n" + text``: a pattern that starts with a
#: literal line break is looked for in C, where ``(?m)^`` tried every position of the text.
DECIMAL_ITEM = re.compile(r"\n[ \t]*(?P<number>\d{1,3}(?:[.．]\d{1,3})+)(?![\d.．%％])(?=[ \t]*[^\W\d_亿万千百元倍个])")
#: A line that starts with a ``第X部分`` heading: a division above sections, read as one at the head of a
#: line (see :data:`MARKER`) but reported where it is left in a task's text, as among a regulation's
#: articles (searched in ``"\n" + text``, as above).
PART_HEADING = re.compile(rf"\n[ \t#]*(?P<number>第{CN_NUM}部分)")
#: The month an annual disclosure is due in, where the task's text names it: 每年3月底前, 每年的一月, 每年12月31日前.
ANNUAL_MONTH = re.compile(r"每年(?:的)?(?P<month>1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月")
#: The labels of a deadline (longest first where one holds another).
TIME_LABELS = ("完成时限", "时限要求", "完成时间", "时间要求", "时间节点", "完成期限", "截止时间", "时限", "期限")
#: A deadline's label, on a separate line (``完成时限：2017年底前``) or as a group of a clause.
TIME_LABEL = re.compile(r"^\s*(?:" + "|".join(TIME_LABELS) + r")\s*：\s*(?P<value>.*)$")
#: Labels of the leaders (people, not units) a clause may name beside its units: ``（责任领导：张三；牵头单位：市财政局）``.
#: Such a group stays in the clause as printed and gives no responsibility row.
LEADER_LABELS = ("牵头市领导", "牵头区领导", "牵头县领导", "责任市领导", "责任区领导", "责任县领导", "联系市领导",
                 "牵头领导", "责任领导", "分管领导", "联系领导", "包联领导", "市领导", "区领导", "县领导", "责任人")
#: A group (or a line under a task) that opens with a leader's label.
LEADER_LABEL = re.compile(r"\s*(?:" + "|".join(sorted(LEADER_LABELS, key=len, reverse=True)) + r")\s*：")
#: Every label, of units (longest first), of a deadline or of a leader, as one alternation.
_ANY_LABEL_WORDS = "|".join([*sorted(CLAUSE_LABELS, key=len, reverse=True), *TIME_LABELS,
                             *sorted(LEADER_LABELS, key=len, reverse=True)])
#: A clause's label, of units, of a deadline or of a leader, wherever it stands (``牵头单位：X 完成时限：Y``: a group
#: opens there; at the start of a line under a task, a label line).
ANY_LABEL = re.compile(f"(?:{_ANY_LABEL_WORDS})" + _QUALIFIER + r"\s*：")
#: A group of a clause that says when, not who: ``5月底完成``, ``持续推进``, ``2024年底前``.
#: (Searched in one short group at a time, never over a whole text.)
TIME_WORD = re.compile(
    r"\d{1,2}月|\d{4}年|年底|年内|年前|季度|上半年|下半年|长期|持续|按进度|完成|底前|之前|前$|常态化|成效"
    r"|时限|全年|每年|每月|每周|每季|定期|及时|按时|实时|动态更新"
)
#: Words that should never be inside a unit's name (a name that holds one was misread);
#: 各自 is left out (各自治区).
SUSPECT_WORD = re.compile(
    "|".join([*sorted({*ROLE_VERBS, *CLAUSE_MODIFIERS, "分工"} - {"各自"}, key=len, reverse=True),
              *sorted(CLAUSE_LABELS, key=len, reverse=True), "考核单位", TIME_WORD.pattern])
)
#: A bracket that ends a text (folded), and any role verb or label: a task left unassigned whose last bracket
#: holds one names roles in words the clause grammar does not read (``（市政府办公室牵头，市委网信办指导）``).
LAST_BRACKET = re.compile(r"（(?P<content>[^（）]{2,200})）[。；.\s]*$")
ROLE_OR_LABEL_WORD = re.compile("|".join(sorted({*ROLE_VERBS, *CLAUSE_LABELS}, key=len, reverse=True)))
#: The longest a unit's name is expected to be; longer names are reported.
MAX_UNIT_NAME = 30

#: The last two characters of every role verb above (checked by a test): a clause ends with one.
#: (参与 reads as a role inside a clause, but a bracket that ends with it is no clause on that
#: account: 鼓励公众参与 is an aside, not an assignment.)
ROLE_ENDINGS = ("落实", "负责", "牵头", "配合", "协助", "承办", "总责", "主责", "主办", "协办")
#: Role verbs whose last two characters end asides too (压实主体责任, 加快推进): a text ends with one of them only
#: where it ends with the whole word (looked at after :data:`ROLE_ENDINGS`, which most clauses end with).
ROLE_WORD_ENDINGS = ("负主体责任", "负主要责任", "牵头推进", "牵头抓总", "牵头组织")
#: Verbs of units that oversee a task rather than carry it (``市政府办公室督导``, ``市司法局指导``,
#: ``市政府办公室督促落实``), a part none of the roles lead, responsible and support holds: a group that
#: ends with one gives no row (the clause keeps it as printed, and a warning names it); a bracket that
#: ends with one is a clause only after a group with its role verb, as a weak role ending's.
OVERSIGHT_VERBS = ("指导", "督导", "督促", "监督", "督办", "督查")
#: Role verbs that are no clause's signature on their own (:data:`ROLE_ENDINGS` leaves them out): a
#: bracket that ends with one is a clause only after a group that ends with a role verb
#: (``市财政局牵头，各有关单位参与``; ``（城乡统筹）`` alone is an aside, and a task it ends stays unassigned).
WEAK_ROLE_ENDINGS = tuple(verb for verb in ROLE_VERBS if not verb.endswith((*ROLE_ENDINGS, *ROLE_WORD_ENDINGS)))
#: A role ending, maybe with a full stop, right at the end of a text (no space to strip first).
_ROLE_ENDINGS_BARE = (*ROLE_ENDINGS, *(ending + "。" for ending in ROLE_ENDINGS))
#: A clause printed after the task's last sentence on the same line, without brackets:
#: ``做好X工作。责任单位：市财政局。`` (matched on folded text; the label must follow 。 or ；).
INLINE_LABEL = re.compile(rf"(?<=[。；])[ \t]*(?={UNIT_LABEL.pattern})")
#: A units' label that opens a clause: at the start of a line (``责任单位：市财政局``) or after the end of a
#: sentence in it (``做好X。责任单位：市财政局``); searched in folded text.
LABEL_CLAUSE = re.compile(rf"(?:^|(?<=[。；]))[ \t]*{UNIT_LABEL.pattern}", re.MULTILINE)
#: Labels a web page's footer gives its site (``主办单位：X 承办单位：Y``), not a task its units.
SITE_LABELS = frozenset(("主办单位", "承办单位", "协办单位"))
#: A labelled clause in square brackets at the end of a task: ``【责任单位：市财政局】``, ``［牵头单位：…］``
#: (folded, both are ``〔…〕``; an alias in 〔〕 may stand inside: ``【责任单位：科委〔知识产权局〕】``).
_SQUARE_CLAUSE = rf"〔[ \t]*(?={UNIT_LABEL.pattern})(?:[^〔〕]|〔[^〔〕]*〕)*〕"
SQUARE_CLAUSE = re.compile(_SQUARE_CLAUSE + r"[。；]?[ \t]*$")
#: Such a clause anywhere in a task: before its text (``【牵头单位：市财政局】做好…``) or after its title.
SQUARE_CLAUSE_ANYWHERE = re.compile(_SQUARE_CLAUSE)
#: A label in square brackets with no colon, the units after it: ``做好X。【牵头单位】市财政局【配合单位】市审计局``
#: (folded; a deadline's label too: ``【完成时限】2024年底``).
SQUARE_LABEL = re.compile(f"〔[ \t]*(?P<label>{_ANY_LABEL_WORDS})[ \t]*〕")
#: A clause written as the last part of a task's sentence: ``做好X，由市财政局负责。``, ``…，由X牵头，Y配合。``
#: (folded; the units and their verbs after 由 or 请, nothing after them but the full stop).
SENTENCE_CLAUSE = re.compile(
    rf"(?<=[，；])[ \t]*(?P<clause>(?:由|请)[^。；：（）\n]{{2,80}}?(?:{_ROLE_WORDS}|参与))[。；]?[ \t]*$"
)
#: A labelled clause opens with its label, e.g. ``（牵头单位：…``.
LABELLED_OPENING = re.compile(rf"（\s*{UNIT_LABEL.pattern}")


def ends_with_role(text: str) -> bool:
    """True when `text` ends with a role verb, allowing one 。 and spaces after it.

    The same as a role verb, spaces, one optional 。 and spaces at the end
    of the text, without trying the verbs at every position.

    Parameters
    ----------
    text : str
        Folded text (a task body or bracket content).

    Returns
    -------
    bool

    Examples
    --------
    >>> ends_with_role("财政局负责落实。"), ends_with_role("财政局负责落实。。"), ends_with_role("落实情况")
    (True, False, False)
    """
    text = text.rstrip()
    if text.endswith("。"):
        text = text[:-1].rstrip()
    return text.endswith(ROLE_ENDINGS) or text.endswith(ROLE_WORD_ENDINGS)


#: A group separator followed by a label: a label that opens a later group of a clause.
_LABEL_AFTER_SEPARATOR = re.compile(rf"[，；]\s*{UNIT_LABEL.pattern}")


def is_clause_content(content: str) -> bool:
    """True when bracket content reads as a responsibility clause.

    A clause opens with a label (``牵头单位：…``), holds a labelled group after a
    time qualifier (``5月底完成，牵头考核单位：…``), or ends with a role verb
    (``财政局负责落实``), maybe followed by when (``财政局负责，12月底前完成``).

    Parameters
    ----------
    content : str
        The folded text inside the brackets.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_clause_content("5月底完成，牵头考核单位：市审批服务局"), is_clause_content("包括牵头单位自身")
    (True, False)
    >>> is_clause_content("市财政局负责，12月底前完成"), is_clause_content("详见附件，12月底前")
    (True, False)
    >>> is_clause_content("市财政局牵头，各有关单位参与"), is_clause_content("鼓励公众参与")
    (True, False)
    >>> is_clause_content("各区政府负责，市政府办公室督导"), is_clause_content("加强业务指导")
    (True, False)
    """
    if ends_with_role(content) or UNIT_LABEL.match(content.lstrip()):
        return True
    if content.rstrip().rstrip("。").rstrip().endswith((*WEAK_ROLE_ENDINGS, *OVERSIGHT_VERBS)):
        # units that take part (or oversee), after a group with its role verb: 市财政局牵头，各有关单位参与
        cut = max(content.rfind("，"), content.rfind("；"))
        if cut > 0 and ends_with_role(content[:cut]):
            return True
    if ("：" in content and ("，" in content or "；" in content)
            and _LABEL_AFTER_SEPARATOR.search(content) is not None):
        return True
    # units and their role verb, then when: 财政局负责，12月底前完成 (up to three such groups at the end)
    head = content
    for _ in range(3):
        cut = max(head.rfind("，"), head.rfind("；"))
        if cut <= 0 or not is_time_group(head[cut + 1 :].strip().rstrip("。").rstrip()):
            return False
        head = head[:cut]
        if ends_with_role(head):
            return True
    return False


def is_time_group(group: str) -> bool:
    """True when a group of a clause says when, not who (``5月底完成``, ``持续推进``, ``2024年底前``).

    Parameters
    ----------
    group : str
        One group of a clause (folded), between separators.

    Returns
    -------
    bool
        A time word, no unit's ending and no role verb at the end.

    Examples
    --------
    >>> is_time_group("12月底前完成"), is_time_group("全年持续推进"), is_time_group("市财政局负责")
    (True, True, False)
    >>> is_time_group("年度考核办公室")  # a unit's name that holds a time word
    False
    """
    return TIME_WORD.search(group) is not None and not UNIT_SUFFIX.search(group) \
        and not group.endswith(ROLE_ENDINGS) and not group.endswith(ROLE_WORD_ENDINGS)


#: Words that, alone in brackets after a unit's name, give that unit its role (``市财政局（牵头）``,
#: ``市审计局（配合单位）``): a role verb or a label.  Such a bracket is no clause and no alias.
ROLE_MARKERS = frozenset((*ROLE_VERBS, *CLAUSE_LABELS)) - frozenset(ROLE_WORD_ENDINGS)
_ROLE_MARKER_ALONE = re.compile("（(?:" + "|".join(sorted(ROLE_MARKERS, key=len, reverse=True)) + ")）")


def count_clause_signatures(folded: str) -> int:
    """Count the bracketed clauses of a whole folded text by their signature.

    A bracket closes a clause when the text before it ends with a role verb, or
    when the bracket it closes opened with a label, holds a labelled group, or
    ends with when after a role verb.
    An independent count, to check the parser.

    Parameters
    ----------
    folded : str
        A whole document's text, folded (:func:`fold`).

    Returns
    -------
    int
        The number of closing brackets that end a clause.

    Examples
    --------
    >>> count_clause_signatures("做好公开。（财政局负责落实。）（牵头单位：财政局）（以下简称）（5月底完成，牵头考核单位：甲局）")
    3
    >>> count_clause_signatures("做好公开。（财政局负责，年底前完成）（详见附件，年底前）")
    1
    >>> count_clause_signatures("做好公开。（责任单位：市财政局（牵头），市审计局）")  # a role marked after a unit
    1
    """
    if _ROLE_MARKER_ALONE.search(folded) is not None:
        # a role word alone in brackets marks the unit before it (市财政局（牵头）): read as if it were not
        # there, so that the bracket around it reads on (one search of the text, in C, where testing
        # every bracket for it cost two-thirds of this count)
        removed = 1
        while removed:
            folded, removed = _ROLE_MARKER_ALONE.subn("", folded)
    count = 0
    pieces = folded.split("）")
    for k, piece in enumerate(pieces[:-1]):
        # ends_with_role(piece), inlined (once per bracket of the text), after one test for the usual
        # ending with nothing between the role verb, a full stop and the bracket
        if piece.endswith(_ROLE_ENDINGS_BARE):
            count += 1
            continue
        text = piece.rstrip()
        if text.endswith("。"):
            text = text[:-1].rstrip()
        if text.endswith(ROLE_ENDINGS) or text.endswith(ROLE_WORD_ENDINGS):
            count += 1
            continue
        opening = piece.rfind("（")
        if opening < 0:
            # the bracket it closes opened before a bracket nested in it (责任单位：各乡镇（街道）、县直各部门；
            # 完成时限：…): its content, from that opening on, is looked at as any other's
            if k and "（" in pieces[k - 1]:
                content = _nested_content(pieces[k - 1], piece)
                if content is not None and is_clause_content(content.replace("\n", "")):
                    count += 1
            continue
        if piece.find("\n", opening) > 0:  # a bracket wrapped over lines reads without its line breaks
            if is_clause_content(piece[opening + 1 :].replace("\n", "")):
                count += 1
        elif (piece.find("：", opening) > 0 or piece.find("，", opening) > 0
              or piece.find("；", opening) > 0) and is_clause_content(piece[opening + 1 :]):
            count += 1
        elif pieces[k + 1].startswith(("：", " ：")) and (at := _qualifier_at(piece)) >= 0:
            # a label's qualifier (责任单位（部门）：) is no bracket of its own: read on as if it were not there
            pieces[k + 1] = piece[:at] + pieces[k + 1]
    return count


def _qualifier_at(piece: str) -> int:
    """Where the qualifier that ends `piece` opens (``责任单位（部门``: at its ``（``), else -1."""
    match = LABEL_QUALIFIER.search(piece + "）：", max(len(piece) - 10, 0))
    return match.start() if match is not None and match.end() == len(piece) + 1 else -1


def _nested_content(before: str, after: str) -> str | None:
    """The content of a bracket that opened in `before` and closes after `after`, a bracket nested between
    them (``…（甲（乙`` and ``、丙``: ``甲（乙）、丙``); None where `before` holds no bracket left open."""
    depth = 2  # the ） between the two pieces closes the last bracket left open in `before`: the one before it
    for position in range(len(before) - 1, -1, -1):
        if before[position] == "（":
            depth -= 1
            if depth == 0:
                return f"{before[position + 1 :]}）{after}"
        elif before[position] == "）":
            depth += 1
    return None


#: A bracket at the end of a line (or of a task run on into the next) that holds no role verb at its end
#: and no label: where its groups name units only (``（市财政局、市审计局）``, ``（市财政局牵头，市审计局）``)
#: it is a clause whose bare groups are read as responsible (see
#: :func:`gongkai_analysis.parsing.clauses.find_bare_clauses`).  Folded text.  (The content is taken
#: possessively: a bracket that ends with a role verb is given up at once, where backtracking through
#: it, character by character, cost a tenth of the whole structure pass.)
BARE_BRACKET_AT_END = re.compile(
    r"（(?P<content>[^（）：]{2,200}+)"
    + "".join(f"(?<!{ending})" for ending in sorted({*ROLE_ENDINGS, *(v[-2:] for v in ROLE_VERBS
                                                                        if not v.endswith(ROLE_WORD_ENDINGS))}))
    # (no role verb; a bracket that ends with one of ROLE_WORD_ENDINGS is a clause, which find_bare_clauses skips)
    + r"）(?=[。；]?[ \t]*(?:\n|$|\d{1,4}[.．、﹒](?!\d)|[一二三四五六七八九十]{1,3}、))"
)
#: A bracket that ends a task and says only when it is due (``（2024年底前完成）``, ``（6月底前）``,
#: ``（持续推进）``): no clause, but the task's time limit.  A year or a period alone (``（2021-2023年）``,
#: a plan's years) is not one.
_DEADLINE_BRACKET = (
    r"（\s*(?=[^）]*(?:\d|持续|长期|常态化|按进度))(?=[^）]*(?:前|底|半年|季度|旬|完成|启动|实施|建成|推进|坚持|开展))"
    r"(?P<when>(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:年底|底|上半年|下半年|第[一二三四]季度|上旬|中旬|下旬)?"
    r"(?:前|以前|之前)?(?:完成|启动|实施|建成)?"
    r"|持续推进|长期坚持|长期推进|常态化推进|持续开展|按进度推进)\s*）"
)
DEADLINE_BRACKET_AT_END = re.compile(_DEADLINE_BRACKET + r"[。；]?\s*$")
#: Such a bracket right after a clause (``（市财政局负责）（2024年6月底前）``): the clause's when.
DEADLINE_BRACKET = re.compile(_DEADLINE_BRACKET)
#: Bracket content that explains rather than assigns, though it may end like a unit's name
#: (``以下简称市政务办``, ``含街道``, ``不含国家机关``).
NOT_A_UNIT_LIST = re.compile(r"^(?:以下简称|下称|简称|即|含|不含|包括|包含|除|如|例如|详见|参见|见|其中|由|指|按|依据|根据)")
#: Endings of words that end as a unit's name may (行, 会, 部 …) but name none (试行, 运行, 全部).
_NOT_A_NAME_END = re.compile(
    r"(?:(?<![银分支])行|(?<![委协学总联])会|(?:全|内|外|局)部|(?:全|各)处|机构改革)$"
    r"|^(?:全局|当局|大局|格局|布局|结局|部门|单位|机构|企业|政府|社区)$"
)
#: Every area of a kind, as a unit list names their governments: 各县区, 各区县, 各乡镇, 各省.
_AREA_GROUP = re.compile(r"^各(?:[省市县区州盟旗乡镇]|街道|自治区|直辖市)+$")
#: Words that end a unit list in a bare clause group and are not part of a name.
_BARE_GROUP_TAIL = re.compile(
    "(?:" + "|".join(sorted((*OPEN_LIST_WORDS, *CLAUSE_MODIFIERS), key=len, reverse=True)) + ")$"
)


def is_bare_unit_group(group: str) -> bool:
    """True when a clause group (folded) names units only: ``、``-separated names that each end as a
    unit's name ends (:data:`UNIT_SUFFIX`), maybe with an alias in 〔〕 and an open-list word or a
    modifier at the end.

    Parameters
    ----------
    group : str
        One group of bracket content, between ``，`` or ``；``.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_bare_unit_group("市财政局、市审计局等部门"), is_bare_unit_group("市交通委〔市道运局〕")
    (True, True)
    >>> is_bare_unit_group("以下简称市政务办"), is_bare_unit_group("2021-2023年"), is_bare_unit_group("试行")
    (False, False, False)
    """
    group = _BARE_GROUP_TAIL.sub("", group.replace("\n", "").strip()).strip()  # (a line break is a wrap)
    if not group or "。" in group or NOT_A_UNIT_LIST.match(group):
        return False
    for name in group.split("、"):
        name = re.sub(r"〔[^〔〕]*〕$", "", name.strip())
        if _AREA_GROUP.match(name):  # 各县区, 各乡镇: the governments of a kind of area
            continue
        if not 2 <= len(name) <= MAX_UNIT_NAME or not UNIT_SUFFIX.search(name) or ROLE_VERB.search(name) \
                or _NOT_A_NAME_END.search(name):
            return False
    return True


def is_bare_clause(content: str) -> bool:
    """True when bracket content (folded) assigns units without a role verb or label in some group:
    every group names units (:func:`is_bare_unit_group`), ends with a role verb, or says when, and
    at least one names units without a verb.  Only a bracket that ends a task or a line is read so
    (see :data:`BARE_BRACKET_AT_END`).

    Parameters
    ----------
    content : str
        The text inside the brackets.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_bare_clause("市财政局、市审计局"), is_bare_clause("市财政局牵头，市审计局")
    (True, True)
    >>> is_bare_clause("市财政局，2024年底前"), is_bare_clause("市财政局负责")  # (the second: a clause, not bare)
    (True, False)
    >>> is_bare_clause("以下简称市政务办"), is_bare_clause("2024年底前")
    (False, False)
    """
    bare = False
    for group in re.split("[，；]", content):
        group = group.strip()
        if is_bare_unit_group(group):
            bare = True
        elif not (ends_with_role(group) or is_time_group(group)):
            return False
    return bare


#: Bracket pairs the parser balances (folded text).
OPEN_BRACKETS = "（〔"
CLOSE_BRACKETS = "）〕"
#: Punctuation that belongs to the clause it follows (``…（X负责落实）。``).
AFTER_CLAUSE = re.compile(r"[。；.\s]*")

#: Separators between units in a clause.
UNIT_SEPARATOR = re.compile(r"[、，；]|以及|及|与|和|会同")
#: Separators that never occur inside a unit's name.
HARD_SEPARATOR = re.compile(r"[、，；]")
#: The line break of a table cell (one unit a line); a plain line break in a clause is a wrap.
CLAUSE_LINE_BREAK = "\u2028"
#: The last characters of a unit's name; a piece that ends otherwise is not split on 和/及/与.
_UNIT_ENDINGS = (r"局|委|办|中心|部|部门|处|室|会|院|所|街道|办事处|政府|委员会|分局|队|站|馆|单位|机构|公司|集团|组|团"
                 r"|街乡|社区|厅|署|企业|银行|行|专班|指挥部|机关|学校|高校|协会|联合会")
UNIT_SUFFIX = re.compile(f"({_UNIT_ENDINGS})$")
#: How a unit's name ends, more widely than :data:`UNIT_SUFFIX` (which decides a cut at 和/及): also people's
#: organisations (妇联, 科协, 人大), areas (各旗县区, 各乡镇, and all of them: 各地, 各地区) and groups a clause may
#: name (各新闻媒体, 社会组织, 网格员).  A name that ends otherwise has words read into it, and is reported.
NAME_END = re.compile(f"(?:{_UNIT_ENDINGS}"
                      + r"|联|协|人大|政协|省|市|州|盟|区|县|旗|乡|镇|媒体|主体|组织|热线|户|员|者|科|股|^各地)$")
#: An administrative area before 、 in a collective name (``各省、自治区、直辖市人民政府``,
#: ``各市、县人民政府``): the pieces stay one name.
_AREAS = r"(?:省|自治区|直辖市|计划单列市|设区的?市|地级以上市|市|州|盟|县|区|旗|乡|镇|乡镇|街道)+(?:（[^（）]{1,12}）)?"
AREA_PIECE = re.compile(f"^各?{_AREAS}$")
#: What ends such a list: areas and the bodies they share (``直辖市人民政府``, ``县（市、区）政府``,
#: ``旗县（市、区）人民政府``; after ``各市（州）``, ``各盟市``, ``各设区市``).  Not the departments directly
#: under a level (``县直各部门``, ``市直有关单位``) nor a government's own (``县政府各部门``): units of their own.
AREA_COLLECTIVE = re.compile(f"^{_AREAS}" + r"(?!直)[^、各]{0,8}?(?:人民政府|政府|党委|部门|单位)$")
#: "…等部门" / "…等相关单位" at the end of a unit list: the list is open-ended.
OPEN_ENDED = re.compile(r"等(?:相关|有关|其他)?(?:部门|单位|机构|街道|成员单位)?$")
#: A name in 〔〕 or （） after the unit: another nameplate of the same unit.
ALIAS = re.compile(r"^(?P<unit>.+?)[〔（](?P<alias>[^〔〕（）]+)[〕）]$")
#: A line of a table cell that starts with a unit's whole name (市商务局, 文化委, 宣传部〔新闻…, 市市场监管局、…):
#: after a line that fills the cell and ends as a name ends, a second name, not the rest of the first (PDF
#: cells; ``东城园管委`` / ``会``, ``工商分局`` / ``〔查无办〕`` and ``…机关`` / ``运行经费…`` read on).
CELL_NAME_START = re.compile(f"[\u4e00-\u9fff]{{1,15}}?(?:{_UNIT_ENDINGS})(?=$|[、，；,;〔（(【])")
#: Endings after which no longer name goes on (局, 中心 …; not 政府, 办, 委, 会, 部: 市政府办公室, 委员会).
CELL_FINAL_ENDING = re.compile("(?:局|厅|中心|院|所|馆|站|队|公司|集团|处|室|署|行)$")
#: A party committee and the government of the same place sharing one office's name: ``市委、市政府督查室``
#: (市委督查室 and 市政府督查室, or one joint office): read as printed, and reported.
SHARED_ENDING = re.compile(
    r"(?P<party>(?P<level>[省市区县州])委)、(?P<government>(?P=level)(?:人民)?政府)"
    r"(?P<ending>[^、，；\s]{1,10}?(?:办公室|办公厅|督查室|信访局|信访办|研究室|接待室|总值班室|应急办|室|办|局))"
    r"(?=$|[、，；\s])"
)
#: Words that start a unit list without being part of a name.
LEADING_FILLER = re.compile("^(?:" + "|".join(sorted(LEADING_FILLERS, key=len, reverse=True)) + ")")
#: How a unit's name never starts: a filler, a conjunction, or a sentence's verb (``要求X负责``, ``明确X牵头``)
#: read into it.  (和 starts 和平区, and 会同 starts 会同县.)
NAME_START = re.compile("^(?:" + "|".join(sorted({*LEADING_FILLERS, "要求", "明确", "具体", "以及", "及", "其"},
                                                  key=len, reverse=True)) + "|会同(?!县))")
#: Verbs of supervision and guidance: no role of the grammar, and never the end of a unit's name (督办 ends as
#: an office's name does: ``（市财政局配合督办）`` would give the unit 督办).
SUPERVISION_END = re.compile("(?:督办|督导|督促|指导|监督)$")
#: Unknown names that still name a group of units.
COLLECTIVE_HINT = re.compile(
    r"^(?:各|全区|全市|全省|区属各|市直各|省直各|区政府各|区政府相关|区政府有关|相关|有关)|(?:各|相关|有关)(?:部门|单位)$"
    r"|成员单位$"  # a working group's or a joint conference's member units: a set of units, not one
)
#: Administrative prefixes stripped when a name is looked up (kept for old callers; see UNIT_LEVEL_PREFIX).
UNIT_PREFIX = re.compile(r"^(?:北京市东城区|北京市|东城区|区委|区|市)")
#: The level prefix of a unit's name (``区财政局``, ``市审批服务局``, ``省发展改革委``), removed once to
#: give the matching form, on known and unknown names alike.  A level character that begins a word
#: is not a prefix: 市场, 市政 (municipal works; not 市政府 or 市政务…: 市政务服务中心 is the city's
#: 政务服务中心), 市民 (not 市民政), 市委/区委 (a party committee's units keep
#: it), 市直, 市级, 区属, 区域, 市县 …, nor one before （ or 、 (县（市、区）人民政府, 市、县人民政府).
UNIT_LEVEL_PREFIX = re.compile(
    r"北京市东城区|东城区|北京市(?=东城区)|[省市区县](?![场委直级属辖域县区内外（、]|政(?!府|务)|民(?!政))"
)
#: The levels a named place ends with (包头市, 安徽省, 内蒙古自治区, 稀土高新区 …).
_PLACE_LEVELS = "自治区|自治州|地区|省|市|州|盟|区|县|旗"
#: The place a document is from, at the start of its title, notice title or issuer: one or more
#: named administrative levels (``包头市``, ``安徽省``, ``北京市东城区``; after an optional 关于印发).
#: A name needs two characters before its level, so the anonymous ``某区`` and words such as 社区 at
#: the start are no place.
DOCUMENT_PLACE = re.compile(
    r"^(?:关于印发)?(?:(?:19|20)\d{2}年度?)?"  # (the year may come first: 2024年包头市政务公开工作要点)
    rf"(?P<place>(?:[\u4e00-\u9fff]{{2,7}}?(?:{_PLACE_LEVELS}))+)"
)
#: Each named level of a document's place (``内蒙古自治区`` and ``包头市`` in ``内蒙古自治区包头市``), its
#: level apart: a unit named with them (``包头市财政局``) is read as with its level alone (``市财政局``).
PLACE_LEVEL = re.compile(rf"(?P<name>[\u4e00-\u9fff]{{2,7}}?)(?P<level>{_PLACE_LEVELS})")
#: A line of a table cell that starts with a level or 各 (PDF cells): a new name, after a line that ends one.
CELL_LEVEL_START = re.compile(f"(?:各|{_PLACE_LEVELS}|乡|镇)")
#: A party committee before a unit (``市委网信办``, ``包头市委网信办``, ``中共北京市东城区委宣传部``): dropped to find a
#: unit's function, never from its name.
PARTY_PREFIX = re.compile(r"(?:中共)?[\u4e00-\u9fff]{0,10}?[省市区县州]委(?!员会)")
#: Levels before a unit's name that :data:`UNIT_LEVEL_PREFIX` leaves on it (the name keeps them), dropped to
#: find its function: the nation's and the Party centre's (``国家发展改革委``, ``中央网信办``, ``国务院办公厅``),
#: and the autonomous areas' (``自治区财政厅``, ``州财政局``, ``盟财政局``, ``旗财政局``).
FUNCTION_LEVEL_PREFIX = re.compile(r"国家|中央|国务院|自治区|自治州|[州盟旗](?![委直级属])")
#: A named place before a unit's name (``广东省政务服务数据管理局``, ``包头市财政局``, ``某某县``…), dropped to
#: find its function (the name keeps it); what follows must still be a word of two characters or more.
#: (A place before 委 is the party committee's: see :data:`PARTY_PREFIX`.)
NAMED_PLACE_PREFIX = re.compile(rf"[\u4e00-\u9fff]{{2,6}}?(?:{_PLACE_LEVELS})(?=(?!委)[\u4e00-\u9fff]{{2}})")
#: What ends a unit's name after the stem of its function (``财政`` + ``局``), longest first.
FUNCTION_SUFFIXES = ("委员会办公室", "服务中心", "管理中心", "委员会", "办公室", "办公厅", "总局", "分局",
                     "中心", "支队", "局", "厅", "部", "委", "办", "署", "处", "")

# --------------------------------------------------------------------------
# Document metadata (matched on folded text)
# --------------------------------------------------------------------------
#: A 文号: 包府办发〔2024〕12号, its year also in ［］【】 (folded to 〔〕), ﹝﹞ or （）, its number also 第12号.
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔﹝（](?:19|20)\d{2}[〕﹞）]第?\d{1,4}号")
DATE_ARABIC = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
#: (A year's zero is printed 〇, 零, or — typed on a keyboard — ○ (U+25CB), Ｏ or O.)
DATE_CHINESE = re.compile(r"([〇零○ＯO一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
PLAN_TITLE = re.compile(r"^.{0,40}政务公开工作要点$")
#: A plan title at the start of a run-on line.
PLAN_TITLE_START = re.compile(r"^[^\s，。：《》]{0,40}?政务公开工作要点")
#: What may follow 政务公开工作要点 on a title's line and still be the title's: ``（试行）``, ``任务分解表``
#: (short, no sentence, no numbered item in it).
TITLE_TAIL = re.compile(r"[^\s，。；：、《》\d一二三四五六七八九十]{0,12}[ \t]*")
NOTICE_TITLE = re.compile(r"^关于.*(?:的)?通知$")
#: A notice's title on one line, maybe after its issuer: ``…办公室关于印发《…》的通知``.
NOTICE_TITLE_LINE = re.compile(r"^[^\s，。：]{0,30}关于[^\n]*的通知$")
#: How an issuing office's name ends.
_ISSUER_ENDINGS = "人民政府办公室|人民政府办公厅|人民政府|办公厅|办公室"
ISSUER = re.compile(rf"^.{{2,30}}(?:{_ISSUER_ENDINGS})$")
#: The first line of a notice's title wrapped after its issuer: ``包头市人民政府办公室关于印发`` (no 通知 yet).
NOTICE_TITLE_START = re.compile(r"^[^\s，。：]{0,30}关于(?!.*通知$)")
#: Where the issuer is printed elsewhere: the red head (``包头市人民政府办公室文件``), or before 关于 in the
#: notice's title (``包头市人民政府办公室关于印发…的通知``).
ISSUER_IN_HEAD = re.compile(rf"^(?P<issuer>.{{2,30}}?(?:{_ISSUER_ENDINGS}))(?:文件$|关于)")
RECIPIENTS = re.compile(r"^.{2,80}：$")
#: A run-on preamble (a page's header copied onto one line) is cut into its fields: at whitespace not after a
#: digit (``2017 年`` keeps its space), and, where no space parts them, before a notice's title begins and after
#: a field ends (the notice's title, the recipients' colon, a sentence).
FIELD_GAP = re.compile(r"(?<!\d)\s+")
FIELD_START = re.compile(r"关于印发")
FIELD_END = re.compile(r"的通知|：|。")
#: The plan a notice issues, in its title: ``关于印发《X》的通知``, ``…关于印发X的通知``.
ISSUED_PLAN = re.compile(r"关于印发《?(?P<title>[^《》]{2,60}?)》?的通知$")
#: A page breadcrumb ("首页 > 信息公开 > … > 正文") at the start of a line.
BREADCRUMB = re.compile(r"^(?:首页|当前位置|您的位置|您现在的位置).{0,100}(?:>|›|»|＞)\s*(?:正文)?\s*")
HTML_META_FIELDS = re.compile(
    r"(?P<field>索引号|发布机构|发布机关|发文机关|发文字号|文号|成文日期|发布日期|主题分类|标题|名称)\s*[：:]\s*(?P<value>[^\s：:]*)"
)

# --------------------------------------------------------------------------
# Tables (a row is one line whose cells are separated by tabs)
# --------------------------------------------------------------------------
TABLE_NO = re.compile(r"^(?:序号|编号|序)$")
TABLE_TASK = re.compile(r"(?:工作任务|任务内容|工作内容|主要任务|重点任务|任务|内容|工作事项|重点工作|工作要点)")
#: A column of measures, read as the task where no column above is (``序号 | 具体措施 | 责任单位``); beside
#: one, an extra column (``重点工作 | 具体措施``: the measures are kept in ``extra``).
TABLE_MEASURES = re.compile(r"(?:措施|举措|事项)")


def _column_labels(*roles: str) -> re.Pattern:
    """The clause labels of `roles` as a pattern searched in a column's header (``牵头单位（部门）``): one
    vocabulary for clauses and tables.  The bare 牵头 and 配合 of a cell's short form are left out (牵头领导
    heads a column of people, not units)."""
    return re.compile("|".join(sorted((label for label, role in CLAUSE_LABELS.items() if role in roles
                                       and len(label) > 2), key=len, reverse=True)))


#: A units' column of a task table, of units that carry the task (lead or responsible); of lead units; of
#: units that support it.
TABLE_UNIT = _column_labels("lead", "responsible")
TABLE_LEAD = _column_labels("lead")
TABLE_SUPPORT = _column_labels("support")
TABLE_TIME = re.compile(r"(?:时限|时间|期限)")
#: A line break inside a table cell (reading emits U+2028 LINE SEPARATOR for it).
CELL_LINE_BREAK = "\u2028"
#: A line of a unit cell that is a deadline, not a unit: ``2024年底前``, ``6月底``, ``持续推进``.
CELL_DEADLINE = re.compile(
    r"^(?:(?:19|20)\d{2}年)?(?:\d{1,2}月)?(?:底|中旬|上旬|下旬|末)?(?:前|以前|完成|内)?$"
    r"|^(?:(?:19|20)\d{2}年|\d{1,2}月).*(?:前|底|完成|内)$"
    r"|^(?:持续推进|长期坚持|持续开展|长期推进|长期|持续|每年|每季度|每月|按年度|按季度|按月)"
)

# --------------------------------------------------------------------------
# Deadlines in task text (cadence labels and channels live in data/cadence_rules.csv)
# --------------------------------------------------------------------------
#: An explicit limit in hours: 最迟5小时内, 24小时内.
DEADLINE_HOURS = re.compile(r"(\d{1,3})\s*个?\s*小时\s*(?:内|以内)")
#: An explicit limit in days: 15个工作日内, 7日内.
DEADLINE_DAYS = re.compile(r"(\d{1,3})\s*个?\s*(工作日|日|天)\s*(?:内|以内)")
#: A statutory limit without a number.
STATUTORY = re.compile(r"法定(?:时限|期限)")
#: A platform's name ends here; the words before it up to this verb are dropped.
PLATFORM_LEAD = re.compile(r"^.*(?:通过|依托|利用|搭建|运用|借助|建立|建设|推进|完善|加强)")

#: What a disclosure is about (item 54's 内容): an object named in the task.
CONTENT_OBJECT = re.compile(
    r"信息|情况|名单|名录|目录|清单|结果|数据|指标|政策|公告|进展|计划|预算|决算|标准|报告|办法|方案|"
    r"事项|文件|答复|全文|草案|依据|指南|规定|制度|措施"
)


# --------------------------------------------------------------------------
# PDF page furniture and line wrapping (reading/pdf.py)
# --------------------------------------------------------------------------
#: A page number printed alone on a line: ``— 3 —``, ``- 3 -``, ``3``, ``第3页 共9页``, ``3/9``.
PDF_PAGE_NUMBER = re.compile(
    r"^\s*(?:[—–\-－~～_·•]*\s*\d{1,4}\s*[—–\-－~～_·•]*"
    r"|第\s*\d{1,4}\s*页\s*[，,/]?\s*(?:共\s*\d{1,4}\s*页)?"
    r"|(?:共\s*\d{1,4}\s*页\s*[，,]?\s*)?第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)\s*$",
    re.I,
)
#: The first line of a 版记's copy list (抄送：…), spaces removed.
PDF_COPY_TO = re.compile(r"^抄送[：:]")
#: The 印发 line of a 版记 (``某区人民政府办公室 2017年6月21日印发``), spaces removed.
PDF_PRINTED_BY = re.compile(r"^.{0,40}(?:19|20)\d{2}年\d{1,2}月\d{1,2}日印发$")
#: A printed line that ends a sentence or a clause.
PDF_SENTENCE_END = re.compile(r"[。！？；：!?;:）)〕」”』]\s*$")
#: A printed line that starts a numbered item, a heading, an attachment or a line of labels (``责任单位：…``,
#: ``完成时限：…``, the lines under a task).
PDF_BLOCK_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,3}\s*[.．、，﹒)）](?!\d)"
    r"|[（(]\d{1,3}[）)]|[①-⒛]|第[一二三四五六七八九十百零〇]{1,5}[条章节]|附件|专栏"
    rf"|(?:{_ANY_LABEL_WORDS})(?:[（(][^（()）:：\n]{{1,6}}[）)])?\s*[：:])"
)

# --------------------------------------------------------------------------
# Tracker cells
# --------------------------------------------------------------------------
#: A completion date written out with its four-digit year first (2017-06-30, 2017/6/30,
#: 2017.6.30, 2017年6月30日); anything else (01/02/03, a bare 2017) is ambiguous.
TRACKER_DATE = re.compile(r"^\s*(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})\s*日?\s*$")


# --------------------------------------------------------------------------
# Markdown markup (reading/markdown.py)
# --------------------------------------------------------------------------
#: An HTML comment, over any number of lines.
MD_COMMENT = re.compile(r"<!--.*?-->", re.S)
#: A heading line: up to three spaces, one to six #, the title, optional closing #s.
MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(?P<title>.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
#: A block-quote mark at the start of a line.
MD_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.M)
#: Strong or emphasised text written with ** or __.
MD_EMPHASIS = re.compile(r"(\*\*|__)(?P<inner>.+?)\1")

#: The next non-blank line, when it is short enough to be a title (up to 60 characters).
NEXT_SHORT_LINE = re.compile(r"(?:[ \t]*\n)+[ \t]*(?P<title>[^\n]{1,60}?)[ \t]*(?=\n|$)")
