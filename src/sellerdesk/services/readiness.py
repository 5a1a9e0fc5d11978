"""Readiness of products for channels: a channel with its settings, and each product's state
(ready / warnings / blocked) with its problems, worked out from products already loaded."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sellerdesk.channels.model import (
    ERROR,
    ChannelProblem,
    ChannelProduct,
    ChannelSettings,
    FeedChannel,
    Readiness,
)


@dataclass(frozen=True)
class ChannelState:
    channel: FeedChannel
    enabled: bool
    settings: ChannelSettings

    def to_json(self) -> dict[str, Any]:
        channel = self.channel
        return {
            "key": channel.key,
            "label": channel.label,
            "enabled": self.enabled,
            "formats": list(channel.formats),
            "settings": [
                {
                    "key": spec.key,
                    "label": spec.label,
                    "required": spec.required,
                    "value": self.settings.get(spec.key, spec.default),
                    "help": spec.help,
                    **({"choices": list(spec.choices)} if spec.choices else {}),
                }
                for spec in channel.settings
            ],
            "rules": len(channel.rules),
        }


@dataclass
class ProductReadiness:
    product_id: int
    sku: str
    states: dict[str, Readiness] = field(default_factory=dict)
    problems: list[ChannelProblem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.product_id,
            "sku": self.sku,
            "states": {key: state.value for key, state in self.states.items()},
            "problems": [p.to_json() for p in self.problems],
        }


def has_family_rules(states: Sequence[ChannelState]) -> bool:
    return any(hasattr(state.channel, "check_family") for state in states)


def check_products(
    products: Iterable[ChannelProduct],
    states: Sequence[ChannelState],
    families: dict[int, list[ChannelProduct]] | None = None,
) -> Iterator[ProductReadiness]:
    """Each product's readiness on each of ``states``' channels. ``families`` gives parents'
    variants, for channels with rules over a whole family (a ``check_family(parent, variants)``
    method); their problems go to the parent."""
    plan = [
        (s.channel.key, s.channel.check, s.settings, getattr(s.channel, "check_family", None))
        for s in states
    ]
    ready, warnings, blocked = Readiness.READY, Readiness.WARNINGS, Readiness.BLOCKED
    for product in products:
        found = ProductReadiness(product.id, product.sku)
        found_states, found_problems = found.states, found.problems
        variants = families.get(product.id) if families else None
        for key, check, settings, family_check in plan:
            problems = check(product, settings)
            if variants and family_check is not None:
                problems = [*problems, *family_check(product, variants)]
            if not problems:
                found_states[key] = ready
                continue
            state = warnings
            for problem in problems:
                if problem.severity == ERROR:
                    state = blocked
                    break
            found_states[key] = state
            found_problems.extend(problems)
        yield found
