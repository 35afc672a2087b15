"""Hostile inputs end to end: bytes from a site all the way to a rendered alert, JSON
endpoints, and sequences of chat commands through the platform-neutral core.

tests/test_fuzz.py fuzzes each parser alone; here the parsers' output goes on through
extraction, the archive, the outbox and both renderers, and the commands run one after
another on one archive, as a channel would use them. The only refusals allowed are the
documented ones: ParseError from the scrapers, CommandError from the commands.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.core import commands, subscriptions
from bot.core.caller import Caller
from bot.core.errors import CommandError
from bot.core.replies import Reply, alert_reply
from bot.discord.render import render as render_discord
from bot.slack.render import render as render_slack
from scrapers.entries import Entry, ParseError
from scrapers.extract import extract_sanctions, normalise_defendant
from scrapers.feeds import parse_feed
from scrapers.jsonapi import parse_json_items
from scrapers.models import SANCTION_KINDS, Harvest, Release, Source
from scrapers.pages import extract_page
from scrapers.registry import builtin_sources, load_authorities
from storage import Archive
from storage.filters import Filters

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOURCE = Source("fuzz-cnil", "cnil", "FR", "fr", "rss", "https://www.cnil.fr/fr/rss.xml")

# Pieces of text that break naive code, and of sentences that look like sanctions, so that
# extraction gets past its first cue and meets the nasty parts deeper in.
_NASTY = ["<", ">", "&", "&amp;", "]]>", "<!--", "\x00", "\x1b", "\u202e", "\ufeff", "💶",
          "\\", "*", "_", "`", "@everyone", "<@123456789012345678>", "|", "\n", "\t", " ",
          "%s", "{base}", "NEAR(", " OR ", "'", '"']
_SANCTION_WORDS = ["amende", "sanction", "fine", "€", "EUR", "euros", "£", "millions",
                   "milioni di euro", "20", "1,5", "32 000 000", "0", "999999999999999",
                   "la formation restreinte de la CNIL a prononcé une amende de",
                   "à l'encontre de la société", "CLEARVIEW AI", "S.A.", "Ltd", "(",
                   ")", "le 17 octobre 2022", "2022-13-45", "31/02/2023"]
TEXT = st.lists(st.sampled_from(_NASTY + _SANCTION_WORDS) | st.text(max_size=8),
                max_size=30).map(" ".join)
TAG = st.sampled_from(["p", "div", "article", "main", "h1", "table", "td", "li", "a",
                       "script", "style", "time", "span"])
_IMPOSSIBLE_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A release page: nested, often unclosed markup around sanction-like text."""
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        tag = draw(TAG)
        closing = draw(st.sampled_from([f"</{tag}>", ""]))
        parts.append(f"<{tag}>{draw(TEXT)}{closing}")
    head = draw(st.sampled_from(["<!DOCTYPE html><html><body>", "", "<html>"]))
    return head + "".join(parts)


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    """RSS with items whose title, link and summary are hostile."""
    items = "".join(
        "<item><title>{}</title><link>{}</link><description>{}</description></item>".format(
            draw(TEXT), draw(st.sampled_from(["https://www.cnil.fr/a", "/b", "", "x y"])),
            draw(TEXT))
        for _ in range(draw(st.integers(0, 4))))
    text = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}' \
           "</channel></rss>"
    return text.encode(draw(st.sampled_from(["utf-8", "utf-16"])), errors="replace")


def known_crash(content: bytes) -> bool:
    """The crashes pinned by tests/test_fuzz.py (an impossible ISO date, an empty body):
    steered around here so that the fuzz keeps looking for new ones."""
    if not content.strip():
        return True
    text = content.decode("utf-8", errors="ignore") + content.decode("utf-16", "ignore")
    for found in _IMPOSSIBLE_ISO.findall(text):
        try:
            date.fromisoformat(found)
        except ValueError:
            return True
    return False


