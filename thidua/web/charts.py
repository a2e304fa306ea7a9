"""Chart geometry for the dashboards: pure, Decimal throughout, no Django import.

Templates draw the SVG from these coordinates; every number a reader sees (a bar's value, a
tick, a legend's range) stays a Decimal and is formatted by the template in the reader's
language, so nothing shown goes through a float. Coordinates are SVG user units rounded to a
tenth, which is finer than any screen shows.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import lru_cache

ZERO = Decimal(0)
TENTH = Decimal("0.1")
CENT = Decimal("0.01")
# Round steps for an axis: 1, 2, 2.5 and 5 times a power of ten.
_MANTISSAS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))

# Sequential reds (ColorBrewer "Reds", 5 classes) for the tile map, light to dark; the text on
# each tile is dark or white, whichever contrasts more (see ``text_colour``).
PALETTE = ("#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15")
NO_DATA = "#d9d9d9"
DARK_TEXT = "#1a1a1a"
LIGHT_TEXT = "#ffffff"
BAR_FILL = "#b71c1c"


def _at(value: Decimal) -> Decimal:
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


def nice_step(reach: Decimal, most: int = 5) -> Decimal:
    """The smallest round step that covers ``reach`` in at most ``most`` steps."""
    if reach <= 0:
        return Decimal(1)
    rough = reach / most
    power = Decimal(1).scaleb(rough.adjusted())
    for mantissa in _MANTISSAS:
        step = mantissa * power
        if step * most >= reach:
            return step.normalize()
    return (Decimal(10) * power).normalize()  # pragma: no cover - 10 always covers


def axis_top(maximum: Decimal, most: int = 5) -> tuple[Decimal, Decimal]:
    """(top, step): the axis runs from 0 to ``top``, a whole number of round steps."""
    step = nice_step(maximum, most)
    steps = max(1, int((maximum / step).to_integral_value(rounding=ROUND_CEILING)))
    return step * steps, step


# --- horizontal bar chart ---------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None  # None: no figure, so no bar and a dash
    y: Decimal
    text_y: Decimal
    width: Decimal
    value_x: Decimal  # where the value is written, just after the bar


@dataclass(frozen=True)
class XTick:
    x: Decimal
    value: Decimal


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    plot_x: int
    plot_width: int
    axis_y: Decimal
    tick_label_y: Decimal
    label_x: int  # labels end here, left of the plot
    bar_height: int
    bars: list[Bar]
    ticks: list[XTick]
    reference_x: Decimal | None  # the line of a reference value (100 % of a target)
    fill: str = BAR_FILL


def bar_chart(
    items: Sequence[tuple[str, Decimal | None]],
    *,
    reference: Decimal | None = None,
    width: int = 760,
    label_width: int = 260,
    value_width: int = 80,
    bar_height: int = 20,
    gap: int = 8,
    top: int = 10,
) -> BarChart:
    """One bar per item, on an axis from 0 that reaches the largest value (and the reference):
    each bar's width is its value's share of the axis, so widths are proportional to values."""
    plot_width = width - label_width - value_width
    known = [value for _, value in items if value is not None]
    reach = max([*known, reference or ZERO, ZERO])
    axis_max, step = axis_top(reach if reach > 0 else Decimal(1))
    bars = []
    for i, (label, value) in enumerate(items):
        y = Decimal(top + i * (bar_height + gap))
        shown = max(ZERO, value) if value is not None else ZERO
        bar_width = _at(min(shown, axis_max) * plot_width / axis_max)
        bars.append(
            Bar(
                label=label,
                value=value,
                y=y,
                text_y=y + Decimal(bar_height) / 2 + 5,
                width=bar_width,
                value_x=label_width + bar_width + 6,
            )
        )
    axis_y = Decimal(top + len(items) * (bar_height + gap))
    count = int(axis_max / step)
    ticks = [
        XTick(x=_at(label_width + step * k * plot_width / axis_max), value=step * k)
        for k in range(count + 1)
    ]
    reference_x = None
    if reference is not None and reference > 0:
        reference_x = _at(label_width + reference * plot_width / axis_max)
    return BarChart(
        width=width,
        height=int(axis_y) + 24,
        plot_x=label_width,
        plot_width=plot_width,
        axis_y=axis_y,
        tick_label_y=axis_y + 16,
        label_x=label_width - 8,
        bar_height=bar_height,
        bars=bars,
        ticks=ticks,
        reference_x=reference_x,
    )


# --- line chart over the years ------------------------------------------------------------------


@dataclass(frozen=True)
class LinePoint:
    year: int
    value: Decimal
    x: Decimal
    y: Decimal
    label_y: Decimal


@dataclass(frozen=True)
class YTick:
    y: Decimal
    label_y: Decimal
    value: Decimal


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    plot_x: int
    plot_right: int
    plot_top: int
    axis_y: int
    year_label_y: int
    tick_label_x: int
    points: list[LinePoint]
    segments: list[str]  # SVG polyline "x,y x,y …"; a missing year breaks the line
    ticks: list[YTick]


def _y_tick(y: Decimal, value: Decimal) -> YTick:
    return YTick(y=_at(y), label_y=_at(y) + 4, value=value)


def line_chart(
    series: Sequence[tuple[int, Decimal]],
    *,
    width: int = 760,
    height: int = 300,
    left: int = 70,
    right: int = 30,
    top: int = 24,
    bottom: int = 36,
    inset: int = 40,
) -> LineChart:
    """Years along the bottom at their true distance, values up from 0; the first and last
    years stand ``inset`` in from the plot's edges so that their labels clear the axis."""
    points_in = sorted(series)
    plot_width = width - left - right
    span_width = plot_width - 2 * inset
    plot_height = height - top - bottom
    axis_y = top + plot_height
    reach = max([value for _, value in points_in] + [ZERO])
    axis_max, step = axis_top(reach if reach > 0 else Decimal(1), most=4)
    first = points_in[0][0] if points_in else 0
    span = (points_in[-1][0] - first) if points_in else 0
    points = []
    for year, value in points_in:
        share = Decimal(year - first) / span if span else Decimal("0.5")
        y = _at(axis_y - max(value, ZERO) * plot_height / axis_max)
        points.append(
            LinePoint(year, value, _at(left + inset + share * span_width), y, label_y=y - 8)
        )
    segments: list[list[LinePoint]] = []
    for point in points:
        if segments and segments[-1][-1].year == point.year - 1:
            segments[-1].append(point)
        else:
            segments.append([point])
    count = int(axis_max / step)
    return LineChart(
        width=width,
        height=height,
        plot_x=left,
        plot_right=left + plot_width,
        plot_top=top,
        axis_y=axis_y,
        year_label_y=axis_y + 18,
        tick_label_x=left - 8,
        points=points,
        segments=[" ".join(f"{p.x},{p.y}" for p in run) for run in segments if len(run) > 1],
        ticks=[
            _y_tick(axis_y - step * k * plot_height / axis_max, step * k) for k in range(count + 1)
        ],
    )


