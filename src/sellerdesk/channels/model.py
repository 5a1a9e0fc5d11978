"""The feed-channel model: what a channel sees of a product, its settings, its rules as data,
and the problems a check finds (each naming the field to fix, in plain words)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

ERROR = "error"
WARNING = "warning"


class Readiness(StrEnum):
    READY = "ready"
    WARNINGS = "warnings"
    BLOCKED = "blocked"


@dataclass(frozen=True, slots=True)
class ChannelProduct:
    """One product as a channel sees it: effective values, photos and its family."""

    id: int
    sku: str
    #: effective values by field name (see sellerdesk.core.fields; Decimals for money,
    #: lists for bullets/keywords, a dict for attributes), None for missing
    values: Mapping[str, Any]
    #: photo URIs in order (the first is the main photo)
    images: tuple[str, ...] = ()
    parent_sku: str | None = None
    #: SKUs of this product's variants (empty unless it is a parent)
    variant_skus: tuple[str, ...] = ()

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def text(self, name: str) -> str:
        value = self.values.get(name)
        return "" if value is None else str(value)

    def money(self, name: str) -> Decimal | None:
        value = self.values.get(name)
        return None if value is None else Decimal(value)

    @property
    def attributes(self) -> Mapping[str, str]:
        return self.values.get("attributes") or {}

    @property
    def is_parent(self) -> bool:
        return bool(self.variant_skus)


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """One channel setting the seller fills in once (seller name, shop URL, policies...)."""

    key: str
    label: str
    help: str = ""
    required: bool = False
    default: str = ""
    choices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChannelSettings:
    values: Mapping[str, str] = field(default_factory=dict)

    def get(self, key: str, default: str = "") -> str:
        value = self.values.get(key)
        return default if value is None or value == "" else str(value)

    def product_url(self, product: ChannelProduct) -> str:
        """The product page: the ``link`` attribute, else the ``product_url`` template with
        {sku} (and {handle}, the SKU in lower case with dashes)."""
        own = product.attributes.get("link") or product.attributes.get("url")
        if own:
            return own
        template = self.get("product_url")
        if not template:
            return ""
        handle = "-".join(product.sku.lower().split())
        return template.replace("{sku}", product.sku).replace("{handle}", handle)


Test = Callable[[ChannelProduct, ChannelSettings], bool]


class Scope(StrEnum):
    """Which products a rule looks at."""

    #: every product
    EVERY = "every"
    #: what gets listed: products on their own and variants (not the parents of variants)
    LISTED = "listed"
    #: a listing's own row: products on their own and parents (a variant's is its parent's)
    LISTING = "listing"
    #: products on their own only
    SINGLE = "single"
    #: variants only (their options)
    VARIANT = "variant"
    #: the channel's settings alone: checked once per settings, whatever the product
    SETTINGS = "settings"


_SCOPES_OF_KIND = {
    "single": frozenset({Scope.EVERY, Scope.LISTED, Scope.LISTING, Scope.SINGLE}),
    "parent": frozenset({Scope.EVERY, Scope.LISTING}),
    "variant": frozenset({Scope.EVERY, Scope.LISTED, Scope.VARIANT}),
}


def kind_of(product: ChannelProduct) -> str:
    """ "variant", "parent" (of variants) or "single"."""
    if product.parent_sku is not None:
        return "variant"
    return "parent" if product.variant_skus else "single"


@dataclass(frozen=True, slots=True)
class Rule:
    """A check a product must pass: ``test`` returns True when the product is fine."""

    code: str
    field: str | None
    severity: str
    message: str
    test: Test
    suggestion: str | None = None
    #: which products the rule looks at (the others pass it)
    scope: Scope = Scope.EVERY
    #: a suggestion worked out for the product (e.g. the closest category)
    suggest: Callable[[ChannelProduct], str | None] | None = None


@dataclass(frozen=True, slots=True)
class ChannelProblem:
    channel: str
    code: str
    field: str | None
    severity: str
    message: str
    suggestion: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "code": self.code,
            "field": self.field,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    written: int
    #: (sku, reasons) of products left out (by --only-ready or because the format can't hold them)
    skipped: tuple[tuple[str, tuple[str, ...]], ...] = ()


class FeedChannel(Protocol):
    """A channel SellerDesk writes feed files for. One module per channel implements it."""

    key: str
    label: str
    #: file formats, the default first (e.g. ("tsv", "xml"))
    formats: tuple[str, ...]
    settings: tuple[SettingSpec, ...]
    rules: tuple[Rule, ...]

    def check(self, product: ChannelProduct, settings: ChannelSettings) -> list[ChannelProblem]:
        """Problems of ``product`` on this channel (errors block it, warnings don't)."""
        ...

    def write(
        self,
        products: Iterable[ChannelProduct],
        target: Path,
        settings: ChannelSettings,
        fmt: str | None = None,
    ) -> int:
        """Write the feed file (the caller makes it atomic: ``target`` is a temporary path);
        returns the number of items written."""
        ...


Compiled = tuple[tuple[Test, Rule, "ChannelProblem | None"], ...]


@dataclass(frozen=True, slots=True)
class CompiledRules:
    """A channel's rules sorted by the kind of product they look at, each with its problem
    made once when it needs no suggestion (results of big checks share them)."""

    by_kind: dict[str, Compiled]
    settings: Compiled


def compile_rules(channel: str, rules: Iterable[Rule]) -> CompiledRules:
    made = [
        (
            rule.test,
            rule,
            None
            if rule.suggest is not None
            else ChannelProblem(
                channel, rule.code, rule.field, rule.severity, rule.message, rule.suggestion
            ),
        )
        for rule in rules
    ]
    return CompiledRules(
        {
            kind: tuple(entry for entry in made if entry[1].scope in scopes)
            for kind, scopes in _SCOPES_OF_KIND.items()
        },
        tuple(entry for entry in made if entry[1].scope is Scope.SETTINGS),
    )


#: compiled rules by (channel, id of the rules tuple); the tuple is kept to pin its id
_COMPILED: dict[tuple[str, int], tuple[tuple[Rule, ...], CompiledRules]] = {}


def _compiled(channel: str, rules: tuple[Rule, ...]) -> CompiledRules:
    """``compile_rules``, once per rules tuple. Keyed by the tuple's identity: hashing two
    dozen frozen dataclasses per check cost a fifth of a big check."""
    key = (channel, id(rules))
    found = _COMPILED.get(key)
    if found is not None and found[0] is rules:
        return found[1]
    compiled = compile_rules(channel, rules)
    if len(_COMPILED) > 512:
        _COMPILED.clear()
    _COMPILED[key] = (rules, compiled)
    return compiled


def failed_rules(
    channel: str, compiled: Compiled, product: ChannelProduct, settings: ChannelSettings
) -> list[ChannelProblem]:
    """The problems of the compiled rules ``product`` fails."""
    problems: list[ChannelProblem] = []
    for test, rule, made in compiled:
        if not test(product, settings):
            if made is None:
                suggest = rule.suggest
                made = ChannelProblem(
                    channel,
                    rule.code,
                    rule.field,
                    rule.severity,
                    rule.message,
                    suggest(product) if suggest is not None else rule.suggestion,
                )
            problems.append(made)
    return problems


def run_rules(
    channel: str, rules: Iterable[Rule], product: ChannelProduct, settings: ChannelSettings
) -> list[ChannelProblem]:
    """Every rule that looks at ``product`` and fails becomes a problem: the product's own
    rules in order, then the settings rules."""
    compiled = _compiled(channel, rules if isinstance(rules, tuple) else tuple(rules))
    return [
        *failed_rules(channel, compiled.by_kind[kind_of(product)], product, settings),
        *failed_rules(channel, compiled.settings, product, settings),
    ]


class RulesCheck:
    """``check`` for a channel whose problems are its ``rules``: what ``run_rules`` gives, with
    the settings rules checked once per settings object (a check of 100k products against
    every channel must take seconds)."""

    key: str
    rules: tuple[Rule, ...]
    _last_settings: tuple[ChannelSettings, list[ChannelProblem]] | None = None

    def check(self, product: ChannelProduct, settings: ChannelSettings) -> list[ChannelProblem]:
        compiled = _compiled(self.key, self.rules)
        if product.parent_sku is not None:
            tests = compiled.by_kind["variant"]
        else:
            tests = compiled.by_kind["parent" if product.variant_skus else "single"]
        problems = failed_rules(self.key, tests, product, settings)
        if compiled.settings:
            last = self._last_settings
            if last is None or last[0] is not settings:
                found = failed_rules(self.key, compiled.settings, product, settings)
                last = self._last_settings = (settings, found)
            problems.extend(last[1])
        return problems
