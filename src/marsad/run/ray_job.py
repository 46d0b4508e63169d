"""The Ray executor: the standard pipeline over JSONL, Parquet and WARC shards with Ray Data.

    read_binary_files (JSONL, WARC) / read_parquet
      → flat_map / map_batches: one work item per line, row or HTML record (ray_read.py; bad ones become errors)
      → repartition into blocks of `batch_size` items (else one big file is one block and one actor)
      → with corpus evidence (the default when cleaning): HTML records made articles (map_batches), then each
        article's story key and line hashes (map_batches), counted on the driver into one LineEvidence that
        every actor receives (clean/evidence.py; only hashes travel, never text)
      → map_batches on an actor pool: `PipelineActor` builds `Pipeline.standard(options)` once per actor
      → articles/*.parquet with `article_schema()`, errors/*.parquet (code, message, path, line, record)
      → near duplicates as distributed stages (ray_dedup.py) → duplicates/*.parquet (id, duplicate_of, group)
      → story clusters placed on the driver in input order (ray_stories.py) → stories/*.parquet (id, story,
        similarity)

The pipeline steps do not know they run on Ray, and nothing outside `marsad.run.ray_*` imports Ray: `ray` is
imported inside the functions here, so `import marsad` works without the `ray` extra.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import typer

from ..errors import MarsadInputError
from ..options import DEFAULT_BUDGET, Options
from .ray_read import (
    WarcPage,
    jsonl_items,
    list_inputs,
    pack,
    parquet_item,
    unpack,
    warc_article,
    warc_items,
)

MISSING_RAY = "E070 the Ray executor needs the ray extra: pip install 'marsad[ray]'"

ERROR_FIELDS = ("code", "message", "path", "line", "record")


class RayMissingError(RuntimeError):
    """`ray[data]` is not installed."""

    def __init__(self) -> None:
        super().__init__(MISSING_RAY)


@dataclass(frozen=True)
class RayJobSummary:
    articles: int
    errors: int
    duplicate_groups: int
    # articles marked duplicate_of another (every member of a group but its smallest id)
    duplicates: int
    seconds: float
    output_dir: str
    workers: int
    error_codes: dict[str, int] = field(default_factory=dict)
    stories: int = 0  # stories of two articles or more

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0


def _import_ray():
    try:
        import ray
        import ray.data  # needs the data extra (pandas, pyarrow, fsspec)
    except ImportError:
        raise RayMissingError() from None
    return ray


# --- work items ------------------------------------------------------------------------------------------------

def _file_items(row: dict[str, Any]) -> list[dict[str, Any]]:
    """One JSONL or WARC file (its bytes) → packed work items."""
    path, data = row["path"], row["bytes"]
    items = warc_items(data, path) if path.lower().endswith((".warc", ".warc.gz")) else jsonl_items(data, path)
    return [pack(item) for item in items]


def _parquet_items(batch) -> Any:
    import pyarrow as pa

    rows = batch.to_pylist()
    return pa.table({"item": pa.array([pack(parquet_item(row, row.get("path")))["item"] for row in rows],
                                      pa.binary())})


def _error_dict(err: MarsadInputError) -> dict[str, Any]:
    return {"code": err.code, "message": err.message, "path": err.path, "line": err.line, "record": err.record}


def _error_schema():
    import pyarrow as pa

    return pa.schema([("code", pa.string()), ("message", pa.string()), ("path", pa.string()),
                      ("line", pa.int64()), ("record", pa.int64())])


def _extract_pages(batch) -> Any:
    """HTML records made articles once, before the evidence pass and the pipeline both read them."""
    import pyarrow as pa

    out = []
    for blob in batch.column("item").to_pylist():
        item = unpack(blob)
        out.append(pack(warc_article(item))["item"] if isinstance(item, WarcPage) else blob)
    return pa.table({"item": pa.array(out, pa.binary())})


def _evidence_rows(batch) -> Any:
    """Each article's contribution to the corpus evidence: its story key and line hashes."""
    import pyarrow as pa

    from ..article import Article
    from ..clean.evidence import article_evidence

    stories, hashes = [], []
    for blob in batch.column("item").to_pylist():
        item = unpack(blob)
        seen = article_evidence(item) if isinstance(item, Article) else None
        if seen is not None:
            stories.append(seen[0])
            hashes.append(seen[1])
    return pa.table({"story": pa.array(stories, pa.int64()), "hashes": pa.array(hashes, pa.list_(pa.int64()))})


