"""A person's career as a timeline, drawn with matplotlib: one lane per role, a bar per stint labelled with its
team, loans hatched, honours, finals and milestones as markers on the stint they belong to.

A date is drawn as precise as it is known. A start or end known only to the year or month fades across every
day it may be; an ongoing spell runs open to the right edge, ending in an arrow; an end (or start) that no
source gives fades out behind a dotted outline and a question mark. Each stint's bar has the SVG id
`stint-<stint_id>`, and its uncertain parts `stint-<stint_id>-start-uncertain` / `-end-uncertain` (a partial
date), `-start-unknown` / `-end-unknown` (no date) and `-ongoing`, so that tests and readers can find them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.textpath import TextToPath
from matplotlib.ticker import MultipleLocator

from scripts.career import Career, Event, Span, career

# One figure style for every run and machine: the font matplotlib ships, text as paths, fixed SVG ids.
STYLE = {"font.family": "DejaVu Sans", "font.size": 8, "svg.fonttype": "path", "svg.hashsalt": "football-careers",
         "hatch.linewidth": 0.8, "axes.linewidth": 0.6, "xtick.major.width": 0.6, "ytick.major.size": 0}
# Sizes in inches: the layout is computed, not fitted, so labels can be placed before anything is drawn.
WIDTH, LEFT, RIGHT, TOP, AXIS, LEGEND_ROW = 9.0, 1.35, 0.3, 0.4, 0.3, 0.2
ROW, LANE_GAP = 0.34, 0.1  # a row holds a label above a bar; lanes are one or more rows
BAR_TOP, BAR_BOTTOM, LABEL_BASE = 0.5, 0.9, 0.44  # within a row (0 at its top, 1 at its bottom)
LABEL_SIZE, LABEL_GAP = 7, 4.0  # points
FADE_STEPS = 10
UNKNOWN_YEARS = 1.0  # how far past what is known a spell with no start or end date is drawn
ROLE_COLOURS = {"player": "#0072B2", "head_coach": "#D55E00", "caretaker_coach": "#E69F00",
                "assistant_coach": "#009E73", "technical_staff": "#56B4E9", "youth_coach": "#CC79A7",
                "youth_coordinator": "#AA4499", "sporting_director": "#555555"}
RESULT_MARKERS = {"winner": ("*", "#F2C200", 9, "won"), "runner_up": ("o", "#B8B8B8", 5.5, "runner-up"),
                  "third_place": ("o", "#C07A3A", 5.5, "third")}
HONOURS_LANE = "honours"


def svg_text(frames: dict[str, pd.DataFrame], person_id: str) -> str:
    """The timeline as SVG text; the same data gives the same bytes on every run."""
    return career_svg(career(frames, person_id))


def career_svg(person: Career) -> str:
    buffer = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        draw(person).savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue().decode("utf-8")


def write(frames: dict[str, pd.DataFrame], person_id: str, path: Path) -> None:
    """Write the timeline as .svg or .png (for places that need a bitmap)."""
    from scripts import atomic

    if path.suffix == ".svg":
        atomic.write_text(path, svg_text(frames, person_id))
        return
    if path.suffix != ".png":
        raise ValueError(f"a timeline is written as .svg or .png, not {path.suffix or 'a file without suffix'}")
    buffer = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        figure(frames, person_id).savefig(buffer, format="png", dpi=150, metadata={"Software": None})
    atomic.write_bytes(path, buffer.getvalue())


def figure(frames: dict[str, pd.DataFrame], person_id: str) -> Figure:
    with matplotlib.rc_context(STYLE):
        return draw(career(frames, person_id))


@dataclass
class Bar:
    """A span in axis units (decimal years): where it may begin and end, and what of it is certain."""

    span: Span
    left: float  # the earliest it may begin
    solid_from: float  # from here ...
    solid_to: float  # ... to here it certainly ran
    right: float  # the latest it may end (the right edge for an ongoing spell)
    label_x: float = 0.0
    row: int = 0  # counted from the top of the figure


def draw(person: Career) -> Figure:
    first, last = _extent(person)
    axis_width = WIDTH - LEFT - RIGHT
    lanes, bars = _lay_out(person, first, last, axis_width)
    rows = sum(count for _, count in lanes)
    kinds = _legend_kinds(person, bars)
    legend_rows = -(-len(kinds) // 4)
    height = TOP + max(rows, 1) * ROW + max(len(lanes) - 1, 0) * LANE_GAP + AXIS + legend_rows * LEGEND_ROW + 0.1
    fig = Figure(figsize=(WIDTH, height), dpi=100)
    ax = fig.add_axes((LEFT / WIDTH, (AXIS + legend_rows * LEGEND_ROW + 0.1) / height, axis_width / WIDTH,
                       (height - TOP - AXIS - legend_rows * LEGEND_ROW - 0.1) / height))
    ax.set_autoscale_on(False)  # the limits are set once, at the end
    tops = _lane_tops(lanes)
    _draw_lanes(ax, lanes, tops, first, last)
    for bar in bars:
        _draw_bar(ax, bar, tops)
    _draw_events(ax, person, bars, lanes, tops)
    _draw_axis(ax, first, last, tops, lanes)
    fig.text(LEFT / WIDTH, 1 - 0.12 / height, f"{person.name}: career", fontsize=10, fontweight="bold", va="top")
    _draw_legend(fig, kinds, height)
    return fig


def _extent(person: Career) -> tuple[float, float]:
    """The years the axis spans: every possible day of every spell and event, with room at the edges."""
    points = []
    for span in person.spans:
        for bound in (span.start, span.end):
            if bound is not None:
                points += [_year(bound.earliest), _year(bound.latest, end=True)]
        if span.ongoing:
            points.append(_year(person.as_of) + 1)
        elif span.end is None and span.start is not None:
            points.append(_year(span.start.latest, end=True) + UNKNOWN_YEARS)
        elif span.start is None and span.end is not None:
            points.append(_year(span.end.earliest) - UNKNOWN_YEARS)
    points += [_year(event.day) for event in person.events]
    if not points:
        points = [_year(person.as_of) - 1, _year(person.as_of)]
    return float(int(min(points))) - 0.5, float(int(max(points)) + 1) + 0.5


def _year(day: pd.Timestamp, end: bool = False) -> float:
    """A day as a decimal year; `end` gives the end of that day, so that a year runs from 1991.0 to 1992.0."""
    day = day + pd.Timedelta(days=1) if end else day
    days_in_year = 366 if day.is_leap_year else 365
    return day.year + (day.dayofyear - 1) / days_in_year


def _bar(span: Span, first: float, last: float, as_of: pd.Timestamp) -> Bar:
    start, end = span.start, span.end
    if start is None and end is None:  # nowhere to put it: a short dotted box at the left edge
        return Bar(span, first, first, first, first + UNKNOWN_YEARS)
    left = _year(start.earliest) if start else _year(end.earliest) - UNKNOWN_YEARS
    solid_from = _year(start.latest) if start else _year(end.earliest)
    if end is not None:
        solid_to, right = _year(end.earliest, end=True), _year(end.latest, end=True)
    elif span.ongoing:
        solid_to, right = max(solid_from, _year(as_of, end=True)), last
    else:
        solid_to, right = solid_from, solid_from + UNKNOWN_YEARS
    if start is not None and start.precision == "day":
        solid_from = left
    if solid_from > solid_to:  # start and end in one year or month: meet in the middle of what is possible
        solid_from = solid_to = max(left, min(right, (solid_from + solid_to) / 2))
    return Bar(span, left, solid_from, solid_to, right)


def _lay_out(person: Career, first: float, last: float, axis_width: float) -> tuple[list[tuple[str, int]], list[Bar]]:
    """Lanes (role, number of rows) in career order, and each bar placed in a row where neither it nor its label
    overlaps another."""
    years_per_point = (last - first) / (axis_width * 72)
    text = TextToPath()
    font = FontProperties(family="DejaVu Sans", size=LABEL_SIZE)
    lanes, bars, row = [], [], 0
    for role in person.roles:
        placed: list[float] = []  # per row of this lane, where it is free from
        in_lane = [_bar(s, first, last, person.as_of) for s in person.spans if s.role == role]
        for bar in sorted(in_lane, key=lambda b: (b.left, b.right, b.span.stint_id)):
            width = text.get_text_width_height_descent(_label(bar.span), font, ismath=False)[0] * years_per_point
            bar.label_x = max(bar.left, first + 0.05)
            if bar.label_x + width > last:
                bar.label_x = max(first, bar.right - width)
            begins = min(bar.left, bar.label_x)
            ends = max(bar.right, bar.label_x + width) + LABEL_GAP * years_per_point
            free = next((i for i, free_from in enumerate(placed) if free_from <= begins), len(placed))
            placed[free:free + 1] = [ends]
            bar.row = row + free
            bars.append(bar)
        lanes.append((role, len(placed)))
        row += len(placed)
    if any(event.stint_id is None for event in person.events):
        lanes.append((HONOURS_LANE, 1))
    return lanes, bars


def _lane_tops(lanes: list[tuple[str, int]]) -> list[float]:
    """The y of each row's top, in row units from the top of the axes, with a gap between lanes."""
    tops = []
    for index, (_, count) in enumerate(lanes):
        start = len(tops) + index * LANE_GAP / ROW
        tops += [start + i for i in range(count)]
    return tops


