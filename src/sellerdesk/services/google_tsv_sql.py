"""The Google Merchant Center TSV with its ordinary rows rendered by SQLite (whole-catalog exports).

Building a feed item per product in Python costs several times what writing the file does. Here
SQLite renders each row's cells as UTF-8 bytes; the attribute cells come from
``google.attribute_values``, once per distinct attributes text. A row with anything out of the
ordinary goes to the channel's own item builder instead: HTML, entities, runs of spaces, no-break
spaces, Unicode line breaks or spaces at the ends in the description; tabs, line breaks or control
characters in any cell; a cell starting like a formula; sale dates or a link among the attributes;
amounts below zero or in currencies without cents; a category known only by its path; a SKU that
isn't plain ASCII. Both paths write the same bytes; a test holds them to it."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP
from typing import IO

import orjson

from sellerdesk.channels.google import (
    ATTRIBUTE_COLUMNS,
    COLUMNS,
    MAX_ADDITIONAL_IMAGES,
    TSV_HEADER,
    GoogleChannel,
    attribute_values,
    shipping_of,
)
from sellerdesk.channels.model import ChannelSettings
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.escaping import FORMULA_TRIGGERS
from sellerdesk.core.money import CENT, ZERO_DECIMAL_CURRENCIES
from sellerdesk.db.database import Database
from sellerdesk.services.channel_products import load_chunk, product_id_ranges

#: products per range (each rendered in one query, its lines held at once)
RANGE_SIZE = 10_000
#: ``plain_text`` shortens longer descriptions (left to Python)
DESCRIPTION_LIMIT = 5000
#: attribute keys (any case) that change cells other than the attribute columns
_SPECIAL_KEYS = frozenset({"link", "url", "identifier_exists", "sale_start", "sale_end"})
_TRIGGERS = "".join(t for t in FORMULA_TRIGGERS if len(t) == 1)
_TABS = len(COLUMNS) - 1
#: control characters but the tab and the record separator, which separate cells and lines
_CONTROLS = bytes([*range(0, 9), *range(10, 30), 31, 127])
#: between the lines SQLite sends (a control character, so never in a plain line; a line
#: break inside a cell must not look like the end of a line)
_SEPARATOR = b"\x1e"
#: tags, and what ``plain_text`` splits lines at or turns into spaces beyond ASCII (UTF-8)
_MARKUP_AND_LINE_SPACES = tuple(c.encode() for c in "<\xa0\x85\u2028\u2029")
_NOT_MARKUP_BYTES = bytes(
    b for b in range(256) if b not in {needle[-1] for needle in _MARKUP_AND_LINE_SPACES}
)
#: every character ``str.isspace`` knows (``strip`` takes them off a description's ends; a
#: test checks the list against this Python's Unicode tables)
SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: the text cells whose first character could make a formula (image addresses: checked apart)
_TEXT_CELLS = (
    "p.sku",
    "p.title",
    "p.description",
    "p.brand",
    "p.gtin",
    "p.mpn",
    "p.condition",
    "p.category_path",
    "parent.sku",
)

Progress = Callable[[int], None]
Cancelled = Callable[[], bool]


def _number(column: str, unit: str) -> str:
    """``number(value) unit`` from a stored ten-thousandths integer ('' for NULL): the
    fraction without trailing zeros, in one printf."""
    whole, fraction = f"{column} / 10000", f"{column} % 10000"
    return (
        f"CASE WHEN {column} IS NULL THEN '' "
        f"WHEN {fraction} = 0 THEN printf('%d {unit}', {whole}) "
        f"WHEN {fraction} % 1000 = 0 THEN printf('%d.%d {unit}', {whole}, {fraction} / 1000) "
        f"WHEN {fraction} % 100 = 0 THEN printf('%d.%02d {unit}', {whole}, {fraction} / 100) "
        f"WHEN {fraction} % 10 = 0 THEN printf('%d.%03d {unit}', {whole}, {fraction} / 10) "
        f"ELSE printf('%d.%04d {unit}', {whole}, {fraction}) END"
    )


def _link(template: str) -> tuple[str, list[str]]:
    """The link cell as printf format text and arguments: the template's text with {sku}
    and {handle} (the SKU in lower case: rows reaching SQL have plain ASCII SKUs)."""
    pieces = re.split(r"(\{sku\}|\{handle\})", template)
    text = "".join(
        "%s" if piece in ("{sku}", "{handle}") else piece.replace("%", "%%") for piece in pieces
    )
    arguments = ["p.sku" if piece == "{sku}" else "lower(p.sku)" for piece in pieces[1::2]]
    return text, arguments


def _money(column: str) -> str:
    """``15.00 USD``, rounded half up to the cent (rows reaching it: cent currencies, >= 0)."""
    cents = f"(({column} + 50) / 100)"
    return (
        f"CASE WHEN {column} IS NULL OR p.price IS NULL OR coalesce(p.currency, '') = '' "
        f"THEN '' ELSE printf('%d.%02d %s', {cents} / 100, {cents} % 100, p.currency) END"
    )


def _unusual() -> str:
    """SQL: true for rows whose source columns show they need the item builder."""
    firsts = "printf('" + "%!.1s" * len(_TEXT_CELLS) + "', " + ", ".join(_TEXT_CELLS) + ")"
    whole = ", ".join(f"'{code}'" for code in sorted(ZERO_DECIMAL_CURRENCIES))
    description = "coalesce(p.description, '')"
    return " OR ".join(
        (
            f"{firsts} GLOB :formula_start",
            "EXISTS (SELECT 1 FROM product_images WHERE product_id = p.id "
            "AND instr(:triggers, substr(uri, 1, 1)) > 0 AND uri <> '')",
            # what plain_text would change: entities, runs of spaces, spaces at either end,
            # length (tags, controls, no-break spaces and line separators are looked for in
            # the finished lines; in other cells only tabs and line breaks change anything)
            f"instr({description}, '&') > 0",
            f"instr({description}, '  ') > 0",
            f"({description} <> '' AND (instr(:spaces, substr({description}, 1, 1)) > 0 "
            f"OR instr(:spaces, substr({description}, -1)) > 0))",
            f"length({description}) > {DESCRIPTION_LIMIT}",
            # the {handle} is the SKU in lower case with words joined; SQLite lowers ASCII only
            "length(p.sku) <> length(CAST(p.sku AS BLOB)) OR instr(p.sku, ' ') > 0",
            "instr(p.sku, '{') > 0 OR instr(p.sku, '}') > 0",
            f"p.currency IN ({whole})",
            "p.price < 0 OR p.sale_price < 0 OR p.weight_g < 0 OR p.length_cm < 0",
            "p.width_cm < 0 OR p.height_cm < 0",
            # an id outside the taxonomy, the path of a known id, or a category by path alone
            "p.category_id IN (SELECT value FROM json_each(:unknown_categories))",
            "(p.category_id IS NOT NULL) = (coalesce(p.category_path, '') = '')",
            "(p.attributes IS NOT NULL AND attribute_cells.line IS NULL)",
        )
    )


def _query(settings: ChannelSettings, shipping_cell: str) -> str:
    """One row for a range of ids: its lines with ``_SEPARATOR`` between them (a line of one
    control character for each row left to Python), the ids in the same order, how many."""
    cells: dict[str, str | tuple[str, list[str]]] = {
        "id": "p.sku",
        "title": "p.title",
        "description": "p.description",
        "link": _link(settings.get("product_url")),
        "image_link": (
            "(SELECT uri FROM product_images WHERE product_id = p.id ORDER BY position LIMIT 1)"
        ),
        "additional_image_link": (
            "(SELECT group_concat(uri, ',') FROM (SELECT uri FROM product_images WHERE "
            f"product_id = p.id ORDER BY position LIMIT {MAX_ADDITIONAL_IMAGES} OFFSET 1))"
        ),
        "availability": "CASE WHEN p.stock <= 0 THEN 'out_of_stock' ELSE 'in_stock' END",
        "price": _money("p.price"),
        "sale_price": _money("p.sale_price"),
        "sale_price_effective_date": "''",
        "brand": "p.brand",
        "gtin": "p.gtin",
        "mpn": "p.mpn",
        "identifier_exists": "''",
        "condition": "p.condition",
        "google_product_category": "p.category_id",
        "product_type": "p.category_path",
        "item_group_id": "parent.sku",
        # the attribute columns, tab-separated, made in Python once per attributes text
        "attributes": f"coalesce(attribute_cells.line, '{chr(9) * (len(ATTRIBUTE_COLUMNS) - 1)}')",
        "shipping_weight": _number("p.weight_g", "g"),
        "shipping_length": _number("p.length_cm", "cm"),
        "shipping_width": _number("p.width_cm", "cm"),
        "shipping_height": _number("p.height_cm", "cm"),
        "shipping": f"CASE WHEN coalesce(p.currency, '') = '' THEN '' ELSE {shipping_cell} END",
    }
    assert tuple(cells)[:18] + ATTRIBUTE_COLUMNS + tuple(cells)[19:] == COLUMNS
    formats: list[str] = []
    arguments: list[str] = []
    for cell in cells.values():
        text, values = ("%s", [cell]) if isinstance(cell, str) else cell
        formats.append(text)
        arguments.extend(values)
    line = f"printf({_quoted(chr(9).join(formats))}, {', '.join(arguments)})"
    return (
        "WITH attribute_cells(attributes, line) AS MATERIALIZED "
        "(SELECT key, value FROM json_each(:attribute_cells)) "
        "SELECT CAST(group_concat(line, char(30)) AS BLOB), group_concat(id), count(*) FROM ("
        f"SELECT p.id AS id, CASE WHEN {_unusual()} THEN char(1) ELSE {line} END AS line "
        "FROM products p LEFT JOIN products parent ON parent.id = p.parent_id "
        "LEFT JOIN attribute_cells ON attribute_cells.attributes = p.attributes "
        "WHERE p.id BETWEEN :first AND :last "
        "AND NOT EXISTS (SELECT 1 FROM products child WHERE child.parent_id = p.id) "
        "ORDER BY p.id)"
    )


def _quoted(text: str) -> str:
    """``text`` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _shipping_cell(settings: ChannelSettings) -> str | None:
    """SQL for the ``shipping`` cell in a cent currency; None when the setting itself would
    need escaping (the whole export is then left to Python)."""
    shipping = shipping_of(settings)
    if shipping is None:
        return "''"
    country, rate = shipping
    prefix = f"{country}:::{rate.quantize(CENT, rounding=ROUND_HALF_UP)} "
    if prefix[0] in _TRIGGERS or any(c in prefix for c in "\t\n\r'"):
        return None
    return f"'{prefix}' || p.currency"