def corpus_evidence(items) -> Any:
    """The LineEvidence of a dataset of packed articles: hashed in parallel, counted here in one stream."""
    from ..clean.evidence import LineEvidence

    evidence = LineEvidence()
    for batch in items.map_batches(_evidence_rows, batch_format="pyarrow").iter_batches(batch_format="pyarrow",
                                                                                          batch_size=4096):
        for story, hashes in zip(batch.column("story").to_pylist(), batch.column("hashes").to_pylist()):
            evidence.observe_hashes(story, hashes)
    return evidence


class PipelineActor:
    """One actor of the pool: the standard pipeline is built once here, then reused for every batch."""

    def __init__(self, options: Options) -> None:
        from ..pipeline import Pipeline
        from .threads import pin_numeric_threads

        pin_numeric_threads()  # Ray's worker has numpy loaded already: threadpoolctl limits its pools
        self.pipeline = Pipeline.standard(options)

    def __call__(self, batch) -> Any:
        import pyarrow as pa

        from ..store.arrow import to_table

        articles: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        todo = []
        for blob in batch.column("item").to_pylist():
            item = unpack(blob)
            if isinstance(item, WarcPage):
                item = warc_article(item)
            if isinstance(item, MarsadInputError):
                errors.append(_error_dict(item))
            else:
                todo.append(item)
        # the whole batch at once: batched steps (the entity network) see many articles per call
        for done in self.pipeline.process_many(todo):
            if isinstance(done, MarsadInputError):
                errors.append(_error_dict(done))
            else:
                articles.append(done.to_dict())
        # one table: article rows (error columns null), then error rows (article columns null)
        table = to_table(articles + [{} for _ in errors])
        padding = [None] * len(articles)
        for name in ERROR_FIELDS:
            column = padding + [e[name] for e in errors]
            table = table.append_column(f"err_{name}", pa.array(column, _error_schema().field(name).type))
        return table


def _articles_only(batch) -> Any:
    import pyarrow.compute as pc

    from ..store.arrow import article_schema

    schema = article_schema()
    return batch.filter(pc.is_null(batch.column("err_code"))).select(schema.names).cast(schema)


def _errors_only(batch) -> Any:
    import pyarrow.compute as pc

    names = [f"err_{n}" for n in ERROR_FIELDS]
    rows = batch.filter(pc.is_valid(batch.column("err_code"))).select(names)
    return rows.rename_columns(list(ERROR_FIELDS)).cast(_error_schema())


# --- output ----------------------------------------------------------------------------------------------------

def _ensure_written(directory: str, schema) -> None:
    """Ray writes no file for an empty dataset; leave one empty Parquet file so readers find the schema."""
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq

    fs, base = pafs.FileSystem.from_uri(directory if "://" in directory else os.path.abspath(directory))
    fs.create_dir(base, recursive=True)
    if any(info.path.endswith(".parquet") for info in fs.get_file_info(pafs.FileSelector(base))):
        return
    with fs.open_output_stream(f"{base}/empty.parquet") as out:
        pq.write_table(schema.empty_table(), out)


def _write(ds, directory: str, schema) -> None:
    from ray.data._internal.savemode import SaveMode

    ds.write_parquet(directory, mode=SaveMode.OVERWRITE)
    _ensure_written(directory, schema)


def _stories(articles, duplicates) -> Any:
    """Story clusters placed on the driver, in input order, as `marsad ingest` places them (ray_stories.py)."""
    from .ray_stories import stories_table

    duplicate_of = {i: d for i, d in zip(duplicates.column("id").to_pylist(),
                                         duplicates.column("duplicate_of").to_pylist()) if d}
    rows = articles.select_columns(["id", "title", "text", "published", "entities"]).iter_rows()
    return stories_table(rows, duplicate_of)


