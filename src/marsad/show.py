"""`marsad show`: a readable, right-to-left-friendly summary of one article, with rich.

Terminals lay out Arabic inconsistently; we keep Arabic and Latin on separate cells (labels in one column, Arabic
values right-aligned in the next) so no line mixes directions in a way that reorders badly.
"""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .article import Article

REASON_STYLE = {"teaser": "yellow", "cookie_notice": "magenta", "source_line": "cyan", "navigation": "blue",
                "related_links": "yellow", "share_prompt": "green", "copyright": "dim", "byline": "cyan",
                "caption": "dim", "advertisement": "red", "other": "dim"}
PREVIEW_CHARS = 600


def _kv_table(title: str) -> Table:
    table = Table(title=title, title_justify="left", show_header=True, header_style="bold", expand=True)
    return table


def render(article: Article, console: Console | None = None, full: bool = False) -> None:
    console = console or Console()
    d = article.to_dict()
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column(justify="right")
    for label, value in (("id", d["id"]), ("title", d["title"]), ("outlet", d["source"]["outlet"]),
                         ("published", d["published"]), ("url", d["source"]["url"]),
                         ("file", d["source"]["path"]), ("language", d["language"])):
        if value:
            meta.add_row(label, str(value))
    if d["reference_date"]:
        meta.add_row("reference date", f'{d["reference_date"]["value"]} ({d["reference_date"]["basis"]})')
    console.print(Panel(meta, title="article", title_align="left"))

    text = d["text"] if full or len(d["text"]) <= PREVIEW_CHARS else d["text"][:PREVIEW_CHARS] + " …"
    console.print(Panel(Text(text, justify="right"),
                        title=f"text · {len(d['text'])} characters · {len(d['sentences'])} sentences",
                        title_align="left"))

    if d["removed"]:
        table = _kv_table(f"removed by cleaning · {len(d['removed'])} lines")
        table.add_column("line", justify="right", width=5)
        table.add_column("reason", width=14)
        table.add_column("text", justify="right", ratio=1, overflow="fold")
        for r in d["removed"]:
            table.add_row(str(r["line"] or ""), Text(r["reason"], style=REASON_STYLE.get(r["reason"], "")),
                          r["text"])
        console.print(table)

    for title, key, columns in (
        ("entities", "entities", (("label", "label"), ("canonical", "canonical"))),
        ("amounts", "quantities", (("kind", "kind"), ("value", "value"), ("unit", "unit"))),
        ("dates", "dates", (("value", "value"),)),
    ):
        items = d[key]
        if not items:
            continue
        table = _kv_table(f"{title} · {len(items)}")
        for name, _ in columns:
            table.add_column(name)
        table.add_column("text", justify="right", ratio=1)
        for item in items:
            table.add_row(*[str(item.get(k) if item.get(k) is not None else "") for _, k in columns],
                          item["text"])
        console.print(table)

    if d["statements"]:
        table = _kv_table(f"who said what · {len(d['statements'])}")
        table.add_column("speaker", justify="right")
        table.add_column("verb", justify="right")
        table.add_column("content", justify="right", ratio=1, overflow="fold")
        for s in d["statements"]:
            speaker = s["speaker_canonical"] or (s["speaker"] or {}).get("text") or ""
            table.add_row(speaker, s["verb"]["text"], s["content"]["text"])
        console.print(table)
