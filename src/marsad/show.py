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


def removed_table(removed: list, title: str | None = None) -> Table:
    """The removed lines: line number, reason, why (the rule, or the model's score and corpus evidence), text."""
    table = _kv_table(title or f"removed by cleaning · {len(removed)} lines")
    table.add_column("line", justify="right", width=5)
    table.add_column("reason", width=14)
    table.add_column("why", width=24, overflow="fold")
    table.add_column("text", justify="right", ratio=1, overflow="fold")
    for r in removed:
        table.add_row(str(r.line or ""), Text(r.reason, style=REASON_STYLE.get(r.reason, "")), r.why(), r.text)
    return table


def _kv_table(title: str) -> Table:
    table = Table(title=title, title_justify="left", show_header=True, header_style="bold", expand=True)
    return table


def _cell(key: str, value: object) -> str:
    if value is None:
        return ""
    if key == "relative":
        return "relative" if value else ""
    if key == "calendar":
        return "" if value == "gregorian" else str(value)
    if key == "value" and isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) >= 10000:
        return f"{value:,}"
    return str(value)


def render_cleaning(article: Article, rows: list, all_lines: bool = False, console: Console | None = None) -> None:
    """`marsad debug-clean`: each removed line (each line with --all) with its reason and why."""
    console = console or Console()
    where = article.source.path or "<input>"
    if article.source.line:
        where += f":{article.source.line}"
    shown = rows if all_lines else [r for r in rows if r.removed]
    if not shown:
        console.print(f"{where} · {article.id} · nothing removed of {len(rows)} lines")
        return
    table = _kv_table(f"{where} · {article.id} · {sum(r.removed for r in rows)} of {len(rows)} lines removed")
    table.add_column("line", justify="right", width=5)
    table.add_column("", width=7)
    table.add_column("reason", width=14)
    table.add_column("why", width=56, overflow="fold")  # «model 0.99 · recurs in 14 other stories of this outlet»
    table.add_column("text", justify="right", ratio=1, overflow="fold")
    for r in shown:
        table.add_row(str(r.line), "removed" if r.removed else "kept",
                      Text(r.reason, style=REASON_STYLE.get(r.reason, "")), r.why, r.text)
    console.print(table)


def render_rules(rows: list, basis: str, console: Console | None = None) -> None:
    """`marsad debug-rules`: one line per span (what it was read as, the rule, kept or why not), then the
    span's text on its own line, so Arabic never shares a line with the Latin labels."""
    console = console or Console()
    console.print(Text(basis, style="bold"))
    if not rows:
        console.print("no date, number or check in this text")
        return
    for r in rows:
        line = Text(f"{r.dimension:<9}{r.start:>5}–{r.end:<5} ")
        line.append(r.value, style="bold")
        line.append(f"  [{r.rule}]", style="dim")
        line.append("  kept" if r.kept else f"  left out: {r.why}", style="green" if r.kept else "yellow")
        console.print(line)
        console.print(Text(r.text, justify="right"))


def render_hits(query: str, hits: list, console: Console | None = None) -> None:
    """`marsad search`: one panel per hit, matching words highlighted in the snippet."""
    console = console or Console()
    if not hits:
        console.print("no article matches")
        return
    for rank, h in enumerate(hits, 1):
        snippet = Text(h.snippet, justify="right")
        for start, end in h.highlights:
            snippet.stylize("bold yellow", start, end)
        meta = " · ".join(x for x in (h.outlet, (h.published or "")[:10], h.id, f"score {h.score:.2f}",
                                       f"story {h.story}" if h.story else None) if x)
        console.print(Panel(snippet, title=f"{rank}. {h.title or ''}", title_align="right", subtitle=meta,
                            subtitle_align="left"))


