"""Small inline SVG charts: horizontal bars and a column timeline. Each bar carries its data as attributes."""

from __future__ import annotations

from html import escape

BAR_HEIGHT = 20
BAR_GAP = 6
LABEL_WIDTH = 190
VALUE_WIDTH = 56
CHART_WIDTH = 640
COLUMN_CHART_HEIGHT = 200
AXIS_LABELS = 8  # at most this many labels under a timeline
DEFAULT_COLOR = "#4f7fd8"
COLUMN_LEFT, COLUMN_RIGHT = 44, 36  # room for the value axis and the last date label


def fit(text: str, chars: int) -> str:
    """``text`` shortened to ``chars`` characters with an ellipsis."""
    return text if len(text) <= chars else text[: chars - 1] + "…"


def bar_chart(bars: list[tuple[str, float]], color: str | dict[str, str] = DEFAULT_COLOR, title: str = "",
              value_format: str = "{:,.0f}") -> str:
    """Horizontal bars, one row per ``(label, value)``, longest scaled to the chart width; ``color`` may map labels."""
    if not bars:
        return ""
    top = max(value for _, value in bars) or 1
    span = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = len(bars) * (BAR_HEIGHT + BAR_GAP)
    rows = []
    for index, (label, value) in enumerate(bars):
        y = index * (BAR_HEIGHT + BAR_GAP)
        width = max(1.0, span * value / top)
        fill = color.get(label, DEFAULT_COLOR) if isinstance(color, dict) else color
        rows.append(
            f'<g class="bar" data-label="{escape(label, quote=True)}" data-value="{value:g}">'
            f"<title>{escape(label)}: {escape(value_format.format(value))}</title>"
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * 0.7:.1f}" text-anchor="end">{escape(fit(label, 30))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" rx="3" fill="{escape(fill, quote=True)}"/>'
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + BAR_HEIGHT * 0.7:.1f}">{escape(value_format.format(value))}</text></g>'
        )
    return (f'<svg class="chart" viewBox="0 0 {CHART_WIDTH} {height}" '
            f'role="img" aria-label="{escape(title, quote=True)}">{"".join(rows)}</svg>')


def column_chart(columns: list[tuple[str, float]], color: str = DEFAULT_COLOR, title: str = "") -> str:
    """Vertical columns over an ordered axis (a timeline, a histogram), every n-th label shown."""
    if not columns:
        return ""
    top = max(value for _, value in columns) or 1
    plot_top, plot_bottom = 8, COLUMN_CHART_HEIGHT - 40
    plot_height = plot_bottom - plot_top
    step = (CHART_WIDTH - COLUMN_LEFT - COLUMN_RIGHT) / len(columns)
    every = max(1, -(-len(columns) // AXIS_LABELS))
    parts = [
        f'<line class="axis" x1="{COLUMN_LEFT}" y1="{plot_bottom + 0.5}" x2="{CHART_WIDTH - COLUMN_RIGHT}" y2="{plot_bottom + 0.5}"/>',
        f'<line class="axis" stroke-dasharray="3 3" x1="{COLUMN_LEFT}" y1="{plot_top + 0.5}" x2="{CHART_WIDTH - COLUMN_RIGHT}" y2="{plot_top + 0.5}"/>',
        f'<text x="{COLUMN_LEFT - 6}" y="{plot_top + 4}" text-anchor="end">{escape(f"{top:,.0f}")}</text>',
        f'<text x="{COLUMN_LEFT - 6}" y="{plot_bottom + 4}" text-anchor="end">0</text>',
    ]
    for index, (label, value) in enumerate(columns):
        height = plot_height * value / top
        x = COLUMN_LEFT + index * step
        parts.append(
            f'<g class="bar" data-label="{escape(label, quote=True)}" data-value="{value:g}">'
            f"<title>{escape(label)}: {value:,.0f}</title>"
            f'<rect x="{x + step * 0.1:.1f}" y="{plot_bottom - height:.1f}" width="{max(step * 0.8, 1):.1f}" '
            f'height="{height:.1f}" rx="2" fill="{escape(color, quote=True)}"/></g>'
        )
        if index % every == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{plot_bottom + 16}" text-anchor="middle">{escape(label)}</text>')
    return (f'<svg class="chart" viewBox="0 0 {CHART_WIDTH} {COLUMN_CHART_HEIGHT - 16}" '
            f'role="img" aria-label="{escape(title, quote=True)}">{"".join(parts)}</svg>')
