"""`dpawatch import`: past sanctions from a CSV, as backlog, with bad rows refused by line."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.progress import Progress
from scrapers.extract import normalise_defendant
from scrapers.models import Harvest, Release, Sanction
from scrapers.registry import builtin_sources, load_authorities
from storage import Archive
from storage.filters import Filters

CNIL_CLEARVIEW = ("https://www.cnil.fr/fr/reconnaissance-faciale-sanction-de-20-millions"
                  "-deuros-lencontre-de-clearview-ai")
CNIL_GOOGLE = ("https://www.cnil.fr/fr/cookies-la-cnil-sanctionne-google-hauteur-de-150"
               "-millions-deuros")

# Real public facts; sentences of our own. Line 2's evidence spans two lines of the file,
# so every later row starts one line further down than its position.
PAST = f"""\
authority,defendant,kind,amount,currency,decision_date,published,url,country,evidence
cnil,CLEARVIEW AI,fine,20000000,EUR,2022-10-17,2022-10-20,{CNIL_CLEARVIEW},FR,"La CNIL \
inflige une amende de 20 millions d'euros à CLEARVIEW AI
et lui ordonne d'effacer les données."
cnil,GOOGLE LLC,fine,90000000,EUR,2021-12-31,2022-01-06,{CNIL_GOOGLE},FR,
cnil,GOOGLE IRELAND LIMITED,fine,60000000,EUR,2021-12-31,2022-01-06,{CNIL_GOOGLE},,
garante,Clearview AI Inc.,,20000000,EUR,2022-02-10,2022-03-09,\
https://www.garanteprivacy.it/home/docweb/-/docweb-display/docweb/9751362,IT,
hdpa,Clearview AI Inc.,fine,20000000,eur,2022-07-13,,\
https://www.dpa.gr/el/enimerwtiko/prakseisArxis/epiboli-prostimoy-clearview-ai-inc,GR,
dpc,Meta Platforms Ireland Limited,fine,1200000000,EUR,2023-05-12,2023-05-22,\
https://www.dataprotection.ie/en/news-media/press-releases/conclusion-inquiry-meta-ireland,IE,
imy,Spotify AB,fine,58000000,SEK,2023-06-12,2023-06-13,\
https://www.imy.se/nyheter/sanktionsavgift-mot-spotify/,SE,
datatilsynet-no,Grindr LLC,fine,65 000 000,NOK,2021-12-13,2021-12-15,\
https://www.datatilsynet.no/aktuelt/aktuelle-nyheter-2021/gebyr-til-grindr/,NO,
cnil,CLEARVIEW AI,periodic penalty,5200000,EUR,2023-04-17,2023-05-10,\
https://www.cnil.fr/fr/reconnaissance-faciale-la-cnil-liquide-lastreinte-clearview-ai,FR,
ap,Uber B.V.,fine,290000000,EUR,2024-07-22,2024-08-26,\
https://www.autoriteitpersoonsgegevens.nl/actueel/ap-boete-uber-doorgifte-chauffeurs,NL,
cnill,Criteo,fine,40000000,EUR,2023-06-15,,https://www.cnil.fr/fr/criteo,FR,
ico,Clearview AI Inc,fine,7552800,GBP,18/05/2022,,https://ico.org.uk/clearview-ai,GB,
aepd,"CaixaBank, S.A.",fine,"6,000,000",EUR,2021-01-13,,https://www.aepd.es/caixabank,ES,
uodo,,fine,2830410,PLN,2019-09-10,,https://uodo.gov.pl/pl/138/1186,PL,
garante,Uber B.V.,fine,4240000,EUR,2022-03-24,,https://www.garanteprivacy.it/uber,FR,
ico,Clearview AI Inc,reprimand,7552800,GBP,2022-05-18,,https://ico.org.uk/clearview-ai,GB,
"""
GOOD_SANCTIONS = 10
REFUSED = {
    13: "unknown authority 'cnill'",
    14: "decision_date must be a day written YYYY-MM-DD, not '18/05/2022'",
    15: "amount must be a plain number like 20000000 or 1500.50, not '6,000,000'",
    16: "defendant is empty",
    17: "country 'FR' is not that of garante (IT)",
    18: "a reprimand has no amount (amount '7552800')",
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "dpawatch.db"


@pytest.fixture
def config(tmp_path: Path, db: Path) -> str:
    path = tmp_path / "dpawatch.toml"
    path.write_text(f'[storage]\npath = "{db}"\n')
    return str(path)


def write(tmp_path: Path, text: str, name: str = "past.csv", encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return str(path)


def fines(config: str, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    capsys.readouterr()
    assert main(["--config", config, "export", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_bad_rows_are_refused_by_line_and_the_rest_go_in(
        tmp_path: Path, config: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", config, "import", write(tmp_path, PAST)]) == 1
    captured = capsys.readouterr()
    refused = [line for line in captured.err.splitlines() if ": refused: " in line]
    assert len(refused) == len(REFUSED)
    for said, (line, reason) in zip(refused, sorted(REFUSED.items()), strict=True):
        assert said.startswith(f"past.csv:{line}: refused: {reason}")
    assert captured.out.startswith(
        f"past.csv: 16 rows, 6 refused; {GOOD_SANCTIONS} sanctions recorded")
    found = fines(config, capsys)
    assert len(found) == GOOD_SANCTIONS
    google = [f for f in found if f["url"] == CNIL_GOOGLE]
    assert {f["defendant"] for f in google} == {"GOOGLE LLC", "GOOGLE IRELAND LIMITED"}
    assert len({f["release_id"] for f in google}) == 1  # one URL, one release
    spotify = next(f for f in found if f["defendant"] == "Spotify AB")
    assert spotify["currency"] == "SEK" and 4e6 < spotify["amount_eur"] < 6e6
    grindr = next(f for f in found if f["defendant"] == "Grindr LLC")
    assert grindr["amount"] == 65_000_000 and grindr["published"] == "2021-12-15"
    hdpa = next(f for f in found if f["authority"] == "hdpa")
    assert hdpa["published"] == "2022-07-13" and hdpa["currency"] == "EUR"
    kinds = {f["kind"] for f in found if f["defendant"] == "CLEARVIEW AI"}
    assert kinds == {"fine", "periodic_penalty"}
    clearview = next(f for f in found if f["url"] == CNIL_CLEARVIEW)
    assert clearview["evidence"].startswith("La CNIL inflige une amende")


def test_imported_releases_are_backlog_and_never_alert(
        tmp_path: Path, db: Path, config: str, capsys: pytest.CaptureFixture[str]) -> None:
    archive = Archive.open(db)
    archive.outbox.subscribe(platform="discord_webhook", filters=Filters(),
                             webhook_url="https://discord.example/api/webhooks/1/x",
                             now=datetime(2026, 11, 1, tzinfo=UTC), origin="config")
    archive.close()
    main(["--config", config, "import", write(tmp_path, PAST)])
    archive = Archive.open(db)
    try:
        releases = list(archive.db.query("SELECT source_id, backlog FROM releases"))
        sources = {r["id"]: r for r in archive.db.query(
            "SELECT * FROM sources WHERE kind = 'import'")}
        assert archive.outbox.counts() == {}
    finally:
        archive.close()
    assert len(releases) == 9 and all(r["backlog"] == 1 for r in releases)
    assert {r["source_id"] for r in releases} == set(sources)
    assert sources["import:cnil"]["enabled"] == 0
    assert sources["import:cnil"]["url"] == "https://www.cnil.fr"


def test_importing_the_same_file_again_adds_nothing(
        tmp_path: Path, config: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, PAST)
    main(["--config", config, "import", path])
    before = fines(config, capsys)
    assert main(["--config", config, "import", path]) == 1  # the bad rows are still bad
    out = capsys.readouterr().out
    assert "0 sanctions recorded; releases: 0 new, 0 changed, 9 already archived" in out
    assert fines(config, capsys) == before


def test_a_clean_file_exits_0_and_a_row_added_later_joins_its_release(
        tmp_path: Path, config: str, capsys: pytest.CaptureFixture[str]) -> None:
    lines = PAST.splitlines(keepends=True)
    header, clearview, google_llc, google_ireland = (
        lines[0], lines[1] + lines[2], lines[3], lines[4])
    assert main(["--config", config, "import",
                 write(tmp_path, header + clearview + google_llc)]) == 0
    assert len(fines(config, capsys)) == 2
    assert main(["--config", config, "import",
                 write(tmp_path, header + clearview + google_llc + google_ireland)]) == 0
    assert "2 sanctions recorded; releases: 0 new, 1 changed, 1 already" in (
        capsys.readouterr().out)
    assert {f["defendant"] for f in fines(config, capsys)} == {
        "CLEARVIEW AI", "GOOGLE LLC", "GOOGLE IRELAND LIMITED"}


def test_an_imported_sanction_already_polled_is_one_sanction_with_two_links(
        tmp_path: Path, db: Path, config: str, capsys: pytest.CaptureFixture[str]) -> None:
    polled_url = "https://www.cnil.fr/fr/clearview-ai-sanction-20-millions"
    archive = Archive.open(db)
    archive.sync_registry(load_authorities().values(), builtin_sources())
    source_id = next(s.id for s in builtin_sources() if s.authority == "cnil")
    archive.record_harvest(
        Harvest(source_id, "ok", [Release(source_id, "cnil", polled_url, "Sanction", "fr",
                                          date(2022, 10, 20), body_text="Texte.")]),
        {polled_url: [Sanction("Clearview AI", "fine", 20e6, "EUR", 20e6, date(2022, 10, 17))]},
        now=datetime(2026, 11, 1, tzinfo=UTC), backlog=True, defendant_key=normalise_defendant)
    archive.close()
    main(["--config", config, "import", write(tmp_path, PAST)])
    clearview = [f for f in fines(config, capsys)
                 if f["authority"] == "cnil" and f["kind"] == "fine"
                 and f["defendant"].lower() == "clearview ai"]
    assert len(clearview) == 1
    assert set(clearview[0]["urls"]) == {polled_url, CNIL_CLEARVIEW}


def test_a_page_the_poller_archived_is_kept_as_it_is(
        tmp_path: Path, db: Path, config: str, capsys: pytest.CaptureFixture[str]) -> None:
    archive = Archive.open(db)
    archive.sync_registry(load_authorities().values(), builtin_sources())
    source_id = next(s.id for s in builtin_sources() if s.authority == "cnil")
    archive.record_harvest(
        Harvest(source_id, "ok", [Release(source_id, "cnil", CNIL_GOOGLE, "Cookies", "fr",
                                          date(2022, 1, 6), body_text="Le texte lu.")]),
        {}, now=datetime(2026, 11, 1, tzinfo=UTC), backlog=True,
        defendant_key=normalise_defendant)
    archive.close()
    assert main(["--config", config, "import", write(tmp_path, PAST)]) == 1
    err = capsys.readouterr().err
    assert f"past.csv:5: note: {CNIL_GOOGLE} is already archived from source {source_id}" in err
    archive = Archive.open(db)
    try:
        kept = next(iter(archive.db.query(
            "SELECT body_text, is_sanction FROM releases WHERE url = ?", [CNIL_GOOGLE])))
    finally:
        archive.close()
    assert kept == {"body_text": "Le texte lu.", "is_sanction": 0}


def test_semicolons_a_bom_and_blank_lines_are_fine(
        tmp_path: Path, config: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = ("Authority;Defendant;Amount;Currency;Decision_Date;URL;Sector\n"
            "aepd;CaixaBank, S.A.;6000000;EUR;2021-01-13;https://www.aepd.es/ps-00477-2019;"
            "Finance\n\n")
    assert main(["--config", config, "import",
                 write(tmp_path, text, encoding="utf-8-sig")]) == 0
    err = capsys.readouterr().err
    assert "ignoring unknown column 'sector'" in err
    assert [f["defendant"] for f in fines(config, capsys)] == ["CaixaBank, S.A."]


@pytest.mark.parametrize(("text", "message"), [
    ("authority,defendant,amount\ncnil,X,1\n",
     "missing column(s): currency, decision_date, url"),
    ("", "the file is empty"),
])
def test_an_unusable_file_is_a_usage_error(tmp_path: Path, config: str, text: str,
                                           message: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", config, "import", write(tmp_path, text)]) == 2
    assert message in capsys.readouterr().err


def test_a_missing_file_is_a_usage_error(tmp_path: Path, config: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", config, "import", str(tmp_path / "nope.csv")]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize(("row", "reason"), [
    ("cnil,X,fine,100,EUR,2999-01-01,https://www.cnil.fr/x", "is in the future"),
    ("cnil,X,fine,100,EUR,2022-02-30,https://www.cnil.fr/x", "is not a day of the calendar"),
    ("cnil,X,fine,0,EUR,2022-02-03,https://www.cnil.fr/x", "amount must be more than 0"),
    ("cnil,X,fine,100,EURO,2022-02-03,https://www.cnil.fr/x", "currency must be an ISO 4217"),
    ("cnil,X,fine,100,XQZ,2022-02-03,https://www.cnil.fr/x", "no exchange rate for currency"),
    ("cnil,X,fine,,EUR,2022-02-03,https://www.cnil.fr/x", "amount is empty"),
    ("cnil,X,sanction,100,EUR,2022-02-03,https://www.cnil.fr/x", "unknown kind 'sanction'"),
    ("cnil,X,fine,100,EUR,2022-02-03,www.cnil.fr/x", "url must be a web address"),
    ("cnil,X,fine,100,EUR,2022-02-03", "6 cells, the header has 7"),
])
def test_each_reason_a_row_is_refused(tmp_path: Path, config: str, row: str, reason: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    text = f"authority,defendant,kind,amount,currency,decision_date,url\n{row}\n"
    assert main(["--config", config, "import", write(tmp_path, text, "one.csv")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("one.csv:2: refused: ") and reason in err


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as stderr does in a shell."""

    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_on_a_terminal_only() -> None:
    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        bar = Progress(total=4, stream=stream)
        bar.advance(1)
        bar.advance(3)
        bar.close()
    assert pipe.getvalue() == ""
    assert terminal.getvalue().startswith("\rimport [")
    assert terminal.getvalue().endswith("] 4/4 rows\n")
    assert "#" * Progress.WIDTH in terminal.getvalue()