def fresh_archive() -> Archive:
    """An in-memory archive with the registry, the fuzz source and one subscription."""
    archive = Archive.open(":memory:")
    archive.sync_registry(load_authorities().values(), [SOURCE])
    archive.outbox.subscribe(platform="discord", workspace_id="1", channel_id="2",
                             filters=Filters(all_news=True), now=NOW)
    return archive


def deliver_everything(archive: Archive) -> int:
    """Render every due delivery for Discord and Slack; returns how many."""
    labels = archive.authority_labels()
    due = archive.outbox.due(NOW + timedelta(days=1), 100)
    for delivery in due:
        reply = alert_reply(delivery.release, delivery.decisions, labels,
                            correction=delivery.action == "edit")
        rendered = render_discord(reply)
        assert len(rendered.content) <= 2000 and len(rendered.embeds) <= 10
        render_slack(reply)
    return len(due)


def archive_and_alert(entries: list[Entry], bodies: list[str]) -> None:
    """Entries -> releases -> extraction -> archive -> outbox -> rendered alerts."""
    releases = [Release(SOURCE.id, SOURCE.authority, entry.url, entry.title, "fr",
                        entry.published, entry.guid, entry.summary, body,
                        listing_hash=entry.listing_hash)
                for entry, body in zip(entries, bodies, strict=False)]
    found = {release.url: extract_sanctions(release) for release in releases}
    for sanctions in found.values():
        for sanction in sanctions:
            assert sanction.kind in SANCTION_KINDS
            assert sanction.amount is None or sanction.amount >= 0
    archive = fresh_archive()
    try:
        archive.record_harvest(Harvest(SOURCE.id, "ok", releases, items_seen=len(releases)),
                               found, now=NOW, backlog=False, defendant_key=normalise_defendant)
        # A feed may list one URL twice with different text: a post, then an edit.
        assert deliver_everything(archive) <= len(releases)
    finally:
        archive.close()


@FUZZ
@given(content=feeds(), bodies=st.lists(pages(), max_size=4))
def test_a_hostile_feed_and_its_pages_go_through_to_rendered_alerts(
        content: bytes, bodies: list[str]) -> None:
    assume(not known_crash(content))
    try:
        entries = parse_feed(content, url=SOURCE.url, language="fr")
    except ParseError as error:
        assert str(error)
        return
    texts = [extract_page(html, url=entry.url).text for entry, html in
             zip(entries, bodies, strict=False)]
    archive_and_alert(entries, texts + [e.summary for e in entries[len(texts):]])


@FUZZ
@given(html=pages() | st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
       language=st.sampled_from(["fr", "it", "en", "de", "pl", "el"]))
def test_a_hostile_release_page_is_extracted_without_crashing(html: str, language: str
                                                              ) -> None:
    page = extract_page(html, url="https://www.cnil.fr/fr/sanction")
    release = Release(SOURCE.id, SOURCE.authority, "https://www.cnil.fr/fr/sanction",
                      page.title or "Sanction", language, body_text=page.text)
    for sanction in extract_sanctions(release):
        assert sanction.kind in SANCTION_KINDS and sanction.defendant.strip()
        assert sanction.amount_eur is None or sanction.amount_eur >= 0


JSON_SOURCES = [s for s in builtin_sources() if s.kind == "json"]
_JSON_KEYS = sorted({key for source in JSON_SOURCES for value in source.options.values()
                     if isinstance(value, str) for key in value.split(".")}
                    | {"results", "url", "title", "date", "description", "item", "#text"})
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT
    | st.sampled_from(["/fr/a", "https://ico.org.uk/action/x", "28 May 2026, Monetary",
                       "2024-02-30", "2024-03-04"]),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(_JSON_KEYS) | st.text(max_size=5), inner, max_size=5),
    max_leaves=25)


