"""The reading stage's fast paths give what their exact (regex) roads give, whatever the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai_analysis.reading import text as text_module
from gongkai_analysis.reading.text import count_hanzi

#: Characters at the edges of the hanzi blocks and of the UTF-16 high bytes the fast count reads.
EDGES = "".join(map(chr, (0x33FF, 0x3400, 0x3401, 0x4CFF, 0x4D00, 0x4DBF, 0x4DC0, 0x4DFF, 0x4E00, 0x4E01,
                          0x9FFF, 0xA000, 0xD7FF, 0xE000, 0xFFFF, 0x00, 0x34, 0x4D, 0x9F)))
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF)  # lone surrogates included
TEXTS = st.text(st.one_of(ANY_CHAR, st.sampled_from(EDGES), st.sampled_from("政务公开、。（）\n\t a1")), max_size=60)


@settings(max_examples=2000, deadline=None, derandomize=True, database=None)
@given(TEXTS)
def test_count_hanzi_equals_the_regex_count(text):
    assert count_hanzi(text) == text_module._count_hanzi_exactly(text)


#: Pieces of markup, text and the odd nodes (comments, instructions, entities) a page may hold.
HTML_PIECES = st.sampled_from(["<p>", "</p>", "<div class='content'>", "<div id='nav'>", "</div>", "<br>", "<b>",
                               "</b>", "<!--注-->", "<?php echo 1 ?>", "&amp;", "&#x4e00;", "<script>一</script>",
                               "<table><tr><td>", "</td><td>", "</td></tr></table>", "政务", "公开", "a  b", "\n",
                               "\t", "<![CDATA[x]]>", "<html>", "<body>", "</body>"])


@settings(max_examples=1000, deadline=None, derandomize=True, database=None)
@given(st.lists(HTML_PIECES, min_size=1, max_size=40), st.booleans())
def test_xpath_string_value_equals_joined_itertext(pieces, remove_comments):
    # _html_content measures an element by its XPath string value instead of "".join(itertext())
    from lxml import etree

    root = etree.fromstring("".join(pieces), etree.HTMLParser(huge_tree=True, remove_comments=remove_comments))
    if root is None:
        return
    for element in root.iter(etree.Element):
        assert element.xpath("string()") == "".join(element.itertext())


def test_cleaned_characters_are_those_the_regexes_match():
    # the fast check of clean_text reads the two character classes; every character is asked here
    everything = "".join(map(chr, range(0x110000)))  # lone surrogates included
    matched = set(text_module._LINE_CONTROLS.findall(everything)) | set("".join(text_module._DROPPED.findall(everything)))
    latin, others = text_module._cleaned_characters()
    assert set(latin.decode("latin-1")) | set(others) == matched
    assert max(latin) < 0x100 <= min(map(ord, others))


#: Text that holds, now and then, a character clean_text changes.
CLEANED = "\x00\x08\x0b\x0c\x0e\x1f\x7f\x80\x85\x9f\xad\u061c\u200b\u200f\u2028\u2029\u202a\u2060\u2069\ufeff\r\n\t"


@settings(max_examples=2000, deadline=None, derandomize=True, database=None)
@given(st.text(st.one_of(ANY_CHAR, st.sampled_from(CLEANED), st.sampled_from("政务公开、。a1 ")), max_size=40))
def test_clean_text_equals_the_two_regex_passes(text):
    exact = text.replace("\r\n", "\n").replace("\r", "\n")
    exact = text_module._DROPPED.sub("", text_module._LINE_CONTROLS.sub("\n", exact))
    assert text_module.clean_text(text) == exact
