"""Chart data whose embedded workbook holds every text as text: a partner named `=HYPERLINK(…)` stays a name.

python-pptx writes each chart's data to `ppt/embeddings/*.xlsx` through XlsxWriter, whose
`write()` turns a string starting with "=" into a live formula (and an address into a link),
run when someone picks "Edit data" on the chart. Partners and feeds choose those strings.
"""
from __future__ import annotations

from contextlib import contextmanager

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.util import lazyproperty
from xlsxwriter import Workbook


class _TextCellsWriter(CategoryWorkbookWriter):
    @contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class TextChartData(CategoryChartData):
    """CategoryChartData whose workbook never turns a category or a series name into a formula or a link."""

    @lazyproperty
    def _workbook_writer(self):
        return _TextCellsWriter(self)
