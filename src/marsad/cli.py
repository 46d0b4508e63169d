"""Command line: a thin layer over the library (`marsad.api`). Every command streams its inputs."""

from __future__ import annotations

import datetime as dt
import json
import signal
import sys
from pathlib import Path
from typing import Optional

import typer

from .errors import MarsadInputError
from .options import DEFAULT_BUDGET, Options
from .run.ray_job import ray_command

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Marsad: raw Arabic news in, clean structured facts out.")

FORMAT_HELP = "format of standard input ('-'): text, jsonl or html"
# bounds of the numeric options, so that a typo is a one-line error and not an overflow deep in SQLite
MAX_WORKERS = 512
MAX_LIMIT = 100_000
BUDGET_HELP = "seconds one article may take; a slower one is skipped with E098 and the batch goes on (0: no limit)"


EVIDENCE_HELP = ("do not read the inputs a first time to count the lines their articles share (corpus evidence "
                 "for cleaning)")


def _evidence_option():
    return typer.Option(False, "--no-evidence", help=EVIDENCE_HELP)


def _budget_option():
    return typer.Option(DEFAULT_BUDGET, "--budget", min=0, max=86_400, metavar="SECONDS", help=BUDGET_HELP)


def _print_version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"marsad {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="print Marsad's version and exit"),
) -> None:
    """Marsad: raw Arabic news in, clean structured facts out."""


def _date_option(value: Optional[str], name: str = "--reference-date") -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"E060 {name} {value!r} is not a date (expected YYYY-MM-DD)")


def _reference_date(value: Optional[str]) -> Optional[dt.date]:
    return _date_option(value, "--reference-date")


def _fail(message: str) -> None:
    typer.echo(f"marsad: {message}", err=True)
    raise typer.Exit(2)


def _check_format(fmt: str) -> str:
    from .read.dispatch import STDIN_FORMATS

    if fmt not in STDIN_FORMATS:
        _fail(f"E060 --format {fmt!r}: expected one of {', '.join(STDIN_FORMATS)}")
    return fmt


