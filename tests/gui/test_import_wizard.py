"""The import wizard on real files and a real catalog: detect, map, preview, import, undo."""

from __future__ import annotations

import csv
import itertools
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from sellerdesk.app import AppContext, build_context
from sellerdesk.config.paths import AppPaths
from sellerdesk.core.errors import NotFoundError
from sellerdesk.gui.import_pages import PILL_ROLE, Pill
from sellerdesk.gui.import_steps import COLUMNS, FILE, IMPORT, OPTIONS, PREVIEW, REPORT
from sellerdesk.gui.import_wizard import ImportWizard, importable_file
from sellerdesk.gui.mapping_table import MATCH
from sellerdesk.gui.ops import TaskBridge
from sellerdesk.gui.theme import LIGHT
from sellerdesk.importers.pipeline import ImportOptions, Inspection
from sellerdesk.services import import_apply, importing

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
SUPPLIER = SAMPLES / "supplier_pricelist.xlsx"
MERCARI = SAMPLES / "mercari_sales_report.csv"
PRODUCTS = 300  # in the ``catalog_file`` fixture
SUPPLIER_NEW = 7  # distinct SKUs of the supplier list (AC-1001 … AC-1007)
BRAND_COLUMN, SKU_COLUMN = 7, 0

OpenWizard = Callable[[Path], ImportWizard]


@pytest.fixture
def ctx(catalog_file: Path, paths: AppPaths) -> Iterator[AppContext]:
    context = build_context(str(catalog_file), paths, auto_backup=False)
    yield context
    context.close()


@pytest.fixture
def bridge(ctx: AppContext) -> Iterator[TaskBridge]:
    bridge = TaskBridge(ctx.runner)
    yield bridge
    bridge.detach()


@pytest.fixture
def open_wizard(qtbot: QtBot, ctx: AppContext, bridge: TaskBridge) -> OpenWizard:
    def open_(path: Path) -> ImportWizard:
        wizard = ImportWizard(ctx, bridge, LIGHT, path)
        qtbot.addWidget(wizard)
        wizard.show()
        settle(qtbot, wizard)
        return wizard

    return open_


def settle(qtbot: QtBot, wizard: ImportWizard) -> None:
    """Until the latest inspection and preview (or their error) are on screen."""
    qtbot.waitUntil(
        lambda: (
            not wizard.refreshing
            and (wizard.inspection is not None or wizard.inspect_error is not None)
        ),
        timeout=10_000,
    )


def choose(wizard: ImportWizard, column: int, target: str | None) -> None:
    """Pick ``target`` on a column's dropdown the way a click does (``activated``)."""
    combo = wizard.columns_page.table.combo(column)
    index = combo.findData(target) if target is not None else 0
    assert index >= 0, target
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def click_next(qtbot: QtBot, wizard: ImportWizard) -> None:
    assert wizard.next_button.isEnabled()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)


def preview_column(wizard: ImportWizard, name: str) -> list[str]:
    model = wizard.preview_page.model
    column = model.fields.index(name) + 2
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# ====================================================================== File step
def test_importable_files_by_suffix() -> None:
    for name in ("a.csv", "b.TSV", "c.txt", "d.xlsx", "e.xlsm", "f.xls", "g.ods"):
        assert importable_file(Path(name)), name
    for name in ("shop.sqlite3", "photo.jpg", "notes.pdf", "archive.zip", "noext"):
        assert not importable_file(name), name


def test_file_step_shows_the_detected_sheet_and_header_row(open_wizard: OpenWizard) -> None:
    wizard = open_wizard(SUPPLIER)
    page = wizard.file_page
    assert wizard.current_step == FILE
    assert page.format_value.text() == "Product list, XLSX sheet 'Price List'"
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == ["Price List", "Terms"]
    assert page.sheet.currentText() == "Price List"
    assert page.header_row.value() == 4
    assert page.header_note.text() == "Detected."
    assert not page.form.isRowVisible(page.encoding)  # a workbook has no text encoding
    assert page.raw.horizontalHeaderItem(0).text() == "Item #"
    assert page.raw.item(0, 0).text() == "AC-1001"
    assert wizard.next_button.isEnabled()


