"""The task runner: one database-writer lane, a read pool, serial network queues per key.

Tasks are plain callables taking a ``TaskContext``. Listeners receive ``TaskEvent`` values on
worker threads; the GUI turns them into Qt signals, the CLI ignores or prints them. What a task
reports for its record (counts, per-item errors, log lines) goes to report listeners as
``TaskReport`` values, so a chatty task never floods the state listeners.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


class Lane(StrEnum):
    WRITE = "write"
    READ = "read"
    NETWORK = "network"


class TaskState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


class TaskCancelled(Exception):
    """Raised inside a task (by ``check_cancelled``) when the user asked it to stop."""


@dataclass(frozen=True)
class TaskEvent:
    task_id: int
    title: str
    state: TaskState
    done: int = 0
    total: int | None = None
    message: str = ""
    result: Any = None
    error: BaseException | None = None
    lane: Lane | None = None


@dataclass(frozen=True)
class TaskReport:
    """Something a task reported for its job record: counts, per-item errors or log lines.

    ``counts`` holds the latest value of each reported count (not increments).
    """

    task_id: int
    counts: Mapping[str, int] | None = None
    errors: tuple[tuple[str, str], ...] = ()
    lines: tuple[str, ...] = ()


@dataclass
class TaskHandle(Generic[T]):
    id: int
    title: str
    lane: Lane
    future: Future[T]
    state: TaskState = TaskState.QUEUED
    done: int = 0
    total: int | None = None
    message: str = ""
    started_at: float | None = None
    finished_at: float | None = None
    counts: dict[str, int] = field(default_factory=dict)
    error_count: int = 0
    _cancel: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        """Ask the task to stop; it stops at its next check (a queued task never starts)."""
        self._cancel.set()
        self.future.cancel()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def result(self, timeout: float | None = None) -> T:
        return self.future.result(timeout)

    @property
    def duration(self) -> float | None:
        if self.started_at is None:
            return None
        return (self.finished_at or time.monotonic()) - self.started_at


class TaskContext:
    """What a running task gets: progress reporting, cancellation and a logger."""

    def __init__(self, handle: TaskHandle[Any], runner: TaskRunner) -> None:
        self._handle = handle
        self._runner = runner
        self.logger = logging.getLogger(f"sellerdesk.task.{handle.id}")
        self._last_emit = 0.0
        self._report_lock = threading.Lock()

    def progress(self, done: int, total: int | None = None, message: str = "") -> None:
        handle = self._handle
        handle.done, handle.total = done, total
        if message:
            handle.message = message
        now = time.monotonic()
        if now - self._last_emit >= 0.05 or (total is not None and done >= total):
            self._last_emit = now
            self._runner.emit(handle)

    def cancelled(self) -> bool:
        return self._handle.cancel_requested

    def report(
        self,
        counts: Mapping[str, int] | None = None,
        errors: Iterable[tuple[str, str]] = (),
    ) -> None:
        """Record counts (e.g. ``{"new": 7, "updated": 1}``; the latest value of a key wins)
        and per-item errors as ``(item, message)`` pairs for the job record."""
        handle = self._handle
        found = tuple((str(item), str(message)) for item, message in errors)
        snapshot: dict[str, int] | None = None
        with self._report_lock:
            if counts:
                handle.counts.update({str(k): int(v) for k, v in counts.items()})
                snapshot = dict(handle.counts)
            handle.error_count += len(found)
        if snapshot is not None or found:
            self._runner.send_report(TaskReport(handle.id, snapshot, found))

    def count(self, name: str, amount: int = 1) -> None:
        """Add ``amount`` to the count ``name`` (``ctx.count("new")`` per created product)."""
        with self._report_lock:
            value = self._handle.counts.get(name, 0) + amount
        self.report(counts={name: value})

    def item_error(self, item: str, message: str) -> None:
        """One item failed (the task goes on with the next one)."""
        self.report(errors=[(item, message)])

    def log(self, line: str) -> None:
        """A line for the job's log (also written to the application log)."""
        self.logger.info("%s", line)
        self._runner.send_report(TaskReport(self._handle.id, lines=(str(line),)))

    def check_cancelled(self) -> None:
        if self._handle.cancel_requested:
            raise TaskCancelled(f"{self._handle.title} was cancelled")