def can_render(db: Database, settings: ChannelSettings) -> bool:
    """True when this catalog and these settings can take the SQL path at all."""
    template = settings.get("product_url")
    # braces outside {sku} and {handle} could make a placeholder around the SKU
    literal = re.sub(r"\{sku\}|\{handle\}", "", template)
    template_ok = not template or (
        not any(c in literal for c in "\t\n\r{}")
        and (template[0] not in _TRIGGERS or template.startswith("{"))
    )
    return db.helper.name == "sqlite" and template_ok and _shipping_cell(settings) is not None


def _is_plain(lines: bytes) -> bool:
    """No ASCII control character but the tabs and record separators between cells and lines."""
    return len(lines.translate(None, _CONTROLS)) == len(lines)


def _holds_markup_or_line_spaces(data: bytes) -> bool:
    """A tag, a no-break space or a Unicode line break (``plain_text`` changes descriptions
    with them; other cells keep them). Deleting every other byte value first is far quicker
    than five searches, and almost always leaves nothing."""
    return bool(data.translate(None, _NOT_MARKUP_BYTES)) and any(
        needle in data for needle in _MARKUP_AND_LINE_SPACES
    )


def _plain_block(data: bytes, count: int) -> bool:
    """True when ``count`` lines from SQLite need no second look: no row was left to Python
    and no cell holds a tab, a line break or a character the item builder would change."""
    return (
        b"\x01" not in data
        and data.count(b"\t") == _TABS * count
        and data.count(_SEPARATOR) == count - 1
        and _is_plain(data)
        and not _holds_markup_or_line_spaces(data)
    )


