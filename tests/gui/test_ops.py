"""The Op builder and TaskBridge: results on the GUI thread, delayed progress, cancel, badge."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.gui import error_dialog
from sellerdesk.gui import ops as ops_module
from sellerdesk.gui.ops import Op, TaskBridge, find_bridge
from sellerdesk.gui.task_badge import TaskBadge
from sellerdesk.tasks.runner import Lane, TaskContext, TaskRunner, TaskState


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown(wait=True)


@pytest.fixture
def host(qtbot: QtBot, runner: TaskRunner) -> Iterator[QWidget]:
    widget = QWidget()
    qtbot.addWidget(widget)
    TaskBridge(runner, widget)
    widget.show()
    yield widget
    for bridge in widget.findChildren(TaskBridge):
        bridge.detach()


def test_success_arrives_on_the_gui_thread(qtbot: QtBot, host: QWidget) -> None:
    seen: dict[str, object] = {}

    def work(ctx: TaskContext) -> int:
        seen["worker"] = threading.current_thread().name
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["gui"] = QThread.currentThread() is QApplication.instance().thread()  # type: ignore[union-attr]

    Op(host, work).in_lane(Lane.READ).on_success(done).run()
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42
    assert seen["gui"] is True
    assert str(seen["worker"]).startswith("sd-reader")


def test_failure_goes_to_the_failure_callback(qtbot: QtBot, host: QWidget) -> None:
    errors: list[BaseException] = []

    def work(ctx: TaskContext) -> None:
        raise InvalidValueError("Price cannot be negative", "Type a positive amount.")

    Op(host, work).on_failure(errors.append).run()
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], InvalidValueError)
    assert errors[0].message == "Price cannot be negative"


def test_default_failure_shows_a_readable_dialog(
    qtbot: QtBot, host: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[QMessageBox] = []
    original = error_dialog.show_error

    def spy(*args: object, **kwargs: object) -> QMessageBox:
        box = original(*args, **kwargs)  # type: ignore[arg-type]
        shown.append(box)
        return box

    monkeypatch.setattr(ops_module, "show_error", spy)

    def work(ctx: TaskContext) -> None:
        raise InvalidValueError("Stock must be a whole number (got 'lots')")

    Op(host, work).titled("Saving").run()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0].text() == "Stock must be a whole number (got 'lots')"
    assert shown[0].windowTitle() == "Saving failed"
    assert shown[0].detailedText() == ""  # an expected error needs no traceback
    shown[0].close()


def test_progress_dialog_appears_after_the_delay_and_cancel_stops_the_task(
    qtbot: QtBot, host: QWidget
) -> None:
    started = threading.Event()
    outcome: list[str] = []

    def work(ctx: TaskContext) -> str:
        started.set()
        for step in range(200):
            ctx.progress(step, 200, f"item {step}")
            ctx.check_cancelled()
            time.sleep(0.01)
        return "finished"

    op = (
        Op(host, work)
        .with_progress("Syncing…", delay_ms=150)
        .on_success(outcome.append)
        .on_cancel(lambda: outcome.append("cancelled"))
    )
    handle = op.run()
    bridge = find_bridge(host)
    progress = bridge._ops[handle.id].progress
    assert progress is not None
    assert progress.dialog is None  # nothing flashes for quick work
    qtbot.waitUntil(lambda: progress.dialog is not None, timeout=3000)
    dialog = progress.dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.labelText().startswith("Syncing…")
    qtbot.waitUntil(lambda: dialog.maximum() == 200)
    cancel_button = dialog.findChild(QPushButton)
    assert cancel_button is not None and cancel_button.text() == "Cancel"
    cancel_button.click()
    qtbot.waitUntil(lambda: outcome == ["cancelled"], timeout=3000)
    assert handle.state is TaskState.CANCELLED


def test_quick_work_never_shows_a_progress_dialog(qtbot: QtBot, host: QWidget) -> None:
    results: list[int] = []
    handle = Op(host, lambda ctx: 7).with_progress("Saving…").on_success(results.append).run()
    progress = find_bridge(host)._ops[handle.id].progress
    assert progress is not None
    qtbot.waitUntil(lambda: results == [7])
    assert progress.dialog is None


def test_badge_shows_while_tasks_run(qtbot: QtBot, host: QWidget) -> None:
    badge = TaskBadge(host.palette().highlight().color(), host)
    badge.bind(find_bridge(host))
    release = threading.Event()
    done: list[bool] = []

    def work(ctx: TaskContext) -> bool:
        release.wait(5)
        return True

    Op(host, work).titled("Pushing stock").on_success(done.append).run()
    qtbot.waitUntil(badge.isVisible, timeout=3000)
    assert badge.label.text() == "Pushing stock…"
    release.set()
    qtbot.waitUntil(lambda: done == [True])
    qtbot.waitUntil(lambda: not badge.isVisible())


def test_a_detached_bridge_drops_late_results(qtbot: QtBot, host: QWidget) -> None:
    release = threading.Event()
    results: list[int] = []

    def work(ctx: TaskContext) -> int:
        release.wait(5)
        return 1

    bridge = find_bridge(host)
    Op(host, work).on_success(results.append).run()
    bridge.detach()
    release.set()
    qtbot.wait(200)
    assert results == []
    with pytest.raises(LookupError):
        find_bridge(host)
