"""The task runner: one database-writer lane, a read pool, serial network queues per key.

Tasks are plain callables taking a ``TaskContext``. Listeners receive ``TaskEvent`` values on
worker threads; the GUI turns them into Qt signals, the CLI ignores or prints them.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
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

    def check_cancelled(self) -> None:
        if self._handle.cancel_requested:
            raise TaskCancelled(f"{self._handle.title} was cancelled")


Listener = Callable[[TaskEvent], None]


class TaskRunner:
    """Owns the worker threads. Writes are serialised; network work is serial per key."""

    def __init__(self, read_workers: int = 2, network_workers: int = 4) -> None:
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="sd-writer")
        self._readers = ThreadPoolExecutor(read_workers, thread_name_prefix="sd-reader")
        self._network = ThreadPoolExecutor(network_workers, thread_name_prefix="sd-net")
        self._serial: dict[str, ThreadPoolExecutor] = {}
        self._ids = itertools.count(1)
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self.tasks: dict[int, TaskHandle[Any]] = {}

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

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