def _report(err: MarsadInputError) -> None:
    typer.echo(f"marsad: {err.format()}", err=True)


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="files, directories or '-' for standard input"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="write JSONL here instead of stdout"),
    no_clean: bool = typer.Option(False, "--no-clean", help="keep the given text exactly"),
    reference_date: Optional[str] = typer.Option(None, "--reference-date", metavar="YYYY-MM-DD",
                                                 help="resolve relative dates against this date when an "
                                                      "article has no publication date"),
    stdin_format: str = typer.Option("text", "--format", help=FORMAT_HELP),
    budget: float = _budget_option(),
    no_evidence: bool = _evidence_option(),
) -> None:
    """Analyse every article and write one JSON object per line, in input order."""
    from .api import analyze_paths

    options = Options(clean=not no_clean, reference_date=_reference_date(reference_date), budget=budget)
    _check_format(stdin_format)
    try:
        out = open(output, "w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        _fail(f"E001 {output}: cannot write: {exc.strerror}")
    failed = 0
    try:
        for item in analyze_paths(paths, options, stdin_format=stdin_format, evidence=not no_evidence):
            if isinstance(item, MarsadInputError):
                failed += 1
                _report(item)
                continue
            out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            out.flush()  # each finished article is on disk before the next starts
    finally:
        if output:
            out.close()
    if failed:
        typer.echo(f"marsad: {failed} input item(s) failed", err=True)
        raise typer.Exit(1)


@app.command()
def show(
    paths: list[str] = typer.Argument(..., help="files, directories or '-' for standard input"),
    no_clean: bool = typer.Option(False, "--no-clean", help="keep the given text exactly"),
    reference_date: Optional[str] = typer.Option(None, "--reference-date", metavar="YYYY-MM-DD"),
    stdin_format: str = typer.Option("text", "--format", help=FORMAT_HELP),
    full: bool = typer.Option(False, "--full", help="print the whole article text, not its opening"),
    budget: float = _budget_option(),
    no_evidence: bool = _evidence_option(),
) -> None:
    """Print a readable summary of each article: outlet, text, what cleaning removed and why, and facts."""
    from .api import analyze_paths
    from .show import render

    options = Options(clean=not no_clean, reference_date=_reference_date(reference_date), budget=budget)
    _check_format(stdin_format)
    failed = 0
    for item in analyze_paths(paths, options, stdin_format=stdin_format, evidence=not no_evidence):
        if isinstance(item, MarsadInputError):
            failed += 1
            _report(item)
            continue
        render(item, full=full)
    if failed:
        raise typer.Exit(1)


DB_HELP = "the store: a SQLite file (default marsad.db) or a postgresql:// URL"


def _open_store(db: Optional[str], create: bool = False):
    """The store for a command; only `ingest` passes create=True, every other command reads an existing one."""
    from .store import StoreError, open_store

    try:
        store = open_store(db, create=create)
    except StoreError as err:
        _fail(err.format().replace("<input>: ", ""))
    if DERIVED_VERSIONS & set(store.applied) and store.scalar("SELECT COUNT(*) FROM articles"):
        # an upgraded store: what those migrations add is computed from its articles, once, here
        from .store.entity_index import rebuild_entity_index
        from .store.story_clusters import rebuild_stories

        typer.echo("marsad: upgraded store: placing its articles in stories and building its entity index",
                   err=True)
        rebuild_stories(store)
        rebuild_entity_index(store)
    return store


# store versions whose tables are computed from the stored articles (story clusters, the entity index)
DERIVED_VERSIONS = {5, 6}


def _is_store_error(exc: Exception) -> bool:
    import sqlite3

    return isinstance(exc, sqlite3.DatabaseError) or type(exc).__module__.startswith("psycopg")


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="files, directories or '-' for standard input"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, max=MAX_WORKERS,
                                          help="worker processes (default: all cores)"),
    no_clean: bool = typer.Option(False, "--no-clean", help="keep the given text exactly"),
    reference_date: Optional[str] = typer.Option(None, "--reference-date", metavar="YYYY-MM-DD"),
    stdin_format: str = typer.Option("text", "--format", help=FORMAT_HELP),
    budget: float = _budget_option(),
    no_evidence: bool = _evidence_option(),
) -> None:
    """Analyse every article into the store: idempotent, resumable, in parallel, with per-document errors kept."""
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    from .read.dispatch import count_items
    from .store.ingest import ingest as run_ingest

    options = Options(clean=not no_clean, reference_date=_reference_date(reference_date), budget=budget)
    _check_format(stdin_format)
    store = _open_store(db, create=True)
    if not no_evidence:
        from .api import with_corpus_evidence

        options = with_corpus_evidence(options, paths)
    total = count_items(paths)
    columns = [SpinnerColumn(), TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]} art/s"), TimeElapsedColumn(), TextColumn("ETA"),
               TimeRemainingColumn()]
    started = dt.datetime.now()
    try:
        # on stderr, with the errors it prints above itself: stdout keeps the one-line summary
        with Progress(*columns, transient=False, console=Console(stderr=True)) as progress:
            task = progress.add_task("ingest", total=total, rate="…")

            def advance(n: int) -> None:
                progress.advance(task, n)
                seconds = (dt.datetime.now() - started).total_seconds() or 1
                progress.update(task, rate=f"{progress.tasks[task].completed / seconds:,.0f}")

            summary = run_ingest(store, paths, options, workers, on_progress=advance, stdin_format=stdin_format,
                                 on_error=lambda err: progress.console.print(f"marsad: {err.format()}",
                                                                             markup=False, highlight=False,
                                                                             soft_wrap=True))
    except KeyboardInterrupt:
        kept = store.scalar("SELECT COUNT(*) FROM articles")
        typer.echo(f"marsad: interrupted; {kept} articles are stored, rerun the same command to continue",
                   err=True)
        raise typer.Exit(130) from None
    except Exception as exc:  # noqa: BLE001 - the database refused (locked, disk full, server gone)
        if not _is_store_error(exc):
            raise
        _fail(f"E082 {db or 'marsad.db'}: {exc}; what was committed before is kept, rerun to continue")
    failed = sum(summary.failed.values())
    by_code = ", ".join(f"{code} ×{n}" for code, n in sorted(summary.failed.items()))
    new = sum(summary.errors.values())
    typer.echo(f"added {summary.added} articles ({summary.rate:,.0f}/s), skipped {summary.skipped} already "
               f"stored, {summary.duplicates} duplicates, {summary.stories} stories, {summary.entities} entities, "
               + (f"{failed} inputs failed ({by_code}; {new} not seen before), listed in the store's errors table"
                  if failed else "no input failed"))
    if failed:  # whether or not an earlier run met the same bad input: this run's inputs had errors
        raise typer.Exit(1)


