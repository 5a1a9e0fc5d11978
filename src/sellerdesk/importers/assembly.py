"""Assembling cleaned rows into products the way each layout means them.

Most files are one product per row. Shopify spreads a product over several rows under one
Handle (variants, image-only rows); WooCommerce links variations to their parent through the
Parent column; eBay File Exchange lists variations under their parent row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol

from sellerdesk.importers.drafts import ProductDraft, SaleDraft, problem, product_from_row, slug
from sellerdesk.importers.model import Severity
from sellerdesk.importers.problem_log import ProblemLog
from sellerdesk.importers.rows import RowValues

#: Values a variant takes from its parent when it has none of its own.
INHERITED = ("brand", "category_path", "category_id", "keywords", "condition", "status", "currency")


class Assembler(Protocol):
    def feed(self, rv: RowValues) -> list[ProductDraft]: ...

    def finish(self) -> list[ProductDraft]: ...


class RowPerProduct:
    """One row, one product; a layout may adjust each row first."""

    def __init__(
        self,
        log: ProblemLog,
        default_currency: str,
        has_price_column: bool,
        adjust: Callable[[RowValues, ProblemLog], None] | None = None,
    ) -> None:
        self.log = log
        self.default_currency = default_currency
        self.has_price_column = has_price_column
        self.adjust = adjust

    def feed(self, rv: RowValues) -> list[ProductDraft]:
        if self.adjust is not None:
            self.adjust(rv, self.log)
        draft = product_from_row(rv, self.log, self.default_currency, self.has_price_column)
        return [] if draft is None else [draft]

    def finish(self) -> list[ProductDraft]:
        return []


def adjust_amazon(rv: RowValues, log: ProblemLog) -> None:
    id_type = str(rv.values.pop("_id_type", "") or "").upper()
    if id_type in ("ASIN", "ISBN") and "gtin" in rv.values and id_type == "ASIN":
        rv.attributes["asin"] = str(rv.values.pop("gtin"))
    manufacturer = rv.values.pop("_manufacturer", None)
    if manufacturer and "brand" not in rv.values:
        rv.values["brand"] = manufacturer


def adjust_etsy(rv: RowValues, log: ProblemLog) -> None:
    if rv.values.get("sku") or not rv.values.get("title"):
        return
    sku = "ETSY-" + slug(str(rv.values["title"])).upper()
    rv.values["sku"] = sku
    log.add(
        problem(
            rv.row,
            "sku",
            "sku.generated",
            f"The listing has no SKU; {sku} was made from its title.",
            Severity.FIXED,
            sku,
        )
    )


class ShopifyAssembler:
    """Rows under one Handle: the first carries the product, the others variants or images."""

    def __init__(self, log: ProblemLog, default_currency: str) -> None:
        self.log = log
        self.default_currency = default_currency
        self.handle: str | None = None
        self.group: list[RowValues] = []

    def feed(self, rv: RowValues) -> list[ProductDraft]:
        handle = str(rv.values.get("_handle") or "") or self.handle
        if handle is None:
            self.log.add(
                problem(
                    rv.row,
                    "Handle",
                    "shopify.no_handle",
                    "Row has no Handle; skipped.",
                    Severity.ERROR,
                )
            )
            return []
        out: list[ProductDraft] = []
        if handle != self.handle:
            out = self.finish()
            self.handle = handle
        self.group.append(rv)
        return out

    def finish(self) -> list[ProductDraft]:
        group, self.group = self.group, []
        if not group or self.handle is None:
            return []
        return self._assemble(self.handle, group)

    def _assemble(self, handle: str, group: list[RowValues]) -> list[ProductDraft]:
        first = group[0]
        names = [str(first.values.get(f"_option{i}_name") or "") for i in (1, 2, 3)]
        variants = [rv for rv in group if _is_variant(rv)]
        images = [uri for rv in group for uri in rv.lists.get("images", [])]
        if not variants:
            variants = [first]
        single = len(variants) == 1 and _options(variants[0]) in ([], ["Default Title"])
        product_values = dict(first.values)
        for key in [k for k in product_values if k.startswith("_option")]:
            del product_values[key]
        if single:
            rv = RowValues(
                first.row, {**product_values, **_own(variants[0])}, lists=dict(first.lists)
            )
            rv.lists["images"] = images
            rv.attributes = {**first.attributes, **variants[0].attributes}
            if not rv.values.get("sku"):
                rv.values["sku"] = handle
            draft = product_from_row(rv, self.log, self.default_currency, True)
            return [] if draft is None else [draft]
        parent_values = {k: v for k, v in product_values.items() if k not in _VARIANT_ONLY}
        parent_values["sku"] = handle
        parent_rv = RowValues(first.row, parent_values, lists={"images": images})
        parent_rv.lists.update({k: v for k, v in first.lists.items() if k != "images"})
        parent = product_from_row(parent_rv, self.log, self.default_currency, True)
        if parent is None:
            return []
        out = [parent]
        title = str(first.values.get("title") or handle)
        for rv in variants:
            options = _options(rv)
            values = {k: v for k, v in parent_values.items() if k in INHERITED}
            values.update(_own(rv))
            values["title"] = f"{title} - {' / '.join(options)}" if options else title
            attributes = {
                (names[i] or f"Option {i + 1}"): value
                for i, value in enumerate(_raw_options(rv))
                if value
            }
            child = RowValues(rv.row, values, attributes=attributes)
            variant_image = rv.values.get("_variant_image") or rv.lists.get("_variant_image")
            if variant_image:
                child.lists["images"] = list(variant_image)
            child.values["parent_sku"] = handle
            draft = product_from_row(child, self.log, self.default_currency, True)
            if draft is not None:
                out.append(draft)
        return out


_VARIANT_ONLY = frozenset(
    {"sku", "price", "_compare_at", "cost", "stock", "gtin", "weight_g", "mpn", "_variant_image"}
)


def _raw_options(rv: RowValues) -> list[str]:
    return [str(rv.values.get(f"_option{i}_value") or "") for i in (1, 2, 3)]


def _options(rv: RowValues) -> list[str]:
    return [value for value in _raw_options(rv) if value]


def _is_variant(rv: RowValues) -> bool:
    return bool(rv.values.get("sku") or _options(rv) or "price" in rv.values)


def _own(rv: RowValues) -> dict[str, Any]:
    return {k: v for k, v in rv.values.items() if k in _VARIANT_ONLY}


class WooAssembler:
    """WooCommerce: variations name their parent as ``id:741`` or by SKU."""

    def __init__(self, log: ProblemLog, default_currency: str) -> None:
        self.log = log
        self.default_currency = default_currency
        self.sku_by_id: dict[str, str] = {}
        #: values variations take from their variable parent when they have none
        self.parents: dict[str, dict[str, Any]] = {}

    def feed(self, rv: RowValues) -> list[ProductDraft]:
        values = rv.values
        sku = values.get("sku")
        woo_id = str(values.pop("_id", "") or "")
        if not sku and woo_id:
            values["sku"] = f"WC-{woo_id}"
            self.log.add(
                problem(
                    rv.row,
                    "sku",
                    "sku.generated",
                    f"The product has no SKU; WC-{woo_id} was made from its WooCommerce ID.",
                    Severity.FIXED,
                    str(values["sku"]),
                )
            )
        if woo_id and values.get("sku"):
            self.sku_by_id[woo_id] = str(values["sku"])
        parent = str(values.pop("_parent", "") or "")
        if parent:
            key = parent[3:] if parent.lower().startswith("id:") else None
            parent_sku = self.sku_by_id.get(key) if key is not None else parent
            if parent_sku is None:
                self.log.add(
                    problem(
                        rv.row,
                        "parent_sku",
                        "parent.unknown",
                        f"Parent {parent!r} is not earlier in the file; imported on its own.",
                        Severity.WARNING,
                        str(values.get("sku") or ""),
                    )
                )
            else:
                values["parent_sku"] = parent_sku
        kind = str(values.pop("_type", "") or "").lower()
        if kind:
            rv.attributes["woocommerce_type"] = kind
        published = str(values.pop("_published", "") or "").strip()
        if published and "status" not in values:
            values["status"] = _WOO_PUBLISHED.get(published, "draft")
        categories = str(values.pop("_categories", "") or "")
        if categories:
            paths = woo_list(categories)
            values["category_path"] = paths[0]
            if len(paths) > 1:
                rv.attributes["categories"] = " | ".join(paths)
        if isinstance(values.get("brand"), str):
            values["brand"] = ", ".join(woo_list(values["brand"]))
        if kind == "variable" and values.get("sku"):
            self.parents[str(values["sku"])] = {
                name: values[name] for name in INHERITED if values.get(name) is not None
            }
        inherited = self.parents.get(str(values.get("parent_sku") or ""))
        if inherited:
            for name, value in inherited.items():
                values.setdefault(name, value)
        short = values.pop("_short_description", None)
        if short:
            rv.attributes["short_description"] = str(short)
        for name, value in _numbered_pairs(rv.extras).items():
            rv.attributes[name] = value
        draft = product_from_row(rv, self.log, self.default_currency, True)
        return [] if draft is None else [draft]

    def finish(self) -> list[ProductDraft]:
        return []


#: WooCommerce's Published column: 1 published, 0 private, -1 draft.
_WOO_PUBLISHED = {"1": "active", "0": "archived", "-1": "draft"}


def woo_list(text: str) -> list[str]:
    """A WooCommerce exporter list: items split on commas, ``\\,`` being a comma inside one."""
    items = [part.replace("\\,", ",").strip() for part in re.split(r"(?<!\\),", text)]
    return [item for item in items if item]


def _numbered_pairs(extras: dict[str, str]) -> dict[str, str]:
    """``attribute 1 name`` + ``attribute 1 value(s)`` (or a translation) -> {name: value}."""
    names: dict[str, str] = {}
    values: dict[str, str] = {}
    for header, value in extras.items():
        digits = "".join(ch for ch in header if ch.isdigit())
        if "name" in header or "nombre" in header:
            names[digits] = value
        else:
            values[digits] = value
    return {names[n]: values[n] for n in names if names[n] and values.get(n)}


class EbayAssembler:
    """eBay File Exchange: ``Relationship=Variation`` rows belong to the last parent row."""

    def __init__(self, log: ProblemLog, default_currency: str) -> None:
        self.log = log
        self.default_currency = default_currency
        self.parent: ProductDraft | None = None

    def feed(self, rv: RowValues) -> list[ProductDraft]:
        values = rv.values
        relationship = str(values.pop("_relationship", "") or "").lower()
        details = str(values.pop("_relationship_details", "") or "")
        category = values.pop("_ebay_category", None)
        if category:
            rv.attributes["ebay_category"] = str(category)
        item_id = values.pop("_item_id", None)
        if item_id:
            rv.attributes["ebay_item_id"] = str(item_id)
        if relationship == "variation" and self.parent is not None:
            pairs = _ebay_pairs(details)
            parent = self.parent.values
            for name in INHERITED:
                if name in parent and name not in values:
                    values[name] = parent[name]
            if "title" not in values and "title" in parent:
                suffix = " / ".join(pairs.values())
                values["title"] = f"{parent['title']} - {suffix}" if suffix else parent["title"]
            rv.attributes.update(pairs)
            values["parent_sku"] = self.parent.sku
            draft = product_from_row(rv, self.log, self.default_currency, True)
            return [] if draft is None else [draft]
        if details:
            rv.attributes["variations"] = details
        draft = product_from_row(rv, self.log, self.default_currency, True)
        self.parent = draft
        return [] if draft is None else [draft]

    def finish(self) -> list[ProductDraft]:
        return []


def _ebay_pairs(details: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for part in details.replace("|", ";").split(";"):
        name, _, value = part.partition("=")
        if name.strip() and value.strip():
            pairs[name.strip()] = value.strip()
    return pairs


_SALE_STATUSES = {"completed": "completed", "canceled": "canceled", "cancelled": "canceled"}


def sale_from_row(rv: RowValues, log: ProblemLog, default_currency: str) -> SaleDraft | None:
    values = rv.values
    order_id = str(values.get("order_id") or "").strip()
    if not order_id:
        log.add(
            problem(
                rv.row,
                "order_id",
                "sale.no_id",
                "This row has no Item Id; skipped.",
                Severity.ERROR,
            )
        )
        return None
    status_text = str(values.get("order_status") or "").strip()
    status = _SALE_STATUSES.get(
        status_text.lower(), status_text.lower().replace(" ", "_") or "unknown"
    )
    price = values.get("item_price")
    net = values.get("net_proceeds")
    currency = (
        next((m[1] for m in (price, net) if m is not None and m[1]), None) or default_currency
    )
    return SaleDraft(
        row=rv.row,
        order_id=order_id,
        status=status,
        title=values.get("title"),
        sold_on=values.get("sold_on"),
        canceled_on=values.get("canceled_on"),
        completed_on=values.get("completed_on"),
        ship_to=values.get("ship_to"),
        ship_from=values.get("ship_from"),
        currency=currency,
        item_price=None if price is None else price[0],
        net_proceeds=None if net is None else net[0],
        amounts=dict(rv.attributes),
    )
