"""The main window's catalogs: new, open, recent, the demo catalog, backups."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
)

from sellerdesk.core.changes import ChangeSummary
from sellerdesk.db.backups import make_backup
from sellerdesk.gui.error_dialog import show_error
from sellerdesk.gui.ops import Op
from sellerdesk.gui.session import (
    CATALOG_FILTER,
    DemoUnavailableError,
    demo_catalog_path,
    fill_demo_task,
    with_catalog_suffix,
)
from sellerdesk.tasks.runner import TaskContext

if TYPE_CHECKING:
    from sellerdesk.gui.main_window import MainWindow


def back_up_now(window: MainWindow) -> None:
    catalog = window.ctx.db.path
    if catalog is None:
        return
    backup_dir = window.ctx.paths.backup_dir

    def work(task: TaskContext) -> Path:
        return make_backup(
            catalog, backup_dir, reason="manual", progress=lambda d, t: task.progress(d, t)
        )

    def done(destination: Path) -> None:
        banner = window.banners.add(f"Backup saved: {destination.name}", "info")
        banner.add_action(
            "Show in Folder",
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(destination.parent))),
        )
        window.statusBar().showMessage(f"Backup saved to {destination}", 8000)

    (
        Op(window, work, bridge=window.bridge)
        .titled("Backing up")
        .with_progress("Backing up the catalog…")
        .on_success(done)
        .run()
    )


def new_catalog(window: MainWindow) -> None:
    start = str(window.ctx.paths.data_dir / "My catalog.sqlite3")
    chosen, _ = QFileDialog.getSaveFileName(
        window,
        "New Catalog",
        start,
        CATALOG_FILTER,
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not chosen:
        return
    path = with_catalog_suffix(Path(chosen))
    if path.exists():
        answer = QMessageBox.question(
            window,
            "Catalog exists",
            f"“{path.name}” already exists. Open it instead?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
    window.switch_catalog(str(path))


def open_catalog_dialog(window: MainWindow) -> None:
    start = window.ctx.db.path.parent if window.ctx.db.path else window.ctx.paths.data_dir
    chosen, _ = QFileDialog.getOpenFileName(window, "Open Catalog", str(start), CATALOG_FILTER)
    if chosen:
        window.switch_catalog(chosen)


def fill_recent_menu(window: MainWindow) -> None:
    window.menus.recent.clear()
    current = str(window.ctx.db.path) if window.ctx.db.path else None
    recent = [r for r in window.ctx.settings.recent_catalogs if r != current]
    for target in recent:
        action = window.menus.recent.addAction(target)
        action.triggered.connect(lambda _checked=False, t=target: window.switch_catalog(t))
    if not recent:
        window.menus.recent.addAction("No other catalogs yet").setEnabled(False)


def open_demo_catalog(window: MainWindow) -> None:
    """Switch to the demo catalog, creating and filling it on first use."""
    if not window.showing_demo and not window.switch_catalog(
        str(demo_catalog_path(window.ctx.paths))
    ):
        return
    window.fill_demo_if_empty()


def fill_demo_if_empty(window: MainWindow) -> None:
    if window._filling_demo or window.ctx.catalog.count() > 0:
        return
    try:
        task = fill_demo_task(window.ctx, window.demo_count)
    except DemoUnavailableError as error:
        show_error(window, error, title="Demo catalog")
        return
    window._filling_demo = True

    def done(summary: ChangeSummary) -> None:
        window._filling_demo = False
        window.apply_changes(summary)
        window.statusBar().showMessage("The demo catalog is ready. Have a look around!", 8000)
        window.demo_ready.emit()

    def stopped(error: BaseException | None = None) -> None:
        window._filling_demo = False
        window.refresh()
        if error is not None:
            show_error(window, error, title="Creating the demo catalog failed")

    (
        Op(window, task, bridge=window.bridge)
        .titled("Creating the demo catalog")
        .with_progress("Creating the demo catalog…")
        .on_success(done)
        .on_failure(stopped)
        .on_cancel(stopped)
        .run()
    )


def leave_demo(window: MainWindow) -> None:
    """Back to the catalog open before the demo (or the default catalog)."""
    target = window._previous_target or str(window.ctx.paths.default_catalog)
    window.switch_catalog(target)
