"""Chart geometry: pure, so checked without a database, with properties where they hold."""

from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from thidua.web import charts
from thidua.web.charts import (
    NO_DATA,
    PALETTE,
    TileSpec,
    axis_top,
    bar_chart,
    class_edges,
    class_of,
    contrast,
    line_chart,
    nice_step,
    text_colour,
    tile_map,
)

D = Decimal
TOLERANCE = D("0.1")  # coordinates are rounded to a tenth


def test_axis_steps_are_round_and_reach_the_maximum() -> None:
    assert nice_step(D(1722)) == D(500)
    assert axis_top(D(1722)) == (D(2000), D(500))
    assert axis_top(D("11.14")) == (D("12.5"), D("2.5"))
    assert axis_top(D(100)) == (D(100), D(20))
    assert axis_top(D("0.3")) == (D("0.3"), D("0.1"))
    assert axis_top(D("0.31")) == (D("0.4"), D("0.1"))


@given(st.decimals(min_value=D("0.01"), max_value=D(10) ** 9, places=2))
def test_the_axis_always_covers_its_maximum_in_at_most_five_steps(maximum: Decimal) -> None:
    top, step = axis_top(maximum)
    assert top >= maximum
    assert top / step <= 5
    assert top - step < maximum  # no spare step above the maximum


def test_bar_widths_are_proportional_to_the_values() -> None:
    chart = bar_chart([("A", D(10)), ("B", D(20)), ("C", D(40)), ("D", None)])
    a, b, c, d = chart.bars
    assert abs(b.width - 2 * a.width) <= 2 * TOLERANCE
    assert abs(c.width - 4 * a.width) <= 4 * TOLERANCE
    assert c.width == chart.plot_width  # 40 is the axis' top: the whole plot
    assert d.value is None
    assert d.width == 0
    assert [bar.y for bar in chart.bars] == sorted(bar.y for bar in chart.bars)
    assert [t.value for t in chart.ticks] == [D(0), D(10), D(20), D(30), D(40)]
    assert chart.ticks[0].x == chart.plot_x
    assert chart.ticks[-1].x == chart.plot_x + chart.plot_width


@given(
    st.lists(
        st.decimals(min_value=D("0.01"), max_value=D(10) ** 6, places=2), min_size=1, max_size=30
    )
)
def test_bars_keep_the_order_of_their_values(values: list[Decimal]) -> None:
    chart = bar_chart([(str(i), v) for i, v in enumerate(values)])
    for bar, other in zip(chart.bars, chart.bars[1:], strict=False):
        assert bar.value is not None
        assert other.value is not None
        if bar.value < other.value:
            assert bar.width <= other.width
        assert 0 <= bar.width <= chart.plot_width
    for bar in chart.bars:
        assert bar.value is not None
        exact = bar.value * chart.plot_width / axis_top(max(values))[0]
        assert abs(bar.width - exact) <= TOLERANCE / 2


def test_a_reference_line_stretches_the_axis_to_reach_it() -> None:
    chart = bar_chart([("A", D(53)), ("B", D(80))], reference=D(100))
    assert chart.ticks[-1].value == D(100)
    assert chart.reference_x == chart.plot_x + chart.plot_width
    assert chart.bars[0].width == D("0.53") * chart.plot_width


def test_coordinates_are_decimals_never_floats() -> None:
    chart = bar_chart([("A", D("5.30")), ("B", D("11.14"))])
    line = line_chart([(2020, D("11.14")), (2021, D("5.3"))])
    for number in [
        *(b.width for b in chart.bars),
        *(t.value for t in chart.ticks),
        *(p.y for p in line.points),
    ]:
        assert isinstance(number, Decimal)