Listener = Callable[[TaskEvent], None]
ReportListener = Callable[[TaskReport], None]


class TaskRunner:
    """Owns the worker threads. Writes are serialised; network work is serial per key."""

    def __init__(self, read_workers: int = 2, network_workers: int = 4) -> None:
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="sd-writer")
        self._readers = ThreadPoolExecutor(read_workers, thread_name_prefix="sd-reader")
        self._network = ThreadPoolExecutor(network_workers, thread_name_prefix="sd-net")
        self._serial: dict[str, ThreadPoolExecutor] = {}
        self._ids = itertools.count(1)
        self._listeners: list[Listener] = []
        self._report_listeners: list[ReportListener] = []
        self._lock = threading.Lock()
        self.tasks: dict[int, TaskHandle[Any]] = {}

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def add_report_listener(self, listener: ReportListener) -> None:
        """``listener`` receives every ``TaskReport`` (on the reporting task's thread)."""
        self._report_listeners.append(listener)

    def remove_report_listener(self, listener: ReportListener) -> None:
        if listener in self._report_listeners:
            self._report_listeners.remove(listener)

    def send_report(self, report: TaskReport) -> None:
        for listener in list(self._report_listeners):
            try:
                listener(report)
            except Exception:  # a broken listener must not kill a task
                log.exception("task report listener failed")

    def submit(
        self,
        fn: Callable[[TaskContext], T],
        *,
        title: str,
        lane: Lane = Lane.WRITE,
        key: str | None = None,
    ) -> TaskHandle[T]:
        """Queue ``fn``; ``key`` gives network work its own serial queue (one per channel)."""
        executor = self._executor(lane, key)
        task_id = next(self._ids)
        future: Future[T] = Future()
        handle: TaskHandle[T] = TaskHandle(task_id, title, lane, future)
        with self._lock:
            self.tasks[task_id] = handle
        self.emit(handle)
        executor.submit(self._run, fn, handle)
        return handle

    def _executor(self, lane: Lane, key: str | None) -> ThreadPoolExecutor:
        if lane is Lane.WRITE:
            return self._writer
        if lane is Lane.READ:
            return self._readers
        if key is None:
            return self._network
        with self._lock:
            if key not in self._serial:
                self._serial[key] = ThreadPoolExecutor(1, thread_name_prefix=f"sd-net-{key}")
            return self._serial[key]

    def _run(self, fn: Callable[[TaskContext], T], handle: TaskHandle[T]) -> None:
        if handle.cancel_requested or not handle.future.set_running_or_notify_cancel():
            handle.state = TaskState.CANCELLED
            self.emit(handle)
            return
        handle.state = TaskState.RUNNING
        handle.started_at = time.monotonic()
        self.emit(handle)
        try:
            result = fn(TaskContext(handle, self))
        except TaskCancelled as exc:
            self._finish(handle, TaskState.CANCELLED, error=exc)
        except BaseException as exc:
            log.exception("task %s (%s) failed", handle.id, handle.title)
            self._finish(handle, TaskState.FAILED, error=exc)
        else:
            self._finish(handle, TaskState.DONE, result=result)

    def _finish(
        self,
        handle: TaskHandle[Any],
        state: TaskState,
        result: Any = None,
        error: BaseException | None = None,
    ) -> None:
        handle.state = state
        handle.finished_at = time.monotonic()
        if error is not None:
            handle.future.set_exception(error)
        else:
            handle.future.set_result(result)
        self.emit(handle, result=result, error=error)

    def emit(
        self, handle: TaskHandle[Any], result: Any = None, error: BaseException | None = None
    ) -> None:
        event = TaskEvent(
            handle.id,
            handle.title,
            handle.state,
            handle.done,
            handle.total,
            handle.message,
            result,
            error,
            handle.lane,
        )
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken listener must not kill a task
                log.exception("task listener failed")

    def running(self) -> list[TaskHandle[Any]]:
        with self._lock:
            return [
                h for h in self.tasks.values() if h.state in (TaskState.QUEUED, TaskState.RUNNING)
            ]

    def shutdown(self, wait: bool = True) -> None:
        for handle in self.running():
            handle.cancel()
        for executor in (self._writer, self._readers, self._network, *self._serial.values()):
            executor.shutdown(wait=wait, cancel_futures=True)