class _RangeRenderer:
    """Renders the lines of a range of ids; the whole range comes back from SQLite as one
    value (one line per row would cost a Python round trip each). Ranges keep memory bounded.
    (Threads don't help: SQLite builds without lookaside contend on malloc's mutex.)"""

    def __init__(self, db: Database, channel: GoogleChannel, settings: ChannelSettings) -> None:
        shipping_cell = _shipping_cell(settings)
        if shipping_cell is None:
            raise ValueError("these settings can't take the SQL path (see can_render)")
        self.db, self.channel, self.settings = db, channel, settings
        self.query = _query(settings, shipping_cell)
        self.params = {
            "triggers": _TRIGGERS,
            "spaces": SPACES,
            "formula_start": "*[" + _TRIGGERS.replace("-", "") + "-]*",
        }
        self.known = frozenset(category.id for category in channel.resolver.taxonomy)

    def prepare(self) -> None:
        """Find the attributes texts and category ids whose rows the SQL can't render (read
        once: catalogs repeat the same few hundred)."""
        with self.db.read() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            texts = raw.execute(
                "SELECT DISTINCT attributes FROM products WHERE attributes IS NOT NULL"
            ).fetchall()
            categories = raw.execute(
                "SELECT DISTINCT category_id FROM products WHERE category_id IS NOT NULL"
            ).fetchall()
        cells = {text: _attribute_cells(text) for (text,) in texts}
        unknown = [category for (category,) in categories if category not in self.known]
        readable = {text: line for text, line in cells.items() if line is not None}
        self.params["attribute_cells"] = orjson.dumps(readable).decode()
        self.params["unknown_categories"] = orjson.dumps(unknown).decode()

    def __call__(self, first: int, last: int) -> tuple[bytes, int, int]:
        """(the range's lines, each ended by a line break; how many; how many built in Python)"""
        with self.db.read() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            params = {**self.params, "first": first, "last": last}
            data, ids, count = raw.execute(self.query, params).fetchone()
            if not count:
                return b"", 0, 0
            if _plain_block(data, count):
                return data.replace(_SEPARATOR, b"\n") + b"\n", count, 0
            lines: list[bytes | None] = data.split(_SEPARATOR)
            order = [int(i) for i in ids.split(",")]
            if len(lines) != count or len(order) != count:  # a cell with a separator
                lines = [None] * count
            missing: list[int] = []
            markup = _holds_markup_or_line_spaces(data)
            for index, line in enumerate(lines):
                if (
                    line is None
                    or line.count(b"\t") != _TABS
                    or not _is_plain(line)
                    or (markup and _holds_markup_or_line_spaces(line.split(b"\t", 3)[2]))
                ):
                    lines[index] = None
                    missing.append(order[index])
            built = iter(self.channel.tsv_lines(load_chunk(conn, missing), self.settings))
            done = [line or next(built).encode() for line in lines]
        return b"\n".join(done) + b"\n", count, len(missing)


