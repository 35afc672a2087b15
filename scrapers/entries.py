"""What every feed, listing and endpoint parser yields: entries, plus shared helpers.

An `Entry` is one item as the feed or listing shows it, before its page is read. Pure
functions only; imports nothing of ours.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import dateparser

# Query parameters that track a click and never change the page.
TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|xtor|at_[a-z]+|"
    r"pk_[a-z]+|piwik_[a-z]+|wt_[a-z]+|ref_src|cmpid|sc_cid)$", re.I)

# Pages that a firewall or bot check serves (often with HTTP 200) instead of the real one.
CHALLENGE_MARKERS: tuple[str, ...] = (
    "eval(function(p,a,c,k,e,d)", "cf-chl-", "challenge-platform", "Just a moment...",
    "g-recaptcha", "h-captcha", "Request unsuccessful. Incapsula", "/_Incapsula_Resource",
    "Access Denied</h1>", "The requested URL was rejected", "Please enable JavaScript and cookies",
    "cookiesession1=", "Checking your browser", "Anubis", "Sicherheitsüberprüfung",
)


class ParseError(Exception):
    """A feed, listing or endpoint whose body yields nothing usable; one line for people."""


@dataclass(frozen=True)
class Entry:
    """One item of a feed, listing or endpoint: where its page is and what the list says."""

    url: str
    title: str
    published: date | None = None
    guid: str | None = None
    summary: str = ""

    @property
    def listing_hash(self) -> str:
        """A hash of what the list shows; a change means the page is read again."""
        digest = hashlib.sha256()
        for part in (self.title, self.summary, self.published.isoformat()
                     if self.published else ""):
            digest.update(" ".join(part.split()).encode())
            digest.update(b"\x00")
        return digest.hexdigest()[:32]


def canonical_url(url: str) -> str:
    """The URL without its fragment and tracking parameters, so one page has one identity."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not TRACKING_PARAMS.match(k)]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       urlencode(query), ""))


def looks_like_challenge(text: str) -> bool:
    """Whether a page is a firewall, captcha or bot-check page rather than content."""
    head = text[:20000]
    return any(marker in head for marker in CHALLENGE_MARKERS)


def clean_text(text: str) -> str:
    """Whitespace collapsed to single spaces."""
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def parse_date(text: str, language: str, date_format: str | None = None) -> date | None:
    """A date written in the source's language ("3 mars 2024", "12/05/2023", ISO), or None."""
    text = clean_text(text)
    if not text:
        return None
    if date_format:
        try:
            return datetime.strptime(text, date_format).date()
        except ValueError:
            pass
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:  # "2022-13-45": a bad date costs its entry's date, not the poll
            return None
    numeric = re.search(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b", text)
    if numeric:  # European sites write day first
        try:
            return date(int(numeric[3]), int(numeric[2]), int(numeric[1]))
        except ValueError:
            return None
    # "22nd May 2023" (DPC) and "19 marca 2025 r." (UODO) confuse dateparser.
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"\s+r\.?$", "", text)
    parsed = _dateparser(text, language)
    first_digit = re.search(r"\d", text)
    if parsed is None and first_digit:
        # Labels before the date ("Publié le", "Pubblicato il") are noise to dateparser.
        parsed = _dateparser(text[first_digit.start():], language)
    return parsed


def _dateparser(text: str, language: str) -> date | None:
    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                "REQUIRE_PARTS": ["year"], "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        parsed = dateparser.parse(text, languages=[language[:2]] if language else None,
                                  settings=settings)
    except ValueError:
        # A language dateparser does not know (a [[sources]] typo): guess the language.
        parsed = dateparser.parse(text, settings=settings)
    return parsed.date() if parsed else None
