"""The main window's product actions: new, delete, find by SKU, attach photos."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer

from sellerdesk.core.changes import ChangeSummary
from sellerdesk.core.errors import (
    NotFoundError,
)
from sellerdesk.gui.error_dialog import show_error
from sellerdesk.gui.ops import Op
from sellerdesk.gui.product_actions import NewProductDialog, confirm_delete
from sellerdesk.tasks.runner import TaskContext

if TYPE_CHECKING:
    from sellerdesk.gui.main_window import MainWindow


def select_sku(window: MainWindow, sku: str) -> None:
    """Show product ``sku`` in the table (clearing search and filters if they hide it)."""
    try:
        product_id = window.ctx.catalog.get(sku).id
    except NotFoundError:
        window.statusBar().showMessage(f"{sku} no longer exists", 4000)
        return
    window.editor.show_product(product_id)
    row = window.model.row_of(product_id)
    if row is None and (window.model.query.text or window.filter_bar.filters.active):
        window.search.reset()
        window.filter_bar.clear()
        window.model.set_search_text("")
    if row is not None:
        window.table.selectRow(row)
        window.table.scrollTo(window.model.index(row, 0))


def attach_photos(window: MainWindow, product_id: int, files: list[Path]) -> None:
    catalog, media = window.ctx.catalog, window.ctx.media_dir

    def work(_task: TaskContext) -> ChangeSummary:
        return catalog.attach_images(product_id, files, media)

    def done(summary: ChangeSummary) -> None:
        window.apply_changes(summary)
        window.statusBar().showMessage(summary.batch_name or "Photos added", 6000)

    def failed(error: BaseException) -> None:
        show_error(window, error, title="Adding photos failed")

    Op(window, work, bridge=window.bridge).titled("Adding photos").on_success(done).on_failure(
        failed
    ).run()


def new_product(window: MainWindow) -> None:
    dialog = NewProductDialog(parent=window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    catalog = window.ctx.catalog

    def create() -> None:
        values = dialog.values

        def work(_task: TaskContext) -> ChangeSummary:
            return catalog.create(values)

        def done(summary: ChangeSummary) -> None:
            window.apply_changes(summary)
            created = summary.created[0] if summary.created else None
            if created is not None:
                window.editor.show()
                window.editor.show_product(created)
                QTimer.singleShot(300, lambda: window.table.select_product(created))
                window.editor.focus_field("title")

        Op(window, work, bridge=window.bridge).titled("Adding a product").on_success(done).run()

    dialog.accepted.connect(create)
    window.last_dialog = dialog
    dialog.open()


def delete_products(window: MainWindow) -> None:
    ids = window.table.selected_product_ids()
    if not ids:
        window.statusBar().showMessage("Select the products to delete first", 4000)
        return
    rows = window.ctx.catalog.rows(ids[:1], ("sku",))
    skus = [str(row["sku"]) for row in rows.values()] if len(ids) == 1 else [""] * len(ids)
    if window.ctx.settings.confirm_delete and not confirm_delete(window, skus):
        return
    catalog = window.ctx.catalog

    def work(_task: TaskContext) -> ChangeSummary:
        return catalog.delete(ids)

    def done(summary: ChangeSummary) -> None:
        window.apply_changes(summary)
        window.statusBar().showMessage(f"{summary.batch_name} (Edit ▸ Undo brings it back)", 8000)

    Op(window, work, bridge=window.bridge).titled("Deleting products").on_success(done).on_failure(
        lambda error: window._delete_failed(error)
    ).run()


def delete_failed(window: MainWindow, error: BaseException) -> None:
    show_error(window, error, title="Deleting failed")