# --- the job ---------------------------------------------------------------------------------------------------

def run(inputs: list[str], output_dir: str, address: str | None = None, workers: int | None = None,
        batch_size: int = 64, options: Options | None = None, progress: bool = False,
        evidence: bool = True) -> RayJobSummary:
    """Run the standard pipeline and near-duplicate detection over `inputs` on Ray; write Parquet to
    `output_dir` (articles/, errors/, duplicates/). Without `address` a local Ray instance with `workers`
    CPUs (default: all) is started and shut down at the end; an already initialised Ray is reused as it is.
    With `evidence` (and cleaning on), the inputs' corpus evidence is gathered first, as `marsad extract`
    does over many inputs."""
    ray = _import_ray()
    import pyarrow as pa

    from ..store.arrow import article_schema
    from .ray_dedup import duplicates_table, near_duplicates
    from .ray_stories import stories_table

    options = options or Options()
    started = time.perf_counter()
    own = not ray.is_initialized()
    if own:
        init: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING,
                                "log_to_driver": progress}
        if address:
            ray.init(address=address, **init)
        else:
            ray.init(num_cpus=workers or os.cpu_count() or 1, **init)
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = progress
        # articles/ and errors/ come out in input order (files as listed, then lines), as `marsad extract`
        # prints them: a consumer can zip them with its inputs. Measured on 2,000 articles on 2 CPUs, the order
        # costs no throughput here: the actors' work dwarfs the reordering
        ctx.execution_options.preserve_order = True
        if not progress:
            logging.getLogger("ray.data").setLevel(logging.WARNING)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        pool = max(1, min(workers or cpus, cpus))

        files, read_errors = list_inputs(inputs)
        parts = []
        raw_files = files["jsonl"] + files["warc"]
        if raw_files:
            # Ray gunzips *.gz files itself (by suffix); the item readers go by the bytes' magic instead
            parts.append(ray.data.read_binary_files(raw_files, include_paths=True).flat_map(_file_items))
        if files["parquet"]:
            parts.append(ray.data.read_parquet(files["parquet"], include_paths=True)
                         .map_batches(_parquet_items, batch_format="pyarrow"))
        # inputs that are missing or of an unsupported type, found while listing them
        listing_errors = pa.Table.from_pylist([_error_dict(e) for e in read_errors], schema=_error_schema())
        articles_n, duplicates = 0, duplicates_table({})
        stories = stories_table([], {})
        codes: Counter[str] = Counter(e.code for e in read_errors)
        if parts:
            items = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
            # Reading is materialised before the actor pool starts: streamed, the pool's actors hold every
            # CPU and the read tasks wait for one forever (seen on 2 CPUs). Reading is ~1% of the work.
            items = items.repartition(target_num_rows_per_block=batch_size).materialize()
            if evidence and options.clean and options.evidence is None:
                items = items.map_batches(_extract_pages, batch_format="pyarrow").materialize()
                options = dataclasses.replace(options, evidence=corpus_evidence(items))
            processed = (items.map_batches(PipelineActor, fn_constructor_kwargs={"options": options},
                                      compute=ray.data.ActorPoolStrategy(size=pool), num_cpus=1,
                                      batch_size=batch_size, batch_format="pyarrow")
                         .materialize())
            errors = processed.map_batches(_errors_only, batch_format="pyarrow")
            if read_errors:
                errors = errors.union(ray.data.from_arrow(listing_errors))
            errors = errors.materialize()  # few rows; counted here, then written
            codes = Counter(row["code"] for row in errors.select_columns(["code"]).take_all())
            articles_n = processed.count() - (codes.total() - len(read_errors))
            _write(errors, os.path.join(output_dir, "errors"), _error_schema())
            articles = processed.map_batches(_articles_only, batch_format="pyarrow")
            _write(articles, os.path.join(output_dir, "articles"), article_schema())
            if articles_n > 1:
                duplicates = near_duplicates(articles, num_partitions=pool)
            stories = _stories(articles, duplicates)
        else:
            _write(ray.data.from_arrow(listing_errors), os.path.join(output_dir, "errors"), _error_schema())
            _ensure_written(os.path.join(output_dir, "articles"), article_schema())
        _write(ray.data.from_arrow(duplicates), os.path.join(output_dir, "duplicates"), duplicates.schema)
        _write(ray.data.from_arrow(stories), os.path.join(output_dir, "stories"), stories.schema)
    finally:
        if own:
            ray.shutdown()
    groups = len(set(duplicates.column("group").to_pylist()))
    sizes = Counter(stories.column("story").to_pylist())
    return RayJobSummary(stories=sum(1 for n in sizes.values() if n >= 2),
                         articles=articles_n, errors=sum(codes.values()), duplicate_groups=groups,
                         duplicates=duplicates.num_rows - groups, seconds=time.perf_counter() - started,
                         output_dir=output_dir, workers=pool, error_codes=dict(sorted(codes.items())))