def test_choosing_another_header_row_inspects_again(qtbot: QtBot, open_wizard: OpenWizard) -> None:
    wizard = open_wizard(SUPPLIER)
    wizard.file_page.header_row.setValue(5)
    settle(qtbot, wizard)
    assert wizard.inspection is not None
    assert wizard.inspection.header_row == 5
    assert wizard.inspection.headers[0] == "AC-1001"
    assert wizard.file_page.header_note.text() == "Chosen by you."
    assert wizard.file_page.detect_header.isVisible()
    qtbot.mouseClick(wizard.file_page.detect_header, Qt.MouseButton.LeftButton)
    settle(qtbot, wizard)
    assert wizard.inspection.header_row == 4
    assert wizard.file_page.header_note.text() == "Detected."


def test_an_empty_csv_is_explained_in_words(tmp_path: Path, open_wizard: OpenWizard) -> None:
    empty = tmp_path / "x.csv"
    empty.write_bytes(b"")
    wizard = open_wizard(empty)
    notice = wizard.file_page.notice
    assert notice.isVisible()
    assert notice.kind == "error"
    assert notice.message.text() == "“x.csv” is empty."
    assert "Traceback" not in notice.text()
    assert wizard.inspection is None
    assert not wizard.next_button.isEnabled()
    assert wizard.current_step == FILE


# =================================================================== Columns step
def test_mapping_shows_guesses_and_a_changed_column_changes_the_preview(
    qtbot: QtBot, open_wizard: OpenWizard
) -> None:
    wizard = open_wizard(SUPPLIER)
    click_next(qtbot, wizard)
    assert wizard.current_step == COLUMNS
    table = wizard.columns_page.table
    assert table.rowCount() == 8
    assert table.combo(SKU_COLUMN).target() == "sku"
    assert table.combo(BRAND_COLUMN).target() == "brand"
    pill = table.item(BRAND_COLUMN, MATCH).data(PILL_ROLE)
    assert isinstance(pill, Pill) and pill.text.startswith("Sure")
    assert preview_column(wizard, "brand")[0] == "Acme"

    choose(wizard, BRAND_COLUMN, None)
    settle(qtbot, wizard)
    assert wizard.inspection is not None
    assert wizard.inspection.mapping[BRAND_COLUMN].target is None
    assert "brand" not in wizard.preview_page.model.fields
    pill = table.item(BRAND_COLUMN, MATCH).data(PILL_ROLE)
    assert pill.text == "Chosen by you"
    assert table.combo(BRAND_COLUMN).target() is None

    choose(wizard, BRAND_COLUMN, "mpn")
    settle(qtbot, wizard)
    assert preview_column(wizard, "mpn")[0] == "Acme"
    assert wizard.columns_page.legend.text() == "8 of 8 columns will be imported."


def test_without_a_sku_column_the_preview_says_why_and_import_is_blocked(
    qtbot: QtBot, open_wizard: OpenWizard
) -> None:
    wizard = open_wizard(SUPPLIER)
    wizard.go_to(COLUMNS)
    choose(wizard, SKU_COLUMN, None)
    settle(qtbot, wizard)
    assert wizard.preview is None
    assert wizard.columns_page.notice.kind == "error"
    assert "SKU" in wizard.columns_page.notice.text()
    click_next(qtbot, wizard)
    assert wizard.current_step == PREVIEW
    assert wizard.preview_page.notice.kind == "error"
    assert wizard.preview_page.model.rowCount() == 0
    assert not wizard.next_button.isEnabled()


def test_saved_mapping_profile_is_applied_to_the_same_file_next_time(
    qtbot: QtBot, ctx: AppContext, open_wizard: OpenWizard
) -> None:
    wizard = open_wizard(SUPPLIER)
    wizard.go_to(COLUMNS)
    choose(wizard, BRAND_COLUMN, None)
    settle(qtbot, wizard)
    qtbot.mouseClick(wizard.columns_page.save_button, Qt.MouseButton.LeftButton)
    dialog = wizard.profile_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue("Acme list")
    dialog.accept()
    qtbot.waitUntil(lambda: wizard.saved_profile is not None, timeout=5_000)
    assert ctx.importer.profiles.get("Acme list").settings["mapping"][str(BRAND_COLUMN)] is None
    assert wizard.columns_page.notice.kind == "success"
    wizard.close()

    again = open_wizard(SUPPLIER)
    notice = again.file_page.profile_notice
    assert notice.isVisible()
    assert notice.message.text() == "Using your saved mapping “Acme list”."
    again.go_to(COLUMNS)
    pill = again.columns_page.table.item(BRAND_COLUMN, MATCH).data(PILL_ROLE)
    assert pill.text == "Saved mapping"
    assert again.columns_page.table.combo(BRAND_COLUMN).target() is None
    # a change on top of the profile keeps the rest of the saved mapping
    choose(again, 6, None)
    settle(qtbot, again)
    assert again.inspection is not None
    assert again.inspection.mapping[BRAND_COLUMN].target is None
    assert again.inspection.mapping[6].target is None
    assert not again.file_page.profile_notice.isHidden()


