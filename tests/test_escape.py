"""Escaping for each place a YAML string lands: exact output, so a weakened rule shows."""

from __future__ import annotations

import pytest

from generator import escape


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a *b* _c_ `d`", "a \\*b\\* \\_c\\_ \\`d\\`"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("a | b", "a \\| b"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("# not a heading", "\\# not a heading"),
        ("{: .x }", "\\{: .x \\}"),
        ("two\nlines   and  spaces", "two lines and spaces"),
        ("x ~ y ^ z", "x \\~ y \\^ z"),
    ],
)
def test_text_leaves_no_markup(raw: str, escaped: str) -> None:
    assert escape.text(raw) == escaped


def test_attribute_values_are_quoted_safely() -> None:
    assert escape.attr('" onmouseover="x" & <b>') == "&quot; onmouseover=&quot;x&quot; &amp; &lt;b&gt;"


def test_link_targets_cannot_break_out_of_the_parentheses() -> None:
    assert escape.url("https://example.org/a (b)?q=1&r=2") == "https://example.org/a%20%28b%29?q=1&r=2"


def test_markdown_fields_keep_markdown_but_not_html_attributes_or_script_links() -> None:
    assert escape.markdown("**bold** [ok](https://example.org) <b>x</b> & {: onclick=y }") == (
        "**bold** [ok](https://example.org) &lt;b>x&lt;/b> &amp; \\{: onclick=y \\}"
    )
    assert escape.markdown("[x](javascript:alert(1))") == "[x](#)"
    assert escape.markdown("[x](data:text/html,hi)") == "[x](#)"
    assert escape.markdown("[x](../chips/x.md#a)") == "[x](../chips/x.md#a)"
