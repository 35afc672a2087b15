"""Reply -> Slack message: Block Kit blocks plus a plain `text` fallback.

Every text shown comes through `escape` first: scraped words may contain `<!channel>`,
`<@U…>` or `<https://evil|label>`, and Slack's mrkdwn turns those into pings and disguised
links. Escaping &, < and > (Slack's own rule) leaves them inert, and messages go out with
link_names off, so nothing scraped can notify anyone.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from bot.core.replies import Card, Reply

# Slack's limits (https://api.slack.com/reference/block-kit/blocks).
MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_FIELD_TEXT = 2000
MAX_FIELDS = 10
MAX_CONTEXT_TEXT = 2000
MAX_HEADER_TEXT = 150
# Slack truncates longer top-level texts; notifications show far less anyway.
MAX_FALLBACK_TEXT = 3000

Message = dict[str, Any]


def escape(text: str) -> str:
    """Text made inert for mrkdwn: & < > become entities, as Slack asks."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """What a person typed, from a slash command's text (Slack escapes & < > there)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def cut(text: str, limit: int) -> str:
    """At most `limit` characters, with an ellipsis when something was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _escaped_cut(text: str, limit: int) -> str:
    # Cut before escaping would let an entity push past the limit; cut after escaping
    # could split "&amp;" in two. So cut the raw text to fit its escaped length.
    escaped = escape(text)
    while len(escaped) > limit:
        text = text[: max(0, len(text) - (len(escaped) - limit) - 1)]
        escaped = escape(text) + "…"
    return escaped


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for `<url|label>`, or None: other schemes are not linked."""
    if not url or urlsplit(url).scheme not in ("http", "https"):
        return None
    # "|" and ">" would end the link early, and spaces break it: percent-encode them.
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")


def header_block(text: str) -> dict[str, Any]:
    """A header: plain text (never parsed for mentions), cut to Slack's 150 characters."""
    return {"type": "header",
            "text": {"type": "plain_text", "text": cut(text, MAX_HEADER_TEXT) or " "}}


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def text_blocks(text: str) -> list[dict[str, Any]]:
    """A long text as sections of at most 3000 characters, split at line ends."""
    blocks: list[dict[str, Any]] = []
    chunk = ""
    for line in text.splitlines() or [""]:
        escaped = _escaped_cut(line, MAX_SECTION_TEXT)
        if chunk and len(chunk) + 1 + len(escaped) > MAX_SECTION_TEXT:
            blocks.append(_section(chunk))
            chunk = ""
        chunk = f"{chunk}\n{escaped}" if chunk else escaped
    if chunk.strip():
        blocks.append(_section(chunk))
    return blocks


def card_blocks(card: Card) -> list[dict[str, Any]]:
    """One card: a divider, the linked title with its description, the fields, the footer."""
    title = _escaped_cut(card.title, 500)
    url = safe_url(card.url)
    head = f"*<{escape(url)}|{title}>*" if url else f"*{title}*"
    if card.description:
        head += "\n" + _escaped_cut(card.description, MAX_SECTION_TEXT - len(head) - 1)
    blocks: list[dict[str, Any]] = [{"type": "divider"}, _section(head)]
    fields = [{"type": "mrkdwn",
               "text": f"*{escape(f.name)}*\n" + _escaped_cut(f.value, MAX_FIELD_TEXT - 100)}
              for f in card.fields]
    for start in range(0, len(fields), MAX_FIELDS):
        blocks.append({"type": "section", "fields": fields[start:start + MAX_FIELDS]})
    if card.footer:
        blocks.append({"type": "context", "elements": [
            {"type": "mrkdwn", "text": _escaped_cut(card.footer, MAX_CONTEXT_TEXT)}]})
    return blocks


def fallback_text(reply: Reply) -> str:
    """The plain text of a message: what notifications and screen readers show."""
    lines = [reply.text, *(f"• {card.title}" for card in reply.cards)]
    return _escaped_cut("\n".join(line for line in lines if line), MAX_FALLBACK_TEXT)


def render(reply: Reply) -> Message:
    """The `text` and `blocks` of a message for this reply, within Slack's limits."""
    blocks = text_blocks(reply.text)
    for shown, card in enumerate(reply.cards):
        more = card_blocks(card)
        # Keep one block free to say what did not fit.
        if len(blocks) + len(more) > MAX_BLOCKS - 1:
            hidden = len(reply.cards) - shown
            blocks.append({"type": "context", "elements": [
                {"type": "mrkdwn", "text": f"… and {hidden} more not shown."}]})
            break
        blocks.extend(more)
    return {"text": fallback_text(reply), "blocks": blocks}
