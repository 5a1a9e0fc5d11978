"""`sellerdesk` command line: the catalog services, headless, with --json for scripts."""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sellerdesk import __version__
from sellerdesk.app import AppContext, build_context
from sellerdesk.cli_feeds import add_commands as add_feed_commands
from sellerdesk.cli_feeds import export_feed
from sellerdesk.cli_import import add_commands as add_import_commands
from sellerdesk.config.paths import AppPaths
from sellerdesk.core.bulk_ops import AdjustPercent, BulkOperation, FindReplace, RoundTo99, SetValue
from sellerdesk.core.changes import ChangeSummary
from sellerdesk.core.errors import InvalidValueError, SellerDeskError
from sellerdesk.core.fields import FIELD_BY_NAME, FIELD_NAMES
from sellerdesk.db.backups import make_backup
from sellerdesk.logging_setup import configure_logging
from sellerdesk.services import doctor
from sellerdesk.services.export import export_catalog
from sellerdesk.services.queries import MISSING_CHOICES, SORTABLE, CatalogQuery

log = logging.getLogger("sellerdesk.cli")
Handler = Callable[[AppContext, argparse.Namespace], int]


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, set):
        return sorted(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _print_json(data: Any) -> None:
    print(json.dumps(data, default=_json_default, ensure_ascii=False, indent=2))


def _print_summary(summary: ChangeSummary, as_json: bool) -> None:
    if as_json:
        _print_json(summary.to_json())
    else:
        print(summary.describe())


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--search", default="", help="full-text search (sku, gtin, title, brand, description)"
    )
    parser.add_argument("--brand", help="only this brand")
    parser.add_argument("--category", help="category id, or the start of a category path")
    parser.add_argument("--max-stock", type=int, metavar="N", help="only products with stock <= N")
    parser.add_argument(
        "--missing", choices=MISSING_CHOICES, metavar="FIELD", help="only products missing FIELD"
    )


def _query(args: argparse.Namespace) -> CatalogQuery:
    return CatalogQuery(
        text=args.search,
        brand=args.brand,
        category=args.category,
        max_stock=args.max_stock,
        missing=args.missing,
        sort=getattr(args, "sort", "id"),
        descending=getattr(args, "desc", False),
    )


# ------------------------------------------------------------------ commands
def cmd_list(ctx: AppContext, args: argparse.Namespace) -> int:
    columns = ("sku", "title", "brand", "gtin", "price", "currency", "stock", "category_path")
    rows = ctx.catalog.search(_query(args), limit=args.limit, columns=columns)
    if args.json:
        _print_json([{k: r[k] for k in ("id", "parent_sku", *columns)} for r in rows])
        return 0
    total = ctx.catalog.count(_query(args))
    print(f"{'SKU':<22} {'Title':<44} {'Brand':<16} {'Price':>10} {'Stock':>6}")
    for r in rows:
        price = "" if r["price"] is None else f"{r['price']:.2f}"
        stock = "" if r["stock"] is None else str(r["stock"])
        sku, title, brand = _cut(r["sku"], 22), _cut(r["title"], 44), _cut(r["brand"], 16)
        print(f"{sku:<22} {title:<44} {brand:<16} {price:>10} {stock:>6}")
    print(f"{len(rows):,} of {total:,} products")
    return 0


def _cut(value: Any, width: int) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_show(ctx: AppContext, args: argparse.Namespace) -> int:
    detail = ctx.catalog.get(args.sku)
    if args.json:
        _print_json(
            {
                "id": detail.id,
                **detail.values,
                "sources": {
                    n: detail.source_of(n) for n in FIELD_NAMES if detail.values.get(n) is not None
                },
                "provenance": detail.provenance,
                "images": [i["uri"] for i in detail.images],
                "variants": detail.variants,
            }
        )
        return 0
    for name in ("parent_sku", *FIELD_NAMES):
        value = detail.values.get(name)
        if value is None:
            continue
        label = FIELD_BY_NAME[name].label if name in FIELD_BY_NAME else "Parent SKU"
        shown = FIELD_BY_NAME[name].display(value) if name in FIELD_BY_NAME else str(value)
        source = detail.source_of(name)
        suffix = f"  [{source}]" if source else ""
        print(f"{label + ':':<15} {_cut(shown, 100)}{suffix}")
    if detail.variants:
        print(f"{'Variants:':<15} {', '.join(detail.variants)}")
    for image in detail.images:
        print(f"{'Image:':<15} {image['uri']}")
    return 0