@app.command()
def reclean(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Clean every stored article again with the evidence of the whole store (lines that recur in other stories
    of an outlet); analyse again, and replace, those whose removed lines change."""
    from .store.reclean import reclean as run_reclean

    store = _open_store(db)
    summary = run_reclean(store)
    typer.echo(f"checked {summary.checked} articles: {summary.changed} cleaned differently and analysed again"
               + (f", {summary.without_raw} stored without their raw input (before store version 3: re-ingest "
                  "them to clean them again)" if summary.without_raw else "")
               + (f", {summary.errors} left as they were (nothing left to analyse)" if summary.errors else ""))


@app.command()
def search(
    query: str = typer.Argument("", help="words to find (Arabic spelling variants and clitics are folded)"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    entity: Optional[str] = typer.Option(None, "--entity", help="only articles mentioning this entity"),
    date_from: Optional[str] = typer.Option(None, "--from", metavar="YYYY-MM-DD", help="published on or after"),
    date_to: Optional[str] = typer.Option(None, "--to", metavar="YYYY-MM-DD", help="published on or before"),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="only this outlet"),
    limit: int = typer.Option(20, "--limit", min=1, max=MAX_LIMIT),
    duplicates: bool = typer.Option(False, "--duplicates", help="also list duplicates of listed articles"),
    as_json: bool = typer.Option(False, "--json", help="one JSON object per hit"),
) -> None:
    """Ranked search with highlighted snippets."""
    from .store.query import QueryError
    from .store.search import search as run_search

    store = _open_store(db)
    try:
        hits = run_search(store, query, entity=entity, date_from=_date_option(date_from, "--from"),
                          date_to=_date_option(date_to, "--to"), outlet=outlet, limit=limit,
                          include_duplicates=duplicates)
    except QueryError as exc:
        _fail(f"E085 search query: {exc}")
    if as_json:
        for h in hits:
            typer.echo(json.dumps({"id": h.id, "title": h.title, "outlet": h.outlet, "published": h.published,
                                   "url": h.url, "score": round(h.score, 4), "snippet": h.snippet,
                                   "highlights": [list(x) for x in h.highlights], "story": h.story},
                                  ensure_ascii=False))
        return
    from .show import render_hits

    render_hits(query, hits)


@app.command()
def stories(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    min_size: int = typer.Option(2, "--min-size", min=2, max=MAX_LIMIT, help="smallest story to list"),
    limit: int = typer.Option(20, "--limit", min=1, max=MAX_LIMIT),
    as_json: bool = typer.Option(False, "--json", help="one JSON object per story"),
) -> None:
    """Story clusters: the same event across outlets, largest first."""
    from .store.stories import list_stories

    found = list_stories(_open_store(db), min_size, limit)
    if as_json:
        for story in found:
            typer.echo(json.dumps(story, ensure_ascii=False))
        return
    from .show import render_stories

    render_stories(found)


@app.command()
def entities(
    query: str = typer.Argument("", help="a name, in any spelling (empty: the most mentioned entities)"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    limit: int = typer.Option(20, "--limit", min=1, max=MAX_LIMIT),
    as_json: bool = typer.Option(False, "--json", help="one JSON object per entity"),
) -> None:
    """The store-wide entity index: each entity with its type, aliases, mentions and articles."""
    from .store.entity_index import list_entities

    found = list_entities(_open_store(db), query or None, limit)
    if as_json:
        for entity in found:
            typer.echo(json.dumps(entity, ensure_ascii=False))
        return
    from .show import render_entities

    render_entities(found)


@app.command()
def export(
    output: Path = typer.Option(..., "-o", "--output", help="file to write"),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl, parquet or csv"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    with_dedup: bool = typer.Option(False, "--with-dedup", help="add duplicate_of and story columns"),
) -> None:
    """Write every stored article with the schema's fields."""
    from .store.export import FORMATS, export as run_export

    if fmt not in FORMATS:
        _fail(f"E060 --format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401 - an optional dependency: said before anything is opened or written
        except ImportError:
            _fail("E070 Parquet export needs pyarrow: pip install 'marsad[parquet]'")
    store = _open_store(db)
    try:
        n = run_export(store, fmt, str(output), with_dedup)
    except OSError as exc:
        _fail(f"E090 {output}: cannot write: {exc.strerror}")
    typer.echo(f"wrote {n} articles to {output}")


# `marsad ray`: the command lives with the Ray executor, which imports Ray only when the command runs
app.command("ray")(ray_command)


@app.command()
def migrate(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Bring an existing store up to this Marsad's schema (ingest does it on its own; serve reads only)."""
    store = _open_store(db)  # applies every pending migration, and builds what they add from the articles
    stories = store.scalar("SELECT COUNT(*) FROM story_index WHERE size >= 2")
    entities = store.scalar("SELECT COUNT(*) FROM entity_index")
    typer.echo(f"{db or 'marsad.db'}: store version {store.version()}, {stories} stories, {entities} entities")


LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on (loopback by default)"),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
) -> None:
    """A read-only web reading room over the store: search, articles, entities, stories, amounts."""
    try:
        import uvicorn

        from .web.app import create_app
    except ImportError as exc:
        _fail(f"E070 marsad serve needs {exc.name}: pip install --upgrade marsad")
    from .store import StoreError

    try:
        web = create_app(db or "marsad.db")
    except StoreError as err:
        _fail(err.format().replace("<input>: ", ""))
    if host not in LOOPBACK:
        typer.echo(f"marsad: warning: listening on {host}, not only on this machine: anyone who can reach it "
                   "can read the store (there is no login)", err=True)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"Marsad at http://{shown}:{port}/ (read-only; Ctrl-C stops it)", err=True)
    uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False)


