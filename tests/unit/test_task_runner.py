"""The task runner: serial writer lane, progress events, cancellation and failures."""

from __future__ import annotations

import threading
import time

import pytest

from sellerdesk.tasks.runner import (
    Lane,
    TaskCancelled,
    TaskContext,
    TaskEvent,
    TaskRunner,
    TaskState,
)


@pytest.fixture
def runner() -> TaskRunner:
    r = TaskRunner()
    yield r
    r.shutdown()


def test_writer_lane_never_overlaps(runner: TaskRunner) -> None:
    active = 0
    peak = 0
    lock = threading.Lock()

    def work(_ctx: TaskContext) -> int:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.02)
        with lock:
            active -= 1
        return 1

    handles = [runner.submit(work, title=f"w{i}", lane=Lane.WRITE) for i in range(5)]
    assert sum(h.result(5) for h in handles) == 5
    assert peak == 1


def test_network_queues_are_serial_per_key_but_parallel_across_keys(runner: TaskRunner) -> None:
    started: dict[str, float] = {}
    gate = threading.Barrier(2, timeout=5)

    def work(ctx: TaskContext, key: str) -> None:
        started[key] = time.monotonic()
        gate.wait()  # both keys must be running at the same time to pass

    a = runner.submit(lambda c: work(c, "shop-a"), title="a", lane=Lane.NETWORK, key="shop-a")
    b = runner.submit(lambda c: work(c, "shop-b"), title="b", lane=Lane.NETWORK, key="shop-b")
    a.result(5)
    b.result(5)
    assert set(started) == {"shop-a", "shop-b"}


def test_progress_and_events(runner: TaskRunner) -> None:
    events: list[TaskEvent] = []
    runner.add_listener(events.append)

    def work(ctx: TaskContext) -> str:
        for i in range(1, 4):
            ctx.progress(i, 3, f"item {i}")
        return "done"

    handle = runner.submit(work, title="count", lane=Lane.READ)
    assert handle.result(5) == "done"
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and not any(e.state is TaskState.DONE for e in events):
        time.sleep(0.01)
    states = [e.state for e in events]
    assert states[0] is TaskState.QUEUED and TaskState.RUNNING in states
    assert events[-1].state is TaskState.DONE and events[-1].result == "done"
    assert any(e.done == 3 and e.total == 3 and e.message == "item 3" for e in events)


def test_cancel_is_honoured_between_items(runner: TaskRunner) -> None:
    processed: list[int] = []
    started = threading.Event()

    def work(ctx: TaskContext) -> None:
        for i in range(1000):
            started.set()
            ctx.check_cancelled()
            processed.append(i)
            time.sleep(0.005)

    handle = runner.submit(work, title="long")
    started.wait(5)
    handle.cancel()
    with pytest.raises(TaskCancelled):
        handle.result(5)
    assert handle.state is TaskState.CANCELLED
    assert 0 < len(processed) < 1000


def test_failure_is_reported_not_raised_in_worker(runner: TaskRunner) -> None:
    def work(_ctx: TaskContext) -> None:
        raise ValueError("bad row 7")

    handle = runner.submit(work, title="fails")
    with pytest.raises(ValueError, match="bad row 7"):
        handle.result(5)
    assert handle.state is TaskState.FAILED
