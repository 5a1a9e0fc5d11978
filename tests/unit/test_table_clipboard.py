"""Clipboard TSV the way spreadsheets write it, and pasted cell text read into field values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.fields import FIELD_BY_NAME
from sellerdesk.services.table_clipboard import (
    block_size,
    format_tsv,
    parse_cell,
    parse_money,
    parse_tsv,
    parse_whole,
    plain_money,
    quote_cell,
)


def test_plain_cells_are_joined_with_tabs_and_newlines() -> None:
    assert format_tsv([["a", "b"], ["c", "d"]]) == "a\tb\nc\td\n"
    assert format_tsv([["a", "b"], ["c", "d"]], "\r\n") == "a\tb\r\nc\td\r\n"


def test_one_row_has_no_line_end() -> None:
    assert format_tsv([["12.99"]]) == "12.99"
    assert format_tsv([["a", "b"]]) == "a\tb"
    assert format_tsv([]) == ""


def test_cells_with_tabs_newlines_or_quotes_are_quoted_like_excel() -> None:
    assert quote_cell("plain text") == "plain text"
    assert quote_cell("a\tb") == '"a\tb"'
    assert quote_cell("line 1\nline 2") == '"line 1\nline 2"'
    assert quote_cell('5" tall') == '"5"" tall"'
    assert quote_cell("") == ""


def test_excel_clipboard_with_crlf_and_a_quoted_multiline_cell() -> None:
    # what Excel for Windows puts on the clipboard for a 2 x 3 block
    text = 'SKU-1\t"Line one\nLine ""two"""\t12.99\r\nSKU-2\t\t8\r\n'
    assert parse_tsv(text) == [
        ["SKU-1", 'Line one\nLine "two"', "12.99"],
        ["SKU-2", "", "8"],
    ]


def test_google_sheets_text_without_trailing_newline() -> None:
    assert parse_tsv("a\tb\nc\td") == [["a", "b"], ["c", "d"]]


def test_one_trailing_newline_ends_the_block() -> None:
    assert parse_tsv("a\n") == [["a"]]
    assert parse_tsv("a\r\n") == [["a"]]
    assert parse_tsv("a\n\n") == [["a"], [""]]  # the second row is one empty cell
    assert parse_tsv("\n") == [[""]]  # one empty cell copied from a spreadsheet
    assert parse_tsv("") == []


def test_old_mac_cr_line_ends() -> None:
    assert parse_tsv("a\tb\rc\td\r") == [["a", "b"], ["c", "d"]]


def test_line_breaks_inside_quoted_cells_become_newlines() -> None:
    assert parse_tsv('"one\r\ntwo\rthree"') == [["one\ntwo\nthree"]]


def test_ragged_rows_keep_their_length() -> None:
    rows = parse_tsv("a\tb\tc\nd\ne\tf\n")
    assert rows == [["a", "b", "c"], ["d"], ["e", "f"]]
    assert block_size(rows) == (3, 3)
    assert block_size([]) == (0, 0)


def test_empty_cells_at_the_edges_are_kept() -> None:
    assert parse_tsv("\ta\t\n") == [["", "a", ""]]


def test_a_quote_inside_an_unquoted_cell_is_text() -> None:
    assert parse_tsv('5" tall\tmug') == [['5" tall', "mug"]]


def test_a_quote_that_never_closes_is_text() -> None:
    assert parse_tsv('"open\tnext\nrow') == [['"open', "next"], ["row"]]


def test_text_after_a_closing_quote_is_kept_as_excel_does() -> None:
    assert parse_tsv('"ab"c\td') == [["abc", "d"]]


cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=12
)


@given(st.lists(st.lists(cell_text, min_size=2, max_size=4), min_size=2, max_size=5))
def test_format_then_parse_round_trips(rows: list[list[str]]) -> None:
    assert parse_tsv(format_tsv(rows)) == rows
    assert parse_tsv(format_tsv(rows, "\r\n")) == rows


# ----------------------------------------------------------------- cell values


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("12.99", Decimal("12.99")),
        ("12,99", Decimal("12.99")),
        ("$12.99", Decimal("12.99")),
        ("$1,299.00", Decimal("1299.00")),
        ("1.299,00", Decimal("1299.00")),
        (" 7 ", Decimal("7")),
        ("USD 4.50", Decimal("4.50")),
    ],
)
def test_money_as_sellers_type_it(text: str, amount: Decimal) -> None:
    assert parse_money(text, "USD") == amount


def test_money_blank_is_none_and_nonsense_is_explained() -> None:
    assert parse_money("  ", "USD") is None
    with pytest.raises(InvalidValueError, match="“abc” is not a price"):
        parse_money("abc", "USD")
    with pytest.raises(InvalidValueError, match="cannot be negative"):
        parse_money("-3", "USD")


def test_money_in_another_currency_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="is in EUR, but this product is priced in USD"):
        parse_money("€5", "USD")
    assert parse_money("€5", "EUR") == Decimal("5")
    assert parse_money("$5", "CAD") == Decimal("5")  # "$" is also the Canadian dollar


def test_plain_money_re_pastes() -> None:
    assert plain_money(Decimal("1299.5"), "USD") == "1299.50"
    assert plain_money(Decimal("3200"), "JPY") == "3200"
    assert plain_money(None, "USD") == ""
    assert parse_money(plain_money(Decimal("1299.5"), "USD"), "USD") == Decimal("1299.50")


def test_whole_numbers_with_grouping() -> None:
    assert parse_whole("1,200") == 1200
    assert parse_whole("1 200") == 1200
    assert parse_whole("") is None
    with pytest.raises(InvalidValueError, match="cannot be below 0"):
        parse_whole("-4")
    with pytest.raises(InvalidValueError, match="not a whole number"):
        parse_whole("2.5")


def test_parse_cell_by_field_kind() -> None:
    spec = FIELD_BY_NAME
    assert parse_cell(spec["price"], "$9.99", "USD") == Decimal("9.99")
    assert parse_cell(spec["stock"], "1,234") == 1234
    assert parse_cell(spec["weight_g"], "1,5") == Decimal("1.5")
    assert parse_cell(spec["status"], "Active") == "active"
    assert parse_cell(spec["gtin"], "4006381333931") == "4006381333931"
    assert parse_cell(spec["title"], "  Mug  ") == "Mug"
    assert parse_cell(spec["brand"], "") is None
    with pytest.raises(InvalidValueError, match="SKU cannot be empty"):
        parse_cell(spec["sku"], " ")
    with pytest.raises(InvalidValueError, match="check digit"):
        parse_cell(spec["gtin"], "4006381333932")
