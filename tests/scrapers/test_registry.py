"""The built-in registry and how a user's [[sources]] are laid over it."""

from __future__ import annotations

import pytest

from scrapers.registry import (
    RegistryError,
    builtin_sources,
    load_authorities,
    merge_sources,
    point_source,
)


def test_builtin_sources_are_valid_and_unique() -> None:
    sources = builtin_sources()
    authorities = load_authorities()
    assert len({s.id for s in sources}) == len(sources)
    for source in sources:
        assert source.authority in authorities
        assert source.country == authorities[source.authority].country
        assert source.url.startswith("https://")


def test_override_field_by_field_and_disable() -> None:
    builtin = builtin_sources()
    merged = merge_sources(builtin, [
        {"id": "cnil-rss", "interval_minutes": 15, "options": {"article_drop": [".x"]}},
        {"id": "ico-news", "enabled": False},
    ], use_builtin=True)
    by_id = {s.id: s for s in merged}
    assert "ico-news" not in by_id
    cnil = by_id["cnil-rss"]
    assert cnil.interval_minutes == 15
    assert cnil.options["article_drop"] == [".x"]
    assert cnil.options["article_selector"] == "main .ctn-gen"  # kept from the built-in
    assert len(merged) == len(builtin) - 1


def test_new_source_on_loopback_without_builtins() -> None:
    merged = merge_sources(builtin_sources(), [
        {"id": "mine", "authority": "cnil", "kind": "rss", "url": "http://127.0.0.1:8080/f.xml"},
        {"id": "cnil-sanctions"},
    ], use_builtin=False)
    assert [s.id for s in merged] == ["mine", "cnil-sanctions"]
    assert merged[0].country == "FR" and merged[0].language == "fr"


@pytest.mark.parametrize(("entry", "message"), [
    ({"authority": "cnil", "kind": "rss", "url": "https://x.org/f"}, r"sources\[1\]\.id: missing"),
    ({"id": "n", "authority": "cnil", "kind": "rss"}, r"sources\[1\]\.url: missing"),
    ({"id": "n", "authority": "cnil", "kind": "sitemap", "url": "https://x.org/"},
     r"sources\[1\]\.kind: 'sitemap' is not one of"),
    ({"id": "n", "authority": "cnil", "kind": "rss", "url": "ftp://x.org/f"},
     r"sources\[1\]\.url: 'ftp://x.org/f' is not an http\(s\) URL"),
    ({"id": "n", "authority": "nope", "kind": "rss", "url": "https://x.org/f"},
     r"sources\[1\]\.authority: unknown authority"),
    ({"id": "n", "authority": "cnil", "kind": "html", "url": "https://x.org/f"},
     r"sources\[1\]\.item_selector: required"),
    ({"id": "n", "authority": "cnil", "kind": "rss", "url": "https://x.org/f", "colour": 1},
     r"sources\[1\]\.colour: unknown field"),
    ({"id": "cnil-rss", "interval_minutes": 0}, r"sources\[1\]\.interval_minutes"),
])
def test_bad_entries_are_named(entry: dict, message: str) -> None:
    good = {"id": "ok", "authority": "ico", "kind": "rss", "url": "https://x.org/f"}
    with pytest.raises(RegistryError, match=message):
        merge_sources(builtin_sources(), [good, entry], use_builtin=True)


def test_point_source_moves_url_and_options() -> None:
    source = next(s for s in builtin_sources() if s.id == "dpc-news")
    moved = point_source(source, "http://127.0.0.1:9999")
    assert moved.url == "http://127.0.0.1:9999/en/news-media/press-releases"
    assert moved.options["page_url"].startswith("http://127.0.0.1:9999/en/")
