"""`python -m sellerdesk.gui.screenshots [DIR]`: every screen the README shows, rendered offscreen
from a fresh demo catalog (the main window with the product editor, filters, the dark theme,
the empty state, the import wizard's steps, bulk edit, the jobs panel and settings)."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget

from sellerdesk.app import AppContext
from sellerdesk.config.paths import AppPaths
from sellerdesk.core.changes import Source
from sellerdesk.gui.columns import COLUMN_INDEX
from sellerdesk.gui.filter_bar import Filters
from sellerdesk.gui.import_steps import COLUMNS, PREVIEW
from sellerdesk.gui.main_window import MainWindow
from sellerdesk.gui.screenshot import SCREENSHOT_SIZE, wait_until_settled
from sellerdesk.gui.session import context_factory
from sellerdesk.gui.theme import DARK, LIGHT, apply_theme
from sellerdesk.services.demo import fill_demo

SAMPLE = Path(__file__).resolve().parents[3] / "tests" / "data" / "samples"


def _pump(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def _wait(condition: Callable[[], bool], timeout: float = 60.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        if condition():
            return True
        time.sleep(0.01)
    return False


def _save(widget: QWidget, target: Path) -> None:
    _pump(0.2)
    widget.grab().save(str(target), "PNG")
    print(f"wrote {target}")


def _give_provenance(ctx: AppContext) -> int:
    """A demo product with values from two sources, as after an import and a manual edit."""
    product = ctx.catalog.search(limit=40)[22]
    sku = product["sku"]
    ctx.catalog.update_fields(
        {product["id"]: {"title": f"{product['title']} (supplier name)", "price": "25.99"}},
        name="Import supplier list",
        source=Source.IMPORT,
    )
    ctx.catalog.update_field(sku, "title", product["title"])
    ctx.catalog.update_field(sku, "price", str(product["price"]))
    return int(product["id"])


def render(out: Path, work: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_theme(app, LIGHT)
    paths = AppPaths.under(work / "home")
    factory = context_factory(paths)
    ctx = factory(str(work / "My catalog.sqlite3"))
    fill_demo(ctx.catalog, ctx.media_dir, count=300)
    featured = _give_provenance(ctx)
    window = MainWindow(ctx, theme=LIGHT, factory=factory, persist=False)
    window.resize(SCREENSHOT_SIZE)
    window.show()
    wait_until_settled(window)
    window.resizeDocks([window.editor], [430], Qt.Orientation.Horizontal)
    window.table.fit_title_column()
    window.table.select_product(featured)
    _wait(lambda: window.editor.product_id == featured and not window.editor.busy)
    window.statusBar().clearMessage()
    _save(window, out / "main_window.png")
    _save(window.editor, out / "product_editor.png")

    window.filter_bar.set_filters(Filters(max_stock=5))
    wait_until_settled(window)
    window.statusBar().clearMessage()
    _save(window, out / "main_window_filters.png")
    window.filter_bar.clear()
    wait_until_settled(window)

    ids = ctx.catalog.ids(limit=120)
    dialog = window.table.bulk_edit(ids)
    if dialog is not None:
        dialog.choose("price", "percent")
        dialog.percent_spin.setValue(-15.0)
        dialog.round_box.setChecked(True)
        _save(dialog, out / "bulk_edit.png")
        dialog.reject()

    source = work / "supplier_pricelist.xlsx"
    shutil.copyfile(SAMPLE / "supplier_pricelist.xlsx", source)
    wizard = window.start_import(source)
    wizard.resize(QSize(1120, 740))
    _wait(lambda: wizard.preview is not None and not wizard.refreshing)
    wizard.go_to(COLUMNS)
    _save(wizard, out / "import_wizard_mapping.png")
    wizard.go_to(PREVIEW)
    _save(wizard, out / "import_wizard_preview.png")
    wizard.start_import()
    _wait(lambda: wizard.report is not None)
    _save(wizard, out / "import_wizard_report.png")
    wizard.accept()
    wait_until_settled(window)

    window.jobs_panel.show_panel()
    window.resizeDocks([window.jobs_panel], [430], Qt.Orientation.Horizontal)
    _pump(0.5)
    _save(window.jobs_panel, out / "jobs_panel.png")
    window.jobs_panel.hide()

    window.show_settings()
    settings = window.settings_dialog
    if settings is not None:
        settings.resize(QSize(760, 520))
        _save(settings, out / "settings.png")
        settings.reject()

    window.table.select_product(featured)
    _wait(lambda: window.editor.product_id == featured and not window.editor.busy)
    apply_theme(app, DARK)
    window.set_theme(DARK)
    window.statusBar().clearMessage()
    _save(window, out / "main_window_dark.png")
    apply_theme(app, LIGHT)
    window.set_theme(LIGHT)

    ctx.feeds.configure(
        "google",
        enabled=True,
        settings={
            "product_url": "https://kilnandco.example/products/{handle}",
            "country": "US",
        },
    )
    ctx.feeds.configure("etsy", enabled=True, settings={"currency": "USD"})
    window.load_channel_columns()
    _wait(lambda: window.model.channel_keys == ["google", "etsy"])
    header = window.table.horizontalHeader()
    for key in ("gtin", "sale_price", "category", "status", "updated", "brand"):
        if key in COLUMN_INDEX:
            header.setSectionHidden(COLUMN_INDEX[key], True)
    window.table.select_product(featured)
    _wait(lambda: window.editor.product_id == featured and not window.editor.busy)
    window.editor.reload(force=True)
    _wait(lambda: window.editor.channels_view.problem_count() > 0, timeout=10)
    window.editor.tabs.setCurrentIndex(2)
    wait_until_settled(window)
    window.statusBar().clearMessage()
    _save(window, out / "channels.png")
    window.reset_columns()

    window.switch_catalog(str(work / "Empty.sqlite3"))
    window.editor.hide()
    wait_until_settled(window)
    _save(window, out / "empty_state.png")
    window.shutdown()


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="sellerdesk-shots-"))
    try:
        render(out, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
