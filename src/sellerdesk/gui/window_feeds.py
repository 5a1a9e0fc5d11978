"""The main window's sales channels: readiness columns, the channels dialog, feed exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from sellerdesk.channels.model import ExportResult
from sellerdesk.gui.channels_dialog import ChannelsDialog
from sellerdesk.gui.error_dialog import show_error
from sellerdesk.gui.feed_export_dialog import FeedExportDialog
from sellerdesk.gui.ops import Op
from sellerdesk.services.feeds import ChannelState
from sellerdesk.tasks.runner import Lane, TaskContext

if TYPE_CHECKING:
    from sellerdesk.gui.main_window import MainWindow


def load_channel_columns(window: MainWindow) -> None:
    """One readiness column per enabled channel (read in the background)."""
    feeds, model = window.ctx.feeds, window.model

    def work(_task: TaskContext) -> list[ChannelState]:
        _ = feeds.channels  # loads the taxonomy and the channel modules off the GUI thread
        return feeds.enabled()

    def done(states: list[ChannelState]) -> None:
        if model is window.model:
            model.set_channels(feeds, states)

    Op(window, work, bridge=window.bridge).titled("Reading channels").in_lane(Lane.READ).on_success(
        done
    ).run()


def show_channels(window: MainWindow) -> None:
    feeds = window.ctx.feeds
    dialog = ChannelsDialog(feeds.states(), window._theme, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def save(changes: dict[str, tuple[bool, dict[str, str]]]) -> None:
        def work(_task: TaskContext) -> None:
            for key, (enabled, settings) in changes.items():
                feeds.configure(key, enabled=enabled, settings=settings)

        def done(_result: None) -> None:
            window.load_channel_columns()
            window.editor.reload(force=True)
            window.statusBar().showMessage("Channel settings saved", 4000)

        Op(window, work, bridge=window.bridge).titled("Saving channels").on_success(done).run()

    dialog.channels_saved.connect(save)
    window.last_dialog = dialog
    dialog.open()


def export_feed(window: MainWindow) -> None:
    feeds = window.ctx.feeds
    folder = window.ctx.db.path.parent if window.ctx.db.path else Path.home()
    dialog = FeedExportDialog(feeds.states(), folder, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def start() -> None:
        key, fmt, target = dialog.key, dialog.fmt, dialog.target
        only_ready = dialog.only_ready.isChecked()

        def work(task: TaskContext) -> ExportResult:
            result = feeds.export(
                key,
                target,
                fmt=fmt,
                only_ready=only_ready,
                progress=lambda done, total: task.progress(done, total, "Writing the feed"),
                cancelled=task.cancelled,
            )
            task.report(
                counts={"written": result.written, "left out": len(result.skipped)},
                errors=[(sku, "; ".join(why)) for sku, why in result.skipped[:500]],
            )
            return result

        (
            Op(window, work, bridge=window.bridge)
            .titled(f"Exporting the {feeds.channel(key).label} feed")
            .in_lane(Lane.READ)
            .with_progress("Writing the feed…")
            .on_success(window._feed_exported)
            .on_failure(lambda error: window._feed_failed(error))
            .run()
        )

    dialog.accepted.connect(start)
    window.last_dialog = dialog
    dialog.open()


def feed_exported(window: MainWindow, result: ExportResult) -> None:
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Feed exported")
    box.setText(f"Wrote {result.written:,} items to “{result.path.name}”.")
    if result.skipped:
        lines = [f"{sku}: {'; '.join(why)}" for sku, why in result.skipped[:15]]
        more = len(result.skipped) - len(lines)
        box.setInformativeText(
            f"{len(result.skipped):,} products were left out because the channel would "
            "reject them (the Jobs panel lists them all):\n\n"
            + "\n".join(lines)
            + (f"\n… and {more:,} more" if more > 0 else "")
        )
    show = box.addButton("Show in Folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)
    show.clicked.connect(
        lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path.parent)))
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    window.last_message = box


def feed_failed(window: MainWindow, error: BaseException) -> None:
    show_error(window, error, title="Exporting the feed failed")
