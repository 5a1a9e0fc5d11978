"""Amazon: the rules Amazon applies to a listing, and two files — a ``JSON_LISTINGS_FEED``
document for the Selling Partner API Feeds API (schema version 2.0, attributes shaped like the
Listings Items API) and the tab-delimited inventory flat file for a manual upload in Seller
Central (which SellerDesk's importer reads back).

Amazon files products under its own product types (``HOME``, ``SHIRT``...): the attribute
``amazon_product_type`` (or an imported ``feed_product_type``) names one, else the channel's
default product type; a Google category can't be converted offline. Variants become child
listings of their parent under a variation theme built from their Color and Size (or the
attribute ``amazon_variation_theme``). An archived product's listing is deleted.

The rules and the channel are here; the two files are written by ``amazon_json`` and
``amazon_flat_file``, from what ``amazon_common`` holds for all three.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sellerdesk.channels import common
from sellerdesk.channels.amazon_common import (
    ADVISED_TITLE,
    KEY,
    LABEL,
    MARKETPLACES,
    MAX_BULLET,
    MAX_BULLETS,
    MAX_DESCRIPTION,
    MAX_OTHER_IMAGES,
    MAX_SEARCH_TERMS_BYTES,
    MAX_TITLE,
    US_MARKETPLACE,
    _Context,
    _exempt,
    _sale_dates,
    color_of,
    marketplace_id,
    own_product_type,
    product_type,
    size_of,
)
from sellerdesk.channels.amazon_flat_file import _write_flat_file
from sellerdesk.channels.amazon_json import _write_json
from sellerdesk.channels.common import chosen_format
from sellerdesk.channels.families import attribute, scoped
from sellerdesk.channels.feed_values import archived_rule, stock_rule
from sellerdesk.channels.model import (
    ERROR,
    WARNING,
    ChannelProduct,
    ChannelSettings,
    FeedChannel,
    Rule,
    RulesCheck,
    Scope,
    SettingSpec,
)
from sellerdesk.core.taxonomy import Taxonomy

#: Characters Amazon's title policy rejects unless they are part of the brand name.
_TITLE_SYMBOLS = frozenset("!$?_{}^¬¦")


# --------------------------------------------------------------------------------- tests
def _title_symbols_ok(p: ChannelProduct, _s: ChannelSettings) -> bool:
    title = p.values.get("title")
    if not title or _TITLE_SYMBOLS.isdisjoint(title):
        return True
    return _TITLE_SYMBOLS.intersection(title) <= set(p.text("brand"))


def _has_product_id(p: ChannelProduct, _s: ChannelSettings) -> bool:
    return bool(p.values.get("gtin")) or bool(p.attributes.get("asin")) or _exempt(p)


def _description_short(p: ChannelProduct, _s: ChannelSettings) -> bool:
    text = p.text("description")
    return len(text) <= MAX_DESCRIPTION or len(common.plain_text(text)) <= MAX_DESCRIPTION


def _currency_ok(p: ChannelProduct, s: ChannelSettings) -> bool:
    market = MARKETPLACES.get(marketplace_id(s))
    currency = p.values.get("currency")
    return market is None or currency is None or currency == market.currency


def _sale_dated(p: ChannelProduct, _s: ChannelSettings) -> bool:
    return p.values.get("sale_price") is None or _sale_dates(p) is not None


def _search_terms_short(p: ChannelProduct, _s: ChannelSettings) -> bool:
    keywords = p.values.get("keywords")
    return not keywords or len(" ".join(keywords).encode()) <= MAX_SEARCH_TERMS_BYTES


def _variation_ok(p: ChannelProduct, _s: ChannelSettings) -> bool:
    return bool(attribute(p, "amazon_variation_theme")) or bool(color_of(p) or size_of(p))


class AmazonChannel(RulesCheck):
    key = KEY
    label = LABEL
    formats: tuple[str, ...] = ("json", "txt")
    settings: tuple[SettingSpec, ...] = (
        SettingSpec(
            "seller_id",
            "Seller ID",
            "Your merchant token (Seller Central ▸ Settings ▸ Account Info ▸ Business "
            "Information ▸ Merchant Token). The JSON listings feed needs it.",
            required=True,
        ),
        SettingSpec(
            "marketplace_id",
            "Marketplace ID",
            f"The Amazon store the listings are for: {US_MARKETPLACE} is amazon.com, "
            "A1F83G8C2ARO7P amazon.co.uk, A1PA6795UKMFR9 amazon.de.",
            required=True,
            default=US_MARKETPLACE,
        ),
        SettingSpec(
            "default_product_type",
            "Default product type",
            "The Amazon product type for products without an amazon_product_type attribute, "
            "e.g. HOME, SHIRT, or PRODUCT to offer existing Amazon products.",
        ),
        SettingSpec(
            "language_tag",
            "Language",
            "The language of titles and descriptions, e.g. en_US (by default the "
            "marketplace's language).",
        ),
    )

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.categories = common.CategoryResolver(taxonomy)
        self.rules: tuple[Rule, ...] = scoped(
            general=self._product_rules(),
            variant=self._variation_rules(),
            settings=self._setting_rules(),
        )

    def _product_rules(self) -> tuple[Rule, ...]:
        """Rules on each listing (children of a variation family are listings too)."""
        return (
            common.required(LABEL, "title"),
            common.max_length(LABEL, "title", MAX_TITLE),
            Rule(
                "title.long",
                "title",
                WARNING,
                f"{LABEL} advises titles of at most {ADVISED_TITLE} characters. Shorten Title.",
                lambda p, _s: len(p.values.get("title") or "") <= ADVISED_TITLE,
            ),
            Rule(
                "title.symbols",
                "title",
                WARNING,
                f"{LABEL} rejects titles with ! $ ? _ {{ }} ^ ¬ or ¦ unless the brand has "
                "them. Remove them from Title.",
                _title_symbols_ok,
            ),
            common.required(LABEL, "brand"),
            Rule(
                "gtin.missing",
                "gtin",
                ERROR,
                f"{LABEL} needs a product ID. Fill in GTIN (UPC or EAN); for a product without "
                "a barcode get a GTIN exemption from Amazon and set the attribute "
                "identifier_exists to no.",
                _has_product_id,
                scope=Scope.LISTED,
            ),
            Rule(
                "bullets.missing",
                "bullets",
                WARNING,
                f"{LABEL} shows key features as bullet points. Add up to {MAX_BULLETS} "
                "Bullet points.",
                lambda p, _s: bool(p.values.get("bullets")),
            ),
            Rule(
                "bullets.too_many",
                "bullets",
                WARNING,
                f"{LABEL} shows at most {MAX_BULLETS} bullet points; only the first "
                f"{MAX_BULLETS} are sent. Remove some Bullet points.",
                lambda p, _s: len(p.values.get("bullets") or ()) <= MAX_BULLETS,
            ),
            Rule(
                "bullets.too_long",
                "bullets",
                ERROR,
                f"{LABEL} allows at most {MAX_BULLET} characters in a bullet point. Shorten "
                "the long Bullet points.",
                lambda p, _s: all(
                    len(bullet) <= MAX_BULLET for bullet in p.values.get("bullets") or ()
                ),
            ),
            Rule(
                "description.missing",
                "description",
                WARNING,
                f"{LABEL} shows a product description. Fill in Description.",
                lambda p, _s: bool(p.values.get("description")),
            ),
            Rule(
                "description.too_long",
                "description",
                ERROR,
                f"{LABEL} allows at most {MAX_DESCRIPTION:,} characters of plain text in a "
                "description. Shorten Description.",
                _description_short,
            ),
            *common.price_rules(LABEL),
            Rule(
                "currency.marketplace",
                "currency",
                ERROR,
                f"{LABEL} needs prices in the marketplace's currency (USD on amazon.com). "
                "Change Currency or the marketplace in Settings ▸ Channels.",
                _currency_ok,
                scope=Scope.LISTED,
            ),
            Rule(
                "sale_price.no_dates",
                "sale_price",
                WARNING,
                f"{LABEL} needs start and end dates for a sale price; without them the sale "
                "price is left out. Set the attributes sale_start and sale_end "
                "(e.g. 2025-11-28).",
                _sale_dated,
                scope=Scope.LISTED,
            ),
            stock_rule(
                LABEL,
                ERROR,
                f"{LABEL} needs the quantity you have. Fill in Stock (0 when sold out).",
            ),
            *common.image_rules(LABEL),
            Rule(
                "images.too_many",
                "images",
                WARNING,
                f"{LABEL} takes a main photo and {MAX_OTHER_IMAGES} more; only the first "
                f"{MAX_OTHER_IMAGES + 1} are sent. Remove some photos.",
                lambda p, _s: len(p.images) <= MAX_OTHER_IMAGES + 1,
            ),
            Rule(
                "keywords.too_long",
                "keywords",
                WARNING,
                f"{LABEL} reads at most {MAX_SEARCH_TERMS_BYTES} bytes of search terms and "
                "ignores the rest. Shorten Keywords.",
                _search_terms_short,
            ),
            Rule(
                "condition.not_new",
                "condition",
                WARNING,
                f"{LABEL} takes used items (sent as Used – Good) only in some categories, and "
                "refurbished ones only through Amazon Renewed. Check that your category "
                "allows it.",
                lambda p, _s: p.values.get("condition") in (None, "new"),
                scope=Scope.LISTED,
            ),
            Rule(
                "product_type.missing",
                "attributes",
                ERROR,
                f"{LABEL} needs a product type (e.g. HOME or SHIRT). Set the attribute "
                "amazon_product_type, or a default product type under Settings ▸ Channels ▸ "
                f"{LABEL}.",
                lambda p, s: bool(product_type(p, s)),
            ),
            Rule(
                "product_type.unconfirmed",
                "attributes",
                WARNING,
                f"{LABEL} files products under its own product types, and SellerDesk can't "
                "convert a Google category offline: this product uses the default product "
                "type. Confirm it by setting the attribute amazon_product_type.",
                lambda p, _s: bool(own_product_type(p)),
                suggest=self._product_type_hint,
            ),
            archived_rule(
                f"the {LABEL} file deletes its listing. Set Status to active to keep selling it."
            ),
        )

    def _variation_rules(self) -> tuple[Rule, ...]:
        """Rules on a variant's place in its family."""
        return (
            Rule(
                "variation.no_theme",
                "attributes",
                WARNING,
                f"{LABEL} groups variants by Size and Color: give this variant a Color or Size "
                "attribute, or set the attribute amazon_variation_theme.",
                _variation_ok,
            ),
        )

    def _setting_rules(self) -> tuple[Rule, ...]:
        return (
            Rule(
                "setting.seller_id",
                None,
                WARNING,
                f"{LABEL}'s JSON listings feed needs your seller ID (merchant token). Fill it "
                f"in under Settings ▸ Channels ▸ {LABEL}.",
                lambda _p, s: bool(s.get("seller_id")),
            ),
            Rule(
                "setting.marketplace_id",
                None,
                WARNING,
                f"SellerDesk doesn't know this {LABEL} marketplace ID. Check it under "
                f"Settings ▸ Channels ▸ {LABEL} ({US_MARKETPLACE} is amazon.com).",
                lambda _p, s: marketplace_id(s) in MARKETPLACES,
            ),
        )

    def _product_type_hint(self, product: ChannelProduct) -> str | None:
        category = self.categories.of(product)
        if category is None:
            return None
        return (
            f"Your Google category is “{category.path}”: pick the Amazon product type for "
            f"“{category.leaf}” in Seller Central's product classifier."
        )

    def write(
        self,
        products: Iterable[ChannelProduct],
        target: Path,
        settings: ChannelSettings,
        fmt: str | None = None,
    ) -> int:
        chosen = chosen_format(LABEL, self.formats, fmt)
        context = _Context.of(settings)
        if chosen == "json":
            return _write_json(products, target, context)
        return _write_flat_file(products, target, context)


def make(taxonomy: Taxonomy) -> FeedChannel:
    return AmazonChannel(taxonomy)
