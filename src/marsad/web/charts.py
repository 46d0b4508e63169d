"""Chart geometry for server-side SVG: attention over time (bars for counts, a line for the share of all
articles) and horizontal bars. Only numbers are computed here; the templates draw them, escaping every label.

Time runs from right to left, as the page reads: the first period is at the right edge.
"""

from __future__ import annotations

WIDTH, HEIGHT = 720, 200
PAD_TOP, PAD_BOTTOM, PAD_SIDE = 12, 28, 8
MIN_SLOTS = 14


def timeline_chart(timeline: dict) -> dict | None:
    points = timeline.get("points") or []
    if not points:
        return None
    inner_w = WIDTH - 2 * PAD_SIDE
    inner_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    slot = inner_w / max(len(points), MIN_SLOTS)  # a lone day is a bar, not a wall
    gap = min(2.0, slot * 0.2)
    top = max(p["count"] for p in points) or 1
    top_share = max(p["share"] for p in points) or 1.0
    bars, line = [], []
    for i, p in enumerate(points):
        x = WIDTH - PAD_SIDE - (i + 1) * slot  # right to left
        h = inner_h * p["count"] / top
        bars.append({"x": round(x + gap / 2, 2), "y": round(PAD_TOP + inner_h - h, 2),
                     "w": round(max(slot - gap, 0.5), 2), "h": round(h, 2), **p})
        line.append(f"{x + slot / 2:.2f},{PAD_TOP + inner_h - inner_h * p['share'] / top_share:.2f}")
    return {"width": WIDTH, "height": HEIGHT, "bars": bars, "line": " ".join(line),
            "baseline": PAD_TOP + inner_h, "max": top, "max_share": top_share,
            "first": points[0]["start"], "last": points[-1]["start"], "bucket": timeline["bucket"],
            "label_y": HEIGHT - 8, "right": WIDTH - PAD_SIDE,
            "left": round(WIDTH - PAD_SIDE - len(points) * slot, 2)}


def bar_width(value: float, top: float, width: float = 90) -> float:
    """The length of a horizontal bar for `value` on a scale whose longest bar is `top`."""
    return round(width * value / top, 1) if top else 0.0
