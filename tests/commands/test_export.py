"""`dpawatch export` as a user meets it: every format, the filters, a feed readers accept."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from datetime import UTC, date, datetime
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest

from bot.cli import main
from bot.commands.export import COLUMNS
from scrapers.extract import normalise_defendant
from scrapers.models import Harvest, Release, Sanction
from scrapers.registry import builtin_sources, load_authorities
from storage import Archive

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
CNIL_URL = "https://www.cnil.fr/fr/reconnaissance-faciale-sanction-clearview-ai"
EDPB_URL = "https://www.edpb.europa.eu/news/national-news/2022/french-sa-fines-clearview-ai"
GOOGLE_URL = "https://www.cnil.fr/fr/cookies-la-cnil-sanctionne-google"
ICO_URL = "https://ico.org.uk/about-the-ico/media-centre/news-and-blogs/2022/05/clearview-ai"
IMY_URL = "https://www.imy.se/nyheter/sanktionsavgift-mot-spotify/"
GARANTE_URL = "https://www.garanteprivacy.it/home/docweb/-/docweb-display/docweb/9751362"

# (authority, release url, published, title, sanctions)
RELEASES: list[tuple[str, str, date, str, list[Sanction]]] = [
    ("cnil", CNIL_URL, date(2022, 10, 20),
     "Reconnaissance faciale : sanction de 20 millions d’euros à l’encontre de CLEARVIEW AI",
     [Sanction("CLEARVIEW AI", "fine", 20e6, "EUR", 20e6, date(2022, 10, 17),
               "La formation restreinte a prononcé une amende de 20 millions d’euros "
               "& ordonné l’effacement <des données>.", 0.9)]),
    # The EDPB's news item reports the CNIL's sanction again: one row, two links.
    ("edpb", EDPB_URL, date(2022, 10, 25), "French SA fines Clearview AI EUR 20 million",
     [Sanction("Clearview AI", "fine", 20e6, "EUR", 20e6, date(2022, 10, 17), "", 0.8,
               authority="cnil")]),
    ("cnil", GOOGLE_URL, date(2022, 1, 6), "Cookies : sanctions de 150 millions d’euros",
     [Sanction("GOOGLE LLC", "fine", 90e6, "EUR", 90e6, date(2021, 12, 31)),
      Sanction("GOOGLE IRELAND LIMITED", "fine", 60e6, "EUR", 60e6, date(2021, 12, 31))]),
    ("ico", ICO_URL, date(2022, 5, 23),
     "ICO fines facial recognition database company Clearview AI Inc",
     [Sanction("Clearview AI Inc", "fine", 7_552_800, "GBP", 8_908_390.0, date(2022, 5, 18),
               "a fine of £7,552,800\x0b was issued", 0.9),
      Sanction("Clearview AI Inc", "order", None, None, None, date(2022, 5, 18))]),
    ("imy", IMY_URL, date(2023, 6, 13), "Sanktionsavgift mot Spotify",
     [Sanction("Spotify AB", "fine", 58e6, "SEK", 4_992_038.56, date(2023, 6, 12))]),
    ("garante", GARANTE_URL, date(2022, 3, 9), "Clearview AI: sanzione di 20 milioni",
     [Sanction("Clearview AI Inc.", "fine", 20e6, "EUR", 20e6, date(2022, 2, 10))]),
]


def source_of(authority: str) -> str:
    return next(s.id for s in builtin_sources() if s.authority == authority)


def record(archive: Archive, authority: str, url: str, published: date, title: str,
           sanctions: list[Sanction], *, body: str = "", now: datetime = NOW) -> None:
    source_id = source_of(authority)
    release = Release(source_id, authority, url, title, "en", published,
                      body_text=body or f"{title}. " + " ".join(s.evidence for s in sanctions))
    archive.record_harvest(Harvest(source_id, "ok", [release]), {url: sanctions}, now=now,
                           backlog=True, defendant_key=normalise_defendant)


def seed_archive(path: Path) -> None:
    """A small archive of real sanctions, recorded as a poll would."""
    archive = Archive.open(path)
    try:
        archive.sync_registry(load_authorities().values(), builtin_sources())
        for release in RELEASES:
            record(archive, *release)
    finally:
        archive.close()


def write_config(tmp_path: Path, db: Path) -> str:
    path = tmp_path / "dpawatch.toml"
    path.write_text(f'[storage]\npath = "{db}"\n')
    return str(path)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "dpawatch.db"
    seed_archive(path)
    return path


@pytest.fixture
def config(tmp_path: Path, db: Path) -> str:
    return write_config(tmp_path, db)


def export(config: str, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["--config", config, "export", *args]) == 0
    return capsys.readouterr().out


def test_csv_has_the_documented_header_and_one_row_per_sanction(
        config: str, capsys: pytest.CaptureFixture[str]) -> None:
    rows = list(csv.reader(io.StringIO(export(config, capsys))))
    assert tuple(rows[0]) == COLUMNS
    records = [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]
    assert len(records) == 7  # 8 decisions, the EDPB's report folded into the CNIL's
    clearview = next(r for r in records if r["url"] == CNIL_URL)
    assert clearview["amount"] == "20000000" and clearview["amount_eur"] == "20000000"
    assert clearview["urls"].split(" ") == [CNIL_URL, EDPB_URL]
    assert clearview["country"] == "FR" and "CNIL" in clearview["authority_name"]
    spotify = next(r for r in records if r["defendant"] == "Spotify AB")
    assert (spotify["currency"], spotify["amount_eur"]) == ("SEK", "4992038.56")
    order = next(r for r in records if r["kind"] == "order")
    assert order["amount"] == "" and order["currency"] == ""
    days = [r["decision_date"] for r in records]
    assert days == sorted(days)


def test_json_ndjson_and_csv_say_the_same(config: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    as_json = json.loads(export(config, capsys, "--format", "json"))
    lines = export(config, capsys, "--format", "ndjson").splitlines()
    assert [json.loads(line) for line in lines] == as_json
    assert [list(row) for row in as_json] == [list(COLUMNS)] * len(as_json)
    clearview = next(r for r in as_json if r["url"] == CNIL_URL)
    assert clearview["urls"] == [CNIL_URL, EDPB_URL]
    assert clearview["amount"] == 20_000_000 and clearview["decision_date"] == "2022-10-17"
    csv_ids = [r[0] for r in csv.reader(io.StringIO(export(config, capsys)))][1:]
    assert [str(r["decision_id"]) for r in as_json] == csv_ids


@pytest.mark.parametrize(("args", "expected"), [
    (["--authority", "cnil"], {"CLEARVIEW AI", "GOOGLE LLC", "GOOGLE IRELAND LIMITED"}),
    (["--kind", "order"], {"Clearview AI Inc"}),
    (["--since", "2022-05-01"], {"CLEARVIEW AI", "Clearview AI Inc", "Spotify AB"}),
    (["--authority", "ico", "--kind", "fine"], {"Clearview AI Inc"}),
    (["--authority", "hdpa"], set()),
])
def test_filters(config: str, capsys: pytest.CaptureFixture[str], args: list[str],
                 expected: set[str]) -> None:
    found = json.loads(export(config, capsys, "--format", "json", *args))
    assert {r["defendant"] for r in found} == expected


def atom(config: str, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    return export(config, capsys, "--format", "atom", *args)


def test_atom_is_a_feed_readers_accept(config: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = atom(config, capsys)
    feed = feedparser.parse(text.encode())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == 7
    titles = [entry.title for entry in feed.entries]
    assert "CNIL (FR): CLEARVIEW AI — fine 20,000,000 EUR" in titles
    assert "ICO (GB): Clearview AI Inc — fine 7,552,800 GBP" in titles
    assert "ICO (GB): Clearview AI Inc — order" in titles
    clearview = next(e for e in feed.entries if e.link == CNIL_URL)
    assert clearview.id.startswith("tag:dpawatch,2026:release/")
    assert clearview.published.startswith("2022-10-20")
    assert clearview.updated.startswith("2026-11-26")
    assert {t.term for t in clearview.tags} == {"cnil", "fine"}
    assert EDPB_URL in clearview.content[0].value
    assert len({entry.id for entry in feed.entries}) == 7


def test_atom_content_is_escaped_and_xml_safe(config: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    text = atom(config, capsys)
    root = ElementTree.fromstring(text.encode())  # a stray control character would fail here
    ns = {"a": "http://www.w3.org/2005/Atom"}
    contents = [e.find("a:content", ns) for e in root.findall("a:entry", ns)]
    clearview = next(c for c in contents if c is not None and "amende" in (c.text or ""))
    assert clearview.get("type") == "html"
    # The evidence's own < and & are text inside the HTML, not markup.
    assert "&amp; ordonné l’effacement &lt;des données&gt;" in (clearview.text or "")
    assert "\x0b" not in text


def test_atom_ids_survive_a_corrected_release(tmp_path: Path, db: Path, config: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    before = {e.link + e.title: e.id for e in feedparser.parse(atom(config, capsys)).entries}
    archive = Archive.open(db)
    try:  # the ICO edits its page: the release is re-read, its decisions renumbered
        authority, url, published, title, sanctions = RELEASES[3]
        record(archive, authority, url, published, title, sanctions,
               body="Updated: the ICO fines Clearview AI Inc.",
               now=datetime(2026, 11, 27, tzinfo=UTC))
    finally:
        archive.close()
    feed = feedparser.parse(atom(config, capsys))
    after = {e.link + e.title: e.id for e in feed.entries}
    assert after == before
    ico = next(e for e in feed.entries if e.link == ICO_URL)
    assert ico.updated.startswith("2026-11-27")
    assert feed.feed.updated.startswith("2026-11-27")


def test_atom_feed_ids_differ_by_filter(config: str, capsys: pytest.CaptureFixture[str]) -> None:
    everything = feedparser.parse(atom(config, capsys)).feed
    cnil = feedparser.parse(atom(config, capsys, "--authority", "cnil")).feed
    assert everything.id != cnil.id and "cnil" in cnil.title


def test_an_empty_archive_exports_valid_empty_documents(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path, tmp_path / "empty.db")
    assert json.loads(export(config, capsys, "--format", "json")) == []
    assert export(config, capsys, "--format", "ndjson") == ""
    assert export(config, capsys).strip() == ",".join(COLUMNS)
    feed = feedparser.parse(atom(config, capsys))
    assert not feed.bozo and feed.entries == []


def test_output_file_and_a_one_line_summary(tmp_path: Path, config: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "fines.xml"
    target.parent.mkdir()
    assert main(["--config", config, "export", "--format", "atom", "--output",
                 str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == f"dpawatch export: 7 sanctions written to {target}"
    assert not feedparser.parse(target.read_bytes()).bozo
    assert [p.name for p in target.parent.iterdir()] == ["fines.xml"]  # no partial file left


@pytest.mark.parametrize("args", [
    ["--format", "xml"], ["--authority", "nosuch"], ["--since", "last week"],
    ["--kind", "fines"], ["--output", "/nonexistent-dir/x.csv"],
])
def test_bad_arguments_are_one_line_and_exit_2(config: str, capsys: pytest.CaptureFixture[str],
                                               args: list[str]) -> None:
    assert main(["--config", config, "export", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dpawatch") and err.count("\n") == 1


def test_ndjson_export_memory_does_not_grow_with_the_archive(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "big.db"
    archive = Archive.open(db)
    archive.sync_registry(load_authorities().values(), builtin_sources())
    source_id = source_of("aepd")
    releases = [Release(source_id, "aepd", f"https://www.aepd.es/r/{n}", f"Resolución {n}", "es",
                        date(2020, 1, 1), body_text=f"Procedimiento PS/{n:05d}/2020. " * 20)
                for n in range(3000)]
    sanctions = {r.url: [Sanction(f"Empresa {n} S.L.", "fine", 1000.0 + n, "EUR", 1000.0 + n,
                                  date(2020, 1, 1), "Se impone una multa. " * 10)]
                 for n, r in enumerate(releases)}
    archive.record_harvest(Harvest(source_id, "ok", releases), sanctions, now=NOW,
                           backlog=True, defendant_key=normalise_defendant)
    archive.close()
    config = write_config(tmp_path, db)
    target = tmp_path / "all.ndjson"
    tracemalloc.start()
    try:
        assert main(["--config", config, "export", "--format", "ndjson", "--output",
                     str(target)]) == 0
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    written = target.stat().st_size
    assert written > 1_000_000
    assert peak < written / 2, (peak, written)  # rows are streamed, not gathered


def test_urls_are_those_of_the_fines_view(db: Path, config: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    exported = {r["decision_id"]: r["urls"]
                for r in json.loads(export(config, capsys, "--format", "json"))}
    archive = Archive.open(db)
    try:
        view = {r["decision_id"]: json.loads(r["urls"])
                for r in archive.db.query("SELECT decision_id, urls FROM fines")}
    finally:
        archive.close()
    assert exported == view


def test_every_column_is_documented() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "export.md").read_text()
    assert [c for c in COLUMNS if f"| `{c}` |" not in text] == []
