"""The job journal: a record of every piece of background work the seller can open.

``JobJournal`` listens to one or more ``TaskRunner``s (state events and task reports arrive on
worker threads) and keeps, per job, its state, times, progress, counts, per-item errors, the
error of a failed job in words and a bounded log. Readers (the jobs panel, the CLI) take
immutable ``JobInfo`` snapshots and poll ``revision`` to know when anything changed.

Quick reads (``Lane.READ``: loading a page of products, counting brands) are not jobs; they are
recorded only once they report something through ``ctx.report`` or ``ctx.log``.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from sellerdesk.core.errors import SellerDeskError
from sellerdesk.tasks.runner import (
    Lane,
    TaskCancelled,
    TaskEvent,
    TaskReport,
    TaskRunner,
    TaskState,
)

#: Log lines kept per job (older lines are counted, not kept).
MAX_LOG_LINES = 500
#: Finished jobs kept; the oldest finished ones go first.
MAX_FINISHED_JOBS = 200
#: Per-item errors kept per job (all of them are counted).
MAX_ITEM_ERRORS = 5_000

ACTIVE_STATES = frozenset({TaskState.QUEUED, TaskState.RUNNING})
STATE_LABELS = {
    TaskState.QUEUED: "Waiting",
    TaskState.RUNNING: "Running",
    TaskState.DONE: "Done",
    TaskState.FAILED: "Failed",
    TaskState.CANCELLED: "Cancelled",
}


@dataclass(frozen=True)
class ItemError:
    """One item a job could not process, and why."""

    item: str
    message: str


@dataclass(frozen=True)
class JobInfo:
    """An immutable snapshot of one job (safe to read on any thread)."""

    id: int
    title: str
    lane: Lane | None
    state: TaskState
    queued_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    done: int
    total: int | None
    message: str
    counts: Mapping[str, int]
    error_count: int
    error_text: str
    cancel_requested: bool
    log_count: int
    revision: int
    started_clock: float | None = field(default=None, repr=False)
    finished_clock: float | None = field(default=None, repr=False)

    @property
    def active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def finished(self) -> bool:
        return not self.active

    @property
    def can_cancel(self) -> bool:
        return self.active and not self.cancel_requested

    def duration(self, now: float | None = None) -> float | None:
        """Seconds the job has run (so far, while it runs); None before it starts."""
        if self.started_clock is None:
            return None
        end = self.finished_clock
        if end is None:
            end = time.monotonic() if now is None else now
        return max(0.0, end - self.started_clock)

    @property
    def fraction(self) -> float | None:
        """Progress from 0 to 1, or None when the total is unknown."""
        if not self.total:
            return None
        return min(1.0, max(0.0, self.done / self.total))

    @property
    def state_label(self) -> str:
        if self.cancel_requested and self.active:
            return "Cancelling…"
        return STATE_LABELS[self.state]

    @property
    def summary(self) -> str:
        """One line: counts and problems once finished, progress while running."""
        if self.state is TaskState.FAILED:
            return self.error_text
        if self.state is TaskState.QUEUED:
            return "Waiting for other work to finish"
        counted = counts_summary(self.counts, self.error_count)
        if self.state is TaskState.RUNNING:
            return progress_text(self.done, self.total, self.message) or counted
        return counted or ("Stopped before the end" if self.state is TaskState.CANCELLED else "")


@dataclass
class _Job:
    """The journal's mutable record of one job (guarded by the journal's lock)."""

    id: int
    title: str
    lane: Lane | None
    runner: weakref.ref[TaskRunner] | None
    key: tuple[int, int]
    state: TaskState = TaskState.QUEUED
    queued_at: datetime = field(default_factory=lambda: datetime.now().astimezone())
    started_at: datetime | None = None
    finished_at: datetime | None = None
    started_clock: float | None = None
    finished_clock: float | None = None
    done: int = 0
    total: int | None = None
    message: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[ItemError] = field(default_factory=list)
    error_count: int = 0
    error_text: str = ""
    cancel_requested: bool = False
    log: deque[str] = field(default_factory=lambda: deque(maxlen=MAX_LOG_LINES))
    log_count: int = 0
    hidden: bool = False
    revision: int = 0

    def snapshot(self) -> JobInfo:
        return JobInfo(
            id=self.id,
            title=self.title,
            lane=self.lane,
            state=self.state,
            queued_at=self.queued_at,
            started_at=self.started_at,
            finished_at=self.finished_at,
            done=self.done,
            total=self.total,
            message=self.message,
            counts=MappingProxyType(dict(self.counts)),
            error_count=self.error_count,
            error_text=self.error_text,
            cancel_requested=self.cancel_requested,
            log_count=self.log_count,
            revision=self.revision,
            started_clock=self.started_clock,
            finished_clock=self.finished_clock,
        )


class JobJournal:
    """Thread-safe record of the jobs of the runners it is attached to, newest first."""

    def __init__(
        self,
        runner: TaskRunner | None = None,
        *,
        max_finished: int = MAX_FINISHED_JOBS,
        max_log_lines: int = MAX_LOG_LINES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._lock = threading.RLock()
        self._jobs: dict[int, _Job] = {}
        self._by_task: dict[tuple[int, int], _Job] = {}
        self._next_id = 1
        self._revision = 0
        self._max_finished = max_finished
        self._max_log_lines = max_log_lines
        self._clock = clock
        self._attached: dict[int, tuple[TaskRunner, Callable[..., None], Callable[..., None]]] = {}
        if runner is not None:
            self.attach(runner)

    # ------------------------------------------------------------ runners
    def attach(self, runner: TaskRunner) -> None:
        """Record the jobs of ``runner`` too (e.g. the runner of a newly opened catalog)."""
        key = id(runner)
        if key in self._attached:
            return
        ref = weakref.ref(runner)

        def on_event(event: TaskEvent) -> None:
            self._on_event(key, ref, event)

        def on_report(report: TaskReport) -> None:
            self._on_report(key, ref, report)

        self._attached[key] = (runner, on_event, on_report)
        runner.add_listener(on_event)
        runner.add_report_listener(on_report)

    def detach(self, runner: TaskRunner | None = None) -> None:
        """Stop listening to ``runner`` (all runners when None); its jobs stay recorded."""
        keys = list(self._attached) if runner is None else [id(runner)]
        for key in keys:
            attached = self._attached.pop(key, None)
            if attached is None:
                continue
            found, on_event, on_report = attached
            found.remove_listener(on_event)
            found.remove_report_listener(on_report)

    # ------------------------------------------------------------ reading
    @property
    def revision(self) -> int:
        """Grows whenever anything a reader can see changes."""
        return self._revision

    def jobs(self) -> list[JobInfo]:
        """Snapshots of all recorded jobs, newest first."""
        with self._lock:
            visible = [job for job in self._jobs.values() if not job.hidden]
            return [job.snapshot() for job in sorted(visible, key=lambda j: -j.id)]

    def get(self, job_id: int) -> JobInfo | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return None if job is None or job.hidden else job.snapshot()

    def errors(self, job_id: int) -> list[ItemError]:
        """The per-item errors kept for ``job_id`` (up to ``MAX_ITEM_ERRORS``)."""
        with self._lock:
            job = self._jobs.get(job_id)
            return [] if job is None else list(job.errors)

    def log_lines(self, job_id: int) -> list[str]:
        """The last log lines of ``job_id``, oldest first."""
        with self._lock:
            job = self._jobs.get(job_id)
            return [] if job is None else list(job.log)

    def active(self) -> list[JobInfo]:
        return [job for job in self.jobs() if job.active]

    # ------------------------------------------------------------ commands
    def cancel(self, job_id: int) -> bool:
        """Ask a queued or running job to stop (through its runner's handle)."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.state not in ACTIVE_STATES or job.runner is None:
                return False
            runner = job.runner()
            handle = None if runner is None else runner.tasks.get(job.key[1])
            if handle is None:
                return False
            job.cancel_requested = True
            self._append_log(job, "Cancel requested")
            self._touch(job)
        handle.cancel()
        return True

    def clear_finished(self) -> int:
        """Forget every finished job; returns how many were removed."""
        with self._lock:
            gone = [job for job in self._jobs.values() if job.state not in ACTIVE_STATES]
            for job in gone:
                self._forget(job)
            if gone:
                self._revision += 1
            return len(gone)

    # ------------------------------------------------------------ listening
    def _on_event(self, key: int, ref: weakref.ref[TaskRunner], event: TaskEvent) -> None:
        now = self._clock()
        with self._lock:
            job = self._by_task.get((key, event.task_id))
            if job is None:
                job = self._create(key, ref, event)
            job.title = event.title or job.title
            previous = job.state
            job.state = event.state
            job.done, job.total = event.done, event.total
            if event.message:
                job.message = event.message
            if event.state is TaskState.RUNNING and previous is not TaskState.RUNNING:
                job.started_clock = now
                job.started_at = datetime.now().astimezone()
                self._append_log(job, "Started")
            if event.state not in ACTIVE_STATES and job.finished_clock is None:
                job.finished_clock = now
                job.finished_at = datetime.now().astimezone()
                self._finish(job, event)
            if job.hidden and job.state not in ACTIVE_STATES:
                self._forget(job)
                return
            self._touch(job)
            if job.state not in ACTIVE_STATES:
                self._evict()

    def _on_report(self, key: int, ref: weakref.ref[TaskRunner], report: TaskReport) -> None:
        with self._lock:
            job = self._by_task.get((key, report.task_id))
            if job is None:
                job = self._create_from_report(key, ref, report)
            job.hidden = False
            if report.counts is not None:
                job.counts = dict(report.counts)
            for item, message in report.errors:
                job.error_count += 1
                if len(job.errors) < MAX_ITEM_ERRORS:
                    job.errors.append(ItemError(item, message))
            for line in report.lines:
                self._append_log(job, line)
            self._touch(job)

    def _create(self, key: int, ref: weakref.ref[TaskRunner], event: TaskEvent) -> _Job:
        lane = event.lane
        if lane is None:
            runner = ref()
            handle = None if runner is None else runner.tasks.get(event.task_id)
            lane = None if handle is None else handle.lane
        return self._register(key, ref, event.task_id, event.title, lane)

    def _create_from_report(
        self, key: int, ref: weakref.ref[TaskRunner], report: TaskReport
    ) -> _Job:
        runner = ref()
        handle = None if runner is None else runner.tasks.get(report.task_id)
        title = handle.title if handle is not None else f"Task {report.task_id}"
        job = self._register(
            key, ref, report.task_id, title, handle.lane if handle is not None else None
        )
        if handle is not None:
            job.state = handle.state
            if handle.state is TaskState.RUNNING:
                job.started_clock = self._clock()
                job.started_at = datetime.now().astimezone()
        return job

    def _register(
        self,
        key: int,
        ref: weakref.ref[TaskRunner],
        task_id: int,
        title: str,
        lane: Lane | None,
    ) -> _Job:
        job = _Job(
            id=self._next_id,
            title=title,
            lane=lane,
            runner=ref,
            key=(key, task_id),
            log=deque(maxlen=self._max_log_lines),
            hidden=lane is Lane.READ,
        )
        self._next_id += 1
        self._jobs[job.id] = job
        self._by_task[(key, task_id)] = job
        return job

    def _finish(self, job: _Job, event: TaskEvent) -> None:
        duration = job.snapshot().duration(job.finished_clock)
        took = f" in {format_duration(duration)}" if duration is not None else ""
        if event.state is TaskState.DONE:
            problems = job.error_count
            extra = f" with {plural(problems, 'problem')}" if problems else ""
            self._append_log(job, f"Finished{took}{extra}")
        elif event.state is TaskState.CANCELLED:
            self._append_log(job, "Cancelled before it started" if took == "" else "Cancelled")
        else:
            job.error_text = error_in_words(event.error)
            self._append_log(job, f"Failed: {job.error_text}")

    def _append_log(self, job: _Job, line: str) -> None:
        stamp = datetime.now().strftime("%H:%M:%S")
        for part in str(line).splitlines() or [""]:
            job.log.append(f"{stamp}  {part}")
            job.log_count += 1

    def _touch(self, job: _Job) -> None:
        job.revision += 1
        if not job.hidden:
            self._revision += 1

    def _forget(self, job: _Job) -> None:
        self._jobs.pop(job.id, None)
        if self._by_task.get(job.key) is job:
            del self._by_task[job.key]

    def _evict(self) -> None:
        finished = [
            job for job in self._jobs.values() if job.state not in ACTIVE_STATES and not job.hidden
        ]
        excess = len(finished) - self._max_finished
        if excess > 0:
            for job in sorted(finished, key=lambda j: j.id)[:excess]:
                self._forget(job)


# ---------------------------------------------------------------- words
def plural(count: int, noun: str, nouns: str | None = None) -> str:
    word = noun if count == 1 else (nouns or noun + "s")
    return f"{count:,} {word}"


def error_in_words(error: BaseException | None) -> str:
    """What went wrong, in words a seller can act on."""
    if error is None:
        return "The job stopped with an unknown problem."
    if isinstance(error, TaskCancelled):
        return "Cancelled."
    if isinstance(error, SellerDeskError):
        return str(error)
    detail = str(error).strip()
    kind = type(error).__name__
    if not detail:
        return f"An unexpected problem stopped the job ({kind})."
    return f"{detail} ({kind})"


def counts_summary(counts: Mapping[str, int], error_count: int = 0) -> str:
    """``7 new · 1 updated · 2 problems`` (zero counts are left out)."""
    parts = [f"{value:,} {name.replace('_', ' ')}" for name, value in counts.items() if value]
    if error_count:
        parts.append(plural(error_count, "problem"))
    return " · ".join(parts)


def progress_text(done: int, total: int | None, message: str = "") -> str:
    """``120 of 300 · Reading rows`` (or just the message when the total is unknown)."""
    parts: list[str] = []
    if total:
        parts.append(f"{done:,} of {total:,}")
    elif done:
        parts.append(f"{done:,} so far")
    if message:
        parts.append(message)
    return " · ".join(parts)


def format_duration(seconds: float | None) -> str:
    """``0.4 s``, ``12 s``, ``3 min 05 s``, ``1 h 02 min``; empty when unknown."""
    if seconds is None:
        return ""
    if seconds < 10:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def status_badge_text(journal: JobJournal) -> str:
    """``Importing products…``, ``2 jobs running`` or ``2 jobs running · 1 waiting``; empty when
    nothing runs."""
    active = journal.active()
    running = [job for job in active if job.state is TaskState.RUNNING]
    waiting = len(active) - len(running)
    if not active:
        return ""
    if len(running) == 1 and not waiting:
        return f"{running[0].title}…"
    text = f"{plural(len(running), 'job')} running" if running else ""
    if waiting:
        text = f"{text} · {waiting:,} waiting" if text else f"{plural(waiting, 'job')} waiting"
    return text
