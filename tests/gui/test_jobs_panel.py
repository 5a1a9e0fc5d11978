"""The Jobs panel: live list, details with counts/problems/log, cancel, clear, badge click."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from sellerdesk.core.errors import SellerDeskError
from sellerdesk.gui.job_details import CountTile
from sellerdesk.gui.job_list import JobListModel
from sellerdesk.gui.jobs_panel import JobsPanel, open_panel_on_click
from sellerdesk.gui.ops import TaskBridge
from sellerdesk.gui.task_badge import TaskBadge
from sellerdesk.gui.theme import DARK, LIGHT
from sellerdesk.tasks.jobs import JobJournal
from sellerdesk.tasks.runner import Lane, TaskContext, TaskRunner, TaskState


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown(wait=True)


@pytest.fixture
def window(qtbot: QtBot, runner: TaskRunner) -> Iterator[QMainWindow]:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.bridge = TaskBridge(runner, window)  # type: ignore[attr-defined]
    window.resize(1000, 760)
    yield window
    window.bridge.detach()  # type: ignore[attr-defined]


@pytest.fixture
def journal(runner: TaskRunner) -> Iterator[JobJournal]:
    j = JobJournal(runner)
    yield j
    j.detach()


@pytest.fixture
def panel(window: QMainWindow, journal: JobJournal) -> JobsPanel:
    panel = JobsPanel(journal, window.bridge, LIGHT, window)  # type: ignore[attr-defined]
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
    window.show()
    return panel


def import_task(ctx: TaskContext) -> int:
    ctx.log("Reading supplier_pricelist.xlsx")
    for row in range(1, 21):
        ctx.progress(row, 20, f"Row {row}")
        if row in (4, 17):
            ctx.item_error(f"Row {row} · SKU CER-10{row:02d}", "Price “12,5O” is not a number")
        else:
            ctx.count("new" if row % 3 else "updated")
    return 18


def titles(panel: JobsPanel) -> list[str]:
    return [job.title for job in panel.model.jobs()]


def test_empty_panel_says_what_will_appear(qtbot: QtBot, panel: JobsPanel) -> None:
    assert panel.model.rowCount() == 0
    assert panel.heading.text() == "No jobs"
    assert not panel.cancel_button.isEnabled() and not panel.clear_button.isEnabled()
    assert panel.detail_stack.currentWidget() is panel.placeholder
    image = panel.list.viewport().grab().toImage()
    assert not image.isNull()


def test_finished_import_shows_counts_problems_and_log(
    qtbot: QtBot, panel: JobsPanel, runner: TaskRunner
) -> None:
    handle = runner.submit(import_task, title="Importing supplier_pricelist.xlsx")
    assert handle.result(5) == 18
    qtbot.waitUntil(lambda: bool(panel.model.jobs()) and panel.model.jobs()[0].finished)
    assert titles(panel) == ["Importing supplier_pricelist.xlsx"]
    assert panel.select_job(panel.model.jobs()[0].id)
    details = panel.details
    assert panel.detail_stack.currentWidget() is details
    assert details.title.text() == "Importing supplier_pricelist.xlsx"
    assert details.state.text() == "Done"
    tiles = [
        (tile.number.text(), tile.name.text())
        for tile in details.counts_box.findChildren(CountTile)
    ]
    assert ("12", "new") in tiles and ("6", "updated") in tiles and ("2", "problems") in tiles
    assert details.tabs.tabText(0) == "Problems (2)"
    model = details.errors_model
    assert model.rowCount() == 2
    assert model.index(0, 0).data() == "Row 4 · SKU CER-1004"
    assert model.index(1, 1).data() == "Price “12,5O” is not a number"
    log = details.log.toPlainText()
    assert "Reading supplier_pricelist.xlsx" in log and "Finished in" in log
    assert not details.error.isVisibleTo(panel)
    assert not panel.cancel_button.isEnabled()
    tip = panel.model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert tip.startswith(
        "Importing supplier_pricelist.xlsx, Done, 12 new · 6 updated · 2 problems"
    )


def test_failed_job_shows_the_reason_in_words(
    qtbot: QtBot, panel: JobsPanel, runner: TaskRunner
) -> None:
    def sync(_ctx: TaskContext) -> None:
        raise SellerDeskError("Shopify refused the access token.", "Paste a new token.")

    runner.submit(sync, title="Syncing stock with Shopify", lane=Lane.NETWORK, key="shop")
    qtbot.waitUntil(lambda: bool(panel.model.jobs()) and panel.model.jobs()[0].finished)
    panel.select_job(panel.model.jobs()[0].id)
    assert panel.details.state.text() == "Failed"
    assert panel.details.error.isVisibleTo(panel)
    assert panel.details.error.text() == "Shopify refused the access token. Paste a new token."
    assert panel.details.errors_stack.currentWidget() is panel.details.no_errors


def test_running_job_updates_live_and_cancel_stops_it(
    qtbot: QtBot, panel: JobsPanel, runner: TaskRunner
) -> None:
    started = threading.Event()

    def photos(ctx: TaskContext) -> None:
        for i in range(100_000):
            ctx.progress(i, 100_000, "Resizing photos")
            started.set()
            ctx.check_cancelled()
            time.sleep(0.002)

    handle = runner.submit(photos, title="Resizing product photos")
    waiting = runner.submit(lambda _c: None, title="Exporting eBay CSV")
    assert started.wait(5)
    qtbot.waitUntil(lambda: len(panel.model.jobs()) == 2 and panel.model.jobs()[1].done > 0)
    assert titles(panel) == ["Exporting eBay CSV", "Resizing product photos"]
    first = panel.model.jobs()[1].done
    qtbot.waitUntil(lambda: panel.model.jobs()[1].done > first, timeout=3000)  # live
    assert panel.heading.text() == "2 jobs in progress"
    assert panel.badge_text == "1 job running · 1 waiting"
    panel.grab()  # paints running rows with progress bars

    panel.select_job(panel.model.jobs()[1].id)
    assert panel.details.progress.isVisibleTo(panel)
    assert panel.cancel_button.isEnabled()
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    with pytest.raises(Exception, match="cancelled"):
        handle.result(5)
    assert handle.state is TaskState.CANCELLED
    qtbot.waitUntil(lambda: panel.model.jobs()[1].state is TaskState.CANCELLED)
    assert not panel.cancel_button.isEnabled()
    waiting.result(5)  # the next job in the lane still runs
    qtbot.waitUntil(lambda: panel.badge_text == "")


def test_clear_finished_keeps_running_jobs(
    qtbot: QtBot, panel: JobsPanel, runner: TaskRunner
) -> None:
    gate = threading.Event()
    runner.submit(lambda _c: None, title="Backing up the catalog").result(5)
    runner.submit(lambda _c: gate.wait(5), title="Syncing Etsy", lane=Lane.NETWORK)
    qtbot.waitUntil(lambda: len(panel.model.jobs()) == 2)
    qtbot.waitUntil(panel.clear_button.isEnabled)
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert titles(panel) == ["Syncing Etsy"]
    gate.set()
    qtbot.waitUntil(lambda: panel.model.jobs()[0].finished)


def test_badge_click_opens_the_panel(qtbot: QtBot, window: QMainWindow, panel: JobsPanel) -> None:
    badge = TaskBadge(LIGHT.color("accent"), window)
    badge.show()
    open_panel_on_click(badge, panel)
    panel.hide()
    qtbot.mouseClick(badge, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert panel.isVisible()
    assert panel.toggleViewAction().text() == "&Jobs"


def test_many_jobs_refresh_quickly_and_theme_switches(
    qtbot: QtBot, panel: JobsPanel, runner: TaskRunner, journal: JobJournal
) -> None:
    def chatty(ctx: TaskContext) -> None:
        ctx.report(counts={"exported": 120})
        for i in range(600):
            ctx.log(f"Line {i}")

    for i in range(60):
        runner.submit(chatty, title=f"Export {i}", lane=Lane.NETWORK, key=f"k{i % 4}")
    qtbot.waitUntil(
        lambda: len(panel.model.jobs()) == 60 and all(j.finished for j in panel.model.jobs()),
        timeout=15_000,
    )
    panel.select_job(panel.model.jobs()[0].id)
    lines = panel.details.log.toPlainText().splitlines()
    assert lines[0].startswith("… ") and "earlier lines not kept" in lines[0]
    assert len(lines) == 501
    started = time.perf_counter()
    JobListModel().sync(journal.jobs())
    panel.refresh()
    assert time.perf_counter() - started < 0.25
    panel.set_theme(DARK)
    assert not panel.grab().toImage().isNull()
