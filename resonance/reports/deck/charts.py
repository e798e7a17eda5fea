"""Native PowerPoint charts (editable in PowerPoint, not pictures): partners side by side, the campaign over time."""
from __future__ import annotations

from lxml import etree
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from resonance.reports.deck.layout import FONT, GREY, GREY_LINE, INK, SERIES
from resonance.reports.deck.text_cells import TextChartData

# Where the plot sits inside a line chart's frame (fractions), fixed so that the moments drawn over it
# land on the right day whatever PowerPoint or LibreOffice would otherwise choose.
PLOT_LEFT, PLOT_TOP, PLOT_WIDTH, PLOT_HEIGHT = 0.08, 0.16, 0.91, 0.68


def count_format(lang: str) -> str:
    """Counts with the reader's thousands separator, written out: a chart's "#,##0" follows the viewer's locale."""
    if lang == "fr":
        return '[>=1000000]#" "###" "##0;[>=1000]#" "##0;0'
    return "#,##0"


def _font(chart, size: float = 11) -> None:
    chart.font.name = FONT
    chart.font.size = Pt(size)
    chart.font.color.rgb = INK


def partner_bars(slide, left: float, top: float, width: float, height: float, title: str,
                 categories: list[str], values: list[float], colour_index: int, number_format: str = '#,##0'):
    """One metric across partners: horizontal bars, biggest on top, values written at the end of each bar."""
    data = TextChartData(number_format=number_format)
    data.categories = categories
    data.add_series(title, values)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Inches(left), Inches(top), Inches(width),
                                   Inches(height), data)
    frame.name = f"chart: {title}"
    chart = frame.chart
    _font(chart, 10 if len(categories) <= 8 else 8)
    chart.has_title = True
    chart.chart_title.text_frame.text = title
    title_font = chart.chart_title.text_frame.paragraphs[0].runs[0].font
    title_font.size, title_font.bold, title_font.name = Pt(13), True, FONT
    chart.has_legend = False
    plot = chart.plots[0]
    plot.gap_width = 60 if len(categories) > 3 else 180      # a lone partner is not one huge block
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = number_format, False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(9 if len(categories) <= 8 else 7)
    labels.font.color.rgb = INK
    fill = plot.series[0].format.fill
    fill.solid()
    fill.fore_color.rgb = SERIES[colour_index % len(SERIES)]
    categories_axis = chart.category_axis
    categories_axis.reverse_order = True           # first partner (the biggest) on top
    categories_axis.format.line.color.rgb = GREY_LINE
    categories_axis.has_major_gridlines = False
    values_axis = chart.value_axis
    values_axis.visible = False
    values_axis.has_major_gridlines = False
    values_axis.minimum_scale = 0
    if values:
        values_axis.maximum_scale = max(values) * 1.3 or 1     # room for the labels at the end of the bars
    return frame


def _manual_plot_layout(chart) -> None:
    plot_area = chart._chartSpace.chart.plotArea
    for old in plot_area.findall(qn("c:layout")):
        plot_area.remove(old)
    layout = etree.SubElement(plot_area, qn("c:layout"))
    plot_area.remove(layout)
    plot_area.insert(0, layout)
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    for tag, value in (("c:layoutTarget", "inner"), ("c:xMode", "edge"), ("c:yMode", "edge"),
                       ("c:x", PLOT_LEFT), ("c:y", PLOT_TOP), ("c:w", PLOT_WIDTH), ("c:h", PLOT_HEIGHT)):
        etree.SubElement(manual, qn(tag)).set("val", str(value))


def series_line(slide, left: float, top: float, width: float, height: float, categories: list[str],
                series: list[tuple[str, list[float]]], number_format: str = "#,##0", first_colour: int = 0):
    """Daily or weekly lines; the plot area is fixed (see PLOT_*) so moments can be drawn over it."""
    data = TextChartData(number_format=number_format)
    data.categories = categories
    for name, values in series:
        data.add_series(name, values)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.LINE, Inches(left), Inches(top), Inches(width), Inches(height), data)
    frame.name = "chart: " + " / ".join(name for name, _ in series)
    chart = frame.chart
    _font(chart, 10)
    chart.has_title = False
    chart.has_legend = False             # the metric is named above the plot (a legend would sit on the dates)
    for index, plotted in enumerate(chart.plots[0].series):
        plotted.smooth = False
        line = plotted.format.line
        line.color.rgb = SERIES[(first_colour + index) % len(SERIES)]
        line.width = Pt(2.25)
        plotted.marker.style = XL_MARKER_STYLE.NONE
    axis = chart.category_axis
    axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    axis.format.line.color.rgb = GREY_LINE
    axis.tick_labels.font.size = Pt(9)
    axis.tick_labels.font.color.rgb = GREY
    values_axis = chart.value_axis
    values_axis.has_major_gridlines = True
    values_axis.major_gridlines.format.line.color.rgb = GREY_LINE
    values_axis.format.line.fill.background()
    values_axis.tick_labels.font.size = Pt(9)
    values_axis.tick_labels.font.color.rgb = GREY
    values_axis.tick_labels.number_format = number_format
    values_axis.tick_labels.number_format_is_linked = False
    values_axis.minimum_scale = 0
    _manual_plot_layout(chart)
    return frame


def category_x(left: float, width: float, index: int, count: int) -> float:
    """Horizontal position (inches) of the index-th category of a line chart drawn by series_line."""
    plot_left = left + PLOT_LEFT * width
    plot_width = PLOT_WIDTH * width
    return plot_left + (index + 0.5) * plot_width / max(count, 1)