def render_stories(stories: list[dict], console: Console | None = None) -> None:
    """`marsad stories`: one table per story, its articles earliest first."""
    console = console or Console()
    if not stories:
        console.print("no story has two articles or more")
        return
    for story in stories:
        seen = story["first_seen"] if story["first_seen"] == story["last_seen"] else \
            f"{story['first_seen']} – {story['last_seen']}"
        table = _kv_table(f"story {story['story']} · {story['label']}\n{story['articles']} articles · "
                          f"{story['outlets']} outlets · {seen or 'undated'}\n{' · '.join(story['outlet_names'])}")
        table.add_column("published", width=10)
        table.add_column("outlet")
        table.add_column("id")
        table.add_column("title", justify="right", ratio=1)
        for m in story["members"]:
            title = Text(m["title"] or "", justify="right", style="dim" if m["duplicate"] else "")
            table.add_row((m["published"] or "")[:10], m["outlet"] or "", m["id"], title)
        console.print(table)


def render_entities(entities: list[dict], console: Console | None = None) -> None:
    """`marsad entities`: one row per entity of the store-wide index."""
    console = console or Console()
    if not entities:
        console.print("no entity has this name")
        return
    table = _kv_table(f"{len(entities)} entities")
    table.add_column("type", width=5)
    table.add_column("articles", justify="right", width=8)
    table.add_column("mentions", justify="right", width=8)
    table.add_column("aliases", justify="right", ratio=1)
    table.add_column("name", justify="right")
    for e in entities:
        table.add_row(e["label"], str(e["articles"]), str(e["mentions"]), Text("، ".join(e["aliases"][:8]),
                      justify="right", style="dim"), Text(e["name"], justify="right"))
    console.print(table)


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

    if article.removed:
        console.print(removed_table(article.removed))

    for title, key, columns in (
        ("entities", "entities", (("label", "label"), ("canonical", "canonical"))),
        ("amounts", "quantities", (("kind", "kind"), ("value", "value"), ("unit", "unit"))),
        ("dates", "dates", (("value", "value"), ("relative", "relative"), ("calendar", "calendar"))),
    ):
        items = d[key]
        if not items:
            continue
        table = _kv_table(f"{title} · {len(items)}")
        for name, _ in columns:
            table.add_column(name, justify="right" if name == "value" else "left")
        table.add_column("text", justify="right", ratio=1)
        for item in items:
            table.add_row(*[_cell(k, item.get(k)) for _, k in columns], item["text"])
        console.print(table)

    if d["checks"]:
        table = _kv_table(f"arithmetic checks · {len(d['checks'])}")
        for name in ("kind", "claimed", "computed", "agrees", "from → to", "paired by"):
            table.add_column(name)
        quantities = d["quantities"]
        for c in d["checks"]:
            a, b = quantities[c["quantities"][0]]["value"], quantities[c["quantities"][-1]]["value"]
            table.add_row(c["kind"], f"{c['claimed']:g}", f"{c['computed']:g}",
                          Text("yes" if c["consistent"] else "no", style="green" if c["consistent"] else "red"),
                          f"{_cell('value', a)} → {_cell('value', b)}", c.get("evidence") or "")
        console.print(table)

    if d["statements"]:
        table = _kv_table(f"who said what · {len(d['statements'])}")
        table.add_column("speaker", justify="right")
        table.add_column("verb", justify="right")
        table.add_column("how", justify="right")
        table.add_column("content", justify="right", ratio=1, overflow="fold")
        for s in d["statements"]:
            speaker = s["speaker_canonical"] or (s["speaker"] or {}).get("text") or "—"
            how = " · ".join(x for x in (s["channel"], f"عبر {s['via']}" if s["via"] else None,
                                          "اقتباس مباشر" if s["direct_quote"] else None) if x)
            table.add_row(speaker, s["verb"]["text"], how, s["content"]["text"])
        console.print(table)

    if d["events"]:
        table = _kv_table(f"who did what with whom · {len(d['events'])}")
        table.add_column("type", width=9)
        table.add_column("mode", width=8)
        table.add_column("actors", justify="right")
        table.add_column("trigger", justify="right")
        table.add_column("targets", justify="right")
        table.add_column("where · about", justify="right", ratio=1, overflow="fold")
        for e in d["events"]:
            about = " · ".join(([e["location"]] if e["location"] else []) + e["topics"][:4])
            table.add_row(e["type"], e["mode"] or "", "، ".join(e["actors"]), e["trigger"]["text"],
                          "، ".join(e["targets"]), about)
        console.print(table)
