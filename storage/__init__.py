"""The SQLite archive of releases and sanctions (schema: docs/schema.md)."""

from storage.archive import Archive, ArchiveError, StoredHarvest

__all__ = ["Archive", "ArchiveError", "StoredHarvest"]
