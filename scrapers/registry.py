"""The source registry: built-in sources as data (sources.toml) merged with the user's.

`builtin_sources()` reads scrapers/sources.toml; `merge_sources()` lays the `[[sources]]`
entries of a user's config over it. Pure data handling, no I/O beyond our own package
files; imports only scrapers.models.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import fields, replace
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from scrapers.models import Authority, Source

SOURCE_KINDS: tuple[str, ...] = ("rss", "atom", "html", "json")

#: Per-kind fields a source may carry in `options` (or at the top level of its entry).
OPTION_TYPES: dict[str, type | tuple[type, ...]] = {
    # article pages, every kind
    "article_selector": str,  # CSS selector of the release's main text
    "article_drop": list,  # CSS selectors of chrome inside it
    "fetch_article": bool,  # false: the entry links to a PDF or the listing holds the text
    "date_language": str,  # language of dates when it differs from the source's
    "date_format": str,  # strptime format when dateparser guesses wrong
    # html listings
    "item_selector": str,
    "title_selector": str,
    "link_selector": str,
    "date_selector": str,
    "date_attr": str,  # read the date from this attribute (e.g. datetime) not the text
    "summary_selector": str,
    "page_url": str,  # later pages: a template with {n}
    "first_page": int,  # the n of the first page (0 or 1, or an offset)
    "page_step": int,  # how n grows per page (1, or the page size for offsets)
    # json endpoints
    "method": str,
    "request_json": dict,
    "headers": dict,
    "items_path": str,  # dotted path to the list of items
    "title_field": str,
    "link_field": str,
    "date_field": str,
    "summary_field": str,
    "guid_field": str,
    "link_prefix": str,  # keep only items whose link path starts with this
    "page_field": str,  # field of request_json that carries the page number
}

_SOURCE_FIELDS = {f.name for f in fields(Source)}
_REQUIRED_BY_KIND = {"html": ("item_selector",), "json": ("items_path",)}


class RegistryError(ValueError):
    """A source entry that cannot be used; the message names the entry and the field."""


@cache
def _package_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("scrapers").joinpath(name).read_text("utf-8"))


def load_authorities() -> dict[str, Authority]:
    """The authorities dpawatch knows, by id, from scrapers/authorities.toml."""
    return {
        entry["id"]: Authority(
            id=entry["id"], name=entry["name"], country=entry["country"],
            website=entry["website"], languages=tuple(entry.get("languages", ())))
        for entry in _package_toml("authorities.toml")["authority"]
    }


def builtin_sources() -> list[Source]:
    """The sources that ship with dpawatch, from scrapers/sources.toml."""
    authorities = load_authorities()
    entries = _package_toml("sources.toml")["sources"]
    return [_build(entry, f"sources.toml sources[{i}]", authorities)
            for i, entry in enumerate(entries)]


def merge_sources(
    builtin: list[Source], declared: list[dict[str, Any]], *, use_builtin: bool
) -> list[Source]:
    """Lay the user's `[[sources]]` over the built-ins; disabled sources are left out.

    A declared entry whose id is a built-in's overrides it field by field (options key by
    key), even with `use_builtin = false`, which only drops the built-ins not mentioned.
    """
    authorities = load_authorities()
    by_id = {source.id: source for source in builtin}
    merged: dict[str, Source] = dict(by_id) if use_builtin else {}
    for index, entry in enumerate(declared):
        where = f"sources[{index}]"
        if not isinstance(entry, Mapping):
            raise RegistryError(f"{where}: expected a table, got {type(entry).__name__}")
        source_id = entry.get("id")
        if not isinstance(source_id, str) or not source_id:
            raise RegistryError(f"{where}.id: missing (every source needs an id)")
        base = by_id.get(source_id)
        combined = _as_entry(base) if base else {}
        options = {**combined.pop("options", {}), **_options_of(entry, where)}
        combined.update({k: v for k, v in entry.items()
                         if k in _SOURCE_FIELDS and k != "options"})
        combined["options"] = options
        merged[source_id] = _build(combined, where, authorities)
    return [source for source in merged.values() if source.enabled]


def _as_entry(source: Source) -> dict[str, Any]:
    entry = {f.name: getattr(source, f.name) for f in fields(Source)}
    entry["options"] = dict(source.options)
    return entry


def _options_of(entry: Mapping[str, Any], where: str) -> dict[str, Any]:
    nested = entry.get("options", {})
    if not isinstance(nested, Mapping):
        raise RegistryError(f"{where}.options: expected a table")
    flat = {k: v for k, v in entry.items() if k not in _SOURCE_FIELDS}
    return {**flat, **nested}


def _build(entry: Mapping[str, Any], where: str, authorities: Mapping[str, Authority]) -> Source:
    """Check one entry and turn it into a Source; RegistryError names what is wrong."""
    for name in ("id", "authority", "kind", "url"):
        if not isinstance(entry.get(name), str) or not entry[name]:
            raise RegistryError(f"{where}.{name}: missing or not a string")
    authority = authorities.get(entry["authority"])
    if authority is None:
        raise RegistryError(f"{where}.authority: unknown authority {entry['authority']!r} "
                            f"(see scrapers/authorities.toml)")
    if entry["kind"] not in SOURCE_KINDS:
        raise RegistryError(f"{where}.kind: {entry['kind']!r} is not one of "
                            f"{', '.join(SOURCE_KINDS)}")
    _check_url(entry["url"], f"{where}.url")
    interval = entry.get("interval_minutes")
    if interval is not None and (not isinstance(interval, int) or isinstance(interval, bool)
                                 or interval <= 0):
        raise RegistryError(f"{where}.interval_minutes: expected a positive whole number")
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        raise RegistryError(f"{where}.enabled: expected true or false")
    options = _options_of(entry, where)
    _check_options(options, entry["kind"], where)
    language = entry.get("language") or (authority.languages or ("en",))[0]
    return Source(
        id=entry["id"], authority=authority.id,
        country=entry.get("country") or authority.country, language=language,
        kind=entry["kind"], url=entry["url"], enabled=enabled, interval_minutes=interval,
        options=options)


def _check_url(url: str, where: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RegistryError(f"{where}: {url!r} is not an http(s) URL")


def _check_options(options: Mapping[str, Any], kind: str, where: str) -> None:
    for name, value in options.items():
        expected = OPTION_TYPES.get(name)
        if expected is None:
            raise RegistryError(f"{where}.{name}: unknown field")
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise RegistryError(f"{where}.{name}: expected {_type_name(expected)}")
    for name in _REQUIRED_BY_KIND.get(kind, ()):
        if name not in options:
            raise RegistryError(f"{where}.{name}: required for kind {kind!r}")
    if "page_url" in options:
        if "{n}" not in options["page_url"]:
            raise RegistryError(f"{where}.page_url: needs a {{n}} placeholder")
        _check_url(options["page_url"].replace("{n}", "1"), f"{where}.page_url")


def _type_name(expected: type | tuple[type, ...]) -> str:
    names = {str: "a string", list: "a list", bool: "true or false", int: "a whole number",
             dict: "a table"}
    kinds = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def point_source(source: Source, origin: str) -> Source:
    """The same source served from another origin (a mirror, or a test server)."""
    old = urlsplit(source.url)
    old_origin = f"{old.scheme}://{old.netloc}"
    options = {k: v.replace(old_origin, origin) if isinstance(v, str) else v
               for k, v in source.options.items()}
    return replace(source, url=origin + source.url[len(old_origin):], options=options)
