"""The main window: menus, toolbar, search, the catalog table or its empty state, status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sellerdesk import __version__
from sellerdesk.app import AppContext
from sellerdesk.channels.model import ExportResult
from sellerdesk.config.location import catalog_location_warnings
from sellerdesk.config.settings import Settings
from sellerdesk.core.changes import ChangeSummary
from sellerdesk.core.errors import (
    CatalogOpenError,
    InvalidValueError,
    NotFoundError,
    NothingToDoError,
)
from sellerdesk.db.backups import make_backup
from sellerdesk.gui.banner import BannerArea
from sellerdesk.gui.catalog_model import CatalogTableModel
from sellerdesk.gui.catalog_view import CatalogView
from sellerdesk.gui.channels_dialog import ChannelsDialog
from sellerdesk.gui.column_chooser import fill_column_menu, install_header_menu
from sellerdesk.gui.commands import (
    apply_icons,
    build_menus,
    build_toolbar,
    create_commands,
    set_undo_labels,
)
from sellerdesk.gui.empty_state import EmptyStatePanel, dropped_files
from sellerdesk.gui.error_dialog import ask_after_open_error, show_error
from sellerdesk.gui.feed_export_dialog import FeedExportDialog
from sellerdesk.gui.filter_bar import FilterBar, Filters
from sellerdesk.gui.icons import app_icon, load_icon
from sellerdesk.gui.import_wizard import ImportWizard, importable_file
from sellerdesk.gui.jobs_panel import JobsPanel, open_panel_on_click
from sellerdesk.gui.ops import Op, TaskBridge
from sellerdesk.gui.product_actions import NewProductDialog, confirm_delete
from sellerdesk.gui.product_editor import ProductEditorDock
from sellerdesk.gui.saved_views import SavedView, ViewStore
from sellerdesk.gui.search_box import SearchBox
from sellerdesk.gui.session import (
    CATALOG_FILTER,
    DEMO_PRODUCTS,
    ContextFactory,
    DemoUnavailableError,
    catalog_label,
    context_factory,
    demo_catalog_path,
    fill_demo_task,
    is_demo,
    with_catalog_suffix,
)
from sellerdesk.gui.settings_dialog import SettingsDialog
from sellerdesk.gui.status_bar import CatalogStatusBar
from sellerdesk.gui.theme import LIGHT, Theme, apply_theme, choose_theme
from sellerdesk.gui.window_state import (
    default_settings,
    load_header_state,
    restore_window,
    save_window,
)
from sellerdesk.services.feeds import ChannelState
from sellerdesk.services.media import is_image_file
from sellerdesk.tasks.jobs import JobJournal
from sellerdesk.tasks.runner import Lane, TaskContext

log = logging.getLogger(__name__)

TABLE_PAGE, EMPTY_PAGE = 0, 1
DEFAULT_SIZE = QSize(1400, 860)


class MainWindow(QMainWindow):
    """One catalog at a time; opening another rebuilds the context and closes the old one."""

    #: a different catalog is now shown
    catalog_switched = Signal()
    #: the demo catalog finished filling
    demo_ready = Signal()

    def __init__(
        self,
        ctx: AppContext,
        *,
        theme: Theme = LIGHT,
        settings: QSettings | None = None,
        factory: ContextFactory | None = None,
        persist: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.resize(DEFAULT_SIZE)
        self._theme = theme
        self._settings = settings if settings is not None else default_settings()
        self._factory = factory or context_factory(ctx.paths)
        self._persist = persist
        self._header_restored = False
        self._shown_once = False
        self._filling_demo = False
        self._closed = False
        self.demo_count = DEMO_PRODUCTS
        self._previous_target: str | None = None
        self.last_message: QMessageBox | None = None
        self._current_view: str | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.wizards: list[ImportWizard] = []
        self.last_dialog: QDialog | None = None

        self.commands = create_commands(self, self)
        self.menus = build_menus(self, self.commands)
        self.menus.recent.aboutToShow.connect(self._fill_recent_menu)
        self.menus.edit.aboutToShow.connect(self.update_undo_actions)
        self.search = SearchBox(self)
        self.search.search_changed.connect(self._search)
        self.toolbar = build_toolbar(self, self.commands, self.search)
        self._create_central()
        self.status = CatalogStatusBar(theme, self)
        self.setStatusBar(self.status)
        apply_icons(self.commands, theme)
        self.search.set_icon_color(theme.muted)
        self.setTabOrder(self.search, self.table)

        header_state = load_header_state(self._settings) if persist else None
        self._header_restored = header_state is not None
        self.ctx = ctx
        self.bridge = TaskBridge(ctx.runner, self)
        self.journal = JobJournal()
        self.model = CatalogTableModel(ctx.catalog, self.bridge, theme, self)
        self.jobs_panel = JobsPanel(self.journal, self.bridge, theme, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.jobs_panel)
        self.jobs_panel.hide()
        jobs_toggle = self.jobs_panel.toggleViewAction()
        jobs_toggle.setText("&Jobs")
        jobs_toggle.setShortcut(QKeySequence("Ctrl+J"))
        jobs_toggle.setStatusTip("Imports and other background work, with their progress and logs")
        jobs_toggle.setIcon(load_icon("jobs", theme.text))
        self.menus.view.insertAction(self.commands.refresh, jobs_toggle)
        self.menus.view.insertSeparator(self.commands.refresh)
        self.jobs_toggle = jobs_toggle
        self._badge_opener = open_panel_on_click(self.status.badge, self.jobs_panel)
        self.editor = ProductEditorDock(ctx, self.bridge, theme, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.editor)
        self.resizeDocks([self.editor], [420], Qt.Orientation.Horizontal)
        self.editor.changes_applied.connect(self._editor_changed)
        self.editor.product_requested.connect(self.select_sku)
        editor_toggle = self.editor.toggleViewAction()
        editor_toggle.setText("Product &Editor")
        editor_toggle.setShortcut(QKeySequence("Ctrl+E"))
        editor_toggle.setStatusTip("Every field of the selected product, its photos and history")
        self.menus.view.insertAction(jobs_toggle, editor_toggle)
        self.editor_toggle = editor_toggle
        edit = self.menus.edit
        edit.insertSeparator(self.commands.find)
        for action in (
            self.table.copy_action,
            self.table.paste_action,
            self.table.fill_down_action,
            self.table.clear_action,
        ):
            edit.insertAction(self.commands.find, action)
        edit.insertSeparator(self.commands.find)
        edit.insertAction(self.commands.find, self.table.bulk_edit_action)
        edit.insertSeparator(self.commands.find)
        self.table.bulk_edit_action.setIcon(load_icon("bulk", theme.text))
        self.table.current_product_changed.connect(self.editor.show_product)
        self.table.changes_applied.connect(self.apply_changes)
        self.table.images_dropped.connect(self.attach_photos)
        self.table.status_message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.filter_bar = FilterBar(ctx.catalog, self.bridge, theme, self.centralWidget())
        self.filter_bar.filters_changed.connect(self._apply_filters)
        self._central_layout.insertWidget(1, self.filter_bar)
        self.filter_button = self.filter_bar.menu_button(self.toolbar, "Filter")
        self.filter_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.filter_button.setIcon(load_icon("filter", theme.text))
        search_action = next(
            a for a in self.toolbar.actions() if self.toolbar.widgetForAction(a) is self.search
        )
        self.toolbar.insertWidget(search_action, self.filter_button)
        self.views = ViewStore(self._settings)
        self.menus.views.aboutToShow.connect(self._fill_views_menu)
        self.menus.columns.aboutToShow.connect(
            lambda: fill_column_menu(
                self.menus.columns, self.table.horizontalHeader(), self.reset_columns
            )
        )
        install_header_menu(self.table.horizontalHeader(), self, self.reset_columns)
        if persist:  # after the docks exist, so their places and visibility come back too
            restore_window(self._settings, self)
        self._connect_context(header_state)

    # ================================================================ building
    def _create_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banners = BannerArea(self._theme, central)
        self.table = CatalogView(self._theme, central)
        self.empty_state = EmptyStatePanel(self._theme, central)
        self.empty_state.demo_requested.connect(self.open_demo_catalog)
        self.empty_state.open_requested.connect(self.open_catalog_dialog)
        self.empty_state.files_dropped.connect(self.files_dropped)
        self.stack = QStackedWidget(central)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_state)
        layout.addWidget(self.banners)
        layout.addWidget(self.stack, 1)
        self._central_layout = layout
        self.setCentralWidget(central)

    def set_theme(self, theme: Theme) -> None:
        """Follow an OS light/dark switch (the application palette is set by the caller)."""
        self._theme = theme
        apply_icons(self.commands, theme)
        self.search.set_icon_color(theme.muted)
        self.model.set_theme(theme)
        self.table.set_theme(theme)
        self.empty_state.set_theme(theme)
        self.banners.set_theme(theme)
        self.status.set_theme(theme)
        self.filter_bar.set_theme(theme)
        self.filter_button.setIcon(load_icon("filter", theme.text))
        self.jobs_panel.set_theme(theme)
        self.editor.set_theme(theme)
        for wizard in self.wizards:
            wizard.set_theme(theme)
        self.jobs_toggle.setIcon(load_icon("jobs", theme.text))
        self.table.bulk_edit_action.setIcon(load_icon("bulk", theme.text))

    # ============================================================ the context
    def _connect_context(self, header_state: QByteArray | None) -> None:
        ctx = self.ctx
        self.journal.attach(ctx.runner)
        self.jobs_panel.set_bridge(self.bridge)
        self.editor.set_context(ctx, self.bridge)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        if header_state is not None and not header.restoreState(header_state):
            self._header_restored = False
        self.model.counts_changed.connect(self._update_counts)
        self.model.loading_changed.connect(self._update_counts)
        self.banners.clear()
        for warning in ctx.warnings:
            self.banners.add(warning, "warning")
        if self.showing_demo:
            banner = self.banners.add(
                "This is the demo catalog: sample products to try SellerDesk with. "
                "Nothing you do here touches your own catalog.",
                "info",
            )
            banner.add_action("Back to My Catalog", self.leave_demo)
        label = catalog_label(ctx)
        self.setWindowTitle(f"{label} — SellerDesk")
        self.status.show_catalog(ctx.db.display_name, self.bridge)
        self.commands.backup.setEnabled(ctx.db.path is not None)
        self.search.reset()
        self.filter_bar.set_catalog(ctx.catalog, self.bridge)
        self.filter_bar.refresh_choices()
        self.load_channel_columns()
        # the first load follows the header's (possibly remembered) sort column
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.model.start()
        self.update_undo_actions()
        self._remember(str(ctx.db.path) if ctx.db.path else ctx.db.display_name)

    def switch_catalog(self, target: str) -> bool:
        """Show another catalog; the current one stays open if the new one cannot be opened."""
        try:
            new_ctx = self._factory(target)
        except CatalogOpenError as error:
            log.warning("cannot open catalog %s: %s", target, error)
            if ask_after_open_error(self, error):
                self.open_catalog_dialog()
            return False
        except Exception as error:
            log.exception("opening catalog %s failed", target)
            show_error(self, error, title="Could not open the catalog")
            return False
        header_state = self.table.horizontalHeader().saveState()
        if not self.showing_demo:
            self._previous_target = str(self.ctx.db.path or self.ctx.db.display_name)
        for wizard in list(self.wizards):  # they work on the catalog that is closing
            wizard.reject()
        self._release_context()
        self.ctx = new_ctx
        self.bridge = TaskBridge(new_ctx.runner, self)
        self.model = CatalogTableModel(new_ctx.catalog, self.bridge, self._theme, self)
        self._connect_context(header_state)
        self.catalog_switched.emit()
        return True

    def _release_context(self) -> None:
        old_ctx, old_bridge, old_model = self.ctx, self.bridge, self.model
        old_bridge.detach()
        self.table.setModel(None)
        old_model.deleteLater()
        old_bridge.deleteLater()
        old_ctx.close()
        self.journal.detach(old_ctx.runner)

    def _remember(self, target: str) -> None:
        settings = self.ctx.settings
        settings.remember_catalog(target)
        try:
            settings.save(self.ctx.paths.settings_file)
        except OSError as error:
            log.warning("could not save settings: %s", error)

    # ================================================================ actions
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search(self, text: str) -> None:
        self.model.set_search_text(text)

    def _apply_filters(self, filters: Filters) -> None:
        self.model.set_query(filters.apply(self.model.query))

    def clear_filters(self) -> None:
        self.filter_bar.clear()

    # ============================================================ saved views
    def save_view(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            "Save View",
            "Name this view (columns, search, filters and sort are remembered):",
            text=self._current_view or "",
        )
        name = " ".join(name.split())
        if not ok or not name:
            return
        query = self.model.query
        view = SavedView(
            name=name,
            search=query.text,
            filters=Filters.of(query),
            sort=query.sort,
            descending=query.descending,
            header_state=bytes(self.table.horizontalHeader().saveState().data()),
        )
        self.views.save(view)
        self._current_view = name
        self.statusBar().showMessage(f"View “{name}” saved", 4000)

    def apply_view(self, name: str) -> bool:
        view = self.views.load(name)
        if view is None:
            self.statusBar().showMessage(f"The view “{name}” could not be read", 4000)
            return False
        header = self.table.horizontalHeader()
        if view.header_state:
            header.restoreState(QByteArray(view.header_state))
        self.search.set_text_silently(view.search)
        self.filter_bar.set_filters(view.filters, notify=False)
        query = view.filters.apply(self.model.query)
        self.model.set_query(
            replace(query, text=view.search, sort=view.sort, descending=view.descending)
        )
        self._current_view = name
        self.statusBar().showMessage(f"Showing view “{name}”", 4000)
        return True

    def _fill_views_menu(self) -> None:
        menu = self.menus.views
        menu.clear()
        names = self.views.names()
        for name in names:
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(name == self._current_view)
            action.triggered.connect(lambda _checked=False, n=name: self.apply_view(n))
        if not names:
            menu.addAction("No saved views yet").setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.commands.save_view)
        if names:
            delete = menu.addMenu("Delete View")
            for name in names:
                item = delete.addAction(name)
                item.triggered.connect(lambda _checked=False, n=name: self._delete_view(n))

    def _delete_view(self, name: str) -> None:
        self.views.delete(name)
        if self._current_view == name:
            self._current_view = None

    def reset_columns(self) -> None:
        header = self.table.horizontalHeader()
        for section in range(header.count()):
            header.setSectionHidden(section, False)
            header.moveSection(header.visualIndex(section), section)
        self.table.apply_default_widths()
        self.table.fit_title_column()

    def refresh(self) -> None:
        self.model.refresh()
        self.update_undo_actions()

    def apply_changes(self, summary: ChangeSummary) -> None:
        """Show what a service call changed (only those products) and update Undo/Redo."""
        self.model.refresh(summary)
        self.editor.apply_changes(summary)
        self.update_undo_actions()

    def _editor_changed(self, summary: ChangeSummary) -> None:
        self.model.refresh(summary)
        self.update_undo_actions()

    def select_sku(self, sku: str) -> None:
        """Show product ``sku`` in the table (clearing search and filters if they hide it)."""
        try:
            product_id = self.ctx.catalog.get(sku).id
        except NotFoundError:
            self.statusBar().showMessage(f"{sku} no longer exists", 4000)
            return
        self.editor.show_product(product_id)
        row = self.model.row_of(product_id)
        if row is None and (self.model.query.text or self.filter_bar.filters.active):
            self.search.reset()
            self.filter_bar.clear()
            self.model.set_search_text("")
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def attach_photos(self, product_id: int, files: list[Path]) -> None:
        catalog, media = self.ctx.catalog, self.ctx.media_dir

        def work(_task: TaskContext) -> ChangeSummary:
            return catalog.attach_images(product_id, files, media)

        def done(summary: ChangeSummary) -> None:
            self.apply_changes(summary)
            self.statusBar().showMessage(summary.batch_name or "Photos added", 6000)

        def failed(error: BaseException) -> None:
            show_error(self, error, title="Adding photos failed")

        Op(self, work, bridge=self.bridge).titled("Adding photos").on_success(done).on_failure(
            failed
        ).run()

    def update_undo_actions(self) -> None:
        try:
            undo, redo = self.ctx.catalog.undo_label(), self.ctx.catalog.redo_label()
        except Exception:
            log.exception("could not read the undo history")
            undo = redo = None
        set_undo_labels(self.commands, undo, redo)

    def undo(self) -> None:
        self._replay("Undo", self.ctx.catalog.undo)

    def redo(self) -> None:
        self._replay("Redo", self.ctx.catalog.redo)

    def _replay(self, verb: str, call: Callable[[], ChangeSummary]) -> None:
        def work(_task: TaskContext) -> ChangeSummary:
            return call()

        def done(summary: ChangeSummary) -> None:
            self.apply_changes(summary)
            self.statusBar().showMessage(f"{verb}: {summary.batch_name}", 6000)

        def failed(error: BaseException) -> None:
            self.update_undo_actions()
            if isinstance(error, NothingToDoError):
                self.statusBar().showMessage(error.message, 4000)
            else:
                show_error(self, error, title=f"{verb} failed")

        Op(self, work, bridge=self.bridge).titled(verb).on_success(done).on_failure(failed).run()

    def back_up_now(self) -> None:
        catalog = self.ctx.db.path
        if catalog is None:
            return
        backup_dir = self.ctx.paths.backup_dir

        def work(task: TaskContext) -> Path:
            return make_backup(
                catalog, backup_dir, reason="manual", progress=lambda d, t: task.progress(d, t)
            )

        def done(destination: Path) -> None:
            banner = self.banners.add(f"Backup saved: {destination.name}", "info")
            banner.add_action(
                "Show in Folder",
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(destination.parent))),
            )
            self.statusBar().showMessage(f"Backup saved to {destination}", 8000)

        (
            Op(self, work, bridge=self.bridge)
            .titled("Backing up")
            .with_progress("Backing up the catalog…")
            .on_success(done)
            .run()
        )

    def new_catalog(self) -> None:
        start = str(self.ctx.paths.data_dir / "My catalog.sqlite3")
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            "New Catalog",
            start,
            CATALOG_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not chosen:
            return
        path = with_catalog_suffix(Path(chosen))
        if path.exists():
            answer = QMessageBox.question(
                self,
                "Catalog exists",
                f"“{path.name}” already exists. Open it instead?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.switch_catalog(str(path))

    def open_catalog_dialog(self) -> None:
        start = self.ctx.db.path.parent if self.ctx.db.path else self.ctx.paths.data_dir
        chosen, _ = QFileDialog.getOpenFileName(self, "Open Catalog", str(start), CATALOG_FILTER)
        if chosen:
            self.switch_catalog(chosen)

    def _fill_recent_menu(self) -> None:
        self.menus.recent.clear()
        current = str(self.ctx.db.path) if self.ctx.db.path else None
        recent = [r for r in self.ctx.settings.recent_catalogs if r != current]
        for target in recent:
            action = self.menus.recent.addAction(target)
            action.triggered.connect(lambda _checked=False, t=target: self.switch_catalog(t))
        if not recent:
            self.menus.recent.addAction("No other catalogs yet").setEnabled(False)

    def open_demo_catalog(self) -> None:
        """Switch to the demo catalog, creating and filling it on first use."""
        if not self.showing_demo and not self.switch_catalog(
            str(demo_catalog_path(self.ctx.paths))
        ):
            return
        self.fill_demo_if_empty()

    def fill_demo_if_empty(self) -> None:
        if self._filling_demo or self.ctx.catalog.count() > 0:
            return
        try:
            task = fill_demo_task(self.ctx, self.demo_count)
        except DemoUnavailableError as error:
            show_error(self, error, title="Demo catalog")
            return
        self._filling_demo = True

        def done(summary: ChangeSummary) -> None:
            self._filling_demo = False
            self.apply_changes(summary)
            self.statusBar().showMessage("The demo catalog is ready. Have a look around!", 8000)
            self.demo_ready.emit()

        def stopped(error: BaseException | None = None) -> None:
            self._filling_demo = False
            self.refresh()
            if error is not None:
                show_error(self, error, title="Creating the demo catalog failed")

        (
            Op(self, task, bridge=self.bridge)
            .titled("Creating the demo catalog")
            .with_progress("Creating the demo catalog…")
            .on_success(done)
            .on_failure(stopped)
            .on_cancel(stopped)
            .run()
        )

    @property
    def filling_demo(self) -> bool:
        return self._filling_demo

    @property
    def showing_demo(self) -> bool:
        return is_demo(self.ctx)

    def leave_demo(self) -> None:
        """Back to the catalog open before the demo (or the default catalog)."""
        target = self._previous_target or str(self.ctx.paths.default_catalog)
        self.switch_catalog(target)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About SellerDesk",
            f"<h3>SellerDesk {__version__}</h3>"
            "<p>An offline-first catalog manager for independent online sellers.</p>"
            f"<p>Catalog: {self.ctx.db.display_name}<br>"
            f"Logs: {self.ctx.paths.log_dir}</p>"
            f"<p style='color: gray'>Qt for Python {pyside_version}</p>",
        )

    # ======================================================= adding, deleting
    def new_product(self) -> None:
        dialog = NewProductDialog(parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        catalog = self.ctx.catalog

        def create() -> None:
            values = dialog.values
            if catalog.existing_skus([values["sku"]]):
                show_error(
                    self,
                    InvalidValueError(f"a product with SKU {values['sku']} already exists"),
                    title="New product",
                )
                return

            def work(_task: TaskContext) -> ChangeSummary:
                return catalog.create(values)

            def done(summary: ChangeSummary) -> None:
                self.apply_changes(summary)
                created = summary.created[0] if summary.created else None
                if created is not None:
                    self.editor.show()
                    self.editor.show_product(created)
                    QTimer.singleShot(300, lambda: self.table.select_product(created))
                    self.editor.focus_field("title")

            Op(self, work, bridge=self.bridge).titled("Adding a product").on_success(done).run()

        dialog.accepted.connect(create)
        self.last_dialog = dialog
        dialog.open()

    def delete_products(self) -> None:
        ids = self.table.selected_product_ids()
        if not ids:
            self.statusBar().showMessage("Select the products to delete first", 4000)
            return
        rows = self.ctx.catalog.rows(ids[:1], ("sku",))
        skus = [str(row["sku"]) for row in rows.values()] if len(ids) == 1 else [""] * len(ids)
        if self.ctx.settings.confirm_delete and not confirm_delete(self, skus):
            return
        catalog = self.ctx.catalog

        def work(_task: TaskContext) -> ChangeSummary:
            return catalog.delete(ids)

        def done(summary: ChangeSummary) -> None:
            self.apply_changes(summary)
            self.statusBar().showMessage(f"{summary.batch_name} (Edit ▸ Undo brings it back)", 8000)

        Op(self, work, bridge=self.bridge).titled("Deleting products").on_success(done).on_failure(
            lambda error: self._delete_failed(error)
        ).run()

    def _delete_failed(self, error: BaseException) -> None:
        show_error(self, error, title="Deleting failed")

    # ========================================================== feed channels
    def load_channel_columns(self) -> None:
        """One readiness column per enabled channel (read in the background)."""
        feeds, model = self.ctx.feeds, self.model

        def work(_task: TaskContext) -> list[ChannelState]:
            _ = feeds.channels  # loads the taxonomy and the channel modules off the GUI thread
            return feeds.enabled()

        def done(states: list[ChannelState]) -> None:
            if model is self.model:
                model.set_channels(feeds, states)

        Op(self, work, bridge=self.bridge).titled("Reading channels").in_lane(Lane.READ).on_success(
            done
        ).run()

    def show_channels(self) -> None:
        feeds = self.ctx.feeds
        dialog = ChannelsDialog(feeds.states(), self._theme, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def save(changes: dict[str, tuple[bool, dict[str, str]]]) -> None:
            def work(_task: TaskContext) -> None:
                for key, (enabled, settings) in changes.items():
                    feeds.configure(key, enabled=enabled, settings=settings)

            def done(_result: None) -> None:
                self.load_channel_columns()
                self.editor.reload(force=True)
                self.statusBar().showMessage("Channel settings saved", 4000)

            Op(self, work, bridge=self.bridge).titled("Saving channels").on_success(done).run()

        dialog.channels_saved.connect(save)
        self.last_dialog = dialog
        dialog.open()

    def export_feed(self) -> None:
        feeds = self.ctx.feeds
        folder = self.ctx.db.path.parent if self.ctx.db.path else Path.home()
        dialog = FeedExportDialog(feeds.states(), folder, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def start() -> None:
            key, fmt, target = dialog.key, dialog.fmt, dialog.target
            only_ready = dialog.only_ready.isChecked()

            def work(task: TaskContext) -> ExportResult:
                result = feeds.export(
                    key,
                    target,
                    fmt=fmt,
                    only_ready=only_ready,
                    progress=lambda done, total: task.progress(done, total, "Writing the feed"),
                    cancelled=task.cancelled,
                )
                task.report(
                    counts={"written": result.written, "left out": len(result.skipped)},
                    errors=[(sku, "; ".join(why)) for sku, why in result.skipped[:500]],
                )
                return result

            (
                Op(self, work, bridge=self.bridge)
                .titled(f"Exporting the {feeds.channel(key).label} feed")
                .in_lane(Lane.READ)
                .with_progress("Writing the feed…")
                .on_success(self._feed_exported)
                .on_failure(lambda error: self._feed_failed(error))
                .run()
            )

        dialog.accepted.connect(start)
        self.last_dialog = dialog
        dialog.open()

    def _feed_exported(self, result: ExportResult) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Feed exported")
        box.setText(f"Wrote {result.written:,} items to “{result.path.name}”.")
        if result.skipped:
            lines = [f"{sku}: {'; '.join(why)}" for sku, why in result.skipped[:15]]
            more = len(result.skipped) - len(lines)
            box.setInformativeText(
                f"{len(result.skipped):,} products were left out because the channel would "
                "reject them (the Jobs panel lists them all):\n\n"
                + "\n".join(lines)
                + (f"\n… and {more:,} more" if more > 0 else "")
            )
        show = box.addButton("Show in Folder", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Ok)
        show.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path.parent)))
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_message = box

    def _feed_failed(self, error: BaseException) -> None:
        show_error(self, error, title="Exporting the feed failed")

    def import_dialog(self) -> None:
        start = str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            "Import Products",
            start,
            "Product files (*.csv *.tsv *.txt *.xlsx *.xlsm *.xls *.ods);;All files (*)",
        )
        if chosen:
            self.start_import(Path(chosen))

    def start_import(self, path: Path) -> ImportWizard:
        """Open the import wizard on ``path``."""
        wizard = ImportWizard(self.ctx, self.bridge, self._theme, path, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.import_finished.connect(self._import_finished)
        wizard.import_undone.connect(self.apply_changes)
        wizard.destroyed.connect(lambda _obj=None: self._forget_wizard(wizard))
        self.wizards.append(wizard)
        wizard.open()
        return wizard

    def _forget_wizard(self, wizard: ImportWizard) -> None:
        if wizard in self.wizards:
            self.wizards.remove(wizard)

    def _import_finished(self, _report: object) -> None:
        self.refresh()
        self.filter_bar.refresh_choices()
        self.editor.reload()

    def show_settings(self) -> None:
        dialog = SettingsDialog.for_context(
            self.ctx, self._theme, secrets=self.ctx.secrets, bridge=self.bridge, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settings_changed.connect(self.settings_changed)
        dialog.action_requested.connect(
            lambda key, action: self._settings_action(dialog, key, action)
        )
        self.settings_dialog = dialog
        dialog.open()

    def settings_changed(self, settings: Settings) -> None:
        """Apply saved settings at once: theme, table density, default currency."""
        self.ctx.catalog.default_currency = settings.default_currency
        self.ctx.importer.default_currency = settings.default_currency
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme = choose_theme(settings.theme, app)
            if theme != self._theme:
                apply_theme(app, theme)
                self.set_theme(theme)
        self.table.verticalHeader().setDefaultSectionSize(
            24 if settings.table_density == "compact" else 30
        )

    def _settings_action(self, dialog: SettingsDialog, key: str, action: str) -> None:
        if key != "catalog_location":
            return
        if action == "open":
            dialog.close()
            self.open_catalog_dialog()
        elif action == "move":
            moved = self.move_catalog()
            if moved is not None:
                dialog.set_extra("catalog_location", str(moved))

    def move_catalog(self) -> Path | None:
        """Copy the catalog (consistently, with SQLite's backup API) to a new place, open the
        copy, then remove the old file."""
        current = self.ctx.db.path
        if current is None:
            return None
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Move Catalog To", str(current), CATALOG_FILTER
        )
        if not chosen:
            return None
        target = with_catalog_suffix(Path(chosen))
        if target.resolve() == current.resolve():
            return None
        if target.exists():
            show_error(
                self,
                CatalogOpenError(
                    f"“{target.name}” already exists there", "Choose another name or folder."
                ),
                title="Move catalog",
            )
            return None
        warnings = catalog_location_warnings(target)
        if (
            warnings
            and QMessageBox.question(
                self, "Move catalog", "\n\n".join(warnings) + "\n\nMove it there anyway?"
            )
            != QMessageBox.StandardButton.Yes
        ):
            return None
        try:
            make_backup(current, self.ctx.paths.backup_dir, reason="move", target=target)
        except Exception as error:
            show_error(self, error, title="Moving the catalog failed")
            return None
        if not self.switch_catalog(str(target)):
            return None
        for leftover in (current, *(current.with_name(current.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        self.statusBar().showMessage(f"Catalog moved to {target}", 8000)
        return target

    def open_log_folder(self) -> None:
        folder = self.ctx.paths.log_dir
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # ============================================================ drag & drop
    def files_dropped(self, files: list[Path]) -> None:
        """Product files open the import wizard; photos dropped here (not on a row) explain
        where they go; anything else gets a short message."""
        importable = [f for f in files if importable_file(f)]
        if importable:
            self.start_import(importable[0])
            if len(importable) > 1:
                self.statusBar().showMessage(
                    f"Importing {importable[0].name}; drop the other files one at a time", 8000
                )
            return
        if any(is_image_file(f) for f in files):
            text = "To add photos, drop them on a product's row or on the Product Editor."
        else:
            names = ", ".join(f"“{f.name}”" for f in files[:3])
            text = (
                f"{names} can't be imported. SellerDesk imports CSV, TSV, TXT, XLSX, XLS and "
                "ODS files."
            )
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Nothing to import")
        box.setText(text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_message = box

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.files_dropped(files)

    # ================================================================ status
    def _update_counts(self, *_args: object) -> None:
        model = self.model
        if not model.loaded:
            return
        total, text = model.total_count, model.query.text
        filtered = Filters.of(model.query).active
        self.status.show_counts(total, model.rowCount(), text, filtered)
        if text:
            message = f"No products match “{text}”.\nTry fewer or different words."
        elif filtered:
            message = "No products pass these filters.\nRemove a filter to see more."
        else:
            message = ""
        self.table.set_empty_message(message)
        empty = total == 0 and not text and not filtered
        self.stack.setCurrentIndex(EMPTY_PAGE if empty else TABLE_PAGE)
        self.search.setEnabled(not empty or bool(text))

    @property
    def showing_empty_state(self) -> bool:
        return self.stack.currentIndex() == EMPTY_PAGE

    # ============================================================== lifecycle
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if not self._header_restored:
                self.table.apply_default_widths()
                # once the layout has its final size, let the title take the free room
                QTimer.singleShot(0, self.table.fit_title_column)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def shutdown(self) -> None:
        """Save the layout, detach from the runner and close the catalog (idempotent)."""
        if self._closed:
            return
        self._closed = True
        if self._persist:
            save_window(self._settings, self, self.table.horizontalHeader())
        self.bridge.detach()
        self.table.setModel(None)
        self.ctx.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        event.accept()

    def menu_named(self, title: str) -> QMenu:
        """A top-level menu by its visible title (tests, automation)."""
        for action in self.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and action.text().replace("&", "") == title:
                return menu
        raise KeyError(title)