def _attribute_cells(text: str) -> str | None:
    """The attribute columns' cells, tab-separated, for an attributes JSON text, as the item
    builder makes them; None when the row needs the item builder (a sale date or link among
    the attributes, a value starting like a formula, not an object)."""
    try:
        attributes = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(attributes, dict):
        return None
    lowered = {str(key).lower(): value for key, value in attributes.items()}
    if not _SPECIAL_KEYS.isdisjoint(lowered):
        return None
    values = attribute_values(lowered)
    if any(value[0] in _TRIGGERS for value in values.values()):
        return None
    return "\t".join(values.get(name, "") for name in ATTRIBUTE_COLUMNS)


def write_google_tsv(
    db: Database,
    channel: GoogleChannel,
    settings: ChannelSettings,
    out: IO[bytes],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> tuple[int, int]:
    """Write the header and every listed item's line to ``out`` (binary, UTF-8), a range of
    products at a time, each range read in its own transaction; returns (items written, items
    built by the channel in Python)."""
    render = _RangeRenderer(db, channel, settings)
    render.prepare()
    out.write(TSV_HEADER.encode())
    written = by_python = 0
    for first, last in product_id_ranges(db, RANGE_SIZE):
        if cancelled is not None and cancelled():
            raise InvalidValueError("The export was cancelled; no file was written.")
        data, count, slow = render(first, last)
        out.write(data)
        written += count
        by_python += slow
        if progress is not None:
            progress(written)
    return written, by_python