# --- the tile map of the provinces --------------------------------------------------------------


def relative_luminance(colour: str) -> Decimal:
    """WCAG 2 relative luminance of a "#rrggbb" colour."""
    channels = []
    for i in (1, 3, 5):
        c = Decimal(int(colour[i : i + 2], 16)) / 255
        if c <= Decimal("0.04045"):
            channels.append(c / Decimal("12.92"))
        else:
            channels.append(((c + Decimal("0.055")) / Decimal("1.055")) ** Decimal("2.4"))
    red, green, blue = channels
    return Decimal("0.2126") * red + Decimal("0.7152") * green + Decimal("0.0722") * blue


def contrast(first: str, second: str) -> Decimal:
    """WCAG 2 contrast ratio; text needs 4.5 or more."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + Decimal("0.05")) / (b + Decimal("0.05"))


@lru_cache(maxsize=64)
def text_colour(fill: str) -> str:
    """Dark or white text, whichever reads better on ``fill`` (a handful of fills exist, and
    the Decimal power of the luminance is slow, so each is worked out once)."""
    return max((DARK_TEXT, LIGHT_TEXT), key=lambda text: contrast(fill, text))


def class_edges(values: Sequence[Decimal], count: int = len(PALETTE)) -> list[Decimal]:
    """Edges of equal-width classes from the smallest value to the largest: ``count`` + 1
    of them, inner ones rounded down to cents (to units when every value is whole); fewer when
    the range is narrower than that rounding; one class when every value is the same."""
    if not values:
        return []
    low, high = min(values), max(values)
    if low == high:
        return [low, high]
    width = (high - low) / count
    # Whole counts get whole edges: a legend of "1099,20 – 1675,40" people reads as noise.
    place = CENT if any(v != v.to_integral_value() for v in values) else Decimal(1)
    inner = [(low + width * k).quantize(place, rounding=ROUND_FLOOR) for k in range(1, count)]
    # A range narrower than the rounding collapses edges onto each other or onto the lowest
    # value: keep each edge once, strictly inside, so the lowest value stays in the first class.
    kept = [edge for edge in dict.fromkeys(inner) if low < edge < high]
    return [low, *kept, high]


def class_of(value: Decimal, edges: Sequence[Decimal]) -> int:
    """The class of a value: the last edge at or below it (the top class holds the maximum)."""
    classes = len(edges) - 1
    for k in range(classes - 1, 0, -1):
        if value >= edges[k]:
            return k
    return 0


@dataclass(frozen=True)
class TileSpec:
    code: str
    row: int
    col: int
    short_name: str


@dataclass(frozen=True)
class Tile:
    code: str
    short_name: str
    value: Decimal | None
    klass: int | None  # None: no data
    x: int
    y: int
    centre_x: int
    name_y: int
    value_y: int
    fill: str
    text_fill: str


@dataclass(frozen=True)
class LegendEntry:
    low: Decimal | None  # None: the "no data" entry
    high: Decimal | None
    fill: str
    y: int
    text_y: int


@dataclass(frozen=True)
class TileMap:
    width: int
    height: int
    tile_width: int
    tile_height: int
    tiles: list[Tile]
    legend_x: int
    legend: list[LegendEntry]


def _fills(classes: int) -> list[str]:
    """Colours of ``classes`` classes spread over the palette (one class: its middle)."""
    if classes <= 1:
        return [PALETTE[len(PALETTE) // 2]]
    last, spread = len(PALETTE) - 1, classes - 1
    return [PALETTE[(k * last + spread // 2) // spread] for k in range(classes)]


def tile_map(
    specs: Sequence[TileSpec],
    values: Mapping[str, Decimal | None],
    *,
    tile_width: int = 84,
    tile_height: int = 46,
    gap: int = 4,
    legend_width: int = 200,
) -> TileMap:
    """One tile per province at its place in the grid, coloured by its value's class."""
    known = [v for spec in specs if (v := values.get(spec.code)) is not None]
    edges = class_edges(known)
    fills = _fills(len(edges) - 1)
    tiles = []
    for spec in specs:
        value = values.get(spec.code)
        klass = class_of(value, edges) if value is not None else None
        fill = fills[klass] if klass is not None else NO_DATA
        x, y = spec.col * (tile_width + gap), spec.row * (tile_height + gap)
        tiles.append(
            Tile(
                code=spec.code,
                short_name=spec.short_name,
                value=value,
                klass=klass,
                x=x,
                y=y,
                centre_x=x + tile_width // 2,
                name_y=y + 19,
                value_y=y + 36,
                fill=fill,
                text_fill=text_colour(fill),
            )
        )
    columns = max((s.col for s in specs), default=0) + 1
    rows = max((s.row for s in specs), default=0) + 1
    legend_x = columns * (tile_width + gap) + 16
    legend = [
        LegendEntry(edges[k], edges[k + 1], fills[k], y=24 + k * 22, text_y=24 + k * 22 + 13)
        for k in range(len(edges) - 1)
    ]
    last = 24 + len(legend) * 22
    legend.append(LegendEntry(None, None, NO_DATA, y=last, text_y=last + 13))
    return TileMap(
        width=legend_x + legend_width,
        height=rows * (tile_height + gap),
        tile_width=tile_width,
        tile_height=tile_height,
        tiles=tiles,
        legend_x=legend_x,
        legend=legend,
    )