def test_every_column_is_documented() -> None:
    from bot.commands._import_rows import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

    text = (Path(__file__).resolve().parents[2] / "docs" / "import.md").read_text()
    assert [c for c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if f"| `{c}` |" not in text] == []


def test_a_csv_export_seeds_another_archive(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from tests.commands.test_export import seed_archive

    seed_archive(tmp_path / "first.db")
    (tmp_path / "first.toml").write_text(f'[storage]\npath = "{tmp_path / "first.db"}"\n')
    exported = tmp_path / "sanctions.csv"
    main(["--config", str(tmp_path / "first.toml"), "export", "--output", str(exported)])
    (tmp_path / "second.toml").write_text(f'[storage]\npath = "{tmp_path / "second.db"}"\n')
    assert main(["--config", str(tmp_path / "second.toml"), "import", str(exported)]) == 0
    first = fines(str(tmp_path / "first.toml"), capsys)
    second = fines(str(tmp_path / "second.toml"), capsys)
    same = ("authority", "defendant", "kind", "amount", "currency", "amount_eur",
            "decision_date", "published", "title", "url")

    def facts(found: list[dict]) -> list[list]:
        # Evidence is compared with its spacing folded: import drops stray control
        # characters. Only the first link of `urls` goes across.
        return sorted([*(f[k] for k in same), " ".join(f["evidence"].split())]
                      for f in found)

    assert facts(second) == facts(first)
