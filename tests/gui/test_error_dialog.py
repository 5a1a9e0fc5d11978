"""Errors become readable dialogs: the exception hook, expected errors, catalog-open errors."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from sellerdesk.core.errors import DatabaseDamagedError, InvalidValueError
from sellerdesk.gui import main as main_module
from sellerdesk.gui.error_dialog import ExceptionReporter, describe, show_error
from sellerdesk.logging_setup import configure_logging


def _raise_and_capture() -> ValueError:
    try:
        raise ValueError("could not parse 'abc' as a price")
    except ValueError as error:
        return error


@pytest.mark.qt_no_exception_capture
def test_exception_hook_logs_and_shows_a_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    log_file = configure_logging(tmp_path / "logs")
    reporter = ExceptionReporter(log_file)
    reporter.install()
    try:
        error = _raise_and_capture()
        reporter.hook(type(error), error, error.__traceback__)
        box = reporter.last_dialog
        assert isinstance(box, QMessageBox)
        assert box.isVisible()
        assert "unexpected problem" in box.text()
        assert "ValueError: could not parse 'abc' as a price" in box.informativeText()
        assert str(log_file) in box.informativeText()
        assert "Traceback (most recent call last)" in box.detailedText()
        assert any(b.text() == "Open Log Folder" for b in box.buttons())
        for handler in logging.getLogger().handlers:
            handler.flush()
        logged = log_file.read_text(encoding="utf-8")
        assert "uncaught exception" in logged
        assert "could not parse 'abc' as a price" in logged
        assert "_raise_and_capture" in logged  # the traceback, not just the message

        # a second error while the first dialog is open is logged, not stacked
        reporter.hook(type(error), error, error.__traceback__)
        assert reporter.suppressed == 1
        box.close()
    finally:
        reporter.uninstall()


@pytest.mark.qt_no_exception_capture
def test_errors_in_qt_callbacks_reach_the_hook(qtbot: QtBot, tmp_path: Path) -> None:
    reporter = ExceptionReporter(tmp_path / "sellerdesk.log")
    reporter.install()
    try:

        def broken_slot() -> None:
            raise KeyError("missing column")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: reporter.last_dialog is not None, timeout=3000)
        assert reporter.last_dialog is not None
        assert "KeyError" in reporter.last_dialog.informativeText()
        reporter.last_dialog.close()
    finally:
        reporter.uninstall()


def test_expected_errors_read_as_plain_words(qtbot: QtBot) -> None:
    error = InvalidValueError("Stock cannot be negative (got -3)", "Enter 0 or more.")
    assert describe(error) == ("Stock cannot be negative (got -3)", "Enter 0 or more.")
    box = show_error(None, error, title="Saving failed")
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text() == "Stock cannot be negative (got -3)"
    assert box.informativeText() == "Enter 0 or more."
    assert box.detailedText() == ""
    box.close()


def test_startup_on_a_damaged_catalog_explains_instead_of_crashing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "broken.sqlite3"
    damaged.write_bytes(b"\x00garbage" * 200)
    asked: list[DatabaseDamagedError] = []

    def decline(parent: object, error: DatabaseDamagedError) -> bool:
        asked.append(error)
        return False  # the seller chooses Quit

    monkeypatch.setattr(main_module, "ask_after_open_error", decline)
    assert main_module.main(["--db", str(damaged)]) == 1
    assert len(asked) == 1
    assert isinstance(asked[0], DatabaseDamagedError)
    assert str(damaged) in asked[0].message
    assert "backup" in asked[0].hint.lower()
