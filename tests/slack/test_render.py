"""Reply -> Block Kit: within Slack's limits, and nothing scraped can ping or link."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.replies import Card, CardField, Reply
from bot.slack.render import (
    MAX_BLOCKS,
    MAX_FIELD_TEXT,
    MAX_SECTION_TEXT,
    escape,
    header_block,
    render,
    safe_url,
)

# What Slack's mrkdwn would turn into a mention, a channel link or a disguised link.
ACTIVE = re.compile(r"<[!@#]|<(?!https?://[^|<>\s]+\|)")


def mrkdwn_texts(message: dict[str, Any]) -> list[str]:
    texts = [message["text"]]
    for block in message["blocks"]:
        if block.get("text", {}).get("type") == "mrkdwn":
            texts.append(block["text"]["text"])
        texts += [f["text"] for f in block.get("fields", [])]
        texts += [e["text"] for e in block.get("elements", [])]
    return texts


def test_escaping_follows_slacks_rule() -> None:
    assert escape("<!channel> & <@U1> > <#C1>") == (
        "&lt;!channel&gt; &amp; &lt;@U1&gt; &gt; &lt;#C1&gt;")


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.cnil.fr/fr/sanction", "https://www.cnil.fr/fr/sanction"),
    ("https://evil.example/a|<!channel>", "https://evil.example/a%7C%3C!channel%3E"),
    ("https://x.example/a b", "https://x.example/a%20b"),
    ("javascript:alert(1)", None),
    ("", None),
])
def test_urls_cannot_break_out_of_a_link(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_a_header_is_plain_text_within_150_characters() -> None:
    block = header_block("x" * 400)
    assert block["text"]["type"] == "plain_text" and len(block["text"]["text"]) == 150


def test_many_cards_stay_within_50_blocks() -> None:
    cards = tuple(Card(title=f"Company {n}", url="https://a.example", description="d",
                       fields=(CardField("Amount", "1 EUR"),), footer="f") for n in range(30))
    message = render(Reply(text="Many", cards=cards))
    assert len(message["blocks"]) <= MAX_BLOCKS
    assert "more not shown" in message["blocks"][-1]["elements"][0]["text"]


scraped = st.text(alphabet=st.sampled_from(list("<>&|!@#*_~`:/ ahU1C\n")) | st.characters(),
                  max_size=4000)


@settings(max_examples=60, deadline=None)
@given(title=scraped, text=scraped, value=scraped, url=st.sampled_from(
    ["https://www.cnil.fr/x", "https://e.example/a|b>c", "ftp://x", ""]))
def test_anything_scraped_renders_inert_and_within_limits(title: str, text: str, value: str,
                                                          url: str) -> None:
    card = Card(title=title, url=url, description=text,
                fields=tuple(CardField(value[:20], value) for _ in range(12)), footer=text)
    message = render(Reply(text=text, cards=(card,)))
    for shown in mrkdwn_texts(message):
        assert not ACTIVE.search(shown), shown[:200]
    for block in message["blocks"]:
        if block["type"] == "section":
            assert len(block.get("text", {}).get("text", "")) <= MAX_SECTION_TEXT
            assert len(block.get("fields", [])) <= 10
            assert all(len(f["text"]) <= MAX_FIELD_TEXT for f in block.get("fields", []))
            assert "text" in block or "fields" in block
    assert len(message["blocks"]) <= MAX_BLOCKS
