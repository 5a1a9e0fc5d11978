"""Building blocks every channel module shares: rule makers, value formatting for feeds, and the
product's Google category (id and path from the shipped taxonomy)."""

from __future__ import annotations

import html
import re
from decimal import ROUND_HALF_UP, Decimal

from sellerdesk.channels.model import (
    ERROR,
    WARNING,
    ChannelProduct,
    ChannelSettings,
    Rule,
    Scope,
)
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.escaping import neutralize_formula
from sellerdesk.core.fields import FIELD_BY_NAME
from sellerdesk.core.money import minor_unit
from sellerdesk.core.taxonomy import Category, Taxonomy

_TAGS = re.compile(r"<[^>]+>")
_BLOCK_TAGS = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|tr|table|blockquote)\b[^>]*>|<br\s*/?>", re.I
)
_SPACE = re.compile(r"[ \t\u00a0]+")


def label(name: str) -> str:
    return FIELD_BY_NAME[name].label if name in FIELD_BY_NAME else name.replace("_", " ")


# ------------------------------------------------------------------------------ rule makers
def required(channel: str, name: str, severity: str = ERROR, scope: Scope = Scope.EVERY) -> Rule:
    return Rule(
        f"{name}.missing",
        name,
        severity,
        f"{channel} needs a {label(name).lower()}. Fill in {label(name)}.",
        lambda p, _s: not _blank(p.get(name)),
        scope=scope,
    )


def max_length(channel: str, name: str, limit: int, severity: str = ERROR) -> Rule:
    return Rule(
        f"{name}.too_long",
        name,
        severity,
        f"{channel} allows at most {limit:,} characters in the {label(name).lower()}. "
        f"Shorten {label(name)}.",
        lambda p, _s: len(p.text(name)) <= limit,
    )


def price_rules(channel: str) -> tuple[Rule, ...]:
    return (
        Rule(
            "price.missing",
            "price",
            ERROR,
            f"{channel} needs a price. Fill in Price.",
            lambda p, _s: p.get("price") is not None and Decimal(p.get("price")) > 0,
            scope=Scope.LISTED,
        ),
        Rule(
            "sale_price.not_lower",
            "sale_price",
            ERROR,
            f"{channel} needs the sale price to be lower than the price. "
            "Lower Sale price or clear it.",
            lambda p, _s: (
                p.get("sale_price") is None
                or p.get("price") is None
                or Decimal(p.get("sale_price")) < Decimal(p.get("price"))
            ),
        ),
        Rule(
            "currency.missing",
            "currency",
            ERROR,
            f"{channel} needs the currency of the price. Fill in Currency.",
            lambda p, _s: p.get("price") is None or not _blank(p.get("currency")),
            scope=Scope.LISTED,
        ),
    )


def image_rules(channel: str, minimum: int = 1, severity: str = ERROR) -> tuple[Rule, ...]:
    return (
        Rule(
            "images.missing",
            "images",
            severity,
            f"{channel} needs at least {minimum} photo{'s' if minimum > 1 else ''}. "
            "Add a photo in the Product Editor.",
            lambda p, _s: len(p.images) >= minimum,
            scope=Scope.LISTED,
        ),
        Rule(
            "images.not_web",
            "images",
            severity,
            f"{channel} fetches photos from the web: the main photo needs an https:// address. "
            "Upload it to your shop and use that address.",
            lambda p, _s: not p.images or web_url(p.images[0]),
            scope=Scope.LISTED,
        ),
    )


def setting_rule(channel: str, key: str, words: str) -> Rule:
    return Rule(
        f"setting.{key}",
        None,
        ERROR,
        f"{channel} needs {words}. Fill it in under Settings ▸ Channels ▸ {channel}.",
        lambda _p, s: bool(s.get(key)),
        scope=Scope.SETTINGS,
    )


# ------------------------------------------------------------------------------- helpers
def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def web_url(text: str) -> bool:
    return text.startswith(("https://", "http://")) and len(text) <= 2000


def plain_text(text: str, limit: int | None = None) -> str:
    """HTML-free, one-paragraph-per-line text (feeds want plain descriptions)."""
    if "<" in text:
        text = _TAGS.sub(" ", _BLOCK_TAGS.sub("\n", text))
    if "&" in text:
        text = html.unescape(text)
    lines = [_SPACE.sub(" ", line).strip() for line in text.splitlines()]
    text = "\n".join(line for line in lines if line)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def one_line(text: str) -> str:
    """For tab-separated feeds: no tabs or line breaks inside a value."""
    return _SPACE.sub(" ", text.replace("\r", " ").replace("\n", " ").replace("\t", " ")).strip()


def cell(text: str) -> str:
    """A spreadsheet-safe text cell (formulas neutralized)."""
    return neutralize_formula(text)


def amount(value: Decimal, currency: str) -> str:
    """``15.00`` (the currency's minor unit, dot decimal separator)."""
    return str(Decimal(value).quantize(minor_unit(currency or "USD"), rounding=ROUND_HALF_UP))


def price_with_currency(value: Decimal, currency: str) -> str:
    """``15.00 USD`` (Google, OpenAI, Meta)."""
    return f"{amount(value, currency)} {currency}"


def availability(product: ChannelProduct) -> str:
    """``in_stock`` / ``out_of_stock`` from stock (unknown stock counts as in stock)."""
    stock = product.get("stock")
    return "out_of_stock" if stock is not None and int(stock) <= 0 else "in_stock"


class CategoryResolver:
    """A product's Google product category from its id, else from its path."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy

    def of(self, product: ChannelProduct) -> Category | None:
        category_id = product.get("category_id")
        if category_id is not None:
            found = self.taxonomy.get(int(category_id))
            if found is not None:
                return found
        path = product.text("category_path")
        return self.taxonomy.by_path(path) if path else None

    def suggestion(self, product: ChannelProduct) -> str | None:
        """The closest taxonomy category for the product's title, in words."""
        title = product.text("title")
        if not title:
            return None
        found = self.taxonomy.suggest(title)
        return f"Perhaps “{found.path}” (id {found.id})" if found else None

    def rule(self, channel: str, severity: str = WARNING) -> Rule:
        resolver = self

        def test(product: ChannelProduct, _settings: ChannelSettings) -> bool:
            return resolver.of(product) is not None

        return Rule(
            "category.unmapped",
            "category_path",
            severity,
            f"{channel} needs a Google product category. Pick one with the category picker "
            "(Category column or Product Editor).",
            test,
            suggest=resolver.suggestion,
        )


def chosen_format(label: str, formats: tuple[str, ...], fmt: str | None) -> str:
    """The format a write asked for (the channel's first when None), or a clear refusal."""
    chosen = fmt or formats[0]
    if chosen not in formats:
        raise InvalidValueError(
            f"{label} has no {chosen!r} format", f"Use one of: {', '.join(formats)}."
        )
    return chosen
