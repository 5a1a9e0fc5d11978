"""What the product editor shows for one product (its fields, history and channel readiness),
read in one go off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass, field

from sellerdesk.services.catalog import CatalogService, HistoryEntry, ProductDetail
from sellerdesk.services.feeds import FeedService, ProductReadiness

HISTORY_LIMIT = 200


@dataclass(frozen=True)
class ProductLoad:
    """Everything the editor shows for one product, read in one go."""

    detail: ProductDetail
    history: list[HistoryEntry]
    readiness: ProductReadiness | None = None
    channel_labels: dict[str, str] = field(default_factory=dict)

    @property
    def version(self) -> int:
        return int(self.detail.values.get("version") or 0)


def read_product(
    catalog: CatalogService, product_id: int, feeds: FeedService | None = None
) -> ProductLoad:
    readiness: ProductReadiness | None = None
    labels: dict[str, str] = {}
    if feeds is not None:
        readiness = next(iter(feeds.readiness([product_id])), None)
        if readiness is not None:
            labels = {key: feeds.channel(key).label for key in readiness.states}
    return ProductLoad(
        catalog.get(product_id), catalog.history(product_id, HISTORY_LIMIT), readiness, labels
    )
