"""The `dpawatch` command line: parse arguments, call the library, print.

Each command imports what it needs when it runs, so that `dpawatch fines` starts fast.
Exit status: 0 done, 1 done but some sources failed, 2 usage or config error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, NoReturn

from bot.commands import UsageError, add_parsers, command_modules
from bot.config import ConfigError, Settings, load_settings
from bot.wiring import make_fetcher, open_archive, prepare

if TYPE_CHECKING:
    from bot.core.commands import Fine
    from bot.pipeline import PollReport
    from scrapers.models import Source

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line, no usage dump: the user reads `dpawatch CMD --help` for that."""
        raise UsageError(f"{self.prog}: {message}")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; `dpawatch --help` lists the commands."""
    parser = _Parser(prog="dpawatch", description=(
        "Follow data-protection enforcement: poll the authorities, extract their sanctions, "
        "archive them in SQLite, alert chat channels."))
    parser.add_argument("--config", metavar="PATH",
                        help="TOML config (default: $DPAWATCH_CONFIG, else ./dpawatch.toml)")
    parser.add_argument("--log-format", choices=("text", "json"), help="log output format")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    commands.add_parser("run", help="poll every source on schedule and alert; Ctrl-C stops")
    poll = commands.add_parser("poll", help="poll the enabled sources once, then exit")
    poll.add_argument("--source", action="append", metavar="ID", help="only this source")
    backfill = commands.add_parser("backfill", help="load a source's history (listing pages)")
    backfill.add_argument("--source", action="append", metavar="ID", help="only this source")
    backfill.add_argument("--pages", type=_positive, default=5, help="pages per source")
    backfill.add_argument("--since", type=_date, metavar="DATE", help="stop at this date")
    fines = commands.add_parser("fines", help="the sanctions of a company, with a EUR total")
    fines.add_argument("query", help="a company name, e.g. clearview")
    fines.add_argument("--authority", metavar="ID")
    fines.add_argument("--since", type=_date, metavar="DATE")
    fines.add_argument("--json", action="store_true", help="print a JSON array")
    latest = commands.add_parser("latest", help="the newest sanctions")
    latest.add_argument("--authority", metavar="ID")
    latest.add_argument("--limit", type=_positive, default=10)
    latest.add_argument("--json", action="store_true")
    sources = commands.add_parser("sources", help="every source with its polling state")
    sources.add_argument("--json", action="store_true")
    extract = commands.add_parser("extract", help="what extraction finds in one page")
    extract.add_argument("target", metavar="FILE_OR_URL")
    extract.add_argument("--language", default="en")
    extract.add_argument("--authority", default="")
    extract.add_argument("--json", action="store_true")
    evaluate = commands.add_parser("eval", help="score extraction on a labelled corpus")
    evaluate.add_argument("--corpus", default="tests/corpus", metavar="DIR")
    evaluate.add_argument("--json", action="store_true")
    add_parsers(commands, command_modules())
    return parser


# -- wiring --------------------------------------------------------------------------


def _pick(sources: list[Source], wanted: Sequence[str] | None) -> list[Source]:
    if not wanted:
        return sources
    known = {s.id: s for s in sources}
    unknown = [w for w in wanted if w not in known]
    if unknown:
        raise UsageError(f"dpawatch: unknown or disabled source: {', '.join(unknown)}")
    return [known[w] for w in wanted]


def _print_reports(reports: list[PollReport]) -> int:
    for report in sorted(reports, key=lambda r: r.source_id):
        line = (f"{report.source_id:<32} {report.status:<12} seen {report.items_seen:>4}  "
                f"new {report.items_new:>4}  sanctions {report.sanctions_new:>3}")
        if report.backlog and report.items_new:
            line += "  (backlog: no alerts)"
        if report.error:
            line += f"  {report.error}"
        print(line, flush=True)
    failed = [r for r in reports if r.status == "failed"]
    print(f"{len(reports) - len(failed)} of {len(reports)} sources polled"
          + (f", {len(failed)} failed" if failed else ""))
    return EXIT_SOME_FAILED if failed else EXIT_OK


async def _poll_once(settings: Settings, wanted: Sequence[str] | None) -> int:
    from bot.alerts import TerminalNotifier
    from bot.pipeline import Poller

    archive, sources = prepare(settings)
    chosen = _pick(sources, wanted)
    try:
        async with make_fetcher(settings) as fetcher:
            poller = Poller(archive, fetcher, TerminalNotifier())
            reports = await poller.poll_many(chosen, datetime.now(UTC))
    finally:
        archive.close()
    return _print_reports(reports)


async def _backfill(settings: Settings, wanted: Sequence[str] | None, *, pages: int,
                    since: date | None) -> int:
    """Walk each source's listing pages back; a progress bar counts the sources done.

    Each source is archived as soon as it is read, so an interrupted backfill keeps what
    it read, and running it again skips every page already archived.
    """
    from bot.pipeline import Poller
    from bot.progress import Progress

    archive, sources = prepare(settings)
    chosen = _pick(sources, wanted)
    progress = Progress(len(chosen), label="backfill", unit="sources")

    async def one(source: Source, poller: Poller) -> PollReport:
        report = await poller.poll(source, datetime.now(UTC), max_pages=pages, since=since,
                                   backlog=True)
        progress.advance(1)
        return report

    try:
        async with make_fetcher(settings) as fetcher:
            poller = Poller(archive, fetcher)
            reports = list(await asyncio.gather(*(one(s, poller) for s in chosen)))
    finally:
        progress.close()
        archive.close()
    return _print_reports(reports)


async def _run(settings: Settings) -> int:
    from bot.app import Service, run_service, webhook_senders

    archive, sources = prepare(settings)
    chats = [name for name, on in (("Discord", settings.secrets.discord_token),
                                   ("Slack", settings.secrets.slack_bot_token)) if on]
    print(f"dpawatch: archive {settings.storage.path}, {len(sources)} sources, every "
          f"{settings.polling.interval_minutes} min unless a source says otherwise "
          f"(config: {settings.origin}).", flush=True)
    print(f"dpawatch: alerts to {', '.join(chats)} and the terminal. Ctrl-C stops."
          if chats else
          "dpawatch: no chat configured: new sanctions are printed here. Ctrl-C stops.",
          flush=True)
    try:
        async with make_fetcher(settings) as fetcher:
            service = Service(settings, archive, sources, fetcher,
                              senders=webhook_senders(settings),
                              on_report=_print_reports_quiet)
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, service.stop.set)
            await run_service(service)
    finally:
        archive.close()
    print("dpawatch: stopped.", flush=True)
    return EXIT_OK


def _print_reports_quiet(report: PollReport) -> None:
    """In `run`, one line per poll that did something or failed."""
    if report.status == "failed":
        print(f"{report.source_id}: failed: {report.error}", flush=True)
    elif report.items_new or report.items_changed:
        note = " (backlog: no alerts)" if report.backlog else ""
        print(f"{report.source_id}: {report.items_new} new, {report.items_changed} changed, "
              f"{report.sanctions_new} sanctions{note}", flush=True)


# -- lookups -------------------------------------------------------------------------


def _table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    widths[-1] = len(headers[-1])  # the last column (a URL or title) is never padded
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
              for row in rows]
    return "\n".join(lines)


def _fine_rows(fines: list[Fine]) -> list[list[str]]:
    from bot.core.format import amount, plain, short_eur

    return [[f.decision_date or f.published or "", f.authority, plain(f.defendant)[:40],
             f.kind.replace("_", " ") + (f" ({f.ruling_note})" if f.court_rulings else ""),
             amount(f.amount, f.currency) if f.amount is not None else "",
             short_eur(f.amount_eur) if f.amount_eur is not None else "", f.url]
            for f in fines]


_FINE_HEADERS = ["date", "authority", "defendant", "kind", "amount", "EUR", "link"]


def _fines(settings: Settings, args: argparse.Namespace) -> int:
    from bot.core.commands import find_fines
    from bot.core.format import short_eur

    archive = open_archive(settings)
    try:
        answer = find_fines(archive, args.query, authority=args.authority, since=args.since)
    finally:
        archive.close()
    if args.json:
        print(json.dumps([f.to_dict() for f in answer.fines], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not answer.fines:
        print(f"No sanction found for {answer.query!r}.")
        return EXIT_OK
    print(_table(_fine_rows(answer.fines), _FINE_HEADERS))
    print(f"\n{len(answer.fines)} sanctions, {short_eur(answer.total_eur)} in total.")
    return EXIT_OK


def _latest(settings: Settings, args: argparse.Namespace) -> int:
    from bot.core.commands import latest_fines

    archive = open_archive(settings)
    try:
        fines = latest_fines(archive, authority=args.authority, limit=args.limit)
    finally:
        archive.close()
    if args.json:
        print(json.dumps([f.to_dict() for f in fines], ensure_ascii=False, indent=2))
    elif not fines:
        print("No sanction archived yet: run `dpawatch poll` first.")
    else:
        print(_table(_fine_rows(fines), _FINE_HEADERS))
    return EXIT_OK


def _sources_command(settings: Settings, args: argparse.Namespace) -> int:
    archive, _enabled = prepare(settings)
    try:
        states = archive.source_states()
    finally:
        archive.close()
    if args.json:
        print(json.dumps(states, ensure_ascii=False, indent=2))
        return EXIT_OK
    rows = [[s["id"], s["authority"], s["kind"], "yes" if s["enabled"] else "no",
             (s["last_polled_at"] or "never")[:16], (s["last_ok_at"] or "never")[:16],
             str(s["consecutive_failures"]), str(s["releases"]),
             "ok" if s["healthy"] else "UNHEALTHY", s["last_error"] or ""]
            for s in states]
    print(_table(rows, ["source", "authority", "kind", "enabled", "last poll", "last ok",
                        "failures", "items", "health", "last error"]))
    return EXIT_OK


def _extract_command(args: argparse.Namespace) -> int:
    from pathlib import Path

    from scrapers.extract import extract_from_html

    target = args.target
    if target.startswith(("http://", "https://")):
        from scrapers.http import Fetcher, FetchError

        async def download() -> bytes:
            async with Fetcher(min_delay=0) as fetcher:
                return (await fetcher.get(target)).content

        try:
            html = asyncio.run(download())
        except FetchError as error:
            raise UsageError(f"dpawatch extract: {error}") from None
        url = target
    else:
        try:
            html = Path(target).read_bytes()
        except OSError as error:
            raise UsageError(f"dpawatch extract: cannot read {target}: {error.strerror}"
                             ) from None
        url = Path(target).resolve().as_uri()
    release, sanctions = extract_from_html(html, url=url, language=args.language,
                                           authority=args.authority)
    if args.json:
        print(json.dumps({"title": release.title, "sanctions": [
            {**s.__dict__, "decision_date": s.decision_date and s.decision_date.isoformat()}
            for s in sanctions]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{release.title}\n")
    if not sanctions:
        print("No sanction found.")
    for s in sanctions:
        from bot.core.format import money

        money_text = money(s.amount, s.currency, s.amount_eur) if s.amount is not None else ""
        print(f"- {s.defendant}: {s.kind} {money_text}".rstrip()
              + (f", decided {s.decision_date}" if s.decision_date else "")
              + f" (confidence {s.confidence:.2f})\n  evidence: {s.evidence}")
    return EXIT_OK


def _eval_command(args: argparse.Namespace) -> int:
    from pathlib import Path

    from scrapers.extract.evaluate import evaluate_corpus

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        raise UsageError(f"dpawatch eval: no corpus folder at {corpus}")
    report = evaluate_corpus(corpus)
    print(json.dumps(report.to_dict(), indent=2) if args.json else report.format_text())
    return EXIT_OK


def dispatch(args: argparse.Namespace) -> int:
    """Run the parsed command; returns the exit status."""
    if args.command == "extract":
        return _extract_command(args)
    if args.command == "eval":
        return _eval_command(args)
    settings = load_settings(args.config)
    from bot.logs import configure_logging

    configure_logging(settings.log.level, args.log_format or settings.log.format)
    if args.command == "run":
        return asyncio.run(_run(settings))
    if args.command == "poll":
        return asyncio.run(_poll_once(settings, args.source))
    if args.command == "backfill":
        return asyncio.run(_backfill(settings, args.source, pages=args.pages,
                                     since=args.since))
    handlers = {"fines": _fines, "latest": _latest, "sources": _sources_command}
    if args.command in handlers:
        return handlers[args.command](settings, args)
    return int(command_modules()[args.command].run(settings, args))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `dpawatch` console script."""
    try:
        args = build_parser().parse_args(argv)
        return dispatch(args)
    except (UsageError, ConfigError) as error:
        message = str(error)
        prefix = "" if message.startswith("dpawatch") else "dpawatch: config: "
        print(f"{prefix}{message}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("dpawatch: interrupted.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
