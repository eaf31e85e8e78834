"""Bar charts drawn on the server as SVG: no script, no style attribute (the Content-Security-Policy
allows neither inline), readable without JavaScript."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT, GAP = 640, 200, 4


def bar_chart_svg(points: list[tuple[str, int]], *, title: str, href: str = "") -> SafeString:
    """One bar per (label, value); each bar carries its value as a title, and links to `href` with the
    label appended (`?period=<label>`) when given."""
    if not points:
        return format_html('<p class="muted">{}</p>', title)
    top = max(value for _label, value in points) or 1
    bar = (WIDTH - GAP * len(points)) / len(points)
    bars = []
    for i, (label, value) in enumerate(points):
        height = round(value / top * (HEIGHT - 30))
        x, y = round(i * (bar + GAP)), HEIGHT - 20 - height
        rect = format_html(
            '<rect class="bar" fill="#3b6ea5" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>'
            '<text x="{}" y="{}" font-size="10">{}</text>',
            x,
            y,
            round(bar),
            height,
            label,
            value,
            x,
            HEIGHT - 6,
            label,
        )
        bars.append((format_html('<a href="{}{}">{}</a>', href, label, rect) if href else rect,))
    return format_html(
        '<svg class="chart" role="img" viewBox="0 0 {} {}" width="100%" aria-label="{}">'
        "<title>{}</title>{}</svg>",
        WIDTH,
        HEIGHT,
        title,
        title,
        format_html_join("", "{}", bars),
    )
