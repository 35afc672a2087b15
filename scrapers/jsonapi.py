"""JSON search endpoints (the ICO's /api/search, IMY's listsearch, the RIS API). Pure.

Paths are dotted (`results`, `OgdSearchResult.OgdDocumentResults.OgdDocumentReference`);
a step that meets an object where a list was expected treats it as a list of one, since
some APIs collapse single results.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapers.entries import Entry, ParseError, canonical_url, clean_text, parse_date


def dig(data: Any, path: str) -> Any:
    """The value at a dotted path (None where a step is missing)."""
    for step in path.split("."):
        if isinstance(data, list):
            data = data[0] if data else None
        if not isinstance(data, Mapping):
            return None
        data = data.get(step)
    return data


def request_body(options: Mapping[str, Any], page: int) -> dict[str, Any] | None:
    """The JSON body to send for a 1-based page, or None for a GET endpoint."""
    body = options.get("request_json")
    if body is None:
        return None
    body = dict(body)
    if options.get("page_field"):
        body[options["page_field"]] = page
    return body


def parse_json_items(
    content: bytes, *, url: str, options: Mapping[str, Any], language: str
) -> list[Entry]:
    """The entries of a JSON answer; ParseError if it is not JSON or has no item list."""
    try:
        data = json.loads(content)
    except ValueError as error:
        raise ParseError(f"Not JSON at {url}: {str(error)[:80]}") from error
    items = dig(data, options["items_path"])
    if isinstance(items, Mapping):
        items = [items]
    if not isinstance(items, list):
        raise ParseError(f"No list at {options['items_path']!r} in the answer from {url}")
    prefix = options.get("link_prefix")
    entries: list[Entry] = []
    for item in items:
        link = _text(dig(item, options.get("link_field", "url")))
        if not link:
            continue
        absolute = urljoin(url, link)
        if prefix and not urlsplit(absolute).path.startswith(prefix):
            continue  # promoted cards from elsewhere on the site
        date_text = _text(dig(item, options.get("date_field", "date")))
        if options.get("date_field", "").endswith("MetaData"):
            date_text = date_text.split(",")[0]  # "28 May 2026, Monetary penalties"
        guid = _text(dig(item, options["guid_field"])) if options.get("guid_field") else None
        entries.append(Entry(
            url=canonical_url(absolute),
            title=clean_text(_text(dig(item, options.get("title_field", "title")))),
            published=parse_date(date_text, options.get("date_language", language),
                                 options.get("date_format")),
            guid=guid or None,
            summary=clean_text(_text(dig(item, options.get("summary_field", "description")))),
        ))
    return entries


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(_text(v) for v in value)
    if isinstance(value, Mapping):
        return _text(value.get("item") or value.get("#text") or "")
    return str(value)
