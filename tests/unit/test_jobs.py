"""The job journal: states, times, counts, per-item errors, logs, limits and cancelling."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.tasks.jobs import (
    JobInfo,
    JobJournal,
    counts_summary,
    error_in_words,
    format_duration,
    progress_text,
    status_badge_text,
)
from sellerdesk.tasks.runner import Lane, TaskContext, TaskRunner, TaskState


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def journal(runner: TaskRunner) -> Iterator[JobJournal]:
    j = JobJournal(runner)
    yield j
    j.detach()


def wait_for(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.005)
    raise AssertionError("condition not met in time")


def only_job(journal: JobJournal) -> JobInfo:
    jobs = journal.jobs()
    assert len(jobs) == 1
    return jobs[0]


def test_finished_import_keeps_counts_errors_log_and_times(
    runner: TaskRunner, journal: JobJournal
) -> None:
    def work(ctx: TaskContext) -> int:
        ctx.log("Reading shop.csv")
        for row in range(1, 11):
            ctx.progress(row, 10, f"Row {row}")
            if row in (4, 9):
                ctx.item_error(f"Row {row}", "price is not a number")
            else:
                ctx.count("new")
        ctx.report(counts={"updated": 1})
        time.sleep(0.02)
        return 8

    before = journal.revision
    handle = runner.submit(work, title="Importing shop.csv")
    assert handle.result(5) == 8
    wait_for(lambda: only_job(journal).state is TaskState.DONE)
    job = only_job(journal)
    assert journal.revision > before
    assert job.title == "Importing shop.csv"
    assert job.lane is Lane.WRITE
    assert dict(job.counts) == {"new": 8, "updated": 1}
    assert job.error_count == 2
    assert [(e.item, e.message) for e in journal.errors(job.id)] == [
        ("Row 4", "price is not a number"),
        ("Row 9", "price is not a number"),
    ]
    assert job.done == 10 and job.total == 10
    assert job.started_at is not None and job.finished_at is not None
    assert job.finished_at >= job.started_at >= job.queued_at
    duration = job.duration()
    assert duration is not None and 0.02 <= duration < 5
    assert job.duration() == duration  # a finished job's duration no longer grows
    assert job.summary == "8 new · 1 updated · 2 problems"
    lines = journal.log_lines(job.id)
    assert lines[0].endswith("Started")
    assert lines[1].endswith("Reading shop.csv")
    assert "Finished in" in lines[-1] and lines[-1].endswith("with 2 problems")
    assert handle.counts == {"new": 8, "updated": 1} and handle.error_count == 2


def test_failed_job_explains_the_error_in_words(runner: TaskRunner, journal: JobJournal) -> None:
    def work(_ctx: TaskContext) -> None:
        raise InvalidValueError("The file has no header row.", "Add column names and try again.")

    handle = runner.submit(work, title="Importing broken.csv")
    with pytest.raises(InvalidValueError):
        handle.result(5)
    wait_for(lambda: only_job(journal).state is TaskState.FAILED)
    job = only_job(journal)
    assert job.error_text == "The file has no header row. Add column names and try again."
    assert job.summary == job.error_text
    assert job.state_label == "Failed"
    assert journal.log_lines(job.id)[-1].endswith(f"Failed: {job.error_text}")


def test_running_job_shows_progress_and_can_be_cancelled(
    runner: TaskRunner, journal: JobJournal
) -> None:
    started = threading.Event()

    def work(ctx: TaskContext) -> None:
        for i in range(1000):
            ctx.progress(i, 1000, "Resizing photos")
            started.set()
            ctx.check_cancelled()
            time.sleep(0.005)

    queued_started = threading.Event()
    handle = runner.submit(work, title="Resizing photos")
    queued = runner.submit(lambda _c: queued_started.set(), title="Exporting")
    started.wait(5)
    wait_for(lambda: journal.jobs()[-1].done > 0)
    running = journal.jobs()[-1]
    assert running.state is TaskState.RUNNING and running.total == 1000
    assert running.fraction is not None and 0 < running.fraction < 1
    assert "of 1,000" in running.summary and "Resizing photos" in running.summary
    assert running.duration() is not None
    waiting = journal.jobs()[0]
    assert waiting.title == "Exporting" and waiting.state is TaskState.QUEUED
    assert waiting.can_cancel
    assert status_badge_text(journal) == "1 job running · 1 waiting"

    assert journal.cancel(waiting.id)
    assert journal.get(waiting.id).state_label == "Cancelling…"  # type: ignore[union-attr]
    assert journal.cancel(running.id)
    with pytest.raises(Exception, match="cancelled"):
        handle.result(5)
    wait_for(lambda: all(job.state is TaskState.CANCELLED for job in journal.jobs()))
    assert not queued_started.is_set()
    assert queued.state is TaskState.CANCELLED
    assert not journal.cancel(running.id)  # nothing left to cancel
    assert journal.get(waiting.id).duration() is None  # type: ignore[union-attr]
    assert status_badge_text(journal) == ""


def test_quick_reads_are_not_jobs_unless_they_report(
    runner: TaskRunner, journal: JobJournal
) -> None:
    runner.submit(lambda _c: 1, title="Loading products", lane=Lane.READ).result(5)

    def export(ctx: TaskContext) -> None:
        ctx.report(counts={"exported": 300})

    runner.submit(export, title="Exporting for eBay", lane=Lane.READ).result(5)
    wait_for(lambda: any(job.finished for job in journal.jobs()))
    assert [job.title for job in journal.jobs()] == ["Exporting for eBay"]
    assert journal.jobs()[0].summary == "300 exported"


def test_log_and_finished_jobs_are_bounded(runner: TaskRunner) -> None:
    journal = JobJournal(runner, max_finished=3, max_log_lines=50)
    try:

        def chatty(ctx: TaskContext) -> None:
            for i in range(200):
                ctx.log(f"line {i}")

        for i in range(5):
            runner.submit(chatty, title=f"Job {i}").result(5)
        wait_for(lambda: len(journal.jobs()) == 3 and journal.jobs()[0].finished)
        jobs = journal.jobs()
        assert [job.title for job in jobs] == ["Job 4", "Job 3", "Job 2"]
        lines = journal.log_lines(jobs[0].id)
        assert len(lines) == 50
        assert lines[-1].endswith("Finished in " + lines[-1].split("Finished in ")[1])
        assert lines[-2].endswith("line 199")
        assert jobs[0].log_count == 202  # Started + 200 lines + Finished
    finally:
        journal.detach()


def test_clear_finished_keeps_running_jobs(runner: TaskRunner, journal: JobJournal) -> None:
    gate = threading.Event()
    runner.submit(lambda _c: None, title="Backing up").result(5)
    handle = runner.submit(lambda _c: gate.wait(5), title="Syncing", lane=Lane.NETWORK)
    wait_for(lambda: len(journal.jobs()) == 2 and journal.jobs()[1].finished)
    assert journal.clear_finished() == 1
    assert [job.title for job in journal.jobs()] == ["Syncing"]
    gate.set()
    handle.result(5)


def test_events_from_many_threads_are_all_recorded(runner: TaskRunner) -> None:
    journal = JobJournal(runner)
    try:

        def work(ctx: TaskContext) -> None:
            for _ in range(100):
                ctx.count("done")
                ctx.log("tick")

        handles = [
            runner.submit(work, title=f"Pushing shop {i}", lane=Lane.NETWORK, key=f"shop-{i}")
            for i in range(6)
        ]
        for handle in handles:
            handle.result(5)
        wait_for(lambda: all(job.finished for job in journal.jobs()) and len(journal.jobs()) == 6)
        assert all(job.counts == {"done": 100} for job in journal.jobs())
        assert all(job.log_count == 102 for job in journal.jobs())
    finally:
        journal.detach()


def test_one_journal_follows_a_second_runner_without_mixing_ids(journal: JobJournal) -> None:
    other = TaskRunner()
    try:
        journal.attach(other)
        other.submit(lambda c: c.report(counts={"new": 2}), title="In the other catalog").result(5)
        wait_for(lambda: len(journal.jobs()) == 1 and journal.jobs()[0].finished)
        journal.detach(other)
        other.submit(lambda _c: None, title="Not recorded").result(5)
        assert [job.title for job in journal.jobs()] == ["In the other catalog"]
    finally:
        other.shutdown()


def test_words() -> None:
    assert format_duration(None) == ""
    assert format_duration(0.42) == "0.4 s"
    assert format_duration(42) == "42 s"
    assert format_duration(185) == "3 min 05 s"
    assert format_duration(3720) == "1 h 02 min"
    assert counts_summary({"new": 7, "updated": 0, "price_changed": 3}, 1) == (
        "7 new · 3 price changed · 1 problem"
    )
    assert progress_text(120, 300, "Reading rows") == "120 of 300 · Reading rows"
    assert progress_text(5, None) == "5 so far"
    assert error_in_words(ValueError("bad row 7")) == "bad row 7 (ValueError)"
    assert error_in_words(KeyError()) == "An unexpected problem stopped the job (KeyError)."