def test_a_line_runs_over_the_years_and_breaks_at_a_missing_year() -> None:
    chart = line_chart([(2019, D(10)), (2017, D(30)), (2018, D(20)), (2021, D(40))])
    assert [p.year for p in chart.points] == [2017, 2018, 2019, 2021]
    xs = [p.x for p in chart.points]
    assert xs == sorted(xs)
    # Years sit at their true distance: 2019 → 2021 is twice 2017 → 2018.
    assert abs((xs[3] - xs[2]) - 2 * (xs[1] - xs[0])) <= 2 * TOLERANCE
    by_value = sorted(chart.points, key=lambda p: p.value)
    assert [p.y for p in by_value] == sorted((p.y for p in by_value), reverse=True)  # higher up
    assert len(chart.segments) == 1  # 2017–2019; 2021 stands alone
    assert chart.segments[0].count(",") == 3
    single = line_chart([(2023, D(1722))])
    assert single.points[0].x == (single.plot_x + single.plot_right) / 2
    assert single.segments == []


def test_tile_classes_follow_the_values_and_no_data_is_grey() -> None:
    specs = [TileSpec(f"P{i}", row=i, col=0, short_name=f"P{i}") for i in range(7)]
    values: dict[str, Decimal | None] = {
        "P0": D(0),
        "P1": D(10),
        "P2": D(25),
        "P3": D(50),
        "P4": D(99),
        "P5": D(100),
    }
    drawn = {t.code: t for t in tile_map(specs, values).tiles}
    assert drawn["P0"].klass == 0
    assert drawn["P5"].klass == 4
    classes = [drawn[f"P{i}"].klass for i in range(6)]
    assert classes == sorted(c for c in classes if c is not None)
    assert drawn["P6"].klass is None
    assert drawn["P6"].fill == NO_DATA
    assert {t.fill for t in drawn.values() if t.klass is not None} <= set(PALETTE)
    assert drawn["P5"].fill == PALETTE[-1]
    assert drawn["P0"].fill == PALETTE[0]


@given(
    st.lists(st.decimals(min_value=D(0), max_value=D(10) ** 6, places=2), min_size=1, max_size=40)
)
@example([D("0"), D("0.01")])  # a range narrower than the rounding of the edges
@example([D("3"), D("5")])
def test_classes_are_in_range_and_never_fall_as_the_value_rises(values: list[Decimal]) -> None:
    edges = class_edges(values)
    classes = len(edges) - 1
    ordered = sorted(values)
    found = [class_of(v, edges) for v in ordered]
    assert all(0 <= k < classes for k in found)
    assert found == sorted(found)
    assert found[0] == 0
    assert found[-1] == classes - 1


def test_one_value_everywhere_is_one_class_in_the_legend() -> None:
    specs = [TileSpec("A", 0, 0, "A"), TileSpec("B", 0, 1, "B"), TileSpec("C", 0, 2, "C")]
    drawn = tile_map(specs, {"A": D(7), "B": D(7)})
    assert [entry.low for entry in drawn.legend] == [D(7), None]
    assert drawn.legend[-1].fill == NO_DATA
    assert {t.klass for t in drawn.tiles} == {0, None}


def test_the_legend_lists_every_class_then_no_data() -> None:
    specs = [TileSpec(str(i), 0, i, str(i)) for i in range(3)]
    drawn = tile_map(specs, {"0": D(1), "1": D(6)})
    assert len(drawn.legend) == len(PALETTE) + 1
    assert drawn.legend[0].low == D(1)
    assert drawn.legend[-2].high == D(6)
    assert [e.fill for e in drawn.legend] == [*PALETTE, NO_DATA]
    assert drawn.width > max(t.x for t in drawn.tiles) + drawn.tile_width


def test_text_on_every_tile_colour_has_enough_contrast() -> None:
    for fill in (*PALETTE, NO_DATA, charts.BAR_FILL):
        assert contrast(fill, text_colour(fill)) >= D("4.5"), fill
    assert text_colour(PALETTE[0]) == charts.DARK_TEXT
    assert text_colour(PALETTE[-1]) == charts.LIGHT_TEXT
    assert contrast("#000000", "#ffffff") > D(20)


def test_class_edges_of_whole_counts_are_whole_and_of_shares_in_cents() -> None:
    counts = class_edges([D(523), D(3404), D(1500)])
    assert counts[0] == D(523)
    assert counts[-1] == D(3404)
    assert all(edge == edge.to_integral_value() for edge in counts)
    shares = class_edges([D("1.09"), D("2.40")])
    assert shares == [D("1.09"), D("1.35"), D("1.61"), D("1.87"), D("2.13"), D("2.40")]
