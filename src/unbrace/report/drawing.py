"""Hand-written SVG for the charts: colours, sizes, the canvas, scales, axes and dates.

The shared kit of `charts.py` (the insights) and `ladder_charts.py` (the ladder); why the charts
are drawn by hand and how they read everywhere is told in `charts.py`.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from unbrace.core.words import counted

# Okabe & Ito (2008), "Color Universal Design": told apart with the common colour-vision
# deficiencies. The two vividness lines also differ by dash, and dots, lines, bars and bands by
# form, so a grey printout still reads.
BLUE = "#0072B2"
ORANGE = "#E69F00"
VERMILION = "#D55E00"
GREEN = "#009E73"
GREY = "#8C8C8C"
INK = "#333333"
MUTED = "#555555"
GRID = "#E4E4E4"
AXIS = "#9A9A9A"

# Local fonts only: the SVG names families, the reader's own system draws them.
FONT = "Helvetica, Arial, Liberation Sans, DejaVu Sans, sans-serif"
WIDTH = 560  # wide plot area; with the axes 640 px, the text width of an A4 or Letter page
WIDE, NARROW = 640, 340  # whole picture, in CSS pixels
TEXT, SMALL, TITLE = 13, 12, 15  # font sizes
AVERAGE_CHAR = 0.56  # a Helvetica character is about this share of the font size wide


@dataclass(frozen=True)
class Chart:
    """One chart: SVG at page width and at phone width, and the sentence saying what it shows."""

    key: str
    title: str
    svg: str
    text: str
    narrow: str = ""


def long_date(day: dt.date) -> str:
    """3 March 2026: day first, month in words, readable the same way everywhere."""
    return f"{day.day} {day:%B %Y}"


def count(number: int, word: str) -> str:
    """1 week, 2 weeks: the plural only where it belongs (the shared rule in core/words)."""
    return counted(number, word)


def signed(value: float) -> str:
    """+0.4 or −1.2, with a true minus sign that cannot be lost in print."""
    return f"{value:+.1f}".replace("-", "\N{MINUS SIGN}")


def parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


# --- drawing ------------------------------------------------------------------------------


def pt(value: float) -> str:
    """Coordinates to a tenth of a pixel: enough for the eye, short in the file."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _attrs(values: Mapping[str, Any]) -> str:
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{html.escape(str(value), quote=True)}"'
        for name, value in values.items()
        if value is not None
    )


def wrap(text: str, width: float, size: int) -> list[str]:
    """Words into lines no wider than ``width`` pixels (estimated: SVG text cannot wrap)."""
    per_line = max(10, int(width / (size * AVERAGE_CHAR)))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


@dataclass
class Canvas:
    """An SVG picture being drawn; ``parts`` are its elements in painting order."""

    width: int
    key: str
    variant: str
    parts: list[str] = field(default_factory=list)

    def add(self, tag: str, content: str | None = None, **attrs: Any) -> None:
        opening = f"<{tag}{_attrs(attrs)}"
        if content is None:
            self.parts.append(opening + "/>")
        else:
            self.parts.append(f"{opening}>{html.escape(content, quote=False)}</{tag}>")

    def text(
        self, x: float, y: float, words: str, *, role: str = "ink", size: int = TEXT, **attrs: Any
    ) -> None:
        colour = {"ink": INK, "muted": MUTED}.get(role, INK)
        self.add("text", words, x=pt(x), y=pt(y), font_size=size, fill=colour, class_=role, **attrs)

    def heading(self, title: str, subtitle: str) -> float:
        """Title and a wrapped subtitle at the top; returns the height they take."""
        self.text(0, TITLE, title, size=TITLE, font_weight="bold")
        y = TITLE + 6
        for line in wrap(subtitle, self.width, SMALL):
            y += SMALL + 4
            self.text(0, y, line, role="muted", size=SMALL)
        return y + 14

    def finish(self, height: float, title: str, text: str) -> str:
        ident = f"{self.key}-{self.variant}"
        head = (
            f'<svg role="img" aria-label="{html.escape(text, quote=True)}" '
            f'xmlns="http://www.w3.org/2000/svg" class="chart-svg chart-{self.variant}" '
            f'width="{self.width}" height="{pt(height)}" viewBox="0 0 {self.width} {pt(height)}" '
            f'font-family="{FONT}">'
            f'<title id="{ident}-title">{html.escape(title, quote=False)}</title>'
            f'<desc id="{ident}-desc">{html.escape(text, quote=False)}</desc>'
        )
        return head + "".join(self.parts) + "</svg>"


