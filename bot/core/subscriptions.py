"""/subscribe, /unsubscribe, /subscriptions, /preview: platform-neutral.

Arguments arrive as the person typed them; everything is checked here, on the server,
whatever the chat client promised (Discord does not enforce option ranges server-side).
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta

from bot.core.caller import Caller
from bot.core.errors import CommandError
from bot.core.format import plain, short_eur
from bot.core.replies import Card, CardField, Reply, sanction_card
from scrapers.models import SANCTION_KINDS
from storage import Archive
from storage.filters import Filters

MAX_WATCH_WORDS = 10
MAX_WATCH_CHARS = 60
MAX_SUBSCRIPTIONS_PER_CHANNEL = 25
PREVIEW_DAYS = 30
_AMOUNT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([kmb]|bn)?\s*(?:€|eur)?\s*$", re.I)
_SCALE = {None: 1, "k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9}


def parse_min_eur(text: str | float | None) -> float | None:
    """ "1m" -> 1_000_000, "250k" -> 250_000, "5000" -> 5000; refuses anything else."""
    if text is None or text == "":
        return None
    if isinstance(text, int | float):
        value = float(text)
    else:
        match = _AMOUNT.match(text)
        if not match:
            raise CommandError(f"min_eur must be an amount such as 50000, 250k or 1m, "
                               f"not {plain(text)[:40]!r}.")
        value = float(match.group(1).replace(",", ".")) * _SCALE[
            (match.group(2) or "").lower() or None]
    if math.isnan(value) or value < 0 or value > 1e13:
        raise CommandError("min_eur must be between 0 and 10,000 billion.")
    return value


def build_filters(archive: Archive, *, authority: str | None = None,
                  country: str | None = None, min_eur: str | float | None = None,
                  kind: str | None = None, watch: str | None = None) -> Filters:
    """Check each argument and make the filters; CommandError names the bad one."""
    authorities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    known = {row["id"]: row for row in archive.authorities()}
    if authority:
        wanted = plain(authority).lower()
        if wanted not in known:
            raise CommandError(f"Unknown authority {plain(authority)[:40]!r}: try one of "
                               f"{', '.join(sorted(known)[:12])}…")
        authorities = (wanted,)
    if country:
        wanted = plain(country).upper()
        if wanted not in {row["country"] for row in known.values()}:
            raise CommandError(f"No authority followed in country {plain(country)[:10]!r}.")
        countries = (wanted,)
    kinds: tuple[str, ...] = ()
    all_news = False
    if kind:
        wanted = plain(kind).lower().replace(" ", "_")
        if wanted in ("news", "all"):
            all_news = True
        elif wanted in SANCTION_KINDS:
            kinds = (wanted,)
        else:
            raise CommandError(f"kind must be one of {', '.join(SANCTION_KINDS)} or news.")
    words: tuple[str, ...] = ()
    if watch:
        words = tuple(w.strip() for w in plain(watch).split(",") if w.strip())
        if len(words) > MAX_WATCH_WORDS or any(len(w) > MAX_WATCH_CHARS for w in words):
            raise CommandError(f"watch takes at most {MAX_WATCH_WORDS} comma-separated "
                               f"words of {MAX_WATCH_CHARS} characters.")
    return Filters(authorities=authorities, countries=countries,
                   min_eur=parse_min_eur(min_eur), kinds=kinds, watch=words, all_news=all_news)


def describe(filters: Filters) -> str:
    """The filters in words: "CNIL, ≥ €1M, fines, watching: meta"."""
    parts = [", ".join(filters.authorities) or "every authority"]
    if filters.countries:
        parts.append("in " + ", ".join(filters.countries))
    if filters.min_eur:
        parts.append(f"≥ {short_eur(filters.min_eur)}")
    parts.append(", ".join(filters.kinds) if filters.kinds else "every sanction")
    if filters.all_news:
        parts.append("and all news")
    if filters.watch:
        parts.append("watching: " + ", ".join(filters.watch))
    return "; ".join(parts)


def _require_manager(caller: Caller) -> None:
    if not caller.can_manage:
        raise CommandError("Only members who can manage this channel may change its "
                           "subscriptions.")


# Webhook URLs a channel manager may give in chat: Discord's own hosts only, so that the
# bot can never be made to post to (or probe) another server.
_DISCORD_WEBHOOK = re.compile(
    r"^https://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api(?:/v\d+)?/webhooks/"
    r"\d{17,20}/[\w-]{60,100}$")


def check_chat_webhook(platform: str, url: str) -> str:
    """A webhook URL given in chat, accepted only on the platform's own webhook hosts."""
    url = plain(url)
    if platform != "discord" or not _DISCORD_WEBHOOK.match(url):
        raise CommandError("webhook must be a Discord webhook URL "
                           "(https://discord.com/api/webhooks/…).")
    return url