@app.command("debug-rules")
def debug_rules(
    text: str = typer.Argument(..., help="Arabic text to explain (the text itself, not a file)"),
    reference_date: Optional[str] = typer.Option(None, "--reference-date", metavar="YYYY-MM-DD",
                                                 help="resolve relative dates against this date"),
    url: Optional[str] = typer.Option(None, "--url", help="the article's URL (sets the outlet country)"),
) -> None:
    """Show why each date, number and check in TEXT matched or was left out, and by which rule."""
    from .debug import explain
    from .show import render_rules

    ref = _reference_date(reference_date)
    rows, basis = explain(text, ref.isoformat() if ref else None, url)
    render_rules(rows, basis)


def _terminated(signum, frame) -> None:
    raise KeyboardInterrupt


@app.command("debug-clean")
def debug_clean(
    paths: list[str] = typer.Argument(..., help="files or directories (as for extract)"),
    no_evidence: bool = _evidence_option(),
    all_lines: bool = typer.Option(False, "--all", help="list the kept lines too, with the classifier's score"),
) -> None:
    """Explain what cleaning removes from each page and why: the rule, or the line classifier's score and how many
    other stories of the outlet carry the line."""
    from .article import Article
    from .debug import explain_cleaning
    from .read import read_paths
    from .show import render_cleaning

    evidence = None
    if not no_evidence:
        from .api import with_corpus_evidence

        evidence = with_corpus_evidence(Options(), paths).evidence
    failed = 0
    for item in read_paths(paths):
        if not isinstance(item, Article):
            failed += 1
            _report(item)
            continue
        render_cleaning(item, explain_cleaning(item, evidence), all_lines)
    if failed:
        raise typer.Exit(1)


def main() -> None:
    from .run.threads import pin_numeric_threads

    pin_numeric_threads()  # every command that runs the pipeline does it in this process (and its workers)
    # SIGTERM (a scheduler, `kill`) stops a command as Ctrl-C does: ingest rolls back its open batch, keeps what
    # it committed and stops its workers
    signal.signal(signal.SIGTERM, _terminated)
    try:
        code = app(standalone_mode=False)  # usage errors come here, to be said in one line
    except KeyboardInterrupt:
        typer.echo("marsad: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - only click's usage errors are handled; anything else is re-raised
        if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
            raise
        if type(exc).__name__ == "NoArgsIsHelpError" or getattr(exc, "ctx", None) is None:
            typer.echo(exc.format_message(), err=True)  # `marsad` alone: the help
        else:
            usage = exc.ctx.command_path
            typer.echo(f"marsad: E060 {exc.format_message()} (see {usage} --help)", err=True)
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
