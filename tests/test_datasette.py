"""docs/datasette.yml describes the real archive, its canned queries run, Datasette serves it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from datasette.app import Datasette

from scrapers.extract import normalise_defendant
from scrapers.models import Harvest, Release, Sanction
from storage import Archive
from storage.filters import Filters
from tests.commands.test_export import seed_archive, source_of
from tests.test_docs import documented_schema

ROOT = Path(__file__).resolve().parents[1]
METADATA = ROOT / "docs" / "datasette.yml"
NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
# A value for every parameter the canned queries take; "" means "any".
PARAMETERS = {"company": "clearview", "authority": "", "kind": "", "currency": ""}


def metadata() -> dict[str, Any]:
    loaded = yaml.safe_load(METADATA.read_text())
    assert isinstance(loaded, dict)
    return loaded


def described() -> dict[str, Any]:
    return metadata()["databases"]["dpawatch"]


def parameters_of(sql: str) -> list[str]:
    return sorted(set(re.findall(r"(?<!:):(\w+)", sql)))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A real archive: polled sanctions, a failed alert, a failing source, an alias."""
    path = tmp_path / "dpawatch.db"  # the metadata's database key is the file's stem
    seed_archive(path)
    archive = Archive.open(path)
    try:
        archive.outbox.subscribe(platform="slack_webhook", filters=Filters(), now=NOW,
                                 webhook_url="https://hooks.slack.example/T/B/x")
        source_id = source_of("aepd")
        url = "https://www.aepd.es/prensa-y-comunicacion/notas-de-prensa/caixabank"
        archive.record_harvest(
            Harvest(source_id, "ok", [Release(source_id, "aepd", url, "Multa a CaixaBank",
                                              "es", date(2021, 1, 13), body_text="Multa.")]),
            {url: [Sanction("CaixaBank, S.A.", "fine", 6e6, "EUR", 6e6, date(2021, 1, 13))]},
            now=NOW, backlog=False, defendant_key=normalise_defendant)
        delivery = archive.outbox.due(NOW)[0]
        archive.outbox.mark_failed(delivery.id, "HTTP 404 from the webhook")
        archive.record_harvest(Harvest(source_of("ico"), "failed", error="HTTP 503"), {},
                               now=NOW, backlog=False, defendant_key=normalise_defendant)
        archive.set_source_health(source_of("ico"), False)
        archive.link_names("Clearview AI Inc", "Clearview AI", fold=normalise_defendant,
                           origin="user", now=NOW)
    finally:
        archive.close()
    return path


def test_every_table_and_column_described_exists(db: Path) -> None:
    archive = Archive.open(db)
    try:
        for name, table in described()["tables"].items():
            if name in archive.db.view_names():
                columns = {column.name for column in archive.db.view(name).columns}
            else:
                assert archive.db.table(name).exists(), name
                columns = {column.name for column in archive.db.table(name).columns}
            assert set(table.get("columns", {})) <= columns, name
            for key in ("facets", "sortable_columns"):
                assert set(table.get(key, [])) <= columns, (name, key)
    finally:
        archive.close()


def test_every_documented_column_is_described() -> None:
    """docs/schema.md is the reference: a column added there is described here too."""
    tables = described()["tables"]
    for name, columns in documented_schema().items():
        assert name in tables, name
        assert set(tables[name]["columns"]) == columns, name


def test_the_canned_queries_run_with_sqlite(db: Path) -> None:
    archive = Archive.open(db)
    try:
        results = {}
        for name, query in described()["queries"].items():
            params = {p: PARAMETERS[p] for p in parameters_of(query["sql"])}
            results[name] = list(archive.db.query(query["sql"], params))
    finally:
        archive.close()
    assert results["largest_sanctions"][0]["defendant"] == "GOOGLE LLC"
    # Clearview under three spellings, by four authorities' releases (the EDPB's folded).
    assert {r["authority"] for r in results["by_company"]} == {"cnil", "ico", "garante"}
    assert {r["month"] for r in results["sanctions_by_month"]} >= {"2022-10", "2023-06"}
    by_year = {(r["year"], r["authority"]): r["sanctions"]
               for r in results["sanctions_by_year"]}
    assert by_year[("2021", "cnil")] == 2 and by_year[("2022", "ico")] == 2
    assert [r["id"] for r in results["sources_in_trouble"]] == [source_of("ico")]
    assert [(r["status"], r["last_error"]) for r in results["alerts_not_delivered"]] == [
        ("failed", "HTTP 404 from the webhook")]


def test_by_company_follows_company_aliases(db: Path) -> None:
    archive = Archive.open(db)
    try:
        archive.link_names("Facebook Ireland Limited", "Spotify AB", fold=normalise_defendant,
                           origin="user", now=NOW)  # an odd alias, to prove the join
        sql = described()["queries"]["by_company"]["sql"]
        rows = list(archive.db.query(sql, {"company": "facebook"}))
    finally:
        archive.close()
    assert [r["defendant"] for r in rows] == ["Spotify AB"]


async def test_datasette_serves_the_metadata_and_every_canned_query(db: Path) -> None:
    datasette = Datasette(files=[str(db)], metadata=metadata())
    await datasette.invoke_startup()
    response = await datasette.client.get("/-/metadata.json")
    assert response.status_code == 200
    assert response.json()["title"] == "dpawatch archive"
    for name, query in described()["queries"].items():
        params = "&".join(f"{p}={PARAMETERS[p]}" for p in parameters_of(query["sql"]))
        page = await datasette.client.get(f"/dpawatch/{name}?{params}")
        assert page.status_code == 200, (name, page.text[:500])
        data = await datasette.client.get(f"/dpawatch/{name}.json?{params}&_shape=array")
        assert data.status_code == 200, name
        assert isinstance(data.json(), list)


async def test_datasette_facets_and_search_on_fines(db: Path) -> None:
    datasette = Datasette(files=[str(db)], metadata=metadata())
    await datasette.invoke_startup()
    response = await datasette.client.get("/dpawatch/fines.json")
    assert response.status_code == 200
    facets = response.json()["facet_results"]
    assert set(facets) == {"authority", "kind", "year", "currency"}
    search = await datasette.client.get("/dpawatch/fines.json?_search=clearview&_shape=array")
    assert search.status_code == 200
    assert {r["authority"] for r in search.json()} == {"cnil", "ico", "garante"}
    page = await datasette.client.get("/dpawatch/fines")
    assert page.status_code == 200 and "amount_eur" in page.text