@dataclass(frozen=True)
class Linear:
    """Maps a value range onto pixels."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return self.start + (value - self.low) / span * (self.end - self.start)


def y_axis(canvas: Canvas, y: Linear, ticks: Iterable[float], *, left: float, right: float) -> None:
    for value in ticks:
        at = y(value)
        canvas.add(
            "line", x1=pt(left), x2=pt(right), y1=pt(at), y2=pt(at), stroke=GRID, class_="grid"
        )
        canvas.text(left - 6, at + 4, f"{value:g}", role="muted", size=SMALL, text_anchor="end")


def y_title(canvas: Canvas, words: str, *, top: float, bottom: float) -> None:
    middle = (top + bottom) / 2
    canvas.text(
        SMALL, middle, words, role="muted", size=SMALL, text_anchor="middle",
        transform=f"rotate(-90 {SMALL} {pt(middle)})",
    )  # fmt: skip


def x_labels(
    canvas: Canvas, labels: Sequence[tuple[float, str]], *, baseline: float, left: float
) -> None:
    """Labels under the plot at a regular step (every label, every second, ...) chosen so the
    widest fits between them with room to spare; any that would still overlap is dropped."""
    end = -1e9
    widest = max((len(label) * SMALL * AVERAGE_CHAR for _, label in labels), default=0.0)
    gaps = [after[0] - before[0] for before, after in pairwise(labels) if after[0] > before[0]]
    step = max(1, math.ceil((widest + 14) / min(gaps))) if gaps else 1
    for x, label in labels[::step]:
        width = len(label) * SMALL * AVERAGE_CHAR
        x = max(x, left + width / 2)
        x = min(x, canvas.width - width / 2 - 1)
        if x - width / 2 < end + 6:
            continue
        canvas.add(
            "line",
            x1=pt(x),
            x2=pt(x),
            y1=pt(baseline),
            y2=pt(baseline + 4),
            stroke=AXIS,
            class_="axis",
        )
        canvas.text(x, baseline + 18, label, role="muted", size=SMALL, text_anchor="middle")
        end = x + width / 2


def baseline_rule(canvas: Canvas, y: float, left: float, right: float) -> None:
    canvas.add("line", x1=pt(left), x2=pt(right), y1=pt(y), y2=pt(y), stroke=AXIS, class_="axis")


# --- dates on the x axis -------------------------------------------------------------------


def date_ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Days, Mondays, months or years between ``first`` and ``last``, labelled to suit the span.

    A date is never repeated: with little data the labels are days, not "Dec 2026" five times.
    """
    span = (last - first).days
    ticks: list[tuple[dt.date, str]] = []
    if span <= 13:
        day = first
        while day <= last:
            ticks.append((day, f"{day.day} {day:%b}"))
            day += dt.timedelta(days=1)
    elif span <= 120:
        day = first + dt.timedelta(days=(7 - first.weekday()) % 7)
        while day <= last:
            ticks.append((day, f"{day.day} {day:%b}"))
            day += dt.timedelta(days=7)
    elif span <= 800:
        month = dt.date(first.year, first.month, 1)
        shown_year = None
        while month <= last:
            if month >= first:
                label = f"{month:%b}" if month.year == shown_year else f"{month:%b %Y}"
                shown_year = month.year
                ticks.append((month, label))
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    else:
        for year in range(first.year + 1, last.year + 1):
            ticks.append((dt.date(year, 1, 1), str(year)))
    return ticks


@dataclass(frozen=True)
class Days:
    """Days on the x axis: each day a slot, the mark at its middle."""

    first: dt.date
    last: dt.date
    left: float
    right: float

    @property
    def slot(self) -> float:
        return (self.right - self.left) / ((self.last - self.first).days + 1)

    def __call__(self, day: dt.date) -> float:
        return self.left + ((day - self.first).days + 0.5) * self.slot

    def edge(self, day: dt.date) -> float:
        return self.left + (day - self.first).days * self.slot


@dataclass(frozen=True)
class Weeks:
    """Calendar weeks (Mondays) on the x axis as bands; few weeks get bands of a bar's width,
    centred, rather than one band stretched across the whole chart."""

    first: dt.date
    last: dt.date
    left: float
    right: float
    widest: float = 44.0

    @property
    def count(self) -> int:
        return (self.last - self.first).days // 7 + 1

    @property
    def band(self) -> float:
        return min(self.widest, (self.right - self.left) / self.count)

    @property
    def start(self) -> float:
        return self.left + ((self.right - self.left) - self.band * self.count) / 2

    def __call__(self, monday: dt.date) -> float:
        return self.start + ((monday - self.first).days // 7 + 0.5) * self.band


def week_labels(scale: Weeks) -> list[tuple[float, str]]:
    """Week bands labelled by their Monday (few weeks) or by the months and years they span."""
    last_day = scale.last + dt.timedelta(days=6)
    if scale.count <= 16:
        mondays = [scale.first + dt.timedelta(days=7 * i) for i in range(scale.count)]
        return [(scale(day), f"{day.day} {day:%b}") for day in mondays]
    out = []
    for day, label in date_ticks(scale.first, last_day):
        offset = (day - scale.first).days / 7
        out.append((scale.start + offset * scale.band, label))
    return out


def both_widths(key: str, title: str, text: str, draw: Callable[[Canvas], float]) -> Chart:
    """Draw a chart at both widths."""
    shapes = {}
    for variant, width in (("wide", WIDE), ("narrow", NARROW)):
        canvas = Canvas(width, key, variant)
        height = draw(canvas)
        shapes[variant] = canvas.finish(height, title, text)
    return Chart(key=key, title=title, svg=shapes["wide"], text=text, narrow=shapes["narrow"])
