"""The GUI's bridge to the TaskRunner: task events as Qt signals, and the ``Op`` builder.

Workers never touch widgets: the runner calls our listener on its threads, the listener only
emits a signal, and a queued connection delivers the event on the GUI thread.

    Op(parent, fn).with_progress("Syncing…").on_success(cb).on_failure(cb).run()
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from sellerdesk.gui.error_dialog import show_error
from sellerdesk.tasks.runner import Lane, TaskContext, TaskEvent, TaskHandle, TaskRunner, TaskState

T = TypeVar("T")
log = logging.getLogger(__name__)

#: A progress dialog appears only for work that takes longer than this.
PROGRESS_DELAY_MS = 500
FINISHED = (TaskState.DONE, TaskState.FAILED, TaskState.CANCELLED)


@dataclass
class _Tracked:
    """What the bridge needs to finish one Op on the GUI thread."""

    op: Op[Any]
    handle: TaskHandle[Any]
    progress: _DelayedProgress | None = None


class TaskBridge(QObject):
    """Turns one runner's TaskEvents into Qt signals on the GUI thread and finishes Ops."""

    #: (number of queued or running tasks, title of the newest one)
    activity_changed = Signal(int, str)
    #: every TaskEvent, on the GUI thread
    task_event = Signal(object)
    _delivered = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner: TaskRunner | None = runner
        self._ops: dict[int, _Tracked] = {}
        self._active: dict[int, str] = {}
        self._delivered.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        runner.add_listener(self._listen)

    @property
    def runner(self) -> TaskRunner:
        if self._runner is None:
            raise RuntimeError("this task bridge was detached from its runner")
        return self._runner

    @property
    def attached(self) -> bool:
        return self._runner is not None

    def running_count(self) -> int:
        return len(self._active)

    def detach(self) -> None:
        """Stop listening (before the runner shuts down); pending Ops never call back."""
        if self._runner is not None:
            self._runner.remove_listener(self._listen)
            self._runner = None
        for tracked in self._ops.values():
            if tracked.progress is not None:
                tracked.progress.finish()
        self._ops.clear()
        if self._active:
            self._active.clear()
            self.activity_changed.emit(0, "")

    def track(
        self, op: Op[Any], handle: TaskHandle[Any], progress: _DelayedProgress | None
    ) -> None:
        self._ops[handle.id] = _Tracked(op, handle, progress)

    # ------------------------------------------------------------ internals
    def _listen(self, event: TaskEvent) -> None:
        """Runs on worker threads: only emit (queued to the GUI thread)."""
        if shiboken6.isValid(self):
            self._delivered.emit(event)

    def _on_event(self, event: TaskEvent) -> None:
        if self._runner is None:
            return
        before = len(self._active)
        if event.state in FINISHED:
            self._active.pop(event.task_id, None)
        else:
            self._active[event.task_id] = event.title
        if len(self._active) != before or event.state is TaskState.RUNNING:
            newest = next(reversed(self._active.values()), "")
            self.activity_changed.emit(len(self._active), newest)
        self.task_event.emit(event)
        tracked = self._ops.get(event.task_id)
        if tracked is None:
            return
        if event.state not in FINISHED:
            if tracked.progress is not None:
                tracked.progress.update(event)
            return
        del self._ops[event.task_id]
        if tracked.progress is not None:
            tracked.progress.finish()
        tracked.op.finish(event)


def find_bridge(obj: QObject | None) -> TaskBridge:
    """The attached TaskBridge that ``obj`` or one of its parents owns."""
    current = obj
    while current is not None:
        if isinstance(current, TaskBridge) and current.attached:
            return current
        for child in current.findChildren(
            TaskBridge, "", Qt.FindChildOption.FindDirectChildrenOnly
        ):
            if child.attached:
                return child
        current = current.parent()
    raise LookupError("no TaskBridge found among the parents of this object")


def owning_widget(obj: QObject | None) -> QWidget | None:
    """The nearest widget at or above ``obj`` (a parent for dialogs)."""
    current = obj
    while current is not None and not isinstance(current, QWidget):
        current = current.parent()
    return current


