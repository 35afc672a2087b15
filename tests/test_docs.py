"""The documents people rely on agree with the code: the schema, and the commands."""

from __future__ import annotations

import re
from pathlib import Path

from bot.cli import build_parser
from storage import Archive

ROOT = Path(__file__).resolve().parents[1]


def documented_schema() -> dict[str, set[str]]:
    text = (ROOT / "docs" / "schema.md").read_text()
    documented: dict[str, set[str]] = {}
    current = None
    for line in text.splitlines():
        heading = re.match(r"^### `(\w+)`", line)
        if heading:
            current = heading.group(1)
            documented[current] = set()
            continue
        column = re.match(r"^\| `(\w+)` \|", line)
        if column and current:
            documented[current].add(column.group(1))
    return documented


def actual_schema(archive: Archive) -> dict[str, set[str]]:
    tables = {name for name in archive.db.table_names()
              if not name.startswith("_") and "_fts" not in name}
    schema = {name: {c.name for c in archive.db.table(name).columns} for name in tables}
    for view in archive.db.view_names():
        schema[view] = {c.name for c in archive.db.view(view).columns}
    return schema


def test_docs_schema_matches_the_database(archive: Archive) -> None:
    assert documented_schema() == actual_schema(archive)


def test_the_search_indexes_named_in_the_docs_exist(archive: Archive) -> None:
    text = (ROOT / "docs" / "schema.md").read_text()
    for index in re.findall(r"`(\w+_fts)`", text):
        assert archive.db.table(index).exists(), index


def test_the_example_queries_run(archive: Archive) -> None:
    text = (ROOT / "docs" / "schema.md").read_text()
    queries = re.findall(r"```sql\n(.*?)```", text, re.S)
    assert len(queries) >= 4
    for query in queries:
        list(archive.db.query(query))


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert commands
    missing = [name for name in commands if f"dpawatch {name}" not in readme]
    assert missing == []
