"""Command line: a thin layer over the library (`marsad.api`). Every command streams its inputs."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Optional

import typer

from .errors import MarsadInputError
from .options import Options

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Marsad: raw Arabic news in, clean structured facts out.")

FORMAT_HELP = "format of standard input ('-'): text, jsonl or html"


def _reference_date(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"E060 --reference-date {value!r} is not a date (expected YYYY-MM-DD)")


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
) -> None:
    """Analyse every article and write one JSON object per line, in input order."""
    from .api import analyze_paths

    options = Options(clean=not no_clean, reference_date=_reference_date(reference_date))
    _check_format(stdin_format)
    try:
        out = open(output, "w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        _fail(f"E001 {output}: cannot write: {exc.strerror}")
    failed = 0
    try:
        for item in analyze_paths(paths, options, stdin_format=stdin_format):
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
) -> None:
    """Print a readable summary of each article: outlet, text, what cleaning removed and why, and facts."""
    from .api import analyze_paths
    from .show import render

    options = Options(clean=not no_clean, reference_date=_reference_date(reference_date))
    _check_format(stdin_format)
    failed = 0
    for item in analyze_paths(paths, options, stdin_format=stdin_format):
        if isinstance(item, MarsadInputError):
            failed += 1
            _report(item)
            continue
        render(item, full=full)
    if failed:
        raise typer.Exit(1)


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


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("marsad: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