def _label(span: Span) -> str:
    return f"{span.team} (loan)" if span.on_loan else span.team


def _draw_lanes(ax, lanes: list[tuple[str, int]], tops: list[float], first: float, last: float) -> None:
    row = 0
    for index, (_, count) in enumerate(lanes):
        top, bottom = tops[row], tops[row + count - 1] + 1
        if index % 2 == 0:
            ax.add_patch(Rectangle((first, top), last - first, bottom - top, facecolor="#F3F3F3", edgecolor="none",
                                   zorder=0))
        row += count


def _draw_bar(ax, bar: Bar, tops: list[float]) -> None:
    span, top = bar.span, tops[bar.row]
    colour = ROLE_COLOURS.get(span.role, "#555555")
    y, height = top + BAR_TOP, BAR_BOTTOM - BAR_TOP
    gid = f"stint-{span.stint_id}"
    ax.add_patch(Rectangle((bar.solid_from, y), bar.solid_to - bar.solid_from, height, facecolor=colour,
                           edgecolor="white" if span.on_loan else "none", hatch="////" if span.on_loan else None,
                           linewidth=0, gid=gid, zorder=2))
    if bar.left < bar.solid_from:
        kind = "uncertain" if span.start is not None else "unknown"
        _fade(ax, bar.left, bar.solid_from, y, height, colour, rising=True, gid=f"{gid}-start-{kind}",
              dotted=span.start is None)
    if bar.solid_to < bar.right:
        if span.end is not None:
            _fade(ax, bar.solid_to, bar.right, y, height, colour, rising=False, gid=f"{gid}-end-uncertain")
        elif span.ongoing:
            _fade(ax, bar.solid_to, bar.right, y, height, colour, rising=False, gid=f"{gid}-ongoing", lowest=0.5)
            ax.plot([bar.right], [y + height / 2], marker=">", markersize=7, color=colour, clip_on=False,
                    gid=f"{gid}-ongoing-arrow", zorder=3)
        else:
            _fade(ax, bar.solid_to, bar.right, y, height, colour, rising=False, gid=f"{gid}-end-unknown", dotted=True)
            ax.text(bar.right + 0.1, y + height / 2, "?", fontsize=LABEL_SIZE, va="center", color=colour,
                    gid=f"{gid}-end-unknown-mark")
    ax.text(bar.label_x, top + LABEL_BASE, _label(span), fontsize=LABEL_SIZE, va="baseline", color="#222222",
            gid=f"{gid}-label", zorder=4)


