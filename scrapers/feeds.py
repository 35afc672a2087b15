"""RSS and Atom feeds: bytes we fetched in, entries out. Pure; feedparser never fetches.

A malformed feed is an error only when nothing usable came out (feedparser's "bozo" flag
with entries still yields them). HTML where XML was expected is a clear ParseError, since
that is what a firewall page or a moved feed looks like.
"""

from __future__ import annotations

import calendar
import email.utils
import io
import re
from datetime import UTC, date, datetime
from typing import Any

import feedparser
from bs4 import BeautifulSoup

from scrapers.entries import Entry, ParseError, canonical_url, clean_text, parse_date

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b",
                         re.I | re.S)


def parse_feed(
    content: bytes, *, url: str, content_type: str = "", language: str = ""
) -> list[Entry]:
    """The entries of an RSS or Atom document; ParseError if it is not a usable feed."""
    if _HTML_START.match(content[:2048].lstrip(b"\xef\xbb\xbf")):
        raise ParseError(f"HTML served where a feed was expected at {url}")
    # BytesIO so feedparser never mistakes our bytes for a URL or a file name.
    parsed = feedparser.parse(
        io.BytesIO(content),
        response_headers={"content-type": content_type or "application/xml",
                          "content-location": url})
    if parsed.bozo and not parsed.entries:
        reason = clean_text(str(parsed.get("bozo_exception", "")))[:120] or "unreadable"
        raise ParseError(f"Malformed feed at {url}: {reason}")
    if not parsed.entries and not parsed.feed.get("title") and parsed.get("version", "") == "":
        raise ParseError(f"Not an RSS or Atom feed at {url}")
    entries: list[Entry] = []
    for item in parsed.entries:
        entry = _entry(item, language)
        if entry is not None:
            entries.append(entry)
    return entries


def _entry(item: Any, language: str) -> Entry | None:
    link = item.get("link") or ""
    guid = item.get("id") or None
    if not link and guid and guid.startswith(("http://", "https://")):
        link = guid
    if not link:
        return None
    summary_html = item.get("summary") or ""
    if item.get("content"):
        # content:encoded carries the whole text on WordPress feeds; prefer the longest.
        longest = max((c.get("value", "") for c in item["content"]), key=len)
        if len(longest) > len(summary_html):
            summary_html = longest
    summary = BeautifulSoup(summary_html, "lxml").get_text(" ", strip=True) if summary_html \
        else ""
    return Entry(url=canonical_url(link), title=clean_text(item.get("title", "")),
                 published=_published(item, language), guid=guid, summary=clean_text(summary))


def _published(item: Any, language: str) -> date | None:
    # The date as the authority wrote it (its own time zone), not feedparser's UTC view:
    # a release of 00:30 CET belongs to that day.
    for key in ("published", "updated", "dc_date"):
        # dict.get: feedparser's own get() maps updated->published with a warning.
        text = dict.get(item, key)
        if not text:
            continue
        try:
            return email.utils.parsedate_to_datetime(text).date()
        except (TypeError, ValueError):
            pass
        found = parse_date(text, language)
        if found:
            return found
    for key in ("published_parsed", "updated_parsed"):
        value = dict.get(item, key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC).date()
    return None
