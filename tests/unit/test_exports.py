"""A text someone typed never runs as a formula when an export is opened in a spreadsheet."""
import io
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from occupancies.reports.exports import as_csv, as_xlsx
from portal.exports import spreadsheet_text


@pytest.mark.parametrize("typed", ['=HYPERLINK("http://evil.example","x")', "+32 2 123 45 67", "-1+1", "@SUM(A1)",
                                   "\tindent", "\rreturn"])
def test_a_text_that_starts_like_a_formula_stays_text(typed):
    assert spreadsheet_text(typed) == "'" + typed


@pytest.mark.parametrize("value", ["Ancienne école Ransfort", "CONV-2027-0001", 42, 3.5, None, ""])
def test_other_values_are_kept_as_they_are(value):
    assert spreadsheet_text(value) == value


def test_a_figures_csv_and_excel_keep_a_site_named_like_a_formula_as_text():
    figure = SimpleNamespace(key="sites", title="By site", columns=["Site", "Units"], rows=[["=1+1", 3]])
    context = [("Owner", "@Commune")]
    lines = as_csv(figure, context).decode("utf-8-sig").splitlines()
    assert "'=1+1;3" in lines and "Owner;'@Commune" in lines
    sheet = load_workbook(io.BytesIO(as_xlsx(figure, context))).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'=1+1" in values and "'@Commune" in values and 3 in values
    assert not any(isinstance(v, str) and v.startswith(("=", "@")) for v in values)