def cmd_set(ctx: AppContext, args: argparse.Namespace) -> int:
    _print_summary(ctx.catalog.update_field(args.sku, args.field, args.value), args.json)
    return 0


def _bulk_operation(args: argparse.Namespace) -> BulkOperation:
    chosen = sum(x is not None for x in (args.set, args.find, args.percent))
    if chosen > 1 or (chosen == 0 and not args.round99):
        raise InvalidValueError(
            "choose exactly one of --set, --find/--replace, --percent or --round99"
        )
    if args.set is not None:
        return SetValue(args.set)
    if args.find is not None:
        if args.replace is None:
            raise InvalidValueError("--find needs --replace (use --replace '' to delete the text)")
        return FindReplace(args.find, args.replace, case_sensitive=args.case_sensitive)
    if args.percent is not None:
        try:
            percent = Decimal(args.percent)
        except InvalidOperation:
            raise InvalidValueError(
                f"--percent must be a number like 10 or -15 (got {args.percent!r})"
            ) from None
        return AdjustPercent(percent, round_99=args.round99)
    return RoundTo99()


def cmd_bulk(ctx: AppContext, args: argparse.Namespace) -> int:
    operation = _bulk_operation(args)
    ids = ctx.catalog.ids_of(args.sku) if args.sku else ctx.catalog.ids(_query(args))
    if not ids:
        raise InvalidValueError(
            "no products match the selection", "Check --search and the filters."
        )
    _print_summary(ctx.catalog.bulk_update(ids, args.field, operation), args.json)
    return 0


def cmd_delete(ctx: AppContext, args: argparse.Namespace) -> int:
    _print_summary(ctx.catalog.delete(args.sku), args.json)
    return 0


def cmd_undo(ctx: AppContext, args: argparse.Namespace) -> int:
    _print_summary(ctx.catalog.undo(), args.json)
    return 0


def cmd_redo(ctx: AppContext, args: argparse.Namespace) -> int:
    _print_summary(ctx.catalog.redo(), args.json)
    return 0


def cmd_history(ctx: AppContext, args: argparse.Namespace) -> int:
    entries = ctx.catalog.history(args.sku, limit=args.limit)
    if args.json:
        _print_json([e.to_json() for e in entries])
        return 0
    for e in entries:
        when = e.at.astimezone().strftime("%Y-%m-%d %H:%M")
        state = "" if e.batch_state == "done" else f" ({e.batch_state})"
        if e.op == "update":
            what = f"{e.field} [{e.source or '-'}]: {_short(e.old)} -> {_short(e.new)}"
        elif e.op == "images":
            old, new = len(e.old or []), len(e.new or [])
            what = f"photos: {old} -> {new}"
        else:
            what = e.op + "d"
        print(f"{when}  #{e.batch_id} {e.batch_name}{state}  {e.sku}: {what}")
    if not entries:
        print("No changes recorded yet.")
    return 0


def _short(value: Any) -> str:
    return "(none)" if value is None else _cut(json.dumps(value, ensure_ascii=False), 40)


def cmd_export(ctx: AppContext, args: argparse.Namespace) -> int:
    if args.channel:
        return export_feed(ctx, args, _print_json)
    if args.only_ready or args.format:
        raise InvalidValueError("--only-ready and --format go with --channel")
    count = export_catalog(ctx.db, Path(args.output), _query(args))
    if args.json:
        _print_json({"file": str(Path(args.output).resolve()), "rows": count})
    else:
        print(f"Exported {count:,} products to {args.output}")
    return 0


def cmd_backup(ctx: AppContext, args: argparse.Namespace) -> int:
    path = ctx.db.path
    if path is None:
        raise InvalidValueError("only catalog files can be backed up from SellerDesk")
    target = Path(args.output).resolve() if args.output else None
    written = make_backup(path, ctx.paths.backup_dir, reason="manual", target=target)
    if args.json:
        _print_json({"backup": str(written), "bytes": written.stat().st_size})
    else:
        print(f"Backed up {path} to {written}")
    return 0


def cmd_doctor(ctx: AppContext, args: argparse.Namespace) -> int:
    report = doctor.examine(ctx.db)
    if args.json:
        _print_json(report.to_json())
    else:
        print("\n".join(report.lines()))
    return 0 if report.healthy else 1


