"""Reply -> Discord message: content and embeds, escaped, inside Discord's limits.

Every text here may hold scraped words. Markdown and mentions are escaped so that they
show as typed, and every message goes out with `AllowedMentions.none()`, so that even a
mention the escaping missed can notify no one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import discord

from bot.core.replies import Card, Reply

# Discord's documented limits (https://discord.com/developers/docs/resources/message).
CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELDS_PER_EMBED = 25
FOOTER_LIMIT = 2048
EMBEDS_PER_MESSAGE = 10
EMBED_TOTAL_LIMIT = 6000
URL_LIMIT = 2048

#: Accent colour of every embed (a quiet blue: alerts are news, not errors).
EMBED_COLOUR = 0x2B6CB0
ELLIPSIS = "…"

NO_MENTIONS = discord.AllowedMentions.none()

# Raw mention syntax Discord would render as a ping or a link: users, roles, channels,
# slash commands. A zero-width space after "<" makes it plain text.
_RAW_MENTION = re.compile(r"<(?=(?:@[!&]?|#|/)[^>\s]*>)")


def escape(text: str) -> str:
    """Scraped text shown as typed: no markdown, no mentions, no raw mention syntax."""
    escaped = discord.utils.escape_mentions(discord.utils.escape_markdown(text))
    return _RAW_MENTION.sub("<\u200b", escaped)


def clip(text: str, limit: int) -> str:
    """Cut to `limit` characters with an ellipsis, never leaving half an escape."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    # A trailing lone backslash would escape the ellipsis, or nothing at all.
    while cut.endswith("\\"):
        cut = cut[:-1]
    return cut + ELLIPSIS


def safe_url(url: str | None) -> str | None:
    """An http(s) URL Discord accepts in an embed, else None (a bad one fails the send)."""
    if not url or len(url) > URL_LIMIT or any(ch.isspace() for ch in url):
        return None
    parsed = urlparse(url)
    return url if parsed.scheme in ("http", "https") and parsed.netloc else None


def card_embed(card: Card) -> discord.Embed:
    """One card as an embed; every text escaped and clipped to its limit."""
    embed = discord.Embed(title=clip(escape(card.title), TITLE_LIMIT) or None,
                          url=safe_url(card.url), colour=EMBED_COLOUR,
                          description=clip(escape(card.description), DESCRIPTION_LIMIT) or None)
    for field in card.fields[:FIELDS_PER_EMBED]:
        embed.add_field(name=clip(escape(field.name), FIELD_NAME_LIMIT) or "\u200b",
                        value=clip(escape(field.value), FIELD_VALUE_LIMIT) or "\u200b",
                        inline=field.inline)
    if card.footer:
        # Footers render no markdown: escaping would show the backslashes.
        embed.set_footer(text=clip(card.footer, FOOTER_LIMIT))
    return embed


def embed_size(embed: discord.Embed) -> int:
    """The characters Discord counts towards the 6000 of a message."""
    return len(embed)


def _fit_total(embeds: list[discord.Embed]) -> list[discord.Embed]:
    """Shorten descriptions, then drop trailing embeds, until the message fits 6000."""
    total = sum(embed_size(e) for e in embeds)
    for embed in reversed(embeds):
        if total <= EMBED_TOTAL_LIMIT:
            break
        if embed.description:
            excess = total - EMBED_TOTAL_LIMIT
            keep = max(len(embed.description) - excess, 200)
            shorter = clip(embed.description, keep)
            total -= len(embed.description) - len(shorter)
            embed.description = shorter
    while embeds and total > EMBED_TOTAL_LIMIT:
        total -= embed_size(embeds.pop())
    return embeds


@dataclass(frozen=True)
class Rendered:
    """What to send: content and embeds, with mentions switched off."""

    content: str
    embeds: list[discord.Embed]

    def send_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for send/edit/followup calls of discord.py."""
        return {"content": self.content, "embeds": self.embeds,
                "allowed_mentions": NO_MENTIONS}


def render(reply: Reply) -> Rendered:
    """A Reply as Discord content and embeds, escaped and within every limit."""
    embeds = [card_embed(card) for card in reply.cards[:EMBEDS_PER_MESSAGE]]
    content = clip(escape(reply.text), CONTENT_LIMIT)
    return Rendered(content=content, embeds=_fit_total(embeds))
