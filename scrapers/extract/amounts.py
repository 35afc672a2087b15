"""Amounts of money in running text, in any of our languages. Pure, no I/O.

`parse_amount` finds every sum of money a sentence writes, whatever the local habits:
dot, comma, apostrophe or (narrow) non-breaking space as thousands separator, scale words
("5,2 millions", "€1.2bn", "45mila", "58 miljoner kronor"), currency before or after, and
the same sum repeated in words or digits in brackets (counted once). It does not decide
whether a sum is a sanction: that is the job of the extractor, which sees the context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scrapers.extract.money_words import (
    COMPOUND_MONEY,
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    GLUED_ONLY_SCALES,
    KRONE_BY_LANGUAGE,
    NUMBER_WORDS,
    SCALE_LANGUAGES,
    SCALE_WORDS,
)


@dataclass(frozen=True)
class Money:
    """A sum of money as written: amount, ISO 4217 currency (None if unstated), where."""

    amount: float
    currency: str | None
    start: int
    end: int
    text: str
    scaled: bool = False  # written with a scale word ("20 millions"), rarely a stray number


# Spaces that separate thousands in print: space, NBSP, narrow NBSP, thin space.
_SPACES = " \u00a0\u202f\u2009"
# A grouped number uses one thousands separator throughout ("20.000.000", "1 440 000");
# a decimal part of 1-2 digits may follow with the other mark ("2.475,3", "10.000,00").
_NUMBER = re.compile(
    r"(?<![\w.,/-])(?:"
    rf"(?P<grouped>\d{{1,3}}(?P<sep>[{_SPACES}.,'’])\d{{3}}(?:(?P=sep)\d{{3}})*"
    r"(?:[.,]\d{1,2}(?!\d))?)"
    r"|(?P<plain>\d+(?:[.,]\d+)?)"
    r")(?![\d])"
)


def _alternation(words: object) -> str:
    keys = sorted(words, key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(key) for key in keys)


_WORD_END = r"(?![\w€£$])"
_SCALE_AFTER = re.compile(
    rf"(?P<gap>[{_SPACES}]?)(?P<scale>{_alternation(SCALE_WORDS)}){_WORD_END}", re.I
)
_COMPOUND_AFTER = re.compile(
    rf"[{_SPACES}]?(?P<word>{_alternation(COMPOUND_MONEY)}){_WORD_END}", re.I
)
# Between the number (and scale) and the currency: "d'euros", "de euros", "di euro",
# "of euros", a closing bracket (Greek words-first style), or words in brackets.
_LINK = r"(?:\s*\)|\s*\([^()\d]{1,160}\))?\s*(?:d['’]\s*|de\s+|di\s+|of\s+)?"
_CURRENCY_AFTER = re.compile(rf"{_LINK}(?P<cur>{_alternation(CURRENCY_AFTER)}){_WORD_END}", re.I)
_CURRENCY_BEFORE = re.compile(
    rf"(?<![\w])(?P<cur>{_alternation(CURRENCY_BEFORE)})[{_SPACES}]?(?:\(\s*)?$", re.I
)
_WORDS_IN_BRACKETS = re.compile(r"\s*\([^()\d]{1,160}\)")
_DASH_DECIMALS = re.compile(r",-{1,2}")  # Polish "47.160,-": no decimals


def _number_value(match: re.Match[str]) -> float | None:
    """The value of one written number, or None when it cannot be read."""
    raw = match.group(0)
    if match.group("grouped"):
        sep = match.group("sep")
        body, _, decimals = raw.rpartition(sep)
        tail = decimals[3:]  # the decimal part after the last group, with its mark
        digits = raw[: len(body)].replace(sep, "") + decimals[:3]
        if tail:
            return float(f"{digits}.{tail[1:]}")
        return float(digits)
    # One mark at most: a comma or dot before exactly three digits groups thousands in
    # every one of our languages ("7.500 €", "£25,000"); otherwise it marks decimals.
    head, mark, tail = raw.replace(",", ".").partition(".")
    if mark and len(tail) == 3:
        return float(head + tail)
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        return None


def _currency_code(word: str, table: dict[str, str | None], language: str) -> str | None:
    code = table.get(word.lower())
    if code is None and word.lower() in table:
        return KRONE_BY_LANGUAGE.get(language, "DKK" if language == "da" else "SEK")
    return code


def _scale(text: str, pos: int, language: str, after_sign: bool) -> tuple[int, int]:
    """The multiplier written at `pos` (1 if none) and where it ends."""
    match = _SCALE_AFTER.match(text, pos)
    if not match:
        return 1, pos
    word = match.group("scale").lower()
    if word in GLUED_ONLY_SCALES and (match.group("gap") or not after_sign):
        return 1, pos
    allowed = SCALE_LANGUAGES.get(word)
    if allowed is not None and language not in allowed:
        return 1, pos
    return SCALE_WORDS[word], match.end()


def _one_amount(text: str, match: re.Match[str], language: str) -> Money | None:
    value = _number_value(match)
    if value is None:
        return None
    start, pos = match.start(), match.end()
    dash = _DASH_DECIMALS.match(text, pos)
    if dash:
        pos = dash.end()
    before = _CURRENCY_BEFORE.search(text, max(0, start - 8), start)
    currency = _currency_code(before.group("cur"), CURRENCY_BEFORE, language) if before else None
    if before:
        start = before.start()
    compound = _COMPOUND_AFTER.match(text, pos)
    if compound:
        scale, code = COMPOUND_MONEY[compound.group("word").lower()]
        return Money(value * scale, code, start, compound.end(), text[start : compound.end()], True)
    scale_start = pos
    scale, pos = _scale(text, pos, language, after_sign=before is not None)
    if text[scale_start:pos].endswith("€"):  # "20 M€", "1 Md€": scale and currency in one
        currency = currency or "EUR"
    after = _CURRENCY_AFTER.match(text, pos)
    if after and currency is None:
        currency = _currency_code(after.group("cur"), CURRENCY_AFTER, language)
        pos = after.end()
    elif after and after.group("cur").lower() in ("€", "eur", "euro", "euros"):
        pos = after.end()  # "EUR 20 000 EUR" style duplicates of the marker
    if currency is None and scale == 1:
        return None  # a bare number is a count, an article, a year: not money
    if scale == 1:
        words = _WORDS_IN_BRACKETS.match(text, pos)
        pos = words.end() if words else pos
    amount = round(value * scale, 2)
    if amount <= 0:
        return None
    return Money(amount, currency, start, pos, text[start:pos], scale != 1)


def parse_amount(text: str, language: str = "en") -> list[Money]:
    """Every sum of money written in `text`, in order; amounts restated in brackets once."""
    found: list[Money] = []
    for match in _NUMBER.finditer(text):
        if found and match.start() < found[-1].end:
            continue
        money = _one_amount(text, match, language)
        if money is None:
            continue
        if found and _restates(text, found[-1], money):
            continue
        found.append(money)
    return _with_worded(text, language, found) if language in NUMBER_WORDS else found


_NUMBER_WORD = re.compile(r"(?<![\w-])(?P<word>[^\W\d_]+)[\s\u00a0]+(?=[^\W\d_])", re.I)


def _with_worded(text: str, language: str, found: list[Money]) -> list[Money]:
    """`found` with the sums written in words before a scale word: "Cinque milioni di euro"."""
    words = NUMBER_WORDS[language]
    worded: list[Money] = []
    for match in _NUMBER_WORD.finditer(text):
        value = words.get(match.group("word").lower())
        if value is None or any(m.start <= match.start() < m.end for m in found):
            continue
        scale, pos = _scale(text, match.end(), language, after_sign=False)
        if scale < 10**6:
            continue  # "one thousand reasons": only millions and more are written so
        after = _CURRENCY_AFTER.match(text, pos)
        if after is None:
            continue  # "two million users": a count, not money
        currency = _currency_code(after.group("cur"), CURRENCY_AFTER, language)
        start, end = match.start(), after.end()
        worded.append(Money(float(value * scale), currency, start, end, text[start:end], True))
    return sorted([*found, *worded], key=lambda money: money.start) if worded else found


def _restates(text: str, previous: Money, money: Money) -> bool:
    """True when `money` is `previous` written again in brackets: "20 M€ (20 000 000 €)"."""
    between = text[previous.end : money.start]
    same = abs(previous.amount - money.amount) < 0.5 and (
        previous.currency in (None, money.currency) or money.currency is None
    )
    return same and len(between) <= 3 and "(" in between
