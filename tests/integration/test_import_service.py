"""The import service on real catalog files: policies, undo, cancel, profiles, layouts, preview."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from sellerdesk.app import AppContext
from sellerdesk.core.changes import Source
from sellerdesk.importers.model import ImportFileError
from sellerdesk.importers.pipeline import ImportOptions
from sellerdesk.services import importing
from sellerdesk.services.importing import ImportCancelledError

DATA = Path(__file__).resolve().parents[1] / "data"
IMPORTS = DATA / "imports"
SAMPLES = DATA / "samples"


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding, newline="")
    return path


def _products(ctx: AppContext) -> dict[str, dict[str, Any]]:
    return {row["sku"]: row for row in ctx.catalog.rows(ctx.catalog.ids()).values()}


def _state(ctx: AppContext) -> tuple[int, int, list[dict[str, Any]]]:
    """Product count, batch count and every product row: "the catalog is unchanged" means equal."""
    with ctx.db.read() as conn:
        batches = conn.exec_driver_sql("SELECT count(*) FROM change_batches").scalar_one()
    rows = sorted(ctx.catalog.rows(ctx.catalog.ids()).values(), key=lambda r: r["sku"])
    values = [{k: v for k, v in r.items() if k not in ("version", "updated_at")} for r in rows]
    return ctx.catalog.count(), int(batches), values


SIMPLE = "sku,title,price,stock,barcode\nA-1,Alpha,$10.00,5,012345678905\nA-2,Beta,$20.00,7,\n"


# ------------------------------------------------------------------------------- undo, cancel
def test_an_import_is_one_batch_that_undo_removes_entirely(ctx: AppContext, tmp_path: Path) -> None:
    ctx.catalog.create({"sku": "A-1", "title": "Old alpha", "price": "9.00"}, source=Source.IMPORT)
    before = _state(ctx)
    report = ctx.importer.commit(_write(tmp_path / "p.csv", SIMPLE))
    assert report.counts["new"] == 1 and report.counts["updated"] == 1
    assert ctx.catalog.undo_label() == "Import of p.csv"
    products = _products(ctx)
    assert products["A-1"]["title"] == "Alpha" and products["A-2"]["price"] == Decimal("20.00")
    ctx.catalog.undo()
    after = _state(ctx)
    assert after[0] == before[0] and after[2] == before[2]
    assert ctx.importer.runs()[0]["state"] == "undone"
    ctx.catalog.redo()
    assert _products(ctx)["A-2"]["stock"] == 7


def test_cancelling_part_way_leaves_the_catalog_untouched(
    ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "COMMIT_CHUNK", 10)
    lines = ["sku,title,price"] + [f"C-{i},Item {i},{i}.50" for i in range(100)]
    path = _write(tmp_path / "big.csv", "\n".join(lines) + "\n")
    before = _state(ctx)
    seen: list[float] = []

    def cancelled() -> bool:
        return len(seen) >= 3

    with pytest.raises(ImportCancelledError):
        ctx.importer.commit(path, progress=lambda f, _m: seen.append(f), cancelled=cancelled)
    assert _state(ctx) == before
    assert seen and seen == sorted(seen)
    assert ctx.importer.runs()[0]["state"] == "cancelled"


def test_dry_run_reports_without_changing_anything(ctx: AppContext, tmp_path: Path) -> None:
    before = _state(ctx)
    report = ctx.importer.commit(_write(tmp_path / "p.csv", SIMPLE), dry_run=True)
    assert report.dry_run and report.counts["new"] == 2
    assert _state(ctx) == before
    assert ctx.importer.runs() == []


# ----------------------------------------------------------------------------- conflict policy
def test_manual_edits_survive_an_import_unless_the_seller_overrides(
    ctx: AppContext, tmp_path: Path
) -> None:
    ctx.importer.commit(_write(tmp_path / "p.csv", SIMPLE))
    ctx.catalog.update_field("A-1", "title", "My own title")
    changed = SIMPLE.replace("Alpha", "Alpha v2").replace("$10.00", "$11.00")
    report = ctx.importer.commit(_write(tmp_path / "p2.csv", changed))
    product = ctx.catalog.get("A-1")
    assert product.values["title"] == "My own title"
    assert product.values["price"] == Decimal("11.00")
    assert product.provenance[Source.IMPORT.value]["title"] == "Alpha v2"
    assert any(p.code == "kept.manual" and p.sku == "A-1" for p in report.problems)
    ctx.importer.commit(
        _write(tmp_path / "p3.csv", changed.replace("v2", "v3")),
        ImportOptions(override_manual=True),
    )
    product = ctx.catalog.get("A-1")
    assert product.values["title"] == "Alpha v3"
    assert "title" not in product.provenance.get(Source.MANUAL.value, {})
    ctx.catalog.undo()
    assert ctx.catalog.get("A-1").values["title"] == "My own title"


def test_skip_policy_leaves_matches_alone(ctx: AppContext, tmp_path: Path) -> None:
    ctx.catalog.create({"sku": "A-1", "title": "Keep me"})
    report = ctx.importer.commit(
        _write(tmp_path / "p.csv", SIMPLE), ImportOptions(on_conflict="skip")
    )
    assert report.counts["skipped"] == 1 and report.counts["new"] == 1
    assert ctx.catalog.get("A-1").values["title"] == "Keep me"
    assert ctx.catalog.get("A-1").values["price"] is None


def test_fill_empty_only_fills_missing_fields(ctx: AppContext, tmp_path: Path) -> None:
    ctx.catalog.create({"sku": "A-1", "title": "Keep me"}, source=Source.IMPORT)
    report = ctx.importer.commit(
        _write(tmp_path / "p.csv", SIMPLE), ImportOptions(on_conflict="fill-empty")
    )
    product = ctx.catalog.get("A-1").values
    assert product["title"] == "Keep me"
    assert product["price"] == Decimal("10.00") and product["stock"] == 5
    assert report.counts["updated"] == 1


def test_reimporting_the_same_file_changes_nothing(ctx: AppContext, tmp_path: Path) -> None:
    path = _write(tmp_path / "p.csv", SIMPLE)
    ctx.importer.commit(path)
    before = _state(ctx)
    report = ctx.importer.commit(path)
    assert report.counts["unchanged"] == 2 and report.counts["updated"] == 0
    assert report.batch_id is None
    assert _state(ctx) == before


def test_rows_match_existing_products_by_gtin_when_the_sku_differs(
    ctx: AppContext, tmp_path: Path
) -> None:
    ctx.catalog.create({"sku": "OWN-1", "gtin": "012345678905", "title": "Mine"})
    report = ctx.importer.commit(_write(tmp_path / "p.csv", SIMPLE))
    assert report.counts["updated"] == 1 and report.counts["new"] == 1
    assert ctx.catalog.get("OWN-1").values["price"] == Decimal("10.00")
    assert "A-1" not in _products(ctx)


def test_blank_cells_never_erase_catalog_values(ctx: AppContext, tmp_path: Path) -> None:
    ctx.catalog.create({"sku": "A-2", "gtin": "012345678912"}, source=Source.IMPORT)
    ctx.importer.commit(_write(tmp_path / "p.csv", SIMPLE))
    assert ctx.catalog.get("A-2").values["gtin"] == "012345678912"


def test_last_duplicate_wins_when_asked(ctx: AppContext, tmp_path: Path) -> None:
    text = "sku,title,price\nD-1,First,1.00\nD-2,Other,2.00\nD-1,Second,3.00\n"
    path = _write(tmp_path / "d.csv", text)
    report = ctx.importer.commit(path, ImportOptions(duplicates="last"))
    assert ctx.catalog.get("D-1").values["title"] == "Second"
    assert report.counts["duplicate"] == 1
    ctx.catalog.undo()
    assert ctx.catalog.count() == 0


def test_variants_listed_before_their_parent_are_linked_at_the_end(
    ctx: AppContext, tmp_path: Path
) -> None:
    text = "sku,title,parent sku\nV-1,Shirt S,P-1\nP-1,Shirt,\nV-2,Shirt M,NOPE\n"
    report = ctx.importer.commit(_write(tmp_path / "v.csv", text))
    products = _products(ctx)
    assert products["V-1"]["parent_sku"] == "P-1"
    assert products["V-2"]["parent_sku"] is None
    assert [p.sku for p in report.problems if p.code == "parent.unknown"] == ["V-2"]


# ----------------------------------------------------------------------------------- preview
def test_preview_shows_detection_mapping_rows_problems_and_counts(ctx: AppContext) -> None:
    ctx.catalog.create({"sku": "AC-1002", "title": "Existing"})
    preview = ctx.importer.preview(SAMPLES / "supplier_pricelist.xlsx")
    inspection = preview.inspection
    assert inspection.info.kind == "xlsx" and inspection.info.sheet == "Price List"
    assert inspection.info.sheets == ("Price List", "Terms")
    assert inspection.header_row == 4
    targets = {g.header: (g.target, g.confidence) for g in inspection.mapping}
    assert targets["UPC"][0] == "gtin" and targets["UPC"][1] >= 0.9
    assert targets["Wholesale $"][0] == "cost" and targets["MSRP"][0] == "msrp"
    assert preview.counts == {
        "rows": 8,
        "new": 6,
        "updated": 1,
        "unchanged": 0,
        "skipped": 0,
        "duplicate": 1,
    }
    assert preview.complete
    first = preview.rows[0]
    assert first.row == 5 and first.values["gtin"] == "012345678905"
    assert first.values["price"] == "19.99" and first.action == "new"
    by_sku = {row.values["sku"]: row for row in preview.rows}
    assert by_sku["AC-1002"].action == "update"
    assert {p.code for p in by_sku["AC-1004"].problems} >= {"stock.unparseable", "title.all_caps"}
    assert ctx.catalog.count() == 1  # a preview writes nothing
    data = preview.to_json()
    assert data["header_row"] == 4 and data["mapping"][2]["target"] == "gtin"


def test_mapping_override_and_forced_header_row(ctx: AppContext, tmp_path: Path) -> None:
    text = "Export 2026\n\ncode,name,amount\nX-1,Thing,5\n"
    path = _write(tmp_path / "x.csv", text)
    options = ImportOptions(header_row=3, mapping={2: "stock"})
    ctx.importer.commit(path, options)
    product = ctx.catalog.get("X-1").values
    assert product["title"] == "Thing" and product["stock"] == 5 and product["price"] is None


# ---------------------------------------------------------------------------------- profiles
def test_a_saved_profile_is_reapplied_to_a_file_with_the_same_headers(
    ctx: AppContext, tmp_path: Path
) -> None:
    first = _write(tmp_path / "week1.csv", "Art,Name,Cost thing\nP-1,Pan,12.50\n")
    inspection = ctx.importer.inspect(first, ImportOptions(mapping={0: "sku", 2: "price"}))
    profile = ctx.importer.profiles.save("Pan supplier", inspection)
    assert profile.settings["mapping"]["2"] == "price"
    second = _write(tmp_path / "week2.csv", "Art,Name,Cost thing\nP-2,Pot,30.00\n")
    again = ctx.importer.inspect(second)
    assert again.profile == "Pan supplier"
    assert again.targets()[2] == "price"
    ctx.importer.commit(again)
    assert ctx.catalog.get("P-2").values["price"] == Decimal("30.00")
    assert [p.name for p in ctx.importer.profiles.all()] == ["Pan supplier"]
    ctx.importer.profiles.delete("Pan supplier")
    assert ctx.importer.inspect(second).profile is None


# ----------------------------------------------------------------------------- more layouts
def test_ebay_file_exchange_variations_hang_under_their_parent(ctx: AppContext) -> None:
    report = ctx.importer.commit(IMPORTS / "ebay_file_exchange.csv")
    assert report.inspection.layout.key == "ebay"
    products = _products(ctx)
    assert products["EB-200-RM"]["parent_sku"] == "EB-200"
    assert products["EB-200-RM"]["attributes"]["Color"] == "Red"
    assert products["EB-200-RM"]["price"] == Decimal("19.99")
    assert products["EB-100"]["condition"] == "new" and products["EB-300"]["condition"] == "used"
    assert products["EB-100"]["gtin"] == "012345678929"
    assert len(ctx.catalog.get("EB-100").images) == 2


def test_etsy_listings_without_sku_get_one_from_the_title(ctx: AppContext) -> None:
    report = ctx.importer.commit(IMPORTS / "etsy_listings.csv")
    assert report.inspection.layout.key == "etsy"
    products = _products(ctx)
    assert products["MUG-01"]["keywords"] == ["mug", "ceramic", "handmade", "gift"]
    assert products["MUG-01"]["currency"] == "EUR"
    assert products["ETSY-MACRAME-WALL-HANGING"]["price"] == Decimal("45.50")


@pytest.mark.parametrize(
    ("name", "sku", "price", "stock", "currency"),
    [
        ("spanish_supplier.csv", "ES-002", "1049.00", 3, "EUR"),
        ("french_supplier.csv", "FR-001", "39.90", 8, "USD"),
        ("portuguese_supplier.csv", "PT-001", "129.90", 4, "BRL"),
    ],
)
def test_unknown_layouts_in_other_languages_map_without_questions(
    ctx: AppContext, name: str, sku: str, price: str, stock: int, currency: str
) -> None:
    report = ctx.importer.commit(IMPORTS / name)
    assert report.inspection.layout.key == "generic"
    product = ctx.catalog.get(sku).values
    assert product["price"] == Decimal(price) and product["stock"] == stock
    assert product["currency"] == currency
    assert product["gtin"] and product["brand"] and product["title"]


def test_the_most_product_like_sheet_is_chosen(ctx: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Read me"
    notes.append(["This workbook lists our autumn range."])
    items = book.create_sheet("Items")
    items.append(["SKU", "Name", "Price", "EAN"])
    items.append(["S-1", "Scarf", 15.5, 4006381333931])
    book.save(path)
    report = ctx.importer.commit(path)
    assert report.inspection.info.sheet == "Items"
    assert ctx.catalog.get("S-1").values["gtin"] == "4006381333931"
    with pytest.raises(ImportFileError, match=r"Read me|sheet"):
        ctx.importer.commit(path, ImportOptions(sheet="Nope"))


def test_ods_and_utf16_files_import(ctx: AppContext, tmp_path: Path) -> None:
    ods = tmp_path / "list.ods"
    frame = pd.DataFrame({"SKU": ["O-1"], "Title": ["Odd"], "Price": ["7.25"]})
    frame.to_excel(ods, engine="odf", index=False)
    ctx.importer.commit(ods)
    utf16 = tmp_path / "list.txt"
    _write(utf16, "SKU\tTitle\tPrice\r\nU-1\tKaffeemühle\t12,50\r\n", encoding="utf-16")
    report = ctx.importer.commit(utf16)
    assert report.inspection.info.encoding in ("utf-16", "utf-16-le")
    products = _products(ctx)
    assert products["O-1"]["price"] == Decimal("7.25")
    assert products["U-1"]["title"] == "Kaffeemühle" and products["U-1"]["price"] == Decimal(
        "12.50"
    )


def test_mojibake_is_repaired_and_reported(ctx: AppContext, tmp_path: Path) -> None:
    path = _write(tmp_path / "m.csv", "sku,title\nM-1,KaffeemÃ¼hle aus Edelstahl\n")
    report = ctx.importer.commit(path)
    assert ctx.catalog.get("M-1").values["title"] == "Kaffeemühle aus Edelstahl"
    assert [p.code for p in report.problems] == ["text.mojibake"]


def test_preview_of_a_long_file_reads_only_the_top(ctx: AppContext, tmp_path: Path) -> None:
    lines = ["sku,title,price"] + [
        f"L-{i:05d},Long file item {i},{i % 90 + 1}.99" for i in range(5000)
    ]
    path = _write(tmp_path / "long.csv", "\n".join(lines) + "\n")
    preview = ctx.importer.preview(path)
    assert len(preview.rows) == importing.PREVIEW_ROWS
    assert not preview.complete and preview.counts["rows"] == importing.PREVIEW_ROWS
    assert preview.estimated_rows is not None and 4500 <= preview.estimated_rows <= 5500
    assert preview.rows[-1].values["sku"] == "L-00099"


def test_a_file_without_header_row_keeps_its_first_product(ctx: AppContext, tmp_path: Path) -> None:
    text = "A-1,Blue mug,012345678905,$12.99,5\nA-2,Red mug,012345678912,$13.99,7\n"
    report = ctx.importer.commit(_write(tmp_path / "nohead.csv", text))
    assert report.inspection.header_row == 0
    assert report.inspection.headers[:2] == ["Column 1", "Column 2"]
    product = ctx.catalog.get("A-1").values
    assert product["title"] == "Blue mug" and product["gtin"] == "012345678905"
    assert product["price"] == Decimal("12.99") and product["stock"] == 5


def test_an_exported_catalog_edited_in_a_spreadsheet_imports_back(
    ctx: AppContext, tmp_path: Path
) -> None:
    from sellerdesk.services.export import export_catalog

    ctx.catalog.create_many(
        [
            {
                "sku": f"R-{i}",
                "title": f"Round trip {i}",
                "price": "10.00",
                "bullets": ["One", "Two"],
                "attributes": {"color": "red"},
            }
            for i in range(5)
        ],
        source=Source.IMPORT,
    )
    out = tmp_path / "catalog.csv"
    export_catalog(ctx.db, out)
    assert ctx.importer.commit(out, ImportOptions(), dry_run=True).counts["unchanged"] == 5
    text = out.read_text(encoding="utf-8-sig")
    edited = text.replace("R-3,,Round trip 3,,,,10.00", "R-3,,Round trip 3,,,,12.50")
    edited = edited.replace('{""color"":""red""}', '{""color"":""blue""}', 1)
    out.write_text(edited, encoding="utf-8-sig")
    report = ctx.importer.commit(out)
    assert report.counts["updated"] == 2 and report.counts["unchanged"] == 3
    products = _products(ctx)
    assert products["R-3"]["price"] == Decimal("12.50")
    assert products["R-0"]["attributes"] == {"color": "blue"}
    assert products["R-1"]["bullets"] == ["One", "Two"]


def test_workbook_without_dimension_tag_previews_from_its_top(
    ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl would parse the whole sheet to size it; the reader must not."""
    path = tmp_path / "streamed.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Items")
    sheet.append(["SKU", "Name", "Price"])
    for i in range(3000):
        sheet.append([f"W-{i}", f"Written item {i}", 9.5])
    book.save(path)
    preview = ctx.importer.preview(path)
    assert preview.estimated_rows is not None and 2700 <= preview.estimated_rows <= 3300
    monkeypatch.setattr(importing, "COMMIT_CHUNK", 500)
    seen: list[float] = []
    ctx.importer.commit(path, progress=lambda fraction, _message: seen.append(fraction))
    assert ctx.catalog.count() == 3000
    assert seen == sorted(seen) and 0 < seen[0] < 0.5 and seen[-1] > 0.9


def test_options_that_only_change_the_import_read_the_file_the_same_way() -> None:
    base = ImportOptions(sheet="Products", header_row=3, mapping={0: "sku"})
    assert base.reads_like(
        ImportOptions(
            sheet="Products",
            header_row=3,
            mapping={0: "sku"},
            on_conflict="skip",
            duplicates="last",
            override_manual=True,
            default_currency="EUR",
        )
    )
    assert not base.reads_like(ImportOptions(sheet="Products", header_row=4, mapping={0: "sku"}))
    assert not base.reads_like(ImportOptions(sheet="Products", header_row=3, mapping={0: "gtin"}))
    assert not base.reads_like(ImportOptions(header_row=3, mapping={0: "sku"}))