def _fade(ax, start: float, end: float, y: float, height: float, colour: str, *, rising: bool, gid: str,
          dotted: bool = False, lowest: float = 0.08) -> None:
    """A bar whose colour fades across [start, end]: the span may have begun or ended on any of those days.

    The fade is nested rectangles, all anchored at the certain end: overlapping, they leave no seams between
    steps, and each one's opacity is chosen so that the steps go down evenly to `lowest`."""
    wanted = [1 - (1 - lowest) * (step + 1) / (FADE_STEPS + 1) for step in range(FADE_STEPS)] + [0.0]
    alphas = [1 - (1 - wanted[step]) / (1 - wanted[step + 1]) for step in range(FADE_STEPS)]
    rgb = matplotlib.colors.to_rgb(colour)
    cells = []
    for step in range(FADE_STEPS):
        width = (end - start) * (step + 1) / FADE_STEPS
        left = end - width if rising else start
        cells.append([(left, y), (left + width, y), (left + width, y + height), (left, y + height)])
    ax.add_collection(PolyCollection(cells, facecolors=[(*rgb, a) for a in alphas], edgecolors="none",
                                     linewidths=0, gid=gid, zorder=2), autolim=False)
    if dotted:
        ax.add_patch(Rectangle((start, y), end - start, height, facecolor="none", edgecolor=colour,
                               linestyle=(0, (1, 1.5)), linewidth=0.8, gid=f"{gid}-outline", zorder=2))


