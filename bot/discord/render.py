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


#: Below this many characters left, a further embed is dropped rather than squeezed.
MIN_USEFUL_EMBED = 200


def _shrink(embed: discord.Embed, budget: int) -> None:
    """Make one embed fit `budget` characters: description first, then the last fields."""
    excess = embed_size(embed) - budget
    if excess > 0 and embed.description:
        keep = len(embed.description) - excess
        embed.description = clip(embed.description, keep) if keep > 1 else None
    while embed_size(embed) > budget and embed.fields:
        embed.remove_field(-1)
    if embed_size(embed) > budget and embed.footer.text:
        embed.remove_footer()
    if embed_size(embed) > budget and embed.title:
        embed.title = clip(embed.title, max(budget, 1))


def _fit_total(embeds: list[discord.Embed]) -> list[discord.Embed]:
    """Keep embeds in order while they fit the 6000 of a message, squeezing the last."""
    kept: list[discord.Embed] = []
    remaining = EMBED_TOTAL_LIMIT
    for embed in embeds:
        if embed_size(embed) > remaining:
            if kept and remaining < MIN_USEFUL_EMBED:
                break
            _shrink(embed, remaining)
            if embed_size(embed) > remaining:
                break
        kept.append(embed)
        remaining -= embed_size(embed)
    return kept


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
