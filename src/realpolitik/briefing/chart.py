"""The briefing's chart: the daily cooperation-conflict index with a marker per day with events.

matplotlib runs with the Agg backend (no display) and writes PNG without the "Software" metadata,
so the same brief gives the same bytes on the same installation.
"""

from __future__ import annotations

import io
from datetime import timedelta

from realpolitik.briefing.build import Brief
from realpolitik.errors import ConfigError

MATPLOTLIB_MISSING = ("The briefing chart needs matplotlib, which is not installed. Install it with "
                      "`pip install matplotlib`, or render without the chart.")
WIDTH_IN, HEIGHT_IN, DPI = 7.0, 2.6, 100  # fits a page column; small enough to embed in HTML
SPAN_DAYS = 2  # margin around the first and last day
MAX_TICKS = 8  # date labels on the axis, at most about this many


def render_chart(brief: Brief) -> bytes:
    """Draw the asserted cooperation-conflict index by day, with event markers.

    Args:
        brief: The brief; its ``series`` holds one point per day from the first event to the last.

    Returns:
        PNG bytes.

    Raises:
        ConfigError: If matplotlib is not installed.
    """
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib.dates import DateFormatter, DayLocator, date2num
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise ConfigError(MATPLOTLIB_MISSING) from exc
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    axes = figure.add_subplot()
    points = [(p, value) for p in brief.series if (value := p.coop_conflict_index) is not None]
    days = [p.day for p, _ in points]
    # Days as matplotlib date numbers: the axis takes floats, and the locator and formatter read them.
    x = [float(date2num(day)) for day in days]
    values = [value for _, value in points]
    axes.plot(x, values, color="#33658a", linewidth=1.5)
    axes.scatter(x, values, s=[20 + 10 * p.events for p, _ in points], color="#f26419", zorder=3,
                 label="days with asserted events (size: count)")
    axes.axhline(0, color="#999999", linewidth=0.8)
    axes.set_ylim(-1.1, 1.1)
    axes.set_ylabel("coop-conflict index")
    axes.set_title(f"{brief.a_name} - {brief.b_name}: asserted events by day", fontsize=10)
    if not points:
        axes.text(0.5, 0.5, "no asserted events", transform=axes.transAxes, ha="center")
    else:
        axes.legend(loc="lower left", fontsize=8)
        # One day alone would get a multi-year axis from matplotlib's date locator.
        axes.set_xlim(float(date2num(days[0] - timedelta(days=SPAN_DAYS))),
                      float(date2num(days[-1] + timedelta(days=SPAN_DAYS))))
        span = (days[-1] - days[0]).days + 2 * SPAN_DAYS
        axes.xaxis.set_major_locator(DayLocator(interval=max(1, span // MAX_TICKS)))
        axes.xaxis.set_major_formatter(DateFormatter("%Y-%m-%d"))
    figure.autofmt_xdate()
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