@FUZZ
@given(data=JSON_VALUES, raw=st.none() | st.binary(max_size=100),
       source_index=st.integers(0, max(len(JSON_SOURCES) - 1, 0)))
def test_a_hostile_json_answer_is_entries_or_a_parse_error(data: Any, raw: bytes | None,
                                                          source_index: int) -> None:
    source = JSON_SOURCES[source_index]
    content = raw if raw is not None else json.dumps(data).encode()
    assume(not known_crash(content) or (raw is not None and not raw.strip()))
    try:
        entries = parse_json_items(content, url=source.url, options=source.options,
                                   language=source.language)
    except ParseError as error:
        assert str(error)
        return
    assert all(isinstance(entry, Entry) and entry.url for entry in entries)


ARGUMENT = st.none() | TEXT | st.sampled_from(
    ["cnil", "CNIL ", "garante", "fr", "IT", "fine", "news", "all", "reprimand", "1m", "250k",
     "-5", "1e400", "nan", "5,5", "€", "x" * 300, "1", "#1", "all", "²", "9" * 40])
CALLERS = st.builds(Caller, platform=st.sampled_from(["discord", "slack"]),
                    workspace_id=st.sampled_from(["1", "2"]),
                    channel_id=st.sampled_from(["10", "11"]), user_id=st.just("7"),
                    can_manage=st.booleans())


@st.composite
def command_calls(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """One command with hostile arguments, as a chat adapter would pass them."""
    name = draw(st.sampled_from(["subscribe", "unsubscribe", "list", "preview", "fines",
                                 "latest", "stats"]))
    filters = {key: draw(ARGUMENT) for key in ("authority", "country", "min_eur", "kind",
                                               "watch")}
    arguments: dict[str, Any] = {
        "subscribe": filters, "preview": filters, "unsubscribe": {"which": draw(ARGUMENT)},
        "list": {},
        "fines": {"query": draw(TEXT), "authority": draw(ARGUMENT),
                  "since": draw(st.none() | st.dates())},
        "latest": {"authority": draw(ARGUMENT), "count": draw(st.integers(-5, 10_000))},
        "stats": {"year": draw(st.none() | st.integers(-10, 10_000)),
                  "authority": draw(ARGUMENT)},
    }[name]
    return name, arguments


def call(archive: Archive, caller: Caller, name: str, arguments: dict[str, Any]) -> Reply:
    """Run one command through the core, as Discord and Slack do."""
    if name == "subscribe":
        return subscriptions.subscribe(archive, caller, NOW, **arguments)
    if name == "unsubscribe":
        return subscriptions.unsubscribe(archive, caller, **arguments)
    if name == "list":
        return subscriptions.list_subscriptions(archive, caller)
    if name == "preview":
        return subscriptions.preview(archive, NOW, **arguments)
    return {"fines": commands.fines_reply, "latest": commands.latest_reply,
            "stats": commands.stats_reply}[name](archive, **arguments)


@FUZZ
@given(calls=st.lists(st.tuples(CALLERS, command_calls()), min_size=1, max_size=8))
def test_a_channel_typing_anything_gets_a_reply_or_a_command_error(
        calls: list[tuple[Caller, tuple[str, dict[str, Any]]]]) -> None:
    archive = fresh_archive()
    try:
        for caller, (name, arguments) in calls:
            try:
                reply = call(archive, caller, name, arguments)
            except CommandError as error:
                assert str(error) and "Traceback" not in str(error)
                continue
            assert isinstance(reply, Reply) and reply.text
            render_discord(reply)
            render_slack(reply)
        # Whatever was typed, each channel holds at most the documented number.
        for platform in ("discord", "slack"):
            for workspace in ("1", "2"):
                for channel in ("10", "11"):
                    held = archive.outbox.subscriptions_of(platform, workspace, channel)
                    assert len(held) <= subscriptions.MAX_SUBSCRIPTIONS_PER_CHANNEL
    finally:
        archive.close()