# --- the command -----------------------------------------------------------------------------------------------

def ray_command(
    inputs: list[str] = typer.Argument(..., help="JSONL(.gz), Parquet or WARC(.gz) shards, or directories"),
    output: str = typer.Option(..., "-o", "--output", help="output directory: articles/, errors/, duplicates/, "
                                                          "stories/"),
    address: str | None = typer.Option(None, "--address",
                                       help="join this Ray cluster (default: start a local Ray instance)"),
    workers: int | None = typer.Option(None, "--workers", min=1, max=4096,
                                       help="pipeline actors (and local CPUs); default: all CPUs"),
    batch_size: int = typer.Option(64, "--batch-size", min=1, max=100_000,
                                   help="articles per batch sent to an actor"),
    no_clean: bool = typer.Option(False, "--no-clean", help="keep the given text exactly"),
    no_evidence: bool = typer.Option(False, "--no-evidence",
                                     help="do not count the lines the inputs' articles share first (corpus "
                                          "evidence for cleaning)"),
    reference_date: str | None = typer.Option(None, "--reference-date", metavar="YYYY-MM-DD",
                                              help="resolve relative dates against this date when an "
                                                   "article has no publication date"),
    budget: float = typer.Option(DEFAULT_BUDGET, "--budget", min=0, max=86_400, metavar="SECONDS",
                                 help="seconds one article may take where the actor runs in its process's "
                                      "main thread; a slower one is skipped with E098 (0: no limit)"),
    progress: bool = typer.Option(False, "--progress",
                                  help="show Ray's progress bars and its workers' logs (default: the summary only)"),
) -> None:
    """Run the full analysis and near-duplicate detection on Ray; write Parquet with the schema's fields."""
    import datetime as dt

    ref = None
    if reference_date is not None:
        try:
            ref = dt.date.fromisoformat(reference_date)
        except ValueError:
            typer.echo(f"marsad: E060 --reference-date {reference_date!r} is not a date (expected YYYY-MM-DD)",
                       err=True)
            raise typer.Exit(2)
    try:
        summary = run(inputs, output, address=address, workers=workers, batch_size=batch_size,
                      options=Options(clean=not no_clean, reference_date=ref, budget=budget), progress=progress,
                      evidence=not no_evidence)
    except RayMissingError as exc:
        typer.echo(f"marsad: {exc}", err=True)
        raise typer.Exit(2)
    print_summary(summary)
    if summary.errors:
        raise typer.Exit(1)


def print_summary(summary: RayJobSummary) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="marsad ray", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("articles", f"{summary.articles:,}")
    codes = ", ".join(f"{code} ×{n}" for code, n in summary.error_codes.items())
    table.add_row("errors", f"{summary.errors:,}" + (f"  ({codes})" if codes else ""))
    table.add_row("duplicate groups", f"{summary.duplicate_groups:,}")
    table.add_row("articles marked duplicate", f"{summary.duplicates:,}")
    table.add_row("stories of 2+ articles", f"{summary.stories:,}")
    table.add_row("workers", str(summary.workers))
    table.add_row("seconds", f"{summary.seconds:.1f}")
    table.add_row("articles/s", f"{summary.articles_per_second:.1f}")
    table.add_row("output", summary.output_dir)
    Console().print(table)
