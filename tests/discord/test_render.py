"""Replies rendered for Discord: every limit kept, scraped markup inert."""

from __future__ import annotations

from bot.core.replies import Card, CardField, Reply
from bot.discord.render import EMBED_TOTAL_LIMIT, clip, escape, render, safe_url


def huge_card(n: int) -> Card:
    return Card(title="T" * 1000, url=f"https://example.org/{n}", description="D" * 9000,
                fields=tuple(CardField("N" * 400, "V" * 3000) for _ in range(30)),
                footer="F" * 3000)


def test_a_huge_reply_fits_every_discord_limit() -> None:
    rendered = render(Reply(text="x" * 5000, cards=tuple(huge_card(n) for n in range(12))))
    assert len(rendered.content) <= 2000 and 1 <= len(rendered.embeds) <= 10
    assert sum(len(e) for e in rendered.embeds) <= EMBED_TOTAL_LIMIT
    for embed in rendered.embeds:
        assert len(embed.title or "") <= 256 and len(embed.description or "") <= 4096
        assert len(embed.fields) <= 25
        assert all(len(f.name or "") <= 256 and len(f.value or "") <= 1024
                   for f in embed.fields)


def test_scraped_markup_and_mentions_are_inert() -> None:
    text = escape("@everyone @here **bold** <@123456789012345678> <@&1234> <#1234> </x:1>")
    assert "@everyone" not in text and "@here" not in text
    assert "**" not in text.replace("\\*", "")
    assert "<@" not in text and "<#" not in text and "</" not in text


def test_clipping_never_leaves_half_an_escape() -> None:
    assert clip(escape("*" * 50), 10).endswith("…")
    assert not clip(escape("*" * 50), 10)[:-1].endswith("\\")


def test_only_http_urls_go_into_embeds() -> None:
    assert safe_url("https://www.cnil.fr/x") == "https://www.cnil.fr/x"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("https://a b") is None and safe_url(None) is None
