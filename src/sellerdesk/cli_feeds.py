"""`sellerdesk channels`, `validate` and `export --channel`: feed channels from the command line."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sellerdesk.app import AppContext
from sellerdesk.channels.model import ERROR, Readiness
from sellerdesk.core.errors import InvalidValueError

Handler = Callable[[AppContext, argparse.Namespace], int]
Printer = Callable[[Any], None]

_SHOWN = 50


def cmd_channels(ctx: AppContext, args: argparse.Namespace, print_json: Printer) -> int:
    feeds = ctx.feeds
    if args.enable or args.disable or args.set:
        key = args.enable or args.disable or args.channel
        if not key:
            raise InvalidValueError("say which channel: --enable KEY, --disable KEY or --channel")
        settings: dict[str, str] = {}
        for item in args.set or []:
            name, sep, value = item.partition("=")
            if not sep:
                raise InvalidValueError(f"--set {item!r} must look like NAME=VALUE")
            settings[name.strip()] = value
        enabled = True if args.enable else False if args.disable else None
        feeds.configure(key, enabled=enabled, settings=settings)
    states = feeds.states()
    if args.channel:
        states = [feeds.state(args.channel)]
    if args.json:
        print_json([state.to_json() for state in states])
        return 0
    for state in states:
        channel = state.channel
        mark = "on " if state.enabled else "off"
        print(f"[{mark}] {channel.key:<12} {channel.label:<36} {', '.join(channel.formats)}")
        if args.channel:
            for spec in channel.settings:
                value = state.settings.get(spec.key) or "(not set)"
                need = " *" if spec.required else ""
                print(f"       {spec.key:<24} {value}{need}")
                if spec.help:
                    print(f"       {'':<24} {spec.help}")
    if not args.channel:
        print("Enable one with `sellerdesk channels --enable KEY`; settings with --channel KEY.")
    return 0


def cmd_validate(ctx: AppContext, args: argparse.Namespace, print_json: Printer) -> int:
    feeds = ctx.feeds
    keys = args.channel or [state.channel.key for state in feeds.enabled()]
    if not keys:
        raise InvalidValueError(
            "no channel to check against",
            "Name one with --channel (see `sellerdesk channels`) or enable some.",
        )
    ids = ctx.catalog.ids_of(args.sku) if args.sku else None
    results = list(feeds.readiness(ids, keys))
    totals: dict[str, Counter[str]] = {key: Counter() for key in keys}
    for result in results:
        for key, state in result.states.items():
            totals[key][state.value] += 1
    if args.json:
        shown = results if args.all else [r for r in results if r.problems]
        print_json(
            {
                "channels": keys,
                "totals": {key: dict(count) for key, count in totals.items()},
                "products": [r.to_json() for r in shown],
            }
        )
        return 0 if not any(t[Readiness.BLOCKED.value] for t in totals.values()) else 2
    for key in keys:
        count = totals[key]
        label = feeds.channel(key).label
        print(
            f"{label}: {count['ready']:,} ready, {count['warnings']:,} with warnings, "
            f"{count['blocked']:,} blocked"
        )
    listed = 0
    for result in results:
        if not result.problems or listed >= args.limit:
            continue
        listed += 1
        print(f"\n{result.sku}")
        for problem in result.problems:
            mark = "✗" if problem.severity == ERROR else "!"
            field = f" [{problem.field}]" if problem.field else ""
            print(f"  {mark} {problem.channel}{field}: {problem.message}")
            if problem.suggestion:
                print(f"      → {problem.suggestion}")
    remaining = sum(1 for r in results if r.problems) - listed
    if remaining > 0:
        print(f"\n… and {remaining:,} more products with problems (--limit, or --json)")
    blocked = any(count["blocked"] for count in totals.values())
    return 2 if blocked else 0


def export_feed(ctx: AppContext, args: argparse.Namespace, print_json: Printer) -> int:
    result = ctx.feeds.export(
        args.channel, Path(args.output), fmt=args.format, only_ready=args.only_ready
    )
    if args.json:
        print_json(
            {
                "file": str(result.path.resolve()),
                "channel": args.channel,
                "written": result.written,
                "left_out": [{"sku": sku, "reasons": list(why)} for sku, why in result.skipped],
            }
        )
        return 0
    label = ctx.feeds.channel(args.channel).label
    print(f"Wrote {result.written:,} items for {label} to {result.path}")
    for sku, reasons in result.skipped[:_SHOWN]:
        print(f"  left out {sku}: {'; '.join(reasons)}")
    if len(result.skipped) > _SHOWN:
        print(f"  … and {len(result.skipped) - _SHOWN:,} more left out (--json lists them all)")
    return 0


def add_commands(command: Callable[..., argparse.ArgumentParser], print_json: Printer) -> None:
    def bind(handler: Callable[[AppContext, argparse.Namespace, Printer], int]) -> Handler:
        return lambda ctx, args: handler(ctx, args, print_json)

    p = command(
        "channels", bind(cmd_channels), "list feed channels; enable them; set their settings"
    )
    p.add_argument("--channel", metavar="KEY", help="show (or --set) this channel's settings")
    p.add_argument("--enable", metavar="KEY", help="check products against this channel")
    p.add_argument("--disable", metavar="KEY", help="stop checking this channel")
    p.add_argument("--set", action="append", metavar="NAME=VALUE", help="a channel setting")

    p = command("validate", bind(cmd_validate), "check products against channels' rules")
    p.add_argument("--channel", action="append", metavar="KEY", help="this channel (repeatable)")
    p.add_argument("--sku", action="append", help="only this product (repeatable)")
    p.add_argument("--limit", type=int, default=30, help="products listed (default 30)")
    p.add_argument("--all", action="store_true", help="with --json, list ready products too")
