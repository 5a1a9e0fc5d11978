"""Rule scopes: which products each rule looks at, and settings rules checked once per settings."""

from __future__ import annotations

from sellerdesk.channels.model import (
    ERROR,
    ChannelProduct,
    ChannelSettings,
    Rule,
    RulesCheck,
    Scope,
    run_rules,
)

SINGLE = ChannelProduct(1, "MUG", {})
PARENT = ChannelProduct(2, "TEE", {}, variant_skus=("TEE-RED",))
VARIANT = ChannelProduct(3, "TEE-RED", {}, parent_sku="TEE")


class _Counting(RulesCheck):
    key = "test"

    def __init__(self) -> None:
        self.settings_checks = 0

        def settings_test(_p: ChannelProduct, s: ChannelSettings) -> bool:
            self.settings_checks += 1
            return bool(s.get("shop"))

        failing = [
            Rule(scope.value, None, ERROR, f"fails {scope}", lambda _p, _s: False, scope=scope)
            for scope in Scope
            if scope is not Scope.SETTINGS
        ]
        self.rules = (
            *failing,
            Rule("settings", None, ERROR, "no shop", settings_test, scope=Scope.SETTINGS),
        )


def _codes(channel: _Counting, product: ChannelProduct, settings: ChannelSettings) -> list[str]:
    return [problem.code for problem in channel.check(product, settings)]


def test_each_scope_looks_at_its_products() -> None:
    channel, settings = _Counting(), ChannelSettings({})
    assert _codes(channel, SINGLE, settings) == ["every", "listed", "listing", "single", "settings"]
    assert _codes(channel, PARENT, settings) == ["every", "listing", "settings"]
    assert _codes(channel, VARIANT, settings) == ["every", "listed", "variant", "settings"]
    for product in (SINGLE, PARENT, VARIANT):
        assert channel.check(product, settings) == run_rules(
            channel.key, channel.rules, product, settings
        )


def test_settings_rules_run_once_per_settings_object() -> None:
    channel = _Counting()
    settings = ChannelSettings({})
    for product in (SINGLE, PARENT, VARIANT, SINGLE):
        assert "settings" in _codes(channel, product, settings)
    assert channel.settings_checks == 1
    fixed = ChannelSettings({"shop": "Kiln & Co"})
    assert "settings" not in _codes(channel, SINGLE, fixed)
    assert channel.settings_checks == 2