def _draw_events(ax, person: Career, bars: list[Bar], lanes: list[tuple[str, int]], tops: list[float]) -> None:
    rows = {bar.span.stint_id: bar.row for bar in bars}
    spare_row = len(tops) - 1 if lanes and lanes[-1][0] == HONOURS_LANE else None
    for event in person.events:
        row = rows.get(event.stint_id, spare_row)
        # A milestone points down at the top of the bar, so that an honour on the same day leaves it visible.
        y = tops[row] + (BAR_TOP if event.kind == "milestone" else (BAR_TOP + BAR_BOTTOM) / 2)
        marker, colour, size, _ = _marker(event)
        ax.plot([_year(event.day) + 0.5 / 366], [y], marker=marker, markersize=size, markerfacecolor=colour,
                markeredgecolor="#333333", markeredgewidth=0.6, linestyle="none", gid=f"{event.kind}-{event.event_id}",
                zorder=5)


def _marker(event: Event) -> tuple[str, str, float, str]:
    if event.kind == "honour":
        return RESULT_MARKERS.get(event.result, RESULT_MARKERS["winner"])
    if event.kind == "final":
        return "D", "white", 4.5, "final played"
    return "v", "#333333", 4.5, "milestone"


def _draw_axis(ax, first: float, last: float, tops: list[float], lanes: list[tuple[str, int]]) -> None:
    ax.set_xlim(first, last)
    ax.set_ylim(tops[-1] + 1 if tops else 1, 0)
    years = last - first
    ax.xaxis.set_major_locator(MultipleLocator(10 if years > 50 else 5 if years > 20 else 2 if years > 8 else 1))
    # A mark for every year, drawn as one collection: matplotlib's minor ticks cost a third of the drawing time.
    bottom = tops[-1] + 1 if tops else 1
    ax.add_collection(LineCollection([[(year, bottom - 0.12), (year, bottom)]
                                      for year in range(int(first) + 1, int(last) + 1)],
                                     colors="#999999", linewidths=0.5, zorder=1), autolim=False)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda value, _: f"{value:.0f}"))
    ax.grid(axis="x", which="major", color="#DDDDDD", linewidth=0.6, zorder=1)
    ax.set_axisbelow(True)
    centres, row = [], 0
    for _, count in lanes:
        centres.append((tops[row] + tops[row + count - 1] + 1) / 2)
        row += count
    ax.set_yticks(centres, [role.replace("_", " ") for role, _ in lanes])
    ax.tick_params(axis="y", length=0, labelsize=8)
    ax.tick_params(axis="x", labelsize=7)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)


def _legend_kinds(person: Career, bars: list[Bar]) -> list[tuple[object, str]]:
    """The legend's entries, only for what this timeline shows."""
    spans = [bar.span for bar in bars]
    entries = [(Patch(facecolor="#777777"), "dates known")]
    if any((s.start and s.start.precision != "day") or (s.end and s.end.precision != "day") for s in spans):
        entries.append((Patch(facecolor="#777777", alpha=0.35), "fades: known to the year or month"))
    if any(s.on_loan for s in spans):
        entries.append((Patch(facecolor="#777777", hatch="////", edgecolor="white"), "loan"))
    if any(s.ongoing for s in spans):
        entries.append((Line2D([], [], marker=">", color="#777777", linestyle="none"), "ongoing"))
    if any((s.end is None and not s.ongoing) or s.start is None for s in spans):
        entries.append((Patch(facecolor="none", edgecolor="#777777", linestyle=(0, (1, 1.5))), "? date unknown"))
    seen = {}
    for event in person.events:
        marker, colour, size, text = _marker(event)
        seen.setdefault(text, Line2D([], [], marker=marker, markersize=size, markerfacecolor=colour,
                                     markeredgecolor="#333333", markeredgewidth=0.6, linestyle="none"))
    return entries + [(handle, text) for text, handle in seen.items()]


def _draw_legend(fig: Figure, kinds: list[tuple[object, str]], height: float) -> None:
    fig.legend([handle for handle, _ in kinds], [text for _, text in kinds], loc="lower left", ncols=4,
               bbox_to_anchor=(LEFT / WIDTH - 0.01, 0.02 / height), frameon=False, fontsize=7, handlelength=1.6,
               columnspacing=1.4, borderaxespad=0)