def cmd_demo(ctx: AppContext, args: argparse.Namespace) -> int:
    from sellerdesk.services.demo import fill_demo

    summary = fill_demo(ctx.catalog, ctx.media_dir, count=args.count)
    _print_summary(summary, args.json)
    return 0


# ------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sellerdesk",
        description="SellerDesk catalog tools (the desktop app is sellerdesk-gui).",
    )
    parser.add_argument(
        "--db", help="catalog file or database URL (default: SELLERDESK_DB or your catalog)"
    )
    parser.add_argument("--version", action="version", version=f"SellerDesk {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, handler: Handler, help_text: str, json_flag: bool = True
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        if json_flag:
            p.add_argument("--json", action="store_true", help="print JSON")
        return p

    p = command("list", cmd_list, "list products")
    _add_filters(p)
    p.add_argument("--sort", default="id", choices=SORTABLE, metavar="FIELD", help="sort by FIELD")
    p.add_argument("--desc", action="store_true", help="sort descending")
    p.add_argument("--limit", type=int, default=50, help="at most N rows (default 50)")

    p = command("show", cmd_show, "show one product with the source of each value")
    p.add_argument("sku")

    p = command("set", cmd_set, "set one field of one product (a manual edit)")
    p.add_argument("sku")
    p.add_argument("field", choices=FIELD_NAMES, metavar="FIELD")
    p.add_argument("value", help="new value; '' clears the field")

    p = command("bulk", cmd_bulk, "change one field on many products in one undoable batch")
    p.add_argument("field", choices=FIELD_NAMES, metavar="FIELD")
    _add_filters(p)
    p.add_argument("--sku", nargs="+", help="these products instead of a search")
    p.add_argument("--set", metavar="VALUE", help="set the field to VALUE")
    p.add_argument("--find", metavar="TEXT", help="find TEXT ...")
    p.add_argument("--replace", metavar="TEXT", help="... and replace it with TEXT")
    p.add_argument("--case-sensitive", action="store_true", help="find with matching case")
    p.add_argument("--percent", metavar="P", help="change a price by P percent (e.g. 10 or -15)")
    p.add_argument("--round99", action="store_true", help="round prices to .99")

    p = command("delete", cmd_delete, "delete products (undoable)")
    p.add_argument("sku", nargs="+")

    command("undo", cmd_undo, "undo the last change batch")
    command("redo", cmd_redo, "redo the last undone batch")

    p = command("history", cmd_history, "show recent changes, of one product or all")
    p.add_argument("sku", nargs="?")
    p.add_argument("--limit", type=int, default=50)

    p = command(
        "export", cmd_export, "export products to .csv, .xlsx or .jsonl, or a channel's feed"
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--channel", metavar="KEY", help="write this channel's feed file instead")
    p.add_argument("--format", metavar="FMT", help="the feed's format (default: from the name)")
    p.add_argument(
        "--only-ready", action="store_true", help="leave out products the channel would reject"
    )
    _add_filters(p)

    p = command("backup", cmd_backup, "back the catalog up (safe while it is in use)")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="backup file (default: the backups folder)"
    )

    command("doctor", cmd_doctor, "check integrity, schema version and search index; show counts")
    p = command("demo", cmd_demo, "fill the catalog with realistic demo products and images")
    p.add_argument("--count", type=int, default=300)
    add_import_commands(command, _print_json)
    add_feed_commands(command, _print_json)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()  # feed checks start worker processes; a frozen app needs it
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = AppPaths.from_environment()
    log_file = configure_logging(paths.log_dir)
    try:
        ctx = build_context(args.db, paths)
    except SellerDeskError as exc:
        print(f"sellerdesk: error: {exc}", file=sys.stderr)
        return 1
    try:
        for warning in ctx.warnings:
            print(f"sellerdesk: warning: {warning}", file=sys.stderr)
        handler: Handler = args.handler
        return handler(ctx, args)
    except SellerDeskError as exc:
        print(f"sellerdesk: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. piping into `head`
        return 0
    except Exception as exc:
        log.exception("command %s failed", args.command)
        print(
            f"sellerdesk: error: unexpected failure ({exc}); details in {log_file}", file=sys.stderr
        )
        return 3
    finally:
        ctx.close()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
