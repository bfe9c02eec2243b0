"""A figure as a file: CSV or Excel (openpyxl), its title, period and filters written above the table so that
the file says what it counts once it has left the portal."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from portal.exports import spreadsheet_text


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, (int, float)) or value is None else spreadsheet_text(str(value))


def _lines(figure, context: list[tuple[str, str]]) -> list[list]:
    return [[str(figure.title)], *([str(k), spreadsheet_text(str(v))] for k, v in context), [],
            [str(c) for c in figure.columns], *([_cell(v) for v in row] for row in figure.rows)]


def as_csv(figure, context) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for line in _lines(figure, context):
        writer.writerow(["" if v is None else v for v in line])
    return ("\ufeff" + out.getvalue()).encode("utf-8")   # the BOM lets Excel read the accents


def as_xlsx(figure, context) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = figure.key[:31]
    lines = _lines(figure, context)
    header = len(context) + 3
    for number, line in enumerate(lines, start=1):
        sheet.append(line)
        if number in (1, header):
            for cell in sheet[number]:
                cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
