"""`sellerdesk import`, `profiles` and `sales`: the import engine from the command line."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sellerdesk.app import AppContext
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.importers.pipeline import CONFLICT_POLICIES, DUPLICATE_POLICIES, ImportOptions
from sellerdesk.importers.targets import TARGETS
from sellerdesk.services.importing import ImportReport, describe_format
from sellerdesk.services.sales import list_sales, proceeds_total

Handler = Callable[[AppContext, argparse.Namespace], int]
Printer = Callable[[Any], None]

_SHOWN_PROBLEMS = 30


def _mapping_overrides(values: list[str] | None) -> dict[int, str | None] | None:
    """``--map 3=gtin --map 5=ignore`` (columns counted from 1, as a spreadsheet shows them)."""
    if not values:
        return None
    result: dict[int, str | None] = {}
    for item in values:
        column, sep, target = item.partition("=")
        if not sep or not column.strip().isdigit():
            raise InvalidValueError(
                f"--map {item!r} must look like COLUMN=TARGET, e.g. 3=gtin or 5=ignore"
            )
        name = target.strip()
        if name not in (*TARGETS, "ignore"):
            raise InvalidValueError(
                f"--map target {name!r} is unknown", f"Known: {', '.join(TARGETS)}, ignore."
            )
        result[int(column) - 1] = None if name == "ignore" else name
    return result


def cmd_import(ctx: AppContext, args: argparse.Namespace, print_json: Printer) -> int:
    options = ImportOptions(
        sheet=args.sheet,
        encoding=args.encoding,
        delimiter=args.delimiter.replace("\\t", "\t") if args.delimiter else None,
        header_row=args.header_row,
        mapping=_mapping_overrides(args.map),
        on_conflict=args.on_conflict,
        duplicates=args.duplicates,
        override_manual=args.override_manual,
        default_currency=args.currency or ctx.settings.default_currency,
        profile=args.profile,
    )
    path = Path(args.file)
    inspection = ctx.importer.inspect(path, options)
    if args.save_profile:
        ctx.importer.profiles.save(args.save_profile, inspection)
    report = ctx.importer.commit(inspection, dry_run=args.dry_run)
    if args.json:
        print_json(report.to_json())
    else:
        _print_report(report)
    return 0


def _print_report(report: ImportReport) -> None:
    inspection = report.inspection
    counts = report.counts
    verb = "Would import" if report.dry_run else "Imported"
    print(f"{verb} {inspection.path.name}: {describe_format(inspection)}")
    header = f"header on row {inspection.header_row}" if inspection.header_row else "no header row"
    profile = f", mapping from profile {inspection.profile!r}" if inspection.profile else ""
    print(f"  {header}{profile}")
    for guess in inspection.mapping:
        target = guess.target or "(ignored)"
        print(f"  {guess.header[:30]:<30} -> {target:<16} {guess.confidence:4.0%}  {guess.reason}")
    print(
        f"  {counts['rows']:,} rows: {counts['new']:,} new, {counts['updated']:,} updated, "
        f"{counts['unchanged']:,} unchanged, {counts['skipped']:,} skipped, "
        f"{counts['duplicate']:,} duplicate"
    )
    for problem in report.problems[:_SHOWN_PROBLEMS]:
        where = f"row {problem.row}" + (f", {problem.field}" if problem.field else "")
        print(f"  [{problem.severity.value}] {where}: {problem.message}")
    hidden = report.problem_summary["total"] - min(len(report.problems), _SHOWN_PROBLEMS)
    if hidden > 0:
        print(f"  … and {hidden:,} more problems (use --json for all of them)")
    if not report.dry_run:
        print(f"  Undo with `sellerdesk undo` (batch #{report.batch_id}: {report.batch_name}).")


def cmd_profiles(ctx: AppContext, args: argparse.Namespace, print_json: Printer) -> int:
    store = ctx.importer.profiles
    if args.action == "list":
        items = store.all()
        if args.json:
            print_json([p.to_json() for p in items])
        elif not items:
            print(
                "No import profiles yet. Save one with "
                "`sellerdesk import FILE --save-profile NAME`."
            )
        for profile in items:
            headers = profile.settings.get("headers") or []
            updated = f"{profile.updated_at:%Y-%m-%d}"
            print(f"{profile.name:<30} {len(headers):>3} columns  updated {updated}")
        return 0
    if not args.name:
        raise InvalidValueError(f"`profiles {args.action}` needs a profile name")
    if args.action == "show":
        profile = store.get(args.name)
        if args.json:
            print_json(profile.to_json())
        else:
            print(f"Profile {profile.name!r} ({profile.settings.get('layout')})")
            headers = profile.settings.get("headers") or []
            for index, header in enumerate(headers):
                target = profile.settings.get("mapping", {}).get(str(index))
                print(f"  {index + 1:>3}. {header[:40]:<40} -> {target or '(ignored)'}")
        return 0
    store.delete(args.name)
    if args.json:
        print_json({"deleted": args.name})
    else:
        print(f"Deleted import profile {args.name!r}")
    return 0


def cmd_imports(ctx: AppContext, args: argparse.Namespace, print_json: Printer) -> int:
    runs = ctx.importer.runs(limit=args.limit)
    if args.json:
        print_json(runs)
        return 0
    if not runs:
        print("No imports yet.")
    for run in runs:
        when = (run["finished_at"] or "")[:16].replace("T", " ")
        counts = run["counts"] or {}
        summary = (
            f"{counts.get('new', 0):,} new, {counts.get('updated', 0):,} updated, "
            f"{counts.get('problems', 0):,} problems"
            if counts
            else ""
        )
        name = Path(run["file"]).name
        print(f"#{run['id']:<4} {when:<16} {run['state']:<9} {name[:40]:<40} {summary}")
    return 0


def cmd_sales(ctx: AppContext, args: argparse.Namespace, print_json: Printer) -> int:
    records = list_sales(ctx.db, channel=args.channel, status=args.status)
    total = proceeds_total(records)
    if args.json:
        print_json(
            {
                "sales": [r.to_json() for r in records],
                "completed_net_proceeds": f"{total:.2f}",
            }
        )
        return 0
    for r in records:
        price = "" if r.item_price is None else f"{r.item_price:.2f}"
        net = "" if r.net_proceeds is None else f"{r.net_proceeds:.2f}"
        sold = r.sold_on.isoformat() if r.sold_on else ""
        title = (r.title or "")[:40]
        linked = f"  -> {r.sku}" if r.sku else ""
        print(f"{sold:<10} {r.order_id:<14} {r.status:<12} {price:>9} {net:>9}  {title}{linked}")
    print(f"{len(records):,} sales; net proceeds of completed sales {total:.2f}")
    return 0


def add_commands(command: Callable[..., argparse.ArgumentParser], print_json: Printer) -> None:
    def bind(handler: Callable[[AppContext, argparse.Namespace, Printer], int]) -> Handler:
        return lambda ctx, args: handler(ctx, args, print_json)

    p = command(
        "import",
        bind(cmd_import),
        "import a product file (CSV, TSV, XLSX, XLS, ODS) or a sales report",
    )
    p.add_argument("file")
    p.add_argument("--profile", metavar="NAME", help="use this saved mapping")
    p.add_argument("--save-profile", metavar="NAME", help="save the mapping used under NAME")
    p.add_argument(
        "--sheet", metavar="NAME", help="workbook sheet (default: the most product-like)"
    )
    p.add_argument(
        "--on-conflict",
        choices=CONFLICT_POLICIES,
        default="update",
        help="what a row matching an existing product does (default: update)",
    )
    p.add_argument(
        "--duplicates",
        choices=DUPLICATE_POLICIES,
        default="first",
        help="which of several rows with the same SKU wins (default: first)",
    )
    p.add_argument(
        "--override-manual",
        action="store_true",
        help="let the file replace values you edited by hand",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="report what would happen; change nothing"
    )
    p.add_argument("--encoding", help="text encoding, e.g. utf-8 or cp1252 (default: detected)")
    p.add_argument("--delimiter", help="CSV delimiter, e.g. ';' or '\\t' (default: detected)")
    p.add_argument("--header-row", type=int, metavar="N", help="the header is on row N")
    p.add_argument(
        "--map",
        action="append",
        metavar="COL=TARGET",
        help="map column COL (from 1) to TARGET, or 'ignore'; repeatable",
    )
    p.add_argument("--currency", metavar="CODE", help="currency of prices without a symbol")

    p = command("profiles", bind(cmd_profiles), "list, show or delete saved import mappings")
    p.add_argument("action", choices=("list", "show", "delete"))
    p.add_argument("name", nargs="?")

    p = command("imports", bind(cmd_imports), "list past imports (done, undone, failed)")
    p.add_argument("--limit", type=int, default=20)

    p = command("sales", bind(cmd_sales), "list imported sales records (e.g. Mercari reports)")
    p.add_argument("--channel", help="only this channel, e.g. mercari")
    p.add_argument("--status", help="only this status, e.g. completed")
