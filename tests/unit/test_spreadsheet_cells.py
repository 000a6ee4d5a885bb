"""CSV cells a spreadsheet could run as a formula are neutralised, in every way a formula
can start (issue 31): leading blanks and invisible characters, full-width signs."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kith.export.spreadsheet import FORMULA_SIGNS, safe_cell

FORMULA = '=HYPERLINK("http://evil","x")'


@pytest.mark.parametrize("lead", ["", " ", "\n", "\r", "\t", "\u00a0", "\u200b", "\ufeff",
                                  "\u2028", "\u3000", "  \n "])
@pytest.mark.parametrize("sign", ["=", "+", "-", "@", "＝", "＋", "－", "＠", "﹦"])
def test_a_formula_behind_any_lead_is_neutralised(lead: str, sign: str) -> None:
    assert safe_cell(lead + sign + FORMULA[1:]).startswith("'")


@pytest.mark.parametrize("text", ["Ann", "a=b", "3 people", "Zoë", "'quoted", "€40", ""])
def test_plain_text_is_left_alone(text: str) -> None:
    assert safe_cell(text) == text


def test_numbers_kith_writes_stay_numbers() -> None:
    assert safe_cell(-30) == "-30" and safe_cell(2.5) == "2.5" and safe_cell(None) == ""


@given(st.text(min_size=1))
def test_no_cell_a_spreadsheet_could_read_as_a_formula_gets_through(text: str) -> None:
    cell = safe_cell(text)
    if cell.startswith("'") and cell[1:] == text:
        return  # neutralised
    first = cell[0]
    assert not first.isspace()
    assert unicodedata.category(first)[0] not in "CZ"
    assert not FORMULA_SIGNS & set(unicodedata.normalize("NFKC", first))