class _DelayedProgress(QObject):
    """A progress dialog that shows only once the work has taken ``PROGRESS_DELAY_MS``."""

    def __init__(
        self, parent: QWidget | None, label: str, handle: TaskHandle[Any], delay_ms: int
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._label = label
        self._handle = handle
        self._event: TaskEvent | None = None
        self.dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show)
        self._timer.start(delay_ms)

    def update(self, event: TaskEvent) -> None:
        self._event = event
        if self.dialog is not None:
            self._apply(event)

    def _show(self) -> None:
        if self._handle.future.done():
            return
        dialog = QProgressDialog(self._label, "Cancel", 0, 0, self._parent)
        dialog.setWindowTitle("SellerDesk")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(380)
        dialog.setAccessibleName(self._label)
        dialog.canceled.connect(self._cancel)
        self.dialog = dialog
        if self._event is not None:
            self._apply(self._event)
        dialog.show()

    def _apply(self, event: TaskEvent) -> None:
        dialog = self.dialog
        if dialog is None or self._handle.cancel_requested:
            return
        # setValue on a modal progress dialog processes events, which may finish the task
        # and close the dialog under us: keep the local reference and look again afterwards.
        if event.message:
            dialog.setLabelText(f"{self._label}\n{event.message}")
        if event.total:
            dialog.setMaximum(event.total)
            dialog.setValue(min(event.done, event.total))

    def _cancel(self) -> None:
        self._handle.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText("Cancelling… (finishing the current item)")
            self.dialog.setCancelButton(None)
            self.dialog.show()

    def finish(self) -> None:
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        self.deleteLater()


def _default_failure(parent: QObject | None, title: str) -> Callable[[BaseException], None]:
    def report(error: BaseException) -> None:
        show_error(owning_widget(parent), error, title=f"{title} failed")

    return report


class Op(Generic[T]):
    """Builder for one piece of background work whose result comes back on the GUI thread."""

    def __init__(
        self, parent: QObject, fn: Callable[[TaskContext], T], *, bridge: TaskBridge | None = None
    ) -> None:
        self._parent = parent
        self._fn = fn
        self._bridge = bridge
        self._title = "Working"
        self._lane = Lane.WRITE
        self._key: str | None = None
        self._progress_label: str | None = None
        self._delay_ms = PROGRESS_DELAY_MS
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._cancelled: Callable[[], None] | None = None

    def titled(self, title: str) -> Op[T]:
        """What the status bar and the log call this work."""
        self._title = title
        return self

    def in_lane(self, lane: Lane, key: str | None = None) -> Op[T]:
        """WRITE (the default: serialised database writes), READ or NETWORK (``key``: queue)."""
        self._lane, self._key = lane, key
        return self

    def with_progress(self, label: str, delay_ms: int = PROGRESS_DELAY_MS) -> Op[T]:
        """Show a cancellable progress dialog if the work takes longer than ``delay_ms``."""
        self._progress_label = label
        self._delay_ms = delay_ms
        if self._title == "Working":
            self._title = label.rstrip("…. ")
        return self

    def on_success(self, callback: Callable[[T], None]) -> Op[T]:
        self._success = callback
        return self

    def on_failure(self, callback: Callable[[BaseException], None]) -> Op[T]:
        """Replace the default failure handling (a readable error dialog)."""
        self._failure = callback
        return self

    def on_cancel(self, callback: Callable[[], None]) -> Op[T]:
        self._cancelled = callback
        return self

    def run(self) -> TaskHandle[T]:
        bridge = self._bridge or find_bridge(self._parent)
        handle = bridge.runner.submit(self._fn, title=self._title, lane=self._lane, key=self._key)
        progress = None
        if self._progress_label is not None:
            progress = _DelayedProgress(
                owning_widget(self._parent), self._progress_label, handle, self._delay_ms
            )
        bridge.track(self, handle, progress)
        return handle

    def finish(self, event: TaskEvent) -> None:
        """Called by the bridge on the GUI thread when the task has ended."""
        if not shiboken6.isValid(self._parent):
            return  # whoever asked for the work is gone
        if event.state is TaskState.DONE:
            if self._success is not None:
                self._success(event.result)
        elif event.state is TaskState.CANCELLED:
            if self._cancelled is not None:
                self._cancelled()
        else:
            error = event.error or RuntimeError(f"{event.title} failed")
            handler = self._failure or _default_failure(self._parent, self._title)
            handler(error)
