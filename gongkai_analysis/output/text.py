"""Tables back to text: write a parsed plan in the standard layout.

Useful to normalise a plan (one line per task, clauses after the task) and to
test the parser: parsing the rendering of a parsed plan gives the same tables.

Examples
--------
>>> import gongkai_analysis as gk
>>> doc = gk.parse_document("一、公开\\n1.做好A。(甲局负责落实)\\n2.做好B（乙局负责）。\\n", tokens=False)
>>> print(render_text(doc))
一、公开
1.做好A。(甲局负责落实)
2.做好B。（乙局负责）
<BLANKLINE>
"""

from __future__ import annotations

import pandas as pd

from ..patterns import int_to_cn


def render_text(doc) -> str:
    """The plan of a one-document :class:`Document` as text in the standard layout.

    The title and the closing paragraph are kept; a task table's unit cell is
    written as a bracketed clause.

    Parameters
    ----------
    doc : Document or Corpus
        The tables of exactly one document (``meta``, ``tasks``).

    Returns
    -------
    str
        The plan, one line per header and per task, ending with a newline.

    Raises
    ------
    ValueError
        When the tables hold more (or fewer) than one document.

    Examples
    --------
    >>> import gongkai_analysis as gk
    >>> doc = gk.parse_document("一、公开\\n（一）财政\\n1.做好A。(甲局负责)\\n二、解读\\n2.做好B（乙局负责）。\\n",
    ...                         doc_id="d", tokens=False)
    >>> print(render_text(doc), end="")
    一、公开
    （一）财政
    1.做好A。(甲局负责)
    二、解读
    2.做好B。（乙局负责）
    >>> two = gk.concat_documents([doc, gk.parse_document("一、公开\\n1.做好C。(丙局负责)\\n", doc_id="e", tokens=False)])
    >>> render_text(two)
    Traceback (most recent call last):
    ...
    ValueError: render_text takes one document
    """
    if doc.meta["doc_id"].nunique() != 1:
        raise ValueError("render_text takes one document")
    meta = doc.meta.iloc[0]
    lines: list[str] = []
    if pd.notna(meta["title"]):
        lines.append(str(meta["title"]))
    section = subsection = None
    for _, task in doc.tasks.groupby(["section_no", "subsection_no", "number", "line"], sort=False, dropna=False):
        first = task.iloc[0]
        if pd.notna(first["section_no"]) and first["section_no"] != section:
            section, subsection = first["section_no"], None
            lines.append(f"{int_to_cn(int(section))}、{first['section_title']}")
        if pd.notna(first["subsection_no"]) and first["subsection_no"] != subsection:
            subsection = first["subsection_no"]
            lines.append(f"（{int_to_cn(int(subsection))}）{first['subsection_title']}")
        body = "".join(_part(row) for _, row in task.iterrows())
        lines.append(f"{int(first['number'])}.{body}")
    if pd.notna(meta["closing"]):
        lines.append(str(meta["closing"]))
    return "\n".join(lines) + "\n"


def _part(row: pd.Series) -> str:
    text = row["text"] if pd.notna(row["text"]) else ""
    clause = row["clause"] if pd.notna(row["clause"]) else ""
    if clause and not clause.startswith(("(", "（")):
        clause = f"（{clause}）"
    return text + clause
