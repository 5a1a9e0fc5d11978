"""Every feed channel SellerDesk knows, in the order the seller sees them."""

from __future__ import annotations

import importlib

from sellerdesk.channels.model import FeedChannel
from sellerdesk.core.errors import NotFoundError
from sellerdesk.core.taxonomy import Taxonomy

#: Modules under sellerdesk.channels; each has ``make(taxonomy) -> FeedChannel``.
MODULES = (
    "google",
    "openai_feed",
    "shopify_csv",
    "woocommerce_csv",
    "amazon",
    "ebay",
    "etsy",
    "meta",
    "tiktok",
)


def feed_channels(taxonomy: Taxonomy) -> tuple[FeedChannel, ...]:
    channels: list[FeedChannel] = []
    for name in MODULES:
        module = importlib.import_module(f"sellerdesk.channels.{name}")
        channels.append(module.make(taxonomy))
    return tuple(channels)


def channel_named(channels: tuple[FeedChannel, ...], key: str) -> FeedChannel:
    for channel in channels:
        if channel.key == key:
            return channel
    known = ", ".join(c.key for c in channels)
    raise NotFoundError(f"no feed channel called {key!r}", f"Known channels: {known}.")
