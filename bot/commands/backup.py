"""`dpawatch backup FILE`: a consistent copy of the archive, taken while dpawatch runs."""

from __future__ import annotations

import argparse

from bot.commands import UsageError
from bot.config import Settings

NAME = "backup"
HELP = "copy the archive to FILE with SQLite's online backup (safe while `run` is running)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """FILE, and --overwrite to replace an older backup."""
    parser.add_argument("file", metavar="FILE", help="where to write the copy")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace FILE if it exists (default: refuse)")


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Copy the configured archive to FILE and print what the copy holds."""
    from storage import ArchiveError
    from storage.backup import backup_archive

    try:
        report = backup_archive(settings.storage.path, args.file, overwrite=args.overwrite)
    except ArchiveError as error:
        raise UsageError(f"dpawatch backup: {error}") from None
    counts = ", ".join(f"{n} {table}" for table, n in report.counts.items())
    print(f"dpawatch: backed up {report.source} to {report.destination} "
          f"({report.size_bytes / 1e6:.1f} MB in {report.seconds:.2f} s: {counts}).")
    return 0