# =================================================================== Preview step
def test_preview_grid_highlights_problem_cells(qtbot: QtBot, open_wizard: OpenWizard) -> None:
    wizard = open_wizard(SUPPLIER)
    wizard.go_to(PREVIEW)
    page = wizard.preview_page
    model = page.model
    assert page.banner.message.text().startswith(f"{SUPPLIER_NEW} new · 1 duplicate · ")
    assert model.rowCount() == SUPPLIER_NEW
    assert model.fields[:2] == ["sku", "title"]
    rows = [model.row_data(r).row for r in range(model.rowCount())]
    row8 = rows.index(8)  # "n/a" stock: an error, the value left out
    stock = model.index(row8, model.fields.index("stock") + 2)
    assert stock.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "not a whole number" in str(stock.data(Qt.ItemDataRole.ToolTipRole))
    clean = model.index(rows.index(9), model.fields.index("sku") + 2)
    assert clean.data(Qt.ItemDataRole.BackgroundRole) is None
    action = model.index(0, 1).data(PILL_ROLE)
    assert isinstance(action, Pill) and action.text == "New"

    total = page.problems.rowCount()
    assert total == len(wizard.preview.problems) if wizard.preview else False
    page.filter.setCurrentIndex(1)  # errors only
    assert 0 < page.problems.rowCount() < total
    assert all(page.problems.item(r, 0).text() == "Error" for r in range(page.problems.rowCount()))


def test_mercari_sales_report_previews_sales_columns(open_wizard: OpenWizard) -> None:
    wizard = open_wizard(MERCARI)
    wizard.go_to(COLUMNS)
    assert not wizard.columns_page.table.combo(0).isEnabled()
    assert "Mercari" in wizard.columns_page.notice.message.text()
    wizard.go_to(PREVIEW)
    model = wizard.preview_page.model
    assert model.fields == ["order_id", "status", "title", "item_price", "net_proceeds"]
    assert model.index(0, 2).data() == "m10000000001"


# ==================================================================== import, undo
def run_import(qtbot: QtBot, wizard: ImportWizard) -> None:
    for expected in (FILE, COLUMNS, PREVIEW, OPTIONS):
        assert wizard.current_step == expected
        click_next(qtbot, wizard)
    assert wizard.current_step in (IMPORT, REPORT)


def test_import_to_the_end_then_undo_from_the_report(
    qtbot: QtBot, ctx: AppContext, open_wizard: OpenWizard
) -> None:
    wizard = open_wizard(SUPPLIER)
    with qtbot.waitSignal(wizard.import_finished, timeout=15_000) as finished:
        run_import(qtbot, wizard)
    report = finished.args[0]
    assert wizard.current_step == REPORT
    assert report.counts["new"] == SUPPLIER_NEW
    assert report.batch_name == "Import of supplier_pricelist.xlsx"
    product = ctx.catalog.get("AC-1001")
    assert product.values["title"] == "Stainless Steel Water Bottle 750ml - Black"
    assert product.values["gtin"] == "012345678905"
    assert ctx.catalog.count() == PRODUCTS + SUPPLIER_NEW
    page = wizard.report_page
    assert page.tiles["new"].value.text() == str(SUPPLIER_NEW)
    assert page.tiles["duplicate"].value.text() == "1"
    titles = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert titles[0].startswith("Error · ")
    assert any("Stock that isn't a whole number" in title for title in titles)
    assert wizard.next_button.text() == "&Close"

    with qtbot.waitSignal(wizard.import_undone, timeout=10_000) as undone:
        qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert len(undone.args[0].deleted) == SUPPLIER_NEW
    with pytest.raises(NotFoundError):
        ctx.catalog.get("AC-1001")
    assert ctx.catalog.count() == PRODUCTS
    assert page.notice.kind == "success"
    assert not page.undo_button.isEnabled()


def test_undo_is_refused_once_something_else_changed(
    qtbot: QtBot, ctx: AppContext, open_wizard: OpenWizard
) -> None:
    wizard = open_wizard(SUPPLIER)
    with qtbot.waitSignal(wizard.import_finished, timeout=15_000):
        run_import(qtbot, wizard)
    ctx.catalog.update_field("AC-1002", "stock", 3)
    qtbot.mouseClick(wizard.report_page.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.report_page.notice.kind == "warning", timeout=5_000)
    assert "can't be undone from here" in wizard.report_page.notice.message.text()
    assert ctx.catalog.get("AC-1001").values["sku"] == "AC-1001"
    assert ctx.catalog.get("AC-1002").values["stock"] == 3


