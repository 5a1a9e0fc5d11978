"""Readable error dialogs, and the exception hook that shows one instead of the app vanishing."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from sellerdesk.core.errors import CatalogOpenError, SellerDeskError
from sellerdesk.logging_setup import log_uncaught

log = logging.getLogger(__name__)

SAFE_NOTE = "Your catalog is safe: every change is saved to disk the moment you make it."


def describe(error: BaseException) -> tuple[str, str]:
    """Plain words for an error: (what happened, what to do)."""
    if isinstance(error, SellerDeskError):
        return error.message, error.hint
    detail = str(error).strip() or type(error).__name__
    return (
        "SellerDesk ran into an unexpected problem and could not finish what it was doing.",
        f"({type(error).__name__}: {detail})",
    )


def _active_parent(parent: QWidget | None) -> QWidget | None:
    if parent is not None:
        return parent
    return QApplication.activeWindow()


def _open_folder(folder: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def build_error_box(
    parent: QWidget | None,
    error: BaseException,
    *,
    title: str = "SellerDesk",
    details: str | None = None,
    log_file: Path | None = None,
) -> QMessageBox:
    """A QMessageBox explaining ``error`` in plain words, with the traceback under Details."""
    message, hint = describe(error)
    expected = isinstance(error, SellerDeskError)
    box = QMessageBox(_active_parent(parent))
    box.setObjectName("ErrorDialog")
    box.setIcon(QMessageBox.Icon.Warning if expected else QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(message)
    lines = [hint] if hint else []
    if not expected:
        lines.append(SAFE_NOTE)
        if log_file is not None:
            lines.append(f"The details were written to the log file:\n{log_file}")
    box.setInformativeText("\n\n".join(lines))
    if details:
        box.setDetailedText(details)
    if log_file is not None and not expected:
        folder_button = box.addButton("Open Log Folder", QMessageBox.ButtonRole.ActionRole)
        folder_button.clicked.connect(lambda: _open_folder(log_file.parent))
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def show_error(
    parent: QWidget | None,
    error: BaseException,
    *,
    title: str = "SellerDesk",
    log_file: Path | None = None,
) -> QMessageBox:
    """Show a non-blocking error dialog (window-modal when it has a parent) and return it."""
    details = None
    if not isinstance(error, SellerDeskError) and error.__traceback__ is not None:
        details = "".join(traceback.format_exception(error))
    box = build_error_box(parent, error, title=title, details=details, log_file=log_file)
    box.open()
    return box


def ask_after_open_error(parent: QWidget | None, error: CatalogOpenError) -> bool:
    """Explain why a catalog cannot be opened; True when the seller wants to pick another."""
    box = QMessageBox(parent)
    box.setObjectName("CatalogOpenError")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("SellerDesk can't open this catalog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(error.message)
    box.setInformativeText(error.hint or "Open another catalog file, or quit.")
    other = box.addButton("Open Another Catalog…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit" if parent is None else "Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(other)
    box.exec()
    return box.clickedButton() is other


class ExceptionReporter(QObject):
    """``sys.excepthook`` (and threading's): log the traceback, then show a readable dialog.

    Errors from worker threads reach the GUI thread through a queued signal; while one error
    dialog is open, further errors are only logged (no dialog storms from a broken paint).
    """

    shown = Signal(object)
    _report = Signal(object, str)

    def __init__(self, log_file: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.last_dialog: QMessageBox | None = None
        self.suppressed = 0
        self._previous_hook: Any = None
        self._previous_thread_hook: Any = None
        self._report.connect(self._show, Qt.ConnectionType.AutoConnection)

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous_hook is not None and sys.excepthook == self.hook:
            sys.excepthook = self._previous_hook
        if self._previous_thread_hook is not None and threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous_thread_hook

    def hook(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log_uncaught(kind, value, tb)
        text = "".join(traceback.format_exception(kind, value, tb))
        self._report.emit(value, text)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.hook(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, error: BaseException, details: str) -> None:
        dialog = self.last_dialog
        if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
            self.suppressed += 1
            return
        box = build_error_box(
            None,
            error,
            title="SellerDesk ran into a problem",
            details=details,
            log_file=self.log_file,
        )
        self.last_dialog = box
        box.destroyed.connect(self._forget)
        box.open()
        self.shown.emit(box)

    def _forget(self) -> None:
        self.last_dialog = None