def subscribe(archive: Archive, caller: Caller, now: datetime, *, webhook: str | None = None,
              **arguments: str | None) -> Reply:
    """Subscribe the caller's channel with the given filters; with `webhook`, alerts go
    through that webhook instead of the bot (the subscription still belongs to the channel).
    """
    _require_manager(caller)
    filters = build_filters(archive, **arguments)
    webhook_url = check_chat_webhook(caller.platform, webhook) if webhook else None
    current = archive.outbox.subscriptions_of(caller.platform, caller.workspace_id,
                                              caller.channel_id)
    if len(current) >= MAX_SUBSCRIPTIONS_PER_CHANNEL:
        raise CommandError(f"This channel already has {len(current)} subscriptions; "
                           "remove one with /unsubscribe first.")
    new_id = archive.outbox.subscribe(
        platform=f"{caller.platform}_webhook" if webhook_url else caller.platform,
        workspace_id=caller.workspace_id, channel_id=caller.channel_id,
        webhook_url=webhook_url, filters=filters, now=now, created_by=caller.user_id)
    via = " (through the webhook)" if webhook_url else ""
    return Reply(text=f"Subscribed (#{new_id}){via}: {describe(filters)}.", ephemeral=True)


def unsubscribe(archive: Archive, caller: Caller, which: str | None) -> Reply:
    """End one subscription of the channel by id, or all of them with "all"."""
    _require_manager(caller)
    text = plain(which).lstrip("#").lower() if which else "all"
    # ASCII digits of a size SQLite can hold: "²" or 400 nines are not subscription ids.
    if text != "all" and not (text.isascii() and text.isdigit() and len(text) <= 18):
        raise CommandError("Give a subscription number (see /subscriptions) or all.")
    ended = archive.outbox.unsubscribe(caller.platform, caller.workspace_id, caller.channel_id,
                                       None if text == "all" else int(text))
    if not ended:
        raise CommandError("No such subscription in this channel.")
    return Reply(text=f"Ended {ended} subscription{'s' if ended > 1 else ''}.", ephemeral=True)


def list_subscriptions(archive: Archive, caller: Caller) -> Reply:
    """The channel's subscriptions: anyone in the channel may look."""
    rows = archive.outbox.subscriptions_of(caller.platform, caller.workspace_id,
                                           caller.channel_id)
    if not rows:
        return Reply(text="This channel has no subscription. A channel manager can add one "
                          "with /subscribe.", ephemeral=True)
    lines = [f"#{row['id']}: {describe(Filters.from_row(row))}"
             + (" (through a webhook)" if row["webhook_url"] else "") for row in rows]
    return Reply(text="Subscriptions of this channel:\n" + "\n".join(lines), ephemeral=True)


def preview(archive: Archive, now: datetime, **arguments: str | None) -> Reply:
    """What a subscription with these filters would have posted over the last 30 days."""
    filters = build_filters(archive, **arguments)
    shown = archive.outbox.preview(filters, now - timedelta(days=PREVIEW_DAYS))
    labels = archive.authority_labels()
    cards: list[Card] = []
    for release in shown:
        for decision in release["decisions"]:
            cards.append(sanction_card(decision, release, labels.get(decision["authority"], "")))
        if not release["decisions"]:
            cards.append(Card(title=plain(release["title"]), url=release["url"], fields=(
                CardField("Published", release["published"] or "?"),)))
    count = len(cards)
    head = (f"Over the last {PREVIEW_DAYS} days, {describe(filters)} would have posted "
            f"{count} alert{'s' if count != 1 else ''}.")
    return Reply(text=head, cards=tuple(cards[:10]), ephemeral=True)