@pytest.fixture
def slow_big_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """20,000 rows, committed in small, slowed-down chunks so Cancel lands part-way."""
    monkeypatch.setattr(importing, "COMMIT_CHUNK", 500)
    original = import_apply.ProductApplier.apply

    def slow_apply(self: Any, *args: Any, **kwargs: Any) -> None:
        time.sleep(0.03)
        original(self, *args, **kwargs)

    monkeypatch.setattr(import_apply.ProductApplier, "apply", slow_apply)
    rows = [
        (f"GEN-{n:05d}", f"Generated oak shelf number {n}", f"{10 + n % 50}.99", n % 30)
        for n in range(20_000)
    ]
    return write_csv(tmp_path / "big.csv", ("SKU", "Title", "Price", "Stock"), rows)


def test_cancelling_part_way_leaves_the_catalog_unchanged(
    qtbot: QtBot, ctx: AppContext, open_wizard: OpenWizard, slow_big_csv: Path
) -> None:
    wizard = open_wizard(slow_big_csv)
    assert wizard.preview is not None and not wizard.preview.complete
    assert "about" in wizard.preview_page.banner.message.text()
    undo_before = ctx.catalog.undo_label()
    run_import(qtbot, wizard)
    bar = wizard.import_page.bar
    qtbot.waitUntil(lambda: bar.maximum() == 1000 and bar.value() > 0, timeout=10_000)
    assert wizard.import_page.detail.text().endswith("rows imported")
    assert not wizard.next_button.isVisible()  # only Cancel Import while it runs
    qtbot.mouseClick(wizard.import_page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: wizard.import_page.header.title.text() == "Import cancelled", timeout=15_000
    )
    assert wizard.report is None
    assert ctx.catalog.count() == PRODUCTS
    with pytest.raises(NotFoundError):
        ctx.catalog.get("GEN-00000")
    assert ctx.catalog.undo_label() == undo_before
    # back to the options, the wizard can try again
    assert wizard.back_button.isEnabled()
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    assert wizard.current_step == OPTIONS


def test_closing_during_an_import_cancels_it(
    qtbot: QtBot, ctx: AppContext, open_wizard: OpenWizard, slow_big_csv: Path
) -> None:
    wizard = open_wizard(slow_big_csv)
    run_import(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.import_page.bar.value() > 0, timeout=10_000)
    wizard.reject()
    assert wizard.isVisible()  # stays until the worker has rolled back
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=15_000)
    assert ctx.catalog.count() == PRODUCTS


def test_gui_thread_stays_responsive_during_an_import(
    qtbot: QtBot, open_wizard: OpenWizard, slow_big_csv: Path
) -> None:
    wizard = open_wizard(slow_big_csv)
    ticks: list[float] = []
    run_import(qtbot, wizard)
    started = time.monotonic()
    while wizard.current_step == IMPORT and time.monotonic() - started < 1.0:
        qtbot.wait(20)
        ticks.append(time.monotonic())
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert gaps and max(gaps) < 0.5
    wizard.cancel_import()
    qtbot.waitUntil(
        lambda: wizard.import_page.header.title.text() == "Import cancelled", timeout=15_000
    )


def test_import_choices_reuse_the_inspection_and_the_import_does_not_read_it_again(
    qtbot: QtBot, ctx: AppContext, open_wizard: OpenWizard, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = open_wizard(SUPPLIER)
    first = wizard.inspection
    assert first is not None
    inspected: list[Path] = []
    original = ctx.importer.inspect

    def counting(path: Path | str, options: ImportOptions | None = None) -> Inspection:
        inspected.append(Path(path))
        return original(path, options)

    monkeypatch.setattr(ctx.importer, "inspect", counting)
    wizard.options_page.last_wins.setChecked(True)
    wizard.refresh()
    settle(qtbot, wizard)
    assert wizard.inspection is not None and wizard.inspection.options.duplicates == "last"
    assert wizard.inspection.header_row == first.header_row
    assert inspected == []
    with qtbot.waitSignal(wizard.import_finished, timeout=15_000) as finished:
        run_import(qtbot, wizard)
    assert finished.args[0].counts["new"] == SUPPLIER_NEW
    assert inspected == []
